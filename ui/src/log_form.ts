// The log form of the follow-up panel: one touch (channel, outcome, notes,
// the hook, objections, a voicemail's promised callback) that always ends
// with the next step: the cadence's, a date of the user's, or closing.
import type {
  Api,
  Channel,
  CloseReason,
  ContactPlan,
  Direction,
  LogResult,
  NextStep,
  ObjectionKind,
  Outcome,
  Settings,
  TouchInput,
} from "./api";
import { toApiError } from "./api";
import { field, h } from "./dom";
import { CHANNELS, CLOSE_REASONS, OBJECTIONS, OUTCOMES, channelLabel, friendlyLocal } from "./labels";
import { ignoreTyping } from "./select_guard";
import { spokenSeconds, voicemailScript, whenSpoken } from "./voicemail";

/** What the log form needs from the panel it is in. */
export interface LogFormHost {
  api: Api;
  /** The view's lifetime: a reply that lands after it ended is not shown. */
  signal: AbortSignal;
  contactId: number;
  contactName: string;
  /** The channel the form starts on, instead of the next step's. */
  channel?: Channel | undefined;
  /** Hears a logged touch, also after the view ended: it is logged either way. */
  logged(result: LogResult): void | Promise<void>;
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

export function logForm(plan: ContactPlan, settings: Settings | null, host: LogFormHost): HTMLFormElement {
  const { api, signal, contactId, contactName } = host;
  // Channel and outcome are chosen by typing on purpose ("c" for Call): they
  // keep type-ahead. The selects among the text fields below do not.
  const channel = h("select", {}, ...options(CHANNELS));
  channel.value = host.channel ?? plan.next?.channel ?? "call";
  const direction = h(
    "select",
    {},
    h("option", { value: "outbound" }, "I reached out"),
    h("option", { value: "inbound" }, "They reached me"),
  );
  const outcome = h("select", {}, ...options(OUTCOMES));
  const notes = h("textarea", { rows: "2", placeholder: "What you spoke about" });
  const hook = h("input", { type: "text", placeholder: "e.g. call Thursday after 4 about the spring order", autocomplete: "off" });
  const objection = ignoreTyping(h("select", {}, h("option", { value: "" }, "No objection"), ...options(OBJECTIONS)));
  const objectionNote = h("input", { type: "text", placeholder: "How you handled it", autocomplete: "off" });
  const when = h("input", { type: "datetime-local" });
  const suggestion = plan.suggestion;
  const radio = (value: string, id: string) => h("input", { type: "radio", name: "next", value, id });
  const nextCadence = radio("cadence", "log-next-cadence");
  const nextCustom = radio("custom", "log-next-custom");
  const nextClose = radio("close", "log-next-close");
  nextCadence.checked = true;
  const nextWhen = h("input", { type: "datetime-local", id: "log-next-when", "aria-label": "Next step date and time (their time)" });
  const nextChannel = ignoreTyping(h("select", { id: "log-next-channel", "aria-label": "Next step channel" }, ...options(CHANNELS)));
  // A typed "l" here would be "Lost", and (below) turn the next step into closing.
  const closeReason = ignoreTyping(h("select", { id: "log-close-reason", "aria-label": "Close as" }, ...options(CLOSE_REASONS)));
  const promiseOn = h("input", { type: "checkbox", id: "log-promise-on" });
  promiseOn.checked = true;
  const promiseWhen = h("input", { type: "datetime-local", id: "log-promise-when", "aria-label": "Call back at (their time)" });
  promiseWhen.value = plan.promiseDefault.replace(" ", "T");
  const script = h("p", { class: "script", id: "voicemail-script" });
  const scriptLength = h("p", { class: "hint", id: "voicemail-length" });
  const showScript = () => {
    // "Tomorrow" as the contact hears it: from their date, not the promise's.
    const base = plan.theirToday;
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
      .then((result) => host.logged(result))
      .catch((e) => {
        if (signal.aborted) return;
        const error = toApiError(e);
        showError(error.field, error.message);
        submit.disabled = false;
      });
  });
  return form;
}
