//! `trunk serve` (scripts/dev) rebuilds the app when one of its inputs changes, and
//! watches nothing else: left to itself it watches the whole folder, target/
//! included, where cargo's churn can abort it (Trunk.toml says how). So Trunk.toml's
//! `[watch]` names the inputs, and these tests keep that list whole: every file
//! index.html hands Trunk, every crate the app's code comes from, everything the
//! build hook reads, and never target/.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Component, Path};

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The quoted strings of a `key = [...]` line of a TOML file.
fn list(toml: &str, key: &str) -> Vec<String> {
    let line = toml
        .lines()
        .find(|l| l.trim_start().starts_with(&format!("{key} = [")))
        .unwrap_or_else(|| panic!("no `{key} = [...]` line"));
    line.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The first part of each match of `before` followed by a path in `text`.
fn paths_after(text: &str, before: &str) -> BTreeSet<String> {
    text.match_indices(before)
        .map(|(at, _)| {
            let rest = &text[at + before.len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "._-/".contains(c)))
                .unwrap_or(rest.len());
            rest[..end]
                .split('/')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The folders of the path dependencies in a Cargo.toml's `[dependencies]` (of any
/// target) and `[patch.crates-io]`, and of theirs, as paths from the root (`domain`,
/// or `domain/../x` made `x`).
fn path_dependencies(manifest_dir: &Path, out: &mut BTreeSet<String>) {
    let manifest = read(&manifest_dir.join("Cargo.toml").to_string_lossy());
    let sections = manifest.split("\n[").filter(|section| {
        let name = section.split(']').next().unwrap_or_default();
        name == "dependencies" || name.ends_with(".dependencies") || name.starts_with("patch.")
    });
    let paths = sections.flat_map(|section| {
        section
            .match_indices("path = \"")
            .filter_map(move |(at, before)| {
                let rest = &section[at + before.len()..];
                rest.find('"').map(|end| &rest[..end])
            })
    });
    for path in paths {
        let mut dir = std::path::PathBuf::new();
        for part in manifest_dir.join(path).components() {
            match part {
                Component::ParentDir => {
                    dir.pop();
                }
                Component::CurDir => {}
                other => dir.push(other),
            }
        }
        if out.insert(dir.to_string_lossy().into_owned()) {
            path_dependencies(&dir, out);
        }
    }
}

fn watched() -> BTreeSet<String> {
    list(&read("Trunk.toml"), "watch").into_iter().collect()
}

#[test]
fn trunk_serve_rebuilds_on_every_input_of_the_app() {
    let mut inputs: BTreeSet<String> = ["index.html", "Cargo.toml", "Cargo.lock", ".cargo", "src"]
        .map(String::from)
        .into();
    // What index.html hands Trunk: stylesheets, scripts inlined, the icon.
    for link in read("index.html").split("<link data-trunk").skip(1) {
        if let Some(href) = paths_after(link.split('>').next().unwrap_or_default(), "href=\"")
            .into_iter()
            .next()
        {
            inputs.insert(href);
        }
    }
    let mut crates = BTreeSet::new();
    path_dependencies(Path::new(""), &mut crates);
    // Trunk.toml names top-level folders.
    inputs.extend(
        crates
            .iter()
            .filter_map(|c| c.split('/').next().map(String::from)),
    );
    // What the post-build hook's scripts read from the source folder; not the tools
    // they run (scripts/, and tools/, whose node_modules alone has thousands of folders).
    let hook = list(&read("Trunk.toml"), "command_arguments").join(" ");
    for script in paths_after(&hook, "bash scripts/") {
        inputs.extend(
            paths_after(&read(&format!("scripts/{script}")), "$source_dir/")
                .into_iter()
                .filter(|p| p != "scripts" && p != "tools"),
        );
    }
    assert!(inputs.contains("domain") && inputs.contains("style") && inputs.contains("embed"));
    let watched = watched();
    let missing: Vec<_> = inputs.difference(&watched).collect();
    assert!(
        missing.is_empty(),
        "the app's build reads {missing:?}, which Trunk.toml's [watch] does not name: \
         `trunk serve` would not rebuild when they change"
    );
}

#[test]
fn trunk_serve_watches_no_build_output_and_nothing_missing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in watched() {
        assert!(
            !path.starts_with("target") && !path.starts_with("dist") && path != ".",
            "Trunk.toml's [watch] names {path}, where builds write"
        );
        assert!(
            root.join(&path).exists(),
            "Trunk.toml's [watch] names {path}, which does not exist"
        );
    }
}
