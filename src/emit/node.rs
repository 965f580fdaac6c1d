//! The template tree: plain values plus CloudFormation's intrinsic functions.
//! Emitters build these; `yaml` and `json` print them; `nest` rewrites cross-template references.

use indexmap::IndexMap;

pub type Map = IndexMap<String, Node>;

#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Str(String),
    Int(i64),
    Bool(bool),
    List(Vec<Node>),
    Map(Map),
    /// `!Ref id`: a resource, a parameter or a pseudo parameter such as `AWS::Region`.
    Ref(String),
    /// `!GetAtt id.attribute`.
    GetAtt(String, String),
    /// `!Sub text`: only pseudo parameters may appear in `${}`.
    Sub(String),
    /// `!Sub [text, {name: value}]`.
    SubWith(String, Map),
    Base64(Box<Node>),
    Join(String, Vec<Node>),
    /// `!Select [index, list]`: reads one value of a packed list (see `nest`).
    Select(usize, Box<Node>),
    /// `!Split [separator, text]`.
    Split(String, Box<Node>),
}

impl Node {
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }

    pub fn reference(id: impl Into<String>) -> Node {
        Node::Ref(id.into())
    }

    pub fn get_att(id: impl Into<String>, attr: impl Into<String>) -> Node {
        Node::GetAtt(id.into(), attr.into())
    }

    pub fn sub(s: impl Into<String>) -> Node {
        Node::Sub(s.into())
    }

    pub fn list(items: impl IntoIterator<Item = Node>) -> Node {
        Node::List(items.into_iter().collect())
    }

    /// Every `Ref` and `GetAtt` target below this node, in order.
    pub fn targets(&self, out: &mut Vec<String>) {
        match self {
            Node::Ref(id) | Node::GetAtt(id, _) => out.push(id.clone()),
            Node::List(items) | Node::Join(_, items) => items.iter().for_each(|n| n.targets(out)),
            Node::Map(map) | Node::SubWith(_, map) => map.values().for_each(|n| n.targets(out)),
            Node::Base64(inner) | Node::Select(_, inner) | Node::Split(_, inner) => {
                inner.targets(out)
            }
            Node::Str(_) | Node::Int(_) | Node::Bool(_) | Node::Sub(_) => {}
        }
    }

    /// Calls `f` on every `Ref` and `GetAtt` below this node, in order, without allocating.
    pub fn each_ref(&self, f: &mut impl FnMut(&Node)) {
        match self {
            Node::Ref(_) | Node::GetAtt(..) => f(self),
            Node::List(items) | Node::Join(_, items) => items.iter().for_each(|n| n.each_ref(f)),
            Node::Map(map) | Node::SubWith(_, map) => map.values().for_each(|n| n.each_ref(f)),
            Node::Base64(inner) | Node::Select(_, inner) | Node::Split(_, inner) => {
                inner.each_ref(f)
            }
            Node::Str(_) | Node::Int(_) | Node::Bool(_) | Node::Sub(_) => {}
        }
    }

    /// The id a `Ref` or `GetAtt` points at.
    pub fn target(&self) -> Option<&str> {
        match self {
            Node::Ref(id) | Node::GetAtt(id, _) => Some(id),
            _ => None,
        }
    }

    /// Rewrites every `Ref`/`GetAtt` with `f`, which returns a replacement or `None` to keep it.
    pub fn rewrite(&mut self, f: &mut dyn FnMut(&Node) -> Option<Node>) {
        if let Some(new) = f(self) {
            *self = new;
            return;
        }
        match self {
            Node::List(items) | Node::Join(_, items) => items.iter_mut().for_each(|n| n.rewrite(f)),
            Node::Map(map) | Node::SubWith(_, map) => map.values_mut().for_each(|n| n.rewrite(f)),
            Node::Base64(inner) | Node::Select(_, inner) | Node::Split(_, inner) => {
                inner.rewrite(f)
            }
            _ => {}
        }
    }
}

/// `Fn::ImportValue: name`: a value another stack exports. The long form is a one-key map, which
/// both printers write as they write any map.
pub fn import_value(name: &str) -> Node {
    Node::Map(map([("Fn::ImportValue", Node::str(name))]))
}

/// `!Sub "${AWS::Region}a"`: the zone letter in whatever region the stack is deployed to.
pub fn zone(letter: &str) -> Node {
    Node::sub(format!("${{AWS::Region}}{letter}"))
}

/// Builds a `Map` from `(key, value)` pairs in order.
pub fn map<const N: usize>(entries: [(&str, Node); N]) -> Map {
    entries
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// A template parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub ty: String,
    pub description: String,
    pub default: Option<String>,
}

impl Parameter {
    pub fn string(description: impl Into<String>) -> Self {
        Parameter {
            ty: "String".into(),
            description: description.into(),
            default: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Resource {
    pub ty: &'static str,
    pub properties: Map,
    pub depends_on: Vec<String>,
    /// `DeletionPolicy` and `UpdateReplacePolicy` ("Snapshot", "Retain", "Delete"); none for
    /// stateless resources, which CloudFormation simply deletes.
    pub policy: Option<&'static str>,
    /// cfn-lint rules this resource is exempt from (`Metadata: cfn-lint: config: ignore_checks`),
    /// each for a reason its emitter states where it sets it.
    pub lint_exempt: &'static [&'static str],
    /// `UpdatePolicy: UseOnlineResharding: true`: a replication group with cluster mode enabled
    /// changes its shards without going offline.
    pub online_resharding: bool,
}

impl Resource {
    pub fn new(ty: &'static str, properties: Map) -> Self {
        Resource {
            ty,
            properties,
            depends_on: Vec::new(),
            policy: None,
            lint_exempt: &[],
            online_resharding: false,
        }
    }

    pub fn resharded_online(self) -> Self {
        Resource {
            online_resharding: true,
            ..self
        }
    }

    pub fn exempt_from(self, rules: &'static [&'static str]) -> Self {
        Resource {
            lint_exempt: rules,
            ..self
        }
    }

    /// With explicit deletion and replacement policies.
    pub fn with_policy(self, policy: &'static str) -> Self {
        Resource {
            policy: Some(policy),
            ..self
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    pub description: String,
    pub value: Node,
    /// The name other stacks import the value by (`Fn::ImportValue`), when it is exported.
    pub export: Option<String>,
}

/// One CloudFormation template.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    pub description: String,
    pub parameters: IndexMap<String, Parameter>,
    pub resources: IndexMap<String, Resource>,
    pub outputs: IndexMap<String, Output>,
}

impl Template {
    /// The template as one tree, in CloudFormation's section order; moves, never copies.
    pub fn into_node(self) -> Node {
        let mut root = Map::new();
        root.insert("AWSTemplateFormatVersion".into(), Node::str("2010-09-09"));
        root.insert("Description".into(), Node::Str(self.description));
        if !self.parameters.is_empty() {
            let params = self
                .parameters
                .into_iter()
                .map(|(id, p)| {
                    let mut m = map([
                        ("Type", Node::Str(p.ty)),
                        ("Description", Node::Str(p.description)),
                    ]);
                    if let Some(d) = p.default {
                        m.insert("Default".into(), Node::Str(d));
                    }
                    (id, Node::Map(m))
                })
                .collect();
            root.insert("Parameters".into(), Node::Map(params));
        }
        let resources = self
            .resources
            .into_iter()
            .map(|(id, r)| {
                let mut m = map([("Type", Node::str(r.ty))]);
                if let Some(policy) = r.policy {
                    m.insert("DeletionPolicy".into(), Node::str(policy));
                    m.insert("UpdateReplacePolicy".into(), Node::str(policy));
                }
                if r.online_resharding {
                    let policy = map([("UseOnlineResharding", Node::Bool(true))]);
                    m.insert("UpdatePolicy".into(), Node::Map(policy));
                }
                if !r.lint_exempt.is_empty() {
                    let checks = Node::list(r.lint_exempt.iter().map(|c| Node::str(*c)));
                    let config = map([("ignore_checks", checks)]);
                    let lint = map([("config", Node::Map(config))]);
                    m.insert(
                        "Metadata".into(),
                        Node::Map(map([("cfn-lint", Node::Map(lint))])),
                    );
                }
                if !r.depends_on.is_empty() {
                    let deps = r.depends_on.into_iter().map(Node::Str);
                    m.insert("DependsOn".into(), Node::list(deps));
                }
                if !r.properties.is_empty() {
                    m.insert("Properties".into(), Node::Map(r.properties));
                }
                (id, Node::Map(m))
            })
            .collect();
        root.insert("Resources".into(), Node::Map(resources));
        if !self.outputs.is_empty() {
            let outputs = self
                .outputs
                .into_iter()
                .map(|(id, o)| {
                    let mut m = map([
                        ("Description", Node::Str(o.description)),
                        ("Value", o.value),
                    ]);
                    if let Some(name) = o.export {
                        m.insert("Export".into(), Node::Map(map([("Name", Node::Str(name))])));
                    }
                    (id, Node::Map(m))
                })
                .collect();
            root.insert("Outputs".into(), Node::Map(outputs));
        }
        Node::Map(root)
    }
}
