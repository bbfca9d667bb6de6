// Insights: the user's own figures beside the seeds' benchmarks — on which
// touch deals were won, how long prospects were followed before the user
// stopped, what each channel brings, promises kept, referrals, dormant
// customers. Every bar and number opens the contacts it counted, below.
// Bars are plain HTML (a width in per cent): they follow the theme, read as
// text to a screen reader, and need no chart library.
import type {
  Api,
  BenchmarkLine,
  BucketCount,
  ContactSummary,
  InsightFigure,
  Insights,
  InsightsPeriod,
  PromiseOutcome,
  TouchBucket,
} from "./api";
import { toApiError } from "./api";
import { h } from "./dom";
import { channelLabel, plural } from "./labels";
import type { Navigate } from "./nav";
import { answerRatesPanel } from "./answer_rates_panel";

export const PERIODS: readonly { period: InsightsPeriod; label: string }[] = [
  { period: "30d", label: "30 days" },
  { period: "90d", label: "90 days" },
  { period: "365d", label: "12 months" },
  { period: "all", label: "All time" },
];

/** Sets a bar's length through the CSSOM: the page's CSP allows no inline
 * style attributes. */
function sized<E extends HTMLElement>(el: E, side: "width" | "height", share: number): E {
  el.style[side] = `${Math.round(1000 * share) / 10}%`;
  return el;
}

function bucketLabel(bucket: TouchBucket): string {
  return bucket === "5-12" ? "5–12" : bucket;
}

/** One clickable count: opens the contacts behind `figure` (a zero opens
 * nothing, so it is plain text). */
function countButton(
  id: string,
  n: number,
  text: string,
  figure: InsightFigure,
  open: (figure: InsightFigure, title: string) => void,
  title: string,
): HTMLElement {
  if (n === 0) return h("span", { class: "insight-count", id }, text);
  const b = h("button", { type: "button", class: "link-button insight-count", id }, text);
  b.addEventListener("click", () => open(figure, title));
  return b;
}

/** Bars for touch buckets; `figureOf` says what a bar opens. */
function bars(
  id: string,
  buckets: BucketCount[],
  figureOf: (bucket: TouchBucket) => InsightFigure,
  titleOf: (bucket: TouchBucket) => string,
  open: (figure: InsightFigure, title: string) => void,
): HTMLElement {
  const most = Math.max(1, ...buckets.map((b) => b.contacts));
  return h(
    "ol",
    { class: "insight-bars", id },
    ...buckets.map((b) => {
      const title = titleOf(b.bucket);
      const bar = h(
        "button",
        {
          type: "button",
          class: "insight-bar",
          "data-bucket": b.bucket,
          title: `${title}: ${b.contacts}`,
          disabled: b.contacts === 0,
        },
        h("span", { class: "insight-bar-label" }, bucketLabel(b.bucket)),
        h("span", { class: "sr-only" }, ` ${title}: `),
        h("span", { class: "insight-bar-track" }, sized(h("span", { class: "insight-bar-fill" }), "width", b.contacts / most)),
        h("span", { class: "insight-bar-value" }, String(b.contacts)),
      );
      bar.addEventListener("click", () => open(figureOf(b.bucket), title));
      return h("li", {}, bar);
    }),
  );
}

function benchmark(lines: BenchmarkLine[]): HTMLElement {
  return h(
    "table",
    { class: "insight-benchmark" },
    h("thead", {}, h("tr", {}, h("th", {}, ""), h("th", {}, "Most salespeople"), h("th", {}, "You"))),
    h(
      "tbody",
      {},
      ...lines.map((l) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, l.label),
          h("td", {}, `${l.benchmarkPercent}%`),
          h("td", {}, l.ownPercent === null ? "—" : `${l.ownPercent}%`),
        ),
      ),
    ),
  );
}

function panel(id: string, title: string, about: string, ...body: (HTMLElement | string)[]): HTMLElement {
  return h(
    "section",
    { class: "panel insight", id, "aria-labelledby": `${id}-title` },
    h("h3", { id: `${id}-title` }, title),
    h("p", { class: "panel-hint" }, about),
    ...body,
  );
}

const PROMISE_LABELS: { outcome: PromiseOutcome; label: string; key: "keptOnTime" | "keptLate" | "missed" | "pending" }[] = [
  { outcome: "kept_on_time", label: "kept on time", key: "keptOnTime" },
  { outcome: "kept_late", label: "kept late", key: "keptLate" },
  { outcome: "missed", label: "missed", key: "missed" },
  { outcome: "pending", label: "still to make", key: "pending" },
];

function render(
  insights: Insights,
  open: (figure: InsightFigure, title: string) => void,
  navigate: Navigate,
): HTMLElement[] {
  const { conversion, persistence, channels, promises, referrals, dormant } = insights;
  const won = panel(
    "insight-conversion",
    "On which touch you won",
    conversion.about,
    conversion.won === 0
      ? h("p", { class: "insight-empty" }, "No deal won in this period yet.")
      : bars(
          "conversion-bars",
          conversion.buckets.filter((b) => b.bucket !== "0"),
          (bucket) => ({ kind: "wonOnTouch", bucket }),
          (bucket) => `Won on touch ${bucketLabel(bucket)}`,
          open,
        ),
    benchmark(conversion.benchmark),
  );
  const stopped = panel(
    "insight-persistence",
    "How long you kept going",
    persistence.about,
    persistence.stopped === 0
      ? h("p", { class: "insight-empty" }, "No prospect left without a next step in this period.")
      : bars(
          "persistence-bars",
          persistence.buckets,
          (bucket) => ({ kind: "stoppedAfter", bucket }),
          (bucket) => `Stopped after ${bucketLabel(bucket)} ${bucket === "1" ? "touch" : "touches"}`,
          open,
        ),
    benchmark(persistence.benchmark),
    h(
      "p",
      {},
      countButton(
        "gave-up-count",
        persistence.gaveUpTooEarly,
        plural(persistence.gaveUpTooEarly, "prospect", "prospects"),
        { kind: "gaveUpTooEarly" },
        open,
        "Gave up too early",
      ),
      " given up on too early (1 to 3 touches, nothing next): most sales come on touch 5 to 12.",
    ),
  );
  const byChannel = panel(
    "insight-channels",
    "What each channel brings",
    channels.about,
    channels.rows.length === 0
      ? h("p", { class: "insight-empty" }, "No touch logged in this period.")
      : h(
          "table",
          { class: "insight-table", id: "channel-table" },
          h(
            "thead",
            {},
            h("tr", {}, ...["Channel", "Your touches", "Answered", "They reached you", "Won"].map((t) => h("th", {}, t))),
          ),
          h(
            "tbody",
            {},
            ...channels.rows.map((r) => {
              const name = channelLabel(r.channel);
              const cell = (n: number, figure: InsightFigure, what: string) =>
                h("td", {}, countButton(`channel-${r.channel}-${figure.kind}`, n, String(n), figure, open, `${name}: ${what}`));
              return h(
                "tr",
                {},
                h("th", { scope: "row" }, name),
                cell(r.touches, { kind: "channelTouches", channel: r.channel }, "your touches"),
                cell(r.answered, { kind: "channelAnswered", channel: r.channel }, "answered"),
                cell(r.inbound, { kind: "channelInbound", channel: r.channel }, "they reached you"),
                cell(r.wins, { kind: "channelWins", channel: r.channel }, "won"),
              );
            }),
          ),
        ),
  );
  const total = promises.total;
  const promised = panel(
    "insight-promises",
    "Promised callbacks",
    promises.about,
    h(
      "p",
      { class: "insight-figures" },
      h("strong", {}, plural(total.made, "promise", "promises")),
      " made: ",
      ...PROMISE_LABELS.flatMap((p, i) => [
        i ? ", " : "",
        countButton(`promises-${p.outcome}`, total[p.key], String(total[p.key]), { kind: "promises", outcome: p.outcome }, open, `Promises ${p.label}`),
        ` ${p.label}`,
      ]),
      ".",
    ),
    weeks(insights),
  );
  const referred = panel(
    "insight-referrals",
    "Your referral number",
    referrals.about,
    h(
      "p",
      { class: "insight-figures" },
      h("strong", { class: "insight-big", id: "referral-number" }, referrals.percent === null ? "—" : `${referrals.percent}%`),
      ` of your ${plural(referrals.customers, "customer", "customers")} referred someone`,
      referrals.referrers
        ? h(
            "span",
            {},
            ": ",
            countButton("referrers-count", referrals.referrers, plural(referrals.referrers, "customer", "customers"), { kind: "referrers" }, open, "Customers who referred someone"),
            ".",
          )
        : ".",
    ),
    referralMonths(insights),
    referrals.top.length
      ? h("ol", { class: "insight-top" }, ...referrals.top.map((r) => h("li", {}, `${r.name}: ${plural(r.referred, "referral", "referrals")}`)))
      : "",
  );
  const callTen = h("button", { type: "button", class: "secondary", id: "insight-call-ten" }, "Call 10 of them");
  callTen.addEventListener("click", () => navigate({ view: "hour" }));
  const quiet = panel(
    "insight-dormant",
    "Customers gone quiet",
    dormant.about,
    h(
      "p",
      { class: "insight-figures" },
      countButton("dormant-count", dormant.count, plural(dormant.count, "customer", "customers"), { kind: "dormant" }, open, "Customers gone quiet"),
      ` with no touch for ${dormant.afterDays}+ days. `,
      dormant.count ? callTen : "",
    ),
  );
  return [won, stopped, byChannel, promised, referred, quiet];
}

/** The referral number month by month: one bar per month, its height the
 * share of customers who referred someone that month. */
function referralMonths(insights: Insights): HTMLElement | string {
  const shown = insights.referrals.months.slice(-12);
  if (!shown.some((m) => m.referred)) return "";
  const most = Math.max(1, ...shown.map((m) => m.percent ?? 0));
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const name = (month: string) => names[Number(month.slice(5, 7)) - 1] ?? month;
  return h(
    "ol",
    { class: "insight-weeks", id: "referral-months", "aria-label": "Referral number by month" },
    ...shown.map((m) =>
      h(
        "li",
        {
          title: `${m.month}: ${plural(m.referred, "contact", "contacts")} referred by ${plural(m.referrers, "customer", "customers")}${m.percent === null ? "" : ` (${m.percent}%)`}`,
          "data-month": m.month,
        },
        h("span", { class: "insight-week-bar" }, sized(h("span", { class: "insight-week-part kept" }), "height", (m.percent ?? 0) / most)),
        h("span", { class: "insight-week-label" }, name(m.month)),
      ),
    ),
  );
}

/** The promise trend: one small stacked bar per week (kept, late, missed). */
function weeks(insights: Insights): HTMLElement | string {
  const shown = insights.promises.weeks.slice(-12);
  if (!shown.some((w) => w.counts.made)) return "";
  const most = Math.max(1, ...shown.map((w) => w.counts.made));
  return h(
    "ol",
    { class: "insight-weeks", "aria-label": "Promises by week" },
    ...shown.map((w) => {
      const c = w.counts;
      const part = (n: number, cls: string) => sized(h("span", { class: `insight-week-part ${cls}` }), "height", n / most);
      return h(
        "li",
        { title: `${w.week}: ${c.made} made, ${c.keptOnTime} on time, ${c.keptLate} late, ${c.missed} missed` },
        h("span", { class: "insight-week-bar" }, part(c.keptOnTime, "kept"), part(c.keptLate, "late"), part(c.missed, "missed")),
        h("span", { class: "insight-week-label" }, w.week.slice(-3)),
      );
    }),
  );
}

export async function mountInsightsView(
  root: HTMLElement,
  signal: AbortSignal,
  api: Api,
  navigate: Navigate,
  period: InsightsPeriod = "90d",
): Promise<void> {
  const list = h("section", { class: "panel wide insight-contacts", id: "insight-contacts", "aria-live": "polite", hidden: true });
  const open = (figure: InsightFigure, title: string): void => {
    api
      .insightContacts(period, figure)
      .then((contacts) => {
        if (signal.aborted) return;
        showContacts(list, title, contacts, navigate);
        list.scrollIntoView?.({ block: "nearest" });
      })
      .catch((e) => {
        if (signal.aborted) return;
        list.hidden = false;
        list.replaceChildren(h("p", { role: "alert" }, toApiError(e).message));
      });
  };
  const choose = h(
    "div",
    { class: "period-choice", role: "group", "aria-label": "Period" },
    ...PERIODS.map((p) => {
      const b = h("button", { type: "button", "data-period": p.period, "aria-pressed": String(p.period === period) }, p.label);
      b.addEventListener("click", () => void mountInsightsView(root, signal, api, navigate, p.period));
      return b;
    }),
  );
  const header = h("header", { class: "panel-header" }, h("h2", { id: "insights-title" }, "Insights"), choose);
  let insights: Insights;
  try {
    insights = await api.insights(period);
  } catch (e) {
    if (signal.aborted) return;
    root.replaceChildren(h("section", { class: "panel wide" }, header, h("div", { class: "load-error", role: "alert" }, toApiError(e).message)));
    return;
  }
  if (signal.aborted) return;
  root.replaceChildren(
    h("section", { class: "panel wide insights-head" }, header),
    h("div", { class: "insight-grid" }, ...render(insights, open, navigate), answerRatesPanel(api, signal, panel)),
    list,
  );
}

function showContacts(list: HTMLElement, title: string, contacts: ContactSummary[], navigate: Navigate): void {
  list.hidden = false;
  list.replaceChildren(
    h("h3", { id: "insight-contacts-title" }, `${title} · ${plural(contacts.length, "contact", "contacts")}`),
    contacts.length
      ? h(
          "ul",
          { class: "insight-contact-list" },
          ...contacts.map((c) => {
            const b = h(
              "button",
              { type: "button", class: "row-button", "data-contact-id": String(c.id) },
              h("strong", {}, c.displayName),
              c.company ? h("span", { class: "hint" }, ` · ${c.company}`) : "",
            );
            b.addEventListener("click", () => navigate({ view: "contact", id: c.id }));
            return h("li", {}, b);
          }),
        )
      : h("p", { class: "insight-empty" }, "Nobody."),
  );
}
