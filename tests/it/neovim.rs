//! The Neovim setups of `docs/editors.md`, run as written in a headless Neovim against the real
//! `cachec lsp`: each one that fits the installed Neovim must bring a file's diagnostics.

use std::path::Path;
use std::process::Command;

const EDITORS: &str = "docs/editors.md";

/// The first `lua` block after the heading `heading`.
fn snippet(doc: &str, heading: &str) -> String {
    let (_, after) = doc
        .split_once(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("{EDITORS} has no heading `{heading}`"));
    let (_, block) = after.split_once("```lua\n").expect("a lua block");
    block.split("```").next().expect("closed").to_string()
}

/// The installed Neovim's (major, minor), or None if there is none.
fn nvim_version() -> Option<(u32, u32)> {
    let out = Command::new("nvim").arg("--version").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let version = text.lines().next()?.strip_prefix("NVIM v")?;
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Waits for the buffer's diagnostics, then writes the filetype and each diagnostic's code.
const REPORT: &str = r#"
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
local out = io.open(vim.env.CACHEC_NVIM_REPORT, 'w')
out:write('filetype=' .. vim.bo.filetype .. '\n')
for _, d in ipairs(vim.diagnostic.get(0)) do
  out:write(string.format('%d:%d %s\n', d.lnum, d.col, tostring(d.code)))
end
out:close()
vim.cmd('qa!')
"#;

/// Runs `init` as the whole configuration on a program with one known error.
fn diagnostics_with(init: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let init_path = dir.path().join("init.lua");
    std::fs::write(&init_path, init).expect("init.lua");
    std::fs::write(dir.path().join("report.lua"), REPORT).expect("report.lua");
    let program = "stack \"s\" {}\n\nnetwork vpc {\n  cidr = \"10.0.0.0/33\"\n}\n";
    std::fs::write(dir.path().join("bad.cache"), program).expect("program");
    let bin = Path::new(env!("CARGO_BIN_EXE_cachec"))
        .parent()
        .expect("bin folder");
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let report = dir.path().join("report.txt");
    let status = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(&init_path)
        .args(["bad.cache", "-c", "luafile report.lua"])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("CACHEC_NVIM_REPORT", &report)
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .status()
        .expect("nvim runs");
    assert!(status.success(), "nvim failed: {status}");
    std::fs::read_to_string(&report).expect("the report was written")
}

#[test]
fn every_setup_that_fits_the_installed_neovim_brings_diagnostics() {
    let Some((major, minor)) = nvim_version() else {
        eprintln!("SKIPPED: nvim is not installed (apt-get install neovim)");
        return;
    };
    let doc = std::fs::read_to_string(EDITORS).expect("editors doc");
    let v = (major, minor);
    let setups = [
        ("### Neovim 0.11 and later", v >= (0, 11)),
        ("### Neovim 0.8 to 0.10", v >= (0, 8)),
        ("### Neovim 0.7 (Debian 12)", ((0, 7)..(0, 11)).contains(&v)),
    ];
    let mut ran = 0;
    for (heading, fits) in setups {
        if !fits {
            eprintln!("SKIPPED: `{heading}` on Neovim {major}.{minor}");
            continue;
        }
        let report = diagnostics_with(&snippet(&doc, heading));
        assert!(
            report.contains("filetype=cache"),
            "{heading}: .cache files are not the cache filetype:\n{report}"
        );
        assert!(
            report.contains("3:9 E0201"),
            "{heading}: the diagnostic did not arrive:\n{report}"
        );
        ran += 1;
    }
    assert!(ran > 0, "no setup in {EDITORS} fits Neovim {major}.{minor}");
}
