import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Touch } from "./api";
import { RouteHistory, editingText, startEscapeBack } from "./escape_back";
import type { Route } from "./nav";
import { touchEditForm } from "./touch_edit";

// One document listener for the file, as main.ts has one for the app; each
// test sets what is on screen and where navigation goes.
let history: RouteHistory;
let routes: Route[];
let screen: Route;
const navigate = (route: Route) => {
  routes.push(route);
  screen = route;
  history.shown(route);
};
beforeAll(() =>
  startEscapeBack(
    () => screen,
    () => history.back(navigate, { view: "contacts" }),
  ),
);
beforeEach(() => {
  document.body.innerHTML = "";
  history = new RouteHistory();
  routes = [];
});

/** Shows `path` in order, as the user clicked through it. */
function visit(...path: Route[]): void {
  for (const route of path) navigate(route);
  routes = [];
}

function escape(target: Element = document.activeElement ?? document.body): KeyboardEvent {
  const event = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

function focused<T extends HTMLElement>(el: T): T {
  document.body.append(el);
  el.focus();
  return el;
}

describe("Escape on a contact's page", () => {
  it("goes back to Today when the page was opened from Today", () => {
    visit({ view: "today" }, { view: "contact", id: 7 });
    expect(escape().defaultPrevented).toBe(true);
    expect(routes).toEqual([{ view: "today" }]);
  });

  it("goes back to the contact list, then further back, one step each", () => {
    visit({ view: "today" }, { view: "contacts" }, { view: "contact", id: 7 }, { view: "contact", id: 8 });
    escape();
    escape();
    expect(routes).toEqual([{ view: "contact", id: 7 }, { view: "contacts" }]);
    // Off a contact's page Escape is left to the view.
    expect(escape().defaultPrevented).toBe(false);
    expect(routes).toHaveLength(2);
  });

  it("goes to the contact list when there is nothing to go back to", () => {
    visit({ view: "contact", id: 7 });
    escape();
    expect(routes).toEqual([{ view: "contacts" }]);
  });

  it("does not count a view shown anew (after an undo), nor start an hour again", () => {
    visit({ view: "hour", start: true }, { view: "contact", id: 7 }, { view: "contact", id: 7 });
    escape();
    expect(routes).toEqual([{ view: "hour" }]);
  });

  it("leaves a field with text in it alone, and works from an empty one or a list", () => {
    visit({ view: "today" }, { view: "contact", id: 7 });
    const hook = focused(document.createElement("input"));
    hook.value = "call Thursday";
    expect(escape().defaultPrevented).toBe(false);
    const notes = focused(document.createElement("textarea"));
    notes.value = "spoke about the order";
    escape();
    expect(routes).toEqual([]);
    notes.value = "";
    escape();
    expect(routes).toEqual([{ view: "today" }]);

    visit({ view: "contacts" }, { view: "contact", id: 7 });
    focused(document.createElement("select"));
    escape();
    expect(routes).toEqual([{ view: "contacts" }]);
  });

  it("stays while a dialog is open, or when the page used the key", () => {
    visit({ view: "today" }, { view: "contact", id: 7 });
    const dialog = document.createElement("div");
    dialog.setAttribute("role", "dialog");
    document.body.append(dialog);
    escape();
    expect(routes).toEqual([]);
    dialog.hidden = true;
    const handled = focused(document.createElement("button"));
    handled.addEventListener("keydown", (event) => event.preventDefault());
    escape();
    expect(routes).toEqual([]);
  });

  it("cancels a touch being corrected instead of leaving the page", () => {
    visit({ view: "today" }, { view: "contact", id: 7 });
    const touch: Touch = {
      id: 1,
      contactId: 7,
      channel: "call",
      direction: "outbound",
      outcome: "no_answer",
      notes: "",
      hook: "",
      objections: [],
      happenedAt: "2026-11-23T15:00:00Z",
    };
    let cancelled = 0;
    const form = touchEditForm(touch, async () => null, () => cancelled++);
    document.body.append(form);
    form.querySelector<HTMLElement>("#touch-edit-outcome")?.focus();
    expect(escape().defaultPrevented).toBe(true);
    expect(cancelled).toBe(1);
    expect(routes).toEqual([]);
  });
});

describe("editingText", () => {
  it("is true only for a text field with text in it", () => {
    const input = document.createElement("input");
    expect(editingText(input)).toBe(false);
    input.value = "x";
    expect(editingText(input)).toBe(true);
    const box = document.createElement("input");
    box.type = "checkbox";
    box.value = "on";
    expect(editingText(box)).toBe(false);
    expect(editingText(document.createElement("button"))).toBe(false);
    expect(editingText(null)).toBe(false);
  });
});
