import { afterEach, describe, expect, it } from "vitest";
import { appNow, syncAppClock } from "./clock";

describe("the app clock in the window", () => {
  afterEach(() => syncAppClock(new Date().toISOString()));

  it("reads what the app's clock reads, however far from the webview's", () => {
    const local = Date.now();
    syncAppClock("2031-02-28T23:55:00Z", local);
    const offset = Date.parse("2031-02-28T23:55:00Z") - local;
    const now = appNow().getTime();
    expect(now - Date.now()).toBeGreaterThanOrEqual(offset - 5);
    expect(now - Date.now()).toBeLessThanOrEqual(offset + 5);
  });

  it("keeps moving with the webview's clock after the sample", () => {
    syncAppClock("2026-11-25T10:00:00Z", Date.now() - 90_000);
    expect(appNow().toISOString() >= "2026-11-25T10:01:30").toBe(true);
  });

  it("falls back to the webview's clock for an answer it cannot read", () => {
    syncAppClock("2026-11-25T10:00:00Z");
    syncAppClock("not a time");
    expect(Math.abs(appNow().getTime() - Date.now())).toBeLessThan(5);
  });
});
