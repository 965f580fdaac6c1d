//! Access strings read rule by rule, as the engine's `ACL SETUSER` reads them, with the byte range
//! of each rule that ElastiCache or the engine would reject.
//!
//! Source: ElastiCache "Role-Based Access Control (RBAC)" (what access strings may not hold:
//! passwords, `reset`; https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html)
//! and the engines' ACL rules (https://valkey.io/topics/acl/).

use std::ops::Range;

use crate::aws::acl::{CATEGORIES, COMMANDS, is_command};
use crate::diag::suggest::closest;

/// Rules that are whole words.
const WORDS: &[&str] = &[
    "on",
    "off",
    "allkeys",
    "resetkeys",
    "allchannels",
    "resetchannels",
    "allcommands",
    "nocommands",
    "clearselectors",
];

/// Rules that set or clear passwords, which ElastiCache takes only from the user's passwords.
const PASSWORD_WORDS: &[&str] = &["nopass", "resetpass", "reset"];

/// What is wrong with one rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Not a rule; the closest rule word, if one is close.
    NotARule(Option<&'static str>),
    /// `%X~` with flags other than R and W.
    BadKeyFlags,
    /// A `~`, `&` or `@` with nothing after it.
    Empty,
    UnknownCategory(Option<&'static str>),
    UnknownCommand(Option<&'static str>),
    /// `>secret`, `<secret`, `#hash`, `!hash`, `nopass`, `resetpass`, `reset`.
    Password,
}

/// One rejected rule: its byte range in the access string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub at: Range<usize>,
    pub rule: String,
    pub fault: Fault,
}

/// What an access string grants, as far as the warnings need it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Access {
    /// `on` was the last of `on`/`off` (the engine's default is off).
    pub on: bool,
    /// Some rule adds commands.
    pub commands: bool,
    pub findings: Vec<Finding>,
}

pub fn read(text: &str) -> Access {
    let mut access = Access::default();
    let mut in_selector = false;
    for (at, rule) in rules(text) {
        // Selectors `(...)` hold rules of their own; their contents are the engine's to judge.
        if in_selector || rule.starts_with('(') {
            in_selector = !rule.ends_with(')');
            continue;
        }
        let fault = judge(rule, &mut access);
        if let Some(fault) = fault {
            access.findings.push(Finding {
                at,
                rule: rule.to_string(),
                fault,
            });
        }
    }
    access
}

/// The rules of `text`, split at whitespace, with their byte ranges.
fn rules(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    text.split_ascii_whitespace().map(move |rule| {
        let start = rule.as_ptr() as usize - text.as_ptr() as usize;
        (start..start + rule.len(), rule)
    })
}

fn judge(rule: &str, access: &mut Access) -> Option<Fault> {
    let lower = rule.to_ascii_lowercase();
    match lower.as_str() {
        "on" => access.on = true,
        "off" => access.on = false,
        "allcommands" => access.commands = true,
        w if WORDS.contains(&w) => {}
        w if PASSWORD_WORDS.contains(&w) => return Some(Fault::Password),
        _ => return pattern_or_command(rule, access),
    }
    None
}

fn pattern_or_command(rule: &str, access: &mut Access) -> Option<Fault> {
    let (first, rest) = rule.split_at(rule.chars().next().map_or(0, char::len_utf8));
    match first {
        ">" | "<" | "#" | "!" => Some(Fault::Password),
        "~" | "&" => rest.is_empty().then_some(Fault::Empty),
        "%" => match rest.split_once('~') {
            Some((flags, pattern)) => {
                let flags_ok = !flags.is_empty()
                    && flags
                        .chars()
                        .all(|c| matches!(c.to_ascii_uppercase(), 'R' | 'W'));
                if !flags_ok {
                    Some(Fault::BadKeyFlags)
                } else {
                    pattern.is_empty().then_some(Fault::Empty)
                }
            }
            None => Some(Fault::BadKeyFlags),
        },
        "+" | "-" => {
            if first == "+" {
                access.commands = true;
            }
            match rest.strip_prefix('@') {
                Some("") => Some(Fault::Empty),
                Some(category) => {
                    let known = CATEGORIES.iter().any(|c| c.eq_ignore_ascii_case(category));
                    (!known).then(|| {
                        Fault::UnknownCategory(closest(category, CATEGORIES.iter().copied()))
                    })
                }
                None => command(rest),
            }
        }
        _ => Some(Fault::NotARule(closest(
            rule,
            WORDS.iter().chain(PASSWORD_WORDS).copied(),
        ))),
    }
}

/// `get`, `config|get`, or `select|0` (a first argument of a command without subcommands).
fn command(name: &str) -> Option<Fault> {
    if name.is_empty() {
        return Some(Fault::Empty);
    }
    if is_command(name) {
        return None;
    }
    let Some((base, _)) = name.split_once('|') else {
        return Some(Fault::UnknownCommand(closest(
            name,
            COMMANDS.iter().copied().filter(|c| !c.contains('|')),
        )));
    };
    if !is_command(base) {
        return Some(Fault::UnknownCommand(closest(
            base,
            COMMANDS.iter().copied().filter(|c| !c.contains('|')),
        )));
    }
    let prefix = format!("{}|", base.to_ascii_lowercase());
    let mut subcommands = COMMANDS.iter().copied().filter(|c| c.starts_with(&prefix));
    let has_subcommands = subcommands.clone().next().is_some();
    has_subcommands
        .then(|| Fault::UnknownCommand(closest(&name.to_ascii_lowercase(), &mut subcommands)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn faults(text: &str) -> Vec<(Range<usize>, Fault)> {
        read(text)
            .findings
            .into_iter()
            .map(|f| (f.at, f.fault))
            .collect()
    }

    #[test]
    fn rules_and_their_faults() {
        assert!(faults("on ~app:* &app:* %R~ro:* -@all +@read +config|get +select|0").is_empty());
        assert_eq!(
            faults("on +@reed"),
            vec![(3..9, Fault::UnknownCategory(Some("read")))]
        );
        assert_eq!(
            faults("on +gett"),
            vec![(3..8, Fault::UnknownCommand(Some("get")))]
        );
        assert_eq!(
            faults("on +client|kil"),
            vec![(3..14, Fault::UnknownCommand(Some("client|kill")))]
        );
        assert_eq!(
            faults(">secret nopass"),
            vec![(0..7, Fault::Password), (8..14, Fault::Password)]
        );
        assert_eq!(faults("of"), vec![(0..2, Fault::NotARule(Some("off")))]);
        assert_eq!(faults("%X~a"), vec![(0..4, Fault::BadKeyFlags)]);
        assert!(faults("on (~x +get) +@read").is_empty());
        let access = read("on ~* +@all off");
        assert!(!access.on && access.commands);
    }
}
