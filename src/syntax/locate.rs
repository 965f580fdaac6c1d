//! What the syntax tree holds at a byte offset: the piece of a program an editor's cursor is on.
//! The language server uses it for hover and go to definition.

use super::ast::{Attr, Entry, File, Item, Value, ValueKind};
use crate::span::{Span, Spanned};

/// The innermost piece of syntax at an offset, with the item whose block holds it.
#[derive(Debug, Clone, Copy)]
pub enum Node<'a> {
    /// The keyword that starts a declaration or a nested block.
    Kind(&'a Item),
    /// One of a declaration's names.
    Name(&'a Item, &'a Spanned<String>),
    /// The key of an attribute.
    Key(&'a Item, &'a Attr),
    /// A string, number, boolean or list written as (part of) an attribute's value.
    Value(&'a Item, &'a Attr, &'a Value),
    /// One segment of a name or dotted reference: `cache` (0) or `port` (1) in `cache.port`.
    Segment(&'a Item, &'a Attr, &'a [Spanned<String>], usize),
}

impl File {
    /// The node at `offset`; a cursor just after the last character of a token is still on it.
    pub fn node_at(&self, offset: usize) -> Option<Node<'_>> {
        self.items.iter().find_map(|item| item.node_at(offset))
    }
}

impl Item {
    fn node_at(&self, offset: usize) -> Option<Node<'_>> {
        if !touches(self.span, offset) {
            return None;
        }
        if touches(self.kind.span, offset) {
            return Some(Node::Kind(self));
        }
        if let Some(name) = self.names.iter().find(|n| touches(n.span, offset)) {
            return Some(Node::Name(self, name));
        }
        self.entries.iter().find_map(|entry| match entry {
            Entry::Item(child) => child.node_at(offset),
            Entry::Attr(attr) if touches(attr.key.span, offset) => Some(Node::Key(self, attr)),
            Entry::Attr(attr) => value_at(self, attr, &attr.value, offset),
        })
    }
}

fn value_at<'a>(
    item: &'a Item,
    attr: &'a Attr,
    value: &'a Value,
    offset: usize,
) -> Option<Node<'a>> {
    if !touches(value.span, offset) {
        return None;
    }
    match &value.kind {
        ValueKind::Path(segments) => segments
            .iter()
            .position(|s| touches(s.span, offset))
            .map(|i| Node::Segment(item, attr, segments, i)),
        ValueKind::List(values) => values
            .iter()
            .find_map(|v| value_at(item, attr, v, offset))
            .or(Some(Node::Value(item, attr, value))),
        ValueKind::PerEnv(values) => values
            .iter()
            .find_map(|v| value_at(item, attr, &v.value, offset))
            .or(Some(Node::Value(item, attr, value))),
        _ => Some(Node::Value(item, attr, value)),
    }
}

fn touches(span: Span, offset: usize) -> bool {
    span.start <= offset && offset <= span.end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse;

    const SRC: &str = "network vpc {\n  subnet a { zone = \"a\" }\n}\nfunction f {\n  subnets = [a, b]\n  environment { HOST = cache.port }\n}\n";

    fn at(needle: &str, delta: usize) -> usize {
        SRC.find(needle).unwrap() + delta
    }

    #[test]
    fn finds_the_innermost_node() {
        let file = parse(SRC).unwrap();
        let kind = |n: Option<Node>| match n {
            Some(Node::Kind(i)) => format!("kind {}", i.kind.value),
            Some(Node::Name(i, n)) => format!("name {} of {}", n.value, i.kind.value),
            Some(Node::Key(i, a)) => format!("key {} in {}", a.key.value, i.kind.value),
            Some(Node::Value(i, a, _)) => format!("value of {} in {}", a.key.value, i.kind.value),
            Some(Node::Segment(i, a, p, n)) => {
                format!(
                    "segment {} of {} in {}",
                    p[n].value, a.key.value, i.kind.value
                )
            }
            None => "nothing".into(),
        };
        assert_eq!(kind(file.node_at(at("subnet a", 3))), "kind subnet");
        assert_eq!(kind(file.node_at(at("subnet a", 7))), "name a of subnet");
        assert_eq!(kind(file.node_at(at("zone", 4))), "key zone in subnet");
        assert_eq!(
            kind(file.node_at(at("\"a\"", 1))),
            "value of zone in subnet"
        );
        assert_eq!(
            kind(file.node_at(at("a, b", 0))),
            "segment a of subnets in function"
        );
        assert_eq!(
            kind(file.node_at(at("a, b", 3))),
            "segment b of subnets in function"
        );
        assert_eq!(
            kind(file.node_at(at("a, b", 1))),
            "segment a of subnets in function"
        );
        assert_eq!(
            kind(file.node_at(at("a, b", 2))),
            "value of subnets in function"
        );
        assert_eq!(kind(file.node_at(at("HOST", 0))), "key HOST in environment");
        assert_eq!(
            kind(file.node_at(at("port", 1))),
            "segment port of HOST in environment"
        );
        assert_eq!(
            kind(file.node_at(at("cache", 0))),
            "segment cache of HOST in environment"
        );
        assert_eq!(kind(file.node_at(at("{\n  subnet", 1))), "nothing");
        assert_eq!(kind(file.node_at(SRC.len())), "nothing");
    }
}
