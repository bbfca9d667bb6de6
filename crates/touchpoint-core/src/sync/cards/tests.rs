use super::*;

#[test]
fn the_uid_is_read_from_a_folded_or_grouped_line() {
    assert_eq!(
        uid_of("BEGIN:VCARD\r\nUID:abc-\r\n 123\r\nEND:VCARD\r\n").as_deref(),
        Some("abc-123")
    );
    assert_eq!(
        uid_of("BEGIN:VCARD\nitem1.uid;VALUE=text:urn:uuid:9\nEND:VCARD").as_deref(),
        Some("urn:uuid:9")
    );
    assert_eq!(uid_of("BEGIN:VCARD\nFN:No Uid\nEND:VCARD"), None);
}

#[test]
fn a_uid_makes_a_safe_file_name() {
    assert_eq!(uid_path("a1b2-c_3"), "a1b2-c_3");
    assert_eq!(uid_path("urn:uuid:9/x"), "urn%3Auuid%3A9%2Fx");
}
