//! The normative grammar, `grammar/cache.pest`, through pest, and the tests that hold the parser
//! to it: on every input, both accept with the same tree, or both reject (the parser with errors).

use pest::Parser;
use pest::iterators::Pair;
use proptest::prelude::*;

use super::ast::{Attr, Entry, EnvValue, File, Item, Value, ValueKind};
use super::parse::{parse_partial, unescape};
use crate::span::{Span, Spanned};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/cache.pest"]
struct CacheParser;

/// The tree pest builds, or `None` when the grammar rejects the text.
fn pest_parse(src: &str) -> Option<File> {
    let mut pairs = CacheParser::parse(Rule::file, src).ok()?;
    let file = pairs.next()?.into_inner();
    let items = file
        .filter(|p| p.as_rule() == Rule::item)
        .map(item)
        .collect::<Option<_>>()?;
    Some(File { items })
}

fn span(pair: &Pair<Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

fn spanned(pair: &Pair<Rule>) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span(pair))
}

fn string(pair: &Pair<Rule>) -> String {
    let raw = pair.as_str();
    unescape(&raw[1..raw.len() - 1])
}

fn item(pair: Pair<Rule>) -> Option<Item> {
    let item_span = span(&pair);
    let mut inner = pair.into_inner();
    let kind = spanned(&inner.next()?);
    let mut names = Vec::new();
    let mut entries = Vec::new();
    for child in inner {
        match child.as_rule() {
            Rule::names => {
                for name in child.into_inner().filter_map(|n| n.into_inner().next()) {
                    names.push(match name.as_rule() {
                        Rule::string => Spanned::new(string(&name), span(&name)),
                        _ => spanned(&name),
                    });
                }
            }
            _ => {
                for entry in child.into_inner() {
                    entries.push(match entry.as_rule() {
                        Rule::attr => Entry::Attr(attr(entry)?),
                        _ => Entry::Item(item(entry)?),
                    });
                }
            }
        }
    }
    Some(Item {
        kind,
        names,
        entries,
        span: item_span,
        broken: false,
    })
}

fn attr(pair: Pair<Rule>) -> Option<Attr> {
    let attr_span = span(&pair);
    let mut inner = pair.into_inner();
    let key = inner.next()?;
    let key = match key.as_rule() {
        Rule::string => Spanned::new(string(&key), span(&key)),
        _ => spanned(&key),
    };
    let value = inner.next()?;
    let value = match value.as_rule() {
        Rule::per_env => Value {
            span: span(&value),
            kind: ValueKind::PerEnv(
                value
                    .into_inner()
                    .map(|pair| {
                        let mut parts = pair.into_inner();
                        let env = spanned(&parts.next()?);
                        Some(EnvValue {
                            env,
                            value: self::value(parts.next()?)?,
                        })
                    })
                    .collect::<Option<_>>()?,
            ),
        },
        _ => self::value(value)?,
    };
    Some(Attr {
        key,
        value,
        span: attr_span,
    })
}

/// A value; `None` for an integer past 64 bits, which the grammar accepts and the language does not.
fn value(pair: Pair<Rule>) -> Option<Value> {
    let value_span = span(&pair);
    let kind = match pair.as_rule() {
        Rule::string => ValueKind::Str(string(&pair)),
        Rule::integer => ValueKind::Int(pair.as_str().parse().ok()?),
        Rule::boolean => ValueKind::Bool(pair.as_str() == "true"),
        Rule::path => ValueKind::Path(pair.into_inner().map(|p| spanned(&p)).collect()),
        _ => ValueKind::List(pair.into_inner().map(value).collect::<Option<_>>()?),
    };
    Some(Value {
        kind,
        span: value_span,
    })
}

/// The parser and the grammar agree on `src`.
fn agree(src: &str) {
    let (file, errors) = parse_partial(src);
    // Past the nesting limit the parser rejects what the grammar allows, on purpose.
    if errors.iter().any(|e| e.message.contains("levels deep")) {
        return;
    }
    match pest_parse(src) {
        Some(pest) => {
            assert!(
                errors.is_empty(),
                "rejects what pest accepts: {src:?}: {errors:?}"
            );
            assert_eq!(file, pest, "different trees for {src:?}");
        }
        None => assert!(!errors.is_empty(), "accepts what pest rejects: {src:?}"),
    }
}

fn corpus() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut texts: Vec<String> = std::fs::read_dir(format!("{root}/tests/ui"))
        .expect("UI tests")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cache"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let examples = std::fs::read_dir(format!("{root}/examples")).expect("examples");
    for dir in examples.filter_map(|e| e.ok().map(|e| e.path())) {
        if let Ok(text) = std::fs::read_to_string(dir.join("stack.cache")) {
            texts.push(text);
        }
    }
    texts.extend((0..6).map(|seed| crate::generate::program(seed, 2, 2).source));
    texts
}

#[test]
fn agrees_with_pest_on_programs_and_edge_cases() {
    let corpus = corpus();
    assert!(
        corpus.len() > 100,
        "the UI cases, the examples, generated programs"
    );
    for text in corpus {
        agree(&text);
    }
    for text in [
        "",
        "# only a comment",
        "a{}",
        "a x,\"y\\\"z\" { k = \"\\\\\" }",
        "a { k = [] l = [1,] m = [a.b, \"c\", -3, true, false] }",
        "a { k = truex f = false_ n = -0 p = a.b.c q = a. }",
        "a { k = true.x }",
        "a { k = a.true t = true. }",
        "a { k = 12a }",
        "a { k = - }",
        "a { k = -x }",
        "a { k = \"line\nbreak\" }",
        "a { k = \"cr\rhere\" }",
        "a { k = \"escaped\\\nbreak\" }",
        "a { k = \"escaped\\\r\nbreak\" }",
        "a { k = 99999999999999999999 }",
        "a { b { c { } } d = 1 }",
        "a x, { }",
        "a x y { }",
        "a\nb { }",
        "a\nb c { }",
        "a { k = [,] }",
        "a { k = [1 2] }",
        "a { k = [1,, 2] }",
        "a { k == 1 }",
        "a { k 1 }",
        "a { k: 1 }",
        "a { k = { dev: 1, prod: [\"x\", y.z] } }",
        "a { k = {} l = { a: 1, } m = {a:true,default:\"s\"} }",
        "a { \"q\" = { dev: 1 } }",
        "a { k = { dev 1 } }",
        "a { k = { dev: 1 prod: 2 } }",
        "a { k = { dev: { prod: 1 } } }",
        "a { k = { dev: } }",
        "a { k = { 1: 2 } }",
        "a { k = { dev: 1,, } }",
        "a { k = { dev: 1\nl = 2 }",
        "a { k = [{ dev: 1 }] }",
        "a { k = { dev: 1 }",
        "a { k = { dev: [1, } }",
        "a { k: { dev: 1 } }",
        "a { k }",
        "a { b c }",
        "a { b c, { } }",
        "a # c\r{ k = 1 #\r\n}",
        "a { k = \"é\" ü = 1 }",
        "1a { }",
        "a { k = \"unterminated }",
        "a { k = 1 ",
        "a } ",
        "} a { }",
        "a { k = [1, [2, [3]]] }",
        "a { k = [1, [2, [3]] }",
        "a { k = [ }",
        "a {\u{feff} }",
        "\"s\" { }",
        "a \"unterminated {",
        "a { max-memory = 1 k-x-y_z = \"v\" l = k-x }",
        "a { k-x { } }",
        "a { k-x \"v\" }",
        "a { k- = 1 }",
        "a { k-1 = 1 }",
        "a { k -x = 1 }",
        "a { k-true = 1 k-_ = 2 }",
        "a { k-x\n}",
        "a { k =\nm-n = 1 }",
        "a { k = [1,\nm-n = 1 }",
        "a-b { }",
        "a { b-c d { } }",
        "a { k-é = 1 }",
        "a { \"cost-center\" = \"42\" \"a:b\" = 1 }",
        "a { \"k\" 1 }",
        "a { \"k\" }",
        "a { \"k\" = }",
        "a { \"\" = \"\" }",
    ] {
        agree(text);
    }
}

/// Thousands of small edits of real programs, each judged by pest.
#[test]
fn agrees_with_pest_on_mutations() {
    const PIECES: &[&str] = &[
        " ", "\n", "\r", "\t", "#", "\"", "\\", "{", "}", "[", "]", ",", "=", ".", "-", "0", "9",
        "a", "_", "true", "false", "é", ":",
    ];
    let mut state: u64 = 0x5eed;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n.max(1)
    };
    for base in corpus().iter().filter(|t| t.len() < 5_000) {
        for _ in 0..300 {
            let mut text = base.clone();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                match next(3) {
                    0 => text.insert_str(at, PIECES[next(PIECES.len())]),
                    1 => {
                        let end = (at + 1 + next(4)).min(text.len());
                        if let Some(range) = (at..=end)
                            .rev()
                            .find(|e| text.is_char_boundary(*e))
                            .map(|e| at..e)
                        {
                            text.replace_range(range, "");
                        }
                    }
                    _ => {
                        let end = (at + next(8)).min(text.len());
                        if let Some(piece) = text.get(at..end).map(str::to_string) {
                            text.insert_str(at, &piece);
                        }
                    }
                }
            }
            agree(&text);
        }
    }
}

/// The language's tokens, for random texts built from them.
const TOKENS: &[&str] = &[
    "a",
    "b_2",
    "k-x",
    "-",
    "true",
    "false",
    "-1",
    "42",
    "\"s\"",
    "\"\\\"\"",
    "\"open",
    "{",
    "}",
    "[",
    "]",
    ",",
    "=",
    ".",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "# c",
    ":",
    "é",
    ": ",
    "{ dev: 1 }",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random soups of tokens: mostly rejected, sometimes accepted, always judged alike.
    #[test]
    fn agrees_with_pest_on_token_soups(words in proptest::collection::vec(proptest::sample::select(TOKENS), 0..40)) {
        agree(&words.concat());
    }

    /// A generated program with a random stretch deleted or duplicated.
    #[test]
    fn agrees_with_pest_on_edited_programs(seed in 0u64..50, at in 0usize..10_000, len in 0usize..12, dup in any::<bool>()) {
        let mut text = crate::generate::program(seed, 1, 1).source;
        let mut start = at % (text.len() + 1);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + len).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if dup {
            let piece = text[start..end].to_string();
            text.insert_str(start, &piece);
        } else {
            text.replace_range(start..end, "");
        }
        agree(&text);
    }
}
