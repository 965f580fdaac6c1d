//! A guard run before the parser: braces and brackets nested deeper than any program needs are a
//! syntax error, so neither pest nor the recursive walks after it can overflow the stack.

use crate::diag::{Diag, codes};
use crate::span::Span;

/// Real programs nest three deep (`network { subnet { } }`, a list in a block); this leaves room.
pub const MAX_DEPTH: usize = 32;

/// The first `{` or `[` that opens level `MAX_DEPTH + 1`, as a diagnostic. Strings and comments
/// are skipped; a string ends at its closing quote or at the end of its line, as in the grammar.
pub fn check(src: &str) -> Result<(), Diag> {
    let mut depth = 0usize;
    let mut chars = src.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => {
                while let Some((_, c)) = chars.next() {
                    match c {
                        '"' | '\n' => break,
                        '\\' => {
                            chars.next();
                        }
                        _ => {}
                    }
                }
            }
            '#' => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '{' | '[' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(too_deep(at));
                }
            }
            '}' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn too_deep(at: usize) -> Diag {
    Diag::new(
        codes::E0001,
        Span::new(at, at + 1),
        format!("blocks and lists are nested more than {MAX_DEPTH} deep"),
        "one level too many",
    )
    .help("a program nests a few levels at most: check for braces or brackets that never close")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_ordinary_nesting_and_stops_runaway_nesting() {
        assert!(check("network n { subnet a { zone = \"{[{[\" } } # [[[[").is_ok());
        let deep = "[".repeat(MAX_DEPTH + 1);
        let err = check(&format!("a {{ k = {deep} }}")).expect_err("too deep");
        assert_eq!(err.code.id, "E0001");
        assert_eq!(
            err.primary_span(),
            Span::new(8 + MAX_DEPTH - 1, 8 + MAX_DEPTH)
        );
        assert!(check(&"{".repeat(100_000)).is_err());
    }
}
