//! Clients of RBAC caches: the user a function connects as must be in the user group of each
//! cache it connects to, able to log in, and its password secret reachable from the function.

use super::access_string;
use super::problem::AccessProblem;
use crate::model::{Function, Model, Ref, RefOrStr, UserGroup};

/// Each cache a function connects to with a user group declared in the program: the `connects`
/// reference and the group. A group named by an existing id is the account's to know.
fn groups<'m>(model: &'m Model, function: &'m Function) -> Vec<(&'m Ref, Option<&'m UserGroup>)> {
    let declared = |g: &Option<RefOrStr>| match g {
        Some(RefOrStr::Declared(r)) => Some(model.user_group(r)),
        Some(RefOrStr::Existing(_)) => None,
        None => Some(None),
    };
    let caches = function
        .connects
        .iter()
        .filter_map(|r| Some((r, declared(&model.cache(r)?.user_group)?)));
    let serverless = function
        .connects_serverless
        .iter()
        .filter_map(|r| Some((r, declared(&model.serverless_cache(r)?.user_group)?)));
    caches.chain(serverless).collect()
}

/// Sources: ElastiCache "Role-Based Access Control (RBAC)"
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html): a connection
/// that does not authenticate is the `default` user; a user that is `off` cannot log in; a cache
/// knows only the users of its user group. Secrets Manager is reached from a private subnet only
/// through an interface endpoint or a NAT (Secrets Manager User Guide, "Using an AWS Secrets
/// Manager VPC endpoint", https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html).
pub fn find<'m>(model: &'m Model, function: &'m Function, found: &mut Vec<AccessProblem<'m>>) {
    let groups = groups(model, function);
    let Some(r) = &function.user else {
        let closed = groups.iter().find_map(|(cache, group)| {
            let group = (*group)?;
            let default = group
                .users
                .value
                .iter()
                .filter_map(|u| model.user(u))
                .find(|u| u.user_name().value == "default")?;
            (!access_string::read(&default.access.value).on).then_some((*cache, default))
        });
        if let Some((cache, default)) = closed {
            found.push(AccessProblem::ClientAsDefault {
                function,
                cache,
                default,
            });
        }
        return;
    };
    let Some(user) = model.user(r) else { return };
    if !access_string::read(&user.access.value).on {
        found.push(AccessProblem::ClientUserOff {
            at: r.name.span,
            user,
        });
    }
    for (cache, group) in &groups {
        if !group.is_some_and(|g| g.users.value.iter().any(|u| u.index == r.index)) {
            found.push(AccessProblem::ClientUserNotInGroup {
                at: r.name.span,
                user,
                cache,
                group: *group,
            });
        }
    }
    // Lambda runs it in any of its subnets: each needs the path.
    if user.password_secret().is_some()
        && let Some(subnet) = function
            .subnets
            .iter()
            .find(|s| !secrets_manager_reachable(model, s))
    {
        found.push(AccessProblem::NoRouteToSecrets {
            at: r.name.span,
            function,
            subnet: subnet.name.span,
            existing: model.network.is_existing(),
        });
    }
}

/// An interface endpoint with private DNS (boto3 calls the service's public name) that lists
/// the subnet, or a path the existing network states it has.
fn secrets_manager_reachable(model: &Model, subnet: &Ref) -> bool {
    model.network.provides("secretsmanager")
        || model.network.endpoints.iter().any(|e| {
            e.name.value == "secretsmanager"
                && e.private_dns()
                && e.subnets.iter().any(|s| s.index == subnet.index)
        })
}
