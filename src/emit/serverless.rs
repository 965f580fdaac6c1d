//! Serverless caches in the cache template: an `AWS::ElastiCache::ServerlessCache` per cache, its
//! endpoints published as root outputs; its security group is the network template's.

use super::node::{Map, Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::ids::{
    ServerlessIds, aws_name, export_name, final_snapshot_name, security_group_id, serverless_attr,
    serverless_cache_name, serverless_id, user_group_id,
};
use crate::model::{Model, OnDelete, RefOrStr, Serverless, ServerlessAttr, UsageLimits};
use crate::words::Word;

/// The template value of a serverless cache attribute that clients read.
pub fn attr(cache: &str, attr: ServerlessAttr) -> Node {
    Node::get_att(serverless_id(cache), serverless_attr(attr).0)
}

/// The `DeletionPolicy`/`UpdateReplacePolicy` of a serverless cache: CloudFormation has no
/// `Snapshot` policy for this type (cfn-lint E3035's list, "DeletionPolicy attribute"), so a
/// final snapshot is a `Delete` policy with `FinalSnapshotName` set.
pub fn policy(on_delete: OnDelete) -> &'static str {
    match on_delete {
        OnDelete::Retain => "Retain",
        OnDelete::Snapshot | OnDelete::Delete => "Delete",
    }
}

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for cache in &model.serverless {
        let name = &cache.name.value;
        let ids = ServerlessIds::of(cache);
        plan.add(
            Section::Cache,
            &cache.name,
            ids.cache.clone(),
            resource(model, cache),
        );
        trace(plan, &ids.cache, cache);
        for (attr, output) in &ids.outputs {
            let what = match attr {
                ServerlessAttr::Address => "Endpoint (reads and writes)",
                ServerlessAttr::ReaderAddress => "Reader endpoint (reads from the nearest replica)",
                ServerlessAttr::Port => "Port of the endpoint",
                ServerlessAttr::ReaderPort => "Port of the reader endpoint",
            };
            let (att, suffix) = serverless_attr(*attr);
            let value = Node::get_att(&ids.cache, att);
            let description = format!("{what} of {}", aws_name(stack, name));
            let export = cache.export().then(|| export_name(stack, name, suffix));
            plan.published(output.clone(), description, value, export);
        }
        if let Some(output) = &ids.security_group_output {
            plan.exported(
                output.clone(),
                format!("Security group of {}", aws_name(stack, name)),
                Node::get_att(&ids.security_group, "GroupId"),
                export_name(stack, name, "SecurityGroupId"),
            );
        }
    }
}

fn resource(model: &Model, cache: &Serverless) -> Resource {
    let stack = &model.stack.name.value;
    let name = &cache.name.value;
    let subnets = cache
        .subnets
        .iter()
        .filter_map(|r| model.subnet(r))
        .map(super::network::subnet_ref);
    let mut props = map([
        (
            "ServerlessCacheName",
            Node::str(serverless_cache_name(stack, name)),
        ),
        (
            "Description",
            Node::str(cache.description.as_ref().map_or_else(
                || format!("serverless {} for {stack}", cache.engine().word()),
                |d| d.value.clone(),
            )),
        ),
        ("Engine", Node::str(cache.engine().word())),
        ("SubnetIds", Node::list(subnets)),
        (
            "SecurityGroupIds",
            Node::list([Node::reference(security_group_id(name))]),
        ),
    ]);
    if let Some(version) = &cache.major_version {
        props.insert("MajorEngineVersion".into(), Node::str(&version.value));
    }
    if let Some(limits) = cache.limits.as_ref().and_then(usage_limits) {
        props.insert("CacheUsageLimits".into(), limits);
    }
    if let Some(time) = &cache.snapshot_time {
        props.insert("DailySnapshotTime".into(), Node::str(time.value.trim()));
    }
    if let Some(n) = &cache.snapshot_retention {
        props.insert("SnapshotRetentionLimit".into(), Node::Int(n.value));
    }
    if cache.on_delete() == OnDelete::Snapshot {
        props.insert(
            "FinalSnapshotName".into(),
            Node::str(final_snapshot_name(stack, cache)),
        );
    }
    if let Some(key) = &cache.kms_key {
        props.insert("KmsKeyId".into(), super::kms::key_id(key));
    }
    match &cache.user_group {
        Some(RefOrStr::Declared(group)) => {
            props.insert(
                "UserGroupId".into(),
                Node::reference(user_group_id(&group.name.value)),
            );
        }
        Some(RefOrStr::Existing(id)) => {
            props.insert("UserGroupId".into(), Node::str(&id.value));
        }
        None => {}
    }
    Resource::new("AWS::ElastiCache::ServerlessCache", props).with_policy(policy(cache.on_delete()))
}

/// `CacheUsageLimits`, with only the bounds written; none at all without any.
fn usage_limits(limits: &UsageLimits) -> Option<Node> {
    let bound = |key: &str, value: &Option<crate::model::S<i64>>, into: &mut Map| {
        if let Some(v) = value {
            into.insert(key.into(), Node::Int(v.value));
        }
    };
    let mut out = Map::default();
    let mut storage = Map::default();
    bound("Minimum", &limits.storage_min, &mut storage);
    bound("Maximum", &limits.storage_max, &mut storage);
    if !storage.is_empty() {
        storage.insert("Unit".into(), Node::str("GB"));
        out.insert("DataStorage".into(), Node::Map(storage));
    }
    let mut ecpu = Map::default();
    bound("Minimum", &limits.ecpu_min, &mut ecpu);
    bound("Maximum", &limits.ecpu_max, &mut ecpu);
    if !ecpu.is_empty() {
        out.insert("ECPUPerSecond".into(), Node::Map(ecpu));
    }
    (!out.is_empty()).then_some(Node::Map(out))
}

/// The attribute behind each property.
fn trace(plan: &mut Plan, id: &str, cache: &Serverless) {
    let spans = [
        ("ServerlessCacheName", Some(cache.name.span)),
        ("SecurityGroupIds", Some(cache.name.span)),
        ("SubnetIds", Some(cache.subnets_span)),
        ("Description", cache.description.as_ref().map(|d| d.span)),
        ("Engine", cache.engine.as_ref().map(|e| e.span)),
        (
            "MajorEngineVersion",
            cache.major_version.as_ref().map(|v| v.span),
        ),
        ("CacheUsageLimits", cache.limits.as_ref().map(|l| l.keyword)),
        (
            "DailySnapshotTime",
            cache.snapshot_time.as_ref().map(|t| t.span),
        ),
        (
            "SnapshotRetentionLimit",
            cache.snapshot_retention.as_ref().map(|n| n.span),
        ),
        (
            "FinalSnapshotName",
            cache
                .final_snapshot
                .as_ref()
                .map(|n| n.span)
                .or(cache.on_delete.as_ref().map(|o| o.span)),
        ),
        ("KmsKeyId", cache.kms_key.as_ref().map(RefOrStr::span)),
        ("UserGroupId", cache.user_group.as_ref().map(RefOrStr::span)),
    ];
    for (property, span) in spans {
        if let Some(span) = span {
            plan.trace(id, property, span);
        }
    }
}
