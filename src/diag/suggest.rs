//! "Did you mean": the closest known name to a misspelling, by edit distance.

/// The candidate closest to `word`, if it is close enough to be a likely typo. Ties go to the
/// candidate that sorts first.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let bag = Bag::new(word);
    let word: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
    let limit = (word.len() / 3).max(1);
    let mut row = Vec::new();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // Cheap lower bounds first: the difference in length, then in letters used.
        if candidate.chars().count().abs_diff(word.len()) > limit
            || bag.as_ref().is_some_and(|b| b.distance(candidate) > limit)
        {
            continue;
        }
        if let Some(d) = bounded_distance(&word, candidate, limit, &mut row)
            && best.is_none_or(|b| (d, candidate) < b)
        {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// The letters of an ASCII word, counted: how many letters another word has that this one lacks,
/// or lacks that this one has, is a lower bound on their edit distance, found in one pass.
struct Bag {
    counts: [u16; 128],
    len: usize,
}

impl Bag {
    fn new(word: &str) -> Option<Bag> {
        let mut counts = [0u16; 128];
        for b in word.bytes() {
            let slot = counts.get_mut(usize::from(b.to_ascii_lowercase()))?;
            *slot = slot.saturating_add(1);
        }
        Some(Bag {
            counts,
            len: word.len(),
        })
    }

    /// The bound for `other`; 0 (no bound) when it is not ASCII, as bytes are not letters there.
    fn distance(&self, other: &str) -> usize {
        if !other.is_ascii() {
            return 0;
        }
        let mut left = self.counts;
        let mut extra = 0;
        for b in other.bytes() {
            match left.get_mut(usize::from(b.to_ascii_lowercase())) {
                Some(n) if *n > 0 => *n -= 1,
                _ => extra += 1,
            }
        }
        let shared = other.len() - extra;
        extra.max(self.len - shared)
    }
}

/// `help` text for an unknown name: a suggestion when one is close, else the list of choices.
pub fn did_you_mean(word: &str, candidates: &[&str], what: &str) -> String {
    match closest(word, candidates.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None if candidates.is_empty() => format!("declare the {what} first"),
        None if candidates.len() <= 12 => format!("expected one of: {}", candidates.join(", ")),
        None => format!("check the spelling of the {what}"),
    }
}

/// Levenshtein distance between `word` (lowercased) and `other` (lowercased here), or `None` as
/// soon as it must exceed `limit`; `row` is reused memory.
fn bounded_distance(
    word: &[char],
    other: &str,
    limit: usize,
    row: &mut Vec<usize>,
) -> Option<usize> {
    row.clear();
    row.extend(0..=word.len());
    for (i, c) in other.chars().map(|c| c.to_ascii_lowercase()).enumerate() {
        let mut prev = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        let mut smallest = i + 1;
        for (j, w) in word.iter().enumerate() {
            let above = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let left = row.get(j).copied().unwrap_or(usize::MAX);
            let value = (prev + usize::from(c != *w))
                .min(above.saturating_add(1))
                .min(left.saturating_add(1));
            prev = above;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
            smallest = smallest.min(value);
        }
        // Every later cell comes from this row plus something: past the limit it stays past it.
        if smallest > limit {
            return None;
        }
    }
    row.last().copied().filter(|d| *d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The textbook algorithm, the reference for the bounded one.
    fn naive(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (
            a.to_ascii_lowercase().chars().collect(),
            b.to_ascii_lowercase().chars().collect(),
        );
        let mut d: Vec<Vec<usize>> = (0..=a.len())
            .map(|i| {
                (0..=b.len())
                    .map(|j| {
                        if i == 0 {
                            j
                        } else if j == 0 {
                            i
                        } else {
                            0
                        }
                    })
                    .collect()
            })
            .collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j - 1] + cost)
                    .min(d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1);
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn agrees_with_the_textbook_distance() {
        let names = [
            "cache",
            "cache_a",
            "Cache1",
            "cahce",
            "engine",
            "engine_version",
            "port",
            "p",
            "",
            "subnets",
            "subnet",
            "node_type",
            "nodetype",
            "replica_zones",
            "zone",
            "é",
            "ée",
        ];
        for word in names {
            let limit = (word.chars().count() / 3).max(1);
            let w: Vec<char> = word.to_ascii_lowercase().chars().collect();
            for other in names {
                let d = naive(word, other);
                let bounded = bounded_distance(&w, other, limit, &mut Vec::new());
                assert_eq!(bounded, (d <= limit).then_some(d), "{word} / {other}");
            }
            let expected = names
                .iter()
                .map(|c| (naive(word, c), *c))
                .filter(|(d, _)| *d <= limit)
                .min()
                .map(|(_, c)| c);
            assert_eq!(closest(word, names), expected, "{word}");
        }
    }

    #[test]
    fn finds_close_names_only() {
        let kitten: Vec<char> = "kitten".chars().collect();
        assert_eq!(
            bounded_distance(&kitten, "Sitting", 9, &mut Vec::new()),
            Some(3)
        );
        assert_eq!(
            bounded_distance(&kitten, "sitting", 2, &mut Vec::new()),
            None
        );
        assert_eq!(closest("engin", ["engine", "port"]), Some("engine"));
        assert_eq!(closest("zzz", ["engine", "port"]), None);
    }
}
