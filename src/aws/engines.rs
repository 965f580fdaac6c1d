//! ElastiCache engines and versions (cluster mode disabled), their default parameter groups and
//! their support dates. Sources: cfn-lint 1.51 `engine_version.json` (versions accepted on create);
//! ElastiCache "Engine specific parameters" (families); ElastiCache "Extended Support" (dates).

use crate::date::Date;

/// Versions CloudFormation accepts on create, per engine, with their default parameter group.
pub const VERSIONS: &[(&str, &str, &str)] = &[
    ("redis", "4.0.10", "default.redis4.0"),
    ("redis", "5.0.6", "default.redis5.0"),
    ("redis", "6.0", "default.redis6.x"),
    ("redis", "6.2", "default.redis6.x"),
    ("redis", "7.0", "default.redis7"),
    ("redis", "7.1", "default.redis7"),
    ("valkey", "7.2", "default.valkey7"),
    ("valkey", "8.0", "default.valkey8"),
    ("valkey", "8.1", "default.valkey8"),
    ("valkey", "8.2", "default.valkey8"),
    ("valkey", "9.0", "default.valkey9"),
];

pub const ENGINES: &[&str] = &["redis", "valkey"];

/// The suffix of the default groups that turn cluster mode on (`default.redis7.cluster.on`).
pub const CLUSTER_ON: &str = ".cluster.on";

/// End of standard support, after which AWS bills Extended Support: Redis OSS 4 and 5 ended on
/// 2026-01-31 (ElastiCache "Extended Support"). Later versions have no announced date here.
pub const STANDARD_SUPPORT_ENDS: &[(&str, &str, Date)] = &[
    ("redis", "4.0.10", Date::new(2026, 1, 31)),
    ("redis", "5.0.6", Date::new(2026, 1, 31)),
];

/// How the engine is called in messages.
pub fn display_name(engine: &str) -> &'static str {
    match engine {
        "valkey" => "Valkey",
        _ => "Redis OSS",
    }
}

/// The versions of `engine` that CloudFormation accepts, oldest first.
pub fn versions(engine: &str) -> impl Iterator<Item = &'static str> + '_ {
    VERSIONS
        .iter()
        .filter(move |(e, _, _)| *e == engine)
        .map(|(_, v, _)| *v)
}

/// The default parameter group for an engine version, if the version is known.
pub fn default_parameter_group(engine: &str, version: &str) -> Option<&'static str> {
    VERSIONS
        .iter()
        .find(|(e, v, _)| *e == engine && *v == version)
        .map(|(_, _, g)| *g)
}

/// Every default group of cluster mode disabled, each once.
pub fn default_groups() -> Vec<&'static str> {
    let mut groups: Vec<&str> = VERSIONS.iter().map(|(_, _, g)| *g).collect();
    groups.dedup();
    groups
}

/// The engine and versions a default group serves, such as `redis` and "6.0, 6.2".
pub fn group_serves(group: &str) -> Option<(&'static str, Vec<&'static str>)> {
    let mut found = VERSIONS.iter().filter(|(_, _, g)| *g == group).peekable();
    let engine = found.peek()?.0;
    Some((engine, found.map(|(_, v, _)| *v).collect()))
}

/// The day standard support ended or ends, when AWS has announced one.
pub fn standard_support_ends(engine: &str, version: &str) -> Option<Date> {
    STANDARD_SUPPORT_ENDS
        .iter()
        .find(|(e, v, _)| *e == engine && *v == version)
        .map(|(_, _, d)| *d)
}

/// The first version of each engine with a transit encryption mode, and so with TLS turned on in
/// place. Source: ElastiCache "Enabling in-transit encryption on a node-based Redis OSS cluster
/// using Python" ("online TLS migration only for clusters with Valkey version 7.2 and above or
/// Redis OSS version 7.0 or above").
pub const TRANSIT_MODE_SINCE: &[(&str, Version)] = &[
    ("redis", Version::new(7, 0, 0)),
    ("valkey", Version::new(7, 2, 0)),
];

/// Whether `engine` at `version` takes a transit encryption mode; `None` for an unknown engine or
/// an unreadable version (reported elsewhere).
pub fn has_transit_mode(engine: &str, version: &str) -> Option<bool> {
    let since = TRANSIT_MODE_SINCE.iter().find(|(e, _)| *e == engine)?.1;
    Some(Version::parse(version)? >= since)
}

/// A dotted engine version, compared numerically (missing parts are zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// `7.1`, `4.0.10`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.');
        let mut next = || -> Option<Option<u32>> {
            match parts.next() {
                None => Some(None),
                Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().ok().map(Some)
                }
                Some(_) => None,
            }
        };
        let major = next()??;
        let minor = next()?.unwrap_or(0);
        let patch = next()?.unwrap_or(0);
        next()?
            .is_none()
            .then_some(Version::new(major, minor, patch))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.patch == 0 {
            write!(f, "{}.{}", self.major, self.minor)
        } else {
            write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_groups() {
        assert_eq!(Version::parse("7.1"), Some(Version::new(7, 1, 0)));
        assert_eq!(Version::parse("4.0.10"), Some(Version::new(4, 0, 10)));
        assert_eq!(Version::parse("7.1.0.1"), None);
        assert_eq!(Version::parse("7.x"), None);
        assert_eq!(Version::parse(""), None);
        assert!(Version::parse("6.2").unwrap() >= Version::new(6, 2, 0));
        assert!(Version::parse("5.0.6").unwrap() < Version::new(6, 2, 0));
        assert_eq!(Version::new(4, 0, 10).to_string(), "4.0.10");
        assert_eq!(
            group_serves("default.redis6.x"),
            Some(("redis", vec!["6.0", "6.2"]))
        );
        assert_eq!(default_groups().len(), 7);
        assert_eq!(versions("valkey").count(), 5);
        assert_eq!(
            standard_support_ends("redis", "5.0.6"),
            Some(Date::new(2026, 1, 31))
        );
        assert_eq!(standard_support_ends("redis", "6.2"), None);
    }
}
