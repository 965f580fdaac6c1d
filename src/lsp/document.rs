//! An open document: the editor's current text, and the text last parsed with its (partial) syntax
//! tree. Offsets map between the two, so hover and definition work before the next parse.

use lsp_types::TextDocumentContentChangeEvent;

use crate::span::Span;
use crate::syntax::{self, ast::File};

use super::convert;

pub struct Document {
    pub text: String,
    pub version: i32,
    /// Changed since diagnostics were last published.
    pub stale: bool,
    pub parsed: Option<Parsed>,
}

/// A text that was parsed, and the tree of what parsed in it.
pub struct Parsed {
    pub text: String,
    pub file: File,
}

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        Document {
            text,
            version,
            stale: true,
            parsed: None,
        }
    }

    /// Applies one edit of a `didChange`: a range replaced, or the whole text when there is no range.
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent) {
        match change.range {
            Some(range) => {
                let a = convert::offset(&self.text, range.start);
                let b = convert::offset(&self.text, range.end);
                self.text.replace_range(a.min(b)..a.max(b), &change.text);
            }
            None => self.text = change.text,
        }
        self.stale = true;
    }

    /// Parses the current text. Its tree holds every declaration that parses even when others do
    /// not, so it replaces the last one whatever the syntax errors.
    pub fn reparse(&mut self) {
        let (file, _) = syntax::parse_partial(&self.text);
        self.parsed = Some(Parsed {
            text: self.text.clone(),
            file,
        });
    }

    /// The last tree seen from the current text, once the document was parsed.
    pub fn view(&self) -> Option<View<'_>> {
        self.parsed
            .as_ref()
            .map(|parsed| View::new(parsed, &self.text))
    }
}

/// The last tree and the current text. Between them lies one edited stretch, found as the
/// longest common prefix and suffix; offsets outside it map exactly, inside it they do not.
pub struct View<'a> {
    pub parsed: &'a Parsed,
    pub text: &'a str,
    prefix: usize,
    old_tail: usize,
    new_tail: usize,
}

impl<'a> View<'a> {
    fn new(parsed: &'a Parsed, text: &'a str) -> Self {
        let (old, new) = (parsed.text.as_bytes(), text.as_bytes());
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let room = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(room)
            .take_while(|(a, b)| a == b)
            .count();
        View {
            parsed,
            text,
            prefix,
            old_tail: old.len() - suffix,
            new_tail: new.len() - suffix,
        }
    }

    /// The offset in the parsed text of an offset in the current text, unless it was edited.
    pub fn to_parsed(&self, offset: usize) -> Option<usize> {
        if offset <= self.prefix {
            Some(offset)
        } else if offset >= self.new_tail {
            Some(offset - self.new_tail + self.old_tail)
        } else {
            None
        }
    }

    /// A span of the parsed text in the current text; an end inside the edit moves to its edge.
    pub fn to_current(&self, span: Span) -> Span {
        let map = |offset: usize, edge: usize| {
            if offset <= self.prefix {
                offset
            } else if offset >= self.old_tail {
                offset - self.old_tail + self.new_tail
            } else {
                edge
            }
        };
        Span::new(
            map(span.start, self.prefix),
            map(span.end, self.new_tail).max(map(span.start, self.prefix)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    const GOOD: &str = "stack \"s\" {}\nlayer l { runtime = \"python3.12\" }\n";

    fn edit(doc: &mut Document, range: Option<Range>, text: &str) {
        doc.apply(TextDocumentContentChangeEvent {
            range,
            range_length: None,
            text: text.into(),
        });
    }

    #[test]
    fn incremental_edits_map_onto_the_last_tree_until_the_next_parse() {
        let mut doc = Document::new(GOOD.into(), 1);
        doc.reparse();
        // Break the first line: `stack "s" {` without its `}`, inserting text before the layer.
        let brace = Position::new(0, 11);
        edit(
            &mut doc,
            Some(Range::new(brace, Position::new(0, 12))),
            " région = ",
        );
        assert_eq!(
            doc.text,
            "stack \"s\" { région = \nlayer l { runtime = \"python3.12\" }\n"
        );
        let view = doc.view().unwrap();
        assert_eq!(view.parsed.text, GOOD, "not parsed again yet");
        // `runtime` moved by the length of the insertion; the tree's span maps onto the new text.
        let old = GOOD.find("runtime").unwrap();
        let new = doc.text.find("runtime").unwrap();
        assert_eq!(view.to_parsed(new), Some(old));
        let mapped = view.to_current(Span::new(old, old + 7));
        assert_eq!(&doc.text[mapped.start..mapped.end], "runtime");
        // Inside the edit nothing maps; the stack item's span stretches over it.
        assert_eq!(view.to_parsed(doc.text.find("région").unwrap()), None);
        let stack = view.to_current(Span::new(0, 12));
        assert_eq!(stack.start, 0);
        assert!(stack.end > 12);
    }

    #[test]
    fn a_text_with_syntax_errors_keeps_the_declarations_that_parse() {
        let broken = "stack \"s\" { région = \nlayer l { runtime = \"python3.12\" }\n";
        let mut doc = Document::new(broken.into(), 1);
        doc.reparse();
        let view = doc.view().unwrap();
        assert_eq!(view.parsed.text, broken);
        let kinds: Vec<&str> = view
            .parsed
            .file
            .items
            .iter()
            .map(|i| i.kind.value.as_str())
            .collect();
        assert_eq!(kinds, ["stack", "layer"]);
        let runtime = broken.find("runtime").unwrap();
        assert_eq!(view.to_parsed(runtime), Some(runtime));
        assert!(view.parsed.file.node_at(runtime + 1).is_some());
    }
}
