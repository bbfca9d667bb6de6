import { afterEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type SyncCollections, type SyncReport, type SyncState } from "./api";
import { changeText } from "./sync_collections";
import { mountSyncPanel, whereText } from "./sync_panel";
import { el, liveSignal, settle } from "./test_backend";

const home = "http://127.0.0.1:5232/alice/";
const report: SyncReport = {
  addressBook: `${home}touchpoint/`,
  sent: 1,
  received: 0,
  merged: 0,
  keptBoth: 0,
  deletedHere: 0,
  deletedThere: 0,
  unreadable: 0,
  followups: { taskList: `${home}work/`, sent: 1, received: 0, moved: 0, closed: 0, deletedThere: 0, unreadable: 0 },
  touches: { sent: 0, received: 0, changed: 0, deletedHere: 0, deletedThere: 0, unreadable: 0 },
  problems: [],
};
const offered: SyncCollections = {
  addressBooks: [{ name: "Contacts", url: `${home}contacts/`, withoutJournals: false }],
  calendars: [
    { name: "Work", url: `${home}work/`, withoutJournals: true },
    { name: "Touchpoint follow-ups", url: `${home}touchpoint-followups/`, withoutJournals: false },
  ],
  addressBook: null,
  calendar: `${home}touchpoint-followups/`,
  synced: false,
};

afterEach(() => clearMocks());

describe("choosing the address book and the calendar", () => {
  it("lists the server's collections, preselects Touchpoint's, and syncs with the ones picked", async () => {
    let state: SyncState = { account: null, connected: false, syncing: false, lastReport: null, passwordSaved: false, keyringProblem: null, refusedCertificate: null };
    const asked: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      if (cmd === "sync_state") return state;
      if (cmd.startsWith("plugin:")) return 1;
      asked.push([cmd, args]);
      if (cmd === "sync_collections") return offered;
      if (cmd === "sync_choose_collections") return { ...offered, addressBook: `${home}touchpoint/`, calendar: `${home}work/` };
      if (cmd === "sync_connect") {
        const account = { url: "http://127.0.0.1:5232/", user: "alice", addressBook: `${home}touchpoint/`, calendar: `${home}work/`, lastSyncAt: "2026-11-24T10:00:00Z", lastError: null, cards: 1, trustedCertificate: null };
        state = { ...state, account, connected: true, lastReport: report };
        return report;
      }
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountSyncPanel(root, liveSignal(), api);
    el<HTMLInputElement>("#sync-url").value = "http://127.0.0.1:5232/";
    el<HTMLInputElement>("#sync-user").value = "alice";
    el<HTMLInputElement>("#sync-password").value = "secret";
    el<HTMLButtonElement>("#sync-choose-open").click();
    await settle();
    const books = el("#sync-books");
    expect(books.textContent).toContain("Contacts");
    expect(books.textContent).toContain(`${home}contacts/`);
    expect(el<HTMLInputElement>("#sync-book-new").checked).toBe(true);
    expect(el<HTMLInputElement>("#sync-book-new-name").value).toBe("Touchpoint");
    const calendars = [...document.querySelectorAll<HTMLInputElement>("input[name=sync-calendar]")];
    expect(calendars.filter((r) => r.checked).map((r) => r.value)).toEqual([`${home}touchpoint-followups/`]);
    expect(el("#sync-choice-hint").textContent).toBe(changeText(false));
    expect(el("#sync-calendars").textContent).toContain("Work" + `${home}work/` + "Takes no journal entries: follow-ups sync here, touches do not.");
    expect(el("#sync-choice-status").hidden).toBe(true);
    el<HTMLInputElement>(`input[value="${home}work/"]`).click();
    el<HTMLButtonElement>("#sync-choose").click();
    await settle();
    const account = { url: "http://127.0.0.1:5232/", user: "alice", password: "secret" };
    expect(asked).toEqual([
      ["sync_collections", account],
      ["sync_choose_collections", { ...account, addressBook: { kind: "new", name: "Touchpoint" }, calendar: { kind: "existing", url: `${home}work/` } }],
      ["sync_connect", account],
    ]);
    expect(document.querySelector("#sync-picker")).toBeNull();
    expect(el("#sync-where").textContent).toBe(`Contacts go to the address book at ${home}touchpoint/; follow-ups and touches to the calendar at ${home}work/.`);
    expect(whereText(state)).toBe(el("#sync-where").textContent);
  });

  it("says why the collections could not be listed, and keeps the panel usable", async () => {
    mockIPC((cmd) => {
      if (cmd === "sync_state") return { account: null, connected: false, syncing: false, lastReport: null, passwordSaved: false, keyringProblem: null, refusedCertificate: null };
      if (cmd.startsWith("plugin:")) return 1;
      if (cmd === "sync_collections") throw { kind: "invalid", field: "password", message: "Enter the password to see the server's address books and calendars" };
      throw { kind: "internal", message: `unexpected ${cmd}` };
    });
    document.body.innerHTML = "";
    const root = document.createElement("div");
    document.body.append(root);
    await mountSyncPanel(root, liveSignal(), api);
    el<HTMLButtonElement>("#sync-choose-open").click();
    await settle();
    expect(el("#sync-choice-status").textContent).toBe("Enter the password to see the server's address books and calendars");
    expect(el<HTMLButtonElement>("#sync-connect").disabled).toBe(false);
    expect(changeText(true)).toBe(
      "If you pick another address book or calendar, the next sync uploads all your contacts (or your open follow-ups and touches) to it, merging with what it already holds; nothing is deleted from the old one.",
    );
  });
});
