//! The tag family's findings as data, and their wording. The rules in `tags` only find; this
//! module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::aws::quotas::{TAG_KEY_CHARS, TAG_VALUE_CHARS, TAGS_PER_RESOURCE};
use crate::check::aws_names::chars;
use crate::diag::{Diag, codes};
use crate::model::{S, Tag};

/// What the tag rules find.
#[derive(Debug, Clone)]
pub enum TagProblem<'m> {
    /// E0170: a key outside 1 to 128 characters.
    KeyLength { tag: &'m Tag, chars: usize },
    /// E0171: a value over 256 characters.
    ValueLength { tag: &'m Tag, chars: usize },
    /// E0172: a key starting with `aws:` in any case.
    ReservedKey { tag: &'m Tag },
    /// W0170: a value starting with `aws:` in any case.
    ReservedValue { tag: &'m Tag },
    /// E0173: characters ElastiCache, Lambda, IAM and SSM reject, in the key or the value.
    Characters {
        text: &'m S<String>,
        what: &'static str,
        bad: Vec<char>,
    },
    /// E0174: more than 50 tags on the resources of `owner`, reported at `at`; `named` when one
    /// of them is the `Name` tag cachec adds.
    TooMany {
        at: &'m S<String>,
        owner: &'m S<String>,
        count: usize,
        named: bool,
    },
}

impl TagProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            TagProblem::KeyLength { tag, chars } => Diag::new(
                codes::E0170,
                tag.key.span,
                format!("a tag key has {chars} characters; AWS allows 1 to {TAG_KEY_CHARS}"),
                "this key",
            )
            .help(format!("use a key of 1 to {TAG_KEY_CHARS} characters"))
            .fact("chars", *chars),
            TagProblem::ValueLength { tag, chars } => Diag::new(
                codes::E0171,
                tag.value.span,
                format!(
                    "the value of tag `{}` has {chars} characters; AWS allows {TAG_VALUE_CHARS}",
                    tag.key.value
                ),
                "this value",
            )
            .help(format!("shorten it to {TAG_VALUE_CHARS} characters"))
            .fact("key", tag.key.value.as_str())
            .fact("chars", *chars),
            TagProblem::ReservedKey { tag } => Diag::new(
                codes::E0172,
                tag.key.span,
                format!(
                    "the tag key `{}` starts with `aws:`, which AWS reserves",
                    tag.key.value
                ),
                "reserved prefix",
            )
            .help("choose a key without the `aws:` prefix, in any case")
            .fact("key", tag.key.value.as_str()),
            TagProblem::ReservedValue { tag } => Diag::new(
                codes::W0170,
                tag.value.span,
                format!(
                    "the value of tag `{}` starts with `aws:`: CloudFormation can then neither \
                     update nor remove the tag",
                    tag.key.value
                ),
                "reserved prefix",
            )
            .help("choose a value without the `aws:` prefix")
            .fact("key", tag.key.value.as_str()),
            TagProblem::Characters { text, what, bad } => Diag::new(
                codes::E0173,
                text.span,
                format!("the tag {what} `{}` holds {}", text.value, chars(bad)),
                "not allowed in a tag",
            )
            .help(
                "ElastiCache, Lambda and IAM take letters, numbers, spaces and \
                 `_ . : / = + - @` only",
            )
            .fact(what, text.value.as_str()),
            TagProblem::TooMany {
                at,
                owner,
                count,
                named,
            } => {
                let name_note = if *named {
                    " (one is the `Name` tag cachec gives its EC2 resources)"
                } else {
                    ""
                };
                Diag::new(
                    codes::E0174,
                    at.span,
                    format!(
                        "the resources of `{}` would carry {count} tags{name_note}; AWS allows \
                         {TAGS_PER_RESOURCE} per resource",
                        owner.value
                    ),
                    "too many tags",
                )
                .help(format!(
                    "the stack's tags and `{}`'s own count together: remove {} of them",
                    owner.value,
                    count.saturating_sub(TAGS_PER_RESOURCE)
                ))
                .fact("count", *count)
            }
        }
    }
}
