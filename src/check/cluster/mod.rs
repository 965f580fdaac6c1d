//! Cluster mode rules: shards and their layout, failover and the parameter group cluster mode
//! needs, node limits, hash slots and zones of `shard` blocks, and the endpoints clients read.

mod problem;
mod slots;

use problem::ClusterProblem;

use crate::aws::engines::{self, CLUSTER_ON, Version};
use crate::aws::quotas::{CLUSTER_NODES, CLUSTER_NODES_DEFAULT, CLUSTER_NODES_OLD};
use crate::aws::regions::is_zone_letter;
use crate::diag::Diag;
use crate::model::{Cache, ClusterMode, EnvValue, Model, RefOrStr, S};
use slots::Range;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let mut found = Vec::new();
    for cache in &model.caches {
        layout(cache, &mut found);
        if cache.cluster_mode() != ClusterMode::Disabled {
            failover(cache, &mut found);
            parameter_group(model, cache, &mut found);
        }
        if cache.cluster_mode() == ClusterMode::Compatible {
            compatible(cache, &mut found);
        }
        if cache.sharded() {
            nodes(cache, &mut found);
            shard_blocks(model, cache, &mut found);
        }
    }
    attributes(model, &mut found);
    out.extend(found.iter().map(ClusterProblem::diag));
}

/// The first key of the sharded layout that is written.
fn shard_key(cache: &Cache) -> Option<(&'static str, crate::span::Span)> {
    cache
        .shards
        .as_ref()
        .map(|s| ("shards", s.span))
        .or(cache
            .replicas_per_shard
            .as_ref()
            .map(|s| ("replicas_per_shard", s.span)))
        .or(cache.shard_blocks.first().map(|s| ("shard", s.span)))
}

/// Shards only with cluster mode enabled; the two layouts not mixed.
fn layout<'m>(cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    let Some((key, span)) = shard_key(cache) else {
        return;
    };
    if cache.cluster_mode() != ClusterMode::Enabled {
        out.push(ClusterProblem::ShardsWithoutClusterMode { cache, key, span });
        return;
    }
    let disabled = cache
        .replicas
        .as_ref()
        .map(|r| ("replicas", r.span))
        .or(cache
            .replica_zones
            .as_ref()
            .map(|z| ("replica_zones", z.span)))
        .or(cache
            .primary_zone
            .as_ref()
            .map(|z| ("primary_zone", z.span)));
    if let Some((old_key, old_span)) = disabled {
        out.push(ClusterProblem::MixedLayout {
            old_key,
            old_span,
            key,
            span,
        });
    }
}

/// Source: CloudFormation `AWS::ElastiCache::ReplicationGroup` (AutomaticFailoverEnabled: "must
/// be enabled for Valkey or Redis OSS (cluster mode enabled) replication groups"); ElastiCache
/// "Modifying cluster mode" (compatible: "Auto-failover must be enabled").
fn failover<'m>(cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    if let Some(f) = cache.automatic_failover.as_ref().filter(|f| !f.value) {
        out.push(ClusterProblem::NoFailover { cache, failover: f });
    }
}

/// The group must have `cluster-enabled` yes: a declared group sets it, an AWS default group is
/// the `.cluster.on` one of the engine version's family. A custom existing group cannot be seen.
fn parameter_group<'m>(model: &'m Model, cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    let engine = cache.engine.value.as_str();
    let Some(default) = engines::default_parameter_group(engine, &cache.engine_version.value)
    else {
        return;
    };
    let expected = format!("{default}{CLUSTER_ON}");
    match &cache.parameter_group {
        None => {}
        Some(RefOrStr::Declared(reference)) => {
            let Some(group) = model.parameter_group(reference) else {
                return;
            };
            let on = group
                .parameters
                .iter()
                .any(|p| p.name.value == "cluster-enabled" && p.value.value.api() == "yes");
            if !on {
                out.push(ClusterProblem::DeclaredGroupOff {
                    cache,
                    reference: &reference.name,
                    group: &group.name,
                });
            }
        }
        Some(RefOrStr::Existing(name)) => {
            if !name.value.starts_with("default.") || name.value == expected {
                return;
            }
            if name.value.ends_with(CLUSTER_ON) {
                out.push(ClusterProblem::WrongClusterGroup {
                    cache,
                    group: name,
                    expected,
                });
            } else {
                out.push(ClusterProblem::DefaultGroupOff {
                    cache,
                    group: name,
                    expected,
                });
            }
        }
    }
}

/// The first version of each engine that can move to cluster mode, which the compatible step is.
/// Source: ElastiCache "Modifying cluster mode" ("The minimum engine version required for
/// migration is Valkey 7.2 and above, or Redis OSS 7.0 and above").
const MIGRATION_SINCE: &[(&str, Version)] = &[
    ("redis", Version::new(7, 0, 0)),
    ("valkey", Version::new(7, 2, 0)),
];

/// Compatible mode: a recent engine and failover with at least one replica (same source).
fn compatible<'m>(cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    let engine = cache.engine.value.as_str();
    let since = MIGRATION_SINCE.iter().find(|(e, _)| *e == engine);
    if let (Some((_, since)), Some(version)) = (since, Version::parse(&cache.engine_version.value))
        && version < *since
    {
        out.push(ClusterProblem::CompatibleTooOld {
            cache,
            since: *since,
        });
    }
    if cache.replica_count() < 1 {
        out.push(ClusterProblem::CompatibleAlone { cache });
    }
}

/// Nodes of one cluster: 500 at most from Valkey 7.2 and Redis OSS 5.0.6, 250 before; above 90
/// only after a quota increase (`quotas`). No replicas: a failed primary loses its slots' data.
fn nodes<'m>(cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    let nodes = cache.node_count();
    let old = cache.engine.value == "redis"
        && Version::parse(&cache.engine_version.value).is_some_and(|v| v < Version::new(5, 0, 6));
    let limit = if old {
        CLUSTER_NODES_OLD
    } else {
        CLUSTER_NODES
    };
    let span = shard_key(cache).map_or(cache.name.span, |(_, s)| s);
    if nodes > limit {
        out.push(ClusterProblem::TooManyNodes {
            cache,
            span,
            nodes,
            limit,
        });
    } else if nodes > CLUSTER_NODES_DEFAULT {
        out.push(ClusterProblem::AboveDefaultQuota { cache, span, nodes });
    }
    if cache.replicas_per_shard() == 0 {
        out.push(ClusterProblem::NoReplicas {
            cache,
            span: cache.replicas_per_shard.as_ref().map_or(span, |r| r.span),
        });
    }
}

fn shard_blocks<'m>(model: &'m Model, cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    let blocks = &cache.shard_blocks;
    if blocks.is_empty() {
        return;
    }
    if let Some(shards) = &cache.shards
        && shards.value != blocks.len() as i64
    {
        out.push(ClusterProblem::ShardCount { cache, shards });
    }
    let replicas = cache.replicas_per_shard();
    for shard in blocks {
        if let Some(zones) = &shard.replica_zones
            && zones.value.len() as i64 != replicas
        {
            out.push(ClusterProblem::ShardReplicaZones {
                shard,
                zones,
                replicas,
            });
        }
    }
    slot_ranges(cache, out);
    zones(model, cache, out);
}

fn slot_ranges<'m>(cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    let mut ranges: Vec<(usize, Range)> = Vec::new();
    let mut readable = true;
    for (i, shard) in cache.shard_blocks.iter().enumerate() {
        let Some(slots) = &shard.slots else { continue };
        match slots::parse(&slots.value) {
            Ok(parsed) => ranges.extend(parsed.into_iter().map(|r| (i, r))),
            Err(error) => {
                readable = false;
                out.push(ClusterProblem::BadSlots { slots, error });
            }
        }
    }
    if !readable || ranges.is_empty() {
        return;
    }
    let blocks = &cache.shard_blocks;
    if let Some((slot, a, b)) = slots::overlap(&ranges) {
        if let (Some(a), Some(b)) = (blocks.get(a), blocks.get(b)) {
            out.push(ClusterProblem::SlotsOverlap { slot, a, b });
        }
        return;
    }
    let without: Vec<&S<String>> = blocks
        .iter()
        .filter(|s| s.slots.is_none())
        .map(|s| &s.name)
        .collect();
    if !without.is_empty() {
        out.push(ClusterProblem::SomeSlots { cache, without });
        return;
    }
    let gaps = slots::gaps(&ranges.iter().map(|(_, r)| *r).collect::<Vec<_>>());
    if !gaps.is_empty() {
        out.push(ClusterProblem::SlotsUncovered { cache, gaps });
    }
}

/// Every zone of a shard has a subnet in the group's subnet group. Source: CloudFormation
/// `NodeGroupConfiguration` (PrimaryAvailabilityZone, ReplicaAvailabilityZones) with the subnet
/// group rule of `PreferredCacheClusterAZs`.
fn zones<'m>(model: &'m Model, cache: &'m Cache, out: &mut Vec<ClusterProblem<'m>>) {
    let group: Vec<&str> = cache
        .subnets
        .iter()
        .filter_map(|r| model.subnet(r))
        .map(|s| s.zone.value.as_str())
        .filter(|z| is_zone_letter(z))
        .collect();
    if group.is_empty() {
        return;
    }
    let outside: Vec<&S<String>> = cache
        .shard_blocks
        .iter()
        .flat_map(|s| {
            s.primary_zone
                .iter()
                .chain(s.replica_zones.iter().flat_map(|z| z.value.iter()))
        })
        .filter(|z| is_zone_letter(&z.value) && !group.contains(&z.value.as_str()))
        .collect();
    if let Some((first, rest)) = outside.split_first() {
        let mut zones: Vec<&str> = Vec::new();
        for z in group {
            if !zones.contains(&z) {
                zones.push(z);
            }
        }
        out.push(ClusterProblem::ShardZoneOutside {
            cache,
            first,
            rest: rest.to_vec(),
            group: zones,
        });
    }
}

/// A sharded group has only its configuration endpoint; a group with cluster mode disabled has
/// none. Source: CloudFormation `AWS::ElastiCache::ReplicationGroup` return values.
fn attributes<'m>(model: &'m Model, out: &mut Vec<ClusterProblem<'m>>) {
    for function in &model.functions {
        for var in &function.environment {
            let EnvValue::Cache { cache: r, attr } = &var.value.value else {
                continue;
            };
            let Some(cache) = model.cache(r) else {
                continue;
            };
            let readable = crate::model::ids::readable(cache);
            if !readable.contains(attr) {
                out.push(ClusterProblem::NoSuchEndpoint {
                    cache,
                    attr: *attr,
                    span: var.value.span,
                });
            }
        }
    }
}
