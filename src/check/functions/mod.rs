//! Lambda functions: runtime, inline source and handler, and the AWS name (the schema checks the
//! numeric settings). The rules here find; `problem` words what they find.

mod connections;
mod handler;
mod node;
pub mod package;
mod placement;
pub mod problem;
pub mod runtime;
pub mod sources;
mod tls;

use node::ModuleType;
use problem::{FunctionProblem, Owner};

use super::aws_names::refused;
use super::{Context, environment};
use crate::aws::quotas::{FUNCTION_NAME_CHARS, TEMPLATE_BODY_BYTES};
use crate::aws::runtimes;
use crate::diag::Diag;
use crate::diag::suggest::closest;
use crate::model::ids::aws_name;
use crate::model::{Function, Model, S};
use crate::span::Span;

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    // Once per program: W0420's help looks for a subnet no cache uses, for every function it finds.
    let cache_subnets = placement::cache_subnets(model);
    for function in &model.functions {
        let mut found = Vec::new();
        let runtime = runtime::find(&function.runtime, Owner::Function(&function.name.value), cx);
        let known = !matches!(runtime, Some(FunctionProblem::UnknownRuntime { .. }));
        found.extend(runtime);
        match (&function.package, known) {
            (Some(package), true) => package::check(function, package, &mut found),
            (None, true) => inline_code(function, &mut found),
            (_, false) => {}
        }
        source_size(function, &mut found);
        placement::one_zone(model, &cache_subnets, function, &mut found);
        placement::too_many_subnets(function, &mut found);
        placement::uncapped_url(function, &mut found);
        tls::mismatch(model, function, &mut found);
        name(model, function, &mut found);
        out.extend(found.iter().map(FunctionProblem::diag));
        environment::check(model, function, out);
    }
}

fn inline_code<'m>(function: &'m Function, found: &mut Vec<FunctionProblem<'m>>) {
    let runtime = &function.runtime;
    if !runtimes::takes_inline_code(&runtime.value) {
        found.push(FunctionProblem::NotInline { function });
        return;
    }
    let (module, name) = function
        .handler
        .value
        .rsplit_once('.')
        .unwrap_or(("", function.handler.value.as_str()));
    if module != "index" {
        let file = match runtimes::language(&runtime.value) {
            "python" => "index.py",
            _ => "index.js",
        };
        found.push(FunctionProblem::HandlerModule {
            function,
            module,
            name,
            file,
        });
    }
    if function.code.is_empty() {
        return;
    }
    if runtimes::language(&runtime.value) == "nodejs"
        && let Some((line, text)) = node::foreign_syntax(&function.code, ModuleType::CommonJs)
    {
        found.push(FunctionProblem::ModuleSyntax {
            function,
            file: function.source.value.clone(),
            loaded_as: ModuleType::CommonJs,
            line,
            text,
        });
        return;
    }
    handler_in(
        function,
        &function.source.value,
        &function.code,
        name,
        found,
    );
}

/// The handler names a function that `code` (the file `file`) defines at top level.
fn handler_in<'m>(
    function: &'m Function,
    file: &str,
    code: &str,
    name: &'m str,
    found: &mut Vec<FunctionProblem<'m>>,
) {
    let language = runtimes::language(&function.runtime.value);
    let names = handler::defined(language, code);
    if names.iter().any(|n| n == name) {
        return;
    }
    let near = closest(name, names.iter().map(String::as_str)).map(str::to_string);
    let module = function
        .handler
        .value
        .strip_suffix(name)
        .unwrap_or_default()
        .to_string();
    found.push(FunctionProblem::NoHandler {
        function,
        file: file.to_string(),
        module,
        name,
        at: tail_span(&function.handler, name),
        names,
        near,
    });
}

/// The span of `tail` at the end of a string value, when the literal has no escapes; else the value.
fn tail_span(value: &S<String>, tail: &str) -> Span {
    let span = value.span;
    if span.len() == value.value.len() + 2 && value.value.ends_with(tail) {
        Span::new(span.end - 1 - tail.len(), span.end - 1)
    } else {
        span
    }
}

fn source_size<'m>(function: &'m Function, found: &mut Vec<FunctionProblem<'m>>) {
    let size = function.code.len();
    if size > TEMPLATE_BODY_BYTES {
        found.push(FunctionProblem::SourceTooLarge { function, size });
    }
}

fn name<'m>(model: &'m Model, function: &'m Function, found: &mut Vec<FunctionProblem<'m>>) {
    let stack = &model.stack.name;
    let full = aws_name(&stack.value, &function.name.value);
    let bad = refused(&full);
    if bad.is_empty() && full.chars().count() <= FUNCTION_NAME_CHARS {
        return;
    }
    found.push(FunctionProblem::BadName {
        function,
        stack,
        full,
        bad,
    });
}
