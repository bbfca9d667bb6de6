//! `touchpoint log` and `touchpoint due`: the touch log and the agenda for scripts.

use std::io::{self, Write};
use std::path::Path;

use chrono::Duration;
use touchpoint_core::{Channel, CloseReason, Direction, NextStep, Outcome, TouchInput};

use crate::cli::{CliError, open_db};

pub(crate) struct LogArgs<'a> {
    pub contact: &'a str,
    pub channel: &'a str,
    pub outcome: &'a str,
    pub inbound: bool,
    pub notes: &'a str,
    pub hook: &'a str,
    pub next: Option<&'a str>,
    pub close: Option<&'a str>,
    pub promise: Option<&'a str>,
}

fn names(all: impl Iterator<Item = &'static str>) -> String {
    all.map(|n| n.replace('_', "-"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn log(db_path: &Path, args: &LogArgs<'_>) -> Result<(), CliError> {
    let channel = Channel::parse(args.channel).ok_or_else(|| {
        CliError::Message(format!(
            "unknown channel \"{}\"; one of: {}",
            args.channel,
            names(Channel::ALL.iter().map(|c| c.as_str()))
        ))
    })?;
    let outcome = Outcome::parse(args.outcome).ok_or_else(|| {
        CliError::Message(format!(
            "unknown outcome \"{}\"; one of: {}",
            args.outcome,
            names(Outcome::ALL.iter().map(|o| o.as_str()))
        ))
    })?;
    let next = match (args.next, args.close) {
        (Some(_), Some(_)) => {
            return Err(CliError::Message(
                "choose --next or --close, not both".into(),
            ));
        }
        (Some(when), None) => NextStep::At {
            when: when.to_owned(),
            channel,
            prompt: args.hook.to_owned(),
        },
        (None, Some(reason)) => NextStep::Close {
            reason: match reason.to_ascii_lowercase().replace('_', "-").as_str() {
                "won" => CloseReason::Won,
                "lost" => CloseReason::Lost,
                "not-interested" => CloseReason::NotInterested,
                "do-not-contact" => CloseReason::DoNotContact,
                other => {
                    return Err(CliError::Message(format!(
                        "unknown --close \"{other}\"; one of: won, lost, not-interested, do-not-contact"
                    )));
                }
            },
        },
        (None, None) => NextStep::Cadence,
    };
    let mut db = open_db(db_path)?;
    let contact_id = db.find_contact(args.contact)?.id;
    let result = db
        .log_touch(&TouchInput {
            contact_id,
            channel,
            direction: if args.inbound {
                Direction::Inbound
            } else {
                Direction::Outbound
            },
            outcome,
            notes: args.notes.to_owned(),
            hook: args.hook.to_owned(),
            objections: Vec::new(),
            happened_at: None,
            next,
            promise: args.promise.map(str::to_owned),
        })
        .map_err(|e| match e {
            touchpoint_core::CoreError::Invalid { message, .. } => CliError::Message(message),
            other => other.into(),
        })?;
    let name = db.contact(contact_id)?.fields.display_name;
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "Logged {} with {name} ({}).",
        args.channel, args.outcome
    )?;
    match result.next {
        Some(next) => writeln!(
            out,
            "Next: {} on {} ({}), touch {}{}.",
            next.channel.as_str(),
            next.local_due,
            next.time_zone,
            result.progress.next_touch,
            result
                .progress
                .total
                .map(|t| format!(" of {t}"))
                .unwrap_or_default()
        )?,
        None => writeln!(out, "Closed: no next step.")?,
    }
    Ok(())
}

pub(crate) fn due(db_path: &Path, days: u32, json: bool) -> Result<(), CliError> {
    let db = open_db(db_path)?;
    let until = db.now() + Duration::days(i64::from(days.min(366)));
    let items = db.due_followups(until, 10_000)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &items)?;
        writeln!(out)?;
    } else if items.is_empty() {
        writeln!(out, "Nothing due in the next {days} days.")?;
    } else {
        let user_zone = db.settings()?.zone();
        for item in &items {
            let f = &item.followup;
            let mine = f.due_at.with_timezone(&user_zone).format("%Y-%m-%d %H:%M");
            let overdue = if f.due_at <= db.now() { " (due)" } else { "" };
            writeln!(
                out,
                "{mine}{overdue}\t{}\t{}\t{}\ttheir time {} {}\t{}",
                item.contact_name,
                f.channel.as_str(),
                match f.kind {
                    touchpoint_core::FollowUpKind::Promise => "promised callback",
                    _ => "next step",
                },
                f.local_due,
                f.time_zone,
                item.hook
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
