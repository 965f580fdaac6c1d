//! Byte offsets to LSP positions and back, in UTF-16 code units (the protocol's default encoding),
//! and file:// URIs to paths and back.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::{Position, Range, Uri};

use crate::span::Span;

/// The position of a byte offset: zero-based line, and UTF-16 code units from the line's start.
pub fn position(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|b| *b == b'\n').count();
    let character = before
        .get(line_start..)
        .unwrap_or_default()
        .encode_utf16()
        .count();
    Position::new(to_u32(line), to_u32(character))
}

/// The byte offset of a position. Past the end of its line it is the line's end, past the last
/// line the text's end, and inside a surrogate pair the start of the next character.
pub fn offset(text: &str, position: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..position.line {
        match text.get(line_start..).and_then(|rest| rest.find('\n')) {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line = text.get(line_start..).unwrap_or_default();
    let line = line.split('\n').next().unwrap_or_default();
    let mut units = 0;
    for (i, c) in line.char_indices() {
        if units >= position.character as usize {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    line_start + line.len()
}

pub fn range(text: &str, span: Span) -> Range {
    Range::new(position(text, span.start), position(text, span.end))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The local path of a file:// URI; other schemes (such as an unsaved editor buffer) have none.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme()?.as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    let path = uri.path().as_estr().decode().into_string().ok()?;
    // `file:///C:/dir` names the Windows path `C:/dir`.
    let windows = path.get(2..3) == Some(":") && path.starts_with('/');
    Some(PathBuf::from(if windows {
        path.get(1..).unwrap_or_default()
    } else {
        &path
    }))
}

/// The file:// URI of an absolute path, with every byte outside the unreserved set escaped.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let path = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !path.starts_with('/') {
        uri.push('/');
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    // `é` is one UTF-16 unit in two bytes, `🚀` two units in four bytes.
    const TEXT: &str = "a\n# é🚀 x\r\nlast";

    #[test]
    fn positions_count_utf16_units() {
        let x = TEXT.find('x').unwrap();
        assert_eq!(position(TEXT, x), Position::new(1, 6));
        assert_eq!(offset(TEXT, Position::new(1, 6)), x);
        assert_eq!(position(TEXT, TEXT.len()), Position::new(2, 4));
        for at in (0..=TEXT.len()).filter(|i| TEXT.is_char_boundary(*i)) {
            assert_eq!(offset(TEXT, position(TEXT, at)), at, "round trip at {at}");
        }
    }

    #[test]
    fn positions_outside_the_text_are_clamped() {
        assert_eq!(offset(TEXT, Position::new(0, 99)), 1);
        assert_eq!(offset(TEXT, Position::new(9, 0)), TEXT.len());
        // Between the two halves of the rocket's surrogate pair: the next character.
        let rocket = TEXT.find('🚀').unwrap();
        assert_eq!(offset(TEXT, Position::new(1, 4)), rocket + 4);
        assert_eq!(position(TEXT, rocket + 1), Position::new(1, 3));
    }

    #[test]
    fn file_uris_round_trip() {
        let path = Path::new("/home/a b/é#1/stack.cache");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///home/a%20b/%C3%A9%231/stack.cache");
        assert_eq!(path_of(&uri).unwrap(), path);
        let windows = Uri::from_str("file:///C:/projects/stack.cache").unwrap();
        assert_eq!(
            path_of(&windows).unwrap(),
            Path::new("C:/projects/stack.cache")
        );
        let untitled = Uri::from_str("untitled:Untitled-1").unwrap();
        assert_eq!(path_of(&untitled), None);
    }
}
