use chrono::NaiveDate;

use super::dates::{DateCell, parse_date};
use super::*;
use crate::contacts::{Email, Phone, PostalAddress, Profile, ProfileKind};
use crate::stage::Stage;

// ---------------------------------------------------------------- helpers

/// Builds a CSV in the shape an export writes: the header, then each row with
/// only the named cells filled in. `quote_all` imitates Outlook, which quotes
/// every cell.
fn export(header: &str, delimiter: char, quote_all: bool, rows: &[&[(&str, &str)]]) -> String {
    let names: Vec<&str> = header.split(delimiter).collect();
    let cell = |v: &str| {
        if quote_all || v.contains([delimiter, '"', '\n', '\r']) {
            format!("\"{}\"", v.replace('"', "\"\""))
        } else {
            v.to_owned()
        }
    };
    let sep = delimiter.to_string();
    let mut out = names.iter().map(|n| cell(n)).collect::<Vec<_>>().join(&sep);
    out.push_str("\r\n");
    for row in rows {
        for (name, _) in *row {
            assert!(names.contains(name), "fixture uses unknown column {name}");
        }
        let cells: Vec<String> = names
            .iter()
            .map(|n| cell(row.iter().find(|(k, _)| k == n).map_or("", |(_, v)| v)))
            .collect();
        out.push_str(&cells.join(&sep));
        out.push_str("\r\n");
    }
    out
}

fn import(data: &[u8]) -> (CsvInspection, Vec<ParsedRecord>) {
    let inspection = inspect_csv(data).expect("inspect");
    let records = read_csv(data, &inspection.columns);
    assert_eq!(records.len(), inspection.rows, "rows and records agree");
    (inspection, records)
}

fn ok(records: &[ParsedRecord]) -> Vec<ContactFields> {
    records
        .iter()
        .map(|r| r.result.clone().unwrap_or_else(|e| panic!("rejected: {e}")))
        .collect()
}

fn lines(records: &[ParsedRecord]) -> Vec<usize> {
    records
        .iter()
        .map(|r| match r.position {
            RecordPosition::Line(n) => n,
            RecordPosition::Card(_) => panic!("CSV records are positioned by line"),
        })
        .collect()
}

fn column<'a>(inspection: &'a CsvInspection, header: &str) -> &'a CsvColumn {
    inspection
        .columns
        .iter()
        .find(|c| c.header == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

fn email(label: &str, address: &str) -> Email {
    Email {
        label: label.into(),
        address: address.into(),
    }
}

fn phone(label: &str, number: &str) -> Phone {
    Phone {
        label: label.into(),
        number: number.into(),
        e164: None,
    }
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    bytes
}

// ---------------------------------------------------------------- Google

const GOOGLE_HEADER: &str = "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value";

fn google_fixture() -> String {
    export(
        GOOGLE_HEADER,
        ',',
        false,
        &[
            &[
                ("First Name", "Anna"),
                ("Middle Name", "Maria"),
                ("Last Name", "Schmidt"),
                ("File As", "Schmidt, Anna"),
                ("Organization Name", "Acme GmbH"),
                ("Organization Title", "Head of Purchasing"),
                ("Birthday", "1985-04-12"),
                ("Notes", "Met at the Hannover fair"),
                ("Labels", "* myContacts ::: Clients"),
                ("E-mail 1 - Label", "* Work"),
                ("E-mail 1 - Value", "anna.schmidt@acme.example"),
                ("E-mail 2 - Label", "Home"),
                ("E-mail 2 - Value", "anna@home.example"),
                ("Phone 1 - Label", "Mobile"),
                ("Phone 1 - Value", "+49 170 1234567"),
                ("Phone 2 - Label", "Work"),
                ("Phone 2 - Value", "+49 30 987654"),
                ("Address 1 - Label", "Work"),
                ("Address 1 - Formatted", "Hauptstr. 5\n10115 Berlin\nDE"),
                ("Address 1 - Street", "Hauptstr. 5"),
                ("Address 1 - City", "Berlin"),
                ("Address 1 - Postal Code", "10115"),
                ("Address 1 - Country", "DE"),
                ("Website 1 - Label", "Work"),
                ("Website 1 - Value", "https://acme.example"),
            ],
            &[
                ("First Name", "Bob"),
                ("Last Name", "Jones"),
                ("Organization Name", "Jones & Sons"),
                ("Birthday", "--07-04"),
                ("Labels", "* myContacts ::: * starred ::: Golf"),
                ("Phone 1 - Label", "Work Fax"),
                ("Phone 1 - Value", "+1 415 555 0100"),
            ],
            &[
                ("Organization Name", "Initech"),
                ("E-mail 1 - Label", "* Other"),
                ("E-mail 1 - Value", "info@initech.example"),
                ("Labels", "* myContacts"),
            ],
        ],
    )
}

#[test]
fn google_contacts_current_header_is_recognised() {
    let inspection = inspect_csv(google_fixture().as_bytes()).unwrap();
    assert_eq!(inspection.layout, CsvLayout::GoogleContacts);
    assert_eq!(inspection.header_line, 1);
    assert_eq!(inspection.rows, 3);
    assert_eq!(inspection.sample.len(), 3);
    assert_eq!(inspection.sample[0][0], "Anna");
    assert_eq!(
        column(&inspection, "Organization Title").field,
        CsvField::Title
    );
    assert_eq!(column(&inspection, "File As").field, CsvField::Ignore);
    assert_eq!(
        column(&inspection, "Address 1 - Formatted").field,
        CsvField::Ignore
    );
}

#[test]
fn google_label_columns_are_marked_as_labels_of_the_next_value_column() {
    let inspection = inspect_csv(google_fixture().as_bytes()).unwrap();
    let label = column(&inspection, "E-mail 1 - Label");
    assert_eq!(
        (label.field, label.label.as_str()),
        (CsvField::Email, LABEL_OF_NEXT)
    );
    let value = column(&inspection, "E-mail 1 - Value");
    assert_eq!((value.field, value.label.as_str()), (CsvField::Email, ""));
    let phone_label = column(&inspection, "Phone 2 - Label");
    assert_eq!(
        (phone_label.field, phone_label.label.as_str()),
        (CsvField::Phone, LABEL_OF_NEXT)
    );
}

#[test]
fn google_rows_take_each_value_label_from_its_label_column() {
    let (_, records) = import(google_fixture().as_bytes());
    let contacts = ok(&records);
    let anna = &contacts[0];
    assert_eq!(
        anna.emails,
        vec![
            email("work", "anna.schmidt@acme.example"),
            email("home", "anna@home.example")
        ]
    );
    assert_eq!(
        anna.phones,
        vec![
            phone("mobile", "+49 170 1234567"),
            phone("work", "+49 30 987654")
        ]
    );
    assert_eq!(contacts[1].phones, vec![phone("fax", "+1 415 555 0100")]);
    assert_eq!(
        contacts[2].emails,
        vec![email("other", "info@initech.example")]
    );
}

#[test]
fn google_rows_fill_names_company_address_birthday_and_notes() {
    let (_, records) = import(google_fixture().as_bytes());
    let contacts = ok(&records);
    let anna = &contacts[0];
    assert_eq!(anna.given_name, "Anna");
    assert_eq!(anna.family_name, "Schmidt");
    assert_eq!(
        anna.display_name, "Anna Maria Schmidt",
        "middle name goes into the display name"
    );
    assert_eq!(anna.company, "Acme GmbH");
    assert_eq!(anna.title, "Head of Purchasing");
    assert_eq!(anna.birthday, "1985-04-12");
    assert_eq!(anna.notes, "Met at the Hannover fair");
    assert_eq!(anna.website, "https://acme.example");
    assert_eq!(
        anna.address,
        PostalAddress {
            street: "Hauptstr. 5".into(),
            locality: "Berlin".into(),
            region: String::new(),
            postal_code: "10115".into(),
            country: "DE".into(),
        }
    );
    assert_eq!(
        contacts[1].birthday, "--07-04",
        "a birthday without year stays without year"
    );
    assert_eq!(
        contacts[1].display_name, "",
        "built by validation from the names"
    );
}

#[test]
fn google_labels_split_on_triple_colon_and_drop_my_contacts() {
    let (_, records) = import(google_fixture().as_bytes());
    let contacts = ok(&records);
    assert_eq!(contacts[0].tags, vec!["Clients"]);
    assert_eq!(contacts[1].tags, vec!["starred", "Golf"]);
    assert!(contacts[2].tags.is_empty());
}

#[test]
fn google_row_with_only_an_organization_uses_it_as_display_name() {
    let (_, records) = import(google_fixture().as_bytes());
    let initech = &ok(&records)[2];
    assert_eq!(initech.display_name, "Initech");
    assert_eq!(initech.company, "Initech");
    assert_eq!(initech.given_name, "");
}

const GOOGLE_OLD_HEADER: &str = "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Language,Photo,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,Website 1 - Type,Website 1 - Value";

#[test]
fn google_old_header_with_type_columns_is_recognised_and_read() {
    let data = export(
        GOOGLE_OLD_HEADER,
        ',',
        false,
        &[&[
            ("Name", "Carla Diaz"),
            ("Given Name", "Carla"),
            ("Family Name", "Diaz"),
            ("Location", "Madrid office"),
            ("Group Membership", "* My Contacts ::: Prospects ::: Spain"),
            ("E-mail 1 - Type", "* Work ::: Home"),
            (
                "E-mail 1 - Value",
                "carla@empresa.example ::: carla@casa.example",
            ),
            ("Phone 1 - Type", "Mobile"),
            ("Phone 1 - Value", "+34 612 345 678"),
            ("Address 1 - City", "Madrid"),
            ("Address 1 - Country", "Spain"),
            ("Organization 1 - Name", "Empresa SA"),
            ("Organization 1 - Title", "CTO"),
        ]],
    );
    let (inspection, records) = import(data.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::GoogleContacts);
    assert_eq!(column(&inspection, "Location").field, CsvField::Ignore);
    let carla = &ok(&records)[0];
    assert_eq!(carla.display_name, "Carla Diaz");
    assert_eq!(
        (carla.company.as_str(), carla.title.as_str()),
        ("Empresa SA", "CTO")
    );
    assert_eq!(
        carla.emails,
        vec![
            email("work", "carla@empresa.example"),
            email("home", "carla@casa.example")
        ],
        "several values in one cell pair with several labels"
    );
    assert_eq!(carla.phones, vec![phone("mobile", "+34 612 345 678")]);
    assert_eq!(carla.tags, vec!["Prospects", "Spain"]);
    assert_eq!(carla.address.locality, "Madrid");
}

// ---------------------------------------------------------------- Outlook

const OUTLOOK_HEADER: &str = "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Company,Department,Job Title,Business Street,Business Street 2,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Assistant's Phone,Business Fax,Business Phone,Business Phone 2,Mobile Phone,Home Phone,Other Phone,Primary Phone,Account,Anniversary,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 3 Address,Categories,Location,Notes,Web Page,Birthday";

fn outlook_rows() -> Vec<Vec<(&'static str, &'static str)>> {
    vec![
        vec![
            ("First Name", "David"),
            ("Last Name", "Miller"),
            ("Title", "Dr."),
            ("Company", "Globex Corp"),
            ("Job Title", "VP Sales"),
            ("Business Street", "1 Market St"),
            ("Business Street 2", "Suite 400"),
            ("Business City", "San Francisco"),
            ("Business State", "CA"),
            ("Business Postal Code", "94105"),
            ("Business Country/Region", "United States"),
            ("Home City", "Oakland"),
            ("Assistant's Phone", "+1 415 555 0199"),
            ("Business Phone", "+1 415 555 0101"),
            ("Mobile Phone", "+1 415 555 0102"),
            ("Primary Phone", "+1 415 555 0101"),
            ("Account", "ACC-77"),
            ("E-mail Address", "david.miller@globex.example"),
            ("E-mail Type", "SMTP"),
            (
                "E-mail Display Name",
                "David Miller (david.miller@globex.example)",
            ),
            ("E-mail 2 Address", "dm@home.example"),
            ("Categories", "Clients;VIP"),
            ("Notes", "Prefers calls after 3pm"),
            ("Web Page", "https://globex.example"),
            ("Birthday", "4/12/1985"),
        ],
        vec![
            ("First Name", "Erin"),
            ("Last Name", "Ng"),
            ("Home Street", "22 Elm Rd"),
            ("Home City", "Portland"),
            ("Home State", "OR"),
            ("Home Phone", "503-555-0123"),
            ("Birthday", "0/0/00"),
        ],
    ]
}

fn outlook_fixture(header: &str, delimiter: char) -> String {
    let rows = outlook_rows();
    let borrowed: Vec<&[(&str, &str)]> = rows.iter().map(Vec::as_slice).collect();
    export(header, delimiter, true, &borrowed)
}

#[test]
fn outlook_csv_is_recognised_and_job_title_is_the_title_not_the_honorific() {
    let (inspection, records) = import(outlook_fixture(OUTLOOK_HEADER, ',').as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Outlook);
    assert_eq!(column(&inspection, "Title").field, CsvField::Ignore);
    assert_eq!(column(&inspection, "Account").field, CsvField::Ignore);
    let david = &ok(&records)[0];
    assert_eq!(david.title, "VP Sales");
    assert_eq!(david.company, "Globex Corp");
    assert_eq!(
        (david.given_name.as_str(), david.family_name.as_str()),
        ("David", "Miller")
    );
}

#[test]
fn outlook_phone_and_email_columns_carry_their_labels() {
    let (_, records) = import(outlook_fixture(OUTLOOK_HEADER, ',').as_bytes());
    let david = &ok(&records)[0];
    assert_eq!(
        david.phones,
        vec![
            phone("work", "+1 415 555 0101"),
            phone("mobile", "+1 415 555 0102")
        ],
        "the assistant's phone is not the contact's, and the primary phone repeats the business one"
    );
    assert_eq!(
        david.emails,
        vec![
            email("", "david.miller@globex.example"),
            email("", "dm@home.example")
        ]
    );
    assert_eq!(david.tags, vec!["Clients", "VIP"]);
    assert_eq!(david.website, "https://globex.example");
    assert_eq!(
        david.notes,
        "Prefers calls after 3pm\nTitle: Dr.\nAssistant's Phone: +1 415 555 0199\nAccount: ACC-77\n\
         Address: Oakland",
        "unmapped columns are kept in the notes; the e-mail type and display name are Outlook's own"
    );
}

#[test]
fn outlook_business_address_wins_and_is_not_mixed_with_home() {
    let (_, records) = import(outlook_fixture(OUTLOOK_HEADER, ',').as_bytes());
    let contacts = ok(&records);
    assert_eq!(
        contacts[0].address,
        PostalAddress {
            street: "1 Market St\nSuite 400".into(),
            locality: "San Francisco".into(),
            region: "CA".into(),
            postal_code: "94105".into(),
            country: "United States".into(),
        }
    );
    assert_eq!(
        contacts[1].address.street, "22 Elm Rd",
        "home address when there is no business one"
    );
    assert_eq!(contacts[1].address.locality, "Portland");
}

#[test]
fn outlook_us_birthday_parses_and_zero_date_means_none() {
    let (_, records) = import(outlook_fixture(OUTLOOK_HEADER, ',').as_bytes());
    let contacts = ok(&records);
    assert_eq!(contacts[0].birthday, "1985-04-12");
    assert_eq!(contacts[1].birthday, "");
    assert_eq!(
        contacts[1].notes, "",
        "0/0/00 is not an unreadable date either"
    );
}

#[test]
fn outlook_utf16le_with_bom_is_decoded() {
    let text = outlook_fixture(OUTLOOK_HEADER, ',').replace("Miller", "Müller");
    let (inspection, records) = import(&utf16le_with_bom(&text));
    assert_eq!(inspection.layout, CsvLayout::Outlook);
    assert_eq!(
        column(&inspection, "First Name").index,
        0,
        "BOM is not part of the first header"
    );
    let contacts = ok(&records);
    assert_eq!(contacts[0].family_name, "Müller");
    assert_eq!(contacts[1].given_name, "Erin");
}

#[test]
fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
    let text = "Name,Email\r\nZoë Kim,zoe@example.com\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for data in [le, be] {
        let (_, records) = import(&data);
        assert_eq!(ok(&records)[0].display_name, "Zoë Kim");
    }
}

#[test]
fn outlook_semicolon_delimited_european_variant_with_day_first_dates() {
    let header = OUTLOOK_HEADER.replace(',', ";");
    let text = outlook_fixture(&header, ';')
        .replace("4/12/1985", "12.04.1985")
        .replace("Miller", "Müller");
    let (inspection, records) = import(text.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Outlook);
    let david = &ok(&records)[0];
    assert_eq!(david.family_name, "Müller");
    assert_eq!(david.birthday, "1985-04-12");
    assert_eq!(
        david.tags,
        vec!["Clients", "VIP"],
        "a quoted ';' inside a cell is not a delimiter"
    );
}

// ---------------------------------------------------------------- LinkedIn

const LINKEDIN: &str = "Notes:\r\n\"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see email addresses for connections who have allowed their connections to see or download their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn more about this here: https://www.linkedin.com/help/linkedin/answer/261\"\r\n\r\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\nPriya,Patel,https://www.linkedin.com/in/priyapatel,,Umbrella Corp,Procurement Lead,12 Mar 2024\r\nTom,O'Brien,https://www.linkedin.com/in/tobrien,tom@obrien.example,\"Stark, Wayne & Co\",CFO,03 Jan 2023\r\n";

#[test]
fn linkedin_preamble_is_skipped_and_header_line_reported() {
    let (inspection, records) = import(LINKEDIN.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Linkedin);
    assert_eq!(inspection.header_line, 4);
    assert_eq!(inspection.columns.len(), 7);
    assert_eq!(lines(&records), vec![5, 6]);
}

#[test]
fn linkedin_connection_becomes_profile_met_on_and_met_where() {
    let (_, records) = import(LINKEDIN.as_bytes());
    let contacts = ok(&records);
    let priya = &contacts[0];
    assert_eq!(
        priya.profiles,
        vec![Profile {
            kind: ProfileKind::Linkedin,
            url: "https://www.linkedin.com/in/priyapatel".into()
        }]
    );
    assert_eq!(priya.met_on, NaiveDate::from_ymd_opt(2024, 3, 12));
    assert_eq!(priya.met_where, "LinkedIn");
    assert_eq!(priya.title, "Procurement Lead");
    assert!(priya.emails.is_empty());
    let tom = &contacts[1];
    assert_eq!(tom.family_name, "O'Brien");
    assert_eq!(tom.company, "Stark, Wayne & Co");
    assert_eq!(tom.emails, vec![email("", "tom@obrien.example")]);
    assert_eq!(tom.met_on, NaiveDate::from_ymd_opt(2023, 1, 3));
}

// ---------------------------------------------------------------- custom

#[test]
fn custom_semicolon_csv_gets_a_best_guess_mapping() {
    let data = "Name;E-mail;Phone;Company\r\nJan de Vries;jan@vries.example;+31 20 123 4567;Vries BV\r\n;;;Solo Ltd\r\n";
    let (inspection, records) = import(data.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Custom);
    let fields: Vec<CsvField> = inspection.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        vec![
            CsvField::DisplayName,
            CsvField::Email,
            CsvField::Phone,
            CsvField::Company
        ]
    );
    let contacts = ok(&records);
    assert_eq!(contacts[0].display_name, "Jan de Vries");
    assert_eq!(contacts[0].emails, vec![email("", "jan@vries.example")]);
    assert_eq!(contacts[0].phones, vec![phone("", "+31 20 123 4567")]);
    assert_eq!(contacts[0].company, "Vries BV");
    assert_eq!(contacts[1].display_name, "Solo Ltd");
}

#[test]
fn custom_headers_map_common_names_and_unknown_ones_are_ignored() {
    let data = "Full Name\tJob Title\tOrganization\tMobile\tWork Email\tWebsite\tCity\tCountry\tTags\tFavourite Colour\r\nLi Wei\tBuyer\tHuaxia Ltd\t+86 10 1234 5678\tli@huaxia.example\thuaxia.example\tBeijing\tChina\tasia, trade fair\tblue\r\n";
    let (inspection, records) = import(data.as_bytes());
    let mapped: Vec<(CsvField, &str)> = inspection
        .columns
        .iter()
        .map(|c| (c.field, c.label.as_str()))
        .collect();
    assert_eq!(
        mapped,
        vec![
            (CsvField::DisplayName, ""),
            (CsvField::Title, ""),
            (CsvField::Company, ""),
            (CsvField::Phone, "mobile"),
            (CsvField::Email, "work"),
            (CsvField::Website, ""),
            (CsvField::Locality, ""),
            (CsvField::Country, ""),
            (CsvField::Tags, ""),
            (CsvField::Ignore, ""),
        ]
    );
    let li = &ok(&records)[0];
    assert_eq!(
        li.tags,
        vec!["asia", "trade fair"],
        "custom tags split on commas"
    );
    assert_eq!(li.phones, vec![phone("mobile", "+86 10 1234 5678")]);
    assert_eq!(li.address.country, "China");
}

#[test]
fn headers_seen_in_crm_and_phone_exports_map_to_their_fields() {
    let data = "Contact First Name,Contact Last Name,Contact Email,Business,Mobile Phone Number,\
                Business Phone,Home Phone,Other Phone,Contact Phone,Mailing Street,Mailing City,\
                State/Region,Mailing Zip/Postal Code,Mailing Country,Company Name,E-mail Address,\
                Email Address,Organization\r\n\
                Ada,Lovelace,ada@engines.example,Engines,,,,,,,,,,,,,,\r\n";
    let (inspection, records) = import(data.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Custom);
    let mapped: Vec<(CsvField, &str)> = inspection
        .columns
        .iter()
        .map(|c| (c.field, c.label.as_str()))
        .collect();
    assert_eq!(
        mapped,
        vec![
            (CsvField::GivenName, ""),
            (CsvField::FamilyName, ""),
            (CsvField::Email, ""),
            (CsvField::Company, ""),
            (CsvField::Phone, "mobile"),
            (CsvField::Phone, "work"),
            (CsvField::Phone, "home"),
            (CsvField::Phone, "other"),
            (CsvField::Phone, ""),
            (CsvField::Street, ""),
            (CsvField::Locality, ""),
            (CsvField::Region, ""),
            (CsvField::PostalCode, ""),
            (CsvField::Country, ""),
            (CsvField::Company, ""),
            (CsvField::Email, ""),
            (CsvField::Email, ""),
            (CsvField::Company, ""),
        ]
    );
    let ada = &ok(&records)[0];
    assert_eq!(ada.emails, vec![email("", "ada@engines.example")]);
    assert_eq!(ada.company, "Engines");
    assert!(records[0].warnings.is_empty(), "{:?}", records[0].warnings);
}

#[test]
fn unmapped_columns_are_kept_in_the_notes_and_the_first_record_names_them_once() {
    let data = "Name,Email,Spouse,Favourite Colour,,Gender\r\n\
                Ada,ada@engines.example,William,,ring twice,Unspecified\r\n\
                Grace,grace@navy.example,,Blue,,\r\n";
    let (_, records) = import(data.as_bytes());
    let contacts = ok(&records);
    assert_eq!(contacts[0].notes, "Spouse: William\nColumn 5: ring twice");
    assert_eq!(contacts[1].notes, "Favourite Colour: Blue");
    assert_eq!(
        records[0].warnings,
        ["columns kept in the notes, as \"Column: value\": Spouse, Favourite Colour, Column 5"],
        "Gender held only Outlook's filler, so it is no column kept"
    );
    assert!(records[1].warnings.is_empty());
}

#[test]
fn a_proposed_column_set_to_ignore_on_the_mapping_screen_stays_out_of_the_notes() {
    let data = "Name,Email,Spouse\r\nAda,ada@engines.example,William\r\n";
    let mut columns = inspect_csv(data.as_bytes()).unwrap().columns;
    columns[1].field = CsvField::Ignore;
    let records = read_csv(data.as_bytes(), &columns);
    let ada = &ok(&records)[0];
    assert!(ada.emails.is_empty());
    assert_eq!(
        ada.notes, "Spouse: William",
        "the user chose to drop the email"
    );
    assert_eq!(
        records[0].warnings,
        ["columns kept in the notes, as \"Column: value\": Spouse"]
    );
}

#[test]
fn outlook_bookkeeping_and_default_fillers_stay_out_of_the_notes() {
    let header = "First Name,Last Name,Department,Anniversary,E-mail Address,E-mail Type,\
                  E-mail Display Name,E-mail 2 Address,E-mail 2 Type,Gender,Initials,Priority,\
                  Private,Sensitivity,Spouse";
    let data = export(
        header,
        ',',
        true,
        &[&[
            ("First Name", "David"),
            ("Last Name", "Miller"),
            ("Department", "Purchasing"),
            ("Anniversary", "0/0/00"),
            ("E-mail Address", "david@globex.example"),
            ("E-mail Type", "SMTP"),
            ("E-mail Display Name", "David Miller (david@globex.example)"),
            ("E-mail 2 Type", "SMTP"),
            ("Gender", "Unspecified"),
            ("Initials", "D.M."),
            ("Priority", "Normal"),
            ("Private", "False"),
            ("Sensitivity", "Normal"),
            ("Spouse", "Sarah"),
        ]],
    );
    let (inspection, records) = import(data.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Outlook);
    assert_eq!(
        ok(&records)[0].notes,
        "Department: Purchasing\nSpouse: Sarah"
    );
    assert_eq!(
        records[0].warnings,
        ["columns kept in the notes, as \"Column: value\": Department, Spouse"]
    );
}

#[test]
fn windows_1252_file_decodes_umlauts_and_accents() {
    let text = "Name;E-mail;Phone;Company\r\nJürgen Müller;jm@example.de;;Müller & Söhne\r\nRenée Faÿ;renee@example.fr;;Société Générale\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture really is not UTF-8"
    );
    let (_, records) = import(&bytes);
    let contacts = ok(&records);
    assert_eq!(contacts[0].display_name, "Jürgen Müller");
    assert_eq!(contacts[0].company, "Müller & Söhne");
    assert_eq!(contacts[1].display_name, "Renée Faÿ");
}

#[test]
fn excel_sep_line_sets_the_delimiter_and_is_not_the_header() {
    let data = "sep=;\r\nName;Company;Notes\r\nAda Lovelace;Engines, Ltd;a,b\r\n";
    let (inspection, records) = import(data.as_bytes());
    assert_eq!(inspection.header_line, 2);
    assert_eq!(inspection.columns.len(), 3);
    let ada = &ok(&records)[0];
    assert_eq!(ada.company, "Engines, Ltd");
    assert_eq!(lines(&records), vec![3]);
}

#[test]
fn utf8_bom_is_stripped_from_the_first_header() {
    let data = "\u{feff}First Name,Last Name,Email\r\nAda,Lovelace,ada@example.com\r\n";
    let (inspection, records) = import(data.as_bytes());
    assert_eq!(inspection.columns[0].header, "First Name");
    assert_eq!(inspection.columns[0].field, CsvField::GivenName);
    assert_eq!(ok(&records)[0].given_name, "Ada");
}

// ---------------------------------------------------------------- rows, lines and rejections

#[test]
fn multi_line_quoted_notes_keep_later_rows_on_their_own_lines() {
    let data = "Name,Company,Notes\r\nAnna,Acme,\"First line\r\nsecond line\r\nthird line\"\r\nBen,Beta,short\r\n\r\nCleo,Gamma,\"x\ny\"\nDan,Delta,\n";
    let (_, records) = import(data.as_bytes());
    assert_eq!(lines(&records), vec![2, 5, 7, 9]);
    let contacts = ok(&records);
    assert_eq!(contacts[0].notes, "First line\r\nsecond line\r\nthird line");
    assert_eq!(contacts[1].display_name, "Ben");
}

#[test]
fn row_with_nothing_to_name_it_by_is_rejected_with_its_line_and_others_kept() {
    let data = "First Name,Last Name,Company,Email,Notes\r\nAda,Lovelace,,ada@example.com,\r\n,,,,Met at the fair\r\nAlan,Turing,,,\r\n";
    let (_, records) = import(data.as_bytes());
    assert_eq!(lines(&records), vec![2, 3, 4]);
    assert!(records[0].result.is_ok());
    assert_eq!(
        records[1].result,
        Err("line 3: no name, company, email or phone number to name it by".to_owned())
    );
    assert!(records[2].result.is_ok());
}

#[test]
fn blank_rows_are_skipped_not_rejected() {
    let data = "Name,Email\r\n,\r\n\r\n  ,  \r\nAda,ada@example.com\r\n";
    let (inspection, records) = import(data.as_bytes());
    assert_eq!(inspection.rows, 1);
    assert_eq!(lines(&records), vec![5]);
}

#[test]
fn row_with_the_wrong_number_of_cells_is_rejected_and_later_rows_are_read() {
    let data = "Name,Email,Company\r\nAda,ada@example.com,Engines\r\nShort,row\r\nDan,dan@example.com,Delta,\r\nEve,eve@example.com,Epsilon,extra\r\n";
    let (_, records) = import(data.as_bytes());
    assert_eq!(lines(&records), vec![2, 3, 4, 5]);
    assert!(records[0].result.is_ok());
    assert_eq!(
        records[1].result,
        Err("line 3: 2 cells where the header has 3; a stray quote or delimiter may have shifted the columns".to_owned())
    );
    assert_eq!(
        records[2].result.as_ref().map(|c| c.company.as_str()),
        Ok("Delta"),
        "a trailing empty cell beyond the header is harmless"
    );
    assert!(
        records[3]
            .result
            .as_ref()
            .is_err_and(|e| e.starts_with("line 5: 4 cells"))
    );
}

#[test]
fn lone_quote_swallows_the_rest_of_the_file_into_one_rejected_row() {
    let data = "Name,Email,Company\r\nAda,ada@example.com,Engines\r\nBroken,\"unterminated\r\nCleo,cleo@example.com,Gamma\r\n";
    let (_, records) = import(data.as_bytes());
    assert_eq!(lines(&records), vec![2, 3]);
    assert!(records[0].result.is_ok());
    assert!(
        records[1]
            .result
            .as_ref()
            .is_err_and(|e| e.starts_with("line 3: 2 cells"))
    );
}

#[test]
fn unreadable_dates_and_stages_are_kept_in_the_notes() {
    let data = "Name,Birthday,Stage,Met On,Notes\r\nAda,sometime in May,hot lead,last spring,Likes tea\r\nBob,31.02.1990,customer,2024-05-06,\r\n";
    let (_, records) = import(data.as_bytes());
    let contacts = ok(&records);
    assert_eq!(
        contacts[0].notes,
        "Likes tea\nBirthday: sometime in May\nStage: hot lead\nMet on: last spring"
    );
    assert_eq!(contacts[0].stage, Stage::Prospect);
    assert_eq!(contacts[1].notes, "Birthday: 31.02.1990");
    assert_eq!(contacts[1].stage, Stage::Customer);
    assert_eq!(contacts[1].met_on, NaiveDate::from_ymd_opt(2024, 5, 6));
}

#[test]
fn dates_in_the_formats_exports_use_are_read() {
    let full = |y, m, d| DateCell::Full(NaiveDate::from_ymd_opt(y, m, d).unwrap());
    assert_eq!(parse_date("1985-04-12"), full(1985, 4, 12));
    assert_eq!(parse_date("1985-04-12T00:00:00Z"), full(1985, 4, 12));
    assert_eq!(parse_date("4/12/1985"), full(1985, 4, 12));
    assert_eq!(parse_date("4/12/1985 0:00:00"), full(1985, 4, 12));
    assert_eq!(parse_date("25/12/1985"), full(1985, 12, 25));
    assert_eq!(parse_date("12.04.1985"), full(1985, 4, 12));
    assert_eq!(parse_date("19850412"), full(1985, 4, 12));
    assert_eq!(parse_date("12 Mar 2024"), full(2024, 3, 12));
    assert_eq!(parse_date("March 12, 2024"), full(2024, 3, 12));
    assert_eq!(parse_date("--02-29"), DateCell::NoYear(2, 29));
    assert_eq!(parse_date("0000-07-04"), DateCell::NoYear(7, 4));
    assert_eq!(parse_date("4/12/85"), DateCell::NoYear(4, 12));
    assert_eq!(parse_date("0/0/00"), DateCell::Blank);
    assert_eq!(parse_date("1/1/4501"), DateCell::Blank);
    assert_eq!(parse_date(""), DateCell::Blank);
    assert_eq!(parse_date("13/13/2000"), DateCell::Invalid);
    assert_eq!(parse_date("soon"), DateCell::Invalid);
}

#[test]
fn neutralising_quote_is_stripped_only_before_formula_characters() {
    let data = "Name,Phone,Notes\r\n'=Ada,'+1 415 555 0100,'-5\r\nO'Neil,'12,'@home\r\n";
    let (_, records) = import(data.as_bytes());
    let contacts = ok(&records);
    assert_eq!(contacts[0].display_name, "=Ada");
    assert_eq!(contacts[0].phones, vec![phone("", "+1 415 555 0100")]);
    assert_eq!(contacts[0].notes, "-5");
    assert_eq!(contacts[1].display_name, "O'Neil");
    assert_eq!(contacts[1].phones, vec![phone("", "'12")]);
    assert_eq!(contacts[1].notes, "@home");
}

#[test]
fn empty_or_blank_file_is_an_error() {
    assert!(inspect_csv(b"").is_err());
    assert!(inspect_csv(b"\r\n  \r\n").is_err());
    assert!(read_csv(b"", &[]).is_empty());
}

#[test]
fn header_only_file_is_refused_as_holding_no_contacts() {
    let data = b"Name,Email\r\n";
    let err = inspect_csv(data).unwrap_err();
    assert!(
        err.starts_with("no contacts found: nothing follows the line \"Name,Email\""),
        "{err}"
    );
    assert!(read_csv(data, &[]).is_empty());
}

#[test]
fn sample_holds_at_most_five_rows_as_written() {
    let mut data = String::from("Name,Phone\n");
    for i in 0..8 {
        data.push_str(&format!("Person {i},'+1 555 000{i}\n"));
    }
    let inspection = inspect_csv(data.as_bytes()).unwrap();
    assert_eq!(inspection.rows, 8);
    assert_eq!(inspection.sample.len(), 5);
    assert_eq!(inspection.sample[0], vec!["Person 0", "'+1 555 0000"]);
}

#[test]
fn columns_out_of_range_or_unsorted_do_not_panic() {
    let data = b"Name,Email\r\nAda,ada@example.com\r\n";
    let columns = vec![
        CsvColumn {
            index: 7,
            header: "ghost".into(),
            field: CsvField::Phone,
            label: String::new(),
        },
        CsvColumn {
            index: 1,
            header: "Email".into(),
            field: CsvField::Email,
            label: "work".into(),
        },
        CsvColumn {
            index: 0,
            header: "Name".into(),
            field: CsvField::DisplayName,
            label: String::new(),
        },
    ];
    let contacts = ok(&read_csv(data, &columns));
    assert_eq!(contacts[0].emails, vec![email("work", "ada@example.com")]);
    assert!(contacts[0].phones.is_empty());
}

#[test]
fn garbage_ragged_rows_lone_quotes_and_large_inputs_never_panic() {
    // A fixed-seed generator: reproducible without a dependency.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet = b"ab,;\t\"'\r\n=+-@ \xff\xfe\x00\xef\xbb\xbf0123456789/.:";
    for len in [1, 2, 3, 7, 64, 1000, 20_000] {
        for _ in 0..20 {
            let data: Vec<u8> = (0..len)
                .map(|_| alphabet[usize::try_from(next() % alphabet.len() as u64).unwrap()])
                .collect();
            if let Ok(inspection) = inspect_csv(&data) {
                assert_eq!(read_csv(&data, &inspection.columns).len(), inspection.rows);
            }
        }
    }
    for data in [
        &b"\""[..],
        b"Name\n\"",
        b"Name,Email\n\"Ada,ada@example.com\n",
        b"Name,Email\nA\"da,x\"y\"z\n",
        b"\xff\xfe",
        b"\xfe\xff\x00",
        b"Notes:\n\n",
        b"Notes:\n\"x\n\n",
        b"Name,Email\nAda,a,b,c,d,e\n,\nB\n",
    ] {
        if let Ok(inspection) = inspect_csv(data) {
            assert_eq!(read_csv(data, &inspection.columns).len(), inspection.rows);
        }
    }

    // About 5 MB of ordinary rows, one of them ragged.
    let mut big = String::from("First Name,Last Name,Email,Phone,Company,Notes\r\n");
    let mut n = 0;
    while big.len() < 5_000_000 {
        n += 1;
        big.push_str(&format!(
            "Given{n},Family{n},p{n}@example.com,+1 555 {n:07},Company {n},\"note {n}\nmore\"\r\n"
        ));
    }
    big.push_str("Ragged,Row\r\n");
    let (inspection, records) = import(big.as_bytes());
    assert_eq!(inspection.rows, n + 1);
    assert_eq!(records.iter().filter(|r| r.result.is_err()).count(), 1);
    assert_eq!(records[1].position, RecordPosition::Line(4));
}

// ---------------------------------------------------------------- export

fn varied_contacts() -> Vec<ContactFields> {
    vec![
        ContactFields {
            given_name: "Anna".into(),
            family_name: "Schmidt".into(),
            display_name: "Dr. Anna Schmidt".into(),
            title: "Head of Purchasing".into(),
            company: "Acme, Inc.".into(),
            phones: vec![
                phone("mobile", "+49 170 1234567"),
                phone("work", "030 987654"),
                phone("", "-5"),
            ],
            emails: vec![
                email("work", "anna@acme.example"),
                email("home", "anna@home.example"),
            ],
            website: "https://acme.example".into(),
            address: PostalAddress {
                street: "Hauptstr. 5\nHinterhaus".into(),
                locality: "Berlin".into(),
                region: "BE".into(),
                postal_code: "10115".into(),
                country: "Germany".into(),
            },
            profiles: vec![Profile {
                kind: ProfileKind::Linkedin,
                url: "https://www.linkedin.com/in/annaschmidt".into(),
            }],
            met_where: "Hannover Messe; hall 7".into(),
            met_on: NaiveDate::from_ymd_opt(2024, 4, 22),
            notes: "Said \"call me in May\"\nBudget: =big".into(),
            tags: vec!["Clients".into(), "DACH".into()],
            stage: Stage::Customer,
            time_zone: "Europe/Berlin".into(),
            birthday: "1985-04-12".into(),
            ..ContactFields::default()
        },
        ContactFields {
            given_name: "=HYPERLINK(\"http://evil.example\",\"x\")".into(),
            family_name: "@SUM(A1:A2)".into(),
            display_name: "Müller, Renée".into(),
            company: "'=quoted already".into(),
            tags: vec!["Smith, Jones".into()],
            birthday: "--07-04".into(),
            stage: Stage::DoNotContact,
            ..ContactFields::default()
        },
        ContactFields {
            display_name: "Initech".into(),
            company: "Initech".into(),
            phones: vec![phone("fax", "+1 415 555 0100")],
            profiles: vec![
                Profile {
                    kind: ProfileKind::Linkedin,
                    url: "https://linkedin.com/company/initech".into(),
                },
                Profile {
                    kind: ProfileKind::Linkedin,
                    url: "https://linkedin.com/in/bill".into(),
                },
            ],
            stage: Stage::PastCustomer,
            ..ContactFields::default()
        },
    ]
}

#[test]
fn export_has_one_header_crlf_lines_and_rfc4180_quoting() {
    let csv = write_csv(&varied_contacts());
    let header = csv.split("\r\n").next().unwrap();
    assert_eq!(
        header,
        "Display Name,Given Name,Family Name,Title,Company,Email 1 - Label,Email 1 - Value,Email 2 - Label,Email 2 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Phone 3 - Label,Phone 3 - Value,Website,Profile 1 - Service,Profile 1 - URL,Profile 2 - Service,Profile 2 - URL,Street,City,Region,Postal Code,Country,Met Where,Met On,Stage,Tags,Birthday,Time Zone,Preferred Channels,Contact Every Days,Best Times,Notes"
    );
    assert!(csv.ends_with("\r\n"));
    assert!(csv.contains("\"Acme, Inc.\""));
    assert!(csv.contains("\"Said \"\"call me in May\"\"\nBudget: =big\""));
    assert!(csv.contains("\"Clients\nDACH\""), "one tag a line");
}

#[test]
fn export_neutralises_cells_a_spreadsheet_would_run() {
    let csv = write_csv(&varied_contacts());
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""));
    assert!(csv.contains(",'@SUM(A1:A2),"));
    assert!(csv.contains(",'+49 170 1234567,"));
    assert!(csv.contains(",'+1 415 555 0100,"));
    assert!(csv.contains(",'-5,"));
    assert!(csv.contains(",'--07-04,"));
    assert!(
        csv.contains(",''=quoted already,"),
        "a value already starting with '= keeps its own quote"
    );
    assert!(
        csv.contains(",030 987654,"),
        "harmless cells are left alone"
    );
    let tab = write_csv([&ContactFields {
        display_name: "\tcmd".into(),
        ..ContactFields::default()
    }]);
    assert!(tab.contains("\"'\tcmd\""));
    // No cell of the export starts a formula.
    let mut reader = ::csv::ReaderBuilder::new().from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in &record.unwrap() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell:?}"
            );
        }
    }
}

#[test]
fn export_is_recognised_as_the_touchpoint_layout() {
    let csv = write_csv(&varied_contacts());
    let inspection = inspect_csv(csv.as_bytes()).unwrap();
    assert_eq!(inspection.layout, CsvLayout::Touchpoint);
    assert!(
        inspection
            .columns
            .iter()
            .all(|c| c.field != CsvField::Ignore)
    );
    let empty = write_csv(std::iter::empty());
    assert!(
        inspect_csv(empty.as_bytes())
            .is_err_and(|e| e.starts_with("no contacts found: nothing follows")),
        "an export of no contacts is a header alone: nothing to import"
    );
}

#[test]
fn export_then_import_gives_back_the_same_contacts() {
    let contacts = varied_contacts();
    let csv = write_csv(&contacts);
    let (_, records) = import(csv.as_bytes());
    assert_eq!(
        lines(&records),
        vec![2, 6, 7],
        "multi-line cells do not shift positions"
    );
    assert_eq!(ok(&records), contacts);
}

#[test]
fn export_round_trips_through_utf16_and_windows_line_endings_untouched() {
    let contacts = varied_contacts();
    let csv = write_csv(&contacts);
    let (_, records) = import(&utf16le_with_bom(&csv));
    assert_eq!(ok(&records), contacts);
}

#[test]
fn ipc_types_declare_camel_case_fields_and_snake_case_variants_for_typescript() {
    let cfg = ts_rs::Config::new();
    let inspection = CsvInspection::decl(&cfg);
    assert!(inspection.contains("headerLine: number"), "{inspection}");
    let layout = CsvLayout::decl(&cfg);
    assert!(layout.contains("\"google_contacts\""), "{layout}");
    let field = CsvField::decl(&cfg);
    assert!(
        field.contains("\"postal_code\"") && field.contains("\"met_on\""),
        "{field}"
    );
}

#[test]
fn an_export_written_before_profile_columns_is_still_read_as_touchpoint() {
    let csv = "Display Name,Given Name,Family Name,Title,Company,Email 1 - Label,Email 1 - Value,\
Phone 1 - Label,Phone 1 - Value,Website,LinkedIn 1,Street,City,Region,Postal Code,Country,\
Met Where,Met On,Stage,Tags,Birthday,Time Zone,Notes\r\n\
Ada,,,,,work,ada@example.com,,,,https://linkedin.com/in/ada,,,,,,,,customer,\"Clients; DACH\",,,\r\n";
    let (inspection, records) = import(csv.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Touchpoint);
    let ada = &ok(&records)[0];
    assert_eq!(ada.tags, ["Clients", "DACH"]);
    assert_eq!(
        ada.profiles,
        [Profile {
            kind: ProfileKind::Linkedin,
            url: "https://linkedin.com/in/ada".into(),
        }]
    );
    assert_eq!(ada.stage, Stage::Customer);
}

#[test]
fn a_second_address_in_an_outlook_row_is_kept_in_the_notes_and_said_so() {
    let (_, records) = import(outlook_fixture(OUTLOOK_HEADER, ',').as_bytes());
    let david = &records[0];
    let fields = ok(&records).remove(0);
    assert_eq!(
        fields.address.locality, "San Francisco",
        "the business address wins"
    );
    assert!(
        fields.notes.ends_with("\nAddress: Oakland"),
        "the home one is kept: {:?}",
        fields.notes
    );
    assert!(
        david
            .warnings
            .iter()
            .any(|w| w.contains("more than one address") && w.ends_with(": Oakland")),
        "{:?}",
        david.warnings
    );
    assert!(
        records[1].warnings.iter().all(|w| !w.contains("address")),
        "a row with one address says nothing of it: {:?}",
        records[1].warnings
    );
}

#[test]
fn google_address_2_is_kept_in_the_notes_with_every_part() {
    let csv = "First Name,Last Name,Labels,E-mail 1 - Value,\
               Address 1 - Label,Address 1 - Street,Address 1 - City,Address 1 - Postal Code,\
               Address 2 - Label,Address 2 - Street,Address 2 - City,Address 2 - Postal Code,Address 2 - Country\r\n\
               Ana,Silva,* myContacts,ana@example.com,\
               Work,Rua Augusta 10,Lisboa,1100-053,\
               Home,\"Rua do Ouro 5\nApt 2\",Porto,4000-001,Portugal\r\n";
    let (inspection, records) = import(csv.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::GoogleContacts);
    let ana = ok(&records).remove(0);
    assert_eq!(ana.address.street, "Rua Augusta 10");
    assert_eq!(ana.address.locality, "Lisboa");
    assert_eq!(
        ana.notes,
        "Address: Rua do Ouro 5, Apt 2, Porto, 4000-001, Portugal"
    );
    assert_eq!(records[0].warnings.len(), 1, "{:?}", records[0].warnings);
}

#[test]
fn thunderbird_export_is_recognised_and_its_email_phone_and_organization_columns_read() {
    let csv = "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,\
               Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,\
               Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,\
               Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,\
               Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes\n\
               ,,Acer America,,,,,(800) 000-0000,,,,,,,,,,,,,,,,,,,Acer America,,,,,,,,,,\n\
               Jo,Bloggs,Jo B.,,jo@example.com,jb@example.org,,,,,,+44 7700 900123,1 High St,,Leeds,,LS1 1AA,UK,\
               ,,,,,,Buyer,,Bloggs Ltd,https://bloggs.example,,1970,11,15,,,,,\n";
    let (inspection, records) = import(csv.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Thunderbird);
    let contacts = ok(&records);
    assert_eq!(
        contacts[0].display_name, "Acer America",
        "a company's own card is kept"
    );
    assert_eq!(contacts[0].company, "Acer America");
    assert_eq!(contacts[0].phones, vec![phone("work", "(800) 000-0000")]);
    let jo = &contacts[1];
    assert_eq!(
        (
            jo.display_name.as_str(),
            jo.title.as_str(),
            jo.company.as_str()
        ),
        ("Jo B.", "Buyer", "Bloggs Ltd")
    );
    assert_eq!(
        jo.emails,
        vec![email("", "jo@example.com"), email("", "jb@example.org")]
    );
    assert_eq!(jo.phones, vec![phone("mobile", "+44 7700 900123")]);
    assert_eq!(jo.address.locality, "Leeds");
    assert_eq!(jo.website, "https://bloggs.example");
    assert_eq!(jo.notes, "Birth Year: 1970\nBirth Month: 11\nBirth Day: 15");
}

#[test]
fn outlook_layout_converted_by_another_program_keeps_its_email_and_phone_columns() {
    let csv = "First Name,Last Name,Email Home,Email Work,Home Mobile,Business Phone,\
               Business Street,Work City,Other Street,Other City\r\n\
               Li,Wei,li@home.example,li@work.example,+86 139 1234 5678,+86 10 6552 9988,\
               1 Chang'an Ave,Beijing,2 Other Rd,Tianjin\r\n";
    let (inspection, records) = import(csv.as_bytes());
    assert_eq!(inspection.layout, CsvLayout::Outlook);
    let li = ok(&records).remove(0);
    assert_eq!(
        li.emails,
        vec![
            email("home", "li@home.example"),
            email("work", "li@work.example")
        ]
    );
    assert_eq!(
        li.phones,
        vec![
            phone("mobile", "+86 139 1234 5678"),
            phone("work", "+86 10 6552 9988")
        ]
    );
    assert_eq!(
        (li.address.street.as_str(), li.address.locality.as_str()),
        ("1 Chang'an Ave", "Beijing"),
        "two streets with columns between are two addresses, not two lines of one"
    );
    assert_eq!(li.notes, "Address: 2 Other Rd, Tianjin");
}

#[test]
fn numbered_email_columns_of_an_unknown_csv_are_all_emails() {
    let csv = "E-mail Address,E-mail 2 Address,E-mail 3 Address\n\
               a@example.com,b@example.com,c@example.com\n";
    let (_, records) = import(csv.as_bytes());
    let only = ok(&records).remove(0);
    let addresses: Vec<&str> = only.emails.iter().map(|e| e.address.as_str()).collect();
    assert_eq!(
        addresses,
        ["a@example.com", "b@example.com", "c@example.com"]
    );
    assert_eq!(only.display_name, "a@example.com");
}
