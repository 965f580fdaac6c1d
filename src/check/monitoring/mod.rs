//! Logs, notifications and alarms of replication groups: log delivery per engine version and
//! destination, CloudWatch Logs retention, SNS topic ARNs and subscribers, alarm thresholds.
//! The rules here find; `problem` words what they find.

mod problem;

use problem::MonitoringProblem;

use crate::aws::engines::Version;
use crate::aws::monitoring::{self, ENGINE_LOG_REDIS, MAX_CLIENTS, SLOW_LOG_REDIS};
use crate::diag::Diag;
use crate::model::{Cache, LogDelivery, LogDestination, LogType, Model, RefOrStr};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let mut found = Vec::new();
    for cache in &model.caches {
        for log in &cache.logs {
            delivery(cache, log, &mut found);
        }
        if let Some(RefOrStr::Existing(arn)) = &cache.notifications
            && !monitoring::valid_topic_arn(&arn.value)
        {
            found.push(MonitoringProblem::TopicArn { arn });
        }
        alarms(cache, &mut found);
    }
    for topic in &model.topics {
        for email in topic
            .email
            .iter()
            .filter(|e| !monitoring::valid_email(&e.value))
        {
            found.push(MonitoringProblem::Email { email });
        }
    }
    out.extend(found.iter().map(MonitoringProblem::diag));
}

fn delivery<'m>(cache: &'m Cache, log: &'m LogDelivery, found: &mut Vec<MonitoringProblem<'m>>) {
    let (first, first_text) = match log.log {
        LogType::Slow => SLOW_LOG_REDIS,
        LogType::Engine => ENGINE_LOG_REDIS,
    };
    if cache.engine.value == "redis"
        && Version::parse(&cache.engine_version.value).is_some_and(|v| v < first)
    {
        found.push(MonitoringProblem::EngineTooOld {
            cache,
            log,
            first: first_text,
        });
    }
    match log.to() {
        LogDestination::Cloudwatch => {
            // Outside 1 to 3653 the schema's range rule has already said so.
            if let Some(days) = &log.retention
                && (1..=3653).contains(&days.value)
                && !monitoring::LOG_RETENTION_DAYS.contains(&days.value)
            {
                found.push(MonitoringProblem::Retention {
                    days,
                    nearest: monitoring::nearest_retention(days.value),
                });
            }
            if let Some(stream) = &log.stream {
                found.push(MonitoringProblem::Ignored {
                    log,
                    key: "stream",
                    at: stream.span,
                });
            }
        }
        LogDestination::Firehose => {
            match &log.stream {
                None => found.push(MonitoringProblem::NoStream { log }),
                Some(stream) if !monitoring::valid_stream_name(&stream.value) => {
                    found.push(MonitoringProblem::StreamName { stream });
                }
                Some(_) => {}
            }
            if let Some(days) = &log.retention {
                found.push(MonitoringProblem::Ignored {
                    log,
                    key: "retention",
                    at: days.span,
                });
            }
        }
    }
}

fn alarms<'m>(cache: &'m Cache, found: &mut Vec<MonitoringProblem<'m>>) {
    let Some(alarms) = &cache.alarms else { return };
    if cache.notifications.is_none() {
        found.push(MonitoringProblem::NoTopic { cache, alarms });
    }
    if let Some(n) = &alarms.connections
        && n.value >= MAX_CLIENTS
    {
        found.push(MonitoringProblem::Connections { threshold: n });
    }
}
