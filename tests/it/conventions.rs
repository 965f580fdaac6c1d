//! What people expect of a command-line tool: completions and a man page generated from the clap
//! definitions, pre-commit hooks that run, the licence files and the manifest fields.

use std::collections::BTreeSet;
use std::process::{Command, Output};

fn cachec(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_cachec"))
        .args(args)
        .output()
        .expect("cachec runs")
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).expect("UTF-8")
}

/// The visible commands, read from `cachec --help` (clap's own list).
pub fn commands() -> Vec<String> {
    let help = stdout(&cachec(&["--help"]));
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// The long options of one command and their aliases, read from its `--help`: each option line
/// starts with its flags and may end with `[alias: --x]` or `[aliases: --x, --y]`.
pub fn options_and_aliases(command: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let help = stdout(&cachec(&[command, "--help"]));
    let (mut primary, mut aliases) = (BTreeSet::new(), BTreeSet::new());
    for line in help.lines() {
        let flags = line.starts_with("  ") && line.trim_start().starts_with('-');
        let long = line
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|_| flags)
            .find_map(|w| w.strip_prefix("--"))
            .filter(|l| *l != "help");
        if let Some(long) = long {
            primary.insert(format!("--{long}"));
        }
        let rest = line
            .split("[alias: ")
            .nth(1)
            .or_else(|| line.split("[aliases: ").nth(1));
        for alias in rest
            .and_then(|r| r.split(']').next())
            .into_iter()
            .flat_map(|r| r.split(", "))
        {
            aliases.insert(alias.trim().to_string());
        }
    }
    (primary, aliases)
}

/// Every long option of one command, aliases included.
pub fn options(command: &str) -> BTreeSet<String> {
    let (mut all, aliases) = options_and_aliases(command);
    all.extend(aliases);
    all
}

#[test]
fn help_is_read_as_clap_prints_it() {
    let (primary, aliases) = options_and_aliases("build");
    for option in [
        "--output",
        "--color",
        "--message-format",
        "--single",
        "--format",
        "--deny",
    ] {
        assert!(primary.contains(option), "{option}: {primary:?}");
    }
    assert_eq!(
        aliases,
        BTreeSet::from(["--out".to_string(), "--colour".to_string()])
    );
}

#[test]
fn completions_know_every_command_and_option() {
    let commands = commands();
    assert!(commands.len() >= 9, "{commands:?}");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let script = stdout(&cachec(&["completions", shell]));
        for command in &commands {
            assert!(script.contains(command.as_str()), "{shell}: no {command}");
        }
        for option in options("build") {
            let bare = option.trim_start_matches('-');
            assert!(script.contains(bare), "{shell}: no {option}");
        }
    }
    let bash = stdout(&cachec(&["completions", "bash"]));
    let syntax = Command::new("bash")
        .args(["-n", "-c", &bash])
        .output()
        .expect("bash runs");
    assert!(
        syntax.status.success(),
        "{}",
        String::from_utf8_lossy(&syntax.stderr)
    );
    assert_eq!(cachec(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn the_man_page_has_a_section_for_every_command_with_its_options() {
    let page = stdout(&cachec(&["man"]));
    assert!(page.contains(".TH cachec 1"), "no title");
    for command in commands() {
        let heading = format!(".SH \"CACHEC {}\"", command.to_uppercase());
        let at = page
            .find(&heading)
            .unwrap_or_else(|| panic!("no section {heading}"));
        let section = &page[at..];
        let section = &section[..section[1..].find("\n.SH ").map_or(section.len(), |i| i + 1)];
        for option in options_and_aliases(&command).0 {
            // roff escapes the hyphens of options.
            let escaped = option.replace('-', "\\-");
            assert!(
                section.contains(&escaped),
                "{command}: {option} not in its section"
            );
        }
    }
    // Where man is installed, the page renders without a warning.
    let tmp = tempfile::tempdir().expect("temporary folder");
    let file = tmp.path().join("cachec.1");
    std::fs::write(&file, &page).expect("written");
    if let Ok(rendered) = Command::new("man")
        .arg("-l")
        .arg(&file)
        .env("MANWIDTH", "100")
        .output()
    {
        assert!(
            rendered.status.success(),
            "{}",
            String::from_utf8_lossy(&rendered.stderr)
        );
        assert!(
            rendered.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&rendered.stderr)
        );
        assert!(String::from_utf8_lossy(&rendered.stdout).contains("CACHEC BUILD"));
    }
}

#[test]
fn the_pre_commit_hooks_run_cachec_on_cache_files() {
    let text = std::fs::read_to_string(".pre-commit-hooks.yaml").expect("hooks file");
    let hooks: Vec<serde_yaml::Value> = serde_yaml::from_str(&text).expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().filter_map(|h| h["id"].as_str()).collect();
    assert_eq!(ids, ["cachec-fmt", "cachec-check"]);
    let tmp = tempfile::tempdir().expect("temporary folder");
    let messy = tmp.path().join("messy.cache");
    std::fs::write(
        &messy,
        "stack s {region=\"x\"}\nnetwork vpc { cidr = \"10.0.0.0/16\" }\n",
    )
    .expect("written");
    let clean = std::path::Path::new("examples/fa-063/stack.cache");
    for hook in &hooks {
        assert_eq!(
            hook["language"].as_str(),
            Some("rust"),
            "pre-commit builds it with cargo install"
        );
        assert_eq!(hook["files"].as_str(), Some("\\.cache$"));
        let entry = hook["entry"].as_str().expect("entry");
        let mut words = entry.split_whitespace();
        assert_eq!(words.next(), Some("cachec"));
        let args: Vec<&str> = words.collect();
        // pre-commit appends the staged files: a clean one passes, with a bad one the hook fails.
        let run = |files: &[&std::path::Path]| {
            Command::new(env!("CARGO_BIN_EXE_cachec"))
                .args(&args)
                .args(files)
                .output()
                .expect("cachec runs")
                .status
                .code()
        };
        assert_eq!(run(&[clean, clean]), Some(0), "{entry}");
        assert_eq!(run(&[clean, &messy]), Some(1), "{entry}");
    }
}

#[test]
fn licence_files_and_manifest_fields() {
    let manifest = std::fs::read_to_string("Cargo.toml").expect("manifest");
    assert!(manifest.contains("\nlicense = \"MIT OR Apache-2.0\"\n"));
    let mit = std::fs::read_to_string("LICENSE-MIT").expect("LICENSE-MIT");
    assert!(mit.contains("Permission is hereby granted, free of charge"));
    let apache = std::fs::read_to_string("LICENSE-APACHE").expect("LICENSE-APACHE");
    assert!(apache.contains("Apache License") && apache.contains("Version 2.0, January 2004"));
}

/// The `rust-version` in Cargo.toml, as (major, minor).
pub fn rust_version() -> (u32, u32) {
    let manifest = std::fs::read_to_string("Cargo.toml").expect("manifest");
    let line = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .expect("rust-version in Cargo.toml");
    let mut parts = line
        .trim_end_matches('"')
        .split('.')
        .map(|p| p.parse::<u32>().expect("a number"));
    (parts.next().expect("major"), parts.next().expect("minor"))
}

#[test]
fn rust_version_covers_every_dependency() {
    // Only this platform's dependencies are downloaded by a build; the others (wasi, windows-*)
    // have no sources here, and an offline `cargo metadata` would stop at them.
    let rustc = Command::new("rustc")
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    let rustc = String::from_utf8_lossy(&rustc.stdout);
    let host = rustc
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc names its host");
    let metadata = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .args(["--filter-platform", host])
        .output()
        .expect("cargo metadata runs");
    assert!(
        metadata.status.success(),
        "{}",
        String::from_utf8_lossy(&metadata.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&metadata.stdout).expect("JSON");
    let ours = rust_version();
    // Edition 2024 needs 1.85 at least.
    assert!(ours >= (1, 85), "{ours:?}");
    let mut newest = (1, 85, String::new());
    for package in metadata["packages"].as_array().expect("packages") {
        let Some(version) = package["rust_version"].as_str() else {
            continue;
        };
        let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
        let v = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
        assert!(
            v <= ours,
            "{} needs Rust {version}, above our {ours:?}",
            package["name"]
        );
        if (v.0, v.1) > (newest.0, newest.1) {
            newest = (v.0, v.1, package["name"].to_string());
        }
    }
    assert_eq!(
        (newest.0, newest.1),
        ours,
        "rust-version is higher than needed ({newest:?})"
    );
}

#[test]
fn one_spelling_of_the_output_and_colour_options() {
    for command in commands() {
        let (primary, aliases) = options_and_aliases(&command);
        assert!(
            !primary.contains("--out"),
            "{command}: --out is only an alias"
        );
        assert!(
            !primary.contains("--colour"),
            "{command}: --colour is only an alias"
        );
        if aliases.contains("--out") {
            assert!(primary.contains("--output"), "{command}");
        }
        if primary.contains("--color") {
            assert!(aliases.contains("--colour"), "{command}");
        }
    }
    // Every command that colours diagnostics takes --color.
    for command in ["build", "check", "fmt", "graph"] {
        assert!(
            options_and_aliases(command).0.contains("--color"),
            "{command}"
        );
    }
    assert!(options_and_aliases("graph").0.contains("--output"));
    // `-o`, `--output` and `--out` all name build's output folder.
    let tmp = tempfile::tempdir().expect("temporary folder");
    let example = std::fs::canonicalize("examples/fa-063/stack.cache").expect("example");
    for (i, flag) in ["-o", "--output", "--out"].iter().enumerate() {
        let dir = tmp.path().join(format!("out-{i}"));
        let out = Command::new(env!("CARGO_BIN_EXE_cachec"))
            .arg("build")
            .arg(&example)
            .arg(flag)
            .arg(&dir)
            .output()
            .expect("cachec runs");
        assert!(
            out.status.success(),
            "{flag}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(dir.join("stack.yaml").exists(), "{flag}");
    }
}

#[test]
fn the_readme_states_the_rust_version_of_the_manifest() {
    let (major, minor) = rust_version();
    let readme = std::fs::read_to_string("README.md").expect("README");
    let stated = format!("Rust {major}.{minor} or newer");
    assert!(
        readme.contains(&stated),
        "the README's quick start should say {stated}"
    );
}
