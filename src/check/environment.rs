//! A function's environment: keys Lambda accepts and does not reserve, and at most 4 KB in all.
//! Sources: Lambda API `Environment` (key pattern), Lambda quotas (4 KB), cfn-lint E3663 (reserved).

use crate::aws::quotas::ENVIRONMENT_BYTES as SIZE_LIMIT;
use crate::diag::{Diag, codes};
use crate::model::ids::aws_name;
use crate::model::{CacheAttr, EnvValue, Function, Model};
use crate::span::Span;

/// Keys the Lambda runtime sets itself (cfn-lint `environment_variable_keys.json`).
pub const RESERVED: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_LAMBDA_FUNCTION_NAME",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
    "AWS_LAMBDA_FUNCTION_VERSION",
    "AWS_LAMBDA_INITIALIZATION_TYPE",
    "AWS_LAMBDA_LOG_GROUP_NAME",
    "AWS_LAMBDA_LOG_STREAM_NAME",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "AWS_LAMBDA_RUNTIME_API",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

/// What a cache endpoint address adds besides the replication group id, at its longest:
/// `<id>-ro.<6 chars>.ng.0001.<region code>.cache.amazonaws.com` (region codes such as `apne1`).
const ADDRESS_OVERHEAD: usize = 45;

pub fn check(model: &Model, function: &Function, out: &mut Vec<Diag>) {
    let mut total = 0;
    let mut crossing = None;
    for var in &function.environment {
        key(&var.key.value, var.key.span, out);
        total += var.key.value.len() + value_size(model, &var.value.value);
        if total > SIZE_LIMIT && crossing.is_none() {
            crossing = Some(var);
        }
    }
    let Some(var) = crossing else {
        return;
    };
    let estimated = function
        .environment
        .iter()
        .any(|v| matches!(v.value.value, EnvValue::Cache { .. }));
    let mut help =
        "shorten names or values, or keep large data in a file or an SSM parameter".to_string();
    if estimated {
        help.push_str(&format!(
            "; a cache address counts as its resolved length, about {ADDRESS_OVERHEAD} \
             characters plus the replication group id"
        ));
    }
    out.push(
        Diag::new(
            codes::E0413,
            var.key.span.to(var.value.span),
            format!(
                "the environment of `{}` takes {}{total} bytes; Lambda allows {SIZE_LIMIT} for all \
                 names and values together",
                function.name.value,
                if estimated { "about " } else { "" }
            ),
            format!("passes {SIZE_LIMIT} bytes here"),
        )
        .help(help),
    );
}

/// Bytes a value takes once CloudFormation has resolved it.
fn value_size(model: &Model, value: &EnvValue) -> usize {
    match value {
        EnvValue::Text(text) => text.len(),
        EnvValue::Cache { cache, attr } => {
            let cache = model.cache(cache);
            match attr {
                CacheAttr::Port => cache.map_or(5, |c| c.port().to_string().len()),
                CacheAttr::PrimaryAddress | CacheAttr::ReaderAddress => {
                    cache.map_or(0, |c| {
                        aws_name(&model.stack.name.value, &c.name.value).len()
                    }) + ADDRESS_OVERHEAD
                }
            }
        }
    }
}

fn key(key: &str, span: Span, out: &mut Vec<Diag>) {
    if RESERVED.contains(&key) {
        out.push(
            Diag::new(
                codes::E0412,
                span,
                format!("`{key}` is reserved by the Lambda runtime"),
                "reserved",
            )
            .help(format!(
                "pick another name, such as `APP_{}`",
                key.trim_start_matches('_')
            )),
        );
        return;
    }
    // The grammar's identifiers already hold only letters, digits and `_`.
    let starts = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if starts && key.len() >= 2 {
        return;
    }
    let why = if starts {
        "must be at least two characters"
    } else {
        "must start with a letter"
    };
    let trimmed = key.trim_start_matches('_');
    let fix = if trimmed.len() >= 2 && trimmed.starts_with(|c: char| c.is_ascii_alphabetic()) {
        trimmed.to_string()
    } else {
        format!("APP_{trimmed}").trim_end_matches('_').to_string()
    };
    out.push(
        Diag::new(
            codes::E0411,
            span,
            format!("`{key}` is not a valid environment variable name: it {why}"),
            "invalid name",
        )
        .help(format!(
            "write `{fix}` instead (Lambda requires `[a-zA-Z][a-zA-Z0-9_]+`)"
        )),
    );
}
