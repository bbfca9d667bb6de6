//! Import throughput: `n` made-up vCards (with notes, tags, an email and a
//! phone each) read, previewed and committed into a fresh database file.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Utc};
use touchpoint_core::{Database, DuplicateAction, ManualClock, parse_vcards};

use crate::data::{Rng, person};

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

fn vcards(n: u64) -> Vec<u8> {
    let mut rng = Rng::new(0x56_4341_5244);
    let mut out = String::with_capacity(usize::try_from(n).unwrap() * 400);
    for id in 1..=n {
        let p = person(&mut rng, id);
        // A middle initial: a real address book repeats few full names.
        let initial = char::from(b'A' + u8::try_from(rng.below(26)).unwrap());
        let _ = write!(
            out,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nN:{f};{g};{initial}.;;\r\nFN:{g} {initial}. {f}\r\n\
             ORG:{org}\r\nTITLE:{title}\r\nEMAIL;TYPE=WORK:{email}\r\nTEL;TYPE=CELL:{tel}\r\n\
             NOTE:{note}\r\n",
            f = p.family,
            g = p.given,
            org = escape(&p.company),
            title = escape(p.title),
            email = p.email,
            tel = p.phone.0,
            note = escape(&p.notes),
        );
        if !p.tags.is_empty() {
            let _ = write!(out, "CATEGORIES:{}\r\n", p.tags.join(","));
        }
        out.push_str("END:VCARD\r\n");
    }
    out.into_bytes()
}

pub struct Throughput {
    pub cards: u64,
    pub added: u32,
    pub parse: f64,
    pub preview: f64,
    pub commit: f64,
    /// Taking the whole import back with Undo.
    pub undo: f64,
    /// CPU seconds of read, preview and commit together: on a machine
    /// others share, wall time says more about them than about the import.
    pub cpu: Option<f64>,
}

/// CPU time this process has run so far (Linux), in seconds.
fn cpu_seconds() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/schedstat").ok()?;
    let ns: f64 = text.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

impl Throughput {
    pub fn print(&self) {
        let total = self.parse + self.preview + self.commit;
        #[allow(clippy::cast_precision_loss, reason = "figures for humans")]
        let rate = self.cards as f64 / total;
        let cpu = self.cpu.map_or_else(String::new, |cpu| {
            #[allow(clippy::cast_precision_loss, reason = "figures for humans")]
            let per_cpu = self.cards as f64 / cpu;
            format!(", {cpu:.2} CPU s, {per_cpu:.0} contacts per CPU second")
        });
        println!(
            "| import {} vCards | {} added | {rate:.0} contacts/s ({total:.1} s: read {:.1} s, preview {:.1} s, commit {:.1} s{cpu}) | — | — | ≥ 50,000/s |",
            self.cards, self.added, self.parse, self.preview, self.commit
        );
        println!(
            "| undo that import | {} removed | {:.1} s | — | — | — |",
            self.added, self.undo
        );
    }
}

pub fn run(n: u64, now: DateTime<Utc>) -> Throughput {
    let data = vcards(n);
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open(
        &dir.path().join("import.sqlite3"),
        Arc::new(ManualClock::new(now)),
    )
    .unwrap();
    db.update_settings(crate::build::settings()).unwrap();
    let cpu_before = cpu_seconds();
    let start = Instant::now();
    let records = parse_vcards(&data);
    let parse = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let preview = db.preview_import(records, &mut |_, _| {}).unwrap();
    let previewed = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let result = db
        .commit_import(&preview, DuplicateAction::AddAnyway, &HashMap::new())
        .unwrap();
    let commit = start.elapsed().as_secs_f64();
    let cpu = cpu_seconds()
        .zip(cpu_before)
        .map(|(after, before)| after - before);
    let start = Instant::now();
    db.undo().unwrap();
    Throughput {
        cards: n,
        added: result.added,
        parse,
        preview: previewed,
        commit,
        undo: start.elapsed().as_secs_f64(),
        cpu,
    }
}
