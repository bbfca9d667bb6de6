use super::*;

#[test]
fn a_sync_collection_answer_gives_changed_and_removed_cards_and_the_new_token() {
    let xml = r#"<?xml version='1.0' encoding='utf-8'?>
<multistatus xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
  <response><href>/alice/tp/a1.vcf</href><propstat><prop>
    <getetag>"e1"</getetag>
    <CR:address-data>BEGIN:VCARD&#13;
FN:Ada &amp; Co&#13;
END:VCARD&#13;
</CR:address-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
  <response><href>/alice/tp/gone.vcf</href><status>HTTP/1.1 404 Not Found</status></response>
  <sync-token>http://radicale.org/ns/sync/abc</sync-token>
</multistatus>"#;
    let m = parse_multistatus(xml).unwrap();
    assert_eq!(
        m.sync_token.as_deref(),
        Some("http://radicale.org/ns/sync/abc")
    );
    assert_eq!(m.responses.len(), 2);
    assert_eq!(m.responses[0].href, "/alice/tp/a1.vcf");
    assert_eq!(m.responses[0].prop("getetag"), Some("\"e1\""));
    assert_eq!(
        m.responses[0].prop("address-data"),
        Some("BEGIN:VCARD\r\nFN:Ada & Co\r\nEND:VCARD\r\n")
    );
    assert_eq!(m.responses[1].status, Some(404));
}

#[test]
fn principal_home_set_and_address_books_are_found() {
    let xml = r#"<multistatus xmlns="DAV:"><response><href>/alice/</href><propstat><prop>
      <current-user-principal><href>/alice/</href></current-user-principal>
      <C:addressbook-home-set xmlns:C="urn:ietf:params:xml:ns:carddav"><href>/alice/</href></C:addressbook-home-set>
      </prop></propstat></response>
      <response><href>/alice/touchpoint/</href><propstat><prop>
      <resourcetype><collection/><C:addressbook xmlns:C="urn:ietf:params:xml:ns:carddav"/></resourcetype>
      <displayname>Touchpoint</displayname></prop></propstat></response></multistatus>"#;
    let m = parse_multistatus(xml).unwrap();
    assert_eq!(
        m.responses[0].prop("current-user-principal"),
        Some("/alice/")
    );
    assert_eq!(m.responses[0].prop("addressbook-home-set"), Some("/alice/"));
    assert!(!m.responses[0].is_address_book);
    assert!(m.responses[1].is_address_book);
    assert_eq!(m.responses[1].prop("displayname"), Some("Touchpoint"));
}

#[test]
fn an_answer_that_is_not_a_multistatus_is_refused() {
    assert!(parse_multistatus("<html><body>502 Bad Gateway</body></html>").is_err());
    assert!(parse_multistatus("not xml at all <<<").is_err());
}

#[test]
fn credentials_are_base64_as_basic_authentication_wants() {
    assert_eq!(base64_encode(b"alice:secret"), "YWxpY2U6c2VjcmV0");
    assert_eq!(base64_encode(b"a"), "YQ==");
    assert_eq!(base64_encode(b"ab"), "YWI=");
}
