//! `cachec init`: a new project from templates compiled into cachec (`src/init/`): a commented
//! `stack.cache` (a replication group, or with `--cluster` a sharded cluster), its function's
//! source and a Makefile; `{{name}}` becomes the stack name.

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What the new project's cache is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Cluster mode disabled: a primary and a replica, read through the primary and reader endpoints.
    Replicas,
    /// Cluster mode enabled: two shards, read through the configuration endpoint by a cluster client.
    Cluster,
}

/// Each file of a new project: its name in the project and its template.
const TEMPLATES: &[(&str, &str)] = &[
    ("stack.cache", include_str!("init/stack.cache")),
    ("handler.py", include_str!("init/handler.py")),
    ("Makefile", include_str!("init/Makefile")),
    (".gitignore", include_str!("init/gitignore")),
];

/// The files a cluster project has instead of the ones of the same name above.
const CLUSTER: &[(&str, &str)] = &[
    ("stack.cache", include_str!("init/cluster.cache")),
    ("handler.py", include_str!("init/cluster_handler.py")),
];

/// ElastiCache replication group ids are at most 40 characters and are built as `<stack>-<name>`;
/// a short stack name leaves room for the cache's own name.
const MAX_NAME: usize = 24;

/// The files of a new project whose stack is called `name`.
pub fn files(name: &str, shape: Shape) -> Vec<(&'static str, String)> {
    TEMPLATES
        .iter()
        .map(|(file, template)| {
            let template = match shape {
                Shape::Cluster => CLUSTER
                    .iter()
                    .find(|(f, _)| f == file)
                    .map_or(*template, |(_, t)| *t),
                Shape::Replicas => *template,
            };
            (*file, template.replace("{{name}}", name))
        })
        .collect()
}

/// A stack name made from a folder name: lowercase letters, digits and single hyphens, starting
/// with a letter, as CloudFormation and ElastiCache accept; `my-stack` when nothing is left.
pub fn stack_name(folder: &str) -> String {
    let mut name = String::new();
    for c in folder.chars() {
        match c.to_ascii_lowercase() {
            c @ 'a'..='z' => name.push(c),
            c @ '0'..='9' if !name.is_empty() => name.push(c),
            _ if !name.is_empty() && !name.ends_with('-') => name.push('-'),
            _ => {}
        }
        if name.len() >= MAX_NAME {
            break;
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "my-stack".to_string()
    } else {
        name.to_string()
    }
}

#[derive(Debug)]
pub enum InitError {
    /// The folder holds files already; init never overwrites anything.
    NotEmpty(PathBuf),
    Io(PathBuf, io::Error),
}

impl fmt::Display for InitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InitError::NotEmpty(dir) => write!(
                f,
                "{} is not empty; init writes only into a new or empty folder",
                dir.display()
            ),
            InitError::Io(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}

/// Writes a new project into `dir`, which must be missing or empty; returns the files written.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    init_shaped(dir, Shape::Replicas)
}

/// [`init`] with the cache's shape chosen.
pub fn init_shaped(dir: &Path, shape: Shape) -> Result<Vec<PathBuf>, InitError> {
    let io_err = |e| InitError::Io(dir.to_path_buf(), e);
    if dir.exists() {
        if fs::read_dir(dir).map_err(io_err)?.next().is_some() {
            return Err(InitError::NotEmpty(dir.to_path_buf()));
        }
    } else {
        fs::create_dir_all(dir).map_err(io_err)?;
    }
    let folder = fs::canonicalize(dir).map_err(io_err)?;
    let name = stack_name(
        &folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    );
    let mut written = Vec::new();
    for (file, text) in files(&name, shape) {
        let path = dir.join(file);
        // create_new: a file that appeared since the emptiness check is not overwritten.
        let result = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut out| io::Write::write_all(&mut out, text.as_bytes()));
        result.map_err(|e| InitError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_names_from_folders() {
        assert_eq!(stack_name("my-app"), "my-app");
        assert_eq!(stack_name("My App_2"), "my-app-2");
        assert_eq!(stack_name("2fast"), "fast");
        assert_eq!(stack_name("--"), "my-stack");
        assert_eq!(stack_name("a".repeat(40).as_str()).len(), MAX_NAME);
        assert_eq!(
            stack_name("abcdefghijklmnopqrstuvw-xyz"),
            "abcdefghijklmnopqrstuvw"
        );
    }

    #[test]
    fn every_placeholder_is_filled() {
        for shape in [Shape::Replicas, Shape::Cluster] {
            for (file, text) in files("demo", shape) {
                assert!(!text.contains("{{"), "{file} keeps a placeholder");
            }
        }
    }
}
