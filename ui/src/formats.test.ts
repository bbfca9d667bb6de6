import { describe, expect, it } from "vitest";
import { formatDate } from "./formats";

describe("formatDate", () => {
  it("gives the text toLocaleString gives, for every shape the views use, whatever came before", () => {
    const shapes: Intl.DateTimeFormatOptions[] = [
      { weekday: "short", day: "numeric", month: "short" },
      { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" },
      { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" },
      { day: "numeric", month: "short" },
      { hour: "2-digit", minute: "2-digit" },
      { weekday: "long", timeZone: "UTC" },
      { day: "numeric", month: "long", timeZone: "UTC" },
    ];
    const dates = ["2026-03-08T06:59:00Z", "2026-12-31T23:30:00Z", "2028-02-29T12:00:00Z"].map((iso) => new Date(iso));
    // Twice round: the second time each shape's formatter is the one kept.
    for (let round = 0; round < 2; round++) {
      for (const shape of shapes) {
        for (const date of dates) expect(formatDate(date, shape)).toBe(date.toLocaleString("en-GB", shape));
      }
    }
  });
});
