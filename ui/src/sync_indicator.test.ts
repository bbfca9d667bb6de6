import { describe, expect, it } from "vitest";
import type { SyncState } from "./api";
import { syncIndicatorText } from "./sync_indicator";

const account = { url: "http://x/", user: "alice", addressBook: null, calendar: null, lastSyncAt: null, lastError: null, cards: 2, trustedCertificate: null };
const state: SyncState = { account, connected: true, syncing: false, lastReport: null, passwordSaved: true, keyringProblem: null, refusedCertificate: null };

function at(y: number, m: number, d: number, hh: number, mm: number): Date {
  return new Date(y, m - 1, d, hh, mm);
}

describe("the footer's sync indicator", () => {
  it("says nothing without an account, and what sync is doing with one", () => {
    const now = at(2026, 11, 24, 15, 0);
    expect(syncIndicatorText({ ...state, account: null }, now)).toBeNull();
    expect(syncIndicatorText({ ...state, syncing: true }, now)).toBe("Syncing…");
    expect(syncIndicatorText({ ...state, account: { ...account, lastError: "timed out" } }, now)).toBe("Sync failed: see Settings");
    expect(syncIndicatorText({ ...state, connected: false }, now)).toBe("Sync paused: password needed");
    expect(syncIndicatorText(state, now)).toBe("Sync: not yet");
  });

  it("gives the time of a sync today, and the day of an older one", () => {
    const synced = at(2026, 11, 24, 9, 5);
    const withSync = { ...state, account: { ...account, lastSyncAt: synced.toISOString() } };
    expect(syncIndicatorText(withSync, at(2026, 11, 24, 15, 0))).toBe("Synced 09:05");
    expect(syncIndicatorText(withSync, at(2026, 11, 25, 8, 0))).toBe("Synced Tue 24 Nov, 09:05");
  });
});
