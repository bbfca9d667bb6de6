// The contact list: search as you type, filters, sorting, paged loading.
// From the search box Down goes into the list and Enter opens the one match
// (or, with several, goes to the first); the arrows move along the list.
import type { Api, Attention, ContactQuery, ContactSummary, Stage } from "./api";
import { emptyQuery, toApiError } from "./api";
import { byId, h } from "./dom";
import { STAGES, stageLabel } from "./labels";
import { enableListKeys, focusFirstRow, listRows } from "./list_keys";
import type { Navigate } from "./nav";
import { formatDate } from "./formats";

const PAGE_SIZE = 100;
/** Typing pauses this long before the list is asked again: short enough that
 * a keystroke paints within 100 ms (a search takes a few ms even at 100,000
 * contacts), long enough that a fast typist's run of keys asks once. */
const SEARCH_DELAY_MS = 40;
/** A contact's row: the button that opens it (beside its checkbox). */
const ROW = "button.contact";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters.map((p) => (p ?? "").charAt(0).toUpperCase()).join("");
}

function contactRow(c: ContactSummary, open: (id: number) => void, selected: Set<number>, changed: () => void): HTMLElement {
  const pick = h("input", {
    type: "checkbox",
    class: "select-contact",
    "data-contact-id": String(c.id),
    "aria-label": `Select ${c.displayName}`,
  });
  pick.checked = selected.has(c.id);
  pick.addEventListener("change", () => {
    if (pick.checked) selected.add(c.id);
    else selected.delete(c.id);
    changed();
  });
  const button = h(
    "button",
    { type: "button", class: "contact row-button", "data-contact-id": String(c.id) },
    h("span", { class: "avatar", "aria-hidden": "true" }, initials(c.displayName)),
    h(
      "span",
      { class: "contact-main", title: [c.displayName, c.title, c.company].filter(Boolean).join(" · ") },
      h("span", { class: "contact-name" }, c.displayName),
      h("span", { class: "contact-company" }, [c.title, c.company].filter(Boolean).join(" · ")),
    ),
    h(
      "span",
      { class: "contact-reach" },
      c.email ? h("span", { class: "contact-email" }, c.email) : null,
      c.phone ? h("span", { class: "contact-phone" }, c.phone) : null,
    ),
    h(
      "span",
      { class: "contact-tags" },
      h(
        "span",
        { class: c.nextDueAt ? "next-due" : "next-due none" },
        c.nextDueAt
          ? `Next ${formatDate(new Date(c.nextDueAt), { day: "numeric", month: "short" })}`
          : c.stage === "lost" || c.stage === "do_not_contact"
            ? "Closed"
            : "No next step",
      ),
      h("span", { class: `stage stage-${c.stage}` }, stageLabel(c.stage)),
      ...c.tags.slice(0, 3).map((t) => h("span", { class: "tag" }, t)),
    ),
  );
  button.addEventListener("click", () => open(c.id));
  return h("li", { class: "contact-item" }, pick, button);
}

function options(first: string, items: { value: string; label: string }[]): HTMLOptionElement[] {
  return [h("option", { value: "" }, first), ...items.map((i) => h("option", { value: i.value }, i.label))];
}

export interface ContactsView {
  ready: Promise<void>;
}

export function mountContactsView(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate, only?: Attention): ContactsView {
  const search = h("input", {
    type: "search",
    id: "contact-search",
    placeholder: "Search names, companies, emails, phones, notes, tags",
    "aria-label": "Search contacts",
    autocomplete: "off",
    spellcheck: "false",
  });
  const stage = h("select", { id: "filter-stage", "aria-label": "Stage" }, ...options("All stages", STAGES));
  const tag = h("select", { id: "filter-tag", "aria-label": "Tag" }, ...options("All tags", []));
  const untouched = h(
    "select",
    { id: "filter-untouched", "aria-label": "Last touch" },
    ...options("Any last touch", [
      { value: "30", label: "No touch for 30+ days" },
      { value: "60", label: "No touch for 60+ days" },
      { value: "90", label: "No touch for 90+ days" },
    ]),
  );
  const attention = h(
    "select",
    { id: "filter-attention", "aria-label": "Needs attention" },
    ...options("Everyone", [
      { value: "gave_up_early", label: "Gave up too early (1–3 touches)" },
      { value: "no_next_step", label: "No next step" },
    ]),
  );
  if (only) attention.value = only;
  const sort = h(
    "select",
    { id: "sort", "aria-label": "Sort by" },
    h("option", { value: "name" }, "Sort: name"),
    h("option", { value: "company" }, "Sort: company"),
    h("option", { value: "newest" }, "Sort: newest"),
    h("option", { value: "last_touch" }, "Sort: longest untouched"),
  );
  const count = h("p", { class: "list-count", id: "contact-count", "aria-live": "polite" });
  const selected = new Set<number>();
  const deleteSelected = h("button", { type: "button", class: "danger-button", id: "delete-selected", hidden: true });
  const selectionChanged = () => {
    deleteSelected.hidden = selected.size === 0;
    deleteSelected.textContent = selected.size === 1 ? "Delete 1 contact" : `Delete ${selected.size} contacts`;
  };
  const list = h("ul", { class: "contact-list", id: "contact-list", "aria-label": "Contacts" });
  const more = h("button", { type: "button", id: "load-more", class: "secondary", hidden: true }, "Show more");
  const empty = h("div", { class: "empty", id: "contacts-empty", hidden: true });
  const loadError = h("div", { class: "load-error", id: "load-error", role: "alert", hidden: true });

  root.replaceChildren(
    h(
      "section",
      { class: "panel list-panel wide" },
      h(
        "header",
        { class: "panel-header" },
        h("h2", {}, "Contacts"),
        h("span", { class: "promise-stat", id: "promises-kept" }),
        h("button", { type: "button", class: "primary", id: "go-add", title: "Add business cards (Alt+N)" }, "Add cards"),
      ),
      h("div", { class: "toolbar" }, search, stage, tag, untouched, attention, sort),
      h("div", { class: "list-actions" }, count, deleteSelected),
      loadError,
      empty,
      list,
      more,
    ),
  );
  byId(root, "go-add").addEventListener("click", () => navigate({ view: "add" }));

  enableListKeys(list, ROW, search);

  let loaded = 0;
  let total = 0;
  let request = 0;
  /** The list last asked for: what Enter in the search box waits on. */
  let latest: Promise<void> = Promise.resolve();
  const reload = (append: boolean) => (latest = load(append));

  function query(offset: number): ContactQuery {
    const days = untouched.value ? Number(untouched.value) : null;
    return {
      ...emptyQuery(),
      search: search.value,
      stage: (stage.value || null) as Stage | null,
      tag: tag.value || null,
      untouchedDays: days,
      attention: (attention.value || null) as ContactQuery["attention"],
      sort: sort.value as ContactQuery["sort"],
      offset,
      limit: PAGE_SIZE,
    };
  }

  const filtered = () =>
    search.value.trim() !== "" || !!stage.value || !!tag.value || !!untouched.value || !!attention.value;

  function showEmpty(): void {
    if (total > 0) {
      empty.hidden = true;
      return;
    }
    if (filtered()) {
      empty.replaceChildren(h("p", { class: "empty-title" }, "No contacts match"), h("p", {}, "Try fewer words or clear a filter."));
    } else {
      const add = h("button", { type: "button", class: "primary", id: "empty-add" }, "Add a business card");
      add.addEventListener("click", () => navigate({ view: "add" }));
      empty.replaceChildren(
        h("p", { class: "empty-title" }, "No contacts yet"),
        h(
          "p",
          {},
          "Start with the pile of business cards on your desk: type them in, or paste an email signature. " +
            "Every new contact is one you can follow up with until the 5th–12th touch.",
        ),
        add,
      );
    }
    empty.hidden = false;
  }

  async function load(append: boolean): Promise<void> {
    const mine = ++request;
    const offset = append ? loaded : 0;
    try {
      const page = await api.listContacts(query(offset));
      if (signal.aborted || mine !== request) return; // gone, or a newer keystroke already asked again
      total = page.total;
      loaded = offset + page.items.length;
      loadError.hidden = true;
      const rows = page.items.map((c) =>
        contactRow(c, (id) => navigate({ view: "contact", id }), selected, selectionChanged),
      );
      if (append) list.append(...rows);
      else list.replaceChildren(...rows);
      const shown = page.totalExact ? total.toLocaleString() : `${total.toLocaleString()}+`;
      count.textContent = total === 1 && page.totalExact ? "1 contact" : `${shown} contacts`;
      more.hidden = loaded >= total;
      showEmpty();
    } catch (e) {
      if (signal.aborted || mine !== request) return;
      const error = toApiError(e);
      loadError.replaceChildren(
        h("p", { class: "load-error-title" }, "Touchpoint cannot read its database"),
        h("p", {}, error.message),
      );
      loadError.hidden = false;
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void reload(false);
    }, SEARCH_DELAY_MS);
  });
  async function enterFromSearch(): Promise<void> {
    // Enter straight after typing: the search the delay holds back runs now,
    // so Enter acts on what was typed, not on the list before it.
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
      void reload(false);
    }
    await latest;
    if (signal.aborted || !loadError.hidden) return;
    const rows = listRows(list, ROW);
    if (rows.length === 1 && more.hidden) rows[0]?.click();
    else rows[0]?.focus();
  }
  search.addEventListener("keydown", (event) => {
    // Enter while composing (an input method) is the composition's.
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.isComposing) return;
    if (event.key === "ArrowDown") {
      if (focusFirstRow(list, ROW)) event.preventDefault();
    } else if (event.key === "Enter") {
      event.preventDefault();
      void enterFromSearch();
    }
  });
  // A search typed just before leaving is not run.
  signal.addEventListener("abort", () => clearTimeout(timer));
  for (const control of [stage, tag, untouched, attention, sort]) control.addEventListener("change", () => void reload(false));
  more.addEventListener("click", () => void reload(true));
  // Several at once; the toast offers Undo for the whole batch.
  deleteSelected.addEventListener("click", () => {
    void (async () => {
      try {
        await api.deleteContacts([...selected]);
        if (signal.aborted) return;
        selected.clear();
        selectionChanged();
        await reload(false);
      } catch (e) {
        if (signal.aborted) return;
        loadError.replaceChildren(h("p", { class: "load-error-title" }, "Not deleted"), h("p", {}, toApiError(e).message));
        loadError.hidden = false;
      }
    })();
  });

  api
    .promiseStats()
    .then((s) => {
      if (signal.aborted) return;
      byId(root, "promises-kept").textContent =
        s.percentKept === null
          ? s.open > 0
            ? `${s.open} promised callback${s.open === 1 ? "" : "s"} open`
            : ""
          : `Promises kept on time: ${s.percentKept}% (${s.keptOnTime} of ${s.keptOnTime + s.notKept})`;
    })
    .catch(() => {
      // The figure is informative; the list reports database problems.
    });

  api
    .contactTags()
    .then((tags) => {
      if (!signal.aborted) tag.append(...tags.map((t) => h("option", { value: t }, t)));
    })
    .catch(() => {
      // The tag filter stays empty; the list itself reports database problems.
    });

  search.focus();
  return { ready: reload(false) };
}
