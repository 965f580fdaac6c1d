//! The pest parser and the walk that turns its pairs into the AST.

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;

use super::ast::{Attr, Entry, File, Item, Value, ValueKind};
use super::unescape::unescape;
use crate::diag::{Diag, codes};
use crate::span::{Span, Spanned};

#[derive(pest_derive::Parser)]
#[grammar = "grammar/cache.pest"]
struct CacheParser;

/// Parses a whole file. pest stops at the first syntax error, so at most one diagnostic comes back.
/// Valid programs take the hand-written fast path; pest parses what it rejects, to report why.
pub fn parse(src: &str) -> Result<File, Diag> {
    // Both parsers recurse per nested block: bound the depth before either runs.
    super::depth::check(src)?;
    if let Some(file) = super::fast::parse(src) {
        return Ok(file);
    }
    pest_parse(src)
}

/// The reference parser: the grammar itself, through pest.
pub(super) fn pest_parse(src: &str) -> Result<File, Diag> {
    let mut pairs = CacheParser::parse(Rule::file, src).map_err(|e| syntax_error(src, &e))?;
    let file = pairs.next().map(|p| p.into_inner()).into_iter().flatten();
    let mut items = Vec::new();
    for pair in file {
        if pair.as_rule() == Rule::item {
            items.push(item(pair)?);
        }
    }
    Ok(File { items })
}

fn span(pair: &Pair<Rule>) -> Span {
    let s = pair.as_span();
    Span::new(s.start(), s.end())
}

fn spanned(pair: &Pair<Rule>) -> Spanned<String> {
    Spanned::new(pair.as_str().to_string(), span(pair))
}

fn item(pair: Pair<Rule>) -> Result<Item, Diag> {
    let item_span = span(&pair);
    let mut kind = Spanned::new(String::new(), item_span);
    let mut names = Vec::new();
    let mut entries = Vec::new();
    for child in pair.into_inner() {
        match child.as_rule() {
            Rule::ident => kind = spanned(&child),
            Rule::names => {
                for name in child.into_inner().filter_map(|n| n.into_inner().next()) {
                    names.push(match name.as_rule() {
                        Rule::string => Spanned::new(unescape_pair(&name), span(&name)),
                        _ => spanned(&name),
                    });
                }
            }
            Rule::block => {
                for entry in child.into_inner() {
                    entries.push(match entry.as_rule() {
                        Rule::attr => Entry::Attr(attr(entry)?),
                        _ => Entry::Item(item(entry)?),
                    });
                }
            }
            _ => {}
        }
    }
    Ok(Item {
        kind,
        names,
        entries,
        span: item_span,
    })
}

fn attr(pair: Pair<Rule>) -> Result<Attr, Diag> {
    let attr_span = span(&pair);
    let mut inner = pair.into_inner();
    let key = inner
        .next()
        .map(|k| spanned(&k))
        .unwrap_or_else(|| Spanned::new(String::new(), attr_span));
    let value = match inner.next() {
        Some(v) => value(v)?,
        None => Value {
            kind: ValueKind::List(Vec::new()),
            span: attr_span,
        },
    };
    Ok(Attr {
        key,
        value,
        span: attr_span,
    })
}

fn value(pair: Pair<Rule>) -> Result<Value, Diag> {
    let value_span = span(&pair);
    let kind = match pair.as_rule() {
        Rule::string => ValueKind::Str(unescape_pair(&pair)),
        Rule::integer => match pair.as_str().parse::<i64>() {
            Ok(n) => ValueKind::Int(n),
            Err(_) => {
                return Err(Diag::new(
                    codes::E0001,
                    value_span,
                    "integer literal is too large",
                    "does not fit in 64 bits",
                )
                .help("write a number between -9223372036854775808 and 9223372036854775807"));
            }
        },
        Rule::boolean => ValueKind::Bool(pair.as_str() == "true"),
        Rule::path => ValueKind::Path(pair.into_inner().map(|p| spanned(&p)).collect()),
        _ => ValueKind::List(pair.into_inner().map(value).collect::<Result<_, _>>()?),
    };
    Ok(Value {
        kind,
        span: value_span,
    })
}

/// The text between a string pair's quotes, with escapes resolved.
fn unescape_pair(string: &Pair<Rule>) -> String {
    let raw = string.as_str();
    unescape(raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default())
}

fn syntax_error(src: &str, err: &pest::error::Error<Rule>) -> Diag {
    let at = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let end = next_token_end(src, at);
    let found = match src.get(at..end) {
        Some("") | None => "end of file".to_string(),
        Some(text) => format!("`{text}`"),
    };
    let expected = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => describe(positives),
        ErrorVariant::CustomError { message } => message.clone(),
    };
    Diag::new(
        codes::E0001,
        Span::new(at, end),
        format!("expected {expected}, found {found}"),
        format!("expected {expected}"),
    )
    .help(syntax_help(positives_of(err)))
}

fn positives_of(err: &pest::error::Error<Rule>) -> &[Rule] {
    match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    }
}

/// The token that starts at `at`: a word, a quoted string, or one character.
fn next_token_end(src: &str, at: usize) -> usize {
    let rest = src.get(at..).unwrap_or_default();
    let mut chars = rest.char_indices();
    match chars.next() {
        None => at,
        Some((_, c)) if c.is_alphanumeric() || c == '_' => {
            at + rest
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '-' || ch == '.'))
                .unwrap_or(rest.len())
        }
        Some((_, c)) => at + c.len_utf8(),
    }
}

fn describe(rules: &[Rule]) -> String {
    if rules.contains(&Rule::string) && rules.contains(&Rule::list) {
        return "a value".to_string();
    }
    let mut names: Vec<&str> = rules.iter().map(|r| rule_name(*r)).collect();
    names.sort_unstable();
    names.dedup();
    match names.as_slice() {
        [] => "something else".to_string(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

fn rule_name(rule: Rule) -> &'static str {
    match rule {
        Rule::EOI => "end of file",
        Rule::item => "a declaration",
        Rule::names | Rule::name => "a name",
        Rule::block => "`{`",
        Rule::attr => "an attribute",
        Rule::ident => "a name",
        Rule::list => "a list",
        Rule::path => "a name",
        Rule::string | Rule::str_inner => "a string",
        Rule::integer => "an integer",
        Rule::boolean => "`true` or `false`",
        Rule::value => "a value",
        Rule::entry => "an attribute",
        Rule::file | Rule::ident_char | Rule::WHITESPACE | Rule::COMMENT => "something else",
    }
}

fn syntax_help(positives: &[Rule]) -> &'static str {
    if positives.contains(&Rule::block) {
        "a declaration is `kind name { ... }`: add the braces after the name"
    } else if positives.contains(&Rule::string) || positives.contains(&Rule::list) {
        "write a value after `=`: \"text\", 42, true, a name, or [a, list]"
    } else if positives.contains(&Rule::EOI) || positives.contains(&Rule::item) {
        "each top-level declaration is `kind name { ... }`; check for an unmatched `}`"
    } else {
        "inside a block write `key = value` or a nested `kind { ... }`; check for a missing `}`"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_items_attrs_and_values() {
        let file =
            parse("a x, \"y\" { k = \"v\\n\" n = -3 b = true r = c.port l = [p, 1,] inner { } }")
                .expect("parses");
        let item = &file.items[0];
        assert_eq!(item.kind.value, "a");
        assert_eq!(
            item.names
                .iter()
                .map(|n| n.value.as_str())
                .collect::<Vec<_>>(),
            ["x", "y"]
        );
        assert_eq!(item.entries.len(), 6);
        let Entry::Attr(k) = &item.entries[0] else {
            panic!("attr")
        };
        assert_eq!(k.value.kind, ValueKind::Str("v\n".into()));
        let Entry::Attr(r) = &item.entries[3] else {
            panic!("attr")
        };
        let ValueKind::Path(path) = &r.value.kind else {
            panic!("path")
        };
        assert_eq!(path.len(), 2);
    }

    #[test]
    fn reports_the_offending_token() {
        let err = parse("a x { k = }").expect_err("fails");
        assert_eq!(err.code.id, "E0001");
        assert_eq!(err.primary_span(), Span::new(10, 11));
    }
}
