// Words the user reads for the values the core stores.
import type { Channel, CloseReason, Day, DuplicateReason, LearnedTime, ObjectionKind, Outcome, Stage } from "./api";
import { formatDate } from "./formats";

export const STAGES: { value: Stage; label: string }[] = [
  { value: "prospect", label: "Prospect" },
  { value: "customer", label: "Customer" },
  { value: "past_customer", label: "Past customer" },
  { value: "lost", label: "Lost" },
  { value: "do_not_contact", label: "Do not contact" },
];

export const PREFERRED_CHANNELS: { value: Channel; label: string }[] = [
  { value: "call", label: "Phone call" },
  { value: "email", label: "Email" },
  { value: "sms", label: "Text message" },
  { value: "linkedin", label: "LinkedIn" },
  { value: "meeting", label: "In person" },
  { value: "handwritten_card", label: "Mail / card" },
];

export const DAYS: { value: Day; label: string }[] = [
  { value: "mon", label: "Mon" },
  { value: "tue", label: "Tue" },
  { value: "wed", label: "Wed" },
  { value: "thu", label: "Thu" },
  { value: "fri", label: "Fri" },
  { value: "sat", label: "Sat" },
  { value: "sun", label: "Sun" },
];

/** Full weekday names, for sentences ("Every Friday") and the settings. */
export const DAY_NAMES: Record<Day, string> = {
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
  sun: "Sunday",
};

export function stageLabel(stage: Stage): string {
  return STAGES.find((s) => s.value === stage)?.label ?? stage;
}

export function reasonLabel(reason: DuplicateReason): string {
  switch (reason.kind) {
    case "sameEmail":
      return `same email ${reason.value}`;
    case "samePhone":
      return `same phone ${reason.value}`;
    case "sameNameAndCompany":
      return "same name and company";
  }
}

export const CHANNELS: { value: Channel; label: string }[] = [
  { value: "call", label: "Call" },
  { value: "voicemail", label: "Voicemail" },
  { value: "email", label: "Email" },
  { value: "sms", label: "Text message" },
  { value: "linkedin", label: "LinkedIn" },
  { value: "meeting", label: "Meeting" },
  { value: "handwritten_card", label: "Handwritten card" },
  { value: "birthday_card", label: "Birthday card" },
  { value: "newsletter", label: "Newsletter / article" },
  { value: "event_invitation", label: "Event invitation" },
  { value: "gift", label: "Gift" },
  { value: "other", label: "Other" },
];

export const OUTCOMES: { value: Outcome; label: string }[] = [
  { value: "no_answer", label: "No answer" },
  { value: "left_voicemail", label: "Left voicemail" },
  { value: "connected", label: "Connected" },
  { value: "replied", label: "Replied" },
  { value: "meeting_booked", label: "Meeting booked" },
  { value: "not_interested", label: "Not interested" },
  { value: "won", label: "Won" },
  { value: "lost", label: "Lost" },
  { value: "other", label: "Other" },
];

export const OBJECTIONS: { value: ObjectionKind; label: string }[] = [
  { value: "price", label: "Price" },
  { value: "timing", label: "Timing" },
  { value: "competitor", label: "Competitor" },
  { value: "send_info", label: "\"Send me info\"" },
  { value: "no_need", label: "No need" },
  { value: "not_decision_maker", label: "Not the decision maker" },
  { value: "other", label: "Other" },
];

export const CLOSE_REASONS: { value: CloseReason; label: string }[] = [
  { value: "won", label: "Won — becomes a customer" },
  { value: "lost", label: "Lost — nurture every 6 weeks" },
  { value: "not_interested", label: "Not interested — nurture every 6 weeks" },
  { value: "do_not_contact", label: "Do not contact — no more reminders" },
];

export function channelLabel(channel: Channel): string {
  return CHANNELS.find((c) => c.value === channel)?.label ?? channel;
}

export function outcomeLabel(outcome: Outcome): string {
  return OUTCOMES.find((o) => o.value === outcome)?.label ?? outcome;
}

/** "Thu 26 Nov, 09:00" from "2026-11-26 09:00". */
export function friendlyLocal(local: string): string {
  const [date, time] = local.split(" ");
  const d = new Date(`${date ?? ""}T00:00:00`);
  if (Number.isNaN(d.getTime())) return local;
  const day = formatDate(d, { weekday: "short", day: "numeric", month: "short" });
  return time ? `${day}, ${time}` : day;
}

/** "1 contact", "1,234 contacts". */
export function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "around 07:45 their time — answered 4 of 5 calls before 08:00". */
export function learnedTimeText(learned: LearnedTime): string {
  return `around ${learned.suggested} their time — ${learned.why}`;
}

/** "3 days ago", "never" — from the last touch, relative to `now`, in
 * calendar days where the user is (a touch on Monday evening was two days
 * ago on Wednesday morning, though less than 48 hours ago). */
export function lastTouchText(at: string | null, now: Date): string {
  if (!at) return "Never contacted";
  const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  // Rounded: a day with a DST change is 23 or 25 hours long.
  const days = Math.round((midnight(now) - midnight(new Date(at))) / 86_400_000);
  if (days <= 0) return "Last touch today";
  return days === 1 ? "Last touch yesterday" : `Last touch ${days} days ago`;
}
