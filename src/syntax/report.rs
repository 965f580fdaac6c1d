//! The wording of every syntax error (E0001): what was expected, what was found, and where the
//! user would look for it, which is the line of the mistake rather than the token after it.

use super::lex::{Kind, Tok};
use crate::diag::{Diag, codes};
use crate::span::Span;

const DECLARATION: &str = "each top-level declaration is `kind name { ... }`, such as `stack \"demo\" { region = \"us-east-1\" }`";
const ENTRY: &str = "inside a block write `key = value` or a nested `kind { ... }`";
const VALUE: &str = "write a value after `=`: \"text\", 42, true, a name, or [a, list]";

/// How a token is named in "found X".
fn found(src: &str, t: Tok) -> String {
    match t.kind {
        None => "the end of the file".to_string(),
        Some(Kind::Str | Kind::OpenStr) => "a string".to_string(),
        Some(_) => {
            let text = src.get(t.span.start..t.span.end).unwrap_or_default();
            match text.chars().count() {
                0..=24 => format!("`{text}`"),
                _ => format!("`{}...`", text.chars().take(20).collect::<String>()),
            }
        }
    }
}

/// The span to point at for something missing after `after`: the token found instead when it is
/// on the same line, else `after` itself, so the label stays on the line of the mistake.
fn at_or_after(after: Span, t: Tok) -> (Span, bool) {
    if t.line_start || t.kind.is_none() {
        (after, false)
    } else {
        (t.span, true)
    }
}

fn syntax(span: Span, message: String, label: impl Into<String>) -> Diag {
    Diag::new(codes::E0001, span, message, label)
}

pub fn foreign(span: Span) -> Diag {
    syntax(
        span,
        "this does not look like a .cache program".to_string(),
        "expected a declaration such as `stack \"demo\" { ... }`",
    )
    .help("a .cache program is a list of declarations `kind name { key = value }`; check that this is the file you meant")
}

pub fn unmatched_brace(span: Span) -> Diag {
    syntax(span, "unmatched `}`".to_string(), "no block is open here")
        .help("remove it, or add the `{` it was meant to close")
}

pub fn expected_declaration(src: &str, t: Tok) -> Diag {
    syntax(
        t.span,
        format!("expected a declaration, found {}", found(src, t)),
        "expected `kind name { ... }`",
    )
    .help(DECLARATION)
}

pub fn expected_name(src: &str, comma: Span, t: Tok) -> Diag {
    let (span, _) = at_or_after(comma, t);
    syntax(
        span,
        format!("expected a name after `,`, found {}", found(src, t)),
        "expected a name",
    )
    .help("write another name after the comma, or remove the comma")
}

pub fn expected_brace(src: &str, head: Span, no_names: bool, t: Tok) -> Diag {
    let text = src.get(head.start..head.end).unwrap_or_default();
    let (span, same_line) = at_or_after(head, t);
    let what = if no_names { "a name or `{`" } else { "`{`" };
    syntax(
        span,
        format!("expected {what} after `{text}`, found {}", found(src, t)),
        if same_line {
            format!("expected {what} here")
        } else {
            format!("expected {what} after this")
        },
    )
    .help("a declaration is `kind name { ... }`: add the braces after the name")
}

pub fn open_string(span: Span) -> Diag {
    syntax(
        span,
        "the string is not closed".to_string(),
        "no closing `\"` on this line",
    )
    .help("add the closing `\"`; a string cannot span lines (write `\\n` for a line break)")
}

pub fn unclosed(head: &str, brace: Span, end: usize) -> Diag {
    syntax(
        Span::new(end, end),
        format!("the block of `{head}` is not closed"),
        "expected `}` after this line",
    )
    .with_label(brace, "this `{` has no matching `}`")
    .help(format!("add `}}` at the end of `{head}`"))
}

pub fn unclosed_before(head: &str, brace: Span, t: Tok) -> Diag {
    syntax(
        t.span,
        format!("the block of `{head}` is not closed before this declaration"),
        "expected `}` before this line",
    )
    .with_label(brace, "this `{` has no matching `}`")
    .help(format!(
        "add `}}` at the end of `{head}`; a declaration inside it would be indented"
    ))
}

pub fn expected_entry(src: &str, t: Tok) -> Diag {
    syntax(
        t.span,
        format!(
            "expected an attribute, a nested block or `}}`, found {}",
            found(src, t)
        ),
        "expected `key = value`",
    )
    .help(format!("{ENTRY}; check for a missing `}}` above"))
}

/// A `-` glued to a bare value: the word was meant as one, which only a string can hold.
pub fn dashed_value(dash: Span) -> Diag {
    syntax(
        dash,
        "a value cannot hold `-` unless it is in double quotes".to_string(),
        "unexpected `-`",
    )
    .help("put the whole value in double quotes, such as \"allkeys-lru\"")
}

pub fn missing_eq(src: &str, key: Span, next: Tok, colon: bool) -> Diag {
    let key_text = src.get(key.start..key.end).unwrap_or_default();
    let message = if colon {
        format!("expected `=` after `{key_text}`, found `:`")
    } else {
        format!("expected `=` after `{key_text}`")
    };
    syntax(
        next.span,
        message,
        if colon {
            "write `=` here"
        } else {
            "expected `=` before this value"
        },
    )
    .help(format!("an attribute is written `{key_text} = value`"))
}

pub fn lone_key(src: &str, key: Span, next: Tok) -> Diag {
    let key_text = src.get(key.start..key.end).unwrap_or_default();
    let (span, _) = at_or_after(key, next);
    syntax(
        span,
        format!(
            "expected `=` or `{{` after `{key_text}`, found {}",
            found(src, next)
        ),
        "expected `=` or `{`",
    )
    .help(format!(
        "write `{key_text} = value` for an attribute, or `{key_text} {{ ... }}` for a block"
    ))
}

/// An `Int` token's value: digits only, and within 64 bits.
pub fn integer(text: &str, span: Span) -> Result<i64, Diag> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(syntax(
            span,
            format!("`{text}` is not a number"),
            "a number has digits only",
        )
        .help(format!(
            "write digits only, or put text in double quotes: \"{text}\""
        )));
    }
    text.parse().map_err(|_| {
        syntax(
            span,
            "integer literal is too large".to_string(),
            "does not fit in 64 bits",
        )
        .help("write a number between -9223372036854775808 and 9223372036854775807")
    })
}

pub fn expected_value(src: &str, key: Span, eq: Span, t: Tok) -> Diag {
    let key_text = src.get(key.start..key.end).unwrap_or_default();
    let (span, _) = at_or_after(eq, t);
    syntax(
        span,
        format!(
            "expected a value after `{key_text} =`, found {}",
            found(src, t)
        ),
        "expected a value",
    )
    .help(VALUE)
}

pub fn expected_comma(src: &str, open: Span, t: Tok) -> Diag {
    let help = "separate the items with commas and close the list with `]`: [a, b]";
    let item = matches!(
        t.kind,
        Some(Kind::Ident | Kind::Str | Kind::OpenStr | Kind::Int | Kind::LBracket)
    );
    if item {
        return syntax(
            t.span,
            format!("expected `,` before {}", found(src, t)),
            "expected `,` before this item",
        )
        .help(help);
    }
    if t.line_start || t.kind.is_none() {
        return syntax(
            open,
            "the list is not closed".to_string(),
            "this `[` has no matching `]`",
        )
        .help(help);
    }
    syntax(
        t.span,
        format!("expected `,` or `]` in the list, found {}", found(src, t)),
        "expected `,` or `]`",
    )
    .help(help)
}

const PER_ENV: &str = "write a value per environment as `{ dev: 1, prod: 2 }`: an environment, `:`, a value, separated by commas";

/// Inside `{ dev: 1, prod: 2 }`, where an environment's name should stand.
pub fn expected_env(src: &str, open: Span, t: Tok) -> Diag {
    if t.line_start || t.kind.is_none() {
        return syntax(
            open,
            "the value per environment is not closed".to_string(),
            "this `{` has no matching `}`",
        )
        .help(PER_ENV);
    }
    syntax(
        t.span,
        format!(
            "expected an environment or `}}` in the value per environment, found {}",
            found(src, t)
        ),
        "expected `env: value`",
    )
    .help(PER_ENV)
}

/// `{ dev 1 }`: the `:` after an environment's name is missing.
pub fn expected_colon(src: &str, env: Span, t: Tok) -> Diag {
    let name = src.get(env.start..env.end).unwrap_or_default();
    let (span, _) = at_or_after(env, t);
    syntax(
        span,
        format!("expected `:` after `{name}`, found {}", found(src, t)),
        "expected `:`",
    )
    .help(format!("write `{name}: value`; {PER_ENV}"))
}

/// After an environment's value, neither `,` nor `}`.
pub fn expected_env_comma(src: &str, open: Span, t: Tok) -> Diag {
    if t.line_start || t.kind.is_none() {
        return syntax(
            open,
            "the value per environment is not closed".to_string(),
            "this `{` has no matching `}`",
        )
        .help(PER_ENV);
    }
    syntax(
        t.span,
        format!(
            "expected `,` or `}}` in the value per environment, found {}",
            found(src, t)
        ),
        "expected `,` or `}`",
    )
    .help(PER_ENV)
}
