//! Findings about existing networks as data, and their wording: the ids, exports and SSM names
//! that find them, and the checks that cannot run on what cachec is not told.

use crate::check::prose::quoted;
use crate::diag::{Diag, codes};
use crate::model::{Endpoint, S, Subnet};
use crate::span::Span;

/// What `existing` names: a VPC or a subnet, by the prefix of its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdOf {
    Vpc,
    Subnet,
}

impl IdOf {
    pub fn prefix(self) -> &'static str {
        match self {
            IdOf::Vpc => "vpc-",
            IdOf::Subnet => "subnet-",
        }
    }
}

/// Why an SSM parameter name is one SSM does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsmNameError {
    Empty,
    Character(char),
    /// A name with `/` that does not begin with one.
    NoLeadingSlash,
    /// More than [`SSM_DEPTH`] levels.
    Deep,
    /// Longer than [`SSM_LENGTH`].
    Long,
}

/// Source: Systems Manager API Reference, PutParameter `Name`: "Parameter hierarchies are
/// limited to a maximum depth of fifteen levels"; the fully qualified name is at most 1011
/// characters; names hold only `a-zA-Z0-9_.-` and `/` for hierarchies, which need a leading `/`.
pub const SSM_DEPTH: usize = 15;
pub const SSM_LENGTH: usize = 1011;

/// What the rules in `existing` find.
#[derive(Debug, Clone)]
pub enum ExistingProblem<'m> {
    /// E0220 (VPC), E0221 (subnet): an id that is not the prefix and 8 or 17 hex digits.
    BadId { text: &'m S<String>, of: IdOf },
    /// E0222: an import of a name no export can have.
    BadExport { text: &'m S<String>, export: String },
    /// E0223: an SSM parameter name SSM does not take.
    BadSsmName {
        text: &'m S<String>,
        why: SsmNameError,
    },
    /// E0224: an existing subnet in a VPC cachec creates.
    ExistingInCreated {
        subnet: &'m Subnet,
        existing: &'m S<String>,
    },
    /// E0225: a gateway endpoint on existing subnets, whose route tables cachec does not know.
    GatewayOnExisting {
        endpoint: &'m Endpoint,
        existing: Vec<&'m Subnet>,
    },
    /// E0226: `provides` on a VPC cachec creates, which has only the paths the program declares.
    ProvidesOnCreated { network: &'m S<String>, span: Span },
    /// W0220: subnets cachec creates, and existing ones whose blocks are not stated.
    OverlapUnchecked {
        created: Vec<&'m Subnet>,
        unknown: Vec<&'m Subnet>,
    },
    /// W0221: subnets cachec creates in an existing VPC whose block is not stated.
    VpcBlockUnknown {
        network: &'m S<String>,
        created: Vec<&'m Subnet>,
    },
    /// W0222: private DNS in an existing VPC whose DNS settings are not stated.
    DnsUnstated {
        network: &'m S<String>,
        endpoint: &'m Endpoint,
    },
}

impl ExistingProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
        ExistingProblem::BadId { text, of } => {
            let (code, what, example) = match of {
                IdOf::Vpc => (codes::E0220, "VPC", "vpc-0123456789abcdef0"),
                IdOf::Subnet => (codes::E0221, "subnet", "subnet-0123456789abcdef0"),
            };
            Diag::new(
                code,
                text.span,
                format!("`{}` is not a {what} id", text.value),
                format!("not `{}` and 8 or 17 hex digits", of.prefix()),
            )
            .help(format!(
                "write the id as EC2 shows it, such as \"{example}\", or \"import:ExportName\" \
                 or \"ssm:/parameter/name\" for one another stack exports or SSM holds"
            ))
            .fact("existing", text.value.as_str())
        }
        ExistingProblem::BadExport { text, export } => Diag::new(
            codes::E0222,
            text.span,
            if export.is_empty() {
                "`import:` names no export".to_string()
            } else {
                format!("`{export}` cannot be the name of an export")
            },
            "not an export name",
        )
        .help(
            "export names hold only letters, digits, colons and hyphens: write the Export Name \
             of the other stack's output after `import:`",
        )
        .fact("export", export.as_str()),
        ExistingProblem::BadSsmName { text, why } => {
            let reason = match why {
                SsmNameError::Empty => "`ssm:` names no parameter".to_string(),
                SsmNameError::Character(' ') => "an SSM parameter name cannot hold a space".into(),
                SsmNameError::Character(c) => {
                    format!("an SSM parameter name cannot hold `{}`", c.escape_default())
                }
                SsmNameError::NoLeadingSlash => {
                    "an SSM parameter name with `/` must begin with `/`".to_string()
                }
                SsmNameError::Deep => {
                    format!("an SSM parameter name has at most {SSM_DEPTH} levels")
                }
                SsmNameError::Long => {
                    format!("an SSM parameter name has at most {SSM_LENGTH} characters")
                }
            };
            Diag::new(codes::E0223, text.span, reason, "not an SSM parameter name")
                .help(
                    "write the parameter's full name after `ssm:`, such as \
                     \"ssm:/network/prod/vpc-id\": letters, digits, `_ . -` and `/` between levels",
                )
                .fact("existing", text.value.as_str())
        }
        ExistingProblem::ExistingInCreated { subnet, existing } => Diag::new(
            codes::E0224,
            existing.span,
            format!(
                "subnet `{}` exists, but the VPC it would be in is created by cachec",
                subnet.name.value
            ),
            "an existing subnet",
        )
        .help(
            "an existing subnet belongs to an existing VPC: give the network \
             `existing = \"vpc-...\"` too, or drop `existing` here and give the subnet a `cidr`",
        )
        .fact("subnet", subnet.name.value.as_str()),
        ExistingProblem::GatewayOnExisting { endpoint, existing } => {
            let names: Vec<&str> = existing.iter().map(|s| s.name.value.as_str()).collect();
            let mut diag = Diag::new(
                codes::E0225,
                endpoint.name.span,
                format!(
                    "gateway endpoint `{}` would route the existing subnet{} {}, whose route \
                     table cachec does not know",
                    endpoint.name.value,
                    if names.len() == 1 { "" } else { "s" },
                    quoted(&names).join(", ")
                ),
                "needs the subnets' route tables",
            );
            for subnet in existing {
                diag = diag.with_label(subnet.name.span, "an existing subnet");
            }
            diag.help(format!(
                "add the gateway endpoint to the existing subnets' route tables where the network \
                 is managed, and state it with `provides = [{}]` on the network",
                endpoint.name.value
            ))
            .fact("endpoint", endpoint.name.value.as_str())
        }
        ExistingProblem::ProvidesOnCreated { network, span } => Diag::new(
            codes::E0226,
            *span,
            format!(
                "network `{}` is created by cachec, so it has only the paths the program declares",
                network.value
            ),
            "nothing provides these",
        )
        .help(
            "declare the endpoints the clients need, or, when the VPC exists already, give the \
             network `existing = \"vpc-...\"`",
        ),
        ExistingProblem::OverlapUnchecked { created, unknown } => {
            let names: Vec<&str> = unknown.iter().map(|s| s.name.value.as_str()).collect();
            let mut diag = Diag::new(
                codes::W0220,
                created.first().map_or(Span::default(), |s| s.name.span),
                format!(
                    "cachec cannot check that the subnets it creates do not overlap {}: no block \
                     is stated",
                    quoted(&names).join(", ")
                ),
                "created here",
            );
            for subnet in unknown {
                diag = diag.with_label(subnet.name.span, "block not stated");
            }
            diag.help(
                "give each existing subnet its `cidr` (as the VPC console shows it) and cachec \
                 checks the overlap; EC2 rejects a subnet that overlaps another at deploy time",
            )
            .fact("subnets", names.iter().map(|n| n.to_string()).collect::<Vec<_>>())
        }
        ExistingProblem::VpcBlockUnknown { network, created } => {
            let mut diag = Diag::new(
                codes::W0221,
                network.span,
                format!(
                    "cachec cannot check that the subnets it creates lie inside the existing VPC \
                     `{}`: its block is not stated",
                    network.value
                ),
                "existing VPC without `cidr`",
            );
            for subnet in created {
                diag = diag.with_label(subnet.name.span, "created in it");
            }
            diag.help(
                "give the network the `cidr` its new subnets must lie in (the VPC's block, or \
                 the secondary block they go in)",
            )
        }
        ExistingProblem::DnsUnstated { network, endpoint } => Diag::new(
            codes::W0222,
            endpoint.name.span,
            format!(
                "endpoint `{}` uses private DNS, which needs DNS support and DNS hostnames on the \
                 existing VPC `{}`, and cachec cannot see them",
                endpoint.name.value, network.value
            ),
            "private DNS on",
        )
        .with_label(network.span, "existing VPC")
        .help(
            "state what the VPC has: `dns_support = true  dns_hostnames = true` on the network \
             (cachec then checks them as for a VPC it creates)",
        ),
    }
    }
}
