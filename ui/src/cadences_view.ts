// Cadence templates: what following up means for each kind of contact.
// Create, edit, copy and retire; the seeded defaults can be changed too.
import type { Api, Cadence, CadencePlan, CadenceStep, Channel, RepeatUnit } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { CHANNELS, channelLabel } from "./labels";

function summary(plan: CadencePlan): string {
  if (plan.kind === "steps") {
    const last = plan.steps[plan.steps.length - 1]?.day ?? 0;
    return `${plan.steps.length} touches over ${last} days`;
  }
  return `every ${plan.every} ${plan.unit}, ${channelLabel(plan.channel)}`;
}

function channelSelect(value: Channel, label: string): HTMLSelectElement {
  const s = h("select", { "aria-label": label }, ...CHANNELS.map((c) => h("option", { value: c.value }, c.label)));
  s.value = value;
  return s;
}

export async function mountCadencesView(
  root: HTMLElement,
  signal: AbortSignal,
  api: Api,
  selectId: number | null = null,
): Promise<void> {
  let cadences: Cadence[];
  try {
    cadences = await api.cadences();
  } catch (e) {
    if (signal.aborted) return;
    root.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
    return;
  }
  if (signal.aborted) return;
  const list = h("ul", { class: "cadence-list", id: "cadence-list" });
  const editor = h("section", { class: "panel cadence-editor", id: "cadence-editor", "aria-label": "Edit cadence" });
  const status = h("p", { class: "status", id: "cadence-status", role: "status", "aria-live": "polite" });

  function open(cadence: Cadence | null): void {
    const name = h("input", { type: "text", id: "cadence-name", value: cadence?.name ?? "", autocomplete: "off" });
    const kind = h(
      "select",
      { id: "cadence-kind", "aria-label": "Kind" },
      h("option", { value: "steps" }, "Numbered steps (e.g. a new prospect's 12 touches)"),
      h("option", { value: "repeat" }, "Repeat (e.g. every quarter)"),
    );
    const plan: CadencePlan = cadence?.plan ?? { kind: "steps", steps: [{ day: 1, channel: "call", prompt: "" }] };
    kind.value = plan.kind;
    const steps = h("ol", { class: "step-rows", id: "cadence-steps" });
    const addStep = (s: CadenceStep) => {
      const day = h("input", { type: "number", min: "0", value: String(s.day), "aria-label": "Day" });
      const channel = channelSelect(s.channel, "Channel");
      const prompt = h("input", { type: "text", value: s.prompt, "aria-label": "Prompt", placeholder: "A new angle for this touch" });
      const remove = h("button", { type: "button", class: "link-button", "aria-label": "Remove step" }, "Remove");
      const row = h("li", {}, h("span", { class: "hint" }, "Day"), day, channel, prompt, remove);
      remove.addEventListener("click", () => row.remove());
      steps.append(row);
    };
    if (plan.kind === "steps") plan.steps.forEach(addStep);
    const add = h("button", { type: "button", class: "link-button", id: "cadence-add-step" }, "+ Add a step");
    add.addEventListener("click", () => {
      const days = [...steps.querySelectorAll<HTMLInputElement>("input[type=number]")].map((i) => Number(i.value));
      addStep({ day: (Math.max(0, ...days) || 0) + 7, channel: "email", prompt: "" });
    });
    const every = h("input", { type: "number", min: "1", id: "cadence-every", value: plan.kind === "repeat" ? String(plan.every) : "3" });
    const unit = h(
      "select",
      { id: "cadence-unit", "aria-label": "Unit" },
      h("option", { value: "days" }, "days"),
      h("option", { value: "weeks" }, "weeks"),
      h("option", { value: "months" }, "months"),
    );
    unit.value = plan.kind === "repeat" ? plan.unit : "months";
    const repeatChannel = channelSelect(plan.kind === "repeat" ? plan.channel : "call", "Channel");
    const prompts = h("textarea", { rows: "3", id: "cadence-prompts", placeholder: "One prompt per line, used in turn" });
    prompts.value = plan.kind === "repeat" ? plan.prompts.join("\n") : "";
    const stepsPart = h("div", {}, steps, add);
    const repeatPart = h(
      "div",
      {},
      h("div", { class: "choice-row" }, h("label", { for: "cadence-every" }, "Every"), every, unit, repeatChannel),
      h("label", { for: "cadence-prompts" }, "Prompts"),
      prompts,
    );
    const show = () => {
      stepsPart.hidden = kind.value !== "steps";
      repeatPart.hidden = kind.value !== "repeat";
    };
    kind.addEventListener("change", show);
    show();

    const read = (): CadencePlan =>
      kind.value === "steps"
        ? {
            kind: "steps",
            steps: [...steps.children].map((row) => ({
              day: Number(row.querySelector<HTMLInputElement>("input[type=number]")?.value ?? 0),
              channel: (row.querySelector("select")?.value ?? "call") as Channel,
              prompt: row.querySelector<HTMLInputElement>("input[type=text]")?.value ?? "",
            })),
          }
        : {
            kind: "repeat",
            every: Number(every.value),
            unit: unit.value as RepeatUnit,
            channel: repeatChannel.value as Channel,
            prompts: prompts.value.split("\n").map((p) => p.trim()).filter(Boolean),
          };
    const save = h("button", { type: "button", class: "primary", id: "cadence-save" }, cadence ? "Save changes" : "Create cadence");
    save.addEventListener("click", () => {
      const input = { name: name.value, plan: read() };
      void (cadence ? api.updateCadence(cadence.id, input) : api.createCadence(input))
        .then(async (saved) => {
          if (signal.aborted) return;
          await mountCadencesView(root, signal, api, saved.id);
          if (signal.aborted) return;
          const s = root.querySelector("#cadence-status");
          if (s) s.textContent = "Saved. Contacts on it follow the new plan from their next step.";
        })
        .catch((e) => {
          if (!signal.aborted) status.textContent = toApiError(e).message;
        });
    });
    const actions = h("div", { class: "form-actions" }, save);
    if (cadence) {
      const copy = h("button", { type: "button", class: "secondary", id: "cadence-copy" }, "Copy");
      copy.addEventListener("click", () => {
        void api.copyCadence(cadence.id).then((c) => (signal.aborted ? undefined : mountCadencesView(root, signal, api, c.id)));
      });
      actions.append(copy);
      if (cadence.retiredAt === null) {
        const retire = h("button", { type: "button", class: "secondary", id: "cadence-retire" }, "Retire");
        retire.addEventListener("click", () => {
          void api.retireCadence(cadence.id).then((c) => (signal.aborted ? undefined : mountCadencesView(root, signal, api, c.id)));
        });
        actions.append(retire);
      }
    }
    editor.replaceChildren(
      h("h2", {}, cadence ? cadence.name : "New cadence"),
      cadence?.retiredAt ? h("p", { class: "panel-hint" }, "Retired: no one new is enrolled; current contacts carry on.") : "",
      h("div", { class: "field" }, h("label", { for: "cadence-name" }, "Name"), name),
      h("div", { class: "field" }, h("label", { for: "cadence-kind" }, "Kind"), kind),
      stepsPart,
      repeatPart,
      actions,
      status,
    );
  }

  const newButton = h("button", { type: "button", class: "primary", id: "cadence-new" }, "New cadence");
  newButton.addEventListener("click", () => open(null));
  list.append(
    ...cadences.map((c) => {
      const b = h(
        "button",
        { type: "button", class: "cadence-item row-button", "data-cadence-id": String(c.id) },
        h("strong", {}, c.name),
        h("span", { class: "hint" }, `${summary(c.plan)}${c.retiredAt ? " · retired" : ""}`),
      );
      b.addEventListener("click", () => open(c));
      return h("li", {}, b);
    }),
  );
  root.replaceChildren(
    h(
      "div",
      { class: "cadence-layout" },
      h("section", { class: "panel" }, h("header", { class: "panel-header" }, h("h2", {}, "Cadences"), newButton), list),
      editor,
    ),
  );
  open(cadences.find((c) => c.id === selectId) ?? cadences[0] ?? null);
}
