//! A nesting limit checked before parsing: the parser and every later stage recurse once per
//! level, so thousands of `{` or `[` would overflow the stack instead of getting a diagnostic.

use crate::diag::{Diag, codes};
use crate::span::Span;

/// Far deeper than any real program (which nests three levels), far shallower than the stack allows.
pub const MAX_DEPTH: usize = 64;

/// The first `{` or `[` (outside strings and comments) past `MAX_DEPTH` levels, as a syntax error.
pub fn check(src: &str) -> Result<(), Diag> {
    let mut depth = 0usize;
    let mut bytes = src.bytes().enumerate();
    while let Some((at, b)) = bytes.next() {
        match b {
            b'"' => skip_string(&mut bytes),
            b'#' => {
                bytes.find(|(_, c)| *c == b'\n');
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(at));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Skips to the closing quote; a string also ends at a line break, as in the grammar.
fn skip_string(bytes: &mut impl Iterator<Item = (usize, u8)>) {
    while let Some((_, c)) = bytes.next() {
        match c {
            b'\\' => {
                bytes.next();
            }
            b'"' | b'\n' => return,
            _ => {}
        }
    }
}

fn too_deep(at: usize) -> Diag {
    Diag::new(
        codes::E0001,
        Span::new(at, at + 1),
        format!("blocks and lists are nested more than {MAX_DEPTH} levels deep"),
        format!("level {}", MAX_DEPTH + 1),
    )
    .help("close the blocks or lists above this one; declarations nest at most a few levels")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(levels: usize) -> String {
        format!(
            "stack \"s\" {{}}\n{}{}",
            "a {".repeat(levels),
            "}".repeat(levels)
        )
    }

    #[test]
    fn the_limit_is_exact_and_strings_and_comments_do_not_count() {
        assert!(check(&nested(MAX_DEPTH)).is_ok());
        let err = check(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(err.code, codes::E0001);
        let src = format!("x = \"{}\" # {}\n", "{".repeat(100), "[".repeat(100));
        assert!(check(&src).is_ok());
    }

    #[test]
    fn the_deepest_allowed_program_parses_and_deeper_ones_fail_cleanly() {
        assert!(crate::syntax::parse(&nested(MAX_DEPTH)).is_ok());
        let list = format!("x {{ y = {}{} }}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(crate::syntax::parse(&list).unwrap_err().code, codes::E0001);
        assert_eq!(
            crate::syntax::parse(&nested(100_000)).unwrap_err().code,
            codes::E0001
        );
    }
}
