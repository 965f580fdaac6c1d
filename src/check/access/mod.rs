//! Access control (RBAC): users, their access strings and passwords, user groups and the
//! replication groups that name them. Each rule cites the AWS page it follows.

mod access_string;
mod clients;
mod problem;
mod users;

use problem::AccessProblem;

use crate::aws::engines::Version;
use crate::diag::Diag;
use crate::model::{Authentication, Cache, Model, RefOrStr, UserEngine, UserGroup};
use crate::span::Span;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(AccessProblem::diag));
}

fn find(model: &Model) -> Vec<AccessProblem<'_>> {
    let mut found = Vec::new();
    for user in &model.users {
        users::find(model, user, &mut found);
    }
    for group in &model.user_groups {
        found.extend(users::group_id_fault(&model.stack.name.value, &group.name));
        group_users(model, group, &mut found);
    }
    for function in &model.functions {
        clients::find(model, function, &mut found);
    }
    for cache in &model.caches {
        if let Some(group) = &cache.user_group {
            attached(model, cache, group, &mut found);
        }
    }
    found
}

/// A group needs a user named `default` (the user of connections that do not authenticate), and
/// one user per name. Source: ElastiCache "Role-Based Access Control (RBAC)", "Applying RBAC to a
/// cache" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html); API
/// `CreateUserGroup` errors DefaultUserRequired and DuplicateUserNameFault.
fn group_users<'m>(model: &'m Model, group: &'m UserGroup, found: &mut Vec<AccessProblem<'m>>) {
    let users: Vec<_> = group
        .users
        .value
        .iter()
        .filter_map(|r| model.user(r).map(|u| (r, u)))
        .collect();
    if !users.iter().any(|(_, u)| u.user_name().value == "default") {
        found.push(AccessProblem::NoDefault { group });
    }
    for (i, (r, user)) in users.iter().enumerate() {
        let name = &user.user_name().value;
        if let Some((first, _)) = users
            .iter()
            .take(i)
            .find(|(_, u)| &u.user_name().value == name)
        {
            found.push(AccessProblem::DuplicateName {
                group,
                at: r.name.span,
                first: first.name.span,
                name,
            });
        }
    }
    // Source: ElastiCache "Role-Based Access Control (RBAC)": a group of engine "valkey" holds
    // users of engine "valkey", and "redis" users only when they authenticate (password or IAM).
    for (r, user) in &users {
        let wrong = match (group.engine(), user.engine()) {
            (UserEngine::Redis, UserEngine::Valkey) => true,
            (UserEngine::Valkey, UserEngine::Redis) => {
                user.authentication() == Authentication::None
            }
            _ => false,
        };
        if wrong {
            found.push(AccessProblem::UserEngine {
                group,
                user,
                at: r.name.span,
            });
        }
    }
}

/// A replication group that names a user group. Source: ElastiCache "Role-Based Access Control
/// (RBAC)" (Valkey 7.2 and later, Redis OSS 6.0 and later; in-transit encryption; not with an
/// AUTH token) and API `CreateReplicationGroup` (UserGroupIds).
fn attached<'m>(
    model: &'m Model,
    cache: &'m Cache,
    group: &RefOrStr,
    found: &mut Vec<AccessProblem<'m>>,
) {
    let at = group.span();
    let redis = cache.engine.value == "redis";
    let version = Version::parse(&cache.engine_version.value);
    if redis && version.is_some_and(|v| v < Version::new(6, 0, 0)) {
        found.push(AccessProblem::OldRedis { cache, at });
    }
    if !cache.transit_encryption() {
        found.push(AccessProblem::NoTls { cache, at });
    }
    if let Some(token) = &cache.auth_token {
        found.push(AccessProblem::WithToken {
            cache,
            at,
            token: token.span,
        });
    }
    let RefOrStr::Declared(r) = group else {
        return;
    };
    let Some(declared) = model.user_group(r) else {
        return;
    };
    // Source: as above: Redis OSS caches take only user groups of engine "redis".
    if redis && declared.engine() == UserEngine::Valkey {
        found.push(AccessProblem::ValkeyGroupOnRedis {
            group: declared,
            cache,
            at,
        });
    }
    iam_version(model, cache, declared, at, found);
    open_default(model, declared, at, found);
}

/// IAM authentication needs Valkey or Redis OSS 7.0 or later. Source: ElastiCache
/// "Authenticating with IAM", Limitations
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html).
fn iam_version<'m>(
    model: &'m Model,
    cache: &'m Cache,
    group: &UserGroup,
    at: Span,
    found: &mut Vec<AccessProblem<'m>>,
) {
    let old = cache.engine.value == "redis"
        && Version::parse(&cache.engine_version.value).is_some_and(|v| v < Version::new(7, 0, 0));
    if !old {
        return;
    }
    for r in &group.users.value {
        let Some(user) = model.user(r) else { continue };
        let Some(auth) = &user.authentication else {
            continue;
        };
        if auth.value == Authentication::Iam {
            found.push(AccessProblem::IamTooOld {
                user,
                auth: auth.span,
                cache,
                at,
            });
        }
    }
}

/// W0901: the `default` user serves every connection that does not authenticate; with no
/// password and commands allowed, anyone who reaches the port has that access.
fn open_default<'m>(
    model: &'m Model,
    group: &UserGroup,
    at: Span,
    found: &mut Vec<AccessProblem<'m>>,
) {
    for r in &group.users.value {
        let Some(user) = model.user(r) else { continue };
        if user.user_name().value != "default" || user.authentication() != Authentication::None {
            continue;
        }
        let access = access_string::read(&user.access.value);
        if access.on && access.commands {
            found.push(AccessProblem::OpenDefault { user, at });
        }
    }
}
