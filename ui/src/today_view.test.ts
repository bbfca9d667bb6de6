import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type DueItem, type Settings, type Today, type TodayCounts, type TodayPage } from "./api";
import type { Route } from "./nav";
import { PAGE, askTodayAtStart, lateBy, mountTodayView } from "./today_view";
import { syncAppClock } from "./clock";
import { SETTINGS, el, liveSignal } from "./test_backend";

function item(id: number, name: string, kind: "promise" | "cadence", localDue: string, dueAt = "2026-11-23T15:00:00Z"): DueItem {
  return {
    followup: {
      id,
      contactId: id * 10,
      kind,
      step: kind === "cadence" ? 1 : null,
      dueAt,
      timeZone: "America/New_York",
      localDue,
      channel: "call",
      prompt: "Ask about the spring order",
    },
    contactName: name,
    company: "Initech",
    phone: "+1 415 555 0100",
    hook: kind === "promise" ? "the renewal quote" : "",
    progress: { touches: 1, nextTouch: 2, total: 12, cadence: "New prospect", schedule: "anchored" },
  };
}

/** A page holding every row: each part counted as long as it is. */
function wholePage(parts: Today): TodayPage {
  const counts: TodayCounts = {
    promised: parts.promised.length,
    overdue: parts.overdue.length,
    dueNow: parts.dueNow.length,
    laterToday: parts.laterToday.length,
    tomorrow: parts.tomorrow.length,
  };
  return { parts, counts };
}

afterEach(() => clearMocks());

describe("today", () => {
  it("puts promised callbacks on top, marks a late one, and opens the contact", async () => {
    // The app's clock: 12:10 in New York, 2 h 10 min after Grace's promise.
    syncAppClock("2026-11-23T17:10:00Z");
    const today: Today = {
      promised: [
        item(2, "Grace", "promise", "2026-11-23 10:00"),
        item(5, "Katherine", "promise", "2026-11-23 11:40", "2026-11-23T16:40:00Z"),
      ],
      overdue: [item(1, "Ada", "cadence", "2026-11-20 09:00")],
      dueNow: [item(3, "Hedy", "cadence", "2026-11-23 09:00")],
      laterToday: [],
      tomorrow: [item(4, "Radia", "cadence", "2026-11-24 09:00")],
      timeZone: "America/New_York",
    };
    mockIPC((cmd) => {
      if (cmd === "today") return wholePage(today);
      throw `unexpected ${cmd}`;
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    const routes: Route[] = [];
    await mountTodayView(root, liveSignal(), api, (r) => routes.push(r));
    expect(el("#today-due-count").textContent).toBe("4 due now");
    const parts = [...document.querySelectorAll(".due-part")].map((p) => p.id);
    expect(parts).toEqual(["today-promised", "today-overdue", "today-now", "today-tomorrow"]);
    const [grace, katherine] = [...document.querySelectorAll<HTMLElement>("#today-promised .due-item")];
    expect(grace?.classList.contains("is-late")).toBe(true);
    expect(grace?.textContent).toContain("Promised callback · 2 h 10 min late");
    expect(grace?.textContent).toContain("“the renewal quote”");
    expect(grace?.textContent).toContain("Touch 2 of 12");
    expect(katherine?.classList.contains("is-late")).toBe(false);
    expect(katherine?.textContent).toContain("Promised callback");
    expect(katherine?.textContent).not.toContain("late");
    expect(document.activeElement).toBe(grace);
    expect(document.getElementById("today-later")).toBeNull();
    grace?.click();
    expect(routes).toEqual([{ view: "contact", id: 20 }]);
  });

  it("shows the page asked for at start once, then asks afresh", async () => {
    syncAppClock("2026-11-23T17:10:00Z");
    const pages = [
      { promised: [], overdue: [item(1, "Ada", "cadence", "2026-11-20 09:00")], dueNow: [], laterToday: [], tomorrow: [], timeZone: "America/New_York" },
      { promised: [], overdue: [item(6, "Barbara", "cadence", "2026-11-21 09:00")], dueNow: [], laterToday: [], tomorrow: [], timeZone: "America/New_York" },
    ] satisfies Today[];
    let asked = 0;
    mockIPC((cmd) => {
      if (cmd !== "today") throw `unexpected ${cmd}`;
      const page = pages[asked];
      asked += 1;
      return wholePage(page ?? pages[1]!);
    });
    askTodayAtStart(api);
    expect(asked).toBe(1);
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountTodayView(root, liveSignal(), api, () => {});
    expect(asked).toBe(1);
    expect(root.querySelector(".due-item strong")?.textContent).toBe("Ada");
    await mountTodayView(root, liveSignal(), api, () => {});
    expect(asked).toBe(2);
    expect(root.querySelector(".due-item strong")?.textContent).toBe("Barbara");
  });

  it("moves between the rows of every part with the arrows, Home and End", async () => {
    syncAppClock("2026-11-23T17:10:00Z");
    const today: Today = {
      promised: [item(2, "Grace", "promise", "2026-11-23 10:00")],
      overdue: [item(1, "Ada", "cadence", "2026-11-20 09:00")],
      dueNow: [],
      laterToday: [],
      tomorrow: [item(4, "Radia", "cadence", "2026-11-24 09:00")],
      timeZone: "America/New_York",
    };
    mockIPC(() => wholePage(today));
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    const routes: Route[] = [];
    await mountTodayView(root, liveSignal(), api, (r) => routes.push(r));
    const focusedName = () => document.activeElement?.querySelector("strong")?.textContent;
    const press = (key: string, init: KeyboardEventInit = {}) => {
      const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
      document.activeElement?.dispatchEvent(event);
      return event;
    };
    expect(focusedName()).toBe("Grace");
    expect(press("ArrowDown").defaultPrevented).toBe(true);
    expect(focusedName()).toBe("Ada");
    press("ArrowDown");
    expect(focusedName()).toBe("Radia");
    press("ArrowDown");
    expect(focusedName()).toBe("Radia");
    press("Home");
    expect(focusedName()).toBe("Grace");
    press("End");
    expect(focusedName()).toBe("Radia");
    press("ArrowUp");
    expect(focusedName()).toBe("Ada");
    // Alt+arrows are other shortcuts: the focus stays.
    expect(press("ArrowDown", { altKey: true }).defaultPrevented).toBe(false);
    expect(focusedName()).toBe("Ada");
    // The row is a button, so Enter clicks it (the browser's part, which
    // happy-dom does not do: the window test presses the real key).
    expect(document.activeElement?.tagName).toBe("BUTTON");
    (document.activeElement as HTMLButtonElement).click();
    expect(routes).toEqual([{ view: "contact", id: 10 }]);
  });

  it("shows the first page of a long backlog with its full count, and more on asking", async () => {
    syncAppClock("2026-11-23T17:10:00Z");
    const overdue = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => item(from + i, `Contact ${from + i}`, "cadence", "2026-11-20 09:00"));
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "today") {
        expect(args).toEqual({ perPart: PAGE });
        const parts: Today = { promised: [], overdue: overdue(1, PAGE), dueNow: [], laterToday: [], tomorrow: [], timeZone: "America/New_York" };
        return { parts, counts: { promised: 0, overdue: 1234, dueNow: 2, laterToday: 0, tomorrow: 0 } } satisfies TodayPage;
      }
      if (cmd === "today_part") {
        asked.push(args);
        return overdue(PAGE + 1, PAGE);
      }
      throw `unexpected ${cmd}`;
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountTodayView(root, liveSignal(), api, () => {});
    // The counts agree with the tray's: every open step due by now.
    expect(el("#today-due-count").textContent).toBe("1236 due now");
    expect(el("#today-overdue .count").textContent).toBe((1234).toLocaleString());
    expect(document.querySelectorAll("#today-overdue .due-item")).toHaveLength(PAGE);
    expect(el("#today-overdue-more").textContent).toBe(`Show 50 more (${(1184).toLocaleString()} not shown)`);
    el("#today-overdue-more").click();
    await new Promise((r) => setTimeout(r, 0));
    expect(asked).toEqual([{ part: "overdue", offset: PAGE, limit: PAGE }]);
    expect(document.querySelectorAll("#today-overdue .due-item")).toHaveLength(2 * PAGE);
    expect(el("#today-overdue li:last-child strong").textContent).toBe("Contact 100");
    expect(el("#today-overdue-more").textContent).toBe(`Show 50 more (${(1134).toLocaleString()} not shown)`);
  });

  it("says how late in minutes, hours or days", () => {
    expect(lateBy(61)).toBe("1 h 1 min");
    expect(lateBy(120)).toBe("2 h");
    expect(lateBy(47 * 60 + 59)).toBe("47 h 59 min");
    expect(lateBy(3 * 24 * 60 + 5)).toBe("3 days");
  });

  const nothingDue: Today = { promised: [], overdue: [], dueNow: [], laterToday: [], tomorrow: [], timeZone: "UTC" };

  async function emptyToday(settings: Settings, saved: Settings[] = []): Promise<Route[]> {
    mockIPC((cmd, args) => {
      if (cmd === "today") return wholePage(nothingDue);
      if (cmd === "get_settings") return settings;
      if (cmd === "update_settings") {
        const s = (args as { settings: Settings }).settings;
        saved.push(s);
        return s;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    const routes: Route[] = [];
    await mountTodayView(root, liveSignal(), api, (r) => routes.push(r));
    return routes;
  }

  it("explains what to do when nothing is due, and opens the gave-up list filtered", async () => {
    const routes = await emptyToday(SETTINGS);
    expect(el("#today-empty").textContent).toContain("Nothing due today or tomorrow");
    expect(document.getElementById("welcome")).toBeNull();
    el("#today-gave-up").click();
    el("#start-import").click();
    expect(routes).toEqual([{ view: "contacts", attention: "gave_up_early" }, { view: "import" }]);
  });

  it("asks a new user about themselves first, prefilled from the system, then offers three ways to begin", async () => {
    const saved: Settings[] = [];
    const routes = await emptyToday({ ...SETTINGS, yourName: "", yourPhone: "", setUp: false }, saved);
    expect(document.getElementById("today-empty")).toBeNull();
    expect(el<HTMLInputElement>("#welcome-phoneRegion").value).toBe("US");
    expect(el<HTMLInputElement>("#welcome-timeZone").value).toBe("America/New_York");
    el<HTMLInputElement>("#welcome-yourName").value = "Ada Lovelace";
    el<HTMLInputElement>("#welcome-yourPhone").value = "+1 212 555 0100";
    el<HTMLSelectElement>("#welcome-weekends").value = "every";
    el("#welcome-save").click();
    await new Promise((r) => setTimeout(r, 0));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ yourName: "Ada Lovelace", yourPhone: "+1 212 555 0100", weekends: true, setUp: true });
    expect(el("#welcome").textContent).toContain("You're set up, Ada");
    el("#start-add").click();
    expect(routes).toEqual([{ view: "add" }]);
  });

  it("shows a refused setting beside its field and stays", async () => {
    mockIPC((cmd) => {
      if (cmd === "today") return wholePage(nothingDue);
      if (cmd === "get_settings") return { ...SETTINGS, setUp: false };
      throw { kind: "invalid", field: "timeZone", message: "\"Mars/Base\" is not a known time zone" };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountTodayView(root, liveSignal(), api, () => {});
    el("#welcome-save").click();
    await new Promise((r) => setTimeout(r, 0));
    expect(el("#welcome-timeZone-error").textContent).toContain("not a known time zone");
    expect(document.getElementById("welcome-form")).not.toBeNull();
  });
});
