use super::*;
use crate::ContactQuery;
use crate::contacts::DuplicateCheck;
use crate::error::CoreError;
use crate::test_support::{card, found, memory_db, saved};
use crate::transfer::{csv, vcard};

const THREE_CARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\n\
EMAIL;TYPE=work:ada@engines.example\r\nORG:Analytical Engines\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:Nothing to name this card by\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nEMAIL:grace@navy.example\r\nEND:VCARD\r\n";

fn stored_total(db: &Database) -> u32 {
    db.list_contacts(&ContactQuery::default()).unwrap().total
}

/// A stored contact that cards named Ada Lovelace look like.
fn ada_l(db: &mut Database) -> crate::contacts::Contact {
    saved(
        db.add_contact(
            &card("Ada L.", "", "ada@engines.example", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    )
}

fn no_progress() -> impl FnMut(usize, usize) {
    |_, _| {}
}

#[test]
fn the_preview_counts_new_duplicate_and_rejected_cards_and_writes_nothing() {
    let mut db = memory_db();
    saved(
        db.add_contact(
            &card("Ada L.", "", "ADA@engines.example", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let preview = db
        .preview_import(
            vcard::parse_vcards(THREE_CARDS.as_bytes()),
            &mut no_progress(),
        )
        .unwrap();
    assert_eq!(
        (
            preview.new_count,
            preview.duplicate_count,
            preview.rejected_count
        ),
        (1, 1, 1)
    );
    assert!(
        matches!(preview.rows[0].status, ImportRowStatus::Duplicate { ref matches, .. } if matches.len() == 1)
    );
    match &preview.rows[1].status {
        ImportRowStatus::Rejected { reason } => assert!(reason.contains("card 2"), "{reason}"),
        other => panic!("card 2 has nothing to name it by and must be rejected, got {other:?}"),
    }
    assert_eq!(stored_total(&db), 1, "a preview writes nothing");
}

#[test]
fn committing_skips_duplicates_by_default_and_adds_the_new_ones() {
    let mut db = memory_db();
    ada_l(&mut db);
    let preview = db
        .preview_import(
            vcard::parse_vcards(THREE_CARDS.as_bytes()),
            &mut no_progress(),
        )
        .unwrap();
    let result = db
        .commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    assert_eq!(
        result,
        ImportResult {
            added: 1,
            merged: 0,
            skipped: 1,
            rejected: 1
        }
    );
    assert_eq!(stored_total(&db), 2);
}

#[test]
fn merging_a_duplicate_adds_its_values_to_the_stored_contact() {
    let mut db = memory_db();
    let ada = ada_l(&mut db);
    let preview = db
        .preview_import(
            vcard::parse_vcards(THREE_CARDS.as_bytes()),
            &mut no_progress(),
        )
        .unwrap();
    let result = db
        .commit_import(&preview, DuplicateAction::Merge, &HashMap::new())
        .unwrap();
    assert_eq!((result.added, result.merged), (1, 1));
    let merged = db.contact(ada.id).unwrap();
    assert_eq!(
        merged.fields.company, "Analytical Engines",
        "the empty company was filled"
    );
    assert_eq!(merged.fields.display_name, "Ada L.", "the stored name wins");
    assert!(
        merged.fields.notes.contains("Ada Lovelace"),
        "the other name is kept in the notes"
    );
}

#[test]
fn a_per_row_choice_overrides_the_default() {
    let mut db = memory_db();
    ada_l(&mut db);
    let preview = db
        .preview_import(
            vcard::parse_vcards(THREE_CARDS.as_bytes()),
            &mut no_progress(),
        )
        .unwrap();
    let overrides = HashMap::from([(0, DuplicateAction::AddAnyway)]);
    let result = db
        .commit_import(&preview, DuplicateAction::Skip, &overrides)
        .unwrap();
    assert_eq!((result.added, result.skipped), (2, 0));
    assert_eq!(stored_total(&db), 3);
}

#[test]
fn the_same_person_twice_in_one_file_is_flagged_and_imported_once() {
    let mut db = memory_db();
    let csv = "Name,E-mail,Company\r\nAda Lovelace,ada@engines.example,Engines\r\n\
               Ada Lovelace,ADA@engines.example,Engines\r\n";
    let inspection = csv::inspect_csv(csv.as_bytes()).unwrap();
    let records = csv::read_csv(csv.as_bytes(), &inspection.columns);
    let preview = db.preview_import(records, &mut no_progress()).unwrap();
    assert_eq!((preview.new_count, preview.duplicate_count), (1, 1));
    match &preview.rows[1].status {
        ImportRowStatus::Duplicate {
            earlier, matches, ..
        } => {
            assert_eq!(*earlier, Some(RecordPosition::Line(2)));
            assert!(matches.is_empty(), "nothing stored matches yet");
        }
        other => panic!("expected a duplicate, got {other:?}"),
    }
    let result = db
        .commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    assert_eq!((result.added, result.skipped), (1, 1));
}

#[test]
fn a_value_the_form_would_refuse_goes_to_the_notes_and_the_record_is_kept() {
    let db = memory_db();
    let csv = "Name,E-mail\r\nAda,ada@engines.example\r\nBob,bob-at-example\r\n";
    let inspection = csv::inspect_csv(csv.as_bytes()).unwrap();
    let preview = db
        .preview_import(
            csv::read_csv(csv.as_bytes(), &inspection.columns),
            &mut no_progress(),
        )
        .unwrap();
    assert_eq!((preview.new_count, preview.rejected_count), (2, 0));
    assert_eq!(
        preview.rows[1].set_aside,
        [
            "\"bob-at-example\" is not an email address (expected name@example.com); kept in the notes"
        ]
    );
    match &preview.rows[1].status {
        ImportRowStatus::New { fields } => {
            assert!(fields.emails.is_empty());
            assert_eq!(fields.notes, "Email: bob-at-example");
        }
        other => panic!("Bob is kept, got {other:?}"),
    }
    assert!(preview.rows[0].set_aside.is_empty());
}

#[test]
fn a_card_with_one_bad_phone_keeps_its_good_phone_email_and_company() {
    let db = memory_db();
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nORG:Navy\r\n\
                TEL;TYPE=WORK:+1 212 555 0199\r\nTEL;TYPE=CELL:call the front desk\r\n\
                EMAIL:grace@navy.example\r\nEMAIL:not-an-address\r\n\
                NOTE:Met at the expo\r\nEND:VCARD\r\n";
    let preview = db
        .preview_import(vcard::parse_vcards(card.as_bytes()), &mut no_progress())
        .unwrap();
    assert_eq!(preview.rows[0].set_aside.len(), 2, "{:?}", preview.rows[0]);
    let ImportRowStatus::New { fields } = &preview.rows[0].status else {
        panic!("the card is kept: {:?}", preview.rows[0]);
    };
    assert_eq!(fields.company, "Navy");
    assert_eq!(fields.phones.len(), 1);
    assert_eq!(fields.phones[0].e164.as_deref(), Some("+12125550199"));
    assert_eq!(fields.emails.len(), 1);
    assert_eq!(fields.emails[0].address, "grace@navy.example");
    assert_eq!(
        fields.notes,
        "Met at the expo\nPhone: call the front desk\nEmail: not-an-address"
    );
}

#[test]
fn a_record_with_nothing_to_name_it_by_is_still_refused_with_its_line_and_reason() {
    let db = memory_db();
    let csv = "Name,E-mail,Notes\r\nAda,ada@engines.example,\r\n,,Called about the fair\r\n";
    let inspection = csv::inspect_csv(csv.as_bytes()).unwrap();
    let preview = db
        .preview_import(
            csv::read_csv(csv.as_bytes(), &inspection.columns),
            &mut no_progress(),
        )
        .unwrap();
    assert_eq!((preview.new_count, preview.rejected_count), (1, 1));
    match &preview.rows[1].status {
        ImportRowStatus::Rejected { reason } => assert_eq!(
            reason,
            "line 3: no name, company, email or phone number to name it by"
        ),
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[test]
fn progress_is_reported_up_to_the_total() {
    let db = memory_db();
    let mut seen = Vec::new();
    db.preview_import(
        vcard::parse_vcards(THREE_CARDS.as_bytes()),
        &mut |done, total| {
            seen.push((done, total));
        },
    )
    .unwrap();
    assert_eq!(seen.first(), Some(&(0, 3)));
    assert_eq!(seen.last(), Some(&(3, 3)));
}

#[test]
fn exported_vcards_import_back_as_the_same_contacts() {
    let mut db = memory_db();
    let mut ada = card(
        "Ada Lovelace",
        "Engines",
        "ada@engines.example",
        "+1 415 555 0100",
    );
    ada.tags = vec!["math".into()];
    saved(db.add_contact(&ada, DuplicateCheck::Warn).unwrap());
    saved(
        db.add_contact(
            &card("Grace Hopper", "Navy", "grace@navy.example", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let exported = db.export_vcards().unwrap();

    let mut fresh = memory_db();
    let preview = fresh
        .preview_import(vcard::parse_vcards(exported.as_bytes()), &mut no_progress())
        .unwrap();
    fresh
        .commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    for (a, b) in db
        .all_contacts()
        .unwrap()
        .iter()
        .zip(fresh.all_contacts().unwrap())
    {
        assert_eq!(
            a.fields, b.fields,
            "export → import gives back the same contact"
        );
    }
    assert_eq!(stored_total(&fresh), 2);
}

#[test]
fn the_format_is_told_by_the_name_or_the_content() {
    assert_eq!(ImportFormat::detect("cards.VCF", b""), ImportFormat::Vcard);
    assert_eq!(
        ImportFormat::detect("export", b"BEGIN:VCARD\r\n"),
        ImportFormat::Vcard
    );
    assert_eq!(
        ImportFormat::detect("contacts.csv", b"BEGIN:VCARD"),
        ImportFormat::Csv
    );
    assert_eq!(
        ImportFormat::detect("data", b"Name,Email\n"),
        ImportFormat::Csv
    );
}

/// A PNG's signature and header chunk: what a photo picked by mistake starts with.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

fn noise(len: usize) -> Vec<u8> {
    let mut state: u32 = 2_463_534_242;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect()
}

/// Picking the wrong file "imported" nothing and reported success.
#[test]
fn a_file_with_no_contacts_is_refused_saying_what_was_found() {
    let noise = noise(4096);
    let cases: [(&str, &[u8], &str); 9] = [
        (
            "photo.png",
            PNG,
            "it is a PNG image, not a vCard or CSV file",
        ),
        (
            "photo.vcf",
            PNG,
            "it is a PNG image, not a vCard or CSV file",
        ),
        (
            "noise.bin",
            &noise,
            "it is binary data, not a vCard or CSV file",
        ),
        (
            "noise.vcf",
            &noise,
            "it is binary data, not a vCard or CSV file",
        ),
        ("blank.vcf", b"\n  \r\n", "the file is empty"),
        ("blank.csv", b" \r\n\r\n", "the file is empty"),
        (
            "notes.vcf",
            b"Call Ada\nabout the renewal\n",
            "no BEGIN:VCARD",
        ),
        (
            "notes.txt",
            b"Call Ada about the renewal",
            "nothing follows the line \"Call Ada about the renewal\"",
        ),
        (
            "header.csv",
            b"Name,Email\r\n",
            "nothing follows the line \"Name,Email\"",
        ),
    ];
    let db = memory_db();
    for (name, data, why) in cases {
        let format = ImportFormat::detect(name, data);
        let err = format.records(data, None).unwrap_err();
        assert!(
            err.starts_with("no contacts found: ") && err.contains(why),
            "{name}: {err}"
        );
        if format == ImportFormat::Csv {
            assert_eq!(
                csv::inspect_csv(data).unwrap_err(),
                err,
                "{name}: the upload is refused before the mapping screen"
            );
        }
        assert!(
            db.preview_import(vcard::parse_vcards(data), &mut no_progress())
                .is_err()
        );
    }
    assert_eq!(stored_total(&db), 0);
}

/// The CLI and the window preview whatever was read; no record at all is no import.
#[test]
fn a_preview_without_records_is_refused() {
    let db = memory_db();
    let err = db
        .preview_import(vcard::parse_vcards(PNG), &mut no_progress())
        .unwrap_err();
    assert!(
        matches!(err, CoreError::Invalid { ref field, ref message }
            if field == "file" && message.starts_with("No contacts found: ")),
        "{err:?}"
    );
    assert_eq!(stored_total(&db), 0);
}

#[test]
fn a_binary_file_is_refused_before_its_bytes_are_read_as_csv() {
    for data in [PNG.to_vec(), noise(4096)] {
        let err = csv::inspect_csv(&data).unwrap_err();
        assert!(err.contains("not a vCard or CSV file"), "{err}");
    }
}

// ------------------------------------------------- records kept, not dropped

fn preview_of(db: &Database, format: ImportFormat, data: &str) -> ImportPreview {
    let records = format.records(data.as_bytes(), None).unwrap();
    db.preview_import(records, &mut no_progress()).unwrap()
}

fn fields_of(row: &ImportRow) -> &ContactFields {
    match &row.status {
        ImportRowStatus::New { fields } | ImportRowStatus::Duplicate { fields, .. } => fields,
        ImportRowStatus::Rejected { reason } => panic!("{} was rejected: {reason}", row.position),
    }
}

#[test]
fn an_email_only_card_is_imported_named_after_its_email_and_the_preview_says_so() {
    let mut db = memory_db();
    let cards = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:;;;;\r\nEMAIL;HOME:jane.doe@example.com\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nTEL;TYPE=CELL:(415) 555-0101\r\nEND:VCARD\r\n";
    let preview = preview_of(&db, ImportFormat::Vcard, cards);
    assert_eq!((preview.new_count, preview.rejected_count), (2, 0));
    assert_eq!(
        preview.rows[0].set_aside,
        ["had no name: named after its email jane.doe@example.com"]
    );
    assert_eq!(
        preview.rows[1].set_aside,
        ["had no name: named after its phone number (415) 555-0101"]
    );
    let result = db
        .commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    assert_eq!(result.added, 2);
    let stored = db.list_contacts(&ContactQuery::default()).unwrap().items;
    let mut names: Vec<_> = stored.iter().map(|c| c.display_name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["(415) 555-0101", "jane.doe@example.com"]);
    let jane = stored
        .iter()
        .find(|c| c.display_name == "jane.doe@example.com")
        .unwrap();
    let jane = db.contact(jane.id).unwrap().fields;
    assert_eq!(jane.emails[0].address, "jane.doe@example.com");
    assert!(
        jane.notes.is_empty(),
        "nothing was set aside: {:?}",
        jane.notes
    );
}

#[test]
fn a_nameless_record_is_still_found_as_a_duplicate_in_the_file_and_in_the_database() {
    let mut db = memory_db();
    saved(
        db.add_contact(
            &card("Jane Doe", "", "JANE.DOE@example.com", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let csv = "E-mail Address,Mobile Phone\r\njane.doe@example.com,\r\n\
               ,+1 415 555 0102\r\n,+1 (415) 555-0102\r\n";
    let preview = preview_of(&db, ImportFormat::Csv, csv);
    assert_eq!(
        (
            preview.new_count,
            preview.duplicate_count,
            preview.rejected_count
        ),
        (1, 2, 0)
    );
    match &preview.rows[0].status {
        ImportRowStatus::Duplicate { matches, .. } => {
            assert_eq!(matches[0].contact.display_name, "Jane Doe");
        }
        other => panic!("the stored Jane Doe has this email: {other:?}"),
    }
    match &preview.rows[2].status {
        ImportRowStatus::Duplicate { earlier, .. } => {
            assert_eq!(*earlier, Some(RecordPosition::Line(3)));
        }
        other => panic!("line 4 repeats line 3's number: {other:?}"),
    }
    db.commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    assert_eq!(stored_total(&db), 2);

    // The same file again: every record is now a duplicate of what it added.
    let again = preview_of(&db, ImportFormat::Csv, csv);
    assert_eq!((again.new_count, again.duplicate_count), (0, 3));
    assert_eq!(fields_of(&again.rows[1]).display_name, "+1 415 555 0102");
}

#[test]
fn a_file_whose_cards_are_grouped_is_read_as_its_cards_not_as_none() {
    let db = memory_db();
    let cards = "item1.BEGIN:VCARD\r\nitem1.VERSION:3.0\r\nitem1.FN:Ada Lovelace\r\n\
                 item1.EMAIL:ada@engines.example\r\nitem1.END:VCARD\r\n\
                 home.begin:vcard\r\nhome.fn:Grace Hopper\r\nhome.end:vcard\r\n";
    assert_eq!(
        ImportFormat::detect("contacts", cards.as_bytes()),
        ImportFormat::Vcard
    );
    let preview = preview_of(&db, ImportFormat::Vcard, cards);
    assert_eq!((preview.new_count, preview.rejected_count), (2, 0));
    assert_eq!(
        fields_of(&preview.rows[0]).emails[0].address,
        "ada@engines.example"
    );
    assert_eq!(fields_of(&preview.rows[1]).display_name, "Grace Hopper");
}

#[test]
fn a_card_with_a_stray_line_is_imported_and_the_preview_names_the_line() {
    let mut db = memory_db();
    let cards = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n\
                 BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Grace Hopper\r\nORG:Navy\r\n\
                 Call her back after the fleet review\r\nEMAIL:grace@navy.example\r\nEND:VCARD\r\n";
    let preview = preview_of(&db, ImportFormat::Vcard, cards);
    assert_eq!((preview.new_count, preview.rejected_count), (2, 0));
    assert_eq!(preview.rows[1].position, RecordPosition::Card(2));
    assert_eq!(
        preview.rows[1].set_aside,
        [
            "line 9 skipped, it is no vCard property (no name or colon): \"Call her back after the fleet review\""
        ]
    );
    db.commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    let grace = db
        .list_contacts(&ContactQuery::default())
        .unwrap()
        .items
        .into_iter()
        .find(|c| c.display_name == "Grace Hopper")
        .unwrap();
    let grace = db.contact(grace.id).unwrap().fields;
    assert_eq!(
        (grace.company.as_str(), grace.emails[0].address.as_str()),
        ("Navy", "grace@navy.example")
    );
}

#[test]
fn a_tel_uri_with_an_extension_is_stored_as_the_number_with_its_extension() {
    let mut db = memory_db();
    let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Simon Perreault\r\n\
                TEL;VALUE=uri;TYPE=\"voice,home\":tel:+1-418-656-9254;ext=102\r\nEND:VCARD\r\n";
    let preview = preview_of(&db, ImportFormat::Vcard, card);
    assert!(
        preview.rows[0].set_aside.is_empty(),
        "{:?}",
        preview.rows[0]
    );
    db.commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    let id = db.list_contacts(&ContactQuery::default()).unwrap().items[0].id;
    let simon = db.contact(id).unwrap().fields;
    assert_eq!(
        simon.phones,
        [crate::contacts::Phone {
            label: "home".into(),
            number: "+1-418-656-9254 ext. 102".into(),
            e164: Some("+14186569254".into()),
        }]
    );
    assert!(
        simon.notes.is_empty(),
        "nothing was set aside: {:?}",
        simon.notes
    );
}

#[test]
fn unmapped_csv_columns_are_stored_in_the_notes_and_listed_once_in_the_preview() {
    let mut db = memory_db();
    let csv = "Name,Contact Email,Business,Referral Code,Notes\r\n\
               Ada Lovelace,ada@engines.example,Analytical Engines,AE-7,Wants a demo\r\n\
               Grace Hopper,grace@navy.example,Navy,NV-2,\r\n";
    let preview = preview_of(&db, ImportFormat::Csv, csv);
    assert_eq!((preview.new_count, preview.rejected_count), (2, 0));
    assert_eq!(
        preview.rows[0].set_aside,
        ["columns kept in the notes, as \"Column: value\": Referral Code"]
    );
    assert!(preview.rows[1].set_aside.is_empty());
    db.commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    let stored = db.list_contacts(&ContactQuery::default()).unwrap().items;
    let ada = stored
        .iter()
        .find(|c| c.display_name == "Ada Lovelace")
        .unwrap();
    let ada = db.contact(ada.id).unwrap().fields;
    assert_eq!(ada.emails[0].address, "ada@engines.example");
    assert_eq!(ada.company, "Analytical Engines");
    assert_eq!(ada.notes, "Wants a demo\nReferral Code: AE-7");
    let grace = stored
        .iter()
        .find(|c| c.display_name == "Grace Hopper")
        .unwrap();
    assert_eq!(
        db.contact(grace.id).unwrap().fields.notes,
        "Referral Code: NV-2"
    );
}

#[test]
fn an_import_gets_a_large_page_cache_only_while_it_is_written() {
    let mut db = memory_db();
    let cache = |db: &Database| -> i64 {
        db.conn
            .pragma_query_value(None, "cache_size", |r| r.get(0))
            .unwrap()
    };
    let before = cache(&db);
    let preview = db
        .preview_import(
            vcard::parse_vcards(THREE_CARDS.as_bytes()),
            &mut no_progress(),
        )
        .unwrap();
    let result = db
        .commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    assert_eq!(result.added, 2);
    assert_eq!(cache(&db), before, "the usual page cache is back");
}

fn vcf(cards: &[(&str, &str, &str, &str)]) -> Vec<ParsedRecord> {
    let text: String = cards
        .iter()
        .map(|(name, org, email, tel)| {
            format!(
                "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nORG:{org}\r\nEMAIL:{email}\r\n\
                 TEL:{tel}\r\nNOTE:met {name} at the fair\r\nCATEGORIES:fair,{org}\r\nEND:VCARD\r\n"
            )
        })
        .collect();
    vcard::parse_vcards(text.as_bytes())
}

#[test]
fn undoing_an_import_that_merged_into_a_card_it_added_gives_back_everything() {
    let mut db = memory_db();
    ada_l(&mut db);
    let before = crate::test_support::dump(&db);
    let records = vcf(&[
        (
            "Grace Hopper",
            "Navy",
            "grace@navy.example",
            "+1 415 555 0101",
        ),
        (
            "Linus T",
            "Kernel",
            "linus@kernel.example",
            "+1 415 555 0102",
        ),
        // The first card again, with another email: merged into the contact
        // this import just added.
        (
            "Grace Hopper",
            "Navy",
            "amazing@navy.example",
            "+1 415 555 0101",
        ),
        ("Ada Lovelace", "Engines", "ada@engines.example", ""),
        (
            "Alan Turing",
            "Bletchley",
            "alan@bletchley.example",
            "+1 415 555 0103",
        ),
    ]);
    let preview = db.preview_import(records, &mut no_progress()).unwrap();
    assert_eq!((preview.new_count, preview.duplicate_count), (3, 2));
    let result = db
        .commit_import(&preview, DuplicateAction::Merge, &HashMap::new())
        .unwrap();
    assert_eq!((result.added, result.merged), (3, 2));
    assert_eq!(
        found(&db, "amazing"),
        ["Grace Hopper"],
        "the merged card is searchable"
    );
    assert_eq!(found(&db, "bletchley"), ["Alan Turing"]);
    assert_eq!(db.last_action().unwrap().unwrap().label, "Imported 5 cards");
    db.undo().unwrap();
    assert_eq!(crate::test_support::dump(&db), before);
    assert!(found(&db, "grace").is_empty() && found(&db, "alan").is_empty());
    assert_eq!(found(&db, "ada"), ["Ada L."]);
}

#[test]
fn a_large_import_is_one_undo_step_per_table_and_undoes_completely() {
    let mut db = memory_db();
    let before = crate::test_support::dump(&db);
    let people: Vec<(String, String, String)> = (0..300)
        .map(|i| {
            (
                format!("Person {i}"),
                format!("p{i}@co.example"),
                format!("+1 415 555 {:04}", 1000 + i),
            )
        })
        .collect();
    let cards: Vec<(&str, &str, &str, &str)> = people
        .iter()
        .map(|(n, e, t)| (n.as_str(), "Co", e.as_str(), t.as_str()))
        .collect();
    let preview = db.preview_import(vcf(&cards), &mut no_progress()).unwrap();
    let result = db
        .commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    assert_eq!(result.added, 300);
    let (steps, contacts): (i64, i64) = db
        .conn
        .query_row(
            "SELECT json_array_length(steps), json_array_length(contacts) FROM undo_journal
             ORDER BY id DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (steps, contacts),
        (6, 300),
        "one step per table, every contact named"
    );
    assert_eq!(found(&db, "person 299"), ["Person 299"]);
    db.undo().unwrap();
    assert_eq!(crate::test_support::dump(&db), before);
    assert!(found(&db, "person").is_empty());
}

#[test]
fn a_contact_stored_between_preview_and_commit_is_still_a_duplicate() {
    let mut db = memory_db();
    let records = vcf(&[("Grace Hopper", "Navy", "grace@navy.example", "")]);
    let preview = db.preview_import(records, &mut no_progress()).unwrap();
    assert_eq!(preview.new_count, 1);
    saved(
        db.add_contact(
            &card("G. Hopper", "", "GRACE@navy.example", ""),
            DuplicateCheck::Warn,
        )
        .unwrap(),
    );
    let result = db
        .commit_import(&preview, DuplicateAction::Skip, &HashMap::new())
        .unwrap();
    assert_eq!((result.added, result.skipped), (0, 1));
}

#[test]
fn a_card_that_matches_a_contact_only_once_an_earlier_card_merged_into_it_is_merged_too() {
    let mut db = memory_db();
    let ada = ada_l(&mut db);
    let records = vcf(&[
        // Same email: merged, and fills in the stored contact's company…
        ("Ada Lovelace", "Engines", "ada@engines.example", ""),
        // …after which this one has the stored contact's name and company.
        ("Ada L.", "Engines", "countess@engines.example", ""),
    ]);
    let preview = db.preview_import(records, &mut no_progress()).unwrap();
    assert_eq!((preview.new_count, preview.duplicate_count), (1, 1));
    let result = db
        .commit_import(&preview, DuplicateAction::Merge, &HashMap::new())
        .unwrap();
    assert_eq!((result.added, result.merged), (0, 2));
    let emails: Vec<String> = db
        .contact(ada.id)
        .unwrap()
        .fields
        .emails
        .into_iter()
        .map(|e| e.address)
        .collect();
    assert_eq!(emails, ["ada@engines.example", "countess@engines.example"]);
}
