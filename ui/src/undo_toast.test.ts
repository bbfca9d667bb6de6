import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { mockIPC } from "@tauri-apps/api/mocks";
import { api, type RecentAction } from "./api";
import { el, settle } from "./test_backend";
import { startUndo } from "./undo_toast";

const journal: RecentAction[] = [];
const calls: string[] = [];
let refreshed = 0;

function action(id: number, label: string): RecentAction {
  return { id, label, doneAt: "2026-11-25T10:00:00Z" };
}

function ctrlZ(target: EventTarget): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key: "z", ctrlKey: true, bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

beforeAll(() => {
  // One toast for the whole file, as in the app: it lives for the window.
  startUndo(document.body, api, () => (refreshed += 1), action(1, "Added Ada Lovelace"));
});

beforeEach(() => {
  journal.splice(0, journal.length, action(1, "Added Ada Lovelace"));
  calls.length = 0;
  refreshed = 0;
  el<HTMLElement>("#undo-toast").hidden = true;
  mockIPC((cmd, args) => {
    calls.push(cmd);
    if (cmd === "last_action") return journal[journal.length - 1] ?? null;
    if (cmd === "delete_contacts") {
      journal.push(action(2, "Deleted Ada Lovelace"));
      return (args as { ids: number[] }).ids.length;
    }
    if (cmd === "undo") {
      const undone = journal.pop();
      if (!undone) throw { kind: "invalid", field: "undo", message: "There is nothing to undo" };
      return undone;
    }
    if (cmd === "list_contacts") return { items: [], total: 0, totalExact: true };
    return null;
  });
});

describe("the undo toast", () => {
  it("names a new undoable action and takes it back with its Undo button", async () => {
    await api.deleteContacts([1]);
    await settle();
    expect(el("#undo-toast").hidden).toBe(false);
    expect(el("#undo-text").textContent).toBe("Deleted Ada Lovelace");
    el<HTMLButtonElement>("#undo-button").click();
    await settle();
    expect(calls).toContain("undo");
    expect(journal.map((a) => a.label)).toEqual(["Added Ada Lovelace"]);
    expect(el("#undo-text").textContent).toBe("Undone: Deleted Ada Lovelace");
    expect(el<HTMLButtonElement>("#undo-button").hidden).toBe(true);
    expect(refreshed, "the view is shown again").toBe(1);
  });

  it("does not announce what was done before the app started, nor a read", async () => {
    await api.listContacts({ search: "", stage: null, tag: null, untouchedDays: null, attention: null, sort: "name", offset: 0, limit: 10 });
    await settle();
    expect(calls).not.toContain("last_action");
    expect(el("#undo-toast").hidden).toBe(true);
  });

  it("Ctrl+Z undoes the newest action, unless the focus is in a field with text, whose own it is", async () => {
    const input = document.createElement("input");
    input.value = "Ada";
    document.body.append(input);
    const inField = ctrlZ(input);
    await settle();
    expect(inField.defaultPrevented).toBe(false);
    expect(calls).not.toContain("undo");

    input.value = "";
    const inEmptyField = ctrlZ(input);
    await settle();
    expect(inEmptyField.defaultPrevented).toBe(true);
    expect(calls).toContain("undo");
    expect(el("#undo-text").textContent).toBe("Undone: Added Ada Lovelace");

    ctrlZ(document.body);
    await settle();
    expect(el("#undo-text").textContent).toBe("There is nothing to undo");
    input.remove();
  });
});

describe("after an undo", () => {
  it("a new action that reuses the undone entry's number is still announced, an unchanged journal is not", async () => {
    await api.deleteContacts([1]);
    await settle();
    el<HTMLButtonElement>("#undo-button").click();
    await settle();
    // Nothing new: the journal's newest is the add again, known since the undo.
    await api.addContact({} as never, "warn");
    await settle();
    expect(el("#undo-text").textContent).toBe("Undone: Deleted Ada Lovelace");
    // The next delete gets number 2 again, at another time.
    journal.push({ id: 2, label: "Deleted Grace Hopper", doneAt: "2026-11-25T10:05:00Z" });
    await api.addContact({} as never, "warn");
    await settle();
    expect(el("#undo-text").textContent).toBe("Deleted Grace Hopper");
  });
});
