// Settings' sync: the same contacts and follow-ups on the laptop, the
// desktop and the phone, through a CardDAV/CalDAV server the user already has. The password is
// kept in the system keyring, so sync starts by itself with Touchpoint;
// without a keyring it is kept while Touchpoint runs and asked again after
// a restart. The panel follows what the background sync does.
import { listen } from "@tauri-apps/api/event";
import type { Api, SyncReport, SyncState } from "./api";
import { toApiError } from "./api";
import { field, h } from "./dom";
import { plural } from "./labels";
import { formatDate } from "./formats";
import { showCollectionPicker } from "./sync_collections";

function when(iso: string): string {
  return formatDate(new Date(iso), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

/** "Synced: sent 1, received 2 (1 merged)." and what needs saying. */
export function reportText(r: SyncReport): string {
  const parts = [`sent ${r.sent}`, `received ${r.received}${r.merged ? ` (${r.merged} merged)` : ""}`];
  if (r.deletedHere || r.deletedThere) parts.push(`deleted ${r.deletedHere} here and ${r.deletedThere} there`);
  let text = `Synced: ${parts.join(", ")}.`;
  if (r.keptBoth) {
    text += ` ${plural(r.keptBoth, "value was", "values were")} changed on both sides: yours kept, the other in the contact's notes.`;
  }
  if (r.unreadable) text += ` ${plural(r.unreadable, "card", "cards")} on the server could not be read and were left as they are.`;
  return text;
}

/** "Follow-ups: sent 3, received 1 (1 moved)." or why they are not synced. */
export function followupText(r: SyncReport): string {
  const f = r.followups;
  if (!f.taskList) return r.problems.find((p) => p.startsWith("Follow-ups are not synced")) ?? "";
  const changes = [];
  if (f.moved) changes.push(`${f.moved} moved`);
  if (f.closed) changes.push(`${f.closed} done or cancelled`);
  let text = `Follow-ups: sent ${f.sent}, received ${f.received}${changes.length ? ` (${changes.join(", ")})` : ""}.`;
  if (f.unreadable) {
    text += ` ${plural(f.unreadable, "task", "tasks")} on the server could not be read (left as ${f.unreadable === 1 ? "it is" : "they are"}).`;
  }
  return text;
}

/**
 * "Touches: sent 1, received 2 (1 corrected here)." when any went either
 * way, or why they are not synced; nothing when none moved.
 */
export function touchText(r: SyncReport): string {
  const t = r.touches;
  const why = r.problems.find((p) => p.startsWith("Touches are not synced"));
  if (why) return why;
  if (!r.followups.taskList || !(t.sent || t.received || t.deletedHere || t.deletedThere || t.unreadable)) return "";
  const changes = [];
  if (t.changed) changes.push(`${t.changed} corrected here`);
  if (t.deletedHere) changes.push(`${t.deletedHere} deleted here`);
  if (t.deletedThere) changes.push(`${t.deletedThere} deleted there`);
  let text = `Touches: sent ${t.sent}, received ${t.received}${changes.length ? ` (${changes.join(", ")})` : ""}.`;
  if (t.unreadable) {
    text += ` ${plural(t.unreadable, "journal entry", "journal entries")} on the server could not be read (left as ${t.unreadable === 1 ? "it is" : "they are"}).`;
  }
  return text;
}

export function stateText(s: SyncState): string {
  if (s.syncing) return "Syncing…";
  const account = s.account;
  if (!account) return "Not syncing.";
  if (account.lastError) return `The last sync failed: ${account.lastError}`;
  if (s.lastReport) {
    const more = [followupText(s.lastReport), touchText(s.lastReport)].filter((t) => t).map((t) => ` ${t}`);
    return `${reportText(s.lastReport)} ${plural(account.cards, "contact", "contacts")} in sync.${more.join("")}`;
  }
  const last = account.lastSyncAt ? `Last synced ${when(account.lastSyncAt)}` : "Not synced yet";
  const again = s.connected ? "" : " Enter the password to sync again.";
  return `${last}, ${plural(account.cards, "contact", "contacts")} in sync.${again}`;
}

/**
 * A certificate the last sync refused, for the user to compare with their
 * server's before trusting it; else the one they trusted, if any.
 */
export function certificateText(s: SyncState): string {
  const refused = s.refusedCertificate?.certificate;
  if (refused) {
    const changed = refused.trusted ? ` It changed since you trusted ${refused.trusted}.` : "";
    return `This server's certificate is not trusted. Fingerprint SHA-256: ${refused.fingerprint}.${changed} Trust it only if your server shows the same fingerprint.`;
  }
  const trusted = s.account?.trustedCertificate;
  return trusted ? `The server's own certificate is trusted: SHA-256 ${trusted}.` : "";
}

/** Where contacts and follow-ups go on the server, once known. */
export function whereText(s: SyncState): string {
  const a = s.account;
  if (!a?.addressBook) return "";
  const book = `Contacts go to the address book at ${a.addressBook}`;
  return a.calendar ? `${book}; follow-ups and touches to the calendar at ${a.calendar}.` : `${book}.`;
}

/** Where the password is kept, when there is an account. */
export function keyringText(s: SyncState): string {
  if (!s.account) return "";
  if (s.keyringProblem) {
    return `The password could not be kept in the system keyring (${s.keyringProblem}); it is asked again after Touchpoint restarts.`;
  }
  if (s.passwordSaved) return "The password is kept in the system keyring: sync starts by itself with Touchpoint.";
  return "";
}

export async function mountSyncPanel(root: HTMLElement, signal: AbortSignal, api: Api): Promise<void> {
  let state: SyncState;
  try {
    state = await api.syncState();
  } catch (e) {
    if (!signal.aborted) root.replaceChildren(h("p", { class: "status", id: "sync-status", role: "status" }, toApiError(e).message));
    return;
  }
  if (signal.aborted) return;
  const url = h("input", { type: "url", autocomplete: "url", placeholder: "https://dav.example.com/", value: state.account?.url ?? "" });
  const user = h("input", { type: "text", autocomplete: "username", value: state.account?.user ?? "" });
  const password = h("input", { type: "password", autocomplete: "current-password" });
  const status = h("p", { class: "status", id: "sync-status", role: "status", "aria-live": "polite" }, stateText(state));
  const keyring = h("p", { class: "panel-hint", id: "sync-keyring" }, keyringText(state));
  const certificate = h("p", { class: "panel-hint", id: "sync-certificate" }, certificateText(state));
  const trust = h("button", { type: "button", class: "secondary", id: "sync-trust" }, "Trust this certificate");
  let refused = state.refusedCertificate;
  const showCertificate = (s: SyncState) => {
    refused = s.refusedCertificate;
    certificate.textContent = certificateText(s);
    trust.hidden = !refused;
  };
  showCertificate(state);
  const connect = h("button", { type: "submit", id: "sync-connect" }, state.connected ? "Connect again" : "Connect and sync");
  const now = h("button", { type: "button", class: "secondary", id: "sync-now" }, "Sync now");
  const stop = h("button", { type: "button", class: "secondary", id: "sync-disconnect" }, "Stop syncing");
  const choose = h("button", { type: "button", class: "secondary", id: "sync-choose-open" }, "Choose address book and calendar…");
  const picker = h("div", { id: "sync-collections" });
  const where = h("p", { class: "panel-hint", id: "sync-where" }, whereText(state));
  now.hidden = !state.connected;
  stop.hidden = !state.account;
  const busy = (on: boolean) => {
    for (const b of [connect, now, stop, trust, choose]) b.disabled = on;
  };
  // This showing of the panel ends with the view, or when it is shown again.
  const shown = new AbortController();
  signal.addEventListener("abort", () => shown.abort(), { once: true });
  const refresh = () => {
    shown.abort();
    void mountSyncPanel(root, signal, api);
  };
  const run = (work: Promise<unknown>) => {
    busy(true);
    status.textContent = "Syncing…";
    work
      .then(refresh)
      .catch((e) => {
        if (signal.aborted) return;
        busy(false);
        status.textContent = toApiError(e).message;
        // A refused certificate is offered for trust.
        void api
          .syncState()
          .then((s) => {
            if (!shown.signal.aborted) showCertificate(s);
          })
          .catch(() => {});
      });
  };
  const form = h(
    "form",
    { class: "sync-form", id: "sync-form" },
    h(
      "p",
      { class: "panel-hint" },
      "Keep the same contacts on your laptop, your desktop and your phone through a CardDAV server you already use (Nextcloud, Fastmail, iCloud, Radicale…). Touchpoint keeps them in an address book named Touchpoint there, and the follow-ups in a task list beside it, unless you choose others; this file stays the one that counts, and works offline.",
    ),
    field("sync-url", "Server address", url),
    h("div", { class: "form-grid" }, field("sync-user", "User name", user), field("sync-password", "Password", password, "an app password if your server offers one; kept in the system keyring")),
    h("div", { class: "form-actions" }, connect, now, choose, stop),
    picker,
    status,
    where,
    h("div", { class: "sync-certificate" }, certificate, trust),
    keyring,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(api.syncConnect(url.value, user.value, password.value));
  });
  now.addEventListener("click", () => run(api.syncNow()));
  // The choice kept, then synced: with the password typed (a first
  // connection, which keeps it), else the one sync has.
  choose.addEventListener("click", () => {
    const typed = password.value;
    void showCollectionPicker(picker, api, { url: url.value, user: user.value, password: typed }, (work) =>
      run(work.then(() => (typed || !state.connected ? api.syncConnect(url.value, user.value, typed) : api.syncNow()))),
    );
  });
  // Trusted for the account it was refused for, then synced again: with
  // the password typed (a first connection), else the one sync has.
  trust.addEventListener("click", () => {
    if (!refused) return;
    const { url: at, user: as, certificate: c } = refused;
    const typed = password.value;
    run(api.syncTrustCertificate(at, as, c.fingerprint).then(() => (typed || !state.connected ? api.syncConnect(at, as, typed) : api.syncNow())));
  });
  stop.addEventListener("click", () => run(api.syncDisconnect()));
  // What the background sync does (and the keyring says) shows as it
  // happens; asked once more when listening starts, for what happened
  // between the first answer and then.
  const update = () => {
    void api
      .syncState()
      .then((s) => {
        if (shown.signal.aborted) return;
        status.textContent = stateText(s);
        keyring.textContent = keyringText(s);
        where.textContent = whereText(s);
        showCertificate(s);
      })
      .catch(() => {});
  };
  const unlisten = listen("sync-changed", update)
    .then((stop) => {
      update();
      return stop;
    })
    .catch(() => () => {});
  shown.signal.addEventListener("abort", () => void unlisten.then((stop) => stop()), { once: true });
  root.replaceChildren(
    h("section", { class: "panel wide-form", "aria-labelledby": "sync-title" }, h("header", { class: "panel-header" }, h("h2", { id: "sync-title" }, "Sync")), form),
  );
}
