use super::says_the_same;

const SENT_CARD: &str = "BEGIN:VCARD\r\nVERSION:4.0\r\nPRODID:-//Touchpoint//Contacts//EN\r\n\
    UID:urn:uuid:abc-1\r\nFN:Ada\\, Lovelace\r\nN:Lovelace;Ada;;;\r\nORG:Analytical Engines\r\n\
    NOTE:Met at the spring fair\\; wants a quote for the autumn order. A very long\r\n\
    \x20 line that folds over.\r\nEND:VCARD\r\n";

/// The same card as Radicale 3.1.8 lists it after a PUT of the whole
/// address book: lines sorted, folded elsewhere, LF line ends (as XML reads).
const LISTED_CARD: &str = "BEGIN:VCARD\nVERSION:4.0\nPRODID:-//Touchpoint//Contacts//EN\n\
    UID:urn:uuid:abc-1\nFN:Ada\\, Lovelace\nN:Lovelace;Ada;;;\n\
    NOTE:Met at the spring fair\\; wants a quote for the autumn order. A very lo\n\
    \x20ng line that folds over.\nORG:Analytical Engines\nEND:VCARD\n";

const SENT_TASK: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Touchpoint//Follow-ups//EN\r\n\
    BEGIN:VTODO\r\nUID:t1\r\nSUMMARY:Call Ada back\r\nDUE:20261125T090000Z\r\n\
    X-TOUCHPOINT-CONTACT:urn:uuid:abc-1\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\n\
    TRIGGER;VALUE=DATE-TIME:20261125T090000Z\r\nDESCRIPTION:Call Ada back\r\nEND:VALARM\r\n\
    END:VTODO\r\nEND:VCALENDAR\r\n";

/// The same task as Radicale lists it: its own PRODID, the alarm before
/// the properties that followed it.
const LISTED_TASK: &str = "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//PYVOBJECT//NONSGML Version 1//EN\n\
    BEGIN:VTODO\nDUE:20261125T090000Z\nSUMMARY:Call Ada back\nUID:t1\nBEGIN:VALARM\n\
    ACTION:DISPLAY\nDESCRIPTION:Call Ada back\nTRIGGER;VALUE=DATE-TIME:20261125T090000Z\n\
    END:VALARM\nX-TOUCHPOINT-CONTACT:urn:uuid:abc-1\nEND:VTODO\nEND:VCALENDAR\n";

#[test]
fn an_item_the_server_reordered_and_refolded_says_the_same() {
    assert!(says_the_same(SENT_CARD, LISTED_CARD));
    assert!(says_the_same(SENT_TASK, LISTED_TASK));
}

#[test]
fn an_item_edited_elsewhere_does_not() {
    let edited = LISTED_CARD.replace("ORG:Analytical", "ORG:Difference");
    assert!(!says_the_same(SENT_CARD, &edited));
    let moved = LISTED_TASK.replace("DUE:20261125T090000Z", "DUE:20261126T090000Z");
    assert!(!says_the_same(SENT_TASK, &moved));
    // The same line moved from the alarm to the task is another item.
    let lines = LISTED_TASK.replace("DESCRIPTION:Call Ada back\n", "");
    let elsewhere = lines.replace("UID:t1\n", "UID:t1\nDESCRIPTION:Call Ada back\n");
    assert!(!says_the_same(SENT_TASK, &elsewhere));
}
