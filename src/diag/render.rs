//! Human-readable rendering through miette: the file, the line, labels under the text, the help.
//! Colour and width are parameters so that tests get stable, plain output.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

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
    let source = Indexed::new(file_name, src);
    let mut out = String::new();
    for diag in diags {
        let report = Report {
            diag,
            source: &source,
            snippet: printable(src, diag),
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&format!(
                "{}[{}]: {}{}\n",
                diag.severity.as_str(),
                diag.code.id,
                diag.env_prefix(),
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
    source: &'a Indexed<'a>,
    /// Whether the lines under the labels can be shown.
    snippet: bool,
}

/// Whether the lines a diagnostic shows (those under its labels and one either side, as miette
/// draws them) are text a terminal shows as it is: with a control character (an escape sequence),
/// a replaced bad byte or a line longer than [`MAX_SHOWN_LINE`], the report leaves the lines out
/// and stands on its message and position alone.
fn printable(src: &str, diag: &Diag) -> bool {
    diag.labels.iter().all(|label| {
        let before = src.get(..label.span.start).unwrap_or_default();
        let mut starts = before.rmatch_indices('\n').map(|(i, _)| i + 1);
        let start = starts.nth(1).unwrap_or(0);
        let after = src.get(label.span.end..).unwrap_or_default();
        let mut ends = after.match_indices('\n').map(|(i, _)| label.span.end + i);
        let end = ends.nth(1).unwrap_or(src.len());
        src.get(start..end).is_none_or(|lines| {
            lines.split('\n').all(|line| line.len() <= MAX_SHOWN_LINE)
                && !lines.chars().any(|c| {
                    c == '\u{fffd}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                })
        })
    })
}

/// The longest line a report shows. miette pads to a label's column, and Rust's formatter
/// panics on a width past 65,535; no terminal shows such a line usefully anyway.
const MAX_SHOWN_LINE: usize = 4096;

/// The source with the start of every line, so that miette reads only the lines around a span.
/// miette's own `SourceCode` for text scans from the top of the file for each one, which made a
/// thousand diagnostics on a large file take seconds.
struct Indexed<'a> {
    name: &'a str,
    src: &'a [u8],
    /// Offsets where lines start, with miette's line breaks: `\n`, `\r\n` and a lone `\r`.
    starts: Vec<usize>,
}

impl<'a> Indexed<'a> {
    fn new(name: &'a str, src: &'a str) -> Self {
        let src = src.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(b) = src.get(i) {
            i += 1;
            match b {
                b'\n' => starts.push(i),
                b'\r' => {
                    if src.get(i) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i);
                }
                _ => {}
            }
        }
        Indexed { name, src, starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|s| *s <= offset)
            .saturating_sub(1)
    }
}

impl SourceCode for Indexed<'_> {
    /// miette's reading of a window of whole lines around the span, moved back to file positions.
    /// The window starts a line earlier and ends lines later than miette reads, so its scan stops
    /// where a scan of the whole file would.
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let first = self.line_of(span.offset()).saturating_sub(before + 1);
        let last = self.line_of(span.offset() + span.len()) + after + 3;
        let lo = self.starts.get(first).copied().unwrap_or(0);
        let hi = self.starts.get(last).copied().unwrap_or(self.src.len());
        let window = self.src.get(lo..hi).ok_or(MietteError::OutOfBounds)?;
        let shifted = SourceSpan::new(span.offset().saturating_sub(lo).into(), span.len());
        let c = window.read_span(&shifted, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            c.data(),
            SourceSpan::new((c.span().offset() + lo).into(), c.span().len()),
            c.line() + first,
            c.column(),
            c.line_count() + first,
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Without the snippet, whose header names the place, the message does.
        if !self.snippet {
            let at = self.diag.primary_span().start;
            let line = self.source.line_of(at);
            let start = self.source.starts.get(line).copied().unwrap_or(0);
            let column = self
                .source
                .src
                .get(start..at)
                .map_or(0, |b| String::from_utf8_lossy(b).chars().count());
            write!(f, "{}:{}:{}: ", self.source.name, line + 1, column + 1)?;
        }
        f.write_str(&self.diag.env_prefix())?;
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
        self.snippet.then_some(self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if !self.snippet {
            return None;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use miette::NamedSource;

    #[test]
    fn a_label_far_along_a_long_line_renders_without_its_line() {
        let src = format!("{}x", "a ".repeat(40_000));
        let at = src.len() - 1;
        let diag = Diag::new(
            crate::diag::codes::E0001,
            crate::span::Span::new(at, at + 1),
            "m",
            "here",
        )
        .help("h");
        let text = render(&[diag], "f.cache", &src, Style::PLAIN);
        assert!(text.contains("m") && !text.contains("a a a"), "{text}");
    }

    /// Reading through the line index gives what miette reads from the whole text.
    #[test]
    fn indexed_reads_as_miette_does() {
        let part = "stack \"a\" {\r\n  x = 1\r  y = \"é\"\n\n# c\nz { }\r\n\n";
        let src = format!("{}last", part.repeat(4));
        let src = src.as_str();
        let named = NamedSource::new("f", src.to_string());
        let indexed = Indexed::new("f", src);
        for offset in 0..=src.len() {
            for len in [0, 1, 3, 12] {
                for (before, after) in [(0, 0), (1, 1), (2, 3)] {
                    let span = SourceSpan::new(offset.into(), len);
                    let a = named.read_span(&span, before, after);
                    let b = indexed.read_span(&span, before, after);
                    match (a, b) {
                        (Ok(a), Ok(b)) => {
                            let at = format!("{offset}+{len} ({before}, {after})");
                            assert_eq!(a.data(), b.data(), "{at}");
                            assert_eq!(a.span(), b.span(), "{at}");
                            assert_eq!(a.line(), b.line(), "{at}");
                            assert_eq!(a.column(), b.column(), "{at}");
                            assert_eq!(a.line_count(), b.line_count(), "{at}");
                            assert_eq!(a.name(), b.name(), "{at}");
                        }
                        (Err(_), Err(_)) => {}
                        (a, b) => panic!("{offset}+{len}: {:?} vs {:?}", a.is_ok(), b.is_ok()),
                    }
                }
            }
        }
    }
}
