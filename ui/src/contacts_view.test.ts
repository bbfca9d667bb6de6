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
