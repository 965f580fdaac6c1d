//! Backup and maintenance rules of a replication group: the two windows' formats and lengths, their
//! overlap, and a snapshot window with nothing to back up. The wording is in `problem`.

mod problem;
pub mod window;

use problem::{BackupProblem, Which};
use window::{MINIMUM, Window};

use crate::diag::Diag;
use crate::model::{Cache, Model, S};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    for cache in &model.caches {
        out.extend(find(cache).iter().map(BackupProblem::diag));
    }
}

fn find(cache: &Cache) -> Vec<BackupProblem> {
    let mut found = Vec::new();
    let maintenance = read(&cache.maintenance_window, Which::Maintenance, &mut found);
    let snapshot = read(&cache.snapshot_window, Which::Snapshot, &mut found);
    if let (Some((m, m_at)), Some((s, s_at))) = (maintenance, snapshot)
        && s.meets(m)
    {
        found.push(BackupProblem::Overlap {
            snapshot: s_at.clone(),
            maintenance: m_at.span,
            fix: problem::moved_after(s, m),
        });
    }
    if let Some(window) = &cache.snapshot_window
        && cache
            .snapshot_retention
            .as_ref()
            .is_none_or(|d| d.value == 0)
    {
        found.push(BackupProblem::NoBackups {
            window: window.span,
            retention: cache.snapshot_retention.as_ref().map(|d| d.span),
        });
    }
    found
}

/// A window that reads and is long enough, with its text; else what is wrong with it.
fn read<'c>(
    text: &'c Option<S<String>>,
    which: Which,
    found: &mut Vec<BackupProblem>,
) -> Option<(Window, &'c S<String>)> {
    let text = text.as_ref()?;
    let parsed = match which {
        Which::Maintenance => Window::weekly(&text.value),
        Which::Snapshot => Window::daily(&text.value),
    };
    match parsed {
        Err(fault) => {
            found.push(BackupProblem::Malformed {
                at: text.span,
                which,
                fault,
            });
            None
        }
        Ok(w) if w.minutes() < MINIMUM => {
            found.push(BackupProblem::TooShort {
                at: text.span,
                which,
                window: w,
            });
            None
        }
        Ok(w) => Some((w, text)),
    }
}
