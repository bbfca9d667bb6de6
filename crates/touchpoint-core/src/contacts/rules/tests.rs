use chrono::NaiveDate;

use super::*;
use crate::channel::Channel;
use crate::contacts::{Profile, ProfileKind};
use crate::stage::Stage;
use crate::time::Day;

fn ctx() -> RuleContext<'static> {
    RuleContext {
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        phone_region: "US",
    }
}

fn named(name: &str) -> ContactFields {
    ContactFields {
        display_name: name.into(),
        ..ContactFields::default()
    }
}

fn with_email(address: &str) -> ContactFields {
    ContactFields {
        emails: vec![Email {
            label: String::new(),
            address: address.into(),
        }],
        ..named("Ada")
    }
}

fn with_phone(number: &str) -> ContactFields {
    ContactFields {
        phones: vec![Phone {
            label: "Mobile".into(),
            number: number.into(),
            e164: None,
        }],
        ..named("Ada")
    }
}

fn field_of(err: CoreError) -> String {
    match err {
        CoreError::Invalid { field, .. } => field,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

#[test]
fn the_display_name_is_built_from_first_and_last_name() {
    let fields = ContactFields {
        given_name: " Ada ".into(),
        family_name: "Lovelace".into(),
        ..ContactFields::default()
    };
    assert_eq!(
        normalise(&fields, ctx()).unwrap().display_name,
        "Ada Lovelace"
    );
}

#[test]
fn a_contact_needs_a_name() {
    let err = normalise(
        &ContactFields {
            company: "Acme".into(),
            ..ContactFields::default()
        },
        ctx(),
    )
    .unwrap_err();
    assert_eq!(err.to_string(), "Name is required");
    assert_eq!(field_of(err), "displayName");
}

#[test]
fn phones_keep_their_text_and_gain_an_e164_form() {
    let out = normalise(&with_phone(" (415) 555-0100 "), ctx()).unwrap();
    assert_eq!(
        out.phones,
        vec![Phone {
            label: "mobile".into(),
            number: "(415) 555-0100".into(),
            e164: Some("+14155550100".into()),
        }]
    );
}

#[test]
fn an_e164_sent_by_the_ui_is_ignored_and_recomputed() {
    let mut fields = with_phone("+44 20 7946 0958");
    fields.phones[0].e164 = Some("+10000000000".into());
    let out = normalise(&fields, ctx()).unwrap();
    assert_eq!(out.phones[0].e164.as_deref(), Some("+442079460958"));
}

#[test]
fn blank_phone_and_email_rows_are_dropped_and_repeats_merged() {
    let fields = ContactFields {
        phones: vec![
            Phone {
                number: "+1 415 555 0100".into(),
                ..Phone::default()
            },
            Phone::default(),
            Phone {
                number: "(415) 555-0100".into(),
                ..Phone::default()
            },
        ],
        emails: vec![
            Email {
                label: "work".into(),
                address: "Ada@Example.com".into(),
            },
            Email {
                label: String::new(),
                address: "ada@example.com".into(),
            },
        ],
        ..named("Ada")
    };
    let out = normalise(&fields, ctx()).unwrap();
    assert_eq!(out.phones.len(), 1, "the same number twice is kept once");
    assert_eq!(out.emails.len(), 1, "emails compare case-insensitively");
    assert_eq!(
        out.emails[0].address, "Ada@Example.com",
        "the first spelling stays"
    );
}

#[test]
fn malformed_emails_are_refused_on_their_row() {
    for bad in [
        "ada",
        "ada@",
        "@example.com",
        "ada@example",
        "ada@@example.com",
        "ada example@example.com",
        "ada@exa mple.com",
        "ada@.example.com",
        "ada@example.c",
        "ada@example.123",
        "ada..b@example.com",
        "ada@-example.com",
    ] {
        let err = normalise(&with_email(bad), ctx()).unwrap_err();
        assert_eq!(field_of(err), "emails[0]", "{bad:?} must be refused");
    }
}

#[test]
fn ordinary_emails_pass() {
    for good in [
        "ada@example.com",
        "ada.lovelace+crm@mail.example.co.uk",
        "o'brien@example.ie",
        "jürgen@beispiel.de",
        "x@müller.de",
        "mailto:ada@example.com",
    ] {
        assert!(
            normalise(&with_email(good), ctx()).is_ok(),
            "{good:?} must pass"
        );
    }
}

#[test]
fn things_that_are_not_phone_numbers_are_refused_with_the_reason() {
    let err = normalise(&with_phone("call me maybe"), ctx()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Phone \"call me maybe\" is not a phone number: 'c' cannot be part of a phone number"
    );
    assert_eq!(field_of(err), "phones[0]");
}

#[test]
fn ten_megabytes_in_a_field_is_refused_with_its_size() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let err = normalise(&named(&huge), ctx()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Name is too long: 10485760 characters, at most 200"
    );
    let err = normalise(
        &ContactFields {
            notes: huge,
            ..named("Ada")
        },
        ctx(),
    )
    .unwrap_err();
    assert_eq!(field_of(err), "notes");
}

#[test]
fn a_name_with_a_line_break_is_refused_but_notes_keep_theirs() {
    assert_eq!(
        field_of(normalise(&named("Ada\nLovelace"), ctx()).unwrap_err()),
        "displayName"
    );
    let out = normalise(
        &ContactFields {
            notes: "Met at the expo.\r\nWants a demo in March.".into(),
            ..named("Ada")
        },
        ctx(),
    )
    .unwrap();
    assert_eq!(out.notes, "Met at the expo.\nWants a demo in March.");
}

#[test]
fn an_unknown_time_zone_is_refused_and_a_known_one_kept() {
    let mut fields = named("Ada");
    fields.time_zone = "Mars/Olympus_Mons".into();
    let err = normalise(&fields, ctx()).unwrap_err();
    assert_eq!(field_of(err), "timeZone");
    fields.time_zone = "Europe/Berlin".into();
    assert_eq!(
        normalise(&fields, ctx()).unwrap().time_zone,
        "Europe/Berlin"
    );
}

#[test]
fn birthdays_with_and_without_a_year() {
    let mut fields = named("Ada");
    fields.birthday = "1985-04-12".into();
    assert_eq!(normalise(&fields, ctx()).unwrap().birthday, "1985-04-12");
    fields.birthday = "--2-29".into();
    assert_eq!(normalise(&fields, ctx()).unwrap().birthday, "--02-29");
    fields.birthday = "2027-01-01".into();
    assert_eq!(
        normalise(&fields, ctx()).unwrap_err().to_string(),
        "Birthday cannot be in the future"
    );
    fields.birthday = "--13-01".into();
    assert_eq!(field_of(normalise(&fields, ctx()).unwrap_err()), "birthday");
}

#[test]
fn the_day_you_met_cannot_be_in_the_future() {
    let mut fields = named("Ada");
    fields.met_on = NaiveDate::from_ymd_opt(2026, 11, 24);
    assert_eq!(field_of(normalise(&fields, ctx()).unwrap_err()), "metOn");
    fields.met_on = NaiveDate::from_ymd_opt(2026, 11, 23);
    assert!(normalise(&fields, ctx()).is_ok(), "today is fine");
}

#[test]
fn best_times_are_checked_and_tidied() {
    let mut fields = named("Ada");
    fields.best_times = vec![TimeWindow {
        days: vec![Day::Thu, Day::Tue, Day::Thu],
        start: "7:30".into(),
        end: "09:00".into(),
    }];
    let out = normalise(&fields, ctx()).unwrap();
    assert_eq!(
        out.best_times,
        vec![TimeWindow {
            days: vec![Day::Tue, Day::Thu],
            start: "07:30".into(),
            end: "09:00".into(),
        }]
    );
    fields.best_times[0].end = "07:00".into();
    assert_eq!(
        field_of(normalise(&fields, ctx()).unwrap_err()),
        "bestTimes[0]"
    );
    fields.best_times[0].end = "25:00".into();
    assert_eq!(
        field_of(normalise(&fields, ctx()).unwrap_err()),
        "bestTimes[0]"
    );
}

#[test]
fn tags_are_trimmed_and_deduplicated_ignoring_case() {
    let mut fields = named("Ada");
    fields.tags = vec![
        " expo-2026 ".into(),
        "VIP".into(),
        "vip".into(),
        String::new(),
    ];
    assert_eq!(
        normalise(&fields, ctx()).unwrap().tags,
        ["expo-2026", "VIP"]
    );
}

#[test]
fn the_customers_own_frequency_must_be_sensible() {
    let mut fields = named("Ada");
    fields.preferred_every_days = Some(0);
    assert_eq!(
        field_of(normalise(&fields, ctx()).unwrap_err()),
        "preferredEveryDays"
    );
    fields.preferred_every_days = Some(30);
    fields.preferred_channels = vec![Channel::Email, Channel::Call, Channel::Email];
    fields.stage = Stage::Customer;
    let out = normalise(&fields, ctx()).unwrap();
    assert_eq!(out.preferred_channels, [Channel::Email, Channel::Call]);
    assert_eq!(out.preferred_every_days, Some(30));
}

#[test]
fn a_website_must_be_an_address() {
    let mut fields = named("Ada");
    fields.website = "acme dot com".into();
    assert_eq!(field_of(normalise(&fields, ctx()).unwrap_err()), "website");
    fields.website = "www.acme.com/about".into();
    assert!(normalise(&fields, ctx()).is_ok());
}

fn with_profile(url: &str) -> ContactFields {
    ContactFields {
        profiles: vec![Profile {
            kind: ProfileKind::Other,
            url: url.into(),
        }],
        ..named("Ada")
    }
}

fn refusal(err: CoreError) -> (String, String) {
    match err {
        CoreError::Invalid { field, message } => (field, message),
        other => panic!("expected a validation error, got {other:?}"),
    }
}

/// Clicking a stored website or profile must never run code or open a local file.
#[test]
fn links_that_would_run_code_or_open_files_are_refused_on_their_field() {
    for link in [
        "javascript:alert(document.cookie)//example.com",
        "javascript://example.com/%0Aalert(1)",
        "JaVaScRiPt:alert(document.cookie)",
        "  javascript:alert(document.cookie)",
        "vbscript:msgbox(document.cookie)",
        "data:text/html;base64,PHNjcmlwdD4=.example.com",
        "file:///etc/passwd.example.com",
    ] {
        let mut fields = named("Ada");
        fields.website = link.into();
        let (field, message) = refusal(normalise(&fields, ctx()).unwrap_err());
        assert_eq!(field, "website", "{link:?}");
        assert!(
            message.starts_with("Website cannot be a \"") && message.contains("only http"),
            "{link:?}: {message}"
        );
        let (field, message) = refusal(normalise(&with_profile(link), ctx()).unwrap_err());
        assert_eq!(field, "profiles[0]", "{link:?}");
        assert!(message.contains("only http"), "{link:?}: {message}");
    }
    let mut fields = named("Ada");
    fields.website = "\u{1}javascript:alert(1)//example.com".into();
    assert_eq!(field_of(normalise(&fields, ctx()).unwrap_err()), "website");
}

#[test]
fn web_mail_and_phone_links_bare_domains_and_handles_are_kept_as_typed() {
    for website in [
        "example.com",
        "www.acme.com/about",
        "example.com:8080/shop",
        "https://example.com",
        "HTTP://example.com",
        "mailto:sales@example.com",
    ] {
        let mut fields = named("Ada");
        fields.website = website.into();
        assert_eq!(normalise(&fields, ctx()).unwrap().website, website);
    }
    for profile in [
        "https://www.linkedin.com/in/ada",
        "@ada",
        "x.com/ada",
        "tel:+14155550100",
        "mailto:ada@example.com",
    ] {
        assert_eq!(
            normalise(&with_profile(profile), ctx()).unwrap().profiles[0].url,
            profile
        );
    }
}
