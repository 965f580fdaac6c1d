//! The node type: it exists, a new cluster may use it, the engine version is recent enough for it,
//! and it supports what the group asks of it (failover, data tiering, snapshots).

use crate::aws::engines::{self, Version};
use crate::aws::node_types::{self, Generation, NodeType};
use crate::diag::suggest::closest;
use crate::diag::{Diag, codes};
use crate::model::Cache;

pub fn check(cache: &Cache, out: &mut Vec<Diag>) {
    let written = &cache.node_type;
    let Some(node) = node_types::lookup(&written.value) else {
        out.push(unknown(cache));
        return;
    };
    if node.generation != Generation::Current {
        let why = match node.generation {
            Generation::NoNewClusters => "T2 nodes are previous generation now",
            _ => "it is a previous generation type",
        };
        out.push(
            Diag::new(
                codes::E0106,
                written.span,
                format!("a new cluster cannot use `{}`: {why}", node.name),
                "no new clusters on this type",
            )
            .help(format!(
                "write node_type = \"{}\"",
                node_types::replacement(&node)
            )),
        );
    }
    engine_minimum(cache, &node, out);
    failover(cache, &node, out);
    data_tiering(cache, &node, out);
    if !node.snapshots
        && let Some(days) = &cache.snapshot_retention
        && days.value > 0
    {
        out.push(
            Diag::new(
                codes::E0124,
                days.span,
                format!("`{}` cannot take snapshots", node.name),
                "automatic backups asked for here",
            )
            .with_label(written.span, "this node type has no snapshots")
            .help(format!(
                "remove snapshot_retention, or choose a type that has snapshots, such as \"{}\"",
                node_types::replacement(&node)
            )),
        );
    }
}

fn unknown(cache: &Cache) -> Diag {
    let written = cache.node_type.value.as_str();
    let prefixed = format!("cache.{written}");
    let help = if node_types::lookup(&prefixed).is_some() {
        format!("did you mean `{prefixed}`? node types start with `cache.`")
    } else if let Some(close) = closest(written, node_types::names()) {
        format!("did you mean `{close}`?")
    } else {
        "choose a node type such as cache.t4g.micro, cache.m7g.large or cache.r7g.large".into()
    };
    Diag::new(
        codes::E0105,
        cache.node_type.span,
        format!("unknown node type `{written}`"),
        "not an ElastiCache node type",
    )
    .help(help)
}

/// Only Redis OSS has versions older than a type; every type runs Valkey 7.2, the oldest Valkey.
fn engine_minimum(cache: &Cache, node: &NodeType, out: &mut Vec<Diag>) {
    let engine = cache.engine.value.as_str();
    let version = &cache.engine_version;
    if engine != "redis" || engines::default_parameter_group(engine, &version.value).is_none() {
        return;
    }
    let Some(v) = Version::parse(&version.value) else {
        return;
    };
    if v >= node.min_redis {
        return;
    }
    let newer = engines::versions(engine)
        .find(|k| Version::parse(k).is_some_and(|k| k >= node.min_redis))
        .unwrap_or_default();
    out.push(
        Diag::new(
            codes::E0107,
            cache.node_type.span,
            format!(
                "`{}` needs Redis OSS {} or later",
                node.name, node.min_redis
            ),
            format!("needs Redis OSS {} or later", node.min_redis),
        )
        .with_label(
            version.span,
            format!("Redis OSS {} is set here", version.value),
        )
        .help(format!(
            "write engine_version = \"{newer}\" or later, or choose an older node family"
        )),
    );
}

fn failover(cache: &Cache, node: &NodeType, out: &mut Vec<Diag>) {
    if node.failover {
        return;
    }
    let asked = match (&cache.multi_az, &cache.automatic_failover) {
        (Some(m), _) if m.value => Some((m.span, "Multi-AZ")),
        (_, Some(f)) if f.value => Some((f.span, "automatic failover")),
        _ => None,
    };
    if let Some((span, what)) = asked {
        out.push(
            Diag::new(
                codes::E0108,
                cache.node_type.span,
                format!("`{}` does not support {what}", node.name),
                "no automatic failover on this type",
            )
            .with_label(span, format!("{what} asked for here"))
            .help(format!(
                "choose a current node type such as \"{}\"",
                node_types::replacement(node)
            )),
        );
    }
}

fn data_tiering(cache: &Cache, node: &NodeType, out: &mut Vec<Diag>) {
    let tiering = cache.data_tiering.as_ref();
    let on = tiering.is_some_and(|t| t.value);
    if node.data_tiering && !on {
        let mut diag = Diag::new(
            codes::E0109,
            cache.node_type.span,
            format!(
                "`{}` is a data tiering type: it needs data_tiering = true",
                node.name
            ),
            "data tiering node type",
        )
        .help("add data_tiering = true, or choose an r7g or r6g type to keep all data in memory");
        if let Some(t) = tiering {
            diag = diag.with_label(t.span, "data tiering is off here");
        }
        out.push(diag);
    } else if on && !node.data_tiering {
        let span = tiering.map_or(cache.node_type.span, |t| t.span);
        out.push(
            Diag::new(
                codes::E0109,
                span,
                format!("data tiering needs an r6gd node type, not `{}`", node.name),
                "data tiering asked for here",
            )
            .with_label(cache.node_type.span, "not a data tiering type")
            .help("remove data_tiering, or write node_type = \"cache.r6gd.xlarge\" or larger"),
        );
    }
}
