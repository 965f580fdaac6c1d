//! Tags: AWS's rules for each key and value, and the count on each resource once the stack's
//! tags and a declaration's own are merged (the declaration's wins on a shared key).
//!
//! Source: "Tagging your AWS resources" (Tagging Best Practices, "Tag naming limits and
//! requirements"): keys 1 to 128 characters, values 0 to 256, at most 50 user tags per resource,
//! `aws:` reserved in any case. Characters: EC2 accepts any; ElastiCache, Lambda, IAM and SSM take
//! letters, numbers, spaces and `_ . : / = + - @` (IAM's and SSM's registry schemas:
//! `^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`).

mod problem;

use problem::TagProblem;

use crate::aws::quotas::{TAG_KEY_CHARS, TAG_VALUE_CHARS, TAGS_PER_RESOURCE};
use crate::diag::Diag;
use crate::model::{Model, S, Tag, merged_tags};

/// The key every resource cachec names in EC2 already carries (its AWS name).
const NAME: &str = "Name";

/// What one declaration's tags land on.
struct Target<'m> {
    name: &'m S<String>,
    own: &'m [Tag],
    /// Some resource is not an EC2 one, so the characters of every service's rule apply.
    restricted: bool,
    /// Some resource is an EC2 one that cachec tags with `Name` already.
    named: bool,
}

fn targets(model: &Model) -> Vec<Target<'_>> {
    let net = &model.network;
    let mut out = vec![Target {
        name: &net.name,
        own: &net.tags,
        restricted: false,
        named: true,
    }];
    out.extend(model.caches.iter().map(|c| Target {
        name: &c.name,
        own: &c.tags,
        restricted: true,
        named: true,
    }));
    out.extend(model.layers.iter().map(|l| Target {
        name: &l.name,
        own: &l.tags,
        restricted: true,
        named: false,
    }));
    out.extend(model.instances.iter().map(|i| Target {
        name: &i.name,
        own: &i.tags,
        restricted: i.session_manager(),
        named: true,
    }));
    out.extend(model.functions.iter().map(|f| Target {
        name: &f.name,
        own: &f.tags,
        restricted: true,
        named: f.subnet().is_some(),
    }));
    out
}

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(TagProblem::diag));
}

fn find(model: &Model) -> Vec<TagProblem<'_>> {
    let mut found = Vec::new();
    let targets = targets(model);
    let stack_restricted = targets.iter().any(|t| t.restricted);
    each(&model.stack.tags, stack_restricted, &mut found);
    for t in &targets {
        each(t.own, t.restricted, &mut found);
    }
    let mut stack_reported = false;
    for t in &targets {
        let tags = merged_tags(&model.stack.tags, t.own);
        let named = t.named && !tags.iter().any(|tag| tag.key.value == NAME);
        let count = tags.len() + usize::from(named);
        if count <= TAGS_PER_RESOURCE {
            continue;
        }
        // Too many from the stack alone: said once, at the stack.
        let from_stack = t.own.is_empty();
        if from_stack && std::mem::replace(&mut stack_reported, true) {
            continue;
        }
        found.push(TagProblem::TooMany {
            at: if from_stack {
                &model.stack.name
            } else {
                t.name
            },
            owner: t.name,
            count,
            named,
        });
    }
    found
}

/// The rules of each key and value of one `tags` block.
fn each<'m>(tags: &'m [Tag], restricted: bool, found: &mut Vec<TagProblem<'m>>) {
    for tag in tags {
        let chars = tag.key.value.chars().count();
        if chars == 0 || chars > TAG_KEY_CHARS {
            found.push(TagProblem::KeyLength { tag, chars });
        }
        let chars = tag.value.value.chars().count();
        if chars > TAG_VALUE_CHARS {
            found.push(TagProblem::ValueLength { tag, chars });
        }
        if reserved(&tag.key.value) {
            found.push(TagProblem::ReservedKey { tag });
        } else if reserved(&tag.value.value) {
            found.push(TagProblem::ReservedValue { tag });
        }
        if !restricted {
            continue;
        }
        for (text, what) in [(&tag.key, "key"), (&tag.value, "value")] {
            let bad: Vec<char> = text.value.chars().filter(|c| !allowed(*c)).collect();
            if !bad.is_empty() {
                found.push(TagProblem::Characters { text, what, bad });
            }
        }
    }
}

/// `aws:` in any case.
fn reserved(text: &str) -> bool {
    text.get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
}

/// `\p{L}\p{Z}\p{N}` and `_ . : / = + - @`; Rust's classes are as wide or wider, never stricter.
fn allowed(c: char) -> bool {
    c.is_alphanumeric()
        || (c.is_whitespace() && !c.is_control())
        || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_reserved_in_any_case_and_characters_follow_the_rule() {
        assert!(reserved("aws:x") && reserved("AwS:x") && !reserved("aws") && !reserved("xaws:"));
        assert!("Team cost-center_1.a:b/c=d+e@f é".chars().all(allowed));
        assert!(!allowed('!') && !allowed('\t') && !allowed('#') && !allowed('"'));
    }
}
