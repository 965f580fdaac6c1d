//! The AST with its comments attached: each comment becomes a line of its own in a block or list,
//! the header comment after an opening `{` or `[`, or the trailing comment of one entry or element.

use crate::span::Span;
use crate::syntax::Comment;
use crate::syntax::ast::{Attr, Entry, File, Item, Value, ValueKind};
use crate::syntax::lex::{Kind, Lexer};

/// The inside of a block (or the whole file): a comment on the `{` line, then the entries.
#[derive(Debug)]
pub struct Block<'a> {
    pub header: Option<&'a str>,
    pub body: Vec<Elem<'a>>,
}

/// One entry or comment line of a block.
#[derive(Debug)]
pub struct Elem<'a> {
    /// A blank line stood before it in the source.
    pub blank: bool,
    /// The comment after it on its last line.
    pub trailing: Option<&'a str>,
    pub kind: ElemKind<'a>,
}

#[derive(Debug)]
pub enum ElemKind<'a> {
    Comment(&'a str),
    Attr(&'a Attr, Val<'a>),
    Item(&'a Item, Block<'a>),
}

/// A value; only lists can hold comments.
#[derive(Debug)]
pub enum Val<'a> {
    Scalar(&'a Value),
    List(List<'a>),
}

#[derive(Debug)]
pub struct List<'a> {
    pub header: Option<&'a str>,
    pub elems: Vec<ListElem<'a>>,
}

#[derive(Debug)]
pub enum ListElem<'a> {
    Comment(&'a str),
    /// An element and the comment after it on its line.
    Value(Val<'a>, Option<&'a str>),
}

/// Attaches `comments` (in source order, as `syntax::comments` returns them) to `file`'s entries.
pub fn attach<'a>(src: &'a str, file: &'a File, comments: &'a [Comment]) -> Block<'a> {
    let cx = Cx { src, comments };
    let items: Vec<&Item> = file.items.iter().collect();
    let children: Vec<Child> = items.into_iter().map(Child::Item).collect();
    cx.block(Span::new(0, src.len()), &children, After::Comment)
}

#[derive(Clone, Copy)]
enum Child<'a> {
    Item(&'a Item),
    Attr(&'a Attr),
}

impl<'a> Child<'a> {
    fn of(entry: &'a Entry) -> Self {
        match entry {
            Entry::Item(i) => Child::Item(i),
            Entry::Attr(a) => Child::Attr(a),
        }
    }

    fn span(&self) -> Span {
        match self {
            Child::Item(i) => i.span,
            Child::Attr(a) => a.span,
        }
    }
}

/// What the last thing seen in a container was: its opening bracket, an entry, or a comment.
#[derive(Clone, Copy, PartialEq, Eq)]
enum After {
    Open,
    Child,
    Comment,
}

struct Cx<'a> {
    src: &'a str,
    comments: &'a [Comment],
}

impl<'a> Cx<'a> {
    /// The comments that start inside `span`.
    fn within(&self, span: Span) -> &'a [Comment] {
        let from = self.comments.partition_point(|c| c.span.start < span.start);
        let to = self.comments.partition_point(|c| c.span.start < span.end);
        self.comments.get(from..to).unwrap_or_default()
    }

    fn breaks(&self, from: usize, to: usize) -> usize {
        line_breaks(self.src, from, to)
    }

    /// A block's inside spanning `region`, whose direct entries are `children`.
    fn block(&self, region: Span, children: &[Child<'a>], start: After) -> Block<'a> {
        let mut block = Block {
            header: None,
            body: Vec::new(),
        };
        let mut last = (region.start, start);
        let mut loose = self.within(region);
        for child in children {
            let span = child.span();
            let before = loose.partition_point(|c| c.span.start < span.start);
            let inside = loose.partition_point(|c| c.span.start < span.end);
            for c in loose.get(..before).unwrap_or_default() {
                last = self.loose_in_block(c, last, &mut block);
            }
            loose = loose.get(inside..).unwrap_or_default();
            let mut blank = self.breaks(last.0, span.start) >= 2;
            let (hoisted, kind) = match child {
                Child::Item(item) => self.item(item),
                Child::Attr(attr) => self.attr(attr),
            };
            for c in hoisted {
                block.body.push(Elem {
                    blank,
                    trailing: None,
                    kind: ElemKind::Comment(&c.text),
                });
                blank = false;
            }
            block.body.push(Elem {
                blank,
                trailing: None,
                kind,
            });
            last = (span.end, After::Child);
        }
        for c in loose {
            last = self.loose_in_block(c, last, &mut block);
        }
        block
    }

    /// Files a comment that lies between entries; returns the new "last thing seen".
    fn loose_in_block(
        &self,
        c: &'a Comment,
        (end, after): (usize, After),
        block: &mut Block<'a>,
    ) -> (usize, After) {
        let breaks = self.breaks(end, c.span.start);
        match (breaks, after, block.body.last_mut()) {
            (0, After::Child, Some(prev)) => prev.trailing = Some(&c.text),
            (0, After::Open, _) => block.header = Some(&c.text),
            _ => block.body.push(Elem {
                blank: breaks >= 2,
                trailing: None,
                kind: ElemKind::Comment(&c.text),
            }),
        }
        (c.span.end, After::Comment)
    }

    /// An item: comments inside its header are hoisted above it; its block is attached in turn.
    fn item(&self, item: &'a Item) -> (&'a [Comment], ElemKind<'a>) {
        let open = self.open_brace(item);
        let hoisted = self.within(Span::new(item.span.start, open));
        let children: Vec<Child> = item.entries.iter().map(Child::of).collect();
        let region = Span::new(open + 1, item.span.end.saturating_sub(1));
        let block = self.block(region, &children, After::Open);
        (hoisted, ElemKind::Item(item, block))
    }

    /// An attribute: comments between its key and its value are hoisted above it, and so are
    /// those inside a value per environment, which is printed without comments of its own.
    fn attr(&self, attr: &'a Attr) -> (&'a [Comment], ElemKind<'a>) {
        let end = match attr.value.kind {
            ValueKind::PerEnv(_) => attr.value.span.end,
            _ => attr.value.span.start,
        };
        let hoisted = self.within(Span::new(attr.span.start, end));
        (hoisted, ElemKind::Attr(attr, self.val(&attr.value)))
    }

    fn val(&self, value: &'a Value) -> Val<'a> {
        let ValueKind::List(values) = &value.kind else {
            return Val::Scalar(value);
        };
        let region = Span::new(value.span.start + 1, value.span.end.saturating_sub(1));
        let mut list = List {
            header: None,
            elems: Vec::new(),
        };
        let mut last = (region.start, After::Open);
        let mut loose = self.within(region);
        for v in values {
            let before = loose.partition_point(|c| c.span.start < v.span.start);
            let inside = loose.partition_point(|c| c.span.start < v.span.end);
            for c in loose.get(..before).unwrap_or_default() {
                last = self.loose_in_list(c, last, &mut list);
            }
            loose = loose.get(inside..).unwrap_or_default();
            list.elems.push(ListElem::Value(self.val(v), None));
            last = (v.span.end, After::Child);
        }
        for c in loose {
            last = self.loose_in_list(c, last, &mut list);
        }
        Val::List(list)
    }

    fn loose_in_list(
        &self,
        c: &'a Comment,
        (end, after): (usize, After),
        list: &mut List<'a>,
    ) -> (usize, After) {
        let breaks = self.breaks(end, c.span.start);
        match (breaks, after, list.elems.last_mut()) {
            (0, After::Child, Some(ListElem::Value(_, trailing))) => *trailing = Some(&c.text),
            (0, After::Open, _) => list.header = Some(&c.text),
            _ => list.elems.push(ListElem::Comment(&c.text)),
        }
        (c.span.end, After::Comment)
    }

    /// The `{` that opens an item's block: the first `{` token after its names.
    fn open_brace(&self, item: &Item) -> usize {
        let from = item.names.last().map_or(item.kind.span.end, |n| n.span.end);
        Lexer::at(self.src, from)
            .find(|t| t.kind == Kind::LBrace)
            .map_or(from, |t| t.span.start)
    }
}

/// Line breaks between two pieces of code (`\r\n` is one).
fn line_breaks(src: &str, from: usize, to: usize) -> usize {
    Lexer::at(src, from)
        .take_while(|t| t.span.end <= to)
        .filter(|t| t.kind == Kind::Newline)
        .count()
}
