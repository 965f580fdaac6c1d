//! cachec compiles `.cache` programs, which describe an ElastiCache (cluster mode disabled) stack
//! and its clients, into CloudFormation templates.
//!
//! The pipeline, one module per stage, each calling only the one before it:
//!
//! 1. [`syntax`]: source text to an AST with byte spans, through one lexer and one parser that
//!    reports every syntax error and returns the tree of what parsed (`grammar/cache.pest` is the
//!    normative grammar the tests hold it to).
//! 2. [`model`]: the AST checked against the language schema, names resolved, typed declarations.
//! 3. [`check`](mod@check): AWS rules and common mistakes, as [`diag::Diag`]s with codes, labels and help.
//! 4. [`emit`]: the model to a deterministic template set, split to fit CloudFormation's limits and
//!    printed as YAML or JSON; [`emit::limits`] then judges the printed set before anything is
//!    written.
//!
//! Shared facts sit below the stages and any stage reads them: [`span`], [`diag`], [`date`] and
//! [`aws`] (reference data and quotas). The names and logical ids of declarations are facts of
//! the model, [`model::ids`], which both `check` and `emit` read.
//!
//! [`compile`] runs them all; the CLI, the language server and the tests call it (or a prefix of it).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]
// Diagnostics travel as `Err` values on the cold path of a failed parse; boxing them buys nothing.
#![allow(clippy::result_large_err)]

pub mod aws;
pub mod check;
pub mod date;
pub mod diag;
pub mod emit;
pub mod fmt;
pub mod generate;
pub mod graph;
pub mod hash;
pub mod init;
#[cfg(unix)]
pub mod local;
pub mod lsp;
pub mod model;
mod partial;
pub mod plan;
pub mod span;
pub mod syntax;
pub mod words;

use diag::{Diag, Policy};
use indexmap::IndexMap;
use model::{Model, SourceLoader};

/// Everything that shapes a compilation besides the source.
#[derive(Debug, Clone)]
pub struct Options {
    pub check: check::Context,
    pub policy: Policy,
    pub emit: emit::EmitOptions,
    /// The environment to check and build, of a program that declares environments; `None`:
    /// every one (and a program without environments has no other).
    pub env: Option<String>,
    /// The way from the folder the templates go to, to the program's folder (`../../examples/x`),
    /// put before the local paths `aws cloudformation package` uploads; empty keeps them relative
    /// to the program's folder.
    pub assets: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            check: check::Context {
                today: date::Date::today(),
            },
            policy: Policy::default(),
            emit: emit::EmitOptions::default(),
            env: None,
            assets: String::new(),
        }
    }
}

/// The result of the front end: the model when the program has no errors, and every diagnostic.
#[derive(Debug)]
pub struct Checked {
    /// The model of the environment checked; of the first, when several were.
    pub model: Option<Model>,
    pub diags: Vec<Diag>,
}

/// Parses, lowers and checks; diagnostics are filtered by the policy and sorted by position.
/// Syntax errors do not stop the rest: what parsed is lowered and checked, and the findings that
/// the unparsed text may explain are left out (see [`partial`]). A program with environments is
/// lowered and checked once per environment (see [`merge`] for how their findings meet).
pub fn check(src: &str, loader: &dyn SourceLoader, options: &Options) -> Checked {
    let (file, syntax_errors) = syntax::parse_partial(src);
    let (envs, problems) = environments(&file, options);
    let mut model = None;
    let mut runs = Vec::new();
    for env in envs {
        let (m, found) = check_env(&file, &syntax_errors, loader, options, env.as_deref());
        model.get_or_insert(m);
        runs.push((env, options.policy.apply(found)));
    }
    let mut diags = merge(runs);
    diags.extend(problems);
    diags.extend(syntax_errors);
    let diags = options.policy.apply(diags);
    let model = model.filter(|_| !diag::has_errors(&diags));
    Checked { model, diags }
}

/// The environments to build and the problems of their declaration: each declared environment
/// (or the one `options.env` names), else one run without any.
fn environments(file: &syntax::ast::File, options: &Options) -> (Vec<Option<String>>, Vec<Diag>) {
    let mut problems = model::environments::problems(file);
    let names = model::environments::names(file);
    let at = model::environments::declaration_span(file).unwrap_or_default();
    let envs = match &options.env {
        None if names.is_empty() => vec![None],
        None => names.into_iter().map(Some).collect(),
        Some(env) if names.contains(env) => vec![Some(env.clone())],
        Some(env) if names.is_empty() => {
            problems.push(
                Diag::new(
                    diag::codes::E1110,
                    at,
                    format!("`--env {env}` for a program without environments"),
                    "no environments are declared",
                )
                .help("leave out --env, or declare the environments on the stack: environments = [dev, prod]"),
            );
            Vec::new()
        }
        Some(env) => {
            let list: Vec<&str> = names.iter().map(String::as_str).collect();
            problems.push(
                Diag::new(
                    diag::codes::E1109,
                    at,
                    format!("the program has no environment `{env}`"),
                    format!("declares {}", list.join(", ")),
                )
                .help(diag::suggest::did_you_mean(env, &list, "environment")),
            );
            Vec::new()
        }
    };
    (envs, problems)
}

/// Lowers and checks the program as environment `env` sees it: its values chosen, and its stack
/// named `<stack>-<env>`, so that every name the checks compute is the one it deploys with.
fn check_env(
    file: &syntax::ast::File,
    syntax_errors: &[Diag],
    loader: &dyn SourceLoader,
    options: &Options,
    env: Option<&str>,
) -> (Model, Vec<Diag>) {
    let file = model::environments::select(file, env);
    let (mut model, lowered) = model::lower(&file, loader);
    if let Some(env) = env {
        model.stack.name.value = model::ids::env_stack_name(&model.stack.name.value, env);
    }
    let mut diags = partial::lowering(syntax_errors, lowered);
    // Checks run on every declaration; what they say about one that lowering (or the parser) could
    // not build whole, or about what depends on it, would rest on placeholders and is not shown.
    let found: Vec<Diag> = check::check(&model, &options.check)
        .into_iter()
        .filter(|d| !model.damage.hides(d))
        .collect();
    diags.extend(partial::checks(&file, found));
    (model, diags)
}

/// Findings that may be equal: same place, code and message.
type MergeKey = (span::Span, &'static str, String);

/// The findings of each environment's run as one list: a finding of every run once, as it is; a
/// finding of some runs once, naming them (`Diag::envs`). A lone run of a chosen environment
/// names it on each; a program without environments is left as it is. Front ends that find more
/// per environment (`lint`) merge their findings with it too.
pub fn merge(runs: Vec<(Option<String>, Vec<Diag>)>) -> Vec<Diag> {
    let count = runs.len();
    if count <= 1 {
        return runs
            .into_iter()
            .flat_map(|(env, diags)| {
                diags.into_iter().map(move |mut d| {
                    d.envs.extend(env.clone());
                    d
                })
            })
            .collect();
    }
    let mut merged: IndexMap<MergeKey, Vec<(Diag, Vec<String>)>> = IndexMap::new();
    for (env, diags) in runs {
        for d in diags {
            let same = merged
                .entry((d.primary_span(), d.code.id, d.message.clone()))
                .or_default();
            let env = env.clone().unwrap_or_default();
            match same.iter_mut().find(|(m, _)| *m == d) {
                Some((_, envs)) => envs.push(env),
                None => same.push((d, vec![env])),
            }
        }
    }
    merged
        .into_values()
        .flatten()
        .map(|(mut d, envs)| {
            if envs.len() < count {
                d.envs = envs;
            }
            d
        })
        .collect()
}

/// Checks and, when there are no errors, emits the template set and checks it against
/// CloudFormation's template limits; files come back only when no error remains. Nothing is
/// written here. A program with environments gives the files of the first (see [`build_each`]).
pub fn compile(
    src: &str,
    loader: &dyn SourceLoader,
    options: &Options,
) -> (Option<Vec<emit::File>>, Vec<Diag>) {
    let (built, diags) = build(src, loader, options);
    (built.map(|b| b.files), diags)
}

/// What [`build`] produces: the templates, their printed files and the source map beside them.
#[derive(Debug)]
pub struct Built {
    pub templates: Vec<(String, emit::node::Template)>,
    pub files: Vec<emit::File>,
    pub map: emit::trace::SourceMap,
    /// The checked model the templates were emitted from.
    pub model: Model,
    /// With a Global Datastore, each secondary region's templates; `templates` are then the
    /// primary region's, and `files` hold every region's in a folder named after it.
    pub secondaries: Vec<(String, Vec<(String, emit::node::Template)>)>,
    /// The environment built, of a program with environments.
    pub env: Option<String>,
}

/// [`compile`], keeping the templates as trees and the source map that traces them to the program.
/// Of a program with environments, it builds the one `options.env` names, else the first (its
/// diagnostics are those of every environment).
pub fn build(
    src: &str,
    loader: &dyn SourceLoader,
    options: &Options,
) -> (Option<Built>, Vec<Diag>) {
    let (built, diags) = build_each(src, loader, options, true);
    (built.and_then(|b| b.into_iter().next()), diags)
}

/// [`build`] for a caller that reads only the primary region's trees (`plan`): `files` and
/// `secondaries` are empty, and a template is printed only when its size bound passes the body
/// limit, to measure it for that check; the diagnostics are the same.
pub fn build_trees(
    src: &str,
    loader: &dyn SourceLoader,
    options: &Options,
) -> (Option<Built>, Vec<Diag>) {
    let (built, diags) = build_each(src, loader, options, false);
    (built.and_then(|b| b.into_iter().next()), diags)
}

/// One build per environment (each declared one, or the one `options.env` names; one build of a
/// program without environments), all or none: the builds come back only when no environment
/// has an error. The diagnostics of the environments are merged as [`check`]'s are.
pub fn build_each(
    src: &str,
    loader: &dyn SourceLoader,
    options: &Options,
    print: bool,
) -> (Option<Vec<Built>>, Vec<Diag>) {
    let (file, syntax_errors) = syntax::parse_partial(src);
    let (envs, problems) = environments(&file, options);
    let mut shared = problems;
    shared.extend(syntax_errors.iter().cloned());
    let shared = options.policy.apply(shared);
    let mut runs = Vec::new();
    let mut builds = Vec::new();
    let want = envs.len();
    for env in envs {
        let (model, found) = check_env(&file, &syntax_errors, loader, options, env.as_deref());
        let mut found = options.policy.apply(found);
        if !diag::has_errors(&found) && !diag::has_errors(&shared) {
            let (built, emitted) = emit_checked(model, found, options, print);
            found = emitted;
            builds.extend(built.map(|b| Built {
                env: env.clone(),
                ..b
            }));
        }
        runs.push((env, found));
    }
    let mut diags = merge(runs);
    diags.extend(shared);
    let diags = options.policy.apply(diags);
    let ok = want > 0 && builds.len() == want && !diag::has_errors(&diags);
    (ok.then_some(builds), diags)
}

/// Checks and builds a model that was not read from a source (a step of a staged update, made
/// from two checked models), exactly as [`build`] does after lowering.
pub fn rebuild(model: Model, options: &Options) -> (Option<Built>, Vec<Diag>) {
    let mut diags = options.policy.apply(check::check(&model, &options.check));
    diag::sort(&mut diags);
    if diag::has_errors(&diags) {
        return (None, diags);
    }
    emit_checked(model, diags, options, true)
}

/// Emits a model without errors, with the template limits checked; `diags` are its findings so far.
/// Without `print`, `files` and `secondaries` stay empty (see [`build_trees`]).
fn emit_checked(
    model: Model,
    mut diags: Vec<Diag>,
    options: &Options,
    print: bool,
) -> (Option<Built>, Vec<Diag>) {
    let plan = emit::plan(&model);
    let mut map = emit::trace::SourceMap::of(&plan);
    let mut templates = match emit::templates(plan, options.emit) {
        Ok(templates) => templates,
        Err(unsplittable) => {
            diags.extend(options.policy.apply(vec![unsplittable]));
            diag::sort(&mut diags);
            return (None, diags);
        }
    };
    emit::local::relocate(&mut templates, &options.assets);
    map.place(&templates, &model.stack.name.value, model.stack.name.span);
    // A secondary's set is the primary's network and groups without clients, so it fits
    // wherever the primary's does; its split cannot fail where the primary's did not, and a
    // caller of the trees alone needs none.
    let mut secondaries = Vec::new();
    let regions = if print {
        model::global::secondary_regions(&model)
    } else {
        Vec::new()
    };
    for region in regions {
        match emit::templates(emit::secondary_plan(&model, &region), options.emit) {
            Ok(set) => secondaries.push((region, set)),
            Err(unsplittable) => diags.extend(options.policy.apply(vec![unsplittable])),
        }
    }
    let files = if print {
        emit::regional_files(&model, &templates, &secondaries, options.emit.format)
    } else {
        Vec::new()
    };
    let sizes: Vec<usize> = if print {
        files.iter().map(|f| f.contents.len()).collect()
    } else {
        templates
            .iter()
            .map(|(_, t)| match emit::size::whole(t) {
                bound if bound <= aws::quotas::TEMPLATE_BODY_BYTES => bound,
                _ => emit::print(t, options.emit.format).len(),
            })
            .collect()
    };
    let limits =
        emit::limits::templates(&model, &templates, &sizes, options.emit.format.extension());
    let mut files = files;
    if print {
        files.extend(emit::code_files(&model));
    }
    diags.extend(options.policy.apply(limits));
    diag::sort(&mut diags);
    let built = (!diag::has_errors(&diags)).then_some(Built {
        templates,
        files,
        map,
        model,
        secondaries,
        env: None,
    });
    (built, diags)
}

/// Loads function sources from the filesystem, relative to the program's folder.
pub struct DirLoader(pub std::path::PathBuf);

impl SourceLoader for DirLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|e| e.to_string())
    }

    fn list(&self, dir: &str) -> Result<Vec<String>, String> {
        let mut found = Vec::new();
        list_into(&self.0.join(dir), "", &mut found).map_err(|e| e.to_string())?;
        found.sort();
        Ok(found)
    }
}

/// The files under `dir`, each as `prefix` + its path; symbolic links are followed.
fn list_into(dir: &std::path::Path, prefix: &str, found: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if model::hidden_from_package(&name) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            list_into(&path, &format!("{prefix}{name}/"), found)?;
        } else {
            found.push(format!("{prefix}{name}"));
        }
    }
    Ok(())
}
