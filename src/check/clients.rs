//! Clients and their routes: every subnet is private (no NAT, no internet gateway), so what an
//! instance or function reaches outside the VPC it reaches through endpoints; caches need a subnet.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diag, codes};
use crate::model::{Endpoint, EndpointKind, EnvValue, Function, Instance, Model, Ref};
use crate::span::Span;

/// The interface endpoints the SSM agent talks to.
const SESSION_MANAGER: &[&str] = &["ssm", "ssmmessages", "ec2messages"];

pub fn check(model: &Model, out: &mut Vec<Diag>) {
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
    let routes = Routes { served, endpoints };
    for instance in &model.instances {
        routes.session_manager(instance, out);
        routes.package_repositories(instance, out);
    }
    let suggestion = suggested_subnet(model);
    for function in &model.functions {
        subnet_for_caches(function, suggestion, out);
        reads_without_connects(model, function, out);
    }
}

struct Routes<'m> {
    /// (endpoint name, subnet index) for every subnet an endpoint lists.
    served: HashSet<(&'m str, usize)>,
    endpoints: HashMap<&'m str, &'m Endpoint>,
}

impl<'m> Routes<'m> {
    fn endpoint(&self, name: &str) -> Option<&'m Endpoint> {
        self.endpoints.get(name).copied()
    }

    fn serves(&self, name: &str, subnet: &Ref) -> bool {
        self.served.contains(&(name, subnet.index))
    }

    fn session_manager(&self, instance: &Instance, out: &mut Vec<Diag>) {
        let Some(flag) = instance.session_manager.as_ref().filter(|b| b.value) else {
            return;
        };
        let subnet = &instance.subnet;
        let lacking: Vec<&str> = SESSION_MANAGER
            .iter()
            .copied()
            .filter(|s| !self.serves(s, subnet))
            .collect();
        if lacking.is_empty() {
            return;
        }
        let (elsewhere, absent): (Vec<&str>, Vec<&str>) =
            lacking.iter().partition(|s| self.endpoint(s).is_some());
        let mut steps = Vec::new();
        if !elsewhere.is_empty() {
            steps.push(format!(
                "add `{}` to the `subnets` of {}",
                subnet.name.value,
                quoted(&elsewhere)
            ));
        }
        if !absent.is_empty() {
            steps.push(format!(
                "add `endpoint {} {{ kind = interface  subnets = [{}] }}` to the network",
                absent.join(", "),
                subnet.name.value
            ));
        }
        let mut diag = Diag::new(
            codes::E0301,
            flag.span,
            format!(
                "instance `{}` uses Session Manager, but its subnet `{}` is not served by the {} \
                 endpoint{}",
                instance.name.value,
                subnet.name.value,
                prose(&lacking),
                if lacking.len() == 1 { "" } else { "s" }
            ),
            "needs the ssm, ssmmessages and ec2messages endpoints",
        )
        .with_label(subnet.name.span, "a private subnet: no route out");
        for name in &elsewhere {
            if let Some(e) = self.endpoint(name) {
                diag = diag.with_label(e.name.span, "serves other subnets only");
            }
        }
        out.push(diag.help(steps.join("; ")));
    }

    fn package_repositories(&self, instance: &Instance, out: &mut Vec<Diag>) {
        let (Some(first), Some(last)) = (instance.packages.first(), instance.packages.last())
        else {
            return;
        };
        let subnet = &instance.subnet;
        let s3 = self.endpoint("s3");
        if s3.is_some_and(|e| e.kind.value == EndpointKind::Gateway) && self.serves("s3", subnet) {
            return;
        }
        let mut diag = Diag::new(
            codes::E0302,
            first.span.to(last.span),
            format!(
                "instance `{}` installs packages from the Amazon Linux repositories in S3, but \
                 its subnet `{}` has no route to S3",
                instance.name.value, subnet.name.value
            ),
            "downloaded from S3 at boot",
        )
        .with_label(subnet.name.span, "a private subnet: no route out");
        let help = match s3 {
            None => format!(
                "add `endpoint s3 {{ kind = gateway  subnets = [{}] }}` to the network",
                subnet.name.value
            ),
            Some(e) if e.kind.value != EndpointKind::Gateway => {
                diag = diag.with_label(e.kind.span, "an interface endpoint");
                format!(
                    "write `endpoint s3 {{ kind = gateway  subnets = [{}] }}`: dnf reaches the \
                     repositories through the route a gateway endpoint adds",
                    subnet.name.value
                )
            }
            Some(e) => {
                diag = diag.with_label(e.name.span, "serves other subnets only");
                format!(
                    "add `{}` to the `subnets` of `s3`; a gateway endpoint is an entry in each \
                     listed subnet's route table",
                    subnet.name.value
                )
            }
        };
        out.push(diag.help(help));
    }
}

/// `a`, `a and b`, `a, b and c`.
fn prose(names: &[&str]) -> String {
    match names.split_last() {
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A function reaches a cache only from inside the VPC, through a VpcConfig.
fn subnet_for_caches(function: &Function, suggestion: Option<&str>, out: &mut Vec<Diag>) {
    if function.subnet.is_some() {
        return;
    }
    let Some(first) = function.connects.first() else {
        return;
    };
    out.push(
        Diag::new(
            codes::E0308,
            first.name.span,
            format!(
                "function `{}` connects to `{}` but runs outside the VPC",
                function.name.value, first.name.value
            ),
            "unreachable without a subnet",
        )
        .with_label(function.name.span, "has no `subnet`")
        .help(match suggestion {
            Some(s) => format!("add `subnet = {s}` to `{}`", function.name.value),
            None => "declare a subnet in the network and add `subnet = <its name>`".into(),
        }),
    );
}

/// A subnet other functions already run in, else one that no cache uses, else any.
fn suggested_subnet(model: &Model) -> Option<&str> {
    let in_use = model
        .functions
        .iter()
        .find_map(|f| f.subnet.as_ref())
        .and_then(|r| model.subnet(r));
    let cache_subnets: HashSet<usize> = model
        .caches
        .iter()
        .flat_map(|c| c.subnets.iter().map(|r| r.index))
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
/// clients listed in `connects`. One diagnostic per function, a label on the first read of each
/// cache it does not connect to.
fn reads_without_connects(model: &Model, function: &Function, out: &mut Vec<Diag>) {
    let connected: HashSet<usize> = function.connects.iter().map(|r| r.index).collect();
    let mut reported: HashSet<usize> = HashSet::new();
    let mut reads: Vec<(&Ref, Span)> = Vec::new();
    for var in &function.environment {
        let EnvValue::Cache { cache, .. } = &var.value.value else {
            continue;
        };
        if !connected.contains(&cache.index) && reported.insert(cache.index) {
            reads.push((cache, var.value.span));
        }
    }
    let Some(((cache, at), rest)) = reads.split_first() else {
        return;
    };
    let mut names: Vec<&str> = function
        .connects
        .iter()
        .map(|r| r.name.value.as_str())
        .collect();
    names.extend(reads.iter().map(|(c, _)| c.name.value.as_str()));
    let message = if rest.is_empty() {
        format!(
            "function `{}` reads `{}` but does not connect to it",
            function.name.value, cache.name.value
        )
    } else {
        let caches: Vec<String> = reads
            .iter()
            .map(|(c, _)| format!("`{}`", c.name.value))
            .collect();
        let caches: Vec<&str> = caches.iter().map(String::as_str).collect();
        format!(
            "function `{}` reads {} but does not connect to them",
            function.name.value,
            prose(&caches)
        )
    };
    let declared = |c: &Ref| model.cache(c).map_or(Span::default(), |c| c.name.span);
    let mut diag = Diag::new(codes::E0309, *at, message, "read here").with_label(
        declared(cache),
        "its security group admits only the clients in `connects`",
    );
    for (cache, at) in rest {
        diag = diag
            .with_label(*at, "read here")
            .with_label(declared(cache), "admits only the clients in `connects`");
    }
    out.push(diag.help(format!(
        "a client that reads the cache must `connects` to it: write `connects = [{}]` in `{}`",
        names.join(", "),
        function.name.value
    )));
}
