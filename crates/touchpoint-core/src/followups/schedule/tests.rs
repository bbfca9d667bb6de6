use chrono::{Datelike, Duration, NaiveTime, Weekday};

use crate::time::is_weekend;
use proptest::prelude::*;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn window(days: Vec<Day>, start: &str, end: &str) -> TimeWindow {
    TimeWindow {
        days,
        start: start.into(),
        end: end.into(),
    }
}

fn policy(zone: Tz, best: &[TimeWindow]) -> DuePolicy<'_> {
    DuePolicy {
        zone,
        best_times: best,
        default_time: hm(9, 0),
        weekends: false,
    }
}

#[test]
fn a_saturday_moves_to_monday_at_the_default_time() {
    let p = policy(chrono_tz::Europe::Berlin, &[]);
    let due = p.due_instant(date(2026, 11, 28));
    let local = due.with_timezone(&chrono_tz::Europe::Berlin);
    assert_eq!(local.date_naive(), date(2026, 11, 30));
    assert_eq!(local.time(), hm(9, 0));
}

#[test]
fn the_best_time_window_sets_the_hour_and_the_day() {
    let best = [window(vec![Day::Thu], "16:00", "18:00")];
    let p = policy(chrono_tz::America::New_York, &best);
    let due = p
        .due_instant(date(2026, 11, 23))
        .with_timezone(&chrono_tz::America::New_York);
    assert_eq!(due.weekday(), Weekday::Thu, "the next Thursday");
    assert_eq!(due.time(), hm(16, 0));
}

const ZONES: [Tz; 4] = [
    chrono_tz::America::New_York,
    chrono_tz::Europe::Berlin,
    chrono_tz::Australia::Lord_Howe,
    chrono_tz::Pacific::Apia,
];

fn any_day() -> impl Strategy<Value = Day> {
    prop_oneof![
        Just(Day::Mon),
        Just(Day::Tue),
        Just(Day::Wed),
        Just(Day::Thu),
        Just(Day::Fri),
        Just(Day::Sat),
        Just(Day::Sun),
    ]
}

prop_compose! {
    fn any_window()(days in prop::collection::vec(any_day(), 0..3), start in 6u32..19, len in 1u32..4, minute in prop_oneof![Just(0u32), Just(30)]) -> TimeWindow {
        window(days, &format!("{start:02}:{minute:02}"), &format!("{:02}:{minute:02}", start + len))
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn no_due_instant_falls_outside_working_days_or_the_best_time(
        zone in 0usize..4,
        offset in 0i64..800,
        windows in prop::collection::vec(any_window(), 0..3),
        weekends in any::<bool>(),
    ) {
        let start = date(2026, 1, 1) + Duration::days(offset);
        let p = DuePolicy { zone: ZONES[zone], best_times: &windows, default_time: hm(9, 0), weekends };
        // A policy whose only windows are on days it cannot use is degenerate.
        prop_assume!((0..14).any(|n| p.allows(start + Duration::days(n))));
        let due = p.due_instant(start);
        let local = due.with_timezone(&ZONES[zone]);
        prop_assert!(p.fits(due), "{local} does not fit");
        prop_assert!(local.date_naive() >= start, "never before the due date");
        if !weekends {
            prop_assert!(!is_weekend(local.date_naive()));
        }
    }

    #[test]
    fn the_local_wall_time_is_kept_across_dst_and_no_instant_repeats(
        zone in 0usize..4,
        start_offset in 0i64..730,
        hour in 6u32..21,
        minute in prop_oneof![Just(0u32), Just(30), Just(45)],
        every in 1i64..10,
    ) {
        let z = ZONES[zone];
        let p = DuePolicy { zone: z, best_times: &[], default_time: hm(hour, minute), weekends: true };
        let start = date(2026, 1, 1) + Duration::days(start_offset);
        let mut previous: Option<DateTime<Utc>> = None;
        for k in 0..60 {
            let day = start + Duration::days(k * every);
            let due = p.due_instant(day);
            let local = due.with_timezone(&z);
            prop_assert_eq!(local.date_naive(), day, "the same local day");
            prop_assert_eq!(local.time(), hm(hour, minute), "the same wall time on {}", day);
            if let Some(prev) = previous {
                prop_assert!(due > prev, "instants strictly increase: {} then {}", prev, due);
            }
            previous = Some(due);
        }
    }
}

#[test]
fn a_time_already_gone_today_moves_to_the_next_allowed_day() {
    let berlin = chrono_tz::Europe::Berlin;
    let p = policy(berlin, &[]);
    let friday = date(2026, 11, 27);
    let at = |h| {
        friday
            .and_time(hm(h, 0))
            .and_local_timezone(berlin)
            .unwrap()
            .with_timezone(&Utc)
    };
    let (day, due) = p.next_due(friday, at(8));
    assert_eq!((day, due.with_timezone(&berlin).time()), (friday, hm(9, 0)));
    let (day, due) = p.next_due(friday, at(10));
    assert_eq!(day, date(2026, 11, 30), "Friday's 09:00 is gone: Monday");
    assert_eq!(due, p.due_instant(day));
    assert!(due > at(10));
}
