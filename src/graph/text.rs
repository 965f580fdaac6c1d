//! Text metrics: font sizes, estimated widths of text, and the size of an edge's label with the
//! room it needs beside it. Placing, routing, labelling and drawing all measure with these.

/// Font sizes: titles (bold), the stack's title (bold), details and edge labels.
pub const TITLE_SIZE: f64 = 13.0;
pub const STACK_SIZE: f64 = 16.0;
pub const DETAIL_SIZE: f64 = 11.0;
pub const LINE_H: f64 = 16.0;
pub const LABEL_H: f64 = 16.0;
/// Left and right of the text, inside the label's background.
pub const LABEL_PAD: f64 = 4.0;
/// Kept free around a label.
pub const CLEARANCE: f64 = 2.0;
/// What a label needs beside it on a straight run between two nodes: both ends' squares, and
/// clearance.
pub const ROOM_AROUND: f64 = 2.0 * ARROW + 4.0 * CLEARANCE + 2.0;
/// Half the side of the square kept free around each end of an edge.
pub const ARROW: f64 = 8.0;

/// The width and height of an edge label on its background.
pub fn label_size(label: &str) -> (f64, f64) {
    (
        text_width(label, DETAIL_SIZE, false) + 2.0 * LABEL_PAD,
        LABEL_H,
    )
}

/// An upper estimate of the width of `text` at font size `size`, from classes of character
/// widths in Helvetica (and Arial, Liberation Sans and Nimbus Sans, which share its metrics).
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| em_width(c, bold)).sum::<f64>() * size
}

/// Each class's widest character, rounded up: `i` is 0.28 em, `r` 0.39, `o` 0.61 (bold), `W` 0.94.
fn em_width(c: char, bold: bool) -> f64 {
    match c {
        ' ' | 'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.35,
        'f' | 't' | 'r' | '-' | '(' | ')' | '/' | '[' | ']' | '{' | '}' | '"' | '*' => 0.5,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 1.0,
        'A'..='Z' | '&' => 0.8,
        c if c.is_ascii() => {
            if bold {
                0.64
            } else {
                0.59
            }
        }
        _ => 1.0,
    }
}
