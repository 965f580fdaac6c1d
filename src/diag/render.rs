//! Human-readable rendering through miette: the file, the line, labels under the text, the help.
//! Colour and width are parameters so that tests get stable, plain output.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

use super::{Diag, Severity};

/// How to draw diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct Style {
    pub colour: bool,
    pub width: usize,
}

impl Style {
    /// No colour, fixed width: what snapshots use.
    pub const PLAIN: Style = Style {
        colour: false,
        width: 100,
    };
}

/// Renders every diagnostic for one file, separated by blank lines.
pub fn render(diags: &[Diag], file_name: &str, src: &str, style: Style) -> String {
    let theme = if style.colour {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(style.width)
        .with_links(false);
    let source = NamedSource::new(file_name, src.to_string());
    let mut out = String::new();
    for diag in diags {
        let report = Report {
            diag,
            source: &source,
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!(
                "{}[{}]: {}\n",
                diag.severity.as_str(),
                diag.code.id,
                diag.message
            ));
        }
    }
    out
}

/// The one-line summary printed after the diagnostics.
pub fn summary(diags: &[Diag]) -> Option<String> {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => None,
        (0, w) => Some(format!("{} emitted", plural(w, "warning"))),
        (e, 0) => Some(format!("{} found", plural(e, "error"))),
        (e, w) => Some(format!(
            "{} and {} found",
            plural(e, "error"),
            plural(w, "warning")
        )),
    }
}

struct Report<'a> {
    diag: &'a Diag,
    source: &'a NamedSource<String>,
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.diag.code.id))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.diag.help.is_empty()).then(|| Box::new(&self.diag.help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.diag.labels.iter().map(|l| {
            let text = (!l.message.is_empty()).then(|| l.message.clone());
            if l.primary {
                LabeledSpan::new_primary_with_span(text, l.span)
            } else {
                LabeledSpan::new_with_span(text, l.span)
            }
        })))
    }
}
