//! Auto scaling of a replication group: per dimension scaled, an Application Auto Scaling
//! scalable target and its target tracking policy, beside the group in the cache template.

use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::aws::autoscaling::{REPLICA_METRIC, REPLICAS_DIMENSION, ROLE_PATH, SHARDS_DIMENSION};
use crate::model::ids::{CacheIds, replication_group_name};
use crate::model::{Cache, Model};

/// Source: ElastiCache "Use AWS CloudFormation for Auto Scaling policies",
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling-with-Cloudformation-Shards.html.
pub fn emit(model: &Model, cache: &Cache, ids: &CacheIds, plan: &mut Plan) {
    let Some(a) = &cache.autoscaling else { return };
    let group = replication_group_name(&model.stack.name.value, &cache.name.value);
    for (what, target_id, policy_id) in &ids.scaling {
        let (scaling, dimension, metric) = match *what {
            "replicas" => (&a.replicas, REPLICAS_DIMENSION, REPLICA_METRIC),
            _ => (&a.shards, SHARDS_DIMENSION, a.shards_metric().predefined()),
        };
        let Some(s) = scaling else { continue };
        let resource_id = Node::SubWith(
            "replication-group/${Group}".into(),
            map([("Group", Node::reference(&ids.replication_group))]),
        );
        plan.add(
            Section::Cache,
            &cache.name,
            target_id.clone(),
            Resource::new(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                map([
                    ("ServiceNamespace", Node::str("elasticache")),
                    ("ResourceId", resource_id),
                    ("ScalableDimension", Node::str(dimension)),
                    ("MinCapacity", Node::Int(s.min.value)),
                    ("MaxCapacity", Node::Int(s.max.value)),
                    (
                        "RoleARN",
                        Node::sub(format!(
                            "arn:${{AWS::Partition}}:iam::${{AWS::AccountId}}:role/{ROLE_PATH}"
                        )),
                    ),
                ]),
            ),
        );
        plan.trace(target_id, "MinCapacity", s.min.span);
        plan.trace(target_id, "MaxCapacity", s.max.span);
        plan.add(
            Section::Cache,
            &cache.name,
            policy_id.clone(),
            Resource::new(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                map([
                    ("PolicyName", Node::str(format!("{group}-{what}"))),
                    ("PolicyType", Node::str("TargetTrackingScaling")),
                    ("ScalingTargetId", Node::reference(target_id)),
                    (
                        "TargetTrackingScalingPolicyConfiguration",
                        Node::Map(map([
                            (
                                "PredefinedMetricSpecification",
                                Node::Map(map([("PredefinedMetricType", Node::str(metric))])),
                            ),
                            ("TargetValue", Node::Int(s.target())),
                        ])),
                    ),
                ]),
            ),
        );
        if let Some(t) = &s.target {
            plan.trace(
                policy_id,
                "TargetTrackingScalingPolicyConfiguration",
                t.span,
            );
        }
    }
}
