import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type CalendarDay, type CalendarItem, type CalendarRange, type Reschedule } from "./api";
import { addDays, moveWall, rangeFor, shiftAnchor, titleFor } from "./calendar_dates";
import { mountCalendarView } from "./calendar_view";
import type { Route } from "./nav";
import { el, liveSignal, settle } from "./test_backend";

function item(id: number, name: string, time: string, kind: "promise" | "cadence" = "cadence"): CalendarItem {
  return {
    followupId: id,
    contactId: id * 10,
    contactName: name,
    company: "Initech",
    kind,
    channel: "call",
    dueAt: "2026-11-25T14:00:00Z",
    localTime: time,
    theirDue: `2026-11-25 ${time}`,
    timeZone: "America/New_York",
    prompt: "",
  };
}

/** A week (or any range) with `items` on `day`. */
function range(from: string, to: string, day: string, items: CalendarItem[]): CalendarRange {
  const days: CalendarDay[] = [];
  for (let d = from; d < to; d = addDays(d, 1)) {
    const mine = d === day ? items : [];
    days.push({ day: d, count: mine.length, promises: mine.filter((i) => i.kind === "promise").length, items: mine });
  }
  return {
    timeZone: "America/New_York",
    days,
    overdue: [],
    overdueCount: 0,
    followupHours: [{ day: addDays(from, 4), start: "", end: "", localStart: "09:00", localEnd: "10:00" }],
  };
}

interface Calls {
  calendar: [string, string, number][];
  reschedule: [number, string, boolean][];
}

function backend(answer: (id: number, to: string, confirmed: boolean) => Reschedule): Calls {
  const calls: Calls = { calendar: [], reschedule: [] };
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === "get_settings") return { timeZone: "America/New_York" };
    if (cmd === "calendar") {
      const [from, to, perDay] = [a["from"] as string, a["to"] as string, a["perDay"] as number];
      calls.calendar.push([from, to, perDay]);
      return range(from, to, "2026-11-25", [item(7, "Ada Lovelace", "09:30", "promise"), item(8, "Grace Hopper", "14:00")]);
    }
    if (cmd === "reschedule") {
      const call: [number, string, boolean] = [a["followupId"] as number, a["to"] as string, a["confirmed"] as boolean];
      calls.reschedule.push(call);
      return answer(...call);
    }
    throw new Error(`unexpected ${cmd}`);
  });
  return calls;
}

async function mount(): Promise<{ root: HTMLElement; routes: Route[] }> {
  document.body.innerHTML = "";
  const root = document.createElement("div");
  document.body.append(root);
  const routes: Route[] = [];
  await mountCalendarView(root, liveSignal(), api, (r) => routes.push(r));
  await settle();
  // The calendar returns to the view last used: start each test from this week.
  el<HTMLButtonElement>("#calendar-week").click();
  el<HTMLButtonElement>("#calendar-today").click();
  await settle();
  return { root, routes };
}

function key(target: Element, k: string): void {
  target.dispatchEvent(new KeyboardEvent("keydown", { key: k, bubbles: true }));
}

// Monday 23 November 2026 in New York, whatever day the tests run on.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-11-23T15:00:00Z"));
});
afterEach(() => {
  vi.useRealTimers();
  clearMocks();
});

describe("calendar dates", () => {
  it("computes ranges and moves on wall-clock days, never on the webview's zone", () => {
    expect(rangeFor("week", "2026-11-25")).toEqual({ from: "2026-11-23", to: "2026-11-30" });
    expect(rangeFor("month", "2026-11-25")).toEqual({ from: "2026-10-26", to: "2026-12-07" });
    expect(rangeFor("day", "2026-11-01")).toEqual({ from: "2026-11-01", to: "2026-11-02" });
    expect(shiftAnchor("month", "2026-01-31", -1)).toBe("2025-12-01");
    expect(moveWall("2026-10-31 09:00", 1, 0)).toBe("2026-11-01 09:00");
    expect(moveWall("2026-11-25 23:30", 0, 1)).toBe("2026-11-26 00:30");
    expect(titleFor("week", "2026-11-25")).toBe("23 – 29 Nov 2026");
    expect(titleFor("week", "2026-12-30")).toBe("28 Dec – 3 Jan 2027");
  });
});

describe("calendar", () => {
  it("opens the follow-up hour from its block", async () => {
    backend(() => ({ outcome: "needsConfirmation", reason: "" }));
    const { routes } = await mount();
    el<HTMLButtonElement>(".cal-slot.in-hour .cal-hour-label").click();
    expect(routes).toEqual([{ view: "hour" }]);
  });

  it("shows the week in the user's zone with promises marked and the follow-up hour", async () => {
    const calls = backend(() => ({ outcome: "needsConfirmation", reason: "" }));
    const { root } = await mount();
    expect(calls.calendar[0]?.[2]).toBeGreaterThan(10);
    const ada = el<HTMLButtonElement>('.cal-item[data-followup-id="7"]');
    expect(ada.classList.contains("is-promise")).toBe(true);
    expect(ada.closest<HTMLElement>(".cal-slot")?.dataset.wall).toBe("2026-11-25 09:00");
    expect(root.querySelector('.cal-slot.in-hour[data-wall$=" 09:00"]')?.textContent).toContain("Follow-up hour 09:00–10:00");
    el<HTMLButtonElement>("#calendar-next").click();
    await settle();
    expect(calls.calendar.at(-1)?.slice(0, 2)).toEqual(["2026-11-30", "2026-12-07"]);
    el<HTMLButtonElement>("#calendar-month").click();
    await settle();
    expect(calls.calendar.at(-1)?.[2]).toBe(4);
  });

  it("moves with the keyboard: Space, a day right, an hour down, Enter", async () => {
    const calls = backend((id) => ({
      outcome: "moved",
      followup: { id, contactId: 70, kind: "promise", step: null, dueAt: "", timeZone: "UTC", localDue: "", channel: "call", prompt: "" },
      moved: null,
    }));
    await mount();
    const ada = el<HTMLButtonElement>('.cal-item[data-followup-id="7"]');
    ada.focus();
    key(ada, " ");
    key(ada, "ArrowRight");
    key(ada, "ArrowDown");
    expect(el(".cal-slot.drop-target").getAttribute("data-wall")).toBe("2026-11-26 10:00");
    expect(el("#calendar-status").textContent).toContain("Thu 26 Nov 10:30");
    key(ada, "Enter");
    await settle();
    expect(calls.reschedule).toEqual([[7, "2026-11-26 10:30", false]]);
    expect(el("#calendar-status").textContent).toContain("Moved to Thu 26 Nov 10:30");
  });

  it("asks before moving outside their best time, and Esc or Keep changes nothing", async () => {
    const calls = backend((id, to, confirmed) =>
      confirmed
        ? { outcome: "moved", followup: { id, contactId: 80, kind: "cadence", step: 1, dueAt: "", timeZone: "UTC", localDue: to, channel: "call", prompt: "" }, moved: null }
        : { outcome: "needsConfirmation", reason: "21:00 is outside working hours (08:00–18:00 their time). Move it anyway?" },
    );
    await mount();
    const grace = el<HTMLButtonElement>('.cal-item[data-followup-id="8"]');
    key(grace, " ");
    key(grace, "Escape");
    expect(calls.reschedule).toEqual([]);
    key(grace, "m");
    const input = el<HTMLInputElement>("#calendar-move-to");
    expect(input.value).toBe("2026-11-25 14:00");
    input.value = "2026-11-25 21:00";
    el<HTMLFormElement>("#calendar-move-form").requestSubmit();
    await settle();
    expect(el("#calendar-question").textContent).toContain("outside working hours");
    el<HTMLButtonElement>("#calendar-keep").click();
    expect(calls.reschedule).toEqual([[8, "2026-11-25 21:00", false]]);
    key(el('.cal-item[data-followup-id="8"]'), "m");
    el<HTMLFormElement>("#calendar-move-form").requestSubmit();
    await settle();
    el<HTMLButtonElement>("#calendar-confirm").click();
    await settle();
    expect(calls.reschedule.at(-1)).toEqual([8, "2026-11-25 14:00", true]);
  });

  it("says where a move typed inside a DST jump was set, not the time typed", async () => {
    const said = "There is no 02:30 on Sun 14 Mar 2027 in America/New_York (clocks jump forward that night): moved to 03:00.";
    backend((id) => ({
      outcome: "moved",
      followup: { id, contactId: 80, kind: "cadence", step: 1, dueAt: "", timeZone: "UTC", localDue: "", channel: "call", prompt: "" },
      moved: said,
    }));
    await mount();
    key(el('.cal-item[data-followup-id="8"]'), "m");
    el<HTMLInputElement>("#calendar-move-to").value = "2027-03-14 02:30";
    el<HTMLFormElement>("#calendar-move-form").requestSubmit();
    await settle();
    expect(el("#calendar-status").textContent).toBe(said);
  });

  it("opens the contact on click or Enter", async () => {
    backend(() => ({ outcome: "needsConfirmation", reason: "" }));
    const { routes } = await mount();
    el<HTMLButtonElement>('.cal-item[data-followup-id="8"]').click();
    key(el('.cal-item[data-followup-id="7"]'), "Enter");
    expect(routes).toEqual([
      { view: "contact", id: 80 },
      { view: "contact", id: 70 },
    ]);
  });
});
