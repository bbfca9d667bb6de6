// The footer's word on sync, seen from every view: syncing, when it last
// went through, or that it failed or waits for the password (Settings says
// more; a click goes there). Nothing shows until an account is set up.
import { listen } from "@tauri-apps/api/event";
import type { Api, SyncState } from "./api";
import { appNow } from "./clock";
import { h } from "./dom";
import type { Navigate } from "./nav";
import { formatDate } from "./formats";

function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The indicator's text for `s`, or null when there is no account; `now`
 * is the app's (a sync of today is said by its time alone). */
export function syncIndicatorText(s: SyncState, now: Date): string | null {
  const account = s.account;
  if (!account) return null;
  if (s.syncing) return "Syncing…";
  if (account.lastError) return "Sync failed: see Settings";
  if (!s.connected) return "Sync paused: password needed";
  if (!account.lastSyncAt) return "Sync: not yet";
  const at = new Date(account.lastSyncAt);
  const time = formatDate(at, { hour: "2-digit", minute: "2-digit" });
  if (localDay(at) === localDay(now)) return `Synced ${time}`;
  return `Synced ${formatDate(at, { weekday: "short", day: "numeric", month: "short" })}, ${time}`;
}

/** The indicator, kept up to date by the sync's own events. */
export function syncIndicator(api: Api, navigate: Navigate): HTMLElement {
  const button = h("button", { type: "button", class: "footer-sync", id: "sync-indicator", hidden: true, title: "Sync (Settings)" });
  button.addEventListener("click", () => navigate({ view: "settings" }));
  const show = () => {
    void api
      .syncState()
      .then((s) => {
        const text = syncIndicatorText(s, appNow());
        button.textContent = text ?? "";
        button.hidden = text === null;
        button.classList.toggle("failing", Boolean(s.account?.lastError));
      })
      .catch(() => {
        // The indicator is a courtesy; Settings says what is wrong.
      });
  };
  show();
  // Asked again once listening, for a change between the two.
  void listen("sync-changed", show)
    .then(show)
    .catch(() => {});
  return button;
}
