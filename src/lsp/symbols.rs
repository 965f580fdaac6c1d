//! Declarations in a syntax tree: the names a reference may use (the same namespace the model
//! builds) and the document outline.

use lsp_types::{DocumentSymbol, SymbolKind};

use crate::model::schema::{self, Kind, Names};
use crate::span::Spanned;
use crate::syntax::ast::{Entry, File, Item};

use super::convert::range;
use super::document::View;

/// A declared name and the item that declares it.
pub struct Decl<'a> {
    pub kind: Kind,
    pub name: &'a Spanned<String>,
    pub item: &'a Item,
}

/// Every name that references can use: named top-level declarations and their named blocks.
pub fn declarations(file: &File) -> Vec<Decl<'_>> {
    let mut out = Vec::new();
    for item in &file.items {
        let Some(s) = schema::by_keyword(&item.kind.value) else {
            continue;
        };
        if !s.top_level || s.kind == Kind::Stack {
            continue;
        }
        declare(&mut out, s.kind, item);
        for child in children(item) {
            if let Some(cs) = schema::by_keyword(&child.kind.value)
                && s.children.contains(&cs.kind)
            {
                declare(&mut out, cs.kind, child);
            }
        }
    }
    out
}

fn declare<'a>(out: &mut Vec<Decl<'a>>, kind: Kind, item: &'a Item) {
    if kind.schema().names == Names::None {
        return;
    }
    out.extend(item.names.iter().map(|name| Decl { kind, name, item }));
}

/// The first declaration of `name`, as the model resolves it.
pub fn find<'a>(file: &'a File, name: &str) -> Option<Decl<'a>> {
    declarations(file)
        .into_iter()
        .find(|d| d.name.value == name)
}

/// The kind of declaration a value of `key` in `item` names, if it names one: the key's
/// reference type, or a replication group in an `environment` block (`cache.port`).
pub fn expected(item: &Item, key: &str) -> Option<Kind> {
    let s = schema::by_keyword(&item.kind.value)?;
    if s.free_keys {
        return Some(Kind::ReplicationGroup);
    }
    match s.key(key)?.ty {
        schema::Ty::Ref(kind) | schema::Ty::Refs(kind) | schema::Ty::RefOrStr(kind) => Some(kind),
        schema::Ty::Caches => Some(Kind::ReplicationGroup),
        _ => None,
    }
}

fn children(item: &Item) -> impl Iterator<Item = &Item> {
    item.entries.iter().filter_map(|e| match e {
        Entry::Item(child) => Some(child),
        Entry::Attr(_) => None,
    })
}

/// The outline: declarations and their blocks, each named by its names (or its keyword).
pub fn outline(view: &View) -> Vec<DocumentSymbol> {
    view.parsed
        .file
        .items
        .iter()
        .map(|i| symbol(view, i))
        .collect()
}

// `deprecated` is itself deprecated in the protocol, but the struct still has the field.
#[allow(deprecated)]
fn symbol(view: &View, item: &Item) -> DocumentSymbol {
    let name = if item.names.is_empty() {
        item.kind.value.clone()
    } else {
        item.names
            .iter()
            .map(|n| n.value.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let selection = item.names.first().map_or(item.kind.span, |n| n.span);
    let span = view.to_current(item.span);
    let children: Vec<DocumentSymbol> = children(item).map(|c| symbol(view, c)).collect();
    DocumentSymbol {
        name,
        detail: Some(item.kind.value.clone()),
        kind: symbol_kind(&item.kind.value),
        tags: None,
        deprecated: None,
        range: range(view.text, span),
        selection_range: range(view.text, view.to_current(selection)),
        children: (!children.is_empty()).then_some(children),
    }
}

fn symbol_kind(keyword: &str) -> SymbolKind {
    match schema::by_keyword(keyword).map(|s| s.kind) {
        Some(Kind::Stack) => SymbolKind::PACKAGE,
        Some(Kind::Network) => SymbolKind::NAMESPACE,
        Some(Kind::Subnet) => SymbolKind::STRUCT,
        Some(Kind::Endpoint) => SymbolKind::INTERFACE,
        Some(Kind::ReplicationGroup) => SymbolKind::CLASS,
        Some(Kind::Layer) => SymbolKind::MODULE,
        Some(Kind::Instance) => SymbolKind::OBJECT,
        Some(Kind::Function) => SymbolKind::FUNCTION,
        Some(Kind::Environment) => SymbolKind::VARIABLE,
        Some(Kind::Moved) => SymbolKind::EVENT,
        Some(Kind::Tags) => SymbolKind::PROPERTY,
        Some(Kind::KmsKey) => SymbolKind::KEY,
        Some(Kind::ParameterGroup) => SymbolKind::ENUM,
        Some(Kind::Parameters) => SymbolKind::VARIABLE,
        Some(Kind::User) => SymbolKind::KEY,
        Some(Kind::UserGroup) => SymbolKind::ARRAY,
        Some(Kind::Topic) => SymbolKind::EVENT,
        Some(Kind::ServerlessCache) => SymbolKind::CLASS,
        Some(
            Kind::SlowLog
            | Kind::EngineLog
            | Kind::Alarms
            | Kind::Limits
            | Kind::Global
            | Kind::Autoscaling,
        ) => SymbolKind::PROPERTY,
        Some(Kind::Shard) => SymbolKind::STRUCT,
        None => SymbolKind::NULL,
    }
}
