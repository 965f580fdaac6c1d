//! The group's own settings: its AWS id and AUTH token (the schema checks port and retention).

use indexmap::IndexMap;

use crate::aws::quotas::REPLICATION_GROUP_ID_CHARS as MAX_ID;
use crate::diag::{Diag, codes};
use crate::model::ids::replication_group_name;
use crate::model::{Cache, Model};
use crate::span::Span;

pub fn check(model: &Model, cache: &Cache, out: &mut Vec<Diag>) {
    group_id(model, cache, out);
    auth_token(model, cache, out);
}

/// The id is `<stack>-<name>`: each broken rule is blamed on the part that breaks it.
fn group_id(model: &Model, cache: &Cache, out: &mut Vec<Diag>) {
    let stack = &model.stack.name;
    let id = replication_group_name(&stack.value, &cache.name.value);
    let stack_part = stack.value.to_ascii_lowercase();
    let name_part = id.get(stack_part.len() + 1..).unwrap_or_default();
    let name_span = cache.name.span;
    let mut report = |span: Span, problem: String, help: String| {
        out.push(
            Diag::new(
                codes::E0118,
                span,
                format!("the replication group id `{id}` {problem}"),
                "makes the id invalid",
            )
            .help(help),
        );
    };
    if id.len() > MAX_ID {
        let room = MAX_ID.saturating_sub(stack_part.len() + 1);
        if room == 0 {
            report(
                stack.span,
                format!("is {} characters long; AWS allows {MAX_ID}", id.len()),
                format!(
                    "shorten the stack name: ids are `<stack>-<name>`, at most {MAX_ID} characters"
                ),
            );
        } else {
            report(
                name_span,
                format!("is {} characters long; AWS allows {MAX_ID}", id.len()),
                format!("shorten the name to at most {room} characters"),
            );
        }
    }
    if !stack_part.starts_with(|c: char| c.is_ascii_alphabetic()) {
        report(
            stack.span,
            "does not start with a letter".into(),
            "start the stack name with a letter".into(),
        );
    }
    if let Some(bad) = stack_part
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        report(
            stack.span,
            format!("contains `{bad}`; only letters, digits and hyphens are allowed"),
            "use only letters, digits and hyphens in the stack name".into(),
        );
    }
    if stack_part.contains("--") || stack_part.ends_with('-') {
        report(
            stack.span,
            "contains `--`".into(),
            "remove the doubled or trailing hyphen from the stack name".into(),
        );
    } else if name_part.contains("--") || name_part.starts_with('-') {
        report(
            name_span,
            "contains `--`".into(),
            "use single underscores between words, and none at the start".into(),
        );
    }
    if name_part.ends_with('-') {
        report(
            name_span,
            "ends with a hyphen".into(),
            "remove the trailing underscore from the name".into(),
        );
    }
}

fn auth_token(model: &Model, cache: &Cache, out: &mut Vec<Diag>) {
    let Some(token) = &cache.auth_token else {
        return;
    };
    if !cache.transit_encryption() {
        let mut diag = Diag::new(
            codes::E0120,
            token.span,
            "an AUTH token needs transit encryption",
            "AUTH token without TLS",
        )
        .help("add transit_encryption = true");
        if let Some(t) = &cache.transit_encryption {
            diag = diag.with_label(t.span, "transit encryption is off here");
        }
        out.push(diag);
    }
    let path = format!(
        "/{}/{}/auth-token",
        model.stack.name.value, cache.name.value
    );
    let problem = match token.value.split_once(':') {
        Some(("ssm", name)) => ssm_problem(name).map(|p| {
            let fix = format!(
                "write a parameter name of letters, digits and _.-/, such as \"ssm:{path}\""
            );
            (p, fix)
        }),
        Some(("secretsmanager", id)) => secret_problem(id).map(|p| {
            let fix = format!(
                "write a secret name of letters, digits and /_+=.@-, such as \"secretsmanager:{}\"",
                path.trim_start_matches('/')
            );
            (p, fix)
        }),
        _ => {
            // The message never repeats the value: it is a secret.
            out.push(
                Diag::new(
                    codes::E0121,
                    token.span,
                    "auth_token holds the secret itself, which would be stored in the template",
                    "a literal secret",
                )
                .help(format!(
                    "write auth_token = \"ssm:{path}\" and store the token there as a \
                     SecureString (16 to 128 printable characters, no @, \", / or %)"
                )),
            );
            None
        }
    };
    if let Some((problem, fix)) = problem {
        out.push(
            Diag::new(
                codes::E0122,
                token.span,
                format!("malformed AUTH token reference: {problem}"),
                "not a usable reference",
            )
            .help(fix),
        );
    }
}

/// `{{resolve:ssm-secure:NAME(:VERSION)?}}` takes names of `[a-zA-Z0-9_.-/]` (CloudFormation
/// "dynamic references"); hierarchical names start with `/`.
fn ssm_problem(path: &str) -> Option<String> {
    let (name, version) = match path.rsplit_once(':') {
        Some((name, v)) => (name, Some(v)),
        None => (path, None),
    };
    if name.is_empty() {
        return Some("no parameter name after `ssm:`".into());
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_.-/".contains(*c)))
    {
        return Some(format!("{} cannot appear in a parameter name", show(bad)));
    }
    if name.contains('/') && !name.starts_with('/') {
        return Some("a parameter path starts with `/`".into());
    }
    if let Some(v) = version
        && (v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()))
    {
        return Some("the text after the last `:` must be a version number".into());
    }
    None
}

/// A secret's name (`[A-Za-z0-9/_+=.@-]`) or its full ARN.
fn secret_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("no secret name after `secretsmanager:`".into());
    }
    if id.starts_with("arn:") {
        return None;
    }
    id.chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "/_+=.@-".contains(*c)))
        .map(|bad| format!("{} cannot appear in a secret name", show(bad)))
}

fn show(c: char) -> String {
    if c.is_whitespace() {
        "a space".into()
    } else {
        format!("`{c}`")
    }
}

/// AWS stores ids lowercased, so `Cache` and `cache` would be one group.
pub fn unique_ids(model: &Model, out: &mut Vec<Diag>) {
    let mut seen: IndexMap<String, &Cache> = IndexMap::new();
    for cache in &model.caches {
        let id = replication_group_name(&model.stack.name.value, &cache.name.value);
        if let Some(first) = seen.get(&id) {
            out.push(
                Diag::new(
                    codes::E0125,
                    cache.name.span,
                    format!("two replication groups get the id `{id}`"),
                    "same id as another group",
                )
                .with_label(first.name.span, "this group has it too")
                .help("rename one of the groups: ids ignore case"),
            );
        } else {
            seen.insert(id, cache);
        }
    }
}
