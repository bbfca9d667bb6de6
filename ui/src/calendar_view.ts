// The calendar of follow-ups: day, week and month in the user's time zone,
// promised callbacks marked, overdue ones in their own lane, the weekly
// follow-up hour as a block. Only the visible range is asked for.
import type { Api, CalendarDay, CalendarItem, CalendarRange, HourBlock } from "./api";
import { toApiError } from "./api";
import {
  WEEKDAYS,
  rangeFor,
  shiftAnchor,
  shortDay,
  shortWall,
  titleFor,
  todayIn,
  type CalendarMode,
} from "./calendar_dates";
import { enableMoves } from "./calendar_move";
import { h } from "./dom";
import { channelLabel } from "./labels";
import type { Navigate } from "./nav";

/** Follow-ups listed per day; the rest are counted ("+N more"). */
const PER_DAY: Record<CalendarMode, number> = { day: 500, week: 120, month: 4 };
/** Shown in one hour slot of the week before "+N more". */
const PER_SLOT = 3;
const FIRST_HOUR_SHOWN = 7;

// Where the user was, so coming back to the calendar returns there.
let remembered: { mode: CalendarMode; anchor: string } | null = null;

function itemButton(item: CalendarItem, day: string, compact: boolean): HTMLButtonElement {
  const promise = item.kind === "promise";
  const wall = `${day} ${item.localTime}`;
  const label = `${item.localTime} ${item.contactName}`;
  return h(
    "button",
    {
      type: "button",
      class: `cal-item${promise ? " is-promise" : ""}`,
      "data-followup-id": String(item.followupId),
      "data-contact-id": String(item.contactId),
      "data-wall": wall,
      "data-name": item.contactName,
      title: `${promise ? "Promised callback · " : ""}${channelLabel(item.channel)} ${item.contactName}${
        item.company ? ` (${item.company})` : ""
      } · ${shortWall(wall)} your time · ${item.theirDue.slice(11)} their time (${item.timeZone}). Space to move, M to type a date.`,
    },
    compact ? label : h("span", { class: "cal-item-main" }, h("strong", {}, item.localTime), ` ${item.contactName}`),
    compact ? null : h("span", { class: "cal-item-sub" }, `${promise ? "Promised · " : ""}${channelLabel(item.channel)}${item.company ? ` · ${item.company}` : ""}`),
  );
}

function hourLabel(block: HourBlock): string {
  return `Follow-up hour ${block.localStart}–${block.localEnd}`;
}

function inBlock(blocks: HourBlock[], day: string, hour: number): HourBlock | undefined {
  const slotStart = `${String(hour).padStart(2, "0")}:00`;
  const slotEnd = `${String(hour + 1).padStart(2, "0")}:00`;
  return blocks.find((b) => b.day === day && b.localStart < slotEnd && b.localEnd > slotStart);
}

export async function mountCalendarView(root: HTMLElement, signal: AbortSignal, api: Api, navigate: Navigate): Promise<void> {
  let zone = "UTC";
  try {
    zone = (await api.getSettings()).timeZone;
  } catch {
    // The range reply carries the zone too; until then UTC is a fair guess.
  }
  if (signal.aborted) return;
  const today = todayIn(zone);
  let mode: CalendarMode = remembered?.mode ?? "week";
  let anchor = remembered?.anchor ?? today;
  let range: CalendarRange | null = null;

  const status = h("p", { class: "status cal-status", id: "calendar-status", role: "status", "aria-live": "polite" });
  const title = h("h2", { id: "calendar-title" });
  const body = h("div", { class: "cal-body", id: "calendar-body" });
  const lane = h("div", { class: "cal-lane", id: "calendar-overdue" });
  // One area for both, so an overdue follow-up can be dragged onto a day.
  const area = h("div", { class: "cal-area" }, lane, body);
  const question = h("div", { class: "cal-question", id: "calendar-question", role: "alertdialog", hidden: true });
  const say = (text: string) => (status.textContent = text);

  const modeButton = (m: CalendarMode, label: string) => {
    const b = h("button", { type: "button", class: "secondary", id: `calendar-${m}` }, label);
    b.addEventListener("click", () => {
      mode = m;
      void load();
    });
    return b;
  };
  const modes = [modeButton("day", "Day"), modeButton("week", "Week"), modeButton("month", "Month")];
  const step = (direction: 1 | -1, id: string, label: string, text: string) => {
    const b = h("button", { type: "button", class: "secondary", id, title: label, "aria-label": label }, text);
    b.addEventListener("click", () => {
      anchor = shiftAnchor(mode, anchor, direction);
      void load();
    });
    return b;
  };
  const todayButton = h("button", { type: "button", class: "secondary", id: "calendar-today" }, "Today");
  todayButton.addEventListener("click", () => {
    anchor = todayIn(zone);
    void load();
  });

  root.replaceChildren(
    h(
      "section",
      { class: "panel wide calendar" },
      h(
        "header",
        { class: "panel-header cal-toolbar" },
        title,
        h(
          "div",
          { class: "cal-nav" },
          todayButton,
          step(-1, "calendar-prev", "Earlier", "‹"),
          step(1, "calendar-next", "Later", "›"),
        ),
        h("div", { class: "cal-modes", role: "group", "aria-label": "View" }, ...modes),
      ),
      h("p", { class: "hint cal-help" }, "Drag a follow-up to move it, or select it and press Space, then the arrows and Enter; M types a date."),
      question,
      status,
      area,
    ),
  );

  function focusItem(followupId: number): void {
    body.querySelector<HTMLElement>(`.cal-item[data-followup-id="${followupId}"]`)?.focus();
  }

  function ask(reason: string, yes: () => void): void {
    const moveAnyway = h("button", { type: "button", class: "primary", id: "calendar-confirm" }, "Move anyway");
    const keep = h("button", { type: "button", class: "secondary", id: "calendar-keep" }, "Keep it where it was");
    const close = () => {
      question.hidden = true;
      question.replaceChildren();
    };
    moveAnyway.addEventListener("click", () => {
      close();
      yes();
    });
    keep.addEventListener("click", () => {
      close();
      say("Nothing was moved.");
    });
    question.replaceChildren(h("p", {}, reason), h("div", { class: "form-actions" }, moveAnyway, keep));
    question.hidden = false;
    moveAnyway.focus();
  }

  function move(followupId: number, wall: string, confirmed = false): void {
    void api
      .reschedule(followupId, wall, confirmed)
      .then(async (outcome) => {
        if (signal.aborted) return;
        if (outcome.outcome === "needsConfirmation") {
          ask(outcome.reason, () => move(followupId, wall, true));
          return;
        }
        await load();
        if (signal.aborted) return;
        // A time typed inside a DST jump was set after it: say where, not what was typed.
        say(outcome.moved ?? `Moved to ${shortWall(wall)} your time.`);
        focusItem(followupId);
      })
      .catch((e) => {
        if (!signal.aborted) say(toApiError(e).message);
      });
  }

  function typeDate(followupId: number, wall: string): void {
    const input = h("input", { type: "text", id: "calendar-move-to", value: wall, autocomplete: "off", "aria-label": "Move to (your time)" });
    const go = h("button", { type: "submit", class: "primary", id: "calendar-move-go" }, "Move");
    const cancel = h("button", { type: "button", class: "secondary" }, "Cancel");
    const form = h(
      "form",
      { class: "cal-move-form", id: "calendar-move-form" },
      h("label", { for: "calendar-move-to" }, "Move to (your time, YYYY-MM-DD HH:MM)"),
      input,
      go,
      cancel,
    );
    const close = () => {
      question.hidden = true;
      question.replaceChildren();
    };
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      close();
      move(followupId, input.value.trim().replace("T", " "));
    });
    cancel.addEventListener("click", () => {
      close();
      focusItem(followupId);
    });
    form.addEventListener("keydown", (event) => {
      if (event.key === "Escape") cancel.click();
    });
    question.replaceChildren(form);
    question.hidden = false;
    input.focus();
    input.select();
  }

  enableMoves(area, signal, {
    mode: () => mode,
    move: (id, wall) => move(id, wall),
    open: (contactId) => navigate({ view: "contact", id: contactId }),
    typeDate,
    say,
  });

  function renderLane(r: CalendarRange): void {
    if (!r.overdueCount) {
      lane.replaceChildren();
      return;
    }
    const more = r.overdueCount - r.overdue.length;
    lane.replaceChildren(
      h("h3", {}, "Overdue", h("span", { class: "count" }, String(r.overdueCount))),
      h(
        "div",
        { class: "cal-lane-items" },
        ...r.overdue.map((i) => itemButton(i, dayOf(i), true)),
        more > 0 ? h("span", { class: "hint" }, `and ${more} more`) : null,
      ),
      h("p", { class: "hint" }, "Drag one onto a day, or select it and press M, to give it a new time."),
    );
  }

  /** The user's local day of an overdue item, from its instant. */
  function dayOf(item: CalendarItem): string {
    return todayIn(zone, new Date(item.dueAt));
  }

  function renderTimeGrid(r: CalendarRange): HTMLElement {
    const days = r.days;
    const head = h(
      "div",
      { class: "cal-row cal-head" },
      h("div", { class: "cal-time" }),
      ...days.map((d) =>
        h(
          "div",
          { class: `cal-day-head${d.day === today ? " is-today" : ""}` },
          h("strong", {}, shortDay(d.day)),
          d.count ? h("span", { class: "count" }, String(d.count)) : null,
        ),
      ),
    );
    const rows: HTMLElement[] = [];
    for (let hour = 0; hour < 24; hour++) {
      const hh = String(hour).padStart(2, "0");
      rows.push(
        h(
          "div",
          { class: "cal-row", "data-hour": hh },
          h("div", { class: "cal-time" }, `${hh}:00`),
          ...days.map((d) => timeSlot(d, hour, r.followupHours)),
        ),
      );
    }
    return h(
      "div",
      { class: `cal-grid cal-time-grid cols-${days.length}`, id: "calendar-grid" },
      head,
      h("div", { class: "cal-scroll" }, ...rows),
    );
  }

  function timeSlot(d: CalendarDay, hour: number, blocks: HourBlock[]): HTMLElement {
    const hh = String(hour).padStart(2, "0");
    const items = d.items.filter((i) => i.localTime.startsWith(hh));
    const block = inBlock(blocks, d.day, hour);
    const blockStarts = block && block.localStart.slice(0, 2) === hh;
    const shown = mode === "day" ? items : items.slice(0, PER_SLOT);
    const hidden = items.length - shown.length;
    const more = h("button", { type: "button", class: "link-button cal-more" }, `+${hidden} more`);
    more.addEventListener("click", () => {
      mode = "day";
      anchor = d.day;
      void load();
    });
    return h(
      "div",
      {
        class: `cal-slot${block ? " in-hour" : ""}${d.day === today ? " is-today" : ""}`,
        "data-wall": `${d.day} ${hh}:00`,
        role: "group",
        "aria-label": `${shortDay(d.day)} ${hh}:00`,
      },
      blockStarts ? hourButton(block) : null,
      ...shown.map((i) => itemButton(i, d.day, false)),
      hidden > 0 ? more : null,
    );
  }

  function hourButton(block: HourBlock): HTMLElement {
    const b = h("button", { type: "button", class: "link-button cal-hour-label", title: "Open the follow-up hour (Alt+H)" }, hourLabel(block));
    b.addEventListener("click", () => navigate({ view: "hour" }));
    return b;
  }

  function renderMonth(r: CalendarRange): HTMLElement {
    const month = anchor.slice(0, 7);
    const cells = r.days.map((d) => {
      const block = r.followupHours.find((b) => b.day === d.day);
      const hidden = d.count - d.items.length;
      const dayButton = h("button", { type: "button", class: "link-button cal-date" }, String(Number(d.day.slice(8))));
      dayButton.addEventListener("click", () => {
        mode = "day";
        anchor = d.day;
        void load();
      });
      return h(
        "div",
        {
          class: `cal-slot cal-month-day${d.day.startsWith(month) ? "" : " other-month"}${d.day === today ? " is-today" : ""}`,
          "data-day": d.day,
          role: "group",
          "aria-label": shortDay(d.day),
        },
        h("div", { class: "cal-month-head" }, dayButton, d.promises ? h("span", { class: "badge promise-badge" }, `${d.promises} promised`) : null),
        block ? hourButton(block) : null,
        ...d.items.map((i) => itemButton(i, d.day, true)),
        hidden > 0 ? h("span", { class: "hint cal-more" }, `+${hidden} more`) : null,
      );
    });
    return h(
      "div",
      { class: "cal-grid cal-month", id: "calendar-grid" },
      ...WEEKDAYS.map((w) => h("div", { class: "cal-weekday" }, w)),
      ...cells,
    );
  }

  async function load(): Promise<void> {
    remembered = { mode, anchor };
    const { from, to } = rangeFor(mode, anchor);
    title.textContent = titleFor(mode, anchor);
    for (const b of modes) b.setAttribute("aria-pressed", String(b.id === `calendar-${mode}`));
    try {
      range = await api.calendar(from, to, PER_DAY[mode]);
    } catch (e) {
      if (signal.aborted) return;
      body.replaceChildren(h("div", { class: "load-error", role: "alert" }, toApiError(e).message));
      return;
    }
    if (signal.aborted) return;
    zone = range.timeZone;
    renderLane(range);
    body.replaceChildren(mode === "month" ? renderMonth(range) : renderTimeGrid(range));
    // Working hours first; a moved follow-up is then focused, which scrolls to it.
    const scroller = body.querySelector<HTMLElement>(".cal-scroll");
    const first = body.querySelector<HTMLElement>(`.cal-row[data-hour="${String(FIRST_HOUR_SHOWN).padStart(2, "0")}"]`);
    if (scroller && first) scroller.scrollTop = first.offsetTop - scroller.offsetTop;
    if (!range.days.some((d) => d.count) && !range.overdueCount) {
      say(`Nothing scheduled ${mode === "day" ? "on this day" : `in this ${mode}`}.`);
    } else if (status.textContent?.startsWith("Nothing scheduled")) {
      say("");
    }
  }

  await load();
}
