use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::test_support::memory_db;

/// A built-in plan, as a new database seeds it.
fn plan(key: &str) -> CadencePlan {
    memory_db()
        .cadences()
        .unwrap()
        .into_iter()
        .find(|c| c.seeded_key.as_deref() == Some(key))
        .map(|c| c.plan)
        .unwrap()
}

fn day(n: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap() + chrono::Duration::days(n)
}

const NO_WISH: CustomerWish<'static> = CustomerWish {
    every_days: None,
    channels: &[],
};

#[test]
fn new_prospect_is_twelve_touches_in_about_ninety_days_on_mixed_channels() {
    let p = plan("new_prospect");
    assert_eq!(p.total(), Some(12));
    let steps = p.upcoming(0, ScheduleKind::Anchored, day(0), None, NO_WISH, 20);
    assert_eq!(steps.len(), 12);
    assert_eq!(
        steps[0].date,
        day(1),
        "the first touch the day after meeting"
    );
    assert_eq!(steps[11].date, day(90), "the twelfth about 90 days in");
    let channels: std::collections::HashSet<_> = steps.iter().map(|s| s.channel).collect();
    for c in [
        Channel::Call,
        Channel::Email,
        Channel::Linkedin,
        Channel::HandwrittenCard,
    ] {
        assert!(channels.contains(&c), "{c:?} is part of the mix");
    }
    let prompts: std::collections::HashSet<_> = steps.iter().map(|s| s.prompt.as_str()).collect();
    assert_eq!(prompts.len(), 12, "a new angle in every prompt");
}

#[test]
fn the_seeded_recurrences_match_their_names() {
    let quarterly = plan("customer_quarterly");
    let first = quarterly
        .step_due(0, ScheduleKind::Anchored, day(0), None, NO_WISH)
        .unwrap();
    assert_eq!(
        first.date,
        NaiveDate::from_ymd_opt(2027, 2, 23).unwrap(),
        "three months on"
    );
    let nurture = plan("nurture");
    assert_eq!(
        nurture
            .step_due(1, ScheduleKind::Anchored, day(0), None, NO_WISH)
            .unwrap()
            .date,
        day(84)
    );
    let past = plan("past_customer");
    assert_eq!(
        past.step_due(0, ScheduleKind::Rolling, day(0), Some(day(10)), NO_WISH)
            .unwrap()
            .date,
        day(40)
    );
    assert_eq!(quarterly.total(), None, "a recurrence never runs out");
}

#[test]
fn the_customers_frequency_and_channel_win_over_the_template() {
    let p = plan("new_prospect");
    let wish = CustomerWish {
        every_days: Some(30),
        channels: &[Channel::Email],
    };
    let steps = p.upcoming(0, ScheduleKind::Anchored, day(0), None, wish, 3);
    assert_eq!(
        steps.iter().map(|s| s.date).collect::<Vec<_>>(),
        [day(1), day(31), day(61)]
    );
    assert!(
        steps.iter().all(|s| s.channel == Channel::Email),
        "they asked for email only"
    );
    let quarterly = plan("customer_quarterly");
    let monthly = quarterly
        .step_due(
            0,
            ScheduleKind::Anchored,
            day(0),
            None,
            CustomerWish {
                every_days: Some(30),
                channels: &[],
            },
        )
        .unwrap();
    assert_eq!(monthly.date, day(30));
}

#[test]
fn a_channel_the_customer_also_accepts_is_kept() {
    let p = plan("new_prospect");
    let wish = CustomerWish {
        every_days: None,
        channels: &[Channel::Email, Channel::Call],
    };
    assert_eq!(
        p.step_due(0, ScheduleKind::Anchored, day(0), None, wish)
            .unwrap()
            .channel,
        Channel::Call
    );
    assert_eq!(
        p.step_due(2, ScheduleKind::Anchored, day(0), None, wish)
            .unwrap()
            .channel,
        Channel::Email,
        "LinkedIn becomes email"
    );
}

fn any_plan() -> impl Strategy<Value = CadencePlan> {
    prop_oneof![
        Just(plan("new_prospect")),
        Just(plan("customer_quarterly")),
        Just(plan("past_customer")),
        Just(plan("nurture")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn an_anchored_step_never_moves_whatever_touch_comes_between(
        p in any_plan(), step in 0u32..14, touch_a in 0i64..200, touch_b in 0i64..200, every in prop::option::of(1u32..90),
    ) {
        let wish = CustomerWish { every_days: every, channels: &[] };
        let a = p.step_due(step, ScheduleKind::Anchored, day(0), Some(day(touch_a)), wish);
        let b = p.step_due(step, ScheduleKind::Anchored, day(0), Some(day(touch_b)), wish);
        let none = p.step_due(step, ScheduleKind::Anchored, day(0), None, wish);
        prop_assert_eq!(a.clone(), b);
        prop_assert_eq!(a, none);
    }

    #[test]
    fn a_rolling_step_is_always_the_last_touch_plus_the_interval(
        p in any_plan(), step in 0u32..14, touch in 0i64..400, every in prop::option::of(1u32..90),
    ) {
        let wish = CustomerWish { every_days: every, channels: &[] };
        let Some(due) = p.step_due(step, ScheduleKind::Rolling, day(0), Some(day(touch)), wish) else {
            prop_assert!(p.total().is_some_and(|t| step >= t));
            return Ok(());
        };
        let expected = match (&p, every) {
            (_, Some(n)) => day(touch) + chrono::Duration::days(i64::from(n)),
            (CadencePlan::Repeat { every, unit: RepeatUnit::Months, .. }, None) => day(touch).checked_add_months(chrono::Months::new(*every)).unwrap(),
            (CadencePlan::Repeat { every, unit: RepeatUnit::Weeks, .. }, None) => day(touch) + chrono::Duration::weeks(i64::from(*every)),
            (CadencePlan::Repeat { every, unit: RepeatUnit::Days, .. }, None) => day(touch) + chrono::Duration::days(i64::from(*every)),
            (CadencePlan::Steps { steps }, None) => {
                let this = i64::from(steps[step as usize].day);
                let before = if step == 0 { 0 } else { i64::from(steps[step as usize - 1].day) };
                day(touch) + chrono::Duration::days((this - before).max(1))
            }
        };
        prop_assert_eq!(due.date, expected);
        prop_assert!(due.date > day(touch), "always after the touch");
    }
}
