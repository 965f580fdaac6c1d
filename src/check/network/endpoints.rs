//! VPC endpoints: a known service, gateway only for S3 and DynamoDB, one subnet per zone and each
//! subnet once, and private DNS only where the VPC resolves and names hosts.

use indexmap::IndexMap;

use super::zones::duplicates;
use crate::aws::services;
use crate::diag::suggest::closest;
use crate::diag::{Diag, codes};
use crate::model::{Endpoint, EndpointKind, Model, Ref, S};
use crate::span::Span;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    // `endpoint ssm, ssmmessages { ... }` declares several endpoints that share one subnet list:
    // the list is checked once per declaration.
    let mut last_declaration: Option<Span> = None;
    for endpoint in &model.network.endpoints {
        service(endpoint, out);
        if last_declaration != Some(endpoint.span) {
            last_declaration = Some(endpoint.span);
            duplicates(&endpoint.subnets, out);
            if endpoint.kind.value == EndpointKind::Interface {
                one_per_zone(model, endpoint, out);
            }
        }
        dns(model, endpoint, out);
    }
}

fn service(endpoint: &Endpoint, out: &mut Vec<Diag>) {
    let name = &endpoint.name;
    if !services::is_known(&name.value) {
        let known = services::INTERFACE.iter().copied();
        let help = match closest(&name.value, known) {
            Some(c) => format!("did you mean `{c}`?"),
            None => "check the service's short name in com.amazonaws.<region>.<name>; if it is \
                     right, allow this warning with --allow W0202"
                .into(),
        };
        out.push(
            Diag::new(
                codes::W0202,
                name.span,
                format!(
                    "`{}` is not a VPC endpoint service cachec knows",
                    name.value
                ),
                "unknown service",
            )
            .help(help),
        );
    }
    if endpoint.kind.value == EndpointKind::Gateway && !services::is_gateway(&name.value) {
        out.push(
            Diag::new(
                codes::E0212,
                endpoint.kind.span,
                format!("`{}` has no gateway endpoint", name.value),
                "gateway endpoint",
            )
            .with_label(name.span, "this service")
            .help("write kind = interface: only s3 and dynamodb have gateway endpoints"),
        );
    }
}

/// An interface endpoint places one network interface per zone, so one subnet per zone. Every
/// extra subnet of the list is a label of one diagnostic, at the first.
fn one_per_zone(model: &Model, endpoint: &Endpoint, out: &mut Vec<Diag>) {
    let mut by_zone: IndexMap<&str, &Ref> = IndexMap::new();
    let mut extra: Vec<(&Ref, &Ref, &str)> = Vec::new();
    for r in &endpoint.subnets {
        let Some(subnet) = model.subnet(r) else {
            continue;
        };
        match by_zone.get(subnet.zone.value.as_str()) {
            Some(first) if first.index != r.index => extra.push((r, first, &subnet.zone.value)),
            Some(_) => {}
            None => {
                by_zone.insert(&subnet.zone.value, r);
            }
        }
    }
    let Some(((r, first, zone), rest)) = extra.split_first() else {
        return;
    };
    let (message, help) = if rest.is_empty() {
        (
            format!(
                "`{}` and `{}` are both in zone \"{zone}\"",
                first.name.value, r.name.value
            ),
            "an interface endpoint takes one subnet per zone: keep one of the two".to_string(),
        )
    } else {
        (
            format!(
                "{} subnets share a zone with another subnet of the list",
                extra.len()
            ),
            "an interface endpoint takes one subnet per zone: keep one subnet of each zone"
                .to_string(),
        )
    };
    let label = if rest.is_empty() {
        "second subnet in this zone".to_string()
    } else {
        format!("another subnet in zone \"{zone}\"")
    };
    let mut diag = Diag::new(codes::E0213, r.name.span, message, label)
        .with_label(first.name.span, "already serves this zone");
    let mut serving = vec![first.index];
    for (r, first, zone) in rest {
        diag = diag.with_label(r.name.span, format!("another subnet in zone \"{zone}\""));
        if !serving.contains(&first.index) {
            serving.push(first.index);
            diag = diag.with_label(first.name.span, "already serves this zone");
        }
    }
    out.push(diag.help(help));
}

fn dns(model: &Model, endpoint: &Endpoint, out: &mut Vec<Diag>) {
    let net = &model.network;
    if !endpoint.private_dns() || (net.dns_support() && net.dns_hostnames()) {
        return;
    }
    let off: Vec<(&str, &S<bool>)> = [
        ("dns_support", &net.dns_support),
        ("dns_hostnames", &net.dns_hostnames),
    ]
    .into_iter()
    .filter_map(|(key, attr)| attr.as_ref().filter(|a| !a.value).map(|a| (key, a)))
    .collect();
    let written: Vec<String> = off
        .iter()
        .map(|(key, _)| format!("{key} = false"))
        .collect();
    let mut diag = Diag::new(
        codes::E0211,
        endpoint.name.span,
        format!(
            "private DNS for `{}` needs DNS support and DNS hostnames on the VPC",
            endpoint.name.value
        ),
        "interface endpoint with private DNS",
    )
    .help(format!(
        "remove {} from the network, or write private_dns = false on the endpoint",
        written.join(" and ")
    ));
    for (key, attr) in off {
        diag = diag.with_label(attr.span, format!("{key} is off here"));
    }
    out.push(diag);
}
