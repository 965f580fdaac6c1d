//! A plan as text (in the manner of `terraform plan`) and as JSON lines (`--message-format json`).
//! `docs/plan.md` documents both; the JSON objects keep their field order.

use std::fmt::Write;

use serde_json::{Value, json};

use super::diff::{Action, Change, Interruption};
use super::{Plan, Side};
use crate::span::{Span, line_col};

/// One of the two programs: the name it is shown under and its text.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub name: &'a str,
    pub src: &'a str,
}

/// The programs of both sides, to turn spans into `file:line`.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    pub old: Source<'a>,
    pub new: Source<'a>,
}

impl<'a> Sources<'a> {
    pub fn get(&self, side: Side) -> Source<'a> {
        match side {
            Side::Old => self.old,
            Side::New => self.new,
        }
    }

    /// The one-based line of a span.
    fn line(&self, side: Side, span: Span) -> usize {
        let src = self.get(side).src;
        line_col(src, span.start.min(src.len())).0 + 1
    }
}

fn symbol(action: Action) -> &'static str {
    match action {
        Action::Add => "+",
        Action::Remove => "-",
        Action::Update => "~",
        Action::Replace => "-/+",
    }
}

/// The plan as text: one block per change, then a summary line.
pub fn human(plan: &Plan, sources: Sources) -> String {
    let mut out = String::new();
    for change in &plan.changes {
        let source = sources.get(change.side);
        let _ = writeln!(
            out,
            "{:>3} {} ({}) of `{}` in {}, {}:{}",
            symbol(change.action),
            change.logical_id,
            change.resource_type,
            change.owner,
            change.template,
            source.name,
            sources.line(change.side, change.span)
        );
        match change.action {
            Action::Add => {}
            Action::Remove => {
                let _ = writeln!(out, "      # removed: deleted with everything in it");
            }
            Action::Update | Action::Replace => properties(&mut out, change, sources),
        }
    }
    let [add, update, replace, remove] = plan.counts();
    if plan.changes.is_empty() {
        out.push_str("No changes: the templates of both programs are the same.\n");
    } else {
        let _ = writeln!(
            out,
            "Plan: {add} to add, {update} to update in place, {replace} to replace, {remove} to remove."
        );
    }
    out
}

fn properties(out: &mut String, change: &Change, sources: Sources) {
    for p in &change.properties {
        let at = p
            .span
            .map(|s| format!(" ({}:{})", sources.new.name, sources.line(Side::New, s)))
            .unwrap_or_default();
        let what = match p.interruption {
            Interruption::Replacement => format!("# forces replacement because {}", p.reason),
            Interruption::Some | Interruption::None => format!("# {}", p.reason),
        };
        let _ = writeln!(out, "      ~ {}{at}  {what}", p.name);
    }
}

/// The format's version, the first field of every object.
pub const VERSION: u64 = 1;

/// One object per change, then a summary; diagnostics are printed beside them by the caller, who
/// leaves out the `carried` warnings of NEW that OLD has too ([`super::carried`]).
pub fn json(plan: &Plan, sources: Sources, carried: usize) -> Vec<Value> {
    let mut out: Vec<Value> = plan.changes.iter().map(|c| change(c, sources)).collect();
    let [add, update, replace, remove] = plan.counts();
    out.push(json!({
        "version": VERSION,
        "kind": "summary",
        "add": add,
        "update": update,
        "replace": replace,
        "remove": remove,
        "errors": plan.has_errors(),
        "warnings_not_shown": carried,
    }));
    out
}

fn change(change: &Change, sources: Sources) -> Value {
    let properties: Vec<Value> = change
        .properties
        .iter()
        .map(|p| {
            json!({
                "name": p.name,
                "interruption": p.interruption.as_str(),
                "reason": p.reason,
                "line": p.span.map(|s| sources.line(Side::New, s)),
            })
        })
        .collect();
    json!({
        "version": VERSION,
        "kind": "change",
        "logical_id": change.logical_id,
        "resource_type": change.resource_type,
        "template": change.template,
        "action": change.action.as_str(),
        "interruption": change.interruption().map(Interruption::as_str),
        "properties": properties,
        "declaration": change.owner,
        "file": sources.get(change.side).name,
        "line": sources.line(change.side, change.span),
    })
}
