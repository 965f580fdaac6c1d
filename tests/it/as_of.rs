//! The day every test compares lifecycle dates against, so results do not change with the
//! calendar: the one place it is written (the LSP benchmark includes this file too).

use cachec::date::Date;

pub const AS_OF: Date = Date::new(2026, 11, 26);

/// [`AS_OF`] as the CLI's `--as-of` argument, for tests that run the binary.
pub fn as_of() -> String {
    AS_OF.to_string()
}
