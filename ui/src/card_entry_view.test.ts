import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { api, emptyFields } from "./api";
import { mountCardEntryView } from "./card_entry_view";
import type { Route } from "./nav";
import { el, fakeBackend, liveSignal, settle, type } from "./test_backend";

let root: HTMLElement;
let routes: Route[];
beforeEach(() => {
  document.body.innerHTML = "";
  root = document.createElement("main");
  document.body.append(root);
  routes = [];
});
afterEach(() => clearMocks());

function ctrlEnter(): void {
  document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", ctrlKey: true, bubbles: true }));
}

describe("card entry", () => {
  it("starts in the first name field", () => {
    fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    expect(document.activeElement?.id).toBe("cf-givenName");
  });

  it("Alt+P goes to the paste box, also after leaving and coming back", () => {
    fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    root.replaceChildren(document.createElement("p"));
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "p", altKey: true, bubbles: true }));
    expect(document.activeElement?.id).toBe("paste-text");
  });

  it("Save & next stores the card, clears the form and counts the batch", async () => {
    const backend = fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    type("#cf-givenName", "Ada");
    type("#cf-familyName", "Lovelace");
    type("#cf-emails-0-address", "ada@example.com");
    ctrlEnter();
    await settle();
    type("#cf-givenName", "Grace");
    ctrlEnter();
    await settle();
    expect(backend.contacts.map((c) => c.displayName)).toEqual(["Ada Lovelace", "Grace"]);
    expect(backend.contacts[0]?.emails).toEqual([{ label: "work", address: "ada@example.com" }]);
    expect(el("#batch-count").textContent).toBe("2 cards entered in this batch");
    expect(el<HTMLInputElement>("#cf-givenName").value).toBe("");
    expect(document.activeElement?.id).toBe("cf-givenName");
    expect(routes).toEqual([]);
  });

  it("Enter saves and opens the new contact", async () => {
    fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    type("#cf-givenName", "Ada");
    el<HTMLFormElement>("#cf-form").requestSubmit();
    await settle();
    expect(routes).toEqual([{ view: "contact", id: 1 }]);
  });

  it("shows the error next to the email row, keeps the input, stores nothing", async () => {
    const backend = fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    type("#cf-givenName", "Ada");
    type("#cf-emails-0-address", "ada-at-example.com");
    el<HTMLFormElement>("#cf-form").requestSubmit();
    await settle();
    expect(el("#cf-emails-0-address-error").hidden).toBe(false);
    expect(el("#cf-emails-0-address-error").textContent).toBe("Email must look like name@example.com");
    expect(el("#cf-emails-0-address").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement?.id).toBe("cf-emails-0-address");
    expect(el<HTMLInputElement>("#cf-givenName").value).toBe("Ada");
    expect(backend.contacts).toHaveLength(0);
    type("#cf-emails-0-address", "ada@example.com");
    expect(el("#cf-emails-0-address-error").hidden).toBe(true);
  });

  it("a possible duplicate stops the save until the user chooses", async () => {
    const backend = fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    type("#cf-givenName", "Ada");
    ctrlEnter();
    await settle();
    type("#cf-givenName", "Ada");
    ctrlEnter();
    await settle();
    expect(el("#duplicate-panel").hidden).toBe(false);
    expect(el("#duplicate-panel").textContent).toContain("same name and company");
    expect(backend.contacts).toHaveLength(1);
    // Merging is never what Enter does: the keyboard starts on the way back.
    expect(document.activeElement?.id).toBe("duplicate-cancel");
    expect(el("#merge-0").classList.contains("primary")).toBe(false);
    el<HTMLButtonElement>("#save-anyway").click();
    await settle();
    expect(backend.contacts).toHaveLength(2);
    expect(el("#duplicate-panel").hidden).toBe(true);
  });

  it("Escape in the duplicate question goes back to the form, merging and saving nothing", async () => {
    const backend = fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    type("#cf-givenName", "Ada");
    ctrlEnter();
    await settle();
    type("#cf-givenName", "Ada");
    ctrlEnter();
    await settle();
    document.activeElement?.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true }));
    await settle();
    expect(el("#duplicate-panel").hidden).toBe(true);
    expect(document.activeElement?.id).toBe("cf-givenName");
    expect(el<HTMLInputElement>("#cf-givenName").value).toBe("Ada");
    expect(backend.contacts).toHaveLength(1);
    expect(backend.calls).not.toContain("merge_into");
    expect(routes).toEqual([]);
  });

  it("adds another phone row on request", () => {
    fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    el<HTMLButtonElement>("#cf-phones-add").click();
    expect(document.activeElement?.id).toBe("cf-phones-1-number");
  });

  it("Paste a card fills the empty fields, keeps typed ones, and lists lines it could not place", async () => {
    const backend = fakeBackend();
    backend.parsed = {
      fields: {
        ...emptyFields(),
        givenName: "Ada",
        familyName: "Lovelace",
        company: "Analytical Engines",
        emails: [{ label: "work", address: "ada@engines.example" }],
      },
      unplaced: ["Booth 42, hall B"],
    };
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    type("#cf-company", "Typed Company Ltd");
    type("#paste-text", "Ada Lovelace\nAnalytical Engines\nada@engines.example\nBooth 42, hall B");
    el<HTMLButtonElement>("#paste-fill").click();
    await settle();
    expect(el<HTMLInputElement>("#cf-givenName").value).toBe("Ada");
    expect(el<HTMLInputElement>("#cf-company").value).toBe("Typed Company Ltd");
    expect(el<HTMLInputElement>("#cf-emails-0-address").value).toBe("ada@engines.example");
    expect(el("#paste-unplaced").textContent).toContain("Booth 42, hall B");
    el<HTMLSelectElement>("#unplaced-target-0").value = "metWhere";
    el<HTMLButtonElement>("#unplaced-add-0").click();
    expect(el<HTMLInputElement>("#cf-metWhere").value).toBe("Booth 42, hall B");
    expect(el("#paste-unplaced").textContent).toBe("");
    expect(backend.contacts).toHaveLength(0);
  });

  it("asks for text before reading an empty paste", () => {
    fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    el<HTMLButtonElement>("#paste-fill").click();
    expect(el("#paste-text-error").textContent).toBe("Paste some text first");
  });
});
