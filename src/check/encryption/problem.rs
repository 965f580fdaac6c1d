//! The encryption findings as data, and their wording. The rules in `mod.rs` only find; this
//! module alone writes the messages and the fixes they suggest.

use crate::aws::engines::{self, TRANSIT_MODE_SINCE};
use crate::diag::{Diag, codes};
use crate::model::{Cache, S, TransitMode};
use crate::span::Span;

#[derive(Debug, Clone)]
pub enum EncryptionProblem<'m> {
    /// E0140: a KMS key while at-rest encryption is off.
    KeyWithoutAtRest { key: Span, at_rest: Option<Span> },
    /// E0141: a string that names no key in any form KMS knows; `declared` when a declared key
    /// has that name (written in quotes by mistake).
    MalformedKey {
        key: &'m S<String>,
        declared: Option<&'m str>,
    },
    /// E0142: a transit mode while TLS is off.
    ModeWithoutTls { mode: Span, tls: Option<Span> },
    /// E0143: a transit mode on an engine version without one.
    ModeTooOld {
        mode: &'m S<TransitMode>,
        cache: &'m Cache,
    },
    /// W0134: transit mode preferred.
    Preferred { mode: Span },
    /// E0146: transit mode preferred together with an AUTH token.
    PreferredWithToken { mode: Span, token: Span },
    /// E0145: a declared key's alias AWS rejects.
    BadAlias {
        alias: &'m S<String>,
        fault: AliasFault,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasFault {
    NoPrefix,
    TooLong(usize),
    Chars,
    Reserved,
}

impl EncryptionProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            EncryptionProblem::KeyWithoutAtRest { key, at_rest } => {
                let diag = Diag::new(
                    codes::E0140,
                    *key,
                    "a KMS key encrypts data at rest, but at-rest encryption is off",
                    "KMS key without at-rest encryption",
                )
                .help("add at_rest_encryption = true (it can only be chosen when the group is created), or remove kms_key");
                match at_rest {
                    Some(span) => diag.with_label(*span, "at-rest encryption is off here"),
                    None => diag,
                }
            }
            EncryptionProblem::MalformedKey { key, declared } => {
                let help = match declared {
                    Some(name) => format!(
                        "write kms_key = {name} without quotes: it is declared in this program"
                    ),
                    None => format!(
                        "write a key id, a key ARN, an alias ARN or an alias name such as \"alias/{}\"",
                        key.value.trim_start_matches("alias/")
                    ),
                };
                Diag::new(
                    codes::E0141,
                    key.span,
                    format!("`{}` does not name a KMS key", key.value),
                    "not a key id, ARN or alias",
                )
                .help(help)
            }
            EncryptionProblem::ModeWithoutTls { mode, tls } => {
                let diag = Diag::new(
                    codes::E0142,
                    *mode,
                    "a transit encryption mode needs transit encryption",
                    "transit mode without TLS",
                )
                .help("add transit_encryption = true, or remove transit_mode");
                match tls {
                    Some(span) => diag.with_label(*span, "transit encryption is off here"),
                    None => diag,
                }
            }
            EncryptionProblem::ModeTooOld { mode, cache } => {
                let name = engines::display_name(&cache.engine.value);
                let since = TRANSIT_MODE_SINCE
                    .iter()
                    .find(|(e, _)| *e == cache.engine.value)
                    .map_or(String::new(), |(_, v)| v.to_string());
                Diag::new(
                    codes::E0143,
                    mode.span,
                    format!(
                        "{name} {} has no transit encryption mode",
                        cache.engine_version.value
                    ),
                    format!("needs {name} {since} or later"),
                )
                .with_label(
                    cache.engine_version.span,
                    format!("{name} {} is set here", cache.engine_version.value),
                )
                .help(format!(
                    "remove transit_mode (TLS then admits encrypted connections only), or write engine_version = \"{since}\" or later"
                ))
            }
            EncryptionProblem::Preferred { mode } => Diag::new(
                codes::W0134,
                *mode,
                "transit mode preferred lets clients connect without TLS",
                "plain connections still admitted",
            )
            .help("once every client connects with TLS, write transit_mode = required"),
            EncryptionProblem::PreferredWithToken { mode, token } => Diag::new(
                codes::E0146,
                *mode,
                "ElastiCache does not take transit mode preferred together with an AUTH token",
                "transit mode preferred",
            )
            .with_label(*token, "AUTH token given here")
            .help("write transit_mode = required, or add the AUTH token in a later update, once the mode is required"),
            EncryptionProblem::BadAlias { alias, fault } => {
                let (message, help) = match fault {
                    AliasFault::NoPrefix => (
                        format!("the alias `{}` does not start with `alias/`", alias.value),
                        format!("write alias = \"alias/{}\"", slug(&alias.value)),
                    ),
                    AliasFault::TooLong(n) => (
                        format!("the alias is {n} characters long; KMS allows 256"),
                        "shorten the alias".to_string(),
                    ),
                    AliasFault::Chars => (
                        format!(
                            "the alias `{}` may hold only letters, digits and :/_-",
                            alias.value
                        ),
                        format!(
                            "write alias = \"alias/{}\"",
                            slug(alias.value.trim_start_matches("alias/"))
                        ),
                    ),
                    AliasFault::Reserved => (
                        "aliases under `alias/aws/` are reserved for AWS managed keys".to_string(),
                        format!(
                            "write alias = \"alias/{}\"",
                            alias.value.trim_start_matches("alias/aws/")
                        ),
                    ),
                };
                Diag::new(codes::E0145, alias.span, message, "not a usable alias").help(help)
            }
        }
    }
}

/// `cache key` -> `cache-key`: the characters an alias takes.
fn slug(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ":/_-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect()
}
