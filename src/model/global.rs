//! Global Datastore in the model: the secondary regions a program names, and the model each
//! secondary region's template set is emitted (and drawn) from.

use super::{Model, Network, RefOrStr};
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
    // Only what the secondary keeps is cloned: a copy of the whole model, emptied afterwards,
    // cost more than the secondary's emission itself (twelve regions on a 1,000-cache program).
    let caches: Vec<_> = model
        .caches
        .iter()
        .filter(|c| {
            c.global
                .as_ref()
                .is_some_and(|g| g.regions.value.iter().any(|r| r.value == region))
        })
        .map(|c| {
            let mut c = c.clone();
            c.logs.clear();
            c.alarms = None;
            c.notifications = None;
            c.user_group = None;
            c.parameter_group = None;
            c.autoscaling = None;
            c
        })
        .collect();
    let used: Vec<&str> = caches
        .iter()
        .filter_map(|c| match &c.kms_key {
            Some(RefOrStr::Declared(k)) => Some(k.name.value.as_str()),
            _ => None,
        })
        .collect();
    let kms_keys = model
        .kms_keys
        .iter()
        .filter(|k| used.contains(&k.name.value.as_str()))
        .cloned()
        .collect();
    let mut stack = model.stack.clone();
    stack.region = Some(Spanned::new(region.to_string(), model.stack.name.span));
    Model {
        stack,
        network: Network {
            endpoints: Vec::new(),
            ..model.network.clone()
        },
        kms_keys,
        damage: model.damage.clone(),
        caches,
        ..Model::default()
    }
}
