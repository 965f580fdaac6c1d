//! The auto scaling family's findings as data, and their wording. The rules in `scaling` only
//! find; this module alone writes the messages, labels and help.

use crate::aws::autoscaling::CPU_TARGETS;
use crate::diag::{Diag, codes};
use crate::model::{Autoscaling, Cache, S};
use crate::span::Span;

/// What the auto scaling rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum ScalingProblem<'m> {
    /// E1070: auto scaling of a group with cluster mode disabled or compatible.
    NotClustered {
        cache: &'m Cache,
        autoscaling: &'m Autoscaling,
    },
    /// E1071: a node type auto scaling does not serve.
    NodeType {
        cache: &'m Cache,
        autoscaling: &'m Autoscaling,
    },
    /// E1072: Redis OSS older than `min` (7.0.7 with data tiering).
    EngineVersion {
        cache: &'m Cache,
        autoscaling: &'m Autoscaling,
        min: &'static str,
        tiering: bool,
    },
    /// E1073: a minimum above its maximum.
    MinAboveMax {
        dimension: &'static str,
        min: &'m S<i64>,
        max: &'m S<i64>,
    },
    /// E1074: auto scaling of a group in a global datastore.
    Global {
        autoscaling: &'m Autoscaling,
        global: Span,
    },
    /// W1060: an engine CPU target outside what ElastiCache advises.
    CpuTarget { target: &'m S<i64> },
}

impl ScalingProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            ScalingProblem::NotClustered { cache, autoscaling } => {
                let d = Diag::new(
                    codes::E1070,
                    autoscaling.keyword,
                    "ElastiCache auto scales only groups with cluster mode enabled",
                    "auto scaling",
                );
                match &cache.cluster_mode {
                    Some(mode) => d.with_label(mode.span, "not enabled"),
                    None => d.with_label(cache.name.span, "cluster mode disabled by default"),
                }
                .help("set `cluster_mode = enabled` with `shards` and `replicas_per_shard`, or remove `autoscaling`")
            }
            ScalingProblem::NodeType { cache, autoscaling } => Diag::new(
                codes::E1071,
                cache.node_type.span,
                format!("ElastiCache cannot auto scale {} nodes", cache.node_type.value),
                "not an auto scaling node type",
            )
            .with_label(autoscaling.keyword, "auto scaled here")
            .help("use a large, xlarge or 2xlarge node of R5, R6g, R6gd, R7g, M5, M6g, M7g or C7gn (or their 8th generation), such as \"cache.r7g.large\""),
            ScalingProblem::EngineVersion {
                cache,
                autoscaling,
                min,
                tiering,
            } => Diag::new(
                codes::E1072,
                cache.engine_version.span,
                format!(
                    "Redis OSS {} cannot be auto scaled{}",
                    cache.engine_version.value,
                    if *tiering { " with data tiering" } else { "" }
                ),
                format!("needs Redis OSS {min} or later, or Valkey"),
            )
            .with_label(autoscaling.keyword, "auto scaled here")
            .help(format!("set `engine_version` to {min} or later, or use Valkey")),
            ScalingProblem::MinAboveMax {
                dimension,
                min,
                max,
            } => Diag::new(
                codes::E1073,
                min.span,
                format!(
                    "the fewest {dimension} ({}) is more than the most ({})",
                    min.value, max.value
                ),
                "above the maximum",
            )
            .with_label(max.span, "the maximum")
            .help(format!("make `{dimension}_min` at most `{dimension}_max`")),
            ScalingProblem::Global {
                autoscaling,
                global,
            } => Diag::new(
                codes::E1074,
                autoscaling.keyword,
                "ElastiCache does not auto scale groups in a global datastore",
                "auto scaling",
            )
            .with_label(*global, "a global datastore")
            .help("remove `autoscaling`, or the `global` block"),
            ScalingProblem::CpuTarget { target } => Diag::new(
                codes::W1060,
                target.span,
                format!(
                    "an engine CPU target of {} percent is outside the {} to {} percent ElastiCache advises",
                    target.value,
                    CPU_TARGETS.start(),
                    CPU_TARGETS.end()
                ),
                "outside the advised range",
            )
            .help(format!(
                "a target from {} to {} leaves headroom for the time scaling takes",
                CPU_TARGETS.start(),
                CPU_TARGETS.end()
            )),
        }
    }
}
