// An in-memory stand-in for the Rust commands, behind the real api module and
// invoke(), for UI unit tests. The real commands are tested in Rust and end to end.
import { mockIPC } from "@tauri-apps/api/mocks";
import type {
  Cadence,
  CadenceInput,
  CardParse,
  CardPhoto,
  Contact,
  ContactFields,
  ContactPlan,
  ContactQuery,
  ContactSummary,
  DuplicateCheck,
  Settings,
} from "./api";
import { emptyFields } from "./api";

export interface Backend {
  contacts: Contact[];
  calls: string[];
  /** What parse_card_text answers. */
  parsed: CardParse;
  /** What read_card_photo answers, one per call in turn: a reading or an error thrown. */
  photos: (CardPhoto | { kind: string; message: string })[];
  cadences: Cadence[];
  /** Holds back the next reply to `cmd` until the returned function is
   * called: a slow backend, with the test choosing when it answers. */
  hold(cmd: string): () => void;
}

export const SETTINGS: Settings = {
  phoneRegion: "US",
  timeZone: "America/New_York",
  callTime: "09:00",
  weekends: false,
  firstTouchesPerDay: 10,
  digestTime: "08:00",
  yourName: "Sam Seller",
  yourPhone: "+1 415 555 0123",
  startAtLogin: false,
  followupHourDay: "fri",
  followupHourStart: "09:00",
  followupHourEnd: "10:00",
  reengageAfterDays: 30,
  renotifyPromisesAfterMinutes: 60,
  setUp: true,
  sample: false,
};

function emptyPlan(): ContactPlan {
  return {
    progress: { touches: 0, nextTouch: 1, total: null, cadence: null, schedule: null },
    cadenceId: null,
    next: null,
    promises: [],
    upcoming: [],
    suggestion: null,
    touches: [],
    promiseDefault: "2026-11-24 10:00",
    theirToday: "2026-11-23",
    learnedTime: null,
    stage: "prospect",
  };
}

function summary(c: Contact): ContactSummary {
  return {
    id: c.id,
    displayName: c.displayName,
    company: c.company,
    title: c.title,
    email: c.emails[0]?.address ?? null,
    phone: c.phones[0]?.number ?? null,
    stage: c.stage,
    tags: c.tags,
    lastTouchAt: null,
    nextDueAt: null,
  };
}

export function fakeBackend(initial: Contact[] = []): Backend {
  const held = new Map<string, Promise<void>>();
  const backend: Backend = {
    contacts: [...initial],
    calls: [],
    parsed: { fields: emptyFields(), unplaced: [] },
    photos: [],
    cadences: [],
    hold(cmd) {
      let release = () => {};
      held.set(cmd, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
  };
  mockIPC((cmd, args) => {
    backend.calls.push(cmd);
    const a = (args ?? {}) as Record<string, unknown>;
    const wait = held.get(cmd);
    if (!wait) return answer(cmd, a);
    held.delete(cmd);
    return wait.then(() => answer(cmd, a));
  });

  function answer(cmd: string, a: Record<string, unknown>): unknown {
    switch (cmd) {
      case "list_contacts": {
        const q = a["query"] as ContactQuery;
        const words = q.search.toLowerCase().split(/\s+/).filter(Boolean);
        const hits = backend.contacts.filter((c) => words.every((w) => c.displayName.toLowerCase().includes(w)));
        return { items: hits.slice(q.offset, q.offset + q.limit).map(summary), total: hits.length, totalExact: true };
      }
      case "contact_tags":
        return [];
      case "promise_stats":
        return { keptOnTime: 3, notKept: 1, open: 2, percentKept: 75 };
      case "parse_card_text":
        return backend.parsed;
      case "read_card_photo": {
        const next = backend.photos.shift();
        if (!next) throw { kind: "internal", message: "no photo reading left in the test" };
        if ("kind" in next) throw next;
        return next;
      }
      case "get_contact": {
        const found = backend.contacts.find((c) => c.id === a["id"]);
        if (!found) throw { kind: "not_found", message: `contact ${String(a["id"])} does not exist` };
        return found;
      }
      case "add_contact": {
        const fields = a["fields"] as ContactFields;
        const check = a["check"] as DuplicateCheck;
        const bad = fields.emails.findIndex((e) => !e.address.includes("@"));
        if (bad >= 0) {
          throw { kind: "invalid", field: `emails[${bad}]`, message: "Email must look like name@example.com" };
        }
        const name = fields.displayName || [fields.givenName, fields.familyName].filter(Boolean).join(" ");
        if (!name) throw { kind: "invalid", field: "displayName", message: "Name is required" };
        const twin = backend.contacts.find((c) => c.displayName === name);
        if (twin && check === "warn") {
          return { kind: "possibleDuplicates", matches: [{ contact: summary(twin), reasons: [{ kind: "sameNameAndCompany" }] }] };
        }
        const contact: Contact = {
          ...fields,
          displayName: name,
          id: backend.contacts.length + 1,
          createdAt: "2026-11-23T09:00:00Z",
          updatedAt: "2026-11-23T09:00:00Z",
        };
        backend.contacts.push(contact);
        return { kind: "saved", contact };
      }
      case "sync_state":
        return { account: null, connected: false, syncing: false, lastReport: null };
      case "today":
        return {
          parts: { promised: [], overdue: [], dueNow: [], laterToday: [], tomorrow: [], timeZone: SETTINGS.timeZone },
          counts: { promised: 0, overdue: 0, dueNow: 0, laterToday: 0, tomorrow: 0 },
        };
      case "contact_plan":
        return emptyPlan();
      case "get_settings":
        return SETTINGS;
      case "cadences":
        return backend.cadences;
      case "update_cadence": {
        const input = a["input"] as CadenceInput;
        const i = backend.cadences.findIndex((c) => c.id === a["id"]);
        const old = backend.cadences[i];
        if (!old) throw { kind: "not_found", message: `cadence ${String(a["id"])} does not exist` };
        const updated: Cadence = { ...old, ...input };
        backend.cadences[i] = updated;
        return updated;
      }
      case "followup_hour_queue":
        return [];
      case "reengagement":
        return { afterDays: SETTINGS.reengageAfterDays, items: [], total: 0 };
      default:
        throw `unknown command ${cmd}`;
    }
  }
  return backend;
}

export function el<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 8; i++) await new Promise((r) => setTimeout(r, 0));
}

export function type(selector: string, value: string): void {
  const input = el<HTMLInputElement>(selector);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The lifetime of a view that is never left. */
export function liveSignal(): AbortSignal {
  return new AbortController().signal;
}
