// One contact: every field, editable.
import type { Api, Contact } from "./api";
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
  const showHeader = (c: Contact) => {
    title.textContent = c.displayName;
    subtitle.textContent = [c.title, c.company, stageLabel(c.stage)].filter(Boolean).join(" · ");
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
    h("div", { class: "wide-form page-head" }, back, h("header", { class: "panel-header" }, title), subtitle),
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
  await mountFollowupPanel(followup, signal, api, id, contact.displayName);
  if (signal.aborted) return;
  root.querySelector<HTMLElement>("#log-channel")?.focus();
}
