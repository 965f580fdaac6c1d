//! The function family's findings as data, and their wording: runtimes, inline code and handlers,
//! and AWS names. The rules in `functions` and `runtime` only find; this module alone writes them.

use std::fmt;

use super::connections::Connection;
use super::node::ModuleType;
use crate::aws::quotas::{FUNCTION_NAME_CHARS, FUNCTION_SUBNETS, TEMPLATE_BODY_BYTES};
use crate::aws::runtimes::{self, Lifecycle};
use crate::check::aws_names::chars;
use crate::date::Date;
use crate::diag::{Diag, codes};
use crate::model::{Cache, Function, Package, Ref, S, Serverless};
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

/// A cache a function reaches, with the `connects` item that names it.
#[derive(Debug, Clone, Copy)]
pub enum TlsTarget<'m> {
    Group { cache: &'m Cache, at: &'m Ref },
    Serverless { cache: &'m Serverless, at: &'m Ref },
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
        /// The file searched, as the message names it.
        file: String,
        /// The handler up to the function's name, with its dot: `index.`, `service.main.`.
        module: String,
        name: &'m str,
        at: Span,
        names: Vec<String>,
        near: Option<String>,
    },
    /// E0423: no packaged file is the module the handler names; `candidates` are the paths
    /// Lambda tries.
    NoModule {
        function: &'m Function,
        package: &'m Package,
        /// The function's name in the handler, for the help.
        name: &'m str,
        candidates: Vec<String>,
    },
    /// E0424: Node.js loads `file` as `loaded_as`, but line `line` (`text`) is the other module
    /// system's syntax.
    ModuleSyntax {
        function: &'m Function,
        file: String,
        loaded_as: ModuleType,
        line: usize,
        text: String,
    },
    /// W0420: every subnet in `zone`, while `cache` (which it reaches) is Multi-AZ; `elsewhere`
    /// a subnet of another zone that no cache uses.
    OneZone {
        function: &'m Function,
        zone: &'m str,
        cache: &'m Cache,
        elsewhere: Option<&'m str>,
    },
    /// E0426: `count` distinct subnets, more than Lambda takes; `first_over` is the first beyond.
    TooManySubnets {
        function: &'m Function,
        count: usize,
        first_over: &'m Ref,
    },
    /// W0421 (`tls` false: clear text to a cache that takes TLS only) or W0422 (`tls` true: TLS to
    /// a cache without transit encryption); `at` is the source's first connection.
    TlsMismatch {
        function: &'m Function,
        target: TlsTarget<'m>,
        tls: bool,
        at: Connection,
    },
    /// W0423: a public URL (`url`) without `reserved_concurrency`.
    UncappedUrl { function: &'m Function, url: Span },
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
                file,
                module,
                name,
                at,
                names,
                near,
            } => {
                let source = file;
                let defines = if names.is_empty() {
                    format!("{source} defines no top-level function")
                } else {
                    format!("{source} defines {}", list(names))
                };
                let python = runtimes::language(&function.runtime.value) == "python";
                let help = match near {
                    Some(near) => format!("did you mean `handler = \"{module}{near}\"`?"),
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
            FunctionProblem::NoModule {
                function,
                package,
                name,
                candidates,
            } => no_module(function, package, name, candidates),
            FunctionProblem::ModuleSyntax {
                function,
                file,
                loaded_as,
                line,
                text,
            } => module_syntax(function, file, *loaded_as, *line, text),
            FunctionProblem::OneZone {
                function,
                zone,
                cache,
                elsewhere,
            } => {
                let subnets = function.subnets.first().map(|r| r.name.span);
                let at = match (subnets, function.subnets.last()) {
                    (Some(first), Some(last)) => first.to(last.name.span),
                    _ => function.name.span,
                };
                let help = match elsewhere {
                    Some(other) => format!(
                        "run it in a second zone too: `subnets = [{}, {other}]`",
                        function.subnets.iter().map(|r| r.name.value.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                    None => "add a subnet in another zone to the network and list it in the \
                             function's `subnets`"
                        .to_string(),
                };
                Diag::new(
                    codes::W0420,
                    at,
                    format!(
                        "function `{}` runs only in zone {zone}, but `{}` is Multi-AZ: if zone \
                         {zone} fails, the cache fails over and the function stops with the zone",
                        function.name.value, cache.name.value
                    ),
                    format!("all in zone {zone}"),
                )
                .help(help)
                .fact("zone", *zone)
                .fact("cache", cache.name.value.as_str())
            }
            FunctionProblem::TooManySubnets {
                function,
                count,
                first_over,
            } => {
                let last = function.subnets.last().map_or(first_over.name.span, |r| r.name.span);
                Diag::new(
                    codes::E0426,
                    first_over.name.span.to(last),
                    format!(
                        "function `{}` lists {count} subnets, but Lambda takes at most \
                         {FUNCTION_SUBNETS}",
                        function.name.value
                    ),
                    format!("beyond the {FUNCTION_SUBNETS}th"),
                )
                .help(format!(
                    "keep at most {FUNCTION_SUBNETS}: Lambda needs one subnet per zone it runs in, \
                     and two or three zones keep it running when one fails"
                ))
                .fact("count", i64::try_from(*count).unwrap_or(i64::MAX))
            }
            FunctionProblem::TlsMismatch {
                function,
                target,
                tls,
                at,
            } => tls_mismatch(function, *target, *tls, at),
            FunctionProblem::UncappedUrl { function, url } => Diag::new(
                codes::W0423,
                *url,
                format!(
                    "the public URL of function `{}` has no concurrency cap: anyone can scale it \
                     to the account's unreserved concurrency, each instance with a connection of \
                     its own",
                    function.name.value
                ),
                "no limit on concurrent invocations",
            )
            .with_label(function.name.span, "no `reserved_concurrency`")
            .help(
                "cap it with `reserved_concurrency = 10` (invocations above it are throttled with \
                 HTTP 429); the account keeps at least 100 unreserved",
            ),
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

/// E0423: the handler's module is not among the packaged files.
fn no_module(function: &Function, package: &Package, name: &str, candidates: &[String]) -> Diag {
    let python = runtimes::language(&function.runtime.value) == "python";
    let folder = &function.source.value;
    let message = match candidates.split_first() {
        None if python => {
            "the handler names no module: Python handlers are `module.function`".to_string()
        }
        None => {
            "the handler names no module: Node.js handlers are `path/module.function`".to_string()
        }
        Some((first, rest)) => {
            let tried: Vec<String> = std::iter::once(first)
                .chain(rest)
                .map(|c| format!("`{c}`"))
                .collect();
            format!(
                "the handler's module is not in {folder}: Lambda looks for {}",
                tried.join(" or ")
            )
        }
    };
    let extensions: &[&str] = if python {
        &[".py"]
    } else {
        &[".js", ".mjs", ".cjs"]
    };
    let modules: Vec<String> = package
        .files
        .iter()
        .filter_map(|f| {
            let ext = extensions.iter().find(|e| f.path.ends_with(*e))?;
            let stem = f.path.strip_suffix(ext)?;
            Some(if python {
                stem.trim_end_matches("/__init__").replace('/', ".")
            } else {
                stem.to_string()
            })
        })
        .collect();
    let name = if name.is_empty() { "handler" } else { name };
    let written = function
        .handler
        .value
        .strip_suffix(name)
        .unwrap_or_default();
    let written = written.strip_suffix('.').unwrap_or(written);
    let near = crate::diag::suggest::closest(written, modules.iter().map(String::as_str));
    let help = match near.or(modules.first().map(String::as_str)) {
        Some(module) => format!(
            "name a module the code holds, such as `handler = \"{module}.{name}\"` ({} holds {})",
            folder,
            list(&modules)
        ),
        None if python => {
            format!("add a .py file to {folder} that defines `def {name}(event, context):`")
        }
        None => format!("add a .js or .mjs file to {folder} that exports `{name}`"),
    };
    Diag::new(
        codes::E0423,
        function.handler.span,
        message,
        "no such module",
    )
    .with_label(function.source.span, "the packaged code")
    .help(help)
    .fact("handler", function.handler.value.as_str())
    .fact("tried", candidates.to_vec())
}

/// E0424: Node.js refuses to load the file: `export`/`import` in CommonJS, `exports.` in an ES module.
fn module_syntax(
    function: &Function,
    file: &str,
    loaded_as: ModuleType,
    line: usize,
    text: &str,
) -> Diag {
    let inline = function.package.is_none();
    let (message, help) = match loaded_as {
        ModuleType::CommonJs if inline => (
            format!(
                "{file}:{line} is ES module syntax (`{text}`), but CloudFormation stores inline \
                 Node.js code as index.js, which Node.js loads as CommonJS"
            ),
            "export the handler the CommonJS way, `exports.handler = async (event) => { ... }`, \
             or package the code (`code = \"folder/\"` or `inline = false`) as an .mjs file"
                .to_string(),
        ),
        ModuleType::CommonJs => (
            format!(
                "{file}:{line} is ES module syntax (`{text}`), but Node.js loads {file} as \
                 CommonJS"
            ),
            format!(
                "rename it to .mjs, add `\"type\": \"module\"` to the code's package.json, or \
                 export the CommonJS way (`exports.handler = ...`) in {file}"
            ),
        ),
        ModuleType::Es => (
            format!(
                "{file}:{line} assigns CommonJS exports (`{text}`), but Node.js loads {file} as \
                 an ES module, where `exports` is not defined"
            ),
            format!(
                "write `export const handler = async (event) => {{ ... }}`, or make {file} \
                 CommonJS (.cjs, or no `\"type\": \"module\"` in package.json)"
            ),
        ),
    };
    let label = match loaded_as {
        ModuleType::CommonJs => "loaded as CommonJS",
        ModuleType::Es => "loaded as an ES module",
    };
    Diag::new(codes::E0424, function.source.span, message, label)
        .with_label(function.runtime.span, "Node.js")
        .help(help)
        .fact("file", file)
        .fact("line", line)
}

/// W0421 and W0422, worded for the client library of the function's language.
fn tls_mismatch(function: &Function, target: TlsTarget<'_>, tls: bool, at: &Connection) -> Diag {
    let (name, at_ref, why) = match target {
        TlsTarget::Group { cache, at } => (
            &cache.name.value,
            at,
            if tls {
                "it has no transit encryption"
            } else {
                "its transit encryption takes TLS connections only"
            },
        ),
        TlsTarget::Serverless { cache, at } => (
            &cache.name.value,
            at,
            "a serverless cache takes TLS connections only",
        ),
    };
    let Connection { file, line, .. } = at;
    let python = runtimes::language(&function.runtime.value) == "python";
    let (code, how, outcome, help) = if tls {
        // Only a group can lack transit encryption.
        let fix = format!(
            "give `{name}` `transit_encryption = true` (with `transit_mode = preferred` while \
             other clients still connect without TLS), or connect without TLS"
        );
        (codes::W0422, "with TLS", "the TLS handshake fails", fix)
    } else {
        let option = if python {
            "`ssl=True` (redis-py, valkey-py) or a `rediss://` URL"
        } else {
            "`socket: { tls: true }` (node-redis), `tls: {}` (ioredis) or a `rediss://` URL"
        };
        let mut fix = format!("connect with TLS: {option}");
        if matches!(target, TlsTarget::Group { .. }) {
            fix.push_str(&format!(
                "; or, while clients move to TLS, give `{name}` `transit_mode = preferred`"
            ));
        }
        (
            codes::W0421,
            "without TLS",
            "the connection is refused",
            fix,
        )
    };
    Diag::new(
        code,
        at_ref.name.span,
        format!(
            "function `{}` connects to `{name}` {how} ({file}:{line}), but {why}: {outcome}",
            function.name.value
        ),
        if tls { "no TLS here" } else { "TLS only" },
    )
    .with_label(
        function.source.span,
        format!("connects {how} at {file}:{line}"),
    )
    .help(help)
    .fact("cache", name.as_str())
    .fact("file", file.as_str())
    .fact("line", *line)
}
