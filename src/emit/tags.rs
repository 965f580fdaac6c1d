//! Tags on every emitted resource that takes them: the stack's, overridden key by key by the
//! owning declaration's, after the tags the emitters set themselves (`Name`), sorted by key.

use std::collections::HashMap;

use super::node::{Map, Node, map};
use super::plan::Plan;
use crate::model::{Model, Tag, merged_tags};

/// The resource types that take a `Tags` list of `{Key, Value}`, as cfn-lint's registry schemas
/// have them (`tagging.taggable` with `/properties/Tags`). `AWS::CloudFormation::Stack` is
/// taggable too, but its tags propagate to the nested stack's resources in a way that "varies by
/// resource type" (CloudFormation, "Resource tag"), so every resource carries its own instead.
const TAG_LISTS: &[&str] = &[
    "AWS::CloudWatch::Alarm",
    "AWS::EC2::Instance",
    "AWS::EC2::RouteTable",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::Subnet",
    "AWS::EC2::VPC",
    "AWS::EC2::VPCEndpoint",
    "AWS::ElastiCache::ParameterGroup",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElastiCache::ServerlessCache",
    "AWS::ElastiCache::SubnetGroup",
    "AWS::ElastiCache::User",
    "AWS::ElastiCache::UserGroup",
    "AWS::IAM::Role",
    "AWS::KMS::Key",
    "AWS::Lambda::Function",
    "AWS::Logs::LogGroup",
    "AWS::SNS::Topic",
];

/// `AWS::SSM::Parameter` takes its tags as a map of key to value.
const TAG_MAPS: &[&str] = &["AWS::SSM::Parameter"];

/// The tags of every declaration by name: network, subnets and endpoints share the network's.
fn by_owner(model: &Model) -> HashMap<&str, &[Tag]> {
    let net = &model.network;
    let mut out: HashMap<&str, &[Tag]> = HashMap::new();
    out.insert(&net.name.value, &net.tags);
    for s in &net.subnets {
        out.insert(&s.name.value, &net.tags);
    }
    for e in &net.endpoints {
        out.insert(&e.name.value, &net.tags);
    }
    for c in &model.caches {
        out.insert(&c.name.value, &c.tags);
    }
    for c in &model.serverless {
        out.insert(&c.name.value, &c.tags);
    }
    for l in &model.layers {
        out.insert(&l.name.value, &l.tags);
    }
    for i in &model.instances {
        out.insert(&i.name.value, &i.tags);
    }
    for f in &model.functions {
        out.insert(&f.name.value, &f.tags);
    }
    out
}

pub fn apply(model: &Model, plan: &mut Plan) {
    let owners = by_owner(model);
    let stack = &model.stack.tags;
    if stack.is_empty() && owners.values().all(|t| t.is_empty()) {
        return;
    }
    for planned in plan.resources.values_mut() {
        let Some((_, owner)) = plan.owners.get_index(planned.owner) else {
            continue;
        };
        let tags: Vec<(&str, &str)> =
            merged_tags(stack, owners.get(owner.as_str()).copied().unwrap_or(&[]))
                .into_iter()
                .map(|t| (t.key.value.as_str(), t.value.value.as_str()))
                .collect();
        if tags.is_empty() {
            continue;
        }
        let resource = &mut planned.item;
        if TAG_LISTS.contains(&resource.ty) {
            let mut list = match resource.properties.shift_remove("Tags") {
                Some(Node::List(items)) => items,
                _ => Vec::new(),
            };
            // An emitter's own tag (`Name`) gives way to a written one of the same key.
            list.retain(|t| !tags.iter().any(|(k, _)| key_of(t) == Some(k)));
            list.extend(
                tags.iter().map(|(k, v)| {
                    Node::Map(map([("Key", Node::str(*k)), ("Value", Node::str(*v))]))
                }),
            );
            resource.properties.insert("Tags".into(), Node::List(list));
        } else if TAG_MAPS.contains(&resource.ty) {
            let m: Map = tags
                .iter()
                .map(|(k, v)| ((*k).to_string(), Node::str(*v)))
                .collect();
            resource.properties.insert("Tags".into(), Node::Map(m));
        }
    }
}

fn key_of(tag: &Node) -> Option<&str> {
    match tag {
        Node::Map(m) => match m.get("Key") {
            Some(Node::Str(k)) => Some(k),
            _ => None,
        },
        _ => None,
    }
}
