//! `cachec plan OLD NEW`: both programs checked and built, then every resource classified, the
//! safety rules applied, and the plan printed; exit 1 when anything stops a safe single update.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, ExitCode};

use clap::Args;

use cachec::date::Date;
use cachec::diag::{Diag, has_errors, json};
use cachec::emit::write;
use cachec::model::SourceLoader;
use cachec::plan::render::{self, Source, Sources};
use cachec::plan::stage::{self, Refused};
use cachec::plan::{self, Finding, Side, carried};
use cachec::{Built, DirLoader, Options};

use super::{ColourArg, MessageFormat, Report, parse_date};

#[derive(Args)]
pub struct PlanArgs {
    /// The deployed program: a .cache file, or `git:REV:PATH` for the program at a git revision.
    old: String,
    /// The program to deploy over it, in the same forms.
    new: String,
    /// Let the update replace or remove the stateful resources of this declaration; may be repeated.
    #[arg(long, value_name = "NAME")]
    allow_replace: Vec<String>,
    /// Compare lifecycle dates against this day instead of today (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    as_of: Option<Date>,
    /// Colour in diagnostics: auto (when the output is a terminal), always or never.
    #[arg(long, value_enum, default_value_t = ColourArg::Auto, visible_alias = "colour")]
    color: ColourArg,
    /// The plan and diagnostics as text (human) or one JSON object per line on stdout (json);
    /// sarif is refused.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// Write the template sets of the update, one safe update each, to DIR/step-1, DIR/step-2, ...
    /// and print the commands that deploy them in order.
    #[arg(long, value_name = "DIR")]
    stage: Option<PathBuf>,
    /// Of programs with `environments`, plan this environment's stack (required for them: each
    /// environment is a stack of its own).
    #[arg(long, value_name = "ENV")]
    env: Option<String>,
}

/// The environments `src` declares.
fn environments(src: &str) -> Vec<String> {
    cachec::model::environments::names(&cachec::syntax::parse_partial(src).0)
}

/// How one side is built: [`cachec::build`], or [`cachec::build_trees`] when nothing is written.
type Build = fn(&str, &dyn SourceLoader, &Options) -> (Option<Built>, Vec<Diag>);

/// The stack of the thread that builds OLD: the main thread's usual 8 MiB, since the checks and
/// emitters recurse as deep on either side.
const MAIN_STACK: usize = 8 << 20;

/// One side of the plan as read: its display name, text and the loader for its function sources.
struct Program {
    name: String,
    src: String,
    loader: Box<dyn SourceLoader + Sync>,
}

/// Function sources of a program at a git revision, read from the same revision.
struct GitLoader {
    rev: String,
    dir: String,
}

impl SourceLoader for GitLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        let full = if self.dir.is_empty() {
            path.to_string()
        } else {
            format!("{}/{path}", self.dir)
        };
        git_show(&self.rev, &full)
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let full = if self.dir.is_empty() {
            dir.to_string()
        } else {
            format!("{}/{dir}", self.dir)
        };
        let output = Process::new("git")
            .args(["ls-tree", "-r", "--name-only", "-z"])
            .arg(format!("{}:{full}", self.rev))
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
        }
        let mut found: Vec<String> = String::from_utf8_lossy(&output.stdout)
            .split('\0')
            .filter(|p| !p.is_empty() && !p.split('/').any(cachec::model::hidden_from_package))
            .map(str::to_string)
            .collect();
        found.sort();
        Ok(found)
    }
}

fn git_show(rev: &str, path: &str) -> Result<String, String> {
    let output = Process::new("git")
        .arg("show")
        .arg(format!("{rev}:{path}"))
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).trim().to_string());
    }
    String::from_utf8(output.stdout).map_err(|_| format!("{rev}:{path} is not UTF-8"))
}

/// Reads `FILE` or `git:REV:PATH`; a program that cannot be read is a usage error.
fn read(spec: &str) -> Result<Program, ExitCode> {
    let usage = |e: String| {
        eprintln!("error: cannot read {spec}: {e}");
        ExitCode::from(2)
    };
    if let Some(rest) = spec.strip_prefix("git:") {
        let Some((rev, path)) = rest.split_once(':') else {
            return Err(usage("expected git:REV:PATH".into()));
        };
        let src = git_show(rev, path).map_err(usage)?;
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        return Ok(Program {
            name: spec.to_string(),
            src,
            loader: Box::new(GitLoader {
                rev: rev.to_string(),
                dir,
            }),
        });
    }
    let file = PathBuf::from(spec);
    let bytes = std::fs::read(&file).map_err(|e| usage(e.to_string()))?;
    let (src, not_utf8) = cachec::syntax::decode(bytes);
    if not_utf8.is_some() {
        return Err(usage("the file is not UTF-8".into()));
    }
    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
    Ok(Program {
        name: spec.to_string(),
        src,
        loader: Box::new(DirLoader(dir)),
    })
}

pub fn run(args: &PlanArgs) -> ExitCode {
    let (old, new) = match (read(&args.old), read(&args.new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    if args.message_format == MessageFormat::Sarif {
        eprintln!("error: `cachec plan` prints human or json; SARIF is for `check` and `build`");
        return ExitCode::from(2);
    }
    let mut options = Options::default();
    if let Some(day) = args.as_of {
        options.check.today = day;
    }
    if args.env.is_none() {
        for program in [&old, &new] {
            let envs = environments(&program.src);
            if !envs.is_empty() {
                eprintln!(
                    "error: {} declares the environments {}: choose the one to plan with --env",
                    program.name,
                    envs.join(", ")
                );
                return ExitCode::from(2);
            }
        }
    }
    options.env = args.env.clone();
    let report = Report::new(args.color);
    let json = args.message_format == MessageFormat::Json;
    // Human diagnostics go to stderr, JSON ones to stdout, one object per line.
    let shown = |program: &Program, diags: &[Diag]| -> String {
        if json {
            diags
                .iter()
                .map(|d| format!("{}\n", json::to_json(d, &program.name, &program.src)))
                .collect()
        } else {
            report.text(&program.name, &program.src, diags)
        }
    };
    let show = |text: &str| {
        if json {
            print!("{text}");
        } else {
            eprint!("{text}");
        }
    };
    // Staging writes NEW's files as its last step; a plan alone reads only the trees.
    let build_new = if args.stage.is_some() {
        cachec::build
    } else {
        cachec::build_trees
    };
    let side =
        |program: &Program, build: Build| build(&program.src, program.loader.as_ref(), &options);
    // The two programs are independent until the diff: each is built on its own core.
    let ((old_built, old_diags), (new_built, new_diags)) = std::thread::scope(|scope| {
        let old_side = std::thread::Builder::new()
            .stack_size(MAIN_STACK)
            .spawn_scoped(scope, || side(&old, cachec::build_trees));
        let new_side = side(&new, build_new);
        let old_side = match old_side {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: the same work, one after the other.
            Err(_) => side(&old, cachec::build_trees),
        };
        (old_side, new_side)
    });
    let diagnostics = carried::shown(&old_diags, &new_diags);
    show(&shown(&old, &diagnostics.old));
    show(&shown(&new, &diagnostics.new));
    if let Some(note) = diagnostics.note(&new.name, &old.name).filter(|_| !json) {
        eprintln!("{note}");
    }
    let (Some(old_built), Some(new_built)) = (old_built, new_built) else {
        return ExitCode::FAILURE;
    };
    if let Some(unknown) = args
        .allow_replace
        .iter()
        .find(|name| !declares(&old_built, name) && !declares(&new_built, name))
    {
        eprintln!("error: --allow-replace {unknown}: neither program declares `{unknown}`");
        return ExitCode::from(2);
    }
    let plan = plan::plan(&old_built, &new_built, &args.allow_replace);
    let sources = Sources {
        old: Source {
            name: &old.name,
            src: &old.src,
        },
        new: Source {
            name: &new.name,
            src: &new.src,
        },
    };
    let [old_findings, new_findings] = split(&plan.findings);
    if json {
        let objects = render::json(&plan, sources, diagnostics.carried);
        let (summary, changes) = objects
            .split_last()
            .map_or((None, &[][..]), |(s, c)| (Some(s), c));
        for object in changes {
            println!("{object}");
        }
        show(&shown(&old, &old_findings));
        show(&shown(&new, &new_findings));
        if let Some(summary) = summary {
            println!("{summary}");
        }
    } else {
        print!("{}", render::human(&plan, sources));
        show(&shown(&old, &old_findings));
        show(&shown(&new, &new_findings));
    }
    if let Some(dir) = &args.stage {
        let program = (!args.new.starts_with("git:")).then(|| Path::new(&args.new));
        return stage(dir, program, &old_built, new_built, args, &options, &new);
    }
    let failed = plan.has_errors() || has_errors(&old_diags) || has_errors(&new_diags);
    // Nothing runs after this but the process's exit, which returns the memory at once: dropping
    // the two built programs (trees of some 100,000 resources for 2,000 caches) would cost more.
    std::mem::forget(plan);
    std::mem::forget((old_built, new_built));
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn declares(built: &Built, name: &str) -> bool {
    built.map.resources.values().any(|t| t.owner == name)
}

/// The findings whose spans point into OLD, and those into NEW.
fn split(findings: &[Finding]) -> [Vec<Diag>; 2] {
    let side = |s: Side| {
        findings
            .iter()
            .filter(|f| f.side == s)
            .map(|f| f.diag.clone())
            .collect()
    };
    [side(Side::Old), side(Side::New)]
}

/// `--stage DIR`: the steps written to DIR/step-N and their deploy commands printed; nothing is
/// written when the update cannot be staged.
fn stage(
    dir: &Path,
    program: Option<&Path>,
    old: &Built,
    new: Built,
    args: &PlanArgs,
    options: &Options,
    source: &Program,
) -> ExitCode {
    let steps = match stage::stage(old, new, &args.allow_replace, options) {
        Ok(steps) => steps,
        Err(refused) => {
            let why = match refused {
                Refused::Plan(_) => "the plan has errors that no steps resolve".to_string(),
                Refused::Step(diags) => {
                    Report::new(args.color).diags(&source.name, &source.src, &diags);
                    "a step has errors".to_string()
                }
                Refused::Unsafe(n, _) => format!("step {n} is not a single safe update"),
            };
            eprintln!("error: nothing staged in {}: {why}", dir.display());
            return ExitCode::FAILURE;
        }
    };
    let folder = dir.display().to_string();
    for (n, step) in steps.iter().enumerate() {
        let target = dir.join(format!("step-{}", n + 1));
        if let Err(e) = write::write_output(&target, &step.built.files, program) {
            eprintln!("error: cannot write {}: {e}", target.display());
            return ExitCode::FAILURE;
        }
    }
    // Steps of an earlier, longer staging would read as part of this one: removed when cachec
    // wrote them, else named.
    let mut n = steps.len() + 1;
    loop {
        let stale = dir.join(format!("step-{n}"));
        if !stale.exists() {
            break;
        }
        if !matches!(write::remove_output(&stale), Ok(true)) {
            eprintln!(
                "warning: {} is not a step of this staging; it was left as it is",
                stale.display()
            );
        }
        n += 1;
    }
    eprintln!(
        "wrote {} step(s) to {folder}; deploy them in order:",
        steps.len()
    );
    for (n, step) in steps.iter().enumerate() {
        let commands = stage::commands(&step.built, &folder, n + 1);
        if args.message_format == MessageFormat::Json {
            let object = serde_json::json!({
                "version": 1,
                "kind": "step",
                "step": n + 1,
                "folder": format!("{folder}/step-{}", n + 1),
                "commands": commands,
            });
            println!("{object}");
        } else {
            println!("# step {}", n + 1);
            for command in commands {
                println!("{command}");
            }
        }
    }
    ExitCode::SUCCESS
}
