//! Properties every parser of files and pasted text holds, whatever it is
//! fed: no panic, and each result either read or refused with a reason.

use proptest::prelude::*;

use crate::transfer::card_text::parse_card_text;
use crate::transfer::csv::{CsvColumn, CsvField, inspect_csv, read_csv};
use crate::transfer::record::RecordPosition;
use crate::transfer::vcard::parse_vcards;

/// Pieces real files are made of, so random input reaches past the first
/// check of each parser more often than uniform bytes would.
const VCARD_PIECES: [&str; 24] = [
    "BEGIN:VCARD",
    "END:VCARD",
    "VERSION:2.1",
    "VERSION:3.0",
    "VERSION:4.0",
    "FN:Ada",
    "N:Lovelace;Ada;;;",
    "item1.TEL;TYPE=CELL:+1 555",
    "item1.X-ABLabel:_$!<Mobile>!$_",
    "EMAIL;TYPE=INTERNET:a@b.example",
    "NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=A9=",
    "=C3",
    " folded",
    "\tfolded",
    "ADR;;;;:;;;",
    "TEL;VALUE=uri:tel:+1-555;ext=",
    "BDAY:--0229",
    "TZ;VALUE=utc-offset:-0500",
    "CATEGORIES:a\\,b,c",
    "X-TOUCHPOINT-BEST-TIME:mon,tue 09:00-",
    "PHOTO;ENCODING=b:AAAA",
    "URL;PREF=1:https://x.com/a",
    "X-SOCIALPROFILE;TYPE=twitter;x-user=:",
    ";:\\",
];

const CSV_PIECES: [&str; 16] = [
    "Display Name",
    "Email 1 - Label",
    "Email 1 - Value",
    "Phone 1 - Value",
    "First Name",
    "Last Name",
    "E-mail Address",
    "Connected On",
    "sep=;",
    "\"",
    "\"\"",
    "'=1+1",
    "* myContacts ::: Friends",
    "2026-02-30",
    "ü\u{0}",
    "",
];

fn pieces_text(
    pieces: &'static [&'static str],
    separators: &'static [&'static str],
) -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => prop::sample::select(pieces).prop_map(|p| p.as_bytes().to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..8),
        1 => any::<String>().prop_map(String::into_bytes),
    ];
    let separator = prop::sample::select(separators).prop_map(|s| s.as_bytes().to_vec());
    prop::collection::vec((piece, separator), 0..60).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(p, s)| p.into_iter().chain(s))
            .collect()
    })
}

fn vcard_like() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2000),
        pieces_text(&VCARD_PIECES, &["\r\n", "\n", "\r", "", ":", ";"]),
    ]
}

fn csv_like() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..2000),
        pieces_text(&CSV_PIECES, &[",", ";", "\t", "\r\n", "\n", "\r", "\""]),
    ]
}

fn any_field() -> impl Strategy<Value = CsvField> {
    prop::sample::select(vec![
        CsvField::Ignore,
        CsvField::DisplayName,
        CsvField::Email,
        CsvField::Phone,
        CsvField::Website,
        CsvField::Linkedin,
        CsvField::Street,
        CsvField::Country,
        CsvField::Tags,
        CsvField::Birthday,
        CsvField::MetOn,
        CsvField::Stage,
        CsvField::Notes,
    ])
}

/// A mapping as a hand-edited mapping screen (or a stale one) could send:
/// any index, any field, any label.
fn any_mapping() -> impl Strategy<Value = Vec<CsvColumn>> {
    prop::collection::vec(
        (
            0usize..40,
            any_field(),
            prop::sample::select(vec!["", "work", "label_of_next", "LinkedIn", "x"]),
        )
            .prop_map(|(index, field, label)| CsvColumn {
                index,
                header: String::new(),
                field,
                label: label.to_owned(),
            }),
        0..12,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn the_vcard_reader_never_panics_and_numbers_every_card(data in vcard_like()) {
        let records = parse_vcards(&data);
        for (i, record) in records.iter().enumerate() {
            prop_assert_eq!(record.position, RecordPosition::Card(i + 1));
            if let Err(reason) = &record.result {
                prop_assert!(!reason.is_empty());
            }
        }
    }

    #[test]
    fn the_csv_reader_never_panics_and_reads_the_rows_it_announced(data in csv_like()) {
        match inspect_csv(&data) {
            Ok(inspection) => {
                let records = read_csv(&data, &inspection.columns);
                prop_assert_eq!(records.len(), inspection.rows);
            }
            Err(reason) => prop_assert!(!reason.is_empty()),
        }
    }

    #[test]
    fn the_csv_reader_takes_any_mapping_without_panicking(
        data in csv_like(),
        columns in any_mapping(),
    ) {
        for record in read_csv(&data, &columns) {
            if let Err(reason) = record.result {
                prop_assert!(!reason.is_empty());
            }
        }
    }

    #[test]
    fn the_card_text_parser_never_panics(text in prop_oneof![
        any::<String>(),
        pieces_text(&VCARD_PIECES, &["\n", " | ", " · ", "\u{2028}", ", "])
            .prop_map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
    ]) {
        let parsed = parse_card_text(&text);
        prop_assert!(parsed.fields.phones.iter().all(|p| p.e164.is_none()));
    }
}
