//! The header names of CSVs no known export wrote: CRMs, phones and
//! hand-made sheets, in the languages salespeople use.

use crate::transfer::csv::CsvField;

/// Best guess for a header of an unknown CSV: letters only, lower case,
/// without its numbers ("E-mail 2", "E-mail 2 Address" and "email" all give
/// "email…").
pub(super) fn custom(h: &str) -> (CsvField, &'static str) {
    let key: String = h
        .chars()
        .filter(|c| c.is_alphanumeric() && !c.is_ascii_digit())
        .flat_map(char::to_lowercase)
        .collect();
    let key = key.as_str();
    let field = match key {
        "name" | "fullname" | "displayname" | "contact" | "contactname" | "person"
        | "contactfullname" => CsvField::DisplayName,
        "firstname" | "givenname" | "first" | "forename" | "vorname" | "prénom" | "prenom"
        | "nombre" | "contactfirstname" => CsvField::GivenName,
        "middlename" | "additionalname" | "middle" => CsvField::MiddleName,
        "lastname" | "familyname" | "surname" | "last" | "nachname" | "nom" | "apellido"
        | "apellidos" | "contactlastname" => CsvField::FamilyName,
        "title" | "jobtitle" | "position" | "role" | "jobrole" | "designation"
        | "organizationtitle" | "organisationtitle" | "funktion" | "poste" | "cargo" => {
            CsvField::Title
        }
        "company"
        | "companyname"
        | "organization"
        | "organisation"
        | "organizationname"
        | "organisationname"
        | "org"
        | "employer"
        | "firm"
        | "firma"
        | "unternehmen"
        | "entreprise"
        | "société"
        | "societe"
        | "empresa"
        | "accountname"
        | "business"
        | "businessname"
        | "companyorganization"
        | "contactcompany" => CsvField::Company,
        "email"
        | "emailaddress"
        | "mail"
        | "emails"
        | "emailadresse"
        | "courriel"
        | "correo"
        | "contactemail"
        | "contactemailaddress"
        | "primaryemail"
        | "emailaddresses" => CsvField::Email,
        "workemail" | "businessemail" | "officeemail" => return (CsvField::Email, "work"),
        "homeemail" | "personalemail" | "privateemail" => return (CsvField::Email, "home"),
        "phone" | "telephone" | "tel" | "phonenumber" | "telephonenumber" | "telefon"
        | "telefonnummer" | "téléphone" | "teléfono" | "telefono" | "primaryphone" | "phones"
        | "contactphone" | "contactnumber" | "phonenumbers" => CsvField::Phone,
        "otherphone" => return (CsvField::Phone, "other"),
        "mobile" | "mobilephone" | "mobilenumber" | "cell" | "cellphone" | "cellular" | "handy"
        | "mobil" | "portable" | "celular" | "móvil" | "movil" | "mobilephonenumber"
        | "cellphonenumber" | "cellnumber" => {
            return (CsvField::Phone, "mobile");
        }
        "workphone"
        | "businessphone"
        | "officephone"
        | "directline"
        | "direct"
        | "workphonenumber"
        | "businessphonenumber"
        | "companyphone"
        | "mainphone" => {
            return (CsvField::Phone, "work");
        }
        "homephone" | "privatephone" | "homephonenumber" => return (CsvField::Phone, "home"),
        "fax" | "faxnumber" | "businessfax" | "telefax" => return (CsvField::Phone, "fax"),
        "website" | "web" | "webpage" | "webseite" | "url" | "homepage" | "site" | "www"
        | "internet" | "siteweb" => CsvField::Website,
        "linkedin" | "linkedinurl" | "linkedinprofile" | "linkedinprofileurl" | "profileurl" => {
            CsvField::Linkedin
        }
        "street" | "streetaddress" | "address" | "addressline" | "strasse" | "straße"
        | "adresse" | "businessstreet" | "rue" | "calle" | "mailingstreet" => CsvField::Street,
        "city" | "town" | "locality" | "ort" | "stadt" | "ville" | "ciudad" | "businesscity"
        | "mailingcity" => CsvField::Locality,
        "state"
        | "region"
        | "province"
        | "county"
        | "stateprovince"
        | "bundesland"
        | "businessstate"
        | "stateregion"
        | "mailingstate"
        | "mailingstateprovince" => CsvField::Region,
        "zip"
        | "zipcode"
        | "postalcode"
        | "postcode"
        | "plz"
        | "postleitzahl"
        | "codepostal"
        | "businesspostalcode"
        | "zippostalcode"
        | "mailingzippostalcode"
        | "mailingpostalcode" => CsvField::PostalCode,
        "country"
        | "countryregion"
        | "land"
        | "pays"
        | "país"
        | "pais"
        | "businesscountryregion"
        | "mailingcountry" => CsvField::Country,
        "notes" | "note" | "comments" | "comment" | "description" | "remarks" | "notizen"
        | "bemerkungen" | "memo" => CsvField::Notes,
        "tags" | "tag" | "labels" | "categories" | "category" | "groups" | "group"
        | "groupmembership" => CsvField::Tags,
        "birthday" | "birthdate" | "dateofbirth" | "dob" | "geburtstag" => CsvField::Birthday,
        "metwhere" | "wheremet" | "metat" | "wherewemet" | "source" | "leadsource" | "event" => {
            CsvField::MetWhere
        }
        "meton" | "datemet" | "metdate" | "whenmet" | "connectedon" => CsvField::MetOn,
        "stage" | "status" | "lifecyclestage" | "pipelinestage" | "leadstatus" => CsvField::Stage,
        "timezone" | "tz" | "zeitzone" => CsvField::TimeZone,
        _ => CsvField::Ignore,
    };
    (field, "")
}
