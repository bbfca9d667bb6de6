import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, emptyFields, type Contact } from "./api";
import { mountContactsView } from "./contacts_view";
import type { Route } from "./nav";
import { el, fakeBackend, liveSignal, settle, type } from "./test_backend";

function contact(id: number, name: string): Contact {
  return { ...emptyFields(), id, displayName: name, createdAt: "", updatedAt: "" };
}

let root: HTMLElement;
let routes: Route[];
beforeEach(() => {
  document.body.innerHTML = "";
  root = document.createElement("main");
  document.body.append(root);
  routes = [];
});
afterEach(() => {
  clearMocks();
  vi.useRealTimers();
});

function press(key: string): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
  document.activeElement?.dispatchEvent(event);
  return event;
}

describe("contacts view", () => {
  it("explains what to do when there are no contacts yet", async () => {
    fakeBackend();
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    expect(el("#contacts-empty").hidden).toBe(false);
    expect(el("#contacts-empty").textContent).toContain("No contacts yet");
    el<HTMLButtonElement>("#empty-add").click();
    expect(routes).toEqual([{ view: "add" }]);
  });

  it("searches as you type and opens a contact", async () => {
    fakeBackend([contact(1, "Ada Lovelace"), contact(2, "Grace Hopper")]);
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    expect(el("#contact-count").textContent).toBe("2 contacts");
    expect(el("#promises-kept").textContent).toBe("Promises kept on time: 75% (3 of 4)");
    type("#contact-search", "grace");
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(el("#contact-list").textContent).toContain("Grace Hopper");
    expect(el("#contact-list").textContent).not.toContain("Ada Lovelace");
    el<HTMLButtonElement>("#contact-list button").click();
    expect(routes).toEqual([{ view: "contact", id: 2 }]);
  });

  it("Down from the search box goes into the list; the arrows move along it and Up leads back", async () => {
    fakeBackend([contact(1, "Ada Lovelace"), contact(2, "Grace Hopper"), contact(3, "Hedy Lamarr")]);
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    expect(document.activeElement?.id).toBe("contact-search");
    const focusedName = () => document.activeElement?.querySelector(".contact-name")?.textContent;
    expect(press("ArrowDown").defaultPrevented).toBe(true);
    expect(focusedName()).toBe("Ada Lovelace");
    press("ArrowDown");
    press("ArrowDown");
    expect(focusedName()).toBe("Hedy Lamarr");
    press("Home");
    expect(focusedName()).toBe("Ada Lovelace");
    press("End");
    expect(focusedName()).toBe("Hedy Lamarr");
    press("Home");
    press("ArrowUp");
    expect(document.activeElement?.id).toBe("contact-search");
    expect(routes).toEqual([]);
  });

  it("Enter in the search box opens the one contact that matches, even straight after typing", async () => {
    const backend = fakeBackend([contact(1, "Ada Lovelace"), contact(2, "Grace Hopper")]);
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    type("#contact-search", "grace");
    // Before the search delay has run the search.
    press("Enter");
    await settle();
    expect(routes).toEqual([{ view: "contact", id: 2 }]);
    expect(backend.calls.filter((c) => c === "list_contacts")).toHaveLength(2);
  });

  it("Enter in the search box with several matches goes to the first, opening nothing", async () => {
    fakeBackend([contact(1, "Ada Lovelace"), contact(2, "Grace Hopper"), contact(3, "Grace Kelly")]);
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    type("#contact-search", "grace");
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    press("Enter");
    await settle();
    expect(routes).toEqual([]);
    expect(document.activeElement?.querySelector(".contact-name")?.textContent).toBe("Grace Hopper");
  });

  it("Enter in the search box with no match stays in the box", async () => {
    fakeBackend([contact(1, "Ada Lovelace")]);
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    type("#contact-search", "zebra");
    press("Enter");
    await settle();
    expect(routes).toEqual([]);
    expect(document.activeElement?.id).toBe("contact-search");
  });

  it("says nothing matches rather than showing the first-run text", async () => {
    fakeBackend([contact(1, "Ada Lovelace")]);
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    type("#contact-search", "zebra");
    await new Promise((r) => setTimeout(r, 200));
    await settle();
    expect(el("#contacts-empty").textContent).toContain("No contacts match");
  });

  it("pages through a long list with Show more", async () => {
    fakeBackend(Array.from({ length: 130 }, (_, i) => contact(i + 1, `Contact ${String(i).padStart(3, "0")}`)));
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    expect(document.querySelectorAll("#contact-list li")).toHaveLength(100);
    el<HTMLButtonElement>("#load-more").click();
    await settle();
    expect(document.querySelectorAll("#contact-list li")).toHaveLength(130);
    expect(el("#load-more").hidden).toBe(true);
  });

  it("says why when the database cannot be opened", async () => {
    mockIPC(() => {
      throw { kind: "database_too_new", message: "this database was written by a newer version of Touchpoint" };
    });
    await mountContactsView(root, liveSignal(), api, (r) => routes.push(r)).ready;
    expect(el("#load-error").hidden).toBe(false);
    expect(el("#load-error").textContent).toContain("newer version of Touchpoint");
  });
});
