//! Replication group rules: engine and version, parameter group, node type, replicas and zones,
//! and the group's own settings (id, port, AUTH token, backups). Each part has its own file.

mod engine;
mod nodes;
mod settings;
mod topology;

use super::Context;
use crate::diag::Diag;
use crate::model::Model;

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    for cache in &model.caches {
        engine::check(cache, cx, out);
        nodes::check(cache, out);
        topology::check(model, cache, out);
        settings::check(model, cache, out);
    }
    settings::unique_ids(model, out);
}
