//! The security family's findings as data, and their wording: what each exposes and how to close
//! it. The rules in `security` only find; this module alone writes the prose.

use crate::diag::{Diag, codes};
use crate::span::Span;

/// What the security rules find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecurityProblem<'m> {
    /// W0501: a function URL with `url = "public"`.
    PublicUrl { function: &'m str, at: Span },
    /// W0502: a cache without transit encryption; `written` when `transit_encryption = false`
    /// is in the program rather than the default.
    Cleartext {
        cache: &'m str,
        at: Span,
        written: bool,
    },
    /// W0503: blocks of `allow_cidrs` that admit every address, each with its span.
    AnyAddress {
        cache: &'m str,
        port: i64,
        first: (&'m str, Span),
        more: Vec<(&'m str, Span)>,
    },
}

impl SecurityProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            SecurityProblem::PublicUrl { function, at } => Diag::new(
                codes::W0501,
                *at,
                format!(
                    "the URL of function `{function}` needs no authentication: anyone on the \
                     internet can invoke it"
                ),
                "open to the internet",
            )
            .help(
                "write `url = iam` to require signed requests (SigV4), or pass `--allow W0501` \
                 if the function is meant to be public",
            )
            .fact("function", *function),
            SecurityProblem::Cleartext { cache, at, written } => Diag::new(
                codes::W0502,
                *at,
                format!(
                    "`{cache}` accepts unencrypted connections: commands and data cross the \
                     network in clear text"
                ),
                if *written {
                    "turned off"
                } else {
                    "transit encryption is off by default"
                },
            )
            .help(
                "write `transit_encryption = true`; clients then connect with TLS \
                 (redis-cli --tls, redis.Redis(ssl=True))",
            )
            .fact("cache", *cache),
            SecurityProblem::AnyAddress {
                cache,
                port,
                first,
                more,
            } => {
                let blocks: Vec<String> = std::iter::once(first)
                    .chain(more)
                    .map(|(b, _)| b.to_string())
                    .collect();
                let mut distinct: Vec<String> = Vec::new();
                for b in &blocks {
                    let quoted = format!("`{b}`");
                    if !distinct.contains(&quoted) {
                        distinct.push(quoted);
                    }
                }
                let verb = if distinct.len() == 1 {
                    "admits"
                } else {
                    "admit"
                };
                let subject = distinct.join(" and ");
                let mut diag = Diag::new(
                    codes::W0503,
                    first.1,
                    format!("{subject} {verb} every address to port {port} of `{cache}`"),
                    "any address",
                );
                for (_, at) in more {
                    diag = diag.with_label(*at, "any address");
                }
                diag.help(
                    "list the clients in their `connects` instead, or narrow the block to the \
                     addresses that need the cache, such as the VPC's CIDR",
                )
                .fact("cache", *cache)
                .fact("port", *port)
                .fact("blocks", blocks)
            }
        }
    }
}
