//! The serverless family's findings as data, and their wording. The rules in `serverless` only
//! find; this module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::aws::quotas::{SERVERLESS_CACHE_NAME_CHARS, SERVERLESS_DESCRIPTION_CHARS};
use crate::diag::{Diag, codes};
use crate::model::{S, Serverless, UserGroup};
use crate::words::Word;

/// What breaks an ElastiCache name's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFault {
    TooLong(usize),
    NoLetterFirst,
    BadChar(char),
    Hyphens,
}

impl NameFault {
    fn describe(self) -> String {
        match self {
            NameFault::TooLong(n) => {
                format!("{n} characters, more than {SERVERLESS_CACHE_NAME_CHARS}")
            }
            NameFault::NoLetterFirst => "does not start with a letter".into(),
            NameFault::BadChar(c) => format!("holds `{c}`; only letters, digits and hyphens"),
            NameFault::Hyphens => "has two hyphens in a row or one at the end".into(),
        }
    }
}

fn faults(list: &[NameFault]) -> String {
    list.iter()
        .map(|f| f.describe())
        .collect::<Vec<_>>()
        .join("; ")
}

/// What the serverless rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum ServerlessProblem<'m> {
    /// E1030: a major version serverless caches do not run.
    OldMajor {
        cache: &'m Serverless,
        version: &'m S<String>,
        oldest: u32,
        newest: u32,
    },
    /// E1030: not a whole major version.
    NotMajor { version: &'m S<String>, newest: u32 },
    /// W1030: newer than the major versions cachec knows.
    NewMajor {
        cache: &'m Serverless,
        version: &'m S<String>,
        newest: u32,
    },
    /// E1031: the ServerlessCacheName `<stack>-<name>` breaks ElastiCache's rules.
    BadName {
        cache: &'m Serverless,
        stack: &'m S<String>,
        full: String,
        faults: Vec<NameFault>,
    },
    /// E1032: a usage limit's minimum above its maximum.
    MinAboveMax {
        what: &'static str,
        min: &'m S<i64>,
        max: &'m S<i64>,
    },
    /// E1033: a daily snapshot time that is not `hh:mm`.
    BadSnapshotTime { time: &'m S<String> },
    /// E1034: a valkey user group on a Redis OSS serverless cache.
    ValkeyGroupOnRedis {
        cache: &'m Serverless,
        group: &'m UserGroup,
        at: &'m S<String>,
    },
    /// E1035: a final snapshot name that breaks ElastiCache's rules.
    BadSnapshotName {
        written: &'m S<String>,
        faults: Vec<NameFault>,
    },
    /// E1036: a description longer than ElastiCache keeps.
    LongDescription { description: &'m S<String> },
    /// W1031: two subnets in one zone.
    SameZone {
        at: &'m S<String>,
        first: &'m S<String>,
        zone: &'m S<String>,
    },
    /// W1032: a final snapshot name with no final snapshot to take.
    SnapshotNotTaken {
        cache: &'m Serverless,
        written: &'m S<String>,
    },
}

impl ServerlessProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            ServerlessProblem::OldMajor {
                cache,
                version,
                oldest,
                newest,
            } => Diag::new(
                codes::E1030,
                version.span,
                format!(
                    "serverless {} caches run major version {oldest} or later, not {}",
                    cache.engine().word(),
                    version.value
                ),
                format!("{oldest} or later"),
            )
            .help(format!("write major_version = \"{newest}\", or leave it out for the newest"))
            .fact("major_version", version.value.as_str()),
            ServerlessProblem::NotMajor { version, newest } => Diag::new(
                codes::E1030,
                version.span,
                format!(
                    "`{}` is not a major version: serverless caches take a whole number such as \"{newest}\"",
                    version.value
                ),
                "not a major version",
            )
            .help(format!(
                "write major_version = \"{newest}\"; ElastiCache applies minor versions itself"
            ))
            .fact("major_version", version.value.as_str()),
            ServerlessProblem::NewMajor {
                cache,
                version,
                newest,
            } => Diag::new(
                codes::W1030,
                version.span,
                format!(
                    "cachec knows serverless {} up to major version {newest}, not {}",
                    cache.engine().word(),
                    version.value
                ),
                "not known to cachec",
            )
            .help(format!(
                "check that ElastiCache Serverless offers it in your region, or write major_version = \"{newest}\""
            ))
            .fact("major_version", version.value.as_str()),
            ServerlessProblem::BadName {
                cache,
                stack,
                full,
                faults: list,
            } => {
                let too_long = list.iter().any(|f| matches!(f, NameFault::TooLong(_)));
                let mut diag = Diag::new(
                    codes::E1031,
                    cache.name.span,
                    format!("the serverless cache name `{full}` is not allowed: {}", faults(list)),
                    "becomes the ServerlessCacheName",
                )
                .with_label(stack.span, "the stack's name comes first");
                diag = diag.help(if too_long {
                    "shorten the cache's or the stack's name: `<stack>-<name>` may have at most 40 characters"
                } else {
                    "use a letter first, then letters, digits and single hyphens or underscores"
                });
                diag.fact("name", full.as_str())
            }
            ServerlessProblem::MinAboveMax { what, min, max } => Diag::new(
                codes::E1032,
                min.span,
                format!(
                    "the {what} minimum {} is above its maximum {}",
                    min.value, max.value
                ),
                "above the maximum",
            )
            .with_label(max.span, "the maximum")
            .help("lower the minimum or raise the maximum")
            .fact("minimum", min.value)
            .fact("maximum", max.value),
            ServerlessProblem::BadSnapshotTime { time } => Diag::new(
                codes::E1033,
                time.span,
                format!(
                    "`{}` is not a time of day as `hh:mm` in UTC",
                    time.value
                ),
                "not hh:mm",
            )
            .help("write the hour and minute with two digits each, such as \"03:00\""),
            ServerlessProblem::ValkeyGroupOnRedis { cache, group, at } => Diag::new(
                codes::E1034,
                at.span,
                format!(
                    "user group `{}` is for Valkey, but `{}` runs Redis OSS",
                    group.name.value, cache.name.value
                ),
                "a valkey user group",
            )
            .with_label(
                group.engine.as_ref().map_or(group.name.span, |e| e.span),
                "the group's engine",
            )
            .help("give the group engine = redis (it serves Valkey caches too), or run the cache on Valkey"),
            ServerlessProblem::BadSnapshotName {
                written,
                faults: list,
            } => Diag::new(
                codes::E1035,
                written.span,
                format!(
                    "`{}` is not a snapshot name ElastiCache takes: {}",
                    written.value,
                    faults(list)
                ),
                "not a snapshot name",
            )
            .help("use a letter first, then letters, digits and single hyphens"),
            ServerlessProblem::LongDescription { description } => Diag::new(
                codes::E1036,
                description.span,
                format!(
                    "the description is {} characters; ElastiCache keeps at most {SERVERLESS_DESCRIPTION_CHARS}",
                    description.value.chars().count()
                ),
                "too long",
            )
            .help("shorten the description"),
            ServerlessProblem::SameZone { at, first, zone } => Diag::new(
                codes::W1031,
                at.span,
                format!(
                    "subnets `{}` and `{}` are both in zone {}",
                    first.value, at.value, zone.value
                ),
                "a second subnet in this zone",
            )
            .with_label(first.span, "the first one")
            .with_label(zone.span, "its zone")
            .help("list one subnet per zone: the cache spreads its endpoints over the zones of its subnets"),
            ServerlessProblem::SnapshotNotTaken { cache, written } => Diag::new(
                codes::W1032,
                written.span,
                format!(
                    "`{}` takes no final snapshot, so `final_snapshot` is never used",
                    cache.name.value
                ),
                "never used",
            )
            .with_label(
                cache.on_delete.as_ref().map_or(cache.name.span, |o| o.span),
                "no final snapshot",
            )
            .help("remove final_snapshot, or write on_delete = snapshot"),
        }
    }
}
