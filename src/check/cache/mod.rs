//! Replication group rules: engine and version, parameter group, node type, replicas and zones,
//! and the group's own settings (id, port, AUTH token, backups). The wording is in `problem`.

mod engine;
mod nodes;
mod problem;
mod settings;
mod topology;

use problem::CacheProblem;

use super::Context;
use crate::diag::Diag;
use crate::model::Model;

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    out.extend(find(model, cx).iter().map(CacheProblem::diag));
}

fn find<'m>(model: &'m Model, cx: &Context) -> Vec<CacheProblem<'m>> {
    let mut found = Vec::new();
    for cache in &model.caches {
        engine::check(model, cache, cx, &mut found);
        nodes::check(model, cache, &mut found);
        topology::check(model, cache, &mut found);
        settings::check(model, cache, &mut found);
    }
    settings::unique_ids(model, &mut found);
    found
}
