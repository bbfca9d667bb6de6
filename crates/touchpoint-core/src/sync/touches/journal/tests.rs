use chrono::{TimeZone, Utc};

use super::*;
use crate::followups::touch::ObjectionKind;

fn voicemail() -> Journal {
    Journal {
        uid: "t1b2".into(),
        contact_uid: "c9; with, odd\\chars".into(),
        happened_at: Utc.with_ymd_and_hms(2026, 11, 24, 15, 5, 0).unwrap(),
        channel: Channel::Call,
        direction: Direction::Outbound,
        outcome: Outcome::LeftVoicemail,
        notes: "Spoke to her assistant,\nsaid she is back Thursday; try after 4".into(),
        hook: "the pilot budget".into(),
        objections: vec![Objection {
            kind: ObjectionKind::Price,
            note: "Compared with \"the other vendor\"".into(),
        }],
        created_at: Utc.with_ymd_and_hms(2026, 11, 24, 15, 6, 0).unwrap(),
        carried_out: Some("f1a2".into()),
        promised: Some("p1".into()),
        ended: vec!["p0".into(), "p00".into()],
    }
}

fn reply() -> Journal {
    Journal {
        uid: "t2".into(),
        channel: Channel::Email,
        direction: Direction::Inbound,
        outcome: Outcome::Replied,
        notes: String::new(),
        hook: String::new(),
        objections: Vec::new(),
        carried_out: None,
        promised: None,
        ended: Vec::new(),
        ..voicemail()
    }
}

#[test]
fn what_is_written_reads_back_the_same() {
    for journal in [voicemail(), reply()] {
        let text = write_journal(&journal, "Ada Lovelace");
        assert_eq!(read_journal(&text), Ok(journal.clone()), "{text}");
        assert!(says(&text, &journal));
        assert!(is_journal(&text));
        assert!(text.lines().all(|l| l.len() <= 76), "folded: {text}");
    }
    let text = write_journal(&voicemail(), "Ada Lovelace");
    assert!(text.contains("DTSTART:20261124T150500Z\r\n"), "{text}");
    assert!(
        text.contains("SUMMARY:Call Ada Lovelace: left voicemail\r\n"),
        "{text}"
    );
    assert!(
        text.contains("X-TOUCHPOINT-ENDED:p0\r\nX-TOUCHPOINT-ENDED:p00\r\n"),
        "{text}"
    );
    assert!(!is_journal(
        "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nEND:VTODO\r\nEND:VCALENDAR\r\n"
    ));
}

#[test]
fn a_server_that_reorders_lines_and_a_phone_that_edits_the_notes_are_read() {
    let text = write_journal(&voicemail(), "Ada Lovelace").replace("\r\n ", "");
    let mut lines: Vec<&str> = text.lines().collect();
    // Radicale sorts a component's lines; a phone writes a wall time with
    // its zone and edits the notes.
    let inner = lines.len() - 2;
    lines[4..inner].sort_unstable();
    let reordered = lines.join("\r\n") + "\r\n";
    assert_eq!(read_journal(&reordered), Ok(voicemail()));
    let edited = reordered
        .replace(
            "DTSTART:20261124T150500Z",
            "DTSTART;TZID=Europe/Paris:20261124T160500",
        )
        .replace(
            "DESCRIPTION:Spoke to her assistant\\,\\nsaid she is back Thursday\\; try after 4",
            "DESCRIPTION:Back Thursday",
        );
    let read = read_journal(&edited).unwrap();
    assert_eq!(
        read.happened_at,
        voicemail().happened_at,
        "the same instant"
    );
    assert_eq!(read.notes, "Back Thursday", "{edited}");
}

#[test]
fn what_touchpoint_cannot_read_is_refused_in_words() {
    let good = write_journal(&voicemail(), "Ada Lovelace");
    let cases = [
        (
            good.replace("X-TOUCHPOINT-CONTACT:", "X-OTHER:"),
            "not a Touchpoint touch",
        ),
        (good.replace("UID:t1b2\r\n", ""), "it has no UID"),
        (
            good.replace("X-TOUCHPOINT-CHANNEL:call", "X-TOUCHPOINT-CHANNEL:pigeon"),
            "\"pigeon\" is not a channel",
        ),
        (
            good.replace(
                "X-TOUCHPOINT-DIRECTION:outbound",
                "X-TOUCHPOINT-DIRECTION:sideways",
            ),
            "\"sideways\" is not a direction",
        ),
        (
            good.replace(
                "X-TOUCHPOINT-OUTCOME:left_voicemail",
                "X-TOUCHPOINT-OUTCOME:maybe",
            ),
            "\"maybe\" is not an outcome",
        ),
        (
            good.replace("DTSTART:20261124T150500Z", "DTSTART:yesterday"),
            "its DTSTART \"yesterday\" is not a time",
        ),
        (
            good.replace("DTSTART:20261124T150500Z\r\n", ""),
            "it has no DTSTART",
        ),
        (
            good.replace("X-TOUCHPOINT-OBJECTIONS:[", "X-TOUCHPOINT-OBJECTIONS:{"),
            "its objections are unreadable",
        ),
        (
            good.replace("END:VJOURNAL\r\n", ""),
            "END:VCALENDAR closes what it did not begin",
        ),
        (
            good.replace("BEGIN:VJOURNAL", "BEGIN:VTODO")
                .replace("END:VJOURNAL", "END:VTODO"),
            "no complete VJOURNAL",
        ),
        (
            good.replace("END:VJOURNAL", "END:VTODO"),
            "END:VTODO closes what it did not begin",
        ),
        (
            good.replace(
                "X-TOUCHPOINT-HOOK:the pilot budget",
                &format!("X-TOUCHPOINT-HOOK:{}", "x".repeat(501)),
            ),
            "its hook is longer than 500 characters",
        ),
    ];
    for (text, why) in cases {
        let err = read_journal(&text).expect_err(why);
        assert!(err.contains(why), "{err:?} should say {why:?}");
    }
}
