use chrono::{NaiveTime, Timelike};

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn a_time_in_the_spring_gap_moves_to_the_first_valid_minute() {
    // 2027-03-14 02:30 does not exist in New York.
    let t = local_instant(
        chrono_tz::America::New_York,
        date(2027, 3, 14).and_time(hm(2, 30)),
    );
    let local = t.with_timezone(&chrono_tz::America::New_York);
    assert_eq!((local.hour(), local.minute()), (3, 0));
}

#[test]
fn an_ambiguous_autumn_time_takes_the_earlier_instant() {
    // 2026-10-25 02:30 happens twice in Berlin; the first is at +02:00.
    let t = local_instant(
        chrono_tz::Europe::Berlin,
        date(2026, 10, 25).and_time(hm(2, 30)),
    );
    assert_eq!(t, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
}

#[test]
fn lord_howe_half_hour_gap_is_crossed_by_thirty_minutes() {
    // Lord Howe springs forward from 02:00 to 02:30 on 2026-10-04.
    let t = local_instant(
        chrono_tz::Australia::Lord_Howe,
        date(2026, 10, 4).and_time(hm(2, 10)),
    );
    let local = t.with_timezone(&chrono_tz::Australia::Lord_Howe);
    assert_eq!((local.hour(), local.minute()), (2, 30));
}

#[test]
fn local_midnight_is_the_start_of_the_day_in_that_zone() {
    let start = day_start(chrono_tz::Asia::Tokyo, date(2026, 12, 2));
    assert_eq!(start, Utc.with_ymd_and_hms(2026, 12, 1, 15, 0, 0).unwrap());
}

#[test]
fn clock_times_are_read_in_24_hours_with_two_digit_minutes() {
    assert_eq!(parse_hhmm("9:05"), Some(hm(9, 5)));
    assert_eq!(parse_hhmm(" 17:30 "), Some(hm(17, 30)));
    assert_eq!(parse_hhmm("24:00"), None);
    assert_eq!(parse_hhmm("9:5"), None);
    assert_eq!(parse_hhmm("0930"), None);
}

#[test]
fn a_local_date_time_is_read_with_a_space_or_a_t() {
    let want = date(2026, 12, 3).and_time(hm(14, 30));
    assert_eq!(parse_local("2026-12-03 14:30"), Some(want));
    assert_eq!(parse_local("2026-12-03T14:30"), Some(want));
    assert_eq!(parse_local("2026-12-03T14:30:00"), Some(want));
    assert_eq!(parse_local("03/12/2026 14:30"), None);
}

#[test]
fn saturday_and_sunday_are_the_weekend() {
    let weekend: Vec<bool> = (0..7)
        .map(|d| is_weekend(date(2026, 11, 30) + Duration::days(d)))
        .collect();
    assert_eq!(weekend, [false, false, false, false, false, true, true]);
}
