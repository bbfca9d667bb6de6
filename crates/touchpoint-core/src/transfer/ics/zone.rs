//! VTIMEZONE components (RFC 5545 §3.6.5) for the zones an export uses.
//!
//! chrono-tz answers "what is the offset at this instant" but does not
//! expose its transition table, so the transitions are found by sampling the
//! offset over the exported span and bisecting each change to the second.
//! Each change becomes one STANDARD or DAYLIGHT observance without RRULE,
//! after one for the offset already in effect: exact over the span the
//! events need, which is all a calendar uses them for.

use chrono::{DateTime, Duration, FixedOffset, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, Tz, TzOffset};

/// The longest span described. An export covers about ten years; this only
/// keeps the scan short whatever the instants, and the caller writes events
/// in UTC when their zone cannot be described.
const MAX_SPAN: Duration = Duration::days(20 * 366);

/// Sampling interval: in the years an export covers, tzdata's offsets last
/// months, not hours, so a change and its reversal never both fall between
/// two samples.
const STEP: Duration = Duration::days(1);

/// The onset written for the offset already in effect when the span starts.
const BEFORE_SPAN: &str = "19700101T000000";

struct Observance {
    /// `None` for the offset already in effect when the span starts.
    onset: Option<DateTime<Utc>>,
    from: FixedOffset,
    to: TzOffset,
}

fn offset_at(zone: Tz, t: DateTime<Utc>) -> TzOffset {
    zone.offset_from_utc_datetime(&t.naive_utc())
}

/// The first whole second after `lo` and at most `hi` whose offset differs
/// from the one at `lo`; the two must differ.
fn onset_between(zone: Tz, lo: DateTime<Utc>, hi: DateTime<Utc>) -> DateTime<Utc> {
    let before = offset_at(zone, lo).fix();
    let (mut after_lo, mut upto) = (0, (hi - lo).num_seconds());
    while upto - after_lo > 1 {
        let mid = after_lo + (upto - after_lo) / 2;
        if offset_at(zone, lo + Duration::seconds(mid)).fix() == before {
            after_lo = mid;
        } else {
            upto = mid;
        }
    }
    lo + Duration::seconds(upto)
}

/// The offset in effect a day before `first`, then every change until a day
/// after `last`: the margin covers events whose local time sits next to a
/// transition.
fn observances(zone: Tz, first: DateTime<Utc>, last: DateTime<Utc>) -> Option<Vec<Observance>> {
    if last - first > MAX_SPAN {
        return None;
    }
    let start = first - STEP;
    // Whole seconds, so the bisection lands on the onsets tzdata defines.
    let start = start - Duration::nanoseconds(i64::from(start.timestamp_subsec_nanos()));
    let end = last + STEP;
    let initial = offset_at(zone, start);
    let mut list = vec![Observance {
        onset: None,
        from: initial.fix(),
        to: initial,
    }];
    let mut at = start;
    while at < end {
        let next = at + STEP;
        let before = offset_at(zone, at);
        if offset_at(zone, next).fix() == before.fix() {
            at = next;
        } else {
            let onset = onset_between(zone, at, next);
            list.push(Observance {
                onset: Some(onset),
                from: before.fix(),
                to: offset_at(zone, onset),
            });
            at = onset;
        }
    }
    Some(list)
}

/// "+0530", "-0500", or with seconds when the offset has them.
fn utc_offset(offset: FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let seconds = seconds.unsigned_abs();
    let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if rest == 0 {
        format!("{sign}{hours:02}{minutes:02}")
    } else {
        format!("{sign}{hours:02}{minutes:02}{rest:02}")
    }
}

/// The content lines (unfolded) of a VTIMEZONE describing `zone` from a day
/// before `first` to a day after `last`; `None` when that span is too long.
pub(crate) fn vtimezone(
    zone: Tz,
    first: DateTime<Utc>,
    last: DateTime<Utc>,
) -> Option<Vec<String>> {
    let mut lines = vec![
        "BEGIN:VTIMEZONE".to_owned(),
        format!("TZID:{}", zone.name()),
    ];
    for o in observances(zone, first, last)? {
        let kind = if o.to.dst_offset().is_zero() {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        // RFC 5545: an observance's DTSTART is local time in the offset in
        // effect before the onset, i.e. TZOFFSETFROM.
        let onset = o.onset.map_or_else(
            || BEFORE_SPAN.to_owned(),
            |t| t.with_timezone(&o.from).format("%Y%m%dT%H%M%S").to_string(),
        );
        lines.extend([
            format!("BEGIN:{kind}"),
            format!("DTSTART:{onset}"),
            format!("TZOFFSETFROM:{}", utc_offset(o.from)),
            format!("TZOFFSETTO:{}", utc_offset(o.to.fix())),
            format!("TZNAME:{}", o.to),
            format!("END:{kind}"),
        ]);
    }
    lines.push("END:VTIMEZONE".to_owned());
    Some(lines)
}
