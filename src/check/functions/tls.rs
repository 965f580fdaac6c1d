//! TLS as the function's source uses it against TLS as the caches it reaches accept it: W0421
//! (clear text to a cache that takes TLS only) and W0422 (TLS to a cache without it).

use super::connections::{self, Tls};
use super::problem::{FunctionProblem, TlsTarget};
use crate::model::{Function, Model, TransitMode};

/// What a cache accepts. With transit encryption a group takes TLS only unless its mode is
/// `preferred`, which takes both and is never reported; a serverless cache always has transit
/// encryption. Source: ElastiCache User Guide, "ElastiCache in-transit encryption (TLS)" ("All
/// serverless caches have in-transit encryption enabled") and "Enabling in-transit encryption"
/// ("required will drop all unencrypted connections"),
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/in-transit-encryption.html
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Accepts {
    TlsOnly,
    ClearOnly,
    Both,
}

/// The source's connections all go one way and every cache the function reaches takes only the
/// other: each is a finding at its `connects` item. When the connections disagree or one is
/// unknown, or the caches accept different connections (one takes both), the text cannot say
/// which connection goes where, and nothing is reported.
pub fn mismatch<'m>(
    model: &'m Model,
    function: &'m Function,
    found: &mut Vec<FunctionProblem<'m>>,
) {
    let mut targets: Vec<(TlsTarget<'m>, Accepts)> = Vec::new();
    for r in &function.connects {
        if let Some(cache) = model.cache(r) {
            let accepts = match (cache.transit_encryption(), cache.transit_mode.as_ref()) {
                (false, _) => Accepts::ClearOnly,
                (true, Some(mode)) if mode.value == TransitMode::Preferred => Accepts::Both,
                (true, _) => Accepts::TlsOnly,
            };
            targets.push((TlsTarget::Group { cache, at: r }, accepts));
        }
    }
    for r in &function.connects_serverless {
        if let Some(cache) = model.serverless_cache(r) {
            targets.push((TlsTarget::Serverless { cache, at: r }, Accepts::TlsOnly));
        }
    }
    let Some(&(_, accepts)) = targets.first() else {
        return;
    };
    if accepts == Accepts::Both || targets.iter().any(|(_, a)| *a != accepts) {
        return;
    }
    let used = connections::found(function);
    let Some(first) = used.first() else {
        return;
    };
    let (tls, refused) = match first.tls {
        Tls::On => (true, Accepts::ClearOnly),
        Tls::Off => (false, Accepts::TlsOnly),
        Tls::Unknown => return,
    };
    if accepts != refused || used.iter().any(|c| c.tls != first.tls) {
        return;
    }
    for (target, _) in targets {
        found.push(FunctionProblem::TlsMismatch {
            function,
            target,
            tls,
            at: first.clone(),
        });
    }
}
