//! No input makes cachec panic. Random bytes, random soups of the language's tokens, and examples
//! and generated programs mutated token by token and line by line all go through compile and the
//! renderer and come back as diagnostics or templates; a sample runs through the real binary, which
//! exits 0 or 1 (with diagnostics), never 101.
//!
//! `CACHEC_FUZZ_CASES=N` sets the inputs per family (10,000 by default); `CACHEC_FUZZ_SEED=N`
//! explores other inputs than the fixed default seed.

use crate::common;

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

use cachec::diag::has_errors;
use cachec::diag::render::{Style, render, summary};
use cachec::emit::{EmitOptions, Format};
use cachec::model::SourceLoader;
use cachec::model::schema::SCHEMAS;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngSeed, TestRunner};

/// Serves every `.py` path with the handlers that the example and generated programs name, every
/// `.txt` as a pinned requirements file, and every folder as the generator's packaged code, so
/// programs that name sources get past lowering and the handler check.
struct AnyLoader;

impl SourceLoader for AnyLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        if path.ends_with(".py") {
            Ok("def handler(event, context):\n    return 1\n\n\
                def lambda_handler(event, context):\n    return 1\n"
                .to_string())
        } else if path.ends_with(".txt") {
            Ok("redis==5.2.1\n".to_string())
        } else {
            Err("not found".to_string())
        }
    }

    fn list(&self, _dir: &str) -> Result<Vec<String>, String> {
        Ok(vec![
            "app/__init__.py".to_string(),
            "app/main.py".to_string(),
        ])
    }
}

/// Everything a user's input goes through: check, emit in every shape, render. Returns how far
/// it went.
fn exercise(src: &str) -> Reached {
    let options = common::options();
    let (files, diags) = cachec::compile(src, &AnyLoader, &options);
    assert_eq!(
        files.is_some(),
        !has_errors(&diags),
        "templates iff no errors"
    );
    if files.is_some() {
        for emit in [
            EmitOptions {
                single: true,
                format: Format::Yaml,
            },
            EmitOptions {
                single: false,
                format: Format::Json,
            },
        ] {
            let mut options = common::options();
            options.emit = emit;
            assert!(cachec::compile(src, &AnyLoader, &options).0.is_some());
        }
    }
    for colour in [false, true] {
        let text = render(&diags, "fuzz.cache", src, Style { colour, width: 80 });
        assert_eq!(text.is_empty(), diags.is_empty());
    }
    let _ = summary(&diags);
    match cachec::syntax::parse(src) {
        Err(_) => Reached::Nothing,
        Ok(file) => match cachec::model::lower(&file, &AnyLoader) {
            (_, lowering) if has_errors(&lowering) => Reached::Lowering,
            _ if files.is_none() => Reached::Checks,
            _ => Reached::Emitter,
        },
    }
}

/// How far an input went: a stage runs only when the one before it found no error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reached {
    Nothing,
    /// It parsed, and lowering found errors.
    Lowering,
    /// Lowering found none, so the checks ran; they or the limits found errors.
    Checks,
    /// No errors: the templates were emitted in every shape.
    Emitter,
}

/// The least share of a family's inputs, in percent, that must parse, reach the checks and reach
/// the emitter, so that a family cannot pass by being rejected early (by a stricter parser, say).
#[derive(Debug, Clone, Copy)]
struct Minimum {
    parsed: u64,
    checks: u64,
    emitter: u64,
}

fn cases() -> u32 {
    std::env::var("CACHEC_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

fn runner() -> TestRunner {
    let seed = std::env::var("CACHEC_FUZZ_SEED")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0x0cac_4ec0);
    TestRunner::new(Config {
        cases: cases(),
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    })
}

/// Runs `strategy`'s inputs through `exercise`; a panic fails with the smallest input found, and
/// so does a run where fewer inputs than `minimum` reach the checks or the emitter.
fn fuzz<S: Strategy>(
    family: &str,
    strategy: S,
    to_source: impl Fn(&S::Value) -> String,
    minimum: Minimum,
) {
    let [inputs, parsed, checked, emitted] = [0, 0, 0, 0].map(AtomicU64::new);
    let result = runner().run(&strategy, |value| {
        let reached = exercise(&to_source(&value));
        inputs.fetch_add(1, Ordering::Relaxed);
        for (count, stage) in [
            (&parsed, Reached::Lowering),
            (&checked, Reached::Checks),
            (&emitted, Reached::Emitter),
        ] {
            count.fetch_add(u64::from(reached >= stage), Ordering::Relaxed);
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{family}: {e}");
    }
    let [inputs, parsed, checked, emitted] =
        [inputs, parsed, checked, emitted].map(AtomicU64::into_inner);
    eprintln!(
        "no panic: {family}: {inputs} inputs, {parsed} parsed, {checked} checked, {emitted} emitted"
    );
    let share = |n: u64| n * 100 / inputs.max(1);
    for (stage, reached, least) in [
        ("parsed", parsed, minimum.parsed),
        ("reached the checks", checked, minimum.checks),
        ("reached the emitter", emitted, minimum.emitter),
    ] {
        assert!(
            share(reached) >= least,
            "{family}: {}% of the inputs {stage}, fewer than {least}%: the family no longer tests \
             what lies past that point",
            share(reached)
        );
    }
}

/// The words, values and punctuation programs are made of.
fn tokens() -> Vec<String> {
    let mut tokens: Vec<String> = SCHEMAS
        .iter()
        .flat_map(|s| std::iter::once(s.keyword).chain(s.keys.iter().map(|k| k.name)))
        .map(str::to_string)
        .collect();
    tokens.extend(
        [
            "{",
            "}",
            "[",
            "]",
            "=",
            ",",
            ".",
            "\"",
            "#",
            "\n",
            " ",
            "\t",
            "\r\n",
            "true",
            "false",
            "0",
            "-1",
            "6379",
            "99999999999999999999",
            "-9223372036854775808",
            "\"\"",
            "\"a\"",
            "\"redis\"",
            "\"valkey\"",
            "\"7.1\"",
            "\"cache.t4g.micro\"",
            "\"10.0.0.0/16\"",
            "\"10.0.1.0/24\"",
            "\"python3.12\"",
            "\"index.handler\"",
            "\"f.py\"",
            "\"al2023\"",
            "\"redis-cli\"",
            "\"ap-northeast-1\"",
            "\"\\\"\"",
            "\"\\\\\"",
            "\"\\n\"",
            "\"é€😀\"",
            "\"unterminated",
            "gateway",
            "interface",
            "public",
            "iam",
            "arm64",
            "x86_64",
            "cache",
            "a",
            "b",
            "c0_a",
            "primary_address",
            "reader_address",
            "port",
            "x.y.z",
            "_",
            "ü",
            "\u{0}",
            "\u{feff}",
            "# comment\n",
        ]
        .map(str::to_string),
    );
    tokens
}

#[test]
fn random_bytes() {
    fuzz(
        "random bytes",
        vec(any::<u8>(), 0..400),
        |bytes| String::from_utf8_lossy(bytes).into_owned(),
        Minimum {
            parsed: 0,
            checks: 0,
            emitter: 0,
        },
    );
}

#[test]
fn token_soups() {
    fuzz(
        "token soups",
        vec(select(tokens()), 0..120),
        |words| words.join(" "),
        Minimum {
            parsed: 0,
            checks: 0,
            emitter: 0,
        },
    );
}

/// Names and values that programs use, so references sometimes resolve.
const NAMES: &[&str] = &[
    "s", "vpc", "a", "b", "c0_a", "lambda_a", "cache", "client", "probe", "redis_py", "ssm",
];
const VALUES: &[&str] = &[
    "\"a\"",
    "\"b\"",
    "\"d\"",
    "\"\"",
    "\"redis\"",
    "\"valkey\"",
    "\"6.2\"",
    "\"8.0\"",
    "\"cache.t4g.micro\"",
    "\"cache.r6gd.xlarge\"",
    "\"10.0.0.0/16\"",
    "\"10.0.1.0/24\"",
    "\"10.0.1.0/33\"",
    "\"python3.12\"",
    "\"python3.8\"",
    "\"index.handler\"",
    "\"f.py\"",
    "\"al2023\"",
    "\"al2\"",
    "\"redis-cli\"",
    "\"ap-northeast-1\"",
    "\"ssm:/x\"",
    "\"é😀\"",
    "true",
    "false",
    "0",
    "-1",
    "1",
    "5",
    "6",
    "6379",
    "65536",
    "900",
    "10240",
    "gateway",
    "interface",
    "public",
    "iam",
    "arm64",
    "x86_64",
    "cache.port",
    "cache.primary_address",
    "cache.reader_address",
    "cache.nope",
    "a.b.c",
];

/// A random value: a word from VALUES or NAMES, or a short list of them.
fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![select(VALUES), select(NAMES)].prop_map(str::to_string);
    prop_oneof![
        3 => leaf.clone(),
        1 => vec(leaf, 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
    ]
}

/// `key = value` lines and nested items under a random kind with zero to two names.
fn item(keywords: Vec<String>, keys: Vec<String>, depth: u32) -> BoxedStrategy<String> {
    let attrs = vec((select(keys.clone()), value()), 0..5);
    let head = (select(keywords.clone()), vec(select(NAMES), 0..3));
    let children = if depth == 0 {
        Just(Vec::new()).boxed()
    } else {
        vec(item(keywords, keys, depth - 1), 0..3).boxed()
    };
    (head, attrs, children)
        .prop_map(|((kind, names), attrs, children)| {
            let mut text = format!("{kind} {} {{\n", names.join(", "));
            for (k, v) in attrs {
                text.push_str(&format!("  {k} = {v}\n"));
            }
            for child in children {
                text.push_str(&child);
            }
            text.push_str("}\n");
            text
        })
        .boxed()
}

#[test]
fn random_syntax_trees() {
    let keywords: Vec<String> = SCHEMAS.iter().map(|s| s.keyword.to_string()).collect();
    let mut keys: Vec<String> = SCHEMAS
        .iter()
        .flat_map(|s| s.keys.iter().map(|k| k.name.to_string()))
        .collect();
    keys.extend(["HOST", "PORT", "colour"].map(str::to_string));
    fuzz(
        "random syntax trees",
        vec(item(keywords, keys, 2), 0..7),
        |items| items.concat(),
        Minimum {
            parsed: 90,
            checks: 0,
            emitter: 0,
        },
    );
}

/// One edit of a program's lines or of the words of one line.
#[derive(Debug, Clone)]
enum Edit {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    DeleteWord(usize, usize),
    DuplicateWord(usize, usize),
    SwapWords(usize, usize, usize),
    InsertWord(usize, usize, String),
    ReplaceWord(usize, usize, String),
    Truncate(usize),
    /// Edits a program survives: a blank line, a comment at a line's end.
    InsertBlankLine(usize),
    AppendComment(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let n = 0..10_000usize;
    prop_oneof![
        n.clone().prop_map(Edit::DeleteLine),
        n.clone().prop_map(Edit::DuplicateLine),
        (n.clone(), n.clone()).prop_map(|(a, b)| Edit::SwapLines(a, b)),
        (n.clone(), n.clone()).prop_map(|(l, w)| Edit::DeleteWord(l, w)),
        (n.clone(), n.clone()).prop_map(|(l, w)| Edit::DuplicateWord(l, w)),
        (n.clone(), n.clone(), n.clone()).prop_map(|(l, a, b)| Edit::SwapWords(l, a, b)),
        (n.clone(), n.clone(), select(tokens())).prop_map(|(l, w, t)| Edit::InsertWord(l, w, t)),
        (n.clone(), n.clone(), select(tokens())).prop_map(|(l, w, t)| Edit::ReplaceWord(l, w, t)),
        n.clone().prop_map(Edit::Truncate),
        n.clone().prop_map(Edit::InsertBlankLine),
        n.prop_map(Edit::AppendComment),
    ]
}

/// Applies edits; indexes wrap around, so every edit applies to any program.
fn mutate(base: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = base.lines().map(str::to_string).collect();
    for e in edits {
        if lines.is_empty() {
            break;
        }
        let len = lines.len();
        let words = |line: &str| -> Vec<String> { line.split(' ').map(str::to_string).collect() };
        match e {
            Edit::DeleteLine(l) => {
                lines.remove(l % len);
            }
            Edit::DuplicateLine(l) => {
                let line = lines[l % len].clone();
                lines.insert(l % len, line);
            }
            Edit::SwapLines(a, b) => lines.swap(a % len, b % len),
            Edit::InsertBlankLine(l) => lines.insert(l % len, String::new()),
            Edit::AppendComment(l) => {
                let line = &mut lines[l % len];
                if !line.contains('"') && !line.contains('#') {
                    line.push_str("  # edited");
                }
            }
            Edit::Truncate(at) => {
                let text = lines.join("\n");
                let mut cut = at % (text.len() + 1);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = text[..cut].lines().map(str::to_string).collect();
            }
            Edit::DeleteWord(l, w)
            | Edit::DuplicateWord(l, w)
            | Edit::SwapWords(l, w, _)
            | Edit::InsertWord(l, w, _)
            | Edit::ReplaceWord(l, w, _) => {
                let line = &mut lines[l % len];
                let mut ws = words(line);
                let i = w % ws.len();
                match e {
                    Edit::DeleteWord(..) => {
                        ws.remove(i);
                    }
                    Edit::DuplicateWord(..) => ws.insert(i, ws[i].clone()),
                    Edit::SwapWords(_, _, b) => {
                        let j = b % ws.len();
                        ws.swap(i, j);
                    }
                    Edit::InsertWord(_, _, t) => ws.insert(i, t.clone()),
                    Edit::ReplaceWord(_, _, t) => ws[i] = t.clone(),
                    _ => {}
                }
                *line = ws.join(" ");
            }
        }
    }
    lines.join("\n")
}

/// fa-063 and a few generated programs, the bases that mutations start from.
fn bases() -> Vec<String> {
    let mut bases = vec![std::fs::read_to_string("examples/fa-063/stack.cache").expect("fa-063")];
    bases.extend(
        (0..8).map(|seed| cachec::generate::program(seed, 1 + seed as usize % 3, 2).source),
    );
    bases
}

#[test]
fn mutated_programs() {
    let bases = bases();
    fuzz(
        "mutated programs",
        // No edit at all is one case in eight: valid programs must get through the emitter too.
        (0..bases.len(), vec(edit(), 0..8)),
        |(base, edits)| mutate(&bases[*base], edits),
        Minimum {
            // Measured at 29%, 19% and 9% with the default seed.
            parsed: 15,
            checks: 10,
            emitter: 4,
        },
    );
}

/// Hand-picked inputs at the edges: empty, binary, deep, huge, odd encodings.
fn edge_cases() -> Vec<Vec<u8>> {
    let fa063 = std::fs::read("examples/fa-063/stack.cache").expect("fa-063");
    let mut cases: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"# only a comment".to_vec(),
        b"\0\0\0".to_vec(),
        vec![0xff, 0xfe, b'a', 0x80],
        [&[0xef, 0xbb, 0xbf][..], &fa063].concat(),
        String::from_utf8_lossy(&fa063)
            .replace('\n', "\r\n")
            .into_bytes(),
        fa063[..fa063.len() / 2].to_vec(),
        [&fa063[..100], &[0xc3][..], &fa063[100..]].concat(),
        format!("stack \"s\" {{ region = {} }}", "[".repeat(5000)).into_bytes(),
        "a { ".repeat(100_000).into_bytes(),
        format!("stack \"{}\" {{}}", "x".repeat(1 << 20)).into_bytes(),
        b"stack \"s\" { region = 99999999999999999999999 }".to_vec(),
        // pep508_rs 0.9.2 panicked on a non-ASCII character right after a marker (fuzzing).
        "layer l { runtime = \"python3.12\" requirements = [\"x ; os_name == 'a'\u{e9}\"] }"
            .as_bytes()
            .to_vec(),
        // ... and on a name or an extra ending in punctuation before another character.
        b"layer l { runtime = \"python3.12\" requirements = [\"httpx-=0.27\", \"x[a-]\"] }"
            .to_vec(),
        // Unclosed blocks in unclosed blocks were read again at every level: exponential time.
        (0..40)
            .map(|i| format!("x{i} y {{\n"))
            .collect::<String>()
            .into_bytes(),
    ];
    cases.push(fa063);
    cases
}

#[test]
fn edge_cases_compile_without_panic() {
    for bytes in edge_cases() {
        let _ = exercise(&String::from_utf8_lossy(&bytes));
    }
}

/// The binary on edge cases and on mutated programs: 0 with templates or 1 with diagnostics.
#[test]
fn the_binary_exits_0_or_1_never_101() {
    let dir = std::env::temp_dir().join(format!("cachec-no-panic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("work folder");
    std::fs::write(
        dir.join("probe.py"),
        "def handler(event, context):\n    return 1\n",
    )
    .expect("function source");
    let bases = bases();
    let mut inputs = edge_cases();
    let mut runner = runner();
    let strategy = (0..bases.len(), vec(edit(), 1..6));
    for _ in 0..150 {
        let (base, edits) = strategy.new_tree(&mut runner).expect("an input").current();
        inputs.push(mutate(&bases[base], &edits).into_bytes());
    }
    let (mut ok, mut rejected) = (0, 0);
    for (i, bytes) in inputs.iter().enumerate() {
        let file = dir.join(format!("case-{i}.cache"));
        std::fs::write(&file, bytes).expect("input written");
        let out = dir.join(format!("out-{i}"));
        let output = Command::new(env!("CARGO_BIN_EXE_cachec"))
            .args([
                "build",
                "--colour",
                "never",
                "--as-of",
                common::as_of().as_str(),
            ])
            .arg(&file)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("cachec runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        match output.status.code() {
            Some(0) => {
                assert!(
                    Path::new(&out).join("stack.yaml").exists(),
                    "case {i}: exit 0 without templates"
                );
                ok += 1;
            }
            Some(1) => {
                assert!(
                    stderr.contains("error"),
                    "case {i}: exit 1 without a diagnostic:\n{stderr}"
                );
                assert!(
                    !out.exists(),
                    "case {i}: failed build left {}",
                    out.display()
                );
                rejected += 1;
            }
            other => panic!(
                "case {i}: exit {other:?} (kept in {}):\n{stderr}",
                file.display()
            ),
        }
    }
    eprintln!(
        "no panic: binary: {} inputs, {ok} built, {rejected} rejected",
        inputs.len()
    );
    std::fs::remove_dir_all(&dir).ok();
}
