// Entering a pile of business cards: keyboard first. Enter saves and opens
// the contact; Ctrl+Enter ("Save & next") saves and clears the form for the
// next card. A possible duplicate stops the save and lets the user choose;
// the keyboard starts on "Back to the form" (Escape too), so the Enter of a
// fast typist changes nothing: merging is a choice made on purpose.
// A pile of card photos fills the form card by card; while a pile is open
// both Save and Save & next move on to the next card.
import type { Api, ContactFields, DuplicateCheck, DuplicateMatch } from "./api";
import { emptyQuery, toApiError } from "./api";
import { type AssignTarget, ContactForm, fillEmpty } from "./contact_form";
import { h } from "./dom";
import { reasonLabel, stageLabel } from "./labels";
import type { Navigate } from "./nav";
import { type PileCard, photoPile } from "./photo_pile";

export interface CardEntryView {
  form: ContactForm;
}

export function mountCardEntryView(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate): CardEntryView {
  const form = new ContactForm("cf");
  form.searchReferrers = async (text) => {
    const page = await api.listContacts({ ...emptyQuery(), search: text, limit: 8 });
    if (signal.aborted) return [];
    return page.items.map((c) => ({ id: c.id, name: c.displayName }));
  };
  const batchCount = h("p", { class: "batch", id: "batch-count", "aria-live": "polite" });
  const status = h("p", { class: "status", id: "form-status", role: "status", "aria-live": "polite" });
  const save = h("button", { type: "submit", class: "primary", id: "save-contact", title: "Save (Enter)" }, "Save");
  const saveNext = h(
    "button",
    { type: "button", class: "secondary", id: "save-next", title: "Save & next card (Ctrl+Enter)" },
    "Save & next",
  );
  const duplicates = h("section", {
    class: "duplicates",
    id: "duplicate-panel",
    role: "alertdialog",
    "aria-labelledby": "duplicate-title",
    hidden: true,
  });
  form.element.append(
    h(
      "div",
      { class: "form-actions" },
      save,
      saveNext,
      h("span", { class: "shortcut-hint" }, h("kbd", {}, "Enter"), " save · ", h("kbd", {}, "Ctrl"), "+", h("kbd", {}, "Enter"), " save & next"),
    ),
    status,
  );

  const paste = pastePanel(api, signal, form);
  const pile = photoPile(api, signal, showCard, (count) => {
    status.textContent += ` That was the last of the ${count} ${count === 1 ? "photo" : "photos"}.`;
  });
  root.replaceChildren(
    h(
      "div",
      { class: "entry-layout" },
      h(
        "section",
        { class: "panel form-panel" },
        h("header", { class: "panel-header" }, h("h2", { id: "new-contact-title" }, "New contact"), batchCount),
        h("p", { class: "panel-hint" }, "Type the card in the order you read it. Only a name is required."),
        duplicates,
        form.element,
      ),
      h("div", { class: "entry-side" }, pile.element, paste.element),
    ),
  );
  if (root.firstElementChild instanceof HTMLElement) pile.watch(root.firstElementChild);

  function showCard(card: PileCard): void {
    duplicates.hidden = true;
    form.reset();
    form.clearErrors();
    if (card.photo) {
      form.fill(card.photo.parse.fields);
      paste.show(card.photo.text, card.photo.parse.unplaced);
    } else {
      paste.clear();
    }
    form.focusFirst();
  }

  let batch = 0;
  let busy = false;

  function showBatch(): void {
    batchCount.textContent = batch === 0 ? "" : `${batch} ${batch === 1 ? "card" : "cards"} entered in this batch`;
  }

  function afterSave(id: number, name: string, next: boolean): void {
    batch += 1;
    showBatch();
    if (pile.active()) {
      form.reset();
      paste.clear();
      status.textContent = `Saved ${name}.`;
      form.focusFirst();
      pile.next();
    } else if (next) {
      form.reset();
      paste.clear();
      status.textContent = `Saved ${name}. Next card.`;
      form.focusFirst();
    } else {
      navigate({ view: "contact", id });
    }
  }

  function offerDuplicates(fields: ContactFields, matches: DuplicateMatch[], next: boolean): void {
    const saveAnyway = h("button", { type: "button", class: "secondary", id: "save-anyway" }, "Save as a new contact");
    saveAnyway.addEventListener("click", () => void submit(next, "save_anyway"));
    const cancel = h("button", { type: "button", class: "link-button", id: "duplicate-cancel" }, "Back to the form");
    cancel.addEventListener("click", () => {
      duplicates.hidden = true;
      form.focusFirst();
    });
    duplicates.replaceChildren(
      h("h3", { id: "duplicate-title" }, matches.length === 1 ? "This may be a contact you already have" : "These may be contacts you already have"),
      h(
        "ul",
        { class: "duplicate-list" },
        ...matches.map((m, i) => {
          const open = h("button", { type: "button", class: "secondary", id: `open-existing-${i}` }, "Open existing");
          open.addEventListener("click", () => navigate({ view: "contact", id: m.contact.id }));
          const merge = h("button", { type: "button", class: "secondary", id: `merge-${i}` }, "Merge into it");
          merge.addEventListener("click", () => {
            void (async () => {
              try {
                const merged = await api.mergeInto(m.contact.id, fields);
                if (signal.aborted) return;
                duplicates.hidden = true;
                afterSave(merged.id, merged.displayName, next);
                status.textContent = `Merged into ${merged.displayName}.`;
              } catch (e) {
                if (signal.aborted) return;
                duplicates.hidden = true;
                form.showError(toApiError(e));
              }
            })();
          });
          return h(
            "li",
            {},
            h(
              "div",
              { class: "duplicate-who" },
              h("strong", {}, m.contact.displayName),
              h("span", {}, [m.contact.company, stageLabel(m.contact.stage)].filter(Boolean).join(" · ")),
              h("span", { class: "reasons" }, `Why: ${m.reasons.map(reasonLabel).join(", ")}`),
            ),
            h("div", { class: "duplicate-actions" }, open, merge),
          );
        }),
      ),
      h("div", { class: "form-actions" }, saveAnyway, cancel),
    );
    duplicates.hidden = false;
    cancel.focus();
  }

  async function submit(next: boolean, check: DuplicateCheck = "warn"): Promise<void> {
    if (busy) return;
    busy = true;
    form.clearErrors();
    status.textContent = "";
    const fields = form.read();
    try {
      const outcome = await api.addContact(fields, check);
      // Saved either way; but the user has moved on: no form, no navigation.
      if (signal.aborted) return;
      if (outcome.kind === "saved") {
        duplicates.hidden = true;
        afterSave(outcome.contact.id, outcome.contact.displayName, next);
      } else {
        offerDuplicates(fields, outcome.matches, next);
      }
    } catch (e) {
      if (signal.aborted) return;
      duplicates.hidden = true;
      form.showError(toApiError(e));
    } finally {
      busy = false;
    }
  }

  duplicates.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    event.preventDefault();
    duplicates.querySelector<HTMLButtonElement>("#duplicate-cancel")?.click();
  });
  form.element.addEventListener("submit", (event) => {
    event.preventDefault();
    void submit(pile.active());
  });
  // On the view's own element, which goes with the view: a listener on the
  // shared root would pile up with every visit.
  root.firstElementChild?.addEventListener("keydown", (event) => {
    if (!(event instanceof KeyboardEvent)) return;
    if (event.altKey && (event.key === "p" || event.key === "P")) {
      event.preventDefault();
      paste.focus();
    }
  });
  form.element.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit(true);
    }
  });
  saveNext.addEventListener("click", () => void submit(true));

  form.focusFirst();
  return { form };
}

const ASSIGN_TARGETS: { value: AssignTarget; label: string }[] = [
  { value: "notes", label: "Notes" },
  { value: "title", label: "Title" },
  { value: "company", label: "Company" },
  { value: "metWhere", label: "Where you met" },
  { value: "website", label: "Website" },
];

/** "Paste a card": free text read by the core into the form; nothing is saved
 * until the user saves the form. */
function pastePanel(
  api: Api,
  signal: AbortSignal,
  form: ContactForm,
): { element: HTMLElement; focus(): void; clear(): void; show(text: string, unplaced: string[]): void } {
  const text = h("textarea", {
    id: "paste-text",
    rows: "9",
    placeholder: "Paste an email signature, a LinkedIn contact info block or a typed-up card…",
    "aria-describedby": "paste-text-error",
  });
  const fill = h("button", { type: "button", class: "secondary", id: "paste-fill" }, "Fill the form");
  const error = h("p", { class: "field-error", id: "paste-text-error", hidden: true });
  const unplaced = h("div", { id: "paste-unplaced", "aria-live": "polite" });

  function showUnplaced(lines: string[]): void {
    if (!lines.length) {
      unplaced.replaceChildren();
      return;
    }
    const list = h("ul", { class: "unplaced-list" });
    lines.forEach((line, i) => {
      const target = h(
        "select",
        { "aria-label": `Field for “${line}”`, id: `unplaced-target-${i}` },
        ...ASSIGN_TARGETS.map((t) => h("option", { value: t.value }, t.label)),
      );
      const add = h("button", { type: "button", class: "link-button", id: `unplaced-add-${i}` }, "Add");
      const item = h("li", {}, h("span", { class: "unplaced-line" }, line), target, add);
      add.addEventListener("click", () => {
        form.assign(target.value as AssignTarget, line);
        item.remove();
        if (!list.childElementCount) unplaced.replaceChildren();
      });
      list.append(item);
    });
    unplaced.replaceChildren(
      h("p", { class: "panel-hint" }, "Lines not placed — add each to a field, or leave them out:"),
      list,
    );
  }

  fill.addEventListener("click", () => {
    error.hidden = true;
    if (!text.value.trim()) {
      error.textContent = "Paste some text first";
      error.hidden = false;
      text.focus();
      return;
    }
    void api
      .parseCardText(text.value)
      .then((parsed) => {
        if (signal.aborted) return;
        form.fill(fillEmpty(form.read(), parsed.fields));
        showUnplaced(parsed.unplaced);
        form.focusFirst();
      })
      .catch((e) => {
        if (signal.aborted) return;
        error.textContent = toApiError(e).message;
        error.hidden = false;
      });
  });

  const element = h(
    "aside",
    { class: "panel paste-panel", "aria-labelledby": "paste-title" },
    h("h2", { id: "paste-title" }, "Paste a card"),
    h("p", { class: "panel-hint" }, "Touchpoint fills the form; check it, then save. ", h("kbd", {}, "Alt"), "+", h("kbd", {}, "P")),
    text,
    error,
    h("div", { class: "form-actions" }, fill),
    unplaced,
  );
  return {
    element,
    focus: () => text.focus(),
    clear: () => {
      text.value = "";
      unplaced.replaceChildren();
    },
    /** A photo's text, as read, with the lines the parser could not place. */
    show: (read, lines) => {
      error.hidden = true;
      text.value = read;
      showUnplaced(lines);
    },
  };
}
