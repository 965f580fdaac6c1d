//! Facts behind logs, notifications and alarms: CloudWatch Logs retention values, the engine
//! versions that deliver each log, name rules of Firehose streams and SNS topics, node vCPUs.

use super::engines::Version;

/// The days a CloudWatch Logs group may keep entries. Source: CloudWatch Logs API
/// `PutRetentionPolicy` (retentionInDays); cfn-lint 1.51's `AWS::Logs::LogGroup` schema (enum).
pub const LOG_RETENTION_DAYS: &[i64] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

/// The allowed retention nearest to `days` (the smaller one on a tie).
pub fn nearest_retention(days: i64) -> i64 {
    LOG_RETENTION_DAYS
        .iter()
        .copied()
        .min_by_key(|d| (d.abs_diff(days), *d))
        .unwrap_or(1)
}

/// The first Redis OSS versions that deliver the slow log and the engine log; every Valkey version
/// delivers both. Source: ElastiCache user guide, "Log delivery" (slow log from 6.0, engine log
/// from 6.2).
pub const SLOW_LOG_REDIS: (Version, &str) = (Version::new(6, 0, 0), "6.0");
pub const ENGINE_LOG_REDIS: (Version, &str) = (Version::new(6, 2, 0), "6.2");

/// A Firehose delivery stream name: 1 to 64 of `[a-zA-Z0-9_.-]`. Source: Amazon Data Firehose
/// API `CreateDeliveryStream` (DeliveryStreamName).
pub fn valid_stream_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

/// `arn:<partition>:sns:<region>:<account>:<name>`, the name 1 to 256 of `[A-Za-z0-9_-]`.
/// Source: Amazon SNS API `CreateTopic` (Name); AWS general reference, "Amazon Resource Names".
pub fn valid_topic_arn(arn: &str) -> bool {
    let parts: Vec<&str> = arn.split(':').collect();
    let [arn_word, partition, service, region, account, name] = parts.as_slice() else {
        return false;
    };
    *arn_word == "arn"
        && partition.starts_with("aws")
        && *service == "sns"
        && !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && account.len() == 12
        && account.chars().all(|c| c.is_ascii_digit())
        && (1..=256).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
}

/// An address SNS's email protocol accepts: one `@` between a non-empty local part and a
/// dotted domain, no spaces. Source: Amazon SNS API `Subscribe` (email endpoint).
pub fn valid_email(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !address.chars().any(char::is_whitespace)
}

/// Most clients a node accepts. Source: ElastiCache user guide, "Redis OSS-specific parameters"
/// (maxclients: 65000, not modifiable).
pub const MAX_CLIENTS: i64 = 65_000;

/// The vCPUs of a node type, from its size: `large` and smaller have 2, `xlarge` 4, `Nxlarge`
/// 4N. Source: ElastiCache "Supported node types" tables (cache.m7g.large 2, cache.r7g.xlarge 4,
/// cache.r7g.16xlarge 64). The T2 and M1 types with 1 vCPU are closed to new clusters (E0106).
pub fn vcpus(node_type: &str) -> i64 {
    let size = node_type.rsplit('.').next().unwrap_or("");
    match size {
        "xlarge" => 4,
        _ => match size.strip_suffix("xlarge").map(str::parse::<i64>) {
            Some(Ok(n)) if n > 0 => 4 * n,
            _ => 2,
        },
    }
}

/// Node types of 2 vCPUs or fewer are watched with the host's CPUUtilization, larger ones with the
/// engine thread's EngineCPUUtilization. Source: ElastiCache user guide, "Which Metrics Should I
/// Monitor?" (CPUUtilization for 2 vCPUs or less; EngineCPUUtilization from 4 vCPUs).
pub fn host_cpu_metric(node_type: &str) -> bool {
    vcpus(node_type) <= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facts() {
        assert_eq!(nearest_retention(10), 7);
        assert_eq!(nearest_retention(11), 14);
        assert_eq!(nearest_retention(1000), 1096);
        assert_eq!(nearest_retention(9999), 3653);
        assert!(valid_stream_name("cache-slow.log_1"));
        assert!(!valid_stream_name("arn:aws:firehose:x"));
        assert!(valid_topic_arn(
            "arn:aws:sns:eu-west-1:123456789012:ops-alerts"
        ));
        assert!(!valid_topic_arn("ops-alerts"));
        assert!(!valid_topic_arn("arn:aws:sqs:eu-west-1:123456789012:q"));
        assert!(valid_email("ops@example.com"));
        assert!(!valid_email("ops at example.com"));
        assert_eq!(vcpus("cache.t4g.micro"), 2);
        assert_eq!(vcpus("cache.r7g.large"), 2);
        assert_eq!(vcpus("cache.r7g.xlarge"), 4);
        assert_eq!(vcpus("cache.r7g.16xlarge"), 64);
    }
}
