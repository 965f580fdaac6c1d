//! cfn-lint as an oracle at scale: hundreds of generated programs, each compiled and its whole
//! template set linted; and generated programs broken on purpose, which the checker must reject.
//!
//! `CACHEC_LINT_PROGRAMS=N` sets how many programs are linted (300 by default).

use crate::common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

use cachec::diag::Severity;
use cachec::emit::{EmitOptions, Format};
use cachec::generate::{Generated, program};

/// Templates per cfn-lint run: few runs (each pays cfn-lint's start-up), small enough to share
/// the work between two processes.
const BATCH: usize = 120;

fn program_count() -> u64 {
    std::env::var("CACHEC_LINT_PROGRAMS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// The seed's program: one to three caches, one to four clients of each kind per cache; most in
/// nested YAML, some as one flat template, some in JSON.
fn case(seed: u64) -> (Generated, EmitOptions) {
    let caches = 1 + (seed % 3) as usize;
    let clients = 1 + ((seed / 3) % 4) as usize;
    let emit = match seed % 10 {
        7 => EmitOptions {
            single: true,
            format: Format::Yaml,
        },
        9 => EmitOptions {
            single: false,
            format: Format::Json,
        },
        _ => EmitOptions::default(),
    };
    (program(seed, caches, clients), emit)
}

fn region_of(source: &str) -> String {
    source
        .lines()
        .find_map(|l| l.trim().strip_prefix("region = \""))
        .and_then(|rest| rest.split('"').next())
        .unwrap_or("us-east-1")
        .to_string()
}

fn errors(diags: &[cachec::diag::Diag]) -> Vec<&cachec::diag::Diag> {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect()
}

/// cfn-lint over many files at once, against the stacks' region; returns its findings.
fn lint(region: &str, files: &[PathBuf]) -> String {
    common::cfn_lint(files, &["--regions", region])
}

#[test]
fn generated_programs_compile_and_lint_clean() {
    let count = program_count();
    let dir = std::env::temp_dir().join(format!("cachec-lint-at-scale-{}", std::process::id()));
    let started = Instant::now();
    let mut by_region: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for seed in 0..count {
        let (generated, emit) = case(seed);
        let mut options = common::options();
        options.emit = emit;
        // Every environment of a program with environments, each in a folder of its own.
        let (builds, diags) = cachec::build_each(&generated.source, &generated, &options, true);
        let errors = errors(&diags);
        assert!(
            errors.is_empty(),
            "seed {seed}: a valid program was rejected: {errors:#?}\n{}",
            generated.source
        );
        let out = dir.join(format!("seed-{seed}"));
        let primary = region_of(&generated.source);
        for built in builds.expect("templates for a program without errors") {
            let folder = built.env.as_ref().map_or(out.clone(), |env| out.join(env));
            cachec::emit::write::write_all(&folder, &built.files).expect("templates written");
            // A Global Datastore's secondary sets are linted in their own region, named by
            // their folder.
            for f in built.files.iter().filter(|f| f.is_template()) {
                let region = f.name.split_once('/').map_or(primary.as_str(), |(r, _)| r);
                by_region
                    .entry(region.to_string())
                    .or_default()
                    .push(folder.join(&f.name));
            }
        }
        std::fs::write(out.join("program.cache"), &generated.source).expect("source written");
    }
    let compiled = started.elapsed();
    let total: usize = by_region.values().map(Vec::len).sum();
    // Batches of one region each, linted by two cfn-lint processes at a time (two cores).
    let batches: Vec<(&String, &[PathBuf])> = by_region
        .iter()
        .flat_map(|(region, files)| files.chunks(BATCH).map(move |c| (region, c)))
        .collect();
    let queue = Mutex::new(batches.iter());
    let findings: String = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut found = String::new();
                    loop {
                        // Taken in its own statement, so the lock is released before linting.
                        let next = queue.lock().expect("queue").next();
                        let Some((region, files)) = next else {
                            break found;
                        };
                        found.push_str(&lint(region, files));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("lint worker"))
            .collect()
    });
    eprintln!(
        "lint at scale: {count} programs, {total} templates, {} regions, {} cfn-lint runs; compiled in {:.1?}, linted in {:.1?}",
        by_region.len(),
        batches.len(),
        compiled,
        started.elapsed() - compiled
    );
    assert!(
        findings.trim().is_empty(),
        "cfn-lint found problems (programs kept in {}; each folder has its program.cache):\n{findings}",
        dir.display()
    );
    std::fs::remove_dir_all(&dir).ok();
}
