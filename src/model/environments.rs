//! Environments: `environments = [dev, prod]` on `stack`, and values per environment such as
//! `{ dev: 1, prod: 2 }`. The program is lowered once per environment with the values chosen here.

use std::borrow::Cow;

use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::span::{Span, Spanned};
use crate::syntax::ast::{Attr, Entry, File, Item, Value, ValueKind};

/// The name in a value per environment that stands for every environment it does not name.
pub const DEFAULT: &str = "default";

/// The key on `stack` that declares the environments.
const KEY: &str = "environments";

/// The `environments` attribute of the (first) stack.
fn declaration(file: &File) -> Option<&Attr> {
    let stack = file.items.iter().find(|i| i.kind.value == "stack")?;
    stack.entries.iter().find_map(|e| match e {
        Entry::Attr(a) if a.key.value == KEY => Some(a),
        _ => None,
    })
}

/// Every name written in `environments = [...]`, in order, duplicates and bad names included.
pub fn declared(file: &File) -> Vec<Spanned<String>> {
    let Some(ValueKind::List(items)) = declaration(file).map(|a| &a.value.kind) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|v| match &v.kind {
            ValueKind::Path(p) if p.len() == 1 => p.first().cloned(),
            _ => None,
        })
        .collect()
}

/// The environments a program is built for: the declared names that can be, each once.
pub fn names(file: &File) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in declared(file) {
        if usable(&name.value) && !out.contains(&name.value) {
            out.push(name.value);
        }
    }
    out
}

/// `dev`, `pre_prod`, `eu2`: a lowercase letter, then lowercase letters and digits, with single
/// underscores between them. The name joins every AWS name cachec derives (`shop-pre-prod-cache`),
/// whose rules allow letters, digits and single hyphens; lowercase because ElastiCache lowercases
/// its ids, so `Prod` and `prod` would collide there.
fn usable(name: &str) -> bool {
    name != DEFAULT
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('_')
        && !name.contains("__")
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The problems of the declaration and of every value per environment, found once for all
/// environments (they do not depend on which one is built).
pub fn problems(file: &File) -> Vec<Diag> {
    let mut out = Vec::new();
    let declared = declared(file);
    if let Some(attr) = declaration(file) {
        declaration_problems(attr, &declared, &mut out);
    }
    let names = names(file);
    let mut values = Vec::new();
    for item in &file.items {
        per_env_values(item, &mut values);
    }
    let own = declaration(file).map(|a| a.value.span);
    for value in values.into_iter().filter(|v| Some(v.span) != own) {
        value_problems(value, &declared, &names, &mut out);
    }
    out
}

fn declaration_problems(attr: &Attr, declared: &[Spanned<String>], out: &mut Vec<Diag>) {
    match &attr.value.kind {
        ValueKind::PerEnv(_) => out.push(
            Diag::new(
                codes::E1108,
                attr.value.span,
                "the environments cannot differ between environments",
                "a value per environment",
            )
            .help("write the list once: environments = [dev, prod]"),
        ),
        ValueKind::List(items) if items.is_empty() => out.push(
            Diag::new(
                codes::E1107,
                attr.value.span,
                "the list of environments is empty",
                "no environment",
            )
            .help("name at least one environment, such as environments = [dev, prod], or remove the attribute"),
        ),
        _ => {}
    }
    for (i, name) in declared.iter().enumerate() {
        let first = declared
            .get(..i)
            .and_then(|before| before.iter().find(|n| n.value == name.value));
        if let Some(first) = first {
            out.push(
                Diag::new(
                    codes::E1104,
                    name.span,
                    format!("the environment `{}` is declared twice", name.value),
                    "declared again",
                )
                .with_label(first.span, "first declared here")
                .help(format!("remove the second `{}`", name.value)),
            );
        } else if name.value == DEFAULT {
            out.push(
                Diag::new(
                    codes::E1105,
                    name.span,
                    "`default` cannot be an environment",
                    "reserved",
                )
                .help("`default:` in a value per environment stands for every environment it does not name; call the environment something else, such as `dev`"),
            );
        } else if !usable(&name.value) {
            out.push(
                Diag::new(
                    codes::E1106,
                    name.span,
                    format!("`{}` cannot be part of AWS names", name.value),
                    "not lowercase letters, digits and single underscores",
                )
                .help(format!(
                    "the environment joins every name cachec gives (`<stack>-<env>-<name>`): use lowercase letters and digits with single underscores, such as `{}`",
                    suggested(&name.value)
                )),
            );
        }
    }
}

/// A usable name close to `name`.
fn suggested(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9') => out.push(c),
            _ if !out.is_empty() && !out.ends_with('_') => out.push('_'),
            _ => {}
        }
    }
    let out = out.trim_end_matches('_').to_string();
    match out.starts_with(|c: char| c.is_ascii_lowercase()) {
        true => out,
        false => format!("env{out}"),
    }
}

/// Every value per environment in `item` and the blocks inside it.
fn per_env_values<'a>(item: &'a Item, out: &mut Vec<&'a Value>) {
    for entry in &item.entries {
        match entry {
            Entry::Attr(a) if matches!(a.value.kind, ValueKind::PerEnv(_)) => out.push(&a.value),
            Entry::Attr(_) => {}
            Entry::Item(inner) => per_env_values(inner, out),
        }
    }
}

fn value_problems(
    value: &Value,
    declared: &[Spanned<String>],
    names: &[String],
    out: &mut Vec<Diag>,
) {
    let ValueKind::PerEnv(values) = &value.kind else {
        return;
    };
    if declared.is_empty() {
        out.push(
            Diag::new(
                codes::E1100,
                value.span,
                "a value per environment in a program without environments",
                "no environments are declared",
            )
            .help(
                "declare them on the stack, such as environments = [dev, prod], or write one value",
            ),
        );
        return;
    }
    let mut seen: Vec<&Spanned<String>> = Vec::new();
    let mut misspelt = false;
    for v in values {
        if let Some(first) = seen.iter().find(|s| s.value == v.env.value) {
            out.push(
                Diag::new(
                    codes::E1103,
                    v.env.span,
                    format!("`{}` has two values", v.env.value),
                    "given again",
                )
                .with_label(first.span, "first given here")
                .help(format!("keep one value for `{}`", v.env.value)),
            );
            continue;
        }
        seen.push(&v.env);
        if v.env.value != DEFAULT && !names.contains(&v.env.value) {
            misspelt = true;
            let candidates: Vec<&str> = names.iter().map(String::as_str).chain([DEFAULT]).collect();
            out.push(
                Diag::new(
                    codes::E1101,
                    v.env.span,
                    format!("`{}` is not a declared environment", v.env.value),
                    "not in the stack's environments",
                )
                .help(did_you_mean(&v.env.value, &candidates, "environment")),
            );
        }
    }
    let named = |env: &str| values.iter().any(|v| v.env.value == env);
    let default = values.iter().find(|v| v.env.value == DEFAULT);
    let missing: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| !named(n))
        .collect();
    // A misspelt environment is most likely the missing one: reported once, as the misspelling.
    if default.is_none() && !missing.is_empty() && !misspelt {
        let list = missing
            .iter()
            .map(|m| format!("`{m}`"))
            .collect::<Vec<_>>()
            .join(", ");
        out.push(
            Diag::new(
                codes::E1102,
                value.span,
                format!("no value for {list}"),
                format!("{list} not given"),
            )
            .fact(
                "missing",
                missing.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
            )
            .help(format!(
                "add `{}: ...`, or `default: ...` for every environment not named",
                missing.first().copied().unwrap_or(DEFAULT)
            )),
        );
        return;
    }
    if misspelt {
        return;
    }
    if let Some(default) = default.filter(|_| missing.is_empty()) {
        out.push(
            Diag::new(
                codes::W1101,
                default.env.span,
                "no environment takes the default",
                "every environment has its own value",
            )
            .help("remove `default: ...`, or the value of an environment that should take it"),
        );
    }
    let chosen: Vec<String> = names
        .iter()
        .filter_map(|n| choose(values, Some(n)))
        .map(text)
        .collect();
    if names.len() > 1
        && chosen.len() == names.len()
        && chosen.iter().all(|c| Some(c) == chosen.first())
    {
        out.push(
            Diag::new(
                codes::W1100,
                value.span,
                "every environment gets the same value",
                "the same in every environment",
            )
            .help(format!(
                "write the value once: {}",
                chosen.first().map_or("", String::as_str)
            )),
        );
    }
}

/// The value `env` gets: its own, else the default; the first as a stand-in when neither is
/// written (reported), and for a program without environments.
fn choose<'a>(values: &'a [crate::syntax::ast::EnvValue], env: Option<&str>) -> Option<&'a Value> {
    let own = env.and_then(|env| values.iter().find(|v| v.env.value == env));
    own.or_else(|| values.iter().find(|v| v.env.value == DEFAULT))
        .or_else(|| values.first())
        .map(|v| &v.value)
}

/// What each environment of the program gets from `value`, as (environment, value as written):
/// for hover. Empty unless `value` is a value per environment.
pub fn each(file: &File, value: &Value) -> Vec<(String, String)> {
    let ValueKind::PerEnv(values) = &value.kind else {
        return Vec::new();
    };
    names(file)
        .into_iter()
        .filter_map(|env| {
            let chosen = choose(values, Some(&env)).map(text)?;
            Some((env, chosen))
        })
        .collect()
}

/// A value as written, without its layout: values compare by this text.
fn text(value: &Value) -> String {
    match &value.kind {
        ValueKind::Str(s) => format!("{s:?}"),
        ValueKind::Int(n) => n.to_string(),
        ValueKind::Bool(b) => b.to_string(),
        ValueKind::Path(parts) => parts
            .iter()
            .map(|p| p.value.as_str())
            .collect::<Vec<_>>()
            .join("."),
        ValueKind::List(items) => {
            format!(
                "[{}]",
                items.iter().map(text).collect::<Vec<_>>().join(", ")
            )
        }
        ValueKind::PerEnv(_) => String::new(),
    }
}

/// The program as environment `env` sees it (`None`: a program without environments), every value
/// per environment replaced by the one it chooses; borrowed when there is none to replace.
pub fn select<'a>(file: &'a File, env: Option<&str>) -> Cow<'a, File> {
    let mut values = Vec::new();
    for item in &file.items {
        per_env_values(item, &mut values);
    }
    if values.is_empty() {
        return Cow::Borrowed(file);
    }
    Cow::Owned(File {
        items: file.items.iter().map(|i| select_item(i, env)).collect(),
    })
}

fn select_item(item: &Item, env: Option<&str>) -> Item {
    let entries = item
        .entries
        .iter()
        .filter_map(|entry| match entry {
            Entry::Item(inner) => Some(Entry::Item(select_item(inner, env))),
            Entry::Attr(a) => match &a.value.kind {
                ValueKind::PerEnv(values) => choose(values, env).map(|value| {
                    Entry::Attr(Attr {
                        key: a.key.clone(),
                        value: value.clone(),
                        span: a.span,
                    })
                }),
                _ => Some(entry.clone()),
            },
        })
        .collect();
    Item {
        entries,
        kind: item.kind.clone(),
        names: item.names.clone(),
        span: item.span,
        broken: item.broken,
    }
}

/// Where the stack names its environments, for a diagnostic about them: the list, else the stack.
pub fn declaration_span(file: &File) -> Option<Span> {
    declaration(file).map(|a| a.value.span).or_else(|| {
        file.items
            .iter()
            .find(|i| i.kind.value == "stack")
            .map(|i| i.kind.span)
    })
}
