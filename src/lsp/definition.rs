//! Go to definition: from a reference to the name it declares, and from a function's `source`
//! path to that file.

use std::path::{Path, PathBuf};

use crate::model::schema::Kind;
use crate::span::Span;
use crate::syntax::ast::ValueKind;
use crate::syntax::locate::Node;

use super::document::View;
use super::symbols;

pub enum Target {
    /// A span of the current text.
    Here(Span),
    /// The start of another file.
    File(PathBuf),
}

/// The target of the node at `offset`; `folder` is the document's, for `source` paths.
pub fn definition(view: &View, offset: usize, folder: Option<&Path>) -> Option<Target> {
    let file = &view.parsed.file;
    match file.node_at(view.to_parsed(offset)?)? {
        Node::Segment(item, attr, path, 0) => {
            symbols::expected(item, &attr.key.value)?;
            let decl = symbols::find(file, &path.first()?.value)?;
            Some(Target::Here(view.to_current(decl.name.span)))
        }
        Node::Value(item, attr, value)
            if item.kind.value == Kind::Function.keyword() && attr.key.value == "source" =>
        {
            let ValueKind::Str(source) = &value.kind else {
                return None;
            };
            let path = folder?.join(source);
            path.is_file().then_some(Target::File(path))
        }
        _ => None,
    }
}
