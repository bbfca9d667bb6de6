// Correcting a logged touch from the timeline: its channel, outcome, notes,
// hook and time. What follows (a promise that goes, one owed again, the
// rolling next step) is decided in Rust; the toast offers Undo.
import type { Touch, TouchEdit } from "./api";
import { h } from "./dom";
import { CHANNELS, OUTCOMES } from "./labels";

/** "YYYY-MM-DDTHH:MM" in this computer's zone, as a datetime-local field holds it. */
function localInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function touchEditForm(
  t: Touch,
  save: (edit: TouchEdit) => Promise<string | null>,
  cancel: () => void,
): HTMLFormElement {
  const select = <T extends string>(id: string, label: string, items: { value: T; label: string }[], value: T) => {
    const s = h("select", { id, "aria-label": label }, ...items.map((i) => h("option", { value: i.value }, i.label)));
    s.value = value;
    return s;
  };
  const channel = select("touch-edit-channel", "Channel", CHANNELS, t.channel);
  const outcome = select("touch-edit-outcome", "Outcome", OUTCOMES, t.outcome);
  const when = h("input", { type: "datetime-local", id: "touch-edit-when", "aria-label": "When", value: localInput(t.happenedAt) });
  const notes = h("textarea", { id: "touch-edit-notes", "aria-label": "Notes", rows: "2", placeholder: "What you spoke about" });
  notes.value = t.notes;
  const hook = h("input", { type: "text", id: "touch-edit-hook", "aria-label": "Hook", value: t.hook, placeholder: "The hook for next time" });
  const error = h("p", { class: "field-error", id: "touch-edit-error", role: "alert", hidden: true });
  const form = h(
    "form",
    { class: "touch-edit", id: "touch-edit-form", novalidate: true },
    h("div", { class: "choice-row" }, channel, outcome, when),
    notes,
    hook,
    error,
    h(
      "div",
      { class: "form-actions" },
      h("button", { type: "submit", class: "primary", id: "touch-edit-save" }, "Save correction"),
      h("button", { type: "button", class: "link-button", id: "touch-edit-cancel" }, "Cancel"),
    ),
  );
  form.querySelector("#touch-edit-cancel")?.addEventListener("click", cancel);
  // Handled here, so Escape on the contact's page cancels the correction
  // rather than leaving the page.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    event.preventDefault();
    cancel();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const at = new Date(when.value);
    void save({
      channel: channel.value as TouchEdit["channel"],
      outcome: outcome.value as TouchEdit["outcome"],
      notes: notes.value,
      hook: hook.value,
      objections: t.objections,
      happenedAt: Number.isNaN(at.getTime()) ? t.happenedAt : at.toISOString(),
    }).then((refused) => {
      error.textContent = refused ?? "";
      error.hidden = !refused;
    });
  });
  return form;
}
