//! Staged updates as data: every `tests/plan/<case>/` staged as `cachec plan --stage` stages it;
//! the snapshot lists each case's steps (their files, plans and deploy commands) or why it is refused.

use std::path::Path;

use cachec::diag::render::{Style, render};
use cachec::plan::render::{Source, Sources};
use cachec::plan::stage::{self, Refused, Step};
use cachec::plan::{self, Side};
use cachec::{Built, DirLoader};

use crate::common;
use crate::plan::{allowed, arg, cases};

fn built(path: &Path, env: Option<String>) -> (String, Option<Built>) {
    let src = std::fs::read_to_string(path).expect("readable");
    let loader = DirLoader(path.parent().expect("folder").to_path_buf());
    let mut options = common::options();
    options.env = env;
    (src.clone(), cachec::build(&src, &loader, &options).0)
}

/// The staging of one case, with NEW's source for rendering.
fn staged(dir: &Path) -> Option<(String, Result<Vec<Step>, Refused>)> {
    let header = std::fs::read_to_string(dir.join("new.cache")).expect("readable");
    let env = arg(&header, "--env").into_iter().next();
    let (_, old) = built(&dir.join("old.cache"), env.clone());
    let (src, new) = built(&dir.join("new.cache"), env);
    let (old, new) = (old?, new?);
    let allow = allowed(&src);
    let result = stage::stage(&old, new, &allow, &common::options());
    // Every consecutive pair, OLD first, plans as one safe update.
    if let Ok(steps) = &result {
        let mut before = &old;
        for (n, step) in steps.iter().enumerate() {
            let again = plan::plan(before, &step.built, &allow);
            assert!(
                !again.has_errors(),
                "{}: step {} is unsafe",
                dir.display(),
                n + 1
            );
            before = &step.built;
        }
    }
    Some((src, result))
}

#[test]
fn stages() {
    let mut out = String::new();
    for dir in cases() {
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        out.push_str(&format!("== {name}\n"));
        let Some((src, result)) = staged(&dir) else {
            out.push_str("refused: a program has errors\n");
            continue;
        };
        let steps = match result {
            Ok(steps) => steps,
            Err(Refused::Plan(_)) => {
                out.push_str("refused: the plan has errors no steps resolve\n");
                continue;
            }
            Err(Refused::Step(diags)) => {
                out.push_str(&render(&diags, "new.cache", &src, Style::PLAIN));
                continue;
            }
            Err(Refused::Unsafe(n, _)) => panic!("{name}: step {n} is unsafe"),
        };
        let old_src = std::fs::read_to_string(dir.join("old.cache")).expect("readable");
        let sources = Sources {
            old: Source {
                name: "old.cache",
                src: &old_src,
            },
            new: Source {
                name: "new.cache",
                src: &src,
            },
        };
        for (n, step) in steps.iter().enumerate() {
            let files: Vec<&str> = step.built.files.iter().map(|f| f.name.as_str()).collect();
            out.push_str(&format!("-- DIR/step-{}/: {}\n", n + 1, files.join(" ")));
            // Only the last step's spans are NEW's; earlier steps show their changes, not lines.
            if n + 1 == steps.len() && steps.len() > 1 {
                out.push_str(&plan::render::human(&step.plan, sources));
            } else if steps.len() > 1 {
                for change in &step.plan.changes {
                    let names: Vec<&str> =
                        change.properties.iter().map(|p| p.name.as_str()).collect();
                    out.push_str(&format!("  {} {}\n", change.logical_id, names.join(", ")));
                }
            }
            let warnings = step.plan.findings.iter().filter(|f| f.side == Side::New);
            out.push_str(&format!("  warnings: {}\n", warnings.count()));
            for command in stage::commands(&step.built, "DIR", n + 1) {
                out.push_str(&format!("$ {command}\n"));
            }
        }
    }
    insta::with_settings!({ snapshot_path => "../plan/snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("stages", out);
    });
}

#[test]
fn the_multi_step_cases_stage_in_two_steps() {
    for name in [
        "failover-with-first-replica",
        "multi-az-off-with-replicas",
        "tls-on",
        "tls-on-with-token",
        "two-caches-split",
    ] {
        let (_, result) = staged(&Path::new("tests/plan").join(name)).expect("programs build");
        let steps = result.unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(steps.len(), 2, "{name}");
    }
}

/// TLS turned on with the engine upgrade that makes it possible (E0707): the upgrade alone, then
/// TLS with mode `preferred`, then `required`. On an engine that stays too old, nothing is staged.
#[test]
fn tls_with_an_engine_upgrade_stages_in_three_steps() {
    let (_, result) = staged(Path::new("tests/plan/tls-on-with-upgrade")).expect("programs build");
    let steps = result.unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(steps.len(), 3);
    let (_, result) = staged(Path::new("tests/plan/tls-on-old-engine")).expect("programs build");
    assert!(matches!(result, Err(Refused::Plan(_))), "{result:?}");
}

#[test]
fn every_step_lints_clean() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let mut files = Vec::new();
    for dir in cases() {
        let Some((_, Ok(steps))) = staged(&dir) else {
            continue;
        };
        if steps.len() < 2 {
            continue;
        }
        let name = dir
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        for (n, step) in steps.iter().enumerate() {
            let out = tmp.path().join(&name).join(format!("step-{}", n + 1));
            cachec::emit::write::write_all(&out, &step.built.files).expect("written");
            files.extend(
                step.built
                    .files
                    .iter()
                    .filter(|f| f.is_template())
                    .map(|f| out.join(&f.name)),
            );
        }
    }
    assert!(
        files.len() >= 4,
        "expected staged templates, found {}",
        files.len()
    );
    common::assert_lints_clean(&files);
}
