//! `cachec lint FILE`: build the template set, run cfn-lint on it (when installed) and show each
//! finding as a diagnostic at the `.cache` attribute behind the property it names.

use std::process::{Command as Process, ExitCode};

use cachec::Built;
use cachec::diag::{Diag, has_errors};
use cachec::plan::lint;

use super::{Common, report};

/// The program built as `cachec build` builds it: every environment, or the one `--env` names;
/// `None` (after reporting) when it has errors.
pub fn built(common: &Common) -> Option<(String, Vec<Built>, Vec<Diag>)> {
    let src = common.read().ok()?;
    let (built, diags) = cachec::build_each(&src, &common.loader(), &common.options(), true);
    match built {
        Some(built) => Some((src, built, diags)),
        None => {
            report(common, &diags, &src);
            None
        }
    }
}

pub fn run(common: &Common) -> ExitCode {
    let Some((src, builds, mut diags)) = built(common) else {
        return ExitCode::FAILURE;
    };
    let mut runs = Vec::new();
    for built in &builds {
        match findings(built) {
            Ok(found) => runs.push((built.env.clone(), found)),
            Err(code) => return code,
        }
    }
    // As `check` does: a finding of every environment once, one of some named by them.
    diags.extend(cachec::merge(runs));
    cachec::diag::sort(&mut diags);
    report(common, &diags, &src);
    if has_errors(&diags) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// cfn-lint's findings on one environment's templates, at their `.cache` lines; the exit code
/// when cfn-lint cannot run or gives no report (said on standard error).
fn findings(built: &Built) -> Result<Vec<Diag>, ExitCode> {
    let dir = std::env::temp_dir().join(format!("cachec-lint-{}", std::process::id()));
    if let Err(e) = cachec::emit::write::write_all(&dir, &built.files) {
        eprintln!("error: cannot write the templates to lint: {e}");
        return Err(ExitCode::FAILURE);
    }
    let output = Process::new("cfn-lint")
        .args(["--format", "json", "--"])
        .args(
            built
                .files
                .iter()
                .filter(|f| f.is_template())
                .map(|f| &f.name),
        )
        .current_dir(&dir)
        .output();
    // Only what was written just above is removed: the folder is new and cachec's own.
    let _ = cachec::emit::write::remove_output(&dir);
    let output = match output {
        Ok(output) => output,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("error: cfn-lint is not installed; `pip install cfn-lint` brings it");
            return Err(ExitCode::from(2));
        }
        Err(e) => {
            eprintln!("error: cannot run cfn-lint: {e}");
            return Err(ExitCode::from(2));
        }
    };
    serde_json::from_slice(&output.stdout)
        .map_err(|e| e.to_string())
        .and_then(|report| lint::diagnostics(&report, &built.map, built.map.stack))
        .map_err(|e| {
            eprintln!(
                "error: cfn-lint gave no report ({e}): {}",
                String::from_utf8_lossy(&output.stderr).trim()
            );
            ExitCode::FAILURE
        })
}
