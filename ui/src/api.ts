// The only module that talks to Rust. Views import `api`; the types come from
// bindings.ts, which is generated from the Rust types.
import { Channel, invoke } from "@tauri-apps/api/core";
import type {
  ApiError,
  AnswerRates,
  AppInfo,
  BackupFile,
  BackupList,
  Cadence,
  CadenceInput,
  CalendarRange,
  CardParse,
  CardPhoto,
  CollectionChoice,
  HourSummary,
  InsightFigure,
  Insights,
  InsightsPeriod,
  ContactSummary,
  QueueEntry,
  QueueItem,
  ReengageList,
  Reschedule,
  ContactPlan,
  DueItem,
  DuePage,
  FollowUp,
  PromiseStats,
  RecentAction,
  ReminderStatus,
  Snooze,
  TodayPage,
  TodayPart,
  LogResult,
  ScheduleKind,
  TouchEdit,
  TouchInput,
  Contact,
  ContactFields,
  ContactPage,
  ContactQuery,
  CsvColumn,
  DuplicateAction,
  DuplicateCheck,
  ErrorKind,
  ExportFormat,
  ExportResult,
  ImportProgress,
  ImportResult,
  ImportSummary,
  LinkKind,
  SaveOutcome,
  SampleDatabase,
  Settings,
  SyncCollections,
  SyncReport,
  SyncState,
  UploadInfo,
} from "./bindings";

export type * from "./bindings";

const KINDS: readonly ErrorKind[] = [
  "invalid",
  "not_found",
  "database_too_new",
  "not_a_database",
  "storage",
  "unavailable",
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

/** The commands that leave an entry in the undo journal when they change something. */
const UNDOABLE: ReadonlySet<string> = new Set([
  "add_contact",
  "update_contact",
  "merge_into",
  "delete_contacts",
  "log_touch",
  "edit_touch",
  "delete_touch",
  "enrol_contact",
  "create_cadence",
  "update_cadence",
  "copy_cadence",
  "retire_cadence",
  "reschedule",
  "schedule_reengagement",
  "import_commit",
]);

let undoableListener: ((action: RecentAction) => void) | null = null;
/** The newest journal entry the window knows of. Compared whole: after an
 * undo (or a restore) the journal's ids are handed out again. */
let newestSeen = "";

const entryKey = (action: RecentAction | null): string =>
  action ? `${action.id}|${action.doneAt}|${action.label}` : "";

/** `listener` hears each new undoable action once, right after it is done
 * (the toast that offers Undo). `since`: the newest action already known,
 * so one from before a restart is not announced as new. */
export function onUndoable(listener: (action: RecentAction) => void, since: RecentAction | null): void {
  undoableListener = listener;
  newestSeen = entryKey(since);
}

/** After an undoable command: tell the listener if it left a new entry.
 * After an undo or a restore: only note what is newest now. */
async function lookAtJournal(announce: boolean): Promise<void> {
  const action = await invoke<RecentAction | null>("last_action").catch(() => null);
  const key = entryKey(action);
  if (key === newestSeen) return;
  newestSeen = key;
  if (announce && action) undoableListener?.(action);
}

async function call<T>(
  command: string,
  args?: Parameters<typeof invoke>[1],
  options?: Parameters<typeof invoke>[2],
): Promise<T> {
  let result: T;
  try {
    result = await invoke<T>(command, args, options);
  } catch (error) {
    throw toApiError(error);
  }
  if (undoableListener && UNDOABLE.has(command)) await lookAtJournal(true);
  if (undoableListener && (command === "undo" || command === "restore_backup")) await lookAtJournal(false);
  return result;
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
  deleteContacts: (ids: number[]): Promise<number> => call("delete_contacts", { ids }),
  lastAction: (): Promise<RecentAction | null> => call("last_action"),
  insights: (period: InsightsPeriod): Promise<Insights> => call("insights", { period }),
  insightContacts: (period: InsightsPeriod, figure: InsightFigure): Promise<ContactSummary[]> =>
    call("insight_contacts", { period, figure }),
  answerRates: (): Promise<AnswerRates> => call("answer_rates"),
  syncState: (): Promise<SyncState> => call("sync_state"),
  /** The first sync; on success sync goes on by itself while the app runs. */
  syncConnect: (url: string, user: string, password: string): Promise<SyncReport> =>
    call("sync_connect", { url, user, password }),
  /** Trusts the server certificate with that SHA-256 for the account; the next sync accepts it. */
  syncTrustCertificate: (url: string, user: string, fingerprint: string): Promise<string> =>
    call("sync_trust_certificate", { url, user, fingerprint }),
  syncNow: (): Promise<SyncReport> => call("sync_now"),
  syncDisconnect: (): Promise<void> => call("sync_disconnect"),
  /** The server's address books and calendars that take tasks; an empty password: the one sync has. */
  syncCollections: (url: string, user: string, password: string): Promise<SyncCollections> =>
    call("sync_collections", { url, user, password }),
  /** Keeps the address book and the calendar chosen (made when new); sync goes there next. */
  syncChooseCollections: (
    url: string,
    user: string,
    password: string,
    addressBook: CollectionChoice,
    calendar: CollectionChoice,
  ): Promise<SyncCollections> => call("sync_choose_collections", { url, user, password, addressBook, calendar }),
  undo: (): Promise<RecentAction> => call("undo"),
  listBackups: (): Promise<BackupList> => call("list_backups"),
  backupNow: (): Promise<BackupFile> => call("backup_now"),
  /** Returns the copy of the data it replaced. */
  restoreBackup: (name: string): Promise<BackupFile> => call("restore_backup", { name }),
  listContacts: (query: ContactQuery): Promise<ContactPage> => call("list_contacts", { query }),
  contactTags: (): Promise<string[]> => call("contact_tags"),
  mergeInto: (target: number, fields: ContactFields): Promise<Contact> =>
    call("merge_into", { target, fields }),
  /** Sends the file's bytes once; Rust keeps them for the preview and the commit. */
  parseCardText: (text: string): Promise<CardParse> => call("parse_card_text", { text }),
  /** Reads a photo of a card on this machine (Tesseract) and parses its text like a pasted card. */
  readCardPhoto: async (file: File): Promise<CardPhoto> =>
    call("read_card_photo", new Uint8Array(await file.arrayBuffer()), {
      headers: { "x-file-name": encodeURIComponent(file.name) },
    }),
  logTouch: (input: TouchInput): Promise<LogResult> => call("log_touch", { input }),
  editTouch: (id: number, edit: TouchEdit): Promise<ContactPlan> => call("edit_touch", { id, edit }),
  deleteTouch: (id: number): Promise<ContactPlan> => call("delete_touch", { id }),
  contactPlan: (id: number): Promise<ContactPlan> => call("contact_plan", { id }),
  /** Due within `days` days, overdue included: a page and the total. */
  dueFollowups: (days: number, offset: number, limit: number): Promise<DuePage> => call("due_followups", { days, offset, limit }),
  cadences: (): Promise<Cadence[]> => call("cadences"),
  createCadence: (input: CadenceInput): Promise<Cadence> => call("create_cadence", { input }),
  updateCadence: (id: number, input: CadenceInput): Promise<Cadence> => call("update_cadence", { id, input }),
  copyCadence: (id: number): Promise<Cadence> => call("copy_cadence", { id }),
  retireCadence: (id: number): Promise<Cadence> => call("retire_cadence", { id }),
  snooze: (followupId: number, snooze: Snooze): Promise<FollowUp> => call("snooze", { followupId, snooze }),
  promiseStats: (): Promise<PromiseStats> => call("promise_stats"),
  today: (perPart: number): Promise<TodayPage> => call("today", { perPart }),
  todayPart: (part: TodayPart, offset: number, limit: number): Promise<DueItem[]> => call("today_part", { part, offset, limit }),
  reminderStatus: (): Promise<ReminderStatus> => call("reminder_status"),
  /** Tells the app the first view has painted (it logs the start-up time). */
  firstViewPainted: (): Promise<void> => call("first_view_painted"),
  /** Opens the log folder in the file manager; resolves to the folder. */
  openLogFolder: (): Promise<string> => call("open_log_folder"),
  openSampleDatabase: (): Promise<SampleDatabase> => call("open_sample_database"),
  /** Opens the contact's `index`-th phone (tel:) or email (mailto:) with the OS; returns the link. */
  openContactLink: (id: number, kind: LinkKind, index: number): Promise<string> =>
    call("open_contact_link", { id, kind, index }),
  /** Days `from` up to (not including) `to`, "YYYY-MM-DD" in the user's zone. */
  calendar: (from: string, to: string, perDay: number): Promise<CalendarRange> => call("calendar", { from, to, perDay }),
  /** `to`: "YYYY-MM-DD HH:MM" in the user's zone. */
  reschedule: (followupId: number, to: string, confirmed: boolean): Promise<Reschedule> =>
    call("reschedule", { followupId, to, confirmed }),
  /** Who to call and why, in order; each contact's card is read when the hour reaches it. */
  followupHourQueue: (): Promise<QueueItem[]> => call("followup_hour_queue"),
  followupHourCard: (item: QueueItem): Promise<QueueEntry> =>
    call("followup_hour_card", { contactId: item.contactId, reason: item.reason, followupId: item.followupId }),
  followupHourSummary: (startedAt: string, skipped: number[]): Promise<HourSummary> =>
    call("followup_hour_summary", { startedAt, skipped }),
  reengagement: (): Promise<ReengageList> => call("reengagement"),
  scheduleReengagement: (): Promise<FollowUp[]> => call("schedule_reengagement"),
  enrolContact: (contactId: number, cadenceId: number, schedule: ScheduleKind): Promise<ContactPlan> =>
    call("enrol_contact", { contactId, cadenceId, schedule }),
  importUpload: async (file: File): Promise<UploadInfo> =>
    call("import_upload", new Uint8Array(await file.arrayBuffer()), {
      headers: { "x-file-name": encodeURIComponent(file.name) },
    }),
  importPreview: (columns: CsvColumn[] | null, onProgress: (p: ImportProgress) => void): Promise<ImportSummary> => {
    const channel = new Channel<ImportProgress>();
    channel.onmessage = onProgress;
    return call("import_preview", { columns, onProgress: channel });
  },
  importCommit: (action: DuplicateAction, overrides: [number, DuplicateAction][]): Promise<ImportResult> =>
    call("import_commit", { action, overrides }),
  importCancel: (): Promise<void> => call("import_cancel"),
  /** Asks where to save with the system's dialog; null when the user cancelled. */
  exportContacts: (format: ExportFormat): Promise<ExportResult | null> => call("export_contacts", { format }),
  showExportFolder: (): Promise<string> => call("show_export_folder"),
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
  return { search: "", stage: null, tag: null, untouchedDays: null, attention: null, sort: "name", offset: 0, limit: 100 };
}
