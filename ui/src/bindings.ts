// Generated from the Rust types by src-tauri/bindings.rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p touchpoint bindings` instead.

export type AppInfo = { version: string, 
/**
 * The database file this window reads and writes.
 */
dbPath: string, };

export type ApiError = { kind: ErrorKind, message: string, field?: string, };

export type ErrorKind = "invalid" | "not_found" | "database_too_new" | "not_a_database" | "storage" | "internal";

export type Contact = { id: number, name: string, company: string, email: string | null, phone: string | null, createdAt: string, updatedAt: string, };

export type ContactInput = { name: string, company: string, email: string, phone: string, };

export type ContactListQuery = { offset: number, limit: number, };

export type ContactPage = { items: Array<Contact>, 
/**
 * How many contacts exist in all, not only on this page.
 */
total: number, };
