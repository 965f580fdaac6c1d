//! One user's own rules: its id and name, its access string (each rule at its place in the
//! string), how it authenticates and the references its passwords are read from.

use super::access_string::{self, Fault};
use crate::diag::{Diag, codes};
use crate::model::ids::{user_group_name, user_id};
use crate::model::{Authentication, Model, User};
use crate::span::{Span, Spanned};

pub fn check(model: &Model, user: &User, out: &mut Vec<Diag>) {
    ids(model, user, out);
    access(user, out);
    passwords(user, out);
}

/// Source: ElastiCache API `CreateUser`: UserId `[a-zA-Z][a-zA-Z0-9\-]*`, UserName at least one
/// character (https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateUser.html).
fn ids(model: &Model, user: &User, out: &mut Vec<Diag>) {
    let id = user_id(&model.stack.name.value, user);
    let at = user.user_id.as_ref().map_or(user.name.span, |i| i.span);
    if let Some(fault) = id_fault(&id) {
        out.push(
            Diag::new(
                codes::E0905,
                at,
                format!("user id `{id}` {fault}"),
                "not a valid UserId",
            )
            .help("a user id is a letter, then letters, digits and hyphens: set user_id = \"app-user\""),
        );
    }
    if user.user_name().value.trim().is_empty() {
        out.push(
            Diag::new(
                codes::E0905,
                user.user_name().span,
                "the user name is empty",
                "empty",
            )
            .help("write the name clients authenticate as, such as user_name = \"app\""),
        );
    }
    // Source: "Authenticating with IAM", Limitations: "the user ID and user name must be
    // identical" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html).
    if let Some(auth) = &user.authentication
        && auth.value == Authentication::Iam
        && user.user_name().value != id
    {
        out.push(
            Diag::new(
                codes::E0908,
                auth.span,
                format!(
                    "an IAM user's name must be its id, but `{}` has id `{id}` and name `{}`",
                    user.name.value,
                    user.user_name().value
                ),
                "IAM authentication",
            )
            .with_label(user.user_name().span, "the user name")
            .help(format!("set user_name = \"{id}\"")),
        );
    }
}

/// What is wrong with a UserId or UserGroupId, if anything.
pub fn id_fault(id: &str) -> Option<&'static str> {
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return Some("does not start with a letter");
    }
    (!id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .then_some("holds a character other than letters, digits and hyphens")
}

/// The group's id follows the same rule (CloudFormation `AWS::ElastiCache::UserGroup` UserGroupId).
pub fn group_id_fault(stack: &str, name: &Spanned<String>) -> Option<Diag> {
    let id = user_group_name(stack, &name.value);
    id_fault(&id).map(|fault| {
        Diag::new(
            codes::E0905,
            name.span,
            format!("user group id `{id}` {fault}"),
            "not a valid UserGroupId",
        )
        .help("the id is <stack>-<name>: use letters, digits and underscores in the name, and start the stack name with a letter")
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

fn access(user: &User, out: &mut Vec<Diag>) {
    let text = &user.access;
    if text.value.trim().is_empty() {
        out.push(
            Diag::new(
                codes::E0911,
                text.span,
                "the access string is empty",
                "no rules",
            )
            .help("write the rules, such as access = \"on ~app:* -@all +@read\""),
        );
        return;
    }
    for finding in access_string::read(&text.value).findings {
        let at = inside(text, finding.at.clone());
        let rule = &finding.rule;
        let suggest = |s: Option<&str>, lead: &str| {
            s.map_or(String::new(), |s| format!("did you mean `{lead}{s}`? "))
        };
        let sign = rule.get(..1).unwrap_or_default();
        let diag = match finding.fault {
            Fault::NotARule(close) => Diag::new(
                codes::E0911,
                at,
                format!("`{rule}` is not an access string rule"),
                "not a rule",
            )
            .help(format!(
                "{}rules are on/off, ~keys, %R~keys, &channels, allkeys, allchannels, +@category, -@category, +command, -command",
                suggest(close, "")
            )),
            Fault::BadKeyFlags => Diag::new(
                codes::E0911,
                at,
                format!("`{rule}` is not a key permission"),
                "expected %R~, %W~ or %RW~",
            )
            .help("write %R~pattern (read), %W~pattern (write) or %RW~pattern"),
            Fault::Empty => Diag::new(
                codes::E0911,
                at,
                format!("`{rule}` names nothing"),
                "empty rule",
            )
            .help("write a pattern or a name after it, such as ~app:* or +@read"),
            Fault::UnknownCategory(close) => Diag::new(
                codes::E0912,
                at,
                format!("`{rule}` names no ACL category"),
                "unknown category",
            )
            .help(format!(
                "{}the categories are those of `ACL CAT`: all, read, write, keyspace, string, hash, list, set, sortedset, stream, pubsub, connection, ...",
                suggest(close, &format!("{sign}@"))
            )),
            Fault::UnknownCommand(close) => Diag::new(
                codes::E0913,
                at,
                format!("`{rule}` names no command"),
                "unknown command",
            )
            .help(format!(
                "{}name a command (such as +get) or a command with a subcommand (such as +client|setname)",
                suggest(close, sign)
            )),
            Fault::Password => Diag::new(
                codes::E0914,
                at,
                format!("`{rule}` sets or clears passwords inside the access string"),
                "a password rule",
            )
            .help("remove it: ElastiCache takes a user's passwords from `passwords` (and `authentication = none` for none)"),
        };
        out.push(diag);
    }
}

/// Source: CloudFormation `AWS::ElastiCache::User` AuthenticationMode and Passwords ("up to two
/// passwords"); `ssm-secure` references are not among those CloudFormation resolves for it
/// ("Resources that support dynamic parameter patterns for secure strings",
/// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-ssm-secure-strings.html).
fn passwords(user: &User, out: &mut Vec<Diag>) {
    let auth = user.authentication();
    let auth_span = user
        .authentication
        .as_ref()
        .map_or(user.name.span, |a| a.span);
    match (&user.passwords, auth) {
        (None, Authentication::Password) => out.push(
            Diag::new(
                codes::E0907,
                user.name.span,
                format!(
                    "user `{}` authenticates with a password but has none",
                    user.name.value
                ),
                "no passwords",
            )
            .help("add passwords = [\"secretsmanager:name\"], or set authentication = iam or none"),
        ),
        (Some(list), Authentication::Password) => {
            if list.value.is_empty() || list.value.len() > 2 {
                out.push(
                    Diag::new(
                        codes::E0907,
                        list.span,
                        format!(
                            "user `{}` has {} passwords; ElastiCache takes 1 or 2",
                            user.name.value,
                            list.value.len()
                        ),
                        "1 or 2 passwords",
                    )
                    .help("give one password, or two while rotating"),
                );
            }
            for password in &list.value {
                reference(password, out);
            }
        }
        (Some(list), Authentication::Iam | Authentication::None) => out.push(
            Diag::new(
                codes::E0907,
                list.span,
                format!(
                    "user `{}` has passwords but authentication = {}",
                    user.name.value,
                    user.authentication
                        .as_ref()
                        .map_or("password", |a| crate::words::Word::word(a.value))
                ),
                "not used",
            )
            .with_label(auth_span, "no passwords with this")
            .help("remove passwords, or set authentication = password"),
        ),
        (None, Authentication::Iam | Authentication::None) => {}
    }
}

/// A password must be a Secrets Manager reference: `secretsmanager:name` or the secret's ARN.
fn reference(password: &Spanned<String>, out: &mut Vec<Diag>) {
    let fault = match password.value.split_once(':') {
        Some(("secretsmanager", "")) => Some("names no secret"),
        Some(("secretsmanager", id)) if id.starts_with("arn:") => None,
        Some(("secretsmanager", id)) => id
            .chars()
            .any(|c| !(c.is_ascii_alphanumeric() || "/_+=.@-".contains(c)))
            .then_some("holds a character a secret name cannot have"),
        Some(("ssm", _)) => Some(
            "is an SSM parameter, but CloudFormation resolves SecureString parameters only for other properties",
        ),
        _ => Some("is the password itself, which would be stored in the template"),
    };
    if let Some(fault) = fault {
        out.push(
            Diag::new(
                codes::E0906,
                password.span,
                format!("this password {fault}"),
                "not a Secrets Manager reference",
            )
            .help("store the password (16 to 128 printable characters) in Secrets Manager and write \"secretsmanager:name\""),
        );
    }
}
