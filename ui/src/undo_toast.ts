// Undo, offered right after each undoable action and on Ctrl/⌘+Z: a toast
// names what was done ("Deleted Ada Lovelace") with an Undo button, and
// Ctrl/⌘+Z takes back the newest action unless the focus is in a field with
// text in it (that field keeps its own Ctrl+Z). After an undo the current view is shown again, so
// it reflects the database as it now is.
import type { Api, RecentAction } from "./api";
import { onUndoable, toApiError } from "./api";
import { h } from "./dom";

/** How long the toast stays after an action. */
const SHOWN_MS = 10_000;

/** Whether Ctrl+Z belongs to the field being typed in: one with text in it
 * has its own undo; an empty one (the next card's first field, just after
 * a save) has nothing to take back, so the app's action is. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) && target.value !== "";
}

export function isUndoKey(event: KeyboardEvent): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "z";
}

/** Shows the toast in `host`; `refresh` shows the current view again. */
export function startUndo(host: HTMLElement, api: Api, refresh: () => void, since: RecentAction | null): void {
  const text = h("span", { class: "toast-text", id: "undo-text" });
  const button = h("button", { type: "button", class: "toast-action", id: "undo-button", title: "Undo (Ctrl+Z)" }, "Undo");
  const toast = h("div", { class: "toast", id: "undo-toast", role: "status", "aria-live": "polite", hidden: true }, text, button);
  host.append(toast);
  let hideTimer: number | undefined;
  const show = (message: string, offerUndo: boolean) => {
    text.textContent = message;
    button.hidden = !offerUndo;
    toast.hidden = false;
    window.clearTimeout(hideTimer);
    hideTimer = window.setTimeout(() => (toast.hidden = true), SHOWN_MS);
  };
  let busy = false;
  const undo = async () => {
    if (busy) return;
    busy = true;
    try {
      const undone = await api.undo();
      show(`Undone: ${undone.label}`, false);
      refresh();
    } catch (e) {
      show(toApiError(e).message, false);
    } finally {
      busy = false;
    }
  };
  button.addEventListener("click", () => void undo());
  onUndoable((action) => show(action.label, true), since);
  document.addEventListener("keydown", (event) => {
    if (!isUndoKey(event) || typingIn(event.target)) return;
    event.preventDefault();
    void undo();
  });
}
