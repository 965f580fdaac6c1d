//! The client family's findings as data, and their wording. The rules in `clients` only find;
//! this module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::check::prose::{and_list, quoted};
use crate::diag::{Diag, codes};
use crate::model::{Endpoint, Function, Instance, Ref};
use crate::span::Span;

/// What an instance that installs packages has in place of a gateway endpoint for S3 in its subnet.
#[derive(Debug, Clone, Copy)]
pub enum S3Route<'m> {
    /// No `s3` endpoint at all.
    Absent,
    /// An interface endpoint, which adds no route.
    Interface(&'m Endpoint),
    /// A gateway endpoint that lists other subnets only.
    OtherSubnets(&'m Endpoint),
}

/// What the client rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum ClientProblem<'m> {
    /// E0301: Session Manager without the endpoints it talks to in the instance's subnet;
    /// `lacking` splits into endpoints that serve other subnets and endpoints not declared.
    SessionManager {
        instance: &'m Instance,
        flag: Span,
        lacking: Vec<&'static str>,
        elsewhere: Vec<&'m Endpoint>,
        absent: Vec<&'static str>,
        /// The network exists: it may have the path, stated with `provides`.
        existing: bool,
    },
    /// E0227: Session Manager endpoints serving the instance with private DNS off, and no other
    /// path to the services.
    NoPrivateDns {
        instance: &'m Instance,
        flag: Span,
        endpoints: Vec<&'m Endpoint>,
    },
    /// E0302: packages downloaded from S3 at boot, without a route to S3.
    NoRouteToS3 {
        instance: &'m Instance,
        packages: Span,
        s3: S3Route<'m>,
        existing: bool,
    },
    /// E0308: a function that connects to a cache but has no subnet; `suggestion` is a subnet
    /// to put it in.
    OutsideVpc {
        function: &'m Function,
        first: &'m Ref,
        suggestion: Option<&'m str>,
    },
    /// E0309: caches a function reads but does not connect to, each once.
    ReadsWithoutConnects {
        function: &'m Function,
        first: Read<'m>,
        more: Vec<Read<'m>>,
    },
}

impl ClientProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            ClientProblem::SessionManager {
                instance,
                flag,
                lacking,
                elsewhere,
                absent,
                existing,
            } => {
                let subnet = &instance.subnet.name;
                let mut steps = Vec::new();
                if !elsewhere.is_empty() {
                    let names: Vec<&str> =
                        elsewhere.iter().map(|e| e.name.value.as_str()).collect();
                    steps.push(format!(
                        "add `{}` to the `subnets` of {}",
                        subnet.value,
                        quoted(&names).join(", ")
                    ));
                }
                if !absent.is_empty() {
                    steps.push(format!(
                        "add `endpoint {} {{ kind = interface  subnets = [{}] }}` to the network",
                        absent.join(", "),
                        subnet.value
                    ));
                }
                if *existing {
                    steps.push(format!(
                        "or, if the existing network has them or a NAT gateway, state it with \
                         `provides = [{}]` on the network",
                        lacking.join(", ")
                    ));
                }
                let mut diag = Diag::new(
                    codes::E0301,
                    *flag,
                    format!(
                        "instance `{}` uses Session Manager, but its subnet `{}` is not served by \
                         the {} endpoint{}",
                        instance.name.value,
                        subnet.value,
                        and_list(lacking),
                        if lacking.len() == 1 { "" } else { "s" }
                    ),
                    "needs the ssm, ssmmessages and ec2messages endpoints",
                )
                .with_label(subnet.span, "a private subnet: no route out");
                for e in elsewhere {
                    diag = diag.with_label(e.name.span, "serves other subnets only");
                }
                diag.help(steps.join("; "))
                    .fact("instance", instance.name.value.as_str())
                    .fact("subnet", subnet.value.as_str())
                    .fact(
                        "endpoints",
                        lacking.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    )
            }
            ClientProblem::NoRouteToS3 {
                instance,
                packages,
                s3,
                existing,
            } => {
                let subnet = &instance.subnet.name;
                let mut diag = Diag::new(
                    codes::E0302,
                    *packages,
                    format!(
                        "instance `{}` installs packages from the Amazon Linux repositories in \
                         S3, but its subnet `{}` has no route to S3",
                        instance.name.value, subnet.value
                    ),
                    "downloaded from S3 at boot",
                )
                .with_label(subnet.span, "a private subnet: no route out");
                let help = match s3 {
                    S3Route::Absent => format!(
                        "add `endpoint s3 {{ kind = gateway  subnets = [{}] }}` to the network",
                        subnet.value
                    ),
                    S3Route::Interface(e) => {
                        diag = diag.with_label(e.kind.span, "an interface endpoint");
                        format!(
                            "write `endpoint s3 {{ kind = gateway  subnets = [{}] }}`: dnf \
                             reaches the repositories through the route a gateway endpoint adds",
                            subnet.value
                        )
                    }
                    S3Route::OtherSubnets(e) => {
                        diag = diag.with_label(e.name.span, "serves other subnets only");
                        format!(
                            "add `{}` to the `subnets` of `s3`; a gateway endpoint is an entry in \
                             each listed subnet's route table",
                            subnet.value
                        )
                    }
                };
                let help = if *existing {
                    format!(
                        "{help}; or, if the existing network has an S3 endpoint or a NAT gateway, \
                         state it with `provides = [s3]` on the network"
                    )
                } else {
                    help
                };
                diag.help(help)
                    .fact("instance", instance.name.value.as_str())
                    .fact("subnet", subnet.value.as_str())
            }
            ClientProblem::NoPrivateDns {
                instance,
                flag,
                endpoints,
            } => {
                let names: Vec<&str> = endpoints.iter().map(|e| e.name.value.as_str()).collect();
                let mut diag = Diag::new(
                    codes::E0227,
                    *flag,
                    format!(
                        "instance `{}` uses Session Manager, but the {} endpoint{} serving it \
                         {} private DNS off",
                        instance.name.value,
                        and_list(&quoted(&names)),
                        if names.len() == 1 { "" } else { "s" },
                        if names.len() == 1 { "has" } else { "have" }
                    ),
                    "the agent resolves the services' public names",
                );
                for e in endpoints {
                    if let Some(off) = &e.private_dns {
                        diag = diag
                            .with_label(off.span, format!("`{}`: private DNS off", e.name.value));
                    }
                }
                diag.help(
                    "remove `private_dns = false` (the endpoints then answer the public names \
                     inside the VPC), or, on an existing network with a NAT gateway, state \
                     `provides = [nat]`",
                )
                .fact("instance", instance.name.value.as_str())
                .fact(
                    "endpoints",
                    names.iter().map(|n| n.to_string()).collect::<Vec<_>>(),
                )
            }
            ClientProblem::OutsideVpc {
                function,
                first,
                suggestion,
            } => Diag::new(
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
            })
            .fact("function", function.name.value.as_str())
            .fact("cache", first.name.value.as_str()),
            ClientProblem::ReadsWithoutConnects {
                function,
                first,
                more,
            } => reads_without_connects(function, first, more),
        }
    }
}

/// A cache a function reads without connecting to it: where it is read, where it is declared.
pub type Read<'m> = (&'m Ref, Span, Span);

fn reads_without_connects(function: &Function, first: &Read, more: &[Read]) -> Diag {
    let (cache, at, declared) = first;
    let caches: Vec<String> = std::iter::once(first)
        .chain(more)
        .map(|(c, _, _)| c.name.value.clone())
        .collect();
    let message = if more.is_empty() {
        format!(
            "function `{}` reads `{}` but does not connect to it",
            function.name.value, cache.name.value
        )
    } else {
        format!(
            "function `{}` reads {} but does not connect to them",
            function.name.value,
            and_list(&quoted(&caches))
        )
    };
    let mut diag = Diag::new(codes::E0309, *at, message, "read here").with_label(
        *declared,
        "its security group admits only the clients in `connects`",
    );
    for (_, at, declared) in more {
        diag = diag
            .with_label(*at, "read here")
            .with_label(*declared, "admits only the clients in `connects`");
    }
    let mut names: Vec<&str> = function
        .connects
        .iter()
        .chain(&function.connects_serverless)
        .map(|r| r.name.value.as_str())
        .collect();
    names.extend(caches.iter().map(String::as_str));
    let help = format!(
        "a client that reads the cache must `connects` to it: write `connects = [{}]` in `{}`",
        names.join(", "),
        function.name.value
    );
    diag.help(help)
        .fact("function", function.name.value.as_str())
        .fact("caches", caches)
}
