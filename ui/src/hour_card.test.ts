import { describe, expect, it } from "vitest";
import type { QueueEntry } from "./api";
import { hourCard } from "./hour_card";
import { lastTouchText } from "./labels";

/** A local wall time, wherever the test runs. */
const local = (y: number, m: number, d: number, h: number, min = 0) => new Date(y, m - 1, d, h, min);

describe("last touch", () => {
  it("counts calendar days, not 24-hour periods", () => {
    const wednesday = local(2026, 12, 9, 9);
    expect(lastTouchText(local(2026, 12, 7, 17).toISOString(), wednesday)).toBe("Last touch 2 days ago");
    expect(lastTouchText(local(2026, 12, 8, 23, 30).toISOString(), wednesday)).toBe("Last touch yesterday");
    expect(lastTouchText(local(2026, 12, 9, 0, 5).toISOString(), wednesday)).toBe("Last touch today");
    expect(lastTouchText(null, wednesday)).toBe("Never contacted");
  });

  it("holds across a month end and a change of clocks", () => {
    expect(lastTouchText(local(2026, 11, 30, 18).toISOString(), local(2026, 12, 1, 8))).toBe("Last touch yesterday");
    expect(lastTouchText(local(2027, 3, 27, 12).toISOString(), local(2027, 3, 29, 12))).toBe("Last touch 2 days ago");
    expect(lastTouchText(local(2027, 3, 13, 12).toISOString(), local(2027, 3, 15, 12))).toBe("Last touch 2 days ago");
  });
});

describe("best time on the card", () => {
  const entry: QueueEntry = {
    contactId: 1,
    contactName: "Grace Hopper",
    company: "",
    reason: "overdue",
    followup: null,
    hook: "",
    lastNotes: "",
    lastTouchAt: null,
    preferredChannels: [],
    bestTimes: [],
    learnedTime: null,
    timeZone: "Europe/Berlin",
    phone: null,
    prompt: "",
    idea: "",
    progress: { touches: 5, nextTouch: 6, total: 12, cadence: "New prospect", schedule: "anchored" },
  };
  const best = (e: QueueEntry) => hourCard(e, new Date(2026, 11, 9, 9)).querySelector("#hour-best dd")?.textContent;

  it("says what their calls taught, with why, beside what they asked for", () => {
    const learned = {
      band: { fromHour: 0, toHour: 8, label: "before 08:00" },
      count: { calls: 5, answered: 4 },
      suggested: "07:45",
      from: "this_contact" as const,
      why: "answered 4 of 5 calls before 08:00",
    };
    expect(best(entry)).toBe("Any time in their working hours (Europe/Berlin)");
    expect(best({ ...entry, learnedTime: learned })).toBe(
      "From your calls: around 07:45 their time — answered 4 of 5 calls before 08:00",
    );
    expect(best({ ...entry, learnedTime: learned, bestTimes: [{ days: [], start: "16:00", end: "17:00" }] })).toBe(
      "16:00–17:00 their time (Europe/Berlin). From your calls: around 07:45 their time — answered 4 of 5 calls before 08:00",
    );
  });
});
