// Escape on a contact's page goes back to where the user came from (Today,
// the contact list, the calendar...). It does nothing while the user is
// typing in a field that holds text (Escape there is the field's, and a
// stray press must not throw the page away), while a dialog or the palette
// is open, or when something on the page already used the key (a form with
// a Cancel cancels on Escape and marks the event handled).
import type { Navigate, Route } from "./nav";

/** Routes kept to go back to; older ones are dropped. */
const KEPT = 50;

/** What the user saw before, most recent last. */
export class RouteHistory {
  private stack: Route[] = [];
  private current: Route | null = null;
  private goingBack = false;

  /** Hears every route as it is shown. */
  shown(route: Route): void {
    const previous = this.current;
    this.current = route;
    // Going back, or the same view shown anew (after an undo): nothing new.
    if (this.goingBack || previous === null || sameRoute(previous, route)) return;
    // Back to an hour is back to the list, not a second start of it.
    this.stack.push(previous.view === "hour" ? { view: "hour" } : previous);
    if (this.stack.length > KEPT) this.stack.shift();
  }

  /** Shows the route before this one, or `fallback` when there is none. */
  back(navigate: Navigate, fallback: Route): void {
    const to = this.stack.pop() ?? fallback;
    this.goingBack = true;
    try {
      navigate(to);
    } finally {
      this.goingBack = false;
    }
  }
}

function sameRoute(a: Route, b: Route): boolean {
  return a.view === b.view && (a.view !== "contact" || (b.view === "contact" && a.id === b.id));
}

const TEXT_INPUTS = new Set(["text", "search", "email", "tel", "url", "number", "password", "date", "datetime-local", "time"]);

/** Whether `el` is a field with text in it, which Escape must not throw away. */
export function editingText(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement) return el.value !== "";
  return el instanceof HTMLInputElement && TEXT_INPUTS.has(el.type) && el.value !== "";
}

function dialogOpen(): boolean {
  return document.querySelector('[role="dialog"]:not([hidden]), [role="alertdialog"]:not([hidden])') !== null;
}

/** Listens for Escape on the document; `shown` is the route on screen,
 * `back` goes back (RouteHistory.back). */
export function startEscapeBack(shown: () => Route, back: () => void): void {
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (shown().view !== "contact" || dialogOpen() || editingText(document.activeElement)) return;
    event.preventDefault();
    back();
  });
}
