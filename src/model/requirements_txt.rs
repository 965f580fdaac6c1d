//! A pip requirements file read as pip reads it: lines ending in `\` joined with the next, comments
//! (`#` at the start or after whitespace) and blank lines dropped. Each line keeps its number.

/// One logical line: its text without the comment, and the number of its first physical line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub number: usize,
    pub text: String,
}

/// The logical lines of a requirements file, in order. Source: pip User Guide, "Requirements
/// File Format" (line continuations, comments; pip's `req_file.py` joins lines before it strips
/// comments, and a comment line ends a continuation).
pub fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut pending: Option<Line> = None;
    for (i, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if raw.trim_start().starts_with('#') {
            out.extend(pending.take());
            continue;
        }
        let (part, continued) = match raw.strip_suffix('\\') {
            Some(part) => (part, true),
            None => (raw, false),
        };
        let line = pending.get_or_insert_with(|| Line {
            number: i + 1,
            text: String::new(),
        });
        line.text.push_str(part);
        if !continued {
            out.extend(pending.take());
        }
    }
    out.extend(pending);
    out.into_iter()
        .filter_map(|mut line| {
            line.text = without_comment(&line.text).trim().to_string();
            (!line.text.is_empty()).then_some(line)
        })
        .collect()
}

/// The text before a `#` that starts the line or follows whitespace (`pkg#egg` keeps its `#`).
fn without_comment(text: &str) -> &str {
    let mut previous_blank = true;
    for (i, c) in text.char_indices() {
        if c == '#' && previous_blank {
            return text.get(..i).unwrap_or(text);
        }
        previous_blank = c.is_whitespace();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, String)> {
        lines(text)
            .into_iter()
            .map(|l| (l.number, l.text))
            .collect()
    }

    #[test]
    fn comments_blanks_and_continuations() {
        let file = "# pinned by pip-compile\n\nredis==5.2.1  # the client\n\
                    tenacity==9.0.0 \\\n    --hash=sha256:abc\n  \n\
                    https://example.com/a.whl#sha256=1\n-r other.txt\r\n";
        assert_eq!(
            texts(file),
            [
                (3, "redis==5.2.1".to_string()),
                (4, "tenacity==9.0.0     --hash=sha256:abc".to_string()),
                (7, "https://example.com/a.whl#sha256=1".to_string()),
                (8, "-r other.txt".to_string()),
            ]
        );
    }

    #[test]
    fn a_comment_line_ends_a_continuation() {
        assert_eq!(
            texts("redis==5.2.1 \\\n# note\nhiredis==3.0.0\nlast \\"),
            [
                (1, "redis==5.2.1".to_string()),
                (3, "hiredis==3.0.0".to_string()),
                (4, "last".to_string()),
            ]
        );
    }
}
