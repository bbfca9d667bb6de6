// The contact page's follow-up panel: "touch N of M", the next step, the log
// form (log_form.ts) that always ends with the next step, and the timeline.
import type { Api, Cadence, Channel, ContactPlan, LogResult, Progress, ScheduleKind, Settings, Snooze } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { channelLabel, friendlyLocal, lastTouchText, learnedTimeText, outcomeLabel } from "./labels";
import { type LogFormHost, logForm } from "./log_form";
import { touchEditForm } from "./touch_edit";
import { appNow } from "./clock";

export function progressText(p: Progress): string {
  const of = p.total !== null ? ` of ${p.total}` : "";
  const cadence = p.cadence ? ` · ${p.cadence}${p.schedule ? ` (${p.schedule})` : ""}` : " · not on a cadence";
  return `Touch ${p.nextTouch}${of}${cadence}`;
}

export interface PanelOptions {
  /** Called once a touch is logged, instead of showing the updated panel. */
  onLogged?: (result: LogResult) => void;
  /** The log form without the cadence switch and the timeline (follow-up hour). */
  compact?: boolean;
  /** The channel the log form starts on, instead of the next step's. */
  channel?: Channel;
  /** Told after a touch is logged here (it may have closed the contact). */
  onChanged?: () => void;
}

/** `signal`: the lifetime of the view the panel is in; nothing is shown after it ends. */
export function mountFollowupPanel(
  root: HTMLElement,
  signal: AbortSignal,
  api: Api,
  contactId: number,
  contactName = "",
  opts: PanelOptions = {},
): Promise<void> {
  const panel = h("section", { class: "panel wide-form followup", id: "followup-panel", "aria-labelledby": "followup-title" });
  root.replaceChildren(panel);
  const host: LogFormHost = {
    api,
    signal,
    contactId,
    contactName,
    channel: opts.channel,
    logged: (result) => {
      if (opts.onLogged) {
        opts.onLogged(result);
        return;
      }
      if (signal.aborted) return;
      opts.onChanged?.();
      const n = result.next;
      const said = [
        n ? `Logged. Next: ${channelLabel(n.channel)} · ${friendlyLocal(n.localDue)}.` : "Logged and closed.",
        // A time typed inside a DST jump was set after it: say where.
        ...result.moved,
      ].join(" ");
      return render(said).then(() => {
        if (!signal.aborted) panel.querySelector<HTMLElement>("#log-channel")?.focus();
      });
    },
  };

  async function render(status = ""): Promise<void> {
    let plan: ContactPlan;
    let cadences: Cadence[];
    let settings: Settings | null;
    try {
      [plan, cadences, settings] = await Promise.all([
        api.contactPlan(contactId),
        opts.compact ? Promise.resolve([]) : api.cadences(),
        api.getSettings().catch(() => null),
      ]);
    } catch (e) {
      if (signal.aborted) return;
      panel.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
      return;
    }
    if (signal.aborted) return;
    const next = plan.next;
    const nextLine = next
      ? h(
          "p",
          { class: "next-step", id: "next-step" },
          h("strong", {}, `Next: ${channelLabel(next.channel)} · ${friendlyLocal(next.localDue)}`),
          ` their time (${next.timeZone})`,
          next.prompt ? h("span", { class: "prompt" }, next.prompt) : null,
        )
      : plan.stage === "do_not_contact"
        ? h("p", { class: "next-step closed", id: "next-step" }, "They asked not to be contacted: nothing is planned.")
        : h("p", { class: "next-step none", id: "next-step" }, "No next step scheduled. Log a touch to choose one, or enrol them in a cadence.");
    const learnedLine = plan.learnedTime
      ? h("p", { class: "learned-time hint", id: "learned-time" }, h("strong", {}, "Best time to call: "), learnedTimeText(plan.learnedTime))
      : "";
    const lastHook = plan.touches.find((t) => t.hook)?.hook;
    const lastTouch = h("span", { class: "hint", id: "last-touch" }, lastTouchText(plan.touches[0]?.happenedAt ?? null, appNow()));
    const hookLine = lastHook
      ? h("p", { class: "last-hook", id: "last-hook" }, lastTouch, " · ", h("strong", {}, "Agreed last time: "), lastHook)
      : h("p", { class: "last-touch-line" }, lastTouch);
    const promises = plan.promises.map((p, i) => {
      const snooze = (how: Snooze, label: string) => {
        const b = h("button", { type: "button", class: "secondary slot", id: `promise-${i}-${how}` }, label);
        b.addEventListener("click", () => {
          void api
            .snooze(p.id, how)
            .then((f) => (signal.aborted ? undefined : render(`Reminder moved to ${friendlyLocal(f.localDue)} (the callback itself stays due).`)))
            .catch((e) => (signal.aborted ? undefined : render(toApiError(e).message)));
        });
        return b;
      };
      return h(
        "div",
        { class: "promise", id: `promise-${i}` },
        h("strong", {}, `Promised callback · ${friendlyLocal(p.localDue)}`),
        ` their time (${p.timeZone})`,
        p.prompt ? h("span", { class: "prompt" }, p.prompt) : null,
        h(
          "div",
          { class: "choice-row" },
          h("span", { class: "hint" }, "Remind me:"),
          snooze("minutes15", "in 15 min"),
          snooze("hour", "in 1 hour"),
          snooze("tomorrow_morning", "tomorrow 07:30"),
        ),
      );
    });

    if (opts.compact) {
      // The follow-up hour's card already shows the promise, step and hook.
      panel.replaceChildren(
        h("header", { class: "panel-header" }, h("h2", { id: "followup-title" }, "Log the outcome")),
        logForm(plan, settings, host),
        h("p", { class: "status", id: "log-status", role: "status", "aria-live": "polite" }, status),
      );
      return;
    }
    panel.replaceChildren(
      h(
        "header",
        { class: "panel-header" },
        h("h2", { id: "followup-title" }, "Follow-up"),
        h("span", { class: "progress-badge", id: "touch-progress" }, progressText(plan.progress)),
      ),
      ...promises,
      nextLine,
      learnedLine,
      hookLine,
      logForm(plan, settings, host),
      h("p", { class: "status", id: "log-status", role: "status", "aria-live": "polite" }, status),
      cadenceSwitch(plan, cadences),
      timeline(plan),
    );
  }

  function cadenceSwitch(plan: ContactPlan, cadences: Cadence[]): HTMLElement {
    const active = cadences.filter((c) => c.retiredAt === null);
    const select = h("select", { id: "enrol-cadence", "aria-label": "Cadence" }, ...active.map((c) => h("option", { value: String(c.id) }, c.name)));
    if (plan.cadenceId !== null) select.value = String(plan.cadenceId);
    const schedule = h(
      "select",
      { id: "enrol-schedule", "aria-label": "Schedule kind" },
      h("option", { value: "anchored" }, "Anchored: dates fixed from today"),
      h("option", { value: "rolling" }, "Rolling: from each touch"),
    );
    schedule.value = plan.progress.schedule ?? "anchored";
    const apply = h("button", { type: "button", class: "secondary", id: "enrol-apply" }, "Switch cadence");
    apply.addEventListener("click", () => {
      void api
        .enrolContact(contactId, Number(select.value), schedule.value as ScheduleKind)
        .then(() => (signal.aborted ? undefined : render("Cadence switched; the history is kept.")))
        .catch((e) => (signal.aborted ? undefined : render(toApiError(e).message)));
    });
    return h("details", { class: "more" }, h("summary", {}, "Cadence"), h("div", { class: "choice-row" }, select, schedule, apply));
  }

  function timeline(plan: ContactPlan): HTMLElement {
    const upcoming = plan.upcoming.map((u) =>
      h(
        "li",
        { class: "upcoming" },
        h("span", { class: "when" }, friendlyLocal(u.dueOn)),
        h("span", { class: "what" }, `Touch ${u.number}: ${channelLabel(u.channel)}`),
        u.prompt ? h("span", { class: "detail" }, u.prompt) : null,
      ),
    );
    const past = plan.touches.map((t) => {
      const editButton = h("button", { type: "button", class: "link-button", id: `touch-edit-${t.id}` }, "Edit");
      const deleteButton = h("button", { type: "button", class: "link-button", id: `touch-delete-${t.id}` }, "Delete");
      const item = h(
        "li",
        { class: "touch", "data-touch-id": String(t.id) },
        h("span", { class: "when" }, new Date(t.happenedAt).toLocaleString()),
        h(
          "span",
          { class: "what" },
          `${channelLabel(t.channel)} · ${outcomeLabel(t.outcome)}${t.direction === "inbound" ? " · they reached out" : ""}`,
        ),
        t.notes ? h("span", { class: "detail" }, t.notes) : null,
        t.hook ? h("span", { class: "detail hook" }, `Hook: ${t.hook}`) : null,
        ...t.objections.map((o) => h("span", { class: "detail" }, `Objection (${o.kind.replace(/_/g, " ")}): ${o.note}`)),
        h("span", { class: "touch-actions" }, editButton, deleteButton),
      );
      editButton.addEventListener("click", () => {
        const form = touchEditForm(
          t,
          async (edit) => {
            try {
              await api.editTouch(t.id, edit);
              if (!signal.aborted) await render("Touch corrected; the schedule follows it.");
              return null;
            } catch (e) {
              return toApiError(e).message;
            }
          },
          () => {
            form.remove();
            editButton.focus();
          },
        );
        item.append(form);
        form.querySelector<HTMLElement>("#touch-edit-outcome")?.focus();
      });
      deleteButton.addEventListener("click", () => {
        void api
          .deleteTouch(t.id)
          .then(() => (signal.aborted ? undefined : render("Touch deleted; the schedule follows the touches left.")))
          .catch((e) => (signal.aborted ? undefined : render(toApiError(e).message)));
      });
      return item;
    });
    return h(
      "div",
      { class: "timeline" },
      h("h3", {}, "Timeline"),
      upcoming.length ? h("ol", { class: "timeline-list", id: "timeline-upcoming", "aria-label": "Steps to come" }, ...upcoming) : "",
      past.length
        ? h("ol", { class: "timeline-list", id: "timeline-touches", "aria-label": "Touches, newest first" }, ...past)
        : h("p", { class: "panel-hint" }, "No touches yet."),
    );
  }

  return render();
}
