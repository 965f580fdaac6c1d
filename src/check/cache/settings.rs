//! The group's own settings: its AWS id and AUTH token (the schema checks port and retention).

use crate::hash::IndexMap;

use super::problem::{CacheProblem, IdFault, RefFault};
use crate::aws::quotas::REPLICATION_GROUP_ID_CHARS as MAX_ID;
use crate::model::ids::replication_group_name;
use crate::model::{Cache, Model};
use crate::span::Span;

pub fn check<'m>(model: &'m Model, cache: &'m Cache, out: &mut Vec<CacheProblem<'m>>) {
    group_id(model, cache, out);
    auth_token(model, cache, out);
}

/// The id is `<stack>-<name>`: each broken rule is blamed on the part that breaks it.
fn group_id(model: &Model, cache: &Cache, out: &mut Vec<CacheProblem<'_>>) {
    let stack = &model.stack.name;
    let id = replication_group_name(&stack.value, &cache.name.value);
    let stack_part = stack.value.to_ascii_lowercase();
    let name_part = id.get(stack_part.len() + 1..).unwrap_or_default();
    let name_span = cache.name.span;
    let mut report = |at: Span, fault: IdFault| {
        out.push(CacheProblem::BadGroupId {
            id: id.clone(),
            at,
            fault,
        });
    };
    if id.len() > MAX_ID {
        let room = MAX_ID.saturating_sub(stack_part.len() + 1);
        let at = if room == 0 { stack.span } else { name_span };
        report(
            at,
            IdFault::TooLong {
                len: id.len(),
                room,
            },
        );
    }
    if !stack_part.starts_with(|c: char| c.is_ascii_alphabetic()) {
        report(stack.span, IdFault::NoLetterFirst);
    }
    if let Some(bad) = stack_part
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        report(stack.span, IdFault::BadChar(bad));
    }
    if stack_part.contains("--") || stack_part.ends_with('-') {
        report(stack.span, IdFault::StackHyphens);
    } else if name_part.contains("--") || name_part.starts_with('-') {
        report(name_span, IdFault::NameHyphens);
    }
    if name_part.ends_with('-') {
        report(name_span, IdFault::TrailingHyphen);
    }
}

fn auth_token<'m>(model: &Model, cache: &'m Cache, out: &mut Vec<CacheProblem<'m>>) {
    let Some(token) = &cache.auth_token else {
        return;
    };
    if !cache.transit_encryption() {
        out.push(CacheProblem::TokenWithoutTls {
            cache,
            token: token.span,
        });
    }
    let path = format!(
        "/{}/{}/auth-token",
        model.stack.name.value, cache.name.value
    );
    let fault = match token.value.split_once(':') {
        Some(("ssm", name)) => ssm_fault(name),
        Some(("secretsmanager", id)) => secret_fault(id),
        _ => {
            out.push(CacheProblem::LiteralToken {
                token: token.span,
                path,
            });
            return;
        }
    };
    if let Some(fault) = fault {
        out.push(CacheProblem::MalformedToken {
            token: token.span,
            path,
            fault,
        });
    }
}

/// `{{resolve:ssm-secure:NAME(:VERSION)?}}` takes names of `[a-zA-Z0-9_.-/]` (CloudFormation
/// "dynamic references"); hierarchical names start with `/`.
fn ssm_fault(path: &str) -> Option<RefFault> {
    let (name, version) = match path.rsplit_once(':') {
        Some((name, v)) => (name, Some(v)),
        None => (path, None),
    };
    if name.is_empty() {
        return Some(RefFault::NoParameter);
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_.-/".contains(*c)))
    {
        return Some(RefFault::ParameterChar(bad));
    }
    if name.contains('/') && !name.starts_with('/') {
        return Some(RefFault::RelativePath);
    }
    if let Some(v) = version
        && (v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some(RefFault::NotAVersion);
    }
    None
}

/// A secret's name (`[A-Za-z0-9/_+=.@-]`) or its full ARN.
fn secret_fault(id: &str) -> Option<RefFault> {
    if id.is_empty() {
        return Some(RefFault::NoSecret);
    }
    if id.starts_with("arn:") {
        return None;
    }
    id.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "/_+=.@-".contains(*c)))
        .map(RefFault::SecretChar)
}

/// AWS stores ids lowercased, so `Cache` and `cache` would be one group.
pub fn unique_ids<'m>(model: &'m Model, out: &mut Vec<CacheProblem<'m>>) {
    let mut seen: IndexMap<String, &Cache> = IndexMap::default();
    for cache in &model.caches {
        let id = replication_group_name(&model.stack.name.value, &cache.name.value);
        if let Some(first) = seen.get(&id) {
            out.push(CacheProblem::SameId {
                id,
                at: cache.name.span,
                first: first.name.span,
            });
        } else {
            seen.insert(id, cache);
        }
    }
}
