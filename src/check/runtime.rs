//! Lambda runtimes of functions and layers: a known identifier, not blocked and not deprecated on
//! the day the check runs (`--as-of`, else today).

use super::Context;
use crate::aws::runtimes;
use crate::diag::suggest::closest;
use crate::diag::{Diag, codes};
use crate::model::S;

/// Reports an unknown, blocked or deprecated runtime; `true` when it is known.
pub fn check(runtime: &S<String>, owner: &str, cx: &Context, out: &mut Vec<Diag>) -> bool {
    let name = runtime.value.as_str();
    if !runtimes::is_known(name) {
        let creatable: Vec<&str> = runtimes::names()
            .filter(|r| runtimes::creatable(r, cx.today))
            .collect();
        out.push(
            Diag::new(
                codes::E0401,
                runtime.span,
                format!("unknown Lambda runtime `{name}`"),
                "not a runtime identifier",
            )
            .help(match closest(name, creatable.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    let examples: Vec<String> = ["python", "nodejs"]
                        .iter()
                        .filter_map(|l| runtimes::newest(l, cx.today))
                        .map(|r| format!("`{r}`"))
                        .collect();
                    format!("write a Lambda runtime, such as {}", examples.join(" or "))
                }
            }),
        );
        return false;
    }
    let Some(life) = runtimes::lifecycle(name) else {
        return true;
    };
    let instead = runtimes::replacement(name, cx.today).map_or_else(
        || {
            format!(
                "no {} runtime cachec knows is supported on {}: use the newest one Lambda offers",
                runtimes::language(name),
                cx.today
            )
        },
        |r| format!("write `runtime = \"{r}\"`"),
    );
    if cx.today >= life.create_block {
        out.push(
            Diag::new(
                codes::E0402,
                runtime.span,
                format!(
                    "{owner} uses `{name}`, which Lambda no longer lets you create functions on \
                     (deprecated {}, creation blocked since {}, updates blocked from {})",
                    life.deprecated, life.create_block, life.update_block
                ),
                format!("blocked since {}", life.create_block),
            )
            .help(instead),
        );
    } else if cx.today >= life.deprecated {
        out.push(
            Diag::new(
                codes::W0401,
                runtime.span,
                format!(
                    "{owner} uses `{name}`, deprecated since {}: creating functions on it is \
                     blocked from {}, updating them from {}",
                    life.deprecated, life.create_block, life.update_block
                ),
                format!("deprecated since {}", life.deprecated),
            )
            .help(instead),
        );
    }
    true
}
