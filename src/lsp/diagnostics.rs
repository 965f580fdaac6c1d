//! Library diagnostics as LSP diagnostics: the code, the severity, the help line after the message,
//! and every secondary label as related information.

use lsp_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri,
};

use crate::diag::{Diag, Severity};

use super::convert::range;

pub fn to_lsp(diag: &Diag, uri: &Uri, text: &str) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = diag
        .labels
        .iter()
        .filter(|l| !l.primary)
        .map(|l| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(text, l.span)),
            message: l.message.clone(),
        })
        .collect();
    // `[prod] ...`: a finding of some environments names them, as on the command line.
    let message = format!("{}{}", diag.env_prefix(), diag.message);
    let message = if diag.help.is_empty() {
        message
    } else {
        format!("{message}\nhelp: {}", diag.help)
    };
    Diagnostic {
        range: range(text, diag.primary_span()),
        severity: Some(match diag.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(diag.code.id.to_string())),
        source: Some("cachec".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}
