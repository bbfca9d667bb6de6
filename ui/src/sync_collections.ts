// Settings' sync: which address book and which calendar Touchpoint syncs
// with. The server's collections are listed (each by name and address),
// the ones in use (or Touchpoint's own) preselected, and a new one can be
// made instead. Another collection after a sync gets everything at the
// next sync; the old one keeps what it has.
import type { Api, CollectionChoice, SyncCollection, SyncCollections } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";

export interface Account {
  url: string;
  user: string;
  password: string;
}

/** What a change of collection does, in words. */
export function changeText(synced: boolean): string {
  const what =
    "If you pick another address book or calendar, the next sync uploads all your contacts (or your open follow-ups and touches) to it, merging with what it already holds; nothing is deleted from the old one.";
  return synced ? what : `${what} Without a choice, Touchpoint uses (or makes) an address book named Touchpoint and a task list named Touchpoint follow-ups.`;
}

interface Group {
  fieldset: HTMLFieldSetElement;
  choice: () => CollectionChoice;
}

/** One radio list: the collections, the chosen one checked, and "new, named …". */
function group(key: string, legend: string, listed: SyncCollection[], chosen: string | null, newName: string, newLabel: string): Group {
  const options = [...listed];
  if (chosen && !listed.some((c) => c.url === chosen)) options.push({ name: "(not found on the server)", url: chosen, withoutJournals: false });
  const name = `sync-${key}`;
  const radios = options.map((c, i) =>
    h("input", { type: "radio", name, id: `${name}-${i}`, value: c.url, checked: c.url === chosen }),
  );
  const fresh = h("input", { type: "radio", name, id: `${name}-new`, value: "", checked: !chosen });
  const named = h("input", { type: "text", id: `${name}-new-name`, value: newName, "aria-label": `Name of the new ${newLabel}` });
  named.addEventListener("focus", () => (fresh.checked = true));
  const fieldset = h(
    "fieldset",
    { class: "collection-choice", id: `${name}s` },
    h("legend", {}, legend),
    ...options.map((c, i) =>
      h(
        "label",
        { class: "collection-option", for: `${name}-${i}` },
        radios[i],
        h(
          "span",
          { class: "collection-text" },
          h("span", { class: "collection-name" }, c.name),
          h("span", { class: "collection-url" }, c.url),
          c.withoutJournals ? h("span", { class: "collection-note" }, "Takes no journal entries: follow-ups sync here, touches do not.") : null,
        ),
      ),
    ),
    h("div", { class: "collection-option" }, fresh, h("span", { class: "collection-text" }, h("label", { for: `${name}-new`, class: "collection-name" }, `A new ${newLabel}, named`), named)),
  );
  const choice = (): CollectionChoice => {
    const picked = radios.find((r) => r.checked);
    return picked ? { kind: "existing", url: picked.value } : { kind: "new", name: named.value };
  };
  return { fieldset, choice };
}

/**
 * Lists the server's collections into `root`; `chosen` gets the choice
 * kept (the caller then syncs). Closing empties `root`.
 */
export async function showCollectionPicker(
  root: HTMLElement,
  api: Api,
  account: Account,
  chosen: (work: Promise<SyncCollections>) => void,
): Promise<void> {
  const status = h("p", { class: "status", id: "sync-choice-status", role: "status", "aria-live": "polite" }, "Looking for your address books and calendars…");
  // Shown only with something to say, so no empty line pads the picker.
  const say = (text: string) => {
    status.textContent = text;
    status.hidden = !text;
  };
  root.replaceChildren(h("div", { class: "sync-picker", id: "sync-picker" }, status));
  let found: SyncCollections;
  try {
    found = await api.syncCollections(account.url, account.user, account.password);
  } catch (e) {
    say(toApiError(e).message);
    return;
  }
  const books = group("book", "Address book, for contacts", found.addressBooks, found.addressBook, "Touchpoint", "address book");
  const calendars = group("calendar", "Calendar, for follow-ups and touches (one that takes tasks)", found.calendars, found.calendar, "Touchpoint follow-ups", "task list");
  const use = h("button", { type: "button", class: "primary", id: "sync-choose" }, "Use these and sync");
  const cancel = h("button", { type: "button", class: "secondary", id: "sync-choose-cancel" }, "Cancel");
  say("");
  cancel.addEventListener("click", () => root.replaceChildren());
  use.addEventListener("click", () => {
    use.disabled = true;
    const work = api.syncChooseCollections(account.url, account.user, account.password, books.choice(), calendars.choice());
    work.then(
      () => root.replaceChildren(),
      (e) => {
        use.disabled = false;
        say(toApiError(e).message);
      },
    );
    chosen(work);
  });
  root.replaceChildren(
    h(
      "div",
      { class: "sync-picker", id: "sync-picker" },
      h("div", { class: "collection-groups" }, books.fieldset, calendars.fieldset),
      h("p", { class: "panel-hint", id: "sync-choice-hint" }, changeText(found.synced)),
      h("div", { class: "form-actions" }, use, cancel),
      status,
    ),
  );
  // Below the fold on a small window: brought into sight once listed.
  root.scrollIntoView?.({ block: "nearest" });
}
