//! Completion: keys and blocks valid in the block at the cursor, declared names of the kind a key
//! expects, a key's allowed words, and the attributes of a cache reference.

use lsp_types::{CompletionItem, CompletionItemKind, Documentation};

use crate::aws::parameters;
use crate::model::schema::{self, CACHE_ATTRS, Kind, KindSchema, SERVERLESS_ATTRS, Ty};
use crate::syntax::ast::File;

use super::context::{self, Context};
use super::symbols;

/// Items for the cursor at `offset` of `text`; names come from `parsed`, the last good tree.
pub fn complete(text: &str, offset: usize, parsed: Option<&File>) -> Vec<CompletionItem> {
    match context::at(text, offset) {
        Context::Key { block: None, .. } => schema::SCHEMAS
            .iter()
            .filter(|s| s.top_level)
            .map(block_item)
            .collect(),
        Context::Key {
            block: Some(block),
            given,
        } if block == Kind::Parameters.keyword() => parameter_names(&given),
        Context::Key {
            block: Some(block),
            given,
        } => {
            let Some(s) = schema::by_keyword(&block) else {
                return Vec::new();
            };
            let keys = s
                .keys
                .iter()
                .filter(|k| !given.iter().any(|g| g == k.name))
                .map(|k| CompletionItem {
                    label: k.name.to_string(),
                    kind: Some(CompletionItemKind::PROPERTY),
                    detail: Some(format!(
                        "{}{}",
                        k.ty.describe(),
                        match (k.required, k.default) {
                            (true, _) => " (required)".to_string(),
                            (false, Some(d)) => format!(" (default {d})"),
                            (false, None) => String::new(),
                        }
                    )),
                    documentation: Some(Documentation::String(k.doc.to_string())),
                    insert_text: Some(format!("{} = ", k.name)),
                    ..CompletionItem::default()
                });
            let blocks = s.children.iter().map(|k| block_item(k.schema()));
            keys.chain(blocks).collect()
        }
        Context::Value { block, key } => {
            let Some(s) = schema::by_keyword(&block) else {
                return Vec::new();
            };
            if s.kind == Kind::Parameters {
                return parameter_values(&key);
            }
            if s.free_keys {
                let mut both = names(parsed, Kind::ReplicationGroup);
                both.extend(names(parsed, Kind::ServerlessCache));
                return both;
            }
            match s.key(&key).map(|k| k.ty) {
                Some(Ty::Ref(kind) | Ty::Refs(kind) | Ty::RefOrStr(kind)) => names(parsed, kind),
                Some(Ty::Caches) => {
                    let mut both = names(parsed, Kind::ReplicationGroup);
                    both.extend(names(parsed, Kind::ServerlessCache));
                    both
                }
                Some(Ty::Word(words) | Ty::Words(words)) => words
                    .iter()
                    .map(|w| simple(w, CompletionItemKind::ENUM_MEMBER))
                    .collect(),
                Some(Ty::Bool) => ["true", "false"]
                    .iter()
                    .map(|w| simple(w, CompletionItemKind::KEYWORD))
                    .collect(),
                _ => Vec::new(),
            }
        }
        Context::Member { name } => {
            let attrs = match parsed.and_then(|f| symbols::find(f, &name)).map(|d| d.kind) {
                Some(Kind::ReplicationGroup) => CACHE_ATTRS,
                Some(Kind::ServerlessCache) => SERVERLESS_ATTRS,
                _ => return Vec::new(),
            };
            attrs
                .iter()
                .map(|(attr, doc)| CompletionItem {
                    documentation: Some(Documentation::String(doc.to_string())),
                    ..simple(attr, CompletionItemKind::FIELD)
                })
                .collect()
        }
        Context::Nothing => Vec::new(),
    }
}

/// Engine parameters not yet given, from the table of every family (the cursor's family is not
/// known while the text is being typed); the detail says which families take each.
fn parameter_names(given: &[String]) -> Vec<CompletionItem> {
    let mut seen: Vec<&str> = Vec::new();
    parameters::PARAMS
        .iter()
        .filter(|p| p.modifiable && !given.iter().any(|g| g == p.name))
        .filter(|p| {
            let first = !seen.contains(&p.name);
            seen.push(p.name);
            first
        })
        .map(|p| CompletionItem {
            label: p.name.to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(format!(
                "{} ({})",
                p.value.describe(),
                p.families().join(", ")
            )),
            documentation: Some(Documentation::String(match p.default {
                "" => p.doc.to_string(),
                d => format!("{}; default {d}", p.doc),
            })),
            insert_text: Some(format!("{} = ", p.name)),
            ..CompletionItem::default()
        })
        .collect()
}

/// The words a parameter takes.
fn parameter_values(name: &str) -> Vec<CompletionItem> {
    let Some(p) = parameters::PARAMS.iter().find(|p| p.name == name) else {
        return Vec::new();
    };
    match p.value {
        parameters::Value::YesNo => ["true", "false"]
            .iter()
            .map(|w| simple(w, CompletionItemKind::KEYWORD))
            .collect(),
        parameters::Value::Words(words) => words
            .iter()
            .map(|w| CompletionItem {
                insert_text: Some(format!("\"{w}\"")),
                ..simple(w, CompletionItemKind::ENUM_MEMBER)
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn block_item(s: &KindSchema) -> CompletionItem {
    CompletionItem {
        documentation: Some(Documentation::String(s.doc.to_string())),
        ..simple(s.keyword, CompletionItemKind::KEYWORD)
    }
}

/// Declared names of `kind`, in declaration order.
fn names(parsed: Option<&File>, kind: Kind) -> Vec<CompletionItem> {
    let Some(file) = parsed else {
        return Vec::new();
    };
    symbols::declarations(file)
        .into_iter()
        .filter(|d| d.kind == kind)
        .map(|d| CompletionItem {
            detail: Some(kind.keyword().to_string()),
            ..simple(&d.name.value, CompletionItemKind::REFERENCE)
        })
        .collect()
}

fn simple(label: &str, kind: CompletionItemKind) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        ..CompletionItem::default()
    }
}
