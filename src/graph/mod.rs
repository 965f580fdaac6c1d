//! `cachec graph`: the stack as a diagram, drawn the way the tutorial draws it (VPC, zones and
//! subnets as boxes, what runs in them as nodes, `connects` as arrows): Mermaid, DOT or SVG.

mod build;
mod dot;
mod drawing;
mod geometry;
mod labels;
mod layout;
mod mermaid;
mod place;
mod route;
mod style;
mod svg;
mod text;

pub use build::build;
pub use drawing::{BoxKind, LaidBox, LaidEdge, Layout};
pub use geometry::{Point, Rect};
pub use layout::layout;

/// A diagram: nested boxes of nodes, and arrows between nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// The stack: its title is the diagram's; its boxes are the VPC and what lies outside it.
    pub root: Group,
    pub edges: Vec<Edge>,
}

/// A box: the stack, the VPC, a zone, a subnet, or the nodes whose zone AWS picks.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub id: String,
    pub kind: GroupKind,
    pub title: String,
    pub detail: String,
    /// A VPC or subnet that exists outside the program: drawn dashed, as cachec creates none of it.
    pub existing: bool,
    pub nodes: Vec<Node>,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Stack,
    /// A Global Datastore's region, holding that region's VPC.
    Region,
    Vpc,
    Zone,
    Subnet,
    /// Cache nodes with no zone written: AWS places them in one of the group's subnets.
    Unplaced,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub kind: NodeKind,
    /// The declared name.
    pub title: String,
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Instance,
    Function,
    Primary,
    Replica,
    Endpoint,
    Layer,
    /// One of a serverless cache's VPC endpoints, one per subnet.
    Serverless,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub label: String,
    /// Dashed: replication and layers, which are not network connections.
    pub dashed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Mermaid,
    Dot,
    Svg,
}

/// The diagram in `format`.
pub fn render(graph: &Graph, format: Format) -> String {
    match format {
        Format::Mermaid => mermaid::render(graph),
        Format::Dot => dot::render(graph),
        Format::Svg => svg::render(graph),
    }
}
