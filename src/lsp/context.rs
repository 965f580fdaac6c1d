//! The cursor's context for completion, read from the lexer's tokens of the current text because
//! text being typed seldom parses: the enclosing block, and whether a key, value or member is next.

use crate::syntax::lex::{Kind, tokens};

/// What may be written at the cursor.
#[derive(Debug, PartialEq, Eq)]
pub enum Context {
    /// A key or a nested block, in the block of this keyword (`None` at the top level); `given`
    /// holds the keys that block already has.
    Key {
        block: Option<String>,
        given: Vec<String>,
    },
    /// A value of `key` (or an item of its list) in the block of keyword `block`.
    Value { block: String, key: String },
    /// The attribute after `name.`.
    Member { name: String },
    /// Inside a string or a comment, naming a declaration, or after something unexpected.
    Nothing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    /// Identifiers, numbers and booleans.
    Word(&'a str),
    Str,
    Punct(char),
    Comment,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok<'a>,
    start: usize,
    end: usize,
    /// For strings and comments: whether text typed at `end` would still be inside.
    open: bool,
}

/// The lexer's tokens with `-` and the identifiers around it joined, as the grammar's `key` joins
/// them (`maxmemory-policy`); a `-` just typed after an identifier joins it too.
fn joined(text: &str) -> Vec<crate::syntax::lex::Token> {
    let mut out: Vec<crate::syntax::lex::Token> = Vec::new();
    for t in tokens(text) {
        let glue = |last: Option<&crate::syntax::lex::Token>| {
            last.is_some_and(|l| l.kind == Kind::Ident && l.span.end == t.span.start)
        };
        let dash = t.kind == Kind::Unknown && text.get(t.span.start..t.span.end) == Some("-");
        let after_dash =
            t.kind == Kind::Ident && text.get(..t.span.start).is_some_and(|b| b.ends_with('-'));
        match out.last_mut() {
            Some(last) if (dash || after_dash) && glue(Some(last)) => {
                last.span = crate::span::Span::new(last.span.start, t.span.end);
            }
            _ => out.push(t),
        }
    }
    out
}

/// The lexer's tokens, trivia but comments dropped, as the context needs them.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    joined(text)
        .into_iter()
        .filter(|t| !matches!(t.kind, Kind::Space | Kind::Newline))
        .map(|t| {
            let source = text.get(t.span.start..t.span.end).unwrap_or_default();
            let tok = match t.kind {
                Kind::Ident | Kind::Int => Tok::Word(source),
                Kind::Str | Kind::OpenStr => Tok::Str,
                Kind::Comment => Tok::Comment,
                _ => Tok::Punct(source.chars().next().unwrap_or(' ')),
            };
            Token {
                tok,
                start: t.span.start,
                end: t.span.end,
                open: matches!(t.kind, Kind::OpenStr | Kind::Comment),
            }
        })
        .collect()
}

/// The context at byte `offset` of `text`.
pub fn at(text: &str, offset: usize) -> Context {
    let tokens = tokenize(text);
    let inside = |t: &Token| t.start < offset && (offset < t.end || (t.open && offset == t.end));
    if tokens
        .iter()
        .any(|t| matches!(t.tok, Tok::Str | Tok::Comment) && inside(t))
    {
        return Context::Nothing;
    }
    let code: Vec<Token> = tokens
        .into_iter()
        .filter(|t| t.tok != Tok::Comment)
        .collect();
    // The word being typed, if the cursor is in or just after one, is not part of the context.
    let typed = code
        .iter()
        .position(|t| matches!(t.tok, Tok::Word(_)) && t.start < offset && offset <= t.end);
    let cut = typed.unwrap_or_else(|| code.iter().take_while(|t| t.end <= offset).count());
    let before = code.get(..cut).unwrap_or_default();
    let back = |n: usize| {
        before
            .len()
            .checked_sub(n)
            .and_then(|i| before.get(i))
            .map(|t| t.tok)
    };
    let block = innermost_block(before);
    let block_keyword = || block.and_then(|b| keyword(before, b)).map(str::to_string);
    match back(1) {
        Some(Tok::Punct('=')) => value(block_keyword(), back(2)),
        Some(Tok::Punct('.')) => match back(2) {
            Some(Tok::Word(name)) => Context::Member { name: name.into() },
            _ => Context::Nothing,
        },
        Some(Tok::Punct('[' | ',')) => list_value(before, block_keyword()),
        None | Some(Tok::Punct('{' | '}' | ']')) => key(&code, before, block, typed),
        // After a complete value such as `multi_az = true`, the next key; after a name, nothing.
        Some(Tok::Word(_) | Tok::Str) if matches!(back(2), Some(Tok::Punct('=' | '.'))) => {
            key(&code, before, block, typed)
        }
        _ => Context::Nothing,
    }
}

fn value(block: Option<String>, key: Option<Tok>) -> Context {
    match (block, key) {
        (Some(block), Some(Tok::Word(key))) => Context::Value {
            block,
            key: key.into(),
        },
        _ => Context::Nothing,
    }
}

/// After `[` or `,`: an item of the list that `key = [` opened, if one is open.
fn list_value(before: &[Token], block: Option<String>) -> Context {
    let Some(open) = open_list(before) else {
        return Context::Nothing;
    };
    let at = |back: usize| {
        open.checked_sub(back)
            .and_then(|i| before.get(i))
            .map(|t| t.tok)
    };
    if at(1) == Some(Tok::Punct('=')) {
        value(block, at(2))
    } else {
        Context::Nothing
    }
}

fn key(code: &[Token], before: &[Token], block: Option<usize>, typed: Option<usize>) -> Context {
    let Some(open) = block else {
        return Context::Key {
            block: None,
            given: Vec::new(),
        };
    };
    match keyword(before, open) {
        Some(name) => Context::Key {
            block: Some(name.to_string()),
            given: given_keys(code, open, typed),
        },
        None => Context::Nothing,
    }
}

/// Index of the `{` of the innermost block still open at the end of `tokens`.
fn innermost_block(tokens: &[Token]) -> Option<usize> {
    let mut stack = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        match t.tok {
            Tok::Punct('{') => stack.push(i),
            Tok::Punct('}') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

/// Index of the `[` of a list still open at the end of `tokens`, within the current block.
fn open_list(tokens: &[Token]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, t) in tokens.iter().enumerate().rev() {
        match t.tok {
            Tok::Punct(']') => depth += 1,
            Tok::Punct('[') if depth == 0 => return Some(i),
            Tok::Punct('[') => depth -= 1,
            Tok::Punct('{' | '}' | '=') if depth == 0 => return None,
            _ => {}
        }
    }
    None
}

/// The keyword of the block opened at `brace`: `kind name, name {` or `kind {`.
fn keyword<'a>(tokens: &[Token<'a>], brace: usize) -> Option<&'a str> {
    let at = |i: usize| tokens.get(i).map(|t| t.tok);
    let mut first = brace.checked_sub(1)?;
    while first >= 2 && at(first - 1) == Some(Tok::Punct(',')) {
        first -= 2;
    }
    let is_value = |i: usize| {
        i.checked_sub(1)
            .is_some_and(|p| matches!(at(p), Some(Tok::Punct('=' | '.'))))
    };
    match (first.checked_sub(1).map(at), at(first)) {
        (Some(Some(Tok::Word(kind))), Some(Tok::Word(_) | Tok::Str)) if !is_value(first - 1) => {
            Some(kind)
        }
        (_, Some(Tok::Word(kind))) => Some(kind),
        _ => None,
    }
}

/// Keys written directly in the block opened at `brace`, except the one being typed at `skip`.
fn given_keys(code: &[Token], brace: usize, skip: Option<usize>) -> Vec<String> {
    let mut depth = 0usize;
    let mut out = Vec::new();
    for (i, pair) in code.windows(2).enumerate().skip(brace + 1) {
        let [t, next] = pair else { continue };
        match t.tok {
            Tok::Punct('{' | '[') => depth += 1,
            Tok::Punct('}' | ']') if depth == 0 => break,
            Tok::Punct('}' | ']') => depth -= 1,
            Tok::Word(key) if depth == 0 && Some(i) != skip && next.tok == Tok::Punct('=') => {
                out.push(key.to_string());
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The context at the `|` in `marked`.
    fn ctx(marked: &str) -> Context {
        let offset = marked.find('|').expect("a cursor mark");
        at(&marked.replacen('|', "", 1), offset)
    }

    fn key(block: Option<&str>, given: &[&str]) -> Context {
        Context::Key {
            block: block.map(str::to_string),
            given: given.iter().map(|g| g.to_string()).collect(),
        }
    }

    fn value(block: &str, key: &str) -> Context {
        Context::Value {
            block: block.into(),
            key: key.into(),
        }
    }

    #[test]
    fn keys_in_the_innermost_block() {
        assert_eq!(ctx("|"), key(None, &[]));
        assert_eq!(ctx("stack \"s\" {}\nrep|"), key(None, &[]));
        assert_eq!(
            ctx("network vpc {\n  cidr = \"x\"\n  subnet a { zone = \"a\"  ci| }\n}"),
            key(Some("subnet"), &["zone"])
        );
        assert_eq!(
            ctx("network vpc {\n  cidr = \"x\"\n  subnet a { zone = \"a\" }\n  |\n}"),
            key(Some("network"), &["cidr"])
        );
        assert_eq!(
            ctx("function f { subnet = lambda  environment { A = cache.port\n | } }"),
            key(Some("environment"), &["A"])
        );
        assert_eq!(
            ctx("endpoint ssm, \"ssmmessages\" { kind = interface | }"),
            key(Some("endpoint"), &["kind"])
        );
        assert_eq!(
            ctx("function f { timeout = 3 # a { comment\n | memory = 128 }"),
            key(Some("function"), &["timeout", "memory"])
        );
    }

    #[test]
    fn dashed_keys_are_one_word() {
        assert_eq!(
            ctx("parameter_group p { parameters { timeout = 300  maxmemory-po| } }"),
            key(Some("parameters"), &["timeout"])
        );
        assert_eq!(
            ctx("parameter_group p { parameters { maxmemory-| } }"),
            key(Some("parameters"), &[])
        );
        assert_eq!(
            ctx("parameter_group p { parameters { maxmemory-policy = | } }"),
            value("parameters", "maxmemory-policy")
        );
    }

    #[test]
    fn values_lists_and_members() {
        assert_eq!(
            ctx("instance i { subnet = | }"),
            value("instance", "subnet")
        );
        assert_eq!(
            ctx("instance i { subnet = inst| }"),
            value("instance", "subnet")
        );
        assert_eq!(
            ctx("function f { layers = [a, | }"),
            value("function", "layers")
        );
        assert_eq!(ctx("function f { layers = [|"), value("function", "layers"));
        assert_eq!(
            ctx("function f { environment { X = cache.| } }"),
            Context::Member {
                name: "cache".into()
            }
        );
    }

    #[test]
    fn nothing_in_strings_comments_and_names() {
        assert_eq!(ctx("stack \"s| {}"), Context::Nothing);
        assert_eq!(ctx("stack \"s\" { region = \"ap-| }"), Context::Nothing);
        assert_eq!(ctx("# a comment |"), Context::Nothing);
        assert_eq!(ctx("subnet |"), Context::Nothing);
        assert_eq!(ctx("stack \"s\" |"), Context::Nothing);
        assert_eq!(ctx("endpoint ssm, |"), Context::Nothing);
        assert_eq!(ctx("network vpc { cidr |"), Context::Nothing);
    }

    #[test]
    fn any_text_and_any_offset_is_safe() {
        let text = "stack \"é🚀\\\" {\n  x = [a, \"b\" # c\n } } ] . = , \"";
        for offset in 0..=text.len() + 1 {
            let _ = at(text, offset);
        }
    }
}
