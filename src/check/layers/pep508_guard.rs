//! Requirement lines on which `pep508_rs` 0.9.2 panics instead of returning an error, refused
//! here with pip's reason before it sees them, and a backstop for those not yet known.

use std::cell::Cell;
use std::ops::Range;
use std::panic::{self, UnwindSafe};
use std::sync::Once;

/// Why pip refuses `text`, and where, for the inputs the parser is known to panic on: a name or
/// extra that ends in `-`, `_` or `.` before another character (its `expect` on the name's
/// validation), and a non-ASCII character right after a marker (it slices bytes by a count of
/// characters).
pub fn refused(text: &str) -> Option<(String, Range<usize>)> {
    if let Some(at) = stray_non_ascii(text) {
        let why = format!(
            "pip reads only ASCII outside quoted strings and URLs, not `{}`",
            &text[at.clone()]
        );
        return Some((why, at));
    }
    let (name, rest) = identifier(text, 0);
    if let Some(found) = bad_end(text, name.clone()) {
        return Some(found);
    }
    let open = rest + text[rest..].len() - text[rest..].trim_start().len();
    if text[open..].starts_with('[') {
        let close = text[open..].find(']').map_or(text.len(), |i| open + i);
        let mut at = open + 1;
        while at < close {
            let start = at + text[at..close].len() - text[at..close].trim_start().len();
            let (extra, end) = identifier(text, start);
            if let Some(found) = bad_end(text, extra) {
                return Some(found);
            }
            at = text[end..close].find(',').map_or(close, |i| end + i + 1);
        }
    }
    None
}

/// Runs the parser, turning a panic into `None` without printing it: the panic is the parser's
/// bug, not the user's, and the line still gets a diagnostic.
pub fn quietly<R>(parse: impl FnOnce() -> R + UnwindSafe) -> Option<R> {
    thread_local!(static QUIET: Cell<bool> = const { Cell::new(false) });
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = panic::catch_unwind(parse);
    QUIET.with(|q| q.set(false));
    result.ok()
}

/// The run of name characters (`A-Z a-z 0-9 - _ .`) from `start`, and where it ends.
fn identifier(text: &str, start: usize) -> (Range<usize>, usize) {
    let len = text[start..]
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        .count();
    (start..start + len, start + len)
}

/// A name that starts with a letter or digit but ends in punctuation, at its last character.
fn bad_end(text: &str, name: Range<usize>) -> Option<(String, Range<usize>)> {
    let word = &text[name.clone()];
    let first = word.bytes().next()?;
    let last = word.bytes().last()?;
    (first.is_ascii_alphanumeric() && matches!(last, b'-' | b'_' | b'.')).then(|| {
        let why = format!(
            "a name ends with a letter or digit, not `{}`: `{word}`",
            last as char
        );
        (why, name.end - 1..name.end)
    })
}

/// The first non-ASCII character outside quoted strings and the URL after `@`. pip's tokenizer
/// (packaging's `_tokenizer.py`) rejects it there.
fn stray_non_ascii(text: &str) -> Option<Range<usize>> {
    let mut quote = None;
    let mut in_url = false;
    let mut after_at = false;
    for (i, c) in text.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if in_url => in_url = !c.is_whitespace(),
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '@' => after_at = true,
            None if after_at && !c.is_whitespace() => {
                (in_url, after_at) = (true, false);
            }
            None if !c.is_ascii() => return Some(i..i + c.len_utf8()),
            None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused_at(text: &str) -> Option<&str> {
        refused(text).map(|(_, at)| &text[at])
    }

    #[test]
    fn names_and_extras_ending_in_punctuation_are_refused_at_their_last_character() {
        assert_eq!(refused_at("httpx-=0.27.2"), Some("-"));
        assert_eq!(refused_at("redis[hiredis_] == 5.2.1"), Some("_"));
        assert_eq!(refused_at("redis[ok, bad.]"), Some("."));
        assert_eq!(refused_at("redis[hiredis]==5.2.1"), None);
        assert_eq!(refused_at("zope.interface==7.1"), None);
    }

    #[test]
    fn non_ascii_counts_only_outside_quotes_and_urls() {
        assert_eq!(refused_at("x ; os_name == 'a'\u{e9}"), Some("\u{e9}"));
        assert_eq!(refused_at("x ; os_name == '\u{e9}'"), None);
        assert_eq!(refused_at("x @ https://files.example/\u{e9}.whl"), None);
    }

    #[test]
    fn a_panic_in_the_parser_becomes_none() {
        assert_eq!(quietly(|| 1), Some(1));
        assert_eq!(quietly(|| -> u8 { panic!("parser bug") }), None);
    }
}
