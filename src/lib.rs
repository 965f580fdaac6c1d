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
use model::{Model, SourceLoader};

/// Everything that shapes a compilation besides the source.
#[derive(Debug, Clone)]
pub struct Options {
    pub check: check::Context,
    pub policy: Policy,
    pub emit: emit::EmitOptions,
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
            assets: String::new(),
        }
    }
}

/// The result of the front end: the model when the program has no errors, and every diagnostic.
#[derive(Debug)]
pub struct Checked {
    pub model: Option<Model>,
    pub diags: Vec<Diag>,
}

/// Parses, lowers and checks; diagnostics are filtered by the policy and sorted by position.
/// Syntax errors do not stop the rest: what parsed is lowered and checked, and the findings that
/// the unparsed text may explain are left out (see [`partial`]).
pub fn check(src: &str, loader: &dyn SourceLoader, options: &Options) -> Checked {
    let (file, syntax_errors) = syntax::parse_partial(src);
    let (model, lowered) = model::lower(&file, loader);
    let mut diags = partial::lowering(&syntax_errors, lowered);
    // Checks run on every declaration; what they say about one that lowering (or the parser) could
    // not build whole, or about what depends on it, would rest on placeholders and is not shown.
    let found: Vec<Diag> = check::check(&model, &options.check)
        .into_iter()
        .filter(|d| !model.damage.hides(d))
        .collect();
    diags.extend(partial::checks(&file, found));
    diags.extend(syntax_errors);
    let diags = options.policy.apply(diags);
    let model = (!diag::has_errors(&diags)).then_some(model);
    Checked { model, diags }
}

/// Checks and, when there are no errors, emits the template set and checks it against
/// CloudFormation's template limits; files come back only when no error remains. Nothing is
/// written here.
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
}

/// [`compile`], keeping the templates as trees and the source map that traces them to the program.
pub fn build(
    src: &str,
    loader: &dyn SourceLoader,
    options: &Options,
) -> (Option<Built>, Vec<Diag>) {
    build_as(src, loader, options, true)
}

/// [`build`] for a caller that reads only the trees (`plan`): `files` is empty, and a template
/// is printed only when its size bound passes the body limit, to measure it for that check; the
/// diagnostics are the same.
pub fn build_trees(
    src: &str,
    loader: &dyn SourceLoader,
    options: &Options,
) -> (Option<Built>, Vec<Diag>) {
    build_as(src, loader, options, false)
}

fn build_as(
    src: &str,
    loader: &dyn SourceLoader,
    options: &Options,
    print: bool,
) -> (Option<Built>, Vec<Diag>) {
    let Checked { model, diags } = check(src, loader, options);
    let Some(model) = model else {
        return (None, diags);
    };
    emit_checked(model, diags, options, print)
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
/// Without `print`, `files` stays empty (see [`build_trees`]).
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
    let files = if print {
        emit::files(&templates, options.emit.format)
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
    diags.extend(options.policy.apply(limits));
    diag::sort(&mut diags);
    let built = (!diag::has_errors(&diags)).then_some(Built {
        templates,
        files,
        map,
        model,
    });
    (built, diags)
}

/// Loads function sources from the filesystem, relative to the program's folder.
pub struct DirLoader(pub std::path::PathBuf);

impl SourceLoader for DirLoader {
    fn load(&self, path: &str) -> Result<String, String> {
        std::fs::read_to_string(self.0.join(path)).map_err(|e| e.to_string())
    }

    fn entries(&self, path: &str) -> Result<Vec<String>, String> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(self.0.join(path)).map_err(|e| e.to_string())? {
            let entry = entry.map_err(|e| e.to_string())?;
            let mut name = entry.file_name().to_string_lossy().into_owned();
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                name.push('/');
            }
            names.push(name);
        }
        names.sort();
        Ok(names)
    }
}
