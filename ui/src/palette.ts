// The command palette (Ctrl/⌘+K): jump to a contact by name, company,
// phone or email, go to any view, or run an action, from the keyboard.
// Arrows choose, Enter runs, Escape closes; what was picked lately comes
// first. Contacts are found by the app's own search, as the contact list
// finds them; commands match loosely by their letters.
import type { Api, ContactSummary, Snooze } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { SECTIONS, type Navigate, type Route } from "./nav";
import { type PaletteItem, rankCommands, rankContacts, remember } from "./palette_items";

/** Recents belong to one database file: a contact id means another
 * contact in another file. */
let scope = "";

/** Names the database file the recents belong to (the app's info says it). */
export function setPaletteScope(dbPath: string): void {
  scope = dbPath;
}

const recentKey = () => `touchpoint.palette.recent:${scope}`;
const contactsKey = () => `touchpoint.palette.contacts:${scope}`;
/** Contacts shown for a query. */
const CONTACT_ROWS = 6;

interface RecentContact {
  name: string;
  detail: string;
}

function load<T>(key: string, fallback: T): T {
  try {
    const raw = window.localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function save(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or refused storage only loses the ordering of recents.
  }
}

function contactDetail(c: ContactSummary): string {
  return [c.company, c.phone ?? c.email ?? ""].filter(Boolean).join(" · ");
}

/** Whether the palette is open (a second Ctrl+K closes it). */
export function paletteIsOpen(): boolean {
  return document.getElementById("palette") !== null;
}

/** Opens the palette over the window; `route` is what is on screen. */
export function openPalette(api: Api, navigate: Navigate, route: Route): void {
  if (paletteIsOpen()) return;
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let recent = load<string[]>(recentKey(), []);
  const recentContacts = load<Record<string, RecentContact>>(contactsKey(), {});

  const input = h("input", {
    type: "text",
    id: "palette-input",
    role: "combobox",
    "aria-expanded": "true",
    "aria-controls": "palette-list",
    "aria-autocomplete": "list",
    "aria-label": "Jump to a contact or a view, or run an action",
    placeholder: "Contact, view or action…",
    autocomplete: "off",
    spellcheck: "false",
  });
  const list = h("ul", { id: "palette-list", role: "listbox", "aria-label": "Results" });
  const note = h("p", { class: "palette-note", id: "palette-note", role: "status" });
  const box = h(
    "div",
    { class: "palette", role: "dialog", "aria-modal": "true", "aria-label": "Command palette" },
    input,
    list,
    note,
    h("p", { class: "palette-hint" }, "↑ ↓ choose · Enter open · Esc close"),
  );
  const backdrop = h("div", { class: "palette-backdrop", id: "palette" }, box);

  const close = (restore: boolean) => {
    backdrop.remove();
    if (restore) returnFocus?.focus();
  };
  const pick = async (item: PaletteItem) => {
    recent = remember(recent, item.key);
    save(recentKey(), recent);
    try {
      await item.run();
      close(false);
    } catch (e) {
      note.textContent = toApiError(e).message;
    }
  };

  const commands: PaletteItem[] = [
    {
      key: "action:hour",
      label: "Start the follow-up hour",
      kind: "action",
      run: () => navigate({ view: "hour", start: true }),
    },
    { key: "action:add", label: "Add a business card", shortcut: "Alt+N", kind: "action", run: () => navigate({ view: "add" }) },
    {
      key: "action:import",
      label: "Import a file (vCard or CSV)",
      shortcut: "Alt+I",
      kind: "action",
      run: () => navigate({ view: "import" }),
    },
    {
      key: "action:export",
      label: "Export contacts or everything",
      shortcut: "Alt+I",
      kind: "action",
      run: () => navigate({ view: "import" }),
    },
    // "Add cards" and "Import / export" are the two actions above.
    ...SECTIONS.filter((s) => s.view !== "add" && s.view !== "import").map<PaletteItem>((s) => ({
      key: `view:${s.view}`,
      label: `Go to ${s.label}`,
      shortcut: `Alt+${s.key}`,
      kind: "view",
      run: () => navigate({ view: s.view }),
    })),
  ];
  const openContact = (id: number, name: string, detail: string): PaletteItem => ({
    key: `contact:${id}`,
    label: name,
    detail,
    kind: "contact",
    run: () => {
      recentContacts[`contact:${id}`] = { name, detail };
      // Only the recent ones are kept.
      for (const key of Object.keys(recentContacts)) if (!recent.includes(key)) delete recentContacts[key];
      save(contactsKey(), recentContacts);
      navigate({ view: "contact", id });
    },
  });

  let items: PaletteItem[] = [];
  let active = 0;
  const render = () => {
    list.replaceChildren(
      ...items.map((item, i) => {
        const row = h(
          "li",
          {
            class: `palette-item ${item.kind}`,
            id: `palette-item-${i}`,
            role: "option",
            "aria-selected": i === active ? "true" : "false",
            "data-key": item.key,
          },
          h("span", { class: "palette-label" }, item.label),
          item.detail ? h("span", { class: "palette-detail" }, item.detail) : null,
          item.shortcut ? h("kbd", { class: "palette-shortcut" }, item.shortcut) : null,
        );
        row.addEventListener("mousemove", () => {
          if (active !== i) {
            active = i;
            render();
          }
        });
        row.addEventListener("click", () => void pick(item));
        return row;
      }),
    );
    input.setAttribute("aria-activedescendant", items.length ? `palette-item-${active}` : "");
    list.querySelector(`#palette-item-${active}`)?.scrollIntoView?.({ block: "nearest" });
  };

  let contextual: PaletteItem[] = [];
  let asked = 0;
  const update = async () => {
    const query = input.value;
    const ask = ++asked;
    const ranked = rankCommands([...contextual, ...commands], query, recent);
    if (!query.trim()) {
      const recentPeople = recent
        .filter((key) => key.startsWith("contact:") && recentContacts[key])
        .map((key) => {
          const c = recentContacts[key] as RecentContact;
          return openContact(Number(key.slice("contact:".length)), c.name, c.detail);
        });
      items = [...recentPeople, ...ranked];
      note.textContent = "";
    } else {
      items = ranked;
      try {
        const page = await api.listContacts({
          search: query.trim(),
          stage: null,
          tag: null,
          untouchedDays: null,
          attention: null,
          sort: "name",
          offset: 0,
          limit: CONTACT_ROWS,
        });
        if (ask !== asked || !backdrop.isConnected) return;
        const found = page.items.map((c) => openContact(c.id, c.displayName, contactDetail(c)));
        items = [...rankContacts(found, recent), ...ranked];
        note.textContent = items.length ? "" : `Nothing matches "${query.trim()}".`;
      } catch (e) {
        if (ask !== asked || !backdrop.isConnected) return;
        note.textContent = toApiError(e).message;
      }
    }
    active = 0;
    render();
  };

  input.addEventListener("input", () => void update());
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!items.length) return;
      active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      render();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const item = items[active];
      if (item) void pick(item);
    } else if (event.key === "Escape" || ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k")) {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === "Tab") {
      // The palette is modal: the keyboard stays in it.
      event.preventDefault();
    }
  });
  backdrop.addEventListener("mousedown", (event) => {
    if (event.target === backdrop) close(true);
  });

  document.body.append(backdrop);
  input.focus();
  void update();

  if (route.view === "contact") {
    const id = route.id;
    void api
      .contactPlan(id)
      .then(async (plan) => {
        const contact = await api.getContact(id);
        const name = contact.displayName;
        contextual = [
          {
            key: "action:log",
            label: `Log a touch for ${name}`,
            kind: "action",
            run: () => {
              const channel = document.getElementById("log-channel");
              if (channel) channel.focus();
              else navigate({ view: "contact", id });
            },
          },
        ];
        const next = plan.next;
        if (next) {
          const snooze = (how: Snooze, label: string): PaletteItem => ({
            key: `action:snooze-${how}`,
            label: `Snooze ${name}'s next step ${label}`,
            kind: "action",
            run: async () => {
              await api.snooze(next.id, how);
              navigate({ view: "contact", id });
            },
          });
          contextual.push(snooze("hour", "by an hour"), snooze("tomorrow_morning", "to tomorrow morning"));
        }
        if (backdrop.isConnected) await update();
      })
      .catch(() => {
        // Without the contact's plan the palette still offers everything else.
      });
  }
}
