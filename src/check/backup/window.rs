//! Maintenance and snapshot windows read from their text: `ddd:hh24:mi-ddd:hh24:mi` weekly and
//! `hh24:mi-hh24:mi` daily, in UTC, as minutes of the week or day; and whether the two ever meet.

pub use crate::aws::quotas::{WINDOW_DAYS as DAYS, WINDOW_MINUTES as MINIMUM};

const DAY: u32 = 24 * 60;
const WEEK: u32 = 7 * DAY;

/// A window as minutes from its period's start (Sunday 00:00, or midnight) to its start and end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: u32,
    pub end: u32,
    /// The period it repeats in: a week or a day.
    period: u32,
}

/// What makes a window's text unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// Not `A-B` with each side of the expected shape.
    Shape,
    /// A day that is not one of [`DAYS`].
    Day(String),
    /// An hour above 23 or a minute above 59.
    Time(String),
}

impl Window {
    /// `sun:05:00-sun:06:00`.
    pub fn weekly(text: &str) -> Result<Window, Malformed> {
        let (a, b) = text.trim().split_once('-').ok_or(Malformed::Shape)?;
        Ok(Window {
            start: day_time(a)?,
            end: day_time(b)?,
            period: WEEK,
        })
    }

    /// `03:00-04:00`.
    pub fn daily(text: &str) -> Result<Window, Malformed> {
        let (a, b) = text.trim().split_once('-').ok_or(Malformed::Shape)?;
        Ok(Window {
            start: time(a)?,
            end: time(b)?,
            period: DAY,
        })
    }

    /// Its length in minutes; a window may wrap past the end of its period.
    pub fn minutes(self) -> u32 {
        (self.end + self.period - self.start) % self.period
    }

    /// Whether a daily window meets a weekly one on any day.
    pub fn meets(self, weekly: Window) -> bool {
        let length = self.minutes();
        let inside = |minute: u32| (minute + WEEK - weekly.start) % WEEK < weekly.minutes();
        (0..7).any(|day| (0..length).any(|m| inside((day * DAY + self.start + m) % WEEK)))
    }
}

fn day_time(text: &str) -> Result<u32, Malformed> {
    let (day, rest) = text.split_once(':').ok_or(Malformed::Shape)?;
    let index = DAYS
        .iter()
        .position(|d| d.eq_ignore_ascii_case(day))
        .ok_or_else(|| {
            if day.len() == 3 && day.chars().all(|c| c.is_ascii_alphabetic()) {
                Malformed::Day(day.to_string())
            } else {
                Malformed::Shape
            }
        })?;
    Ok(index as u32 * DAY + time(rest)?)
}

/// `hh:mm` with two digits each.
fn time(text: &str) -> Result<u32, Malformed> {
    let (h, m) = text.split_once(':').ok_or(Malformed::Shape)?;
    let two = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !two(h) || !two(m) {
        return Err(Malformed::Shape);
    }
    let (h, m): (u32, u32) = (h.parse().unwrap_or(99), m.parse().unwrap_or(99));
    if h > 23 || m > 59 {
        return Err(Malformed::Time(text.to_string()));
    }
    Ok(h * 60 + m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_shapes() {
        let w = Window::weekly("sun:05:00-sun:06:00").expect("weekly");
        assert_eq!((w.start, w.end, w.minutes()), (300, 360, 60));
        assert_eq!(
            Window::weekly("Sat:23:00-Sun:01:00").map(Window::minutes),
            Ok(120)
        );
        assert_eq!(Window::daily("23:30-00:30").map(Window::minutes), Ok(60));
        assert_eq!(Window::daily("03:00-03:00").map(Window::minutes), Ok(0));
        assert_eq!(Window::daily("3:00-4:00"), Err(Malformed::Shape));
        assert_eq!(
            Window::daily("03:00-24:00"),
            Err(Malformed::Time("24:00".into()))
        );
        assert_eq!(
            Window::weekly("sun:05:00-sum:06:00"),
            Err(Malformed::Day("sum".into()))
        );
        assert_eq!(Window::weekly("03:00-04:00"), Err(Malformed::Shape));
    }

    #[test]
    fn a_daily_window_meets_the_weekly_one_on_its_day() {
        let maintenance = Window::weekly("sun:05:00-sun:06:00").expect("weekly");
        let at = |t: &str| Window::daily(t).expect("daily").meets(maintenance);
        assert!(!at("03:00-04:00"));
        assert!(!at("04:00-05:00"));
        assert!(at("04:30-05:30"));
        assert!(at("05:59-07:00"));
        assert!(!at("06:00-07:00"));
        let across = Window::weekly("sat:23:30-sun:00:30").expect("weekly");
        assert!(Window::daily("00:00-01:00").expect("daily").meets(across));
        assert!(!Window::daily("01:00-02:00").expect("daily").meets(across));
    }
}
