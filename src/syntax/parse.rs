//! The parser: recursive descent over the lexer's tokens, for exactly the language of
//! `grammar/cache.pest`. It never stops at an error: it reports each one and goes on at the next entry.

use super::ast::{Attr, Entry, EnvValue, File, Item, Value, ValueKind};
use super::depth::{self, MAX_DEPTH};
use super::lex::{Kind, Lexer, Tok};
use super::report;
use crate::diag::Diag;
use crate::span::{Span, Spanned};

/// The tree of everything that parsed, and every syntax error. An item whose block lost entries to
/// an error is marked `broken`; a declaration whose head did not parse is left out.
pub fn parse_partial(src: &str) -> (File, Vec<Diag>) {
    let mut p = Parser::new(src);
    let items = p.file();
    (File { items }, p.diags)
}

/// The tree when the text has no syntax error, else every syntax error.
pub fn parse(src: &str) -> Result<File, Vec<Diag>> {
    let (file, diags) = parse_partial(src);
    if diags.is_empty() {
        Ok(file)
    } else {
        Err(diags)
    }
}

/// Everything that moves as the parser reads: saved and restored to read a stretch again.
#[derive(Clone)]
struct Cursor<'a> {
    lexer: Lexer<'a>,
    tok: Tok,
    /// The end of the token before `tok`.
    prev_end: usize,
    /// The token after `tok` and the lexer past it, once `peek` has read them.
    peeked: Option<(Tok, Lexer<'a>)>,
}

pub(super) struct Parser<'a> {
    pub src: &'a str,
    at: Cursor<'a>,
    pub diags: Vec<Diag>,
    depth: usize,
    /// Something in the current declaration was nested past the limit.
    too_deep: bool,
    /// The end of the file was reported as cutting a block short: the blocks around it, cut
    /// short by the same end, are not reported again.
    end_reported: bool,
    /// Tokens read so far, rereading included, and how many may be read before an unclosed block
    /// stops going back to its likely end: each going back rereads the rest of the file, so
    /// unclosed blocks nested in unclosed blocks would read it a number of times exponential in
    /// their depth.
    read: usize,
    reread_budget: usize,
}

/// A block's opener, for the error that says it is not closed.
struct Open<'a> {
    head: &'a str,
    brace: Span,
    column: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str) -> Self {
        let start = Tok {
            kind: None,
            span: Span::new(0, 0),
            line_start: true,
            column: 0,
        };
        let mut at = Cursor {
            lexer: Lexer::at(src, 0),
            tok: start,
            prev_end: 0,
            peeked: None,
        };
        at.tok = next_tok(&mut at.lexer, true, 0);
        Parser {
            src,
            at,
            diags: Vec::new(),
            depth: 0,
            too_deep: false,
            end_reported: false,
            read: 0,
            reread_budget: 8 * src.len() + 10_000,
        }
    }

    fn tok(&self) -> Tok {
        self.at.tok
    }

    fn kind(&self) -> Option<Kind> {
        self.at.tok.kind
    }

    fn text(&self, span: Span) -> &'a str {
        self.src.get(span.start..span.end).unwrap_or_default()
    }

    fn bump(&mut self) {
        self.read += 1;
        self.at.prev_end = self.at.tok.span.end;
        match self.at.peeked.take() {
            Some((tok, lexer)) => {
                self.at.tok = tok;
                self.at.lexer = lexer;
            }
            None => self.at.tok = next_tok(&mut self.at.lexer, false, self.at.prev_end),
        }
    }

    /// The significant token after the current one.
    fn peek(&mut self) -> Tok {
        if let Some((tok, _)) = &self.at.peeked {
            return *tok;
        }
        let mut lexer = self.at.lexer.clone();
        let tok = next_tok(&mut lexer, false, self.at.tok.span.end);
        self.at.peeked = Some((tok, lexer));
        tok
    }

    /// Goes on reading from `pos`, forgetting any token already read ahead.
    fn reset_lexer(&mut self, pos: usize) -> Tok {
        self.at.peeked = None;
        self.at.lexer = Lexer::at(self.src, pos);
        next_tok(&mut self.at.lexer, false, pos)
    }

    fn error(&mut self, diag: Diag) {
        self.diags.push(diag);
    }

    fn file(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        let mut parsed_any = false;
        loop {
            let start = self.tok();
            let errors = self.diags.len();
            let mut foreign = false;
            self.too_deep = false;
            match start.kind {
                None => return items,
                Some(Kind::Ident) => match self.item() {
                    // A declaration nested past the limit is left out whole, so that no stage
                    // after this one (nor an editor's outline) meets a tree that deep.
                    Some(_) if self.too_deep => {}
                    Some(item) => {
                        parsed_any |= !item.broken;
                        items.push(item);
                    }
                    None => foreign = self.skip_to_declaration(start.column),
                },
                Some(Kind::RBrace) => {
                    self.error(report::unmatched_brace(start.span));
                    self.bump();
                }
                Some(_) => {
                    self.error(report::expected_declaration(self.src, start));
                    foreign = start.kind == Some(Kind::Unknown);
                    self.bump();
                    foreign |= self.skip_to_declaration(start.column);
                }
            }
            if foreign && !parsed_any && self.kind().is_none() {
                // Nothing parsed, and characters the language has no use for: another language.
                self.diags.truncate(errors);
                self.error(report::foreign(start.span));
                items.clear();
            }
        }
    }

    /// Skips to the next line that starts a declaration at `column` or left of it; says whether
    /// it passed a character the language has no use for.
    fn skip_to_declaration(&mut self, column: usize) -> bool {
        let mut unknown = false;
        while let Some(kind) = self.kind() {
            let t = self.tok();
            if kind == Kind::Ident && t.line_start && t.column <= column && self.head_ahead() {
                break;
            }
            // `"a": 1` is JSON's, not this language's.
            unknown |= matches!(kind, Kind::Unknown | Kind::Colon);
            self.bump();
        }
        unknown
    }

    /// Whether the current identifier starts a declaration: `kind name, name {` or `kind {`.
    fn head_ahead(&self) -> bool {
        let mut lexer = self.at.lexer.clone();
        let mut t = next_tok(&mut lexer, false, 0);
        loop {
            match t.kind {
                Some(Kind::LBrace) => return true,
                Some(Kind::Ident | Kind::Str) => {
                    t = next_tok(&mut lexer, false, 0);
                    match t.kind {
                        Some(Kind::Comma) => t = next_tok(&mut lexer, false, 0),
                        Some(Kind::LBrace) => return true,
                        _ => return false,
                    }
                }
                _ => return false,
            }
        }
    }

    /// `ident ~ names? ~ block`, the current token being the identifier. `None` when the head
    /// (kind, names, `{`) does not parse; the error is reported and the caller recovers.
    fn item(&mut self) -> Option<Item> {
        let kind_tok = self.tok();
        let kind = self.spanned(kind_tok.span);
        self.bump();
        let mut names = Vec::new();
        // Where a name first stood on a line of its own: if no `{` follows, that line may be the
        // next declaration rather than more names of this one.
        let mut first_break: Option<(Cursor<'a>, usize, usize)> = None;
        while let Some(Kind::Ident | Kind::Str | Kind::OpenStr) = self.kind() {
            if self.tok().line_start && first_break.is_none() {
                first_break = Some((self.at.clone(), names.len(), self.diags.len()));
            }
            names.push(self.name());
            if self.kind() != Some(Kind::Comma) {
                break;
            }
            let comma = self.tok();
            self.bump();
            if !matches!(self.kind(), Some(Kind::Ident | Kind::Str | Kind::OpenStr)) {
                self.error(report::expected_name(self.src, comma.span, self.tok()));
                return None;
            }
        }
        if self.kind() != Some(Kind::LBrace) {
            if let Some((cursor, kept, errors)) = first_break {
                let here = std::mem::replace(&mut self.at, cursor);
                if self.kind() == Some(Kind::Ident) && self.head_ahead() {
                    names.truncate(kept);
                    self.diags.truncate(errors);
                } else {
                    self.at = here;
                }
            }
            let head = Span::new(kind_tok.span.start, self.at.prev_end);
            self.error(report::expected_brace(
                self.src,
                head,
                names.is_empty(),
                self.tok(),
            ));
            return None;
        }
        let open = Open {
            head: self.text(Span::new(kind_tok.span.start, self.at.prev_end)),
            brace: self.tok().span,
            column: if kind_tok.line_start {
                kind_tok.column
            } else {
                column_of(self.src, kind_tok.span.start)
            },
        };
        let (entries, broken, end) = self.block(&open);
        Some(Item {
            kind,
            names,
            entries,
            span: Span::new(kind_tok.span.start, end),
            broken,
        })
    }

    fn spanned(&self, span: Span) -> Spanned<String> {
        Spanned::new(self.text(span).to_string(), span)
    }

    /// A name: an identifier or a string (an unclosed one is reported and kept).
    fn name(&mut self) -> Spanned<String> {
        let t = self.tok();
        self.bump();
        match t.kind {
            Some(Kind::Str) => Spanned::new(unescape(self.text(inner(t.span, 1))), t.span),
            Some(Kind::OpenStr) => {
                let (text, span) = self.open_string(t.span);
                Spanned::new(text, span)
            }
            _ => self.spanned(t.span),
        }
    }

    /// A string without its closing quote, just read: reported, and when it ends in brackets,
    /// commas and blanks (`"us-east-1 }`), the quote most likely belonged before them, so the
    /// string ends there and reading goes on with them.
    fn open_string(&mut self, span: Span) -> (String, Span) {
        self.error(report::open_string(span));
        let raw = self.text(span);
        let kept = raw.trim_end_matches([' ', '\t', '{', '}', '[', ']', ',']);
        let closers = raw.get(kept.len()..).unwrap_or_default();
        let cut = span.start + kept.len().max(1);
        if closers.trim().is_empty() || kept.ends_with('\\') {
            return (unescape(self.text(inner(span, 0))), span);
        }
        self.at.prev_end = cut;
        self.at.tok = self.reset_lexer(cut);
        let span = Span::new(span.start, cut);
        (unescape(self.text(inner(span, 0))), span)
    }

    /// Enters a block or list; past the limit, reports it, skips to its end and says no.
    fn enter(&mut self) -> bool {
        if self.depth < MAX_DEPTH {
            self.depth += 1;
            return true;
        }
        self.error(depth::too_deep(self.tok().span));
        self.too_deep = true;
        self.skip_nested();
        false
    }

    /// From an opening `{` or `[`, past its matching closer (or to the end), without recursion.
    fn skip_nested(&mut self) {
        let mut level = 0usize;
        while let Some(kind) = self.kind() {
            match kind {
                Kind::LBrace | Kind::LBracket => level += 1,
                Kind::RBrace | Kind::RBracket => level = level.saturating_sub(1),
                _ => {}
            }
            self.bump();
            if level == 0 {
                return;
            }
        }
    }

    /// `"{" ~ entry* ~ "}"` from the `{`: the entries, whether any was lost, and the end.
    fn block(&mut self, open: &Open) -> (Vec<Entry>, bool, usize) {
        if !self.enter() {
            return (Vec::new(), true, self.at.prev_end);
        }
        self.bump();
        let mut entries = Vec::new();
        let mut broken = false;
        // The first line inside the block that looks like a declaration standing outside it:
        // if the block turns out never to be closed, it was most likely meant to end there.
        let mut suspect: Option<(Cursor<'a>, usize, usize)> = None;
        let end = loop {
            let t = self.tok();
            match t.kind {
                Some(Kind::RBrace) => {
                    self.bump();
                    break t.span.end;
                }
                None => {
                    let may_reread = self.read <= self.reread_budget;
                    if let Some((cursor, kept, errors)) = suspect.take().filter(|_| may_reread) {
                        entries.truncate(kept);
                        self.diags.truncate(errors);
                        self.at = cursor;
                        self.end_reported = false;
                        self.error(report::unclosed_before(open.head, open.brace, self.tok()));
                    } else if !self.end_reported && !self.too_deep {
                        self.end_reported = true;
                        self.error(report::unclosed(open.head, open.brace, self.at.prev_end));
                    }
                    break self.at.prev_end;
                }
                Some(Kind::Ident) => {
                    if suspect.is_none()
                        && t.line_start
                        && t.column <= open.column
                        && self.head_ahead()
                    {
                        suspect = Some((self.at.clone(), entries.len(), self.diags.len()));
                    }
                    match self.entry() {
                        Some(entry) => entries.push(entry),
                        None => {
                            broken = true;
                            self.skip_to_entry();
                        }
                    }
                }
                // `"cost-center" = "42"`: a quoted key, for keys an identifier cannot spell.
                Some(Kind::Str) if self.peek().kind == Some(Kind::Eq) => {
                    self.bump();
                    let eq = self.tok();
                    self.bump();
                    match self.attr_value(t.span, eq.span) {
                        Some(value) => entries.push(self.attr(t.span, value)),
                        None => {
                            broken = true;
                            self.skip_to_entry();
                        }
                    }
                }
                Some(_) => {
                    // `key = allkeys-lru`: a word with `-` in it, unquoted.
                    let glued = t.span.start == self.at.prev_end
                        && self.text(t.span) == "-"
                        && self
                            .src
                            .as_bytes()
                            .get(t.span.start.wrapping_sub(1))
                            .copied()
                            .is_some_and(super::lex::ident_char);
                    self.error(match glued {
                        true => report::dashed_value(t.span),
                        false => report::expected_entry(self.src, t),
                    });
                    broken = true;
                    self.bump();
                    self.skip_to_entry();
                }
            }
        };
        self.depth -= 1;
        (entries, broken, end)
    }

    /// Skips to the next line that starts with an identifier, or to the `}` of this block.
    fn skip_to_entry(&mut self) {
        let mut level = 0usize;
        while let Some(kind) = self.kind() {
            let t = self.tok();
            match kind {
                Kind::RBrace if level == 0 => return,
                Kind::Ident if level == 0 && t.line_start => return,
                Kind::LBrace => level += 1,
                Kind::RBrace => level -= 1,
                _ => {}
            }
            self.bump();
        }
    }

    /// The lexer past the current identifier and the `-ident` parts glued to it (the grammar's
    /// `key`), and where they end.
    fn joined(&self) -> (Lexer<'a>, usize) {
        let mut lexer = self.at.lexer.clone();
        let mut end = self.at.tok.span.end;
        while self.src.as_bytes().get(end) == Some(&b'-') {
            let mut ahead = lexer.clone();
            match (ahead.next(), ahead.next()) {
                (Some(dash), Some(part))
                    if dash.kind == Kind::Unknown
                        && part.kind == Kind::Ident
                        && part.span.start == end + 1 =>
                {
                    end = part.span.end;
                    lexer = ahead;
                }
                _ => break,
            }
        }
        (lexer, end)
    }

    /// Makes the current identifier one token with the `-ident` parts glued to it; says whether
    /// there were any.
    fn join_key(&mut self) -> bool {
        let (lexer, end) = self.joined();
        if end == self.at.tok.span.end {
            return false;
        }
        self.at.lexer = lexer;
        self.at.peeked = None;
        self.at.tok.span = Span::new(self.at.tok.span.start, end);
        true
    }

    /// Whether the current identifier starts `key =`.
    fn key_ahead(&self) -> bool {
        let (mut lexer, end) = self.joined();
        next_tok(&mut lexer, false, end).kind == Some(Kind::Eq)
    }

    /// `attr | item` from the identifier. `None` when it does not parse (reported).
    fn entry(&mut self) -> Option<Entry> {
        // Only a key may hold `-`: a block's kind may not.
        let dashed = self.join_key();
        let key = self.tok();
        let next = self.peek();
        match next.kind {
            Some(Kind::Eq) => {
                self.bump();
                let eq = self.tok();
                self.bump();
                let value = self.attr_value(key.span, eq.span)?;
                Some(self.attr(key.span, value))
            }
            Some(Kind::LBrace) if !dashed => self.item().map(Entry::Item),
            Some(Kind::Ident | Kind::Str) if !dashed && self.head_ahead() => {
                self.item().map(Entry::Item)
            }
            // `key value` on one line: the `=` is missing. Say so there and read the value.
            Some(
                Kind::Ident
                | Kind::Str
                | Kind::OpenStr
                | Kind::Int
                | Kind::LBracket
                | Kind::Colon
                | Kind::Unknown,
            ) if !next.line_start => {
                self.bump();
                let colon = next.kind == Some(Kind::Colon);
                self.error(report::missing_eq(self.src, key.span, next, colon));
                if next.kind == Some(Kind::Unknown) {
                    return None;
                }
                if colon {
                    let eq = self.tok();
                    self.bump();
                    let value = self.value(key.span, eq.span)?;
                    return Some(self.attr(key.span, value));
                }
                let value = self.value(key.span, key.span)?;
                Some(self.attr(key.span, value))
            }
            _ if dashed => {
                self.bump();
                self.error(report::missing_eq(self.src, key.span, next, false));
                None
            }
            _ => {
                self.bump();
                self.error(report::lone_key(self.src, key.span, next));
                None
            }
        }
    }

    /// The attribute `key = value`; a quoted key is its string's text.
    fn attr(&self, at: Span, value: Value) -> Entry {
        let key = match self.text(at).starts_with('"') {
            true => Spanned::new(unescape(self.text(inner(at, 1))), at),
            false => self.spanned(at),
        };
        Entry::Attr(Attr {
            key,
            span: Span::new(at.start, value.span.end),
            value,
        })
    }

    /// `per_env | value` after `key =`: a value per environment opens with `{`.
    fn attr_value(&mut self, key: Span, eq: Span) -> Option<Value> {
        if self.kind() != Some(Kind::LBrace) {
            return self.value(key, eq);
        }
        let open = self.tok().span;
        if !self.enter() {
            return None;
        }
        self.bump();
        let mut values = Vec::new();
        let done = loop {
            let t = self.tok();
            match t.kind {
                Some(Kind::RBrace) => {
                    self.bump();
                    break true;
                }
                Some(Kind::Ident) => {}
                _ => {
                    self.error(report::expected_env(self.src, open, t));
                    break false;
                }
            }
            let env = self.spanned(t.span);
            self.bump();
            if self.kind() != Some(Kind::Colon) {
                self.error(report::expected_colon(self.src, env.span, self.tok()));
                break false;
            }
            let colon = self.tok().span;
            self.bump();
            match self.value(env.span, colon) {
                Some(value) => values.push(EnvValue { env, value }),
                None => break false,
            }
            match self.kind() {
                Some(Kind::Comma) => self.bump(),
                Some(Kind::RBrace) => {}
                _ => {
                    self.error(report::expected_env_comma(self.src, open, self.tok()));
                    break false;
                }
            }
        };
        self.depth -= 1;
        if !done {
            self.skip_per_env();
            return None;
        }
        Some(Value {
            kind: ValueKind::PerEnv(values),
            span: Span::new(open.start, self.at.prev_end),
        })
    }

    /// After an error in a value per environment: past its `}`, or up to the next entry.
    fn skip_per_env(&mut self) {
        let mut level = 0usize;
        while let Some(kind) = self.kind() {
            let t = self.tok();
            match kind {
                Kind::RBrace if level == 0 => {
                    self.bump();
                    return;
                }
                Kind::Ident if t.line_start && self.key_ahead() => return,
                Kind::Ident if t.line_start && self.head_ahead() => return,
                Kind::LBrace | Kind::LBracket => level += 1,
                Kind::RBrace | Kind::RBracket => level = level.saturating_sub(1),
                _ => {}
            }
            self.bump();
        }
    }

    /// `string | integer | boolean | list | path` at the current token, after `key =` (`eq`).
    fn value(&mut self, key: Span, eq: Span) -> Option<Value> {
        let t = self.tok();
        let kind = match t.kind {
            Some(Kind::Str) => {
                self.bump();
                ValueKind::Str(unescape(self.text(inner(t.span, 1))))
            }
            Some(Kind::OpenStr) => {
                self.bump();
                ValueKind::Str(self.open_string(t.span).0)
            }
            Some(Kind::Int) => {
                self.bump();
                match report::integer(self.text(t.span), t.span) {
                    Ok(n) => ValueKind::Int(n),
                    Err(diag) => {
                        self.error(diag);
                        return None;
                    }
                }
            }
            Some(Kind::LBracket) => ValueKind::List(self.list(key, eq)?),
            // `key =` at the end of a line, and the next line's `other = ...`: the value is missing.
            Some(Kind::Ident) if t.line_start && self.key_ahead() => {
                self.error(report::expected_value(self.src, key, eq, t));
                return None;
            }
            Some(Kind::Ident) => match self.text(t.span) {
                "true" => {
                    self.bump();
                    ValueKind::Bool(true)
                }
                "false" => {
                    self.bump();
                    ValueKind::Bool(false)
                }
                _ => ValueKind::Path(self.path()),
            },
            _ => {
                self.error(report::expected_value(self.src, key, eq, t));
                return None;
            }
        };
        Some(Value {
            kind,
            span: Span::new(t.span.start, self.at.prev_end),
        })
    }

    /// `ident ~ ("." ~ ident)*` with nothing between the parts.
    fn path(&mut self) -> Vec<Spanned<String>> {
        let mut parts = vec![self.spanned(self.tok().span)];
        let bytes = self.src.as_bytes();
        while bytes.get(self.at.tok.span.end) == Some(&b'.') {
            let mut lexer = self.at.lexer.clone();
            let (Some(dot), Some(ident)) = (lexer.next(), lexer.next()) else {
                break;
            };
            if dot.kind != Kind::Dot || ident.kind != Kind::Ident {
                break;
            }
            self.at.lexer = lexer;
            self.at.peeked = None;
            parts.push(self.spanned(ident.span));
            self.at.tok.span = ident.span;
        }
        self.bump();
        parts
    }

    /// `"[" ~ (value ~ ("," ~ value)* ~ ","?)? ~ "]"` from the `[`.
    fn list(&mut self, key: Span, eq: Span) -> Option<Vec<Value>> {
        let open = self.tok().span;
        if !self.enter() {
            return None;
        }
        self.bump();
        let mut items = Vec::new();
        let done = loop {
            if self.kind() == Some(Kind::RBracket) {
                self.bump();
                break true;
            }
            match self.value(key, eq) {
                Some(v) => items.push(v),
                None => break false,
            }
            match self.kind() {
                Some(Kind::Comma) => self.bump(),
                Some(Kind::RBracket) => {}
                _ => {
                    self.error(report::expected_comma(self.src, open, self.tok()));
                    break false;
                }
            }
        };
        self.depth -= 1;
        if done {
            return Some(items);
        }
        self.skip_list();
        None
    }

    /// After an error in a list: past its `]`, or up to where the next entry or the block's end is.
    fn skip_list(&mut self) {
        let mut level = 0usize;
        while let Some(kind) = self.kind() {
            let t = self.tok();
            match kind {
                Kind::RBracket if level == 0 => {
                    self.bump();
                    return;
                }
                Kind::RBrace | Kind::LBrace => return,
                Kind::Ident if t.line_start && self.key_ahead() => {
                    return;
                }
                Kind::LBracket => level += 1,
                Kind::RBracket => level -= 1,
                _ => {}
            }
            self.bump();
        }
    }
}

/// The next significant token, noting whether a line break came first.
fn next_tok(lexer: &mut Lexer, mut line_start: bool, mut line_begin: usize) -> Tok {
    loop {
        if let Some(begin) = lexer.skip_blanks() {
            line_start = true;
            line_begin = begin;
        }
        match lexer.next() {
            Some(t) if t.kind == Kind::Comment => {}
            Some(t) => {
                return Tok {
                    kind: Some(t.kind),
                    span: t.span,
                    line_start,
                    column: if line_start {
                        t.span.start - line_begin
                    } else {
                        0
                    },
                };
            }
            None => {
                let end = lexer.pos();
                return Tok {
                    kind: None,
                    span: Span::new(end, end),
                    line_start,
                    column: 0,
                };
            }
        }
    }
}

/// The byte column of `at` in its line.
fn column_of(src: &str, at: usize) -> usize {
    let before = src.get(..at).unwrap_or_default();
    at - before.rfind(['\n', '\r']).map_or(0, |i| i + 1)
}

/// A string token's text between its quotes; `close` is 1 when it has its closing quote.
fn inner(span: Span, close: usize) -> Span {
    Span::new(
        (span.start + 1).min(span.end),
        span.end.saturating_sub(close).max(span.start + 1),
    )
}

/// Text written between quotes, with escapes resolved; unknown escapes keep the escaped char.
pub fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::line_col;

    /// Each error as (zero-based line of its primary label, message).
    fn errors(src: &str) -> Vec<(usize, String)> {
        let (_, diags) = parse_partial(src);
        diags
            .iter()
            .map(|d| (line_col(src, d.primary_span().start).0, d.message.clone()))
            .collect()
    }

    fn kinds(src: &str) -> Vec<String> {
        let (file, _) = parse_partial(src);
        file.items.iter().map(|i| i.kind.value.clone()).collect()
    }

    #[test]
    fn parses_items_attrs_and_values() {
        let file =
            parse("a x, \"y\" { k = \"v\\n\" n = -3 b = true r = c.port l = [p, 1,] inner { } }")
                .expect("parses");
        let item = &file.items[0];
        assert_eq!(item.kind.value, "a");
        let names: Vec<&str> = item.names.iter().map(|n| n.value.as_str()).collect();
        assert_eq!(names, ["x", "y"]);
        assert_eq!(item.entries.len(), 6);
        let Entry::Attr(k) = &item.entries[0] else {
            panic!("attr")
        };
        assert_eq!(k.value.kind, ValueKind::Str("v\n".into()));
        let Entry::Attr(r) = &item.entries[3] else {
            panic!("attr")
        };
        let ValueKind::Path(path) = &r.value.kind else {
            panic!("path")
        };
        assert_eq!(path.len(), 2);
        assert!(!item.broken);
    }

    #[test]
    fn a_missing_equals_sign_is_reported_on_its_line_and_the_value_kept() {
        let src = "replication_group cache {\n  node_type \"cache.t4g.micro\"\n  parameter_group = \"x\"\n}\n";
        assert_eq!(
            errors(src),
            [(1, "expected `=` after `node_type`".to_string())]
        );
        let (file, _) = parse_partial(src);
        assert_eq!(file.items[0].entries.len(), 2);
        assert_eq!(
            errors("a { k: 1 }"),
            [(0, "expected `=` after `k`, found `:`".into())]
        );
    }

    #[test]
    fn keys_may_hold_dashes_and_kinds_may_not() {
        let file = parse("parameters { maxmemory-policy = \"allkeys-lru\" timeout = 300 }")
            .expect("parses");
        let Entry::Attr(policy) = &file.items[0].entries[0] else {
            panic!("attr")
        };
        assert_eq!(policy.key.value, "maxmemory-policy");
        assert_eq!(policy.key.span, Span::new(13, 29));
        assert_eq!(
            errors("a { k-x { } }"),
            [(0, "expected `=` after `k-x`".into())]
        );
        assert_eq!(errors("a { k =\nm-n = 1 }").len(), 1);
    }

    #[test]
    fn an_unclosed_block_points_at_its_brace_and_at_the_end() {
        let src = "stack \"s\" {}\nnetwork vpc {\n  cidr = \"10.0.0.0/16\"\n";
        let (file, diags) = parse_partial(src);
        assert_eq!(diags.len(), 1);
        let d = &diags[0];
        assert_eq!(d.message, "the block of `network vpc` is not closed");
        let end = src.trim_end().len();
        assert_eq!(d.primary_span(), Span::new(end, end), "after the last line");
        let brace = src.find("{\n").unwrap();
        assert!(
            d.labels
                .iter()
                .any(|l| !l.primary && l.span == Span::new(brace, brace + 1))
        );
        assert_eq!(file.items[1].entries.len(), 1);
    }

    #[test]
    fn unclosed_blocks_in_unclosed_blocks_are_read_a_bounded_number_of_times() {
        // Each unclosed block went back to the line after its head and read the rest again:
        // 22 of them took seconds, 40 would never end (found by fuzzing).
        let src: String = (0..40).map(|i| format!("x{i} y {{\n")).collect();
        let mut p = Parser::new(&src);
        p.file();
        assert!(
            p.read <= p.reread_budget + src.len(),
            "{} tokens read",
            p.read
        );
        let shallow: String = (0..3).map(|i| format!("x{i} y {{\n")).collect();
        assert_eq!(
            errors(&shallow).len(),
            3,
            "each block still ends before the next"
        );
    }

    #[test]
    fn blocks_cut_short_by_the_end_of_the_file_are_one_error() {
        assert_eq!(
            errors("a { b { c { k = 1"),
            [(0, "the block of `c` is not closed".into())]
        );
        let deep = "a { ".repeat(1000);
        assert_eq!(errors(&deep).len(), 1, "only the nesting is reported");
    }

    #[test]
    fn a_block_left_open_ends_before_the_next_declaration_in_its_column() {
        let src = "network vpc {\n  subnet a { zone = \"a\" }\nlayer l { runtime = \"x\" }\n";
        assert_eq!(
            errors(src),
            [(
                2,
                "the block of `network vpc` is not closed before this declaration".into()
            )]
        );
        assert_eq!(kinds(src), ["network", "layer"]);
    }

    #[test]
    fn three_broken_declarations_give_three_errors_and_the_rest_parses() {
        let src = "stack \"s\" { region = }\nnetwork vpc {\n  cidr \"10.0.0.0/16\"\n}\nlayer l { runtime = [\"a\" \"b\"] }\ninstance i { subnet = a }\n";
        let lines: Vec<usize> = errors(src).into_iter().map(|(l, _)| l).collect();
        assert_eq!(lines, [0, 2, 4]);
        assert_eq!(kinds(src), ["stack", "network", "layer", "instance"]);
        let (file, _) = parse_partial(src);
        let broken: Vec<bool> = file.items.iter().map(|i| i.broken).collect();
        assert_eq!(broken, [true, false, true, false]);
    }

    #[test]
    fn a_string_left_open_before_a_closing_brace_ends_there() {
        let src = "stack \"s\" { region = \"us-east-1 }\nlayer l { runtime = \"x\" }\n";
        assert_eq!(errors(src), [(0, "the string is not closed".into())]);
        let (file, _) = parse_partial(src);
        let Entry::Attr(region) = &file.items[0].entries[0] else {
            panic!("an attribute")
        };
        assert_eq!(region.value.kind, ValueKind::Str("us-east-1".into()));
        assert_eq!(kinds(src), ["stack", "layer"]);
    }

    #[test]
    fn another_language_is_one_error() {
        let python = "import os\n\ndef handler(event, context):\n    return {\"ok\": 1}\n";
        assert_eq!(
            errors(python),
            [(0, "this does not look like a .cache program".into())]
        );
        assert_eq!(errors("{\"a\": 1}").len(), 1);
        assert!(kinds(python).is_empty());
    }

    #[test]
    fn a_head_without_braces_does_not_swallow_the_next_declaration() {
        let src = "stack \"s\"\nnetwork vpc { cidr = \"x\" }\n";
        assert_eq!(
            errors(src),
            [(
                0,
                "expected `{` after `stack \"s\"`, found `network`".into()
            )]
        );
        assert_eq!(kinds(src), ["network"]);
        assert_eq!(errors("} a { }"), [(0, "unmatched `}`".into())]);
    }

    #[test]
    fn every_prefix_of_a_program_parses_without_panicking() {
        let src = crate::generate::program(3, 1, 1).source;
        for end in (0..=src.len()).filter(|e| src.is_char_boundary(*e)) {
            let (_, diags) = parse_partial(&src[..end]);
            for d in diags {
                assert!(d.primary_span().end <= end, "{d:?}");
                assert!(!d.help.is_empty());
            }
        }
    }
}
