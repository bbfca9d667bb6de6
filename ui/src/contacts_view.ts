// The contacts screen: the quick card form and the contact list.
import type { Api, ApiError, Contact, ContactInput } from "./api";
import { toApiError } from "./api";
import { byId, h } from "./dom";

const PAGE_SIZE = 100;

type FieldName = keyof ContactInput;

const FIELDS: { name: FieldName; label: string; type: string; hint?: string }[] = [
  { name: "name", label: "Name", type: "text" },
  { name: "company", label: "Company", type: "text" },
  { name: "email", label: "Email", type: "email", hint: "name@example.com" },
  { name: "phone", label: "Phone", type: "tel", hint: "+1 415 555 0100" },
];

function inputId(field: FieldName): string {
  return `contact-${field}`;
}

function fieldRow(f: (typeof FIELDS)[number]): HTMLElement {
  const id = inputId(f.name);
  const required = f.name === "name";
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, f.label, required ? h("span", { class: "required" }, " (required)") : null),
    h("input", {
      id,
      name: f.name,
      type: f.type,
      autocomplete: "off",
      placeholder: f.hint,
      required,
      "aria-describedby": `${id}-error`,
      spellcheck: "false",
    }),
    h("p", { class: "field-error", id: `${id}-error`, hidden: true }),
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters.map((p) => (p ?? "").charAt(0).toUpperCase()).join("");
}

function contactRow(c: Contact): HTMLElement {
  return h(
    "li",
    { class: "contact", "data-contact-id": String(c.id) },
    h("span", { class: "avatar", "aria-hidden": "true" }, initials(c.name)),
    h(
      "div",
      { class: "contact-main" },
      h("span", { class: "contact-name" }, c.name),
      c.company ? h("span", { class: "contact-company" }, c.company) : null,
    ),
    h(
      "div",
      { class: "contact-reach" },
      c.email ? h("span", { class: "contact-email" }, c.email) : null,
      c.phone ? h("span", { class: "contact-phone" }, c.phone) : null,
    ),
  );
}

export interface ContactsView {
  /** Resolves once the first page of contacts is shown. */
  ready: Promise<void>;
}

export function mountContactsView(root: HTMLElement, api: Api): ContactsView {
  const form = h(
    "form",
    { id: "contact-form", novalidate: true, "aria-labelledby": "new-contact-title" },
    ...FIELDS.map(fieldRow),
    h("p", { class: "form-error", id: "form-error", role: "alert", hidden: true }),
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", id: "add-contact", class: "primary", title: "Add contact (Enter)" }, "Add contact"),
      h("span", { class: "shortcut-hint" }, "or press ", h("kbd", {}, "Enter")),
    ),
    h("p", { class: "status", id: "form-status", role: "status", "aria-live": "polite" }),
  );

  const list = h("ul", { class: "contact-list", id: "contact-list", "aria-labelledby": "contacts-title" });
  const empty = h(
    "div",
    { class: "empty", id: "contacts-empty", hidden: true },
    h("p", { class: "empty-title" }, "No contacts yet"),
    h(
      "p",
      {},
      "Start with the pile of business cards on your desk: type the first one into the form. " +
        "A name is all you need; add the email or phone you will follow up on.",
    ),
  );
  const loadError = h("div", { class: "load-error", id: "load-error", role: "alert", hidden: true });
  const more = h("button", { type: "button", id: "load-more", class: "secondary", hidden: true }, "Show more");
  const count = h("span", { class: "count", id: "contact-count", "aria-label": "number of contacts" }, "0");

  root.replaceChildren(
    h(
      "section",
      { class: "panel form-panel" },
      h("h2", { id: "new-contact-title" }, "New contact"),
      h("p", { class: "panel-hint" }, "Capture a card while you still remember where you met."),
      form,
    ),
    h(
      "section",
      { class: "panel list-panel" },
      h("header", { class: "panel-header" }, h("h2", { id: "contacts-title" }, "Contacts"), count),
      loadError,
      empty,
      list,
      more,
    ),
  );

  const input = (f: FieldName) => byId<HTMLInputElement>(form, inputId(f));
  const formError = byId(form, "form-error");
  const status = byId(form, "form-status");
  const submit = byId<HTMLButtonElement>(form, "add-contact");
  let loaded = 0;
  let total = 0;

  function clearErrors(): void {
    for (const f of FIELDS) showFieldError(f.name, null);
    formError.hidden = true;
    formError.textContent = "";
  }

  function showFieldError(field: FieldName, message: string | null): void {
    const el = input(field);
    const note = byId(form, `${inputId(field)}-error`);
    note.textContent = message ?? "";
    note.hidden = message === null;
    if (message === null) el.removeAttribute("aria-invalid");
    else el.setAttribute("aria-invalid", "true");
  }

  function showError(error: ApiError): void {
    const field = FIELDS.find((f) => f.name === error.field)?.name;
    if (field) {
      showFieldError(field, error.message);
      input(field).focus();
    } else {
      formError.textContent = error.message;
      formError.hidden = false;
    }
  }

  function render(contacts: Contact[], append: boolean): void {
    const rows = contacts.map(contactRow);
    if (append) list.append(...rows);
    else list.replaceChildren(...rows);
    count.textContent = String(total);
    empty.hidden = total > 0;
    more.hidden = loaded >= total;
  }

  async function loadPage(append: boolean): Promise<void> {
    const offset = append ? loaded : 0;
    try {
      const page = await api.listContacts({ offset, limit: PAGE_SIZE });
      total = page.total;
      loaded = offset + page.items.length;
      loadError.hidden = true;
      render(page.items, append);
    } catch (e) {
      const error = toApiError(e);
      loadError.replaceChildren(
        h("p", { class: "load-error-title" }, "Touchpoint cannot read its database"),
        h("p", {}, error.message),
      );
      loadError.hidden = false;
      if (error.kind !== "internal") submit.disabled = true;
    }
  }

  for (const f of FIELDS) {
    input(f.name).addEventListener("input", () => showFieldError(f.name, null));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    void (async () => {
      clearErrors();
      const payload: ContactInput = {
        name: input("name").value,
        company: input("company").value,
        email: input("email").value,
        phone: input("phone").value,
      };
      submit.disabled = true;
      try {
        const added = await api.addContact(payload);
        form.reset();
        status.textContent = `Added ${added.name}.`;
        await loadPage(false);
        input("name").focus();
      } catch (e) {
        status.textContent = "";
        showError(toApiError(e));
      } finally {
        submit.disabled = false;
      }
    })();
  });

  more.addEventListener("click", () => void loadPage(true));

  input("name").focus();
  return { ready: loadPage(false) };
}
