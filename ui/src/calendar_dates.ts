// Wall-clock dates and times in the user's zone, as the calendar shows them:
// "2026-11-26" and "2026-11-26 14:30". The arithmetic runs on UTC dates so
// the webview's own zone (and its DST changes) can never shift a slot; the
// core turns a wall time into an instant in the user's zone.

import { appNow } from "./clock";

export type CalendarMode = "day" | "week" | "month";

const DAY_MS = 86_400_000;

function parseDay(day: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return formatDay(new Date(parseDay(day).getTime() + n * DAY_MS));
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(day: string): number {
  return (parseDay(day).getUTCDay() + 6) % 7;
}

export function mondayOf(day: string): string {
  return addDays(day, -weekdayIndex(day));
}

/** The days a view shows: `from` up to (not including) `to`. */
export function rangeFor(mode: CalendarMode, anchor: string): { from: string; to: string } {
  if (mode === "day") return { from: anchor, to: addDays(anchor, 1) };
  if (mode === "week") {
    const from = mondayOf(anchor);
    return { from, to: addDays(from, 7) };
  }
  const from = mondayOf(`${anchor.slice(0, 7)}-01`);
  return { from, to: addDays(from, 42) };
}

/** The anchor one view earlier (-1) or later (+1). */
export function shiftAnchor(mode: CalendarMode, anchor: string, direction: 1 | -1): string {
  if (mode === "day") return addDays(anchor, direction);
  if (mode === "week") return addDays(anchor, 7 * direction);
  const first = parseDay(`${anchor.slice(0, 7)}-01`);
  first.setUTCMonth(first.getUTCMonth() + direction);
  return formatDay(first);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const LONG_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** "Thu 26 Nov". */
export function shortDay(day: string): string {
  const d = parseDay(day);
  return `${WEEKDAYS[weekdayIndex(day)]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** "Thu 26 Nov 14:30" for "2026-11-26 14:30". */
export function shortWall(wall: string): string {
  return `${shortDay(wall.slice(0, 10))} ${wall.slice(11, 16)}`;
}

export function titleFor(mode: CalendarMode, anchor: string): string {
  const { from, to } = rangeFor(mode, anchor);
  const year = anchor.slice(0, 4);
  if (mode === "day") return `${shortDay(anchor)} ${year}`;
  if (mode === "month") return `${LONG_MONTHS[parseDay(anchor).getUTCMonth()]} ${year}`;
  const last = parseDay(addDays(to, -1));
  const first = parseDay(from);
  const firstPart = first.getUTCMonth() === last.getUTCMonth() ? `${first.getUTCDate()}` : `${first.getUTCDate()} ${MONTHS[first.getUTCMonth()]}`;
  return `${firstPart} – ${last.getUTCDate()} ${MONTHS[last.getUTCMonth()]} ${last.getUTCFullYear()}`;
}

/** A wall time moved by whole days and hours (wall-clock hours: 09:00 stays 09:00 across DST). */
export function moveWall(wall: string, days: number, hours: number): string {
  const [day, time] = [wall.slice(0, 10), wall.slice(11, 16)];
  const [hh, mm] = time.split(":").map(Number);
  const at = new Date(parseDay(day).getTime() + days * DAY_MS + ((hh ?? 0) + hours) * 3_600_000 + (mm ?? 0) * 60_000);
  return `${formatDay(at)} ${at.toISOString().slice(11, 16)}`;
}

/** Today's date in `zone` (the user's zone, which may differ from the webview's). */
export function todayIn(zone: string, now = appNow()): string {
  try {
    // Parts, not a formatted string: the webview's locale data decides formats.
    const parts = new Intl.DateTimeFormat("en-US", { timeZone: zone || "UTC", year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(now);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${part("year")}-${part("month")}-${part("day")}`;
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
