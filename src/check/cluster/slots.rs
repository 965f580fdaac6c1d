//! Hash slots of `shard` blocks: each range inside 0 to 16383, no slot held twice, and all 16,384
//! held when every shard names its slots. Source: ElastiCache "Working with shards" and the
//! CloudFormation `NodeGroupConfiguration` (Slots: "startkey-endkey").

use crate::model::SLOTS;

/// One `start-end` range, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub start: u32,
    pub end: u32,
}

/// Why a `slots` value is not a list of ranges inside the cluster's slots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotsError {
    /// Not `start-end` (or several joined by commas) of whole numbers.
    Malformed,
    /// A number past 16383.
    OutOfRange(u32),
    /// `end` before `start`.
    Backwards(Range),
}

/// `"0-5460"`, `"0-100,200-300"`, or a single slot `"7"`.
pub fn parse(text: &str) -> Result<Vec<Range>, SlotsError> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let part = part.trim();
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let number = |s: &str| -> Result<u32, SlotsError> {
            let s = s.trim();
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(SlotsError::Malformed);
            }
            s.parse::<u32>()
                .map_err(|_| SlotsError::OutOfRange(u32::MAX))
        };
        let range = Range {
            start: number(a)?,
            end: number(b)?,
        };
        if let Some(past) = [range.start, range.end].into_iter().find(|n| *n >= SLOTS) {
            return Err(SlotsError::OutOfRange(past));
        }
        if range.end < range.start {
            return Err(SlotsError::Backwards(range));
        }
        out.push(range);
    }
    Ok(out)
}

/// The first slot two of `ranges` (tagged with their owner) both hold, with the two owners.
pub fn overlap<T: Copy>(ranges: &[(T, Range)]) -> Option<(u32, T, T)> {
    let mut sorted: Vec<&(T, Range)> = ranges.iter().collect();
    sorted.sort_by_key(|(_, r)| (r.start, r.end));
    sorted.windows(2).find_map(|w| match w {
        [a, b] => (b.1.start <= a.1.end).then_some((b.1.start, a.0, b.0)),
        _ => None,
    })
}

/// The slots none of `ranges` holds, as ranges.
pub fn gaps(ranges: &[Range]) -> Vec<Range> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| r.start);
    let mut out = Vec::new();
    let mut next = 0u32;
    for r in sorted {
        if r.start > next {
            out.push(Range {
                start: next,
                end: r.start - 1,
            });
        }
        next = next.max(r.end + 1);
    }
    if next < SLOTS {
        out.push(Range {
            start: next,
            end: SLOTS - 1,
        });
    }
    out
}

impl std::fmt::Display for Range {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.start == self.end {
            true => write!(f, "{}", self.start),
            false => write!(f, "{}-{}", self.start, self.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_parse_and_cover() {
        let r = |start, end| Range { start, end };
        assert_eq!(parse("0-5460"), Ok(vec![r(0, 5460)]));
        assert_eq!(parse("0-1, 7"), Ok(vec![r(0, 1), r(7, 7)]));
        assert_eq!(parse("0-16384"), Err(SlotsError::OutOfRange(16384)));
        assert_eq!(parse("9-3"), Err(SlotsError::Backwards(r(9, 3))));
        assert_eq!(parse("a-b"), Err(SlotsError::Malformed));
        assert_eq!(parse(""), Err(SlotsError::Malformed));
        assert_eq!(overlap(&[(1, r(0, 10)), (2, r(10, 20))]), Some((10, 1, 2)));
        assert_eq!(overlap(&[(1, r(0, 9)), (2, r(10, 20))]), None);
        assert_eq!(gaps(&[r(0, 9), r(20, 16383)]), vec![r(10, 19)]);
        assert_eq!(gaps(&[r(0, 16383)]), vec![]);
    }
}
