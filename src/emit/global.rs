//! Global Datastore: the primary region's `AWS::ElastiCache::GlobalReplicationGroup` around the
//! primary group, and in each secondary region a group that joins it by the id.
//!
//! A secondary's template set cannot import the id (exports do not cross regions), so it takes
//! the id as a root parameter, which the primary's root output of the same name gives.

use super::node::{Node, Parameter, Resource, map, zone};
use super::plan::{Plan, Section};
use crate::model::ids::{CacheIds, aws_name, global_parameter_id, replication_group_name};
use crate::model::{Cache, Model, OnDelete};

/// In the primary region: the datastore, whose one member is the primary group, and its id as a
/// root output. Source: CloudFormation `AWS::ElastiCache::GlobalReplicationGroup`, whose `Ref`
/// is the datastore's id (the suffix behind a prefix AWS gives per region).
pub fn primary(model: &Model, cache: &Cache, ids: &CacheIds, plan: &mut Plan) {
    let (Some(g), Some(id), Some(output)) = (&cache.global, &ids.global_group, &ids.global_output)
    else {
        return;
    };
    let stack = &model.stack.name.value;
    let name = &cache.name.value;
    let member = Node::Map(map([
        (
            "ReplicationGroupId",
            Node::reference(&ids.replication_group),
        ),
        ("ReplicationGroupRegion", Node::reference("AWS::Region")),
        ("Role", Node::str("PRIMARY")),
    ]));
    plan.add(
        Section::Cache,
        &cache.name,
        id.clone(),
        Resource::new(
            "AWS::ElastiCache::GlobalReplicationGroup",
            map([
                (
                    "GlobalReplicationGroupIdSuffix",
                    Node::str(replication_group_name(stack, name)),
                ),
                (
                    "GlobalReplicationGroupDescription",
                    Node::str(format!("Global Datastore of {}", aws_name(stack, name))),
                ),
                ("Members", Node::list([member])),
            ]),
        ),
    );
    plan.trace(id, "Members", g.regions.span);
    plan.output(
        output.clone(),
        format!(
            "Global Datastore id of {}, for the secondary regions' template sets",
            aws_name(stack, name)
        ),
        Node::reference(id),
    );
}

/// In a secondary region: a group that joins the datastore and inherits from it the engine, its
/// version, the node type, the parameter group, encryption, AUTH and failover settings. Source:
/// ElastiCache "Prerequisites and limitations" of global datastores (the members share node type,
/// engine version and shards; each has its own replicas).
pub fn secondary_group(model: &Model, cache: &Cache, ids: &CacheIds, plan: &mut Plan) -> Resource {
    let stack = &model.stack.name.value;
    let name = &cache.name.value;
    let parameter = global_parameter_id(name);
    plan.root_parameters.insert(
        parameter.clone(),
        Parameter::string("Id of the Global Datastore, the primary region's output of this name"),
    );
    let description = cache.description.as_ref().map_or_else(
        || {
            format!(
                "{} for {stack}, a Global Datastore secondary",
                cache.engine.value
            )
        },
        |d| d.value.clone(),
    );
    let mut props = map([
        (
            "ReplicationGroupId",
            Node::str(replication_group_name(stack, name)),
        ),
        ("ReplicationGroupDescription", Node::str(description)),
        ("GlobalReplicationGroupId", Node::reference(parameter)),
        ("CacheSubnetGroupName", Node::reference(&ids.subnet_group)),
        (
            "SecurityGroupIds",
            Node::list([Node::reference(&ids.security_group)]),
        ),
    ]);
    // The datastore sets the shards; a sharded member names its replicas per shard only
    // (NumNodeGroups conflicts with GlobalReplicationGroupId).
    if cache.sharded() {
        props.insert(
            "ReplicasPerNodeGroup".into(),
            Node::Int(cache.replicas_per_shard()),
        );
    } else {
        props.insert(
            "NumCacheClusters".into(),
            Node::Int(1 + cache.replica_count()),
        );
    }
    if let Some(primary) = cache.primary_zone.as_ref().filter(|_| !cache.sharded()) {
        let mut zones = vec![zone(&primary.value)];
        if let Some(replicas) = &cache.replica_zones {
            zones.extend(replicas.value.iter().map(|z| zone(&z.value)));
        }
        if zones.len() as i64 == 1 + cache.replica_count() {
            props.insert("PreferredCacheClusterAZs".into(), Node::List(zones));
        }
    }
    if let Some(key) = &cache.kms_key {
        props.insert("KmsKeyId".into(), super::kms::key_id(key));
    }
    // A secondary holds a copy of the primary's data, which keeps the primary's own policy; a
    // final snapshot is taken of the primary, so a secondary is deleted unless kept.
    let policy = match cache.on_delete() {
        OnDelete::Retain => "Retain",
        OnDelete::Snapshot | OnDelete::Delete => "Delete",
    };
    Resource::new("AWS::ElastiCache::ReplicationGroup", props).with_policy(policy)
}
