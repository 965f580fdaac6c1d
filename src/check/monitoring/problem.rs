//! The monitoring family's findings as data, and their wording. The rules in `monitoring` only
//! find; this module alone writes the messages, labels and help.

use crate::aws::monitoring::{LOG_RETENTION_DAYS, MAX_CLIENTS, valid_stream_name};
use crate::diag::{Diag, codes};
use crate::model::{Alarms, Cache, DEFAULT_CONNECTIONS, LogDelivery, LogType, S};
use crate::span::Span;

/// What the monitoring rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum MonitoringProblem<'m> {
    /// E0150: a retention CloudWatch Logs does not offer; `nearest` is the closest it does.
    Retention { days: &'m S<i64>, nearest: i64 },
    /// E0151: a Redis OSS version older than `first`, the first that delivers the log.
    EngineTooOld {
        cache: &'m Cache,
        log: &'m LogDelivery,
        first: &'static str,
    },
    /// E0152: Firehose delivery with no stream named.
    NoStream { log: &'m LogDelivery },
    /// E0153: not a delivery stream name (an ARN, for instance).
    StreamName { stream: &'m S<String> },
    /// E0154: `notifications` given as a string that is not an SNS topic ARN.
    TopicArn { arn: &'m S<String> },
    /// E0155: an address SNS's email protocol refuses.
    Email { email: &'m S<String> },
    /// W0150: `key` at `at` belongs to the other destination.
    Ignored {
        log: &'m LogDelivery,
        key: &'static str,
        at: Span,
    },
    /// W0151: alarms without a topic to notify.
    NoTopic {
        cache: &'m Cache,
        alarms: &'m Alarms,
    },
    /// W0152: a connections threshold a node never reaches.
    Connections { threshold: &'m S<i64> },
}

fn keyword(log: LogType) -> &'static str {
    match log {
        LogType::Slow => "slow_log",
        LogType::Engine => "engine_log",
    }
}

impl MonitoringProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            MonitoringProblem::Retention { days, nearest } => {
                let allowed: Vec<String> = LOG_RETENTION_DAYS.iter().map(i64::to_string).collect();
                Diag::new(
                    codes::E0150,
                    days.span,
                    format!("CloudWatch Logs cannot keep entries for {} days", days.value),
                    "not an allowed retention",
                )
                .help(format!(
                    "write `retention = {nearest}`, the nearest allowed value (allowed: {})",
                    allowed.join(", ")
                ))
            }
            MonitoringProblem::EngineTooOld { cache, log, first } => {
                let block = keyword(log.log);
                Diag::new(
                    codes::E0151,
                    log.keyword,
                    format!(
                        "Redis OSS {} cannot deliver its {}",
                        cache.engine_version.value,
                        block.replace('_', " ")
                    ),
                    format!("needs Redis OSS {first} or later, or Valkey"),
                )
                .with_label(cache.engine_version.span, "this version")
                .help(format!(
                    "set `engine_version = \"{first}\"` or later, or remove `{block}`"
                ))
            }
            MonitoringProblem::NoStream { log } => Diag::new(
                codes::E0152,
                log.keyword,
                format!(
                    "`{}` goes to Firehose but names no delivery stream",
                    keyword(log.log)
                ),
                "needs `stream`",
            )
            .help("add `stream = \"my-delivery-stream\"`, the name of an existing Firehose delivery stream"),
            MonitoringProblem::StreamName { stream } => Diag::new(
                codes::E0153,
                stream.span,
                format!("`{}` is not a Firehose delivery stream name", stream.value),
                "1 to 64 letters, digits, `_`, `.` or `-`",
            )
            .help(match stream.value.rsplit_once('/') {
                Some((_, name)) if valid_stream_name(name) => {
                    format!("give the stream's name, not its ARN: `stream = \"{name}\"`")
                }
                _ => "give the delivery stream's name, such as \"cache-slow-log\"".into(),
            }),
            MonitoringProblem::TopicArn { arn } => Diag::new(
                codes::E0154,
                arn.span,
                format!("`{}` is not an SNS topic ARN", arn.value),
                "expected arn:aws:sns:<region>:<account>:<topic>",
            )
            .help(
                "give the existing topic's ARN, such as \"arn:aws:sns:eu-west-1:123456789012:ops-alerts\", or declare `topic NAME { ... }` and name it without quotes",
            ),
            MonitoringProblem::Email { email } => Diag::new(
                codes::E0155,
                email.span,
                format!("`{}` is not an email address", email.value),
                "SNS cannot subscribe it",
            )
            .help("write an address such as \"ops@example.com\""),
            MonitoringProblem::Ignored { log, key, at } => {
                let applies = match *key {
                    "stream" => "a Firehose delivery",
                    _ => "the CloudWatch Logs group cachec creates",
                };
                Diag::new(
                    codes::W0150,
                    *at,
                    format!("`{key}` has no effect here: it applies to {applies}"),
                    "ignored",
                )
                .help(format!(
                    "remove `{key}`, or change `to` in `{}` if the log should go elsewhere",
                    keyword(log.log)
                ))
            }
            MonitoringProblem::NoTopic { cache, alarms } => Diag::new(
                codes::W0151,
                alarms.keyword,
                format!("the alarms of `{}` notify no one", cache.name.value),
                "no `notifications` topic",
            )
            .help("add `notifications = NAME` (a declared topic) or the ARN of an existing topic to the replication group"),
            MonitoringProblem::Connections { threshold } => Diag::new(
                codes::W0152,
                threshold.span,
                format!(
                    "a node accepts at most {MAX_CLIENTS} connections, so this alarm never fires"
                ),
                "never reached",
            )
            .help(format!(
                "write a threshold below {MAX_CLIENTS}, such as `connections = {DEFAULT_CONNECTIONS}`"
            )),
        }
    }
}
