//! Realistic pasted cards, signatures and LinkedIn blurbs, one test per shape.
//! Every test checks the fields that matter and the exact `unplaced` list.

use super::birthday::parse_birthday;
use super::*;

fn parse(s: &str) -> CardParse {
    parse_card_text(s)
}

fn phone(label: &str, number: &str) -> Phone {
    Phone {
        label: label.to_string(),
        number: number.to_string(),
        e164: None,
    }
}

fn email(label: &str, address: &str) -> Email {
    Email {
        label: label.to_string(),
        address: address.to_string(),
    }
}

fn profile(kind: ProfileKind, url: &str) -> Profile {
    Profile {
        kind,
        url: url.to_string(),
    }
}

fn address(
    street: &str,
    locality: &str,
    region: &str,
    postal_code: &str,
    country: &str,
) -> PostalAddress {
    PostalAddress {
        street: street.to_string(),
        locality: locality.to_string(),
        region: region.to_string(),
        postal_code: postal_code.to_string(),
        country: country.to_string(),
    }
}

/// Display, given and family name.
fn name(p: &CardParse) -> (&str, &str, &str) {
    let f = &p.fields;
    (&f.display_name, &f.given_name, &f.family_name)
}

const NOTHING: [&str; 0] = [];

// ---------------------------------------------------------------------------
// Business cards by country

#[test]
fn a_us_card_reads_city_state_and_zip() {
    let p = parse(
        "Jane Doe
VP of Sales
Acme Corporation
123 Main Street, Suite 400
San Francisco, CA 94105
(415) 555-0100
jane@acme.com
acme.com",
    );
    assert_eq!(name(&p), ("Jane Doe", "Jane", "Doe"));
    assert_eq!(p.fields.title, "VP of Sales");
    assert_eq!(p.fields.company, "Acme Corporation");
    assert_eq!(p.fields.phones, [phone("", "(415) 555-0100")]);
    assert_eq!(p.fields.emails, [email("", "jane@acme.com")]);
    assert_eq!(p.fields.website, "acme.com");
    assert_eq!(
        p.fields.address,
        address(
            "123 Main Street, Suite 400",
            "San Francisco",
            "CA",
            "94105",
            ""
        )
    );
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_us_card_with_a_po_box_and_dotted_numbers() {
    let p = parse(
        "Mike Johnson
Owner
Johnson Plumbing & Heating
PO Box 1234
Austin, TX 78701
Cell 512.555.0177
Fax 512.555.0178
mike@johnsonplumbing.com",
    );
    assert_eq!(name(&p), ("Mike Johnson", "Mike", "Johnson"));
    assert_eq!(p.fields.title, "Owner");
    assert_eq!(p.fields.company, "Johnson Plumbing & Heating");
    assert_eq!(
        p.fields.phones,
        [
            phone("mobile", "512.555.0177"),
            phone("fax", "512.555.0178")
        ]
    );
    assert_eq!(
        p.fields.address,
        address("PO Box 1234", "Austin", "TX", "78701", "")
    );
    assert_eq!(p.fields.emails, [email("", "mike@johnsonplumbing.com")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn an_all_caps_card_keeps_the_case_and_splits_two_phones_on_one_line() {
    let p = parse(
        "JOHN SMITH
SALES MANAGER
ACME INDUSTRIES INC.
TEL 212-555-0199  FAX 212-555-0198
JSMITH@ACMEIND.COM",
    );
    assert_eq!(name(&p), ("JOHN SMITH", "JOHN", "SMITH"));
    assert_eq!(p.fields.title, "SALES MANAGER");
    assert_eq!(p.fields.company, "ACME INDUSTRIES INC.");
    assert_eq!(
        p.fields.phones,
        [phone("work", "212-555-0199"), phone("fax", "212-555-0198")]
    );
    assert_eq!(p.fields.emails, [email("", "JSMITH@ACMEIND.COM")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_uk_card_reads_the_postcode_country_and_extension() {
    let p = parse(
        "Oliver Bennett
Head of Partnerships
Northwind Traders Ltd
221B Baker Street
London NW1 6XE
United Kingdom
Tel: +44 20 7946 0958 ext. 12
Mob: +44 7700 900123
oliver.bennett@northwind.co.uk
www.northwind.co.uk",
    );
    assert_eq!(name(&p), ("Oliver Bennett", "Oliver", "Bennett"));
    assert_eq!(p.fields.title, "Head of Partnerships");
    assert_eq!(p.fields.company, "Northwind Traders Ltd");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+44 20 7946 0958 ext. 12"),
            phone("mobile", "+44 7700 900123")
        ]
    );
    assert_eq!(
        p.fields.emails,
        [email("", "oliver.bennett@northwind.co.uk")]
    );
    assert_eq!(p.fields.website, "www.northwind.co.uk");
    assert_eq!(
        p.fields.address,
        address(
            "221B Baker Street",
            "London",
            "",
            "NW1 6XE",
            "United Kingdom"
        )
    );
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_german_card_reads_the_postcode_and_city() {
    let p = parse(
        "Dr. Katrin Schäfer
Geschäftsführerin
Müller & Schäfer GmbH
Friedrichstraße 123
10117 Berlin
Deutschland
Tel. +49 (0)30 1234567
Fax +49 (0)30 1234568
Mobil +49 151 23456789
k.schaefer@mueller-schaefer.de
www.mueller-schaefer.de",
    );
    assert_eq!(name(&p), ("Dr. Katrin Schäfer", "Katrin", "Schäfer"));
    assert_eq!(p.fields.title, "Geschäftsführerin");
    assert_eq!(p.fields.company, "Müller & Schäfer GmbH");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+49 (0)30 1234567"),
            phone("fax", "+49 (0)30 1234568"),
            phone("mobile", "+49 151 23456789")
        ]
    );
    assert_eq!(
        p.fields.emails,
        [email("", "k.schaefer@mueller-schaefer.de")]
    );
    assert_eq!(p.fields.website, "www.mueller-schaefer.de");
    assert_eq!(
        p.fields.address,
        address("Friedrichstraße 123", "Berlin", "", "10117", "Deutschland")
    );
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_swiss_card_reads_a_four_digit_postcode_and_a_direct_line() {
    let p = parse(
        "Sabine Keller
Leiterin Vertrieb
Alpen Software AG
Bahnhofstrasse 10
8001 Zürich
Schweiz
Telefon: +41 44 123 45 67
Direkt: +41 44 123 45 89
sabine.keller@alpensoftware.ch",
    );
    assert_eq!(name(&p), ("Sabine Keller", "Sabine", "Keller"));
    assert_eq!(p.fields.title, "Leiterin Vertrieb");
    assert_eq!(p.fields.company, "Alpen Software AG");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+41 44 123 45 67"),
            phone("direct", "+41 44 123 45 89")
        ]
    );
    assert_eq!(
        p.fields.address,
        address("Bahnhofstrasse 10", "Zürich", "", "8001", "Schweiz")
    );
    assert_eq!(
        p.fields.emails,
        [email("", "sabine.keller@alpensoftware.ch")]
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_french_card_reads_the_family_name_in_capitals() {
    let p = parse(
        "Jean DUPONT
Directeur Commercial
Société Générale de Conseil SAS
12 rue de la Paix
75002 Paris
France
Tél. : +33 1 23 45 67 89
Portable : +33 6 12 34 56 78
jean.dupont@sgconseil.fr",
    );
    assert_eq!(name(&p), ("Jean DUPONT", "Jean", "DUPONT"));
    assert_eq!(p.fields.title, "Directeur Commercial");
    assert_eq!(p.fields.company, "Société Générale de Conseil SAS");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+33 1 23 45 67 89"),
            phone("mobile", "+33 6 12 34 56 78")
        ]
    );
    assert_eq!(p.fields.emails, [email("", "jean.dupont@sgconseil.fr")]);
    assert_eq!(
        p.fields.address,
        address("12 rue de la Paix", "Paris", "", "75002", "France")
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_dutch_card_reads_a_postcode_with_letters_and_a_name_particle() {
    let p = parse(
        "Pieter van der Berg
Sales Director Benelux
Dutch Flower Exports B.V.
Keizersgracht 123
1015 CJ Amsterdam
Netherlands
T +31 20 123 4567
pieter@dutchflowers.nl",
    );
    assert_eq!(name(&p), ("Pieter van der Berg", "Pieter", "van der Berg"));
    assert_eq!(p.fields.title, "Sales Director Benelux");
    assert_eq!(p.fields.company, "Dutch Flower Exports B.V.");
    assert_eq!(p.fields.phones, [phone("work", "+31 20 123 4567")]);
    assert_eq!(
        p.fields.address,
        address(
            "Keizersgracht 123",
            "Amsterdam",
            "",
            "1015 CJ",
            "Netherlands"
        )
    );
    assert_eq!(p.fields.emails, [email("", "pieter@dutchflowers.nl")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_japanese_romanised_card_reads_family_name_first_in_capitals() {
    let p = parse(
        "TANAKA Hiroshi
General Manager, Overseas Sales Division
Sakura Trading Co., Ltd.
1-1-2 Otemachi, Chiyoda-ku
Tokyo 100-0004
Japan
Tel: +81-3-1234-5678
Mobile: +81-90-1234-5678
h.tanaka@sakura-trading.co.jp",
    );
    assert_eq!(name(&p), ("TANAKA Hiroshi", "Hiroshi", "TANAKA"));
    assert_eq!(p.fields.title, "General Manager, Overseas Sales Division");
    assert_eq!(p.fields.company, "Sakura Trading Co., Ltd.");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+81-3-1234-5678"),
            phone("mobile", "+81-90-1234-5678")
        ]
    );
    assert_eq!(
        p.fields.address,
        address(
            "1-1-2 Otemachi, Chiyoda-ku",
            "Tokyo",
            "",
            "100-0004",
            "Japan"
        )
    );
    assert_eq!(
        p.fields.emails,
        [email("", "h.tanaka@sakura-trading.co.jp")]
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn an_indian_card_reads_city_state_and_pin_code() {
    let p = parse(
        "Priya Raghavan
Senior Consultant
Infosys Technologies Pvt. Ltd.
4th Floor, Prestige Tower, MG Road
Bengaluru, Karnataka 560001
India
M: +91 98765 43210
priya.raghavan@infosys-tech.in",
    );
    assert_eq!(name(&p), ("Priya Raghavan", "Priya", "Raghavan"));
    assert_eq!(p.fields.title, "Senior Consultant");
    assert_eq!(p.fields.company, "Infosys Technologies Pvt. Ltd.");
    assert_eq!(p.fields.phones, [phone("mobile", "+91 98765 43210")]);
    assert_eq!(
        p.fields.address,
        address(
            "4th Floor, Prestige Tower, MG Road",
            "Bengaluru",
            "Karnataka",
            "560001",
            "India"
        )
    );
    assert_eq!(
        p.fields.emails,
        [email("", "priya.raghavan@infosys-tech.in")]
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn an_indian_card_matches_the_company_to_the_email_domain() {
    let p = parse(
        "Arjun Mehta
Business Development Manager
mobile: +91-98200-12345
e-mail: arjun.mehta@zenithsoft.in
Zenith Softworks
Mumbai",
    );
    assert_eq!(name(&p), ("Arjun Mehta", "Arjun", "Mehta"));
    assert_eq!(p.fields.title, "Business Development Manager");
    assert_eq!(p.fields.company, "Zenith Softworks");
    assert_eq!(p.fields.phones, [phone("mobile", "+91-98200-12345")]);
    assert_eq!(
        p.fields.emails,
        [email("work", "arjun.mehta@zenithsoft.in")]
    );
    // A lone city without a postal code is not trusted as an address.
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, ["Mumbai"]);
}

#[test]
fn a_brazilian_card_reads_the_cep_city_state_and_district() {
    let p = parse(
        "João Pedro Alves
Diretor de Vendas
Tecnologia Horizonte Ltda.
Av. Paulista, 1578 - 10º andar
Bela Vista
01310-200 São Paulo - SP
Brasil
Tel: +55 11 3456-7890
Cel: +55 11 98765-4321
joao.alves@horizonte.com.br
www.horizonte.com.br",
    );
    assert_eq!(name(&p), ("João Pedro Alves", "João Pedro", "Alves"));
    assert_eq!(p.fields.title, "Diretor de Vendas");
    assert_eq!(p.fields.company, "Tecnologia Horizonte Ltda.");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+55 11 3456-7890"),
            phone("mobile", "+55 11 98765-4321")
        ]
    );
    assert_eq!(p.fields.website, "www.horizonte.com.br");
    assert_eq!(
        p.fields.address,
        address(
            "Av. Paulista, 1578 - 10º andar\nBela Vista",
            "São Paulo",
            "SP",
            "01310-200",
            "Brasil"
        )
    );
    assert_eq!(p.fields.emails, [email("", "joao.alves@horizonte.com.br")]);
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_mexican_card_keeps_a_city_that_contains_the_country_name() {
    let p = parse(
        "Lucía Hernández
Gerente de Ventas
Grupo Solar del Norte S.A. de C.V.
Av. Reforma 222, Col. Juárez
06600 Ciudad de México, CDMX
México
Tel. +52 55 1234 5678
lucia.hernandez@solardelnorte.mx",
    );
    assert_eq!(name(&p), ("Lucía Hernández", "Lucía", "Hernández"));
    assert_eq!(p.fields.title, "Gerente de Ventas");
    assert_eq!(p.fields.company, "Grupo Solar del Norte S.A. de C.V.");
    assert_eq!(p.fields.phones, [phone("work", "+52 55 1234 5678")]);
    assert_eq!(
        p.fields.address,
        address(
            "Av. Reforma 222, Col. Juárez",
            "Ciudad de México",
            "CDMX",
            "06600",
            "México"
        )
    );
    assert_eq!(
        p.fields.emails,
        [email("", "lucia.hernandez@solardelnorte.mx")]
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn an_australian_card_reads_state_and_four_digit_postcode() {
    let p = parse(
        "Liam O'Connor
Account Executive
Southern Cross Pty Ltd
Level 5, 1 Martin Place
Sydney NSW 2000
Australia
P: (02) 9876 5432
M: 0412 345 678
liam@southerncross.com.au",
    );
    assert_eq!(name(&p), ("Liam O'Connor", "Liam", "O'Connor"));
    assert_eq!(p.fields.title, "Account Executive");
    assert_eq!(p.fields.company, "Southern Cross Pty Ltd");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "(02) 9876 5432"),
            phone("mobile", "0412 345 678")
        ]
    );
    assert_eq!(
        p.fields.address,
        address(
            "Level 5, 1 Martin Place",
            "Sydney",
            "NSW",
            "2000",
            "Australia"
        )
    );
    assert_eq!(p.fields.emails, [email("", "liam@southerncross.com.au")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_canadian_card_reads_province_and_postal_code_and_drops_post_nominals_from_the_name() {
    let p = parse(
        "Émilie Tremblay, CPA
VP Finance
Maple Leaf Analytics Inc.
100 King Street West, Suite 5600
Toronto, ON M5X 1C9
Canada
O: 416-555-0142
C: 647-555-0199
emilie.tremblay@mapleleafanalytics.ca",
    );
    assert_eq!(name(&p), ("Émilie Tremblay, CPA", "Émilie", "Tremblay"));
    assert_eq!(p.fields.title, "VP Finance");
    assert_eq!(p.fields.company, "Maple Leaf Analytics Inc.");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "416-555-0142"),
            phone("mobile", "647-555-0199")
        ]
    );
    assert_eq!(
        p.fields.address,
        address(
            "100 King Street West, Suite 5600",
            "Toronto",
            "ON",
            "M5X 1C9",
            "Canada"
        )
    );
    assert_eq!(
        p.fields.emails,
        [email("", "emilie.tremblay@mapleleafanalytics.ca")]
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_card_with_letter_prefixes_labels_the_email_and_reads_the_website() {
    let p = parse(
        "Marcus Lee
Regional Sales Manager
Brightpath Solutions
P: 604-555-0134
E: marcus.lee@brightpath.ca
W: brightpath.ca",
    );
    assert_eq!(name(&p), ("Marcus Lee", "Marcus", "Lee"));
    assert_eq!(p.fields.title, "Regional Sales Manager");
    assert_eq!(p.fields.company, "Brightpath Solutions");
    assert_eq!(p.fields.phones, [phone("work", "604-555-0134")]);
    assert_eq!(p.fields.emails, [email("work", "marcus.lee@brightpath.ca")]);
    assert_eq!(p.fields.website, "brightpath.ca");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_card_with_two_phones_and_two_emails_keeps_both_with_their_labels() {
    let p = parse(
        "Maria Garcia
Partner
Garcia & Partners
Direct: +1 305 555 0111
Cell: +1 305 555 0122
maria@garciapartners.com
Personal: maria.garcia@gmail.com",
    );
    assert_eq!(name(&p), ("Maria Garcia", "Maria", "Garcia"));
    assert_eq!(p.fields.title, "Partner");
    assert_eq!(p.fields.company, "Garcia & Partners");
    assert_eq!(
        p.fields.phones,
        [
            phone("direct", "+1 305 555 0111"),
            phone("mobile", "+1 305 555 0122")
        ]
    );
    assert_eq!(
        p.fields.emails,
        [
            email("", "maria@garciapartners.com"),
            email("home", "maria.garcia@gmail.com")
        ]
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn extensions_stay_part_of_the_number() {
    let p = parse(
        "Phone: (415) 555-0100 ext 7
Tel: +1 212 555 0100 x204
D: +44 20 7946 0000 #3",
    );
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "(415) 555-0100 ext 7"),
            phone("work", "+1 212 555 0100 x204"),
            phone("direct", "+44 20 7946 0000 #3")
        ]
    );
    assert_eq!(name(&p), ("", "", ""));
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_card_with_only_a_name_and_an_email() {
    let p = parse("Ravi Kumar\nravi.kumar@gmail.com");
    assert_eq!(name(&p), ("Ravi Kumar", "Ravi", "Kumar"));
    assert_eq!(p.fields.company, "");
    assert_eq!(p.fields.emails, [email("", "ravi.kumar@gmail.com")]);
    assert!(p.fields.phones.is_empty());
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_name_with_the_email_in_angle_brackets() {
    let p = parse("Jane Doe <jane@initech.com>");
    assert_eq!(name(&p), ("Jane Doe", "Jane", "Doe"));
    assert_eq!(p.fields.emails, [email("", "jane@initech.com")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_logo_line_above_the_name_is_the_company() {
    let p = parse(
        "NIMBUS
Hank Scorpio
President
hank.scorpio@gmail.com",
    );
    assert_eq!(name(&p), ("Hank Scorpio", "Hank", "Scorpio"));
    assert_eq!(p.fields.title, "President");
    assert_eq!(p.fields.company, "NIMBUS");
    assert_eq!(p.fields.emails, [email("", "hank.scorpio@gmail.com")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn honorifics_are_kept_in_the_display_name_only() {
    let p = parse(
        "Prof. Dr. Hans-Peter Müller
Head of Research
Institut für Angewandte Informatik
hp.mueller@iai-institut.de",
    );
    assert_eq!(
        name(&p),
        ("Prof. Dr. Hans-Peter Müller", "Hans-Peter", "Müller")
    );
    assert_eq!(p.fields.title, "Head of Research");
    assert_eq!(p.fields.company, "Institut für Angewandte Informatik");
    assert_eq!(p.fields.emails, [email("", "hp.mueller@iai-institut.de")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_title_wrapped_over_two_lines_is_joined() {
    let p = parse(
        "Senior Vice President
Global Sales & Marketing
Rachel Green
Fairway Capital Partners
rachel.green@fairwaycap.com",
    );
    assert_eq!(name(&p), ("Rachel Green", "Rachel", "Green"));
    assert_eq!(
        p.fields.title,
        "Senior Vice President, Global Sales & Marketing"
    );
    assert_eq!(p.fields.company, "Fairway Capital Partners");
    assert_eq!(p.fields.emails, [email("", "rachel.green@fairwaycap.com")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

// ---------------------------------------------------------------------------
// Email signatures

#[test]
fn a_pipe_signature_after_a_separator_drops_sent_from_my_iphone() {
    let p = parse(
        "--
Sam Patel | Account Executive | Initech LLC
T: +1 (512) 555-0143 | M: +1 (512) 555-0199
sam.patel@initech.com | www.initech.com

Sent from my iPhone",
    );
    assert_eq!(name(&p), ("Sam Patel", "Sam", "Patel"));
    assert_eq!(p.fields.title, "Account Executive");
    assert_eq!(p.fields.company, "Initech LLC");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+1 (512) 555-0143"),
            phone("mobile", "+1 (512) 555-0199")
        ]
    );
    assert_eq!(p.fields.emails, [email("", "sam.patel@initech.com")]);
    assert_eq!(p.fields.website, "www.initech.com");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_signature_with_title_comma_company_and_a_one_line_address() {
    let p = parse(
        "Tom Becker
Solutions Architect, Cloudway GmbH
Friedrichstraße 123, 10117 Berlin, Germany
T +49 30 901820 M +49 170 1234567
tom.becker@cloudway.de | cloudway.de",
    );
    assert_eq!(name(&p), ("Tom Becker", "Tom", "Becker"));
    assert_eq!(p.fields.title, "Solutions Architect");
    assert_eq!(p.fields.company, "Cloudway GmbH");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+49 30 901820"),
            phone("mobile", "+49 170 1234567")
        ]
    );
    assert_eq!(p.fields.website, "cloudway.de");
    assert_eq!(
        p.fields.address,
        address("Friedrichstraße 123", "Berlin", "", "10117", "Germany")
    );
    assert_eq!(p.fields.emails, [email("", "tom.becker@cloudway.de")]);
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_german_signature_drops_the_closing_and_disclaimer_but_keeps_the_legal_footer() {
    let p = parse(
        "Best regards,

Lena Fischer
Key Account Manager
Blue Harbor Logistics GmbH
Hafenstraße 5 · 20457 Hamburg
Tel. +49 40 555 1234 · Mobil +49 160 555 9876
lena.fischer@blueharbor.de

Blue Harbor Logistics GmbH · Sitz: Hamburg · Amtsgericht Hamburg HRB 123456 · Geschäftsführer: Jan Meyer
CONFIDENTIALITY NOTICE: This e-mail is confidential and intended only for the addressee. \
If you have received it in error, please notify the sender and delete it.",
    );
    assert_eq!(name(&p), ("Lena Fischer", "Lena", "Fischer"));
    assert_eq!(p.fields.title, "Key Account Manager");
    assert_eq!(p.fields.company, "Blue Harbor Logistics GmbH");
    assert_eq!(
        p.fields.phones,
        [
            phone("work", "+49 40 555 1234"),
            phone("mobile", "+49 160 555 9876")
        ]
    );
    assert_eq!(p.fields.emails, [email("", "lena.fischer@blueharbor.de")]);
    assert_eq!(
        p.fields.address,
        address("Hafenstraße 5", "Hamburg", "", "20457", "")
    );
    assert_eq!(
        p.unplaced,
        [
            "Sitz: Hamburg",
            "Amtsgericht Hamburg HRB 123456",
            "Geschäftsführer: Jan Meyer"
        ]
    );
}

#[test]
fn a_quoted_reply_reads_the_signature_and_leaves_the_chat_unplaced() {
    let p = parse(
        "Thanks Jane, talk Tuesday.

On Tue, Mar 3, 2024 at 10:02 AM Jane Doe <jane.doe@globex.com> wrote:
> Hi Sam, sending over the deck.
>
> Jane Doe
> Director of Partnerships | Globex Corporation
> +1 (212) 555-0187",
    );
    assert_eq!(name(&p), ("Jane Doe", "Jane", "Doe"));
    assert_eq!(p.fields.title, "Director of Partnerships");
    assert_eq!(p.fields.company, "Globex Corporation");
    assert_eq!(p.fields.phones, [phone("", "+1 (212) 555-0187")]);
    // The signature gave no address, so the reply header's is used.
    assert_eq!(p.fields.emails, [email("", "jane.doe@globex.com")]);
    assert_eq!(
        p.unplaced,
        [
            "Thanks Jane, talk Tuesday.",
            "Hi Sam, sending over the deck."
        ]
    );
}

#[test]
fn a_forwarded_outlook_header_gives_the_email_and_is_otherwise_dropped() {
    let p = parse(
        "From: Carlos Mendes <carlos.mendes@vendas.com.br>
Sent: Tuesday, March 5, 2024 9:14 AM
To: Sam Rivera <sam@touchpoint.test>
Subject: RE: Proposta

Obrigado!

Carlos Mendes
Gerente de Vendas",
    );
    assert_eq!(name(&p), ("Carlos Mendes", "Carlos", "Mendes"));
    assert_eq!(p.fields.title, "Gerente de Vendas");
    assert_eq!(p.fields.emails, [email("", "carlos.mendes@vendas.com.br")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_header_alone_still_names_the_sender() {
    let p = parse(
        "On Mon, 4 Mar 2024 at 09:00, Grace Hopper <grace@navy.example> wrote:\n> See you then.",
    );
    assert_eq!(name(&p), ("Grace Hopper", "Grace", "Hopper"));
    assert_eq!(p.fields.emails, [email("", "grace@navy.example")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, ["See you then."]);
}

#[test]
fn a_sentence_with_a_link_stays_whole_in_unplaced() {
    let p = parse(
        "Please write to my assistant at anna@acme.com, or see www.acme.com/deck.
Sam Rivera
sam@rivera.example",
    );
    assert_eq!(name(&p), ("Sam Rivera", "Sam", "Rivera"));
    assert_eq!(p.fields.emails, [email("", "sam@rivera.example")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(
        p.unplaced,
        ["Please write to my assistant at anna@acme.com, or see www.acme.com/deck."]
    );
}

#[test]
fn a_single_word_sign_off_is_the_name_when_the_email_agrees() {
    let p = parse(
        "Cheers,
Ada
ada@lovelace.dev
+44 7700 900456",
    );
    assert_eq!(name(&p), ("Ada", "Ada", ""));
    assert_eq!(p.fields.emails, [email("", "ada@lovelace.dev")]);
    assert_eq!(p.fields.phones, [phone("", "+44 7700 900456")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_signature_with_social_links_and_an_inline_birthday() {
    let p = parse(
        "Best,
Chris Walker | Founder & CEO | Tidewater Labs
10 Downing Street, London SW1A 2AA
chris@tidewaterlabs.co.uk | +44 20 7123 4567
github.com/chriswalker | https://www.linkedin.com/company/tidewater-labs
Birthday: 29 February",
    );
    assert_eq!(name(&p), ("Chris Walker", "Chris", "Walker"));
    assert_eq!(p.fields.title, "Founder & CEO");
    assert_eq!(p.fields.company, "Tidewater Labs");
    assert_eq!(p.fields.phones, [phone("", "+44 20 7123 4567")]);
    assert_eq!(
        p.fields.address,
        address("10 Downing Street", "London", "", "SW1A 2AA", "")
    );
    // A company page is not the person's LinkedIn, and neither is a website.
    assert_eq!(
        p.fields.profiles,
        [
            profile(ProfileKind::Other, "https://github.com/chriswalker"),
            profile(
                ProfileKind::Other,
                "https://www.linkedin.com/company/tidewater-labs"
            )
        ]
    );
    assert_eq!(p.fields.website, "");
    assert_eq!(p.fields.birthday, "--02-29");
    assert_eq!(p.fields.emails, [email("", "chris@tidewaterlabs.co.uk")]);
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn name_comma_title_and_a_bare_handle() {
    let p = parse(
        "Sarah Chen, Chief Revenue Officer
Lumen Health
sarah@lumenhealth.io
lumenhealth.io
@sarahchen",
    );
    assert_eq!(name(&p), ("Sarah Chen", "Sarah", "Chen"));
    assert_eq!(p.fields.title, "Chief Revenue Officer");
    assert_eq!(p.fields.company, "Lumen Health");
    assert_eq!(p.fields.website, "lumenhealth.io");
    assert_eq!(
        p.fields.profiles,
        [profile(ProfileKind::X, "https://x.com/sarahchen")]
    );
    assert_eq!(p.fields.emails, [email("", "sarah@lumenhealth.io")]);
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn title_at_company_with_an_x_url() {
    let p = parse(
        "Kenji Watanabe
Growth Lead @ Pixelwise
kenji@pixelwise.jp
x.com/kenjiw",
    );
    assert_eq!(name(&p), ("Kenji Watanabe", "Kenji", "Watanabe"));
    assert_eq!(p.fields.title, "Growth Lead");
    assert_eq!(p.fields.company, "Pixelwise");
    assert_eq!(
        p.fields.profiles,
        [profile(ProfileKind::X, "https://x.com/kenjiw")]
    );
    assert_eq!(p.fields.emails, [email("", "kenji@pixelwise.jp")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn company_dash_title_and_a_number_with_its_kind_in_words() {
    let p = parse(
        "Nadia Rahman
Orbit Freight Ltd – Head of Customer Success
+44 7700 900789 mobile
VP, Sales, Acme Inc.",
    );
    assert_eq!(name(&p), ("Nadia Rahman", "Nadia", "Rahman"));
    assert_eq!(p.fields.company, "Orbit Freight Ltd");
    assert_eq!(p.fields.title, "Head of Customer Success");
    assert_eq!(p.fields.phones, [phone("mobile", "+44 7700 900789")]);
    // A second title and company are left for the user to choose.
    assert_eq!(p.unplaced, ["VP, Sales", "Acme Inc."]);
}

#[test]
fn an_accidental_double_space_does_not_split_a_name() {
    let p = parse(
        "Mary  Ann Smith
mary@smithco.example",
    );
    assert_eq!(name(&p), ("Mary Ann Smith", "Mary Ann", "Smith"));
    assert_eq!(p.fields.emails, [email("", "mary@smithco.example")]);
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn only_noise_gives_an_empty_form() {
    let p = parse("--\nSent from my iPhone\nContact info\n___\n—");
    assert_eq!(p, CardParse::default());
}

// ---------------------------------------------------------------------------
// LinkedIn "Contact info" blurbs

#[test]
fn a_linkedin_blurb_reads_profile_email_phone_kind_and_birthday() {
    let p = parse(
        "Ada Lovelace
Contact info
Ada Lovelace’s Profile
linkedin.com/in/adalovelace
Websites
analyticalengine.org (Company)
Email
ada@example.com
Phone
+1 415 555 0100 (Mobile)
Birthday
December 10
Connected
March 3, 2024",
    );
    assert_eq!(name(&p), ("Ada Lovelace", "Ada", "Lovelace"));
    assert_eq!(
        p.fields.profiles,
        [profile(
            ProfileKind::Linkedin,
            "https://linkedin.com/in/adalovelace"
        )]
    );
    assert_eq!(p.fields.website, "analyticalengine.org");
    assert_eq!(p.fields.emails, [email("", "ada@example.com")]);
    assert_eq!(p.fields.phones, [phone("mobile", "+1 415 555 0100")]);
    assert_eq!(p.fields.birthday, "--12-10");
    // The connection date is LinkedIn's, not the contact's: left for the user.
    assert_eq!(p.unplaced, ["Connected", "March 3, 2024"]);
}

#[test]
fn a_linkedin_blurb_without_the_name_line_takes_it_from_the_profile_heading() {
    let p = parse(
        "Contact Info
Grace Hopper’s Profile
www.linkedin.com/in/gracehopper/
Phone
+1 202 555 0147 (Work)
Email
grace.hopper@navy.example",
    );
    assert_eq!(name(&p), ("Grace Hopper", "Grace", "Hopper"));
    assert_eq!(
        p.fields.profiles,
        [profile(
            ProfileKind::Linkedin,
            "https://www.linkedin.com/in/gracehopper/"
        )]
    );
    assert_eq!(p.fields.phones, [phone("work", "+1 202 555 0147")]);
    assert_eq!(p.fields.emails, [email("", "grace.hopper@navy.example")]);
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_linkedin_blurb_with_headline_location_twitter_and_full_birthday() {
    let p = parse(
        "Ada Lovelace
Analytical Engine Programmer at Babbage & Co.
London, United Kingdom
Contact info
Ada Lovelace’s Profile
linkedin.com/in/ada-lovelace-1815
Twitter
countessada
Email
ada@analyticalengine.org
Birthday
10 December 1815",
    );
    assert_eq!(name(&p), ("Ada Lovelace", "Ada", "Lovelace"));
    assert_eq!(p.fields.title, "Analytical Engine Programmer");
    assert_eq!(p.fields.company, "Babbage & Co.");
    assert_eq!(
        p.fields.address,
        address("", "London", "", "", "United Kingdom")
    );
    assert_eq!(
        p.fields.profiles,
        [
            profile(
                ProfileKind::Linkedin,
                "https://linkedin.com/in/ada-lovelace-1815"
            ),
            profile(ProfileKind::X, "https://x.com/countessada")
        ]
    );
    assert_eq!(p.fields.emails, [email("", "ada@analyticalengine.org")]);
    assert_eq!(p.fields.birthday, "1815-12-10");
    assert_eq!(p.fields.website, "");
    assert_eq!(p.unplaced, NOTHING);
}

#[test]
fn a_label_whose_value_cannot_be_read_stays_with_it_in_unplaced() {
    let p = parse("Birthday\nsometime in spring\nPhone\nask reception");
    assert_eq!(p.fields.birthday, "");
    assert!(p.fields.phones.is_empty());
    assert_eq!(
        p.unplaced,
        ["Birthday", "sometime in spring", "Phone", "ask reception"]
    );
}

// ---------------------------------------------------------------------------
// Pieces

#[test]
fn birthdays_in_the_usual_spellings() {
    assert_eq!(parse_birthday("December 10").as_deref(), Some("--12-10"));
    assert_eq!(parse_birthday("Dec 10th").as_deref(), Some("--12-10"));
    assert_eq!(
        parse_birthday("10 December 1815").as_deref(),
        Some("1815-12-10")
    );
    assert_eq!(
        parse_birthday("December 10, 1815").as_deref(),
        Some("1815-12-10")
    );
    assert_eq!(parse_birthday("10. Dezember").as_deref(), Some("--12-10"));
    assert_eq!(parse_birthday("1815-12-10").as_deref(), Some("1815-12-10"));
    assert_eq!(parse_birthday("10.12.1815").as_deref(), Some("1815-12-10"));
    assert_eq!(parse_birthday("--02-29").as_deref(), Some("--02-29"));
    assert_eq!(parse_birthday("February 30"), None);
    assert_eq!(parse_birthday("March 3, 2024, 10 am"), None);
    assert_eq!(parse_birthday(""), None);
}

#[test]
fn phone_shapes_from_around_the_world_are_numbers_and_dates_are_not() {
    for number in [
        "+49 (0)30 1234567",
        "(415) 555-0100",
        "+33 1 23 45 67 89",
        "+81-3-1234-5678",
        "+91 98765 43210",
        "+44 20 7946 0958 ext. 12",
        "555-0100",
    ] {
        assert_eq!(parse_phone(number), Some(phone("", number)), "{number}");
    }
    for not_a_number in [
        "2024-03-03",
        "10.12.1815",
        "12345",
        "Tokyo 100-0004",
        "+1 555 CALL NOW",
    ] {
        assert_eq!(parse_phone(not_a_number), None, "{not_a_number}");
    }
}

#[test]
fn bare_domains_need_a_known_lower_case_tld() {
    assert_eq!(url_of("acme.io").as_deref(), Some("acme.io"));
    assert_eq!(url_of("(www.acme.com).").as_deref(), Some("www.acme.com"));
    assert_eq!(url_of("ASP.NET"), None);
    assert_eq!(url_of("Inc."), None);
    assert_eq!(url_of("S.A."), None);
    assert_eq!(url_of("e.g."), None);
}

// ---------------------------------------------------------------------------
// Robustness

fn assert_survives(input: &str) {
    let p = parse(input);
    for line in &p.unplaced {
        assert!(!line.is_empty() && line.trim() == line, "{line:?}");
    }
}

#[test]
fn empty_and_blank_input_give_an_empty_form() {
    assert_eq!(parse(""), CardParse::default());
    assert_eq!(parse("  \n\t\r\n \u{a0} \u{200b}\n"), CardParse::default());
}

#[test]
fn hostile_input_never_panics() {
    // Every prefix of a realistic sample, cut at each character.
    let sample = "Jean DUPONT\nTél. : +33 1 23 45 67 89\n06600 Ciudad de México\nİ’s Profile\n〒100-0004\nK’s PROFILE";
    for (i, _) in sample.char_indices() {
        assert_survives(&sample[..i]);
    }
    // Pseudo-random bytes, decoded lossily as a paste would be.
    let mut state: u32 = 0x2545_f491;
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            state.to_le_bytes()[0]
        })
        .collect();
    assert_survives(&String::from_utf8_lossy(&bytes));
    for odd in [
        "\0\0\0",
        "@",
        "@@@@ a@ @b .@. http:// https://x",
        "(((((((((((",
        "+++++++++++++ ext ext ext",
        "x.com/",
        "’s Profile",
        "Birthday\n",
        ", , , , ,",
        "- - - - SP",
        "1-1-1-1-1-1-1-1-1-1-1",
        "🙂🙂🙂 Ṩ̵̡̛ḁ̷m̸ 𝒫𝒶𝓉𝑒𝓁 \u{202e}gnp.exe",
    ] {
        assert_survives(odd);
    }
}

#[test]
fn a_megabyte_of_text_and_very_long_lines_are_handled() {
    let card = "Jane Doe\nVP of Sales | Acme Inc.\nT: +1 415 555 0100\njane@acme.com\n123 Main St\nSan Francisco, CA 94105\n";
    let big = card.repeat((1 << 20) / card.len() + 1);
    let p = parse(&big);
    assert_eq!(p.fields.display_name, "Jane Doe");
    assert_eq!(p.fields.emails, [email("", "jane@acme.com")]);

    let long_line = "a@b.co www.acme.com +1 415 555 0100 ".repeat(30_000);
    assert_survives(&long_line);
    assert_survives(&"x".repeat(1 << 20));
    assert_survives(&"| ".repeat(1 << 19));
}

#[test]
fn the_typescript_shape_is_camel_case() {
    let decl = CardParse::decl(&ts_rs::Config::new());
    assert!(decl.contains("fields: ContactFields"), "{decl}");
    assert!(decl.contains("unplaced: Array<string>"), "{decl}");
}
