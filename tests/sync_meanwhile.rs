//! What a sync does while it waits on the server, seen through a small
//! proxy in front of Radicale that lets the test act on what the client
//! sends before it goes on: a card another client edits between the upload
//! of the whole address book and its listing is taken as their change, not
//! as ours.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

use touchpoint_core::Database;
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{add, curl, machine, origin, phone_put};

/// What the client sent, the end of the piece before first (so that a
/// marker split between two reads is seen), and where the new bytes start.
type Hook = Arc<dyn Fn(&[u8], usize) + Send + Sync>;

/// How many times `marker` ends in `window` after `from`.
fn seen(window: &[u8], from: usize, marker: &str) -> usize {
    let marker = marker.as_bytes();
    window
        .windows(marker.len())
        .enumerate()
        .filter(|(at, w)| *w == marker && at + marker.len() > from)
        .count()
}

fn pipe(mut from: TcpStream, mut to: TcpStream, hook: Option<&Hook>) {
    const CARRIED: usize = 64;
    let mut buf = [0_u8; 4096];
    let mut window = Vec::new();
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some(hook) = hook {
            let from = window.len();
            window.extend_from_slice(&buf[..n]);
            hook(&window, from);
            window.drain(..window.len().saturating_sub(CARRIED));
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}

/// A proxy to `server` whose `hook` sees every request before it goes on;
/// returns its URL.
fn proxy(server: &Radicale, hook: Hook) -> String {
    let target = server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            let Ok(server) = TcpStream::connect(&target) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            let hook = hook.clone();
            std::thread::spawn(move || pipe(client, server, Some(&hook)));
            std::thread::spawn(move || pipe(s2, c2, None));
        }
    });
    url
}

/// Another client edits one card of an address book uploaded whole, after
/// the PUT on the collection and before the client lists it (the first
/// sync-collection from no token after that PUT).
struct EditBetween {
    origin: String,
    /// The collection PUT's path once seen, and the edited card's FN once done.
    state: Mutex<(Option<String>, Option<String>)>,
}

impl EditBetween {
    fn hook(self: &Arc<Self>) -> Hook {
        let edit = self.clone();
        Arc::new(move |window, from| edit.sees(window, from))
    }

    fn sees(&self, window: &[u8], from: usize) {
        let mut state = self.state.lock().unwrap();
        let text = String::from_utf8_lossy(window);
        if state.0.is_none() {
            state.0 = text
                .split("PUT ")
                .skip(1)
                .filter_map(|s| s.split(" HTTP/1.1").next())
                .find(|path| path.ends_with('/'))
                .map(str::to_owned);
        } else if state.1.is_none() && seen(window, from, "<d:sync-token></d:sync-token>") > 0 {
            let book = format!("{}{}", self.origin, state.0.as_deref().unwrap());
            state.1 = Some(self.edit_one(&book));
        }
    }

    /// Edits the company of one card in `book`; returns its FN.
    fn edit_one(&self, book: &str) -> String {
        let listing = curl(&["-X", "PROPFIND", "-H", "Depth: 1", book]);
        let href = listing
            .split("<href>")
            .filter_map(|s| s.split("</href>").next())
            .find(|h| h.ends_with(".vcf"))
            .expect("a card in the uploaded address book");
        let url = format!("{}{href}", self.origin);
        let card = curl(&[&url]);
        let edited = card.replace("ORG:Analytical Engines", "ORG:Edited Elsewhere");
        assert_ne!(edited, card, "the card names its company: {card}");
        let status = phone_put(&url, "text/vcard; charset=utf-8", &edited);
        assert!(
            status.starts_with('2'),
            "the other client's edit ({status})"
        );
        let fn_line = edited.lines().find(|l| l.starts_with("FN:")).unwrap();
        fn_line.trim_start_matches("FN:").trim().to_owned()
    }
}

#[test]
fn a_card_edited_elsewhere_between_the_upload_at_once_and_its_listing_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let edit = Arc::new(EditBetween {
        origin: origin(&server.url),
        state: Mutex::default(),
    });
    let through = proxy(&server, edit.hook());
    let sync = |db: &mut Database| {
        let report = db.sync_contacts(&through, USER, PASSWORD).unwrap();
        assert!(report.problems.is_empty(), "{report:?}");
        report
    };
    let company = |db: &Database, name: &str| {
        db.all_contacts()
            .unwrap()
            .into_iter()
            .find(|c| c.fields.display_name == name)
            .unwrap()
            .fields
            .company
    };
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    // Enough to go up in one request (bulk::AT_LEAST).
    for i in 0..120 {
        add(&mut a, &format!("Contact {i:03} Example"));
    }
    let first = sync(&mut a);
    assert_eq!(first.sent, 120, "{first:?}");
    let edited = edit.state.lock().unwrap().1.clone().expect("a card edited");
    assert_eq!(
        company(&a, &edited),
        "Edited Elsewhere",
        "the other client's edit is taken here: {first:?}"
    );
    let again = sync(&mut a);
    assert_eq!((again.sent, again.received), (0, 0), "{again:?}");
    sync(&mut b);
    assert_eq!(company(&b, &edited), "Edited Elsewhere");
    assert_eq!(b.all_contacts().unwrap().len(), 120);
}
