//! Topics, log groups and alarms: the SNS topics declared with `topic`, the CloudWatch Logs groups
//! of delivered logs, and one CloudWatch alarm per node and metric of each replication group.

use super::node::{Map, Node, Resource, map};
use super::plan::{Plan, Section};
use crate::aws::monitoring;
use crate::model::ids::{
    CacheIds, cache_node_ids, log_group_name, replication_group_name, topic_id,
};
use crate::model::{
    AlarmMetric, Alarms, Cache, LogDelivery, LogDestination, Model, OnDelete, RefOrStr,
};
use crate::words::Word;

/// The topics, each with its email subscribers.
pub fn emit_topics(model: &Model, plan: &mut Plan) {
    for topic in &model.topics {
        let mut props = Map::new();
        if !topic.email.is_empty() {
            props.insert(
                "Subscription".into(),
                Node::list(topic.email.iter().map(|e| {
                    Node::Map(map([
                        ("Endpoint", Node::str(&e.value)),
                        ("Protocol", Node::str("email")),
                    ]))
                })),
            );
        }
        plan.add(
            Section::Cache,
            &topic.name,
            topic_id(&topic.name.value),
            Resource::new("AWS::SNS::Topic", props),
        );
    }
}

/// The ARN `notifications` names: `!Ref` of a declared topic, or the string as written.
pub fn topic_arn(model: &Model, cache: &Cache) -> Option<Node> {
    match cache.notifications.as_ref()? {
        RefOrStr::Declared(r) => model
            .topics
            .get(r.index)
            .map(|t| Node::reference(topic_id(&t.name.value))),
        RefOrStr::Existing(arn) => Some(Node::str(&arn.value)),
    }
}

/// `LogDeliveryConfigurations` of the group, in source order.
pub fn log_deliveries(cache: &Cache, ids: &CacheIds) -> Option<Node> {
    if cache.logs.is_empty() {
        return None;
    }
    Some(Node::list(cache.logs.iter().map(|log| {
        let details = match log.to() {
            LogDestination::Cloudwatch => {
                let group = ids
                    .log_groups
                    .iter()
                    .find(|(l, _)| *l == log.log)
                    .map_or(String::new(), |(_, id)| id.clone());
                (
                    "CloudWatchLogsDetails",
                    map([("LogGroup", Node::reference(group))]),
                )
            }
            LogDestination::Firehose => (
                "KinesisFirehoseDetails",
                map([(
                    "DeliveryStream",
                    Node::str(log.stream.as_ref().map_or("", |s| s.value.as_str())),
                )]),
            ),
        };
        Node::Map(map([
            (
                "DestinationDetails",
                Node::Map(map([(details.0, Node::Map(details.1))])),
            ),
            ("DestinationType", Node::str(log.to().destination_type())),
            ("LogFormat", Node::str(log.format().word())),
            ("LogType", Node::str(log.log.log_type())),
        ]))
    })))
}

/// The log groups and alarms of one replication group, owned by it.
pub fn emit_cache(model: &Model, cache: &Cache, ids: &CacheIds, plan: &mut Plan) {
    let group = replication_group_name(&model.stack.name.value, &cache.name.value);
    for (log, id) in &ids.log_groups {
        if let Some(delivery) = cache.logs.iter().find(|l| l.log == *log) {
            plan.add(
                Section::Cache,
                &cache.name,
                id.clone(),
                log_group(&group, cache, delivery),
            );
            if let Some(days) = &delivery.retention {
                plan.trace(id, "RetentionInDays", days.span);
            }
        }
    }
    let Some(alarms) = &cache.alarms else { return };
    let actions = topic_arn(model, cache);
    for (node, per_metric) in cache_node_ids(&group, cache).iter().zip(&ids.alarms) {
        for (metric, id) in per_metric {
            let resource = alarm(cache, alarms, *metric, node, actions.as_ref());
            plan.add(Section::Cache, &cache.name, id.clone(), resource);
            plan.trace(id, "Threshold", threshold_span(alarms, *metric));
        }
    }
}

/// Logs go with the group's data: kept when the group is retained, deleted otherwise (a log
/// group takes no snapshot).
fn log_group(group: &str, cache: &Cache, log: &LogDelivery) -> Resource {
    let mut props = map([("LogGroupName", Node::str(log_group_name(group, log.log)))]);
    if let Some(days) = &log.retention {
        props.insert("RetentionInDays".into(), Node::Int(days.value));
    }
    let policy = match cache.on_delete() {
        OnDelete::Retain => "Retain",
        OnDelete::Snapshot | OnDelete::Delete => "Delete",
    };
    Resource::new("AWS::Logs::LogGroup", props).with_policy(policy)
}

fn threshold_span(alarms: &Alarms, metric: AlarmMetric) -> crate::span::Span {
    let written = match metric {
        AlarmMetric::Cpu => &alarms.cpu,
        AlarmMetric::Memory => &alarms.memory,
        AlarmMetric::Evictions => &alarms.evictions,
        AlarmMetric::Connections => &alarms.connections,
        AlarmMetric::Swap => &alarms.swap,
        AlarmMetric::ReplicationLag => &alarms.replication_lag,
    };
    written.as_ref().map_or(alarms.keyword, |v| v.span)
}

const MB: i64 = 1024 * 1024;

/// One alarm: ten minutes above the threshold. Metrics and units: ElastiCache user guide,
/// "Host-level metrics" and "Metrics for Valkey and Redis OSS"; CPU as "Which Metrics Should I
/// Monitor?" advises, the host's CPUUtilization scaled to one core on nodes of 2 vCPUs.
fn alarm(
    cache: &Cache,
    alarms: &Alarms,
    metric: AlarmMetric,
    node: &str,
    actions: Option<&Node>,
) -> Resource {
    let vcpus = monitoring::vcpus(&cache.node_type.value);
    let (name, statistic, threshold, what) = match metric {
        AlarmMetric::Cpu if monitoring::host_cpu_metric(&cache.node_type.value) => {
            let threshold = (alarms.cpu() / vcpus).max(1);
            (
                "CPUUtilization",
                "Average",
                threshold,
                format!(
                    "host CPU above {threshold}% ({vcpus} vCPUs: the engine's core at {}%) for 10 minutes",
                    alarms.cpu()
                ),
            )
        }
        AlarmMetric::Cpu => (
            "EngineCPUUtilization",
            "Average",
            alarms.cpu(),
            format!("engine CPU above {}% for 10 minutes", alarms.cpu()),
        ),
        AlarmMetric::Memory => (
            "DatabaseMemoryUsagePercentage",
            "Average",
            alarms.memory(),
            format!(
                "memory use above {}% of maxmemory for 10 minutes",
                alarms.memory()
            ),
        ),
        AlarmMetric::Evictions => (
            "Evictions",
            "Sum",
            alarms.evictions(),
            format!(
                "more than {} keys evicted in 10 minutes",
                alarms.evictions()
            ),
        ),
        AlarmMetric::Connections => (
            "CurrConnections",
            "Maximum",
            alarms.connections(),
            format!("more than {} client connections", alarms.connections()),
        ),
        AlarmMetric::Swap => (
            "SwapUsage",
            "Average",
            alarms.swap_mb() * MB,
            format!("swap use above {} MB for 10 minutes", alarms.swap_mb()),
        ),
        AlarmMetric::ReplicationLag => (
            "ReplicationLag",
            "Maximum",
            alarms.replication_lag(),
            format!(
                "replica more than {} s behind the primary",
                alarms.replication_lag()
            ),
        ),
    };
    let mut props = map([
        ("AlarmDescription", Node::str(format!("{node}: {what}"))),
        ("Namespace", Node::str("AWS/ElastiCache")),
        ("MetricName", Node::str(name)),
        (
            "Dimensions",
            Node::list([Node::Map(map([
                ("Name", Node::str("CacheClusterId")),
                ("Value", Node::str(node)),
            ]))]),
        ),
        ("Statistic", Node::str(statistic)),
        ("Period", Node::Int(600)),
        ("EvaluationPeriods", Node::Int(1)),
        ("ComparisonOperator", Node::str("GreaterThanThreshold")),
        ("Threshold", Node::Int(threshold)),
    ]);
    // Only a replica reports ReplicationLag, and failover moves the primary: the node that is
    // primary now sends no data, which is not a breach.
    if metric == AlarmMetric::ReplicationLag {
        props.insert("TreatMissingData".into(), Node::str("notBreaching"));
    }
    if let Some(topic) = actions {
        props.insert("AlarmActions".into(), Node::list([topic.clone()]));
        props.insert("OKActions".into(), Node::list([topic.clone()]));
    }
    Resource::new("AWS::CloudWatch::Alarm", props)
}
