//! Template boundaries: the plan as one flat template, or as a root with one nested stack per
//! section, where every reference that crosses a boundary becomes an output, a parameter and a wire.

use indexmap::IndexMap;

use super::node::{Node, Output, Parameter, Resource, Template, map};
use super::plan::{Plan, Section};

/// Everything in one template.
pub fn single(plan: &Plan) -> Template {
    let mut t = Template {
        description: plan.description.clone(),
        parameters: plan.root_parameters.clone(),
        ..Template::default()
    };
    for (id, (_, p)) in &plan.local_parameters {
        t.parameters.insert(id.clone(), p.clone());
    }
    for (id, (_, r)) in &plan.resources {
        t.resources.insert(id.clone(), r.clone());
    }
    t.outputs = plan.outputs.clone();
    t
}

/// The root template and the nested ones, in section order; `ext` is the nested files' extension.
pub fn nested(plan: &Plan, ext: &str) -> (Template, Vec<(Section, Template)>) {
    let owner: IndexMap<&str, Section> = plan
        .resources
        .iter()
        .map(|(id, (s, _))| (id.as_str(), *s))
        .chain(
            plan.local_parameters
                .iter()
                .map(|(id, (s, _))| (id.as_str(), *s)),
        )
        .collect();
    let mut sections: IndexMap<Section, Template> = IndexMap::new();
    let mut order: Vec<Section> = plan.resources.values().map(|(s, _)| *s).collect();
    order.sort();
    order.dedup();
    for s in &order {
        sections.insert(
            *s,
            Template {
                description: format!("{}: {}", plan.name, s.description()),
                ..Template::default()
            },
        );
    }
    for (id, (s, p)) in &plan.local_parameters {
        if let Some(t) = sections.get_mut(s) {
            t.parameters.insert(id.clone(), p.clone());
        }
    }
    // Wires: for each consumer section, its stack's Parameters in the root.
    let mut wires: IndexMap<Section, IndexMap<String, Node>> = IndexMap::new();
    let mut stack_deps: IndexMap<Section, Vec<Section>> = IndexMap::new();
    for (id, (s, resource)) in &plan.resources {
        let mut r = resource.clone();
        let mut props = Node::Map(std::mem::take(&mut r.properties));
        props.rewrite(&mut |node| cross(node, *s, &owner, plan, &mut sections, &mut wires));
        if let Node::Map(m) = props {
            r.properties = m;
        }
        let (local, remote): (Vec<String>, Vec<String>) = r
            .depends_on
            .iter()
            .cloned()
            .partition(|d| owner.get(d.as_str()) == Some(s));
        r.depends_on = local;
        for dep in remote {
            if let Some(other) = owner.get(dep.as_str()) {
                stack_deps.entry(*s).or_default().push(*other);
            }
        }
        if let Some(t) = sections.get_mut(s) {
            t.resources.insert(id.clone(), r);
        }
    }
    let mut root = Template {
        description: plan.description.clone(),
        parameters: plan.root_parameters.clone(),
        ..Template::default()
    };
    for (id, out) in &plan.outputs {
        let mut value = out.value.clone();
        value.rewrite(&mut |node| root_ref(node, &owner, &mut sections));
        root.outputs.insert(
            id.clone(),
            Output {
                description: out.description.clone(),
                value,
            },
        );
    }
    for s in &order {
        let mut props = map([("TemplateURL", Node::str(format!("{}.{ext}", s.file_stem())))]);
        if let Some(params) = wires.get(s).filter(|p| !p.is_empty()) {
            props.insert("Parameters".into(), Node::Map(params.clone()));
        }
        let mut resource = Resource::new("AWS::CloudFormation::Stack", props);
        let implied: Vec<String> = wires.get(s).map_or_else(Vec::new, |w| {
            let mut t = Vec::new();
            w.values().for_each(|n| n.targets(&mut t));
            t
        });
        let mut deps: Vec<String> = stack_deps
            .get(s)
            .into_iter()
            .flatten()
            .map(|d| d.stack_id().to_string())
            .filter(|d| !implied.contains(d))
            .collect();
        deps.sort();
        deps.dedup();
        resource.depends_on = deps;
        root.resources.insert(s.stack_id().to_string(), resource);
    }
    (root, sections.into_iter().collect())
}

/// The output name under which a producer exports `node`.
fn export_name(node: &Node) -> Option<String> {
    match node {
        Node::Ref(id) => Some(id.clone()),
        Node::GetAtt(id, attr) => Some(format!("{id}{}", attr.replace('.', ""))),
        _ => None,
    }
}

/// Rewrites a reference from `consumer` to another section or to a root parameter.
fn cross(
    node: &Node,
    consumer: Section,
    owner: &IndexMap<&str, Section>,
    plan: &Plan,
    sections: &mut IndexMap<Section, Template>,
    wires: &mut IndexMap<Section, IndexMap<String, Node>>,
) -> Option<Node> {
    let (Node::Ref(id) | Node::GetAtt(id, _)) = node else {
        return None;
    };
    let name = export_name(node)?;
    let wire = if let Some(param) = plan.root_parameters.get(id) {
        add_parameter(sections, consumer, &name, &param.description);
        Node::Ref(id.clone())
    } else {
        let producer = *owner.get(id.as_str())?;
        if producer == consumer {
            return None;
        }
        let description = format!("{name} from the {} template", producer.file_stem());
        export(sections, producer, &name, node);
        add_parameter(sections, consumer, &name, &description);
        Node::get_att(producer.stack_id(), format!("Outputs.{name}"))
    };
    wires
        .entry(consumer)
        .or_default()
        .insert(name.clone(), wire);
    Some(Node::Ref(name))
}

/// A root output's reference to a nested resource, read from that stack's outputs.
fn root_ref(
    node: &Node,
    owner: &IndexMap<&str, Section>,
    sections: &mut IndexMap<Section, Template>,
) -> Option<Node> {
    let (Node::Ref(id) | Node::GetAtt(id, _)) = node else {
        return None;
    };
    let producer = *owner.get(id.as_str())?;
    let name = export_name(node)?;
    export(sections, producer, &name, node);
    Some(Node::get_att(
        producer.stack_id(),
        format!("Outputs.{name}"),
    ))
}

fn export(sections: &mut IndexMap<Section, Template>, producer: Section, name: &str, value: &Node) {
    if let Some(t) = sections.get_mut(&producer) {
        t.outputs.entry(name.to_string()).or_insert_with(|| Output {
            description: name.to_string(),
            value: value.clone(),
        });
    }
}

fn add_parameter(
    sections: &mut IndexMap<Section, Template>,
    consumer: Section,
    name: &str,
    description: &str,
) {
    if let Some(t) = sections.get_mut(&consumer) {
        t.parameters
            .entry(name.to_string())
            .or_insert_with(|| Parameter::string(description));
    }
}
