//! Layout through the real window, from the smallest supported window to a
//! large screen: on every view nothing scrolls sideways, the navigation stays
//! on one line with every label whole, and a long name is cut with "…" and
//! given whole on hover instead of running into the next column.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed step should stop the test with its error"
)]

use serde_json::Value;
use thirtyfour::prelude::*;
use touchpoint_core::{
    ContactFields, Database, DuplicateCheck, ManualClock, Settings, write_sample,
};
use touchpoint_test_support::app::App;
use touchpoint_test_support::clock::TestClock;
use touchpoint_test_support::desktop::EVERY_VIEW;

const LONG_NAME: &str = "Maximiliana Alexandra Wolfeschlegelsteinhausen-Vanderbilt";

/// What is wrong with the layout on screen now, in words.
const CHECK: &str = r"
const problems = [];
const page = document.documentElement;
if (page.scrollWidth > page.clientWidth + 1) problems.push(`the page scrolls sideways (${page.scrollWidth} px wide in ${page.clientWidth})`);
const nav = [...document.querySelectorAll('.nav-item')];
if (new Set(nav.map((b) => b.offsetTop)).size > 1) problems.push('the navigation wraps onto a second line');
for (const b of nav) {
  if (b.scrollWidth > b.clientWidth + 1 || b.getClientRects().length > 1 || b.offsetHeight > 48) problems.push(`the '${b.textContent}' button is cut or wrapped`);
}
for (const e of document.querySelectorAll('#content *')) {
  if (e.scrollWidth <= e.clientWidth + 1 || getComputedStyle(e).overflowX !== 'visible') continue;
  if (e.children.length === 0 && e.textContent.trim() && e.offsetParent) problems.push(`text runs out of its box: '${e.textContent.trim().slice(0, 60)}'`);
}
return problems;
";

async fn layout_problems(app: &App, context: &str) -> Vec<String> {
    let ret = app.driver().execute(CHECK, vec![]).await.unwrap();
    let Value::Array(list) = ret.json().clone() else {
        panic!("the check answered {:?}", ret.json());
    };
    list.iter()
        .map(|p| format!("{context}: {}", p.as_str().unwrap_or_default()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn every_view_holds_from_900x600_to_2560x1440() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("touchpoint-sample.sqlite3");
    let clock = TestClock::at(2027, 2, 3, 14, 0);
    let like = Settings {
        phone_region: "US".into(),
        time_zone: "America/New_York".into(),
        ..Settings::default()
    };
    write_sample(&db, clock.now(), &like).unwrap();
    {
        let mut db =
            Database::open(&db, std::sync::Arc::new(ManualClock::new(clock.now()))).unwrap();
        let card = ContactFields {
            display_name: LONG_NAME.into(),
            company: "Wolfeschlegelsteinhausen International Holdings".into(),
            ..ContactFields::default()
        };
        db.add_contact(&card, DuplicateCheck::SaveAnyway).unwrap();
    }
    let app = App::launch(&db, &clock).await;
    let mut found = Vec::new();
    for (width, height) in [(900, 600), (1440, 900), (2560, 1440)] {
        app.driver()
            .set_window_rect(0, 0, width, height)
            .await
            .unwrap();
        for (nav, loaded) in EVERY_VIEW {
            app.element(nav).await.click().await.unwrap();
            app.element(loaded).await;
            let context = format!("{width}×{height} {nav}");
            found.extend(layout_problems(&app, &context).await);
        }
        let size = format!("{width}x{height}");
        app.element("nav-today").await.click().await.unwrap();
        app.element("today-title").await;
        app.screenshot_if_asked(&format!("-{size}-today"));
        app.driver()
            .find(By::Css(".due-item"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        app.element("contact-title").await;
        found.extend(layout_problems(&app, &format!("{width}×{height} a contact's page")).await);
        app.screenshot_if_asked(&format!("-{size}-contact"));
        app.element("palette-open").await.click().await.unwrap();
        app.element("palette-input")
            .await
            .send_keys("ma")
            .await
            .unwrap();
        found.extend(layout_problems(&app, &format!("{width}×{height} the palette")).await);
        app.screenshot_if_asked(&format!("-{size}-palette"));
        app.element("palette-input")
            .await
            .send_keys(Key::Escape)
            .await
            .unwrap();
    }
    app.driver().set_window_rect(0, 0, 900, 600).await.unwrap();
    app.element("nav-contacts").await.click().await.unwrap();
    let long = app
        .driver()
        .query(By::XPath(format!(
            "//*[@id='contact-list']//*[normalize-space(text())='{LONG_NAME}']"
        )))
        .first()
        .await
        .unwrap();
    let cut = app
        .driver()
        .execute(
            "const e = arguments[0]; return [getComputedStyle(e).textOverflow, e.scrollWidth > e.clientWidth, e.closest('[title]')?.title ?? ''];",
            vec![long.to_json().unwrap()],
        )
        .await
        .unwrap();
    let cut = cut.json();
    if cut[0] != "ellipsis" || !cut[2].as_str().unwrap_or_default().contains(LONG_NAME) {
        found.push(format!(
            "900×600 contacts: a long name is not cut with … and given whole on hover: {cut:?}"
        ));
    }
    app.close().await;
    assert!(
        found.is_empty(),
        "{} layout problems:\n{}",
        found.len(),
        found.join("\n")
    );
}
