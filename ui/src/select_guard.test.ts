import { describe, expect, it } from "vitest";
import { api, type ContactPlan } from "./api";
import { logForm } from "./log_form";
import { ignoreTyping } from "./select_guard";
import { liveSignal } from "./test_backend";

const PLAN: ContactPlan = {
  progress: { touches: 0, nextTouch: 1, total: 12, cadence: "New prospect", schedule: "anchored" },
  cadenceId: 1,
  next: null,
  promises: [],
  upcoming: [],
  suggestion: { when: "2026-11-26 09:00", timeZone: "America/New_York", channel: "email", prompt: "" },
  touches: [],
  promiseDefault: "2026-11-24 10:00",
  theirToday: "2026-11-23",
  learnedTime: null,
  stage: "prospect",
};

/** Presses `key` on `el`; whether the browser's own handling is cancelled.
 * happy-dom has no type-ahead to watch: in a browser a cancelled keydown
 * sends no keypress, which is what a select's type-ahead reads. */
function press(el: HTMLElement, key: string, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, ...init });
  el.dispatchEvent(event);
  return event.defaultPrevented;
}

function form(): HTMLFormElement {
  document.body.innerHTML = "";
  const f = logForm(PLAN, null, { api, signal: liveSignal(), contactId: 7, contactName: "Ada", logged: () => {} });
  document.body.append(f);
  return f;
}

describe("selects that ignore typing", () => {
  it("cancel typed characters but leave the keys that choose", () => {
    const select = ignoreTyping(document.createElement("select"));
    for (const key of ["p", "P", "1", "é"]) expect(press(select, key)).toBe(true);
    for (const key of [" ", "ArrowDown", "ArrowUp", "Enter", "Tab", "Escape"]) expect(press(select, key)).toBe(false);
    expect(press(select, "l", { altKey: true })).toBe(false);
    expect(press(select, "Enter", { ctrlKey: true })).toBe(false);
  });

  it("in the log form: objection, next step channel and close reason; channel and outcome keep type-ahead", () => {
    const f = form();
    const select = (id: string) => f.querySelector<HTMLSelectElement>(`#${id}`) as HTMLSelectElement;
    for (const id of ["log-objection", "log-next-channel", "log-close-reason"]) {
      expect(press(select(id), "p"), id).toBe(true);
    }
    for (const id of ["log-channel", "log-outcome"]) expect(press(select(id), "c"), id).toBe(false);
    // Nothing typed changed a choice: no objection, the cadence still next.
    expect(select("log-objection").value).toBe("");
    expect(f.querySelector<HTMLInputElement>("#log-next-cadence")?.checked).toBe(true);
  });
});
