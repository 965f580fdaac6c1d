//! cfn-lint's findings on a built template set, each traced through the source map to the
//! `.cache` attribute behind the property it names (`cfn-lint --format json`).

use serde_json::Value;

use crate::diag::{Diag, codes};
use crate::emit::trace::SourceMap;
use crate::span::Span;

/// W3002 flags the local paths that `aws cloudformation package` uploads: the intended input.
const EXPECTED: &[&str] = &["W3002"];

/// cfn-lint's JSON report as diagnostics; an answer of another shape is an error message.
pub fn diagnostics(report: &Value, map: &SourceMap, stack_span: Span) -> Result<Vec<Diag>, String> {
    let findings = report
        .as_array()
        .ok_or("expected cfn-lint's JSON report (a list of findings)")?;
    let mut out = Vec::new();
    for finding in findings {
        let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or("").to_string();
        let rule = text(finding.pointer("/Rule/Id"));
        if EXPECTED.contains(&rule.as_str()) {
            continue;
        }
        let path: Vec<String> = finding
            .pointer("/Location/Path")
            .and_then(Value::as_array)
            .map(|p| {
                p.iter()
                    .map(|s| match s {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (span, label) = match path.as_slice() {
            [section, id, rest @ ..] if section == "Resources" => {
                let property = match rest {
                    [properties, property, ..] if properties == "Properties" => {
                        Some(property.as_str())
                    }
                    _ => None,
                };
                let span = map.span(id, property).unwrap_or(stack_span);
                (span, format!("{} comes from here", path.join("/")))
            }
            _ => (
                stack_span,
                format!("{} of the template set", path.join("/")),
            ),
        };
        let code = if text(finding.get("Level")) == "Error" {
            codes::E0711
        } else {
            codes::W0711
        };
        let file = text(finding.get("Filename"));
        let file = file.rsplit('/').next().unwrap_or_default();
        out.push(
            Diag::new(
                code,
                span,
                format!(
                    "cfn-lint {rule} in {file}: {}",
                    text(finding.get("Message"))
                ),
                label,
            )
            .help(format!(
                "{} ({}); cachec means to emit lint-clean templates, so this is worth a bug report",
                text(finding.pointer("/Rule/ShortDescription")),
                text(finding.pointer("/Rule/Source"))
            )),
        );
    }
    Ok(out)
}
