//! What `--allow CODE` accepts: a warning of the catalog. An unknown code or an error's code is
//! refused with the nearest warnings, so a typo never silences nothing without a word.

use std::fmt;

use super::Severity;
use super::codes::{ALL, Code, lookup};

/// Why a code cannot be allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotAllowed {
    /// No code has this id.
    Unknown {
        given: String,
        nearest: Vec<&'static str>,
    },
    /// An error: AWS would reject the program (or it would fail at run time) all the same.
    Error {
        code: Code,
        nearest: Vec<&'static str>,
    },
}

/// How many warnings a refusal names.
const NEAREST: usize = 3;

/// The warning `given` names (any case), or why it cannot be allowed.
pub fn allowed(given: &str) -> Result<Code, NotAllowed> {
    let nearest = nearest_warnings(given);
    match lookup(given) {
        Some(code) if code.severity == Severity::Warning => Ok(code),
        Some(code) => Err(NotAllowed::Error { code, nearest }),
        None => Err(NotAllowed::Unknown {
            given: given.to_string(),
            nearest,
        }),
    }
}

/// The warnings closest to `given`: fewest edits first, then the nearest number.
fn nearest_warnings(given: &str) -> Vec<&'static str> {
    let given = given.to_ascii_uppercase();
    let number = |id: &str| id.get(1..).and_then(|n| n.parse::<i64>().ok());
    let mut warnings: Vec<(usize, i64, &'static str)> = ALL
        .iter()
        .filter(|c| c.severity == Severity::Warning)
        .map(|c| {
            let apart = match (number(&given), number(c.id)) {
                (Some(a), Some(b)) => (a - b).abs(),
                _ => i64::MAX,
            };
            (edits(&given, c.id), apart, c.id)
        })
        .collect();
    warnings.sort();
    warnings
        .into_iter()
        .take(NEAREST)
        .map(|(_, _, id)| id)
        .collect()
}

/// Edits between two ids: insertions, deletions, substitutions and swaps of neighbours (the
/// optimal string alignment distance), so that `W0520` is one edit from `W0502`.
fn edits(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d: Vec<usize> = vec![0; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    let get = |d: &[usize], i: usize, j: usize| d.get(at(i, j)).copied().unwrap_or(usize::MAX);
    for i in 0..=a.len() {
        for j in 0..=b.len() {
            let value = if i == 0 || j == 0 {
                i + j
            } else {
                let same = a.get(i - 1) == b.get(j - 1);
                let mut best = (get(&d, i - 1, j - 1) + usize::from(!same))
                    .min(get(&d, i - 1, j) + 1)
                    .min(get(&d, i, j - 1) + 1);
                if i > 1 && j > 1 && a.get(i - 1) == b.get(j - 2) && a.get(i - 2) == b.get(j - 1) {
                    best = best.min(get(&d, i - 2, j - 2) + 1);
                }
                best
            };
            if let Some(cell) = d.get_mut(at(i, j)) {
                *cell = value;
            }
        }
    }
    get(&d, a.len(), b.len())
}

impl fmt::Display for NotAllowed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotAllowed::Unknown { given, nearest } => write!(
                f,
                "no diagnostic has the code `{given}`; the nearest warnings are {}",
                nearest.join(", ")
            ),
            NotAllowed::Error { code, nearest } => write!(
                f,
                "{} ({}) is an error, and errors cannot be silenced: fix the program instead; \
                 --allow takes a warning, such as {}",
                code.id,
                code.title,
                nearest.join(", ")
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_is_allowed_in_any_case() {
        assert_eq!(allowed("w0502").map(|c| c.id), Ok("W0502"));
    }

    #[test]
    fn an_unknown_code_names_the_nearest_warnings() {
        let Err(NotAllowed::Unknown { nearest, .. }) = allowed("W0902") else {
            panic!("W0902 is not a code");
        };
        assert_eq!(nearest.first(), Some(&"W0901"), "{nearest:?}");
        assert!(
            nearest.iter().all(|code| code.starts_with('W')),
            "{nearest:?}"
        );
        let Err(NotAllowed::Unknown { nearest, .. }) = allowed("W0520") else {
            panic!("W0520 is not a code");
        };
        assert_eq!(nearest.first(), Some(&"W0502"), "{nearest:?}");
    }

    #[test]
    fn an_error_cannot_be_allowed() {
        let refusal = allowed("E0008").expect_err("E0008 is an error");
        assert!(matches!(refusal, NotAllowed::Error { code, .. } if code.id == "E0008"));
        assert!(refusal.to_string().contains("errors cannot be silenced"));
    }

    #[test]
    fn edits_count_changes() {
        assert_eq!(edits("W0502", "W0502"), 0);
        assert_eq!(edits("W0520", "W0502"), 1);
        assert_eq!(edits("W0530", "W0502"), 2);
        assert_eq!(edits("W050", "W0502"), 1);
    }
}
