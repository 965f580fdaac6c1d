//! Staged updates: a change ElastiCache rejects in one update is cut into steps at the model level
//! (NEW with part of the change held back), each built and planned as a single safe update.

use super::diff::Action;
use super::rules::{Split, splits};
use super::{Plan, plan, resource};
use crate::diag::{Diag, Severity, codes};
use crate::model::{Cache, ClusterMode, Model, S, TransitMode};
use crate::span::{Span, Spanned};
use crate::{Built, Options};

/// One step of a staged update: the template set to deploy and its plan over the step before.
#[derive(Debug)]
pub struct Step {
    pub built: Built,
    pub plan: Plan,
}

/// Why no steps were made.
#[derive(Debug)]
pub enum Refused {
    /// The plan of OLD to NEW has errors that no staging resolves (replacements, removals, TLS on an old engine).
    Plan(Plan),
    /// A step failed its check or build: its diagnostics (spans point into NEW).
    Step(Vec<Diag>),
    /// A step would not deploy over the one before in one safe update: that step's plan.
    Unsafe(usize, Plan),
}

/// The multi-step changes that staging resolves: the rest stay errors.
const STAGED: [&str; 4] = [
    codes::E0704.id,
    codes::E0705.id,
    codes::E0706.id,
    codes::E0720.id,
];

/// The steps that take `old` to `new`, each a single safe update from the one before; the last
/// step is `new` itself. Without a multi-step change there is one step.
pub fn stage(
    old: &Built,
    new: Built,
    allow_replace: &[String],
    options: &Options,
) -> Result<Vec<Step>, Refused> {
    let whole = plan(old, &new, allow_replace);
    let blocking = whole
        .findings
        .iter()
        .any(|f| f.diag.severity == Severity::Error && !STAGED.contains(&f.diag.code.id));
    if blocking {
        return Err(Refused::Plan(whole));
    }
    let held = held_back(&whole, old, &new);
    let mut steps: Vec<Built> = Vec::new();
    if !held.is_empty() {
        let mut first = new.model.clone();
        for (owner, split) in &held {
            let before = old_cache(&old.model, &new.model, owner);
            let after = first.caches.iter_mut().find(|c| &c.name.value == owner);
            if let (Some(before), Some(after)) = (before, after) {
                hold_back(after, before, *split);
            }
        }
        match crate::rebuild(first, options) {
            (Some(built), _) => steps.push(built),
            (None, diags) => return Err(Refused::Step(diags)),
        }
    }
    match settled(&new, &held) {
        Some(last) => match crate::rebuild(last, options) {
            (Some(built), _) => steps.push(built),
            (None, diags) => return Err(Refused::Step(diags)),
        },
        None => steps.push(new),
    }
    let mut out = Vec::new();
    for (n, built) in steps.into_iter().enumerate() {
        let before = out.last().map_or(old, |s: &Step| &s.built);
        let plan = plan(before, &built, allow_replace);
        if plan.has_errors() {
            return Err(Refused::Unsafe(n + 1, plan));
        }
        out.push(Step { built, plan });
    }
    Ok(out)
}

/// The caches whose change must be split, with the part that waits for the second step.
fn held_back(whole: &Plan, old: &Built, new: &Built) -> Vec<(String, Split)> {
    let mut out = Vec::new();
    for change in &whole.changes {
        if change.action != Action::Update
            || change.resource_type != "AWS::ElastiCache::ReplicationGroup"
        {
            continue;
        }
        let before = resource(&old.templates, &change.logical_id);
        let after = resource(&new.templates, &change.logical_id);
        if let (Some(before), Some(after)) = (before, after) {
            for split in splits(before, after) {
                if split.staged() {
                    out.push((change.owner.clone(), split));
                }
            }
        }
    }
    out
}

/// The cache of OLD that NEW's `owner` updates: the same name, or the name it was `moved` from.
fn old_cache<'a>(old: &'a Model, new: &Model, owner: &str) -> Option<&'a Cache> {
    let name = new
        .moves
        .iter()
        .find(|m| m.to.name.value == owner)
        .map_or(owner, |m| m.from.value.as_str());
    old.caches.iter().find(|c| c.name.value == name)
}

/// Gives `cache` (as in NEW) OLD's value of what the split holds back to the second step. The
/// values keep spans in NEW (the attribute's, else the declaration's), so that whatever is said
/// about a step points into the program the user is deploying.
fn hold_back(cache: &mut Cache, old: &Cache, split: Split) {
    let here = cache.span;
    match split {
        // The replicas arrive with failover and Multi-AZ as they were; the flags follow.
        Split::ReplicasFirst => {
            cache.multi_az = held(&old.multi_az, &cache.multi_az, here);
            cache.automatic_failover =
                held(&old.automatic_failover, &cache.automatic_failover, here);
        }
        // The flags go off with the replicas as they were; the replicas go next.
        Split::FlagsFirst => {
            cache.replicas = held(&old.replicas, &cache.replicas, here);
            cache.primary_zone = held(&old.primary_zone, &cache.primary_zone, here);
            cache.replica_zones =
                held(&old.replica_zones, &cache.replica_zones, here).map(|zones| {
                    let span = zones.span;
                    Spanned {
                        value: zones
                            .value
                            .into_iter()
                            .map(|z| Spanned {
                                value: z.value,
                                span,
                            })
                            .collect(),
                        span,
                    }
                });
        }
        // TLS comes on admitting plain connections too; `required` follows.
        Split::Tls => {
            let span = cache
                .transit_mode
                .as_ref()
                .map(|m| m.span)
                .or(cache.transit_encryption.as_ref().map(|t| t.span))
                .unwrap_or(here);
            cache.transit_mode = Some(Spanned::new(TransitMode::Preferred, span));
            // ElastiCache takes no AUTH token with mode preferred: the token comes with required.
            cache.auth_token = held(&old.auth_token, &cache.auth_token, here);
        }
        // The first update goes to compatible, with NEW's parameter group; enabled follows.
        Split::ClusterModeSkip => {
            let span = cache.cluster_mode.as_ref().map_or(here, |m| m.span);
            cache.cluster_mode = Some(Spanned::new(ClusterMode::Compatible, span));
        }
        Split::TlsTooOld
        | Split::CompatibleWithOthers
        | Split::ClusterModeBack
        | Split::ReshardWithOthers => {}
    }
}

/// NEW as the last step deploys it: a cache whose TLS came on in step 1 with mode `preferred` gets
/// `required` written out, since a template that leaves the mode out would leave it `preferred`.
/// `None` when NEW already says everything.
fn settled(new: &Built, held: &[(String, Split)]) -> Option<Model> {
    let mut model = new.model.clone();
    let mut changed = false;
    for (owner, split) in held {
        let Some(cache) = model.caches.iter_mut().find(|c| &c.name.value == owner) else {
            continue;
        };
        if *split == Split::Tls && cache.transit_mode.is_none() {
            let span = cache
                .transit_encryption
                .as_ref()
                .map_or(cache.span, |t| t.span);
            cache.transit_mode = Some(Spanned::new(TransitMode::Required, span));
            changed = true;
        }
    }
    changed.then_some(model)
}

/// OLD's value of an attribute, at NEW's span of it (else at `fallback`).
fn held<T: Clone>(old: &Option<S<T>>, new: &Option<S<T>>, fallback: Span) -> Option<S<T>> {
    old.as_ref().map(|o| Spanned {
        value: o.value.clone(),
        span: new.as_ref().map_or(fallback, |n| n.span),
    })
}

/// The commands that deploy one step from `folder` (as the user typed it), as the README deploys a
/// build: package the root template, then deploy the packaged one. `BUCKET` is the user's.
pub fn commands(built: &Built, folder: &str, step: usize) -> [String; 2] {
    let root = built
        .files
        .first()
        .map_or("stack.yaml", |f| f.name.as_str());
    let packaged = format!("{folder}/step-{step}.packaged.yaml");
    let stack = &built.model.stack.name.value;
    let bucket = built.templates.first().is_some_and(|(_, t)| {
        t.parameters
            .contains_key(crate::emit::layers::ARTIFACT_BUCKET)
    });
    let overrides = if bucket {
        format!(
            " --parameter-overrides {}=BUCKET",
            crate::emit::layers::ARTIFACT_BUCKET
        )
    } else {
        String::new()
    };
    [
        format!(
            "aws cloudformation package --template-file {folder}/step-{step}/{root} --s3-bucket BUCKET --output-template-file {packaged}"
        ),
        format!(
            "aws cloudformation deploy --template-file {packaged} --stack-name {stack} --capabilities CAPABILITY_IAM{overrides}"
        ),
    ]
}
