//! The environment family's findings as data, and their wording. The rules in `environment` only
//! find; this module alone writes the messages, labels and help, and names the facts JSON carries.

use super::ADDRESS_OVERHEAD;
use super::reads::Read;
use crate::aws::quotas::ENVIRONMENT_BYTES;
use crate::diag::{Diag, codes};
use crate::model::{EnvVar, Function, S};

/// Why a key is not a name Lambda accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadKey {
    TooShort,
    NoLetterFirst,
}

/// What the environment rules find.
#[derive(Debug, Clone)]
pub enum EnvironmentProblem<'m> {
    /// E0412: a key the Lambda runtime sets itself.
    Reserved { key: &'m S<String> },
    /// E0411: a key outside `[a-zA-Z][a-zA-Z0-9_]+`; `fix` is a name that fits.
    InvalidKey {
        key: &'m S<String>,
        why: BadKey,
        fix: String,
    },
    /// E0425 (Python, the read fails) or W0424 (Node.js, it gives `undefined`): the source reads
    /// `read.name`, which the function's environment does not set.
    Unset { function: &'m Function, read: Read },
    /// E0413: the names and values pass the limit at `crossing`; `estimated` when a cache address
    /// counts as its longest resolved length.
    TooLarge {
        function: &'m Function,
        crossing: &'m EnvVar,
        total: usize,
        estimated: bool,
    },
}

impl EnvironmentProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            EnvironmentProblem::Unset { function, read } => {
                let Read {
                    name,
                    file,
                    line,
                    fails,
                } = read;
                let (code, verb, outcome, optional) = if *fails {
                    (
                        codes::E0425,
                        "requires",
                        "the read fails when it runs",
                        format!("`os.environ.get(\"{name}\")`"),
                    )
                } else {
                    (
                        codes::W0424,
                        "reads",
                        "the read gives `undefined` when it runs",
                        format!("a fallback, `process.env.{name} ?? \"...\"`"),
                    )
                };
                Diag::new(
                    code,
                    function.name.span,
                    format!(
                        "{file}:{line} {verb} the environment variable `{name}`, which function \
                         `{}` does not set: {outcome}",
                        function.name.value
                    ),
                    format!("no `{name}` in its environment"),
                )
                .with_label(
                    function.source.span,
                    format!("reads `{name}` at {file}:{line}"),
                )
                .help(format!(
                    "set it: `environment {{ {name} = \"...\" }}`, or read it as optional in \
                     {file} with {optional}"
                ))
                .fact("variable", name.as_str())
                .fact("file", file.as_str())
                .fact("line", *line)
            }
            EnvironmentProblem::Reserved { key } => Diag::new(
                codes::E0412,
                key.span,
                format!("`{}` is reserved by the Lambda runtime", key.value),
                "reserved",
            )
            .help(format!(
                "pick another name, such as `APP_{}`",
                key.value.trim_start_matches('_')
            ))
            .fact("key", key.value.as_str()),
            EnvironmentProblem::InvalidKey { key, why, fix } => {
                let why = match why {
                    BadKey::TooShort => "must be at least two characters",
                    BadKey::NoLetterFirst => "must start with a letter",
                };
                Diag::new(
                    codes::E0411,
                    key.span,
                    format!(
                        "`{}` is not a valid environment variable name: it {why}",
                        key.value
                    ),
                    "invalid name",
                )
                .help(format!(
                    "write `{fix}` instead (Lambda requires `[a-zA-Z][a-zA-Z0-9_]+`)"
                ))
                .fact("key", key.value.as_str())
            }
            EnvironmentProblem::TooLarge {
                function,
                crossing,
                total,
                estimated,
            } => {
                let mut help = "shorten names or values, or keep large data in a file or an SSM \
                                parameter"
                    .to_string();
                if *estimated {
                    help.push_str(&format!(
                        "; a cache address counts as its resolved length, about \
                         {ADDRESS_OVERHEAD} characters plus the replication group id"
                    ));
                }
                Diag::new(
                    codes::E0413,
                    crossing.key.span.to(crossing.value.span),
                    format!(
                        "the environment of `{}` takes {}{total} bytes; Lambda allows \
                         {ENVIRONMENT_BYTES} for all names and values together",
                        function.name.value,
                        if *estimated { "about " } else { "" }
                    ),
                    format!("passes {ENVIRONMENT_BYTES} bytes here"),
                )
                .help(help)
                .fact("function", function.name.value.as_str())
                .fact("bytes", *total)
                .fact("max", ENVIRONMENT_BYTES)
            }
        }
    }
}
