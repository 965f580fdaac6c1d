//! Comments, which the tree leaves out, with their spans: the lexer's comment tokens.
//! The formatter needs them to put each one back beside the code it annotates.

use super::lex::{Kind, tokens};
use crate::span::Span;

/// A `#` comment: its span and its text (from `#`, trailing blanks dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

/// Every comment in `src`, in order.
pub fn comments(src: &str) -> Vec<Comment> {
    tokens(src)
        .filter(|t| t.kind == Kind::Comment)
        .map(|t| {
            let text = src
                .get(t.span.start..t.span.end)
                .unwrap_or_default()
                .trim_end_matches([' ', '\t']);
            Comment {
                span: Span::new(t.span.start, t.span.start + text.len()),
                text: text.to_string(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<String> {
        comments(src).into_iter().map(|c| c.text).collect()
    }

    #[test]
    fn finds_comments_outside_strings() {
        let src = "a x { # one  \n  k = \"# not \\\" # either\" # two\r\n}\n# three";
        assert_eq!(texts(src), ["# one", "# two", "# three"]);
        let two = &comments(src)[1];
        assert_eq!(&src[two.span.start..two.span.end], "# two");
    }

    #[test]
    fn an_escaped_quote_does_not_end_a_string() {
        assert_eq!(texts("k = \"\\\\\" # yes"), ["# yes"]);
        assert_eq!(texts("k = \"\\\" # no\""), Vec::<String>::new());
    }

    #[test]
    fn a_carriage_return_ends_a_string_and_a_comment() {
        assert_eq!(texts("k = \"open\r# yes\rk = 1"), ["# yes"]);
    }
}
