//! The network family's findings about CIDR blocks as data, and their wording. The rules in
//! `subnets` only find (with `cidr` parsing); this module alone writes the messages.

use super::cidr::Cidr;
use crate::diag::{Diag, codes};
use crate::model::{S, Subnet};
use crate::span::Span;

/// What the block a size rule judged belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockOf {
    Vpc,
    Subnet,
}

/// What the CIDR rules find; each borrows the text or subnet it is about.
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
}

impl NetworkProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
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
                subnet.cidr.span,
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
            .help("give every subnet its own block inside the VPC")
            .fact("subnet", later.1.name.value.as_str())
            .fact("overlaps", earlier.1.name.value.as_str()),
        }
    }
}
