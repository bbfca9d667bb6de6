// The only module that talks to Rust. Views import `api`; the types come from
// bindings.ts, which is generated from the Rust types.
import { invoke } from "@tauri-apps/api/core";
import type {
  ApiError,
  AppInfo,
  Contact,
  ContactFields,
  ContactPage,
  ContactQuery,
  DuplicateCheck,
  ErrorKind,
  SaveOutcome,
  Settings,
} from "./bindings";

export type * from "./bindings";

const KINDS: readonly ErrorKind[] = [
  "invalid",
  "not_found",
  "database_too_new",
  "not_a_database",
  "storage",
  "internal",
];

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v["message"] === "string" &&
    KINDS.includes(v["kind"] as ErrorKind) &&
    (v["field"] === undefined || typeof v["field"] === "string")
  );
}

/** Anything a command rejects with, as an ApiError: Tauri itself rejects with
 * plain strings (e.g. an argument it could not deserialise). */
export function toApiError(error: unknown): ApiError {
  if (isApiError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "internal", message };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toApiError(error);
  }
}

export const api = {
  appInfo: (): Promise<AppInfo> => call("app_info"),
  getSettings: (): Promise<Settings> => call("get_settings"),
  updateSettings: (settings: Settings): Promise<Settings> => call("update_settings", { settings }),
  addContact: (fields: ContactFields, check: DuplicateCheck): Promise<SaveOutcome> =>
    call("add_contact", { fields, check }),
  updateContact: (id: number, fields: ContactFields): Promise<Contact> =>
    call("update_contact", { id, fields }),
  getContact: (id: number): Promise<Contact> => call("get_contact", { id }),
  listContacts: (query: ContactQuery): Promise<ContactPage> => call("list_contacts", { query }),
  contactTags: (): Promise<string[]> => call("contact_tags"),
  mergeInto: (target: number, fields: ContactFields): Promise<Contact> =>
    call("merge_into", { target, fields }),
  mergeContacts: (keep: number, other: number): Promise<Contact> =>
    call("merge_contacts", { keep, other }),
};

export type Api = typeof api;

export function emptyFields(): ContactFields {
  return {
    givenName: "",
    familyName: "",
    displayName: "",
    title: "",
    company: "",
    phones: [],
    emails: [],
    website: "",
    address: { street: "", locality: "", region: "", postalCode: "", country: "" },
    profiles: [],
    metWhere: "",
    metOn: null,
    notes: "",
    tags: [],
    stage: "prospect",
    referredBy: null,
    preferredChannels: [],
    preferredEveryDays: null,
    bestTimes: [],
    timeZone: "",
    birthday: "",
  };
}

export function emptyQuery(): ContactQuery {
  return { search: "", stage: null, tag: null, untouchedDays: null, sort: "name", offset: 0, limit: 100 };
}
