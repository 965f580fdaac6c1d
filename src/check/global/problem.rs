//! The Global Datastore family's findings as data, and their wording. The rules in `global`
//! only find; this module alone writes the messages, labels and help.

use crate::aws::{global, regions};
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::{Cache, Global, S};
use crate::span::Span;

/// What the Global Datastore rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum GlobalProblem<'m> {
    /// E1050: not a region.
    UnknownRegion { region: &'m S<String> },
    /// E1051: given twice.
    Repeated { region: &'m S<String>, first: Span },
    /// E1051: the stack's own region, where the primary is.
    Primary {
        region: &'m S<String>,
        primary: &'m S<String>,
    },
    /// E1052: the regions past the second.
    TooMany { extra: &'m [S<String>] },
    /// E1053: no `region` on the stack, so no primary region.
    NoPrimaryRegion { global: &'m Global },
    /// E1054: a node type global datastores do not run on.
    NodeType { cache: &'m Cache },
    /// E1055: Redis OSS older than 5.0.6.
    EngineVersion { cache: &'m Cache },
    /// E1056: a subnet's zone letter the secondary region lacks.
    ZoneMissing {
        zone: &'m S<String>,
        region: &'m S<String>,
        letters: &'static str,
    },
    /// E1057: a region the prerequisites do not list.
    RegionWithout { region: &'m S<String> },
    /// E1058: a China region with one outside China.
    ChinaMix { global: &'m Global },
    /// W1050: an existing key, named the same way in every region.
    ExistingKey {
        key: &'m S<String>,
        global: &'m Global,
    },
}

fn letters_list(letters: &str) -> String {
    letters
        .chars()
        .map(|c| c.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl GlobalProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            GlobalProblem::UnknownRegion { region } => {
                let names: Vec<&str> = regions::names().collect();
                Diag::new(
                    codes::E1050,
                    region.span,
                    format!("`{}` is not an AWS region", region.value),
                    "not a region",
                )
                .help(did_you_mean(&region.value, &names, "region"))
            }
            GlobalProblem::Repeated { region, first } => Diag::new(
                codes::E1051,
                region.span,
                format!("secondary region `{}` is given twice", region.value),
                "given again here",
            )
            .with_label(*first, "first given here")
            .help("name each secondary region once"),
            GlobalProblem::Primary { region, primary } => Diag::new(
                codes::E1051,
                region.span,
                format!(
                    "`{}` is the stack's region, where the primary group is",
                    region.value
                ),
                "named as a secondary",
            )
            .with_label(primary.span, "the stack's region")
            .help("a secondary region is another region than the stack's; remove this one"),
            GlobalProblem::TooMany { extra } => {
                let first = extra.first().map_or(Span::default(), |r| r.span);
                let mut d = Diag::new(
                    codes::E1052,
                    first,
                    format!(
                        "a global datastore has at most {} secondary regions, not {}",
                        global::MAX_SECONDARIES,
                        global::MAX_SECONDARIES + extra.len()
                    ),
                    "one region too many",
                );
                for more in extra.iter().skip(1) {
                    d = d.with_label(more.span, "one region too many");
                }
                d.help(format!(
                    "keep {} secondary regions; another datastore can serve more",
                    global::MAX_SECONDARIES
                ))
            }
            GlobalProblem::NoPrimaryRegion { global } => Diag::new(
                codes::E1053,
                global.keyword,
                "a global datastore needs the stack's region, where its primary is",
                "no primary region",
            )
            .help("set `region = \"...\"` in the `stack` block"),
            GlobalProblem::NodeType { cache } => Diag::new(
                codes::E1054,
                cache.node_type.span,
                format!(
                    "global datastores do not run on {}",
                    cache.node_type.value
                ),
                "not a Global Datastore node type",
            )
            .help("use a large or bigger M5, M6g, M7g, R5, R6g, R6gd, R7g or C7gn node, such as \"cache.r7g.large\""),
            GlobalProblem::EngineVersion { cache } => Diag::new(
                codes::E1055,
                cache.engine_version.span,
                format!(
                    "Redis OSS {} has no Global Datastore",
                    cache.engine_version.value
                ),
                format!("needs Redis OSS {} or later, or Valkey", global::MIN_REDIS_TEXT),
            )
            .help(format!(
                "set `engine_version` to {} or later, or use Valkey",
                global::MIN_REDIS_TEXT
            )),
            GlobalProblem::ZoneMissing {
                zone,
                region,
                letters,
            } => Diag::new(
                codes::E1056,
                zone.span,
                format!(
                    "{} has no zone `{}`, and its replication group uses the same subnets",
                    region.value, zone.value
                ),
                format!("no such zone in {}", region.value),
            )
            .with_label(region.span, "secondary region")
            .help(format!(
                "use a zone letter every region has ({} has {})",
                region.value,
                letters_list(letters)
            )),
            GlobalProblem::RegionWithout { region } => Diag::new(
                codes::E1057,
                region.span,
                format!("{} does not offer Global Datastore", region.value),
                "no Global Datastore here",
            )
            .help("choose a region the ElastiCache Global Datastore prerequisites list"),
            GlobalProblem::ChinaMix { global } => Diag::new(
                codes::E1058,
                global.regions.span,
                "the China regions replicate only between each other",
                "China and other regions together",
            )
            .help("pair cn-north-1 with cn-northwest-1 only, or use no China region"),
            GlobalProblem::ExistingKey { key, global } => Diag::new(
                codes::W1050,
                key.span,
                "every secondary region's group names this key too, and a key lives in one region",
                "named in every region",
            )
            .with_label(global.keyword, "replicated to other regions")
            .help("declare a `kms_key`, which cachec creates in each region, or use a multi-Region key alias that every region has"),
        }
    }
}
