// Today, the home screen: promised callbacks whose time has come on top
// (a late one marked as such until it is made), then what is overdue, due
// now, later today and tomorrow. One click (or Enter) opens the contact with
// the log form ready; the arrows go from row to row across the parts.
import type { Api, DueItem, TodayPage, TodayPart } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { channelLabel, friendlyLocal } from "./labels";
import type { Navigate } from "./nav";
import { progressText } from "./followup_panel";
import { appNow } from "./clock";
import { enableListKeys } from "./list_keys";
import { nextSteps, welcomePanel } from "./welcome";
import { formatDate } from "./formats";

/** After this, a promised callback is no longer on time (the core's grace). */
const ON_TIME_MINUTES = 60;

/** "25 min", "2 h 5 min", "3 days": how late a promise is. */
export function lateBy(minutes: number): string {
  if (minutes >= 48 * 60) return `${Math.floor(minutes / (24 * 60))} days`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (!h) return `${m} min`;
  return m ? `${h} h ${m} min` : `${h} h`;
}

function yourTime(iso: string): string {
  return formatDate(new Date(iso), { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}

function row(item: DueItem, userZone: string, navigate: Navigate): HTMLElement {
  const f = item.followup;
  const promise = f.kind === "promise";
  const minutesLate = promise ? Math.floor((appNow().getTime() - Date.parse(f.dueAt)) / 60000) : 0;
  const late = minutesLate > ON_TIME_MINUTES;
  const open = h(
    "button",
    {
      type: "button",
      class: `due-item row-button${promise ? " is-promise" : ""}${late ? " is-late" : ""}`,
      "data-followup-id": String(f.id),
    },
    h(
      "span",
      // A long name is cut with "…": whole on hover.
      { class: "due-who", title: [item.contactName, item.company].filter(Boolean).join(" · ") },
      h("strong", {}, item.contactName),
      item.company ? h("span", { class: "hint" }, item.company) : null,
    ),
    h(
      "span",
      { class: "due-what" },
      late
        ? h("span", { class: "badge late-badge" }, `Promised callback · ${lateBy(minutesLate)} late`)
        : promise
          ? h("span", { class: "badge promise-badge" }, "Promised callback")
          : null,
      // Their time and yours, when the two differ.
      ...(f.timeZone === userZone
        ? [h("span", {}, `${channelLabel(f.channel)} · ${friendlyLocal(f.localDue)}`)]
        : [
            h("span", {}, `${channelLabel(f.channel)} · ${friendlyLocal(f.localDue)} their time`),
            h("span", { class: "hint" }, `${yourTime(f.dueAt)} your time`),
          ]),
    ),
    h(
      "span",
      { class: "due-hook" },
      item.hook ? `“${item.hook}”` : f.prompt,
      item.phone ? h("span", { class: "hint" }, item.phone) : null,
    ),
    h("span", { class: "due-progress hint" }, progressText(item.progress).split(" · ")[0] ?? ""),
  );
  open.addEventListener("click", () => navigate({ view: "contact", id: f.contactId }));
  return h("li", {}, open);
}

/** Rows asked for at first and with each "Show more": a heavy user's
 * backlog of thousands is counted, not all sent to the window. */
export const PAGE = 50;

interface PartShown {
  id: string;
  title: string;
  part: TodayPart;
  items: DueItem[];
  /** How many the part holds in all. */
  count: number;
}

function part(p: PartShown, api: Api, signal: AbortSignal, userZone: string, navigate: Navigate): HTMLElement | string {
  if (!p.count) return "";
  const list = h("ul", { class: "due-list" }, ...p.items.map((i) => row(i, userZone, navigate)));
  let shown = p.items.length;
  const more = h("button", { type: "button", class: "link-button more-rows", id: `${p.id}-more` });
  const sayMore = () => {
    const left = p.count - shown;
    more.textContent = `Show ${Math.min(PAGE, left).toLocaleString()} more (${left.toLocaleString()} not shown)`;
    more.hidden = left <= 0;
  };
  sayMore();
  more.addEventListener("click", () => {
    more.disabled = true;
    api.todayPart(p.part, shown, PAGE).then(
      (items) => {
        if (signal.aborted) return;
        list.append(...items.map((i) => row(i, userZone, navigate)));
        shown += items.length;
        // Fewer than asked: the part shrank meanwhile (a touch logged elsewhere).
        if (items.length < PAGE) shown = Math.max(shown, p.count);
        more.disabled = false;
        sayMore();
      },
      (e) => {
        more.disabled = false;
        more.textContent = toApiError(e).message;
      },
    );
  });
  return h(
    "section",
    { class: "due-part", id: p.id, "aria-label": p.title },
    h("h3", {}, p.title, h("span", { class: "count" }, p.count.toLocaleString())),
    list,
    more,
  );
}

/** Today's first page, asked for as the window starts: the window shows
 * Today first, and the query then runs while the shell is being set up. */
let askedAtStart: Promise<TodayPage> | null = null;

export function askTodayAtStart(api: Api): void {
  askedAtStart = api.today(PAGE);
  // Its failure is shown by the view that takes it.
  askedAtStart.catch(() => {});
}

export async function mountTodayView(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate): Promise<void> {
  let page: TodayPage;
  const early = askedAtStart;
  askedAtStart = null;
  try {
    page = await (early ?? api.today(PAGE));
  } catch (e) {
    if (signal.aborted) return;
    root.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
    return;
  }
  if (signal.aborted) return;
  const { parts: today, counts } = page;
  const dueNow = counts.promised + counts.overdue + counts.dueNow;
  const empty = dueNow + counts.laterToday + counts.tomorrow === 0;
  const gaveUp = h("button", { type: "button", class: "link-button", id: "today-gave-up" }, "See who you gave up on too early");
  gaveUp.addEventListener("click", () => navigate({ view: "contacts", attention: "gave_up_early" }));
  if (empty) {
    const settings = await api.getSettings().catch(() => null);
    if (signal.aborted) return;
    if (settings && !settings.setUp) {
      root.replaceChildren(welcomePanel(api, settings, navigate));
      return;
    }
  }
  const view = h(
    "section",
    { class: "panel wide today" },
    h(
      "header",
      { class: "panel-header" },
      h("h2", { id: "today-title" }, "Today"),
      h("span", { class: "progress-badge", id: "today-due-count" }, dueNow === 1 ? "1 due now" : `${dueNow} due now`),
    ),
    empty
      ? h(
          "div",
          { class: "empty", id: "today-empty" },
          h("p", { class: "empty-title" }, "Nothing due today or tomorrow"),
          h("p", {}, "Every contact you add gets a next step. Most sales come on the 5th to 12th touch: keep going."),
          nextSteps(api, navigate),
          h("p", {}, gaveUp),
        )
      : "",
    ...(
      [
        { id: "today-promised", title: "Promised callbacks", part: "promised", items: today.promised, count: counts.promised },
        { id: "today-overdue", title: "Overdue", part: "overdue", items: today.overdue, count: counts.overdue },
        { id: "today-now", title: "Due now", part: "due_now", items: today.dueNow, count: counts.dueNow },
        { id: "today-later", title: "Later today", part: "later_today", items: today.laterToday, count: counts.laterToday },
        { id: "today-tomorrow", title: "Tomorrow", part: "tomorrow", items: today.tomorrow, count: counts.tomorrow },
      ] satisfies PartShown[]
    ).map((p) => part(p, api, signal, today.timeZone, navigate)),
  );
  enableListKeys(view, ".due-item");
  root.replaceChildren(view);
  root.querySelector<HTMLButtonElement>(".due-item")?.focus();
}
