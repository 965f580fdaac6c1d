//! `cachec fmt`: idempotent, keeps every comment in order, and never changes what a program means.
//! Checked on every example and UI input, on messy snapshots, and on random programs (proptest).

use crate::common;

use std::path::{Path, PathBuf};

use cachec::DirLoader;
use cachec::fmt::format;
use cachec::span::{Span, Spanned};
use cachec::syntax::ast::{Attr, Entry, EnvValue, File, Item, Value, ValueKind};
use cachec::syntax::{comments, parse};
use proptest::prelude::*;

fn sources(dir: &str, pattern: fn(&Path) -> Option<PathBuf>) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder")
        .filter_map(|e| pattern(&e.ok()?.path()))
        .collect();
    found.sort();
    found
}

fn examples() -> Vec<PathBuf> {
    sources("examples", |p| {
        Some(p.join("stack.cache")).filter(|p| p.exists())
    })
}

fn ui_inputs() -> Vec<PathBuf> {
    sources("tests/ui", |p| {
        (p.extension()? == "cache").then(|| p.to_path_buf())
    })
}

fn comment_texts(src: &str) -> Vec<String> {
    comments(src).into_iter().map(|c| c.text).collect()
}

/// The AST with every span zeroed, so two layouts of one program compare equal.
fn shape(file: &File) -> File {
    fn name(s: &Spanned<String>) -> Spanned<String> {
        Spanned::new(s.value.clone(), Span::default())
    }
    fn value(v: &Value) -> Value {
        let kind = match &v.kind {
            ValueKind::Path(parts) => ValueKind::Path(parts.iter().map(name).collect()),
            ValueKind::List(values) => ValueKind::List(values.iter().map(value).collect()),
            ValueKind::PerEnv(values) => ValueKind::PerEnv(
                values
                    .iter()
                    .map(|v| EnvValue {
                        env: name(&v.env),
                        value: value(&v.value),
                    })
                    .collect(),
            ),
            other => other.clone(),
        };
        Value {
            kind,
            span: Span::default(),
        }
    }
    fn item(i: &Item) -> Item {
        Item {
            kind: name(&i.kind),
            names: i.names.iter().map(name).collect(),
            entries: i
                .entries
                .iter()
                .map(|e| match e {
                    Entry::Attr(a) => Entry::Attr(Attr {
                        key: name(&a.key),
                        value: value(&a.value),
                        span: Span::default(),
                    }),
                    Entry::Item(i) => Entry::Item(item(i)),
                })
                .collect(),
            span: Span::default(),
            broken: i.broken,
        }
    }
    File {
        items: file.items.iter().map(item).collect(),
    }
}

/// The properties every formatted program has; returns the formatted text.
fn assert_formats_well(src: &str, what: &str) -> String {
    let once = format(src).unwrap_or_else(|d| panic!("{what} does not format: {}", d[0].message));
    let twice = format(&once).expect("formatted text parses");
    assert_eq!(once, twice, "{what}: formatting is not idempotent");
    assert_eq!(
        comment_texts(src),
        comment_texts(&once),
        "{what}: comments lost or reordered"
    );
    let before = parse(src).expect("parses");
    let after = parse(&once).expect("formatted text parses");
    assert_eq!(shape(&before), shape(&after), "{what}: the program changed");
    once
}

#[test]
fn examples_keep_their_templates() {
    let examples = examples();
    assert!(!examples.is_empty());
    for path in examples {
        let src = std::fs::read_to_string(&path).expect("readable");
        let formatted = assert_formats_well(&src, &path.display().to_string());
        let loader = DirLoader(path.parent().expect("folder").to_path_buf());
        let options = common::options();
        let (before, diags_before) = cachec::compile(&src, &loader, &options);
        let (after, diags_after) = cachec::compile(&formatted, &loader, &options);
        let codes = |d: &[cachec::diag::Diag]| d.iter().map(|d| d.code.id).collect::<Vec<_>>();
        assert_eq!(
            codes(&diags_before),
            codes(&diags_after),
            "{}: formatting changed the diagnostics",
            path.display()
        );
        let before = before.expect("the example compiles");
        assert_eq!(Some(before), after, "{}: templates differ", path.display());
    }
}

#[test]
fn examples_are_formatted() {
    for path in examples() {
        let src = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(
            format(&src).ok(),
            Some(src),
            "run `cachec fmt {}`",
            path.display()
        );
    }
}

#[test]
fn ui_inputs_format_well() {
    let mut formatted = 0;
    for path in ui_inputs() {
        let src = std::fs::read_to_string(&path).expect("readable");
        if parse(&src).is_ok() {
            assert_formats_well(&src, &path.display().to_string());
            formatted += 1;
        } else {
            let errs = format(&src).expect_err("a syntax error is reported, not formatted");
            assert!(errs.iter().all(|e| e.code.id == "E0001"));
        }
    }
    assert!(formatted >= 10, "only {formatted} UI inputs parsed");
}

#[test]
fn messy_inputs() {
    insta::glob!("..", "fmt/*.cache", |path| {
        let src = std::fs::read_to_string(path).expect("readable");
        let formatted = assert_formats_well(&src, &path.display().to_string());
        let name = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        insta::with_settings!({ snapshot_path => "../fmt/snapshots", snapshot_suffix => "", prepend_module_to_snapshot => false, input_file => path }, {
            insta::assert_snapshot!(name, formatted);
        });
    });
}

#[test]
fn one_line_blocks_follow_the_width_limit() {
    let attrs = |n: usize| -> String {
        (0..n)
            .map(|i| format!("key{i} = \"value\""))
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Each attribute is 15 columns; `  sub x { ` and ` }` take 12 more.
    let fits = format(&format!("top t {{ sub x {{ {} }} }}", attrs(5))).expect("formats");
    assert_eq!(fits.lines().count(), 3, "{fits}");
    let long = format(&format!("top t {{ sub x {{ {} }} }}", attrs(6))).expect("formats");
    assert_eq!(long.lines().count(), 10, "{long}");
    assert!(
        long.lines()
            .all(|l| l.chars().count() <= cachec::fmt::WIDTH)
    );
}

#[test]
fn a_syntax_error_is_returned_not_formatted() {
    let errs = format("stack s { region = }\nlayer l { runtime }").expect_err("syntax errors");
    let codes: Vec<&str> = errs.iter().map(|e| e.code.id).collect();
    assert_eq!(
        codes,
        ["E0001", "E0001"],
        "every syntax error, not just the first"
    );
}

// ---- random programs ----

/// A program as tokens; the test joins them with random whitespace and comments.
fn ident() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z_][a-z0-9_]{0,6}",
        1 => "[a-z][a-z_]{20,30}",
    ]
    .prop_filter("a keyword would read as a boolean", |s| {
        s != "true" && s != "false"
    })
}

/// A string literal, with some characters escaped although they need not be.
fn string() -> impl Strategy<Value = String> {
    proptest::collection::vec((any::<bool>(), "[ -~\t\n\"\\\\#é]"), 0..24).prop_map(|chars| {
        let mut out = String::from("\"");
        for (extra, c) in chars {
            match c.as_str() {
                "\"" => out.push_str("\\\""),
                "\\" => out.push_str("\\\\"),
                "\n" => out.push_str("\\n"),
                "\t" if extra => out.push('\t'),
                "\t" => out.push_str("\\t"),
                c if extra
                    && c.chars()
                        .all(|c| c.is_ascii_punctuation() && c != 'n' && c != 't') =>
                {
                    out.push('\\');
                    out.push_str(c);
                }
                c => out.push_str(c),
            }
        }
        out.push('"');
        out
    })
}

fn value() -> impl Strategy<Value = Vec<String>> {
    let leaf = prop_oneof![
        string().prop_map(|s| vec![s]),
        any::<i32>().prop_map(|n| vec![n.to_string()]),
        any::<bool>().prop_map(|b| vec![b.to_string()]),
        proptest::collection::vec(ident(), 1..3).prop_map(|p| vec![p.join(".")]),
    ];
    leaf.prop_recursive(2, 12, 6, |inner| {
        (proptest::collection::vec(inner, 0..7), any::<bool>()).prop_map(|(items, comma)| {
            let mut out = vec!["[".to_string()];
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(",".into());
                }
                out.extend(item.iter().cloned());
            }
            if comma && !items.is_empty() {
                out.push(",".into());
            }
            out.push("]".into());
            out
        })
    })
}

/// `{ dev: 1, prod: [a] }`: a value per environment, only ever an attribute's whole value.
fn per_env() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec((ident(), value()), 0..4).prop_map(|values| {
        let mut out = vec!["{".to_string()];
        for (i, (env, value)) in values.into_iter().enumerate() {
            if i > 0 {
                out.push(",".into());
            }
            out.extend([env, ":".to_string()]);
            out.extend(value);
        }
        out.push("}".into());
        out
    })
}

fn attr() -> impl Strategy<Value = Vec<String>> {
    let value = prop_oneof![4 => value(), 1 => per_env()];
    (ident(), value).prop_map(|(key, value)| {
        let mut out = vec![key, "=".to_string()];
        out.extend(value);
        out
    })
}

fn item() -> impl Strategy<Value = Vec<String>> {
    let names = proptest::collection::vec(prop_oneof![ident(), string()], 0..3);
    let leaf = (
        ident(),
        names.clone(),
        proptest::collection::vec(attr(), 0..6),
    );
    let flat =
        leaf.prop_map(|(kind, names, attrs)| header(kind, names, attrs.into_iter().flatten()));
    flat.prop_recursive(2, 24, 5, move |inner| {
        (
            ident(),
            names.clone(),
            proptest::collection::vec(prop_oneof![attr(), inner], 0..5),
        )
            .prop_map(|(kind, names, entries)| header(kind, names, entries.into_iter().flatten()))
    })
}

fn header(kind: String, names: Vec<String>, body: impl Iterator<Item = String>) -> Vec<String> {
    let mut out = vec![kind];
    for (i, name) in names.into_iter().enumerate() {
        if i > 0 {
            out.push(",".into());
        }
        out.push(name);
    }
    out.push("{".into());
    out.extend(body);
    out.push("}".into());
    out
}

/// What goes between two tokens: whitespace, blank lines, or a comment (which ends its line).
fn separator() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => Just(" ".to_string()),
        3 => Just("\n  ".to_string()),
        1 => Just("\n\n\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => "[ -~]{0,20}".prop_map(|c| format!("  # {c}\n")),
        1 => "[ -~]{0,20}".prop_map(|c| format!("\n# {c}\t \n\n")),
    ]
}

fn program() -> impl Strategy<Value = String> {
    proptest::collection::vec(item(), 0..4)
        .prop_flat_map(|items| {
            let tokens: Vec<String> = items.into_iter().flatten().collect();
            let n = tokens.len() + 1;
            (Just(tokens), proptest::collection::vec(separator(), n))
        })
        .prop_map(|(tokens, separators)| {
            let mut out = String::new();
            for (i, sep) in separators.iter().enumerate() {
                out.push_str(sep);
                if let Some(token) = tokens.get(i) {
                    out.push_str(token);
                }
            }
            out
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_programs_format_well(src in program()) {
        prop_assert!(parse(&src).is_ok(), "the generator wrote a program that does not parse");
        assert_formats_well(&src, "a random program");
    }
}
