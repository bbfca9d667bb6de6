// The voicemail script (seed 000): short; your name and number at the start
// and again at the end; the hook in one sentence; the promised callback.

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

/** "tomorrow at 07:30" / "on Mon 30 Nov at 16:42" from "YYYY-MM-DD HH:MM" relative to `today` (YYYY-MM-DD). */
export function whenSpoken(local: string, today: string): string {
  const [date = "", time = ""] = local.replace("T", " ").split(" ");
  const d = new Date(`${date}T00:00:00`);
  const t = new Date(`${today}T00:00:00`);
  const days = Math.round((d.getTime() - t.getTime()) / 86_400_000);
  if (days === 0) return `today at ${time}`;
  if (days === 1) return `tomorrow at ${time}`;
  return `on ${d.toLocaleDateString("en-GB", { weekday: "long" })} at ${time}`;
}
