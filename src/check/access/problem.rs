//! The access control findings as data, and their wording. The rules in `access` only find;
//! this module alone writes the messages, labels and help.

use super::access_string::Fault;
use crate::diag::{Diag, codes};
use crate::model::{Cache, Function, Ref, User, UserEngine, UserGroup};
use crate::span::Span;
use crate::words::Word;

/// What the access control rules find.
#[derive(Debug, Clone)]
pub enum AccessProblem<'m> {
    /// W0916: a client without a user, on a cache whose `default` user is off.
    ClientAsDefault {
        function: &'m Function,
        cache: &'m Ref,
        default: &'m User,
    },
    /// E0917: a client's user outside the user group of a cache it connects to (`None`: the
    /// cache has no user group).
    ClientUserNotInGroup {
        at: Span,
        user: &'m User,
        cache: &'m Ref,
        group: Option<&'m UserGroup>,
    },
    /// E0918: a client's user that is off.
    ClientUserOff { at: Span, user: &'m User },
    /// E0919: a client that reads its password secret with no path to Secrets Manager.
    NoRouteToSecrets {
        at: Span,
        function: &'m Function,
        subnet: Span,
        existing: bool,
    },
    /// E0905: a UserId or UserGroupId AWS rejects.
    BadId {
        at: Span,
        what: IdOf,
        id: String,
        fault: IdFault,
    },
    /// E0905: an empty user name.
    EmptyUserName { at: Span },
    /// E0908: an IAM user whose name is not its id.
    IamNameNotId {
        user: &'m User,
        auth: Span,
        id: String,
    },
    /// E0911: an access string without rules.
    EmptyAccess { at: Span },
    /// E0911 to E0914: one rule of an access string, at its place in the string.
    AccessRule {
        at: Span,
        rule: String,
        fault: Fault,
    },
    /// E0907: password authentication without passwords.
    NoPasswords { user: &'m User },
    /// E0907: other than one or two passwords.
    PasswordCount {
        user: &'m User,
        list: Span,
        n: usize,
    },
    /// E0907: passwords for a user that does not authenticate with them.
    UnusedPasswords {
        user: &'m User,
        list: Span,
        auth: Span,
    },
    /// E0906: a password that is no Secrets Manager reference.
    BadPassword { at: Span, fault: PasswordFault },
    /// E0904: a user group without a `default` user.
    NoDefault { group: &'m UserGroup },
    /// E0915: two users of a group with one user name.
    DuplicateName {
        group: &'m UserGroup,
        at: Span,
        first: Span,
        name: &'m str,
    },
    /// E0910: a user whose engine its group cannot hold.
    UserEngine {
        group: &'m UserGroup,
        user: &'m User,
        at: Span,
    },
    /// E0901: a user group on Redis OSS before 6.0.
    OldRedis { cache: &'m Cache, at: Span },
    /// E0902: a user group without transit encryption.
    NoTls { cache: &'m Cache, at: Span },
    /// E0903: a user group and an AUTH token.
    WithToken {
        cache: &'m Cache,
        at: Span,
        token: Span,
    },
    /// E0910: a valkey user group on a Redis OSS cache.
    ValkeyGroupOnRedis {
        group: &'m UserGroup,
        cache: &'m Cache,
        at: Span,
    },
    /// E0909: an IAM user on Redis OSS before 7.0.
    IamTooOld {
        user: &'m User,
        auth: Span,
        cache: &'m Cache,
        at: Span,
    },
    /// W0901: a `default` user that lets anyone run commands.
    OpenDefault { user: &'m User, at: Span },
}

/// Whose id is at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdOf {
    User,
    UserGroup,
}

/// What is wrong with a UserId or UserGroupId.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdFault {
    NoLetterFirst,
    Chars,
}

/// What is wrong with a password reference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordFault {
    NoSecret,
    SecretChars,
    Ssm,
    Plain,
}

impl AccessProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            AccessProblem::ClientAsDefault {
                function,
                cache,
                default,
            } => Diag::new(
                codes::W0916,
                cache.name.span,
                format!(
                    "function `{}` connects to `{}` without a user, and that cache's `default` user is off",
                    function.name.value, cache.name.value
                ),
                "every command here fails with NOAUTH",
            )
            .with_label(default.access.span, "the `default` user is off")
            .help("write `user = NAME` on the function, naming a user of the cache's user group; it then reads CACHE_USER and CACHE_PASSWORD_SECRET from its environment"),
            AccessProblem::ClientUserNotInGroup {
                at,
                user,
                cache,
                group,
            } => {
                let (message, help) = match group {
                    Some(g) => (
                        format!(
                            "user `{}` is not in `{}`, the user group of `{}`",
                            user.name.value, g.name.value, cache.name.value
                        ),
                        format!("add `{}` to the `users` of `{}`, or name one of its users", user.name.value, g.name.value),
                    ),
                    None => (
                        format!(
                            "user `{}` cannot log in to `{}`, which has no user group",
                            user.name.value, cache.name.value
                        ),
                        format!("give `{}` a `user_group` holding `{}`, or remove `user`", cache.name.value, user.name.value),
                    ),
                };
                Diag::new(codes::E0917, *at, message, "the cache does not know this user")
                    .with_label(cache.name.span, "connects here")
                    .help(help)
            }
            AccessProblem::ClientUserOff { at, user } => Diag::new(
                codes::E0918,
                *at,
                format!("user `{}` is off: it cannot log in", user.name.value),
                "connects as this user",
            )
            .with_label(user.access.span, "`off` here")
            .help("write `on` in the user's access string, or connect as another user"),
            AccessProblem::NoRouteToSecrets {
                at,
                function,
                subnet,
                existing,
            } => {
                let mut help = "add `endpoint secretsmanager { kind = interface  subnets = [...] }` (private DNS on) listing the function's subnet to the network".to_string();
                if *existing {
                    help.push_str("; or, if the existing network has one or a NAT gateway, state it with `provides = [secretsmanager]`");
                }
                Diag::new(
                    codes::E0919,
                    *at,
                    format!(
                        "function `{}` reads its user's password from Secrets Manager, but its subnet has no path to Secrets Manager",
                        function.name.value
                    ),
                    "the password secret is read at run time",
                )
                .with_label(*subnet, "a private subnet: no route out")
                .help(help)
            }
            AccessProblem::BadId { at, what, id, fault } => {
                let fault = match fault {
                    IdFault::NoLetterFirst => "does not start with a letter",
                    IdFault::Chars => "holds a character other than letters, digits and hyphens",
                };
                match what {
                    IdOf::User => Diag::new(
                        codes::E0905,
                        *at,
                        format!("user id `{id}` {fault}"),
                        "not a valid UserId",
                    )
                    .help("a user id is a letter, then letters, digits and hyphens: set user_id = \"app-user\""),
                    IdOf::UserGroup => Diag::new(
                        codes::E0905,
                        *at,
                        format!("user group id `{id}` {fault}"),
                        "not a valid UserGroupId",
                    )
                    .help("the id is <stack>-<name>: use letters, digits and underscores in the name, and start the stack name with a letter"),
                }
            }
            AccessProblem::EmptyUserName { at } => {
                Diag::new(codes::E0905, *at, "the user name is empty", "empty")
                    .help("write the name clients authenticate as, such as user_name = \"app\"")
            }
            AccessProblem::IamNameNotId { user, auth, id } => Diag::new(
                codes::E0908,
                *auth,
                format!(
                    "an IAM user's name must be its id, but `{}` has id `{id}` and name `{}`",
                    user.name.value,
                    user.user_name().value
                ),
                "IAM authentication",
            )
            .with_label(user.user_name().span, "the user name")
            .help(format!("set user_name = \"{id}\"")),
            AccessProblem::EmptyAccess { at } => {
                Diag::new(codes::E0911, *at, "the access string is empty", "no rules")
                    .help("write the rules, such as access = \"on ~app:* -@all +@read\"")
            }
            AccessProblem::AccessRule { at, rule, fault } => rule_diag(*at, rule, fault),
            AccessProblem::NoPasswords { user } => Diag::new(
                codes::E0907,
                user.name.span,
                format!(
                    "user `{}` authenticates with a password but has none",
                    user.name.value
                ),
                "no passwords",
            )
            .help("add passwords = [\"secretsmanager:name\"], or set authentication = iam or none"),
            AccessProblem::PasswordCount { user, list, n } => Diag::new(
                codes::E0907,
                *list,
                format!(
                    "user `{}` has {n} passwords; ElastiCache takes 1 or 2",
                    user.name.value
                ),
                "1 or 2 passwords",
            )
            .help("give one password, or two while rotating"),
            AccessProblem::UnusedPasswords { user, list, auth } => Diag::new(
                codes::E0907,
                *list,
                format!(
                    "user `{}` has passwords but authentication = {}",
                    user.name.value,
                    user.authentication
                        .as_ref()
                        .map_or("password", |a| a.value.word())
                ),
                "not used",
            )
            .with_label(*auth, "no passwords with this")
            .help("remove passwords, or set authentication = password"),
            AccessProblem::BadPassword { at, fault } => {
                let fault = match fault {
                    PasswordFault::NoSecret => "names no secret",
                    PasswordFault::SecretChars => "holds a character a secret name cannot have",
                    PasswordFault::Ssm => {
                        "is an SSM parameter, but CloudFormation resolves SecureString parameters only for other properties"
                    }
                    PasswordFault::Plain => {
                        "is the password itself, which would be stored in the template"
                    }
                };
                Diag::new(
                    codes::E0906,
                    *at,
                    format!("this password {fault}"),
                    "not a Secrets Manager reference",
                )
                .help("store the password (16 to 128 printable characters) in Secrets Manager and write \"secretsmanager:name\"")
            }
            AccessProblem::NoDefault { group } => Diag::new(
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
            AccessProblem::DuplicateName {
                group,
                at,
                first,
                name,
            } => Diag::new(
                codes::E0915,
                *at,
                format!("two users of `{}` are named `{name}`", group.name.value),
                format!("also user_name \"{name}\""),
            )
            .with_label(*first, "the first")
            .help("a connection names the user it authenticates as: keep one user per user_name in a group"),
            AccessProblem::UserEngine { group, user, at } => {
                let why = match group.engine() {
                    UserEngine::Redis => "a `redis` user group cannot hold `valkey` users",
                    UserEngine::Valkey => {
                        "a `valkey` user group holds `redis` users only if they authenticate"
                    }
                };
                let engine = group.engine.as_ref().map_or(group.name.span, |e| e.span);
                Diag::new(
                    codes::E0910,
                    *at,
                    format!(
                        "user `{}` (engine {}) cannot be in user group `{}` (engine {})",
                        user.name.value,
                        user.engine().word(),
                        group.name.value,
                        group.engine().word()
                    ),
                    why,
                )
                .with_label(engine, "the group's engine")
                .help("give the user and the group the same engine, or give the user a password")
            }
            AccessProblem::OldRedis { cache, at } => Diag::new(
                codes::E0901,
                *at,
                format!(
                    "Redis OSS {} has no RBAC users; user groups need 6.0 or later",
                    cache.engine_version.value
                ),
                "needs Redis OSS 6.0 or later",
            )
            .with_label(cache.engine_version.span, "this version")
            .help("set engine_version = \"7.1\" (or move to Valkey), or use auth_token instead"),
            AccessProblem::NoTls { cache, at } => {
                let label = cache
                    .transit_encryption
                    .as_ref()
                    .map_or(cache.name.span, |t| t.span);
                Diag::new(
                    codes::E0902,
                    *at,
                    format!(
                        "`{}` names a user group without transit encryption",
                        cache.name.value
                    ),
                    "RBAC needs TLS",
                )
                .with_label(label, "transit encryption is off")
                .help("set transit_encryption = true")
            }
            AccessProblem::WithToken { cache, at, token } => Diag::new(
                codes::E0903,
                *at,
                format!(
                    "`{}` has both an AUTH token and a user group",
                    cache.name.value
                ),
                "a user group",
            )
            .with_label(*token, "an AUTH token")
            .help("remove auth_token: with RBAC, clients authenticate as users"),
            AccessProblem::ValkeyGroupOnRedis { group, cache, at } => Diag::new(
                codes::E0910,
                *at,
                format!(
                    "user group `{}` is for Valkey, but `{}` runs Redis OSS",
                    group.name.value, cache.name.value
                ),
                "a valkey user group",
            )
            .with_label(cache.engine.span, "Redis OSS")
            .help("set engine = redis on the user group (redis groups serve both engines)"),
            AccessProblem::IamTooOld {
                user,
                auth,
                cache,
                at,
            } => Diag::new(
                codes::E0909,
                *auth,
                format!(
                    "user `{}` authenticates with IAM, which Redis OSS {} does not support",
                    user.name.value, cache.engine_version.value
                ),
                "IAM authentication",
            )
            .with_label(*at, format!("used by `{}` here", cache.name.value))
            .with_label(cache.engine_version.span, "needs 7.0 or later")
            .help("set engine_version = \"7.1\" on the replication group, or give the user a password"),
            AccessProblem::OpenDefault { user, at } => Diag::new(
                codes::W0901,
                user.access.span,
                format!(
                    "`{}` lets connections without credentials run commands",
                    user.name.value
                ),
                "the default user, on, with commands and no password",
            )
            .with_label(*at, "the user group of a cache")
            .help(format!(
                "write access = \"off -@all\" for `{}` (or give it a password), so clients must authenticate as a user",
                user.name.value
            )),
        }
    }
}

/// One rejected rule of an access string, with the rule it may have meant.
fn rule_diag(at: Span, rule: &str, fault: &Fault) -> Diag {
    let suggest = |s: &Option<&str>, lead: &str| {
        s.map_or(String::new(), |s| format!("did you mean `{lead}{s}`? "))
    };
    let sign = rule.get(..1).unwrap_or_default();
    match fault {
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
    }
}
