// Settings' backups: the copies Touchpoint keeps (one a day, one before each
// upgrade or restore, and those made with "Back up now"), their date and
// size, and restoring one. A restore first keeps a copy of the data it
// replaces, so it can itself be taken back by restoring that copy.
import type { Api, BackupFile, BackupKind } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { formatDate } from "./formats";

const KIND_LABELS: Record<BackupKind, string> = {
  daily: "Daily",
  manual: "Made by you",
  before_upgrade: "Before an upgrade",
  before_restore: "Before a restore",
};

function size(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function when(iso: string): string {
  return formatDate(new Date(iso), {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** Shows the panel in `root`, with `notice` as its status; `restored` is
 * told what to say after a restore (the page is then shown again, from the
 * restored data). */
export async function mountBackupsPanel(
  root: HTMLElement,
  signal: AbortSignal,
  api: Api,
  restored: (notice: string) => void,
  notice = "",
): Promise<void> {
  const list = h("ul", { class: "backup-list", id: "backup-list", "aria-label": "Backups" });
  const folder = h("p", { class: "panel-hint", id: "backup-folder" });
  const status = h("p", { class: "status", id: "backup-status", role: "status", "aria-live": "polite" }, notice);
  const now = h("button", { type: "button", class: "secondary", id: "backup-now" }, "Back up now");
  root.replaceChildren(
    h(
      "section",
      { class: "panel wide-form", "aria-labelledby": "backups-title" },
      h("header", { class: "panel-header" }, h("h2", { id: "backups-title" }, "Backups"), now),
      folder,
      list,
      status,
    ),
  );

  const row = (b: BackupFile): HTMLElement => {
    const restore = h("button", { type: "button", class: "link-button", "data-backup": b.name }, "Restore…");
    const line = h(
      "li",
      { class: "backup-row" },
      h("span", { class: "backup-when" }, when(b.takenAt)),
      h("span", { class: "backup-kind" }, KIND_LABELS[b.kind]),
      h("span", { class: "backup-size" }, size(b.sizeBytes)),
      restore,
    );
    restore.addEventListener("click", () => {
      const yes = h("button", { type: "button", class: "danger-button", id: "restore-confirm" }, "Replace my data with it");
      const no = h("button", { type: "button", class: "link-button", id: "restore-cancel" }, "Cancel");
      const ask = h(
        "div",
        { class: "backup-confirm", role: "group", "aria-label": "Confirm the restore" },
        h("span", {}, `Everything will be as it was on ${when(b.takenAt)}. Your current data is kept as a backup first.`),
        yes,
        no,
      );
      line.after(ask);
      no.addEventListener("click", () => {
        ask.remove();
        restore.focus();
      });
      ask.addEventListener("keydown", (event) => {
        if (event.key !== "Escape" || event.defaultPrevented) return;
        event.preventDefault();
        no.click();
      });
      yes.addEventListener("click", () => {
        void (async () => {
          try {
            await api.restoreBackup(b.name);
            if (signal.aborted) return;
            restored(`Restored the copy of ${when(b.takenAt)}. The data it replaced is listed as "Before a restore".`);
          } catch (e) {
            if (!signal.aborted) status.textContent = toApiError(e).message;
          }
        })();
      });
      yes.focus();
    });
    return line;
  };

  const load = async () => {
    try {
      const found = await api.listBackups();
      if (signal.aborted) return;
      folder.textContent = `Kept in ${found.folder}: a copy each day (the last 7 days and 4 weeks), and one before each upgrade or restore.`;
      list.replaceChildren(
        ...(found.backups.length ? found.backups.map(row) : [h("li", { class: "backup-empty" }, "No backup yet: the first one is made today.")]),
      );
    } catch (e) {
      if (!signal.aborted) status.textContent = toApiError(e).message;
    }
  };

  now.addEventListener("click", () => {
    void (async () => {
      try {
        const made = await api.backupNow();
        if (signal.aborted) return;
        status.textContent = `Backed up (${size(made.sizeBytes)}).`;
        await load();
      } catch (e) {
        if (!signal.aborted) status.textContent = toApiError(e).message;
      }
    })();
  });
  await load();
}
