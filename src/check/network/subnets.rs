//! CIDR blocks: each is valid, the VPC and its subnets are /16 to /28, subnets lie inside the VPC
//! and do not overlap (found in O(n log n) by sorting, since a program may have thousands).

use super::cidr::{Cidr, CidrError};
use super::problem::{BlockOf, NetworkProblem};
use crate::diag::Diag;
use crate::model::{Model, S, Subnet};

/// VPC and subnet blocks: /16 (65,536 addresses) to /28 (16) (CreateVpc, CreateSubnet).
const SIZES: std::ops::RangeInclusive<u8> = 16..=28;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(NetworkProblem::diag));
}

fn find(model: &Model) -> Vec<NetworkProblem<'_>> {
    let mut out = Vec::new();
    let net = &model.network;
    let vpc = net.cidr.as_ref().and_then(|text| {
        let vpc = parse(text, &mut out)?;
        size(text, vpc, BlockOf::Vpc, &mut out);
        Some((vpc, text.span))
    });
    let mut blocks: Vec<(Cidr, &Subnet)> = Vec::with_capacity(net.subnets.len());
    for subnet in &net.subnets {
        let Some(text) = &subnet.cidr else {
            continue;
        };
        let Some(block) = parse(text, &mut out) else {
            continue;
        };
        size(text, block, BlockOf::Subnet, &mut out);
        // An existing subnet may lie in a secondary block of its VPC, which cachec is not told.
        if let Some((vpc, vpc_span)) = vpc
            && subnet.existing.is_none()
            && !vpc.contains(block)
        {
            out.push(NetworkProblem::OutsideVpc {
                subnet,
                block,
                vpc,
                vpc_span,
            });
        }
        blocks.push((block, subnet));
    }
    overlaps(&mut blocks, &mut out);
    for cache in &model.caches {
        for cidr in &cache.allow_cidrs {
            parse(cidr, &mut out);
        }
    }
    out
}

/// The block, or the network it was meant to be when only host bits are wrong (reported once).
fn parse<'m>(text: &'m S<String>, out: &mut Vec<NetworkProblem<'m>>) -> Option<Cidr> {
    match Cidr::parse(&text.value) {
        Ok(block) => Some(block),
        Err(CidrError::Syntax(why)) => {
            out.push(NetworkProblem::NotACidr { text, why });
            None
        }
        Err(CidrError::HostBits { network }) => {
            out.push(NetworkProblem::HostBits { text, network });
            Some(network)
        }
    }
}

fn size<'m>(text: &'m S<String>, block: Cidr, of: BlockOf, out: &mut Vec<NetworkProblem<'m>>) {
    if !SIZES.contains(&block.prefix) {
        out.push(NetworkProblem::BlockSize {
            text,
            block,
            of,
            sizes: (*SIZES.start(), *SIZES.end()),
        });
    }
}

/// Sorted by first address, a block overlaps an earlier one exactly when it starts at or before
/// the furthest end seen so far. Each overlapping subnet is reported once, against that block.
fn overlaps<'m>(blocks: &mut [(Cidr, &'m Subnet)], out: &mut Vec<NetworkProblem<'m>>) {
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
                out.push(NetworkProblem::Overlap { later, earlier });
                if block.last() > seen.last() {
                    furthest = Some((block, subnet));
                }
            }
            _ => furthest = Some((block, subnet)),
        }
    }
}
