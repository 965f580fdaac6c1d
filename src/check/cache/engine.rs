//! The engine, its version, the parameter group that must match the version, and support dates.

use super::problem::CacheProblem;
use crate::aws::engines::{self, CLUSTER_ON, ENGINES, Version};
use crate::aws::parameters;
use crate::check::Context;
use crate::model::{Cache, ClusterMode, Model, RefOrStr};

pub fn check<'m>(
    model: &'m Model,
    cache: &'m Cache,
    cx: &Context,
    out: &mut Vec<CacheProblem<'m>>,
) {
    let engine = cache.engine.value.as_str();
    if !ENGINES.contains(&engine) {
        out.push(if engine == "memcached" {
            CacheProblem::Memcached { cache }
        } else {
            CacheProblem::UnknownEngine { cache }
        });
        return;
    }
    let version = cache.engine_version.value.as_str();
    let Some(default_group) = engines::default_parameter_group(engine, version) else {
        let known: Vec<&'static str> = engines::versions(engine).collect();
        out.push(CacheProblem::UnknownVersion {
            cache,
            engine,
            other: ENGINES
                .iter()
                .copied()
                .find(|e| *e != engine && engines::default_parameter_group(e, version).is_some()),
            closest: closest_version(version, &known),
        });
        return;
    };
    parameter_group(model, cache, engine, default_group, out);
    if let Some(end) = engines::standard_support_ends(engine, version)
        && cx.today > end
    {
        out.push(CacheProblem::PastSupport {
            cache,
            end,
            latest: engines::versions(engine).last().unwrap_or_default(),
        });
    }
}

/// "7.1.0" -> "7.1"; "5.0" -> "5.0.6": the known version the written one abbreviates or extends.
fn closest_version(written: &str, known: &[&'static str]) -> Option<&'static str> {
    let parsed = Version::parse(written)?;
    known.iter().copied().find(|k| {
        Version::parse(k).is_some_and(|v| v.major == parsed.major && v.minor == parsed.minor)
    })
}

fn parameter_group<'m>(
    model: &'m Model,
    cache: &'m Cache,
    engine: &'m str,
    default_group: &'static str,
    out: &mut Vec<CacheProblem<'m>>,
) {
    let group = match &cache.parameter_group {
        None => return,
        Some(RefOrStr::Existing(group)) => group,
        Some(RefOrStr::Declared(reference)) => {
            let Some(declared) = model.parameter_group(reference) else {
                return;
            };
            let expected = default_group.strip_prefix("default.").unwrap_or_default();
            // A family cachec does not know is the group's own error.
            if declared.family.value != expected
                && parameters::by_name(&declared.family.value).is_some()
            {
                out.push(CacheProblem::DeclaredGroupFamily {
                    cache,
                    engine,
                    reference,
                    group: declared,
                    expected,
                });
            }
            let cluster_on = declared
                .parameters
                .iter()
                .find(|p| p.name.value == "cluster-enabled" && p.value.value.api() == "yes");
            if let (Some(param), ClusterMode::Disabled) = (cluster_on, cache.cluster_mode()) {
                out.push(CacheProblem::DeclaredClusterMode {
                    reference,
                    param,
                    default_group,
                });
            }
            return;
        }
    };
    // Cluster mode's groups are the cluster family's to judge.
    if cache.cluster_mode() != ClusterMode::Disabled {
        return;
    }
    let name = group.value.as_str();
    if name.ends_with(CLUSTER_ON) {
        out.push(CacheProblem::ClusterModeGroup {
            group,
            default_group,
        });
        return;
    }
    if name == default_group || !name.starts_with("default.") {
        // A custom group's family cannot be seen from its name.
        return;
    }
    out.push(CacheProblem::WrongGroupFamily {
        cache,
        engine,
        group,
        default_group,
        serves: engines::group_serves(name),
    });
}
