// The voicemail script (seed 000): short; your name and number at the start
// and again at the end; the hook in one sentence; the promised callback.
import { formatDate } from "./formats";

export interface ScriptParts {
  contactName: string;
  yourName: string;
  yourPhone: string;
  hook: string;
  /** "tomorrow at 07:30", "on Monday at 16:42". */
  promise: string | null;
}

const WORDS_PER_SECOND = 2.5;

export function voicemailScript(p: ScriptParts): string {
  const first = p.contactName.trim().split(/\s+/)[0] ?? "";
  const me = p.yourName.trim() || "[your name]";
  const number = p.yourPhone.trim() || "[your number]";
  const hook = p.hook.trim().replace(/[.!]+$/, "");
  const lines = [
    `Hi ${first}, it's ${me}, ${number}.`,
    hook ? `I'm calling about ${hook}.` : "I'm calling with an idea for you.",
    p.promise ? `If I don't hear from you, I'll call you back ${p.promise}.` : "Please call me back when it suits you.",
    `Again, ${me}, ${number}. Talk soon.`,
  ];
  return lines.join(" ");
}

/** Seconds it takes to say `text` at an unhurried pace. */
export function spokenSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.round(words / WORDS_PER_SECOND);
}

/** "today at 16:00", "tomorrow at 07:30", "on Monday at 09:15" (within the
 * week), "on Monday 14 December at 09:15" (further), from "YYYY-MM-DD HH:MM"
 * relative to `today` (YYYY-MM-DD), both the listener's dates. */
export function whenSpoken(local: string, today: string): string {
  const [date = "", time = ""] = local.replace("T", " ").split(" ");
  // Calendar days, counted in UTC so a DST change in between cannot shift them.
  const day = (ymd: string) => Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
  const days = Math.round((day(date) - day(today)) / 86_400_000);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  const at = new Date(day(date));
  const weekday = formatDate(at, { weekday: "long", timeZone: "UTC" });
  if (days > 1 && days < 7) return `on ${weekday} at ${time}`;
  const dated = formatDate(at, { day: "numeric", month: "long", timeZone: "UTC" });
  return `on ${weekday} ${dated} at ${time}`;
}
