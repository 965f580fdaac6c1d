//! The replication group family's findings as data, and their wording. The rules in `engine`,
//! `nodes`, `topology` and `settings` only find; this module alone writes the messages.

use crate::aws::engines::{self, ENGINES, Version};
use crate::aws::node_types::{self, NodeType};
use crate::aws::quotas::{READ_REPLICAS as MAX_REPLICAS, REPLICATION_GROUP_ID_CHARS as MAX_ID};
use crate::date::Date;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::{Cache, Parameter, ParameterGroup, Ref, S};
use crate::span::Span;

/// What the rules find about one replication group; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum CacheProblem<'m> {
    /// W0101: the version is past its end of standard support; `latest` is the newest known.
    PastSupport {
        cache: &'m Cache,
        end: Date,
        latest: &'static str,
    },
    /// E0101: memcached cannot form a replication group.
    Memcached { cache: &'m Cache },
    /// E0101: not an engine at all.
    UnknownEngine { cache: &'m Cache },
    /// E0102: a version CloudFormation does not know; `other` is an engine that has it,
    /// `closest` the known version it abbreviates or extends.
    UnknownVersion {
        cache: &'m Cache,
        engine: &'m str,
        other: Option<&'static str>,
        closest: Option<&'static str>,
    },
    /// E0104: a parameter group that turns cluster mode on.
    ClusterModeGroup {
        group: &'m S<String>,
        default_group: &'static str,
    },
    /// E0104: a declared group, named at `reference`, that sets `cluster-enabled` to yes.
    DeclaredClusterMode {
        reference: &'m Ref,
        param: &'m Parameter,
        default_group: &'static str,
    },
    /// E0103: a declared group, named at `reference`, of another family than `expected`.
    DeclaredGroupFamily {
        cache: &'m Cache,
        engine: &'m str,
        reference: &'m Ref,
        group: &'m ParameterGroup,
        expected: &'static str,
    },
    /// E0103: a default parameter group of another family; `serves` says whose it is.
    WrongGroupFamily {
        cache: &'m Cache,
        engine: &'m str,
        group: &'m S<String>,
        default_group: &'static str,
        serves: Option<(&'static str, Vec<&'static str>)>,
    },
    /// E0105: not a node type; `prefixed` when adding `cache.` makes it one.
    UnknownNodeType {
        cache: &'m Cache,
        prefixed: bool,
        close: Option<&'static str>,
    },
    /// E0106: a type new clusters may not use.
    NoNewClusters { cache: &'m Cache, node: NodeType },
    /// E0107: Redis OSS older than `min`, the type's minimum; `newer` is the first version to run it.
    EngineTooOld {
        cache: &'m Cache,
        node: NodeType,
        min: Version,
        newer: &'static str,
    },
    /// E0190: a type the stack's region does not offer; `offered` are the regions that do.
    NotInRegion {
        cache: &'m Cache,
        node: NodeType,
        region: &'m S<String>,
        offered: &'static [&'static str],
    },
    /// E0191: Redis OSS on a type that runs only Valkey (the 8g families).
    ValkeyOnly { cache: &'m Cache, node: NodeType },
    /// E0108: failover asked of a type without it, at `asked`.
    NoFailover {
        cache: &'m Cache,
        node: NodeType,
        asked: (Span, Failover),
    },
    /// E0109: a data tiering type without data tiering on.
    TieringTypeWithout { cache: &'m Cache, node: NodeType },
    /// E0109: data tiering on a type without it.
    TieringWithoutType { cache: &'m Cache, node: NodeType },
    /// E0124: backups asked of a type that takes no snapshots.
    NoSnapshots {
        cache: &'m Cache,
        node: NodeType,
        days: Span,
    },
    /// E0110: more replica zones than a group has replicas.
    TooManyReplicas { zones: &'m S<Vec<S<String>>> },
    /// E0111: `replicas` disagrees with the length of `replica_zones`.
    ReplicaCount {
        replicas: &'m S<i64>,
        zones: &'m S<Vec<S<String>>>,
    },
    /// E0112: Multi-AZ with a primary only.
    MultiAzAlone { multi_az: Span },
    /// E0113: Multi-AZ with failover turned off.
    MultiAzNoFailover { failover: Span, multi_az: Span },
    /// E0114: automatic failover with a primary only.
    FailoverAlone { failover: Span },
    /// E0115: the primary's zone without the replicas'.
    OnlyPrimaryZone { primary: Span, replicas: i64 },
    /// E0115: the replicas' zones without the primary's.
    OnlyReplicaZones { zones: Span },
    /// E0116: nodes in zones no subnet of the group is in; `missing` without repeats.
    OutsideGroup {
        cache: &'m Cache,
        first: &'m S<String>,
        rest: Vec<&'m S<String>>,
        missing: Vec<&'m str>,
        group_zones: Vec<&'m str>,
    },
    /// E0117: Multi-AZ with every replica in the primary's zone; `other` is another zone.
    OneZone {
        primary: &'m S<String>,
        replicas: Span,
        other: &'m str,
    },
    /// E0118: the id `<stack>-<name>` breaks a rule, blamed on the part at `at`.
    BadGroupId {
        id: String,
        at: Span,
        fault: IdFault,
    },
    /// E0120: an AUTH token without transit encryption.
    TokenWithoutTls { cache: &'m Cache, token: Span },
    /// E0121: the token written in; `path` is where it should be stored.
    LiteralToken { token: Span, path: String },
    /// E0122: a reference that CloudFormation cannot resolve.
    MalformedToken {
        token: Span,
        path: String,
        fault: RefFault,
    },
    /// E0125: two groups whose ids differ only in case.
    SameId { id: String, at: Span, first: Span },
}

/// Which failover setting asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failover {
    MultiAz,
    Automatic,
}

/// What makes a replication group id invalid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFault {
    /// Longer than AWS allows; `room` is what the name may have, 0 if the stack takes it all.
    TooLong {
        len: usize,
        room: usize,
    },
    NoLetterFirst,
    BadChar(char),
    StackHyphens,
    NameHyphens,
    TrailingHyphen,
}

/// What is wrong with an `ssm:` or `secretsmanager:` reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefFault {
    NoParameter,
    ParameterChar(char),
    RelativePath,
    NotAVersion,
    NoSecret,
    SecretChar(char),
}

impl CacheProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            CacheProblem::PastSupport { cache, end, latest } => Diag::new(
                codes::W0101,
                cache.engine_version.span,
                format!(
                    "{} {} left standard support on {end}",
                    engines::display_name(&cache.engine.value),
                    cache.engine_version.value
                ),
                "past the end of standard support",
            )
            .help(format!(
                "AWS bills Extended Support for it; write engine_version = \"{latest}\", or move \
                 to engine = \"valkey\""
            )),
            CacheProblem::Memcached { cache } => Diag::new(
                codes::E0101,
                cache.engine.span,
                "memcached cannot form a replication group",
                "not an engine",
            )
            .help("write engine = \"valkey\" or engine = \"redis\""),
            CacheProblem::UnknownEngine { cache } => Diag::new(
                codes::E0101,
                cache.engine.span,
                format!("unknown engine `{}`", cache.engine.value),
                "not an engine",
            )
            .help(did_you_mean(&cache.engine.value, ENGINES, "engine")),
            CacheProblem::UnknownVersion {
                cache,
                engine,
                other,
                closest,
            } => unknown_version(cache, engine, *other, *closest),
            CacheProblem::ClusterModeGroup {
                group,
                default_group,
            } => Diag::new(
                codes::E0104,
                group.span,
                format!(
                    "`{}` turns cluster mode on, but the replication group has cluster mode disabled",
                    group.value
                ),
                "a cluster-mode-enabled parameter group",
            )
            .help(format!("{}; or write `cluster_mode = enabled` for a sharded group", group_fix(default_group))),
            CacheProblem::DeclaredClusterMode {
                reference,
                param,
                default_group,
            } => Diag::new(
                codes::E0104,
                param.name.span,
                format!(
                    "`{}` turns cluster mode on, but the replication group has cluster mode disabled",
                    reference.name.value
                ),
                "cluster-enabled = yes",
            )
            .with_label(reference.name.span, "the replication group uses it here")
            .help(format!(
                "remove `cluster-enabled` (its default is no), or use parameter_group = \"{default_group}\"; or write `cluster_mode = enabled` for a sharded group"
            )),
            CacheProblem::DeclaredGroupFamily {
                cache,
                engine,
                reference,
                group,
                expected,
            } => Diag::new(
                codes::E0103,
                reference.name.span,
                format!(
                    "`{}` is a parameter group of family {}, but {} {} needs family {expected}",
                    group.name.value,
                    group.family.value,
                    engines::display_name(engine),
                    cache.engine_version.value
                ),
                "wrong parameter group family",
            )
            .with_label(group.family.span, "its family is set here")
            .with_label(
                cache.engine_version.span,
                format!(
                    "{} {} is set here",
                    engines::display_name(engine),
                    cache.engine_version.value
                ),
            )
            .help(format!(
                "write family = \"{expected}\" in `{}`, or give this replication group a group of that family",
                group.name.value
            )),
            CacheProblem::WrongGroupFamily {
                cache,
                engine,
                group,
                default_group,
                serves,
            } => {
                let name = &group.value;
                let version = &cache.engine_version;
                let message = match serves {
                    Some((e, versions)) => format!(
                        "`{name}` is the parameter group of {} {}, not of {} {}",
                        engines::display_name(e),
                        versions.join(" and "),
                        engines::display_name(engine),
                        version.value
                    ),
                    None => format!("there is no default parameter group `{name}`"),
                };
                Diag::new(
                    codes::E0103,
                    group.span,
                    message,
                    "wrong parameter group family",
                )
                .with_label(
                    version.span,
                    format!(
                        "{} {} is set here",
                        engines::display_name(engine),
                        version.value
                    ),
                )
                .help(group_fix(default_group))
            }
            CacheProblem::UnknownNodeType {
                cache,
                prefixed,
                close,
            } => {
                let written = cache.node_type.value.as_str();
                let help = match (prefixed, close) {
                    (true, _) => format!(
                        "did you mean `cache.{written}`? node types start with `cache.`"
                    ),
                    (false, Some(close)) => format!("did you mean `{close}`?"),
                    (false, None) => "choose a node type such as cache.t4g.micro, cache.m7g.large \
                                      or cache.r7g.large"
                        .into(),
                };
                Diag::new(
                    codes::E0105,
                    cache.node_type.span,
                    format!("unknown node type `{written}`"),
                    "not an ElastiCache node type",
                )
                .help(help)
            }
            CacheProblem::NoNewClusters { cache, node } => {
                let why = match node.generation {
                    node_types::Generation::NoNewClusters => "T2 nodes are previous generation now",
                    _ => "it is a previous generation type",
                };
                Diag::new(
                    codes::E0106,
                    cache.node_type.span,
                    format!("a new cluster cannot use `{}`: {why}", node.name),
                    "no new clusters on this type",
                )
                .help(format!(
                    "write node_type = \"{}\"",
                    node_types::replacement(node)
                ))
            }
            CacheProblem::NotInRegion {
                cache,
                node,
                region,
                offered,
            } => Diag::new(
                codes::E0190,
                cache.node_type.span,
                format!("`{}` is not offered in {}", node.name, region.value),
                format!("not offered in {}", region.value),
            )
            .with_label(region.span, "the stack's region")
            .help(format!(
                "choose a node type {} offers, or a region that offers `{}`: {}",
                region.value,
                node.name,
                offered.join(", ")
            )),
            CacheProblem::ValkeyOnly { cache, node } => Diag::new(
                codes::E0191,
                cache.node_type.span,
                format!("`{}` runs Valkey only, not Redis OSS", node.name),
                "no Redis OSS version runs on this type",
            )
            .with_label(cache.engine.span, "Redis OSS is chosen here")
            .help(format!(
                "write engine = \"valkey\" with engine_version = \"{}\", or choose another \
                 family such as `{}`",
                engines::versions("valkey").last().unwrap_or_default(),
                node.name.replacen("8g", "7g", 1)
            )),
            CacheProblem::EngineTooOld {
                cache,
                node,
                min,
                newer,
            } => Diag::new(
                codes::E0107,
                cache.node_type.span,
                format!("`{}` needs Redis OSS {min} or later", node.name),
                format!("needs Redis OSS {min} or later"),
            )
            .with_label(
                cache.engine_version.span,
                format!("Redis OSS {} is set here", cache.engine_version.value),
            )
            .help(format!(
                "write engine_version = \"{newer}\" or later, or choose an older node family"
            )),
            CacheProblem::NoFailover {
                cache,
                node,
                asked: (span, what),
            } => {
                let what = match what {
                    Failover::MultiAz => "Multi-AZ",
                    Failover::Automatic => "automatic failover",
                };
                Diag::new(
                    codes::E0108,
                    cache.node_type.span,
                    format!("`{}` does not support {what}", node.name),
                    "no automatic failover on this type",
                )
                .with_label(*span, format!("{what} asked for here"))
                .help(format!(
                    "choose a current node type such as \"{}\"",
                    node_types::replacement(node)
                ))
            }
            CacheProblem::TieringTypeWithout { cache, node } => {
                let diag = Diag::new(
                    codes::E0109,
                    cache.node_type.span,
                    format!(
                        "`{}` is a data tiering type: it needs data_tiering = true",
                        node.name
                    ),
                    "data tiering node type",
                )
                .help(
                    "add data_tiering = true, or choose an r7g or r6g type to keep all data in \
                     memory",
                );
                match &cache.data_tiering {
                    Some(t) => diag.with_label(t.span, "data tiering is off here"),
                    None => diag,
                }
            }
            CacheProblem::TieringWithoutType { cache, node } => Diag::new(
                codes::E0109,
                cache
                    .data_tiering
                    .as_ref()
                    .map_or(cache.node_type.span, |t| t.span),
                format!("data tiering needs an r6gd node type, not `{}`", node.name),
                "data tiering asked for here",
            )
            .with_label(cache.node_type.span, "not a data tiering type")
            .help("remove data_tiering, or write node_type = \"cache.r6gd.xlarge\" or larger"),
            CacheProblem::NoSnapshots { cache, node, days } => Diag::new(
                codes::E0124,
                *days,
                format!("`{}` cannot take snapshots", node.name),
                "automatic backups asked for here",
            )
            .with_label(cache.node_type.span, "this node type has no snapshots")
            .help(format!(
                "remove snapshot_retention, or choose a type that has snapshots, such as \"{}\"",
                node_types::replacement(node)
            )),
            CacheProblem::TooManyReplicas { zones } => Diag::new(
                codes::E0110,
                zones.span,
                format!(
                    "{} replica zones, one per read replica: a group has 0 to {MAX_REPLICAS}",
                    zones.value.len()
                ),
                "too many replicas",
            )
            .help(format!("list at most {MAX_REPLICAS} zones")),
            CacheProblem::ReplicaCount { replicas, zones } => Diag::new(
                codes::E0111,
                replicas.span,
                format!(
                    "replicas = {} but replica_zones lists {} zone{}",
                    replicas.value,
                    zones.value.len(),
                    if zones.value.len() == 1 { "" } else { "s" }
                ),
                "replica count given here",
            )
            .with_label(zones.span, "one zone per replica here")
            .help("remove `replicas`: the length of replica_zones is the replica count"),
            CacheProblem::MultiAzAlone { multi_az } => Diag::new(
                codes::E0112,
                *multi_az,
                "Multi-AZ needs at least one read replica",
                "Multi-AZ with a primary only",
            )
            .help("add replica_zones = [\"...\"] (or replicas = 1), or remove multi_az"),
            CacheProblem::MultiAzNoFailover { failover, multi_az } => Diag::new(
                codes::E0113,
                *failover,
                "Multi-AZ needs automatic failover",
                "failover turned off",
            )
            .with_label(*multi_az, "Multi-AZ asked for here")
            .help("remove automatic_failover = false: it follows multi_az"),
            CacheProblem::FailoverAlone { failover } => Diag::new(
                codes::E0114,
                *failover,
                "automatic failover needs at least one read replica to promote",
                "failover with a primary only",
            )
            .help("add replica_zones = [\"...\"] (or replicas = 1), or remove automatic_failover"),
            CacheProblem::OnlyPrimaryZone { primary, replicas } => Diag::new(
                codes::E0115,
                *primary,
                "primary_zone is given but the replicas' zones are not",
                "only the primary's zone",
            )
            .help(format!(
                "add replica_zones with one zone per replica ({replicas}), or remove primary_zone"
            )),
            CacheProblem::OnlyReplicaZones { zones } => Diag::new(
                codes::E0115,
                *zones,
                "replica_zones is given but the primary's zone is not",
                "only the replicas' zones",
            )
            .help("add primary_zone = \"...\": AWS takes the zones of all nodes or of none"),
            CacheProblem::OutsideGroup {
                cache,
                first,
                rest,
                missing,
                group_zones,
            } => {
                let listed = group_zones.join(", ");
                let (zones, subnets) = if missing.len() == 1 {
                    ("zone", "a subnet")
                } else {
                    ("zones", "subnets")
                };
                let missing = missing
                    .iter()
                    .map(|z| format!("\"{z}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut diag = Diag::new(
                    codes::E0116,
                    first.span,
                    format!("no subnet of the group is in {zones} {missing}"),
                    "outside the subnet group",
                );
                for zone in rest {
                    diag = diag.with_label(zone.span, "also outside");
                }
                diag.with_label(
                    cache.subnets_span,
                    format!("the subnet group's zones: {listed}"),
                )
                .help(format!(
                    "use one of the zones {listed}, or add {subnets} in {zones} {missing} to \
                     subnets"
                ))
            }
            CacheProblem::OneZone {
                primary,
                replicas,
                other,
            } => Diag::new(
                codes::E0117,
                *replicas,
                format!(
                    "Multi-AZ, but every replica is in the primary's zone \"{}\"",
                    primary.value
                ),
                "all in one zone",
            )
            .with_label(primary.span, "the primary's zone")
            .help(format!(
                "put at least one replica in another zone of the group, such as \"{other}\""
            )),
            CacheProblem::BadGroupId { id, at, fault } => {
                let (problem, help) = id_wording(*fault);
                Diag::new(
                    codes::E0118,
                    *at,
                    format!("the replication group id `{id}` {problem}"),
                    "makes the id invalid",
                )
                .help(help)
            }
            CacheProblem::TokenWithoutTls { cache, token } => {
                let diag = Diag::new(
                    codes::E0120,
                    *token,
                    "an AUTH token needs transit encryption",
                    "AUTH token without TLS",
                )
                .help("add transit_encryption = true");
                match &cache.transit_encryption {
                    Some(t) => diag.with_label(t.span, "transit encryption is off here"),
                    None => diag,
                }
            }
            // The message never repeats the value: it is a secret.
            CacheProblem::LiteralToken { token, path } => Diag::new(
                codes::E0121,
                *token,
                "auth_token holds the secret itself, which would be stored in the template",
                "a literal secret",
            )
            .help(format!(
                "write auth_token = \"ssm:{path}\" and store the token there as a \
                 SecureString (16 to 128 printable characters, no @, \", / or %)"
            )),
            CacheProblem::MalformedToken { token, path, fault } => {
                let (problem, secret) = ref_wording(*fault);
                let fix = if secret {
                    format!(
                        "write a secret name of letters, digits and /_+=.@-, such as \
                         \"secretsmanager:{}\"",
                        path.trim_start_matches('/')
                    )
                } else {
                    format!(
                        "write a parameter name of letters, digits and _.-/, such as \"ssm:{path}\""
                    )
                };
                Diag::new(
                    codes::E0122,
                    *token,
                    format!("malformed AUTH token reference: {problem}"),
                    "not a usable reference",
                )
                .help(fix)
            }
            CacheProblem::SameId { id, at, first } => Diag::new(
                codes::E0125,
                *at,
                format!("two replication groups get the id `{id}`"),
                "same id as another group",
            )
            .with_label(*first, "this group has it too")
            .help("rename one of the groups: ids ignore case"),
        }
    }
}

fn unknown_version(
    cache: &Cache,
    engine: &str,
    other: Option<&str>,
    closest: Option<&str>,
) -> Diag {
    let written = cache.engine_version.value.as_str();
    let name = engines::display_name(engine);
    let mut diag = Diag::new(
        codes::E0102,
        cache.engine_version.span,
        format!("`{written}` is not a {name} version CloudFormation accepts"),
        "unknown version",
    );
    if let Some(other) = other {
        diag = diag.with_label(
            cache.engine.span,
            format!("{written} is a {} version", engines::display_name(other)),
        );
    }
    let help = match closest {
        Some(v) if written.split('.').count() == 3 && v.split('.').count() == 2 => {
            format!("write \"{v}\": from 6.0 on, CloudFormation takes major.minor only")
        }
        Some(v) => format!("did you mean \"{v}\"?"),
        None => format!(
            "{name} versions: {}",
            engines::versions(engine).collect::<Vec<_>>().join(", ")
        ),
    };
    diag.help(help)
}

fn group_fix(default_group: &str) -> String {
    format!("write parameter_group = \"{default_group}\", or leave parameter_group out")
}

/// The end of the id's message and the help line for each fault.
fn id_wording(fault: IdFault) -> (String, String) {
    match fault {
        IdFault::TooLong { len, room: 0 } => (
            format!("is {len} characters long; AWS allows {MAX_ID}"),
            format!(
                "shorten the stack name: ids are `<stack>-<name>`, at most {MAX_ID} characters"
            ),
        ),
        IdFault::TooLong { len, room } => (
            format!("is {len} characters long; AWS allows {MAX_ID}"),
            format!("shorten the name to at most {room} characters"),
        ),
        IdFault::NoLetterFirst => (
            "does not start with a letter".into(),
            "start the stack name with a letter".into(),
        ),
        IdFault::BadChar(bad) => (
            format!("contains `{bad}`; only letters, digits and hyphens are allowed"),
            "use only letters, digits and hyphens in the stack name".into(),
        ),
        IdFault::StackHyphens => (
            "contains `--`".into(),
            "remove the doubled or trailing hyphen from the stack name".into(),
        ),
        IdFault::NameHyphens => (
            "contains `--`".into(),
            "use single underscores between words, and none at the start".into(),
        ),
        IdFault::TrailingHyphen => (
            "ends with a hyphen".into(),
            "remove the trailing underscore from the name".into(),
        ),
    }
}

/// What is wrong with the reference, and whether it names a secret (else a parameter).
fn ref_wording(fault: RefFault) -> (String, bool) {
    match fault {
        RefFault::NoParameter => ("no parameter name after `ssm:`".into(), false),
        RefFault::ParameterChar(c) => (
            format!("{} cannot appear in a parameter name", show(c)),
            false,
        ),
        RefFault::RelativePath => ("a parameter path starts with `/`".into(), false),
        RefFault::NotAVersion => (
            "the text after the last `:` must be a version number".into(),
            false,
        ),
        RefFault::NoSecret => ("no secret name after `secretsmanager:`".into(), true),
        RefFault::SecretChar(c) => (format!("{} cannot appear in a secret name", show(c)), true),
    }
}

fn show(c: char) -> String {
    if c.is_whitespace() {
        "a space".into()
    } else {
        format!("`{c}`")
    }
}
