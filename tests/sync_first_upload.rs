//! A first sync of many contacts into an empty address book and task list
//! goes up in one request each where the server takes a whole collection
//! (Radicale does), and every item is then agreed on as if sent one by one;
//! into a collection that holds anything, items go one by one and nothing
//! there is replaced. A small proxy counts the one-by-one writes of new
//! items (`If-None-Match: *`) and keeps what the client sent, to see how
//! the sync after the upload asks for changes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use touchpoint_core::Database;
use touchpoint_test_support::radicale::{PASSWORD, Radicale, USER};
use touchpoint_test_support::sync_machines::{add, curl, machine, server_tasks};

const NEW_ITEM: &[u8] = b"If-None-Match: *";

/// Forwards to `target`, counting the requests that write a new item.
struct CountingProxy {
    url: String,
    new_items: Arc<AtomicUsize>,
    /// Every byte the client sent, in order.
    sent: Arc<Mutex<Vec<u8>>>,
}

/// Counts the new items' writes going up and keeps what went.
struct Up {
    count: Arc<AtomicUsize>,
    sent: Arc<Mutex<Vec<u8>>>,
}

fn pipe(mut from: TcpStream, mut to: TcpStream, up: Option<&Up>) {
    let mut buf = [0_u8; 4096];
    // The end of the last read: a header split between two reads is seen.
    let mut carried = Vec::new();
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if let Some(Up { count, sent }) = up {
            sent.lock().unwrap().extend_from_slice(&buf[..n]);
            carried.extend_from_slice(&buf[..n]);
            let found = carried
                .windows(NEW_ITEM.len())
                .filter(|w| *w == NEW_ITEM)
                .count();
            count.fetch_add(found, Ordering::SeqCst);
            let keep = carried.len().min(NEW_ITEM.len() - 1);
            carried.drain(..carried.len() - keep);
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = from.shutdown(Shutdown::Both);
    let _ = to.shutdown(Shutdown::Both);
}

impl CountingProxy {
    fn start(target: String) -> CountingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let new_items = Arc::new(AtomicUsize::new(0));
        let sent = Arc::new(Mutex::new(Vec::new()));
        let (shared, log) = (new_items.clone(), sent.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let Ok(server) = TcpStream::connect(&target) else {
                    continue;
                };
                let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
                let up = Up {
                    count: shared.clone(),
                    sent: log.clone(),
                };
                std::thread::spawn(move || pipe(client, server, Some(&up)));
                std::thread::spawn(move || pipe(s2, c2, None));
            }
        });
        CountingProxy {
            url,
            new_items,
            sent,
        }
    }

    fn take_count(&self) -> usize {
        self.new_items.swap(0, Ordering::SeqCst)
    }

    /// What the client sent since the last call.
    fn take_sent(&self) -> String {
        String::from_utf8_lossy(&std::mem::take(&mut *self.sent.lock().unwrap())).into_owned()
    }
}

fn names(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("Contact {i:03} Example")).collect()
}

/// The display names of the collection at `url` and of what it holds.
fn displayname(url: &str) -> String {
    curl(&["-X", "PROPFIND", "-H", "Depth: 0", url])
}

#[test]
fn a_first_sync_into_empty_collections_goes_up_at_once_and_nothing_there_is_ever_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let server = Radicale::start(&dir.path().join("server"));
    let target = server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/');
    let proxy = CountingProxy::start(target.to_owned());
    let through = proxy.url.clone();
    let sync = |db: &mut Database| {
        let report = db.sync_contacts(&through, USER, PASSWORD).unwrap();
        assert!(report.problems.is_empty(), "{report:?}");
        report
    };
    let (mut a, mut b) = (machine(dir.path(), "a"), machine(dir.path(), "b"));
    for name in names(0..150) {
        add(&mut a, &name);
    }
    let first = sync(&mut a);
    assert_eq!((first.sent, first.followups.sent), (150, 150), "{first:?}");
    assert_eq!(proxy.take_count(), 0, "no item went up on its own");
    let list = first.followups.task_list.clone().unwrap();
    assert!(
        displayname(&first.address_book).contains("Touchpoint</"),
        "the address book keeps its name"
    );
    assert!(
        displayname(&list).contains("Touchpoint follow-ups</"),
        "the task list keeps its name"
    );
    assert_eq!(server_tasks(&list).len(), 150);
    proxy.take_sent();
    let again = sync(&mut a);
    // Each collection's token from the listing after the upload: the
    // changes since, not the whole collection listed again.
    let asked = proxy.take_sent();
    assert_eq!(
        asked.matches("<d:sync-token>http").count(),
        2,
        "both collections asked since a token: {asked}"
    );
    assert!(
        !asked.contains("PROPFIND") && !asked.contains("<d:sync-token></d:sync-token>"),
        "no collection listed whole: {asked}"
    );
    assert_eq!(
        (
            again.sent,
            again.received,
            again.followups.sent,
            again.followups.received
        ),
        (0, 0, 0, 0),
        "every item agreed on: {again:?}"
    );

    // B adds its own before its first sync: one by one into the full
    // collections, and A's stay.
    for name in names(150..300) {
        add(&mut b, &name);
    }
    let got = sync(&mut b);
    assert_eq!((got.received, got.sent), (150, 150), "{got:?}");
    assert_eq!(
        proxy.take_count(),
        300,
        "B's cards and first touches one by one"
    );
    sync(&mut a);
    assert_eq!(a.all_contacts().unwrap().len(), 300);
    assert_eq!(b.all_contacts().unwrap().len(), 300);

    // An ETag agreed on after the upload at once guards the next write.
    let seven = |db: &Database| {
        db.all_contacts()
            .unwrap()
            .into_iter()
            .find(|c| c.fields.display_name == "Contact 007 Example")
            .unwrap()
    };
    let mut fields = seven(&a).fields;
    fields.title = "Head of Purchasing".into();
    a.update_contact(seven(&a).id, &fields).unwrap();
    assert_eq!(sync(&mut a).sent, 1);
    assert_eq!(proxy.take_count(), 0, "written over its ETag");
    assert_eq!(sync(&mut b).received, 1);
    assert_eq!(seven(&b).fields.title, "Head of Purchasing");
}
