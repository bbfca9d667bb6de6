// The end of a follow-up hour: what was done, and every promise made in it,
// so nothing said on a voicemail is forgotten.
import type { HourSummary } from "./api";
import { h } from "./dom";
import { channelLabel, friendlyLocal } from "./labels";

function figure(id: string, n: number, label: string): HTMLElement {
  return h("div", { class: "hour-figure", id }, h("strong", {}, String(n)), " ", h("span", {}, label));
}

function list(id: string, title: string, items: HTMLElement[]): HTMLElement | string {
  if (!items.length) return "";
  return h("section", { class: "hour-list", id, "aria-label": title }, h("h3", {}, title), h("ul", {}, ...items));
}

export function hourSummary(s: HourSummary, onDone: () => void): HTMLElement {
  const voicemails = s.voicemails.map((v) =>
    h(
      "li",
      {},
      h("strong", {}, v.contactName),
      v.promise
        ? ` — you promised to call back ${friendlyLocal(v.promise.localDue)} their time (${v.promise.timeZone})`
        : " — no callback promised",
    ),
  );
  const next = s.nextSteps.map((n) =>
    h("li", {}, h("strong", {}, n.contactName), ` — ${channelLabel(n.followup.channel)} · ${friendlyLocal(n.followup.localDue)} their time`),
  );
  const skipped = s.skipped.map((c) => h("li", {}, c.contactName));
  const done = h("button", { type: "button", class: "primary", id: "hour-done" }, "Back to Today");
  done.addEventListener("click", onDone);
  return h(
    "div",
    { class: "hour-summary", id: "hour-summary" },
    h(
      "div",
      { class: "hour-figures" },
      figure("hour-calls", s.calls, s.calls === 1 ? "call made" : "calls made"),
      figure("hour-conversations", s.conversations, s.conversations === 1 ? "conversation" : "conversations"),
      figure("hour-voicemails", s.voicemails.length, s.voicemails.length === 1 ? "voicemail left" : "voicemails left"),
      figure("hour-next-steps", s.nextSteps.length, s.nextSteps.length === 1 ? "next step set" : "next steps set"),
      figure("hour-skipped", s.skipped.length, "skipped"),
    ),
    s.touches === 0 ? h("p", { class: "hint" }, "Nothing was logged in this hour.") : "",
    list("hour-summary-voicemails", "Voicemails and the callbacks you promised", voicemails),
    list("hour-summary-next", "Next steps set", next),
    list("hour-summary-skipped", "Skipped — still due", skipped),
    h("div", { class: "form-actions" }, done),
  );
}
