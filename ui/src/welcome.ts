// First run, shown on an empty Today until done or skipped: who you are (the
// voicemail script says your name and number), where you are (phone numbers
// and times are read there), when you work; then three ways to begin.
import type { Api, Settings } from "./api";
import { toApiError } from "./api";
import { field, h } from "./dom";
import type { Navigate } from "./nav";

export function welcomePanel(api: Api, settings: Settings, navigate: Navigate): HTMLElement {
  const yourName = h("input", { type: "text", autocomplete: "name", value: settings.yourName });
  const yourPhone = h("input", { type: "tel", autocomplete: "tel", value: settings.yourPhone });
  const region = h("input", { type: "text", maxlength: "2", autocomplete: "off", value: settings.phoneRegion });
  const zone = h("input", { type: "text", list: "welcome-zones", autocomplete: "off", value: settings.timeZone });
  const zones = h("datalist", { id: "welcome-zones" });
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  zones.append(...(intl.supportedValuesOf?.("timeZone") ?? []).map((z) => h("option", { value: z })));
  const days = h(
    "select",
    {},
    h("option", { value: "weekdays" }, "Monday to Friday"),
    h("option", { value: "every" }, "Every day, weekends too"),
  );
  days.value = settings.weekends ? "every" : "weekdays";
  const callTime = h("input", { type: "time", value: settings.callTime });
  const status = h("p", { class: "status", id: "welcome-status", role: "status", "aria-live": "polite" });
  const save = h("button", { type: "submit", class: "primary", id: "welcome-save" }, "Save and continue");
  const skip = h("button", { type: "button", class: "secondary", id: "welcome-skip" }, "Skip for now");
  const form = h(
    "form",
    { id: "welcome-form", novalidate: true },
    h(
      "div",
      { class: "form-grid" },
      field("welcome-yourName", "Your name", yourName, "the voicemail script says it"),
      field("welcome-yourPhone", "Your number", yourPhone, "said twice in every voicemail"),
      field("welcome-phoneRegion", "Phone region", region, "for numbers typed without +country"),
      field("welcome-timeZone", "Your time zone", zone),
      field("welcome-weekends", "Working days", days, "follow-ups fall on these"),
      field("welcome-callTime", "Default call time", callTime, "when a contact has no best time"),
    ),
    zones,
    h("div", { class: "form-actions" }, save, skip),
    status,
  );
  const panel = h(
    "section",
    { class: "panel welcome", id: "welcome" },
    h("header", { class: "panel-header" }, h("h2", {}, "Welcome to Touchpoint")),
    h("p", {}, "Most sales come on the 5th to 12th touch. Touchpoint keeps count and tells you who is next. First, a few things about you:"),
    form,
  );
  const finish = (saved: Settings) => {
    panel.replaceChildren(
      h("header", { class: "panel-header" }, h("h2", {}, saved.yourName ? `You're set up, ${saved.yourName.split(" ")[0]}` : "You're set up")),
      h("p", {}, "Now bring in the people to follow up with, or look around a sample first:"),
      nextSteps(api, navigate),
    );
    panel.querySelector<HTMLButtonElement>("button")?.focus();
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    for (const note of form.querySelectorAll<HTMLElement>(".field-error")) note.hidden = true;
    status.textContent = "";
    const chosen: Settings = {
      ...settings,
      yourName: yourName.value,
      yourPhone: yourPhone.value,
      phoneRegion: region.value,
      timeZone: zone.value,
      weekends: days.value === "every",
      callTime: callTime.value,
      setUp: true,
    };
    api.updateSettings(chosen).then(finish, (e) => {
      const error = toApiError(e);
      const note = form.querySelector<HTMLElement>(`#welcome-${error.field ?? ""}-error`);
      if (!note) {
        status.textContent = error.message;
        return;
      }
      note.textContent = error.message;
      note.hidden = false;
      form.querySelector<HTMLElement>(`#welcome-${error.field ?? ""}`)?.focus();
    });
  });
  skip.addEventListener("click", () => {
    api.updateSettings({ ...settings, setUp: true }).then(finish, (e) => (status.textContent = toApiError(e).message));
  });
  queueMicrotask(() => yourName.focus());
  return panel;
}

/** Add cards, import a file, or open the sample database (in a window of its own). */
export function nextSteps(api: Api, navigate: Navigate): HTMLElement {
  const add = h("button", { type: "button", class: "primary", id: "start-add" }, "Add business cards");
  add.addEventListener("click", () => navigate({ view: "add" }));
  const load = h("button", { type: "button", class: "secondary", id: "start-import" }, "Import a file (vCard, CSV)");
  load.addEventListener("click", () => navigate({ view: "import" }));
  const sample = h("button", { type: "button", class: "secondary", id: "start-sample" }, "Open the sample database");
  const said = h("p", { class: "status", id: "start-status", role: "status", "aria-live": "polite" });
  sample.addEventListener("click", () => {
    sample.disabled = true;
    said.textContent = "Writing the sample…";
    api.openSampleDatabase().then(
      (s) => {
        sample.disabled = false;
        said.textContent = `The sample (${s.contacts} made-up contacts, ${s.touches} touches) opened in a window of its own: ${s.path}. Your own data is untouched.`;
      },
      (e) => {
        sample.disabled = false;
        said.textContent = toApiError(e).message;
      },
    );
  });
  return h("div", { class: "next-steps" }, h("div", { class: "choice-row" }, add, load, sample), said);
}
