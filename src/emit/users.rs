//! RBAC in the cache template: an `AWS::ElastiCache::User` per user and an
//! `AWS::ElastiCache::UserGroup` per user group, which replication groups name in `UserGroupIds`.

use super::cache::dynamic_reference;
use super::node::{Node, Resource, map};
use super::plan::{Plan, Section};
use crate::model::ids::{user_group_id, user_group_name, user_id, user_logical_id};
use crate::model::{Authentication, Model, User};
use crate::words::Word;

pub fn emit(model: &Model, plan: &mut Plan) {
    let stack = &model.stack.name.value;
    for user in &model.users {
        let id = user_logical_id(&user.name.value);
        plan.add(
            Section::Cache,
            &user.name,
            id.clone(),
            resource(stack, user),
        );
        let spans = [
            (
                "UserId",
                user.user_id.as_ref().map_or(user.name.span, |i| i.span),
            ),
            ("UserName", user.user_name().span),
            ("AccessString", user.access.span),
            (
                "Engine",
                user.engine.as_ref().map_or(user.name.span, |e| e.span),
            ),
        ];
        for (property, span) in spans {
            plan.trace(&id, property, span);
        }
        if let Some(auth) = &user.authentication {
            plan.trace(&id, "AuthenticationMode", auth.span);
        } else if let Some(passwords) = &user.passwords {
            plan.trace(&id, "AuthenticationMode", passwords.span);
        }
    }
    for group in &model.user_groups {
        let users = group
            .users
            .value
            .iter()
            .map(|r| Node::reference(user_logical_id(&r.name.value)));
        let engine = group.engine().word();
        let id = user_group_id(&group.name.value);
        plan.add(
            Section::Cache,
            &group.name,
            id.clone(),
            Resource::new(
                "AWS::ElastiCache::UserGroup",
                map([
                    ("Engine", Node::str(engine)),
                    (
                        "UserGroupId",
                        Node::str(user_group_name(stack, &group.name.value)),
                    ),
                    ("UserIds", Node::list(users)),
                ]),
            ),
        );
        plan.trace(&id, "UserGroupId", group.name.span);
        plan.trace(&id, "UserIds", group.users.span);
        if let Some(engine) = &group.engine {
            plan.trace(&id, "Engine", engine.span);
        }
    }
}

fn resource(stack: &str, user: &User) -> Resource {
    let auth = user.authentication();
    let mut mode = map([("Type", Node::str(auth.mode()))]);
    if auth == Authentication::Password {
        let passwords = user
            .passwords
            .iter()
            .flat_map(|p| &p.value)
            .map(|p| Node::str(dynamic_reference(&p.value)));
        mode.insert("Passwords".into(), Node::list(passwords));
    }
    Resource::new(
        "AWS::ElastiCache::User",
        map([
            ("Engine", Node::str(user.engine().word())),
            ("UserId", Node::str(user_id(stack, user))),
            ("UserName", Node::str(&user.user_name().value)),
            ("AccessString", Node::str(&user.access.value)),
            ("AuthenticationMode", Node::Map(mode)),
        ]),
    )
}
