//! Security warnings: what works but exposes the stack. Warnings by default; `--deny warnings`
//! makes them errors and `--allow W05xx` silences one kind.

use crate::diag::{Diag, codes};
use crate::model::{Model, UrlAuth};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    for function in &model.functions {
        if let Some(url) = function.url.as_ref().filter(|u| u.value == UrlAuth::Public) {
            out.push(
                Diag::new(
                    codes::W0501,
                    url.span,
                    format!(
                        "the URL of function `{}` needs no authentication: anyone on the internet \
                         can invoke it",
                        function.name.value
                    ),
                    "open to the internet",
                )
                .help(
                    "write `url = iam` to require signed requests (SigV4), or pass `--allow W0501` \
                     if the function is meant to be public",
                ),
            );
        }
    }
    for cache in &model.caches {
        if !cache.transit_encryption() {
            let (span, label) = match &cache.transit_encryption {
                Some(flag) => (flag.span, "turned off"),
                None => (cache.name.span, "transit encryption is off by default"),
            };
            out.push(
                Diag::new(
                    codes::W0502,
                    span,
                    format!(
                        "`{}` accepts unencrypted connections: commands and data cross the \
                         network in clear text",
                        cache.name.value
                    ),
                    label,
                )
                .help(
                    "write `transit_encryption = true`; clients then connect with TLS \
                     (redis-cli --tls, redis.Redis(ssl=True))",
                ),
            );
        }
        for cidr in &cache.allow_cidrs {
            if matches!(cidr.value.trim(), "0.0.0.0/0" | "::/0") {
                out.push(
                    Diag::new(
                        codes::W0503,
                        cidr.span,
                        format!(
                            "`{}` admits every address to port {} of `{}`",
                            cidr.value,
                            cache.port(),
                            cache.name.value
                        ),
                        "any address",
                    )
                    .help(
                        "list the clients in their `connects` instead, or narrow the block to \
                         the addresses that need the cache, such as the VPC's CIDR",
                    ),
                );
            }
        }
    }
}
