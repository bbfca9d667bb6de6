// Words the user reads for the values the core stores.
import type { Channel, Day, DuplicateReason, Stage } from "./api";

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
