//! The backup and maintenance findings as data, and their wording. The rules in `mod.rs` only
//! find; this module alone writes the messages and the fixes they suggest.

use super::window::{DAYS, MINIMUM, Malformed, Window};
use crate::diag::suggest::did_you_mean;
use crate::diag::{Diag, codes};
use crate::model::S;
use crate::span::Span;

/// Which of the two windows a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Maintenance,
    Snapshot,
}

impl Which {
    fn key(self) -> &'static str {
        match self {
            Which::Maintenance => "maintenance_window",
            Which::Snapshot => "snapshot_window",
        }
    }

    fn example(self) -> &'static str {
        match self {
            Which::Maintenance => "sun:05:00-sun:06:00",
            Which::Snapshot => "03:00-04:00",
        }
    }
}

#[derive(Debug, Clone)]
pub enum BackupProblem {
    /// E0137: the text is not a window.
    Malformed {
        at: Span,
        which: Which,
        fault: Malformed,
    },
    /// E0138: shorter than ElastiCache's minimum.
    TooShort {
        at: Span,
        which: Which,
        window: Window,
    },
    /// E0139: the snapshot window meets the maintenance window; `fix` is a snapshot window of the
    /// same length that starts when maintenance ends, if that one meets it on no day.
    Overlap {
        snapshot: S<String>,
        maintenance: Span,
        fix: Option<String>,
    },
    /// W0133: a snapshot window while retention is 0.
    NoBackups {
        window: Span,
        retention: Option<Span>,
    },
}

/// A snapshot window as long as `snapshot` that starts when `maintenance` ends, if it is clear.
pub fn moved_after(snapshot: Window, maintenance: Window) -> Option<String> {
    let start = maintenance.end % (24 * 60);
    let text = format!(
        "{}-{}",
        clock(start),
        clock((start + snapshot.minutes()) % (24 * 60))
    );
    let moved = Window::daily(&text).ok()?;
    (!moved.meets(maintenance)).then_some(text)
}

fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `window` lengthened to the minimum, written as the user wrote that kind of window.
fn lengthened(which: Which, window: Window) -> String {
    match which {
        Which::Snapshot => format!(
            "{}-{}",
            clock(window.start),
            clock((window.start + MINIMUM) % (24 * 60))
        ),
        Which::Maintenance => {
            let week = 7 * 24 * 60;
            let end = (window.start + MINIMUM) % week;
            let day_clock = |m: u32| {
                let day = DAYS.get((m / (24 * 60)) as usize).copied().unwrap_or("sun");
                format!("{day}:{}", clock(m % (24 * 60)))
            };
            format!("{}-{}", day_clock(window.start), day_clock(end))
        }
    }
}

impl BackupProblem {
    pub fn diag(&self) -> Diag {
        match self {
            BackupProblem::Malformed { at, which, fault } => {
                let key = which.key();
                let shape = match which {
                    Which::Maintenance => "ddd:hh24:mi-ddd:hh24:mi",
                    Which::Snapshot => "hh24:mi-hh24:mi",
                };
                let (message, help) = match fault {
                    Malformed::Shape => (
                        format!("`{key}` is not a window of the form {shape}"),
                        format!(
                            "write {key} = \"{}\": {shape} on a 24-hour clock, in UTC",
                            which.example()
                        ),
                    ),
                    Malformed::Day(day) => (
                        format!("`{day}` is not a day ElastiCache knows"),
                        did_you_mean(&day.to_ascii_lowercase(), &DAYS, "day"),
                    ),
                    Malformed::Time(time) => (
                        format!("`{time}` is not a time of day"),
                        "hours run from 00 to 23 and minutes from 00 to 59".to_string(),
                    ),
                };
                Diag::new(codes::E0137, *at, message, format!("not {shape}")).help(help)
            }
            BackupProblem::TooShort { at, which, window } => Diag::new(
                codes::E0138,
                *at,
                format!(
                    "`{}` lasts {} minutes; ElastiCache needs at least {MINIMUM}",
                    which.key(),
                    window.minutes()
                ),
                "too short",
            )
            .help(format!(
                "write {} = \"{}\"",
                which.key(),
                lengthened(*which, *window)
            )),
            BackupProblem::Overlap {
                snapshot,
                maintenance,
                fix,
            } => Diag::new(
                codes::E0139,
                snapshot.span,
                format!(
                    "the snapshot window {} overlaps the maintenance window, which ElastiCache rejects",
                    snapshot.value
                ),
                "the daily snapshot window",
            )
            .with_label(*maintenance, "meets this weekly window")
            .help(match fix {
                Some(fix) => format!(
                    "write snapshot_window = \"{fix}\", which starts when maintenance ends"
                ),
                None => "move the snapshot window to hours the maintenance window leaves free on every day".to_string(),
            }),
            BackupProblem::NoBackups { window, retention } => {
                let diag = Diag::new(
                    codes::W0133,
                    *window,
                    "a snapshot window, but no automatic backups to take in it",
                    "snapshot window",
                )
                .help("add snapshot_retention = 7 (days of backups to keep, 1 to 35), or remove snapshot_window");
                match retention {
                    Some(span) => diag.with_label(*span, "no backups are kept"),
                    None => diag,
                }
            }
        }
    }
}
