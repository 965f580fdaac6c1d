//! Access control (RBAC): users, their access strings and passwords, user groups and the
//! replication groups that name them. Each rule cites the AWS page it follows.

mod access_string;
mod users;

use crate::aws::engines::Version;
use crate::diag::{Diag, codes};
use crate::model::{Authentication, Cache, Model, RefOrStr, UserEngine, UserGroup};
use crate::span::Span;
use crate::words::Word;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    for user in &model.users {
        users::check(model, user, out);
    }
    for group in &model.user_groups {
        out.extend(users::group_id_fault(&model.stack.name.value, &group.name));
        group_users(model, group, out);
    }
    for cache in &model.caches {
        if let Some(group) = &cache.user_group {
            attached(model, cache, group, out);
        }
    }
}

/// A group needs a user named `default` (the user of connections that do not authenticate), and
/// one user per name. Source: ElastiCache "Role-Based Access Control (RBAC)", "Applying RBAC to a
/// cache" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html); API
/// `CreateUserGroup` errors DefaultUserRequired and DuplicateUserNameFault.
fn group_users(model: &Model, group: &UserGroup, out: &mut Vec<Diag>) {
    let users: Vec<_> = group
        .users
        .value
        .iter()
        .filter_map(|r| model.user(r).map(|u| (r, u)))
        .collect();
    if !users.iter().any(|(_, u)| u.user_name().value == "default") {
        out.push(
            Diag::new(
                codes::E0904,
                group.users.span,
                format!(
                    "user group `{}` has no user named `default`",
                    group.name.value
                ),
                "no user with user_name \"default\"",
            )
            .help(
                "declare a user with user_name = \"default\" (say access = \"off -@all\", for \
                 connections that do not authenticate) and add it to `users`",
            ),
        );
    }
    for (i, (r, user)) in users.iter().enumerate() {
        let name = &user.user_name().value;
        if let Some((first, _)) = users
            .iter()
            .take(i)
            .find(|(_, u)| &u.user_name().value == name)
        {
            out.push(
                Diag::new(
                    codes::E0915,
                    r.name.span,
                    format!("two users of `{}` are named `{name}`", group.name.value),
                    format!("also user_name \"{name}\""),
                )
                .with_label(first.name.span, "the first")
                .help("a connection names the user it authenticates as: keep one user per user_name in a group"),
            );
        }
    }
    // Source: ElastiCache "Role-Based Access Control (RBAC)": a group of engine "valkey" holds
    // users of engine "valkey", and "redis" users only when they authenticate (password or IAM).
    for (r, user) in &users {
        let wrong = match (group.engine(), user.engine()) {
            (UserEngine::Redis, UserEngine::Valkey) => {
                Some("a `redis` user group cannot hold `valkey` users".to_string())
            }
            (UserEngine::Valkey, UserEngine::Redis)
                if user.authentication() == Authentication::None =>
            {
                Some("a `valkey` user group holds `redis` users only if they authenticate".into())
            }
            _ => None,
        };
        if let Some(why) = wrong {
            let at = group.engine.as_ref().map_or(group.name.span, |e| e.span);
            out.push(
                Diag::new(
                    codes::E0910,
                    r.name.span,
                    format!(
                        "user `{}` (engine {}) cannot be in user group `{}` (engine {})",
                        user.name.value,
                        user.engine().word(),
                        group.name.value,
                        group.engine().word()
                    ),
                    why,
                )
                .with_label(at, "the group's engine")
                .help("give the user and the group the same engine, or give the user a password"),
            );
        }
    }
}

/// A replication group that names a user group. Source: ElastiCache "Role-Based Access Control
/// (RBAC)" (Valkey 7.2 and later, Redis OSS 6.0 and later; in-transit encryption; not with an
/// AUTH token) and API `CreateReplicationGroup` (UserGroupIds).
fn attached(model: &Model, cache: &Cache, group: &RefOrStr, out: &mut Vec<Diag>) {
    let at = group.span();
    let redis = cache.engine.value == "redis";
    let version = Version::parse(&cache.engine_version.value);
    if redis && version.is_some_and(|v| v < Version::new(6, 0, 0)) {
        out.push(
            Diag::new(
                codes::E0901,
                at,
                format!(
                    "Redis OSS {} has no RBAC users; user groups need 6.0 or later",
                    cache.engine_version.value
                ),
                "needs Redis OSS 6.0 or later",
            )
            .with_label(cache.engine_version.span, "this version")
            .help("set engine_version = \"7.1\" (or move to Valkey), or use auth_token instead"),
        );
    }
    if !cache.transit_encryption() {
        let label = cache
            .transit_encryption
            .as_ref()
            .map_or(cache.name.span, |t| t.span);
        out.push(
            Diag::new(
                codes::E0902,
                at,
                format!(
                    "`{}` names a user group without transit encryption",
                    cache.name.value
                ),
                "RBAC needs TLS",
            )
            .with_label(label, "transit encryption is off")
            .help("set transit_encryption = true"),
        );
    }
    if let Some(token) = &cache.auth_token {
        out.push(
            Diag::new(
                codes::E0903,
                at,
                format!(
                    "`{}` has both an AUTH token and a user group",
                    cache.name.value
                ),
                "a user group",
            )
            .with_label(token.span, "an AUTH token")
            .help("remove auth_token: with RBAC, clients authenticate as users"),
        );
    }
    let RefOrStr::Declared(r) = group else {
        return;
    };
    let Some(declared) = model.user_group(r) else {
        return;
    };
    // Source: as above: Redis OSS caches take only user groups of engine "redis".
    if redis && declared.engine() == UserEngine::Valkey {
        out.push(
            Diag::new(
                codes::E0910,
                at,
                format!(
                    "user group `{}` is for Valkey, but `{}` runs Redis OSS",
                    declared.name.value, cache.name.value
                ),
                "a valkey user group",
            )
            .with_label(cache.engine.span, "Redis OSS")
            .help("set engine = redis on the user group (redis groups serve both engines)"),
        );
    }
    iam_version(model, cache, declared, at, out);
    open_default(model, declared, at, out);
}

/// IAM authentication needs Valkey or Redis OSS 7.0 or later. Source: ElastiCache
/// "Authenticating with IAM", Limitations
/// (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html).
fn iam_version(model: &Model, cache: &Cache, group: &UserGroup, at: Span, out: &mut Vec<Diag>) {
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
            out.push(
                Diag::new(
                    codes::E0909,
                    auth.span,
                    format!(
                        "user `{}` authenticates with IAM, which Redis OSS {} does not support",
                        user.name.value, cache.engine_version.value
                    ),
                    "IAM authentication",
                )
                .with_label(at, format!("used by `{}` here", cache.name.value))
                .with_label(cache.engine_version.span, "needs 7.0 or later")
                .help("set engine_version = \"7.1\" on the replication group, or give the user a password"),
            );
        }
    }
}

/// W0901: the `default` user serves every connection that does not authenticate; with no
/// password and commands allowed, anyone who reaches the port has that access.
fn open_default(model: &Model, group: &UserGroup, at: Span, out: &mut Vec<Diag>) {
    for r in &group.users.value {
        let Some(user) = model.user(r) else { continue };
        if user.user_name().value != "default" || user.authentication() != Authentication::None {
            continue;
        }
        let access = access_string::read(&user.access.value);
        if access.on && access.commands {
            out.push(
                Diag::new(
                    codes::W0901,
                    user.access.span,
                    format!(
                        "`{}` lets connections without credentials run commands",
                        user.name.value
                    ),
                    "the default user, on, with commands and no password",
                )
                .with_label(at, "the user group of a cache")
                .help(format!(
                    "write access = \"off -@all\" for `{}` (or give it a password), so clients must authenticate as a user",
                    user.name.value
                )),
            );
        }
    }
}
