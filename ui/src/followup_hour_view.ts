// The weekly follow-up hour (seed 001: "schedule an hour per week just to
// make follow-up calls"): the queue and the re-engagement list, then one
// contact at a time with the log form, then a summary of what was done.
import type { Api, QueueEntry, QueueItem, QueueReason, Settings } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { mountFollowupPanel } from "./followup_panel";
import { appNow } from "./clock";
import { hourCard, queueReasonLabel } from "./hour_card";
import { hourSummary } from "./hour_summary";
import { DAY_NAMES, lastTouchText } from "./labels";
import type { Navigate } from "./nav";
import { mountReengageList } from "./reengage_list";

interface Session {
  queue: QueueItem[];
  at: number;
  skipped: number[];
  startedAt: string;
}

// Kept while the app runs: looking something up on another screen and coming
// back resumes the hour where it was.
let session: Session | null = null;

const REASONS: QueueReason[] = ["promise", "overdue", "due_today", "reengage"];

function loadError(root: HTMLElement, e: unknown): void {
  root.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
}

function blockText(s: Settings | null): string {
  if (!s) return "";
  return `Every ${DAY_NAMES[s.followupHourDay]}, ${s.followupHourStart}–${s.followupHourEnd} your time (${s.timeZone}). Change it in Settings.`;
}

/**
 * `said`: what the re-engagement list last did, shown after a refresh.
 * `signal`: the view's lifetime; the session outlives it, the screen does not.
 */
export async function mountFollowupHourView(
  root: HTMLElement,
  signal: AbortSignal,
  api: Api,
  navigate: Navigate,
  start = false,
  said = "",
): Promise<void> {
  if (start && !session) {
    let queue: QueueItem[];
    try {
      queue = await api.followupHourQueue();
    } catch (e) {
      if (!signal.aborted) loadError(root, e);
      return;
    }
    // An hour the user left before it appeared has not started.
    if (signal.aborted) return;
    session = { queue, at: 0, skipped: [], startedAt: appNow().toISOString() };
  }
  if (session) {
    await showContact(root, signal, api, navigate, session);
    return;
  }
  let queue: QueueItem[];
  let settings: Settings | null;
  try {
    [queue, settings] = await Promise.all([api.followupHourQueue(), api.getSettings().catch(() => null)]);
  } catch (e) {
    if (!signal.aborted) loadError(root, e);
    return;
  }
  if (signal.aborted) return;
  const begin = h("button", { type: "button", class: "primary", id: "hour-start", disabled: queue.length === 0 }, "Start follow-up hour");
  const emptyHint = h("p", { id: "hour-empty-hint" });
  begin.addEventListener("click", () => {
    session = { queue, at: 0, skipped: [], startedAt: appNow().toISOString() };
    void showContact(root, signal, api, navigate, session);
  });
  const counts = REASONS.map((r) => [r, queue.filter((e) => e.reason === r).length] as const).filter(([, n]) => n > 0);
  const reengage = h("div", { id: "reengage-root" });
  root.replaceChildren(
    h(
      "section",
      { class: "panel wide hour", "aria-labelledby": "hour-title" },
      h(
        "header",
        { class: "panel-header" },
        h("h2", { id: "hour-title" }, "Follow-up hour"),
        h("span", { class: "progress-badge", id: "hour-queue-count" }, `${queue.length} to call`),
      ),
      h("p", { class: "hint" }, blockText(settings)),
      queue.length
        ? h(
            "div",
            { class: "hour-intro" },
            h("p", { class: "figures" }, ...counts.map(([r, n]) => h("span", { class: "figure" }, `${n} · ${queueReasonLabel(r)}`))),
            h(
              "ol",
              { class: "hour-queue", id: "hour-queue" },
              ...queue.map((e) =>
                h(
                  "li",
                  { class: e.reason === "promise" ? "is-promise" : "" },
                  h("strong", {}, e.contactName),
                  ` · ${e.reason === "reengage" ? lastTouchText(e.lastTouchAt, appNow()) : queueReasonLabel(e.reason)}`,
                ),
              ),
            ),
            h("div", { class: "form-actions" }, begin, h("span", { class: "shortcut-hint" }, "One contact at a time: log the outcome, the next one follows.")),
          )
        : h("div", { class: "empty", id: "hour-empty" }, h("p", { class: "empty-title" }, "Nothing due and nobody waiting"), emptyHint),
      reengage,
    ),
  );
  begin.focus();
  const waiting = await mountReengageList(reengage, signal, api, navigate, said, (text) => void mountFollowupHourView(root, signal, api, navigate, false, text));
  emptyHint.textContent = waiting
    ? "Use the hour for the customers below: they have not heard from you in a while."
    : "Use the hour to add the cards from your last meeting or event, or to import a list.";
}

// The queue holds who to call; what the call needs is read when the hour
// reaches the contact, so a long queue opens at once.
async function showContact(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate, s: Session): Promise<void> {
  const at = s.at;
  const item = s.queue[at];
  if (!item) {
    void finish(root, signal, api, navigate, s);
    return;
  }
  let entry: QueueEntry;
  try {
    entry = await api.followupHourCard(item);
  } catch (e) {
    if (!signal.aborted && s.at === at && session === s) loadError(root, e);
    return;
  }
  // Skipped on, or left, while the card was read: a newer card is coming.
  if (signal.aborted || s.at !== at || session !== s) return;
  showCard(root, signal, api, navigate, s, entry);
}

function showCard(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate, s: Session, entry: QueueEntry): void {
  // A touch logged just as the user left still moves the session on; the
  // next contact is shown when they come back.
  const next = () => {
    s.at += 1;
    if (!signal.aborted) void showContact(root, signal, api, navigate, s);
  };
  const skip = h("button", { type: "button", class: "secondary", id: "hour-skip", title: "Skip (Alt+→)" }, "Skip");
  skip.addEventListener("click", () => {
    s.skipped.push(entry.contactId);
    next();
  });
  const end = h("button", { type: "button", class: "secondary", id: "hour-end" }, "End hour");
  end.addEventListener("click", () => {
    s.skipped.push(...s.queue.slice(s.at).map((e) => e.contactId));
    void finish(root, signal, api, navigate, s);
  });
  const open = h("button", { type: "button", class: "link-button", id: "hour-open-contact" }, "Open the contact page");
  open.addEventListener("click", () => navigate({ view: "contact", id: entry.contactId }));
  const form = h("div", { class: "hour-log" });
  const section = h(
    "section",
    { class: "panel wide hour", "aria-labelledby": "hour-title" },
    h(
      "header",
      { class: "panel-header" },
      h("h2", { id: "hour-title" }, "Follow-up hour"),
      h("span", { class: "progress-badge", id: "hour-position" }, `${s.at + 1} of ${s.queue.length}`),
      h("div", { class: "hour-actions" }, skip, end),
    ),
    h("div", { class: "hour-layout" }, h("div", {}, hourCard(entry, appNow()), open), form),
  );
  // On the section, which goes when the view does: no listener outlives it.
  section.addEventListener("keydown", (event) => {
    if (event.altKey && event.key === "ArrowRight") {
      event.preventDefault();
      skip.click();
    }
  });
  root.replaceChildren(section);
  void mountFollowupPanel(form, signal, api, entry.contactId, entry.contactName, {
    compact: true,
    channel: entry.followup?.channel ?? entry.preferredChannels[0] ?? "call",
    onLogged: next,
  }).then(() => {
    if (!signal.aborted) form.querySelector<HTMLElement>("#log-outcome")?.focus();
  });
}

async function finish(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate, s: Session): Promise<void> {
  session = null;
  try {
    const summary = await api.followupHourSummary(s.startedAt, s.skipped);
    if (signal.aborted) return;
    root.replaceChildren(
      h(
        "section",
        { class: "panel wide hour", "aria-labelledby": "hour-title" },
        h("header", { class: "panel-header" }, h("h2", { id: "hour-title" }, "Follow-up hour done")),
        hourSummary(summary, () => navigate({ view: "today" })),
      ),
    );
    root.querySelector<HTMLElement>("#hour-done")?.focus();
  } catch (e) {
    if (!signal.aborted) loadError(root, e);
  }
}
