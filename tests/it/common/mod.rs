//! Shared by the integration tests: compile a file the way the CLI does, with a pinned date.

#![allow(dead_code)]

use std::path::Path;

use cachec::diag::render::{Style, render};
use cachec::{DirLoader, Options};

pub use crate::as_of::{AS_OF, as_of};

pub fn options() -> Options {
    let mut options = Options::default();
    options.check.today = AS_OF;
    options
}

/// Compiles `path` with its folder as the source root; returns files and rendered diagnostics.
/// A program with environments gives every environment's files, each under `<env>/`, as
/// `cachec build` writes them (unless `options.env` picks one).
pub fn compile(
    path: &Path,
    options: &Options,
) -> (
    Option<Vec<cachec::emit::File>>,
    String,
    Vec<cachec::diag::Diag>,
) {
    let src = std::fs::read_to_string(path).expect("readable test input");
    let loader = DirLoader(path.parent().expect("has a folder").to_path_buf());
    let (builds, diags) = cachec::build_each(&src, &loader, options, true);
    let files = builds.map(|builds| {
        builds
            .into_iter()
            .flat_map(|b| {
                let folder = b.env.filter(|_| options.env.is_none());
                b.files.into_iter().map(move |f| cachec::emit::File {
                    name: folder
                        .as_ref()
                        .map_or(f.name.clone(), |d| format!("{d}/{}", f.name)),
                    contents: f.contents,
                })
            })
            .collect()
    });
    let name = path.file_name().expect("file name").to_string_lossy();
    let rendered = render(&diags, &name, &src, Style::PLAIN);
    (files, rendered, diags)
}

pub mod cfn;
pub mod process;
pub mod resp;

/// cfn-lint, AWS's own linter, over `files` with `extra` arguments, in one process; its findings,
/// empty when every file is clean. Informational findings count (`--include-checks I`): I3011,
/// a stateful resource without a deletion policy, is one of them. W3002 (a local path in TemplateURL or Code, and the local
/// endpoint after packaging) is what `aws cloudformation package` expects, so it is ignored.
pub fn cfn_lint(files: &[std::path::PathBuf], extra: &[&str]) -> String {
    let output = std::process::Command::new("cfn-lint")
        .args(["--format", "parseable"])
        .args(extra)
        .args(["--include-checks", "I", "--ignore-checks", "W3002", "--"])
        .args(files)
        .output()
        .expect("cfn-lint is installed (scripts/setup-tools installs it)");
    let findings = String::from_utf8_lossy(&output.stdout).into_owned();
    if output.status.success() || !findings.trim().is_empty() {
        return findings;
    }
    format!(
        "cfn-lint failed ({}): {}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Panics with cfn-lint's findings unless it finds nothing at all.
pub fn assert_lints_clean(files: &[std::path::PathBuf]) {
    let findings = cfn_lint(files, &[]);
    assert!(
        findings.trim().is_empty(),
        "cfn-lint found problems:\n{findings}"
    );
}
