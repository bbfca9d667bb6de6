import { describe, expect, it } from "vitest";
import { spokenSeconds, voicemailScript, whenSpoken } from "./voicemail";

describe("voicemail script", () => {
  const script = voicemailScript({
    contactName: "Grace Hopper",
    yourName: "Sam Seller",
    yourPhone: "+1 415 555 0123",
    hook: "the renewal quote you asked for.",
    promise: "tomorrow at 10:00",
  });

  it("says who you are and your number at the start and again at the end", () => {
    expect(script.startsWith("Hi Grace, it's Sam Seller, +1 415 555 0123.")).toBe(true);
    expect(script.endsWith("Again, Sam Seller, +1 415 555 0123. Talk soon.")).toBe(true);
  });

  it("carries the hook in one sentence and the promise", () => {
    expect(script).toContain("I'm calling about the renewal quote you asked for.");
    expect(script).toContain("If I don't hear from you, I'll call you back tomorrow at 10:00.");
  });

  it("stays under thirty seconds", () => {
    expect(spokenSeconds(script)).toBeLessThanOrEqual(30);
    expect(spokenSeconds("one two three four five")).toBe(2);
  });

  it("says when in words", () => {
    expect(whenSpoken("2026-11-24 10:00", "2026-11-23")).toBe("tomorrow at 10:00");
    expect(whenSpoken("2026-11-23T16:00", "2026-11-23")).toBe("today at 16:00");
    expect(whenSpoken("2026-11-30 09:15", "2026-11-27")).toBe("on Monday at 09:15");
  });

  it("counts from the listener's date: a Monday callback left on a Friday is not tomorrow", () => {
    expect(whenSpoken("2026-12-07 10:00", "2026-12-04")).toBe("on Monday at 10:00");
    // Across a month end and a year end.
    expect(whenSpoken("2026-12-01 08:00", "2026-11-30")).toBe("tomorrow at 08:00");
    expect(whenSpoken("2027-01-01 08:00", "2026-12-31")).toBe("tomorrow at 08:00");
    // Across New York's and Berlin's DST changes, whatever zone runs the test.
    expect(whenSpoken("2027-03-15 09:00", "2027-03-14")).toBe("tomorrow at 09:00");
    expect(whenSpoken("2027-03-29 09:00", "2027-03-28")).toBe("tomorrow at 09:00");
  });

  it("names the date when the callback is a week or more away", () => {
    expect(whenSpoken("2026-12-14 09:15", "2026-12-04")).toBe("on Monday 14 December at 09:15");
  });
});
