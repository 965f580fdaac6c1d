//! Lambda runtimes of functions and layers: a known identifier, not blocked and not deprecated on
//! the day the check runs (`--as-of`, else today). The wording is in `problem`.

use super::problem::{Aging, FunctionProblem, Owner};
use crate::aws::runtimes;
use crate::check::Context;
use crate::diag::Diag;
use crate::diag::suggest::closest;
use crate::model::S;

/// Reports an unknown, blocked or deprecated runtime; `true` when it is known.
pub fn check(runtime: &S<String>, owner: Owner, cx: &Context, out: &mut Vec<Diag>) -> bool {
    let found = find(runtime, owner, cx);
    out.extend(found.as_ref().map(FunctionProblem::diag));
    !matches!(found, Some(FunctionProblem::UnknownRuntime { .. }))
}

/// What is wrong with the runtime on `cx.today`, if anything.
pub fn find<'m>(
    runtime: &'m S<String>,
    owner: Owner<'m>,
    cx: &Context,
) -> Option<FunctionProblem<'m>> {
    let name = runtime.value.as_str();
    if !runtimes::is_known(name) {
        let creatable = runtimes::RUNTIMES
            .iter()
            .copied()
            .filter(|r| runtimes::creatable(r, cx.today));
        return Some(FunctionProblem::UnknownRuntime {
            runtime,
            near: closest(name, creatable),
            examples: ["python", "nodejs"]
                .iter()
                .filter_map(|l| runtimes::newest(l, cx.today))
                .collect(),
        });
    }
    let life = runtimes::lifecycle(name)?;
    let aging = Aging {
        runtime,
        owner,
        life,
        replacement: runtimes::replacement(name, cx.today),
        today: cx.today,
    };
    if cx.today >= life.create_block {
        Some(FunctionProblem::BlockedRuntime(aging))
    } else if cx.today >= life.deprecated {
        Some(FunctionProblem::DeprecatedRuntime(aging))
    } else {
        None
    }
}
