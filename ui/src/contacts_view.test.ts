import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { api, type Contact, type ContactInput, type ContactListQuery } from "./api";
import { mountContactsView } from "./contacts_view";

// A small in-memory backend behind the real api module and invoke().
function fakeBackend(initial: Contact[] = []) {
  const contacts = [...initial];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    if (cmd === "list_contacts") {
      const q = a["query"] as ContactListQuery;
      return { items: contacts.slice(q.offset, q.offset + q.limit), total: contacts.length };
    }
    if (cmd === "add_contact") {
      const input = a["input"] as ContactInput;
      if (!input.email.includes("@")) {
        throw { kind: "invalid", field: "email", message: "Email must look like name@example.com" };
      }
      const c: Contact = {
        id: contacts.length + 1,
        name: input.name.trim(),
        company: input.company,
        email: input.email || null,
        phone: input.phone || null,
        createdAt: "2026-11-23T09:00:00Z",
        updatedAt: "2026-11-23T09:00:00Z",
      };
      contacts.push(c);
      return c;
    }
    throw `unknown command ${cmd}`;
  });
  return contacts;
}

function el<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

function type(id: string, value: string): void {
  const input = el<HTMLInputElement>(`#${id}`);
  input.value = value;
  input.dispatchEvent(new Event("input"));
}

let root: HTMLElement;
beforeEach(() => {
  document.body.innerHTML = "";
  root = document.createElement("main");
  document.body.append(root);
});
afterEach(() => clearMocks());

describe("contacts view", () => {
  it("explains what to do when there are no contacts yet", async () => {
    fakeBackend();
    await mountContactsView(root, api).ready;
    expect(el("#contacts-empty").hidden).toBe(false);
    expect(el("#contact-count").textContent).toBe("0");
    expect(document.activeElement?.id).toBe("contact-name");
  });

  it("adds a contact, lists it and clears the form for the next card", async () => {
    const stored = fakeBackend();
    await mountContactsView(root, api).ready;
    type("contact-name", "Ada Lovelace");
    type("contact-company", "Analytical Engines");
    type("contact-email", "ada@example.com");
    el<HTMLFormElement>("#contact-form").requestSubmit();
    await settle();

    expect(stored).toHaveLength(1);
    expect(el("#contact-list").textContent).toContain("Ada Lovelace");
    expect(el("#contact-list").textContent).toContain("Analytical Engines");
    expect(el("#contact-count").textContent).toBe("1");
    expect(el("#contacts-empty").hidden).toBe(true);
    expect(el<HTMLInputElement>("#contact-name").value).toBe("");
    expect(el("#form-status").textContent).toBe("Added Ada Lovelace.");
  });

  it("shows a field error next to the field, keeps what was typed, and stores nothing", async () => {
    const stored = fakeBackend();
    await mountContactsView(root, api).ready;
    type("contact-name", "Ada");
    type("contact-email", "ada-at-example.com");
    el<HTMLFormElement>("#contact-form").requestSubmit();
    await settle();

    const note = el("#contact-email-error");
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe("Email must look like name@example.com");
    expect(el("#contact-email").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement?.id).toBe("contact-email");
    expect(el<HTMLInputElement>("#contact-name").value).toBe("Ada");
    expect(stored).toHaveLength(0);

    type("contact-email", "ada@example.com");
    expect(note.hidden).toBe(true);
    expect(el("#contact-email").hasAttribute("aria-invalid")).toBe(false);
  });

  it("pages through a long list with Show more", async () => {
    const many: Contact[] = Array.from({ length: 130 }, (_, i) => ({
      id: i + 1,
      name: `Contact ${String(i).padStart(3, "0")}`,
      company: "",
      email: null,
      phone: null,
      createdAt: "",
      updatedAt: "",
    }));
    fakeBackend(many);
    await mountContactsView(root, api).ready;
    expect(document.querySelectorAll("#contact-list li")).toHaveLength(100);
    const more = el<HTMLButtonElement>("#load-more");
    expect(more.hidden).toBe(false);
    more.click();
    await settle();
    expect(document.querySelectorAll("#contact-list li")).toHaveLength(130);
    expect(more.hidden).toBe(true);
  });

  it("says why when the database cannot be opened, and disables adding", async () => {
    mockIPC(() => {
      throw {
        kind: "database_too_new",
        message: "this database was written by a newer version of Touchpoint",
      };
    });
    await mountContactsView(root, api).ready;
    expect(el("#load-error").hidden).toBe(false);
    expect(el("#load-error").textContent).toContain("newer version of Touchpoint");
    expect(el<HTMLButtonElement>("#add-contact").disabled).toBe(true);
  });
});
