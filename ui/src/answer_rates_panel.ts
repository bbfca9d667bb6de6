// "When your calls are answered": every contact's calls by weekday and hour
// band (in the contact's own time zone), as a grid shaded by how often they
// were answered, with the hours that stand out and the rule for when a time
// is suggested. Loaded after the other figures: it reads every call.
import type { AnswerCount, AnswerRates, Api } from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { plural } from "./labels";

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function percent(c: AnswerCount): number | null {
  return c.calls ? Math.round((100 * c.answered) / c.calls) : null;
}

/** One cell: "3 of 4" with its share as a shade (five steps, so the theme's
 * colours carry it and a screen reader reads the numbers). */
function cell(c: AnswerCount, day: string, band: string): HTMLElement {
  const p = percent(c);
  const shade = p === null ? "rate-none" : `rate-${Math.min(4, Math.floor(p / 20))}`;
  return h(
    "td",
    { class: `answer-cell ${shade}`, title: p === null ? `${day} ${band}: no calls` : `${day} ${band}: ${c.answered} of ${c.calls} answered (${p}%)` },
    p === null ? "·" : `${c.answered}/${c.calls}`,
  );
}

export function answerRatesTable(rates: AnswerRates): HTMLElement {
  return h(
    "table",
    { class: "answer-grid", id: "answer-grid", "aria-label": "Calls answered of calls made, by weekday and hour" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, ""), ...rates.bands.map((b) => h("th", { scope: "col" }, b.label)))),
    h(
      "tbody",
      {},
      ...rates.grid.map((row, d) =>
        h("tr", {}, h("th", { scope: "row" }, DAYS[d] ?? ""), ...row.map((c, b) => cell(c, DAYS[d] ?? "", rates.bands[b]?.label ?? ""))),
      ),
      h(
        "tr",
        { class: "answer-total" },
        h("th", { scope: "row" }, "All"),
        ...rates.byBand.map((c) => h("td", {}, percent(c) === null ? "—" : `${percent(c)}%`)),
      ),
    ),
  );
}

export function answerRatesBody(rates: AnswerRates): (HTMLElement | string)[] {
  if (!rates.total.calls) {
    return [h("p", { class: "insight-empty", id: "answer-best" }, "No calls logged yet: log your calls and this shows when people pick up.")];
  }
  const best = rates.best
    ? h("p", { class: "insight-figures", id: "answer-best" }, h("strong", {}, `Call ${rates.best.band.label}`), ` (around ${rates.best.suggested}): ${rates.best.why}.`)
    : h("p", { class: "insight-figures", id: "answer-best" }, `No hours stand out yet, from ${plural(rates.total.calls, "call", "calls")}.`);
  return [best, answerRatesTable(rates), h("p", { class: "hint" }, rates.evidence)];
}

/** The panel, filled in when the figures arrive. */
export function answerRatesPanel(api: Api, signal: AbortSignal, panel: (id: string, title: string, about: string, ...body: (HTMLElement | string)[]) => HTMLElement): HTMLElement {
  const section = panel("insight-answers", "When your calls are answered", "Reading your calls…");
  api
    .answerRates()
    .then((rates) => {
      if (signal.aborted) return;
      section.replaceWith(panel("insight-answers", "When your calls are answered", rates.about, ...answerRatesBody(rates)));
    })
    .catch((e) => {
      if (signal.aborted) return;
      section.append(h("p", { role: "alert" }, toApiError(e).message));
    });
  return section;
}
