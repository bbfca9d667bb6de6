//! Follow-ups ↔ a CalDAV task list.
mod ical;
