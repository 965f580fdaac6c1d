//! Source bytes to text. A file that is not UTF-8, or holds a NUL byte (a binary file), is one
//! syntax error at its first bad byte; the text comes back with bad bytes replaced (U+FFFD).

use crate::diag::{Diag, codes};
use crate::span::Span;

pub fn decode(bytes: Vec<u8>) -> (String, Option<Diag>) {
    match String::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            Some(at) => {
                let diag = not_text(
                    &text,
                    at,
                    1,
                    "the file is binary, not a .cache program",
                    "a NUL byte",
                );
                (
                    text,
                    Some(diag.help("give cachec the .cache program's text")),
                )
            }
            None => (text, None),
        },
        Err(e) => {
            // The text before the first bad byte is unchanged, so the offset holds in the copy.
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes().get(at).copied().unwrap_or(0);
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let what = format!("byte 0x{byte:02X}");
            let len = '\u{fffd}'.len_utf8();
            let diag = not_text(&text, at, len, "the file is not UTF-8 text", &what);
            (text, Some(diag.help("save the file as UTF-8")))
        }
    }
}

/// The diagnostic for a file that is not text. Its line is never shown, since it may hold
/// anything: the report gives the position instead (see `diag::render`).
fn not_text(text: &str, at: usize, len: usize, message: &str, what: &str) -> Diag {
    Diag::new(
        codes::E0001,
        Span::new(at, (at + len).min(text.len())),
        format!("{message}: {what}"),
        format!("{what} here"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_first_bad_byte() {
        assert_eq!(decode(b"stack".to_vec()), ("stack".to_string(), None));
        let (text, diag) = decode(b"ab\xffcd\xfe".to_vec());
        assert_eq!(text, "ab\u{fffd}cd\u{fffd}");
        let diag = diag.expect("a diagnostic");
        assert_eq!(diag.code.id, "E0001");
        assert_eq!(diag.primary_span(), Span::new(2, 5));
        assert_eq!(diag.message, "the file is not UTF-8 text: byte 0xFF");
    }

    #[test]
    fn a_nul_byte_makes_a_binary_file() {
        let (_, diag) = decode(b"stack s {}\n\x7fELF\x00\x01".to_vec());
        let diag = diag.expect("a diagnostic");
        assert_eq!(diag.primary_span(), Span::new(15, 16));
        assert_eq!(
            diag.message,
            "the file is binary, not a .cache program: a NUL byte"
        );
    }
}
