//! The columns of Thunderbird's address book export (also written by
//! SeaMonkey and read by Roundcube): a Home and a Work address, and
//! "Primary Email" where Outlook says "E-mail Address".

use crate::transfer::csv::CsvField;

/// Whether a header row is Thunderbird's: its e-mail and name columns are
/// named as no other export names them.
pub(super) fn is_thunderbird(has: &dyn Fn(&str) -> bool) -> bool {
    has("primary email") && has("display name") && (has("first name") || has("last name"))
}

/// The field (and fixed label) of a Thunderbird column. Nickname, Screen
/// Name, Department, the birth date's three columns and the four custom
/// ones are nothing the record holds: read_csv keeps them in the notes.
pub(super) fn thunderbird(h: &str) -> (CsvField, &'static str) {
    let field = match h {
        "first name" => CsvField::GivenName,
        "last name" => CsvField::FamilyName,
        "display name" => CsvField::DisplayName,
        "primary email" | "secondary email" => CsvField::Email,
        "work phone" => return (CsvField::Phone, "work"),
        "home phone" => return (CsvField::Phone, "home"),
        "fax number" => return (CsvField::Phone, "fax"),
        "pager number" => return (CsvField::Phone, "pager"),
        "mobile number" => return (CsvField::Phone, "mobile"),
        "job title" => CsvField::Title,
        "organization" => CsvField::Company,
        "web page 1" | "web page 2" => CsvField::Website,
        "notes" => CsvField::Notes,
        _ => {
            // Work before Home would be the salesperson's choice, but the
            // columns come Home first and read_csv keeps the first address
            // filled in, the other in the notes.
            let part = ["home ", "work "].iter().find_map(|p| h.strip_prefix(p));
            match part {
                Some("address" | "address 2") => CsvField::Street,
                Some("city") => CsvField::Locality,
                Some("state") => CsvField::Region,
                Some("zipcode") => CsvField::PostalCode,
                Some("country") => CsvField::Country,
                _ => CsvField::Ignore,
            }
        }
    };
    (field, "")
}
