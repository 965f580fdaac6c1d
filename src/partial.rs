//! What survives a syntax error: lowering and the checks run on the tree of what parsed, and the
//! findings that the text which did not parse may explain are left out rather than reported.

use crate::diag::{Diag, codes};
use crate::span::Span;
use crate::syntax::ast::{Entry, File, Item};

/// Lowering's findings on a partial tree. A missing declaration (E0010) or an unknown name (E0008)
/// may stand in the text that did not parse, so they wait until it does.
pub fn lowering(syntax_errors: &[Diag], lowered: Vec<Diag>) -> Vec<Diag> {
    if syntax_errors.is_empty() {
        return lowered;
    }
    lowered
        .into_iter()
        .filter(|d| {
            d.code != codes::E0008 && !(d.code == codes::E0010 && d.primary_span().is_empty())
        })
        .collect()
}

/// The checks' findings, without those that point into a declaration a syntax error cut short:
/// its model holds placeholders where the lost entries were.
pub fn checks(file: &File, found: Vec<Diag>) -> Vec<Diag> {
    let broken: Vec<Span> = file
        .items
        .iter()
        .filter(|i| holds_broken(i))
        .map(|i| i.span)
        .collect();
    if broken.is_empty() {
        return found;
    }
    found
        .into_iter()
        .filter(|d| {
            !d.labels.iter().any(|l| {
                broken
                    .iter()
                    .any(|b| l.span.start <= b.end && b.start <= l.span.end)
            })
        })
        .collect()
}

fn holds_broken(item: &Item) -> bool {
    item.broken
        || item.entries.iter().any(|e| match e {
            Entry::Item(child) => holds_broken(child),
            Entry::Attr(_) => false,
        })
}
