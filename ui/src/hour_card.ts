// One contact of the follow-up hour: everything needed to make the call
// without opening anything else (seed 001: one after another, no digging).
import type { QueueEntry, QueueReason, TimeWindow } from "./api";
import { h } from "./dom";
import { DAYS, PREFERRED_CHANNELS, channelLabel, friendlyLocal, lastTouchText, learnedTimeText } from "./labels";
import { progressText } from "./followup_panel";
import { formatDate } from "./formats";

export function queueReasonLabel(reason: QueueReason): string {
  switch (reason) {
    case "promise":
      return "Promised callback";
    case "overdue":
      return "Overdue";
    case "due_today":
      return "Due today";
    case "reengage":
      return "Not contacted for a while";
  }
}

/** "Tue, Thu 08:00–09:30"; a window without days is every working day. */
export function bestTimeText(w: TimeWindow): string {
  const days = w.days.map((d) => DAYS.find((x) => x.value === d)?.label ?? d).join(", ");
  return `${days ? `${days} ` : ""}${w.start}–${w.end}`;
}

function detail(id: string, label: string, value: string | Node): HTMLElement {
  return h("div", { class: "hour-detail", id }, h("dt", {}, label), h("dd", {}, value));
}

export function hourCard(entry: QueueEntry, now: Date): HTMLElement {
  const f = entry.followup;
  const yours = f ? formatDate(new Date(f.dueAt), { hour: "2-digit", minute: "2-digit" }) : "";
  const due = f
    ? `${channelLabel(f.channel)} · ${friendlyLocal(f.localDue)} their time (${f.timeZone}), ${yours} yours`
    : "No step scheduled: a call to catch up";
  const preferred = entry.preferredChannels.map((c) => PREFERRED_CHANNELS.find((p) => p.value === c)?.label ?? c);
  const stated = entry.bestTimes.length ? `${entry.bestTimes.map(bestTimeText).join("; ")} their time (${entry.timeZone})` : "";
  const learned = entry.learnedTime ? `From your calls: ${learnedTimeText(entry.learnedTime)}` : "";
  const best = [stated, learned].filter(Boolean).join(". ") || `Any time in their working hours (${entry.timeZone})`;
  return h(
    "article",
    { class: `hour-card${entry.reason === "promise" ? " is-promise" : ""}`, id: "hour-card", "aria-labelledby": "hour-contact-name" },
    h(
      "header",
      { class: "hour-card-head" },
      h(
        "div",
        {},
        h("h3", { id: "hour-contact-name" }, entry.contactName),
        entry.company ? h("span", { class: "hint" }, entry.company) : null,
      ),
      h(
        "div",
        { class: "hour-card-tags" },
        h("span", { class: `badge reason-${entry.reason}`, id: "hour-reason" }, queueReasonLabel(entry.reason)),
        h("span", { class: "hint" }, progressText(entry.progress).split(" · ")[0] ?? ""),
      ),
    ),
    entry.phone ? h("p", { class: "hour-phone", id: "hour-phone" }, entry.phone) : h("p", { class: "hint", id: "hour-phone" }, "No phone number saved"),
    entry.hook ? h("p", { class: "last-hook", id: "hour-hook" }, h("strong", {}, "Agreed last time: "), entry.hook) : null,
    h(
      "dl",
      { class: "hour-details" },
      detail("hour-due", "Step", due),
      detail("hour-last", "Last time", `${lastTouchText(entry.lastTouchAt, now)}${entry.lastNotes ? ` — ${entry.lastNotes}` : ""}`),
      detail("hour-channels", "Prefers", preferred.length ? preferred.join(", ") : "Not known yet"),
      detail("hour-best", "Best time", best),
      entry.prompt && entry.prompt !== entry.hook ? detail("hour-prompt", "Say", entry.prompt) : null,
      entry.idea ? detail("hour-idea", "Stand out", entry.idea) : null,
    ),
  );
}
