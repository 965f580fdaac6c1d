//! What the program asks of this machine, judged before anything starts: each group's secret
//! has a usable local value (E0801), and the local engine is the version the program declares
//! (W0801). Facts about the machine come in as data; the diagnostics point into the program.

use std::path::Path;
use std::process::Command;

use super::plan::Plan;
use super::secrets::{self, Missing};
use crate::diag::{Diag, codes};
use crate::model::Model;

/// What this machine has for each group of the plan, in plan order.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The local server's version (`7.0.15`), when the server runs.
    pub versions: Vec<Option<String>>,
    /// The AUTH token's local value, or why there is none; `None` without `auth_token`.
    pub tokens: Vec<Option<Result<String, Missing>>>,
}

/// Gathers the facts: asks each found server its version and reads the secrets file.
pub fn gather(program_dir: &Path, plan: &Plan) -> Facts {
    let versions = plan
        .groups
        .iter()
        .map(|g| {
            let server = super::process::find(g.engine.server())?;
            let out = Command::new(server).arg("--version").output().ok()?;
            version_of(&String::from_utf8_lossy(&out.stdout))
        })
        .collect();
    let tokens = plan
        .groups
        .iter()
        .map(|g| g.auth.as_ref().map(|r| secrets::lookup(program_dir, r)))
        .collect();
    Facts { versions, tokens }
}

/// `Redis server v=7.0.15 sha=...` (and Valkey's alike) to `7.0.15`.
fn version_of(banner: &str) -> Option<String> {
    banner
        .split_whitespace()
        .find_map(|w| w.strip_prefix("v="))
        .map(str::to_string)
}

/// Whether the declared version (`6.2`, `7.x`, `8.0`) names the local one (`7.0.15`): the same
/// major, and the same minor unless it is written `x`.
fn same_version(declared: &str, local: &str) -> bool {
    let mut d = declared.split('.');
    let mut l = local.split('.');
    if d.next() != l.next() {
        return false;
    }
    match (d.next(), l.next()) {
        (None | Some("x"), _) => true,
        (Some(dm), Some(lm)) => dm == lm,
        (Some(_), None) => false,
    }
}

pub fn diags(model: &Model, plan: &Plan, facts: &Facts) -> Vec<Diag> {
    let mut out = Vec::new();
    for (i, (group, cache)) in plan.groups.iter().zip(&model.caches).enumerate() {
        if let (Some(Some(Err(missing))), Some(token)) = (facts.tokens.get(i), &cache.auth_token) {
            let (message, label) = match missing {
                Missing::Absent => (
                    format!("the secret `{}` has no local value", token.value),
                    "not in local.secrets",
                ),
                Missing::Invalid(why) => (
                    format!(
                        "the local value of `{}` is not a valid AUTH token: {why}",
                        token.value
                    ),
                    "its value in local.secrets",
                ),
                Missing::Unreadable(why) => (
                    format!("{} cannot be read: {why}", secrets::FILE),
                    "needs local.secrets",
                ),
            };
            out.push(
                Diag::new(codes::E0801, token.span, message, label).help(format!(
                    "add the line `{} = <token>` to {} beside the program (16 to 128 letters, \
                     digits and ! & # $ ^ < > -)",
                    token.value,
                    secrets::FILE
                )),
            );
        }
        if let Some(Some(local)) = facts.versions.get(i)
            && !same_version(&group.version, local)
        {
            out.push(
                Diag::new(
                    codes::W0801,
                    cache.engine_version.span,
                    format!(
                        "`{}` runs locally on {} {local}, not the declared {}: commands and defaults may differ",
                        group.name,
                        group.engine.server(),
                        group.version
                    ),
                    format!("{} {local} here", group.engine.server()),
                )
                .help(format!(
                    "install {} {} to run what ElastiCache runs, or pass `--allow W0801`",
                    group.engine.server(),
                    group.version
                )),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_match_by_major_and_written_minor() {
        assert!(same_version("7.0", "7.0.15"));
        assert!(same_version("7.x", "7.2.4"));
        assert!(same_version("7", "7.2.4"));
        assert!(!same_version("6.2", "7.0.15"));
        assert!(!same_version("8.1", "8.0.1"));
        assert_eq!(
            version_of("Redis server v=7.0.15 sha=00000000:0 malloc=jemalloc-5.3.0").as_deref(),
            Some("7.0.15")
        );
    }
}
