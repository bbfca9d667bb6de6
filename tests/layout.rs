//! The code's layout, checked: a newcomer finds any behaviour in two steps
//! only while these hold, so a change that breaks one fails here, naming
//! the file.
//!
//! - no `#[path]` attribute and no `mod.rs`: a module's file is where its
//!   name says;
//! - the core's top-level modules depend on each other without a circle, so
//!   each can be read (and tested) with only the modules below it;
//! - no source file over about 400 lines, outside tests and generated code.

#![allow(
    clippy::expect_used,
    reason = "a tree that cannot be read should stop the test with its error"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 420;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` whose name ends with one of `extensions`.
fn files(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("a readable source folder") {
            let path = entry.expect("a readable entry").path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_dir() {
                if !matches!(name, "node_modules" | "target" | "fixtures") {
                    pending.push(path);
                }
            } else if extensions.iter().any(|ext| name.ends_with(ext)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn rust_sources() -> Vec<PathBuf> {
    ["crates", "src-tauri", "tests"]
        .iter()
        .flat_map(|dir| files(&root().join(dir), &[".rs"]))
        .collect()
}

fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn no_module_hides_behind_a_path_attribute_or_a_mod_rs() {
    let mut found = Vec::new();
    for path in rust_sources() {
        let text = fs::read_to_string(&path).expect("a readable source file");
        if path.file_name().is_some_and(|n| n == "mod.rs") {
            found.push(format!("{}: a mod.rs", relative(&path)));
        }
        if text.lines().any(|l| l.trim_start().starts_with("#[path")) {
            found.push(format!("{}: a #[path] attribute", relative(&path)));
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The non-test part of a source file: unit tests may reach anywhere.
fn production_part(text: &str) -> &str {
    text.find("#[cfg(test)]\nmod tests {")
        .map_or(text, |at| &text[..at])
}

/// The top-level modules of the core that `text` names as `crate::<module>`,
/// alone or in a `crate::{a, b::c}` group.
fn crate_modules_named(text: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (at, _) in text.match_indices("crate::") {
        let rest = &text[at + "crate::".len()..];
        let names: Vec<String> = if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            group.split(',').map(|item| ident(item.trim())).collect()
        } else {
            vec![ident(rest)]
        };
        out.extend(names.into_iter().filter(|n| modules.contains(n)));
    }
    out
}

/// The core's top-level modules and, for each, the ones it uses.
fn core_dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = root().join("crates/touchpoint-core/src");
    let modules: BTreeSet<String> = fs::read_dir(&src)
        .expect("the core's source folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let module = name.strip_suffix(".rs")?.to_owned();
            (module != "lib" && module != "test_support").then_some(module)
        })
        .collect();
    let mut graph = BTreeMap::new();
    for module in &modules {
        let mut sources = vec![src.join(format!("{module}.rs"))];
        if src.join(module).is_dir() {
            sources.extend(files(&src.join(module), &[".rs"]));
        }
        let mut uses = BTreeSet::new();
        for path in sources {
            if path.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let text = fs::read_to_string(&path).expect("a readable source file");
            uses.extend(crate_modules_named(production_part(&text), &modules));
        }
        uses.remove(module);
        graph.insert(module.clone(), uses);
    }
    graph
}

#[test]
fn the_cores_modules_depend_on_each_other_without_a_circle() {
    let graph = core_dependencies();
    assert!(graph.contains_key("contacts") && graph.contains_key("db"));
    // Peel off, again and again, the modules that use no module left: a
    // circle is what remains when none can be peeled.
    let mut left = graph.clone();
    let mut layers = Vec::new();
    while !left.is_empty() {
        let free: Vec<String> = left
            .iter()
            .filter(|(_, uses)| uses.iter().all(|u| !left.contains_key(u)))
            .map(|(m, _)| m.clone())
            .collect();
        assert!(
            !free.is_empty(),
            "these modules use each other in a circle: {left:#?}"
        );
        for m in &free {
            left.remove(m);
        }
        layers.push(free.join(", "));
    }
    println!("the core, bottom layer first:\n  {}", layers.join("\n  "));
}

#[test]
fn a_circle_between_modules_would_be_seen() {
    let modules: BTreeSet<String> = ["contacts", "followups", "db"].map(String::from).into();
    let text =
        "use crate::{db::Database, followups::{self, Scheduling}};\nuse crate::error::Result;";
    assert_eq!(
        crate_modules_named(text, &modules),
        ["db", "followups"].map(String::from).into()
    );
    let with_tests = "use crate::db;\n#[cfg(test)]\nmod tests {\n    use crate::contacts;\n}\n";
    assert_eq!(
        crate_modules_named(production_part(with_tests), &modules),
        ["db"].map(String::from).into()
    );
}

fn is_test_or_generated(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let rel = relative(path);
    name == "tests.rs"
        || name.ends_with(".test.ts")
        || name == "bindings.ts"
        || (rel.starts_with("tests") && !rel.starts_with("tests/support"))
}

#[test]
fn no_source_file_is_over_about_400_lines() {
    let sources = rust_sources()
        .into_iter()
        .chain(files(&root().join("ui/src"), &[".ts"]));
    let long: Vec<String> = sources
        .filter(|p| !is_test_or_generated(p))
        .filter_map(|path| {
            let lines = fs::read_to_string(&path).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{}: {lines} lines", relative(&path)))
        })
        .collect();
    assert!(
        long.is_empty(),
        "split these by what they hold:\n{}",
        long.join("\n")
    );
}
