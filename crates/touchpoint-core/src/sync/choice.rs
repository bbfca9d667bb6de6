//! Which address book and which task list an account syncs with: the
//! user's choice among what the server holds (found by `discover`), or a
//! new one made for Touchpoint; without a choice, the first sync finds or
//! makes the ones named "Touchpoint" and "Touchpoint follow-ups".
//!
//! Choosing another collection for an account that has synced forgets what
//! was agreed with the old one, and nothing else: the next sync uploads
//! every contact (or every open follow-up and every touch) to the new one
//! as to a new server, merging with what it already holds, and deletes
//! nothing on the old one, which the user may still use elsewhere.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use url::Url;

use super::account::checked;
use super::dav::{Dav, Response};
use super::discover::{self, join};
use crate::db::Database;
use crate::error::{CoreError, Result};

/// An address book or a calendar on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncCollection {
    /// Its display name, else the last part of its address.
    pub name: String,
    pub url: String,
    /// A calendar that takes no journal entries: the follow-ups sync
    /// there, the touches do not.
    pub without_journals: bool,
}

/// What the server offers an account, and what it syncs with.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncCollections {
    pub address_books: Vec<SyncCollection>,
    /// The calendars that take tasks (follow-ups) and journal entries.
    pub calendars: Vec<SyncCollection>,
    /// The address book chosen, else the one named Touchpoint; `None` when
    /// there is none yet (the first sync makes it).
    pub address_book: Option<String>,
    /// The calendar chosen, else the one named "Touchpoint follow-ups".
    pub calendar: Option<String>,
    /// Whether the account has synced: another choice then uploads
    /// everything to the new collection at the next sync.
    pub synced: bool,
}

/// The collection the user picked, or the name of one to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum CollectionChoice {
    Existing { url: String },
    New { name: String },
}

#[derive(Clone, Copy)]
enum Which {
    AddressBook,
    TaskList,
}

impl Which {
    /// The account's column for it, its sync token's, and the tables of
    /// what was agreed with it.
    fn columns(self) -> (&'static str, &'static str, &'static [&'static str]) {
        match self {
            Which::AddressBook => ("address_book", "sync_token", &["sync_cards"]),
            Which::TaskList => (
                "calendar",
                "calendar_token",
                &[
                    "sync_todos",
                    "sync_todos_waiting",
                    "sync_journals",
                    "sync_day_marks",
                ],
            ),
        }
    }

    fn field(self) -> &'static str {
        match self {
            Which::AddressBook => "addressBook",
            Which::TaskList => "calendar",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Which::AddressBook => "address book",
            Which::TaskList => "calendar",
        }
    }
}

/// The server's collections of one kind, with the home set they are in.
struct Found {
    home: Option<Url>,
    listed: Vec<SyncCollection>,
}

impl Found {
    fn of(home: &Url, responses: &[Response]) -> Result<Found> {
        let listed = responses
            .iter()
            .map(|r| {
                let url = join(home, &r.href)?;
                let name = r
                    .prop("displayname")
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map_or_else(|| last_segment(&url), ToOwned::to_owned);
                Ok(SyncCollection {
                    name,
                    url: url.to_string(),
                    without_journals: r.is_calendar
                        && !r.components.is_empty()
                        && !r.components.iter().any(|c| c == "VJOURNAL"),
                })
            })
            .collect::<Result<_>>()?;
        Ok(Found {
            home: Some(home.clone()),
            listed,
        })
    }

    /// The URL `choice` names, checked against what the server lists, or
    /// the slug and name of the one to make.
    fn pick(&self, which: Which, choice: &CollectionChoice) -> Result<Target> {
        match choice {
            CollectionChoice::Existing { url } => self
                .listed
                .iter()
                .find(|c| same_url(&c.url, url))
                .and_then(|c| Url::parse(&c.url).ok())
                .map(Target::Existing)
                .ok_or_else(|| {
                    CoreError::invalid(
                        which.field(),
                        match which {
                            Which::AddressBook => {
                                format!("{url} is not an address book on the server")
                            }
                            Which::TaskList => {
                                format!("{url} is not a calendar on the server that takes tasks")
                            }
                        },
                    )
                }),
            CollectionChoice::New { name } => {
                let name = name.trim();
                if name.is_empty() {
                    return Err(CoreError::invalid(
                        which.field(),
                        format!("Give the new {} a name", which.noun()),
                    ));
                }
                if self.home.is_none() {
                    return Err(CoreError::invalid(
                        which.field(),
                        "This server offers no calendars: follow-ups cannot be synced there",
                    ));
                }
                let taken: Vec<String> = self
                    .listed
                    .iter()
                    .map(|c| last_segment_of(&c.url))
                    .collect();
                Ok(Target::New {
                    slug: slug(name, &taken),
                    name: name.to_owned(),
                })
            }
        }
    }
}

enum Target {
    Existing(Url),
    New { slug: String, name: String },
}

fn last_segment_of(url: &str) -> String {
    Url::parse(url).map_or_else(|_| url.to_owned(), |u| last_segment(&u))
}

fn last_segment(url: &Url) -> String {
    url.path()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or_default()
        .to_owned()
}

fn same_url(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/')
}

/// A path segment for a new collection named `name`: lower-case letters,
/// digits and dashes, not one of `taken`.
pub(super) fn slug(name: &str, taken: &[String]) -> String {
    let mut base = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            base.push(c);
        } else if !base.is_empty() && !base.ends_with('-') {
            base.push('-');
        }
    }
    let base = match base.trim_end_matches('-') {
        "" => "touchpoint".to_owned(),
        b => b.to_owned(),
    };
    let mut slug = base.clone();
    let mut n = 2;
    while taken.contains(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// What the database holds of an account, without adding one.
struct Stored {
    book: Option<String>,
    list: Option<String>,
    trusted: Option<String>,
    synced: bool,
}

impl Database {
    fn stored_choice(&self, url: &str, user: &str) -> Result<Stored> {
        Ok(self
            .conn
            .query_row(
                "SELECT address_book, calendar, trusted_certificate, last_sync_at IS NOT NULL
                 FROM sync_accounts WHERE url = ?1 AND user_name = ?2",
                [url, user],
                |r| {
                    Ok(Stored {
                        book: r.get(0)?,
                        list: r.get(1)?,
                        trusted: r.get(2)?,
                        synced: r.get(3)?,
                    })
                },
            )
            .optional()?
            .unwrap_or(Stored {
                book: None,
                list: None,
                trusted: None,
                synced: false,
            }))
    }

    /// The address books and the calendars that take tasks of `user` at
    /// `url`, with the ones the account syncs with (or would).
    ///
    /// # Errors
    /// As [`Database::sync_contacts`] when the server cannot be reached or
    /// listed; nothing is written.
    pub fn sync_collections(
        &self,
        url: &str,
        user: &str,
        password: &str,
    ) -> Result<SyncCollections> {
        let (url, user) = checked(url, user)?;
        let stored = self.stored_choice(url, user)?;
        let dav = Dav::new(user, password, stored.trusted.as_deref())?;
        let (books, lists) = list(&dav, url)?;
        Ok(offer(books, lists, &stored))
    }

    /// Makes the account of `user` at `url` sync with the address book and
    /// the calendar chosen (made first when new). A collection other than
    /// the one synced with before starts afresh: the next sync uploads
    /// everything to it, and nothing is deleted on the old one.
    ///
    /// # Errors
    /// [`CoreError::Invalid`] when a collection chosen is not on the server
    /// or a new one has no name (nothing is made or written); as
    /// [`Database::sync_contacts`] when the server fails.
    pub fn choose_sync_collections(
        &mut self,
        url: &str,
        user: &str,
        password: &str,
        address_book: &CollectionChoice,
        calendar: &CollectionChoice,
    ) -> Result<SyncCollections> {
        let (url, user) = checked(url, user)?;
        let stored = self.stored_choice(url, user)?;
        let dav = Dav::new(user, password, stored.trusted.as_deref())?;
        let (mut books, mut lists) = list(&dav, url)?;
        let book = books.pick(Which::AddressBook, address_book)?;
        let list = lists.pick(Which::TaskList, calendar)?;
        let book = made(&dav, &mut books, book, discover::make_address_book)?;
        let list = made(&dav, &mut lists, list, discover::make_task_list)?;
        let account = self.sync_account(url, user)?.id;
        self.remember(account, Which::AddressBook, &book)?;
        self.remember(account, Which::TaskList, &list)?;
        Ok(offer(books, lists, &self.stored_choice(url, user)?))
    }

    /// Keeps `url` as the account's collection; when it is another than
    /// before, forgets what was agreed with the old one (so all goes up to
    /// the new one) and returns true.
    fn remember(&mut self, account: i64, which: Which, url: &Url) -> Result<bool> {
        let (column, token, tables) = which.columns();
        let tx = self.conn.transaction()?;
        let before: Option<String> = tx.query_row(
            &format!("SELECT {column} FROM sync_accounts WHERE id = ?1"),
            [account],
            |r| r.get(0),
        )?;
        if before.as_deref() == Some(url.as_str()) {
            return Ok(false);
        }
        for table in tables {
            tx.execute(
                &format!("DELETE FROM {table} WHERE account_id = ?1"),
                [account],
            )?;
        }
        tx.execute(
            &format!("UPDATE sync_accounts SET {column} = ?2, {token} = NULL WHERE id = ?1"),
            params![account, url.as_str()],
        )?;
        tx.commit()?;
        Ok(true)
    }
}

/// The address books and the task lists of the server; a server that
/// speaks CardDAV alone offers no task lists.
fn list(dav: &Dav, url: &str) -> Result<(Found, Found)> {
    let home = discover::address_book_home(dav, url)?;
    let books = Found::of(&home, &discover::address_books(dav, &home)?)?;
    let lists = match discover::calendar_home(dav, url) {
        Ok(home) => Found::of(&home, &discover::task_lists(dav, &home)?)?,
        Err(CoreError::Server(_)) => Found {
            home: None,
            listed: Vec::new(),
        },
        Err(e) => return Err(e),
    };
    Ok((books, lists))
}

/// The URL of the collection picked, made first when it is a new one.
fn made(
    dav: &Dav,
    found: &mut Found,
    target: Target,
    make: fn(&Dav, &Url, &str, &str) -> Result<Url>,
) -> Result<Url> {
    match (target, &found.home) {
        (Target::Existing(url), _) => Ok(url),
        (Target::New { slug, name }, Some(home)) => {
            let url = make(dav, home, &slug, &name)?;
            found.listed.push(SyncCollection {
                name,
                url: url.to_string(),
                without_journals: false,
            });
            Ok(url)
        }
        (Target::New { .. }, None) => Err(CoreError::Server(
            "the server offers no calendars".to_owned(),
        )),
    }
}

/// The collections with the ones synced with (or would be) preselected.
fn offer(books: Found, lists: Found, stored: &Stored) -> SyncCollections {
    let preselect =
        |found: &Found, stored: &Option<String>, ours: &dyn Fn(&SyncCollection) -> bool| {
            stored
                .clone()
                .or_else(|| found.listed.iter().find(|c| ours(c)).map(|c| c.url.clone()))
        };
    let ours_named = |name: &'static str, segment: &'static str| {
        move |c: &SyncCollection| c.name == name || last_segment_of(&c.url) == segment
    };
    SyncCollections {
        address_book: preselect(
            &books,
            &stored.book,
            &ours_named(discover::NAME, "touchpoint"),
        ),
        calendar: preselect(
            &lists,
            &stored.list,
            &ours_named(discover::CALENDAR_NAME, "touchpoint-followups"),
        ),
        address_books: books.listed,
        calendars: lists.listed,
        synced: stored.synced,
    }
}

#[cfg(test)]
mod tests;
