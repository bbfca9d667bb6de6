//! What the user exports, imported into an empty book, gives back every
//! contact with every field as it was (the referrer aside: its id means
//! nothing in another book).

use std::collections::HashMap;

use chrono::NaiveDate;
use proptest::prelude::*;

use crate::channel::Channel;
use crate::contacts::{
    ContactFields, DuplicateCheck, Email, Phone, PostalAddress, Profile, ProfileKind,
};
use crate::db::Database;
use crate::stage::Stage;
use crate::test_support::{memory_db, saved};
use crate::time::{Day, TimeWindow};
use crate::transfer::import::{DuplicateAction, ImportFormat};

/// Words that break naive writers: separators of every format, quotes,
/// escapes, formula starts, Google's system group, scripts and emoji.
const WORDS: [&str; 24] = [
    "Anna",
    "Jürgen",
    "O'Brien",
    "Smith, Jones",
    "semi;colon",
    "back\\slash",
    "colon: yes",
    "山田",
    "Zoë 🎉",
    "a \"quote\"",
    "=SUM(A1)",
    "+1",
    "-x",
    "@home",
    "* myContacts",
    "My Contacts",
    "myContacts",
    "a ::: b",
    "\\n",
    "=3D",
    "x.com",
    "* starred",
    "'quoted",
    "Ünïcödé",
];

fn line() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(&WORDS[..]), 1..4).prop_map(|w| w.join(" "))
}

fn maybe_line() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), line()]
}

fn lines() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..4).prop_map(|l| l.join("\n"))
}

fn label() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "",
        "mobile",
        "work",
        "home",
        "fax",
        "other",
        "assistant",
        "büro; zentrale",
        "a,b",
    ])
    .prop_map(str::to_owned)
}

fn phone() -> impl Strategy<Value = Phone> {
    let number = prop::sample::select(vec![
        "+1 (555) 010-0000",
        "+49 221 1234560",
        "(415) 555-0100 ext. 5",
        "+33612345678",
        "020 7946 0321",
    ]);
    (label(), number).prop_map(|(label, number)| Phone {
        label,
        number: number.into(),
        e164: None,
    })
}

fn email() -> impl Strategy<Value = Email> {
    (label(), 0..1000u32).prop_map(|(label, n)| Email {
        label,
        address: format!("someone.{n}@example.com"),
    })
}

const URLS: [&str; 7] = [
    "https://acme.example/path?a=1,b=2;c",
    "https://www.linkedin.com/in/someone",
    "https://x.com/someone",
    "twitter.com/someone",
    "https://netflix.com/x",
    "example.org",
    "https://ex.ample/a;b,c",
];

fn profile() -> impl Strategy<Value = Profile> {
    let kind = prop::sample::select(vec![
        ProfileKind::Linkedin,
        ProfileKind::X,
        ProfileKind::Other,
    ]);
    // Handles as IM and social services give them, beside web addresses.
    let url = prop::sample::select(
        URLS.iter()
            .copied()
            .chain(["@ada_l", "ada.lovelace", "ada_1815"])
            .collect::<Vec<_>>(),
    );
    (kind, url).prop_map(|(kind, url)| Profile {
        kind,
        url: url.into(),
    })
}

fn window() -> impl Strategy<Value = TimeWindow> {
    let day = prop::sample::select(vec![
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ]);
    (prop::collection::vec(day, 0..4), 6..12u32, 1..8u32).prop_map(|(days, start, hours)| {
        TimeWindow {
            days,
            start: format!("{start:02}:30"),
            end: format!("{:02}:00", start + hours),
        }
    })
}

prop_compose! {
    fn contact()(
        names in (maybe_line(), maybe_line(), line(), maybe_line(), maybe_line()),
        phones in prop::collection::vec(phone(), 0..4),
        emails in prop::collection::vec(email(), 0..4),
        website in prop_oneof![Just(""), prop::sample::select(&URLS[..])],
        address in (lines(), maybe_line(), maybe_line(), maybe_line(), maybe_line()),
        profiles in prop::collection::vec(profile(), 0..4),
        met in (maybe_line(), prop::option::of(0..3000i64)),
        notes in lines(),
        tags in prop::collection::vec(line(), 0..4),
        stage in prop::sample::select(Stage::ALL.to_vec()),
        channels in prop::collection::vec(prop::sample::select(Channel::ALL.to_vec()), 0..4),
        every in prop::option::of(1..3650u32),
        best_times in prop::collection::vec(window(), 0..3),
        time_zone in prop::sample::select(vec!["", "Europe/Berlin", "America/Argentina/Buenos_Aires", "Etc/GMT+5"]),
        birthday in prop::sample::select(vec!["", "1985-04-12", "--02-29", "--12-31"]),
    ) -> ContactFields {
        let (given_name, family_name, display_name, title, company) = names;
        let (street, locality, region, postal_code, country) = address;
        ContactFields {
            given_name,
            family_name,
            display_name,
            title,
            company,
            phones,
            emails,
            website: website.into(),
            address: PostalAddress { street, locality, region, postal_code, country },
            profiles,
            met_where: met.0,
            met_on: met.1.map(|days| {
                NaiveDate::from_ymd_opt(2018, 1, 1).unwrap() + chrono::Duration::days(days)
            }),
            notes,
            tags,
            stage,
            referred_by: None,
            preferred_channels: channels,
            preferred_every_days: every,
            best_times,
            time_zone: time_zone.into(),
            birthday: birthday.into(),
        }
    }
}

/// Every stored contact's fields, in the order they were added.
fn stored(db: &Database) -> Vec<ContactFields> {
    db.all_contacts()
        .unwrap()
        .into_iter()
        .map(|c| c.fields)
        .collect()
}

/// `data` imported into an empty book, every record added.
fn imported(format: ImportFormat, data: &str) -> Vec<ContactFields> {
    let mut db = memory_db();
    let records = format.records(data.as_bytes(), None).unwrap();
    let preview = db.preview_import(records, &mut |_, _| {}).unwrap();
    let set_aside: Vec<&String> = preview.rows.iter().flat_map(|r| &r.set_aside).collect();
    assert!(set_aside.is_empty(), "nothing is set aside: {set_aside:?}");
    db.commit_import(&preview, DuplicateAction::AddAnyway, &HashMap::new())
        .unwrap();
    stored(&db)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn exported_contacts_come_back_identical_from_vcard_and_from_csv(
        contacts in prop::collection::vec(contact(), 1..4)
    ) {
        let mut db = memory_db();
        for fields in &contacts {
            saved(db.add_contact(fields, DuplicateCheck::SaveAnyway).unwrap());
        }
        let original = stored(&db);
        prop_assert_eq!(&imported(ImportFormat::Vcard, &db.export_vcards().unwrap()), &original);
        prop_assert_eq!(&imported(ImportFormat::Csv, &db.export_csv().unwrap()), &original);
    }
}

#[test]
fn im_handles_extra_links_preferences_and_a_my_contacts_tag_survive_both_exports() {
    let mut db = memory_db();
    let ada = ContactFields {
        display_name: "Ada Lovelace".into(),
        profiles: vec![
            Profile {
                kind: ProfileKind::X,
                url: "https://x.com/ada".into(),
            },
            Profile {
                kind: ProfileKind::Other,
                url: "ada_1815".into(),
            },
            Profile {
                kind: ProfileKind::Other,
                url: "https://ada.example/blog".into(),
            },
        ],
        tags: vec!["My Contacts".into(), "myContacts".into(), "a;b, c".into()],
        preferred_channels: vec![Channel::Sms, Channel::Email],
        preferred_every_days: Some(14),
        best_times: vec![TimeWindow {
            days: vec![Day::Tue, Day::Thu],
            start: "09:00".into(),
            end: "11:30".into(),
        }],
        ..ContactFields::default()
    };
    saved(db.add_contact(&ada, DuplicateCheck::Warn).unwrap());
    let original = stored(&db);
    let csv = db.export_csv().unwrap();
    assert!(
        csv.contains(",x,https://x.com/ada,other,ada_1815,other,https://ada.example/blog,"),
        "{csv}"
    );
    assert!(
        csv.contains(
            ",\"My Contacts\nmyContacts\na;b, c\",,,\"sms; email\",14,\"tue,thu 09:00-11:30\","
        ),
        "{csv}"
    );
    assert_eq!(imported(ImportFormat::Csv, &csv), original);
    assert_eq!(
        imported(ImportFormat::Vcard, &db.export_vcards().unwrap()),
        original
    );
}
