//! Printing the commented tree in the canonical layout (the rules are in docs/formatting.md).
//! Every decision depends on the tree alone, never on the old layout, so formatting is idempotent.

use super::lines::Lines;
use super::tree::{Block, Elem, ElemKind, List, ListElem, Val};
use crate::syntax::ast::{Attr, EnvValue, Item, Value, ValueKind};

/// The column limit for one-line blocks and lists.
pub const WIDTH: usize = 100;

/// One indentation step, in spaces.
const INDENT: usize = 2;

pub fn file(src: &str, block: &Block) -> String {
    let mut p = Printer {
        src,
        lines: Lines::default(),
    };
    p.body(&block.body, 0);
    p.lines.finish()
}

struct Printer<'s> {
    src: &'s str,
    lines: Lines,
}

impl Printer<'_> {
    fn body(&mut self, body: &[Elem], depth: usize) {
        let key_pads = key_pads(self.src, body);
        let head_pads = self.head_pads(body, depth);
        for (i, elem) in body.iter().enumerate() {
            if elem.blank && i > 0 {
                self.lines.blank();
            }
            let indent = depth * INDENT;
            match &elem.kind {
                ElemKind::Comment(text) => self.lines.push(indent, text.to_string(), None),
                ElemKind::Attr(attr, val) => {
                    let pad = key_pads.get(i).copied().unwrap_or(0);
                    let head = format!("{:pad$} = ", key(self.src, attr));
                    self.value(indent, head, val, "", elem.trailing);
                }
                ElemKind::Item(item, block) => {
                    let pad = head_pads.get(i).copied().unwrap_or(0);
                    self.item(item, block, depth, pad, elem.trailing);
                }
            }
        }
    }

    fn item(
        &mut self,
        item: &Item,
        block: &Block,
        depth: usize,
        pad: usize,
        trailing: Option<&str>,
    ) {
        let indent = depth * INDENT;
        let head = self.head(item);
        if let Some(line) = self.one_line(item, block, depth) {
            let head = format!("{head:pad$}");
            self.lines.push(indent, format!("{head}{line}"), trailing);
            return;
        }
        self.lines.push(indent, format!("{head} {{"), block.header);
        self.body(&block.body, depth + 1);
        self.lines.push(indent, "}".to_string(), trailing);
    }

    /// `kind name, name`, each name quoted as it was written.
    fn head(&self, item: &Item) -> String {
        let mut head = item.kind.value.clone();
        for (i, name) in item.names.iter().enumerate() {
            head.push_str(if i == 0 { " " } else { ", " });
            let quoted = self
                .src
                .get(name.span.start..)
                .is_some_and(|s| s.starts_with('"'));
            if quoted {
                head.push_str(&quote(&name.value));
            } else {
                head.push_str(&name.value);
            }
        }
        head
    }

    /// The part after the head when the item fits on one line: ` {}` or ` { k = v  k = v }`.
    /// Top-level declarations always open up unless empty; so does a block holding a comment or
    /// another block.
    fn one_line(&self, item: &Item, block: &Block, depth: usize) -> Option<String> {
        if block.header.is_some() {
            return None;
        }
        if block.body.is_empty() {
            return Some(" {}".to_string());
        }
        if depth == 0 {
            return None;
        }
        let mut attrs = Vec::new();
        for elem in &block.body {
            match (&elem.kind, elem.trailing) {
                (ElemKind::Attr(attr, val), None) => {
                    attrs.push(format!("{} = {}", key(self.src, attr), inline(val)?));
                }
                _ => return None,
            }
        }
        let line = format!(" {{ {} }}", attrs.join("  "));
        let width = depth * INDENT + width(&self.head(item)) + width(&line);
        (width <= WIDTH).then_some(line)
    }

    /// Pads for the heads of one-line items in runs (see `runs`) of the same kind with one name.
    fn head_pads(&self, body: &[Elem], depth: usize) -> Vec<usize> {
        let heads: Vec<Option<(String, String, usize)>> = body
            .iter()
            .map(|elem| match &elem.kind {
                ElemKind::Item(item, block) if item.names.len() == 1 => {
                    let line = self.one_line(item, block, depth)?;
                    let head = self.head(item);
                    Some((item.kind.value.clone(), head, width(&line)))
                }
                _ => None,
            })
            .collect();
        let mut pads = vec![0; body.len()];
        for run in runs(body, |a, b| match (heads.get(a), heads.get(b)) {
            (Some(Some(x)), Some(Some(y))) => x.0 == y.0,
            _ => false,
        }) {
            let members: Vec<&(String, String, usize)> =
                run.clone().filter_map(|i| heads.get(i)?.as_ref()).collect();
            let pad = members.iter().map(|m| width(&m.1)).max().unwrap_or(0);
            let fits = members.iter().all(|m| depth * INDENT + pad + m.2 <= WIDTH);
            if members.len() > 1 && fits {
                for i in run {
                    if let Some(p) = pads.get_mut(i) {
                        *p = pad;
                    }
                }
            }
        }
        pads
    }

    /// `head` followed by a value, inline when it fits, else a list opened one element per line;
    /// `tail` (a comma in lists) goes after the value.
    fn value(
        &mut self,
        indent: usize,
        head: String,
        val: &Val,
        tail: &str,
        trailing: Option<&str>,
    ) {
        if let Some(text) = inline(val) {
            let line = format!("{head}{text}{tail}");
            let wraps = matches!(
                val,
                Val::List(_)
                    | Val::Scalar(Value {
                        kind: ValueKind::PerEnv(_),
                        ..
                    })
            );
            if !wraps || indent + width(&line) <= WIDTH {
                self.lines.push(indent, line, trailing);
                return;
            }
        }
        match val {
            Val::List(list) => self.list(indent, head, list, tail, trailing),
            Val::Scalar(Value {
                kind: ValueKind::PerEnv(values),
                ..
            }) => {
                self.lines.push(indent, format!("{head}{{"), None);
                for v in values {
                    self.lines
                        .push(indent + INDENT, format!("{},", env_value(v)), None);
                }
                self.lines.push(indent, format!("}}{tail}"), trailing);
            }
            Val::Scalar(_) => {}
        }
    }

    fn list(
        &mut self,
        indent: usize,
        head: String,
        list: &List,
        tail: &str,
        trailing: Option<&str>,
    ) {
        self.lines.push(indent, format!("{head}["), list.header);
        let inner = indent + INDENT;
        for elem in &list.elems {
            match elem {
                ListElem::Comment(text) => self.lines.push(inner, text.to_string(), None),
                ListElem::Value(val, comment) => {
                    self.value(inner, String::new(), val, ",", *comment)
                }
            }
        }
        self.lines.push(indent, format!("]{tail}"), trailing);
    }
}

/// A value on one line, if it can be: lists holding comments cannot.
fn inline(val: &Val) -> Option<String> {
    match val {
        Val::Scalar(value) => Some(scalar(value)),
        Val::List(list) => {
            if list.header.is_some() {
                return None;
            }
            let mut parts = Vec::new();
            for elem in &list.elems {
                match elem {
                    ListElem::Value(v, None) => parts.push(inline(v)?),
                    _ => return None,
                }
            }
            Some(format!("[{}]", parts.join(", ")))
        }
    }
}

fn scalar(value: &Value) -> String {
    match &value.kind {
        ValueKind::Str(s) => quote(s),
        ValueKind::Int(n) => n.to_string(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Path(parts) => parts
            .iter()
            .map(|p| p.value.as_str())
            .collect::<Vec<_>>()
            .join("."),
        ValueKind::List(values) => {
            let parts: Vec<String> = values.iter().map(scalar).collect();
            format!("[{}]", parts.join(", "))
        }
        ValueKind::PerEnv(values) => {
            let parts: Vec<String> = values.iter().map(env_value).collect();
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// `prod: 2`, one environment's part of a value per environment.
fn env_value(v: &EnvValue) -> String {
    format!("{}: {}", v.env.value, scalar(&v.value))
}

/// A string literal that reads back as `s`: `"`, `\` and line breaks are escaped (a carriage
/// return has no escape of its own, so it is written as `\` and the character itself).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\\r"),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An attribute's key as written: quoted when it was (`"cost-center"`), else the identifier.
fn key(src: &str, attr: &Attr) -> String {
    match src.get(attr.key.span.start..) {
        Some(rest) if rest.starts_with('"') => quote(&attr.key.value),
        _ => attr.key.value.clone(),
    }
}

/// Pads that align `=` over runs of attributes.
fn key_pads(src: &str, body: &[Elem]) -> Vec<usize> {
    let is_attr = |i: usize| matches!(body.get(i).map(|e| &e.kind), Some(ElemKind::Attr(..)));
    let mut pads = vec![0; body.len()];
    for run in runs(body, |a, b| is_attr(a) && is_attr(b)) {
        let pad = run
            .clone()
            .filter_map(|i| match body.get(i).map(|e| &e.kind) {
                Some(ElemKind::Attr(attr, _)) => Some(width(&key(src, attr))),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        for i in run {
            if let Some(p) = pads.get_mut(i) {
                *p = pad;
            }
        }
    }
    pads
}

/// Maximal ranges of neighbours that `alike` pairs up, broken by blank lines.
fn runs(body: &[Elem], alike: impl Fn(usize, usize) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=body.len() {
        let joined = i < body.len() && !body.get(i).is_some_and(|e| e.blank) && alike(i - 1, i);
        if !joined {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// Display width, counted in characters.
pub fn width(text: &str) -> usize {
    text.chars().count()
}
