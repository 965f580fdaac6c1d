//! Hover: a kind's or a key's documentation and allowed values from the language schema, and what
//! a name or reference stands for.

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use crate::aws::parameters::{self, Param};
use crate::model::schema::{self, CACHE_ATTRS, KindSchema, SERVERLESS_ATTRS};
use crate::span::Span;
use crate::syntax::ast::{Attr, Item};
use crate::syntax::locate::Node;

use super::convert::range;
use super::document::View;
use super::symbols::{self, Decl};

/// Declarations longer than this show only their first line.
const MAX_LINES: usize = 12;

pub fn hover(view: &View, offset: usize) -> Option<Hover> {
    let file = &view.parsed.file;
    let (markdown, span) = match file.node_at(view.to_parsed(offset)?)? {
        Node::Kind(item) => (
            kind_doc(schema::by_keyword(&item.kind.value)?),
            item.kind.span,
        ),
        Node::Name(_, name) => (
            declaration(view, &symbols::find(file, &name.value)?),
            name.span,
        ),
        Node::Key(item, attr) => (key_doc(item, attr)? + &per_env(file, attr), attr.key.span),
        Node::Value(item, attr, value) => (key_doc(item, attr)? + &per_env(file, attr), value.span),
        Node::Segment(item, attr, path, index) => {
            let segment = path.get(index)?;
            let text = match (symbols::expected(item, &attr.key.value), index) {
                (Some(_), 0) => declaration(view, &symbols::find(file, &segment.value)?),
                (Some(_), 1) => {
                    let target = path.first()?.value.as_str();
                    let serverless = symbols::find(file, target)
                        .is_some_and(|d| d.kind == schema::Kind::ServerlessCache);
                    cache_attr(target, &segment.value, serverless)?
                }
                (Some(_), _) => return None,
                (None, _) => key_doc(item, attr)?,
            };
            (text, segment.span)
        }
    };
    Some(markup(view, markdown, span))
}

fn markup(view: &View, value: String, span: Span) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(range(view.text, view.to_current(span))),
    }
}

/// The value each environment gets, when the attribute has a value per environment.
fn per_env(file: &crate::syntax::ast::File, attr: &Attr) -> String {
    let each = crate::model::environments::each(file, &attr.value);
    if each.is_empty() {
        return String::new();
    }
    let lines: Vec<String> = each
        .iter()
        .map(|(env, value)| format!("- `{env}`: `{value}`"))
        .collect();
    format!("\n\nPer environment:\n{}", lines.join("\n"))
}

/// A kind: its documentation, then its keys (required first) and the blocks it may contain.
fn kind_doc(s: &KindSchema) -> String {
    let mut out = format!("`{}`: {}", s.keyword, s.doc);
    let names = |required: bool| -> Vec<String> {
        s.keys
            .iter()
            .filter(|k| k.required == required)
            .map(|k| format!("`{}`", k.name))
            .collect()
    };
    for (label, keys) in [("Required", names(true)), ("Optional", names(false))] {
        if !keys.is_empty() {
            out.push_str(&format!("\n\n{label}: {}", keys.join(", ")));
        }
    }
    if !s.children.is_empty() {
        let blocks: Vec<String> = s
            .children
            .iter()
            .map(|k| format!("`{}`", k.keyword()))
            .collect();
        out.push_str(&format!("\n\nBlocks: {}", blocks.join(", ")));
    }
    if !s.resource.is_empty() {
        out.push_str(&format!("\n\nCloudFormation: `{}`", s.resource));
    }
    out
}

/// An engine parameter: what it does, the values it takes, its default and its families.
fn parameter_doc(name: &str) -> String {
    let entries: Vec<&Param> = parameters::PARAMS
        .iter()
        .filter(|p| p.name == name)
        .collect();
    let Some(first) = entries.first() else {
        return format!("`{name}`: not a parameter cachec knows (E0130)");
    };
    let families: Vec<&str> = entries.iter().flat_map(|p| p.families()).collect();
    let mut out = format!(
        "`{name}`: {}\n\n{}; families {}",
        first.doc,
        capitalise(&first.value.describe()),
        families.join(", ")
    );
    if !first.default.is_empty() {
        out.push_str(&format!("; default {}", first.default));
    }
    if entries.iter().all(|p| !p.modifiable) {
        out.push_str("\n\nElastiCache does not let a parameter group change it.");
    }
    out
}

/// A key: where it belongs, whether it is required, its documentation and the values it takes.
fn key_doc(item: &Item, attr: &Attr) -> Option<String> {
    let s = schema::by_keyword(&item.kind.value)?;
    if s.kind == schema::Kind::Parameters {
        return Some(parameter_doc(&attr.key.value));
    }
    if s.free_keys {
        return Some(format!(
            "`{}`: a variable of the `{}` block\n\n{}",
            attr.key.value, s.keyword, s.doc
        ));
    }
    let key = s.key(&attr.key.value)?;
    let required = match (key.required, key.default) {
        (true, _) => "required".to_string(),
        (false, Some(default)) => format!("optional, default `{default}`"),
        (false, None) => "optional".to_string(),
    };
    let unit = if key.unit.is_empty() {
        String::new()
    } else {
        format!(" ({})", key.unit)
    };
    let mut out = format!(
        "`{}` in `{}` ({required})\n\n{}\n\nValue: {}{unit}",
        key.name,
        s.keyword,
        key.doc,
        key.ty.describe()
    );
    let targets: Vec<String> = key
        .cfn
        .iter()
        .map(|c| format!("`{}` `{}`", c.resource, c.property))
        .collect();
    if !targets.is_empty() {
        out.push_str(&format!("\n\nCloudFormation: {}", targets.join(", ")));
    }
    Some(out)
}

/// A declaration: its text (or first line), then its kind's documentation.
fn declaration(view: &View, decl: &Decl) -> String {
    let text = view
        .parsed
        .text
        .get(decl.item.span.start..decl.item.span.end)
        .unwrap_or_default();
    let shown = if text.lines().count() <= MAX_LINES {
        text.to_string()
    } else {
        format!(
            "{} ... }}",
            text.lines().next().unwrap_or_default().trim_end()
        )
    };
    let line = super::convert::position(view.text, view.to_current(decl.name.span).start).line + 1;
    format!(
        "```cache\n{shown}\n```\n\n{} `{}`, declared on line {line}: {}",
        capitalise(decl.kind.article()),
        decl.name.value,
        decl.kind.schema().doc
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `cache.port` and friends, of a replication group or a serverless cache.
fn cache_attr(cache: &str, attr: &str, serverless: bool) -> Option<String> {
    let attrs = if serverless {
        SERVERLESS_ATTRS
    } else {
        CACHE_ATTRS
    };
    let (name, doc) = attrs.iter().find(|(name, _)| *name == attr)?;
    Some(format!("`{cache}.{name}`: {doc}"))
}
