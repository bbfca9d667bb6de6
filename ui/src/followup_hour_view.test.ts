import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type ContactPlan, type FollowUp, type HourSummary, type QueueEntry, type QueueItem, type QueueReason, type ReengageList } from "./api";
import { mountFollowupHourView } from "./followup_hour_view";
import type { Route } from "./nav";
import { el, liveSignal, settle } from "./test_backend";

const progress = { touches: 3, nextTouch: 4, total: 12, cadence: "New prospect", schedule: "anchored" as const };

function followup(id: number, kind: "promise" | "cadence", localDue: string): FollowUp {
  return { id, contactId: id * 10, kind, step: null, dueAt: "2026-11-30T15:00:00Z", timeZone: "America/New_York", localDue, channel: "call", prompt: "" };
}

function entry(id: number, name: string, reason: QueueReason): QueueEntry {
  return {
    contactId: id * 10,
    contactName: name,
    company: "Initech",
    reason,
    followup: reason === "reengage" ? null : followup(id, reason === "promise" ? "promise" : "cadence", "2026-11-30 10:00"),
    hook: reason === "promise" ? "the renewal quote" : "",
    lastNotes: "Wants the spring catalogue",
    lastTouchAt: "2026-11-20T15:00:00Z",
    preferredChannels: ["call"],
    bestTimes: [{ days: ["tue", "thu"], start: "08:00", end: "09:30" }],
    learnedTime: null,
    timeZone: "America/New_York",
    phone: "+1 415 555 0100",
    prompt: "Ask how the pilot went",
    idea: "Send a handwritten card",
    progress,
  };
}

function item(e: QueueEntry): QueueItem {
  return { contactId: e.contactId, contactName: e.contactName, company: e.company, reason: e.reason, followupId: e.followup?.id ?? null, lastTouchAt: e.lastTouchAt };
}

const queue = [entry(1, "Grace Hopper", "promise"), entry(2, "Ada Lovelace", "overdue"), entry(3, "Hedy Lamarr", "reengage")];

const plan: ContactPlan = {
  progress,
  cadenceId: 1,
  next: null,
  promises: [],
  upcoming: [],
  suggestion: null,
  learnedTime: null,
  stage: "prospect",
  touches: [],
  promiseDefault: "2026-11-30 16:00",
  theirToday: "2026-11-27",
};

const reengage: ReengageList = {
  afterDays: 30,
  items: [
    { contactId: 90, contactName: "Old Customer", company: "Acme", stage: "customer", lastTouchAt: null, daysSince: null, nextDueAt: null },
    { contactId: 91, contactName: "Older Customer", company: "Initech", stage: "customer", lastTouchAt: null, daysSince: null, nextDueAt: null },
  ],
  total: 2,
};

let calls: { cmd: string; args: Record<string, unknown> }[];
let root: HTMLElement;

beforeEach(() => {
  calls = [];
  document.body.innerHTML = "";
  root = document.createElement("main");
  document.body.append(root);
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    switch (cmd) {
      case "followup_hour_queue":
        return queue.map(item);
      case "followup_hour_card": {
        const card = queue.find((e) => e.contactId === a["contactId"]);
        if (!card || card.reason !== a["reason"] || (card.followup?.id ?? null) !== a["followupId"]) throw "no such card";
        return card;
      }
      case "get_settings":
        return { timeZone: "America/New_York", followupHourDay: "fri", followupHourStart: "09:00", followupHourEnd: "10:00" };
      case "reengagement":
        return reengage;
      case "schedule_reengagement":
        return [followup(9, "cadence", "2026-12-01 09:00"), followup(8, "cadence", "2026-12-02 09:00")];
      case "contact_plan":
        return plan;
      case "log_touch":
        return { touch: {}, next: null, progress };
      case "followup_hour_summary": {
        const summary: HourSummary = {
          touches: 1,
          calls: 1,
          conversations: 0,
          voicemails: [{ contactId: 10, contactName: "Grace Hopper", promise: followup(11, "promise", "2026-12-01 16:00") }],
          nextSteps: [],
          skipped: [{ contactId: 20, contactName: "Ada Lovelace" }, { contactId: 30, contactName: "Hedy Lamarr" }],
        };
        return summary;
      }
      default:
        throw `unexpected ${cmd}`;
    }
  });
});
afterEach(() => clearMocks());

describe("follow-up hour", () => {
  it("with nothing queued, says what to do with the hour that is true for the list below it", async () => {
    const answer = (cmd: string, waiting: ReengageList) => {
      if (cmd === "followup_hour_queue") return [];
      if (cmd === "get_settings") return { timeZone: "UTC", followupHourDay: "fri", followupHourStart: "09:00", followupHourEnd: "10:00" };
      if (cmd === "reengagement") return waiting;
      throw `unexpected ${cmd}`;
    };
    mockIPC((cmd) => answer(cmd, reengage));
    await mountFollowupHourView(root, liveSignal(), api, () => {});
    expect(el("#hour-empty-hint").textContent).toContain("customers below");
    mockIPC((cmd) => answer(cmd, { afterDays: 30, items: [], total: 0 }));
    await mountFollowupHourView(root, liveSignal(), api, () => {});
    expect(el("#hour-empty-hint").textContent).not.toContain("below");
    expect(el("#reengage-empty").textContent).toContain("heard from you recently");
  });

  it("walks the queue one contact at a time and ends with what was promised", async () => {
    const routes: Route[] = [];
    await mountFollowupHourView(root, liveSignal(), api, (r) => routes.push(r));
    expect(el("#hour-queue-count").textContent).toBe("3 to call");
    expect(el("#hour-queue").textContent).toContain("Grace Hopper · Promised callback");
    expect(el("#hour-queue").textContent).toMatch(/Hedy Lamarr · Last touch \d+ days ago/);
    expect(el("#reengage-list").textContent).toContain("Never contacted");
    // Each card is read when the hour reaches its contact, not with the queue.
    expect(calls.some((c) => c.cmd === "followup_hour_card")).toBe(false);

    el<HTMLButtonElement>("#hour-start").click();
    await settle();
    expect(el("#hour-position").textContent).toBe("1 of 3");
    expect(el("#hour-contact-name").textContent).toBe("Grace Hopper");
    expect(el("#hour-reason").textContent).toBe("Promised callback");
    expect(el("#hour-hook").textContent).toContain("the renewal quote");
    expect(el("#hour-phone").textContent).toBe("+1 415 555 0100");
    expect(el("#hour-best").textContent).toContain("Tue, Thu 08:00–09:30 their time (America/New_York)");
    expect(el("#hour-prompt").textContent).toContain("Ask how the pilot went");
    expect(el("#hour-idea").textContent).toContain("handwritten card");
    expect(document.activeElement?.id).toBe("log-outcome");
    // The compact form: no cadence switch or timeline to scroll past.
    expect(document.getElementById("enrol-cadence")).toBeNull();

    el<HTMLFormElement>("#log-form").requestSubmit();
    await settle();
    expect(calls.filter((c) => c.cmd === "log_touch")).toHaveLength(1);
    expect(el("#hour-contact-name").textContent).toBe("Ada Lovelace");

    el("#hour-card").dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", altKey: true, bubbles: true }));
    await settle();
    expect(el("#hour-position").textContent).toBe("3 of 3");
    expect(el("#hour-reason").textContent).toBe("Not contacted for a while");
    expect(calls.filter((c) => c.cmd === "followup_hour_card").map((c) => c.args["contactId"])).toEqual([10, 20, 30]);

    el<HTMLButtonElement>("#hour-end").click();
    await settle();
    const asked = calls.find((c) => c.cmd === "followup_hour_summary");
    expect(asked?.args["skipped"]).toEqual([20, 30]);
    expect(el("#hour-voicemails").textContent).toBe("1 voicemail left");
    expect(el("#hour-summary-voicemails").textContent).toContain("Grace Hopper — you promised to call back Tue 1 Dec, 16:00 their time");
    expect(el("#hour-summary-skipped").textContent).toContain("Hedy Lamarr");
    el<HTMLButtonElement>("#hour-done").click();
    expect(routes).toEqual([{ view: "today" }]);
  });

  it("moves along the re-engagement list with the arrows", async () => {
    await mountFollowupHourView(root, liveSignal(), api, () => {});
    const [first, second] = [...document.querySelectorAll<HTMLButtonElement>("#reengage-list .reengage-item")];
    first?.focus();
    first?.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown", bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(second);
    second?.dispatchEvent(new KeyboardEvent("keydown", { key: "Home", bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(first);
  });

  it("adds ten re-engagement calls to this week and says on which days", async () => {
    await mountFollowupHourView(root, liveSignal(), api, () => {});
    el<HTMLButtonElement>("#reengage-add").click();
    await settle();
    expect(calls.some((c) => c.cmd === "schedule_reengagement")).toBe(true);
    expect(el("#reengage-status").textContent).toBe("Added 2 calls: Tue 1 Dec (1), Wed 2 Dec (1).");
    // They are in this week's queue now: it is asked for again.
    expect(calls.filter((c) => c.cmd === "followup_hour_queue")).toHaveLength(2);
  });
});
