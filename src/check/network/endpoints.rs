//! VPC endpoints: a known service, gateway only for S3 and DynamoDB, one subnet per zone and each
//! subnet once, and private DNS only where the VPC resolves and names hosts.

use crate::hash::IndexMap;

use super::problem::NetworkProblem;
use super::zones::duplicates;
use crate::aws::services;
use crate::diag::Diag;
use crate::diag::suggest::closest;
use crate::model::{Endpoint, EndpointKind, Model, Ref, S};
use crate::span::Span;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(NetworkProblem::diag));
}

fn find(model: &Model) -> Vec<NetworkProblem<'_>> {
    let mut found = Vec::new();
    // `endpoint ssm, ssmmessages { ... }` declares several endpoints that share one subnet list:
    // the list is checked once per declaration.
    let mut last_declaration: Option<Span> = None;
    for endpoint in &model.network.endpoints {
        service(endpoint, &mut found);
        if last_declaration != Some(endpoint.span) {
            last_declaration = Some(endpoint.span);
            found.extend(duplicates(&endpoint.subnets));
            if endpoint.kind.value == EndpointKind::Interface {
                found.extend(one_per_zone(model, endpoint));
            }
        }
        found.extend(dns(model, endpoint));
    }
    found
}

fn service<'m>(endpoint: &'m Endpoint, found: &mut Vec<NetworkProblem<'m>>) {
    let name = &endpoint.name.value;
    if !services::is_known(name) {
        found.push(NetworkProblem::UnknownService {
            endpoint,
            near: closest(name, services::INTERFACE.iter().copied()),
        });
    }
    if endpoint.kind.value == EndpointKind::Gateway && !services::is_gateway(name) {
        found.push(NetworkProblem::NoGateway { endpoint });
    }
}

/// An interface endpoint places one network interface per zone, so one subnet per zone.
fn one_per_zone<'m>(model: &'m Model, endpoint: &'m Endpoint) -> Option<NetworkProblem<'m>> {
    let mut by_zone: IndexMap<&str, &Ref> = IndexMap::default();
    let mut extra = Vec::new();
    for r in &endpoint.subnets {
        let Some(subnet) = model.subnet(r) else {
            continue;
        };
        match by_zone.get(subnet.zone.value.as_str()) {
            Some(first) if first.index != r.index => {
                extra.push((r, *first, subnet.zone.value.as_str()));
            }
            Some(_) => {}
            None => {
                by_zone.insert(&subnet.zone.value, r);
            }
        }
    }
    let mut extra = extra.into_iter();
    Some(NetworkProblem::SharedZones {
        first: extra.next()?,
        more: extra.collect(),
    })
}

fn dns<'m>(model: &'m Model, endpoint: &'m Endpoint) -> Option<NetworkProblem<'m>> {
    let net = &model.network;
    if !endpoint.private_dns() || (net.dns_support() && net.dns_hostnames()) {
        return None;
    }
    let off: Vec<(&'static str, &S<bool>)> = [
        ("dns_support", &net.dns_support),
        ("dns_hostnames", &net.dns_hostnames),
    ]
    .into_iter()
    .filter_map(|(key, attr)| attr.as_ref().filter(|a| !a.value).map(|a| (key, a)))
    .collect();
    Some(NetworkProblem::PrivateDns { endpoint, off })
}
