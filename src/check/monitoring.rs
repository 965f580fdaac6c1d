//! Logs, notifications and alarms of replication groups: log delivery per engine version and
//! destination, CloudWatch Logs retention, SNS topic ARNs and subscribers, alarm thresholds.

use crate::aws::engines::Version;
use crate::aws::monitoring::{self, ENGINE_LOG_REDIS, MAX_CLIENTS, SLOW_LOG_REDIS};
use crate::diag::{Diag, codes};
use crate::model::{Cache, LogDelivery, LogDestination, LogType, Model, RefOrStr};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    for cache in &model.caches {
        for log in &cache.logs {
            delivery(cache, log, out);
        }
        notifications(cache, out);
        alarms(cache, out);
    }
    for topic in &model.topics {
        for email in topic
            .email
            .iter()
            .filter(|e| !monitoring::valid_email(&e.value))
        {
            out.push(
                Diag::new(
                    codes::E0155,
                    email.span,
                    format!("`{}` is not an email address", email.value),
                    "SNS cannot subscribe it",
                )
                .help("write an address such as \"ops@example.com\""),
            );
        }
    }
}

fn keyword(log: LogType) -> &'static str {
    match log {
        LogType::Slow => "slow_log",
        LogType::Engine => "engine_log",
    }
}

fn delivery(cache: &Cache, log: &LogDelivery, out: &mut Vec<Diag>) {
    let block = keyword(log.log);
    let (first, first_text) = match log.log {
        LogType::Slow => SLOW_LOG_REDIS,
        LogType::Engine => ENGINE_LOG_REDIS,
    };
    if cache.engine.value == "redis"
        && Version::parse(&cache.engine_version.value).is_some_and(|v| v < first)
    {
        out.push(
            Diag::new(
                codes::E0151,
                log.keyword,
                format!(
                    "Redis OSS {} cannot deliver its {}",
                    cache.engine_version.value,
                    block.replace('_', " ")
                ),
                format!("needs Redis OSS {first_text} or later, or Valkey"),
            )
            .with_label(cache.engine_version.span, "this version")
            .help(format!(
                "set `engine_version = \"{first_text}\"` or later, or remove `{block}`"
            )),
        );
    }
    match log.to() {
        LogDestination::Cloudwatch => {
            if let Some(days) = &log.retention
                && (1..=3653).contains(&days.value)
                && !monitoring::LOG_RETENTION_DAYS.contains(&days.value)
            {
                let nearest = monitoring::nearest_retention(days.value);
                out.push(
                    Diag::new(
                        codes::E0150,
                        days.span,
                        format!(
                            "CloudWatch Logs cannot keep entries for {} days",
                            days.value
                        ),
                        "not an allowed retention",
                    )
                    .help(format!(
                        "write `retention = {nearest}`, the nearest allowed value (allowed: {})",
                        allowed_days()
                    )),
                );
            }
            if let Some(stream) = &log.stream {
                out.push(ignored(stream.span, "stream", "a Firehose delivery", block));
            }
        }
        LogDestination::Firehose => {
            match &log.stream {
                None => out.push(
                    Diag::new(
                        codes::E0152,
                        log.keyword,
                        format!("`{block}` goes to Firehose but names no delivery stream"),
                        "needs `stream`",
                    )
                    .help("add `stream = \"my-delivery-stream\"`, the name of an existing Firehose delivery stream"),
                ),
                Some(stream) if !monitoring::valid_stream_name(&stream.value) => out.push(
                    Diag::new(
                        codes::E0153,
                        stream.span,
                        format!("`{}` is not a Firehose delivery stream name", stream.value),
                        "1 to 64 letters, digits, `_`, `.` or `-`",
                    )
                    .help(match stream.value.rsplit_once('/') {
                        Some((_, name)) if monitoring::valid_stream_name(name) => {
                            format!("give the stream's name, not its ARN: `stream = \"{name}\"`")
                        }
                        _ => "give the delivery stream's name, such as \"cache-slow-log\"".into(),
                    }),
                ),
                Some(_) => {}
            }
            if let Some(days) = &log.retention {
                out.push(ignored(
                    days.span,
                    "retention",
                    "the CloudWatch Logs group cachec creates",
                    block,
                ));
            }
        }
    }
}

fn allowed_days() -> String {
    let days: Vec<String> = monitoring::LOG_RETENTION_DAYS
        .iter()
        .map(i64::to_string)
        .collect();
    days.join(", ")
}

fn ignored(span: crate::span::Span, key: &str, applies: &str, block: &str) -> Diag {
    Diag::new(
        codes::W0150,
        span,
        format!("`{key}` has no effect here: it applies to {applies}"),
        "ignored",
    )
    .help(format!(
        "remove `{key}`, or change `to` in `{block}` if the log should go elsewhere"
    ))
}

fn notifications(cache: &Cache, out: &mut Vec<Diag>) {
    if let Some(RefOrStr::Existing(arn)) = &cache.notifications
        && !monitoring::valid_topic_arn(&arn.value)
    {
        out.push(
            Diag::new(
                codes::E0154,
                arn.span,
                format!("`{}` is not an SNS topic ARN", arn.value),
                "expected arn:aws:sns:<region>:<account>:<topic>",
            )
            .help(
                "give the existing topic's ARN, such as \"arn:aws:sns:eu-west-1:123456789012:ops-alerts\", or declare `topic NAME { ... }` and name it without quotes",
            ),
        );
    }
}

fn alarms(cache: &Cache, out: &mut Vec<Diag>) {
    let Some(alarms) = &cache.alarms else { return };
    if cache.notifications.is_none() {
        out.push(
            Diag::new(
                codes::W0151,
                alarms.keyword,
                format!(
                    "the alarms of `{}` notify no one",
                    cache.name.value
                ),
                "no `notifications` topic",
            )
            .help("add `notifications = NAME` (a declared topic) or the ARN of an existing topic to the replication group"),
        );
    }
    if let Some(n) = &alarms.connections
        && n.value >= MAX_CLIENTS
    {
        out.push(
            Diag::new(
                codes::W0152,
                n.span,
                format!(
                    "a node accepts at most {MAX_CLIENTS} connections, so this alarm never fires"
                ),
                "never reached",
            )
            .help(format!(
                "write a threshold below {MAX_CLIENTS}, such as `connections = {}`",
                crate::model::DEFAULT_CONNECTIONS
            )),
        );
    }
}
