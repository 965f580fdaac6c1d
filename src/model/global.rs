//! Global Datastore in the model: the secondary regions a program names, and the model each
//! secondary region's template set is emitted (and drawn) from.

use super::{Model, RefOrStr};
use crate::span::Spanned;

/// The secondary regions of the program, in the order first named.
pub fn secondary_regions(model: &Model) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for g in model.caches.iter().filter_map(|c| c.global.as_ref()) {
        for r in &g.regions.value {
            if !out.contains(&r.value) {
                out.push(r.value.clone());
            }
        }
    }
    out
}

/// The model a secondary region's template set is emitted from: the network (without endpoints,
/// which serve clients) and the groups replicated to `region`, without clients, layers, or what
/// a member inherits from the datastore or keeps regional (parameter groups, users, topics, logs
/// and alarms).
pub fn secondary_model(model: &Model, region: &str) -> Model {
    let mut m = model.clone();
    m.stack.region = Some(Spanned::new(region.to_string(), model.stack.name.span));
    m.network.endpoints.clear();
    m.layers.clear();
    m.instances.clear();
    m.functions.clear();
    m.moves.clear();
    m.parameter_groups.clear();
    m.users.clear();
    m.user_groups.clear();
    m.topics.clear();
    m.serverless.clear();
    m.caches.retain(|c| {
        c.global
            .as_ref()
            .is_some_and(|g| g.regions.value.iter().any(|r| r.value == region))
    });
    for c in &mut m.caches {
        c.logs.clear();
        c.alarms = None;
        c.notifications = None;
        c.user_group = None;
        c.parameter_group = None;
        c.autoscaling = None;
    }
    let used: Vec<&str> = m
        .caches
        .iter()
        .filter_map(|c| match &c.kms_key {
            Some(RefOrStr::Declared(k)) => Some(k.name.value.as_str()),
            _ => None,
        })
        .collect();
    let keys: Vec<_> = m
        .kms_keys
        .iter()
        .filter(|k| used.contains(&k.name.value.as_str()))
        .cloned()
        .collect();
    m.kms_keys = keys;
    m
}
