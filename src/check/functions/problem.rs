//! The function family's findings as data, and their wording: runtimes, inline code and handlers,
//! and AWS names. The rules in `functions` and `runtime` only find; this module alone writes them.

use std::fmt;

use crate::aws::quotas::{FUNCTION_NAME_CHARS, TEMPLATE_BODY_BYTES};
use crate::aws::runtimes::{self, Lifecycle};
use crate::check::aws_names::chars;
use crate::date::Date;
use crate::diag::{Diag, codes};
use crate::model::{Function, S};
use crate::span::Span;

/// What a runtime belongs to, for messages that name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner<'m> {
    Function(&'m str),
    Layer(&'m str),
}

impl fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Owner::Function(name) => write!(f, "function `{name}`"),
            Owner::Layer(name) => write!(f, "layer `{name}`"),
        }
    }
}

/// A known runtime past one of its lifecycle dates on `today`; `replacement` is the runtime to
/// move to, when one is supported that day.
#[derive(Debug, Clone)]
pub struct Aging<'m> {
    pub runtime: &'m S<String>,
    pub owner: Owner<'m>,
    pub life: Lifecycle,
    pub replacement: Option<&'static str>,
    pub today: Date,
}

/// What the function rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum FunctionProblem<'m> {
    /// E0401: not a runtime identifier; `near` the creatable runtime it resembles, else
    /// `examples` of the newest ones.
    UnknownRuntime {
        runtime: &'m S<String>,
        near: Option<&'static str>,
        examples: Vec<&'static str>,
    },
    /// E0402: Lambda no longer creates functions on the runtime.
    BlockedRuntime(Aging<'m>),
    /// W0401: the runtime is deprecated, creation not yet blocked.
    DeprecatedRuntime(Aging<'m>),
    /// E0403: inline code on a runtime other than Python or Node.js.
    NotInline { function: &'m Function },
    /// E0404: the handler's module is not `index`, the file CloudFormation writes.
    HandlerModule {
        function: &'m Function,
        module: &'m str,
        name: &'m str,
        file: &'static str,
    },
    /// E0405: the source does not define the handler `name`; `names` are what it defines and
    /// `near` the one the handler resembles.
    NoHandler {
        function: &'m Function,
        name: &'m str,
        at: Span,
        names: Vec<String>,
        near: Option<String>,
    },
    /// E0410: the source does not fit in a template.
    SourceTooLarge { function: &'m Function, size: usize },
    /// E0415: the AWS name `<stack>-<function>` is too long or has characters Lambda refuses.
    BadName {
        function: &'m Function,
        stack: &'m S<String>,
        full: String,
        bad: Vec<char>,
    },
}

impl FunctionProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            FunctionProblem::UnknownRuntime {
                runtime,
                near,
                examples,
            } => Diag::new(
                codes::E0401,
                runtime.span,
                format!("unknown Lambda runtime `{}`", runtime.value),
                "not a runtime identifier",
            )
            .help(match near {
                Some(near) => format!("did you mean `{near}`?"),
                None => {
                    let examples: Vec<String> = examples.iter().map(|r| format!("`{r}`")).collect();
                    format!("write a Lambda runtime, such as {}", examples.join(" or "))
                }
            })
            .fact("runtime", runtime.value.as_str()),
            FunctionProblem::BlockedRuntime(aging) => aging_runtime(aging, true),
            FunctionProblem::DeprecatedRuntime(aging) => aging_runtime(aging, false),
            FunctionProblem::NotInline { function } => Diag::new(
                codes::E0403,
                function.runtime.span,
                format!(
                    "CloudFormation accepts inline code only for Python and Node.js, not `{}`",
                    function.runtime.value
                ),
                "cannot run inline code",
            )
            .with_label(function.source.span, "inlined as Code.ZipFile")
            .help("write a Python or Node.js runtime, such as `runtime = \"python3.14\"`")
            .fact("runtime", function.runtime.value.as_str()),
            FunctionProblem::HandlerModule {
                function,
                module,
                name,
                file,
            } => Diag::new(
                codes::E0404,
                function.handler.span,
                format!(
                    "the handler's module must be `index`: CloudFormation stores inline code as {file}"
                ),
                if module.is_empty() {
                    "no module".to_string()
                } else {
                    format!("module `{module}`")
                },
            )
            .help(format!("write `handler = \"index.{name}\"`"))
            .fact("handler", function.handler.value.as_str()),
            FunctionProblem::NoHandler {
                function,
                name,
                at,
                names,
                near,
            } => {
                let source = &function.source.value;
                let defines = if names.is_empty() {
                    format!("{source} defines no top-level function")
                } else {
                    format!("{source} defines {}", list(names))
                };
                let python = runtimes::language(&function.runtime.value) == "python";
                let help = match near {
                    Some(near) => format!("did you mean `handler = \"index.{near}\"`?"),
                    None if python => {
                        format!("define `def {name}(event, context):` at the top level of {source}")
                    }
                    None => format!(
                        "export it from {source}: `exports.{name} = async (event) => {{ ... }}`"
                    ),
                };
                Diag::new(
                    codes::E0405,
                    *at,
                    format!("{source} has no handler function `{name}`"),
                    "not defined in the source",
                )
                .with_label(function.source.span, defines)
                .help(help)
                .fact("handler", *name)
                .fact("defined", names.clone())
            }
            FunctionProblem::SourceTooLarge { function, size } => Diag::new(
                codes::E0410,
                function.source.span,
                format!(
                    "{} is {size} bytes; inline code must fit in its template, at most \
                     {TEMPLATE_BODY_BYTES} bytes",
                    function.source.value
                ),
                "too large to inline",
            )
            .help(
                "keep the handler small and move libraries into a layer's `requirements`, which \
                 are installed at deploy time instead of inlined",
            )
            .fact("bytes", *size)
            .fact("max", TEMPLATE_BODY_BYTES),
            FunctionProblem::BadName {
                function,
                stack,
                full,
                bad,
            } => {
                let length = full.chars().count();
                let (message, help) = if length > FUNCTION_NAME_CHARS {
                    let room = FUNCTION_NAME_CHARS.saturating_sub(stack.value.chars().count() + 1);
                    (
                        format!(
                            "the function name `{full}` is {length} characters; Lambda allows \
                             {FUNCTION_NAME_CHARS}"
                        ),
                        format!("shorten the function's name to at most {room} characters"),
                    )
                } else {
                    (
                        format!("the function name `{full}` contains {}", chars(bad)),
                        "use only letters, digits, `-` and `_` in the stack's and the function's \
                         names"
                            .into(),
                    )
                };
                Diag::new(codes::E0415, function.name.span, message, "the function")
                    .with_label(stack.span, "the stack name prefixes every AWS name")
                    .help(help)
                    .fact("name", full.as_str())
                    .fact("length", length)
                    .fact("max", FUNCTION_NAME_CHARS)
            }
        }
    }
}

/// E0402 once creation is `blocked`, else W0401; the help names the replacement, else says to
/// take the newest runtime of the language.
fn aging_runtime(aging: &Aging, blocked: bool) -> Diag {
    let Aging {
        runtime,
        owner,
        life,
        replacement,
        today,
    } = aging;
    let (code, message, label, fact) = if blocked {
        (
            codes::E0402,
            format!(
                "{owner} uses `{}`, which Lambda no longer lets you create functions on \
                 (deprecated {}, creation blocked since {}, updates blocked from {})",
                runtime.value, life.deprecated, life.create_block, life.update_block
            ),
            format!("blocked since {}", life.create_block),
            ("blocked", life.create_block),
        )
    } else {
        (
            codes::W0401,
            format!(
                "{owner} uses `{}`, deprecated since {}: creating functions on it is blocked \
                 from {}, updating them from {}",
                runtime.value, life.deprecated, life.create_block, life.update_block
            ),
            format!("deprecated since {}", life.deprecated),
            ("deprecated", life.deprecated),
        )
    };
    let help = match replacement {
        Some(r) => format!("write `runtime = \"{r}\"`"),
        None => format!(
            "no {} runtime cachec knows is supported on {today}: use the newest one Lambda offers",
            runtimes::language(&runtime.value),
        ),
    };
    Diag::new(code, runtime.span, message, label)
        .help(help)
        .fact("runtime", runtime.value.as_str())
        .fact(fact.0, fact.1.to_string())
}

/// The first five names, and how many more.
fn list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(5).map(|n| format!("`{n}`")).collect();
    let more = names.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}
