import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type SyncReport, type SyncState } from "./api";
import { certificateText, followupText, keyringText, mountSyncPanel, reportText, stateText, touchText } from "./sync_panel";
import { el, liveSignal, settle } from "./test_backend";

const report: SyncReport = {
  addressBook: "http://127.0.0.1:5232/alice/touchpoint/",
  sent: 1,
  received: 2,
  merged: 1,
  keptBoth: 1,
  deletedHere: 0,
  deletedThere: 0,
  unreadable: 0,
  followups: { taskList: null, sent: 0, received: 0, moved: 0, closed: 0, deletedThere: 0, unreadable: 0 },
  touches: { sent: 0, received: 0, changed: 0, deletedHere: 0, deletedThere: 0, unreadable: 0 },
  problems: [],
};

afterEach(() => clearMocks());

describe("sync", () => {
  it("connects with what was typed and says what went each way", async () => {
    let state: SyncState = { account: null, connected: false, syncing: false, lastReport: null, passwordSaved: false, keyringProblem: null, refusedCertificate: null };
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "sync_state") return state;
      if (cmd === "sync_connect") {
        asked.push(args);
        state = {
          account: { url: "http://127.0.0.1:5232/", user: "alice", addressBook: report.addressBook, calendar: null, lastSyncAt: "2026-11-24T10:00:00Z", lastError: null, cards: 3, trustedCertificate: null },
          connected: true,
          syncing: false,
          lastReport: report,
          passwordSaved: true,
          keyringProblem: null,
          refusedCertificate: null,
        };
        return report;
      }
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountSyncPanel(root, liveSignal(), api);
    expect(el("#sync-status").textContent).toBe("Not syncing.");
    expect(el("#sync-now").hidden).toBe(true);
    el<HTMLInputElement>("#sync-url").value = "http://127.0.0.1:5232/";
    el<HTMLInputElement>("#sync-user").value = "alice";
    el<HTMLInputElement>("#sync-password").value = "secret";
    el<HTMLFormElement>("#sync-form").requestSubmit();
    await settle();
    expect(asked).toEqual([{ url: "http://127.0.0.1:5232/", user: "alice", password: "secret" }]);
    expect(el("#sync-status").textContent).toBe(
      "Synced: sent 1, received 2 (1 merged). 1 value was changed on both sides: yours kept, the other in the contact's notes. 3 contacts in sync.",
    );
    expect(el("#sync-now").hidden).toBe(false);
    // The password is not shown again once connected.
    expect(el<HTMLInputElement>("#sync-password").value).toBe("");
  });

  it("says why a sync failed, and asks for the password after a restart", async () => {
    mockIPC((cmd) => {
      if (cmd === "sync_state") return { account: null, connected: false, syncing: false, lastReport: null, passwordSaved: false, keyringProblem: null, refusedCertificate: null };
      if (cmd === "sync_connect") throw { kind: "unavailable", message: "sync: http://x/ refused the user name or password (401)" };
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountSyncPanel(root, liveSignal(), api);
    el<HTMLFormElement>("#sync-form").requestSubmit();
    await settle();
    expect(el("#sync-status").textContent).toBe("sync: http://x/ refused the user name or password (401)");
    expect(el<HTMLButtonElement>("#sync-connect").disabled).toBe(false);
    const account = { url: "http://x/", user: "alice", addressBook: null, calendar: null, lastSyncAt: "2026-11-24T10:00:00Z", lastError: null, cards: 2, trustedCertificate: null };
    const state = { account, connected: false, syncing: false, lastReport: null, passwordSaved: false, keyringProblem: null, refusedCertificate: null };
    expect(stateText(state)).toContain("2 contacts in sync. Enter the password to sync again.");
    expect(keyringText({ ...state, keyringProblem: "there is no system keyring (Secret Service) in this session" })).toBe(
      "The password could not be kept in the system keyring (there is no system keyring (Secret Service) in this session); it is asked again after Touchpoint restarts.",
    );
    expect(keyringText({ ...state, connected: true, passwordSaved: true })).toBe(
      "The password is kept in the system keyring: sync starts by itself with Touchpoint.",
    );
    expect(keyringText({ ...state, account: null })).toBe("");
    expect(stateText({ ...state, account: { ...account, lastError: "sync: timed out" }, connected: true })).toBe(
      "The last sync failed: sync: timed out",
    );
    expect(reportText({ ...report, merged: 0, keptBoth: 0, deletedHere: 1, deletedThere: 0 })).toBe(
      "Synced: sent 1, received 2, deleted 1 here and 0 there.",
    );
  });

  it("says what went each way for follow-ups, or why they are not synced", () => {
    const list = "http://127.0.0.1:5232/alice/touchpoint-followups/";
    const followups = { ...report.followups, taskList: list, sent: 3, received: 2, moved: 1, closed: 1, unreadable: 1 };
    expect(followupText({ ...report, followups })).toBe(
      "Follow-ups: sent 3, received 2 (1 moved, 1 done or cancelled). 1 task on the server could not be read (left as it is).",
    );
    expect(followupText({ ...report, followups: { ...followups, moved: 0, closed: 0, unreadable: 0 } })).toBe(
      "Follow-ups: sent 3, received 2.",
    );
    const why = "Follow-ups are not synced: http://x/ did not list its calendars (404)";
    expect(followupText({ ...report, problems: [why] })).toBe(why);
    expect(followupText(report)).toBe("");
  });

  it("says what went each way for touches when any did, or why they are not synced", () => {
    const list = "http://127.0.0.1:5232/alice/touchpoint-followups/";
    const followups = { ...report.followups, taskList: list };
    expect(touchText({ ...report, followups })).toBe("");
    const touches = { sent: 1, received: 2, changed: 1, deletedHere: 1, deletedThere: 0, unreadable: 2 };
    expect(touchText({ ...report, followups, touches })).toBe(
      "Touches: sent 1, received 2 (1 corrected here, 1 deleted here). 2 journal entries on the server could not be read (left as they are).",
    );
    const why = `Touches are not synced: ${list} takes no journal entries (403)`;
    expect(touchText({ ...report, followups, problems: [why] })).toBe(why);
    const account = { url: "u", user: "alice", addressBook: null, calendar: null, lastSyncAt: null, lastError: null, cards: 2, trustedCertificate: null };
    const state = { account, connected: true, passwordSaved: true, keyringProblem: null, refusedCertificate: null, syncing: false };
    expect(stateText({ ...state, lastReport: { ...report, followups, touches: { ...touches, changed: 0, deletedHere: 0, unreadable: 0 } } })).toBe(
      "Synced: sent 1, received 2 (1 merged). 1 value was changed on both sides: yours kept, the other in the contact's notes. 2 contacts in sync. Follow-ups: sent 0, received 0. Touches: sent 1, received 2.",
    );
  });

  it("offers a refused certificate for trust with its fingerprint, trusts it for that account and connects again", async () => {
    const fingerprint = Array.from({ length: 32 }, (_, i) => (i + 16).toString(16).toUpperCase()).join(":");
    const refusedCertificate = { url: "https://dav.home/", user: "alice", certificate: { host: "dav.home", fingerprint, trusted: null } };
    let state: SyncState = { account: null, connected: false, syncing: false, lastReport: null, passwordSaved: false, keyringProblem: null, refusedCertificate: null };
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      if (cmd === "sync_state") return state;
      if (cmd.startsWith("plugin:")) return 1;
      asked.push([cmd, args]);
      if (cmd === "sync_connect" && !state.account?.trustedCertificate) {
        state = { ...state, refusedCertificate };
        throw { kind: "unavailable", message: `sync: the certificate of dav.home is not trusted. Fingerprint SHA-256: ${fingerprint}.` };
      }
      if (cmd === "sync_trust_certificate") {
        const account = { url: "https://dav.home/", user: "alice", addressBook: null, calendar: null, lastSyncAt: null, lastError: null, cards: 0, trustedCertificate: fingerprint };
        state = { ...state, account };
        return fingerprint;
      }
      if (cmd === "sync_connect") {
        state = { ...state, refusedCertificate: null, connected: true, lastReport: report };
        return report;
      }
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountSyncPanel(root, liveSignal(), api);
    expect(el("#sync-trust").hidden).toBe(true);
    el<HTMLInputElement>("#sync-url").value = "https://dav.home/";
    el<HTMLInputElement>("#sync-user").value = "alice";
    el<HTMLInputElement>("#sync-password").value = "secret";
    el<HTMLFormElement>("#sync-form").requestSubmit();
    await settle();
    expect(el("#sync-certificate").textContent).toBe(
      `This server's certificate is not trusted. Fingerprint SHA-256: ${fingerprint}. Trust it only if your server shows the same fingerprint.`,
    );
    expect(el("#sync-trust").hidden).toBe(false);
    el<HTMLButtonElement>("#sync-trust").click();
    await settle();
    expect(asked).toEqual([
      ["sync_connect", { url: "https://dav.home/", user: "alice", password: "secret" }],
      ["sync_trust_certificate", { url: "https://dav.home/", user: "alice", fingerprint }],
      ["sync_connect", { url: "https://dav.home/", user: "alice", password: "secret" }],
    ]);
    expect(el("#sync-trust").hidden).toBe(true);
    expect(el("#sync-certificate").textContent).toBe(`The server's own certificate is trusted: SHA-256 ${fingerprint}.`);
    expect(el("#sync-status").textContent).toContain("Synced: sent 1");
    // A certificate replaced since it was trusted says so.
    const changed = { ...refusedCertificate, certificate: { host: "dav.home", fingerprint: "AB:CD", trusted: fingerprint } };
    expect(certificateText({ ...state, refusedCertificate: changed })).toBe(
      `This server's certificate is not trusted. Fingerprint SHA-256: AB:CD. It changed since you trusted ${fingerprint}. Trust it only if your server shows the same fingerprint.`,
    );
  });
});
