//! The nesting limit: the parser and every later stage recurse once per level, so thousands of `{`
//! or `[` would overflow the stack. The parser reports the first bracket past it and skips its inside.

use crate::diag::{Diag, codes};
use crate::span::Span;

/// Far deeper than any real program (which nests three levels), far shallower than the stack allows.
pub const MAX_DEPTH: usize = 64;

/// The error for the `{` or `[` at `span`, one level past the limit.
pub fn too_deep(span: Span) -> Diag {
    Diag::new(
        codes::E0001,
        span,
        format!("blocks and lists are nested more than {MAX_DEPTH} levels deep"),
        format!("level {}", MAX_DEPTH + 1),
    )
    .help("close the blocks or lists above this one; declarations nest at most a few levels")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{parse, parse_partial};

    fn nested(levels: usize) -> String {
        format!(
            "stack \"s\" {{}}\n{}{}",
            "a {".repeat(levels),
            "}".repeat(levels)
        )
    }

    #[test]
    fn the_limit_is_exact_and_strings_and_comments_do_not_count() {
        assert!(parse(&nested(MAX_DEPTH)).is_ok());
        let errors = parse(&nested(MAX_DEPTH + 1)).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].code, codes::E0001);
        assert_eq!(errors[0].message, too_deep(Span::default()).message);
        let src = format!(
            "x {{ y = \"{}\" }} # {}\n",
            "{".repeat(100),
            "[".repeat(100)
        );
        assert!(parse(&src).is_ok());
    }

    #[test]
    fn deeper_programs_fail_cleanly_and_keep_what_is_around_them() {
        let list = format!("x {{ y = {}{} }}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(parse(&list).unwrap_err()[0].code, codes::E0001);
        let deep = format!(
            "{}\nlayer l {{ runtime = \"python3.12\" }}\n",
            nested(100_000)
        );
        let (file, errors) = parse_partial(&deep);
        assert_eq!(errors.len(), 1, "{errors:?}");
        let kinds: Vec<&str> = file.items.iter().map(|i| i.kind.value.as_str()).collect();
        assert_eq!(
            kinds,
            ["stack", "layer"],
            "the declaration too deep is left out"
        );
    }
}
