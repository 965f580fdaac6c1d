//! Writing the template set all or nothing: files go to a fresh folder beside the target, which
//! then replaces the target in one rename. A failure leaves the old folder as it was.
//!
//! Only a folder cachec wrote is ever replaced: each build leaves a marker file listing what it
//! wrote, and a folder holding anything else (or the program itself) is refused, untouched.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::File;

/// The marker a build writes into its output folder: its first line says what the folder is, the
/// rest name the files it wrote, which are the only ones a later build may delete.
pub const MARKER: &str = ".cachec-out";
const MARKER_HEAD: &str =
    "This folder was written by `cachec build`, which replaces it whole on the next build.";

/// How many names a refusal shows before "and N more".
const SHOWN: usize = 5;

/// Why an output folder was not replaced; carried inside the returned `io::Error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The folder holds entries cachec did not write (sorted names, folders with a trailing `/`).
    Foreign(Vec<String>),
    /// The folder is the program's folder or one of its ancestors.
    HoldsProgram(PathBuf),
    /// The folder is the current folder or one of its ancestors: replacing it would leave the
    /// shell that ran the build in a deleted folder.
    HoldsCurrent,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Foreign(names) => {
                let shown = names
                    .iter()
                    .take(SHOWN)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ");
                let more = names.len().saturating_sub(SHOWN);
                write!(
                    f,
                    "it holds files cachec did not write, which replacing it would delete: {shown}"
                )?;
                if more > 0 {
                    write!(f, " and {more} more")?;
                }
                write!(
                    f,
                    "\n  help: build replaces only a folder that is missing, empty or written by an \
                     earlier build;\n        choose another folder with -o, or empty this one yourself"
                )
            }
            Refusal::HoldsProgram(program) => write!(
                f,
                "it holds the program {}, which replacing it would delete\n  help: write the \
                 templates to a folder of their own, such as -o out",
                program.display()
            ),
            Refusal::HoldsCurrent => write!(
                f,
                "it is the current folder, which a build replaces by renaming\n  help: write the \
                 templates to a folder of their own, such as -o out"
            ),
        }
    }
}

impl std::error::Error for Refusal {}

/// The refusal inside an error from [`write_all`], if that is why it failed.
pub fn refusal(error: &io::Error) -> Option<&Refusal> {
    error.get_ref().and_then(|e| e.downcast_ref::<Refusal>())
}

/// Replaces `dir` with `files` (and the marker).
pub fn write_all(dir: &Path, files: &[File]) -> io::Result<()> {
    write_output(dir, files, None)
}

/// Replaces `dir` with `files`, refusing when `dir` holds `program` or anything cachec did not write.
pub fn write_output(dir: &Path, files: &[File], program: Option<&Path>) -> io::Result<()> {
    let (parent, base) = place(dir)?;
    let target = parent.join(&base);
    if let Some(program) = program {
        // Canonical paths, so `-o .` or `-o ..` is recognised as the folder it names.
        let program = fs::canonicalize(program)?;
        if program.starts_with(&target) {
            return Err(io::Error::other(Refusal::HoldsProgram(program)));
        }
    }
    if let Ok(current) = std::env::current_dir().and_then(fs::canonicalize)
        && current.starts_with(&target)
    {
        return Err(io::Error::other(Refusal::HoldsCurrent));
    }
    if let Some(foreign) = foreign(&target)? {
        return Err(io::Error::other(Refusal::Foreign(foreign)));
    }
    clear_leftovers(&parent, &base);
    let staging = parent.join(format!(".{base}.cachec-new-{}", std::process::id()));
    let old = parent.join(format!(".{base}.cachec-old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = (|| {
        fs::create_dir(&staging)?;
        // The marker first, so that a build killed while writing leaves a folder marked as ours.
        fs::write(staging.join(MARKER), marker(files))?;
        for file in files {
            let path = staging.join(&file.name);
            // Environments, a Global Datastore's regions and packaged code go in folders of their own.
            if let Some(folder) = path.parent() {
                fs::create_dir_all(folder)?;
            }
            fs::write(path, &file.contents)?;
        }
        if target.exists() {
            if !target.is_dir() {
                return Err(io::Error::other(format!(
                    "{} exists and is not a folder",
                    dir.display()
                )));
            }
            fs::rename(&target, &old)?;
            if let Err(e) = fs::rename(&staging, &target) {
                let _ = fs::rename(&old, &target);
                return Err(e);
            }
            fs::remove_dir_all(&old)
        } else {
            fs::rename(&staging, &target)
        }
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}

/// The folder that holds `dir` (made when missing, then made canonical) and `dir`'s own name.
fn place(dir: &Path) -> io::Result<(PathBuf, String)> {
    let absolute = std::path::absolute(dir)?;
    // `absolute` keeps `.` and `..`; the canonical form of an existing folder resolves them.
    let resolved = match fs::canonicalize(&absolute) {
        Ok(path) => path,
        Err(_) => absolute,
    };
    let parent = resolved.parent().map(Path::to_path_buf).unwrap_or_default();
    let Some(base) = resolved.file_name() else {
        return Err(io::Error::other(format!(
            "{} is not a folder a build can replace",
            dir.display()
        )));
    };
    fs::create_dir_all(&parent)?;
    let parent = fs::canonicalize(&parent)?;
    Ok((parent, base.to_string_lossy().into_owned()))
}

/// The marker's text for a build of `files`.
fn marker(files: &[File]) -> String {
    let mut text = format!("{MARKER_HEAD}\n");
    for file in files {
        text.push_str(&file.name);
        text.push('\n');
    }
    text
}

/// The entries of `dir` that no build wrote, sorted; `None` when `dir` may be replaced (it is
/// missing, not a folder (refused later), empty, or holds only what its marker lists).
fn foreign(dir: &Path) -> io::Result<Option<Vec<String>>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(_) if !dir.is_dir() => return Ok(None),
        Err(e) => return Err(e),
    };
    let written = written(dir).unwrap_or_default();
    let mut foreign = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let kind = entry.file_type()?;
        let ours = if kind.is_file() {
            name == MARKER || written.contains(&name)
        } else {
            kind.is_dir() && only_written(&entry.path(), &name, &written)?
        };
        if !ours {
            foreign.push(if kind.is_file() {
                name
            } else {
                format!("{name}/")
            });
        }
    }
    foreign.sort();
    Ok((!foreign.is_empty()).then_some(foreign))
}

/// Whether the folder `dir`, at `prefix` inside the output, holds only files the marker names,
/// and some (a region's folder of a Global Datastore's build).
fn only_written(dir: &Path, prefix: &str, written: &[String]) -> io::Result<bool> {
    let mut any = false;
    for entry in fs::read_dir(dir)? {
        any = true;
        let entry = entry?;
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        let kind = entry.file_type()?;
        let ours = if kind.is_file() {
            written.contains(&name)
        } else {
            kind.is_dir() && only_written(&entry.path(), &name, written)?
        };
        if !ours {
            return Ok(false);
        }
    }
    Ok(any)
}

/// The files the marker in `dir` says a build wrote, or `None` without a marker.
fn written(dir: &Path) -> Option<Vec<String>> {
    let text = fs::read_to_string(dir.join(MARKER)).ok()?;
    let mut lines = text.lines();
    (lines.next()? == MARKER_HEAD).then(|| lines.map(str::to_string).collect())
}

/// Removes the staging and parked folders a killed build left beside the target, when they hold
/// only what a build wrote.
fn clear_leftovers(parent: &Path, base: &str) {
    let prefixes = [
        format!(".{base}.cachec-new-"),
        format!(".{base}.cachec-old-"),
    ];
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let leftover = prefixes.iter().any(|p| name.starts_with(p.as_str()));
        if leftover && path.is_dir() && matches!(foreign(&path), Ok(None)) {
            let _ = fs::remove_dir_all(&path);
        }
    }
}

/// Removes `dir` when a build wrote everything in it (an earlier step folder no longer needed);
/// `false` when it is missing or holds anything else, which is left as it is.
pub fn remove_output(dir: &Path) -> io::Result<bool> {
    if !dir.is_dir() || written(dir).is_none() || foreign(dir)?.is_some() {
        return Ok(false);
    }
    fs::remove_dir_all(dir)?;
    Ok(true)
}
