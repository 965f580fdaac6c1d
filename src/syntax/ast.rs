//! The syntax tree: what the program says, before any name is resolved.
//! Every node carries the span of its text so later stages can point at it.

use crate::span::{Span, Spanned};

/// A whole `.cache` file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub items: Vec<Item>,
}

/// `kind name, name { entries }`: a declaration or a nested block.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: Spanned<String>,
    pub names: Vec<Spanned<String>>,
    pub entries: Vec<Entry>,
    /// From the kind to the closing brace.
    pub span: Span,
    /// A syntax error in the block lost some of its entries: what is missing may have been written.
    pub broken: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    Attr(Attr),
    Item(Item),
}

/// `key = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Attr {
    pub key: Spanned<String>,
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ValueKind {
    Str(String),
    Int(i64),
    Bool(bool),
    /// A bare name (`cache`) or a dotted reference (`cache.port`).
    Path(Vec<Spanned<String>>),
    List(Vec<Value>),
    /// `{ dev: 1, prod: 2 }`: a value per environment, only as an attribute's whole value.
    PerEnv(Vec<EnvValue>),
}

/// `prod: 2` in a value per environment; the environment may be `default`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvValue {
    pub env: Spanned<String>,
    pub value: Value,
}

impl ValueKind {
    /// How the value is described in "expected X, found Y" messages.
    pub fn describe(&self) -> &'static str {
        match self {
            ValueKind::Str(_) => "a string",
            ValueKind::Int(_) => "an integer",
            ValueKind::Bool(_) => "a boolean",
            ValueKind::Path(p) if p.len() > 1 => "a dotted reference",
            ValueKind::Path(_) => "a name",
            ValueKind::List(_) => "a list",
            ValueKind::PerEnv(_) => "a value per environment",
        }
    }
}
