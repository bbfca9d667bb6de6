// One contact as a record: a header with their stage, numbers and email
// addresses (call or write through the OS, or copy), then the follow-up
// panel, then every field, editable. What a logged touch changes (it may
// close them) shows in the header at once.
import type { Api, Contact, LinkKind } from "./api";
import { emptyQuery, toApiError } from "./api";
import { ContactForm } from "./contact_form";
import { mountFollowupPanel } from "./followup_panel";
import { h } from "./dom";
import { stageLabel } from "./labels";
import type { Navigate } from "./nav";

/** `signal`: the page's lifetime (see router.ts). */
export async function mountContactPage(
  root: HTMLElement,
  signal: AbortSignal,
  api: Api,
  navigate: Navigate,
  id: number,
): Promise<void> {
  const back = h("button", { type: "button", class: "link-button", id: "back-to-list" }, "← All contacts");
  back.addEventListener("click", () => navigate({ view: "contacts" }));
  let contact: Contact;
  try {
    contact = await api.getContact(id);
  } catch (e) {
    if (signal.aborted) return;
    root.replaceChildren(
      h("section", { class: "panel wide" }, back, h("div", { class: "load-error", role: "alert" }, toApiError(e).message)),
    );
    return;
  }
  if (signal.aborted) return;
  let referrerName = "";
  if (contact.referredBy !== null) {
    referrerName = await api
      .getContact(contact.referredBy)
      .then((r) => r.displayName)
      .catch(() => "");
    if (signal.aborted) return;
  }

  const form = new ContactForm("ce");
  form.searchReferrers = async (text) => {
    const page = await api.listContacts({ ...emptyQuery(), search: text, limit: 8 });
    if (signal.aborted) return [];
    return page.items.filter((c) => c.id !== id).map((c) => ({ id: c.id, name: c.displayName }));
  };
  form.fill(contact, referrerName);
  const title = h("h2", { id: "contact-title" }, contact.displayName);
  const subtitle = h("p", { class: "panel-hint", id: "contact-subtitle" });
  const status = h("p", { class: "status", id: "edit-status", role: "status", "aria-live": "polite" });
  // No "are you sure?": the toast offers Undo, which gives back everything.
  const remove = h("button", { type: "button", class: "danger-button", id: "delete-contact" }, "Delete contact");
  remove.addEventListener("click", () => {
    void (async () => {
      try {
        await api.deleteContacts([id]);
        if (!signal.aborted) navigate({ view: "contacts" });
      } catch (e) {
        if (!signal.aborted) status.textContent = toApiError(e).message;
      }
    })();
  });
  const record = h("div", { class: "record", id: "contact-record" });
  const recordStatus = h("p", { class: "status", id: "record-status", role: "status", "aria-live": "polite" });
  const say = (text: string) => {
    if (!signal.aborted) recordStatus.textContent = text;
  };
  const reach = (kind: LinkKind, index: number, value: string, action: string) => {
    const open = h(
      "button",
      { type: "button", class: "link-button record-link", id: `record-${kind}-${index}`, title: `${action} with your ${kind === "phone" ? "phone" : "mail"} app` },
      value,
    );
    open.addEventListener("click", () => {
      void api
        .openContactLink(id, kind, index)
        .then((link) => say(`Opened ${link}.`))
        .catch((e) => say(toApiError(e).message));
    });
    const copy = h("button", { type: "button", class: "copy-button", id: `copy-${kind}-${index}`, "aria-label": `Copy ${value}` }, "Copy");
    copy.addEventListener("click", () => {
      navigator.clipboard
        .writeText(value)
        .then(() => say(`Copied ${value}.`))
        .catch((e) => say(`Could not copy: ${String(e)}`));
    });
    return h("span", { class: "record-item" }, open, copy);
  };
  const showHeader = (c: Contact) => {
    title.textContent = c.displayName;
    subtitle.textContent = [c.title, c.company, stageLabel(c.stage)].filter(Boolean).join(" · ");
    record.replaceChildren(
      ...c.phones.map((p, i) => reach("phone", i, p.number, "Call")),
      ...c.emails.map((e, i) => reach("email", i, e.address, "Write")),
    );
    record.hidden = c.phones.length + c.emails.length === 0;
  };
  showHeader(contact);
  form.element.append(
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "primary", id: "save-changes", title: "Save changes (Enter)" }, "Save changes"),
      remove,
    ),
    status,
  );
  form.element.addEventListener("submit", (event) => {
    event.preventDefault();
    void (async () => {
      form.clearErrors();
      status.textContent = "";
      try {
        const saved = await api.updateContact(id, form.read());
        if (signal.aborted) return;
        contact = saved;
        form.fill(contact, referrerName);
        showHeader(contact);
        status.textContent = "Saved.";
      } catch (e) {
        if (signal.aborted) return;
        form.showError(toApiError(e));
      }
    })();
  });

  const followup = h("div", { class: "wide-form" });
  root.replaceChildren(
    h("div", { class: "wide-form page-head" }, back, h("header", { class: "panel-header" }, title), subtitle, record, recordStatus),
    followup,
    h("section", { class: "panel form-panel wide-form", "aria-labelledby": "details-title" }, h("h2", { id: "details-title" }, "Details"), form.element),
  );
  // Alt+L works wherever the focus is (on the header, or nowhere after a
  // click on the background), so it listens on the document: the signal
  // removes it when the page goes.
  document.addEventListener(
    "keydown",
    (event) => {
      if (event.altKey && (event.key === "l" || event.key === "L")) {
        event.preventDefault();
        root.querySelector<HTMLElement>("#log-channel")?.focus();
      }
    },
    { signal },
  );
  await mountFollowupPanel(followup, signal, api, id, contact.displayName, {
    // A touch may have closed them ("do not contact"): the header says so now.
    onChanged: () => {
      void api
        .getContact(id)
        .then((c) => {
          if (signal.aborted) return;
          // The form takes the new stage too, or saving it would undo the
          // close; other fields being edited stay as typed.
          if (c.stage !== contact.stage) form.fill(c, referrerName);
          contact = c;
          showHeader(contact);
        })
        .catch(() => {});
    },
  });
  if (signal.aborted) return;
  root.querySelector<HTMLElement>("#log-channel")?.focus();
}
