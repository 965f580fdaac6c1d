//! Plan: what deploying NEW over OLD does to every resource, and whether it is safe in one update.
//! A stage after emit: it compares the two emitted template sets, traced back through their source maps.

pub mod carried;
pub mod diff;
pub mod events;
pub mod lint;
pub mod render;
pub mod rules;
pub mod stage;
pub mod table;

use crate::Built;
use crate::diag::{Diag, Severity};
use crate::emit::node::{Resource, Template};
use crate::emit::trace::SourceMap;
pub use diff::{Action, Change, Interruption, PropertyChange};

/// Which of the two programs a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Side {
    Old,
    #[default]
    New,
}

/// A diagnostic of the plan, with the program its spans point into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub side: Side,
    pub diag: Diag,
}

/// The classified changes and the safety rules' verdict on them.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub findings: Vec<Finding>,
}

impl Plan {
    pub fn has_errors(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.diag.severity == Severity::Error)
    }

    /// How many changes take each action, in the order add, update, replace, remove.
    pub fn counts(&self) -> [usize; 4] {
        let count = |a: Action| self.changes.iter().filter(|c| c.action == a).count();
        [
            count(Action::Add),
            count(Action::Update),
            count(Action::Replace),
            count(Action::Remove),
        ]
    }
}

/// The plan of deploying `new` over `old`; `allow_replace` names the declarations whose stateful
/// resources may be replaced or removed.
pub fn plan(old: &Built, new: &Built, allow_replace: &[String]) -> Plan {
    let mut changes = diff::diff(&old.templates, &new.templates);
    for change in &mut changes {
        let map = match change.side {
            Side::Old => &old.map,
            Side::New => &new.map,
        };
        locate(change, map);
    }
    let findings = rules::check(&changes, old, new, allow_replace);
    Plan { changes, findings }
}

/// Fills in the declaration and spans of a change from its program's source map.
fn locate(change: &mut Change, map: &SourceMap) {
    let Some(traced) = map.resources.get(&change.logical_id) else {
        return;
    };
    change.owner.clone_from(&traced.owner);
    for property in &mut change.properties {
        property.span = traced.properties.get(&property.name).copied();
    }
    let worst = change.interruption();
    change.span = change
        .properties
        .iter()
        .filter(|p| Some(p.interruption) == worst)
        .chain(&change.properties)
        .find_map(|p| p.span)
        .unwrap_or(traced.span);
}

/// A resource of a template set by logical id.
pub fn resource<'a>(set: &'a [(String, Template)], id: &str) -> Option<&'a Resource> {
    set.iter().find_map(|(_, t)| t.resources.get(id))
}
