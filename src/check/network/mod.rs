//! Network rules: CIDR blocks and their sizes, subnets inside the VPC without overlaps, zone
//! letters against the region, subnet lists, and VPC endpoints. Each part has its own file.

mod cidr;
mod endpoints;
mod problem;
mod subnets;
mod zones;

use crate::diag::Diag;
use crate::model::Model;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    subnets::check(model, out);
    zones::check(model, out);
    endpoints::check(model, out);
}
