//! The sharing family's findings as data, and their wording. The rules in `share` only find;
//! this module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::diag::{Diag, codes};
use crate::model::S;

/// What the rules on admitted security groups find.
#[derive(Debug, Clone)]
pub enum ShareProblem<'m> {
    /// E0175: neither an `sg-` id nor an `import:` of an export.
    Malformed { group: &'m S<String> },
    /// E0176: the same group listed again.
    Twice {
        group: &'m S<String>,
        first: &'m S<String>,
    },
}

impl ShareProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            ShareProblem::Malformed { group } => Diag::new(
                codes::E0175,
                group.span,
                format!(
                    "`{}` is neither a security group id nor an import",
                    group.value
                ),
                "not a security group",
            )
            .help(
                "write an id such as \"sg-0123456789abcdef0\" (8 or 17 hex digits), or \
                 \"import:ExportName\" for a group another stack exports",
            )
            .fact("group", group.value.as_str()),
            ShareProblem::Twice { group, first } => Diag::new(
                codes::E0176,
                group.span,
                format!("`{}` is admitted twice", group.value),
                "listed again here",
            )
            .with_label(first.span, "first listed here")
            .help("EC2 rejects a rule given twice: keep one")
            .fact("group", group.value.as_str()),
        }
    }
}
