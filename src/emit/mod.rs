//! Emit: the checked model to a CloudFormation template set (root plus nested, or one flat template).
//! Deterministic: insertion-ordered maps only, no clocks, no randomness.

mod cache;
pub mod endpoints;
mod functions;
mod instances;
mod json;
mod kms;
pub mod layers;
pub mod limits;
pub mod local;
mod monitoring;
mod nest;
mod network;
pub mod node;
pub mod plan;
#[cfg(test)]
mod predicted;
mod serverless;
pub mod size;
pub mod split;
mod tags;
mod too_big;
pub mod trace;
mod users;
pub mod write;
mod yaml;

use node::{Parameter, Template};
use plan::Plan;
use split::Limits;

use crate::diag::Diag;
use crate::model::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Yaml,
    Json,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Yaml => "yaml",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct EmitOptions {
    pub format: Format,
    /// One flat template instead of a root with nested stacks.
    pub single: bool,
}

/// One output file: its name inside the output folder and its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub name: String,
    pub contents: String,
}

/// Every resource of the stack, placed in sections. A replication group named in a `moved`
/// statement is emitted under its old name, so its logical ids and `ReplicationGroupId` stay.
pub fn plan(model: &Model) -> Plan {
    if model.moves.is_empty() {
        return plan_of(model);
    }
    let mut renamed = model.clone();
    for moved in &model.moves {
        if let Some(cache) = renamed.caches.get_mut(moved.to.index) {
            cache.name.value.clone_from(&moved.from.value);
        }
    }
    plan_of(&renamed)
}

fn plan_of(model: &Model) -> Plan {
    let stack = &model.stack.name.value;
    let mut plan = Plan {
        name: stack.clone(),
        span: model.stack.name.span,
        description: model.stack.description.as_ref().map_or_else(
            || {
                format!(
                    "{stack}: ElastiCache (cluster mode disabled) and its clients, built by cachec"
                )
            },
            |d| d.value.clone(),
        ),
        ..Plan::default()
    };
    if !model.layers.is_empty() {
        plan.root_parameters.insert(
            layers::ARTIFACT_BUCKET.into(),
            Parameter::string("S3 bucket in the stack's region where layer zips are built"),
        );
    }
    network::emit(model, &mut plan);
    endpoints::emit(model, &mut plan);
    kms::emit(model, &mut plan);
    users::emit(model, &mut plan);
    monitoring::emit_topics(model, &mut plan);
    cache::emit(model, &mut plan);
    serverless::emit(model, &mut plan);
    layers::emit(model, &mut plan);
    instances::emit(model, &mut plan);
    functions::emit(model, &mut plan);
    tags::apply(model, &mut plan);
    plan
}

/// The templates of the plan, before printing: the root (`stack`) first. Fails with a diagnostic
/// when no split keeps every template within CloudFormation's limits.
pub fn templates(plan: Plan, options: EmitOptions) -> Result<Vec<(String, Template)>, Diag> {
    templates_within(plan, options, &Limits::CLOUDFORMATION)
}

/// [`templates`] under other limits than CloudFormation's (tests reach rare paths with them).
pub fn templates_within(
    mut plan: Plan,
    options: EmitOptions,
    limits: &Limits,
) -> Result<Vec<(String, Template)>, Diag> {
    if options.single {
        return Ok(vec![("stack".to_string(), nest::single(plan))]);
    }
    let (root, nested) = nest::nested(&mut plan, options.format.extension(), limits)
        .map_err(|e| too_big::diagnostic(&plan, &e))?;
    let mut out = vec![("stack".to_string(), root)];
    out.extend(nested);
    Ok(out)
}

/// The printed files.
pub fn emit(model: &Model, options: EmitOptions) -> Result<Vec<File>, Diag> {
    Ok(files(&templates(plan(model), options)?, options.format))
}

/// Each template printed into its file, in order.
pub fn files(templates: &[(String, Template)], format: Format) -> Vec<File> {
    templates
        .iter()
        .map(|(stem, t)| File {
            name: format!("{stem}.{}", format.extension()),
            contents: print(t, format),
        })
        .collect()
}

/// YAML prints straight from the template; JSON goes through serde_json's tree, built from a copy.
pub fn print(template: &Template, format: Format) -> String {
    match format {
        Format::Yaml => yaml::template(template),
        Format::Json => json::to_json(&template.clone().into_node()),
    }
}
