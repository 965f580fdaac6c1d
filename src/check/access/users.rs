//! One user's own rules: its id and name, its access string (each rule at its place in the
//! string), how it authenticates and the references its passwords are read from.

use super::access_string;
use super::problem::{AccessProblem, IdFault, IdOf, PasswordFault};
use crate::model::ids::{user_group_name, user_id};
use crate::model::{Authentication, Model, User};
use crate::span::{Span, Spanned};

pub fn find<'m>(model: &Model, user: &'m User, found: &mut Vec<AccessProblem<'m>>) {
    ids(model, user, found);
    access(user, found);
    passwords(user, found);
}

/// Source: ElastiCache API `CreateUser`: UserId `[a-zA-Z][a-zA-Z0-9\-]*`, UserName at least one
/// character (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateUser.html).
fn ids<'m>(model: &Model, user: &'m User, found: &mut Vec<AccessProblem<'m>>) {
    let id = user_id(&model.stack.name.value, user);
    let at = user.user_id.as_ref().map_or(user.name.span, |i| i.span);
    if let Some(fault) = id_fault(&id) {
        found.push(AccessProblem::BadId {
            at,
            what: IdOf::User,
            id: id.clone(),
            fault,
        });
    }
    if user.user_name().value.trim().is_empty() {
        found.push(AccessProblem::EmptyUserName {
            at: user.user_name().span,
        });
    }
    // Source: "Authenticating with IAM", Limitations: "the user ID and user name must be
    // identical" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html).
    if let Some(auth) = &user.authentication
        && auth.value == Authentication::Iam
        && user.user_name().value != id
    {
        found.push(AccessProblem::IamNameNotId {
            user,
            auth: auth.span,
            id,
        });
    }
}

/// What is wrong with a UserId or UserGroupId, if anything.
fn id_fault(id: &str) -> Option<IdFault> {
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some(IdFault::NoLetterFirst);
    }
    (!id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')).then_some(IdFault::Chars)
}

/// The group's id follows the same rule (CloudFormation `AWS::ElastiCache::UserGroup` UserGroupId).
pub fn group_id_fault<'m>(stack: &str, name: &Spanned<String>) -> Option<AccessProblem<'m>> {
    let id = user_group_name(stack, &name.value);
    id_fault(&id).map(|fault| AccessProblem::BadId {
        at: name.span,
        what: IdOf::UserGroup,
        id,
        fault,
    })
}

/// The span of bytes `at` inside a string literal, when the literal is written without escapes
/// (its source is the text in quotes); else the whole literal.
fn inside(literal: &Spanned<String>, at: std::ops::Range<usize>) -> Span {
    let plain = literal.span.len() == literal.value.len() + 2;
    if plain {
        let start = literal.span.start + 1;
        Span::new(start + at.start, start + at.end)
    } else {
        literal.span
    }
}

fn access<'m>(user: &'m User, found: &mut Vec<AccessProblem<'m>>) {
    let text = &user.access;
    if text.value.trim().is_empty() {
        found.push(AccessProblem::EmptyAccess { at: text.span });
        return;
    }
    for finding in access_string::read(&text.value).findings {
        found.push(AccessProblem::AccessRule {
            at: inside(text, finding.at),
            rule: finding.rule,
            fault: finding.fault,
        });
    }
}

/// Source: CloudFormation `AWS::ElastiCache::User` AuthenticationMode and Passwords ("up to two
/// passwords"); `ssm-secure` references are not among those CloudFormation resolves for it
/// ("Resources that support dynamic parameter patterns for secure strings",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html).
fn passwords<'m>(user: &'m User, found: &mut Vec<AccessProblem<'m>>) {
    let auth = user.authentication();
    match (&user.passwords, auth) {
        (None, Authentication::Password) => found.push(AccessProblem::NoPasswords { user }),
        (Some(list), Authentication::Password) => {
            if list.value.is_empty() || list.value.len() > 2 {
                found.push(AccessProblem::PasswordCount {
                    user,
                    list: list.span,
                    n: list.value.len(),
                });
            }
            for password in &list.value {
                if let Some(fault) = reference_fault(&password.value) {
                    found.push(AccessProblem::BadPassword {
                        at: password.span,
                        fault,
                    });
                }
            }
        }
        (Some(list), Authentication::Iam | Authentication::None) => {
            found.push(AccessProblem::UnusedPasswords {
                user,
                list: list.span,
                auth: user
                    .authentication
                    .as_ref()
                    .map_or(user.name.span, |a| a.span),
            })
        }
        (None, Authentication::Iam | Authentication::None) => {}
    }
}

/// A password must be a Secrets Manager reference: `secretsmanager:name` or the secret's ARN.
fn reference_fault(password: &str) -> Option<PasswordFault> {
    match password.split_once(':') {
        Some(("secretsmanager", "")) => Some(PasswordFault::NoSecret),
        Some(("secretsmanager", id)) if id.starts_with("arn:") => None,
        Some(("secretsmanager", id)) => id
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || "/_+=.@-".contains(c)))
            .then_some(PasswordFault::SecretChars),
        Some(("ssm", _)) => Some(PasswordFault::Ssm),
        _ => Some(PasswordFault::Plain),
    }
}
