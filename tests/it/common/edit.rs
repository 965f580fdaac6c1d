//! Edits on the text of a generated program, block by block and attribute by attribute, for tests
//! that break valid programs on purpose. Generated programs close top-level blocks with `}` alone.

/// A program as lines, with block-aware edits. Each edit returns `None` when the program has no
/// place to make it, so a caller can try another seed.
#[derive(Debug, Clone)]
pub struct Program {
    lines: Vec<String>,
}

/// Lines `start..=end` of one block: its header and its closing `}`.
#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub start: usize,
    pub end: usize,
}

impl Program {
    pub fn new(source: &str) -> Self {
        Program {
            lines: source.lines().map(str::to_string).collect(),
        }
    }

    pub fn text(&self) -> String {
        let mut s = self.lines.join("\n");
        s.push('\n');
        s
    }

    /// The first top-level block whose header starts with `header` and whose body contains `with`.
    pub fn block(&self, header: &str, with: &str) -> Option<Block> {
        let mut start = None;
        for (i, line) in self.lines.iter().enumerate() {
            match start {
                None if line.starts_with(header) => start = Some(i),
                Some(s) if line == "}" => {
                    let block = Block { start: s, end: i };
                    if self.body(block).contains(with) {
                        return Some(block);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        None
    }

    pub fn body(&self, block: Block) -> String {
        self.lines[block.start..=block.end].join("\n")
    }

    /// Removes `key = value` wherever it appears in the block; false when it was not there.
    pub fn remove(&mut self, block: Block, key: &str) -> bool {
        let mut found = false;
        for line in &mut self.lines[block.start + 1..block.end] {
            while let Some(stripped) = remove_attr(line, key) {
                *line = stripped;
                found = true;
            }
        }
        found
    }

    /// Inserts a line right after the block's header (or after the first line of the block that
    /// starts with `after`, such as `  environment {`).
    pub fn insert(&mut self, block: Block, after: Option<&str>, line: &str) -> Option<Block> {
        let at = match after {
            None => block.start,
            Some(prefix) => {
                (block.start..block.end).find(|&i| self.lines[i].starts_with(prefix))?
            }
        };
        self.lines.insert(at + 1, line.to_string());
        Some(Block {
            start: block.start,
            end: block.end + 1,
        })
    }

    /// Sets `key` in the block to `value`, replacing any value it had.
    pub fn set(&mut self, block: Block, key: &str, value: &str) -> Block {
        self.remove(block, key);
        self.insert(block, None, &format!("  {key} = {value}"))
            .unwrap_or(block)
    }

    /// Replaces the first occurrence of `from` anywhere in the program.
    pub fn replace(&mut self, from: &str, to: &str) -> Option<()> {
        let line = self.lines.iter_mut().find(|l| l.contains(from))?;
        *line = line.replacen(from, to, 1);
        Some(())
    }

    /// Replaces every occurrence of `from`; `None` when there is none.
    pub fn replace_all(&mut self, from: &str, to: &str) -> Option<()> {
        let mut any = false;
        for line in &mut self.lines {
            if line.contains(from) {
                *line = line.replace(from, to);
                any = true;
            }
        }
        any.then_some(())
    }

    /// Removes whole lines that start with `prefix`; `None` when there is none.
    pub fn remove_lines(&mut self, prefix: &str) -> Option<()> {
        let before = self.lines.len();
        self.lines.retain(|l| !l.starts_with(prefix));
        (self.lines.len() < before).then_some(())
    }

    /// The first line starting with `prefix`.
    pub fn line(&self, prefix: &str) -> Option<&str> {
        self.lines
            .iter()
            .find(|l| l.starts_with(prefix))
            .map(String::as_str)
    }

    /// The index of the last line that is exactly `line`.
    pub fn last(&self, line: &str) -> Option<usize> {
        self.lines.iter().rposition(|l| l == line)
    }

    /// Inserts a line before the line at the first occurrence of `prefix`.
    pub fn insert_before(&mut self, prefix: &str, line: &str) -> Option<()> {
        let at = self.lines.iter().position(|l| l.starts_with(prefix))?;
        self.lines.insert(at, line.to_string());
        Some(())
    }

    /// Removes the block's lines, header to closing brace.
    pub fn remove_block(&mut self, block: Block) {
        self.lines.drain(block.start..=block.end);
    }

    pub fn remove_line(&mut self, index: usize) -> Option<()> {
        (index < self.lines.len()).then(|| {
            self.lines.remove(index);
        })
    }

    pub fn push(&mut self, line: &str) {
        self.lines.push(line.to_string());
    }
}

/// The line without its first `key = value` attribute, or `None` when it has none. Values are
/// strings, lists or single words, as the generator writes them.
fn remove_attr(line: &str, key: &str) -> Option<String> {
    let pattern = format!("{key} = ");
    let mut from = 0;
    let start = loop {
        let at = from + line[from..].find(&pattern)?;
        if at == 0 || line[..at].ends_with(' ') {
            break at;
        }
        from = at + pattern.len();
    };
    let value = &line[start + pattern.len()..];
    let len = if let Some(rest) = value.strip_prefix('"') {
        rest.find('"')? + 2
    } else if value.starts_with('[') {
        value.find(']')? + 1
    } else {
        value.find(' ').unwrap_or(value.len())
    };
    let before = &line[..start];
    let after = value[len..].trim_start();
    Some(if before.trim().is_empty() {
        format!("{before}{after}")
    } else if after.is_empty() {
        before.trim_end().to_string()
    } else {
        format!("{}  {after}", before.trim_end())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_one_attribute_of_many() {
        assert_eq!(
            remove_attr("  a = \"x\"  b = [c, d]  e = true", "b").as_deref(),
            Some("  a = \"x\"  e = true")
        );
        assert_eq!(
            remove_attr("  a = \"x\"  b = 1", "a").as_deref(),
            Some("  b = 1")
        );
        assert_eq!(remove_attr("  ab = 1", "b"), None);
    }
}
