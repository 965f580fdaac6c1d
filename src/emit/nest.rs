//! Template boundaries: the plan as one flat template, or as a root with nested stacks (one per
//! section, or several parts of a section when one template cannot hold it). A reference that
//! crosses a boundary becomes an output of its producer, a parameter of its consumer and a wire in
//! the root; when the root could not hold one wire per value, values travel packed in lists.

use crate::hash::IndexMap;

use super::node::{Node, Output, Parameter, Resource, Template, map};
use super::plan::Plan;
use super::split::{self, Layout, Limits, Part, TooBig, export_name};

/// Everything in one template.
pub fn single(plan: Plan) -> Template {
    let mut t = Template {
        description: plan.description,
        parameters: plan.root_parameters,
        resources: plan
            .resources
            .into_iter()
            .map(|(id, r)| (id, r.item))
            .collect(),
        outputs: plan.outputs,
    };
    t.parameters.extend(
        plan.local_parameters
            .into_iter()
            .map(|(id, p)| (id, p.item)),
    );
    t
}

/// The root template and the nested ones in root order, each with its file stem; `ext` is the
/// nested files' extension. Resources' bodies move out of the plan; their ids stay for lookups.
pub fn nested(
    plan: &mut Plan,
    ext: &str,
    limits: &Limits,
) -> Result<(Template, Vec<(String, Template)>), TooBig> {
    let layout = split::layout(plan, limits)?;
    let bodies: Vec<Resource> = plan
        .resources
        .values_mut()
        .map(|r| Resource {
            ty: r.item.ty,
            properties: std::mem::take(&mut r.item.properties),
            depends_on: std::mem::take(&mut r.item.depends_on),
            policy: r.item.policy,
            lint_exempt: r.item.lint_exempt,
            online_resharding: r.item.online_resharding,
        })
        .collect();
    let plan: &Plan = plan;
    let mut wiring = Wiring {
        plan,
        layout: &layout,
        parts: layout
            .parts
            .iter()
            .map(|part| Template {
                description: description(plan, *part),
                ..Template::default()
            })
            .collect(),
        wires: vec![IndexMap::default(); layout.parts.len()],
    };
    for (id, p) in &plan.local_parameters {
        if let Some(t) = wiring.part_of(p.owner) {
            t.parameters.insert(id.clone(), p.item.clone());
        }
    }
    let mut stack_deps: Vec<Vec<usize>> = vec![Vec::new(); layout.parts.len()];
    for ((id, planned), mut r) in plan.resources.iter().zip(bodies) {
        let Some(p) = layout.part_of.get(planned.owner).copied() else {
            continue;
        };
        for value in r.properties.values_mut() {
            value.rewrite(&mut |node| wiring.cross(node, p));
        }
        let depends_on = std::mem::take(&mut r.depends_on);
        for dep in depends_on {
            match owner_part(plan, &layout, &dep) {
                Some(q) if q != p => {
                    if let Some(deps) = stack_deps.get_mut(p) {
                        deps.push(q);
                    }
                }
                _ => r.depends_on.push(dep),
            }
        }
        if let Some(t) = wiring.parts.get_mut(p) {
            t.resources.insert(id.clone(), r);
        }
    }
    let mut root = Template {
        description: plan.description.clone(),
        parameters: plan.root_parameters.clone(),
        ..Template::default()
    };
    for ((id, out), moved) in plan.outputs.iter().zip(&layout.moved) {
        let mut value = out.value.clone();
        let output = match moved.and_then(|o| layout.part_of.get(o).copied()) {
            Some(p) => {
                value.rewrite(&mut |node| wiring.cross(node, p));
                wiring.parts.get_mut(p).map(|t| &mut t.outputs)
            }
            None => {
                value.rewrite(&mut |node| wiring.root_ref(node));
                Some(&mut root.outputs)
            }
        };
        if let Some(outputs) = output {
            outputs.insert(
                id.clone(),
                Output {
                    description: out.description.clone(),
                    value,
                    export: out.export.clone(),
                },
            );
        }
    }
    wiring.pack_outputs();
    let Wiring { parts, wires, .. } = wiring;
    for (p, (part, wires)) in layout.parts.iter().zip(&wires).enumerate() {
        let mut props = map([(
            "TemplateURL",
            Node::str(format!("{}.{ext}", part.file_stem())),
        )]);
        let mut implied = Vec::new();
        if !wires.is_empty() {
            wires.values().for_each(|n| n.targets(&mut implied));
            props.insert("Parameters".into(), Node::Map(wires.clone()));
        }
        let mut deps: Vec<String> = stack_deps
            .get(p)
            .into_iter()
            .flatten()
            .filter_map(|q| layout.parts.get(*q))
            .map(|q| q.stack_id())
            .filter(|d| !implied.contains(d))
            .collect();
        deps.sort();
        deps.dedup();
        // Explicit, as cfn-lint's I3011 asks: deleting a nested stack deletes its resources, each
        // under its own policy (the replication group keeps a final snapshot).
        let mut resource = Resource::new("AWS::CloudFormation::Stack", props).with_policy("Delete");
        resource.depends_on = deps;
        root.resources.insert(part.stack_id(), resource);
    }
    let nested = layout
        .parts
        .iter()
        .map(|p| p.file_stem())
        .zip(parts)
        .collect();
    Ok((root, nested))
}

fn description(plan: &Plan, part: Part) -> String {
    match part.ordinal {
        1 => format!("{}: {}", plan.name, part.section.description()),
        n => format!("{}: {} (part {n})", plan.name, part.section.description()),
    }
}

/// A part's output of `value` under `name`, unless it has one.
fn add_export(parts: &mut [Template], producer: usize, name: &str, value: &Node) {
    if let Some(t) = parts.get_mut(producer)
        && !t.outputs.contains_key(name)
    {
        t.outputs.insert(
            name.to_string(),
            Output {
                description: name.to_string(),
                value: value.clone(),
                export: None,
            },
        );
    }
}

/// A consumer's parameter `name` and the wire that feeds it, each unless it has one.
fn add_parameter(
    parts: &mut [Template],
    wires: &mut [IndexMap<String, Node>],
    consumer: usize,
    name: &str,
    description: impl FnOnce() -> String,
    wire: impl FnOnce() -> Node,
) {
    if let Some(t) = parts.get_mut(consumer)
        && !t.parameters.contains_key(name)
    {
        t.parameters
            .insert(name.to_string(), Parameter::string(description()));
    }
    if let Some(w) = wires.get_mut(consumer)
        && !w.contains_key(name)
    {
        w.insert(name.to_string(), wire());
    }
}

fn owner_part(plan: &Plan, layout: &Layout, id: &str) -> Option<usize> {
    let owner = plan
        .resources
        .get(id)
        .map(|r| r.owner)
        .or_else(|| plan.local_parameters.get(id).map(|p| p.owner))?;
    layout.part_of.get(owner).copied()
}

/// The nested templates being filled, and per part the parameters its stack passes in the root.
struct Wiring<'a> {
    plan: &'a Plan,
    layout: &'a Layout,
    parts: Vec<Template>,
    wires: Vec<IndexMap<String, Node>>,
}

impl Wiring<'_> {
    fn part_of(&mut self, owner: usize) -> Option<&mut Template> {
        let p = self.layout.part_of.get(owner).copied()?;
        self.parts.get_mut(p)
    }

    fn part(&self, p: usize) -> Option<Part> {
        self.layout.parts.get(p).copied()
    }

    /// Rewrites a reference from part `consumer` to another part or to a root parameter. A
    /// consumer reads one value through many references, so a parameter's description and wire
    /// are made only when it is new.
    fn cross(&mut self, node: &Node, consumer: usize) -> Option<Node> {
        let id = node.target()?;
        if let Some(param) = self.plan.root_parameters.get(id) {
            let description = &param.description;
            let (parts, wires) = (&mut self.parts, &mut self.wires);
            add_parameter(
                parts,
                wires,
                consumer,
                id,
                || description.clone(),
                || Node::Ref(id.to_string()),
            );
            return Some(Node::Ref(id.to_string()));
        }
        let producer = owner_part(self.plan, self.layout, id)?;
        if producer == consumer {
            return None;
        }
        let name = export_name(node)?;
        let stack = self.part(producer)?;
        let packed = self
            .layout
            .exports
            .get_index_of(&name)
            .and_then(|e| self.layout.pack_of.get(e).copied().flatten());
        let (parts, wires) = (&mut self.parts, &mut self.wires);
        match packed {
            Some((k, i)) if self.layout.packed => {
                let param = format!("{}Values{k}", stack.stack_id());
                add_parameter(
                    parts,
                    wires,
                    consumer,
                    &param,
                    || {
                        format!(
                            "Values from the {} template, comma-separated",
                            stack.file_stem()
                        )
                    },
                    || Node::get_att(stack.stack_id(), format!("Outputs.Values{k}")),
                );
                Some(Node::Select(
                    i,
                    Box::new(Node::Split(",".into(), Box::new(Node::Ref(param)))),
                ))
            }
            _ => {
                add_export(parts, producer, &name, node);
                add_parameter(
                    parts,
                    wires,
                    consumer,
                    &name,
                    || format!("{name} from the {} template", stack.file_stem()),
                    || Node::get_att(stack.stack_id(), format!("Outputs.{name}")),
                );
                Some(Node::Ref(name))
            }
        }
    }

    /// A root output's reference to a nested resource, read from that stack's outputs.
    fn root_ref(&mut self, node: &Node) -> Option<Node> {
        let producer = owner_part(self.plan, self.layout, node.target()?)?;
        let name = export_name(node)?;
        self.export(producer, &name, node);
        Some(Node::get_att(
            self.part(producer)?.stack_id(),
            format!("Outputs.{name}"),
        ))
    }

    fn export(&mut self, producer: usize, name: &str, value: &Node) {
        add_export(&mut self.parts, producer, name, value);
    }

    /// Each packed list as an output of its producer: the values joined with commas.
    fn pack_outputs(&mut self) {
        if !self.layout.packed {
            return;
        }
        for (p, packs) in self.layout.packs.iter().enumerate() {
            let Some(t) = self.parts.get_mut(p) else {
                continue;
            };
            for (k, pack) in packs.iter().enumerate() {
                let values = pack
                    .iter()
                    .filter_map(|e| self.layout.exports.get_index(*e))
                    .map(|(_, x)| x.value.clone())
                    .collect();
                t.outputs.insert(
                    format!("Values{k}"),
                    Output {
                        description: format!("Values read by other templates, list {k}"),
                        value: Node::Join(",".into(), values),
                        export: None,
                    },
                );
            }
        }
    }
}
