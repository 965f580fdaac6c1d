//! Declared KMS keys: a symmetric key the account administers and ElastiCache may use, retained by
//! default, and its alias; both live in the cache template, beside the groups that use them.

use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::ids::kms_key_id;
use crate::model::ids::{KmsKeyIds, aws_name};
use crate::model::{KmsKey, Model, RefOrStr};

/// The `KmsKeyId` of a cache: a declared key's reference, or the id or ARN as written.
pub fn key_id(key: &RefOrStr) -> Node {
    match key {
        RefOrStr::Declared(key) => Node::reference(kms_key_id(&key.name.value)),
        RefOrStr::Existing(key) => Node::str(&key.value),
    }
}

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for key in &model.kms_keys {
        let ids = KmsKeyIds::of(key);
        plan.add(
            Section::Cache,
            &key.name,
            ids.key.clone(),
            resource(stack, key),
        );
        trace(plan, &ids.key, key);
        if let (Some(alias_id), Some(alias)) = (&ids.alias, &key.alias) {
            plan.add(
                Section::Cache,
                &key.name,
                alias_id.clone(),
                Resource::new(
                    "AWS::KMS::Alias",
                    map([
                        ("AliasName", Node::str(&alias.value)),
                        ("TargetKeyId", Node::reference(&ids.key)),
                    ]),
                ),
            );
            plan.trace(alias_id, "AliasName", alias.span);
            plan.trace(alias_id, "TargetKeyId", key.name.span);
        }
    }
}

fn trace(plan: &mut Plan, id: &str, key: &KmsKey) {
    let spans = [
        ("Description", key.description.as_ref().map(|d| d.span)),
        ("EnableKeyRotation", key.rotation.as_ref().map(|r| r.span)),
        (
            "PendingWindowInDays",
            key.pending_days.as_ref().map(|d| d.span),
        ),
        ("KeyPolicy", Some(key.name.span)),
    ];
    for (property, span) in spans {
        if let Some(span) = span {
            plan.trace(id, property, span);
        }
    }
}

fn resource(stack: &str, key: &KmsKey) -> Resource {
    let description = key.description.as_ref().map_or_else(
        || format!("At-rest encryption of {}", aws_name(stack, &key.name.value)),
        |d| d.value.clone(),
    );
    let mut props = map([
        ("Description", Node::str(description)),
        ("EnableKeyRotation", Node::Bool(key.rotation())),
        ("KeyPolicy", Node::Map(policy())),
    ]);
    if let Some(days) = &key.pending_days {
        props.insert("PendingWindowInDays".into(), Node::Int(days.value));
    }
    Resource::new("AWS::KMS::Key", props).with_policy(key.on_delete().policy())
}

/// The account administers the key through IAM (KMS "Default key policy": the root statement),
/// and ElastiCache may use it on behalf of any principal of the account, only through ElastiCache
/// in this region (the statement of the AWS managed key `aws/elasticache`; ElastiCache "At-Rest
/// Encryption", using customer managed keys: ElastiCache creates grants on the key).
fn policy() -> crate::emit::node::Map {
    let root = map([
        ("Sid", Node::str("AccountAdministersTheKey")),
        ("Effect", Node::str("Allow")),
        (
            "Principal",
            Node::Map(map([(
                "AWS",
                Node::sub("arn:${AWS::Partition}:iam::${AWS::AccountId}:root"),
            )])),
        ),
        ("Action", Node::str("kms:*")),
        ("Resource", Node::str("*")),
    ]);
    let elasticache = map([
        ("Sid", Node::str("ElastiCacheUsesTheKey")),
        ("Effect", Node::str("Allow")),
        ("Principal", Node::Map(map([("AWS", Node::str("*"))]))),
        (
            "Action",
            Node::list(
                [
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:CreateGrant",
                    "kms:ListGrants",
                    "kms:DescribeKey",
                ]
                .map(Node::str),
            ),
        ),
        ("Resource", Node::str("*")),
        (
            "Condition",
            Node::Map(map([(
                "StringEquals",
                Node::Map(map([
                    (
                        "kms:ViaService",
                        Node::sub("elasticache.${AWS::Region}.amazonaws.com"),
                    ),
                    ("kms:CallerAccount", Node::reference("AWS::AccountId")),
                ])),
            )])),
        ),
    ]);
    map([
        ("Version", Node::str("2012-10-17")),
        (
            "Statement",
            Node::list([Node::Map(root), Node::Map(elasticache)]),
        ),
    ])
}
