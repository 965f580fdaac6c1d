//! The diagnostics for a program no split can fit into CloudFormation's template limits: one
//! declaration too big for any template, or a root that cannot hold the nested stacks.

use super::plan::Plan;
use super::split::{Limit, TooBig};
use crate::diag::{Diag, codes};

pub fn diagnostic(plan: &Plan, too_big: &TooBig) -> Diag {
    match *too_big {
        TooBig::Owner {
            owner,
            limit,
            needed,
            max,
        } => {
            let name = plan.owners.get_index(owner).map_or("", |(_, n)| n.as_str());
            let span = plan.owner_spans.get(owner).copied().unwrap_or(plan.span);
            let amount = match limit {
                Limit::Bytes => format!("about {needed} bytes of template"),
                _ => format!("{needed} {}", limit.what()),
            };
            Diag::new(
                codes::E0651,
                span,
                format!(
                    "`{name}` alone needs {amount}, more than one CloudFormation template holds ({max} {})",
                    limit.what()
                ),
                "everything this declares must share one template",
            )
            .help(owner_help(limit))
        }
        TooBig::Root { limit, needed, max } => {
            let amount = match limit {
                Limit::Resources => format!("{needed} nested stacks"),
                Limit::Outputs => format!("{needed} outputs"),
                _ => format!("about {needed} bytes of wiring"),
            };
            Diag::new(
                codes::E0652,
                plan.span,
                format!(
                    "the root template of `{}` would need {amount}, more than CloudFormation allows ({max} {})",
                    plan.name,
                    limit.what()
                ),
                "the program is too large for one stack",
            )
            .help("split the program into several stacks, each its own .cache file")
        }
    }
}

fn owner_help(limit: Limit) -> &'static str {
    match limit {
        Limit::Bytes => {
            "make the inline source smaller: a function's code is part of its template, and a template holds at most 1,000,000 bytes; move libraries into a layer"
        }
        Limit::Parameters => {
            "read fewer values from other declarations here: each one becomes a template parameter"
        }
        Limit::Outputs | Limit::Resources => "split the declaration into several smaller ones",
    }
}
