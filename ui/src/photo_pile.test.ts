import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import { api, emptyFields } from "./api";
import type { CardPhoto, ContactFields } from "./api";
import { mountCardEntryView } from "./card_entry_view";
import type { Route } from "./nav";
import { el, fakeBackend, liveSignal, settle } from "./test_backend";

let root: HTMLElement;
let routes: Route[];
beforeEach(() => {
  document.body.innerHTML = "";
  root = document.createElement("main");
  document.body.append(root);
  routes = [];
});
afterEach(() => clearMocks());

function reading(given: string, family: string, email: string): CardPhoto {
  const fields: ContactFields = {
    ...emptyFields(),
    givenName: given,
    familyName: family,
    emails: [{ label: "", address: email }],
  };
  return { parse: { fields, unplaced: ["Since 1998"] }, text: `${given} ${family}\n${email}\nSince 1998`, millis: 812 };
}

function pick(names: string[]): void {
  const input = el<HTMLInputElement>("#photo-input");
  const files = names.map((n) => new File([new Uint8Array([0xff, 0xd8, 0xff])], n, { type: n.endsWith(".txt") ? "text/plain" : "image/jpeg" }));
  Object.defineProperty(input, "files", { value: files, configurable: true });
  input.dispatchEvent(new Event("change"));
}

describe("a pile of card photos", () => {
  it("fills the form card by card; Save & next walks the pile with its progress", async () => {
    const backend = fakeBackend();
    backend.photos = [reading("Ada", "Lovelace", "ada@example.com"), reading("Grace", "Hopper", "grace@example.com")];
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    pick(["ada.jpg", "grace.jpg"]);
    await settle();
    expect(el("#photo-progress").textContent).toBe("Card 1 of 2 · ada.jpg · read in 0.8 s");
    expect(el<HTMLInputElement>("#cf-givenName").value).toBe("Ada");
    expect(el<HTMLTextAreaElement>("#paste-text").value).toContain("ada@example.com");
    expect(el("#paste-unplaced").textContent).toContain("Since 1998");
    el("#save-next").click();
    await settle();
    expect(el("#photo-progress").textContent).toBe("Card 2 of 2 · grace.jpg · read in 0.8 s");
    expect(el<HTMLInputElement>("#cf-familyName").value).toBe("Hopper");
    // Enter on the last card saves it too, and stays in the view.
    el<HTMLFormElement>("#cf-form").requestSubmit();
    await settle();
    expect(backend.contacts.map((c) => c.displayName)).toEqual(["Ada Lovelace", "Grace Hopper"]);
    expect(el("#form-status").textContent).toBe("Saved Grace Hopper. That was the last of the 2 photos.");
    expect(el("#photo-progress").textContent).toBe("");
    expect(routes).toEqual([]);
    expect(backend.calls.filter((c) => c === "read_card_photo")).toHaveLength(2);
  });

  it("a photo that cannot be read says why and can be skipped; other files are left out", async () => {
    const backend = fakeBackend();
    backend.photos = [
      { kind: "invalid", message: "No text found on blank.jpg: photograph the card flat" },
      reading("Grace", "Hopper", "grace@example.com"),
    ];
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    pick(["blank.jpg", "notes.txt", "grace.jpg"]);
    await settle();
    expect(el("#photo-progress").textContent).toBe("Card 1 of 2 · blank.jpg");
    expect(el("#photo-error").hidden).toBe(false);
    expect(el("#photo-error").textContent).toBe(
      "No text found on blank.jpg: photograph the card flat. Type this card in, or skip it.",
    );
    expect(el<HTMLInputElement>("#cf-givenName").value).toBe("");
    el("#photo-skip").click();
    await settle();
    expect(el("#photo-error").hidden).toBe(true);
    expect(el<HTMLInputElement>("#cf-givenName").value).toBe("Grace");
    expect(backend.contacts).toHaveLength(0);
  });

  it("files that are not photos start nothing", async () => {
    const backend = fakeBackend();
    mountCardEntryView(root, liveSignal(), api, (r) => routes.push(r));
    pick(["notes.txt"]);
    await settle();
    expect(el("#photo-error").textContent).toBe("None of those files is a photo: pick JPEG or PNG pictures of cards");
    expect(backend.calls).not.toContain("read_card_photo");
  });
});
