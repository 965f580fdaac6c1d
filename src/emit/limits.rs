//! CloudFormation's per-template limits, judged on the printed templates before any is written:
//! resources, parameters, outputs, bytes of body, descriptions, valid logical ids (quotas in
//! `aws::quotas`).

use crate::hash::{HashMap, HashSet};

use super::node::Template;
use crate::aws::quotas::{
    LOGICAL_ID_CHARS as MAX_ID, TEMPLATE_BODY_BYTES, TEMPLATE_DESCRIPTION_BYTES, TEMPLATE_OUTPUTS,
    TEMPLATE_PARAMETERS, TEMPLATE_RESOURCES,
};
use crate::diag::{Code, Diag, codes};
use crate::model::{Model, ids};
use crate::span::Span;

/// `templates` are the emitted templates by file stem, `sizes` their printed sizes in bytes (or an
/// upper bound of one, where that bound is within the body limit), in the same order, and
/// `extension` the printed format's (`yaml` or `json`).
pub fn templates(
    model: &Model,
    templates: &[(String, Template)],
    sizes: &[usize],
    extension: &str,
) -> Vec<Diag> {
    let mut out = Vec::new();
    let stack = model.stack.name.span;
    // Which declaration an id comes from is asked only for an invalid id: built on first need.
    let mut names: Option<HashMap<String, Span>> = None;
    let mut reported: HashSet<&str> = HashSet::default();
    for (index, (stem, t)) in templates.iter().enumerate() {
        let file = format!("{stem}.{extension}");
        for (code, what, count, max) in [
            (
                codes::E0601,
                "resources",
                t.resources.len(),
                TEMPLATE_RESOURCES,
            ),
            (
                codes::E0602,
                "parameters",
                t.parameters.len(),
                TEMPLATE_PARAMETERS,
            ),
            (codes::E0603, "outputs", t.outputs.len(), TEMPLATE_OUTPUTS),
        ] {
            if count > max {
                out.push(count_limit(code, stack, &file, what, count, max));
            }
        }
        if let Some(&size) = sizes.get(index).filter(|s| **s > TEMPLATE_BODY_BYTES) {
            out.push(
                Diag::new(
                    codes::E0604,
                    stack,
                    format!(
                        "{file} is {size} bytes; CloudFormation reads at most \
                         {TEMPLATE_BODY_BYTES} bytes of template from S3"
                    ),
                    "this stack's template is too large",
                )
                .help(
                    "build without --single (nested templates are split to fit), shorten the \
                     largest inline sources, or split the program into two .cache files",
                ),
            );
        }
        out.extend(descriptions(model, &file, t));
        let all_ids = t
            .resources
            .keys()
            .chain(t.parameters.keys())
            .chain(t.outputs.keys());
        for id in all_ids {
            let valid = id.len() <= MAX_ID
                && !id.is_empty()
                && id.chars().all(|c| c.is_ascii_alphanumeric());
            if valid || !reported.insert(id) {
                continue;
            }
            let names = names.get_or_insert_with(|| {
                ids::all(model)
                    .into_iter()
                    .flat_map(|d| d.ids.into_iter().map(move |(_, id)| (id, d.name.span)))
                    .collect()
            });
            let at = names.get(id).copied().unwrap_or(stack);
            out.push(
                Diag::new(
                    codes::E0606,
                    at,
                    format!(
                        "the logical id `{}` in {file} is {} characters; CloudFormation allows \
                         {MAX_ID} letters and digits",
                        abbreviated(id),
                        id.len()
                    ),
                    "the name this id comes from",
                )
                .help(format!(
                    "shorten the name so that its longest id stays within {MAX_ID} characters"
                )),
            );
        }
    }
    out
}

/// The template's description: the stack's own, or one cachec derives from the stack name.
fn descriptions(model: &Model, file: &str, t: &Template) -> Vec<Diag> {
    let mut out = Vec::new();
    let at = model
        .stack
        .description
        .as_ref()
        .map_or(model.stack.name.span, |d| d.span);
    let bytes = t.description.len();
    if bytes > TEMPLATE_DESCRIPTION_BYTES {
        out.push(
            Diag::new(
                codes::E0607,
                at,
                format!(
                    "the description of {file} is {bytes} bytes; CloudFormation allows \
                     {TEMPLATE_DESCRIPTION_BYTES}"
                ),
                "this description",
            )
            .help(format!(
                "shorten the description to {TEMPLATE_DESCRIPTION_BYTES} bytes (a non-ASCII \
                 character takes 2 to 4)"
            )),
        );
    }
    out
}

/// A long id as its first and last 20 characters.
fn abbreviated(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 48 {
        return id.to_string();
    }
    let head: String = chars.iter().take(20).collect();
    let tail: String = chars.iter().skip(chars.len() - 20).collect();
    format!("{head}...{tail}")
}

fn count_limit(code: Code, stack: Span, file: &str, what: &str, count: usize, max: usize) -> Diag {
    Diag::new(
        code,
        stack,
        format!("{file} has {count} {what}; CloudFormation allows {max} per template"),
        "this stack's template is too large",
    )
    .help(
        "build without --single: nested templates are split to fit; or split the program into \
         two .cache files",
    )
}
