import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type ContactPlan, type TouchInput } from "./api";
import { mountFollowupPanel, progressText } from "./followup_panel";
import { el, liveSignal, settle } from "./test_backend";

function plan(nextTouch: number): ContactPlan {
  return {
    progress: { touches: nextTouch - 1, nextTouch, total: 12, cadence: "New prospect", schedule: "anchored" },
    cadenceId: 1,
    next: {
      id: 1,
      contactId: 7,
      kind: "cadence",
      step: nextTouch - 1,
      dueAt: "2026-11-24T14:00:00Z",
      timeZone: "America/New_York",
      localDue: "2026-11-24 09:00",
      channel: "call",
      prompt: "Ask what made them take your card",
    },
    promises: [],
    upcoming: [],
    suggestion: { when: "2026-11-26 09:00", timeZone: "America/New_York", channel: "email", prompt: "Send what you promised" },
    touches: [],
    promiseDefault: "2026-11-24 10:00",
    theirToday: "2026-11-23",
    learnedTime: null,
    stage: "prospect",
  };
}

let logged: TouchInput[];
let movedTimes: string[] = [];
beforeEach(() => {
  document.body.innerHTML = "";
  logged = [];
  let current = plan(1);
  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, unknown>;
    if (cmd === "contact_plan") return current;
    if (cmd === "cadences") return [];
    if (cmd === "get_settings") {
      return { phoneRegion: "US", timeZone: "America/New_York", callTime: "09:00", weekends: false, firstTouchesPerDay: 10, digestTime: "08:00", yourName: "Sam Seller", yourPhone: "+1 415 555 0123", startAtLogin: false, followupHourDay: "fri", followupHourStart: "09:00", followupHourEnd: "10:00", reengageAfterDays: 30 };
    }
    if (cmd === "log_touch") {
      logged.push(a["input"] as TouchInput);
      current = plan(2);
      return { touch: {}, next: current.next, progress: current.progress, moved: movedTimes };
    }
    throw `unexpected ${cmd}`;
  });
});
afterEach(() => clearMocks());

describe("follow-up panel", () => {
  it("says touch N of M with the cadence", () => {
    expect(progressText(plan(3).progress)).toBe("Touch 3 of 12 · New prospect (anchored)");
    expect(progressText({ touches: 4, nextTouch: 5, total: null, cadence: "Nurture", schedule: "rolling" })).toBe(
      "Touch 5 · Nurture (rolling)",
    );
  });

  it("logs a touch that follows the cadence and shows the new count", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    await mountFollowupPanel(root, liveSignal(), api, 7);
    expect(el("#touch-progress").textContent).toBe("Touch 1 of 12 · New prospect (anchored)");
    expect(el("#log-next-cadence").closest("fieldset")?.textContent).toContain("Email");
    (el("#log-hook") as HTMLInputElement).value = "Thursday after 4";
    el<HTMLFormElement>("#log-form").requestSubmit();
    await settle();
    expect(logged).toHaveLength(1);
    expect(logged[0]?.next).toEqual({ kind: "cadence" });
    expect(logged[0]?.outcome).toBe("no_answer");
    expect(logged[0]?.hook).toBe("Thursday after 4");
    expect(el("#touch-progress").textContent).toBe("Touch 2 of 12 · New prospect (anchored)");
  });

  it("says where a time typed inside a DST jump was set", async () => {
    movedTimes = ["There is no 02:15 on Sun 14 Mar 2027 in America/New_York (clocks jump forward that night): the next step is set for 03:00."];
    const root = document.createElement("div");
    document.body.append(root);
    await mountFollowupPanel(root, liveSignal(), api, 7);
    el<HTMLFormElement>("#log-form").requestSubmit();
    await settle();
    movedTimes = [];
    expect(el("#log-status").textContent).toContain("There is no 02:15 on Sun 14 Mar 2027 in America/New_York");
    expect(el("#log-status").textContent).toMatch(/^Logged\. Next: /);
  });

  it("suggests closing for a lost outcome and takes it back for another outcome", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    await mountFollowupPanel(root, liveSignal(), api, 7);
    const outcome = el<HTMLSelectElement>("#log-outcome");
    outcome.value = "lost";
    outcome.dispatchEvent(new Event("change"));
    expect(el<HTMLInputElement>("#log-next-close").checked).toBe(true);
    expect(el<HTMLSelectElement>("#log-close-reason").value).toBe("lost");
    outcome.value = "connected";
    outcome.dispatchEvent(new Event("change"));
    expect(el<HTMLInputElement>("#log-next-cadence").checked).toBe(true);
  });

  it("a voicemail shows the script and sends the promised callback", async () => {
    const root = document.createElement("div");
    document.body.append(root);
    await mountFollowupPanel(root, liveSignal(), api, 7, "Grace Hopper");
    expect(el("#log-voicemail").hidden).toBe(true);
    const outcome = el<HTMLSelectElement>("#log-outcome");
    outcome.value = "left_voicemail";
    outcome.dispatchEvent(new Event("change"));
    expect(el("#log-voicemail").hidden).toBe(false);
    const hook = el<HTMLInputElement>("#log-hook");
    hook.value = "the renewal quote";
    hook.dispatchEvent(new Event("input"));
    expect(el("#voicemail-script").textContent).toBe(
      "Hi Grace, it's Sam Seller, +1 415 555 0123. I'm calling about the renewal quote. " +
        "If I don't hear from you, I'll call you back tomorrow at 10:00. Again, Sam Seller, +1 415 555 0123. Talk soon.",
    );
    expect(el("#voicemail-length").textContent).toMatch(/^About \d+ seconds spoken\.$/);
    el<HTMLFormElement>("#log-form").requestSubmit();
    await settle();
    expect(logged[0]?.promise).toBe("2026-11-24 10:00");
    expect(logged[0]?.outcome).toBe("left_voicemail");
  });
});
