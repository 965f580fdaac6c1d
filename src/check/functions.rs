//! Lambda functions: runtime, inline source and handler, and the AWS name (the schema checks the
//! numeric settings). The environment has its own file, called for each function; `layers` checks what is attached.

use super::aws_names;
use super::{Context, environment, handler, runtime};
use crate::aws::quotas::{FUNCTION_NAME_CHARS as FUNCTION_NAME_LIMIT, TEMPLATE_BODY_BYTES};
use crate::aws::runtimes;
use crate::diag::suggest::closest;
use crate::diag::{Diag, codes};
use crate::model::ids::aws_name;
use crate::model::{Function, Model, S};
use crate::span::Span;

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    for function in &model.functions {
        let owner = format!("function `{}`", function.name.value);
        if runtime::check(&function.runtime, &owner, cx, out) {
            inline_code(function, out);
        }
        source_size(function, out);
        name(model, function, out);
        environment::check(model, function, out);
    }
}

fn inline_code(function: &Function, out: &mut Vec<Diag>) {
    let runtime = &function.runtime;
    if !runtimes::takes_inline_code(&runtime.value) {
        out.push(
            Diag::new(
                codes::E0403,
                runtime.span,
                format!(
                    "CloudFormation accepts inline code only for Python and Node.js, not `{}`",
                    runtime.value
                ),
                "cannot run inline code",
            )
            .with_label(function.source.span, "inlined as Code.ZipFile")
            .help("write a Python or Node.js runtime, such as `runtime = \"python3.14\"`"),
        );
        return;
    }
    let handler = &function.handler;
    let (module, name) = handler
        .value
        .rsplit_once('.')
        .unwrap_or(("", handler.value.as_str()));
    let file = match runtimes::language(&runtime.value) {
        "python" => "index.py",
        _ => "index.js",
    };
    if module != "index" {
        out.push(
            Diag::new(
                codes::E0404,
                handler.span,
                format!(
                    "the handler's module must be `index`: CloudFormation stores inline code as {file}"
                ),
                if module.is_empty() {
                    "no module".to_string()
                } else {
                    format!("module `{module}`")
                },
            )
            .help(format!("write `handler = \"index.{name}\"`")),
        );
    }
    handler_defined(function, name, out);
}

/// The handler names a function the source defines at top level.
fn handler_defined(function: &Function, name: &str, out: &mut Vec<Diag>) {
    if function.code.is_empty() {
        return;
    }
    let language = runtimes::language(&function.runtime.value);
    let names = handler::defined(language, &function.code);
    if names.iter().any(|n| n == name) {
        return;
    }
    let source = &function.source.value;
    let defines = if names.is_empty() {
        format!("{source} defines no top-level function")
    } else {
        format!("{source} defines {}", list(&names))
    };
    let help = match closest(name, names.iter().map(String::as_str)) {
        Some(near) => format!("did you mean `handler = \"index.{near}\"`?"),
        None if language == "python" => {
            format!("define `def {name}(event, context):` at the top level of {source}")
        }
        None => format!("export it from {source}: `exports.{name} = async (event) => {{ ... }}`"),
    };
    out.push(
        Diag::new(
            codes::E0405,
            tail_span(&function.handler, name),
            format!("{source} has no handler function `{name}`"),
            "not defined in the source",
        )
        .with_label(function.source.span, defines)
        .help(help),
    );
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

fn list(names: &[String]) -> String {
    let shown: Vec<String> = names.iter().take(5).map(|n| format!("`{n}`")).collect();
    let more = names.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn source_size(function: &Function, out: &mut Vec<Diag>) {
    let size = function.code.len();
    if size <= TEMPLATE_BODY_BYTES {
        return;
    }
    out.push(
        Diag::new(
            codes::E0410,
            function.source.span,
            format!(
                "{} is {size} bytes; inline code must fit in its template, at most \
                 {TEMPLATE_BODY_BYTES} bytes",
                function.source.value
            ),
            "too large to inline",
        )
        .help(
            "keep the handler small and move libraries into a layer's `requirements`, which are \
             installed at deploy time instead of inlined",
        ),
    );
}

fn name(model: &Model, function: &Function, out: &mut Vec<Diag>) {
    let stack = &model.stack.name;
    let full = aws_name(&stack.value, &function.name.value);
    let bad: Vec<char> = full
        .chars()
        .filter(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        .collect();
    let too_long = full.chars().count() > FUNCTION_NAME_LIMIT;
    if bad.is_empty() && !too_long {
        return;
    }
    let (message, help) = if too_long {
        let room = FUNCTION_NAME_LIMIT.saturating_sub(stack.value.chars().count() + 1);
        (
            format!(
                "the function name `{full}` is {} characters; Lambda allows {FUNCTION_NAME_LIMIT}",
                full.chars().count()
            ),
            format!("shorten the function's name to at most {room} characters"),
        )
    } else {
        (
            format!(
                "the function name `{full}` contains {}",
                aws_names::chars(&bad)
            ),
            "use only letters, digits, `-` and `_` in the stack's and the function's names".into(),
        )
    };
    out.push(
        Diag::new(codes::E0415, function.name.span, message, "the function")
            .with_label(stack.span, "the stack name prefixes every AWS name")
            .help(help),
    );
}
