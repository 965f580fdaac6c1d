//! Virtual environments for handlers: one per Python and set of layer requirements, built once
//! under the cache folder (keyed by a hash of both) and reused by every later `invoke`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// `$CACHEC_CACHE_DIR`, else `$XDG_CACHE_HOME/cachec`, else `~/.cache/cachec`.
pub fn cache_dir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("CACHEC_CACHE_DIR") {
        return Ok(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME") {
        return Ok(PathBuf::from(dir).join("cachec"));
    }
    std::env::var_os("HOME")
        .map(|home| PathBuf::from(home).join(".cache").join("cachec"))
        .ok_or_else(|| "no cache folder: set CACHEC_CACHE_DIR".to_string())
}

/// The interpreter for a Lambda runtime such as `python3.12`: that version where installed,
/// else `python3` (and a note saying so).
pub fn python(runtime: &str) -> Result<(PathBuf, Option<String>), String> {
    // A version manager's shim may be on PATH for a version it does not have: ask it.
    if let Some(exact) = super::process::find(runtime).filter(|p| runs(p)) {
        return Ok((exact, None));
    }
    super::process::find("python3")
        .map(|p| {
            let note = format!("{runtime} is not installed; the handler runs on python3");
            (p, Some(note))
        })
        .ok_or_else(|| format!("the function's runtime is {runtime}, and no python3 is installed: `apt-get install python3 python3-venv`"))
}

fn runs(python: &Path) -> bool {
    Command::new(python)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// FNV-1a, 64 bits: a stable key for a folder name (not a defence against anyone).
fn fnv(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The environment's Python for `requirements` on `python`, built first if missing.
pub fn ensure(python: &Path, requirements: &[String]) -> Result<PathBuf, String> {
    let version = Command::new(python)
        .arg("--version")
        .output()
        .map_err(|e| format!("cannot run {}: {e}", python.display()))?;
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    let listing = requirements.join("\n");
    let key = format!(
        "{:016x}",
        fnv(&format!("{}\n{version}\n{listing}", python.display()))
    );
    let root = cache_dir()?.join("venvs");
    let dir = root.join(&key);
    let bin = dir.join("bin").join("python");
    // The listing is kept inside, so that a hash collision is never taken for a match.
    if bin.exists()
        && std::fs::read_to_string(dir.join("requirements.txt")).is_ok_and(|t| t == listing)
    {
        return Ok(bin);
    }
    std::fs::create_dir_all(&root).map_err(|e| format!("cannot create {}: {e}", root.display()))?;
    // Built beside its final place and renamed into it, so that two `invoke`s never share a
    // half-built environment.
    let building = root.join(format!("{key}.building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    let result = build(python, &building, requirements, &listing);
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&building);
        return Err(e);
    }
    if std::fs::rename(&building, &dir).is_err() {
        // Another invoke finished first: its environment is the same one.
        let _ = std::fs::remove_dir_all(&building);
    }
    Ok(bin)
}

fn build(python: &Path, dir: &Path, requirements: &[String], listing: &str) -> Result<(), String> {
    eprintln!(
        "building a virtual environment for: {}",
        requirements.join(", ")
    );
    run(
        Command::new(python).args(["-m", "venv"]).arg(dir),
        "python3 -m venv (on Debian: apt-get install python3-venv)",
    )?;
    if !requirements.is_empty() {
        run(
            Command::new(dir.join("bin").join("python"))
                .args([
                    "-m",
                    "pip",
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                ])
                .args(requirements),
            "pip install of the layers' requirements",
        )?;
    }
    std::fs::write(dir.join("requirements.txt"), listing)
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let status = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("{what} cannot start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}
