use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;

use super::*;
use crate::channel::Channel;
use crate::clock::ManualClock;
use crate::contacts::{ContactFields, DuplicateCheck};
use crate::followups::touch::{CloseReason, Direction, NextStep, Outcome, TouchInput};
use crate::settings::Settings;
use crate::stage::Stage;
use crate::test_support::saved;

/// The day the figures are read: Monday 2026-11-23, 04:00 in New York.
fn now() -> DateTime<Utc> {
    utc(2026, 11, 23, 9, 0)
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

/// Local midnight in New York 29 days before today (still summer time):
/// where "the last 30 days" begins.
fn since_30d() -> DateTime<Utc> {
    utc(2026, 10, 25, 4, 0)
}

struct Book {
    db: Database,
    clock: Arc<ManualClock>,
    fields: BTreeMap<i64, ContactFields>,
    /// Touches are logged a second apart (a day before the figures are
    /// read), as a person logs them: the touch that closes a contact as won
    /// is found by the instant it was logged.
    logged: i64,
}

impl Book {
    fn new() -> Self {
        let clock = Arc::new(ManualClock::new(now()));
        let mut db = Database::open_in_memory(clock.clone()).unwrap();
        db.update_settings(Settings {
            phone_region: "US".into(),
            time_zone: "America/New_York".into(),
            ..Settings::default()
        })
        .unwrap();
        Self {
            db,
            clock,
            fields: BTreeMap::new(),
            logged: 0,
        }
    }

    fn add_with(&mut self, name: &str, stage: Stage, zone: &str, referred_by: Option<i64>) -> i64 {
        let fields = ContactFields {
            display_name: name.into(),
            stage,
            time_zone: zone.into(),
            referred_by,
            ..ContactFields::default()
        };
        let id = saved(
            self.db
                .add_contact(&fields, DuplicateCheck::SaveAnyway)
                .unwrap(),
        )
        .id;
        self.fields.insert(id, fields);
        id
    }

    fn add(&mut self, name: &str, stage: Stage) -> i64 {
        self.add_with(name, stage, "", None)
    }

    fn log(
        &mut self,
        id: i64,
        channel: Channel,
        direction: Direction,
        outcome: Outcome,
        at: DateTime<Utc>,
        next: NextStep,
    ) -> i64 {
        self.logged += 1;
        self.clock
            .set(now() - Duration::days(1) + Duration::seconds(self.logged));
        self.log_input(&TouchInput {
            contact_id: id,
            channel,
            direction,
            outcome,
            notes: String::new(),
            hook: String::new(),
            objections: Vec::new(),
            happened_at: Some(at),
            next,
            promise: None,
        })
    }

    fn log_input(&mut self, input: &TouchInput) -> i64 {
        self.db.log_touch(input).unwrap().touch.id
    }

    fn out(&mut self, id: i64, channel: Channel, outcome: Outcome, at: DateTime<Utc>) {
        self.log(
            id,
            channel,
            Direction::Outbound,
            outcome,
            at,
            NextStep::Cadence,
        );
    }

    fn inbound(&mut self, id: i64, channel: Channel, outcome: Outcome, at: DateTime<Utc>) {
        self.log(
            id,
            channel,
            Direction::Inbound,
            outcome,
            at,
            NextStep::Cadence,
        );
    }

    fn won(
        &mut self,
        id: i64,
        channel: Channel,
        direction: Direction,
        outcome: Outcome,
        at: DateTime<Utc>,
    ) {
        let next = NextStep::Close {
            reason: CloseReason::Won,
        };
        self.log(id, channel, direction, outcome, at, next);
    }

    /// Leaves the contact with nothing scheduled next, as a user who stops does.
    fn stop(&mut self, id: i64) {
        self.db
            .conn
            .execute(
                "UPDATE followups SET status = 'cancelled', closed_at = 0
                 WHERE contact_id = ?1 AND status = 'open' AND kind <> 'promise'",
                [id],
            )
            .unwrap();
    }

    /// A voicemail at `at` promising a callback at `when` (the contact's zone).
    fn promise(&mut self, id: i64, at: DateTime<Utc>, when: &str) {
        self.clock.set(at);
        self.log_input(&TouchInput {
            contact_id: id,
            channel: Channel::Call,
            direction: Direction::Outbound,
            outcome: Outcome::LeftVoicemail,
            notes: String::new(),
            hook: "call back".into(),
            objections: Vec::new(),
            happened_at: None,
            next: NextStep::Cadence,
            promise: Some(when.into()),
        });
    }

    fn call_back(&mut self, id: i64, direction: Direction, at: DateTime<Utc>) {
        self.clock.set(at);
        self.log_input(&TouchInput {
            contact_id: id,
            channel: Channel::Call,
            direction,
            outcome: Outcome::Connected,
            notes: String::new(),
            hook: String::new(),
            objections: Vec::new(),
            happened_at: Some(at),
            next: NextStep::Cadence,
            promise: None,
        });
    }

    fn names(&self, period: InsightsPeriod, figure: InsightFigure) -> Vec<String> {
        self.db
            .insight_contacts(period, figure)
            .unwrap()
            .into_iter()
            .map(|c| c.display_name)
            .collect()
    }
}

fn day(d: u32, h: u32) -> DateTime<Utc> {
    utc(2026, 11, d, h, 0)
}

/// The hand-built book every figure below is checked on; each name says
/// what the contact is there for.
fn book() -> Book {
    let mut b = Book::new();
    let ms = Duration::milliseconds(1);
    use Channel::{Call, Email, Linkedin, Sms};
    use Direction::{Inbound, Outbound};
    use Outcome::{Connected, NoAnswer, Other, Replied, Won};

    // Persistence: prospects with nothing scheduled next.
    let ann = b.add("Ann Never", Stage::Prospect);
    b.stop(ann);
    let ben = b.add("Ben Twice", Stage::Prospect);
    b.out(ben, Call, NoAnswer, day(2, 15));
    b.out(ben, Call, NoAnswer, day(5, 15));
    b.stop(ben);
    let cat = b.add("Cat Mixed", Stage::Prospect);
    b.out(cat, Email, Other, day(3, 15));
    b.inbound(cat, Call, Replied, day(4, 15));
    b.inbound(cat, Email, Replied, day(6, 15));
    b.stop(cat);
    let dan = b.add("Dan Inbound", Stage::Prospect);
    b.inbound(dan, Call, Connected, day(7, 15));
    b.inbound(dan, Email, Replied, day(8, 15));
    b.stop(dan);
    let eve = b.add("Eve Six", Stage::Prospect);
    for n in 0..6 {
        let outcome = if n == 0 { Connected } else { NoAnswer };
        b.out(eve, Call, outcome, utc(2026, 10, 26 + n, 15, 0));
    }
    b.stop(eve);
    let fay = b.add("Fay Going", Stage::Prospect);
    b.out(fay, Sms, Replied, day(10, 15));
    b.out(fay, Sms, Other, day(11, 15));
    b.out(fay, Sms, Other, day(12, 15));
    let gus = b.add("Gus Before", Stage::Prospect);
    b.out(gus, Call, NoAnswer, utc(2026, 10, 20, 15, 0));
    b.out(gus, Call, NoAnswer, since_30d() - ms);
    b.stop(gus);
    let hal = b.add("Hal Edge", Stage::Prospect);
    b.out(hal, Call, NoAnswer, since_30d());
    b.stop(hal);
    let ike = b.add("Ike Thirteen", Stage::Prospect);
    for d in 1..=13 {
        b.out(ike, Email, Other, day(d, 14));
    }
    b.stop(ike);

    // Conversion.
    let ivy = b.add("Ivy First", Stage::Prospect);
    b.won(ivy, Call, Outbound, Won, day(10, 15));
    let jon = b.add("Jon Fifth", Stage::Prospect);
    for d in 2..=5 {
        b.out(jon, Email, NoAnswer, day(d, 16));
    }
    b.out(jon, Call, NoAnswer, day(6, 16));
    b.won(jon, Email, Inbound, Won, day(9, 16));
    let kim = b.add("Kim Tie", Stage::Prospect);
    b.out(kim, Call, NoAnswer, day(12, 15));
    b.won(kim, Email, Outbound, Won, day(12, 15));
    let max = b.add("Max Closed", Stage::Prospect);
    b.won(max, Call, Outbound, Connected, day(13, 15));
    let noa = b.add("Noa Outcome", Stage::Prospect);
    b.out(noa, Linkedin, Won, day(14, 15));
    let yul = b.add("Yul Before", Stage::Prospect);
    b.won(yul, Call, Outbound, Won, since_30d() - ms);
    let zed = b.add("Zed Edge", Stage::Prospect);
    b.out(zed, Call, NoAnswer, utc(2026, 10, 20, 16, 0));
    b.won(zed, Call, Outbound, Won, since_30d());
    let ola = b.add("Ola Inbound", Stage::Prospect);
    b.won(ola, Call, Inbound, Won, day(15, 15));

    // Customers: referrals and dormancy.
    let uma = b.add("Uma Past", Stage::PastCustomer);
    let vic = b.add("Vic Customer", Stage::Customer);
    let wes = b.add("Wes Quiet", Stage::Customer);
    b.out(wes, Call, Connected, utc(2026, 10, 14, 15, 0));
    let xia = b.add("Xia Recent", Stage::Customer);
    b.out(xia, Call, Connected, utc(2026, 10, 25, 9, 0));
    b.add_with("Rob Referred", Stage::Prospect, "", Some(vic));
    b.add_with("Ria Referred", Stage::Prospect, "", Some(vic));
    b.add_with("Roy Referred", Stage::Prospect, "", Some(uma));
    b.add_with("Rue Referred", Stage::Prospect, "", Some(ivy));
    b.add_with("Rex Referred", Stage::Prospect, "", Some(ann));
    b.clock.set(utc(2026, 9, 1, 15, 0));
    b.add_with("Ren Referred Early", Stage::Prospect, "", Some(wes));

    // Promised callbacks, in three zones.
    let nate = b.add_with("Nate Kept", Stage::Prospect, "America/New_York", None);
    b.promise(nate, day(16, 14), "2026-11-17 10:00");
    b.call_back(nate, Outbound, day(17, 15) + Duration::minutes(30));
    let olga = b.add_with("Olga Late", Stage::Prospect, "America/Los_Angeles", None);
    b.promise(olga, day(16, 15), "2026-11-17 10:00");
    // 22:00 in Los Angeles: late, but still the promised day there.
    b.call_back(olga, Outbound, day(18, 6));
    let pat = b.add_with("Pat Missed", Stage::Prospect, "Asia/Tokyo", None);
    b.promise(pat, day(17, 0), "2026-11-18 10:00");
    // 01:00 the next day in Tokyo (still the 18th in New York): missed.
    b.call_back(pat, Outbound, day(18, 16));
    let quin = b.add_with("Quin Open", Stage::Prospect, "America/New_York", None);
    b.promise(quin, day(10, 14), "2026-11-11 09:00");
    let rae = b.add_with("Rae Pending", Stage::Prospect, "America/New_York", None);
    b.promise(rae, day(20, 14), "2026-11-23 10:00");
    let sam = b.add_with("Sam Called Us", Stage::Prospect, "America/New_York", None);
    b.promise(sam, day(10, 15), "2026-11-11 10:00");
    b.call_back(sam, Inbound, day(11, 20));
    let tia = b.add_with("Tia Cancelled", Stage::Prospect, "America/New_York", None);
    b.promise(tia, day(12, 15), "2026-11-13 10:00");
    let mut fields = b.fields[&tia].clone();
    fields.stage = Stage::DoNotContact;
    b.db.update_contact(tia, &fields).unwrap();
    let uli = b.add_with("Uli Earlier", Stage::Prospect, "America/New_York", None);
    b.promise(uli, utc(2026, 10, 1, 14, 0), "2026-10-02 10:00");
    b.call_back(uli, Outbound, utc(2026, 10, 2, 14, 30));
    b.clock.set(now());
    b
}

fn counts(buckets: &[BucketCount]) -> Vec<(&'static str, u32)> {
    buckets
        .iter()
        .filter(|c| c.contacts > 0)
        .map(|c| (c.bucket.as_str(), c.contacts))
        .collect()
}

#[test]
fn the_period_starts_at_the_users_midnight_and_all_time_has_no_start() {
    let b = Book::new();
    let last30 = b.db.insights(InsightsPeriod::Last30Days).unwrap();
    assert_eq!(last30.since, Some(since_30d()));
    assert_eq!(last30.until, now());
    assert_eq!(last30.time_zone, "America/New_York");
    let last90 = b.db.insights(InsightsPeriod::Last90Days).unwrap();
    assert_eq!(last90.since, Some(utc(2026, 8, 26, 4, 0)));
    // A year back is winter time in New York: midnight is 05:00 UTC.
    let year = b.db.insights(InsightsPeriod::Last365Days).unwrap();
    assert_eq!(year.since, Some(utc(2025, 11, 24, 5, 0)));
    assert_eq!(b.db.insights(InsightsPeriod::AllTime).unwrap().since, None);
}

#[test]
fn periods_parse_from_their_names_and_serialise_as_them() {
    for period in InsightsPeriod::ALL {
        assert_eq!(InsightsPeriod::parse(period.as_str()), Some(period));
        assert_eq!(
            serde_json::to_string(&period).unwrap(),
            format!("\"{}\"", period.as_str())
        );
    }
    assert_eq!(
        InsightsPeriod::parse(" 90D "),
        Some(InsightsPeriod::Last90Days)
    );
    assert_eq!(InsightsPeriod::parse("7d"), None);
    assert_eq!(
        TouchBucket::parse("5–12"),
        Some(TouchBucket::FifthToTwelfth)
    );
}

#[test]
fn an_empty_book_has_every_bucket_at_zero_and_no_shares() {
    let b = Book::new();
    let all = b.db.insights(InsightsPeriod::AllTime).unwrap();
    assert_eq!(all.persistence.buckets.len(), 7);
    assert_eq!(all.persistence.stopped, 0);
    assert!(
        all.persistence
            .benchmark
            .iter()
            .all(|l| l.own_percent.is_none())
    );
    assert_eq!(all.conversion.won, 0);
    assert!(all.channels.rows.is_empty());
    assert_eq!(all.promises.total, PromiseCounts::default());
    assert!(all.promises.weeks.is_empty(), "no promise, no week");
    assert_eq!(all.referrals.percent, None);
    assert_eq!(all.dormant.count, 0);
}

#[test]
fn persistence_counts_the_outbound_touches_of_prospects_stopped_in_the_period() {
    let b = book();
    let p =
        b.db.insights(InsightsPeriod::Last30Days)
            .unwrap()
            .persistence;
    // Ann and Dan (inbound only) got none; Cat's two inbound touches do not count.
    assert_eq!(
        counts(&p.buckets),
        [("0", 2), ("1", 2), ("2", 1), ("5-12", 1), ("12+", 1)]
    );
    assert_eq!(p.stopped, 7);
    let shares: Vec<(u32, Option<u32>)> = p
        .benchmark
        .iter()
        .map(|l| (l.benchmark_percent, l.own_percent))
        .collect();
    // Of the five stopped after at least one touch: Cat and Hal after the 1st,
    // Ben after the 2nd, Eve and Ike after more than 3.
    assert_eq!(shares, [(48, Some(40)), (25, Some(20)), (12, Some(40))]);
    assert_eq!(p.gave_up_too_early, 5, "Ben, Cat, Dan, Gus and Hal");
    assert_eq!(
        b.names(
            InsightsPeriod::Last30Days,
            InsightFigure::StoppedAfter {
                bucket: TouchBucket::First
            }
        ),
        ["Cat Mixed", "Hal Edge"],
        "Hal's last touch is the period's first instant; Gus's is a millisecond before"
    );
    let p90 =
        b.db.insights(InsightsPeriod::Last90Days)
            .unwrap()
            .persistence;
    assert_eq!(
        counts(&p90.buckets),
        [("0", 2), ("1", 2), ("2", 2), ("5-12", 1), ("12+", 1)]
    );
}

#[test]
fn the_gave_up_count_is_the_contact_lists_gave_up_list() {
    let b = book();
    let listed =
        b.db.list_contacts(&crate::contacts::ContactQuery {
            attention: Some(crate::contacts::Attention::GaveUpEarly),
            ..Default::default()
        })
        .unwrap();
    let names: Vec<String> = listed.items.into_iter().map(|c| c.display_name).collect();
    assert_eq!(
        b.names(InsightsPeriod::Last30Days, InsightFigure::GaveUpTooEarly),
        names
    );
    assert_eq!(
        names,
        [
            "Ben Twice",
            "Cat Mixed",
            "Dan Inbound",
            "Gus Before",
            "Hal Edge"
        ]
    );
}

#[test]
fn conversion_counts_each_win_once_on_the_outbound_touch_it_came_on() {
    let b = book();
    let c =
        b.db.insights(InsightsPeriod::Last30Days)
            .unwrap()
            .conversion;
    assert_eq!(c.won, 7);
    assert_eq!(
        counts(&c.buckets),
        [("0", 1), ("1", 3), ("2", 2), ("5-12", 1)]
    );
    let own: Vec<Option<u32>> = c.benchmark.iter().map(|l| l.own_percent).collect();
    assert_eq!(own, [Some(50), Some(33), Some(0), Some(0), Some(17)]);
    let on = |bucket| {
        b.names(
            InsightsPeriod::Last30Days,
            InsightFigure::WonOnTouch { bucket },
        )
    };
    // Won on the first touch: by outcome (Ivy, Noa) or by closing as won (Max).
    assert_eq!(
        on(TouchBucket::First),
        ["Ivy First", "Max Closed", "Noa Outcome"]
    );
    // Kim's two touches share an instant: the won one was logged second.
    assert_eq!(on(TouchBucket::Second), ["Kim Tie", "Zed Edge"]);
    // Jon said yes himself, after five touches of ours.
    assert_eq!(on(TouchBucket::FifthToTwelfth), ["Jon Fifth"]);
    assert_eq!(on(TouchBucket::None), ["Ola Inbound"]);
    let c90 =
        b.db.insights(InsightsPeriod::Last90Days)
            .unwrap()
            .conversion;
    assert_eq!(c90.won, 8, "Yul, won a millisecond before the 30 days");
}

#[test]
fn channels_count_outbound_touches_answers_inbound_touches_and_wins() {
    let b = book();
    let rows =
        b.db.insights(InsightsPeriod::Last30Days)
            .unwrap()
            .channels
            .rows;
    let row = |channel| *rows.iter().find(|r| r.channel == channel).unwrap();
    let email = row(Channel::Email);
    assert_eq!(
        (email.touches, email.answered, email.inbound, email.wins),
        (19, 1, 3, 2),
        "Cat 1 + Ike 13 + Jon 4 + Kim 1 out, Kim's won; Cat, Dan and Jon wrote; Jon and Kim won"
    );
    let sms = row(Channel::Sms);
    assert_eq!(
        (sms.touches, sms.answered, sms.inbound, sms.wins),
        (3, 1, 0, 0)
    );
    let linkedin = row(Channel::Linkedin);
    assert_eq!(
        (linkedin.touches, linkedin.answered, linkedin.wins),
        (1, 1, 1)
    );
    assert!(
        rows.iter().all(|r| r.channel != Channel::Meeting),
        "an unused channel is left out"
    );
    assert_eq!(
        b.names(
            InsightsPeriod::Last30Days,
            InsightFigure::ChannelInbound {
                channel: Channel::Email
            }
        ),
        ["Cat Mixed", "Dan Inbound", "Jon Fifth"]
    );
}

#[test]
fn promises_are_kept_on_time_late_or_missed_by_the_end_of_the_day_in_their_zone() {
    let b = book();
    let p = b.db.insights(InsightsPeriod::Last30Days).unwrap().promises;
    assert_eq!(
        p.total,
        PromiseCounts {
            made: 6,
            kept_on_time: 2,
            kept_late: 1,
            missed: 2,
            pending: 1,
        },
        "Tia's promise was cancelled; Uli's was made before the period"
    );
    let of = |outcome| {
        b.names(
            InsightsPeriod::Last30Days,
            InsightFigure::Promises { outcome },
        )
    };
    assert_eq!(
        of(PromiseOutcome::KeptOnTime),
        ["Nate Kept", "Sam Called Us"]
    );
    assert_eq!(of(PromiseOutcome::KeptLate), ["Olga Late"]);
    assert_eq!(of(PromiseOutcome::Missed), ["Pat Missed", "Quin Open"]);
    assert_eq!(of(PromiseOutcome::Pending), ["Rae Pending"]);
    let weeks: Vec<(&str, u32, u32)> = p
        .weeks
        .iter()
        .map(|w| (w.week.as_str(), w.counts.made, w.counts.missed))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-W43", 0, 0),
            ("2026-W44", 0, 0),
            ("2026-W45", 0, 0),
            ("2026-W46", 2, 1),
            ("2026-W47", 4, 1),
            ("2026-W48", 0, 0),
        ]
    );
    assert_eq!(
        p.weeks[0].starts_on,
        NaiveDate::from_ymd_opt(2026, 10, 19).unwrap()
    );
    let all = b.db.insights(InsightsPeriod::AllTime).unwrap().promises;
    assert_eq!(all.total.made, 7);
    assert_eq!(
        all.weeks.first().unwrap().week,
        "2026-W40",
        "from Uli's week on"
    );
}

#[test]
fn the_referral_number_is_the_share_of_customers_who_referred_someone_in_the_period() {
    let b = book();
    let r = b.db.insights(InsightsPeriod::Last30Days).unwrap().referrals;
    // Seven won, Uma, Vic, Wes and Xia.
    assert_eq!((r.customers, r.referrers, r.percent), (11, 3, Some(27)));
    let top: Vec<(&str, u32)> = r
        .top
        .iter()
        .map(|t| (t.name.as_str(), t.referred))
        .collect();
    assert_eq!(
        top,
        [("Vic Customer", 2), ("Ivy First", 1), ("Uma Past", 1)]
    );
    assert_eq!(
        b.names(InsightsPeriod::Last30Days, InsightFigure::Referrers),
        ["Vic Customer", "Ivy First", "Uma Past"]
    );
    let r90 = b.db.insights(InsightsPeriod::Last90Days).unwrap().referrals;
    assert_eq!(
        (r90.referrers, r90.percent),
        (4, Some(36)),
        "Ren came in September"
    );
}

#[test]
fn referrals_month_by_month_fall_in_the_users_months_with_empty_ones_shown() {
    let mut b = Book::new();
    let vic = b.add("Vic Customer", Stage::Customer);
    let uma = b.add("Uma Past", Stage::PastCustomer);
    let ivy = b.add("Ivy Prospect", Stage::Prospect);
    b.clock.set(utc(2026, 9, 15, 15, 0));
    b.add_with("Ren", Stage::Prospect, "", Some(vic));
    // 23:30 on 31 October in New York, already November in UTC.
    b.clock.set(utc(2026, 11, 1, 3, 30));
    b.add_with("Rob", Stage::Prospect, "", Some(vic));
    b.clock.set(utc(2026, 11, 10, 15, 0));
    b.add_with("Ria", Stage::Prospect, "", Some(uma));
    b.add_with("Roy", Stage::Prospect, "", Some(vic));
    b.add_with("Pia", Stage::Prospect, "", Some(ivy));
    b.clock.set(now());
    let months = |period| -> Vec<(String, u32, u32, Option<u32>)> {
        b.db.insights(period)
            .unwrap()
            .referrals
            .months
            .into_iter()
            .map(|m| (m.month, m.referred, m.referrers, m.percent))
            .collect()
    };
    let m = |month: &str, referred, referrers, percent| {
        (month.to_owned(), referred, referrers, percent)
    };
    assert_eq!(
        months(InsightsPeriod::Last90Days),
        [
            m("2026-08", 0, 0, Some(0)),
            m("2026-09", 1, 1, Some(50)),
            m("2026-10", 1, 1, Some(50)),
            m("2026-11", 2, 2, Some(100)),
        ],
        "a prospect's referral is not a customer's"
    );
    assert_eq!(
        months(InsightsPeriod::AllTime).first(),
        Some(&m("2026-09", 1, 1, Some(50))),
        "all time starts at the first referral"
    );
    assert!(
        Book::new()
            .db
            .insights(InsightsPeriod::AllTime)
            .unwrap()
            .referrals
            .months
            .is_empty()
    );
}

/// The per-day counts against a recount of the touches themselves.
fn counts_agree(db: &Database) {
    let kept: BTreeMap<(String, String, String, i64), i64> = db
        .conn
        .prepare("SELECT channel, direction, outcome, day, n FROM touch_counts")
        .unwrap()
        .query_map([], |r| {
            Ok(((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?), r.get(4)?))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut counted: BTreeMap<(String, String, String, i64), i64> = BTreeMap::new();
    let touches: Vec<(String, String, String, i64)> = db
        .conn
        .prepare("SELECT channel, direction, outcome, happened_at FROM touches")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (channel, direction, outcome, at) in touches {
        *counted
            .entry((channel, direction, outcome, at.div_euclid(86_400_000)))
            .or_default() += 1;
    }
    assert_eq!(kept, counted);
}

#[test]
fn the_touch_counts_follow_every_change_to_the_touches() {
    use Channel::{Call, Email};
    use Outcome::{Connected, NoAnswer};
    let mut b = Book::new();
    let ada = b.add("Ada", Stage::Prospect);
    let eve = b.add("Eve", Stage::Prospect);
    b.out(ada, Call, NoAnswer, day(2, 10));
    b.out(ada, Call, NoAnswer, day(2, 11));
    b.out(eve, Email, Connected, day(3, 23));
    // Before 1970: its day is still whole.
    b.out(eve, Call, Connected, utc(1969, 12, 31, 18, 0));
    counts_agree(&b.db);
    let touch = b.db.contact_plan(ada).unwrap().touches[0].id;
    b.db.edit_touch(
        touch,
        &crate::followups::correct::TouchEdit {
            channel: Email,
            outcome: Connected,
            notes: String::new(),
            hook: String::new(),
            objections: Vec::new(),
            happened_at: day(4, 9),
        },
    )
    .unwrap();
    counts_agree(&b.db);
    b.db.undo().unwrap();
    counts_agree(&b.db);
    let other = b.db.contact_plan(ada).unwrap().touches[1].id;
    b.db.delete_touch(other).unwrap();
    counts_agree(&b.db);
    b.db.delete_contacts(&[eve]).unwrap();
    counts_agree(&b.db);
    b.db.undo().unwrap();
    counts_agree(&b.db);
    let kept: i64 =
        b.db.conn
            .query_row("SELECT sum(n) FROM touch_counts", [], |r| r.get(0))
            .unwrap();
    assert_eq!(kept, 3, "Ada's one touch left, Eve's two back");
}

#[test]
fn channels_count_the_part_of_a_day_before_the_first_whole_one() {
    use Channel::Call;
    use Outcome::NoAnswer;
    let mut b = Book::new();
    let ada = b.add("Ada", Stage::Prospect);
    // The 30 days start at 04:00 UTC (midnight in New York): 03:59 is out,
    // 04:00 and 23:59 that day are in.
    for at in [
        since_30d() - Duration::minutes(1),
        since_30d(),
        since_30d() + Duration::minutes(20 * 60 - 1),
    ] {
        b.out(ada, Call, NoAnswer, at);
    }
    b.clock.set(now());
    let calls = |period| {
        b.db.insights(period)
            .unwrap()
            .channels
            .rows
            .iter()
            .find(|r| r.channel == Call)
            .map(|r| r.touches)
    };
    assert_eq!(calls(InsightsPeriod::Last30Days), Some(2));
    assert_eq!(calls(InsightsPeriod::AllTime), Some(3));
}

#[test]
fn dormant_customers_follow_the_reengagement_rule() {
    let b = book();
    let d = b.db.insights(InsightsPeriod::Last30Days).unwrap().dormant;
    assert_eq!((d.after_days, d.count), (30, 3));
    assert_eq!(
        b.names(InsightsPeriod::AllTime, InsightFigure::Dormant),
        ["Uma Past", "Vic Customer", "Wes Quiet"]
    );
}

/// Every figure a bar or number shows, with the count it shows.
fn every_figure(i: &Insights) -> Vec<(InsightFigure, u32)> {
    let mut out = Vec::new();
    for c in &i.persistence.buckets {
        out.push((InsightFigure::StoppedAfter { bucket: c.bucket }, c.contacts));
    }
    out.push((
        InsightFigure::GaveUpTooEarly,
        i.persistence.gave_up_too_early,
    ));
    for c in &i.conversion.buckets {
        out.push((InsightFigure::WonOnTouch { bucket: c.bucket }, c.contacts));
    }
    for r in &i.channels.rows {
        out.push((InsightFigure::ChannelWins { channel: r.channel }, r.wins));
    }
    let p = i.promises.total;
    for (outcome, n) in [
        (PromiseOutcome::KeptOnTime, p.kept_on_time),
        (PromiseOutcome::KeptLate, p.kept_late),
        (PromiseOutcome::Missed, p.missed),
        (PromiseOutcome::Pending, p.pending),
    ] {
        out.push((InsightFigure::Promises { outcome }, n));
    }
    out.push((InsightFigure::Referrers, i.referrals.referrers));
    out.push((InsightFigure::Dormant, i.dormant.count));
    out
}

#[test]
fn every_figure_opens_on_exactly_the_contacts_it_counted() {
    let b = book();
    for period in InsightsPeriod::ALL {
        let insights = b.db.insights(period).unwrap();
        for (figure, shown) in every_figure(&insights) {
            let listed = b.db.insight_contacts(period, figure).unwrap();
            assert_eq!(listed.len(), shown as usize, "{period:?} {figure:?}");
            let distinct: BTreeSet<i64> = listed.iter().map(|c| c.id).collect();
            assert_eq!(distinct.len(), listed.len(), "each contact once");
        }
        for row in &insights.channels.rows {
            let answered =
                b.db.insight_contacts(
                    period,
                    InsightFigure::ChannelAnswered {
                        channel: row.channel,
                    },
                )
                .unwrap();
            let touched =
                b.db.insight_contacts(
                    period,
                    InsightFigure::ChannelTouches {
                        channel: row.channel,
                    },
                )
                .unwrap();
            assert!(
                answered.len() <= row.answered as usize && touched.len() <= row.touches as usize
            );
            assert!(answered.iter().all(|a| touched.contains(a)));
        }
    }
}

#[test]
fn the_figures_serialise_with_the_names_the_ui_reads() {
    let b = book();
    let json = serde_json::to_value(b.db.insights(InsightsPeriod::Last30Days).unwrap()).unwrap();
    assert_eq!(json["period"], "30d");
    assert_eq!(json["persistence"]["buckets"][5]["bucket"], "5-12");
    assert_eq!(json["persistence"]["gaveUpTooEarly"], 5);
    assert_eq!(json["promises"]["total"]["keptLate"], 1);
    let figure: InsightFigure =
        serde_json::from_str(r#"{"kind":"wonOnTouch","bucket":"5-12"}"#).unwrap();
    assert_eq!(
        figure,
        InsightFigure::WonOnTouch {
            bucket: TouchBucket::FifthToTwelfth
        }
    );
}

/// One touch of a generated history.
#[derive(Debug, Clone)]
struct Step {
    outbound: bool,
    email: bool,
    /// 0: outcome won; 1: closed as won with another outcome; else neither.
    roll: u8,
    /// How long before now, in quarter days: ties are frequent.
    quarters_ago: u32,
}

fn step() -> impl Strategy<Value = Step> {
    (any::<bool>(), any::<bool>(), 0u8..8, 5u32..500).prop_map(
        |(outbound, email, roll, quarters_ago)| Step {
            outbound,
            email,
            roll,
            quarters_ago,
        },
    )
}

/// A contact's history: its touches, whether the user stopped (nothing
/// scheduled next at the end), whether it starts as a customer.
type History = (Vec<Step>, bool, bool);

fn history() -> impl Strategy<Value = History> {
    (
        proptest::collection::vec(step(), 0..16),
        any::<bool>(),
        any::<bool>(),
    )
}

/// A logged touch as the naive recomputation sees it.
struct Logged {
    id: i64,
    contact: i64,
    at: DateTime<Utc>,
    outbound: bool,
    wins: bool,
}

/// The buckets and their contacts, recomputed by hand from the touch log.
fn naive(
    b: &Book,
    log: &[Logged],
    contacts: &[i64],
    period: InsightsPeriod,
) -> (
    BTreeMap<TouchBucket, BTreeSet<i64>>,
    BTreeMap<TouchBucket, BTreeSet<i64>>,
) {
    use chrono_tz::America::New_York;
    let since = period.days().map(|days| {
        let today = now().with_timezone(&New_York).date_naive();
        let first = today - Duration::days(i64::from(days) - 1);
        New_York
            .from_local_datetime(&first.and_hms_opt(0, 0, 0).unwrap())
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    });
    let in_period = |at: DateTime<Utc>| since.is_none_or(|s| at >= s);
    let (mut stopped, mut won) = (BTreeMap::new(), BTreeMap::new());
    for &contact in contacts {
        let mine: Vec<&Logged> = log.iter().filter(|t| t.contact == contact).collect();
        let outbound_upto = |at: DateTime<Utc>, id: i64| -> u32 {
            let n = mine
                .iter()
                .filter(|t| t.outbound && (t.at, t.id) <= (at, id))
                .count();
            u32::try_from(n).unwrap()
        };
        let win = mine.iter().filter(|t| t.wins).min_by_key(|t| (t.at, t.id));
        if let Some(w) = win
            && in_period(w.at)
        {
            let bucket = TouchBucket::of(outbound_upto(w.at, w.id));
            won.entry(bucket)
                .or_insert_with(BTreeSet::new)
                .insert(contact);
        }
        let (stage, open, created): (Stage, bool, i64) =
            b.db.conn
                .query_row(
                    "SELECT stage, EXISTS (SELECT 1 FROM followups WHERE contact_id = ?1
                        AND status = 'open' AND kind <> 'promise'), created_at
                 FROM contacts WHERE id = ?1",
                    [contact],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .unwrap();
        let last = mine
            .iter()
            .map(|t| t.at)
            .max()
            .unwrap_or_else(|| DateTime::from_timestamp_millis(created).unwrap());
        if stage == Stage::Prospect && !open && win.is_none() && in_period(last) {
            let n = u32::try_from(mine.iter().filter(|t| t.outbound).count()).unwrap();
            stopped
                .entry(TouchBucket::of(n))
                .or_insert_with(BTreeSet::new)
                .insert(contact);
        }
    }
    (stopped, won)
}

fn ids(b: &Book, period: InsightsPeriod, figure: InsightFigure) -> BTreeSet<i64> {
    b.db.insight_contacts(period, figure)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn persistence_and_conversion_agree_with_a_naive_recount_of_the_touch_log(
        histories in proptest::collection::vec(history(), 1..8),
        period in proptest::sample::select(InsightsPeriod::ALL.to_vec()),
    ) {
        let mut b = Book::new();
        let mut log = Vec::new();
        let mut contacts = Vec::new();
        for (n, (steps, stop, customer)) in histories.iter().enumerate() {
            let stage = if *customer { Stage::Customer } else { Stage::Prospect };
            let id = b.add(&format!("Contact {n}"), stage);
            contacts.push(id);
            for s in steps {
                let at = now() - Duration::hours(6 * i64::from(s.quarters_ago));
                let outcome = if s.roll == 0 { Outcome::Won } else { Outcome::NoAnswer };
                let next = if s.roll == 1 {
                    NextStep::Close { reason: CloseReason::Won }
                } else {
                    NextStep::Cadence
                };
                let direction = if s.outbound { Direction::Outbound } else { Direction::Inbound };
                let channel = if s.email { Channel::Email } else { Channel::Call };
                let touch = b.log(id, channel, direction, outcome, at, next);
                log.push(Logged { id: touch, contact: id, at, outbound: s.outbound, wins: s.roll <= 1 });
            }
            if *stop {
                b.stop(id);
            }
        }
        b.clock.set(now());
        let insights = b.db.insights(period).unwrap();
        let (stopped, won) = naive(&b, &log, &contacts, period);
        for bucket in TouchBucket::ALL {
            let expected_stopped = stopped.get(&bucket).cloned().unwrap_or_default();
            let expected_won = won.get(&bucket).cloned().unwrap_or_default();
            let shown = |buckets: &[BucketCount]| {
                buckets.iter().find(|c| c.bucket == bucket).unwrap().contacts as usize
            };
            prop_assert_eq!(shown(&insights.persistence.buckets), expected_stopped.len());
            prop_assert_eq!(shown(&insights.conversion.buckets), expected_won.len());
            prop_assert_eq!(ids(&b, period, InsightFigure::StoppedAfter { bucket }), expected_stopped);
            prop_assert_eq!(ids(&b, period, InsightFigure::WonOnTouch { bucket }), expected_won);
        }
        // Channels: the kept per-day counts against the touches themselves.
        let since = insights.since.map_or(i64::MIN, |s| s.timestamp_millis());
        let naive: BTreeMap<String, (u32, u32)> = b.db.conn
            .prepare(
                "SELECT channel, count(*) FILTER (WHERE direction = 'outbound'),
                        count(*) FILTER (WHERE direction = 'inbound')
                 FROM touches WHERE happened_at >= ?1 GROUP BY channel",
            )
            .unwrap()
            .query_map([since], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let shown: BTreeMap<String, (u32, u32)> = insights.channels.rows.iter()
            .filter(|r| r.touches + r.inbound > 0)
            .map(|r| (r.channel.as_str().to_owned(), (r.touches, r.inbound)))
            .collect();
        prop_assert_eq!(shown, naive);
        counts_agree(&b.db);
    }
}
