//! Emit: the checked model to a CloudFormation template set (root plus nested, or one flat template).
//! Deterministic: insertion-ordered maps only, no clocks, no randomness.

mod cache;
mod deploy;
pub mod endpoints;
mod functions;
mod global;
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
mod scaling;
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

impl File {
    /// A template: YAML or JSON, not a file of a packaged function's code (under `code/`, in
    /// an environment's folder too) nor a Global Datastore's deploy order.
    pub fn is_template(&self) -> bool {
        let (folders, file) = self.name.rsplit_once('/').unwrap_or(("", &self.name));
        (file.ends_with(".yaml") || file.ends_with(".json"))
            && !folders
                .split('/')
                .any(|folder| folder == crate::model::ids::CODE_FOLDER)
    }
}

pub use functions::code_files;

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

/// The plan of a Global Datastore's secondary region: [`crate::model::global::secondary_model`] emitted with
/// its groups joining the datastore.
pub fn secondary_plan(model: &Model, region: &str) -> Plan {
    let model = crate::model::global::secondary_model(model, region);
    let mut plan = Plan {
        secondary: true,
        ..Plan::default()
    };
    fill(&model, &mut plan);
    plan.description = format!(
        "{}: Global Datastore secondary in {region}, built by cachec",
        model.stack.name.value
    );
    plan
}

fn plan_of(model: &Model) -> Plan {
    let mut plan = Plan::default();
    fill(model, &mut plan);
    plan
}

fn fill(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    let secondary = plan.secondary;
    *plan = Plan {
        secondary,
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
    let plan = &mut *plan;
    if !model.layers.is_empty() {
        plan.root_parameters.insert(
            layers::ARTIFACT_BUCKET.into(),
            Parameter::string("S3 bucket in the stack's region where layer zips are built"),
        );
    }
    network::emit(model, plan);
    endpoints::emit(model, plan);
    kms::emit(model, plan);
    users::emit(model, plan);
    monitoring::emit_topics(model, plan);
    cache::emit(model, plan);
    serverless::emit(model, plan);
    layers::emit(model, plan);
    instances::emit(model, plan);
    functions::emit(model, plan);
    tags::apply(model, plan);
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

/// The printed files of every region: without a Global Datastore exactly [`files`]; with one,
/// each region's set in a folder named after the region, the primary's first, and the deploy
/// order beside them.
pub fn regional_files(
    model: &Model,
    primary: &[(String, Template)],
    secondaries: &[(String, Vec<(String, Template)>)],
    format: Format,
) -> Vec<File> {
    let Some(region) = model
        .stack
        .region
        .as_ref()
        .filter(|_| !secondaries.is_empty())
    else {
        return files(primary, format);
    };
    let mut out = Vec::new();
    let sets = std::iter::once((&region.value, primary))
        .chain(secondaries.iter().map(|(r, set)| (r, set.as_slice())));
    for (region, set) in sets {
        out.extend(files(set, format).into_iter().map(|f| File {
            name: format!("{region}/{}", f.name),
            contents: f.contents,
        }));
    }
    let regions: Vec<String> = secondaries.iter().map(|(r, _)| r.clone()).collect();
    out.push(File {
        name: deploy::FILE.to_string(),
        contents: deploy::order(model, &regions, format),
    });
    out
}

/// The name of the deploy order a Global Datastore's build writes beside its regions' folders.
pub const DEPLOY_ORDER: &str = deploy::FILE;

/// The region folders of a build's files, in the order they are deployed (the primary first).
pub fn regions_in_order(files: &[File]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for region in files
        .iter()
        .filter_map(|f| f.name.split_once('/').map(|(r, _)| r))
    {
        if !out.contains(&region) {
            out.push(region);
        }
    }
    out
}

/// YAML prints straight from the template; JSON goes through serde_json's tree, built from a copy.
pub fn print(template: &Template, format: Format) -> String {
    match format {
        Format::Yaml => yaml::template(template),
        Format::Json => json::to_json(&template.clone().into_node()),
    }
}
