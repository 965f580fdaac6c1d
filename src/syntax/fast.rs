//! A hand-written parser for exactly the language of `grammar/cache.pest`, many times faster than
//! pest on large files. It only accepts: on any input it rejects, pest parses and reports the error.

use super::ast::{Attr, Entry, File, Item, Value, ValueKind};
use crate::span::{Span, Spanned};

// `parse` checks the nesting depth before calling this; the guard here keeps the recursion
// bounded even if this parser is called on its own.
use super::depth::MAX_DEPTH;
use super::unescape::unescape;

/// The AST of `src` when it is a valid program, else `None`.
pub fn parse(src: &str) -> Option<File> {
    let mut p = Parser {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let mut items = Vec::new();
    p.skip();
    while p.pos < p.bytes.len() {
        items.push(p.item()?);
        p.skip();
    }
    Some(File { items })
}

struct Parser<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

fn ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    /// pest's implicit `(WHITESPACE | COMMENT)*`; a comment ends before `\n` or `\r`.
    fn skip(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' => {
                    while self.peek().is_some_and(|c| c != b'\n' && c != b'\r') {
                        self.pos += 1;
                    }
                }
                _ => return,
            }
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek() == Some(b)).then(|| self.pos += 1)
    }

    fn text(&self, start: usize) -> Option<Spanned<String>> {
        let text = self.src.get(start..self.pos)?;
        Some(Spanned::new(text.to_string(), Span::new(start, self.pos)))
    }

    fn ident(&mut self) -> Option<Spanned<String>> {
        let start = self.pos;
        self.peek().filter(|b| ident_start(*b))?;
        while self.peek().is_some_and(ident_char) {
            self.pos += 1;
        }
        self.text(start)
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// `ident ~ names? ~ block`
    fn item(&mut self) -> Option<Item> {
        self.enter()?;
        let start = self.pos;
        let kind = self.ident()?;
        self.skip();
        let mut names = Vec::new();
        if self.peek() != Some(b'{') {
            names.push(self.name()?);
            loop {
                self.skip();
                if self.eat(b',').is_none() {
                    break;
                }
                self.skip();
                names.push(self.name()?);
            }
        }
        self.eat(b'{')?;
        let mut entries = Vec::new();
        loop {
            self.skip();
            if self.eat(b'}').is_some() {
                break;
            }
            entries.push(self.entry()?);
        }
        self.depth -= 1;
        Some(Item {
            kind,
            names,
            entries,
            span: Span::new(start, self.pos),
        })
    }

    fn name(&mut self) -> Option<Spanned<String>> {
        if self.peek() == Some(b'"') {
            let (text, span) = self.string()?;
            Some(Spanned::new(text, span))
        } else {
            self.ident()
        }
    }

    /// `attr | item`: an identifier followed by `=` is an attribute.
    fn entry(&mut self) -> Option<Entry> {
        let start = self.pos;
        let key = self.ident()?;
        self.skip();
        if self.eat(b'=').is_none() {
            self.pos = start;
            return self.item().map(Entry::Item);
        }
        self.skip();
        let value = self.value()?;
        Some(Entry::Attr(Attr {
            key,
            span: Span::new(start, value.span.end),
            value,
        }))
    }

    /// `string | integer | boolean | list | path`, tried in that order.
    fn value(&mut self) -> Option<Value> {
        let start = self.pos;
        let kind = match self.peek()? {
            b'"' => ValueKind::Str(self.string()?.0),
            b'-' | b'0'..=b'9' => ValueKind::Int(self.integer()?),
            b'[' => ValueKind::List(self.list()?),
            _ => match self.boolean() {
                Some(b) => ValueKind::Bool(b),
                None => ValueKind::Path(self.path()?),
            },
        };
        Some(Value {
            kind,
            span: Span::new(start, self.pos),
        })
    }

    /// The unescaped text between the quotes and the span with them; a raw line break ends nothing.
    fn string(&mut self) -> Option<(String, Span)> {
        let start = self.pos;
        self.eat(b'"')?;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    self.peek_at(1)?;
                    self.pos += 2;
                }
                b'\n' | b'\r' => return None,
                _ => self.pos += 1,
            }
        }
        self.pos += 1;
        let raw = self.src.get(start + 1..self.pos - 1)?;
        Some((unescape(raw), Span::new(start, self.pos)))
    }

    /// `"-"? ~ ASCII_DIGIT+ ~ !ident_char`; too large a number goes to pest for its diagnostic.
    fn integer(&mut self) -> Option<i64> {
        let start = self.pos;
        let _ = self.eat(b'-');
        let digits = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        if self.pos == digits || self.peek().is_some_and(ident_char) {
            return None;
        }
        self.src.get(start..self.pos)?.parse().ok()
    }

    /// `("true" | "false") ~ !ident_char`, leaving the position alone when it does not match.
    fn boolean(&mut self) -> Option<bool> {
        let rest = self.bytes.get(self.pos..)?;
        let (value, len) = if rest.starts_with(b"true") {
            (true, 4)
        } else if rest.starts_with(b"false") {
            (false, 5)
        } else {
            return None;
        };
        if rest.get(len).copied().is_some_and(ident_char) {
            return None;
        }
        self.pos += len;
        Some(value)
    }

    /// `ident ~ ("." ~ ident)*` with nothing between the parts.
    fn path(&mut self) -> Option<Vec<Spanned<String>>> {
        let mut parts = vec![self.ident()?];
        while self.peek() == Some(b'.') && self.peek_at(1).is_some_and(ident_start) {
            self.pos += 1;
            parts.push(self.ident()?);
        }
        Some(parts)
    }

    /// `"[" ~ (value ~ ("," ~ value)* ~ ","?)? ~ "]"`
    fn list(&mut self) -> Option<Vec<Value>> {
        self.enter()?;
        self.eat(b'[')?;
        self.skip();
        let mut items = Vec::new();
        if self.peek() != Some(b']') {
            items.push(self.value()?);
            loop {
                self.skip();
                if self.eat(b',').is_none() {
                    break;
                }
                self.skip();
                if self.peek() == Some(b']') {
                    break;
                }
                items.push(self.value()?);
            }
        }
        self.eat(b']')?;
        self.depth -= 1;
        Some(items)
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse::pest_parse;
    use super::*;

    /// The fast parser accepts exactly what pest accepts, with the same tree.
    fn agree(src: &str) {
        // `parse` bounds the nesting before either parser runs; past it they need not agree.
        if super::super::depth::check(src).is_err() {
            return;
        }
        match (parse(src), pest_parse(src)) {
            (Some(fast), Ok(pest)) => assert_eq!(fast, pest, "different trees for {src:?}"),
            (None, Err(_)) => {}
            (Some(_), Err(e)) => panic!("fast accepts what pest rejects ({}): {src:?}", e.message),
            (None, Ok(_)) => panic!("fast rejects what pest accepts: {src:?}"),
        }
    }

    fn corpus() -> Vec<String> {
        let root = env!("CARGO_MANIFEST_DIR");
        let mut texts: Vec<String> = std::fs::read_dir(format!("{root}/tests/ui"))
            .expect("UI tests")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "cache"))
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .collect();
        texts.push(
            std::fs::read_to_string(format!("{root}/examples/fa-063/stack.cache"))
                .expect("the example"),
        );
        texts.extend((0..6).map(|seed| crate::generate::program(seed, 2, 2).source));
        texts
    }

    #[test]
    fn agrees_with_pest_on_programs_and_edge_cases() {
        for text in corpus() {
            agree(&text);
        }
        for text in [
            "",
            "# only a comment",
            "a{}",
            "a x,\"y\\\"z\" { k = \"\\\\\" }",
            "a { k = [] l = [1,] m = [a.b, \"c\", -3, true, false] }",
            "a { k = truex f = false_ n = -0 p = a.b.c q = a. }",
            "a { k = true.x }",
            "a { k = 12a }",
            "a { k = - }",
            "a { k = \"line\nbreak\" }",
            "a { k = \"cr\rhere\" }",
            "a { k = \"escaped\\\nbreak\" }",
            "a { k = 99999999999999999999 }",
            "a { b { c { } } d = 1 }",
            "a x, { }",
            "a { k = [,] }",
            "a { k = [1 2] }",
            "a { k == 1 }",
            "a # c\r{ k = 1 #\r\n}",
            "a { k = \"é\" ü = 1 }",
            "1a { }",
            "a { k = \"unterminated }",
            "a { k = 1 ",
            "a } ",
        ] {
            agree(text);
        }
    }

    /// Thousands of small edits of real programs, each judged by pest.
    #[test]
    fn agrees_with_pest_on_mutations() {
        const PIECES: &[&str] = &[
            " ", "\n", "\r", "\t", "#", "\"", "\\", "{", "}", "[", "]", ",", "=", ".", "-", "0",
            "9", "a", "_", "true", "false", "é",
        ];
        let mut state: u64 = 0x5eed;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % n.max(1)
        };
        for base in corpus().iter().filter(|t| t.len() < 5_000) {
            for _ in 0..300 {
                let mut text = base.clone();
                for _ in 0..1 + next(3) {
                    let mut at = next(text.len() + 1);
                    while !text.is_char_boundary(at) {
                        at -= 1;
                    }
                    match next(3) {
                        0 => text.insert_str(at, PIECES[next(PIECES.len())]),
                        1 => {
                            let end = (at + 1 + next(4)).min(text.len());
                            if let Some(range) = (at..=end)
                                .rev()
                                .find(|e| text.is_char_boundary(*e))
                                .map(|e| at..e)
                            {
                                text.replace_range(range, "");
                            }
                        }
                        _ => {
                            let end = (at + next(8)).min(text.len());
                            if let Some(piece) = text.get(at..end).map(str::to_string) {
                                text.insert_str(at, &piece);
                            }
                        }
                    }
                }
                agree(&text);
            }
        }
    }
}
