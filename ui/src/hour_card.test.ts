import { describe, expect, it } from "vitest";
import { lastTouchText } from "./hour_card";

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
