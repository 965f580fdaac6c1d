//! Writing the template set all or nothing: files go to a fresh folder beside the target, which
//! then replaces the target in one rename. A failure leaves the old folder as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::File;

pub fn write_all(dir: &Path, files: &[File]) -> io::Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let base = dir
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{base}.cachec-new-{}", std::process::id()));
    let old = parent.join(format!(".{base}.cachec-old-{}", std::process::id()));
    let _ = fs::remove_dir_all(&staging);
    let result = (|| {
        fs::create_dir(&staging)?;
        for file in files {
            fs::write(staging.join(&file.name), &file.contents)?;
        }
        if dir.exists() {
            if !dir.is_dir() {
                return Err(io::Error::other(format!(
                    "{} exists and is not a folder",
                    dir.display()
                )));
            }
            fs::rename(dir, &old)?;
            if let Err(e) = fs::rename(&staging, dir) {
                let _ = fs::rename(&old, dir);
                return Err(e);
            }
            fs::remove_dir_all(&old)
        } else {
            fs::rename(&staging, dir)
        }
    })();
    if result.is_err() {
        let _ = fs::remove_dir_all(&staging);
    }
    result
}
