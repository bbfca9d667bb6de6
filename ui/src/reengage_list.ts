// Customers and past customers nobody has called in a while (seed 003: "call
// 10 customers you have not spoken to in the last 30 days"), oldest first,
// with one button that puts ten of them into this week's working days.
import type { Api, FollowUp, ReengageItem, ReengageList } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { enableListKeys } from "./list_keys";
import { friendlyLocal, stageLabel } from "./labels";
import type { Navigate } from "./nav";
import { formatDate } from "./formats";

function row(item: ReengageItem, navigate: Navigate): HTMLElement {
  const since = item.daysSince === null ? "Never contacted" : `${item.daysSince} days since the last touch`;
  const open = h(
    "button",
    { type: "button", class: "reengage-item row-button", "data-contact-id": String(item.contactId) },
    h("span", { class: "due-who" }, h("strong", {}, item.contactName), item.company ? h("span", { class: "hint" }, item.company) : null),
    h("span", { class: "hint" }, stageLabel(item.stage)),
    h("span", {}, since),
    h("span", { class: "hint" }, item.nextDueAt ? `Next step ${formatDate(new Date(item.nextDueAt), { day: "numeric", month: "short" })}` : "No next step"),
  );
  open.addEventListener("click", () => navigate({ view: "contact", id: item.contactId }));
  return h("li", {}, open);
}

/** "Added 10 calls: Mon 30 Nov (4), Tue 1 Dec (3), …" */
function scheduledText(added: FollowUp[]): string {
  if (!added.length) return "Nobody to add: everyone has a step this week already.";
  const perDay = new Map<string, number>();
  for (const f of added) {
    const day = f.localDue.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = [...perDay].map(([day, n]) => `${friendlyLocal(day)} (${n})`).join(", ");
  return `Added ${added.length} call${added.length === 1 ? "" : "s"}: ${days}.`;
}

/**
 * `status`: what the list last did; `onScheduled` hears what was added, as
 * the queue around the list changes too and is shown anew. Resolves to how
 * many customers are waiting (0 when the list could not be read).
 */
export async function mountReengageList(
  root: HTMLElement,
  signal: AbortSignal,
  api: Api,
  navigate: Navigate,
  status: string,
  onScheduled: (said: string) => void,
): Promise<number> {
  let list: ReengageList;
  try {
    list = await api.reengagement();
  } catch (e) {
    if (!signal.aborted) root.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
    return 0;
  }
  if (signal.aborted) return 0;
  const add = h(
    "button",
    { type: "button", class: "secondary", id: "reengage-add", disabled: list.total === 0 },
    `Add ${Math.min(10, list.total) || 10} to this week`,
  );
  const said = h("p", { class: "status", id: "reengage-status", role: "status", "aria-live": "polite" }, status);
  add.addEventListener("click", () => {
    add.disabled = true;
    void api
      .scheduleReengagement()
      .then((added) => {
        if (!signal.aborted) onScheduled(scheduledText(added));
      })
      .catch((e) => {
        if (signal.aborted) return;
        said.textContent = toApiError(e).message;
        add.disabled = false;
      });
  });
  const rows = h("ul", { class: "due-list", id: "reengage-list" }, ...list.items.map((i) => row(i, navigate)));
  enableListKeys(rows, ".reengage-item");
  const more = list.total > list.items.length ? h("p", { class: "hint" }, `Showing the ${list.items.length} longest-silent of ${list.total}.`) : "";
  root.replaceChildren(
    h(
      "section",
      { class: "reengage", id: "reengage", "aria-labelledby": "reengage-title" },
      h(
        "header",
        { class: "panel-header" },
        h("h3", { id: "reengage-title" }, `Not contacted for ${list.afterDays} days or more`, h("span", { class: "count" }, String(list.total))),
        add,
      ),
      said,
      list.items.length
        ? rows
        : h("p", { class: "hint", id: "reengage-empty" }, "Every customer has heard from you recently."),
      more,
    ),
  );
  return list.total;
}
