//! The generic attribute rule: every entry of a block against its kind's schema (known key, given
//! once, required keys present, type, range, word set), and typed access to what passed.

use crate::hash::IndexMap;

use super::Lowerer;
use crate::diag::suggest::{closest, did_you_mean};
use crate::diag::{Diag, codes};
use crate::model::schema::{KeySchema, Kind, KindSchema, Ty};
use crate::span::Spanned;
use crate::syntax::ast::{Attr, Entry, Item, Value, ValueKind};
use crate::words::Word;

/// Attributes of one item that passed the schema, by key.
pub(super) struct Fields<'i> {
    pub attrs: IndexMap<&'i str, &'i Attr>,
}

impl Lowerer<'_> {
    /// Validates an item's entries against its schema and collects them by key.
    pub(super) fn fields<'i>(&mut self, s: &'static KindSchema, item: &'i Item) -> Fields<'i> {
        let mut attrs: IndexMap<&'i str, &'i Attr> = IndexMap::default();
        // A misspelt key is reported once, as unknown with its suggestion, not also as missing.
        let mut suggested: Vec<&str> = Vec::new();
        for entry in &item.entries {
            let Entry::Attr(attr) = entry else { continue };
            let key = attr.key.value.as_str();
            if let Some(first) = attrs.get(key) {
                self.error(
                    Diag::new(
                        codes::E0006,
                        attr.key.span,
                        format!("`{key}` is given twice"),
                        "given again here",
                    )
                    .with_label(first.key.span, "first given here")
                    .help("keep one of the two"),
                );
                continue;
            }
            if s.free_keys {
                attrs.insert(key, attr);
                continue;
            }
            match s.key(key) {
                None => {
                    let keys: Vec<&str> = s.keys.iter().map(|k| k.name).collect();
                    let children: Vec<&str> = s.children.iter().map(|k| k.keyword()).collect();
                    let help = if children.contains(&key) {
                        format!("`{key}` is a block: write `{key} {{ ... }}` without `=`")
                    } else {
                        suggested.extend(closest(key, keys.iter().copied()));
                        did_you_mean(key, &keys, "attribute")
                    };
                    self.error(
                        Diag::new(
                            codes::E0003,
                            attr.key.span,
                            format!("`{}` has no attribute `{key}`", s.keyword),
                            "unknown attribute",
                        )
                        .help(help),
                    );
                }
                Some(k) => {
                    if self.type_ok(k.ty, &attr.value) {
                        self.in_range(s, k, &attr.value);
                        attrs.insert(key, attr);
                    }
                }
            }
        }
        for k in s.keys.iter().filter(|k| k.required) {
            // In a block a syntax error cut short, the key may have been written: no guess.
            if !attrs.contains_key(k.name)
                && !item.broken
                && !written(item, k.name)
                && !suggested.contains(&k.name)
            {
                let at = item.names.first().map_or(item.kind.span, |n| n.span);
                self.error(
                    Diag::new(
                        codes::E0005,
                        at,
                        format!("`{}` is missing `{}`", s.keyword, k.name),
                        format!("needs `{}`", k.name),
                    )
                    .help(format!(
                        "add `{} = ...`: {} ({})",
                        k.name,
                        k.doc,
                        k.ty.describe()
                    )),
                );
            }
        }
        self.check_children(s, item);
        Fields { attrs }
    }

    /// Blocks inside `item` of kinds it cannot hold. The misspelt block is its own (unlowered)
    /// declaration: the one holding it stays whole.
    fn check_children(&mut self, s: &KindSchema, item: &Item) {
        for child in super::children(item) {
            match crate::model::schema::by_keyword(&child.kind.value) {
                Some(cs) if s.children.contains(&cs.kind) => {}
                _ if s.children.is_empty() => self.diags.push(
                    Diag::new(
                        codes::E0002,
                        child.kind.span,
                        format!("`{}` cannot contain blocks", s.keyword),
                        "unexpected block",
                    )
                    .help(format!(
                        "write attributes as `key = value` inside `{}`",
                        s.keyword
                    )),
                ),
                _ => {
                    let allowed: Vec<&str> = s.children.iter().map(|k| k.keyword()).collect();
                    self.unknown_kind(child, &allowed);
                }
            }
        }
    }

    pub(super) fn type_ok(&mut self, ty: Ty, value: &Value) -> bool {
        let ok = match (ty, &value.kind) {
            (Ty::Str, ValueKind::Str(_))
            | (Ty::Int { .. }, ValueKind::Int(_))
            | (Ty::Bool, ValueKind::Bool(_)) => true,
            (Ty::Strs, ValueKind::List(items)) => {
                return items.iter().all(|v| self.type_ok(Ty::Str, v));
            }
            (Ty::Names, ValueKind::List(items)) => {
                let mut all = true;
                for v in items {
                    if matches!(&v.kind, ValueKind::Path(p) if p.len() == 1) {
                        continue;
                    }
                    all = false;
                    self.error(
                        Diag::new(
                            codes::E0004,
                            v.span,
                            format!("expected a name, found {}", v.kind.describe()),
                            "expected a name",
                        )
                        .help("write each name bare, such as [dev, prod]"),
                    );
                }
                return all;
            }
            (Ty::Word(words), ValueKind::Path(p)) if p.len() == 1 => {
                return self.word_ok(words, value, p.first().map_or("", |n| n.value.as_str()));
            }
            (Ty::Word(words), ValueKind::Str(s)) => return self.word_ok(words, value, s),
            (Ty::Words(words), ValueKind::List(items)) => {
                let mut all = true;
                for v in items {
                    all &= self.type_ok(Ty::Word(words), v);
                }
                return all;
            }
            (Ty::Ref(kind), ValueKind::Path(p)) if p.len() == 1 => {
                return p.first().is_some_and(|n| self.resolve(kind, n).is_some());
            }
            (Ty::RefOrStr(_), ValueKind::Str(_)) => true,
            (Ty::RefOrStr(kind), ValueKind::Path(_)) => return self.type_ok(Ty::Ref(kind), value),
            (Ty::Refs(kind), ValueKind::List(items)) => {
                let mut all = true;
                for v in items {
                    all &= self.type_ok(Ty::Ref(kind), v);
                }
                return all;
            }
            // A serverless cache is named where a replication group may be; any other name is
            // reported as a replication group's.
            (Ty::Caches, ValueKind::List(items)) => {
                let mut all = true;
                for v in items {
                    let kind = match self.kind_of(v) {
                        Some(Kind::ServerlessCache) => Kind::ServerlessCache,
                        _ => Kind::ReplicationGroup,
                    };
                    all &= self.type_ok(Ty::Ref(kind), v);
                }
                return all;
            }
            _ => false,
        };
        if !ok {
            let help = match (ty, &value.kind) {
                (Ty::Str, ValueKind::Path(_)) => "put the value in double quotes".to_string(),
                (Ty::Refs(_) | Ty::Caches | Ty::Strs | Ty::Words(_) | Ty::Names, _) => {
                    "wrap the value in a list: [ ... ]".to_string()
                }
                (Ty::Ref(_), ValueKind::Str(s)) => format!("write the name without quotes: {s}"),
                _ => format!("write {}", ty.describe()),
            };
            self.error(
                Diag::new(
                    codes::E0004,
                    value.span,
                    format!(
                        "expected {}, found {}",
                        ty.describe(),
                        value.kind.describe()
                    ),
                    format!("expected {}", ty.describe()),
                )
                .help(help),
            );
        }
        ok
    }

    /// The kind of the declaration a bare name names, if it names one.
    fn kind_of(&self, value: &Value) -> Option<Kind> {
        let ValueKind::Path(p) = &value.kind else {
            return None;
        };
        let [name] = p.as_slice() else { return None };
        self.symbols.get(&name.value).map(|s| s.kind)
    }

    fn word_ok(&mut self, words: &[&str], value: &Value, word: &str) -> bool {
        if words.contains(&word) {
            return true;
        }
        self.error(
            Diag::new(
                codes::E0012,
                value.span,
                format!("`{word}` is not allowed here"),
                format!("expected one of {}", words.join(", ")),
            )
            .help(did_you_mean(word, words, "value")),
        );
        false
    }

    /// An integer outside its range is reported, but it is still the value the user meant: it
    /// stays in the model, and the declaration's other checks still run.
    fn in_range(&mut self, s: &KindSchema, k: &KeySchema, value: &Value) {
        let (Ty::Int { min, max }, ValueKind::Int(n)) = (k.ty, &value.kind) else {
            return;
        };
        if (min..=max).contains(n) {
            return;
        }
        let range = k.ty.range().unwrap_or_default();
        let unit = if k.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", k.unit)
        };
        let default = k
            .default
            .map(|d| format!(" (default {d})"))
            .unwrap_or_default();
        let side = if *n < min {
            format!("below {min}")
        } else {
            format!("above {max}")
        };
        self.soft.push(
            Diag::new(
                k.out_of_range,
                value.span,
                format!("`{}` is {n}{unit}; {} allows {range}", k.name, s.service),
                side,
            )
            .help(format!(
                "write `{} = {}` or another value {}{range}{default}",
                k.name,
                n.clamp(&min, &max),
                if range.ends_with("more") {
                    "of "
                } else {
                    "from "
                }
            )),
        );
    }
}

/// Whether a key was written (and already reported as badly typed), to avoid a second report.
fn written(item: &Item, key: &str) -> bool {
    item.entries
        .iter()
        .any(|e| matches!(e, Entry::Attr(a) if a.key.value == key))
}

impl Fields<'_> {
    fn value(&self, key: &str) -> Option<&Value> {
        self.attrs.get(key).map(|a| &a.value)
    }

    pub fn string(&self, key: &str) -> Option<Spanned<String>> {
        match self.value(key)? {
            Value {
                kind: ValueKind::Str(s),
                span,
            } => Some(Spanned::new(s.clone(), *span)),
            _ => None,
        }
    }

    pub fn int(&self, key: &str) -> Option<Spanned<i64>> {
        match self.value(key)? {
            Value {
                kind: ValueKind::Int(n),
                span,
            } => Some(Spanned::new(*n, *span)),
            _ => None,
        }
    }

    pub fn boolean(&self, key: &str) -> Option<Spanned<bool>> {
        match self.value(key)? {
            Value {
                kind: ValueKind::Bool(b),
                span,
            } => Some(Spanned::new(*b, *span)),
            _ => None,
        }
    }

    pub fn strings(&self, key: &str) -> Option<Spanned<Vec<Spanned<String>>>> {
        let value = self.value(key)?;
        let ValueKind::List(items) = &value.kind else {
            return None;
        };
        let strings = items
            .iter()
            .filter_map(|v| match &v.kind {
                ValueKind::Str(s) => Some(Spanned::new(s.clone(), v.span)),
                _ => None,
            })
            .collect();
        Some(Spanned::new(strings, value.span))
    }

    /// A list of words from a fixed set, each as its enum value (already validated).
    pub fn words<W: Word>(&self, key: &str) -> Vec<Spanned<W>> {
        let Some(ValueKind::List(items)) = self.value(key).map(|v| &v.kind) else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|v| {
                let text = match &v.kind {
                    ValueKind::Str(s) => s.as_str(),
                    ValueKind::Path(p) => p.first()?.value.as_str(),
                    _ => return None,
                };
                W::from_word(text).map(|w| Spanned::new(w, v.span))
            })
            .collect()
    }

    /// A word from a fixed set, bare or quoted, as its enum value (already validated).
    pub fn word<W: Word>(&self, key: &str) -> Option<Spanned<W>> {
        let value = self.value(key)?;
        let text = match &value.kind {
            ValueKind::Str(s) => s.as_str(),
            ValueKind::Path(p) => p.first()?.value.as_str(),
            _ => return None,
        };
        W::from_word(text).map(|w| Spanned::new(w, value.span))
    }
}
