//! The cache template: a subnet group and a replication group (cluster mode disabled) per cache,
//! with the endpoints published as root outputs.

use super::node::{Map, Node, Resource, map, zone};
use super::plan::{Plan, Section};
use super::{global, monitoring, scaling};
use crate::aws::engines::{default_cluster_group, default_parameter_group};
use crate::model::ids::{
    CacheIds, SHARED, aws_name, cache_attr, export_name, node_group_id, parameter_group_id,
    port_attr, replication_group_id, replication_group_name, user_group_id,
};
use crate::model::{Cache, CacheAttr, ClusterMode, Model, ParameterGroup, RefOrStr};
use crate::words::Word;

/// The template value of a cache attribute that clients read.
pub fn attr(cache: &str, attr: CacheAttr) -> Node {
    let (att, _) = cache_attr(attr);
    Node::get_att(replication_group_id(cache), att)
}

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for group in &model.parameter_groups {
        parameter_group(stack, group, plan);
    }
    for cache in &model.caches {
        let name = &cache.name.value;
        let ids = CacheIds::of(cache);
        let subnets = cache
            .subnets
            .iter()
            .filter_map(|r| model.subnet(r))
            .map(super::network::subnet_ref);
        plan.add(
            Section::Cache,
            &cache.name,
            ids.subnet_group.clone(),
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
        plan.trace(&ids.subnet_group, "SubnetIds", cache.subnets_span);
        let group = match plan.secondary {
            true => global::secondary_group(model, cache, &ids, plan),
            false => replication_group(model, cache, &ids),
        };
        plan.add(
            Section::Cache,
            &cache.name,
            ids.replication_group.clone(),
            exempt_repeated_zones(group),
        );
        trace_replication_group(plan, cache);
        monitoring::emit_cache(model, cache, &ids, plan);
        if !plan.secondary {
            global::primary(model, cache, &ids, plan);
            scaling::emit(model, cache, &ids, plan);
        }
        for (attr, output) in &ids.outputs {
            let what = match attr {
                CacheAttr::PrimaryAddress => "Primary endpoint (reads and writes)",
                CacheAttr::ReaderAddress => "Reader endpoint (reads, spread over the replicas)",
                CacheAttr::Port | CacheAttr::ConfigurationPort => "Port",
                CacheAttr::ConfigurationAddress => {
                    "Configuration endpoint (every shard, for cluster clients)"
                }
            };
            let (att, suffix) = cache_attr(*attr);
            let value = Node::get_att(&ids.replication_group, att);
            let description = format!("{what} of {}", aws_name(stack, name));
            let export = cache.export().then(|| export_name(stack, name, suffix));
            plan.published(output.clone(), description, value, export);
        }
        exports(plan, stack, cache, &ids);
    }
}

/// With `export = true`, the port and the security group id as exported root outputs too.
fn exports(plan: &mut Plan, stack: &str, cache: &Cache, ids: &CacheIds) {
    let name = &cache.name.value;
    let [.., port, group] = SHARED;
    if let Some(output) = &ids.port_output {
        plan.exported(
            output.clone(),
            format!("Port of {}", aws_name(stack, name)),
            Node::get_att(&ids.replication_group, cache_attr(port_attr(cache)).0),
            export_name(stack, name, port),
        );
    }
    if let Some(output) = &ids.security_group_output {
        plan.exported(
            output.clone(),
            format!("Security group of {}", aws_name(stack, name)),
            Node::get_att(&ids.security_group, "GroupId"),
            export_name(stack, name, group),
        );
    }
}

/// A declared parameter group; its values are strings, as the API takes them.
fn parameter_group(stack: &str, group: &ParameterGroup, plan: &mut Plan) {
    let id = parameter_group_id(&group.name.value);
    let description = group.description.as_ref().map_or_else(
        || {
            format!(
                "{} parameters of {}",
                group.family.value,
                aws_name(stack, &group.name.value)
            )
        },
        |d| d.value.clone(),
    );
    let mut props = map([
        ("CacheParameterGroupFamily", Node::str(&group.family.value)),
        ("Description", Node::str(description)),
    ]);
    // A group without parameters is a copy of the family's defaults: no `Properties` at all.
    if !group.parameters.is_empty() {
        let parameters = group
            .parameters
            .iter()
            .map(|p| (p.name.value.clone(), Node::str(p.value.value.api())))
            .collect();
        props.insert("Properties".into(), Node::Map(parameters));
    }
    plan.add(
        Section::Cache,
        &group.name,
        id.clone(),
        Resource::new("AWS::ElastiCache::ParameterGroup", props),
    );
    plan.trace(&id, "CacheParameterGroupFamily", group.family.span);
    if let Some(d) = &group.description {
        plan.trace(&id, "Description", d.span);
    }
    if let Some(first) = group.parameters.first() {
        let last = group
            .parameters
            .last()
            .map_or(first.value.span, |p| p.value.span);
        plan.trace(&id, "Properties", first.name.span.to(last));
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
            Some(
                cache
                    .parameter_group
                    .as_ref()
                    .map_or(version, RefOrStr::span),
            ),
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
            "UserGroupIds",
            cache.user_group.as_ref().map(RefOrStr::span),
        ),
        (
            "DataTieringEnabled",
            cache.data_tiering.as_ref().map(|b| b.span),
        ),
        (
            "SnapshotRetentionLimit",
            cache.snapshot_retention.as_ref().map(|d| d.span),
        ),
        (
            "PreferredMaintenanceWindow",
            cache.maintenance_window.as_ref().map(|w| w.span),
        ),
        (
            "SnapshotWindow",
            cache.snapshot_window.as_ref().map(|w| w.span),
        ),
        (
            "TransitEncryptionMode",
            cache.transit_mode.as_ref().map(|m| m.span),
        ),
        ("KmsKeyId", cache.kms_key.as_ref().map(RefOrStr::span)),
        (
            "NotificationTopicArn",
            cache.notifications.as_ref().map(RefOrStr::span),
        ),
        (
            "LogDeliveryConfigurations",
            cache.logs.first().map(|l| l.keyword),
        ),
        ("ClusterMode", cache.cluster_mode.as_ref().map(|m| m.span)),
        (
            "NumNodeGroups",
            cache
                .shards
                .as_ref()
                .map(|n| n.span)
                .or(cache.shard_blocks.first().map(|s| s.span)),
        ),
        (
            "ReplicasPerNodeGroup",
            cache.replicas_per_shard.as_ref().map(|n| n.span),
        ),
        (
            "NodeGroupConfiguration",
            cache.shard_blocks.first().map(|first| {
                cache
                    .shard_blocks
                    .last()
                    .map_or(first.span, |last| first.span.to(last.span))
            }),
        ),
    ];
    for (property, span) in spans {
        if let Some(span) = span {
            plan.trace(&id, property, span);
        }
    }
}

fn replication_group(model: &Model, cache: &Cache, ids: &CacheIds) -> Resource {
    let stack = &model.stack.name.value;
    let name = &cache.name.value;
    let description = cache.description.as_ref().map_or_else(
        || format!("{} for {stack}", cache.engine.value),
        |d| d.value.clone(),
    );
    let (engine, version) = (&cache.engine.value, &cache.engine_version.value);
    let parameter_group = match &cache.parameter_group {
        None if cache.cluster_mode() != ClusterMode::Disabled => {
            Node::str(default_cluster_group(engine, version).unwrap_or_default())
        }
        None => Node::str(default_parameter_group(engine, version).unwrap_or_default()),
        Some(RefOrStr::Existing(name)) => Node::str(&name.value),
        Some(RefOrStr::Declared(r)) => Node::reference(parameter_group_id(&r.name.value)),
    };
    let mut props = map([
        (
            "ReplicationGroupId",
            Node::str(replication_group_name(stack, name)),
        ),
        ("ReplicationGroupDescription", Node::str(description)),
        ("Engine", Node::str(&cache.engine.value)),
        ("EngineVersion", Node::str(&cache.engine_version.value)),
        ("CacheNodeType", Node::str(&cache.node_type.value)),
        ("CacheParameterGroupName", parameter_group),
        ("CacheSubnetGroupName", Node::reference(&ids.subnet_group)),
        (
            "SecurityGroupIds",
            Node::list([Node::reference(&ids.security_group)]),
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
    if let Some(mode) = &cache.cluster_mode {
        props.insert("ClusterMode".into(), Node::str(mode.value.word()));
    }
    if cache.sharded() {
        props.shift_remove("NumCacheClusters");
        shards(cache, &mut props);
    }
    if let (Some(primary), false) = (&cache.primary_zone, cache.sharded()) {
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
    match &cache.user_group {
        Some(RefOrStr::Declared(group)) => {
            let group = Node::reference(user_group_id(&group.name.value));
            props.insert("UserGroupIds".into(), Node::list([group]));
        }
        Some(RefOrStr::Existing(id)) => {
            props.insert("UserGroupIds".into(), Node::list([Node::str(&id.value)]));
        }
        None => {}
    }
    if let Some(tiering) = &cache.data_tiering {
        props.insert("DataTieringEnabled".into(), Node::Bool(tiering.value));
    }
    if let Some(days) = &cache.snapshot_retention {
        props.insert("SnapshotRetentionLimit".into(), Node::Int(days.value));
    }
    if let Some(window) = &cache.maintenance_window {
        props.insert(
            "PreferredMaintenanceWindow".into(),
            Node::str(window.value.trim()),
        );
    }
    if let Some(window) = &cache.snapshot_window {
        props.insert("SnapshotWindow".into(), Node::str(window.value.trim()));
    }
    if let Some(mode) = &cache.transit_mode {
        props.insert("TransitEncryptionMode".into(), Node::str(mode.value.word()));
    }
    if let Some(key) = &cache.kms_key {
        props.insert("KmsKeyId".into(), super::kms::key_id(key));
    }
    if let Some(topic) = monitoring::topic_arn(model, cache) {
        props.insert("NotificationTopicArn".into(), topic);
    }
    if let Some(logs) = monitoring::log_deliveries(cache, ids) {
        props.insert("LogDeliveryConfigurations".into(), logs);
    }
    let group = Resource::new("AWS::ElastiCache::ReplicationGroup", props)
        .with_policy(cache.on_delete().policy());
    if cache.sharded() {
        group.resharded_online()
    } else {
        group
    }
}

/// Two nodes in one zone is the user's choice, which ElastiCache accepts; cfn-lint's I3037
/// reads every repeated list item as a mistake. Judged on the list as emitted, and the same for
/// a shard's replicas (`ReplicaAvailabilityZones`).
fn exempt_repeated_zones(group: Resource) -> Resource {
    let repeats = |zones: &[Node]| {
        zones
            .iter()
            .enumerate()
            .any(|(i, z)| zones.iter().skip(i + 1).any(|other| other == z))
    };
    let shard_zones_repeat = match group.properties.get("NodeGroupConfiguration") {
        Some(Node::List(groups)) => groups.iter().any(|g| match g {
            Node::Map(g) => {
                matches!(g.get("ReplicaAvailabilityZones"), Some(Node::List(z)) if repeats(z))
            }
            _ => false,
        }),
        _ => false,
    };
    let zones_repeat = shard_zones_repeat
        || matches!(group.properties.get("PreferredCacheClusterAZs"), Some(Node::List(z)) if repeats(z));
    if zones_repeat {
        group.exempt_from(&["I3037"])
    } else {
        group
    }
}

/// The shards of a group with cluster mode enabled: their count and replicas, and with `shard`
/// blocks one NodeGroupConfiguration each, numbered `0001`, `0002`, ... as ElastiCache numbers
/// them (online resharding needs every entry's NodeGroupId).
fn shards(cache: &Cache, props: &mut Map) {
    props.insert("NumNodeGroups".into(), Node::Int(cache.shard_count()));
    props.insert(
        "ReplicasPerNodeGroup".into(),
        Node::Int(cache.replicas_per_shard()),
    );
    if cache.shard_blocks.is_empty() {
        return;
    }
    let groups = cache.shard_blocks.iter().enumerate().map(|(i, shard)| {
        let mut group = map([("NodeGroupId", Node::str(node_group_id(i as i64 + 1)))]);
        if let Some(slots) = &shard.slots {
            group.insert("Slots".into(), Node::str(slots.value.trim()));
        }
        if let Some(primary) = &shard.primary_zone {
            group.insert("PrimaryAvailabilityZone".into(), zone(&primary.value));
        }
        if let Some(zones) = &shard.replica_zones {
            let zones = zones.value.iter().map(|z| zone(&z.value));
            group.insert("ReplicaAvailabilityZones".into(), Node::list(zones));
        }
        group.insert("ReplicaCount".into(), Node::Int(cache.replicas_per_shard()));
        Node::Map(group)
    });
    props.insert("NodeGroupConfiguration".into(), Node::list(groups));
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
