//! The paste-a-card parser measured on a varied set of cards kept in
//! `tests/fixtures/cards/` (see its README): each `NN-name.txt` is a card as
//! pasted, `NN-name.json` the fields a careful person would fill in from it.
//!
//! Prints the share of cards each field is right on, and of cards with every
//! field right, straight to the terminal (so that it shows in the CI log
//! without `--nocapture`), then the cards it got wrong, field by field.
//! Fails below 95% of whole cards.

#![allow(
    clippy::expect_used,
    reason = "a fixture that cannot be read should stop the test with its error"
)]

use std::fs;
use std::io::Write as _;
use std::path::Path;

use serde::Deserialize;
use touchpoint_core::{CardParse, parse_card_text};

const WHOLE_CARD_GOAL: f64 = 0.95;
const MIN_CARDS: usize = 60;

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Address {
    street: String,
    locality: String,
    region: String,
    postal_code: String,
    country: String,
}

/// The fields compared. Phone and email labels are not: they are a guess
/// the user sees next to the value, and a wrong one loses nothing.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    given: String,
    family: String,
    title: String,
    company: String,
    emails: Vec<String>,
    phones: Vec<String>,
    website: String,
    profiles: Vec<String>,
    address: Address,
    unplaced: Vec<String>,
}

impl Expected {
    fn from_parse(p: &CardParse) -> Self {
        let f = &p.fields;
        let a = &f.address;
        Expected {
            given: f.given_name.clone(),
            family: f.family_name.clone(),
            title: f.title.clone(),
            company: f.company.clone(),
            emails: f.emails.iter().map(|e| e.address.clone()).collect(),
            phones: f.phones.iter().map(|p| p.number.clone()).collect(),
            website: f.website.clone(),
            profiles: f.profiles.iter().map(|p| p.url.clone()).collect(),
            address: Address {
                street: a.street.clone(),
                locality: a.locality.clone(),
                region: a.region.clone(),
                postal_code: a.postal_code.clone(),
                country: a.country.clone(),
            },
            unplaced: p.unplaced.clone(),
        }
    }

    /// Each field as text to compare and show.
    fn fields(&self) -> [(&'static str, String); 10] {
        let a = &self.address;
        [
            ("given name", format!("{:?}", self.given)),
            ("family name", format!("{:?}", self.family)),
            ("title", format!("{:?}", self.title)),
            ("company", format!("{:?}", self.company)),
            ("emails", format!("{:?}", self.emails)),
            ("phones", format!("{:?}", self.phones)),
            ("website", format!("{:?}", self.website)),
            ("profiles", format!("{:?}", self.profiles)),
            (
                "address",
                format!(
                    "{:?} / {:?} / {:?} / {:?} / {:?}",
                    a.street, a.locality, a.region, a.postal_code, a.country
                ),
            ),
            ("unplaced", format!("{:?}", self.unplaced)),
        ]
    }
}

struct Card {
    name: String,
    text: String,
    expected: Expected,
}

fn cards() -> Vec<Card> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cards");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("the card set's folder")
        .filter_map(|e| {
            let name = e.expect("a readable entry").file_name();
            name.to_str()?.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(dir.join(format!("{name}.txt"))).expect("a card");
            let json = fs::read_to_string(dir.join(format!("{name}.json")))
                .expect("each card has its expected fields");
            let expected = serde_json::from_str(&json)
                .unwrap_or_else(|e| panic!("{name}.json does not read: {e}"));
            Card {
                name,
                text,
                expected,
            }
        })
        .collect()
}

fn percent(right: usize, total: usize) -> f64 {
    if total == 0 {
        return 0.0;
    }
    // Card counts are small: exact in f64.
    #[expect(clippy::cast_precision_loss, reason = "a few hundred cards at most")]
    let share = right as f64 / total as f64;
    share * 100.0
}

#[test]
fn the_card_parser_gets_at_least_95_percent_of_cards_wholly_right() {
    let cards = cards();
    assert!(
        cards.len() >= MIN_CARDS,
        "the set has {} cards, fewer than {MIN_CARDS}",
        cards.len()
    );
    let names: Vec<&str> = Expected::default().fields().map(|(n, _)| n).to_vec();
    let mut right = vec![0_usize; names.len()];
    let mut whole = 0;
    let mut misses = String::new();
    for card in &cards {
        let got = Expected::from_parse(&parse_card_text(&card.text)).fields();
        let want = card.expected.fields();
        let mut all = true;
        for (i, ((field, w), (_, g))) in want.iter().zip(got.iter()).enumerate() {
            if w == g {
                if let Some(n) = right.get_mut(i) {
                    *n += 1;
                }
            } else {
                all = false;
                misses.push_str(&format!(
                    "  {}: {field}\n    expected {w}\n    got      {g}\n",
                    card.name
                ));
            }
        }
        whole += usize::from(all);
    }
    let total = cards.len();
    let mut report = format!("\nCard parser accuracy on {total} cards (tests/fixtures/cards)\n");
    for (field, n) in names.iter().zip(&right) {
        report.push_str(&format!(
            "  {field:<12} {n:>3}/{total}  {:5.1}%\n",
            percent(*n, total)
        ));
    }
    let whole_pct = percent(whole, total);
    report.push_str(&format!(
        "  {:<12} {whole:>3}/{total}  {whole_pct:5.1}%\n",
        "WHOLE CARD"
    ));
    if !misses.is_empty() {
        report.push_str("Fields got wrong:\n");
        report.push_str(&misses);
    }
    // Straight to the terminal: libtest captures only print!/eprint!.
    let _ = std::io::stderr().lock().write_all(report.as_bytes());
    assert!(
        whole_pct >= WHOLE_CARD_GOAL * 100.0,
        "{whole} of {total} cards wholly right ({whole_pct:.1}%), under {:.0}%",
        WHOLE_CARD_GOAL * 100.0
    );
}
