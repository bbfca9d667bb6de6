// The user's settings: where phone numbers and times are read, and how
// follow-ups are placed in the day and the week.
import type { Api, Day, Settings } from "./api";
import { toApiError } from "./api";
import { field, h } from "./dom";
import { mountBackupsPanel } from "./backups_panel";
import { mountLogPanel } from "./log_panel";
import { mountSyncPanel } from "./sync_panel";
import { DAY_NAMES } from "./labels";

const SUGGESTED_TIMES = ["07:30", "12:30", "17:45"];

/** `notice`: what the backups panel says first (after a restore). */
export async function mountSettingsView(root: HTMLElement, signal: AbortSignal, api: Api, notice = ""): Promise<void> {
  let settings: Settings;
  try {
    settings = await api.getSettings();
  } catch (e) {
    if (signal.aborted) return;
    root.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
    return;
  }
  if (signal.aborted) return;
  const region = h("input", { type: "text", maxlength: "2", autocomplete: "off", value: settings.phoneRegion });
  const zone = h("input", { type: "text", list: "settings-zones", autocomplete: "off", value: settings.timeZone });
  const zones = h("datalist", { id: "settings-zones" });
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  zones.append(...(intl.supportedValuesOf?.("timeZone") ?? []).map((z) => h("option", { value: z })));
  const callTime = h("input", { type: "time", value: settings.callTime });
  const suggestions = SUGGESTED_TIMES.map((t) => {
    const b = h("button", { type: "button", class: "secondary slot", title: `Set ${t}` }, t);
    b.addEventListener("click", () => (callTime.value = t));
    return b;
  });
  const atLogin = h("input", { type: "checkbox", id: "settings-startAtLogin" });
  atLogin.checked = settings.startAtLogin;
  const weekends = h("input", { type: "checkbox", id: "settings-weekends" });
  weekends.checked = settings.weekends;
  const cap = h("input", { type: "number", min: "1", max: "500", value: String(settings.firstTouchesPerDay) });
  const digest = h("input", { type: "time", value: settings.digestTime });
  const yourName = h("input", { type: "text", autocomplete: "name", value: settings.yourName });
  const yourPhone = h("input", { type: "tel", autocomplete: "tel", value: settings.yourPhone });
  const hourDay = h("select", {}, ...Object.entries(DAY_NAMES).map(([value, label]) => h("option", { value }, label)));
  hourDay.value = settings.followupHourDay;
  const hourStart = h("input", { type: "time", value: settings.followupHourStart });
  const hourEnd = h("input", { type: "time", value: settings.followupHourEnd });
  const reengage = h("input", { type: "number", min: "1", max: "3650", value: String(settings.reengageAfterDays) });
  const renotify = h("input", { type: "number", min: "0", max: "1440", value: String(settings.renotifyPromisesAfterMinutes) });
  const status = h("p", { class: "status", id: "settings-status", role: "status", "aria-live": "polite" });
  const save = h("button", { type: "submit", class: "primary", id: "settings-save" }, "Save settings");

  const form = h(
    "form",
    { id: "settings-form", novalidate: true },
    field("settings-phoneRegion", "Phone region", region, "two letters, e.g. US, GB, DE: for numbers typed without +country"),
    field("settings-timeZone", "Your time zone", zone, "contacts without their own zone use it"),
    zones,
    field("settings-callTime", "Default time for follow-ups", callTime, "when a contact has no best time to call"),
    h("div", { class: "choice-row" }, h("span", { class: "hint" }, "Odd hours stand out:"), ...suggestions),
    h("label", { class: "check" }, weekends, "Follow-ups may fall on weekends"),
    field("settings-firstTouchesPerDay", "First touches per day", cap, "a pile of new cards is spread over the following days"),
    field("settings-digestTime", "Morning digest at", digest, "one notification with the day's follow-ups"),
    h(
      "div",
      { class: "form-grid three" },
      field("settings-followupHourDay", "Weekly follow-up hour", hourDay),
      field("settings-followupHourStart", "From", hourStart),
      field("settings-followupHourEnd", "To", hourEnd),
    ),
    h("p", { class: "hint" }, "An hour a week just for follow-up calls: it shows in the calendar and a notification starts it."),
    field("settings-reengageAfterDays", "Re-engage customers after (days)", reengage, "customers and past customers not contacted this long are suggested for a call"),
    field(
      "settings-renotifyPromisesAfterMinutes",
      "Remind again about a promised callback after (minutes)",
      renotify,
      "a callback you promised and have not made is notified once more this long after its reminder; 0: never",
    ),
    field("settings-yourName", "Your name", yourName, "for the voicemail script"),
    field("settings-yourPhone", "Your number", yourPhone, "said at the start and again at the end of a voicemail"),
    h("label", { class: "check" }, atLogin, "Start Touchpoint when I log in (it waits in the tray and reminds you)"),
    h("div", { class: "form-actions" }, save),
    status,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    for (const note of form.querySelectorAll<HTMLElement>(".field-error")) note.hidden = true;
    status.textContent = "";
    void api
      .updateSettings({
        ...settings,
        phoneRegion: region.value,
        timeZone: zone.value,
        callTime: callTime.value,
        weekends: weekends.checked,
        firstTouchesPerDay: Number(cap.value),
        digestTime: digest.value,
        yourName: yourName.value,
        yourPhone: yourPhone.value,
        startAtLogin: atLogin.checked,
        followupHourDay: hourDay.value as Day,
        followupHourStart: hourStart.value,
        followupHourEnd: hourEnd.value,
        reengageAfterDays: Number(reengage.value),
        renotifyPromisesAfterMinutes: Number(renotify.value),
      })
      .then((saved) => {
        if (signal.aborted) return;
        region.value = saved.phoneRegion;
        callTime.value = saved.callTime;
        status.textContent = "Saved.";
      })
      .catch((e) => {
        if (signal.aborted) return;
        const error = toApiError(e);
        const note = form.querySelector<HTMLElement>(`#settings-${error.field ?? ""}-error`);
        if (note) {
          note.textContent = error.message;
          note.hidden = false;
          form.querySelector<HTMLElement>(`#settings-${error.field ?? ""}`)?.focus();
        } else {
          status.textContent = error.message;
        }
      });
  });
  const sync = h("div", { class: "view-part" });
  const backups = h("div", { class: "view-part" });
  const log = h("div", { class: "view-part" });
  root.replaceChildren(
    h("section", { class: "panel wide-form" }, h("header", { class: "panel-header" }, h("h2", {}, "Settings")), form),
    sync,
    backups,
    log,
  );
  region.focus();
  // A restore changes every setting too: the form shows the restored ones.
  await Promise.all([
    mountSyncPanel(sync, signal, api),
    mountBackupsPanel(backups, signal, api, (said) => void mountSettingsView(root, signal, api, said), notice),
    mountLogPanel(log, signal, api),
  ]);
}
