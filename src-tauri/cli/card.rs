//! `touchpoint parse-card`: what the paste-a-card parser makes of a text,
//! for checking a card or a signature before adding it, and for scripts.
//! A photo of a card is read first by Tesseract, as in the window.

use std::io::{self, Read, Write};
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use touchpoint_core::{CardParse, Email, PostalAddress, Profile};

use crate::cli::CliError;
use crate::ocr;

/// The fields found, with each phone's E.164 form under the database's region.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Found {
    given_name: String,
    family_name: String,
    title: String,
    company: String,
    emails: Vec<Email>,
    phones: Vec<FoundPhone>,
    website: String,
    profiles: Vec<Profile>,
    address: PostalAddress,
    birthday: String,
    unplaced: Vec<String>,
    /// The region national numbers were read in ("" when none is set).
    phone_region: String,
    /// For a photo: the text Tesseract read, and how long that took.
    #[serde(skip_serializing_if = "Option::is_none")]
    ocr: Option<OcrRead>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OcrRead {
    text: String,
    millis: u64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FoundPhone {
    label: String,
    number: String,
    e164: Option<String>,
}

/// The text to parse: the file's, or what Tesseract reads off a photo.
fn read_input(file: Option<&Path>) -> Result<(String, Option<OcrRead>), CliError> {
    let mut bytes = Vec::new();
    match file {
        None => {
            io::stdin().lock().read_to_end(&mut bytes)?;
        }
        Some(path) if path == Path::new("-") => {
            io::stdin().lock().read_to_end(&mut bytes)?;
        }
        Some(path) => {
            bytes = std::fs::read(path)
                .map_err(|e| CliError::Message(format!("cannot read {}: {e}", path.display())))?;
        }
    }
    let name = match file {
        Some(path) if path != Path::new("-") => path.display().to_string(),
        _ => "standard input".to_string(),
    };
    if ocr::image_kind(&bytes).is_some() {
        let read = ocr::Ocr::default()
            .read(&name, &bytes)
            .map_err(|e| CliError::Message(e.to_string()))?;
        let millis = u64::try_from(read.elapsed.as_millis()).unwrap_or(u64::MAX);
        return Ok((
            read.text.clone(),
            Some(OcrRead {
                text: read.text,
                millis,
            }),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        CliError::Message(format!(
            "{name} is not UTF-8 text (byte {} cannot be read); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to() + 1
        ))
    })?;
    Ok((text, None))
}

pub(crate) fn parse_card(db_path: &Path, file: Option<&Path>, json: bool) -> Result<(), CliError> {
    let (text, ocr) = read_input(file)?;
    let CardParse { fields, unplaced } = touchpoint_core::parse_card_text(&text);
    let db = crate::cli::open_db(db_path)?;
    let phones = fields
        .phones
        .iter()
        .map(|p| {
            Ok(FoundPhone {
                label: p.label.clone(),
                number: p.number.clone(),
                e164: db.phone_e164(&p.number)?,
            })
        })
        .collect::<Result<Vec<_>, CliError>>()?;
    let found = Found {
        given_name: fields.given_name,
        family_name: fields.family_name,
        title: fields.title,
        company: fields.company,
        emails: fields.emails,
        phones,
        website: fields.website,
        profiles: fields.profiles,
        address: fields.address,
        birthday: fields.birthday,
        unplaced,
        phone_region: db.settings()?.phone_region,
        ocr,
    };
    let mut out = io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &found)?;
        writeln!(out)?;
    } else {
        out.write_all(human(&found).as_bytes())?;
    }
    Ok(())
}

fn labelled(value: &str, label: &str) -> String {
    if label.is_empty() {
        value.to_string()
    } else {
        format!("{value} ({label})")
    }
}

fn human(f: &Found) -> String {
    let mut rows: Vec<(&str, String)> = vec![
        ("Given name", f.given_name.clone()),
        ("Family name", f.family_name.clone()),
        ("Title", f.title.clone()),
        ("Company", f.company.clone()),
    ];
    rows.extend(
        f.emails
            .iter()
            .map(|e| ("Email", labelled(&e.address, &e.label))),
    );
    let region = if f.phone_region.is_empty() {
        "no phone region set".to_string()
    } else {
        format!("region {}", f.phone_region)
    };
    rows.extend(f.phones.iter().map(|p| {
        let e164 = p.e164.as_ref().map_or_else(
            || format!("no E.164 form under {region}"),
            |e| format!("E.164 {e}"),
        );
        (
            "Phone",
            format!("{}, {e164}", labelled(&p.number, &p.label)),
        )
    }));
    rows.push(("Website", f.website.clone()));
    rows.extend(f.profiles.iter().map(|p| ("Profile", p.url.clone())));
    let a = &f.address;
    let address: Vec<&str> = [
        a.street.as_str(),
        &a.locality,
        &a.region,
        &a.postal_code,
        &a.country,
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    rows.push(("Address", address.join(", ").replace('\n', ", ")));
    rows.push(("Birthday", f.birthday.clone()));
    let mut text = String::new();
    if let Some(read) = &f.ocr {
        text.push_str(&format!(
            "Read from the photo by Tesseract in {:.2} s.\n",
            Duration::from_millis(read.millis).as_secs_f64()
        ));
    }
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        text.push_str(&format!("{label:<12} {value}\n"));
    }
    if text.is_empty() {
        text.push_str("No field recognised.\n");
    }
    if !f.unplaced.is_empty() {
        text.push_str("Not placed (add them by hand if they matter):\n");
        for line in &f.unplaced {
            text.push_str(&format!("  {line}\n"));
        }
    }
    text
}
