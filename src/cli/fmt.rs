//! `cachec fmt`: rewrite programs in the canonical layout, or with `--check` show what would change.
//! A rewrite goes to a temporary file beside the program, which then replaces it in one rename.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use similar::TextDiff;

use super::Report;

/// Formats each file; `-` reads standard input and writes the result to standard output.
pub fn run(files: &[PathBuf], check: bool, report: &Report) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for file in files {
        let outcome = if file.as_os_str() == "-" {
            stdin(check, report)
        } else {
            one(file, check, report)
        };
        if outcome != ExitCode::SUCCESS {
            status = outcome;
        }
    }
    status
}

fn one(file: &Path, check: bool, report: &Report) -> ExitCode {
    let bytes = match fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let name = file.display().to_string();
    // A file that is not text is reported as `check` reports it, and left alone.
    let src = match cachec::syntax::decode(bytes) {
        (src, None) => src,
        (src, Some(not_text)) => {
            report.diags(&name, &src, &[not_text]);
            return ExitCode::FAILURE;
        }
    };
    let formatted = match cachec::fmt::format(&src) {
        Ok(text) => text,
        Err(diags) => {
            report.diags(&name, &src, &diags);
            return ExitCode::FAILURE;
        }
    };
    if formatted == src {
        return ExitCode::SUCCESS;
    }
    if check {
        print!("{}", diff(&name, &src, &formatted));
        return ExitCode::FAILURE;
    }
    match replace(file, &formatted) {
        Ok(()) => {
            println!("{name}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {name}: {e}");
            ExitCode::FAILURE
        }
    }
}

fn stdin(check: bool, report: &Report) -> ExitCode {
    let mut bytes = Vec::new();
    if let Err(e) = io::stdin().read_to_end(&mut bytes) {
        eprintln!("error: cannot read standard input: {e}");
        return ExitCode::from(2);
    }
    let src = match cachec::syntax::decode(bytes) {
        (src, None) => src,
        (src, Some(not_text)) => {
            report.diags("<stdin>", &src, &[not_text]);
            return ExitCode::FAILURE;
        }
    };
    match cachec::fmt::format(&src) {
        Ok(formatted) if check && formatted != src => {
            print!("{}", diff("<stdin>", &src, &formatted));
            ExitCode::FAILURE
        }
        Ok(_) if check => ExitCode::SUCCESS,
        Ok(formatted) => match io::stdout().write_all(formatted.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write standard output: {e}");
                ExitCode::FAILURE
            }
        },
        Err(diags) => {
            report.diags("<stdin>", &src, &diags);
            ExitCode::FAILURE
        }
    }
}

/// A unified diff from the file as it is to the file as `fmt` would write it.
fn diff(name: &str, old: &str, new: &str) -> String {
    TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(name, &format!("{name} (formatted)"))
        .to_string()
}

/// Writes `text` to a new file beside `file`, with its permissions, then renames it over `file`.
fn replace(file: &Path, text: &str) -> io::Result<()> {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = file.file_name().map_or_else(
        || "stack.cache".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let temp = dir.join(format!(".{base}.cachec-fmt-{}", std::process::id()));
    let result = (|| {
        let mut out = fs::File::create(&temp)?;
        out.write_all(text.as_bytes())?;
        out.sync_all()?;
        fs::set_permissions(&temp, fs::metadata(file)?.permissions())?;
        fs::rename(&temp, file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}
