//! axe-core (the npm package the setup installs) run in the real window:
//! the WCAG 2.1 A and AA problems of what the window shows now.

use serde_json::Value;

use crate::app::App;

const RUN_AXE: &str = r"
const done = arguments[arguments.length - 1];
axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
  .then((r) => done(r.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 6).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n'))))
  .catch((e) => done([`axe failed: ${e}`]));
";

/// Puts axe-core into the page; once per page load (the app never reloads).
pub async fn inject(app: &App) {
    let axe = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../node_modules/axe-core/axe.min.js"
    ))
    .expect("axe-core (scripts/setup.sh runs npm ci)");
    app.driver()
        .execute(&axe, vec![])
        .await
        .expect("axe-core loads");
}

/// Each problem axe finds on the screen as it is, as "`view`: rule (impact):
/// help" with up to six of the elements at fault.
pub async fn problems(app: &App, view: &str) -> Vec<String> {
    let ret = app
        .driver()
        .execute_async(RUN_AXE, vec![])
        .await
        .expect("axe runs");
    let Value::Array(list) = ret.json().clone() else {
        panic!("axe answered {:?}", ret.json());
    };
    list.iter()
        .map(|v| format!("{view}: {}", v.as_str().unwrap_or_default()))
        .collect()
}
