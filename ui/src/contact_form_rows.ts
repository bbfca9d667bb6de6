// The repeating rows of the contact form (phones, emails, best times to
// call), each list with its "add another" button, and the small control
// builders the form uses.
import type { Day, Email, Phone, TimeWindow } from "./api";
import { h } from "./dom";
import { DAYS } from "./labels";

const PHONE_LABELS = ["mobile", "work", "home", "direct", "fax", ""];
const EMAIL_LABELS = ["work", "home", ""];

function labelText(value: string): string {
  return value === "" ? "other" : value;
}

export function input(type = "text", attrs: Record<string, string> = {}): HTMLInputElement {
  return h("input", { type, autocomplete: "off", spellcheck: "false", ...attrs });
}

export function select(options: { value: string; label: string }[]): HTMLSelectElement {
  return h("select", {}, ...options.map((o) => h("option", { value: o.value }, o.label)));
}

export interface RowList<T> {
  element: HTMLElement;
  read(): T[];
  fill(items: T[]): void;
}

/** A list of rows (phones, emails, best times) with an "add another" button. */
function rowList<T>(
  name: string,
  title: string,
  addLabel: string,
  makeRow: (index: number, item: T | null) => { row: HTMLElement; read: () => T | null },
): RowList<T> {
  const rows = h("div", { class: "rows" });
  let readers: (() => T | null)[] = [];
  const add = (item: T | null) => {
    const { row, read } = makeRow(readers.length, item);
    readers.push(read);
    rows.append(row);
    return row;
  };
  const addButton = h("button", { type: "button", class: "link-button", id: `cf-${name}-add` }, addLabel);
  addButton.addEventListener("click", () => {
    const row = add(null);
    row.querySelector<HTMLElement>("input")?.focus();
  });
  const element = h(
    "fieldset",
    { class: "row-list", id: `cf-${name}` },
    h("legend", {}, title),
    rows,
    addButton,
  );
  return {
    element,
    read: () => readers.map((r) => r()).filter((x): x is T => x !== null),
    fill(items: T[]) {
      rows.replaceChildren();
      readers = [];
      for (const item of items.length ? items : [null]) add(item);
    },
  };
}

function rowError(id: string): HTMLElement {
  return h("p", { class: "field-error", id: `${id}-error`, hidden: true });
}

export function phoneRows(idPrefix: string): RowList<Phone> {
  return rowList<Phone>("phones", "Phones", "+ Add phone", (i, item) => {
    const id = `${idPrefix}-phones-${i}`;
    const label = select(PHONE_LABELS.map((v) => ({ value: v, label: labelText(v) })));
    label.id = `${id}-label`;
    label.setAttribute("aria-label", `Phone ${i + 1} label`);
    const number = input("tel", { id: `${id}-number`, "aria-label": `Phone ${i + 1}`, "aria-describedby": `${id}-number-error`, placeholder: "+1 415 555 0100" });
    label.value = PHONE_LABELS.includes(item?.label ?? "mobile") ? (item?.label ?? "mobile") : "";
    number.value = item?.number ?? "";
    return {
      row: h("div", { class: "row" }, label, number, rowError(`${id}-number`)),
      read: () => (number.value.trim() ? { label: label.value, number: number.value, e164: null } : null),
    };
  });
}

export function emailRows(idPrefix: string): RowList<Email> {
  return rowList<Email>("emails", "Emails", "+ Add email", (i, item) => {
    const id = `${idPrefix}-emails-${i}`;
    const label = select(EMAIL_LABELS.map((v) => ({ value: v, label: labelText(v) })));
    label.id = `${id}-label`;
    label.setAttribute("aria-label", `Email ${i + 1} label`);
    const address = input("email", { id: `${id}-address`, "aria-label": `Email ${i + 1}`, "aria-describedby": `${id}-address-error`, placeholder: "name@example.com" });
    label.value = EMAIL_LABELS.includes(item?.label ?? "work") ? (item?.label ?? "work") : "";
    address.value = item?.address ?? "";
    return {
      row: h("div", { class: "row" }, label, address, rowError(`${id}-address`)),
      read: () => (address.value.trim() ? { label: label.value, address: address.value } : null),
    };
  });
}

export function bestTimeRows(idPrefix: string): RowList<TimeWindow> {
  return rowList<TimeWindow>("bestTimes", "Best time to call (their local time)", "+ Add a time window", (i, item) => {
    const id = `${idPrefix}-bestTimes-${i}`;
    const boxes = DAYS.map((d) => {
      const box = input("checkbox", { value: d.value, "aria-label": `${d.label} (window ${i + 1})` });
      box.checked = item?.days.includes(d.value) ?? false;
      return { box, el: h("label", { class: "day" }, box, d.label) };
    });
    const start = input("time", { id: `${id}-start`, "aria-label": `Window ${i + 1} from`, "aria-describedby": `${id}-start-error` });
    const end = input("time", { id: `${id}-end`, "aria-label": `Window ${i + 1} until` });
    start.value = item?.start ?? "";
    end.value = item?.end ?? "";
    return {
      row: h(
        "div",
        { class: "row window" },
        h("span", { class: "days" }, ...boxes.map((b) => b.el)),
        start,
        h("span", { "aria-hidden": "true" }, "–"),
        end,
        rowError(`${id}-start`),
      ),
      read: () =>
        start.value || end.value
          ? { days: boxes.filter((b) => b.box.checked).map((b) => b.box.value as Day), start: start.value, end: end.value }
          : null,
    };
  });
}
