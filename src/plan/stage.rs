//! Staged updates: a change ElastiCache rejects in one update is cut into steps at the model level
//! (NEW with part of the change held back), each built and planned as a single safe update.

use super::diff::Action;
use super::rules::{Split, splits};
use super::{Plan, plan, resource};
use crate::diag::{Diag, Severity, codes};
use crate::emit::node::Node;
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
/// E0707 is resolved only when NEW upgrades the engine (an engine that stays without transit
/// modes never takes TLS in place): [`held_back`] refuses the rest.
const STAGED: [&str; 5] = [
    codes::E0704.id,
    codes::E0705.id,
    codes::E0706.id,
    codes::E0707.id,
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
    let Some(held) = held_back(&whole, old, &new) else {
        return Err(Refused::Plan(whole));
    };
    let held_steps = held.iter().map(|(_, step, _)| step + 1).max().unwrap_or(0);
    let mut steps: Vec<Built> = Vec::new();
    for step in 0..held_steps {
        let mut model = new.model.clone();
        // Later steps' parts first, so that an earlier step's stronger hold has the last word
        // (the upgrade's TLS off over the mode `preferred` that follows it).
        for (owner, _, split) in held.iter().rev().filter(|(_, s, _)| *s >= step) {
            let before = old_cache(&old.model, &new.model, owner);
            let after = model.caches.iter_mut().find(|c| &c.name.value == owner);
            if let (Some(before), Some(after)) = (before, after) {
                hold_back(after, before, *split);
            }
        }
        match crate::rebuild(model, options) {
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

/// The caches whose change must be split, each with the part held back and the last step (from
/// 0) that holds it back; a part held back to step `n` is held back in every step before it too.
/// `None` when a split cannot be staged (TLS on an engine that stays without transit modes).
fn held_back(whole: &Plan, old: &Built, new: &Built) -> Option<Vec<(String, usize, Split)>> {
    let mut out = Vec::new();
    for change in &whole.changes {
        if change.action != Action::Update
            || change.resource_type != "AWS::ElastiCache::ReplicationGroup"
        {
            continue;
        }
        let before = resource(&old.templates, &change.logical_id);
        let after = resource(&new.templates, &change.logical_id);
        let (Some(before), Some(after)) = (before, after) else {
            continue;
        };
        let owner = &change.owner;
        for split in splits(before, after) {
            match split {
                Split::TlsTooOld => return None,
                // The upgrade alone, then TLS through `preferred` unless NEW stops there.
                Split::UpgradeFirst => {
                    out.push((owner.clone(), 0, Split::UpgradeFirst));
                    if !matches!(after.properties.get("TransitEncryptionMode"), Some(Node::Str(m)) if m == "preferred")
                    {
                        out.push((owner.clone(), 1, Split::Tls));
                    }
                }
                split if split.staged() => out.push((owner.clone(), 0, split)),
                _ => {}
            }
        }
    }
    Some(out)
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
        // The engine upgrades with TLS (and the AUTH token) as in OLD.
        Split::UpgradeFirst => {
            cache.transit_encryption =
                held(&old.transit_encryption, &cache.transit_encryption, here);
            cache.transit_mode = held(&old.transit_mode, &cache.transit_mode, here);
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
fn settled(new: &Built, held: &[(String, usize, Split)]) -> Option<Model> {
    let mut model = new.model.clone();
    let mut changed = false;
    for (owner, _, split) in held {
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
    // A Global Datastore's step deploys the primary region here; DEPLOY.md has the secondaries.
    let regions = match (&built.model.stack.region, built.secondaries.is_empty()) {
        (Some(primary), false) => format!(
            " --region {}  # then the secondary regions as {folder}/step-{step}/{} says",
            primary.value,
            crate::emit::DEPLOY_ORDER
        ),
        _ => String::new(),
    };
    [
        format!(
            "aws cloudformation package --template-file {folder}/step-{step}/{root} --s3-bucket BUCKET --output-template-file {packaged}"
        ),
        format!(
            "aws cloudformation deploy --template-file {packaged} --stack-name {stack} --capabilities CAPABILITY_IAM{overrides}{regions}"
        ),
    ]
}
