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
});
