use chrono::{NaiveDate, TimeZone, Utc};

use super::{read, union, write};

#[test]
fn a_days_marks_read_back_as_written_and_add_up_without_undoing_each_other() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    let digest = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 3).unwrap();
    let hour = Utc.with_ymd_and_hms(2026, 11, 24, 14, 0, 0).unwrap();
    let text = write(day, &[Some(digest), None]);
    assert!(text.contains("UID:touchpoint-day-2026-11-24\r\n"), "{text}");
    assert!(text.contains("DTSTART;VALUE=DATE:20261124\r\n"), "{text}");
    assert_eq!(read(&text), Some((day, [Some(digest), None])));

    let theirs = [None, Some(hour)];
    assert_eq!(
        union(&[Some(digest), None], &theirs),
        [Some(digest), Some(hour)],
        "each side's mark kept"
    );
    let earlier = Utc.with_ymd_and_hms(2026, 11, 24, 8, 0, 0).unwrap();
    assert_eq!(
        union(&[Some(digest), None], &[Some(earlier), None]),
        [Some(digest), None],
        "a notice shown on both keeps this machine's time: nothing to send"
    );
    assert_eq!(
        read(&text.replace("touchpoint-day-2026-11-24", "touchpoint-day-someday")),
        None
    );
    assert_eq!(read("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), None);
}
