//! ElastiCache node types: which exist, where, which a new cluster may use, and what each supports.
//! Sources below; checked 2026-12-02; `scripts/refresh-aws-data` regenerates `node_types.txt`.

// Sources:
// - node_types.txt: cfn-lint 1.58 `cachenodetype_enum.json`, built from the AWS Price List, per
//   region. The user guide sends readers to the same data: "Supported node types may vary between
//   AWS Regions. For more details, see Amazon ElastiCache pricing."
//   https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html
// - Families, minimum engine versions, Valkey-only 8g families, data tiering on r6gd, T2 no longer
//   creatable: the same "Supported node types" page (its Valkey and Redis OSS tables), by hand.
// - Previous generation types: ElastiCache API reference "CacheNode", by hand.
//   https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CacheNode.html
// - No automatic failover on T1: "Minimizing downtime in ElastiCache by using Multi-AZ".
// Not verified from these sources: that the Price List names every type a region offers the day
// a type launches there (a region is missing a type only until cfn-lint's next data update).

use super::engines::Version;

/// Every type cfn-lint lists, sorted, each with the regions that offer it (generated).
const TABLE: &str = include_str!("node_types.txt");

/// Previous generation types that cfn-lint no longer lists (the Price List has none) but AWS still
/// names (CacheNode API): known, so that the message says "previous generation", not "unknown".
pub const OLDER_TYPES: &[&str] = &[
    "cache.t1.micro",
    "cache.m1.small",
    "cache.m1.medium",
    "cache.m1.large",
    "cache.m1.xlarge",
    "cache.m2.xlarge",
    "cache.m2.2xlarge",
    "cache.m2.4xlarge",
    "cache.m3.medium",
    "cache.m3.large",
    "cache.m3.xlarge",
    "cache.m3.2xlarge",
    "cache.c1.xlarge",
    "cache.r3.large",
    "cache.r3.xlarge",
    "cache.r3.2xlarge",
    "cache.r3.4xlarge",
    "cache.r3.8xlarge",
];

/// Families that run Valkey (7.2 on) and Memcached but no Redis OSS version: the Redis OSS tables
/// of "Supported node types" do not list them.
const VALKEY_ONLY: &[&str] = &["m8g", "r8g", "c8gn"];

/// The generated table: the regions cfn-lint has lists for, and each type with its regions.
struct Table {
    regions: Vec<&'static str>,
    types: Vec<(&'static str, Vec<&'static str>)>,
}

fn table() -> &'static Table {
    static TABLE_ONCE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE_ONCE.get_or_init(|| {
        let mut table = Table {
            regions: Vec::new(),
            types: Vec::new(),
        };
        for line in TABLE.lines().filter(|l| !l.starts_with('#')) {
            let mut words = line.split_whitespace();
            match words.next() {
                Some("regions") => table.regions = words.collect(),
                Some(name) => table.types.push((name, words.collect())),
                None => {}
            }
        }
        table
    })
}

/// The types cfn-lint lists (current and recent types), sorted.
pub fn listed() -> impl Iterator<Item = &'static str> {
    table().types.iter().map(|(name, _)| *name)
}

/// The regions that offer `name`, when the table has data for the stack's `region`; `None` when
/// either is unknown to it (older types, regions cfn-lint has no list for).
pub fn offered_in(name: &str, region: &str) -> Option<&'static [&'static str]> {
    let t = table();
    if !t.regions.contains(&region) {
        return None;
    }
    t.types
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, regions)| regions.as_slice())
}

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
    /// The oldest Redis OSS version the type runs, `None` when it runs no Redis OSS at all; every
    /// type runs Valkey 7.2, the oldest Valkey.
    pub min_redis: Option<Version>,
    /// r6gd, and only r6gd, tiers data to SSD; it must be created with data tiering on.
    pub data_tiering: bool,
    /// T1 has neither automatic failover (so no Multi-AZ) nor snapshots.
    pub failover: bool,
    pub snapshots: bool,
}

/// Every name `lookup` knows: cfn-lint's types and the older ones.
pub fn names() -> impl Iterator<Item = &'static str> {
    listed().chain(
        OLDER_TYPES
            .iter()
            .copied()
            .filter(|o| !listed().any(|l| l == *o)),
    )
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
        _ if VALKEY_ONLY.contains(&family) => None,
        ("m7g" | "r7g" | "c7gn" | "r6gd", _) => Some(Version::new(6, 2, 0)),
        ("m6g" | "r6g", _) | ("t4g", "small" | "medium") => Some(Version::new(5, 0, 6)),
        _ => Some(Version::new(4, 0, 10)),
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
        assert_eq!(t.min_redis, Some(Version::new(4, 0, 10)));
        assert_eq!(
            lookup("cache.t4g.small").unwrap().min_redis,
            Some(Version::new(5, 0, 6))
        );
        assert_eq!(
            lookup("cache.r7g.large").unwrap().min_redis,
            Some(Version::new(6, 2, 0))
        );
        for valkey_only in ["cache.m8g.large", "cache.r8g.16xlarge", "cache.c8gn.xlarge"] {
            let node = lookup(valkey_only).unwrap();
            assert_eq!(
                (node.min_redis, node.generation),
                (None, Generation::Current)
            );
        }
        assert!(lookup("cache.c8g.large").is_none());
        assert!(lookup("cache.r6gd.xlarge").unwrap().data_tiering);
        assert!(lookup("cache.r6gd.large").is_none());
        let t1 = lookup("cache.t1.micro").unwrap();
        assert_eq!(t1.generation, Generation::Previous);
        assert!(!t1.failover && !t1.snapshots);
        assert_eq!(
            lookup("cache.t2.small").unwrap().generation,
            Generation::NoNewClusters
        );
        assert_eq!(listed().count(), 94);
        let mut sorted: Vec<&str> = names().collect();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names().count(), "each name once");
    }

    #[test]
    fn regions_that_offer_a_type() {
        let c7gn = offered_in("cache.c7gn.large", "eu-west-1").unwrap();
        assert_eq!(c7gn, ["eu-west-1", "us-east-1", "us-east-2", "us-west-2"]);
        assert!(
            !offered_in("cache.c7gn.large", "eu-west-2")
                .unwrap()
                .contains(&"eu-west-2")
        );
        assert!(
            offered_in("cache.m8g.large", "eu-west-1")
                .unwrap()
                .contains(&"eu-west-1")
        );
        assert_eq!(offered_in("cache.t4g.micro", "us-iso-east-1"), None);
        assert_eq!(offered_in("cache.t1.micro", "us-east-1"), None);
        for name in listed() {
            let regions = offered_in(name, "us-east-1").unwrap();
            assert!(!regions.is_empty(), "{name}");
            assert!(
                regions
                    .iter()
                    .all(|r| crate::aws::regions::zone_letters(r).is_some())
            );
        }
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
