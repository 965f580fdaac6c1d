//! ElastiCache auto scaling through Application Auto Scaling: the clusters it serves, its
//! predefined metrics per dimension, and the service-linked role it acts through.

use super::engines::Version;

/// Source: ElastiCache "Auto Scaling Valkey and Redis OSS clusters", Prerequisites,
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling.html (checked
/// 2026-12-02; the newest version of the page adds the 8th-generation families): "Instance type
/// families - R8g, R8gd, R7g, R7gd, R6g, R6gd, R5, M8g, M7g, M6g, M5, C8gn, C7gn".
pub const FAMILIES: &[&str] = &[
    "r8g", "r8gd", "r7g", "r7gd", "r6g", "r6gd", "r5", "m8g", "m7g", "m6g", "m5", "c8gn", "c7gn",
];

/// "Instance sizes - Large, XLarge, 2XLarge" (same page).
pub const SIZES: &[&str] = &["large", "xlarge", "2xlarge"];

/// "running Valkey 7.2 onwards, or running Redis OSS 6.0 onwards" (same page); every Valkey
/// version is 7.2 or later.
pub const MIN_REDIS: Version = Version::new(6, 0, 0);
pub const MIN_REDIS_TEXT: &str = "6.0";

/// Data tiering clusters need Redis OSS 7.0.7 (same page).
pub const MIN_REDIS_TIERING: Version = Version::new(7, 0, 7);
pub const MIN_REDIS_TIERING_TEXT: &str = "7.0.7";

/// The scalable dimensions. Source: Application Auto Scaling API reference, RegisterScalableTarget
/// (ScalableDimension).
pub const REPLICAS_DIMENSION: &str = "elasticache:replication-group:Replicas";
pub const SHARDS_DIMENSION: &str = "elasticache:replication-group:NodeGroups";

/// The one predefined metric of replica scaling. Source: ElastiCache "Target tracking scaling
/// policies" for replicas,
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoScaling-Scaling-Policies-Replicas-Replicas.html.
pub const REPLICA_METRIC: &str = "ElastiCacheReplicaEngineCPUUtilization";

/// The target that page advises for engine CPU: "between 35 percent and 70 percent".
pub const CPU_TARGETS: std::ops::RangeInclusive<i64> = 35..=70;

/// The service-linked role Application Auto Scaling creates for ElastiCache replication groups.
/// Source: Application Auto Scaling "ElastiCache and Application Auto Scaling",
/// https://docs.aws.amazon.com/autoscaling/application/userguide/services-that-can-integrate-elasticache.html.
pub const ROLE_PATH: &str = "aws-service-role/elasticache.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ElastiCacheRG";

/// Whether a node type (`cache.r6g.large`) can be auto scaled.
pub fn node_type_supported(name: &str) -> bool {
    let mut parts = name.split('.');
    let (_, family, size) = (parts.next(), parts.next(), parts.next());
    matches!((family, size), (Some(f), Some(s)) if FAMILIES.contains(&f) && SIZES.contains(&s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_to_2xlarge_of_the_families() {
        assert!(node_type_supported("cache.r7g.xlarge"));
        assert!(!node_type_supported("cache.r7g.4xlarge"));
        assert!(!node_type_supported("cache.t4g.medium"));
    }
}
