//! The layers of the app crate import only those below them:
//!
//! `domain` ← `wire` ← `ssr` ← `api` ← `ui`
//!
//! This test reads every source file and fails on a path that reaches a layer above the
//! file's own (`crate::api` from a repository…), whether written as `crate::…` or through
//! `super::`. Pages also skip no layer: `ui` reaches the server only through the server
//! functions of `api`, never `ssr` (server-only code) directly.

use std::path::{Path, PathBuf};

/// The layers from the bottom up; `i18n` (generated translations) may be used from `wire` up.
const ORDER: [&str; 5] = ["domain", "wire", "ssr", "api", "ui"];

fn rank(layer: &str) -> Option<usize> {
    ORDER.iter().position(|l| *l == layer)
}

/// The layer a top-level module belongs to: the layers themselves, `i18n` just above
/// `domain`, and the crate root (`lib.rs`) above everything.
fn rank_of_module(module: &str) -> Option<usize> {
    match module {
        "i18n" => Some(1),
        other => rank(other),
    }
}

/// Every `crate::x` or `super::…::x` path in `source`, resolved to its top-level module,
/// for a file whose module path is `module` (e.g. `["ssr", "repo", "needs"]`).
fn targets(source: &str, module: &[String]) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.split("//").next().unwrap_or_default();
        let bytes = code.as_bytes();
        let mut i = 0;
        while i < code.len() {
            let rest = &code[i..];
            let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            if boundary && rest.starts_with("crate::") {
                let name: String =
                    rest["crate::".len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.push((n + 1, name));
                i += "crate::".len();
            } else if boundary && rest.starts_with("super::") {
                let mut depth = 0;
                let mut tail = rest;
                while let Some(next) = tail.strip_prefix("super::") {
                    depth += 1;
                    tail = next;
                }
                let name: String = tail.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                // `super` of a module is its parent; at the crate root the next name is the module.
                let parent_len = module.len().saturating_sub(depth);
                let resolved = if parent_len == 0 { name } else { module[0].clone() };
                found.push((n + 1, resolved));
                i += rest.len() - tail.len();
            } else {
                i += rest.chars().next().map(char::len_utf8).unwrap_or(1);
            }
        }
    }
    found
}

/// The module path of a source file below `src` (`ssr/repo/mod.rs` → `["ssr", "repo"]`).
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches(".rs").to_owned();
    }
    if parts.last().is_some_and(|l| l == "mod") {
        parts.pop();
    }
    parts
}

/// The imports of one file that point above its layer.
fn violations(source: &str, module: &[String]) -> Vec<String> {
    let Some(own) = module.first().and_then(|m| rank(m)) else { return Vec::new() };
    let skips_api = |target: &str| module[0] == "ui" && target == "ssr";
    targets(source, module)
        .into_iter()
        .filter(|(_, target)| rank_of_module(target).is_some_and(|r| r > own) || skips_api(target))
        .map(|(line, target)| format!("{}:{line} imports crate::{target}", module.join("/")))
        .collect()
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_layer_imports_only_those_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    assert!(files.len() > 50, "the source tree was found ({} files)", files.len());
    let mut problems = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("below src");
        let source = std::fs::read_to_string(file).expect("readable source");
        problems.extend(violations(&source, &module_of(relative)));
    }
    assert!(problems.is_empty(), "imports that point up a layer:\n{}", problems.join("\n"));
}

#[test]
fn the_check_catches_an_import_from_above() {
    let module = |path: &str| module_of(Path::new(path));
    let repository = "use crate::domain::need::ValidNeed;\nuse crate::api::needs::get_need;\n";
    assert_eq!(violations(repository, &module("ssr/repo/needs.rs")), ["ssr/repo/needs:2 imports crate::api"]);
    let page = "fn f() { let _ = crate::ssr::AppState::current(); }";
    assert_eq!(violations(page, &module("ui/pages/home.rs")), ["ui/pages/home:1 imports crate::ssr"]);
    // Through super: from ssr/repo/x.rs, super::super::super::ui is the crate's ui.
    assert_eq!(
        violations("use super::super::super::ui::app;", &module("ssr/repo/x.rs")),
        ["ssr/repo/x:1 imports crate::ui"]
    );
    assert!(violations("use super::postings::Guard; use super::super::db::now;", &module("ssr/repo/x.rs")).is_empty());
    assert_eq!(violations("use crate::i18n::*;", &module("domain/need.rs")), ["domain/need:1 imports crate::i18n"]);
    assert!(violations("use crate::i18n::*; use crate::domain::x;", &module("wire/text.rs")).is_empty());
    // Comments do not count; the crate root is above every layer.
    assert!(violations("// crate::ui is above", &module("domain/need.rs")).is_empty());
    assert!(violations("pub mod ui;", &module("lib.rs")).is_empty());
}
