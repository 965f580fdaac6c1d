//! Upper bounds on how many bytes a piece of a template takes once printed, in YAML or in JSON.
//! Splitting uses them to keep every template under CloudFormation's body limit without printing twice.

use super::node::{Node, Parameter, Resource, Template};

/// Bytes of `node` printed as a value at nesting `depth` (0 = a top-level key's value).
pub fn node(node: &Node, depth: usize) -> usize {
    // One line of JSON at this depth: its indentation, quotes, comma and newline.
    let line = 2 * depth + 8;
    match node {
        Node::Str(s) => text(s, depth),
        Node::Int(_) | Node::Bool(_) => 24,
        Node::Ref(id) => id.len() + 3 * line,
        Node::GetAtt(id, attr) => id.len() + attr.len() + 6 * line,
        Node::Sub(s) => text(s, depth + 1) + 3 * line,
        Node::SubWith(s, vars) => text(s, depth + 2) + map(vars.iter(), depth + 2) + 6 * line,
        Node::Base64(inner) => self::node(inner, depth + 1) + 3 * line,
        Node::Select(_, inner) | Node::Split(_, inner) => self::node(inner, depth + 2) + 6 * line,
        Node::Join(sep, items) => text(sep, depth + 2) + list(items, depth + 2) + 6 * line,
        Node::List(items) => list(items, depth),
        Node::Map(m) => map(m.iter(), depth),
    }
}

fn list(items: &[Node], depth: usize) -> usize {
    items
        .iter()
        .map(|n| node(n, depth + 1) + 2 * depth + 8)
        .sum::<usize>()
        + 2 * depth
        + 8
}

fn map<'a>(entries: impl Iterator<Item = (&'a String, &'a Node)>, depth: usize) -> usize {
    entries
        .map(|(k, v)| k.len() + 2 * depth + 12 + node(v, depth + 1))
        .sum::<usize>()
        + 2 * depth
        + 8
}

/// A string: quotes, escapes (JSON and double-quoted YAML), and the indentation a block scalar adds
/// to every line.
fn text(s: &str, depth: usize) -> usize {
    let extra: usize = s
        .bytes()
        .map(|b| match b {
            b'\n' => 2 * depth + 6,
            b'"' | b'\\' | b'\'' | b'\t' | b'\r' => 1,
            b if b < 0x20 => 6,
            _ => 0,
        })
        .sum();
    s.len() + extra + 8
}

/// A resource under `Resources:`, with its id.
pub fn resource(id: &str, resource: &Resource) -> usize {
    let deps: usize = resource.depends_on.iter().map(|d| d.len() + 16).sum();
    let policies = resource.policy.map_or(0, |p| 2 * p.len() + 48);
    let exempt: usize = match resource.lint_exempt {
        [] => 0,
        checks => 96 + checks.iter().map(|c| c.len() + 24).sum::<usize>(),
    };
    let resharding = if resource.online_resharding { 64 } else { 0 };
    id.len()
        + resource.ty.len()
        + resharding
        + deps
        + policies
        + exempt
        + 64
        + map(resource.properties.iter(), 3)
}

/// A parameter under `Parameters:`, with its id.
pub fn parameter(id: &str, parameter: &Parameter) -> usize {
    id.len()
        + parameter.ty.len()
        + text(&parameter.description, 2)
        + parameter.default.as_ref().map_or(0, |d| text(d, 2) + 16)
        + 64
}

/// An output under `Outputs:` with this id, description and value.
pub fn output(id: &str, description: &str, value: &Node) -> usize {
    id.len() + text(description, 2) + node(value, 2) + 64
}

/// A template's fixed parts: format version, description, section headers.
pub fn template(description: &str) -> usize {
    text(description, 0) + 160
}

/// A whole template: its fixed parts and every parameter, resource and output.
pub fn whole(t: &Template) -> usize {
    template(&t.description)
        + t.parameters
            .iter()
            .map(|(id, p)| parameter(id, p))
            .sum::<usize>()
        + t.resources
            .iter()
            .map(|(id, r)| resource(id, r))
            .sum::<usize>()
        + t.outputs
            .iter()
            .map(|(id, o)| output(id, &o.description, &o.value))
            .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::{Format, plan, print};

    /// Every resource and parameter printed alone in a template stays within its estimate.
    #[test]
    fn estimates_bound_the_printed_size() {
        let mut options = crate::Options::default();
        options.check.today = crate::date::Date::new(2026, 11, 26);
        for seed in 0..6 {
            let g = crate::generate::program(seed, 4, 2);
            let checked = crate::check(&g.source, &g, &options);
            let plan = plan(&checked.model.expect("valid"));
            for (id, r) in &plan.resources {
                let mut t = Template::default();
                t.resources.insert(id.clone(), r.item.clone());
                for format in [Format::Yaml, Format::Json] {
                    let printed = print(&t, format).len();
                    let bound = resource(id, &r.item) + template("");
                    assert!(printed <= bound, "{id} {format:?}: {printed} > {bound}");
                }
            }
            for (id, p) in &plan.local_parameters {
                let mut t = Template::default();
                t.parameters.insert(id.clone(), p.item.clone());
                for format in [Format::Yaml, Format::Json] {
                    let printed = print(&t, format).len();
                    let bound = parameter(id, &p.item) + template("");
                    assert!(printed <= bound, "{id} {format:?}: {printed} > {bound}");
                }
            }
        }
    }

    /// Every emitted template, root included, stays within its whole-template estimate.
    #[test]
    fn whole_bounds_every_emitted_template() {
        let mut options = crate::Options::default();
        options.check.today = crate::date::Date::new(2026, 11, 26);
        for seed in 0..4 {
            let g = crate::generate::program(seed, 40, 2);
            let checked = crate::check(&g.source, &g, &options);
            let plan = plan(&checked.model.expect("valid"));
            let templates = crate::emit::templates(plan, options.emit).expect("splits");
            for (stem, t) in &templates {
                for format in [Format::Yaml, Format::Json] {
                    let printed = print(t, format).len();
                    let bound = whole(t);
                    assert!(printed <= bound, "{stem} {format:?}: {printed} > {bound}");
                }
            }
        }
    }
}
