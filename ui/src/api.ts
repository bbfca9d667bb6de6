// The only module that talks to Rust. Views import `api`; the types come from
// bindings.ts, which is generated from the Rust types.
import { invoke } from "@tauri-apps/api/core";
import type {
  ApiError,
  AppInfo,
  Contact,
  ContactInput,
  ContactListQuery,
  ContactPage,
  ErrorKind,
} from "./bindings";

export type { ApiError, AppInfo, Contact, ContactInput, ContactListQuery, ContactPage, ErrorKind };

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
  addContact: (input: ContactInput): Promise<Contact> => call("add_contact", { input }),
  listContacts: (query: ContactListQuery): Promise<ContactPage> => call("list_contacts", { query }),
};

export type Api = typeof api;
