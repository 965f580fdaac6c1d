//! Check: the rules AWS enforces and the mistakes people make, as diagnostics on the model.
//! One file per rule family; every rule reports and goes on, so one run shows every mistake.

mod access;
mod aws_names;
mod backup;
mod cache;
mod clients;
mod cluster;
mod encryption;
mod environment;
mod functions;
mod global;
mod instances;
mod layers;
mod logical_ids;
mod monitoring;
mod network;
mod parameters;
mod prose;
mod scaling;
mod security;
mod serverless;
mod share;
mod tags;

use crate::date::Date;
use crate::diag::Diag;
use crate::model::Model;

/// What the rules need besides the model.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// The day lifecycle dates are compared against (`--as-of`, else today).
    pub today: Date,
}

pub fn check(model: &Model, cx: &Context) -> Vec<Diag> {
    let mut out = Vec::new();
    cache::check(model, cx, &mut out);
    cluster::check(model, &mut out);
    backup::check(model, &mut out);
    encryption::check(model, &mut out);
    parameters::check(model, &mut out);
    monitoring::check(model, &mut out);
    network::check(model, &mut out);
    clients::check(model, &mut out);
    instances::check(model, cx, &mut out);
    functions::check(model, cx, &mut out);
    layers::check(model, cx, &mut out);
    security::check(model, &mut out);
    tags::check(model, &mut out);
    share::check(model, &mut out);
    access::check(model, &mut out);
    serverless::check(model, &mut out);
    global::check(model, &mut out);
    scaling::check(model, &mut out);
    logical_ids::check(model, &mut out);
    out
}
