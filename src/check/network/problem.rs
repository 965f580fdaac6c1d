//! The network family's findings as data, and their wording. The rules in `subnets`, `zones` and
//! `endpoints` only find; this module alone writes the messages and names the facts JSON carries.

use super::cidr::Cidr;
pub use super::existing_problem::ExistingProblem;
use crate::aws::quotas::SUBNET_GROUP_SUBNETS_DEFAULT;
use crate::aws::regions;
use crate::check::prose::quoted;
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::{Cache, Endpoint, Ref, S, Subnet};
use crate::span::Span;

/// What the block a size rule judged belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockOf {
    Vpc,
    Subnet,
}

/// A subnet of an interface endpoint's list in a zone another subnet of the list already
/// serves: the subnet, the one serving the zone, and the zone.
pub type SharedZone<'m> = (&'m Ref, &'m Ref, &'m str);

/// What the network rules find; each borrows the text, subnet or declaration it is about.
#[derive(Debug, Clone)]
pub enum NetworkProblem<'m> {
    /// E0201: not an IPv4 CIDR block; `why` says what is wrong with it.
    NotACidr {
        text: &'m S<String>,
        why: &'static str,
    },
    /// E0202: bits set after the prefix; `network` is the block it was meant to be.
    HostBits { text: &'m S<String>, network: Cidr },
    /// E0203: a prefix length outside `sizes`.
    BlockSize {
        text: &'m S<String>,
        block: Cidr,
        of: BlockOf,
        sizes: (u8, u8),
    },
    /// E0204: a subnet's block outside the VPC's.
    OutsideVpc {
        subnet: &'m Subnet,
        block: Cidr,
        vpc: Cidr,
        vpc_span: Span,
    },
    /// E0205: two subnets' blocks overlap; `later` is the one declared after `earlier`.
    Overlap {
        later: (Cidr, &'m Subnet),
        earlier: (Cidr, &'m Subnet),
    },
    /// E0207: a region AWS does not have.
    UnknownRegion { region: &'m S<String> },
    /// E0206: a zone that is not one lowercase letter; `region` names the stack's region.
    NotAZoneLetter {
        zone: &'m S<String>,
        region: Option<&'m S<String>>,
    },
    /// E0208: a zone letter the region does not have; `letters` are the ones it has.
    NoSuchZone {
        zone: &'m S<String>,
        letter: char,
        region: &'m S<String>,
        letters: &'static str,
    },
    /// W0201: a zone only older accounts have; `open` lists the ones every account has.
    ClosedZone {
        zone: &'m S<String>,
        letter: char,
        region: &'m S<String>,
        open: &'static str,
    },
    /// E0214: a cache whose subnet group lists no subnets.
    NoSubnets { cache: &'m Cache },
    /// W0428: `count` distinct subnets in a subnet group, over the default quota.
    OverSubnetQuota { cache: &'m Cache, count: usize },
    /// E0209: Multi-AZ with every subnet in `zone`.
    OneZone {
        cache: &'m Cache,
        zone: &'m str,
        multi_az: Span,
    },
    /// E0210: subnets one list names again, each with its first mention.
    ListedAgain {
        first: (&'m Ref, &'m Ref),
        more: Vec<(&'m Ref, &'m Ref)>,
    },
    /// W0202: an endpoint service cachec does not know; `near` the known one it resembles.
    UnknownService {
        endpoint: &'m Endpoint,
        near: Option<&'static str>,
    },
    /// E0212: a gateway endpoint for a service that has none.
    NoGateway { endpoint: &'m Endpoint },
    /// E0213: an interface endpoint's subnets that share a zone with an earlier one of the list.
    SharedZones {
        first: SharedZone<'m>,
        more: Vec<SharedZone<'m>>,
    },
    /// E0211: private DNS on a VPC without DNS support or hostnames; `off` are the settings
    /// written `false`, by key.
    PrivateDns {
        endpoint: &'m Endpoint,
        off: Vec<(&'static str, &'m S<bool>)>,
    },
    /// E0220-E0226, W0220-W0222: existing networks.
    Existing(ExistingProblem<'m>),
}

impl NetworkProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            NetworkProblem::Existing(problem) => problem.diag(),
            NetworkProblem::NotACidr { text, why } => Diag::new(
                codes::E0201,
                text.span,
                format!("`{}` is not an IPv4 CIDR block: {why}", text.value),
                "not a CIDR block",
            )
            .help("write an address and a prefix length, such as \"10.0.0.0/16\"")
            .fact("block", text.value.as_str()),
            NetworkProblem::HostBits { text, network } => Diag::new(
                codes::E0202,
                text.span,
                format!(
                    "`{}` has bits set after the /{} prefix",
                    text.value, network.prefix
                ),
                "not the network address",
            )
            .help(format!("write \"{network}\""))
            .fact("block", text.value.as_str())
            .fact("network", network.to_string()),
            NetworkProblem::BlockSize {
                text,
                block,
                of,
                sizes: (least, most),
            } => {
                let (bound, why) = if block.prefix < *least {
                    (least, "larger than AWS allows")
                } else {
                    (most, "smaller than AWS allows")
                };
                let what = match of {
                    BlockOf::Vpc => "the VPC",
                    BlockOf::Subnet => "a subnet",
                };
                Diag::new(
                    codes::E0203,
                    text.span,
                    format!("a /{} block is {why} for {what}", block.prefix),
                    "prefix length out of range",
                )
                .help(format!(
                    "use a prefix length from /{least} to /{most}, such as /{bound}"
                ))
                .fact("prefix", i64::from(block.prefix))
                .fact("min", i64::from(*least))
                .fact("max", i64::from(*most))
            }
            NetworkProblem::OutsideVpc {
                subnet,
                block,
                vpc,
                vpc_span,
            } => Diag::new(
                codes::E0204,
                cidr_span(subnet),
                format!(
                    "subnet `{}` ({block}) is not inside the VPC ({vpc})",
                    subnet.name.value
                ),
                "outside the VPC",
            )
            .with_label(*vpc_span, "the VPC's block")
            .help(format!("choose a block inside {vpc}"))
            .fact("subnet", subnet.name.value.as_str())
            .fact("block", block.to_string())
            .fact("vpc", vpc.to_string()),
            NetworkProblem::Overlap { later, earlier } => Diag::new(
                codes::E0205,
                cidr_span(later.1),
                format!(
                    "subnet `{}` ({}) overlaps subnet `{}` ({})",
                    later.1.name.value, later.0, earlier.1.name.value, earlier.0
                ),
                "overlapping block",
            )
            .with_label(
                cidr_span(earlier.1),
                format!("`{}` is here", earlier.1.name.value),
            )
            .help("give every subnet its own block inside the VPC")
            .fact("subnet", later.1.name.value.as_str())
            .fact("overlaps", earlier.1.name.value.as_str()),
            NetworkProblem::UnknownRegion { region } => {
                let known: Vec<&str> = regions::names().collect();
                Diag::new(
                    codes::E0207,
                    region.span,
                    format!("unknown region `{}`", region.value),
                    "not an AWS region",
                )
                .help(did_you_mean(&region.value, &known, "region"))
                .fact("region", region.value.as_str())
            }
            NetworkProblem::NotAZoneLetter { zone, region } => not_a_zone_letter(zone, *region),
            NetworkProblem::NoSuchZone {
                zone,
                letter,
                region,
                letters,
            } => {
                let list = letters
                    .chars()
                    .map(String::from)
                    .collect::<Vec<_>>()
                    .join(", ");
                Diag::new(
                    codes::E0208,
                    zone.span,
                    format!("{} has no zone {}{letter}", region.value, region.value),
                    "no such zone",
                )
                .with_label(region.span, format!("zones of this region: {list}"))
                .help(format!("use one of the zones {list}"))
                .fact("region", region.value.as_str())
                .fact("zone", zone.value.as_str())
            }
            NetworkProblem::ClosedZone {
                zone,
                letter,
                region,
                open,
            } => Diag::new(
                codes::W0201,
                zone.span,
                format!("{}{letter} is not offered to newer accounts", region.value),
                "older accounts only",
            )
            .with_label(region.span, "in this region")
            .help(format!(
                "use one of the zones {open}, which every account has"
            ))
            .fact("region", region.value.as_str())
            .fact("zone", zone.value.as_str()),
            NetworkProblem::NoSubnets { cache } => Diag::new(
                codes::E0214,
                cache.subnets_span,
                "a subnet group needs at least one subnet",
                "no subnets",
            )
            .help("list the subnets the nodes go in, such as subnets = [cache_a, cache_b]")
            .fact("cache", cache.name.value.as_str()),
            NetworkProblem::OverSubnetQuota { cache, count } => Diag::new(
                codes::W0428,
                cache.subnets_span,
                format!(
                    "the subnet group of `{}` lists {count} subnets, over ElastiCache's default \
                     quota of {SUBNET_GROUP_SUBNETS_DEFAULT} subnets per subnet group",
                    cache.name.value
                ),
                format!("{count} subnets"),
            )
            .help(format!(
                "list at most {SUBNET_GROUP_SUBNETS_DEFAULT} (one or two per zone is enough), or \
                 raise the quota \"Subnets per subnet group\" in Service Quotas before deploying"
            ))
            .fact("cache", cache.name.value.as_str())
            .fact("count", i64::try_from(*count).unwrap_or(i64::MAX)),
            NetworkProblem::OneZone {
                cache,
                zone,
                multi_az,
            } => Diag::new(
                codes::E0209,
                cache.subnets_span,
                format!(
                    "Multi-AZ needs subnets in two zones, but these are all in zone \"{zone}\""
                ),
                "one zone only",
            )
            .with_label(*multi_az, "Multi-AZ asked for here")
            .help("add a subnet in another zone to subnets")
            .fact("cache", cache.name.value.as_str())
            .fact("zone", *zone),
            NetworkProblem::ListedAgain { first, more } => listed_again(first, more),
            NetworkProblem::UnknownService { endpoint, near } => Diag::new(
                codes::W0202,
                endpoint.name.span,
                format!(
                    "`{}` is not a VPC endpoint service cachec knows",
                    endpoint.name.value
                ),
                "unknown service",
            )
            .help(match near {
                Some(c) => format!("did you mean `{c}`?"),
                None => "check the service's short name in com.amazonaws.<region>.<name>; if it \
                         is right, allow this warning with --allow W0202"
                    .into(),
            })
            .fact("service", endpoint.name.value.as_str()),
            NetworkProblem::NoGateway { endpoint } => Diag::new(
                codes::E0212,
                endpoint.kind.span,
                format!("`{}` has no gateway endpoint", endpoint.name.value),
                "gateway endpoint",
            )
            .with_label(endpoint.name.span, "this service")
            .help("write kind = interface: only s3 and dynamodb have gateway endpoints")
            .fact("service", endpoint.name.value.as_str()),
            NetworkProblem::SharedZones { first, more } => shared_zones(first, more),
            NetworkProblem::PrivateDns { endpoint, off } => {
                let written: Vec<String> = off
                    .iter()
                    .map(|(key, _)| format!("{key} = false"))
                    .collect();
                let mut diag = Diag::new(
                    codes::E0211,
                    endpoint.name.span,
                    format!(
                        "private DNS for `{}` needs DNS support and DNS hostnames on the VPC",
                        endpoint.name.value
                    ),
                    "interface endpoint with private DNS",
                )
                .help(format!(
                    "remove {} from the network, or write private_dns = false on the endpoint",
                    written.join(" and ")
                ));
                for (key, attr) in off {
                    diag = diag.with_label(attr.span, format!("{key} is off here"));
                }
                diag.fact("service", endpoint.name.value.as_str()).fact(
                    "off",
                    off.iter().map(|(k, _)| k.to_string()).collect::<Vec<_>>(),
                )
            }
        }
    }
}

/// The help says what to write: the letter alone when a zone name was written.
fn not_a_zone_letter(zone: &S<String>, region: Option<&S<String>>) -> Diag {
    let last = zone.value.chars().last().filter(char::is_ascii_alphabetic);
    let help = match (last, zone.value.chars().count()) {
        (Some(c), 1) => format!("write \"{}\"", c.to_ascii_lowercase()),
        (Some(c), _) if zone.value.contains('-') => {
            let region =
                region.map_or(String::new(), |r| format!(" (the region is `{}`)", r.value));
            format!(
                "write only the zone letter, \"{}\"{region}",
                c.to_ascii_lowercase()
            )
        }
        _ => "write one lowercase letter, such as \"a\"".into(),
    };
    Diag::new(
        codes::E0206,
        zone.span,
        format!("`{}` is not a zone letter", zone.value),
        "not a zone letter",
    )
    .help(help)
    .fact("zone", zone.value.as_str())
}

/// One diagnostic for the list, at the first repeat, with a label on every repeat and on each
/// first mention.
fn listed_again(first: &(&Ref, &Ref), more: &[(&Ref, &Ref)]) -> Diag {
    let repeats: Vec<&(&Ref, &Ref)> = std::iter::once(first).chain(more).collect();
    let mut names: Vec<String> = Vec::new();
    for (r, _) in &repeats {
        if !names.contains(&r.name.value) {
            names.push(r.name.value.clone());
        }
    }
    let message = match names.as_slice() {
        [one] if more.is_empty() => format!("subnet `{one}` is listed twice"),
        [one] => format!("subnet `{one}` is listed {} times", repeats.len() + 1),
        _ => format!(
            "subnets {} are listed more than once",
            quoted(&names).join(", ")
        ),
    };
    let mut diag = Diag::new(
        codes::E0210,
        first.0.name.span,
        message,
        "listed again here",
    );
    let mut firsts: Vec<usize> = Vec::new();
    for (i, (r, first)) in repeats.iter().enumerate() {
        if i > 0 {
            diag = diag.with_label(r.name.span, "listed again here");
        }
        if !firsts.contains(&first.index) {
            firsts.push(first.index);
            diag = diag.with_label(first.name.span, "first listed here");
        }
    }
    diag.help("list each subnet once").fact("subnets", names)
}

/// One diagnostic for the list, at the first extra subnet, with a label on every extra one and on
/// each subnet already serving a zone.
fn shared_zones(first: &SharedZone, more: &[SharedZone]) -> Diag {
    let (r, serving, zone) = first;
    let (message, help, label) = if more.is_empty() {
        (
            format!(
                "`{}` and `{}` are both in zone \"{zone}\"",
                serving.name.value, r.name.value
            ),
            "an interface endpoint takes one subnet per zone: keep one of the two",
            "second subnet in this zone".to_string(),
        )
    } else {
        (
            format!(
                "{} subnets share a zone with another subnet of the list",
                more.len() + 1
            ),
            "an interface endpoint takes one subnet per zone: keep one subnet of each zone",
            format!("another subnet in zone \"{zone}\""),
        )
    };
    let mut diag = Diag::new(codes::E0213, r.name.span, message, label)
        .with_label(serving.name.span, "already serves this zone");
    let mut served = vec![serving.index];
    for (r, serving, zone) in more {
        diag = diag.with_label(r.name.span, format!("another subnet in zone \"{zone}\""));
        if !served.contains(&serving.index) {
            served.push(serving.index);
            diag = diag.with_label(serving.name.span, "already serves this zone");
        }
    }
    let subnets: Vec<String> = std::iter::once(first)
        .chain(more)
        .map(|(r, _, _)| r.name.value.clone())
        .collect();
    diag.help(help).fact("subnets", subnets)
}

/// Where a subnet's block is written; rules about blocks only run on subnets that have one.
fn cidr_span(subnet: &Subnet) -> Span {
    subnet.cidr.as_ref().map_or(subnet.name.span, |c| c.span)
}
