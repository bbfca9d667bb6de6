use chrono::NaiveDate;

use super::{parse_vcards, write_vcards};
use crate::channel::Channel;
use crate::contacts::{ContactFields, Email, Phone, PostalAddress, Profile, ProfileKind};
use crate::stage::Stage;
use crate::time::{Day, TimeWindow};
use crate::transfer::record::{ParsedRecord, RecordPosition};

fn only_card(data: &[u8]) -> ContactFields {
    let records = parse_vcards(data);
    assert_eq!(records.len(), 1, "expected one card, got {records:?}");
    let record = records.into_iter().next().unwrap();
    assert_eq!(record.position, RecordPosition::Card(1));
    record.result.unwrap()
}

fn phone(label: &str, number: &str) -> Phone {
    Phone {
        label: label.into(),
        number: number.into(),
        e164: None,
    }
}

fn email(label: &str, address: &str) -> Email {
    Email {
        label: label.into(),
        address: address.into(),
    }
}

fn profile(kind: ProfileKind, url: &str) -> Profile {
    Profile {
        kind,
        url: url.into(),
    }
}

/// CRLF line ends, as every real exporter writes them.
fn crlf(lines: &[&str]) -> Vec<u8> {
    let mut out = lines.join("\r\n");
    out.push_str("\r\n");
    out.into_bytes()
}

/// A base64 blob folded the way Apple folds PHOTO: a leading space per line.
fn folded_photo(lines: usize) -> String {
    let chunk = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a";
    (0..lines)
        .map(|_| format!(" {chunk}"))
        .collect::<Vec<_>>()
        .join("\r\n")
}

// ---------------------------------------------------------------- fixtures

#[test]
fn iphone_30_export_reads_grouped_labels_apple_builtins_and_skips_the_photo() {
    let photo = folded_photo(40);
    let lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "PRODID:-//Apple Inc.//iPhone OS 17.4//EN",
        "N:Appleseed;John;Q.;Dr.;",
        "FN:Dr. John Q. Appleseed",
        "ORG:Apple Inc.;Retail",
        "TITLE:Store Leader",
        "item1.EMAIL;type=INTERNET;type=pref:john.appleseed@icloud.com",
        "item1.X-ABLabel:_$!<Other>!$_",
        "item2.EMAIL;type=INTERNET;type=WORK:j.appleseed@apple.example",
        "item2.X-ABLabel:Conference",
        "TEL;type=CELL;type=VOICE;type=pref:+1 (408) 555-0100",
        "TEL;type=WORK;type=VOICE:(408) 555-0199",
        "item3.TEL:+1 408 555 0142",
        "item3.X-ABLabel:Assistant",
        "item4.TEL:+1 408 555 0143",
        "item4.X-ABLabel:_$!<HomeFAX>!$_",
        "item5.ADR;type=WORK;type=pref:;;1 Apple Park Way\\nBuilding 4;Cupertino;CA;95014;United States",
        "item5.X-ABADR:us",
        "item6.ADR;type=HOME:;;2 Home Street;Palo Alto;CA;94301;United States",
        "item7.URL;type=pref:https://www.apple.example",
        "item7.X-ABLabel:_$!<HomePage>!$_",
        "X-SOCIALPROFILE;type=linkedin;x-user=jappleseed:x-apple:jappleseed",
        "X-SOCIALPROFILE;type=twitter:https://twitter.com/jappleseed",
        "BDAY;X-APPLE-OMIT-YEAR=1604:1604-05-20",
        "NOTE:Met at WWDC.\\nPrefers mornings\\, before 10.",
        &format!("PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQ\r\n{photo}"),
        "X-IMAGETYPE:PHOTO",
        "END:VCARD",
    ];
    let expected = ContactFields {
        given_name: "John".into(),
        family_name: "Appleseed".into(),
        display_name: "Dr. John Q. Appleseed".into(),
        title: "Store Leader".into(),
        company: "Apple Inc.".into(),
        phones: vec![
            phone("mobile", "+1 (408) 555-0100"),
            phone("work", "(408) 555-0199"),
            phone("Assistant", "+1 408 555 0142"),
            phone("fax", "+1 408 555 0143"),
        ],
        emails: vec![
            email("other", "john.appleseed@icloud.com"),
            email("Conference", "j.appleseed@apple.example"),
        ],
        website: "https://www.apple.example".into(),
        address: PostalAddress {
            street: "1 Apple Park Way\nBuilding 4".into(),
            locality: "Cupertino".into(),
            region: "CA".into(),
            postal_code: "95014".into(),
            country: "United States".into(),
        },
        profiles: vec![
            profile(
                ProfileKind::Linkedin,
                "https://www.linkedin.com/in/jappleseed",
            ),
            profile(ProfileKind::X, "https://twitter.com/jappleseed"),
        ],
        // The home address beside the work one: the record holds one.
        notes: "Met at WWDC.\nPrefers mornings, before 10.\n\
                Address: 2 Home Street, Palo Alto, CA, 94301, United States"
            .into(),
        birthday: "--05-20".into(),
        ..ContactFields::default()
    };
    assert_eq!(only_card(&crlf(&lines)), expected);
}

#[test]
fn google_contacts_30_export_maps_types_unescapes_urls_and_drops_the_my_contacts_group() {
    let lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:María José García",
        "N:García;María José;;;",
        "NICKNAME:Majo",
        "EMAIL;TYPE=INTERNET;TYPE=WORK:mj.garcia@ventas.example.es",
        "EMAIL;TYPE=INTERNET;TYPE=HOME:majo@mail.example",
        "EMAIL;TYPE=INTERNET:old@mail.example",
        "TEL;TYPE=CELL:+34 612 34 56 78",
        "TEL;TYPE=WORK:+34 91 123 45 67",
        "TEL:+34 91 000 00 00",
        "ADR;TYPE=WORK:;;Calle de Alcalá\\, 42;Madrid;Madrid;28014;España",
        "ORG:Ventas Ibéricas S.L.",
        "TITLE:Directora Comercial",
        "BDAY:1985-04-12",
        "URL:http\\://www.linkedin.com/in/majogarcia",
        "item1.URL:http\\://ventas.example.es",
        "item1.X-ABLabel:Company",
        "NOTE:Conocida en Fitur 2024\\, stand 8B. Llamar en abril.",
        "CATEGORIES:myContacts,Clientes,Madrid",
        "END:VCARD",
    ];
    let card = only_card(&crlf(&lines));
    assert_eq!(card.display_name, "María José García");
    assert_eq!(
        (card.given_name.as_str(), card.family_name.as_str()),
        ("María José", "García")
    );
    assert_eq!(
        card.emails,
        [
            email("work", "mj.garcia@ventas.example.es"),
            email("home", "majo@mail.example"),
            email("", "old@mail.example"),
        ]
    );
    assert_eq!(
        card.phones,
        [
            phone("mobile", "+34 612 34 56 78"),
            phone("work", "+34 91 123 45 67"),
            phone("", "+34 91 000 00 00"),
        ]
    );
    assert_eq!(card.address.street, "Calle de Alcalá, 42");
    assert_eq!(card.address.country, "España");
    assert_eq!(card.company, "Ventas Ibéricas S.L.");
    assert_eq!(card.birthday, "1985-04-12");
    assert_eq!(card.website, "http://ventas.example.es");
    assert_eq!(
        card.profiles,
        [profile(
            ProfileKind::Linkedin,
            "http://www.linkedin.com/in/majogarcia"
        )]
    );
    assert_eq!(
        card.notes,
        "Conocida en Fitur 2024, stand 8B. Llamar en abril."
    );
    assert_eq!(card.tags, ["Clientes", "Madrid"]);
}

#[test]
fn outlook_21_decodes_quoted_printable_windows_1252_soft_line_breaks_and_bare_parameters() {
    let mut data = crlf(&[
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;LANGUAGE=de-de;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen",
        "FN;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller",
        "ORG;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:M=FCller & S=F6hne GmbH;Vertrieb",
    ]);
    // An unencoded 8-bit value, labelled with its charset.
    data.extend_from_slice(b"TITLE;CHARSET=Windows-1252:Gesch\xe4ftsf\xfchrer\r\n");
    data.extend(crlf(&[
        "TEL;WORK;VOICE:+49 221 1234567",
        "TEL;CELL;VOICE:+49 170 1234567",
        "TEL;WORK;FAX:+49 221 1234568",
        "ADR;WORK;PREF;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:;;Hauptstra=DFe 5;K=F6ln;NRW;50667;Deutschland",
        "LABEL;WORK;PREF;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Hauptstra=DFe 5=0D=0AK=F6ln, NRW 50667=0D=0ADeutschland",
        "URL;WORK:http://www.mueller-soehne.example",
        "EMAIL;PREF;INTERNET:juergen.mueller@mueller-soehne.example",
        "NOTE;CHARSET=Windows-1252;ENCODING=QUOTED-PRINTABLE:Erster Kontakt auf der Messe in K=F6ln.=0D=0AR=FCckruf im M=E4rz, =",
        "bitte Preisliste mitbringen: =80 100 Rabatt.",
        "REV:20240102T101500Z",
        "END:VCARD",
    ]));
    let expected = ContactFields {
        given_name: "Jürgen".into(),
        family_name: "Müller".into(),
        display_name: "Jürgen Müller".into(),
        title: "Geschäftsführer".into(),
        company: "Müller & Söhne GmbH".into(),
        phones: vec![
            phone("work", "+49 221 1234567"),
            phone("mobile", "+49 170 1234567"),
            phone("fax", "+49 221 1234568"),
        ],
        emails: vec![email("", "juergen.mueller@mueller-soehne.example")],
        website: "http://www.mueller-soehne.example".into(),
        address: PostalAddress {
            street: "Hauptstraße 5".into(),
            locality: "Köln".into(),
            region: "NRW".into(),
            postal_code: "50667".into(),
            country: "Deutschland".into(),
        },
        notes: "Erster Kontakt auf der Messe in Köln.\nRückruf im März, bitte Preisliste mitbringen: € 100 Rabatt.".into(),
        ..ContactFields::default()
    };
    assert_eq!(only_card(&data), expected);
}

#[test]
fn quoted_printable_honours_iso_8859_1_and_utf_8_charsets() {
    let data = crlf(&[
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lef=C3=A8vre;=C3=89lodie",
        "FN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:=C9lodie Lef=E8vre",
        "END:VCARD",
    ]);
    let card = only_card(&data);
    assert_eq!(card.display_name, "Élodie Lefèvre");
    assert_eq!(card.given_name, "Élodie");
    assert_eq!(card.family_name, "Lefèvre");
}

#[test]
fn vcard_40_strips_tel_uris_reads_tz_social_profile_impp_and_quoted_parameters() {
    let data = crlf(&[
        "BEGIN:VCARD",
        "VERSION:4.0",
        "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1",
        "FN:Élodie Martin",
        "N:Martin;Élodie;;;",
        "GENDER:F",
        "TEL;VALUE=uri;TYPE=\"voice,cell\";PREF=1:tel:+33-6-12-34-56-78",
        "TEL;VALUE=uri;TYPE=work:tel:+33-1-23-45-67-89;ext=42",
        "EMAIL;TYPE=work:elodie.martin@atelier.example.fr",
        "TZ;VALUE=text:Europe/Paris",
        "IMPP;PREF=1:xmpp:elodie@atelier.example.fr",
        "SOCIALPROFILE;SERVICE-TYPE=LinkedIn:https://www.linkedin.com/in/elodiemartin",
        "URL:https://atelier.example.fr",
        "BDAY:--0412",
        "KEY;MEDIATYPE=application/pgp-keys:https://atelier.example.fr/elodie.asc",
        "ADR;TYPE=work;LABEL=\"Mail Drop: 3rd floor;^'Atelier^'^n12 rue de la Paix\":;;12 rue de la Paix;Paris;;75002;France",
        "END:VCARD",
    ]);
    let card = only_card(&data);
    assert_eq!(
        card.phones,
        [
            phone("mobile", "+33-6-12-34-56-78"),
            phone("work", "+33-1-23-45-67-89 ext. 42"),
        ]
    );
    assert_eq!(
        card.emails,
        [email("work", "elodie.martin@atelier.example.fr")]
    );
    assert_eq!(card.time_zone, "Europe/Paris");
    assert_eq!(
        card.profiles,
        [profile(
            ProfileKind::Linkedin,
            "https://www.linkedin.com/in/elodiemartin"
        )]
    );
    assert_eq!(
        card.notes, "Profile: xmpp:elodie@atelier.example.fr",
        "a profile only links to the web, mail or a phone; the chat address is kept"
    );
    assert_eq!(card.website, "https://atelier.example.fr");
    assert_eq!(card.birthday, "--04-12");
    assert_eq!(card.address.street, "12 rue de la Paix");
    assert_eq!(card.address.postal_code, "75002");
    assert_eq!(card.address.country, "France");
}

#[test]
fn tel_uris_keep_their_extension_and_a_local_number_its_context() {
    let card = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:Simon Perreault",
        // RFC 6350's own example.
        "TEL;VALUE=uri;TYPE=\"voice,home\":tel:+1-418-656-9254;ext=102",
        "TEL;VALUE=uri;TYPE=work:TEL:863-1234;phone-context=+1-914-555",
        "TEL;VALUE=uri;TYPE=cell:tel:+1-418-262-6501;isub=1411",
        "END:VCARD",
    ]));
    assert_eq!(
        card.phones,
        [
            phone("home", "+1-418-656-9254 ext. 102"),
            phone("work", "+1-914-555-863-1234"),
            phone("mobile", "+1-418-262-6501"),
        ]
    );
}

#[test]
fn a_multi_card_file_rejects_the_nameless_and_truncated_cards_and_keeps_the_rest() {
    let data = crlf(&[
        "Contacts exported for the trade show",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:First Person",
        "END:VCARD",
        "",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "NOTE:Nothing to name this card by",
        "END:VCARD",
        "some stray text between cards",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Third Person",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Fourth Person",
        "this line has no colon",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Fifth Person",
        "TEL:+1 555",
    ]);
    let records = parse_vcards(&data);
    let positions: Vec<_> = records.iter().map(|r| r.position).collect();
    assert_eq!(
        positions,
        (1..=5).map(RecordPosition::Card).collect::<Vec<_>>()
    );
    let names: Vec<_> = records
        .iter()
        .map(|r| r.result.as_ref().map(|f| f.display_name.as_str()))
        .collect();
    assert_eq!(names[0], Ok("First Person"));
    assert_eq!(
        names[1],
        Err(&"card 2 has no name, company, email or phone number to name it by".to_owned())
    );
    assert_eq!(names[2], Ok("Third Person"));
    assert_eq!(
        names[3],
        Ok("Fourth Person"),
        "a stray line costs only itself"
    );
    assert_eq!(
        records[3].warnings,
        ["line 19 skipped, it is no vCard property (no name or colon): \"this line has no colon\""]
    );
    assert_eq!(
        names[4],
        Err(&"card 5 has no END:VCARD (the file may be truncated)".to_owned())
    );
}

#[test]
fn a_card_missing_its_end_before_the_next_begin_is_rejected_alone() {
    let data = crlf(&[
        "BEGIN:VCARD",
        "FN:Cut Short",
        "BEGIN:VCARD",
        "FN:Complete",
        "END:VCARD",
    ]);
    let records = parse_vcards(&data);
    assert_eq!(records.len(), 2);
    assert!(
        records[0]
            .result
            .as_ref()
            .unwrap_err()
            .contains("no END:VCARD")
    );
    assert_eq!(records[1].result.as_ref().unwrap().display_name, "Complete");
}

#[test]
fn escaped_commas_semicolons_backslashes_and_newlines_are_unescaped() {
    let data = crlf(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Pat O'Brien",
        "N:O\\;Brien;Pat;;;",
        "ORG:Smith\\, Jones & Co\\;Ltd;Sales",
        "NOTE:Price: 10\\, 20\\; or 30\\\\40\\nNext line\\NThird",
        "CATEGORIES:VIP,Trade show\\, Berlin,Q3",
        "CATEGORIES:Second list",
        "END:VCARD",
    ]);
    let card = only_card(&data);
    assert_eq!(card.family_name, "O;Brien");
    assert_eq!(card.company, "Smith, Jones & Co;Ltd");
    assert_eq!(card.notes, "Price: 10, 20; or 30\\40\nNext line\nThird");
    assert_eq!(
        card.tags,
        ["VIP", "Trade show, Berlin", "Q3", "Second list"]
    );
}

#[test]
fn cr_only_and_lf_only_line_ends_are_read_like_crlf() {
    let lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Old Mac User",
        "NOTE:folded across",
        "  two lines",
        "TEL;TYPE=WORK:+1 555 0100",
        "END:VCARD",
    ];
    for ending in ["\r", "\n", "\r\n"] {
        let card = only_card(lines.join(ending).as_bytes());
        assert_eq!(card.display_name, "Old Mac User", "ending {ending:?}");
        assert_eq!(card.notes, "folded across two lines", "ending {ending:?}");
        assert_eq!(
            card.phones,
            [phone("work", "+1 555 0100")],
            "ending {ending:?}"
        );
    }
}

#[test]
fn a_utf8_bom_is_ignored_and_non_ascii_names_survive() {
    let data = "\u{feff}BEGIN:VCARD\r\nVERSION:3.0\r\nFN:山田 太郎\r\nN:山田;太郎;;;\r\nORG:株式会社サンプル\r\nEND:VCARD\r\n";
    let card = only_card(data.as_bytes());
    assert_eq!(card.display_name, "山田 太郎");
    assert_eq!(card.family_name, "山田");
    assert_eq!(card.given_name, "太郎");
    assert_eq!(card.company, "株式会社サンプル");
}

#[test]
fn a_utf16_outlook_unicode_export_is_read() {
    let text = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Zoë Ångström\r\nEND:VCARD\r\n";
    let mut data = vec![0xFF, 0xFE];
    data.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(only_card(&data).display_name, "Zoë Ångström");
}

#[test]
fn unlabelled_8bit_bytes_that_are_not_utf8_are_read_as_windows_1252() {
    let data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Fran\xe7ois Caf\xe9\r\nEND:VCARD\r\n";
    assert_eq!(only_card(data).display_name, "François Café");
}

#[test]
fn every_type_spelling_maps_to_the_same_label() {
    let cases = [
        ("TEL;TYPE=work,voice:1", "work"),
        ("TEL;TYPE=WORK;TYPE=CELL:1", "mobile"),
        ("TEL;type=\"work,cell\":1", "mobile"),
        ("TEL;TYPE=cell:1", "mobile"),
        ("TEL;WORK;VOICE:1", "work"),
        ("TEL;HOME:1", "home"),
        ("TEL;CELL:1", "mobile"),
        ("TEL;TYPE=fax,work:1", "fax"),
        ("TEL;TYPE=iPhone:1", "mobile"),
        ("TEL;TYPE=pager:1", ""),
        ("TEL;PREF:1", ""),
    ];
    for (line, label) in cases {
        let card = only_card(&crlf(&[
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:X",
            line,
            "END:VCARD",
        ]));
        assert_eq!(card.phones, [phone(label, "1")], "{line}");
    }
    let emails = [
        ("EMAIL;INTERNET;PREF:a@b.c", ""),
        ("EMAIL;TYPE=INTERNET,HOME:a@b.c", "home"),
        ("EMAIL;TYPE=work:a@b.c", "work"),
        ("EMAIL;TYPE=cell:a@b.c", ""),
        ("EMAIL:mailto:a@b.c", ""),
    ];
    for (line, label) in emails {
        let card = only_card(&crlf(&[
            "BEGIN:VCARD",
            "VERSION:4.0",
            "FN:X",
            line,
            "END:VCARD",
        ]));
        assert_eq!(card.emails, [email(label, "a@b.c")], "{line}");
    }
}

#[test]
fn every_birthday_format_reads_as_iso_or_yearless() {
    let cases = [
        ("BDAY:1985-04-12", "1985-04-12"),
        ("BDAY:19850412", "1985-04-12"),
        ("BDAY:--0412", "--04-12"),
        ("BDAY:--04-12", "--04-12"),
        ("BDAY:1985-04-12T00:00:00Z", "1985-04-12"),
        ("BDAY;VALUE=date:19850412T000000", "1985-04-12"),
        ("BDAY:--0229", "--02-29"),
        ("BDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29", "--02-29"),
        ("BDAY:1985-02-30", ""),
        ("BDAY;VALUE=text:circa 1800", ""),
        ("BDAY:--13-01", ""),
    ];
    for (line, expected) in cases {
        let card = only_card(&crlf(&[
            "BEGIN:VCARD",
            "VERSION:4.0",
            "FN:X",
            line,
            "END:VCARD",
        ]));
        assert_eq!(card.birthday, expected, "{line}");
    }
}

#[test]
fn time_zone_keeps_zone_names_and_drops_offsets() {
    let cases = [
        ("TZ:America/New_York", "America/New_York"),
        ("TZ;VALUE=text:Etc/GMT+5", "Etc/GMT+5"),
        ("TZ:-05:00", ""),
        ("TZ;VALUE=utc-offset:-0500", ""),
        ("TZ:Eastern Standard Time", ""),
    ];
    for (line, expected) in cases {
        let card = only_card(&crlf(&[
            "BEGIN:VCARD",
            "VERSION:3.0",
            "FN:X",
            line,
            "END:VCARD",
        ]));
        assert_eq!(card.time_zone, expected, "{line}");
    }
}

/// A CSV keeps what it cannot read in the notes; a vCard lost it silently.
#[test]
fn values_that_cannot_be_read_are_kept_in_the_notes_as_a_csv_keeps_them() {
    let card = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:X",
        "NOTE:Likes tea",
        "BDAY;VALUE=text:circa 1800",
        "TZ:Eastern Standard Time",
        "TZ;VALUE=utc-offset:-0500",
        "X-TOUCHPOINT-STAGE:hot lead",
        "X-TOUCHPOINT-MET-ON:last spring",
        "IMPP:xmpp:x@chat.example",
        "URL:javascript:alert(document.cookie)//x.example",
        "END:VCARD",
    ]));
    assert_eq!((card.birthday.as_str(), card.time_zone.as_str()), ("", ""));
    assert_eq!(card.stage, Stage::default());
    assert!(card.profiles.is_empty() && card.website.is_empty());
    assert_eq!(
        card.notes,
        "Likes tea\nBirthday: circa 1800\nTime zone: Eastern Standard Time\n\
         Time zone: -0500\nStage: hot lead\nMet on: last spring\n\
         Profile: xmpp:x@chat.example\nWebsite: javascript:alert(document.cookie)//x.example"
    );
}

#[test]
fn a_missing_fn_is_built_from_n_and_an_org_only_card_is_named_after_the_company() {
    let from_n = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:Smith;Anna;Maria;Dr.;PhD",
        "END:VCARD",
    ]));
    assert_eq!(from_n.display_name, "Dr. Anna Maria Smith PhD");
    assert_eq!(
        (from_n.given_name.as_str(), from_n.family_name.as_str()),
        ("Anna", "Smith")
    );

    let company = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "N:;;;;",
        "FN:",
        "ORG:Acme Corp;Purchasing",
        "X-ABShowAs:COMPANY",
        "END:VCARD",
    ]));
    assert_eq!(company.display_name, "Acme Corp");
    assert_eq!(company.company, "Acme Corp");
}

#[test]
fn a_card_without_a_name_or_company_is_named_after_its_email_else_its_phone_and_says_so() {
    // Android and Outlook export contacts saved from a mail or a call this way.
    let data = crlf(&[
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:;;;;",
        "EMAIL;HOME:jane.doe@example.com",
        "TEL;CELL:+1 415 555 0100",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:",
        "TEL;TYPE=CELL:+1 415 555 0101",
        "END:VCARD",
        "BEGIN:VCARD",
        "VERSION:3.0",
        "ORG:Acme Corp",
        "EMAIL:desk@acme.example",
        "END:VCARD",
    ]);
    let records = parse_vcards(&data);
    let named: Vec<_> = records
        .iter()
        .map(|r| {
            let fields = r.result.as_ref().unwrap();
            (fields.display_name.as_str(), r.warnings.clone())
        })
        .collect();
    assert_eq!(
        named,
        [
            (
                "jane.doe@example.com",
                vec!["had no name: named after its email jane.doe@example.com".to_owned()]
            ),
            (
                "+1 415 555 0101",
                vec!["had no name: named after its phone number +1 415 555 0101".to_owned()]
            ),
            ("Acme Corp", vec![]),
        ]
    );
    let jane = records[0].result.as_ref().unwrap();
    assert_eq!(jane.emails, [email("home", "jane.doe@example.com")]);
    assert_eq!(jane.phones, [phone("mobile", "+1 415 555 0100")]);
    assert!(jane.given_name.is_empty() && jane.family_name.is_empty());
}

#[test]
fn a_group_prefix_on_begin_end_version_and_properties_is_accepted() {
    let data = crlf(&[
        "home.begin:vcard",
        "home.version:2.1",
        "home.FN:Ada Lovelace",
        "home.TEL;CELL:+44 20 7946 0958",
        "home.end:vcard",
        "item1.BEGIN:VCARD",
        "item1.VERSION:4.0",
        "item1.FN:Grace Hopper",
        "item2.EMAIL;TYPE=work:grace@navy.example",
        "item1.END:VCARD",
    ]);
    let records = parse_vcards(&data);
    assert_eq!(records.len(), 2, "{records:?}");
    let ada = records[0].result.as_ref().unwrap();
    assert_eq!(ada.display_name, "Ada Lovelace");
    assert_eq!(ada.phones, [phone("mobile", "+44 20 7946 0958")]);
    let grace = records[1].result.as_ref().unwrap();
    assert_eq!(grace.display_name, "Grace Hopper");
    assert_eq!(grace.emails, [email("work", "grace@navy.example")]);
    assert!(records.iter().all(|r| r.warnings.is_empty()));
}

#[test]
fn a_line_without_a_colon_is_skipped_alone_and_named_in_the_warnings() {
    let data = crlf(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:Ada Lovelace",
        "NOTE:Met at the expo",
        "and asked for a demo in May",
        "EMAIL:ada@engines.example",
        ":a value without a name",
        "TEL;TYPE=cell:+44 20 7946 0958",
        "END:VCARD",
    ]);
    let records = parse_vcards(&data);
    assert_eq!(
        records[0].warnings,
        [
            "line 5 skipped, it is no vCard property (no name or colon): \"and asked for a demo in May\"",
            "line 7 skipped, it is no vCard property (no name or colon): \":a value without a name\"",
        ]
    );
    let card = only_card(&data);
    assert_eq!(card.display_name, "Ada Lovelace");
    assert_eq!(card.notes, "Met at the expo");
    assert_eq!(card.emails, [email("", "ada@engines.example")]);
    assert_eq!(card.phones, [phone("mobile", "+44 20 7946 0958")]);
}

#[test]
fn grouped_labels_apply_only_to_their_own_group() {
    let card = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:X",
        "ITEM1.TEL;TYPE=WORK:1",
        "item2.TEL;TYPE=WORK:2",
        "item1.X-ABLabel:Switchboard",
        "END:VCARD",
    ]));
    assert_eq!(card.phones, [phone("Switchboard", "1"), phone("work", "2")]);
}

#[test]
fn version_21_unfolding_keeps_the_folding_whitespace_and_30_removes_it() {
    let v21 = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:X",
        "NOTE:a long",
        " note",
        "END:VCARD",
    ]));
    assert_eq!(v21.notes, "a long note");
    let v30 = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:3.0",
        "FN:X",
        "NOTE:a lo",
        " ng note",
        "END:VCARD",
    ]));
    assert_eq!(v30.notes, "a long note");
}

#[test]
fn version_21_keeps_backslashes_that_escape_nothing() {
    let card = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:X",
        "NOTE:see C:\\temp\\new",
        "END:VCARD",
    ]));
    assert_eq!(card.notes, "see C:\\temp\\new");
}

#[test]
fn unindented_21_base64_and_an_embedded_agent_card_do_not_break_the_card() {
    let data = crlf(&[
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:Nokia Owner",
        "PHOTO;TYPE=JPEG;ENCODING=BASE64:",
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0a",
        "HBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIy",
        "",
        "AGENT:",
        "BEGIN:VCARD",
        "VERSION:2.1",
        "FN:The Assistant",
        "END:VCARD",
        "TEL;CELL:+358 40 123 4567",
        "END:VCARD",
    ]);
    let card = only_card(&data);
    assert_eq!(card.display_name, "Nokia Owner");
    assert_eq!(card.phones, [phone("mobile", "+358 40 123 4567")]);
}

#[test]
fn touchpoint_properties_are_read_and_referred_by_is_ignored() {
    let card = only_card(&crlf(&[
        "BEGIN:VCARD",
        "VERSION:4.0",
        "FN:X",
        "X-TOUCHPOINT-STAGE:past-customer",
        "X-TOUCHPOINT-MET-WHERE:CeBIT\\, hall 4",
        "X-TOUCHPOINT-MET-ON:2024-03-05",
        "X-TOUCHPOINT-PREFERRED-CHANNELS:email,call,carrier-pigeon,linkedin",
        "X-TOUCHPOINT-EVERY-DAYS:45",
        "X-TOUCHPOINT-BEST-TIME:mon,tue 09:00-11:30",
        "X-TOUCHPOINT-BEST-TIME:14:00-16:00",
        "X-TOUCHPOINT-BEST-TIME:someday 14:00-16:00",
        "X-TOUCHPOINT-REFERRED-BY:42",
        "END:VCARD",
    ]));
    assert_eq!(card.stage, Stage::PastCustomer);
    assert_eq!(card.met_where, "CeBIT, hall 4");
    assert_eq!(card.met_on, NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(
        card.preferred_channels,
        [Channel::Email, Channel::Call, Channel::Linkedin]
    );
    assert_eq!(card.preferred_every_days, Some(45));
    assert_eq!(
        card.best_times,
        [
            TimeWindow {
                days: vec![Day::Mon, Day::Tue],
                start: "09:00".into(),
                end: "11:30".into()
            },
            TimeWindow {
                days: vec![],
                start: "14:00".into(),
                end: "16:00".into()
            },
        ]
    );
    assert_eq!(card.referred_by, None);
}

// ------------------------------------------------------------------ export

fn sample() -> ContactFields {
    ContactFields {
        given_name: "Anna".into(),
        family_name: "Smith, Jr.".into(),
        display_name: "Anna Smith".into(),
        title: "Head of Purchasing".into(),
        company: "Acme; Widgets".into(),
        phones: vec![
            phone("mobile", "+1 555 0100"),
            Phone {
                label: "Assistant".into(),
                number: "+1 555 0101".into(),
                e164: Some("+15550101".into()),
            },
        ],
        emails: vec![email("work", "anna@acme.example")],
        website: "https://acme.example".into(),
        profiles: vec![profile(
            ProfileKind::Linkedin,
            "https://www.linkedin.com/in/annasmith",
        )],
        birthday: "--04-12".into(),
        tags: vec!["VIP".into(), "Trade show, Berlin".into()],
        referred_by: Some(7),
        best_times: vec![TimeWindow {
            days: vec![Day::Mon, Day::Tue],
            start: "09:00".into(),
            end: "11:30".into(),
        }],
        time_zone: "America/New_York".into(),
        ..ContactFields::default()
    }
}

#[test]
fn export_writes_vcard_40_with_crlf_and_the_documented_property_forms() {
    let fields = sample();
    let text = write_vcards([("uid-1", &fields)]);
    assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"));
    assert!(text.ends_with("END:VCARD\r\n"));
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
    for line in [
        "UID:uid-1",
        "FN:Anna Smith",
        "N:Smith\\, Jr.;Anna;;;",
        "ORG:Acme\\; Widgets",
        "TEL;TYPE=cell:+1 555 0100",
        "item1.TEL:+1 555 0101",
        "item1.X-ABLabel:Assistant",
        "EMAIL;TYPE=work:anna@acme.example",
        "URL:https://acme.example",
        "X-SOCIALPROFILE;TYPE=linkedin:https://www.linkedin.com/in/annasmith",
        "BDAY:--0412",
        "CATEGORIES:VIP,Trade show\\, Berlin",
        "TZ:America/New_York",
        "X-TOUCHPOINT-STAGE:prospect",
        "X-TOUCHPOINT-BEST-TIME:mon,tue 09:00-11:30",
    ] {
        assert!(
            text.contains(&format!("\r\n{line}\r\n")),
            "missing {line:?} in\n{text}"
        );
    }
    assert!(
        !text.contains("REFERRED"),
        "referred_by must not be exported"
    );
    assert!(!text.contains("15550101"), "e164 must not be exported");
}

#[test]
fn export_folds_at_75_octets_without_splitting_a_utf8_character() {
    let fields = ContactFields {
        display_name: "Zoë".into(),
        notes: "日本語のメモ、とても長い。".repeat(20) + &"é".repeat(100),
        ..ContactFields::default()
    };
    let text = write_vcards([("u", &fields)]);
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
    assert!(lines.iter().filter(|l| l.starts_with(' ')).count() > 10);
    // Each physical line is a &str, so no character was split.
    assert_eq!(only_card(text.as_bytes()).notes, fields.notes);
}

#[test]
fn a_social_looking_website_stays_the_website_after_a_round_trip() {
    let fields = ContactFields {
        display_name: "X".into(),
        website: "https://www.linkedin.com/company/acme".into(),
        ..ContactFields::default()
    };
    let text = write_vcards([("u", &fields)]);
    assert!(text.contains("\r\nURL;PREF=1:https://www.linkedin.com/company/acme\r\n"));
    assert_eq!(only_card(text.as_bytes()), fields);
}

/// xorshift64*: deterministic, so a failing case can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let value = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(value % u64::try_from(n).unwrap()).unwrap()
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn text(&mut self) -> String {
        const WORDS: [&str; 16] = [
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
            "caret^n",
            "tab\there",
            "x.com",
            "=3D",
            "\\n",
            "Ünïcödé",
        ];
        let count = if self.chance(10) {
            20
        } else {
            1 + self.below(3)
        };
        (0..count)
            .map(|_| self.pick(&WORDS))
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn maybe_text(&mut self) -> String {
        if self.chance(40) {
            String::new()
        } else {
            self.text()
        }
    }

    fn lines(&mut self) -> String {
        (0..=self.below(3))
            .map(|_| self.text())
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn some<T>(&mut self, mut make: impl FnMut(&mut Self) -> T) -> Vec<T> {
        (0..self.below(4)).map(|_| make(self)).collect()
    }
}

fn varied_fields(rng: &mut Rng) -> ContactFields {
    const PHONE_LABELS: [&str; 11] = [
        "",
        "mobile",
        "work",
        "home",
        "fax",
        "Assistant",
        "Work",
        "pager",
        "main",
        "Büro; Zentrale",
        "a,b",
    ];
    const EMAIL_LABELS: [&str; 6] = ["", "work", "home", "other", "Private, old", "mobile"];
    const NUMBERS: [&str; 4] = [
        "+1 (555) 010-0000",
        "0049 221 123,45",
        "555-1234 ext. 5; ask for Bob",
        "+33612345678",
    ];
    const URLS: [&str; 6] = [
        "https://acme.example/path?a=1,b=2;c",
        "https://www.linkedin.com/in/someone",
        "https://x.com/someone",
        "twitter.com/someone",
        "https://netflix.com/x",
        "https://ex.ample/a\\b",
    ];
    const ZONES: [&str; 5] = [
        "Europe/Berlin",
        "America/Argentina/Buenos_Aires",
        "UTC",
        "Etc/GMT+5",
        "America/Port-au-Prince",
    ];
    const BIRTHDAYS: [&str; 4] = ["1985-04-12", "--02-29", "2000-12-31", "--01-01"];
    let kinds = [ProfileKind::Linkedin, ProfileKind::X, ProfileKind::Other];
    let days = [
        Day::Mon,
        Day::Tue,
        Day::Wed,
        Day::Thu,
        Day::Fri,
        Day::Sat,
        Day::Sun,
    ];
    ContactFields {
        given_name: rng.maybe_text(),
        family_name: rng.maybe_text(),
        display_name: rng.text(),
        title: rng.maybe_text(),
        company: rng.maybe_text(),
        phones: rng.some(|r| Phone {
            label: r.pick(&PHONE_LABELS).into(),
            number: r.pick(&NUMBERS).into(),
            e164: None,
        }),
        emails: rng.some(|r| {
            email(
                r.pick(&EMAIL_LABELS),
                &format!("{}@example.com", r.below(1000)),
            )
        }),
        website: if rng.chance(50) {
            rng.pick(&URLS).into()
        } else {
            String::new()
        },
        address: if rng.chance(50) {
            PostalAddress {
                street: rng.lines(),
                locality: rng.maybe_text(),
                region: rng.maybe_text(),
                postal_code: rng.maybe_text(),
                country: rng.maybe_text(),
            }
        } else {
            PostalAddress::default()
        },
        profiles: rng.some(|r| Profile {
            kind: kinds[r.below(3)],
            url: r.pick(&URLS).into(),
        }),
        met_where: rng.maybe_text(),
        met_on: rng
            .chance(50)
            .then(|| NaiveDate::from_ymd_opt(2020, 2, 29).unwrap()),
        notes: if rng.chance(50) {
            rng.lines()
        } else {
            String::new()
        },
        tags: rng.some(Rng::text),
        stage: Stage::ALL[rng.below(Stage::ALL.len())],
        referred_by: None,
        preferred_channels: rng.some(|r| Channel::ALL[r.below(Channel::ALL.len())]),
        preferred_every_days: rng
            .chance(50)
            .then(|| u32::try_from(rng.below(400)).unwrap()),
        best_times: rng.some(|r| TimeWindow {
            days: r.some(|r| days[r.below(7)]),
            start: "08:30".into(),
            end: "17:45".into(),
        }),
        time_zone: if rng.chance(50) {
            rng.pick(&ZONES).into()
        } else {
            String::new()
        },
        birthday: if rng.chance(50) {
            rng.pick(&BIRTHDAYS).into()
        } else {
            String::new()
        },
    }
}

#[test]
fn export_then_import_gives_back_identical_fields_for_varied_contacts() {
    let mut rng = Rng(0x5EED_CAFE_F00D_0001);
    let cards: Vec<ContactFields> = (0..400).map(|_| varied_fields(&mut rng)).collect();
    let uids: Vec<String> = (0..cards.len()).map(|i| format!("uid-{i}")).collect();
    let text = write_vcards(uids.iter().map(String::as_str).zip(&cards));
    let records = parse_vcards(text.as_bytes());
    assert_eq!(records.len(), cards.len());
    for (i, (record, expected)) in records.iter().zip(&cards).enumerate() {
        assert_eq!(record.position, RecordPosition::Card(i + 1));
        assert_eq!(record.result.as_ref(), Ok(expected), "card {}", i + 1);
    }
}

#[test]
fn export_drops_referred_by_and_e164_which_import_gives_back_as_none() {
    let fields = sample();
    let back = only_card(write_vcards([("u", &fields)]).as_bytes());
    let mut expected = fields;
    expected.referred_by = None;
    for phone in &mut expected.phones {
        phone.e164 = None;
    }
    assert_eq!(back, expected);
}

// --------------------------------------------------------------- robustness

fn assert_no_panic(data: &[u8]) -> Vec<ParsedRecord> {
    parse_vcards(data)
}

#[test]
fn every_truncation_of_a_real_file_parses_without_panicking() {
    let mut data = write_vcards([("u", &sample())]).into_bytes();
    data.extend_from_slice(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nNOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=A9=\r\n=C3\r\nFN;CHARSET=bogus:\xff\xfe\r\nEND:VCARD\r\n",
    );
    for end in 0..data.len() {
        let records = assert_no_panic(&data[..end]);
        assert!(records.len() <= 2);
    }
}

#[test]
fn garbage_and_hostile_input_never_panics() {
    let mut rng = Rng(42);
    let random: Vec<u8> = (0..5_000_000)
        .map(|_| u8::try_from(rng.below(256)).unwrap())
        .collect();
    assert_no_panic(&random);

    let cases: [&[u8]; 12] = [
        b"",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"\x00",
        b"BEGIN:VCARD",
        b"BEGIN:VCARD\r\n:\r\nEND:VCARD",
        b"BEGIN:VCARD\r\n;;;:x\r\n.:y\r\nEND:VCARD",
        b"BEGIN:VCARD\r\nFN;X=\"unterminated:Bob\r\nEND:VCARD",
        b"BEGIN:VCARD\r\nFN:x\r\nBDAY:--\r\nBDAY:\xff\xff\xff\xff\r\nTEL:tel:\r\nEND:VCARD",
        b"BEGIN:VCARD\r\nFN;ENCODING=QUOTED-PRINTABLE:=\r\nEND:VCARD",
        b"END:VCARD\r\nEND:VCARD\r\nBEGIN:VCARD\r\nAGENT:\r\nBEGIN:VCARD\r\n",
        b"BEGIN:VCARD\r\nFN;CHARSET=UTF-16:\x00\xd8\r\nX-TOUCHPOINT-EVERY-DAYS:99999999999\r\nEND:VCARD",
    ];
    for case in cases {
        assert_no_panic(case);
    }
}

#[test]
fn a_5_mb_card_with_a_huge_photo_is_read_in_linear_time() {
    let photo = folded_photo(70_000);
    let data = format!(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nPHOTO;ENCODING=b:{photo}\r\nFN:Big Photo\r\nEND:VCARD\r\n"
    );
    assert!(data.len() > 5_000_000);
    assert_eq!(only_card(data.as_bytes()).display_name, "Big Photo");

    // A colon-less line folded a million times must not be rescanned per fold.
    let endless = format!(
        "BEGIN:VCARD\r\nNOTE{}\r\nEND:VCARD\r\n",
        "\r\n x".repeat(1_000_000)
    );
    let records = assert_no_panic(endless.as_bytes());
    assert_eq!(
        records[0].warnings,
        [format!(
            "line 2 skipped, it is no vCard property (no name or colon): \"NOTE{}…\"",
            "x".repeat(56)
        )]
    );
    assert!(records[0].result.as_ref().unwrap_err().contains("no name"));
}

#[test]
fn a_second_adr_is_kept_in_the_notes_and_said_so_and_a_repeated_one_is_not() {
    let lines = [
        "BEGIN:VCARD",
        "VERSION:2.1",
        "N:Wimmel;Rudi",
        "ADR;WORK;PREF:;;Business-Strasse 19;Schaffhausen;;76543;Deutschland",
        "ADR;HOME:;;Freizeitweg 4;Freizeithausen;;12345;Deutschland",
        "ADR;POSTAL:;;Business-Strasse 19;Schaffhausen;;76543;Deutschland",
        "END:VCARD",
    ];
    let records = parse_vcards(&crlf(&lines));
    let record = &records[0];
    let fields = record.result.clone().expect("kept");
    assert_eq!(fields.address.street, "Business-Strasse 19");
    assert_eq!(
        fields.notes,
        "Address: Freizeitweg 4, Freizeithausen, 12345, Deutschland"
    );
    assert_eq!(
        record.warnings,
        vec![
            "has more than one address: the first is its address, this one is kept in the notes: \
             Freizeitweg 4, Freizeithausen, 12345, Deutschland"
                .to_owned()
        ]
    );
}
