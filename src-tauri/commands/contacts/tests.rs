use touchpoint_core::{Email, Phone};

use super::*;

fn grace(phones: Vec<Phone>, emails: Vec<Email>) -> Contact {
    let at = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 24, 10, 0, 0).unwrap();
    Contact {
        id: 7,
        fields: ContactFields {
            display_name: "Grace Hopper".into(),
            phones,
            emails,
            ..ContactFields::default()
        },
        created_at: at,
        updated_at: at,
    }
}

fn phone(number: &str, e164: Option<&str>) -> Phone {
    Phone {
        label: "work".into(),
        number: number.into(),
        e164: e164.map(Into::into),
    }
}

#[test]
fn a_link_is_built_from_what_is_stored_and_nothing_else() {
    let c = grace(
        vec![
            phone("+1 212 555 0101", Some("+12125550101")),
            phone("(212) 555-0199 ext. 4", None),
            phone("front desk", None),
        ],
        vec![Email {
            label: "work".into(),
            address: "grace@navy.example".into(),
        }],
    );
    assert_eq!(
        contact_link(&c, LinkKind::Phone, 0).unwrap(),
        "tel:+12125550101"
    );
    assert_eq!(
        contact_link(&c, LinkKind::Phone, 1).unwrap(),
        "tel:21255501994"
    );
    assert_eq!(
        contact_link(&c, LinkKind::Email, 0).unwrap(),
        "mailto:grace@navy.example"
    );
    for (kind, index) in [
        (LinkKind::Phone, 2),
        (LinkKind::Phone, 3),
        (LinkKind::Email, 1),
    ] {
        let refused = contact_link(&c, kind, index).unwrap_err();
        assert!(
            refused.message.starts_with("Grace Hopper has no such"),
            "{refused:?}"
        );
    }
}

#[test]
fn only_tel_and_mailto_links_are_handed_to_the_os() {
    for link in [
        "https://example.com",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "",
    ] {
        let refused = crate::desktop::opener::open_link(link).unwrap_err();
        assert_eq!(refused.message, "Only tel: and mailto: links are opened");
    }
}
