//! The diff of two emitted template sets: every resource classified add, remove, update or replace,
//! with the properties that cause it, judged by the update table and followed through references.

use crate::hash::{HashMap, HashSet};

use super::Side;
use super::table::{self, Condition, Update};
use crate::emit::node::{Node, Resource, Template};
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Add,
    Remove,
    Update,
    Replace,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Add => "add",
            Action::Remove => "remove",
            Action::Update => "update",
            Action::Replace => "replace",
        }
    }
}

/// What an update costs the running resource, from least to most.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Interruption {
    None,
    Some,
    Replacement,
}

impl Interruption {
    pub fn as_str(self) -> &'static str {
        match self {
            Interruption::None => "none",
            Interruption::Some => "some",
            Interruption::Replacement => "replacement",
        }
    }
}

/// One changed property and why it costs what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PropertyChange {
    pub name: String,
    pub interruption: Interruption,
    /// Why, in a few words: "create-only", "a downgrade", "refers to Vpc, which is replaced".
    pub reason: String,
    /// The attribute behind the property (see [`super::locate`]).
    pub span: Option<Span>,
}

/// One resource of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub logical_id: String,
    pub resource_type: &'static str,
    /// The template (file stem) the resource lives in: NEW's, or OLD's for a removal.
    pub template: String,
    pub action: Action,
    pub properties: Vec<PropertyChange>,
    /// The declaration the resource comes from, the program that holds it (NEW, or OLD for a
    /// removal) and the span of the attribute that caused the change, else of the declaration.
    pub owner: String,
    pub side: Side,
    pub span: Span,
}

impl Change {
    /// The cost of an update or replacement; `None` for additions and removals.
    pub fn interruption(&self) -> Option<Interruption> {
        match self.action {
            Action::Add | Action::Remove => None,
            Action::Update | Action::Replace => {
                self.properties.iter().map(|p| p.interruption).max()
            }
        }
    }

    pub fn property(&self, name: &str) -> Option<&PropertyChange> {
        self.properties.iter().find(|p| p.name == name)
    }
}

/// Every resource of one side by logical id, with the template it lives in.
struct Index<'a> {
    resources: HashMap<&'a str, (&'a str, &'a Resource)>,
    templates: HashMap<&'a str, &'a Template>,
    /// Nested stack logical id in the root to the stem of its template.
    stacks: HashMap<&'a str, &'a str>,
    /// Stem of a nested template to its stack resource in the root.
    stack_of: HashMap<&'a str, &'a Resource>,
    root: &'a str,
}

impl<'a> Index<'a> {
    fn new(set: &'a [(String, Template)]) -> Self {
        let mut index = Index {
            resources: HashMap::default(),
            templates: HashMap::default(),
            stacks: HashMap::default(),
            stack_of: HashMap::default(),
            root: set.first().map_or("", |(stem, _)| stem.as_str()),
        };
        for (stem, template) in set {
            index.templates.insert(stem, template);
            for (id, resource) in &template.resources {
                index.resources.insert(id, (stem, resource));
            }
        }
        let root = index.templates.get(index.root).copied();
        for (id, resource) in root.iter().flat_map(|t| &t.resources) {
            if let Some(Node::Str(url)) = resource.properties.get("TemplateURL") {
                let stem = url.rsplit_once('.').map_or(url.as_str(), |(s, _)| s);
                index.stacks.insert(id, stem);
                index.stack_of.insert(stem, resource);
            }
        }
        index
    }

    /// The resources a value depends on, followed through nested stack parameters and outputs.
    fn targets(&self, node: &Node, stem: &str, depth: usize, out: &mut Vec<String>) {
        if depth > 8 {
            return;
        }
        match node {
            Node::Ref(id) => self.follow_ref(id, stem, depth, out),
            Node::GetAtt(id, attr) => match self.output(id, attr) {
                Some((value, nested)) => self.targets(value, nested, depth + 1, out),
                None => out.push(id.clone()),
            },
            // One value of a packed list: only the item it selects, not the whole list.
            Node::Select(i, inner) => {
                let item = match inner.as_ref() {
                    Node::Split(_, list) => match self.deref(list, stem, depth) {
                        Some((Node::Join(_, items), at)) => items.get(*i).map(|n| (n, at)),
                        _ => None,
                    },
                    _ => None,
                };
                match item {
                    Some((value, at)) => self.targets(value, at, depth + 1, out),
                    None => self.targets(inner, stem, depth + 1, out),
                }
            }
            Node::List(items) | Node::Join(_, items) => {
                items.iter().for_each(|n| self.targets(n, stem, depth, out))
            }
            Node::Map(map) | Node::SubWith(_, map) => {
                map.values().for_each(|n| self.targets(n, stem, depth, out))
            }
            Node::Base64(inner) | Node::Split(_, inner) => self.targets(inner, stem, depth, out),
            Node::Str(_) | Node::Int(_) | Node::Bool(_) | Node::Sub(_) => {}
        }
    }

    /// A nested stack's output, with the stem of the template that defines it.
    fn output(&self, id: &str, attr: &str) -> Option<(&'a Node, &'a str)> {
        let nested = *self.stacks.get(id)?;
        let output = attr.strip_prefix("Outputs.")?;
        let value = &self.templates.get(nested)?.outputs.get(output)?.value;
        Some((value, nested))
    }

    /// The value a parameter or a nested stack's output stands for, followed to its definition.
    fn deref<'n>(&self, node: &'n Node, stem: &'n str, depth: usize) -> Option<(&'n Node, &'n str)>
    where
        'a: 'n,
    {
        if depth > 8 {
            return None;
        }
        match node {
            Node::Ref(id) if !self.resources.contains_key(id.as_str()) => {
                let wired = self.stack_of.get(stem).and_then(|stack| {
                    match stack.properties.get("Parameters") {
                        Some(Node::Map(params)) => params.get(id),
                        _ => None,
                    }
                })?;
                self.deref(wired, self.root, depth + 1)
            }
            Node::GetAtt(id, attr) => match self.output(id, attr) {
                Some((value, nested)) => self.deref(value, nested, depth + 1),
                None => Some((node, stem)),
            },
            _ => Some((node, stem)),
        }
    }

    fn follow_ref(&self, id: &str, stem: &str, depth: usize, out: &mut Vec<String>) {
        if self.resources.contains_key(id) {
            out.push(id.to_string());
            return;
        }
        let wired =
            self.stack_of
                .get(stem)
                .and_then(|stack| match stack.properties.get("Parameters") {
                    Some(Node::Map(params)) => params.get(id),
                    _ => None,
                });
        if let Some(value) = wired {
            self.targets(value, self.root, depth + 1, out);
        } else if self
            .templates
            .get(stem)
            .is_some_and(|t| t.parameters.contains_key(id))
        {
            out.push(parameter_key(stem, id));
        }
    }
}

/// The key of a template's own parameter (one with a default, not wired from the root) among
/// resource ids, which never contain `/`.
fn parameter_key(stem: &str, name: &str) -> String {
    format!("{stem}/{name}")
}

/// The template parameters whose definition differs, such as an AMI looked up by another path.
fn changed_parameters(old: &[(String, Template)], new: &[(String, Template)]) -> Vec<String> {
    let mut out = Vec::new();
    for (stem, template) in new {
        let Some((_, before)) = old.iter().find(|(s, _)| s == stem) else {
            continue;
        };
        for (name, parameter) in &template.parameters {
            if before.parameters.get(name).is_some_and(|p| p != parameter) {
                out.push(parameter_key(stem, name));
            }
        }
    }
    out
}

/// The changes that turn OLD's template set into NEW's: NEW's resources in order, then removals.
pub fn diff(old: &[(String, Template)], new: &[(String, Template)]) -> Vec<Change> {
    let before = Index::new(old);
    let after = Index::new(new);
    let mut changes = Vec::new();
    for (stem, template) in new {
        for (id, resource) in &template.resources {
            let change = match before.resources.get(id.as_str()) {
                None => Change {
                    logical_id: id.clone(),
                    resource_type: resource.ty,
                    template: stem.clone(),
                    action: Action::Add,
                    properties: Vec::new(),
                    owner: String::new(),
                    side: Side::New,
                    span: Span::default(),
                },
                Some((old_stem, old)) => compare(id, (old_stem, old), (stem, resource)),
            };
            changes.push(change);
        }
    }
    for (stem, template) in old {
        for (id, resource) in &template.resources {
            if !after.resources.contains_key(id.as_str()) {
                changes.push(Change {
                    logical_id: id.clone(),
                    resource_type: resource.ty,
                    template: stem.clone(),
                    action: Action::Remove,
                    properties: Vec::new(),
                    owner: String::new(),
                    side: Side::Old,
                    span: Span::default(),
                });
            }
        }
    }
    cascade(&mut changes, &after, changed_parameters(old, new));
    changes.retain(|c| c.action != Action::Update || !c.properties.is_empty());
    changes
}

/// One resource on both sides: the properties that differ and what each costs.
fn compare(id: &str, old: (&str, &Resource), new: (&str, &Resource)) -> Change {
    let (old_stem, old) = old;
    let (stem, resource) = new;
    let mut properties = Vec::new();
    if old.ty != resource.ty {
        properties.push(PropertyChange {
            name: "Type".into(),
            interruption: Interruption::Replacement,
            reason: format!("the type changes from {}", old.ty),
            span: None,
        });
    } else if old_stem != stem {
        properties.push(PropertyChange {
            name: "TemplateURL".into(),
            interruption: Interruption::Replacement,
            reason: format!("it moves from template `{old_stem}` to `{stem}`"),
            span: None,
        });
    } else {
        let names = resource.properties.keys().chain(
            old.properties
                .keys()
                .filter(|k| !resource.properties.contains_key(*k)),
        );
        for name in names {
            let (was, is) = (old.properties.get(name), resource.properties.get(name));
            if was != is {
                properties.push(judge(resource.ty, name, was, is));
            }
        }
        // Policies are resource attributes, not properties: changing one touches nothing running.
        if old.policy != resource.policy {
            let was = old.policy.unwrap_or("Delete");
            let is = resource.policy.unwrap_or("Delete");
            for name in ["DeletionPolicy", "UpdateReplacePolicy"] {
                properties.push(PropertyChange {
                    name: name.into(),
                    interruption: Interruption::None,
                    reason: format!("{was} becomes {is}"),
                    span: None,
                });
            }
        }
    }
    let action = if properties
        .iter()
        .any(|p| p.interruption == Interruption::Replacement)
    {
        Action::Replace
    } else {
        Action::Update
    };
    Change {
        logical_id: id.to_string(),
        resource_type: resource.ty,
        template: stem.to_string(),
        action,
        properties,
        owner: String::new(),
        side: Side::New,
        span: Span::default(),
    }
}

/// The table's verdict on one changed property.
fn judge(ty: &str, name: &str, old: Option<&Node>, new: Option<&Node>) -> PropertyChange {
    let update = table::lookup(ty)
        .and_then(|t| t.row(name))
        .map(|r| r.update);
    let (interruption, reason) = match update {
        Some(Update::None) => (Interruption::None, "updated in place".to_string()),
        Some(Update::Some) => (
            Interruption::Some,
            "updated with some interruption".to_string(),
        ),
        Some(Update::Replace) => (Interruption::Replacement, format!("{name} is create-only")),
        Some(Update::Conditional(condition)) => conditional(condition, old, new),
        None => (
            Interruption::Replacement,
            format!("{name} has no row in the update table, so replacement is assumed"),
        ),
    };
    PropertyChange {
        name: name.to_string(),
        interruption,
        reason,
        span: None,
    }
}

fn conditional(
    condition: Condition,
    old: Option<&Node>,
    new: Option<&Node>,
) -> (Interruption, String) {
    let text = |n: Option<&Node>| match n {
        Some(Node::Str(s)) => s.clone(),
        _ => String::new(),
    };
    let (old, new) = (text(old), text(new));
    match condition {
        Condition::EngineVersion if version(&new) < version(&old) => (
            Interruption::Replacement,
            format!(
                "{old} to {new} is a downgrade, which ElastiCache does only by recreating the group"
            ),
        ),
        Condition::EngineVersion => (Interruption::None, format!("upgraded in place from {old}")),
        Condition::Engine if new == "redis" => (
            Interruption::Replacement,
            format!("{old} to {new} cannot be done in place; it needs a new group"),
        ),
        Condition::Engine => (
            Interruption::None,
            format!("{old} to {new} is done in place"),
        ),
    }
}

/// A dotted version as numbers, for ordering (`7.1` < `7.10`).
fn version(text: &str) -> Vec<u64> {
    text.split('.').map(|p| p.parse().unwrap_or(0)).collect()
}

/// A resource that is created anew (added or replaced) gets a new physical id, and a changed
/// parameter a new value: every property that refers to either changes too, which may replace its
/// holder in turn.
fn cascade(changes: &mut [Change], after: &Index, parameters: Vec<String>) {
    let mut work: Vec<String> = changes
        .iter()
        .filter(|c| matches!(c.action, Action::Add | Action::Replace))
        .map(|c| c.logical_id.clone())
        .collect();
    // A custom resource's provider returns new outputs on an update: what reads them changes.
    work.extend(
        changes
            .iter()
            .filter(|c| updated_custom(c))
            .map(|c| c.logical_id.clone()),
    );
    work.extend(parameters);
    if work.is_empty() {
        return;
    }
    // Target to the (change, property) pairs that refer to it, for resources on both sides.
    let mut referrers: HashMap<String, Vec<(usize, String)>> = HashMap::default();
    for (i, change) in changes.iter().enumerate() {
        if matches!(change.action, Action::Add | Action::Remove) {
            continue;
        }
        let Some((stem, resource)) = after.resources.get(change.logical_id.as_str()) else {
            continue;
        };
        for (name, value) in &resource.properties {
            let mut targets = Vec::new();
            after.targets(value, stem, 0, &mut targets);
            targets.sort_unstable();
            targets.dedup();
            for target in targets {
                referrers.entry(target).or_default().push((i, name.clone()));
            }
        }
    }
    let mut seen: HashSet<String> = work.iter().cloned().collect();
    let custom: HashSet<String> = changes
        .iter()
        .filter(|c| updated_custom(c))
        .map(|c| c.logical_id.clone())
        .collect();
    while let Some(target) = work.pop() {
        let why = match target.split_once('/') {
            Some((_, parameter)) => format!("parameter {parameter}, whose value changes"),
            None if custom.contains(&target) => format!("{target}, whose outputs change"),
            None => format!("{target}, which is created anew"),
        };
        for (j, name) in referrers.get(&target).into_iter().flatten() {
            let Some(change) = changes.get_mut(*j) else {
                continue;
            };
            if change.property(name).is_some() {
                continue;
            }
            let mut judged = judge(change.resource_type, name, None, None);
            judged.reason = match judged.interruption {
                Interruption::Replacement => format!("{name} is create-only and refers to {why}"),
                Interruption::Some => format!("{name} refers to {why}; some interruption"),
                Interruption::None => format!("{name} refers to {why}"),
            };
            change.properties.push(judged);
            if change
                .properties
                .iter()
                .any(|p| p.interruption == Interruption::Replacement)
            {
                change.action = Action::Replace;
                if seen.insert(change.logical_id.clone()) {
                    work.push(change.logical_id.clone());
                }
            }
        }
    }
}

fn updated_custom(change: &Change) -> bool {
    change.action == Action::Update
        && !change.properties.is_empty()
        && change.resource_type.starts_with("Custom::")
}
