//! Comments, which the grammar skips: a scanner that finds them, with their spans, outside strings.
//! The formatter needs them to put each one back beside the code it annotates.

use crate::span::Span;

/// A `#` comment: its span and its text (from `#`, trailing blanks dropped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub span: Span,
    pub text: String,
}

/// Every comment in `src`, in order. It agrees with the grammar on any source that parses: a
/// string ends at its closing quote or at a line break, and `\` makes the next character literal.
pub fn comments(src: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    let mut chars = src.char_indices();
    let mut in_string = false;
    while let Some((at, c)) = chars.next() {
        match (in_string, c) {
            (true, '\\') => {
                chars.next();
            }
            (true, '"' | '\n' | '\r') | (false, '"') => in_string = !in_string,
            (false, '#') => {
                let rest = src.get(at..).unwrap_or_default();
                let line = rest.split(['\n', '\r']).next().unwrap_or_default();
                let text = line.trim_end_matches([' ', '\t']);
                out.push(Comment {
                    span: Span::new(at, at + text.len()),
                    text: text.to_string(),
                });
                // Skip the rest of the line; the line break itself is seen by the loop.
                for _ in line.chars().skip(1) {
                    chars.next();
                }
            }
            _ => {}
        }
    }
    out
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
}
