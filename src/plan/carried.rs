//! Warnings NEW shares with OLD: the plan shows what the update brings, not what is deployed already.
//! A warning is the same when its code, message, labels, help and environments are, wherever it is.

use crate::diag::{Diag, Severity};
use crate::hash::HashMap;

/// What the plan shows of the two programs' diagnostics.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    /// OLD's errors: they stop the plan. OLD's warnings are the deployed program's, not the update's.
    pub old: Vec<Diag>,
    /// NEW's errors, and the warnings of NEW that OLD does not have as many times.
    pub new: Vec<Diag>,
    /// How many of NEW's warnings OLD has too, not shown.
    pub carried: usize,
}

/// What a warning says, without where: a line moved by an edit above it is the same warning.
type Key<'a> = (&'static str, &'a str, &'a str, Vec<&'a str>, &'a [String]);

fn key(diag: &Diag) -> Key<'_> {
    (
        diag.code.id,
        &diag.message,
        &diag.help,
        diag.labels.iter().map(|l| l.message.as_str()).collect(),
        &diag.envs,
    )
}

/// Splits the diagnostics of OLD and NEW into those the plan shows and the count it leaves out.
/// Each OLD warning accounts for one equal warning of NEW, so a second copy of a warning is new.
pub fn shown(old: &[Diag], new: &[Diag]) -> Shown {
    let mut deployed: HashMap<Key<'_>, usize> = HashMap::default();
    for diag in old.iter().filter(|d| d.severity == Severity::Warning) {
        *deployed.entry(key(diag)).or_default() += 1;
    }
    let mut carried = 0;
    let new = new
        .iter()
        .filter(|diag| {
            if diag.severity != Severity::Warning {
                return true;
            }
            match deployed.get_mut(&key(diag)) {
                Some(left) if *left > 0 => {
                    *left -= 1;
                    carried += 1;
                    false
                }
                _ => true,
            }
        })
        .cloned()
        .collect();
    Shown {
        old: old
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .cloned()
            .collect(),
        new,
        carried,
    }
}

impl Shown {
    /// The line that says what was left out, after the diagnostics; none when nothing was.
    pub fn note(&self, new: &str, old: &str) -> Option<String> {
        match self.carried {
            0 => None,
            1 => Some(format!(
                "1 warning of {new} that {old} has too is not shown; `cachec check` lists it"
            )),
            n => Some(format!(
                "{n} warnings of {new} that {old} has too are not shown; `cachec check` lists them"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::codes;
    use crate::span::Span;

    fn warning(message: &str, at: usize) -> Diag {
        Diag::new(codes::W0502, Span::new(at, at + 1), message, "turned off")
    }

    #[test]
    fn a_warning_old_has_is_left_out_wherever_it_moved() {
        let old = [warning("`a` is unencrypted", 10)];
        let new = [
            warning("`a` is unencrypted", 90),
            warning("`b` is unencrypted", 20),
        ];
        let shown = shown(&old, &new);
        assert_eq!(shown.carried, 1);
        assert_eq!(shown.new, vec![new[1].clone()]);
        assert!(shown.old.is_empty());
        assert_eq!(
            shown.note("new.cache", "old.cache").as_deref(),
            Some(
                "1 warning of new.cache that old.cache has too is not shown; `cachec check` lists it"
            )
        );
    }

    #[test]
    fn each_old_warning_accounts_for_one_new_copy() {
        let old = [warning("same", 1)];
        let new = [warning("same", 1), warning("same", 5)];
        let shown = shown(&old, &new);
        assert_eq!((shown.carried, shown.new.len()), (1, 1));
        let none = super::shown(&[], &new);
        assert_eq!((none.carried, none.note("n", "o")), (0, None));
    }

    #[test]
    fn errors_of_both_programs_are_always_shown() {
        let error = Diag::new(codes::E0101, Span::new(0, 1), "unknown engine", "here");
        let one = std::slice::from_ref(&error);
        let shown = shown(one, one);
        assert_eq!(shown.old, vec![error.clone()]);
        assert_eq!(shown.new, vec![error]);
        assert_eq!(shown.carried, 0);
    }

    #[test]
    fn a_warning_in_other_environments_is_new() {
        let old = [warning("w", 1)];
        let mut prod = warning("w", 1);
        prod.envs = vec!["prod".to_string()];
        let shown = shown(&old, std::slice::from_ref(&prod));
        assert_eq!(shown.new, vec![prod]);
    }
}
