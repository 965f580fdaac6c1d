//! Network rules: CIDR blocks and their sizes, subnets inside the VPC without overlaps, zone
//! letters against the region, subnet lists, VPC endpoints, existing networks. One file each.

mod cidr;
mod endpoints;
mod existing;
mod existing_problem;
mod problem;
mod subnets;
mod zones;

use crate::diag::Diag;
use crate::model::Model;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    subnets::check(model, out);
    zones::check(model, out);
    endpoints::check(model, out);
    existing::check(model, out);
}
