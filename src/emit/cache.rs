//! The cache template: a subnet group and a replication group (cluster mode disabled) per cache,
//! with the endpoints published as root outputs.

use super::ids::{aws_name, id, pascal, replication_group_name, zone};
use super::network::{security_group_id, subnet_id};
use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::aws::engines::default_parameter_group;
use crate::model::{Cache, CacheAttr, Model};

pub fn subnet_group_id(name: &str) -> String {
    id(name, "SubnetGroup")
}

pub fn replication_group_id(name: &str) -> String {
    id(name, "ReplicationGroup")
}

/// The template value of a cache attribute that clients read.
pub fn attr(cache: &str, attr: CacheAttr) -> Node {
    let (att, _) = attr_names(attr);
    Node::get_att(replication_group_id(cache), att)
}

fn attr_names(attr: CacheAttr) -> (&'static str, &'static str) {
    match attr {
        CacheAttr::PrimaryAddress => ("PrimaryEndPoint.Address", "PrimaryAddress"),
        CacheAttr::ReaderAddress => ("ReaderEndPoint.Address", "ReaderAddress"),
        CacheAttr::Port => ("PrimaryEndPoint.Port", "Port"),
    }
}

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for cache in &model.caches {
        let name = &cache.name.value;
        let subnets = cache
            .subnets
            .iter()
            .filter_map(|r| model.subnet(r))
            .map(|s| Node::reference(subnet_id(&s.name.value)));
        plan.add(
            Section::Cache,
            &cache.name,
            subnet_group_id(name),
            Resource::new(
                "AWS::ElastiCache::SubnetGroup",
                map([
                    (
                        "Description",
                        Node::str(format!("Subnets of {}", aws_name(stack, name))),
                    ),
                    ("SubnetIds", Node::list(subnets)),
                ]),
            ),
        );
        plan.trace(&subnet_group_id(name), "SubnetIds", cache.subnets_span);
        plan.add(
            Section::Cache,
            &cache.name,
            replication_group_id(name),
            replication_group(stack, cache),
        );
        trace_replication_group(plan, cache);
        for (attr, what) in [
            (
                CacheAttr::PrimaryAddress,
                "Primary endpoint (reads and writes)",
            ),
            (
                CacheAttr::ReaderAddress,
                "Reader endpoint (reads, spread over the replicas)",
            ),
        ] {
            let (_, suffix) = attr_names(attr);
            plan.output(
                format!("{}{suffix}", pascal(name)),
                format!("{what} of {}", aws_name(stack, name)),
                self::attr(name, attr),
            );
        }
    }
}

/// The attribute behind each property; a defaulted property follows the attribute it derives from.
fn trace_replication_group(plan: &mut Plan, cache: &Cache) {
    let id = replication_group_id(&cache.name.value);
    let version = cache.engine_version.span;
    let replicas = cache
        .replica_zones
        .as_ref()
        .map(|z| z.span)
        .or(cache.replicas.as_ref().map(|r| r.span));
    let failover = cache
        .automatic_failover
        .as_ref()
        .map(|b| b.span)
        .or(cache.multi_az.as_ref().map(|b| b.span));
    let zones = cache
        .primary_zone
        .as_ref()
        .map(|z| z.span)
        .or(cache.replica_zones.as_ref().map(|z| z.span));
    let spans = [
        ("ReplicationGroupId", Some(cache.name.span)),
        ("CacheSubnetGroupName", Some(cache.name.span)),
        ("SecurityGroupIds", Some(cache.name.span)),
        (
            "ReplicationGroupDescription",
            cache.description.as_ref().map(|d| d.span),
        ),
        ("Engine", Some(cache.engine.span)),
        ("EngineVersion", Some(version)),
        ("CacheNodeType", Some(cache.node_type.span)),
        (
            "CacheParameterGroupName",
            cache
                .parameter_group
                .as_ref()
                .map_or(Some(version), |g| Some(g.span)),
        ),
        ("Port", cache.port.as_ref().map(|p| p.span)),
        ("NumCacheClusters", replicas),
        ("AutomaticFailoverEnabled", failover),
        ("MultiAZEnabled", cache.multi_az.as_ref().map(|b| b.span)),
        (
            "TransitEncryptionEnabled",
            cache.transit_encryption.as_ref().map(|b| b.span),
        ),
        (
            "AtRestEncryptionEnabled",
            cache.at_rest_encryption.as_ref().map(|b| b.span),
        ),
        ("PreferredCacheClusterAZs", zones),
        ("AuthToken", cache.auth_token.as_ref().map(|t| t.span)),
        (
            "DataTieringEnabled",
            cache.data_tiering.as_ref().map(|b| b.span),
        ),
        (
            "SnapshotRetentionLimit",
            cache.snapshot_retention.as_ref().map(|d| d.span),
        ),
    ];
    for (property, span) in spans {
        if let Some(span) = span {
            plan.trace(&id, property, span);
        }
    }
}

fn replication_group(stack: &str, cache: &Cache) -> Resource {
    let name = &cache.name.value;
    let description = cache.description.as_ref().map_or_else(
        || format!("{} for {stack}", cache.engine.value),
        |d| d.value.clone(),
    );
    let parameter_group = cache.parameter_group.as_ref().map_or_else(
        || {
            default_parameter_group(&cache.engine.value, &cache.engine_version.value)
                .unwrap_or_default()
                .to_string()
        },
        |g| g.value.clone(),
    );
    let mut props = map([
        (
            "ReplicationGroupId",
            Node::str(replication_group_name(stack, name)),
        ),
        ("ReplicationGroupDescription", Node::str(description)),
        ("Engine", Node::str(&cache.engine.value)),
        ("EngineVersion", Node::str(&cache.engine_version.value)),
        ("CacheNodeType", Node::str(&cache.node_type.value)),
        ("CacheParameterGroupName", Node::str(parameter_group)),
        (
            "CacheSubnetGroupName",
            Node::reference(subnet_group_id(name)),
        ),
        (
            "SecurityGroupIds",
            Node::list([Node::reference(security_group_id(name))]),
        ),
        ("Port", Node::Int(cache.port())),
        ("NumCacheClusters", Node::Int(1 + cache.replica_count())),
        (
            "AutomaticFailoverEnabled",
            Node::Bool(cache.automatic_failover()),
        ),
        ("MultiAZEnabled", Node::Bool(cache.multi_az())),
        (
            "TransitEncryptionEnabled",
            Node::Bool(cache.transit_encryption()),
        ),
        (
            "AtRestEncryptionEnabled",
            Node::Bool(cache.at_rest_encryption()),
        ),
        ("AutoMinorVersionUpgrade", Node::Bool(true)),
    ]);
    if let Some(primary) = &cache.primary_zone {
        let mut zones = vec![zone(&primary.value)];
        if let Some(replicas) = &cache.replica_zones {
            zones.extend(replicas.value.iter().map(|z| zone(&z.value)));
        }
        if zones.len() as i64 == 1 + cache.replica_count() {
            props.insert("PreferredCacheClusterAZs".into(), Node::List(zones));
        }
    }
    if let Some(token) = &cache.auth_token {
        props.insert(
            "AuthToken".into(),
            Node::str(dynamic_reference(&token.value)),
        );
    }
    if let Some(tiering) = &cache.data_tiering {
        props.insert("DataTieringEnabled".into(), Node::Bool(tiering.value));
    }
    if let Some(days) = &cache.snapshot_retention {
        props.insert("SnapshotRetentionLimit".into(), Node::Int(days.value));
    }
    Resource::new("AWS::ElastiCache::ReplicationGroup", props)
}

/// `ssm:/path` and `secretsmanager:name` as CloudFormation dynamic references, resolved at deploy.
pub fn dynamic_reference(token: &str) -> String {
    match token.split_once(':') {
        Some(("ssm", path)) => format!("{{{{resolve:ssm-secure:{path}}}}}"),
        Some(("secretsmanager", secret)) => {
            format!("{{{{resolve:secretsmanager:{secret}:SecretString}}}}")
        }
        _ => token.to_string(),
    }
}
