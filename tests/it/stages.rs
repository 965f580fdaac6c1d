//! The pipeline's order, read from the sources: no stage imports a later one (syntax < model <
//! check < emit), shared facts import no stage, and no two of their modules import each other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Where each top-level module stands: shared facts first, then the stages in order. Front ends
/// and tools (cli, lsp, fmt, graph, init, generate) are unranked and may read every stage.
fn rank(top: &str) -> Option<u8> {
    match top {
        "span" | "diag" | "date" | "aws" | "words" | "hash" => Some(0),
        "syntax" => Some(1),
        "model" => Some(2),
        "check" => Some(3),
        "emit" => Some(4),
        _ => None,
    }
}

/// Every module of the library by its path (`check::cache::settings`), with its code minus
/// comments and tests.
fn modules() -> BTreeMap<Vec<String>, String> {
    let mut out = BTreeMap::new();
    let mut tests = BTreeSet::new();
    let mut stack = vec![Path::new("src").to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix("src").expect("under src");
            let mut segments: Vec<String> = relative
                .iter()
                .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
                .collect();
            if segments.last().is_some_and(|s| s == "mod" || s == "lib") {
                segments.pop();
            }
            if segments == ["main"] {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source readable");
            let parent = segments.clone();
            tests.extend(
                test_only(&text)
                    .into_iter()
                    .map(|m| [parent.clone(), vec![m]].concat()),
            );
            out.insert(segments, code(&text));
        }
    }
    out.retain(|m, _| !tests.contains(m));
    out
}

/// The code without comment lines and without tests: an item under `#[cfg(test)]` is either
/// `mod name;` (a test-only module, left out of [`modules`]) or the `tests` module, which ends
/// the file. Tests may reach anywhere.
fn code(text: &str) -> String {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "#[cfg(test)]" {
            match lines.next() {
                Some(item) if item.trim_end().ends_with(';') => continue,
                _ => break,
            }
        }
        if !line.trim_start().starts_with("//") {
            out.push(line.split(" // ").next().unwrap_or(line));
        }
    }
    out.join("\n")
}

/// The modules declared `#[cfg(test)] mod name;` in `text`.
fn test_only(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter(|w| w[0].trim() == "#[cfg(test)]")
        .filter_map(|w| w[1].trim().strip_prefix("mod ")?.strip_suffix(';'))
        .map(String::from)
        .collect()
}

/// Every path the code names through `crate::` or `super::`, with `use` trees expanded:
/// `use super::{a, b::c}` gives `super::a` and `super::b::c`.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let starts_word = i == 0 || !is_ident(bytes[i - 1]) && bytes[i - 1] != ':';
        let rest: String = bytes[i..bytes.len().min(i + 7)].iter().collect();
        if starts_word && (rest.starts_with("crate::") || rest.starts_with("super::")) {
            let (tree, end) = use_tree(&bytes, i);
            out.extend(tree);
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Reads a path or use tree starting at `i`; returns every full path and where it ended.
fn use_tree(chars: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        while chars.get(i).is_some_and(|c| c.is_whitespace()) {
            i += 1;
        }
        if chars.get(i) == Some(&'{') {
            let mut out = Vec::new();
            i += 1;
            loop {
                while chars.get(i).is_some_and(|c| c.is_whitespace() || *c == ',') {
                    i += 1;
                }
                match chars.get(i) {
                    None => return (out, i),
                    Some('}') => return (out, i + 1),
                    _ => {}
                }
                let (inner, end) = use_tree(chars, i);
                out.extend(inner.into_iter().map(|p| [prefix.clone(), p].concat()));
                if end == i {
                    i += 1;
                } else {
                    i = end;
                }
            }
        }
        let start = i;
        while chars.get(i).is_some_and(|c| is_ident(*c) || *c == '*') {
            i += 1;
        }
        if i == start {
            return (vec![prefix], i);
        }
        prefix.push(chars[start..i].iter().collect());
        if chars.get(i) == Some(&':') && chars.get(i + 1) == Some(&':') {
            i += 2;
        } else {
            return (vec![prefix], i);
        }
    }
}

/// The module a path names: the longest known module its segments lead to, from `from`.
/// `super` is the parent of the module, which for a `mod.rs` is its folder's parent.
fn resolve(from: &[String], path: &[String], known: &BTreeSet<Vec<String>>) -> Vec<String> {
    let mut at: Vec<String> = from.to_vec();
    let mut segments = path.iter().peekable();
    if segments.peek().is_some_and(|s| *s == "crate") {
        at.clear();
        segments.next();
    }
    while segments.peek().is_some_and(|s| *s == "super") {
        segments.next();
        at.pop();
    }
    let mut resolved = at.clone();
    for s in segments {
        at.push(s.clone());
        if known.contains(&at) {
            resolved = at.clone();
        } else {
            break;
        }
    }
    resolved
}

/// Each module and the modules it imports, ancestors left out: a module reading what its parent
/// declares is how a family shares its types, not a ring.
fn imports() -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules = modules();
    let known: BTreeSet<Vec<String>> = modules.keys().cloned().collect();
    let mut out = BTreeMap::new();
    for (module, code) in &modules {
        let targets: BTreeSet<Vec<String>> = paths(code)
            .iter()
            .map(|p| resolve(module, p, &known))
            .filter(|t| !module.starts_with(t))
            .collect();
        out.insert(module.clone(), targets);
    }
    out
}

#[test]
fn no_stage_imports_a_later_one() {
    let imports = imports();
    assert!(
        imports.len() > 50,
        "read only {} modules from src/",
        imports.len()
    );
    let mut wrong = Vec::new();
    for (module, targets) in &imports {
        let Some(own) = module.first().and_then(|m| rank(m)) else {
            continue;
        };
        for target in targets {
            let top = target.first().map_or("", String::as_str);
            if top == module[0] {
                continue;
            }
            match rank(top) {
                Some(r) if r == 0 || (own > 0 && r <= own) => {}
                _ => wrong.push(format!(
                    "{} imports {}",
                    module.join("::"),
                    target.join("::")
                )),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "stages import later stages or tools:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_modules_of_the_pipeline_import_each_other_in_a_ring() {
    let imports = imports();
    let mut rings = BTreeSet::new();
    let ranked = |m: &Vec<String>| m.first().and_then(|top| rank(top)).is_some();
    for start in imports.keys().filter(|m| ranked(m)) {
        // Depth-first from `start`, looking for a way back to it.
        let mut stack = vec![(start.clone(), vec![start.join("::")])];
        let mut seen = BTreeSet::new();
        while let Some((at, trail)) = stack.pop() {
            for next in imports.get(&at).into_iter().flatten() {
                if next == start {
                    let mut ring = trail.clone();
                    let first = ring.iter().min().cloned().unwrap_or_default();
                    let pos = ring.iter().position(|m| *m == first).unwrap_or(0);
                    ring.rotate_left(pos);
                    rings.insert(ring.join(" -> "));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.join("::"));
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    assert!(
        rings.is_empty(),
        "modules that import each other:\n{}",
        rings.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_reader_sees_imports_and_their_targets() {
    let tree = paths("use super::{Context, runtime};\nuse crate::model::{ids::aws_name, Model};");
    assert_eq!(
        tree,
        [
            vec!["super", "Context"],
            vec!["super", "runtime"],
            vec!["crate", "model", "ids", "aws_name"],
            vec!["crate", "model", "Model"],
        ]
    );
    let imports = imports();
    let of = |m: &str| imports.get(&m.split("::").map(String::from).collect::<Vec<_>>());
    let emit_cache = of("emit::cache").expect("emit::cache is read");
    assert!(emit_cache.contains(&vec!["model".to_string(), "ids".to_string()]));
    assert!(emit_cache.contains(&vec!["aws".to_string(), "engines".to_string()]));
}
