//! Tags: AWS's rules for each key and value, and the count on each resource once the stack's
//! tags and a declaration's own are merged (the declaration's wins on a shared key).
//!
//! Source: "Tagging your AWS resources" (Tagging Best Practices, "Tag naming limits and
//! requirements"): keys 1 to 128 characters, values 0 to 256, at most 50 user tags per resource,
//! `aws:` reserved in any case. Characters: EC2 accepts any; ElastiCache, Lambda, IAM and SSM take
//! letters, numbers, spaces and `_ . : / = + - @` (IAM's and SSM's registry schemas:
//! `^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$`).

use super::aws_names::chars;
use crate::aws::quotas::{TAG_KEY_CHARS, TAG_VALUE_CHARS, TAGS_PER_RESOURCE};
use crate::diag::{Diag, codes};
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
        named: f.subnet.is_some(),
    }));
    out
}

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let targets = targets(model);
    let stack_restricted = targets.iter().any(|t| t.restricted);
    each(&model.stack.tags, stack_restricted, out);
    for t in &targets {
        each(t.own, t.restricted, out);
    }
    let mut stack_reported = false;
    for t in &targets {
        let tags = merged_tags(&model.stack.tags, t.own);
        let reserved = usize::from(t.named && !tags.iter().any(|tag| tag.key.value == NAME));
        let count = tags.len() + reserved;
        if count <= TAGS_PER_RESOURCE {
            continue;
        }
        let from_stack = t.own.is_empty();
        if from_stack && std::mem::replace(&mut stack_reported, true) {
            continue;
        }
        let at = if from_stack {
            &model.stack.name
        } else {
            t.name
        };
        let name_note = if reserved == 1 {
            " (one is the `Name` tag cachec gives its EC2 resources)"
        } else {
            ""
        };
        out.push(
            Diag::new(
                codes::E0174,
                at.span,
                format!(
                    "the resources of `{}` would carry {count} tags{name_note}; AWS allows \
                     {TAGS_PER_RESOURCE} per resource",
                    t.name.value
                ),
                "too many tags",
            )
            .help(format!(
                "the stack's tags and `{}`'s own count together: remove {} of them",
                t.name.value,
                count - TAGS_PER_RESOURCE
            )),
        );
    }
}

/// The rules of each key and value of one `tags` block.
fn each(tags: &[Tag], restricted: bool, out: &mut Vec<Diag>) {
    for tag in tags {
        let (key, value) = (&tag.key.value, &tag.value.value);
        let key_chars = key.chars().count();
        if key_chars == 0 || key_chars > TAG_KEY_CHARS {
            out.push(
                Diag::new(
                    codes::E0170,
                    tag.key.span,
                    format!(
                        "a tag key has {key_chars} characters; AWS allows 1 to {TAG_KEY_CHARS}"
                    ),
                    "this key",
                )
                .help(format!("use a key of 1 to {TAG_KEY_CHARS} characters")),
            );
        }
        let value_chars = value.chars().count();
        if value_chars > TAG_VALUE_CHARS {
            out.push(
                Diag::new(
                    codes::E0171,
                    tag.value.span,
                    format!(
                        "the value of tag `{key}` has {value_chars} characters; AWS allows \
                         {TAG_VALUE_CHARS}"
                    ),
                    "this value",
                )
                .help(format!("shorten it to {TAG_VALUE_CHARS} characters")),
            );
        }
        if reserved(key) {
            out.push(
                Diag::new(
                    codes::E0172,
                    tag.key.span,
                    format!("the tag key `{key}` starts with `aws:`, which AWS reserves"),
                    "reserved prefix",
                )
                .help("choose a key without the `aws:` prefix, in any case"),
            );
        } else if reserved(value) {
            out.push(
                Diag::new(
                    codes::W0170,
                    tag.value.span,
                    format!(
                        "the value of tag `{key}` starts with `aws:`: CloudFormation can then \
                         neither update nor remove the tag"
                    ),
                    "reserved prefix",
                )
                .help("choose a value without the `aws:` prefix"),
            );
        }
        if !restricted {
            continue;
        }
        for (text, span, what) in [(key, tag.key.span, "key"), (value, tag.value.span, "value")] {
            let bad: Vec<char> = text.chars().filter(|c| !allowed(*c)).collect();
            if bad.is_empty() {
                continue;
            }
            out.push(
                Diag::new(
                    codes::E0173,
                    span,
                    format!("the tag {what} `{text}` holds {}", chars(&bad)),
                    "not allowed in a tag",
                )
                .help(
                    "ElastiCache, Lambda and IAM take letters, numbers, spaces and \
                     `_ . : / = + - @` only",
                ),
            );
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
