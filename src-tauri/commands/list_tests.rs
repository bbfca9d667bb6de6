//! The four lists of commands agree: a command missing from one of them is
//! either unreachable (no permission, no handler) or never called.

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start:?} not found"))
        + start.len();
    let to = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{end:?} not found after {start:?}"));
    &text[from..from + to]
}

/// Every distinct name, failing on a name listed twice.
fn names(list: impl IntoIterator<Item = String>, what: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    for name in list {
        assert!(
            seen.insert(name.clone()),
            "{name} is listed twice in {what}"
        );
    }
    seen
}

/// The strings that open each `"…"` in `text`.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn handler() -> BTreeSet<String> {
    let lib = read("src-tauri/lib.rs");
    let list = between(&lib, "tauri::generate_handler![", "]");
    names(
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned()),
        "lib.rs",
    )
}

fn permitted() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    names(
        quoted(between(&build, "const COMMANDS: &[&str] = &[", "];")),
        "build.rs",
    )
}

fn granted() -> BTreeSet<String> {
    let json: serde_json::Value =
        serde_json::from_str(&read("src-tauri/capabilities/main.json")).expect("valid JSON");
    let permissions = json["permissions"].as_array().expect("a permissions list");
    names(
        permissions
            .iter()
            .filter_map(serde_json::Value::as_str)
            .filter_map(|p| p.strip_prefix("allow-"))
            .map(|p| p.replace('-', "_")),
        "the capability file",
    )
}

fn invoked() -> BTreeSet<String> {
    let api = read("ui/src/api.ts");
    names(
        api.split("call(\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .map(str::to_owned),
        "api.ts",
    )
}

#[test]
fn every_command_is_handled_permitted_granted_and_called() {
    let handled = handler();
    assert!(handled.len() > 30, "the handler list was read: {handled:?}");
    assert_eq!(
        permitted(),
        handled,
        "build.rs permits exactly the handled commands"
    );
    assert_eq!(
        granted(),
        handled,
        "the capability grants exactly the handled commands"
    );
    assert_eq!(
        invoked(),
        handled,
        "api.ts calls exactly the handled commands"
    );
}
