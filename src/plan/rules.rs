//! The safety rules of an update: stateful resources lost, replacements CloudFormation cannot make,
//! and changes ElastiCache rejects in one update, each as a coded diagnostic that names the steps.

use super::diff::{Action, Change};
use super::{Finding, Side, resource, table};
use crate::Built;
use crate::aws::engines;
use crate::diag::{Diag, codes};
use crate::emit::node::{Node, Resource};
use crate::span::Span;

/// Every finding of the plan, in the order of the changes.
pub fn check(
    changes: &[Change],
    old: &Built,
    new: &Built,
    allow_replace: &[String],
) -> Vec<Finding> {
    let mut out = Vec::new();
    let allowed = |owner: &str| allow_replace.iter().any(|a| a == owner);
    for change in changes {
        let Some(ty) = table::lookup(change.resource_type) else {
            continue;
        };
        match change.action {
            // A retained resource leaves the stack but keeps running, with its data.
            Action::Remove
                if ty.stateful
                    && !allowed(&change.owner)
                    && resource(&old.templates, &change.logical_id)
                        .is_none_or(|r| r.policy != Some("Retain")) =>
            {
                out.push(Finding {
                    side: Side::Old,
                    diag: removed(change),
                });
            }
            Action::Replace => {
                let before = resource(&old.templates, &change.logical_id);
                let after = resource(&new.templates, &change.logical_id);
                if let Some(name) = ty.name.and_then(|n| fixed_name(n, before, after)) {
                    out.push(new_side(custom_named(change, &name)));
                } else if ty.stateful && !allowed(&change.owner) {
                    out.push(new_side(replaced(change)));
                }
            }
            Action::Update if change.resource_type == "AWS::ElastiCache::ReplicationGroup" => {
                let before = resource(&old.templates, &change.logical_id);
                let after = resource(&new.templates, &change.logical_id);
                if let (Some(before), Some(after)) = (before, after) {
                    out.extend(
                        replication_group(change, before, after)
                            .into_iter()
                            .map(new_side),
                    );
                }
            }
            _ => {}
        }
    }
    out.extend(vpc_moves(changes).into_iter().map(new_side));
    if !changes.is_empty() {
        out.extend(ami_lookups(changes, new).into_iter().map(new_side));
    }
    out
}

/// A replication group kept in place while its security group is replaced for another VPC: its
/// nodes keep their network interfaces in the old VPC's subnets, so ElastiCache rejects the new
/// groups and subnets, and the old VPC cannot be deleted under them. Moving takes a new group.
fn vpc_moves(changes: &[Change]) -> Vec<Diag> {
    let moved = |owner: &str| {
        changes.iter().find(|c| {
            c.resource_type == "AWS::EC2::SecurityGroup"
                && c.action == Action::Replace
                && c.owner == owner
                && c.property("VpcId").is_some()
        })
    };
    changes
        .iter()
        .filter(|c| {
            c.resource_type == "AWS::ElastiCache::ReplicationGroup" && c.action == Action::Update
        })
        .filter_map(|c| Some((c, moved(&c.owner)?)))
        .map(|(cache, group)| {
            Diag::new(
                codes::E0228,
                cache.span,
                format!(
                    "`{}` would move to another VPC in place, which ElastiCache cannot do: its \
                     nodes stay in the subnets they were created in",
                    cache.owner
                ),
                format!("kept in place while `{}` is replaced", group.logical_id),
            )
            .help(format!(
                "create the cache anew in the new network: give it a new name (a new replication \
                 group) and pass `--allow-replace {0}` once its data is copied or may be lost; or \
                 keep `{0}`'s network as it was",
                cache.owner
            ))
        })
        .collect()
}

fn new_side(diag: Diag) -> Finding {
    Finding {
        side: Side::New,
        diag,
    }
}

/// The name both sides give the resource, when they give the same one.
fn fixed_name(
    property: &str,
    before: Option<&Resource>,
    after: Option<&Resource>,
) -> Option<String> {
    let was = before?.properties.get(property)?;
    let is = after?.properties.get(property)?;
    match (was, is) {
        (Node::Str(a), Node::Str(b)) if a == b => Some(b.clone()),
        _ => None,
    }
}

fn causes(change: &Change) -> String {
    let names: Vec<&str> = change
        .properties
        .iter()
        .filter(|p| p.interruption == super::Interruption::Replacement)
        .map(|p| p.name.as_str())
        .collect();
    names.join(", ")
}

fn removed(change: &Change) -> Diag {
    Diag::new(
        codes::E0701,
        change.span,
        format!(
            "the update deletes {} `{}` of `{}`, and the data in it",
            change.resource_type, change.logical_id, change.owner
        ),
        "removed in the new program",
    )
    // `moved` renames replication groups only.
    .help(if change.resource_type == "AWS::ElastiCache::ReplicationGroup" {
        format!(
            "keep the declaration (a rename keeps its resources with `moved {{ from = {0}  to = NEW_NAME }}`), or pass `--allow-replace {0}` if its data may be lost",
            change.owner
        )
    } else {
        format!(
            "keep the declaration, or pass `--allow-replace {}` if its data may be lost",
            change.owner
        )
    })
}

fn replaced(change: &Change) -> Diag {
    Diag::new(
        codes::E0702,
        change.span,
        format!(
            "the update replaces {} `{}` of `{}`: a new empty one is created and the old one deleted with its data",
            change.resource_type,
            change.logical_id,
            change.owner
        ),
        format!("forces replacement ({})", causes(change)),
    )
    .help(format!(
        "keep the old value, or pass `--allow-replace {}` if the data may be lost",
        change.owner
    ))
}

fn custom_named(change: &Change, name: &str) -> Diag {
    Diag::new(
        codes::E0703,
        change.span,
        format!(
            "CloudFormation cannot replace {} `{}`: it has the fixed name `{name}`, which the new one would need while the old one still exists",
            change.resource_type, change.logical_id
        ),
        format!("forces replacement ({})", causes(change)),
    )
    .help(format!(
        "keep the old value; or rename `{0}` so that a new resource with a new name is created and the old one removed, passing `--allow-replace {0}`",
        change.owner
    ))
}

fn boolean(r: &Resource, property: &str) -> bool {
    matches!(r.properties.get(property), Some(Node::Bool(true)))
}

fn int(r: &Resource, property: &str) -> i64 {
    match r.properties.get(property) {
        Some(Node::Int(n)) => *n,
        _ => 0,
    }
}

fn text<'a>(r: &'a Resource, property: &str) -> &'a str {
    match r.properties.get(property) {
        Some(Node::Str(s)) => s,
        _ => "",
    }
}

/// The span of a changed property, else of the change.
fn at(change: &Change, property: &str) -> Span {
    change
        .property(property)
        .and_then(|p| p.span)
        .unwrap_or(change.span)
}

/// A change of one replication group that ElastiCache rejects when made in one update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// The first replica with failover or Multi-AZ: the replicas go first (E0704).
    ReplicasFirst,
    /// Multi-AZ or failover off while removing replicas: the flags go first (E0705).
    FlagsFirst,
    /// TLS turned on in place straight to mode `required`: mode `preferred` goes first (E0706).
    Tls,
    /// TLS turned on in place on an engine without transit modes (E0707): no steps help.
    TlsTooOld,
    /// TLS turned on in the update that upgrades the engine to a version with transit modes
    /// (E0707): the upgrade goes first with TLS as it was, then TLS as for [`Split::Tls`].
    UpgradeFirst,
    /// Cluster mode from disabled straight to enabled: `compatible` goes first (E0720).
    ClusterModeSkip,
    /// Cluster mode compatible together with other changes but the parameter group (E0721).
    CompatibleWithOthers,
    /// Cluster mode turned back towards disabled, which ElastiCache cannot do (E0722).
    ClusterModeBack,
    /// Shards changed together with anything else (E0723).
    ReshardWithOthers,
}

impl Split {
    /// Whether `cachec plan --stage` resolves it by writing the steps.
    pub fn staged(self) -> bool {
        matches!(
            self,
            Split::ReplicasFirst
                | Split::FlagsFirst
                | Split::Tls
                | Split::UpgradeFirst
                | Split::ClusterModeSkip
        )
    }
}

/// Cluster mode as the template sets it: left out, it is disabled.
fn cluster_mode(r: &Resource) -> &str {
    match text(r, "ClusterMode") {
        "" => "disabled",
        mode => mode,
    }
}

/// How far a mode is along the one-way road disabled -> compatible -> enabled.
fn cluster_rank(mode: &str) -> u8 {
    match mode {
        "enabled" => 2,
        "compatible" => 1,
        _ => 0,
    }
}

/// The properties whose value differs between the two.
fn changed<'a>(before: &'a Resource, after: &'a Resource) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for key in before.properties.keys().chain(after.properties.keys()) {
        if before.properties.get(key) != after.properties.get(key) && !out.contains(&key.as_str()) {
            out.push(key);
        }
    }
    out
}

/// The cluster mode rules. Sources: ElastiCache "Modifying cluster mode"
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/modify-cluster-mode.html: "a two-step
/// procedure", compatible first; "In compatible mode, other modification operations such as
/// scaling and engine version are not allowed ... you cannot modify parameters, excluding
/// cacheParameterGroupName"; "Reverting this configuration is not possible"); CloudFormation
/// "UpdatePolicy attribute", UseOnlineResharding (resharding should be the only change of its
/// update: node group changes are not rolled back).
fn cluster_splits(before: &Resource, after: &Resource, out: &mut Vec<Split>) {
    let (was, is) = (cluster_mode(before), cluster_mode(after));
    let others = |allowed: &[&str]| {
        changed(before, after)
            .into_iter()
            .any(|p| !allowed.contains(&p))
    };
    if cluster_rank(is) < cluster_rank(was) {
        out.push(Split::ClusterModeBack);
    } else if was == "disabled" && is == "enabled" {
        out.push(Split::ClusterModeSkip);
    } else if was != "compatible"
        && is == "compatible"
        && others(&["ClusterMode", "CacheParameterGroupName"])
    {
        out.push(Split::CompatibleWithOthers);
    }
    let reshard = ["NumNodeGroups", "NodeGroupConfiguration"];
    let resharded = reshard
        .iter()
        .any(|p| before.properties.get(*p) != after.properties.get(*p));
    if resharded && before.properties.contains_key("NumNodeGroups") && others(&reshard) {
        out.push(Split::ReshardWithOthers);
    }
}

/// The changes from `before` to `after` that ElastiCache rejects in one update.
pub fn splits(before: &Resource, after: &Resource) -> Vec<Split> {
    let mut out = Vec::new();
    let nodes = (
        int(before, "NumCacheClusters"),
        int(after, "NumCacheClusters"),
    );
    let failover_on =
        |r: &Resource| boolean(r, "AutomaticFailoverEnabled") || boolean(r, "MultiAZEnabled");
    if nodes.0 < 2 && nodes.1 >= 2 && !failover_on(before) && failover_on(after) {
        out.push(Split::ReplicasFirst);
    }
    if nodes.1 < nodes.0 && failover_on(before) && !failover_on(after) {
        out.push(Split::FlagsFirst);
    }
    if !boolean(before, "TransitEncryptionEnabled") && boolean(after, "TransitEncryptionEnabled") {
        // ElastiCache judges the version the group runs when TLS is turned on, so an upgrade in
        // the same update does not help: it must be deployed first.
        let now = engines::has_transit_mode(text(before, "Engine"), text(before, "EngineVersion"));
        match (
            now,
            engines::has_transit_mode(text(after, "Engine"), text(after, "EngineVersion")),
        ) {
            (_, Some(false)) => out.push(Split::TlsTooOld),
            (Some(false), _) => out.push(Split::UpgradeFirst),
            _ if text(after, "TransitEncryptionMode") == "preferred" => {}
            _ => out.push(Split::Tls),
        }
    }
    cluster_splits(before, after, &mut out);
    out
}

/// The diagnostics of [`splits`], each naming its steps.
fn replication_group(change: &Change, before: &Resource, after: &Resource) -> Vec<Diag> {
    let owner = &change.owner;
    splits(before, after)
        .into_iter()
        .map(|split| match split {
            Split::ReplicasFirst => Diag::new(
                codes::E0704,
                at(change, "AutomaticFailoverEnabled"),
                format!("`{owner}` gets its first replica and automatic failover in one update, which ElastiCache rejects"),
                "failover turned on here",
            )
            .with_label(at(change, "NumCacheClusters"), "the first replica is added here")
            .help("deploy in two updates: first the replicas with failover and Multi-AZ still off, then turn them on (`cachec plan --stage DIR` writes both)"),
            Split::FlagsFirst => Diag::new(
                codes::E0705,
                at(change, "MultiAZEnabled"),
                format!("`{owner}` turns Multi-AZ or failover off and removes replicas in one update, which ElastiCache rejects"),
                "Multi-AZ and failover turned off here",
            )
            .with_label(at(change, "NumCacheClusters"), "replicas removed here")
            .help("deploy in two updates: first turn Multi-AZ and failover off, then remove the replicas (`cachec plan --stage DIR` writes both)"),
            Split::Tls => tls(change),
            Split::TlsTooOld => tls_too_old(change, text(after, "Engine"), text(after, "EngineVersion")),
            Split::UpgradeFirst => upgrade_first(change, before, after),
            Split::ClusterModeSkip => Diag::new(
                codes::E0720,
                at(change, "ClusterMode"),
                format!("`{owner}` goes from cluster mode disabled straight to enabled, which ElastiCache does in two updates"),
                "cluster mode enabled here",
            )
            .help("deploy in two updates: first `cluster_mode = compatible` with a parameter group that sets cluster-enabled (clients move to the configuration endpoint and a cluster client), then `cluster_mode = enabled` (`cachec plan --stage DIR` writes both)"),
            Split::CompatibleWithOthers => {
                let others: Vec<&str> = changed(before, after)
                    .into_iter()
                    .filter(|p| !["ClusterMode", "CacheParameterGroupName"].contains(p))
                    .collect();
                let mut d = Diag::new(
                    codes::E0721,
                    at(change, "ClusterMode"),
                    format!("`{owner}` moves to cluster mode compatible and changes {} in the same update, which ElastiCache rejects", others.join(", ")),
                    "cluster mode compatible here",
                );
                if let Some(first) = others.first() {
                    d = d.with_label(at(change, first), "changed in the same update");
                }
                d.help("deploy in two updates: first only `cluster_mode = compatible` (and its parameter group), then the other changes")
            }
            Split::ClusterModeBack => Diag::new(
                codes::E0722,
                at(change, "ClusterMode"),
                format!(
                    "`{owner}` goes from cluster mode {} back to {}, which ElastiCache cannot do",
                    cluster_mode(before),
                    cluster_mode(after)
                ),
                "cluster mode turned back here",
            )
            .help(format!("keep `cluster_mode = {}`; a group with cluster mode disabled is a new group (a new name, the data moved over)", cluster_mode(before))),
            Split::ReshardWithOthers => {
                let others: Vec<&str> = changed(before, after)
                    .into_iter()
                    .filter(|p| !["NumNodeGroups", "NodeGroupConfiguration"].contains(p))
                    .collect();
                let shards = if change.property("NumNodeGroups").is_some() { "NumNodeGroups" } else { "NodeGroupConfiguration" };
                let mut d = Diag::new(
                    codes::E0723,
                    at(change, shards),
                    format!("`{owner}` changes its shards and {} in one update: a failed update does not roll the shards back", others.join(", ")),
                    "shards changed here",
                );
                if let Some(first) = others.first() {
                    d = d.with_label(at(change, first), "changed in the same update");
                }
                d.help("deploy in two updates: first the shards alone, then the other changes")
            }
        })
        .collect()
}

/// Turning TLS on in place: two updates through transit mode `preferred`.
fn tls(change: &Change) -> Diag {
    let owner = &change.owner;
    Diag::new(
        codes::E0706,
        at(change, "TransitEncryptionEnabled"),
        format!("`{owner}` turns in-transit encryption on in place, which takes two updates: clients still connecting without TLS would be cut off"),
        "TLS turned on here",
    )
    .help("deploy in two updates: first TLS with transit_mode = preferred (both kinds of connection), move every client to TLS, then transit_mode = required (`cachec plan --stage DIR` writes both)")
}

/// Turning TLS on in place where the engine has no transit modes (before Redis OSS 7.0 and
/// Valkey 7.2, `engines::TRANSIT_MODE_SINCE`): impossible.
fn tls_too_old(change: &Change, engine: &str, version: &str) -> Diag {
    let owner = &change.owner;
    Diag::new(
        codes::E0707,
        at(change, "TransitEncryptionEnabled"),
        format!("`{owner}` runs {engine} {version}, on which ElastiCache cannot turn in-transit encryption on in place"),
        "TLS turned on here",
    )
    .help("upgrade the engine first (Redis OSS 7.0 or later, Valkey 7.2 or later) in its own update, then turn TLS on; or create a new cache with TLS and move the data")
}

/// Turning TLS on in the update that upgrades the engine to a version with transit modes: the
/// upgrade deploys first, then TLS through mode `preferred`.
fn upgrade_first(change: &Change, before: &Resource, after: &Resource) -> Diag {
    let owner = &change.owner;
    let (engine, from, to) = (
        text(before, "Engine"),
        text(before, "EngineVersion"),
        text(after, "EngineVersion"),
    );
    Diag::new(
        codes::E0707,
        at(change, "TransitEncryptionEnabled"),
        format!("`{owner}` turns in-transit encryption on in the update that upgrades it from {engine} {from} to {to}: ElastiCache turns TLS on in place only on a group that already runs a version with transit modes"),
        "TLS turned on here",
    )
    .with_label(at(change, "EngineVersion"), "the engine is upgraded here")
    .help("deploy in steps: first the upgrade with TLS still off, then TLS with transit_mode = preferred, then required (`cachec plan --stage DIR` writes them)")
}

/// Instances whose AMI comes from a public SSM parameter: any stack update reads it again, and a
/// newer AMI replaces the instance. One warning per plan, at the first such instance, naming all.
fn ami_lookups(changes: &[Change], new: &Built) -> Vec<Diag> {
    let replaced: crate::hash::HashSet<&str> = changes
        .iter()
        .filter(|c| c.action != Action::Update)
        .map(|c| c.logical_id.as_str())
        .collect();
    let mut found: Vec<(&str, Span)> = Vec::new();
    for (_, template) in &new.templates {
        for (id, r) in &template.resources {
            if r.ty != "AWS::EC2::Instance" || replaced.contains(id.as_str()) {
                continue;
            }
            let Some(Node::Ref(parameter)) = r.properties.get("ImageId") else {
                continue;
            };
            let looked_up = template
                .parameters
                .get(parameter)
                .is_some_and(|p| p.ty.starts_with("AWS::SSM::Parameter::Value"));
            if let (true, Some(traced)) = (looked_up, new.map.resources.get(id)) {
                let span = traced
                    .properties
                    .get("ImageId")
                    .copied()
                    .unwrap_or(traced.span);
                found.push((traced.owner.as_str(), span));
            }
        }
    }
    let Some((first, span)) = found.first().copied() else {
        return Vec::new();
    };
    let who = match found.len() {
        1 => format!("`{first}`"),
        n => format!("`{first}` and {} other instance(s)", n - 1),
    };
    vec![
        Diag::new(
            codes::W0701,
            span,
            format!("the update reads the AMI of {who} again from its SSM parameter: if a newer AMI was published since the last deploy, the instance is replaced"),
            "the latest AMI, looked up at every update",
        )
        .help("expect a fresh instance after this update (its boot script runs again), anything kept only on the instance lost; pin the image with `ami` to keep the instance"),
    ]
}
