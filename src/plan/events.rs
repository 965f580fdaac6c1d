//! Deploy failures at the source line: the failed events of `aws cloudformation
//! describe-stack-events`, each traced through the source map to the declaration that failed.

use serde_json::Value;

use crate::diag::{Diag, codes};
use crate::emit::trace::SourceMap;
use crate::span::Span;

/// One failed event, as CloudFormation reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub logical_id: String,
    pub resource_type: String,
    pub status: String,
    pub reason: String,
    pub timestamp: String,
}

/// The failed events of a `describe-stack-events` answer (`{"StackEvents": [...]}` or the bare
/// list), oldest first; an answer of another shape is an error message.
pub fn failures(answer: &Value) -> Result<Vec<Failure>, String> {
    let events = answer
        .get("StackEvents")
        .unwrap_or(answer)
        .as_array()
        .ok_or("expected the output of `aws cloudformation describe-stack-events`: an object with a StackEvents list")?;
    let text = |e: &Value, key: &str| e.get(key).and_then(Value::as_str).unwrap_or("").to_string();
    let mut out: Vec<Failure> = events
        .iter()
        .filter(|e| text(e, "ResourceStatus").ends_with("_FAILED"))
        .map(|e| Failure {
            logical_id: text(e, "LogicalResourceId"),
            resource_type: text(e, "ResourceType"),
            status: text(e, "ResourceStatus"),
            reason: text(e, "ResourceStatusReason"),
            timestamp: text(e, "Timestamp"),
        })
        .collect();
    // CloudFormation lists the newest event first; a failure reads best in the order it happened.
    out.reverse();
    Ok(out)
}

/// Which of `stacks` (each environment's stack name, `<stack>-<env>`) the answer's events come
/// from: the one that most of the names in the events start with (`StackName`, and the stacks and
/// resources in `StackId` and `PhysicalResourceId`, which cachec names `<stack>-…`), the longer on
/// a tie, since `app-dev-eu-…` starts with `app-dev` too. `None` when no name or two equally
/// likely stacks match.
pub fn deployed_as(answer: &Value, stacks: &[String]) -> Option<usize> {
    let events = answer.get("StackEvents").unwrap_or(answer).as_array()?;
    let names: Vec<&str> = events
        .iter()
        .flat_map(|e| {
            ["StackName", "StackId", "PhysicalResourceId"]
                .into_iter()
                .filter_map(|key| e.get(key).and_then(Value::as_str))
        })
        .flat_map(|text| text.split(['/', ':']))
        .collect();
    let named = |stack: &str| {
        names
            .iter()
            .filter(|n| {
                n.strip_prefix(stack)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
            })
            .count()
    };
    let scores: Vec<(usize, usize)> = stacks.iter().map(|s| (named(s), s.len())).collect();
    let best = scores
        .iter()
        .copied()
        .max()
        .filter(|(count, _)| *count > 0)?;
    let mut at = scores.iter().enumerate().filter(|(_, s)| **s == best);
    match (at.next(), at.next()) {
        (Some((index, _)), None) => Some(index),
        _ => None,
    }
}

/// Each failure as a diagnostic at the attribute its reason names, else at the declaration of the
/// resource; events of a stack itself point at `stack_span`.
pub fn diagnostics(failures: &[Failure], map: &SourceMap, stack_span: Span) -> Vec<Diag> {
    failures
        .iter()
        .map(|f| {
            let traced = map.resources.get(&f.logical_id);
            // The longest name the reason mentions: `EngineVersion`, not `Engine`.
            let property = traced.and_then(|t| {
                t.properties
                    .keys()
                    .filter(|p| f.reason.contains(p.as_str()))
                    .max_by_key(|p| p.len())
                    .cloned()
            });
            let span = map
                .span(&f.logical_id, property.as_deref())
                .unwrap_or(stack_span);
            let owner = traced.map_or("the stack", |t| t.owner.as_str());
            let reason = if f.reason.is_empty() {
                "no reason given"
            } else {
                f.reason.as_str()
            };
            Diag::new(
                codes::E0710,
                span,
                format!(
                    "{} {} ({}) of `{owner}`: {reason}",
                    f.status, f.logical_id, f.resource_type
                ),
                match &property {
                    Some(p) => format!("{p} comes from here"),
                    None => "this declaration".to_string(),
                },
            )
            .help(format!(
                "CloudFormation's reason above (event of {}); fix the declaration, rebuild, and check the next update with `cachec plan`",
                if f.timestamp.is_empty() { "unknown time" } else { f.timestamp.as_str() }
            ))
        })
        .collect()
}
