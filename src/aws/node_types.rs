//! ElastiCache node types: which exist, which a new cluster may use, and what each family supports.
//! Sources: cfn-lint 1.51 `cachenodetype_enum.json` (the same 83 types in every region); the
//! ElastiCache API reference "CacheNode" (previous generation types); the ElastiCache user guide
//! "Supported node types" (minimum Redis OSS version per type, data tiering, T2 no longer creatable)
//! and "Minimizing downtime with Multi-AZ" (no automatic failover on T1).

use super::engines::Version;

/// Every type cfn-lint knows, sorted, as listed in its `cachenodetype_enum.json`.
pub const CFN_LINT_TYPES: &[&str] = &[
    "cache.c7gn.12xlarge",
    "cache.c7gn.16xlarge",
    "cache.c7gn.2xlarge",
    "cache.c7gn.4xlarge",
    "cache.c7gn.8xlarge",
    "cache.c7gn.large",
    "cache.c7gn.xlarge",
    "cache.m1.small",
    "cache.m3.2xlarge",
    "cache.m3.large",
    "cache.m3.medium",
    "cache.m3.xlarge",
    "cache.m4.10xlarge",
    "cache.m4.2xlarge",
    "cache.m4.4xlarge",
    "cache.m4.large",
    "cache.m4.xlarge",
    "cache.m5.12xlarge",
    "cache.m5.24xlarge",
    "cache.m5.2xlarge",
    "cache.m5.4xlarge",
    "cache.m5.large",
    "cache.m5.xlarge",
    "cache.m6g.12xlarge",
    "cache.m6g.16xlarge",
    "cache.m6g.2xlarge",
    "cache.m6g.4xlarge",
    "cache.m6g.8xlarge",
    "cache.m6g.large",
    "cache.m6g.xlarge",
    "cache.m7g.12xlarge",
    "cache.m7g.16xlarge",
    "cache.m7g.2xlarge",
    "cache.m7g.4xlarge",
    "cache.m7g.8xlarge",
    "cache.m7g.large",
    "cache.m7g.xlarge",
    "cache.r3.2xlarge",
    "cache.r3.4xlarge",
    "cache.r3.8xlarge",
    "cache.r3.large",
    "cache.r3.xlarge",
    "cache.r4.16xlarge",
    "cache.r4.2xlarge",
    "cache.r4.4xlarge",
    "cache.r4.8xlarge",
    "cache.r4.large",
    "cache.r4.xlarge",
    "cache.r5.12xlarge",
    "cache.r5.24xlarge",
    "cache.r5.2xlarge",
    "cache.r5.4xlarge",
    "cache.r5.large",
    "cache.r5.xlarge",
    "cache.r6g.12xlarge",
    "cache.r6g.16xlarge",
    "cache.r6g.2xlarge",
    "cache.r6g.4xlarge",
    "cache.r6g.8xlarge",
    "cache.r6g.large",
    "cache.r6g.xlarge",
    "cache.r6gd.12xlarge",
    "cache.r6gd.16xlarge",
    "cache.r6gd.2xlarge",
    "cache.r6gd.4xlarge",
    "cache.r6gd.8xlarge",
    "cache.r6gd.xlarge",
    "cache.r7g.12xlarge",
    "cache.r7g.16xlarge",
    "cache.r7g.2xlarge",
    "cache.r7g.4xlarge",
    "cache.r7g.8xlarge",
    "cache.r7g.large",
    "cache.r7g.xlarge",
    "cache.t2.medium",
    "cache.t2.micro",
    "cache.t2.small",
    "cache.t3.medium",
    "cache.t3.micro",
    "cache.t3.small",
    "cache.t4g.medium",
    "cache.t4g.micro",
    "cache.t4g.small",
];

/// Previous generation types that cfn-lint no longer lists but AWS still names (CacheNode API):
/// known, so that the message says "previous generation" rather than "unknown".
pub const OLDER_TYPES: &[&str] = &[
    "cache.t1.micro",
    "cache.m1.medium",
    "cache.m1.large",
    "cache.m1.xlarge",
    "cache.m2.xlarge",
    "cache.m2.2xlarge",
    "cache.m2.4xlarge",
    "cache.c1.xlarge",
];

/// Whether a new cluster may use a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generation {
    Current,
    /// T1, M1, M2, M3, C1, R3: existing clusters run, new ones cannot be created.
    Previous,
    /// T2: moved to the previous generation; new T2 clusters can no longer be created.
    NoNewClusters,
}

/// What one node type can do, as far as the checks need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeType {
    pub name: &'static str,
    /// `t4g`, `r6gd`, ...
    pub family: &'static str,
    pub generation: Generation,
    /// The oldest Redis OSS version the type runs; every type needs Valkey 7.2, the oldest Valkey.
    pub min_redis: Version,
    /// r6gd, and only r6gd, tiers data to SSD; it must be created with data tiering on.
    pub data_tiering: bool,
    /// T1 has neither automatic failover (so no Multi-AZ) nor snapshots.
    pub failover: bool,
    pub snapshots: bool,
}

/// Every name `lookup` knows: cfn-lint's types and the older ones.
pub fn names() -> impl Iterator<Item = &'static str> {
    CFN_LINT_TYPES.iter().chain(OLDER_TYPES).copied()
}

/// The node type called `name`, if AWS has it.
pub fn lookup(name: &str) -> Option<NodeType> {
    let name = names().find(|n| *n == name)?;
    let mut parts = name.split('.');
    let (_, family, size) = (parts.next()?, parts.next()?, parts.next()?);
    let generation = match family {
        "t1" | "m1" | "m2" | "m3" | "c1" | "r3" => Generation::Previous,
        "t2" => Generation::NoNewClusters,
        _ => Generation::Current,
    };
    let min_redis = match (family, size) {
        ("m7g" | "r7g" | "c7gn" | "r6gd", _) => Version::new(6, 2, 0),
        ("m6g" | "r6g", _) | ("t4g", "small" | "medium") => Version::new(5, 0, 6),
        _ => Version::new(4, 0, 10),
    };
    Some(NodeType {
        name,
        family,
        generation,
        min_redis,
        data_tiering: family == "r6gd",
        failover: family != "t1",
        snapshots: family != "t1",
    })
}

/// A type to suggest instead of one that cannot be created: the current family of the same role.
pub fn replacement(node: &NodeType) -> &'static str {
    let size = node.name.rsplit('.').next().unwrap_or_default();
    let family = match node.family {
        "t1" | "t2" | "m1" => "t4g",
        "m2" | "m3" => "m7g",
        "r3" => "r7g",
        "c1" => "c7gn",
        _ => "t4g",
    };
    let wanted = format!("cache.{family}.{size}");
    names().find(|n| *n == wanted).unwrap_or(match family {
        "m7g" => "cache.m7g.large",
        "r7g" => "cache.r7g.large",
        "c7gn" => "cache.c7gn.large",
        _ => "cache.t4g.micro",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_and_limits() {
        let t = lookup("cache.t4g.micro").unwrap();
        assert_eq!((t.family, t.generation), ("t4g", Generation::Current));
        assert_eq!(t.min_redis, Version::new(4, 0, 10));
        assert_eq!(
            lookup("cache.t4g.small").unwrap().min_redis,
            Version::new(5, 0, 6)
        );
        assert_eq!(
            lookup("cache.r7g.large").unwrap().min_redis,
            Version::new(6, 2, 0)
        );
        assert!(lookup("cache.r6gd.xlarge").unwrap().data_tiering);
        assert!(lookup("cache.r6gd.large").is_none());
        let t1 = lookup("cache.t1.micro").unwrap();
        assert_eq!(t1.generation, Generation::Previous);
        assert!(!t1.failover && !t1.snapshots);
        assert_eq!(
            lookup("cache.t2.small").unwrap().generation,
            Generation::NoNewClusters
        );
        assert_eq!(CFN_LINT_TYPES.len(), 83);
    }

    #[test]
    fn replacements_exist() {
        for name in names() {
            let node = lookup(name).unwrap();
            if node.generation != Generation::Current {
                let r = lookup(replacement(&node)).unwrap();
                assert_eq!(r.generation, Generation::Current, "{name} -> {}", r.name);
            }
        }
        assert_eq!(
            replacement(&lookup("cache.t2.small").unwrap()),
            "cache.t4g.small"
        );
        assert_eq!(
            replacement(&lookup("cache.m3.medium").unwrap()),
            "cache.m7g.large"
        );
    }
}
