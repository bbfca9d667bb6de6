// The contact page's follow-up panel: "touch N of M", the next step, the log
// form that always ends with the next step, and the timeline.
import type {
  Api,
  LogResult,
  Cadence,
  Channel,
  CloseReason,
  ContactPlan,
  Direction,
  NextStep,
  ObjectionKind,
  Outcome,
  Progress,
  ScheduleKind,
  TouchInput,
} from "./api";
import { toApiError } from "./api";
import type { Settings, Snooze } from "./api";
import { spokenSeconds, voicemailScript, whenSpoken } from "./voicemail";
import { field, h } from "./dom";
import {
  CHANNELS,
  CLOSE_REASONS,
  OBJECTIONS,
  OUTCOMES,
  channelLabel,
  friendlyLocal,
  outcomeLabel,
} from "./labels";

export function progressText(p: Progress): string {
  const of = p.total !== null ? ` of ${p.total}` : "";
  const cadence = p.cadence ? ` · ${p.cadence}${p.schedule ? ` (${p.schedule})` : ""}` : " · not on a cadence";
  return `Touch ${p.nextTouch}${of}${cadence}`;
}

function options<T extends string>(items: { value: T; label: string }[]): HTMLOptionElement[] {
  return items.map((i) => h("option", { value: i.value }, i.label));
}

/** "2026-11-26T16:15" from a datetime-local input → "2026-11-26 16:15". */
function fromInput(value: string): string {
  return value.replace("T", " ");
}

function closeFor(outcome: Outcome): CloseReason | null {
  if (outcome === "won" || outcome === "lost" || outcome === "not_interested") return outcome;
  return null;
}

export interface PanelOptions {
  /** Called once a touch is logged, instead of showing the updated panel. */
  onLogged?: (result: LogResult) => void;
  /** The log form without the cadence switch and the timeline (follow-up hour). */
  compact?: boolean;
  /** The channel the log form starts on, instead of the next step's. */
  channel?: Channel;
}

export function mountFollowupPanel(
  root: HTMLElement,
  api: Api,
  contactId: number,
  contactName = "",
  opts: PanelOptions = {},
): Promise<void> {
  const panel = h("section", { class: "panel wide-form followup", id: "followup-panel", "aria-labelledby": "followup-title" });
  root.replaceChildren(panel);

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
      panel.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
      return;
    }
    const next = plan.next;
    const nextLine = next
      ? h(
          "p",
          { class: "next-step", id: "next-step" },
          h("strong", {}, `Next: ${channelLabel(next.channel)} · ${friendlyLocal(next.localDue)}`),
          ` their time (${next.timeZone})`,
          next.prompt ? h("span", { class: "prompt" }, next.prompt) : null,
        )
      : h("p", { class: "next-step none", id: "next-step" }, "No next step scheduled. Log a touch to choose one, or enrol them in a cadence.");
    const lastHook = plan.touches.find((t) => t.hook)?.hook;
    const hookLine = lastHook
      ? h("p", { class: "last-hook", id: "last-hook" }, h("strong", {}, "Agreed last time: "), lastHook)
      : "";
    const promises = plan.promises.map((p, i) => {
      const snooze = (how: Snooze, label: string) => {
        const b = h("button", { type: "button", class: "secondary slot", id: `promise-${i}-${how}` }, label);
        b.addEventListener("click", () => {
          void api
            .snooze(p.id, how)
            .then((f) => render(`Reminder moved to ${friendlyLocal(f.localDue)} (the callback itself stays due).`))
            .catch((e) => render(toApiError(e).message));
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
        logForm(plan, settings),
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
      hookLine,
      logForm(plan, settings),
      h("p", { class: "status", id: "log-status", role: "status", "aria-live": "polite" }, status),
      cadenceSwitch(plan, cadences),
      timeline(plan),
    );
  }

  function logForm(plan: ContactPlan, settings: Settings | null): HTMLFormElement {
    const channel = h("select", {}, ...options(CHANNELS));
    channel.value = opts.channel ?? plan.next?.channel ?? "call";
    const direction = h(
      "select",
      {},
      h("option", { value: "outbound" }, "I reached out"),
      h("option", { value: "inbound" }, "They reached me"),
    );
    const outcome = h("select", {}, ...options(OUTCOMES));
    const notes = h("textarea", { rows: "2", placeholder: "What you spoke about" });
    const hook = h("input", { type: "text", placeholder: "e.g. call Thursday after 4 about the spring order", autocomplete: "off" });
    const objection = h("select", {}, h("option", { value: "" }, "No objection"), ...options(OBJECTIONS));
    const objectionNote = h("input", { type: "text", placeholder: "How you handled it", autocomplete: "off" });
    const when = h("input", { type: "datetime-local" });
    const suggestion = plan.suggestion;
    const radio = (value: string, id: string) => h("input", { type: "radio", name: "next", value, id });
    const nextCadence = radio("cadence", "log-next-cadence");
    const nextCustom = radio("custom", "log-next-custom");
    const nextClose = radio("close", "log-next-close");
    nextCadence.checked = true;
    const nextWhen = h("input", { type: "datetime-local", id: "log-next-when", "aria-label": "Next step date and time (their time)" });
    const nextChannel = h("select", { id: "log-next-channel", "aria-label": "Next step channel" }, ...options(CHANNELS));
    const closeReason = h("select", { id: "log-close-reason", "aria-label": "Close as" }, ...options(CLOSE_REASONS));
    const promiseOn = h("input", { type: "checkbox", id: "log-promise-on" });
    promiseOn.checked = true;
    const promiseWhen = h("input", { type: "datetime-local", id: "log-promise-when", "aria-label": "Call back at (their time)" });
    promiseWhen.value = plan.promiseDefault.replace(" ", "T");
    const script = h("p", { class: "script", id: "voicemail-script" });
    const scriptLength = h("p", { class: "hint", id: "voicemail-length" });
    const showScript = () => {
      const today = plan.promiseDefault.slice(0, 10);
      const yesterday = new Date(`${today}T00:00:00`);
      yesterday.setDate(yesterday.getDate() - 1);
      const base = `${yesterday.getFullYear()}-${String(yesterday.getMonth() + 1).padStart(2, "0")}-${String(yesterday.getDate()).padStart(2, "0")}`;
      const text = voicemailScript({
        contactName,
        yourName: settings?.yourName ?? "",
        yourPhone: settings?.yourPhone ?? "",
        hook: hook.value,
        promise: promiseOn.checked && promiseWhen.value ? whenSpoken(promiseWhen.value, base) : null,
      });
      script.textContent = text;
      const seconds = spokenSeconds(text);
      scriptLength.textContent = `About ${seconds} seconds spoken${seconds > 30 ? " — shorten it: aim for 30 s or less" : ""}.${
        settings?.yourName ? "" : " Add your name and number in Settings."
      }`;
    };
    const voicemailPart = h(
      "fieldset",
      { class: "voicemail", id: "log-voicemail", hidden: true, "aria-describedby": "log-promise-error" },
      h("legend", {}, "Voicemail"),
      h("div", { class: "choice-row" }, h("label", { class: "check" }, promiseOn, "I promised to call back"), promiseWhen),
      h("p", { class: "field-error", id: "log-promise-error", hidden: true }),
      h("p", { class: "hint" }, "Say it like this:"),
      script,
      scriptLength,
    );
    const syncVoicemail = () => {
      voicemailPart.hidden = outcome.value !== "left_voicemail";
      if (!voicemailPart.hidden) showScript();
    };
    for (const el of [hook, promiseWhen, promiseOn]) el.addEventListener("input", showScript);
    promiseOn.addEventListener("change", showScript);
    outcome.addEventListener("change", syncVoicemail);
    if (suggestion) {
      nextWhen.value = suggestion.when.replace(" ", "T");
      nextChannel.value = suggestion.channel;
    }
    nextWhen.addEventListener("input", () => (nextCustom.checked = true));
    nextChannel.addEventListener("change", () => (nextCustom.checked = true));
    closeReason.addEventListener("change", () => (nextClose.checked = true));
    // Won, lost and not interested suggest closing; another outcome undoes
    // that suggestion (but never a choice the user made by hand).
    let closeSuggested = false;
    nextClose.addEventListener("change", () => (closeSuggested = false));
    outcome.addEventListener("change", () => {
      const reason = closeFor(outcome.value as Outcome);
      if (reason) {
        closeReason.value = reason;
        nextClose.checked = true;
        closeSuggested = true;
      } else if (closeSuggested && nextClose.checked) {
        nextCadence.checked = true;
        closeSuggested = false;
      }
    });
    const cadenceText = suggestion
      ? `Follow the cadence: ${channelLabel(suggestion.channel)} · ${friendlyLocal(suggestion.when)}`
      : "Follow the cadence";
    const submit = h("button", { type: "submit", class: "primary", id: "log-submit", title: "Log touch (Enter)" }, "Log touch");
    const form = h(
      "form",
      { id: "log-form", class: "log-form", novalidate: true, "aria-label": "Log a touch" },
      h(
        "div",
        { class: "form-grid three" },
        field("log-channel", "Channel", channel),
        field("log-direction", "Direction", direction),
        field("log-outcome", "Outcome", outcome),
      ),
      field("log-notes", "Notes", notes),
      field("log-hook", "The hook for next time", hook),
      voicemailPart,
      h(
        "div",
        { class: "form-grid" },
        field("log-objection", "Objection met", objection),
        field("log-objection-note", "How you handled it", objectionNote),
      ),
      field("log-when", "When (empty: now)", when),
      h(
        "fieldset",
        { class: "next-choice", id: "log-next", "aria-describedby": "log-next-error" },
        h("legend", {}, "Next step"),
        h("label", { class: "check" }, nextCadence, cadenceText),
        suggestion?.prompt ? h("p", { class: "prompt" }, suggestion.prompt) : null,
        h(
          "div",
          { class: "choice-row" },
          h("label", { class: "check" }, nextCustom, "On"),
          nextWhen,
          nextChannel,
          ...["07:30", "12:30", "17:45"].map((t) => {
            // Odd hours stand out in a busy day (and people are at their desk).
            const b = h("button", { type: "button", class: "secondary slot", title: `At ${t} their time` }, t);
            b.addEventListener("click", () => {
              const day = nextWhen.value.slice(0, 10) || (suggestion?.when.slice(0, 10) ?? "");
              if (day) nextWhen.value = `${day}T${t}`;
              nextCustom.checked = true;
            });
            return b;
          }),
        ),
        h("div", { class: "choice-row" }, h("label", { class: "check" }, nextClose, "Close"), closeReason),
        h("p", { class: "field-error", id: "log-next-error", hidden: true }),
      ),
      h("div", { class: "form-actions" }, submit, h("span", { class: "shortcut-hint" }, h("kbd", {}, "Enter"), " log · ", h("kbd", {}, "Alt"), "+", h("kbd", {}, "L"), " log form")),
    );

    const fieldIds: Record<string, string> = {
      next: "log-next",
      happenedAt: "log-when",
      notes: "log-notes",
      hook: "log-hook",
      promise: "log-promise-when",
    };
    function showError(field: string | undefined, message: string): void {
      for (const note of form.querySelectorAll<HTMLElement>(".field-error")) note.hidden = true;
      const id = (field && fieldIds[field]) || (field?.startsWith("objections") ? "log-objection-note" : "log-next");
      const note = form.querySelector<HTMLElement>(`#${id}-error`);
      if (note) {
        note.textContent = message;
        note.hidden = false;
      }
      form.querySelector<HTMLElement>(`#${id}`)?.focus();
    }

    function nextStep(): NextStep {
      if (nextClose.checked) return { kind: "close", reason: closeReason.value as CloseReason };
      if (nextCustom.checked) return { kind: "at", when: fromInput(nextWhen.value), channel: nextChannel.value as Channel, prompt: hook.value };
      return { kind: "cadence" };
    }

    form.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (submit.disabled) return;
      const input: TouchInput = {
        contactId,
        channel: channel.value as Channel,
        direction: direction.value as Direction,
        outcome: outcome.value as Outcome,
        notes: notes.value,
        hook: hook.value,
        objections: objection.value ? [{ kind: objection.value as ObjectionKind, note: objectionNote.value }] : [],
        happenedAt: when.value ? new Date(when.value).toISOString() : null,
        next: nextStep(),
        promise: outcome.value === "left_voicemail" && promiseOn.checked && promiseWhen.value ? fromInput(promiseWhen.value) : null,
      };
      submit.disabled = true;
      void api
        .logTouch(input)
        .then((result) => {
          if (opts.onLogged) {
            opts.onLogged(result);
            return;
          }
          const n = result.next;
          const said = n ? `Logged. Next: ${channelLabel(n.channel)} · ${friendlyLocal(n.localDue)}.` : "Logged and closed.";
          return render(said).then(() => document.getElementById("log-channel")?.focus());
        })
        .catch((e) => {
          const error = toApiError(e);
          showError(error.field, error.message);
          submit.disabled = false;
        });
    });
    return form;
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
        .then(() => render("Cadence switched; the history is kept."))
        .catch((e) => render(toApiError(e).message));
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
    const past = plan.touches.map((t) =>
      h(
        "li",
        { class: "touch" },
        h("span", { class: "when" }, new Date(t.happenedAt).toLocaleString()),
        h(
          "span",
          { class: "what" },
          `${channelLabel(t.channel)} · ${outcomeLabel(t.outcome)}${t.direction === "inbound" ? " · they reached out" : ""}`,
        ),
        t.notes ? h("span", { class: "detail" }, t.notes) : null,
        t.hook ? h("span", { class: "detail hook" }, `Hook: ${t.hook}`) : null,
        ...t.objections.map((o) => h("span", { class: "detail" }, `Objection (${o.kind.replace(/_/g, " ")}): ${o.note}`)),
      ),
    );
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
