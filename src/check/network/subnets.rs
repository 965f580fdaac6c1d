//! CIDR blocks: each is valid, the VPC and its subnets are /16 to /28, subnets lie inside the VPC
//! and do not overlap (found in O(n log n) by sorting, since a program may have thousands).

use super::cidr::{Cidr, CidrError};
use crate::diag::{Diag, codes};
use crate::model::{Model, S, Subnet};

/// VPC and subnet blocks: /16 (65,536 addresses) to /28 (16) (CreateVpc, CreateSubnet).
const SIZES: std::ops::RangeInclusive<u8> = 16..=28;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    let net = &model.network;
    let vpc = parse(&net.cidr, out);
    if let Some(vpc) = vpc {
        size(&net.cidr, vpc, "the VPC", out);
    }
    let mut blocks: Vec<(Cidr, &Subnet)> = Vec::with_capacity(net.subnets.len());
    for subnet in &net.subnets {
        let Some(block) = parse(&subnet.cidr, out) else {
            continue;
        };
        size(&subnet.cidr, block, "a subnet", out);
        if let Some(vpc) = vpc
            && !vpc.contains(block)
        {
            out.push(
                Diag::new(
                    codes::E0204,
                    subnet.cidr.span,
                    format!(
                        "subnet `{}` ({block}) is not inside the VPC ({vpc})",
                        subnet.name.value
                    ),
                    "outside the VPC",
                )
                .with_label(net.cidr.span, "the VPC's block")
                .help(format!("choose a block inside {vpc}")),
            );
        }
        blocks.push((block, subnet));
    }
    overlaps(&mut blocks, out);
    for cache in &model.caches {
        for cidr in &cache.allow_cidrs {
            parse(cidr, out);
        }
    }
}

/// The block, or the network it was meant to be when only host bits are wrong (reported once).
fn parse(text: &S<String>, out: &mut Vec<Diag>) -> Option<Cidr> {
    match Cidr::parse(&text.value) {
        Ok(block) => Some(block),
        Err(CidrError::Syntax(why)) => {
            out.push(
                Diag::new(
                    codes::E0201,
                    text.span,
                    format!("`{}` is not an IPv4 CIDR block: {why}", text.value),
                    "not a CIDR block",
                )
                .help("write an address and a prefix length, such as \"10.0.0.0/16\""),
            );
            None
        }
        Err(CidrError::HostBits { network }) => {
            out.push(
                Diag::new(
                    codes::E0202,
                    text.span,
                    format!(
                        "`{}` has bits set after the /{} prefix",
                        text.value, network.prefix
                    ),
                    "not the network address",
                )
                .help(format!("write \"{network}\"")),
            );
            Some(network)
        }
    }
}

fn size(text: &S<String>, block: Cidr, what: &str, out: &mut Vec<Diag>) {
    if SIZES.contains(&block.prefix) {
        return;
    }
    let (bound, why) = if block.prefix < *SIZES.start() {
        (SIZES.start(), "larger than AWS allows")
    } else {
        (SIZES.end(), "smaller than AWS allows")
    };
    out.push(
        Diag::new(
            codes::E0203,
            text.span,
            format!("a /{} block is {why} for {what}", block.prefix),
            "prefix length out of range",
        )
        .help(format!(
            "use a prefix length from /{} to /{}, such as /{bound}",
            SIZES.start(),
            SIZES.end()
        )),
    );
}

/// Sorted by first address, a block overlaps an earlier one exactly when it starts at or before
/// the furthest end seen so far. Each overlapping subnet is reported once, against that block.
fn overlaps(blocks: &mut [(Cidr, &Subnet)], out: &mut Vec<Diag>) {
    blocks.sort_by_key(|(b, s)| (b.first(), b.last(), s.span.start));
    let mut furthest: Option<(Cidr, &Subnet)> = None;
    for &(block, subnet) in blocks.iter() {
        match furthest {
            Some((seen, other)) if block.first() <= seen.last() => {
                // The one declared later carries the error: it is the one most likely just added.
                let (later, earlier) = if subnet.span.start > other.span.start {
                    ((block, subnet), (seen, other))
                } else {
                    ((seen, other), (block, subnet))
                };
                out.push(
                    Diag::new(
                        codes::E0205,
                        later.1.cidr.span,
                        format!(
                            "subnet `{}` ({}) overlaps subnet `{}` ({})",
                            later.1.name.value, later.0, earlier.1.name.value, earlier.0
                        ),
                        "overlapping block",
                    )
                    .with_label(
                        earlier.1.cidr.span,
                        format!("`{}` is here", earlier.1.name.value),
                    )
                    .help("give every subnet its own block inside the VPC"),
                );
                if block.last() > seen.last() {
                    furthest = Some((block, subnet));
                }
            }
            _ => furthest = Some((block, subnet)),
        }
    }
}
