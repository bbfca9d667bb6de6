//! How many outbound touches: the buckets both the persistence and the
//! conversion charts use, and the seeds' figures beside them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A number of outbound touches, grouped as the seeds group them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
pub enum TouchBucket {
    /// No outbound touch at all.
    #[serde(rename = "0")]
    None,
    #[serde(rename = "1")]
    First,
    #[serde(rename = "2")]
    Second,
    #[serde(rename = "3")]
    Third,
    #[serde(rename = "4")]
    Fourth,
    /// The 5th to the 12th touch, both included: where the seeds say 80%
    /// of sales are made.
    #[serde(rename = "5-12")]
    FifthToTwelfth,
    /// More than 12 touches (13 or more).
    #[serde(rename = "12+")]
    MoreThanTwelve,
}

impl TouchBucket {
    pub const ALL: [TouchBucket; 7] = [
        TouchBucket::None,
        TouchBucket::First,
        TouchBucket::Second,
        TouchBucket::Third,
        TouchBucket::Fourth,
        TouchBucket::FifthToTwelfth,
        TouchBucket::MoreThanTwelve,
    ];

    #[must_use]
    pub fn of(touches: u32) -> TouchBucket {
        match touches {
            0 => TouchBucket::None,
            1 => TouchBucket::First,
            2 => TouchBucket::Second,
            3 => TouchBucket::Third,
            4 => TouchBucket::Fourth,
            5..=12 => TouchBucket::FifthToTwelfth,
            _ => TouchBucket::MoreThanTwelve,
        }
    }

    /// The name used in JSON and on the command line: "0", "1", …, "5-12", "12+".
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            TouchBucket::None => "0",
            TouchBucket::First => "1",
            TouchBucket::Second => "2",
            TouchBucket::Third => "3",
            TouchBucket::Fourth => "4",
            TouchBucket::FifthToTwelfth => "5-12",
            TouchBucket::MoreThanTwelve => "12+",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<TouchBucket> {
        let wanted = s.trim().replace('–', "-");
        TouchBucket::ALL.into_iter().find(|b| b.as_str() == wanted)
    }
}

/// How many contacts fell in one bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BucketCount {
    pub bucket: TouchBucket,
    pub contacts: u32,
}

/// One of the seeds' figures beside the user's own over the same buckets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkLine {
    /// What the seeds say, in their words: "stop after the 2nd contact".
    pub label: String,
    /// The buckets the figure covers.
    pub buckets: Vec<TouchBucket>,
    /// The seeds' share, in percent.
    pub benchmark_percent: u32,
    /// The user's share over the same buckets, rounded, out of the contacts
    /// with at least one outbound touch; `None` when there are none.
    pub own_percent: Option<u32>,
}

/// The seeds' persistence figures (seed 002): of salespeople, 48% never
/// follow up after the first contact, 25% stop after the second, 12% make
/// more than three contacts.
pub(crate) const PERSISTENCE_BENCHMARK: [(&str, &[TouchBucket], u32); 3] = [
    (
        "never follow up after the 1st contact",
        &[TouchBucket::First],
        48,
    ),
    ("stop after the 2nd contact", &[TouchBucket::Second], 25),
    (
        "make more than 3 contacts",
        &[
            TouchBucket::Fourth,
            TouchBucket::FifthToTwelfth,
            TouchBucket::MoreThanTwelve,
        ],
        12,
    ),
];

/// The seeds' conversion table (seed 002): the share of sales made on each
/// contact.
pub(crate) const CONVERSION_BENCHMARK: [(&str, &[TouchBucket], u32); 5] = [
    ("made on the 1st contact", &[TouchBucket::First], 2),
    ("made on the 2nd contact", &[TouchBucket::Second], 3),
    ("made on the 3rd contact", &[TouchBucket::Third], 5),
    ("made on the 4th contact", &[TouchBucket::Fourth], 10),
    (
        "made on the 5th to 12th contact",
        &[TouchBucket::FifthToTwelfth],
        80,
    ),
];

/// Every bucket with its count, in order, from per-contact touch numbers.
pub(crate) fn distribution(numbers: impl IntoIterator<Item = u32>) -> Vec<BucketCount> {
    let mut out: Vec<BucketCount> = TouchBucket::ALL
        .into_iter()
        .map(|bucket| BucketCount {
            bucket,
            contacts: 0,
        })
        .collect();
    for n in numbers {
        if let Some(slot) = out.iter_mut().find(|c| c.bucket == TouchBucket::of(n)) {
            slot.contacts += 1;
        }
    }
    out
}

/// The seeds' lines beside the user's shares from `counts`; the share is of
/// the contacts with at least one outbound touch, as the seeds count from
/// the first contact.
pub(crate) fn benchmark(
    lines: &[(&str, &[TouchBucket], u32)],
    counts: &[BucketCount],
) -> Vec<BenchmarkLine> {
    let counted: u32 = counts
        .iter()
        .filter(|c| c.bucket != TouchBucket::None)
        .map(|c| c.contacts)
        .sum();
    lines
        .iter()
        .map(|(label, buckets, percent)| {
            let own: u32 = counts
                .iter()
                .filter(|c| buckets.contains(&c.bucket))
                .map(|c| c.contacts)
                .sum();
            BenchmarkLine {
                label: (*label).to_owned(),
                buckets: buckets.to_vec(),
                benchmark_percent: *percent,
                own_percent: percent_of(own, counted),
            }
        })
        .collect()
}

/// `part` of `whole` in percent, rounded half up; `None` of nothing.
pub(crate) fn percent_of(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| {
        let rounded = (u64::from(part) * 200 + u64::from(whole)) / (u64::from(whole) * 2);
        u32::try_from(rounded).unwrap_or(100)
    })
}

/// A number of rows as a figure.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
