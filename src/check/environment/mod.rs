//! A function's environment: keys Lambda accepts and does not reserve, and at most 4 KB in all.
//! Sources: Lambda API `Environment`, Lambda quotas, cfn-lint E3663; `problem` words the findings.

mod problem;
mod reads;

use problem::{BadKey, EnvironmentProblem};

use crate::aws::quotas::ENVIRONMENT_BYTES as SIZE_LIMIT;
use crate::diag::Diag;
use crate::model::ids::aws_name;
use crate::model::ids::serverless_cache_name;
use crate::model::ids::user_variables;
use crate::model::{CacheAttr, EnvValue, Function, Model, S, ServerlessAttr};

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
pub const ADDRESS_OVERHEAD: usize = 45;

pub fn check(model: &Model, function: &Function, out: &mut Vec<Diag>) {
    out.extend(find(model, function).iter().map(EnvironmentProblem::diag));
}

fn find<'m>(model: &Model, function: &'m Function) -> Vec<EnvironmentProblem<'m>> {
    let mut found = Vec::new();
    let mut total = 0;
    let mut crossing = None;
    for var in &function.environment {
        found.extend(key(&var.key));
        total += var.key.value.len() + value_size(model, &var.value.value);
        if total > SIZE_LIMIT && crossing.is_none() {
            crossing = Some(var);
        }
    }
    let from_user = function
        .user
        .as_ref()
        .and_then(|r| model.user(r))
        .map(user_variables)
        .unwrap_or_default();
    for read in reads::required(function) {
        if !function
            .environment
            .iter()
            .any(|v| v.key.value == read.name)
            && !from_user.iter().any(|(k, _)| *k == read.name)
        {
            found.push(EnvironmentProblem::Unset { function, read });
        }
    }
    if let Some(crossing) = crossing {
        found.push(EnvironmentProblem::TooLarge {
            function,
            crossing,
            total,
            estimated: function.environment.iter().any(|v| {
                matches!(
                    v.value.value,
                    EnvValue::Cache { .. } | EnvValue::Serverless { .. }
                )
            }),
        });
    }
    found
}

/// Bytes a value takes once CloudFormation has resolved it.
fn value_size(model: &Model, value: &EnvValue) -> usize {
    match value {
        EnvValue::Text(text) => text.len(),
        EnvValue::Cache { cache, attr } => {
            let cache = model.cache(cache);
            match attr {
                CacheAttr::Port | CacheAttr::ConfigurationPort => {
                    cache.map_or(5, |c| c.port().to_string().len())
                }
                CacheAttr::PrimaryAddress
                | CacheAttr::ReaderAddress
                | CacheAttr::ConfigurationAddress => {
                    cache.map_or(0, |c| {
                        aws_name(&model.stack.name.value, &c.name.value).len()
                    }) + ADDRESS_OVERHEAD
                }
            }
        }
        EnvValue::Serverless { cache, attr } => match attr {
            ServerlessAttr::Port | ServerlessAttr::ReaderPort => 4,
            ServerlessAttr::Address | ServerlessAttr::ReaderAddress => {
                model.serverless_cache(cache).map_or(0, |c| {
                    serverless_cache_name(&model.stack.name.value, &c.name.value).len()
                }) + ADDRESS_OVERHEAD
            }
        },
    }
}

fn key(key: &S<String>) -> Option<EnvironmentProblem<'_>> {
    let name = key.value.as_str();
    if RESERVED.contains(&name) {
        return Some(EnvironmentProblem::Reserved { key });
    }
    // The grammar's identifiers already hold only letters, digits and `_`.
    let starts = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if starts && name.len() >= 2 {
        return None;
    }
    let trimmed = name.trim_start_matches('_');
    let fix = if trimmed.len() >= 2 && trimmed.starts_with(|c: char| c.is_ascii_alphabetic()) {
        trimmed.to_string()
    } else {
        format!("APP_{trimmed}").trim_end_matches('_').to_string()
    };
    Some(EnvironmentProblem::InvalidKey {
        key,
        why: if starts {
            BadKey::TooShort
        } else {
            BadKey::NoLetterFirst
        },
        fix,
    })
}
