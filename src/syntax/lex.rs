//! The one lexer of `.cache` text: tokens and trivia (blanks, line breaks, comments) with byte
//! spans. The parser, the formatter, the depth guard and the language server all read text with it.

use crate::span::Span;

/// What a stretch of text is. Every byte of the source belongs to exactly one token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `(ASCII_ALPHA | "_") ~ (ASCII_ALPHANUMERIC | "_")*`; `true` and `false` too.
    Ident,
    /// `"-"? ~ ASCII_DIGIT` and the identifier characters glued to it, so that `12a` is one
    /// token the parser can reject as a whole.
    Int,
    /// A string with its closing quote.
    Str,
    /// A string that a line break or the end of the file cuts off, without its closing quote.
    OpenStr,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Comma,
    Eq,
    Dot,
    /// `:`, between an environment and its value in `{ dev: 1, prod: 2 }`.
    Colon,
    /// One character the language has no use for (`(`, `-` alone, `é` outside a string...).
    Unknown,
    /// Spaces and tabs.
    Space,
    /// `\n`, `\r\n` or `\r`, as the grammar's `NEWLINE`.
    Newline,
    /// `#` up to (not including) the line break.
    Comment,
}

impl Kind {
    /// Blanks, line breaks and comments: what the grammar skips between tokens.
    pub fn is_trivia(self) -> bool {
        matches!(self, Kind::Space | Kind::Newline | Kind::Comment)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub span: Span,
}

/// A token the parser works on: trivia skipped, with whether a line break came before it.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    /// `None` past the last token.
    pub kind: Option<Kind>,
    pub span: Span,
    /// First on its line.
    pub line_start: bool,
    /// Its column in bytes, when it is first on its line.
    pub column: usize,
}

/// The tokens of a text, trivia included, in order. Cloning it is how the parser looks ahead.
#[derive(Debug, Clone)]
pub struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

/// Every token of `src`, trivia included.
pub fn tokens(src: &str) -> Lexer<'_> {
    Lexer::at(src, 0)
}

pub fn ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

pub fn ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Lexer<'a> {
    /// The tokens from `pos` on; `pos` must lie between two tokens (the end of one, say).
    pub fn at(src: &'a str, pos: usize) -> Self {
        Lexer {
            src,
            pos: pos.min(src.len()),
        }
    }

    /// Where the next token starts.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// Steps over blanks and line breaks without making tokens of them, for a reader that only
    /// needs to know whether a line began: returns the offset where the last one began.
    pub fn skip_blanks(&mut self) -> Option<usize> {
        let mut line = None;
        while let Some(b) = self.peek(0) {
            match b {
                b' ' | b'\t' => self.pos += 1,
                b'\n' | b'\r' => {
                    self.pos += 1;
                    if b == b'\r' && self.peek(0) == Some(b'\n') {
                        self.pos += 1;
                    }
                    line = Some(self.pos);
                }
                _ => break,
            }
        }
        line
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.src.as_bytes().get(self.pos + ahead).copied()
    }

    fn eat_while(&mut self, f: impl Fn(u8) -> bool) {
        while self.peek(0).is_some_and(&f) {
            self.pos += 1;
        }
    }

    /// A string from its opening quote: a raw line break ends it unclosed, `\` escapes any character.
    fn string(&mut self) -> Kind {
        self.pos += 1;
        loop {
            match self.peek(0) {
                None | Some(b'\n' | b'\r') => return Kind::OpenStr,
                Some(b'"') => {
                    self.pos += 1;
                    return Kind::Str;
                }
                Some(b'\\') if self.peek(1).is_some() => {
                    self.pos += 1;
                    self.char();
                }
                Some(_) => self.pos += 1,
            }
        }
    }

    /// Steps over one whole character, so that no token ends inside one.
    fn char(&mut self) {
        let len = self
            .src
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
            .map_or(1, char::len_utf8);
        self.pos += len;
    }
}

impl Iterator for Lexer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        let start = self.pos;
        let b = self.peek(0)?;
        let kind = match b {
            b' ' | b'\t' => {
                self.eat_while(|c| c == b' ' || c == b'\t');
                Kind::Space
            }
            b'\n' => {
                self.pos += 1;
                Kind::Newline
            }
            b'\r' => {
                self.pos += if self.peek(1) == Some(b'\n') { 2 } else { 1 };
                Kind::Newline
            }
            b'#' => {
                self.eat_while(|c| c != b'\n' && c != b'\r');
                Kind::Comment
            }
            b'"' => self.string(),
            b'{' | b'}' | b'[' | b']' | b',' | b'=' | b'.' | b':' => {
                self.pos += 1;
                match b {
                    b'{' => Kind::LBrace,
                    b'}' => Kind::RBrace,
                    b'[' => Kind::LBracket,
                    b']' => Kind::RBracket,
                    b',' => Kind::Comma,
                    b'=' => Kind::Eq,
                    b':' => Kind::Colon,
                    _ => Kind::Dot,
                }
            }
            b'-' if self.peek(1).is_some_and(|c| c.is_ascii_digit()) => {
                self.pos += 1;
                self.eat_while(ident_char);
                Kind::Int
            }
            b'0'..=b'9' => {
                self.eat_while(ident_char);
                Kind::Int
            }
            b if ident_start(b) => {
                self.eat_while(ident_char);
                Kind::Ident
            }
            _ => {
                self.char();
                Kind::Unknown
            }
        };
        Some(Token {
            kind,
            span: Span::new(start, self.pos),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(src: &str) -> Vec<(Kind, &str)> {
        tokens(src)
            .map(|t| (t.kind, &src[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn tokens_and_trivia_cover_the_text() {
        use Kind::*;
        assert_eq!(
            lex("a x, \"y\" { k = -3 # c\r\n l = [b.c] }"),
            [
                (Ident, "a"),
                (Space, " "),
                (Ident, "x"),
                (Comma, ","),
                (Space, " "),
                (Str, "\"y\""),
                (Space, " "),
                (LBrace, "{"),
                (Space, " "),
                (Ident, "k"),
                (Space, " "),
                (Eq, "="),
                (Space, " "),
                (Int, "-3"),
                (Space, " "),
                (Comment, "# c"),
                (Newline, "\r\n"),
                (Space, " "),
                (Ident, "l"),
                (Space, " "),
                (Eq, "="),
                (Space, " "),
                (LBracket, "["),
                (Ident, "b"),
                (Dot, "."),
                (Ident, "c"),
                (RBracket, "]"),
                (Space, " "),
                (RBrace, "}"),
            ]
        );
    }

    #[test]
    fn a_carriage_return_ends_comments_and_strings_as_in_the_grammar() {
        use Kind::*;
        assert_eq!(
            lex("# c\rk\"s\rt\""),
            [
                (Comment, "# c"),
                (Newline, "\r"),
                (Ident, "k"),
                (OpenStr, "\"s"),
                (Newline, "\r"),
                (Ident, "t"),
                (OpenStr, "\""),
            ]
        );
        // An escaped line break stays inside the string (the grammar's `"\\" ~ ANY`).
        assert_eq!(lex("\"a\\\nb\""), [(Str, "\"a\\\nb\"")]);
        assert_eq!(lex("\"a\\"), [(OpenStr, "\"a\\")]);
        assert_eq!(lex("\"\\é\""), [(Str, "\"\\é\"")]);
    }

    #[test]
    fn skipping_blanks_finds_where_the_last_line_began() {
        let mut lexer = tokens(" \t\r\n  \r x");
        assert_eq!(lexer.skip_blanks(), Some(7));
        assert_eq!(lexer.next().map(|t| t.kind), Some(Kind::Ident));
        let mut lexer = tokens("  # c\n");
        assert_eq!(lexer.skip_blanks(), None);
        assert_eq!(lexer.next().map(|t| t.kind), Some(Kind::Comment));
    }

    #[test]
    fn numbers_odd_characters_and_unicode() {
        use Kind::*;
        assert_eq!(lex("12a"), [(Int, "12a")]);
        assert_eq!(lex("-x"), [(Unknown, "-"), (Ident, "x")]);
        assert_eq!(
            lex("é:\u{feff}"),
            [(Unknown, "é"), (Colon, ":"), (Unknown, "\u{feff}")]
        );
        assert_eq!(lex(""), []);
    }

    #[test]
    fn every_byte_is_in_exactly_one_token() {
        let src = "a { k = \"é🚀\\\" x\" # 💥\r\n\t[1, -2,]\r}\"open\n= . ü";
        let mut at = 0;
        for t in tokens(src) {
            assert_eq!(t.span.start, at);
            assert!(t.span.end > t.span.start);
            assert!(src.is_char_boundary(t.span.end));
            at = t.span.end;
        }
        assert_eq!(at, src.len());
    }
}
