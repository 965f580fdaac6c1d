//! Existing networks: the ids, exports and SSM names that find them, what cannot be created in
//! them (gateway routes), and the checks that cannot run on what cachec is not told (once each).

use super::existing_problem::{IdOf, SSM_DEPTH, SSM_LENGTH, SsmNameError};
use super::problem::{ExistingProblem, NetworkProblem};
use crate::diag::Diag;
use crate::model::{EndpointKind, Existing, Model, S, Subnet};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(
        find(model)
            .into_iter()
            .map(|p| NetworkProblem::Existing(p).diag()),
    );
}

fn find(model: &Model) -> Vec<ExistingProblem<'_>> {
    let mut found = Vec::new();
    let net = &model.network;
    if let Some(existing) = &net.existing {
        found.extend(malformed(existing, IdOf::Vpc));
    }
    for subnet in &net.subnets {
        let Some(existing) = &subnet.existing else {
            continue;
        };
        found.extend(malformed(existing, IdOf::Subnet));
        if !net.is_existing() {
            found.push(ExistingProblem::ExistingInCreated { subnet, existing });
        }
    }
    if !net.is_existing()
        && let (Some(first), Some(last)) = (net.provides.first(), net.provides.last())
    {
        found.push(ExistingProblem::ProvidesOnCreated {
            network: &net.name,
            span: first.span.to(last.span),
        });
    }
    for endpoint in net
        .endpoints
        .iter()
        .filter(|e| e.kind.value == EndpointKind::Gateway)
    {
        let existing: Vec<&Subnet> = endpoint
            .subnets
            .iter()
            .filter_map(|r| model.subnet(r))
            .filter(|s| s.existing.is_some())
            .collect();
        if !existing.is_empty() {
            found.push(ExistingProblem::GatewayOnExisting { endpoint, existing });
        }
    }
    if net.is_existing() {
        found.extend(unchecked(model));
        if let Some(endpoint) = net.endpoints.iter().find(|e| e.private_dns())
            && (net.dns_support.is_none() || net.dns_hostnames.is_none())
        {
            found.push(ExistingProblem::DnsUnstated {
                network: &net.name,
                endpoint,
            });
        }
    }
    found
}

/// Checks of blocks that cannot run in an existing VPC, each said once: overlap with declared
/// existing subnets of unknown block, and created subnets inside a VPC of unknown block.
fn unchecked(model: &Model) -> Vec<ExistingProblem<'_>> {
    let net = &model.network;
    let mut found = Vec::new();
    let created: Vec<&Subnet> = net
        .subnets
        .iter()
        .filter(|s| s.existing.is_none())
        .collect();
    if created.is_empty() {
        return found;
    }
    let unknown: Vec<&Subnet> = net
        .subnets
        .iter()
        .filter(|s| s.existing.is_some() && s.cidr.is_none())
        .collect();
    if !unknown.is_empty() {
        found.push(ExistingProblem::OverlapUnchecked {
            created: created.clone(),
            unknown,
        });
    }
    if net.cidr.is_none() {
        found.push(ExistingProblem::VpcBlockUnknown {
            network: &net.name,
            created,
        });
    }
    found
}

fn malformed(existing: &S<String>, of: IdOf) -> Option<ExistingProblem<'_>> {
    match Existing::of(&existing.value) {
        Existing::Id(id) => {
            (!resource_id(id, of.prefix())).then_some(ExistingProblem::BadId { text: existing, of })
        }
        Existing::Import(export) => (!export_name(export)).then_some(ExistingProblem::BadExport {
            text: existing,
            export: export.to_string(),
        }),
        Existing::Ssm(name) => ssm_name(name).err().map(|why| ExistingProblem::BadSsmName {
            text: existing,
            why,
        }),
    }
}

/// `vpc-` or `subnet-` and 8 or 17 lowercase hex digits. Source: EC2 User Guide, "Resource IDs"
/// (8 characters before 2016, 17 since); cfn-lint's subnet id format is
/// `^(subnet-[0-9a-f]{8}|subnet-[0-9a-f]{17})$`.
fn resource_id(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|hex| {
        matches!(hex.len(), 8 | 17)
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    })
}

/// Export names hold letters, digits, colons and hyphens: CloudFormation rejects a template whose
/// Export Name has any other character ("The Name field of every Export member must be specified
/// and consist only of alphanumeric characters, colons, or hyphens"), so no such export exists.
fn export_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == ':' || c == '-')
}

/// An SSM parameter name as SSM takes it (source at [`SSM_DEPTH`]). Reading a public parameter
/// such as `/aws/service/...` is allowed: the `aws`/`ssm` prefix rule is for creating one.
pub fn ssm_name(name: &str) -> Result<(), SsmNameError> {
    if name.is_empty() {
        return Err(SsmNameError::Empty);
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_.-/".contains(*c)))
    {
        return Err(SsmNameError::Character(c));
    }
    if name.contains('/') && !name.starts_with('/') {
        return Err(SsmNameError::NoLeadingSlash);
    }
    if name.split('/').filter(|l| !l.is_empty()).count() > SSM_DEPTH {
        return Err(SsmNameError::Deep);
    }
    if name.len() > SSM_LENGTH {
        return Err(SsmNameError::Long);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_8_or_17_lowercase_hex_digits() {
        assert!(resource_id("vpc-0abc1234", "vpc-"));
        assert!(resource_id("subnet-0123456789abcdef0", "subnet-"));
        assert!(!resource_id("vpc-0abc123", "vpc-"));
        assert!(!resource_id("vpc-0ABC1234", "vpc-"));
        assert!(!resource_id("subnet-0abc1234", "vpc-"));
    }

    #[test]
    fn ssm_names_follow_ssm() {
        assert_eq!(ssm_name("/network/prod/vpc-id"), Ok(()));
        assert_eq!(ssm_name("vpc-id"), Ok(()));
        assert_eq!(ssm_name("network/vpc"), Err(SsmNameError::NoLeadingSlash));
        assert_eq!(ssm_name("/a b"), Err(SsmNameError::Character(' ')));
        assert_eq!(ssm_name(""), Err(SsmNameError::Empty));
        let deep = "/a".repeat(16);
        assert_eq!(ssm_name(&deep), Err(SsmNameError::Deep));
        assert_eq!(ssm_name(&"a".repeat(1012)), Err(SsmNameError::Long));
    }

    #[test]
    fn export_names_are_alphanumeric_colons_and_hyphens() {
        assert!(export_name("network-VpcId"));
        assert!(export_name("net:prod:Subnet1"));
        assert!(!export_name("net_prod"));
        assert!(!export_name(""));
    }
}
