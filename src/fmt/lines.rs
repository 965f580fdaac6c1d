//! Output lines with their trailing comments, which line up in runs of neighbouring lines.
//! Indentation, blank lines and comment columns are decided here, once, for the whole file.

/// Spaces between code and the comment after it.
const COMMENT_GAP: usize = 2;

#[derive(Default)]
pub struct Lines {
    lines: Vec<Line>,
}

struct Line {
    indent: usize,
    code: String,
    comment: Option<String>,
}

impl Lines {
    pub fn push(&mut self, indent: usize, code: String, comment: Option<&str>) {
        self.lines.push(Line {
            indent,
            code,
            comment: comment.map(str::to_string),
        });
    }

    /// A blank line; never two in a row.
    pub fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.code.is_empty()) {
            self.push(0, String::new(), None);
        }
    }

    /// The text, one `\n` after each line. Trailing comments on neighbouring lines at the same
    /// indentation share a column, two spaces after the longest code among them.
    pub fn finish(self) -> String {
        let mut out = String::new();
        let mut i = 0;
        while let Some(first) = self.lines.get(i) {
            let run = self
                .lines
                .get(i..)
                .unwrap_or_default()
                .iter()
                .take_while(|l| {
                    first.comment.is_some() && l.comment.is_some() && l.indent == first.indent
                })
                .count()
                .max(1);
            let group = self.lines.get(i..i + run).unwrap_or_default();
            let column = group
                .iter()
                .map(|l| l.code.chars().count())
                .max()
                .unwrap_or(0)
                + COMMENT_GAP;
            for line in group {
                let mut text = " ".repeat(line.indent);
                text.push_str(&line.code);
                if let Some(comment) = &line.comment {
                    let used = line.code.chars().count();
                    text.push_str(&" ".repeat(column.saturating_sub(used)));
                    text.push_str(comment);
                }
                out.push_str(&text);
                out.push('\n');
            }
            i += run;
        }
        out
    }
}
