//! Clients and their routes: subnets cachec creates are private, so clients reach AWS services
//! through endpoints with private DNS, or the paths an existing network `provides`.

mod problem;

use crate::hash::{HashMap, HashSet};

use problem::{ClientProblem, S3Route};

use crate::diag::Diag;
use crate::model::{Endpoint, EndpointKind, EnvValue, Function, Instance, Model, Network, Ref};

/// The interface endpoints the SSM agent talks to.
const SESSION_MANAGER: &[&str] = &["ssm", "ssmmessages", "ec2messages"];

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(ClientProblem::diag));
}

fn find(model: &Model) -> Vec<ClientProblem<'_>> {
    let mut found = Vec::new();
    let served: HashSet<(&str, usize)> = model
        .network
        .endpoints
        .iter()
        .flat_map(|e| e.subnets.iter().map(|s| (e.name.value.as_str(), s.index)))
        .collect();
    let endpoints = model
        .network
        .endpoints
        .iter()
        .map(|e| (e.name.value.as_str(), e))
        .collect();
    let routes = Routes {
        served,
        endpoints,
        network: &model.network,
    };
    for instance in &model.instances {
        found.extend(routes.session_manager(instance));
        found.extend(routes.session_manager_dns(instance));
        found.extend(routes.package_repositories(instance));
    }
    let suggestion = suggested_subnet(model);
    for function in &model.functions {
        found.extend(subnet_for_caches(function, suggestion));
        found.extend(reads_without_connects(model, function));
    }
    found
}

struct Routes<'m> {
    /// (endpoint name, subnet index) for every subnet an endpoint lists.
    served: HashSet<(&'m str, usize)>,
    endpoints: HashMap<&'m str, &'m Endpoint>,
    /// What an existing network states it provides.
    network: &'m Network,
}

impl<'m> Routes<'m> {
    fn endpoint(&self, name: &str) -> Option<&'m Endpoint> {
        self.endpoints.get(name).copied()
    }

    fn serves(&self, name: &str, subnet: &Ref) -> bool {
        self.served.contains(&(name, subnet.index))
    }

    fn session_manager(&self, instance: &'m Instance) -> Option<ClientProblem<'m>> {
        let flag = instance.session_manager.as_ref().filter(|b| b.value)?;
        let lacking: Vec<&'static str> = SESSION_MANAGER
            .iter()
            .copied()
            .filter(|s| !self.serves(s, &instance.subnet) && !self.network.provides(s))
            .collect();
        if lacking.is_empty() {
            return None;
        }
        let elsewhere = lacking.iter().filter_map(|s| self.endpoint(s)).collect();
        let absent = lacking
            .iter()
            .copied()
            .filter(|s| self.endpoint(s).is_none())
            .collect();
        Some(ClientProblem::SessionManager {
            instance,
            flag: flag.span,
            lacking,
            elsewhere,
            absent,
            existing: self.network.is_existing(),
        })
    }

    /// The agent reaches the services by their public names: an endpoint answers them only with
    /// private DNS on. Source: Systems Manager User Guide, "Improve the security of EC2 instances
    /// by using VPC endpoints for Systems Manager" (private DNS names for the endpoints).
    fn session_manager_dns(&self, instance: &'m Instance) -> Option<ClientProblem<'m>> {
        let flag = instance.session_manager.as_ref().filter(|b| b.value)?;
        let endpoints: Vec<&Endpoint> = SESSION_MANAGER
            .iter()
            .filter(|s| self.serves(s, &instance.subnet) && !self.network.provides(s))
            .filter_map(|s| self.endpoint(s))
            .filter(|e| e.kind.value == EndpointKind::Interface && !e.private_dns())
            .collect();
        if endpoints.is_empty() {
            return None;
        }
        Some(ClientProblem::NoPrivateDns {
            instance,
            flag: flag.span,
            endpoints,
        })
    }

    fn package_repositories(&self, instance: &'m Instance) -> Option<ClientProblem<'m>> {
        let (first, last) = (instance.packages.first()?, instance.packages.last()?);
        if self.network.provides("s3") {
            return None;
        }
        let s3 = match self.endpoint("s3") {
            None => S3Route::Absent,
            Some(e) if e.kind.value != EndpointKind::Gateway => S3Route::Interface(e),
            Some(_) if self.serves("s3", &instance.subnet) => return None,
            Some(e) => S3Route::OtherSubnets(e),
        };
        Some(ClientProblem::NoRouteToS3 {
            instance,
            packages: first.span.to(last.span),
            s3,
            existing: self.network.is_existing(),
        })
    }
}

/// A function reaches a cache only from inside the VPC, through a VpcConfig.
fn subnet_for_caches<'m>(
    function: &'m Function,
    suggestion: Option<&'m str>,
) -> Option<ClientProblem<'m>> {
    if function.subnet().is_some() {
        return None;
    }
    Some(ClientProblem::OutsideVpc {
        function,
        first: function
            .connects
            .first()
            .or(function.connects_serverless.first())?,
        suggestion,
    })
}

/// A subnet other functions already run in, else one that no cache uses, else any.
fn suggested_subnet(model: &Model) -> Option<&str> {
    let in_use = model
        .functions
        .iter()
        .find_map(|f| f.subnet())
        .and_then(|r| model.subnet(r));
    let cache_subnets: HashSet<usize> = model
        .caches
        .iter()
        .flat_map(|c| c.subnets.iter().map(|r| r.index))
        .chain(
            model
                .serverless
                .iter()
                .flat_map(|c| c.subnets.iter().map(|r| r.index)),
        )
        .collect();
    let free = model
        .network
        .subnets
        .iter()
        .enumerate()
        .find(|(i, _)| !cache_subnets.contains(i))
        .map(|(_, s)| s);
    in_use
        .or(free)
        .or(model.network.subnets.first())
        .map(|s| s.name.value.as_str())
}

/// Reading an address of a cache is a sign of talking to it; the security group admits only the
/// clients listed in `connects`. One finding per function, with the first read of each cache it
/// does not connect to.
fn reads_without_connects<'m>(
    model: &'m Model,
    function: &'m Function,
) -> Option<ClientProblem<'m>> {
    // A cache is its kind and its index: replication groups and serverless caches count apart.
    let connected: HashSet<(bool, usize)> = function
        .connects
        .iter()
        .map(|r| (false, r.index))
        .chain(function.connects_serverless.iter().map(|r| (true, r.index)))
        .collect();
    let mut reported: HashSet<(bool, usize)> = HashSet::default();
    let mut reads = function.environment.iter().filter_map(|var| {
        let (cache, serverless, declared) = match &var.value.value {
            EnvValue::Cache { cache, .. } => {
                (cache, false, model.cache(cache).map(|c| c.name.span))
            }
            EnvValue::Serverless { cache, .. } => (
                cache,
                true,
                model.serverless_cache(cache).map(|c| c.name.span),
            ),
            EnvValue::Text(_) => return None,
        };
        let key = (serverless, cache.index);
        (!connected.contains(&key) && reported.insert(key))
            .then(|| (cache, var.value.span, declared.unwrap_or_default()))
    });
    Some(ClientProblem::ReadsWithoutConnects {
        function,
        first: reads.next()?,
        more: reads.collect(),
    })
}
