//! Real files from other projects' test suites (vCards and CSVs written by
//! phones, mail clients, address books and contact libraries, kept in
//! `tests/fixtures/import-corpus/` with their sources and licences in its
//! README) imported through the real importer into a real SQLite database,
//! each file into a fresh one, and compared with an independent reading of
//! the same files: `reference.py` beside them, Python's vobject and csv.
//!
//! Per file it checks that the records a person would keep (anything with a
//! name, company, email or phone to know it by) are kept and the others
//! rejected; that each stored contact has the reference's name and company;
//! that every stored email and phone is one the file holds; and that every
//! email and phone the file holds is stored or, when the form refuses it,
//! kept in the notes: nothing is lost. The counts of kept, warned (kept with
//! something said about it) and rejected records per file must also match
//! `expected-counts.tsv` (`UPDATE_IMPORT_CORPUS=1` rewrites it after a change
//! that was meant). The table and the totals go straight to the terminal, so
//! the CI log shows them.

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "a corpus or reference that cannot be read should stop the test with its error"
)]

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use serde::Deserialize;
use touchpoint_core::{
    Contact, ContactQuery, ContactSort, Database, DuplicateAction, ImportFormat, ImportRow,
    ImportRowStatus, ManualClock,
};

/// What `reference.py` says of one file.
#[derive(Debug, Deserialize)]
struct RefFile {
    records: Vec<RefRecord>,
}

#[derive(Debug, Deserialize)]
struct RefRecord {
    kept: bool,
    name: String,
    org: String,
    emails: Vec<String>,
    phones: Vec<String>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Counts {
    records: usize,
    kept: usize,
    warned: usize,
    rejected: usize,
}

impl Counts {
    fn line(&self, file: &str) -> String {
        format!(
            "{file}\t{}\t{}\t{}\t{}",
            self.records, self.kept, self.warned, self.rejected
        )
    }
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-corpus")
}

/// Debian's Python, where python3-vobject is installed (a Python earlier on
/// the PATH, such as pyenv's, may not have it); `TOUCHPOINT_PYTHON` wins.
fn python() -> String {
    std::env::var("TOUCHPOINT_PYTHON").unwrap_or_else(|_| {
        if Path::new("/usr/bin/python3").exists() {
            "/usr/bin/python3".to_owned()
        } else {
            "python3".to_owned()
        }
    })
}

fn reference() -> BTreeMap<String, RefFile> {
    let script = corpus_dir().join("reference.py");
    let out = Command::new(python())
        .arg(&script)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "reference.py failed (python3-vobject missing? scripts/setup.sh installs it): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("reference.py prints JSON")
}

fn folded(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Phones compare by their digits ("+1 (415) 555-0100" is "+1-415-555-0100");
/// a "number" with none ("Tel privat") by its text.
fn phone_key(number: &str) -> String {
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if digits.is_empty() {
        folded(number)
    } else {
        digits
    }
}

/// Every stored contact of the database, oldest first: the file's order.
fn stored_contacts(db: &Database) -> Vec<Contact> {
    let mut ids = Vec::new();
    loop {
        let page = db
            .list_contacts(&ContactQuery {
                sort: ContactSort::Name,
                offset: u32::try_from(ids.len()).expect("a small corpus"),
                limit: ContactQuery::MAX_LIMIT,
                ..ContactQuery::default()
            })
            .expect("the contact list");
        if page.items.is_empty() {
            break;
        }
        ids.extend(page.items.iter().map(|c| c.id));
    }
    ids.sort_unstable();
    ids.into_iter()
        .map(|id| db.contact(id).expect("a listed contact"))
        .collect()
}

/// What is wrong with one stored contact against the reference's record.
fn compare(
    file: &str,
    row: &ImportRow,
    want: &RefRecord,
    got: &Contact,
    problems: &mut Vec<String>,
) {
    let f = &got.fields;
    let at = format!("{file} {}", row.position);
    if folded(&f.display_name) != folded(&want.name) {
        problems.push(format!(
            "{at}: name {:?}, reference {:?}",
            f.display_name, want.name
        ));
    }
    if folded(&f.company) != folded(&want.org) {
        problems.push(format!(
            "{at}: company {:?}, reference {:?}",
            f.company, want.org
        ));
    }
    // A value the form refuses is kept as a notes line of its own, "Email:
    // x" or "Phone: x"; anywhere else (under another column's name) it
    // would be a value the importer failed to place.
    let notes: Vec<String> = f.notes.lines().map(folded).collect();
    let set_aside =
        |label: &str, value: &str| notes.contains(&format!("{label}: {}", folded(value)));
    let want_emails: Vec<String> = want.emails.iter().map(|e| folded(e)).collect();
    let got_emails: Vec<String> = f.emails.iter().map(|e| folded(&e.address)).collect();
    for email in &got_emails {
        if !want_emails.contains(email) {
            problems.push(format!("{at}: email {email:?} is not in the file"));
        }
    }
    for email in &want_emails {
        if !got_emails.contains(email) && !set_aside("email", email) {
            problems.push(format!(
                "{at}: email {email:?} not stored, nor set aside in the notes"
            ));
        }
    }
    let want_phones: Vec<String> = want.phones.iter().map(|p| phone_key(p)).collect();
    for phone in &f.phones {
        if !want_phones.contains(&phone_key(&phone.number)) {
            problems.push(format!("{at}: phone {:?} is not in the file", phone.number));
        }
    }
    for (phone, key) in want.phones.iter().zip(&want_phones) {
        let stored = f.phones.iter().any(|p| phone_key(&p.number) == *key);
        if !stored && !set_aside("phone", phone) {
            problems.push(format!(
                "{at}: phone {phone:?} not stored, nor set aside in the notes"
            ));
        }
    }
}

/// Imports one file into a fresh database and checks it; its counts.
fn import_file(dir: &Path, file: &str, want: &RefFile, problems: &mut Vec<String>) -> Counts {
    let data = std::fs::read(corpus_dir().join(file)).expect("a corpus file");
    let name = Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file);
    let clock = Arc::new(ManualClock::new(
        Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0)
            .single()
            .expect("a time"),
    ));
    let db_path = dir.join(format!("{}.sqlite3", file.replace('/', "_")));
    let mut db = Database::open(&db_path, clock).expect("a fresh database");
    let records = match ImportFormat::detect(name, &data).records(&data, None) {
        Ok(records) => records,
        Err(why) => {
            problems.push(format!("{file}: refused as a whole: {why}"));
            return Counts::default();
        }
    };
    let preview = db
        .preview_import(records, &mut |_, _| {})
        .expect("a preview");
    db.commit_import(&preview, DuplicateAction::AddAnyway, &HashMap::new())
        .expect("the import");
    let kept: Vec<&ImportRow> = preview
        .rows
        .iter()
        .filter(|r| !matches!(r.status, ImportRowStatus::Rejected { .. }))
        .collect();
    let counts = Counts {
        records: preview.rows.len(),
        kept: kept.len(),
        warned: kept.iter().filter(|r| !r.set_aside.is_empty()).count(),
        rejected: preview.rows.len() - kept.len(),
    };
    if preview.rows.len() != want.records.len() {
        problems.push(format!(
            "{file}: {} records read, the reference reads {}",
            preview.rows.len(),
            want.records.len()
        ));
        return counts;
    }
    for (row, record) in preview.rows.iter().zip(&want.records) {
        let rejected = matches!(row.status, ImportRowStatus::Rejected { .. });
        if rejected == record.kept {
            problems.push(format!(
                "{file} {}: {} by the importer, {} by the reference ({:?})",
                row.position,
                if rejected { "rejected" } else { "kept" },
                if record.kept { "kept" } else { "rejected" },
                row.status
            ));
        }
    }
    if std::env::var_os("SHOW_WARNINGS").is_some() {
        for row in &preview.rows {
            for w in &row.set_aside {
                eprintln!("WARN {file} {}: {w}", row.position);
            }
            if let ImportRowStatus::Rejected { reason } = &row.status {
                eprintln!("REJECT {file} {}: {reason}", row.position);
            }
        }
    }
    let stored = stored_contacts(&db);
    if stored.len() != counts.kept {
        problems.push(format!(
            "{file}: {} kept, {} stored",
            counts.kept,
            stored.len()
        ));
    }
    let kept_refs = want
        .records
        .iter()
        .zip(&preview.rows)
        .filter(|(_, row)| !matches!(row.status, ImportRowStatus::Rejected { .. }));
    for ((record, row), contact) in kept_refs.zip(&stored) {
        compare(file, row, record, contact, problems);
    }
    drop(db);
    let _ = std::fs::remove_file(&db_path);
    counts
}

fn expected_counts() -> BTreeMap<String, String> {
    let text =
        std::fs::read_to_string(corpus_dir().join("expected-counts.tsv")).unwrap_or_default();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| Some((l.split('\t').next()?.to_owned(), l.to_owned())))
        .collect()
}

#[test]
fn real_world_files_import_as_an_independent_reader_reads_them() {
    let reference = reference();
    assert!(
        reference.len() >= 30,
        "the corpus has {} files",
        reference.len()
    );
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut problems = Vec::new();
    let mut counts = BTreeMap::new();
    for (file, want) in &reference {
        counts.insert(
            file.clone(),
            import_file(dir.path(), file, want, &mut problems),
        );
    }

    let mut report = String::from("\nimport corpus: file\trecords\tkept\twarned\trejected\n");
    let mut total = Counts::default();
    for (file, c) in &counts {
        let _ = writeln!(report, "  {}", c.line(file));
        total.records += c.records;
        total.kept += c.kept;
        total.warned += c.warned;
        total.rejected += c.rejected;
    }
    let _ = writeln!(
        report,
        "import corpus: {} files, {} records: kept {}, warned {}, rejected {}",
        counts.len(),
        total.records,
        total.kept,
        total.warned,
        total.rejected
    );

    let lines: Vec<String> = counts.iter().map(|(f, c)| c.line(f)).collect();
    if std::env::var_os("UPDATE_IMPORT_CORPUS").is_some() {
        let text = format!(
            "# file\trecords\tkept\twarned\trejected\n{}\n",
            lines.join("\n")
        );
        std::fs::write(corpus_dir().join("expected-counts.tsv"), text).expect("writable");
    } else {
        let expected = expected_counts();
        for (file, line) in counts.keys().zip(&lines) {
            match expected.get(file) {
                Some(want) if want == line => {}
                Some(want) => problems.push(format!("counts changed: {line:?}, expected {want:?}")),
                None => problems.push(format!("{file}: not in expected-counts.tsv")),
            }
        }
    }
    for problem in &problems {
        let _ = writeln!(report, "  MISMATCH {problem}");
    }
    // Straight to the terminal: libtest captures only print!/eprint!.
    let _ = std::io::stderr().lock().write_all(report.as_bytes());
    assert!(
        problems.is_empty(),
        "{} mismatches with the reference (listed above)",
        problems.len()
    );
}
