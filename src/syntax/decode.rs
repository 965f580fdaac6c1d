//! Source bytes to text. A file that is not UTF-8 is a syntax error at its first bad byte; the text
//! comes back with bad bytes replaced (U+FFFD), so the diagnostic can still show its line.

use crate::diag::{Diag, codes};
use crate::span::Span;

pub fn decode(bytes: Vec<u8>) -> (String, Option<Diag>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            // The text before the first bad byte is unchanged, so the offset holds in the copy.
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let end = at + '\u{fffd}'.len_utf8();
            let diag = Diag::new(
                codes::E0001,
                Span::new(at, end.min(text.len())),
                "the file is not UTF-8 text",
                "not a UTF-8 character",
            )
            .help("save the file as UTF-8");
            (text, Some(diag))
        }
    }
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
    }
}
