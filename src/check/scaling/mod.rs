//! Auto scaling rules: cluster mode enabled, the node types and engine versions it serves,
//! bounds in order, targets ElastiCache advises, and no auto scaling in a global datastore.
//! The rules here find; `problem` words what they find.

mod problem;

use problem::ScalingProblem;

use crate::aws::autoscaling;
use crate::aws::engines::Version;
use crate::diag::Diag;
use crate::model::{Autoscaling, Cache, ClusterMode, Model, ShardMetric};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let mut found = Vec::new();
    for cache in &model.caches {
        if let Some(a) = &cache.autoscaling {
            scaling(cache, a, &mut found);
        }
    }
    out.extend(found.iter().map(ScalingProblem::diag));
}

fn scaling<'m>(cache: &'m Cache, a: &'m Autoscaling, found: &mut Vec<ScalingProblem<'m>>) {
    if let Some(g) = &cache.global {
        found.push(ScalingProblem::Global {
            autoscaling: a,
            global: g.keyword,
        });
    }
    if cache.cluster_mode() != ClusterMode::Enabled {
        found.push(ScalingProblem::NotClustered {
            cache,
            autoscaling: a,
        });
    }
    if !autoscaling::node_type_supported(&cache.node_type.value) {
        found.push(ScalingProblem::NodeType {
            cache,
            autoscaling: a,
        });
    }
    let version = Version::parse(&cache.engine_version.value);
    let tiering = cache.data_tiering.as_ref().is_some_and(|t| t.value);
    let min = match tiering {
        true => (
            autoscaling::MIN_REDIS_TIERING,
            autoscaling::MIN_REDIS_TIERING_TEXT,
        ),
        false => (autoscaling::MIN_REDIS, autoscaling::MIN_REDIS_TEXT),
    };
    if cache.engine.value == "redis" && version.is_some_and(|v| v < min.0) {
        found.push(ScalingProblem::EngineVersion {
            cache,
            autoscaling: a,
            min: min.1,
            tiering,
        });
    }
    for (dimension, scaling, cpu) in [
        ("replicas", &a.replicas, true),
        (
            "shards",
            &a.shards,
            a.shards_metric() == ShardMetric::PrimaryCpu,
        ),
    ] {
        let Some(s) = scaling else { continue };
        if s.min.value > s.max.value {
            found.push(ScalingProblem::MinAboveMax {
                dimension,
                min: &s.min,
                max: &s.max,
            });
        }
        if let Some(target) = &s.target
            && cpu
            && !autoscaling::CPU_TARGETS.contains(&target.value)
        {
            found.push(ScalingProblem::CpuTarget { target });
        }
    }
}
