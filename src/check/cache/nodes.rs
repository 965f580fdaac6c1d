//! The node type: it exists, the stack's region offers it, a new cluster may use it, it runs the
//! engine and version, and it supports what the group asks of it (failover, tiering, snapshots).

use super::problem::{CacheProblem, Failover};
use crate::aws::engines::{self, Version};
use crate::aws::node_types::{self, Generation, NodeType};
use crate::diag::suggest::closest;
use crate::model::{Cache, Model};

pub fn check<'m>(model: &'m Model, cache: &'m Cache, out: &mut Vec<CacheProblem<'m>>) {
    let written = cache.node_type.value.as_str();
    let Some(node) = node_types::lookup(written) else {
        out.push(CacheProblem::UnknownNodeType {
            cache,
            prefixed: node_types::lookup(&format!("cache.{written}")).is_some(),
            close: closest(written, node_types::names()),
        });
        return;
    };
    if node.generation != Generation::Current {
        out.push(CacheProblem::NoNewClusters { cache, node });
    }
    region(model, cache, node, out);
    engine_minimum(cache, node, out);
    failover(cache, node, out);
    data_tiering(cache, node, out);
    if !node.snapshots
        && let Some(days) = &cache.snapshot_retention
        && days.value > 0
    {
        out.push(CacheProblem::NoSnapshots {
            cache,
            node,
            days: days.span,
        });
    }
}

/// A type the stack's region does not offer, when the table knows the region and the type.
fn region<'m>(model: &'m Model, cache: &'m Cache, node: NodeType, out: &mut Vec<CacheProblem<'m>>) {
    let Some(region) = &model.stack.region else {
        return;
    };
    if let Some(offered) = node_types::offered_in(node.name, &region.value)
        && !offered.contains(&region.value.as_str())
    {
        out.push(CacheProblem::NotInRegion {
            cache,
            node,
            region,
            offered,
        });
    }
}

/// Only Redis OSS has versions older than a type; every type runs Valkey 7.2, the oldest Valkey.
fn engine_minimum<'m>(cache: &'m Cache, node: NodeType, out: &mut Vec<CacheProblem<'m>>) {
    let engine = cache.engine.value.as_str();
    let version = &cache.engine_version;
    if engine != "redis" || engines::default_parameter_group(engine, &version.value).is_none() {
        return;
    }
    let Some(min) = node.min_redis else {
        out.push(CacheProblem::ValkeyOnly { cache, node });
        return;
    };
    let Some(v) = Version::parse(&version.value) else {
        return;
    };
    if v >= min {
        return;
    }
    let newer = engines::versions(engine)
        .find(|k| Version::parse(k).is_some_and(|k| k >= min))
        .unwrap_or_default();
    out.push(CacheProblem::EngineTooOld {
        cache,
        node,
        min,
        newer,
    });
}

fn failover<'m>(cache: &'m Cache, node: NodeType, out: &mut Vec<CacheProblem<'m>>) {
    if node.failover {
        return;
    }
    let asked = match (&cache.multi_az, &cache.automatic_failover) {
        (Some(m), _) if m.value => Some((m.span, Failover::MultiAz)),
        (_, Some(f)) if f.value => Some((f.span, Failover::Automatic)),
        _ => None,
    };
    if let Some(asked) = asked {
        out.push(CacheProblem::NoFailover { cache, node, asked });
    }
}

fn data_tiering<'m>(cache: &'m Cache, node: NodeType, out: &mut Vec<CacheProblem<'m>>) {
    let on = cache.data_tiering.as_ref().is_some_and(|t| t.value);
    if node.data_tiering && !on {
        out.push(CacheProblem::TieringTypeWithout { cache, node });
    } else if on && !node.data_tiering {
        out.push(CacheProblem::TieringWithoutType { cache, node });
    }
}
