//! Damage: which declarations lowering could not build whole, and those that depend on them.
//! Checks run on the whole model; what they say about damaged declarations is not shown.

use crate::diag::Diag;
use crate::span::Span;

/// The declarations a lowering error left incomplete (placeholders for missing values, references
/// that resolve to nothing), widened to every declaration that references or contains one.
#[derive(Debug, Clone, Default)]
pub struct Damage {
    /// Sorted, disjoint source ranges of damaged declarations.
    spans: Vec<Span>,
    /// Nothing can be trusted: the program has no stack, whose name every AWS name carries.
    whole: bool,
}

impl Damage {
    /// Whether a check's diagnostic rests on a damaged declaration: it points into one.
    pub fn hides(&self, diag: &Diag) -> bool {
        self.whole || diag.labels.iter().any(|l| self.covers(l.span))
    }

    fn covers(&self, span: Span) -> bool {
        let after = self.spans.partition_point(|s| s.start <= span.start);
        after
            .checked_sub(1)
            .and_then(|i| self.spans.get(i))
            .is_some_and(|s| span.end <= s.end)
    }
}

/// One declaration as lowering saw it: where it is, whether its own lowering failed, and the
/// declarations it depends on (what it references, the block it sits in).
#[derive(Debug, Clone)]
pub(super) struct Decl {
    pub span: Span,
    pub broken: bool,
    pub deps: Vec<usize>,
}

/// Spreads breakage along dependencies and keeps the spans of every damaged declaration.
pub(super) fn spread(decls: &[Decl], whole: bool) -> Damage {
    let mut broken: Vec<bool> = decls.iter().map(|d| d.broken).collect();
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); decls.len()];
    for (i, d) in decls.iter().enumerate() {
        for &dep in &d.deps {
            if let Some(list) = dependents.get_mut(dep) {
                list.push(i);
            }
        }
    }
    let mut queue: Vec<usize> = (0..decls.len())
        .filter(|&i| broken.get(i).copied().unwrap_or(false))
        .collect();
    while let Some(i) = queue.pop() {
        for &j in dependents.get(i).map(Vec::as_slice).unwrap_or_default() {
            if let Some(b) = broken.get_mut(j)
                && !*b
            {
                *b = true;
                queue.push(j);
            }
        }
    }
    let mut spans: Vec<Span> = decls
        .iter()
        .zip(&broken)
        .filter(|(_, b)| **b)
        .map(|(d, _)| d.span)
        .collect();
    spans.sort();
    // A damaged block holds its children: keep only outermost ranges, so lookups stay one search.
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    Damage {
        spans: merged,
        whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;

    fn decl(start: usize, end: usize, broken: bool, deps: &[usize]) -> Decl {
        Decl {
            span: Span::new(start, end),
            broken,
            deps: deps.to_vec(),
        }
    }

    fn at(start: usize, end: usize) -> Diag {
        Diag::new(codes::E0008, Span::new(start, end), "m", "l")
    }

    #[test]
    fn breakage_follows_dependencies_only() {
        // 0 broken; 1 depends on 0; 2 depends on 1; 3 stands alone.
        let decls = [
            decl(0, 10, true, &[]),
            decl(20, 30, false, &[0]),
            decl(40, 50, false, &[1]),
            decl(60, 70, false, &[]),
        ];
        let damage = spread(&decls, false);
        assert!(damage.hides(&at(2, 3)));
        assert!(damage.hides(&at(25, 26)));
        assert!(damage.hides(&at(45, 46)));
        assert!(!damage.hides(&at(65, 66)));
        assert!(!damage.hides(&at(12, 14)));
        assert!(damage.hides(&at(65, 66).with_label(Span::new(5, 6), "here")));
    }

    #[test]
    fn a_clean_program_hides_nothing_and_no_stack_hides_everything() {
        let decls = [decl(0, 10, false, &[])];
        assert!(!spread(&decls, false).hides(&at(0, 1)));
        assert!(spread(&decls, true).hides(&at(20, 21)));
    }
}
