//! Diagnostics as data: a code from the catalog, a message, labelled spans and a help line.
//! Stages create them; `render` turns them into text, `json` and `sarif` into machine-readable output.

pub mod allow;
pub mod codes;
pub mod json;
pub mod render;
pub mod sarif;
pub mod suggest;

use crate::span::Span;
pub use codes::Code;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A span with a short note; the primary label sits under the value that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

/// A value a rule found, carried beside the wording for tools (`facts` in JSON diagnostics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    Int(i64),
    Text(String),
    Texts(Vec<String>),
}

impl From<i64> for Fact {
    fn from(n: i64) -> Self {
        Fact::Int(n)
    }
}

impl From<usize> for Fact {
    fn from(n: usize) -> Self {
        Fact::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<&str> for Fact {
    fn from(s: &str) -> Self {
        Fact::Text(s.to_string())
    }
}

impl From<String> for Fact {
    fn from(s: String) -> Self {
        Fact::Text(s)
    }
}

impl From<Vec<String>> for Fact {
    fn from(v: Vec<String>) -> Self {
        Fact::Texts(v)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diag {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub labels: Vec<Label>,
    pub help: String,
    /// The typed facts of the rule that found it, by name, for diagnostics built from them.
    pub facts: Vec<(&'static str, Fact)>,
    /// The environments it holds in, when a program with several holds it in only some of them;
    /// empty when it holds in every one (or the program declares none).
    pub envs: Vec<String>,
}

impl Diag {
    /// A diagnostic with the catalog's severity for `code` and its primary label at `span`.
    pub fn new(
        code: Code,
        span: Span,
        message: impl Into<String>,
        label: impl Into<String>,
    ) -> Self {
        Diag {
            code,
            severity: code.severity,
            message: message.into(),
            labels: vec![Label {
                span,
                message: label.into(),
                primary: true,
            }],
            help: String::new(),
            facts: Vec::new(),
            envs: Vec::new(),
        }
    }

    /// `[prod] ` or `[dev, prod] ` before the message, for the environments it holds in.
    pub fn env_prefix(&self) -> String {
        match self.envs.is_empty() {
            true => String::new(),
            false => format!("[{}] ", self.envs.join(", ")),
        }
    }

    /// A named fact of the finding, such as the value found and the limit it passes.
    pub fn fact(mut self, name: &'static str, value: impl Into<Fact>) -> Self {
        self.facts.push((name, value.into()));
        self
    }

    /// A secondary label: another place involved in the mistake.
    pub fn with_label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
            primary: false,
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    pub fn primary_span(&self) -> Span {
        self.labels
            .iter()
            .find(|l| l.primary)
            .map_or_else(Span::default, |l| l.span)
    }
}

/// Which diagnostics to keep and how seriously to take warnings (`--allow`, `--deny warnings`).
#[derive(Debug, Clone, Default)]
pub struct Policy {
    pub deny_warnings: bool,
    pub allow: Vec<String>,
}

impl Policy {
    /// Drops allowed codes, promotes warnings when denied, and sorts by position.
    pub fn apply(&self, diags: Vec<Diag>) -> Vec<Diag> {
        let mut out: Vec<Diag> = diags
            .into_iter()
            // `--allow` silences warnings only: an error cannot be waved through.
            .filter(|d| {
                d.severity == Severity::Error
                    || !self.allow.iter().any(|a| a.eq_ignore_ascii_case(d.code.id))
            })
            .map(|mut d| {
                if self.deny_warnings {
                    d.severity = Severity::Error;
                }
                d
            })
            .collect();
        sort(&mut out);
        out
    }
}

/// Position order, then code, so that output is stable whatever order the checks ran in.
pub fn sort(diags: &mut [Diag]) {
    diags.sort_by(|a, b| {
        (a.primary_span(), a.code.id, &a.message).cmp(&(b.primary_span(), b.code.id, &b.message))
    });
}

pub fn has_errors(diags: &[Diag]) -> bool {
    diags.iter().any(|d| d.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allow_silences_warnings_but_never_errors() {
        let diags = vec![
            Diag::new(codes::E0008, Span::new(0, 1), "e", "e").help("h"),
            Diag::new(codes::W0501, Span::new(2, 3), "w", "w").help("h"),
        ];
        let policy = Policy {
            deny_warnings: false,
            allow: vec!["e0008".into(), "W0501".into()],
        };
        let kept: Vec<&str> = policy.apply(diags).iter().map(|d| d.code.id).collect();
        assert_eq!(kept, ["E0008"]);
    }
}
