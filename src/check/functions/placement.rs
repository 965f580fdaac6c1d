//! Where a function runs and how far it scales: the zones of its subnets beside a Multi-AZ cache,
//! and the cap on concurrency a public URL needs. `problem` words what is found.

use std::collections::HashSet;

use super::problem::FunctionProblem;
use crate::aws::quotas::FUNCTION_SUBNETS;
use crate::model::{Function, Model, Ref, UrlAuth};

/// W0420: every subnet of the function in one zone, while a cache it reaches is Multi-AZ: the
/// cache survives the zone's loss by failing over, the function does not. Lambda runs a function
/// in each subnet it is given (Lambda Developer Guide, "Giving Lambda functions access to
/// resources in an Amazon VPC": "we recommend that you choose at least two subnets").
pub fn one_zone<'m>(
    model: &'m Model,
    cache_subnets: &HashSet<usize>,
    function: &'m Function,
    found: &mut Vec<FunctionProblem<'m>>,
) {
    let Some(first) = function.subnet().and_then(|r| model.subnet(r)) else {
        return;
    };
    let zone = &first.zone.value;
    let same_zone = function
        .subnets
        .iter()
        .filter_map(|r| model.subnet(r))
        .all(|s| &s.zone.value == zone);
    if !same_zone {
        return;
    }
    let Some(cache) = function
        .connects
        .iter()
        .filter_map(|r| model.cache(r))
        .find(|c| c.multi_az())
    else {
        return;
    };
    let elsewhere = model
        .network
        .subnets
        .iter()
        .enumerate()
        .find(|(i, s)| &s.zone.value != zone && !cache_subnets.contains(i))
        .map(|(_, s)| s.name.value.as_str());
    found.push(FunctionProblem::OneZone {
        function,
        zone,
        cache,
        elsewhere,
    });
}

/// E0426: more distinct subnets than Lambda's `VpcConfig.SubnetIds` takes; the problem names the
/// first subnet beyond the limit.
pub fn too_many_subnets<'m>(function: &'m Function, found: &mut Vec<FunctionProblem<'m>>) {
    let mut seen = HashSet::new();
    let distinct: Vec<&Ref> = function
        .subnets
        .iter()
        .filter(|r| seen.insert(r.index))
        .collect();
    if let Some(first_over) = distinct.get(FUNCTION_SUBNETS) {
        found.push(FunctionProblem::TooManySubnets {
            function,
            count: distinct.len(),
            first_over,
        });
    }
}

/// The subnets of every cache's subnet group, by index.
pub fn cache_subnets(model: &Model) -> HashSet<usize> {
    model
        .caches
        .iter()
        .flat_map(|c| c.subnets.iter().map(|r| r.index))
        .collect()
}

/// W0423: a public URL and no reserved concurrency: anyone can scale the function up to the
/// account's unreserved concurrency, each instance holding a connection to the cache. Reserved
/// concurrency is the cap AWS offers for a URL (Lambda Developer Guide, "Creating and managing
/// Lambda function URLs", throttling: "set the function's reserved concurrency").
pub fn uncapped_url<'m>(function: &'m Function, found: &mut Vec<FunctionProblem<'m>>) {
    let Some(url) = function.url.as_ref().filter(|u| u.value == UrlAuth::Public) else {
        return;
    };
    if function.reserved_concurrency.is_none() {
        found.push(FunctionProblem::UncappedUrl {
            function,
            url: url.span,
        });
    }
}
