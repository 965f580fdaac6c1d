//! The cluster mode family's findings as data, and their wording: the rules in `mod.rs` only
//! find; this module alone writes the messages.

use super::slots::{Range, SlotsError};
use crate::aws::engines::{self, Version};
use crate::diag::{Diag, codes};
use crate::model::{Cache, CacheAttr, S, SLOTS, Shard};
use crate::span::Span;
use crate::words::Word;

#[derive(Debug, Clone)]
pub enum ClusterProblem<'m> {
    /// E1001: `shards`, `replicas_per_shard` or a `shard` block without `cluster_mode = enabled`.
    ShardsWithoutClusterMode {
        cache: &'m Cache,
        key: &'static str,
        span: Span,
    },
    /// E1002: a key of cluster mode disabled beside a key of the sharded layout.
    MixedLayout {
        old_key: &'static str,
        old_span: Span,
        key: &'static str,
        span: Span,
    },
    /// E1003: failover written off in cluster mode.
    NoFailover {
        cache: &'m Cache,
        failover: &'m S<bool>,
    },
    /// E1004: a declared parameter group without `cluster-enabled = yes`.
    DeclaredGroupOff {
        cache: &'m Cache,
        reference: &'m S<String>,
        group: &'m S<String>,
    },
    /// E1004: a default group of cluster mode disabled.
    DefaultGroupOff {
        cache: &'m Cache,
        group: &'m S<String>,
        expected: String,
    },
    /// E1005: a `.cluster.on` default group of another family.
    WrongClusterGroup {
        cache: &'m Cache,
        group: &'m S<String>,
        expected: String,
    },
    /// E1006: more nodes than one cluster may have.
    TooManyNodes {
        cache: &'m Cache,
        span: Span,
        nodes: i64,
        limit: i64,
    },
    /// W1001: more nodes than the default quota.
    AboveDefaultQuota {
        cache: &'m Cache,
        span: Span,
        nodes: i64,
    },
    /// W1002: shards without replicas.
    NoReplicas { cache: &'m Cache, span: Span },
    /// E1007: a `slots` value that is not ranges inside 0 to 16383.
    BadSlots {
        slots: &'m S<String>,
        error: SlotsError,
    },
    /// E1008: two shards hold one slot.
    SlotsOverlap {
        slot: u32,
        a: &'m Shard,
        b: &'m Shard,
    },
    /// E1009: slots no shard holds.
    SlotsUncovered { cache: &'m Cache, gaps: Vec<Range> },
    /// W1003: some shards name their slots and others do not.
    SomeSlots {
        cache: &'m Cache,
        without: Vec<&'m S<String>>,
    },
    /// E1010: `shards` and the number of `shard` blocks disagree.
    ShardCount {
        cache: &'m Cache,
        shards: &'m S<i64>,
    },
    /// E1011: shard zones without a subnet in the subnet group.
    ShardZoneOutside {
        cache: &'m Cache,
        first: &'m S<String>,
        rest: Vec<&'m S<String>>,
        group: Vec<&'m str>,
    },
    /// E1012: a shard's replica zones and `replicas_per_shard` disagree.
    ShardReplicaZones {
        shard: &'m Shard,
        zones: &'m S<Vec<S<String>>>,
        replicas: i64,
    },
    /// E1013: compatible mode before Valkey 7.2 or Redis OSS 7.0.
    CompatibleTooOld { cache: &'m Cache, since: Version },
    /// E1014: compatible mode without a replica.
    CompatibleAlone { cache: &'m Cache },
    /// E1015: an endpoint the group does not have in its cluster mode.
    NoSuchEndpoint {
        cache: &'m Cache,
        attr: CacheAttr,
        span: Span,
    },
}

fn attr_name(attr: CacheAttr) -> &'static str {
    match attr {
        CacheAttr::PrimaryAddress => "primary_address",
        CacheAttr::ReaderAddress => "reader_address",
        CacheAttr::Port => "port",
        CacheAttr::ConfigurationAddress => "configuration_address",
        CacheAttr::ConfigurationPort => "configuration_port",
    }
}

impl ClusterProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            ClusterProblem::ShardsWithoutClusterMode { cache, key, span } => Diag::new(
                codes::E1001,
                *span,
                format!(
                    "`{key}` needs cluster mode enabled, but `{}` has cluster mode {}",
                    cache.name.value,
                    cache.cluster_mode().word()
                ),
                "shards of cluster mode enabled",
            )
            .help("write `cluster_mode = enabled`, or describe the group with `replicas` and `replica_zones`"),
            ClusterProblem::MixedLayout {
                old_key,
                old_span,
                key,
                span,
            } => Diag::new(
                codes::E1002,
                *old_span,
                format!("`{old_key}` describes a group of one shard, but `{key}` describes the shards of a sharded one"),
                "cluster mode disabled layout",
            )
            .with_label(*span, "sharded layout")
            .help(format!("remove `{old_key}`: with shards, `replicas_per_shard` counts each shard's replicas and `shard` blocks place them")),
            ClusterProblem::NoFailover { cache, failover } => Diag::new(
                codes::E1003,
                failover.span,
                format!(
                    "`{}` has cluster mode {}, which needs automatic failover",
                    cache.name.value,
                    cache.cluster_mode().word()
                ),
                "failover turned off",
            )
            .help("remove `automatic_failover = false` (it is on by default in cluster mode)"),
            ClusterProblem::DeclaredGroupOff {
                cache,
                reference,
                group,
            } => Diag::new(
                codes::E1004,
                reference.span,
                format!(
                    "`{}` has cluster mode {}, but its parameter group `{}` leaves `cluster-enabled` at no",
                    cache.name.value,
                    cache.cluster_mode().word(),
                    group.value
                ),
                "a parameter group without cluster mode",
            )
            .with_label(group.span, "declared here")
            .help(format!("add `cluster-enabled = yes` to the `parameters` of `{}`", group.value)),
            ClusterProblem::DefaultGroupOff {
                cache,
                group,
                expected,
            } => Diag::new(
                codes::E1004,
                group.span,
                format!(
                    "`{}` has cluster mode {}, but `{}` leaves `cluster-enabled` at no",
                    cache.name.value,
                    cache.cluster_mode().word(),
                    group.value
                ),
                "a parameter group without cluster mode",
            )
            .help(format!("write parameter_group = \"{expected}\", or leave it out for that default")),
            ClusterProblem::WrongClusterGroup {
                cache,
                group,
                expected,
            } => Diag::new(
                codes::E1005,
                group.span,
                format!(
                    "`{}` is for another engine version than {} {}",
                    group.value,
                    engines::display_name(&cache.engine.value),
                    cache.engine_version.value
                ),
                "a parameter group of another family",
            )
            .help(format!("write parameter_group = \"{expected}\"")),
            ClusterProblem::TooManyNodes {
                cache,
                span,
                nodes,
                limit,
            } => Diag::new(
                codes::E1006,
                *span,
                format!(
                    "`{}` has {nodes} nodes ({} shards of {} nodes each), but a cluster of {} {} has at most {limit}",
                    cache.name.value,
                    cache.shard_count(),
                    1 + cache.replicas_per_shard(),
                    engines::display_name(&cache.engine.value),
                    cache.engine_version.value
                ),
                "too many nodes",
            )
            .help(if *limit < 500 {
                "use fewer shards or replicas, or Redis OSS 5.0.6 or later (up to 500 nodes)".to_string()
            } else {
                format!("use fewer shards or replicas per shard: shards x (1 + replicas_per_shard) <= {limit}")
            }),
            ClusterProblem::AboveDefaultQuota { cache, span, nodes } => Diag::new(
                codes::W1001,
                *span,
                format!(
                    "`{}` has {nodes} nodes, above the 90 nodes per cluster an account has by default",
                    cache.name.value
                ),
                "needs a quota increase",
            )
            .help("request a higher ElastiCache nodes-per-cluster quota in Service Quotas before deploying, and make sure the subnets have an address per node"),
            ClusterProblem::NoReplicas { cache, span } => Diag::new(
                codes::W1002,
                *span,
                format!(
                    "the shards of `{}` have no replicas: when a primary fails, its slots are unavailable and their data lost until a new node is filled",
                    cache.name.value
                ),
                "no replicas",
            )
            .help("write `replicas_per_shard = 1` or more"),
            ClusterProblem::BadSlots { slots, error } => {
                let what = match error {
                    SlotsError::Malformed => "is not a range such as \"0-5460\"".to_string(),
                    SlotsError::OutOfRange(_) => format!("reaches past slot {}", SLOTS - 1),
                    SlotsError::Backwards(r) => format!("has {r}, which ends before it starts"),
                };
                Diag::new(
                    codes::E1007,
                    slots.span,
                    format!("`slots = \"{}\"` {what}", slots.value),
                    "not slots of a cluster",
                )
                .help(format!("write \"start-end\" within 0-{}, several joined by commas", SLOTS - 1))
            }
            ClusterProblem::SlotsOverlap { slot, a, b } => Diag::new(
                codes::E1008,
                b.slots.as_ref().map_or(b.span, |s| s.span),
                format!(
                    "shards `{}` and `{}` both hold slot {slot}",
                    a.name.value, b.name.value
                ),
                "overlaps",
            )
            .with_label(a.slots.as_ref().map_or(a.span, |s| s.span), "also holds it")
            .help("give every slot to one shard: let each range start after the one before ends"),
            ClusterProblem::SlotsUncovered { cache, gaps } => {
                let list: Vec<String> = gaps.iter().map(ToString::to_string).collect();
                Diag::new(
                    codes::E1009,
                    cache.shard_blocks.first().map_or(cache.name.span, |s| s.span),
                    format!(
                        "no shard of `{}` holds slots {}: a cluster serves a key only when every one of the {SLOTS} slots has a shard",
                        cache.name.value,
                        list.join(", ")
                    ),
                    "slots left out",
                )
                .help("extend the ranges so that together they cover 0-16383")
            }
            ClusterProblem::SomeSlots { cache, without } => {
                let names: Vec<String> = without.iter().map(|n| format!("`{}`", n.value)).collect();
                let mut d = Diag::new(
                    codes::W1003,
                    without.first().map_or(cache.name.span, |n| n.span),
                    format!(
                        "some shards of `{}` name their slots, but not {}: ElastiCache chooses theirs",
                        cache.name.value,
                        names.join(", ")
                    ),
                    "no slots",
                );
                for extra in without.iter().skip(1) {
                    d = d.with_label(extra.span, "no slots");
                }
                d.help("write `slots` on every shard, or on none")
            }
            ClusterProblem::ShardCount { cache, shards } => Diag::new(
                codes::E1010,
                shards.span,
                format!(
                    "`shards = {}` but `{}` has {} `shard` blocks",
                    shards.value,
                    cache.name.value,
                    cache.shard_blocks.len()
                ),
                "disagrees with the blocks",
            )
            .with_label(
                cache.shard_blocks.first().map_or(shards.span, |s| s.span),
                "the first shard block",
            )
            .help(format!(
                "write `shards = {}`, or one `shard` block per shard",
                cache.shard_blocks.len()
            )),
            ClusterProblem::ShardZoneOutside {
                cache,
                first,
                rest,
                group,
            } => {
                let mut d = Diag::new(
                    codes::E1011,
                    first.span,
                    format!(
                        "zone `{}` has no subnet in the subnet group of `{}`",
                        first.value, cache.name.value
                    ),
                    "outside the subnet group",
                )
                .with_label(cache.subnets_span, format!("zones {}", group.join(", ")));
                for z in rest {
                    d = d.with_label(z.span, "outside the subnet group");
                }
                d.help(format!(
                    "place the shard's nodes in {}, or add a subnet in that zone to `subnets`",
                    group.join(", ")
                ))
            }
            ClusterProblem::ShardReplicaZones {
                shard,
                zones,
                replicas,
            } => Diag::new(
                codes::E1012,
                zones.span,
                format!(
                    "shard `{}` lists {} replica zones, but each shard has {replicas} replicas",
                    shard.name.value,
                    zones.value.len()
                ),
                "one zone per replica",
            )
            .help(format!("list {replicas} zones, or change `replicas_per_shard`")),
            ClusterProblem::CompatibleTooOld { cache, since } => Diag::new(
                codes::E1013,
                cache.cluster_mode.as_ref().map_or(cache.name.span, |m| m.span),
                format!(
                    "cluster mode compatible needs {} {since} or later, but `{}` runs {}",
                    engines::display_name(&cache.engine.value),
                    cache.name.value,
                    cache.engine_version.value
                ),
                "compatible mode",
            )
            .with_label(cache.engine_version.span, "this version")
            .help(format!("upgrade to {since} or later first, in its own update")),
            ClusterProblem::CompatibleAlone { cache } => Diag::new(
                codes::E1014,
                cache.cluster_mode.as_ref().map_or(cache.name.span, |m| m.span),
                format!(
                    "cluster mode compatible needs automatic failover with at least one replica, but `{}` has none",
                    cache.name.value
                ),
                "compatible mode",
            )
            .help("add a replica (`replicas = 1`) in an update before this one"),
            ClusterProblem::NoSuchEndpoint { cache, attr, span } => {
                let sharded = cache.sharded();
                let (why, fix) = match sharded {
                    true => (
                        "with cluster mode enabled it has only its configuration endpoint",
                        "read `configuration_address` and `configuration_port` with a cluster client (redis-py's RedisCluster)",
                    ),
                    false => (
                        "the configuration endpoint exists with cluster mode enabled or compatible only",
                        "read `primary_address`, `reader_address` and `port`, or write `cluster_mode = enabled`",
                    ),
                };
                Diag::new(
                    codes::E1015,
                    *span,
                    format!(
                        "`{}` has no `{}`: {why}",
                        cache.name.value,
                        attr_name(*attr)
                    ),
                    "no such endpoint",
                )
                .help(fix)
            }
        }
    }
}
