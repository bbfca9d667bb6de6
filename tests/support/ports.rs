//! Free local ports for the servers a test starts (Radicale, tauri-driver).

use std::collections::BTreeSet;
use std::net::TcpListener;
use std::sync::{Mutex, PoisonError};

/// Ports handed out in this test process. The system may give a port just
/// released back to the next test running in parallel; that test's server
/// would then fail to bind while its readiness check reached the first
/// test's server, and its requests found nothing once that one stopped.
static HANDED: Mutex<BTreeSet<u16>> = Mutex::new(BTreeSet::new());

/// A port nothing listens on now and no other test of this process got.
pub fn free_port() -> u16 {
    let mut handed = HANDED.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free local port");
        if handed.insert(port) {
            return port;
        }
    }
}
