// Generated from the Rust types by src-tauri/bindings.rs. Do not edit:
// run `UPDATE_BINDINGS=1 cargo test -p touchpoint bindings` instead.

export type AppInfo = { version: string, 
/**
 * The database file this window reads and writes.
 */
dbPath: string, 
/**
 * The app's "now", so the window's notion of today is the reminders' one.
 */
now: string, 
/**
 * Where the log files are, if the OS has a place for them.
 */
logFolder: string | null, 
/**
 * Where exports are written.
 */
exportFolder: string | null, };

export type ApiError = { kind: ErrorKind, message: string, field?: string, };

export type ErrorKind = "invalid" | "not_found" | "database_too_new" | "not_a_database" | "storage" | "unavailable" | "internal";

export type Settings = { 
/**
 * Two-letter region ("US", "DE") for phone numbers typed without a
 * country code; empty when unknown.
 */
phoneRegion: string, 
/**
 * The user's IANA time zone; contacts without one of their own use it.
 */
timeZone: string, 
/**
 * "HH:MM": when a follow-up is due on its day if the contact has no best time.
 */
callTime: string, 
/**
 * Whether follow-ups may fall on Saturdays and Sundays.
 */
weekends: boolean, 
/**
 * At most this many first touches of new contacts on one day.
 */
firstTouchesPerDay: number, 
/**
 * "HH:MM": when the morning digest of the day's follow-ups is shown.
 */
digestTime: string, 
/**
 * Your name and number, for the voicemail script.
 */
yourName: string, yourPhone: string, 
/**
 * Open Touchpoint (in the tray) when the user logs in; applied by the desktop shell.
 */
startAtLogin: boolean, 
/**
 * The weekly follow-up hour (seed 001): its day and "HH:MM" bounds, in `time_zone`.
 */
followupHourDay: Day, followupHourStart: string, followupHourEnd: string, 
/**
 * Customers and past customers untouched this many days are due a re-engagement call.
 */
reengageAfterDays: number, 
/**
 * A promised callback still not made this many minutes after its
 * reminder is notified once more; 0: never.
 */
renotifyPromisesAfterMinutes: number, 
/**
 * The first-run setup was completed or skipped. A stored document
 * from before first-run setup existed belongs to a user already at work.
 */
setUp: boolean, 
/**
 * This file is the sample database: made-up people, reminders off.
 */
sample: boolean, };

export type SampleDatabase = { path: string, contacts: number, touches: number, };

export type Channel = "call" | "voicemail" | "email" | "sms" | "linkedin" | "meeting" | "handwritten_card" | "birthday_card" | "newsletter" | "event_invitation" | "gift" | "other";

export type Stage = "prospect" | "customer" | "past_customer" | "lost" | "do_not_contact";

export type Day = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export type Phone = { 
/**
 * "work", "mobile", "home", "fax", ... as the source said it; may be empty.
 */
label: string, 
/**
 * As typed or imported, kept verbatim (after trimming).
 */
number: string, 
/**
 * Filled by the core on save; ignored on input.
 */
e164: string | null, };

export type Email = { label: string, address: string, };

export type ProfileKind = "linkedin" | "x" | "other";

export type Profile = { kind: ProfileKind, url: string, };

export type PostalAddress = { 
/**
 * Street lines, newline-separated.
 */
street: string, locality: string, region: string, postalCode: string, country: string, };

export type TimeWindow = { 
/**
 * Days it applies to; empty means every working day.
 */
days: Array<Day>, 
/**
 * "HH:MM", 24-hour, in the contact's time zone.
 */
start: string, 
/**
 * "HH:MM", after `start`.
 */
end: string, };

export type ContactFields = { givenName: string, familyName: string, 
/**
 * Shown everywhere; built from the given and family names when empty.
 */
displayName: string, title: string, company: string, phones: Array<Phone>, emails: Array<Email>, website: string, address: PostalAddress, profiles: Array<Profile>, metWhere: string, metOn: string | null, notes: string, tags: Array<string>, stage: Stage, 
/**
 * Id of the contact who referred this one.
 */
referredBy: number | null, 
/**
 * The channels the customer asked to be reached on, most preferred first.
 */
preferredChannels: Array<Channel>, 
/**
 * How often the customer asked to hear from us, in days.
 */
preferredEveryDays: number | null, bestTimes: Array<TimeWindow>, 
/**
 * IANA zone name such as "Europe/Berlin"; empty means the user's own zone.
 */
timeZone: string, 
/**
 * "YYYY-MM-DD", or "--MM-DD" when the year is unknown; empty when not given.
 */
birthday: string, };

export type Contact = { id: number, createdAt: string, updatedAt: string, givenName: string, familyName: string, 
/**
 * Shown everywhere; built from the given and family names when empty.
 */
displayName: string, title: string, company: string, phones: Array<Phone>, emails: Array<Email>, website: string, address: PostalAddress, profiles: Array<Profile>, metWhere: string, metOn: string | null, notes: string, tags: Array<string>, stage: Stage, 
/**
 * Id of the contact who referred this one.
 */
referredBy: number | null, 
/**
 * The channels the customer asked to be reached on, most preferred first.
 */
preferredChannels: Array<Channel>, 
/**
 * How often the customer asked to hear from us, in days.
 */
preferredEveryDays: number | null, bestTimes: Array<TimeWindow>, 
/**
 * IANA zone name such as "Europe/Berlin"; empty means the user's own zone.
 */
timeZone: string, 
/**
 * "YYYY-MM-DD", or "--MM-DD" when the year is unknown; empty when not given.
 */
birthday: string, };

export type ContactSummary = { id: number, displayName: string, company: string, title: string, email: string | null, phone: string | null, stage: Stage, tags: Array<string>, lastTouchAt: string | null, 
/**
 * The soonest open follow-up (next step or promised callback).
 */
nextDueAt: string | null, };

export type ContactSort = "name" | "company" | "newest" | "last_touch";

export type Attention = "no_next_step" | "gave_up_early";

export type ContactQuery = { 
/**
 * Words to find in names, companies, titles, emails, phones, notes and tags.
 */
search: string, stage: Stage | null, tag: string | null, 
/**
 * Only contacts with no touch in this many days (or never touched).
 */
untouchedDays: number | null, attention: Attention | null, sort: ContactSort, offset: number, limit: number, };

export type ContactPage = { items: Array<ContactSummary>, 
/**
 * How many contacts match in all, not only on this page; counting stops
 * at [`ContactPage::COUNT_LIMIT`] when searching (see `total_exact`).
 */
total: number, 
/**
 * False when `total` stopped at the limit: "1,000+ matches".
 */
totalExact: boolean, };

export type DuplicateCheck = "warn" | "save_anyway";

export type DuplicateReason = { "kind": "sameEmail", "value": string } | { "kind": "samePhone", "value": string } | { "kind": "sameNameAndCompany" };

export type DuplicateMatch = { contact: ContactSummary, reasons: Array<DuplicateReason>, };

export type SaveOutcome = { "kind": "saved", contact: Contact, } | { "kind": "possibleDuplicates", matches: Array<DuplicateMatch>, };

export type CardParse = { 
/**
 * The form as pre-filled; the user confirms it before anything is saved.
 */
fields: ContactFields, 
/**
 * Lines (or parts of lines) that fit no field, trimmed, in input order,
 * so the user can copy them into notes or the right field.
 */
unplaced: Array<string>, };

export type CardPhoto = { 
/**
 * What the card parser made of the text: the form to fill.
 */
parse: CardParse, 
/**
 * The text as Tesseract read it, lines in reading order.
 */
text: string, 
/**
 * How long reading the photo took.
 */
millis: number, };

export type LinkKind = "phone" | "email";

export type ScheduleKind = "anchored" | "rolling";

export type RepeatUnit = "days" | "weeks" | "months";

export type CadenceStep = { 
/**
 * Days after the enrolment anchor.
 */
day: number, channel: Channel, 
/**
 * What to open the conversation with: a new angle each time.
 */
prompt: string, };

export type CadencePlan = { "kind": "steps", steps: Array<CadenceStep>, } | { "kind": "repeat", every: number, unit: RepeatUnit, channel: Channel, 
/**
 * Used in turn, one per occurrence.
 */
prompts: Array<string>, };

export type Cadence = { id: number, name: string, plan: CadencePlan, 
/**
 * Which built-in default this is, if any.
 */
seededKey: string | null, retiredAt: string | null, };

export type CadenceInput = { name: string, plan: CadencePlan, };

export type Direction = "outbound" | "inbound";

export type Outcome = "connected" | "left_voicemail" | "no_answer" | "replied" | "meeting_booked" | "not_interested" | "won" | "lost" | "other";

export type ObjectionKind = "price" | "timing" | "competitor" | "send_info" | "no_need" | "not_decision_maker" | "other";

export type Objection = { kind: ObjectionKind, 
/**
 * How it was handled.
 */
note: string, };

export type CloseReason = "won" | "lost" | "not_interested" | "do_not_contact";

export type NextStep = { "kind": "cadence" } | { "kind": "at", 
/**
 * "YYYY-MM-DD HH:MM" in the contact's time zone.
 */
when: string, channel: Channel, prompt: string, } | { "kind": "close", reason: CloseReason, };

export type TouchInput = { contactId: number, channel: Channel, direction: Direction, outcome: Outcome, 
/**
 * What you spoke about.
 */
notes: string, 
/**
 * What was agreed for next time.
 */
hook: string, objections: Array<Objection>, 
/**
 * When it happened; now when not given.
 */
happenedAt: string | null, next: NextStep, 
/**
 * A callback promised in a voicemail: "YYYY-MM-DD HH:MM" in the contact's zone.
 */
promise: string | null, };

export type Touch = { id: number, contactId: number, happenedAt: string, channel: Channel, direction: Direction, outcome: Outcome, notes: string, hook: string, objections: Array<Objection>, };

export type FollowUpKind = "cadence" | "custom" | "promise";

export type FollowUp = { id: number, contactId: number, kind: FollowUpKind, 
/**
 * 0-based cadence step, for cadence follow-ups.
 */
step: number | null, dueAt: string, 
/**
 * The zone the due time was chosen in (the contact's, else the user's).
 */
timeZone: string, 
/**
 * The due time as the contact sees it: "2026-12-01 07:30".
 */
localDue: string, channel: Channel, prompt: string, };

export type Progress = { 
/**
 * Touches logged so far.
 */
touches: number, 
/**
 * The number of the next touch (1-based).
 */
nextTouch: number, 
/**
 * Steps in the cadence; `None` for a recurring one.
 */
total: number | null, cadence: string | null, schedule: ScheduleKind | null, };

export type LogResult = { touch: Touch, 
/**
 * The next step now scheduled; `None` only when the contact was closed.
 */
next: FollowUp | null, progress: Progress, 
/**
 * A time typed inside a DST jump, said as where it was set ("There is
 * no 02:30 on Sun 14 Mar 2027 in America/New_York …").
 */
moved: Array<string>, };

export type UpcomingStep = { 
/**
 * 1-based.
 */
number: number, dueOn: string, channel: Channel, prompt: string, };

export type Suggestion = { 
/**
 * "YYYY-MM-DD HH:MM" in `timeZone`.
 */
when: string, timeZone: string, channel: Channel, prompt: string, };

export type ContactPlan = { progress: Progress, 
/**
 * The active enrolment's cadence and schedule kind.
 */
cadenceId: number | null, 
/**
 * The next step; `None` when the contact is closed or the cadence ended.
 */
next: FollowUp | null, 
/**
 * Callbacks promised in voicemails, still open.
 */
promises: Array<FollowUp>, 
/**
 * The cadence's steps after the next one, as they stand today.
 */
upcoming: Array<UpcomingStep>, 
/**
 * What "follow the cadence" would schedule if an outbound touch were logged now.
 */
suggestion: Suggestion | null, 
/**
 * The default promised callback after a voicemail left now: the next
 * working day at the same local time, "YYYY-MM-DD HH:MM" in the contact's zone.
 */
promiseDefault: string, 
/**
 * The contact's date now, "YYYY-MM-DD" in their zone: what "today" and
 * "tomorrow" mean in what is said to them.
 */
theirToday: string, 
/**
 * Newest first.
 */
touches: Array<Touch>, 
/**
 * When their own calls say to call them, when they say enough.
 */
learnedTime: LearnedTime | null, 
/**
 * Where they stand now (a touch may have just closed them).
 */
stage: Stage, };

export type DueItem = { followup: FollowUp, contactName: string, company: string, phone: string | null, 
/**
 * What was agreed last time.
 */
hook: string, progress: Progress, };

export type DuePage = { items: Array<DueItem>, 
/**
 * Due in all, not only on this page.
 */
total: number, };

export type Today = { 
/**
 * Promised callbacks whose time has come, whatever the day: on top
 * until they are made, oldest first.
 */
promised: Array<DueItem>, 
/**
 * Due before today.
 */
overdue: Array<DueItem>, 
/**
 * Due today, at or before now.
 */
dueNow: Array<DueItem>, laterToday: Array<DueItem>, tomorrow: Array<DueItem>, 
/**
 * The user's time zone the parts are cut in.
 */
timeZone: string, };

export type TodayCounts = { promised: number, overdue: number, dueNow: number, laterToday: number, tomorrow: number, };

export type TodayPage = { 
/**
 * Each part holds at most the asked number of rows, in Today's order.
 */
parts: Today, counts: TodayCounts, };

export type TodayPart = "promised" | "overdue" | "due_now" | "later_today" | "tomorrow";

export type Snooze = "minutes15" | "hour" | "tomorrow_morning";

export type PromiseStats = { keptOnTime: number, 
/**
 * Kept late, or past due by more than the grace without a call.
 */
notKept: number, open: number, 
/**
 * Kept on time out of all promises that came due; `None` before the first.
 */
percentKept: number | null, };

export type ReminderStatus = { 
/**
 * Why notifications are failing; `None` once they work again.
 */
failing: string | null, };

export type CalendarItem = { followupId: number, contactId: number, contactName: string, company: string, kind: FollowUpKind, channel: Channel, dueAt: string, 
/**
 * "HH:MM" in the user's zone.
 */
localTime: string, 
/**
 * "2026-12-01 07:30" in the contact's zone, and that zone.
 */
theirDue: string, timeZone: string, prompt: string, };

export type CalendarDay = { day: string, count: number, promises: number, items: Array<CalendarItem>, };

export type HourBlock = { day: string, start: string, end: string, 
/**
 * "09:00" and "10:00".
 */
localStart: string, localEnd: string, };

export type CalendarRange = { timeZone: string, 
/**
 * Every day from `from` up to (not including) `to`.
 */
days: Array<CalendarDay>, 
/**
 * Open follow-ups already past due: the overdue lane, oldest first.
 */
overdue: Array<CalendarItem>, overdueCount: number, followupHours: Array<HourBlock>, };

export type Reschedule = { "outcome": "moved", followup: FollowUp, 
/**
 * Set when the time typed does not exist (inside a DST jump): where
 * it was set instead, in words.
 */
moved: string | null, } | { "outcome": "needsConfirmation", reason: string, };

export type QueueReason = "promise" | "overdue" | "due_today" | "reengage";

export type QueueEntry = { contactId: number, contactName: string, company: string, reason: QueueReason, 
/**
 * The follow-up this call carries out; `None` for a re-engagement call.
 */
followup: FollowUp | null, 
/**
 * What was agreed last time, and what was said.
 */
hook: string, lastNotes: string, lastTouchAt: string | null, preferredChannels: Array<Channel>, bestTimes: Array<TimeWindow>, 
/**
 * When their own calls say to call them, when they say enough.
 */
learnedTime: LearnedTime | null, 
/**
 * The contact's zone, for the best times.
 */
timeZone: string, phone: string | null, 
/**
 * The step's conversation prompt.
 */
prompt: string, 
/**
 * A creative way to stand out (seed 000).
 */
idea: string, progress: Progress, };

export type QueueItem = { contactId: number, contactName: string, company: string, reason: QueueReason, 
/**
 * The follow-up this call carries out; `None` for a re-engagement call.
 */
followupId: number | null, lastTouchAt: string | null, };

export type VoicemailLeft = { contactId: number, contactName: string, 
/**
 * The callback promised in it, if one was.
 */
promise: FollowUp | null, };

export type NextStepSet = { contactId: number, contactName: string, followup: FollowUp, };

export type SkippedContact = { contactId: number, contactName: string, };

export type HourSummary = { 
/**
 * Every touch logged since the hour started.
 */
touches: number, 
/**
 * Outbound calls among them (voicemails included).
 */
calls: number, conversations: number, voicemails: Array<VoicemailLeft>, nextSteps: Array<NextStepSet>, skipped: Array<SkippedContact>, };

export type ReengageItem = { contactId: number, contactName: string, company: string, stage: Stage, 
/**
 * `None`: never touched.
 */
lastTouchAt: string | null, daysSince: number | null, 
/**
 * When the next follow-up is due, if one is scheduled (after this week).
 */
nextDueAt: string | null, };

export type ReengageList = { afterDays: number, items: Array<ReengageItem>, 
/**
 * All who qualify, of which `items` are the first.
 */
total: number, };

export type ImportFormat = "vcard" | "csv";

export type CsvLayout = "google_contacts" | "outlook" | "thunderbird" | "linkedin" | "touchpoint" | "custom";

export type CsvField = "ignore" | "given_name" | "middle_name" | "family_name" | "display_name" | "title" | "company" | "email" | "phone" | "website" | "linkedin" | "street" | "locality" | "region" | "postal_code" | "country" | "notes" | "tags" | "birthday" | "met_where" | "met_on" | "stage" | "time_zone" | "profile" | "preferred_channels" | "preferred_every_days" | "best_times";

export type CsvColumn = { 
/**
 * 0-based position in the row.
 */
index: number, header: string, field: CsvField, label: string, };

export type CsvInspection = { layout: CsvLayout, 
/**
 * One per header cell, with the proposed mapping.
 */
columns: Array<CsvColumn>, 
/**
 * The first 5 data rows as in the file.
 */
sample: Array<Array<string>>, 
/**
 * Number of data rows (what [`read_csv`] will return records for).
 */
rows: number, 
/**
 * 1-based line of the header row.
 */
headerLine: number, };

export type UploadInfo = { fileName: string, bytes: number, format: ImportFormat, 
/**
 * How the CSV's columns were read, for the mapping screen.
 */
csv: CsvInspection | null, };

export type RecordPosition = { "kind": "card", "at": number } | { "kind": "line", "at": number };

export type ImportRowStatus = { "kind": "new", fields: ContactFields, } | { "kind": "duplicate", fields: ContactFields, matches: Array<DuplicateMatch>, 
/**
 * The earlier record of the same file it repeats, if any.
 */
earlier: RecordPosition | null, } | { "kind": "rejected", reason: string, };

export type ImportRow = { position: RecordPosition, status: ImportRowStatus, 
/**
 * What was changed to keep the record, as the importer said each: a
 * value the form would refuse, taken out and kept in the notes; a name
 * made from the company, email or phone; a line skipped; columns kept
 * in the notes.
 */
setAside: Array<string>, };

export type ImportRowView = { 
/**
 * Index of the row in the preview, for per-row choices.
 */
index: number, row: ImportRow, };

export type ImportSummary = { newCount: number, duplicateCount: number, rejectedCount: number, 
/**
 * Up to 500 duplicates and 500 rejections, in file order.
 */
rows: Array<ImportRowView>, 
/**
 * Values the form would refuse, taken out of kept records into their
 * notes: "line 3 (Bob): why", up to 500, in file order.
 */
setAside: Array<string>, 
/**
 * How many values were set aside in all.
 */
setAsideCount: number, };

export type ImportProgress = { done: number, total: number, };

export type DuplicateAction = "skip" | "merge" | "add_anyway";

export type ImportResult = { added: number, merged: number, skipped: number, rejected: number, };

export type ExportFormat = "vcf" | "csv" | "ics" | "everything";

export type ExportResult = { path: string, contacts: number, };

export type RecentAction = { id: number, 
/**
 * What the user did: "Deleted Ada Lovelace".
 */
label: string, doneAt: string, };

export type TouchEdit = { channel: Channel, outcome: Outcome, notes: string, hook: string, objections: Array<Objection>, happenedAt: string, };

export type BackupKind = "daily" | "manual" | "before_upgrade" | "before_restore";

export type BackupFile = { 
/**
 * The file name inside the backup folder: what a restore asks for.
 */
name: string, kind: BackupKind, takenAt: string, sizeBytes: number, };

export type BackupList = { 
/**
 * Where the copies are, to show the user.
 */
folder: string, 
/**
 * Newest first.
 */
backups: Array<BackupFile>, };

export type InsightsPeriod = "30d" | "90d" | "365d" | "all";

export type TouchBucket = "0" | "1" | "2" | "3" | "4" | "5-12" | "12+";

export type BucketCount = { bucket: TouchBucket, contacts: number, };

export type BenchmarkLine = { 
/**
 * What the seeds say, in their words: "stop after the 2nd contact".
 */
label: string, 
/**
 * The buckets the figure covers.
 */
buckets: Array<TouchBucket>, 
/**
 * The seeds' share, in percent.
 */
benchmarkPercent: number, 
/**
 * The user's share over the same buckets, rounded, out of the contacts
 * with at least one outbound touch; `None` when there are none.
 */
ownPercent: number | null, };

export type Persistence = { 
/**
 * What is counted, in words for the screen.
 */
about: string, 
/**
 * Every bucket, "0" to "12+", in order.
 */
buckets: Array<BucketCount>, 
/**
 * Stopped prospects in all: the buckets' sum.
 */
stopped: number, 
/**
 * The seeds' figures beside the user's shares (of stopped prospects
 * with at least one outbound touch).
 */
benchmark: Array<BenchmarkLine>, 
/**
 * The "gave up too early" list's length, now (whatever the period):
 * prospects touched 1 to 3 times (inbound touches included, as the list
 * counts) with nothing scheduled next.
 */
gaveUpTooEarly: number, };

export type Conversion = { about: string, 
/**
 * Every bucket, "0" to "12+", in order.
 */
buckets: Array<BucketCount>, 
/**
 * Contacts won in the period: the buckets' sum.
 */
won: number, 
/**
 * The seeds' table beside the user's shares (of wins with at least
 * one outbound touch).
 */
benchmark: Array<BenchmarkLine>, };

export type ChannelFigures = { channel: Channel, touches: number, answered: number, inbound: number, wins: number, };

export type Channels = { about: string, 
/**
 * The channels with anything to count, in the app's channel order.
 */
rows: Array<ChannelFigures>, };

export type PromiseOutcome = "kept_on_time" | "kept_late" | "missed" | "pending";

export type PromiseCounts = { made: number, keptOnTime: number, keptLate: number, missed: number, pending: number, };

export type PromiseWeek = { 
/**
 * "2026-W48".
 */
week: string, 
/**
 * Its Monday.
 */
startsOn: string, counts: PromiseCounts, };

export type Promises = { about: string, total: PromiseCounts, 
/**
 * Every week from the period's first (for all time: the first
 * promise's) to the current one, empty weeks included.
 */
weeks: Array<PromiseWeek>, };

export type Referrer = { contactId: number, name: string, 
/**
 * Contacts added in the period whose "referred by" is this customer.
 */
referred: number, };

export type ReferralMonth = { 
/**
 * "2026-11".
 */
month: string, 
/**
 * Contacts added that month whose "referred by" is a customer.
 */
referred: number, 
/**
 * The customers who referred them.
 */
referrers: number, 
/**
 * `referrers` out of today's customers; `None` without customers.
 */
percent: number | null, };

export type Referrals = { about: string, customers: number, referrers: number, 
/**
 * `None` without customers.
 */
percent: number | null, top: Array<Referrer>, 
/**
 * Every month of the period (all time: from the first referral, the
 * latest 24), empty months included.
 */
months: Array<ReferralMonth>, };

export type Dormant = { about: string, afterDays: number, count: number, };

export type CallBand = { fromHour: number, toHour: number, 
/**
 * "before 08:00", "10:00–12:00", "after 18:00".
 */
label: string, };

export type AnswerCount = { calls: number, answered: number, };

export type LearnedFrom = "this_contact" | "all_contacts";

export type LearnedTime = { band: CallBand, count: AnswerCount, 
/**
 * "HH:MM" in the contact's zone: the middle of the answered calls' times.
 */
suggested: string, from: LearnedFrom, 
/**
 * "answered 4 of 5 calls before 08:00".
 */
why: string, };

export type AnswerRates = { about: string, 
/**
 * What counts as enough evidence for a suggestion.
 */
evidence: string, bands: Array<CallBand>, 
/**
 * `grid[day][band]`, Monday first.
 */
grid: Array<Array<AnswerCount>>, byBand: Array<AnswerCount>, total: AnswerCount, 
/**
 * The best band for all contacts, when the evidence is enough.
 */
best: LearnedTime | null, };

export type Insights = { period: InsightsPeriod, 
/**
 * The period's first instant (the user's local midnight); `None` for all time.
 */
since: string | null, 
/**
 * When the figures were computed: the period's end.
 */
until: string, 
/**
 * The user's zone the period and the weeks are cut in.
 */
timeZone: string, persistence: Persistence, conversion: Conversion, channels: Channels, promises: Promises, referrals: Referrals, 
/**
 * Now, whatever the period.
 */
dormant: Dormant, };

export type InsightFigure = { "kind": "stoppedAfter", bucket: TouchBucket, } | { "kind": "gaveUpTooEarly" } | { "kind": "wonOnTouch", bucket: TouchBucket, } | { "kind": "channelTouches", channel: Channel, } | { "kind": "channelAnswered", channel: Channel, } | { "kind": "channelInbound", channel: Channel, } | { "kind": "channelWins", channel: Channel, } | { "kind": "promises", outcome: PromiseOutcome, } | { "kind": "referrers" } | { "kind": "dormant" };

export type SyncAccount = { url: string, user: string, 
/**
 * The address book, once found or chosen.
 */
addressBook: string | null, 
/**
 * The task list (a calendar) the follow-ups go to, once found or chosen.
 */
calendar: string | null, lastSyncAt: string | null, 
/**
 * Why the last sync failed; `None` when it went through.
 */
lastError: string | null, 
/**
 * Contacts on both sides as last agreed.
 */
cards: number, 
/**
 * The SHA-256 of the server certificate the user chose to trust, if
 * they did (else the system's roots alone are trusted).
 */
trustedCertificate: string | null, };

export type SyncReport = { 
/**
 * The address book synced with.
 */
addressBook: string, 
/**
 * Cards written to the server.
 */
sent: number, 
/**
 * Cards taken from the server (new or changed there).
 */
received: number, 
/**
 * Of those, contacts changed on both sides and merged.
 */
merged: number, 
/**
 * Values both sides changed differently: this machine's kept, the
 * other's in the contact's notes.
 */
keptBoth: number, 
/**
 * Contacts deleted here because they were deleted there.
 */
deletedHere: number, 
/**
 * Contacts deleted there because they were deleted here.
 */
deletedThere: number, 
/**
 * Cards on the server Touchpoint could not read (left as they are).
 */
unreadable: number, 
/**
 * The follow-ups, with the task list.
 */
followups: FollowUpSync, 
/**
 * The touches, as journal entries in the same task list.
 */
touches: TouchSync, problems: Array<string>, };

export type FollowUpSync = { 
/**
 * The task list synced with; `None` when the server has none to offer
 * (the problems say why).
 */
taskList: string | null, 
/**
 * Follow-ups written to the server (new, moved, done, cancelled).
 */
sent: number, 
/**
 * Follow-ups taken from the server (new or changed there).
 */
received: number, 
/**
 * Of those, follow-ups moved here because they were moved there.
 */
moved: number, 
/**
 * Of those, follow-ups done or cancelled here because they were there.
 */
closed: number, 
/**
 * Tasks deleted there because their follow-up was deleted here.
 */
deletedThere: number, 
/**
 * Tasks on the server Touchpoint could not read (left as they are).
 */
unreadable: number, };

export type TouchSync = { 
/**
 * Touches written to the server (new or corrected here).
 */
sent: number, 
/**
 * Touches taken from the server (new or changed there).
 */
received: number, 
/**
 * Of those, touches here corrected to match.
 */
changed: number, 
/**
 * Touches deleted here because they were deleted there.
 */
deletedHere: number, 
/**
 * Journal entries deleted there because their touch was deleted here.
 */
deletedThere: number, 
/**
 * Journal entries on the server Touchpoint could not read (left as they are).
 */
unreadable: number, };

export type SyncState = { 
/**
 * The account last synced with, remembered in the database.
 */
account: SyncAccount | null, 
/**
 * Whether this run has the password, so sync goes on by itself.
 */
connected: boolean, syncing: boolean, 
/**
 * What the last sync of this run did.
 */
lastReport: SyncReport | null, 
/**
 * Whether the password is in the system keyring, so sync starts by
 * itself with Touchpoint.
 */
passwordSaved: boolean, 
/**
 * Why the system keyring could not keep or give the password, if it could not.
 */
keyringProblem: string | null, 
/**
 * The server certificate the last sync of this run was refused for,
 * which the user may choose to trust.
 */
refusedCertificate: RefusedCertificate | null, };

export type SyncCollection = { 
/**
 * Its display name, else the last part of its address.
 */
name: string, url: string, 
/**
 * A calendar that takes no journal entries: the follow-ups sync
 * there, the touches do not.
 */
withoutJournals: boolean, };

export type SyncCollections = { addressBooks: Array<SyncCollection>, 
/**
 * The calendars that take tasks (follow-ups) and journal entries.
 */
calendars: Array<SyncCollection>, 
/**
 * The address book chosen, else the one named Touchpoint; `None` when
 * there is none yet (the first sync makes it).
 */
addressBook: string | null, 
/**
 * The calendar chosen, else the one named "Touchpoint follow-ups".
 */
calendar: string | null, 
/**
 * Whether the account has synced: another choice then uploads
 * everything to the new collection at the next sync.
 */
synced: boolean, };

export type CollectionChoice = { "kind": "existing", url: string, } | { "kind": "new", name: string, };

export type RefusedCertificate = { url: string, user: string, certificate: UntrustedCertificate, };

export type UntrustedCertificate = { 
/**
 * The server's host name, as in the account's URL.
 */
host: string, 
/**
 * The refused certificate's SHA-256, as "AB:CD:…".
 */
fingerprint: string, 
/**
 * The fingerprint trusted before, when the certificate changed since.
 */
trusted: string | null, };
