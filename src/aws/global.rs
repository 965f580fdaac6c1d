//! Global Datastore: the node types, engine versions and regions it supports, and how many
//! secondary regions one datastore takes.

use super::engines::Version;

/// Source: ElastiCache "Prerequisites and limitations" of global datastores,
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html
/// ("supported on the following instance families in size large and above: M5, M6g, M7g, R5,
/// R6g, R6gd, R7g, and C7gn"; checked 2026-12-02).
pub const FAMILIES: &[&str] = &["m5", "m6g", "m7g", "r5", "r6g", "r6gd", "r7g", "c7gn"];

/// Sizes below `large`, which the same page excludes.
const SMALL_SIZES: &[&str] = &["nano", "micro", "small", "medium"];

/// "You can set up replication for a primary cluster from one AWS Region to a secondary cluster
/// in up to two other AWS Regions." (same page)
pub const MAX_SECONDARIES: usize = 2;

/// Redis OSS 5.0.6 is the first version with Global Datastore (ElastiCache "Replication across
/// AWS Regions using global datastores",
/// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html); every
/// Valkey version (7.2 and later) has it.
pub const MIN_REDIS: Version = Version::new(5, 0, 6);
pub const MIN_REDIS_TEXT: &str = "5.0.6";

/// The regions the prerequisites page lists (checked 2026-12-02), by their codes.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-south-2",
    "ap-southeast-3",
    "ap-southeast-5",
    "ap-southeast-4",
    "ap-south-1",
    "ap-northeast-3",
    "ap-northeast-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-7",
    "ap-northeast-1",
    "ca-central-1",
    "ca-west-1",
    "cn-north-1",
    "cn-northwest-1",
    "eu-central-1",
    "eu-west-2",
    "eu-west-1",
    "eu-south-1",
    "eu-west-3",
    "eu-south-2",
    "eu-north-1",
    "eu-central-2",
    "us-gov-west-1",
    "us-gov-east-1",
    "il-central-1",
    "me-south-1",
    "me-central-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "mx-central-1",
    "sa-east-1",
];

/// The China regions replicate only between each other (same page).
pub const CHINA: &[&str] = &["cn-north-1", "cn-northwest-1"];

/// Whether a node type (`cache.r6g.large`) can be a member of a global datastore.
pub fn node_type_supported(name: &str) -> bool {
    let mut parts = name.split('.');
    let (_, family, size) = (parts.next(), parts.next(), parts.next());
    matches!((family, size), (Some(f), Some(s)) if FAMILIES.contains(&f) && !SMALL_SIZES.contains(&s))
}

pub fn region_supported(region: &str) -> bool {
    REGIONS.contains(&region)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_members_of_the_families_only() {
        assert!(node_type_supported("cache.r6g.large"));
        assert!(node_type_supported("cache.m7g.16xlarge"));
        assert!(!node_type_supported("cache.t4g.micro"));
        assert!(!node_type_supported("cache.m6g.medium"));
        assert!(!node_type_supported("cache.r4.large"));
    }

    #[test]
    fn supported_regions_are_regions() {
        for r in REGIONS {
            assert!(super::super::regions::zone_letters(r).is_some(), "{r}");
        }
    }
}
