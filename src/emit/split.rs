//! Where the template boundaries go: each section's owners, dependencies first, packed greedily
//! into parts that keep CloudFormation's per-template limits. Depends only on the plan.

use crate::hash::IndexMap;

use super::node::Node;
use super::plan::{Plan, Section};
use super::size;
use crate::aws::quotas;
use crate::model::ids::export_id;

/// The bounds on one template. Tests lower them to reach the rare paths with small programs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub resources: usize,
    pub parameters: usize,
    pub outputs: usize,
    pub bytes: usize,
}

impl Limits {
    /// CloudFormation's quotas.
    pub const CLOUDFORMATION: Limits = Limits {
        resources: quotas::TEMPLATE_RESOURCES,
        parameters: quotas::TEMPLATE_PARAMETERS,
        outputs: quotas::TEMPLATE_OUTPUTS,
        bytes: quotas::TEMPLATE_BODY_BYTES,
    };

    /// Where packing starts a new part: nine tenths of each bound. cfn-lint reports a template
    /// past 90% of a quota as approaching it (I3010, I6010, I1002), and a part filled to the brim
    /// leaves no room for the next attribute. One owner alone may still take the whole bound.
    fn fill(&self) -> Limits {
        let tenths = |n: usize| n / 10 * 9 + n % 10 * 9 / 10;
        Limits {
            resources: tenths(self.resources),
            parameters: tenths(self.parameters),
            outputs: tenths(self.outputs),
            bytes: tenths(self.bytes),
        }
    }

    pub fn of(&self, limit: Limit) -> usize {
        match limit {
            Limit::Resources => self.resources,
            Limit::Parameters => self.parameters,
            Limit::Outputs => self.outputs,
            Limit::Bytes => self.bytes,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::CLOUDFORMATION
    }
}

/// Values per packed parameter: a parameter value holds [`quotas::PARAMETER_VALUE_BYTES`] (4,096),
/// and no id, ARN or endpoint address that crosses a boundary is longer than 255.
pub const PACK: usize = 15;
/// What a reference may grow by when packing turns `!Ref X` into `!Select [i, !Split [",", !Ref P]]`.
const PACKED_REF_BYTES: usize = 320;

/// One nested template: a section, or the n-th part of a section too big for one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub section: Section,
    /// 1 for the first part, which keeps the section's own names.
    pub ordinal: usize,
}

impl Part {
    pub fn file_stem(self) -> String {
        match self.ordinal {
            1 => self.section.file_stem().to_string(),
            n => format!("{}-{n}", self.section.file_stem()),
        }
    }

    pub fn stack_id(self) -> String {
        match self.ordinal {
            1 => self.section.stack_id().to_string(),
            n => format!("{}{n}", self.section.stack_id()),
        }
    }
}

/// A value one owner makes and another owner (or the root) reads.
#[derive(Debug, Clone)]
pub struct Export {
    /// The `Ref`/`GetAtt` that reads it inside the producer's template.
    pub value: Node,
    pub producer: usize,
    /// Distinct owners other than the producer that read it.
    pub consumers: usize,
    /// A root output reads it.
    pub root: bool,
}

/// Something an owner reads from outside itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Import {
    Export(usize),
    Root(usize),
}

/// What the split needs to know about one owner.
#[derive(Debug, Clone, Default)]
struct Facts {
    resources: usize,
    parameters: usize,
    bytes: usize,
    imports: Vec<Import>,
    exports: Vec<usize>,
    moved_outputs: usize,
    after: Vec<usize>,
}

/// A CloudFormation limit on one template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    Resources,
    Parameters,
    Outputs,
    Bytes,
}

impl Limit {
    pub fn what(self) -> &'static str {
        match self {
            Limit::Resources => "resources",
            Limit::Parameters => "parameters",
            Limit::Outputs => "outputs",
            Limit::Bytes => "bytes",
        }
    }
}

/// Why no split works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooBig {
    /// One owner's resources alone need more than one template holds.
    Owner {
        owner: usize,
        limit: Limit,
        needed: usize,
        max: usize,
    },
    /// The root cannot hold the nested stacks, their wiring or the outputs.
    Root {
        limit: Limit,
        needed: usize,
        max: usize,
    },
}

/// The parts and who goes where.
#[derive(Debug, Clone)]
pub struct Layout {
    pub parts: Vec<Part>,
    /// Owner index to part index.
    pub part_of: Vec<usize>,
    /// Exports by the name the producer outputs them under.
    pub exports: IndexMap<String, Export>,
    /// Per root output: the owner whose template publishes it instead of the root (when the root
    /// cannot hold all outputs), else `None`.
    pub moved: Vec<Option<usize>>,
    /// Whether references between templates travel packed, many values to a parameter.
    pub packed: bool,
    /// Per export, when packed: (pack number within its producer part, position in the pack).
    pub pack_of: Vec<Option<(usize, usize)>>,
    /// Per part, its packs' exports in order.
    pub packs: Vec<Vec<Vec<usize>>>,
}

/// The output name under which a producer exports `node`.
pub fn export_name(node: &Node) -> Option<String> {
    match node {
        Node::Ref(id) => Some(id.clone()),
        Node::GetAtt(id, attr) => Some(export_id(id, attr)),
        _ => None,
    }
}

fn owner_of(plan: &Plan, id: &str) -> Option<usize> {
    plan.resources
        .get(id)
        .map(|r| r.owner)
        .or_else(|| plan.local_parameters.get(id).map(|p| p.owner))
}

pub fn layout(plan: &Plan, limits: &Limits) -> Result<Layout, TooBig> {
    let (facts, exports, moved) = analyse(plan, limits)?;
    let order = dependency_order(plan, &facts);
    let (parts, part_of, plain_root) = chunk(plan, limits, &facts, &exports, &order, &moved)?;
    if parts.len() > limits.resources {
        return Err(TooBig::Root {
            limit: Limit::Resources,
            needed: parts.len(),
            max: limits.resources,
        });
    }
    let mut layout = Layout {
        pack_of: vec![None; exports.len()],
        packs: vec![Vec::new(); parts.len()],
        parts,
        part_of,
        exports,
        moved,
        packed: false,
    };
    if plain_root > limits.bytes {
        let packed_root = pack(plan, &facts, &mut layout);
        if packed_root > limits.bytes {
            return Err(TooBig::Root {
                limit: Limit::Bytes,
                needed: packed_root,
                max: limits.bytes,
            });
        }
    }
    Ok(layout)
}

type Analysis = (Vec<Facts>, IndexMap<String, Export>, Vec<Option<usize>>);

/// Counts, sizes, imports and exports per owner; which root outputs move into nested templates.
fn analyse(plan: &Plan, limits: &Limits) -> Result<Analysis, TooBig> {
    let mut facts = vec![Facts::default(); plan.owners.len()];
    let mut exports: IndexMap<String, Export> = IndexMap::default();
    let mut import = |node: &Node, consumer: Option<usize>, facts: &mut [Facts]| {
        let Some(id) = node.target() else { return };
        if let Some(r) = plan.root_parameters.get_index_of(id) {
            if let Some(f) = consumer.and_then(|c| facts.get_mut(c)) {
                f.imports.push(Import::Root(r));
            }
            return;
        }
        let Some(producer) = owner_of(plan, id) else {
            return;
        };
        if Some(producer) == consumer {
            return;
        }
        let Some(name) = export_name(node) else {
            return;
        };
        let index = match exports.get_index_of(&name) {
            Some(i) => i,
            None => {
                exports
                    .insert_full(
                        name,
                        Export {
                            value: node.clone(),
                            producer,
                            consumers: 0,
                            root: false,
                        },
                    )
                    .0
            }
        };
        match consumer.and_then(|c| facts.get_mut(c)) {
            Some(f) => {
                f.imports.push(Import::Export(index));
                f.bytes += PACKED_REF_BYTES;
            }
            None => {
                if let Some(e) = exports.get_index_mut(index) {
                    e.1.root = true;
                }
            }
        }
    };
    for (id, planned) in &plan.resources {
        let owner = planned.owner;
        for value in planned.item.properties.values() {
            value.each_ref(&mut |node| import(node, Some(owner), &mut facts));
        }
        let after: Vec<usize> = planned
            .item
            .depends_on
            .iter()
            .filter_map(|d| owner_of(plan, d))
            .filter(|o| *o != owner)
            .collect();
        if let Some(f) = facts.get_mut(owner) {
            f.resources += 1;
            f.bytes += size::resource(id, &planned.item);
            f.after.extend(after);
        }
    }
    for (id, planned) in &plan.local_parameters {
        if let Some(f) = facts.get_mut(planned.owner) {
            f.parameters += 1;
            f.bytes += size::parameter(id, &planned.item);
        }
    }
    let move_outputs = plan.outputs.len() > limits.outputs;
    let mut moved = Vec::with_capacity(plan.outputs.len());
    let mut kept = 0;
    for (id, output) in &plan.outputs {
        let mut owners = Vec::new();
        output.value.each_ref(&mut |node| {
            owners.push(node.target().and_then(|t| owner_of(plan, t)));
        });
        owners.dedup();
        match owners.as_slice() {
            [Some(owner)] if move_outputs => {
                if let Some(f) = facts.get_mut(*owner) {
                    f.moved_outputs += 1;
                    f.bytes += size::output(id, &output.description, &output.value);
                }
                moved.push(Some(*owner));
            }
            _ => {
                output
                    .value
                    .each_ref(&mut |node| import(node, None, &mut facts));
                kept += 1;
                moved.push(None);
            }
        }
    }
    if kept > limits.outputs {
        return Err(TooBig::Root {
            limit: Limit::Outputs,
            needed: kept,
            max: limits.outputs,
        });
    }
    for (owner, f) in facts.iter_mut().enumerate() {
        f.imports.sort_unstable();
        f.imports.dedup();
        for import in &f.imports {
            if let Import::Export(e) = import
                && let Some((_, export)) = exports.get_index_mut(*e)
            {
                export.consumers += 1;
                f.after.push(export.producer);
            }
        }
        f.after.retain(|o| *o != owner);
        f.after.sort_unstable();
        f.after.dedup();
    }
    for (e, (_, export)) in exports.iter().enumerate() {
        if let Some(f) = facts.get_mut(export.producer) {
            f.exports.push(e);
        }
    }
    Ok((facts, exports, moved))
}

fn section(plan: &Plan, owner: usize) -> Option<Section> {
    plan.owners.get_index(owner).map(|(s, _)| *s)
}

/// Owners by section, and within a section every owner after the owners it reads from, otherwise
/// in plan order: parts then only read from earlier parts, so nested stacks never wait on each other
/// in a circle.
fn dependency_order(plan: &Plan, facts: &[Facts]) -> Vec<usize> {
    let mut starts: Vec<usize> = (0..facts.len()).collect();
    starts.sort_by_key(|o| section(plan, *o));
    let mut done = vec![false; facts.len()];
    let mut order = Vec::with_capacity(facts.len());
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in starts {
        if done.get(start).copied().unwrap_or(true) {
            continue;
        }
        if let Some(d) = done.get_mut(start) {
            *d = true;
        }
        stack.push((start, 0));
        while let Some((owner, next)) = stack.last_mut() {
            let owner = *owner;
            let dep = facts.get(owner).and_then(|f| f.after.get(*next)).copied();
            *next += 1;
            match dep {
                Some(d) => {
                    if section(plan, d) == section(plan, owner)
                        && done.get(d).is_some_and(|seen| !seen)
                    {
                        if let Some(seen) = done.get_mut(d) {
                            *seen = true;
                        }
                        stack.push((d, 0));
                    }
                }
                None => {
                    order.push(owner);
                    stack.pop();
                }
            }
        }
    }
    order
}

/// Running totals of the part being filled.
#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    owners: usize,
    resources: usize,
    parameters: usize,
    outputs: usize,
    bytes: usize,
    /// In what `measure` returns: outputs that the new owner makes unnecessary, because it was the
    /// last reader of a value outside the part.
    closed: usize,
}

impl Totals {
    /// A part with nothing in it yet: the description and section headers.
    fn empty() -> Totals {
        Totals {
            bytes: 1024,
            ..Totals::default()
        }
    }

    fn over(&self, limits: &Limits) -> Option<(Limit, usize)> {
        [
            (Limit::Resources, self.resources),
            (Limit::Parameters, self.parameters),
            (Limit::Outputs, self.outputs),
            (Limit::Bytes, self.bytes),
        ]
        .into_iter()
        .find(|(limit, n)| *n > limits.of(*limit))
    }
}

/// Bytes of a plain parameter and of its wire in the root.
fn plain_import_bytes(name: &str) -> (usize, usize) {
    (2 * name.len() + 96, 2 * name.len() + 64)
}

type Chunked = (Vec<Part>, Vec<usize>, usize);

/// Fills parts greedily in dependency order; returns them, the part of each owner and the size the
/// root would have with one wire per value.
fn chunk(
    plan: &Plan,
    limits: &Limits,
    facts: &[Facts],
    exports: &IndexMap<String, Export>,
    order: &[usize],
    moved: &[Option<usize>],
) -> Result<Chunked, TooBig> {
    const UNSET: usize = usize::MAX;
    let mut parts: Vec<Part> = Vec::new();
    let mut part_of = vec![UNSET; facts.len()];
    let mut imported_in = vec![UNSET; exports.len()];
    let mut root_in = vec![UNSET; plan.root_parameters.len()];
    // Per export: the part counted in and how many of its consumers are in it.
    let mut local = vec![(UNSET, 0usize); exports.len()];
    let mut totals = Totals::default();
    let mut root_bytes = size::template(&plan.description) + 256;
    root_bytes += root_outputs_bytes(plan, moved);
    let names: Vec<&str> = exports.keys().map(String::as_str).collect();
    let fill = limits.fill();
    for &owner in order {
        let Some(f) = facts.get(owner) else { continue };
        let Some(sec) = section(plan, owner) else {
            continue;
        };
        let start = match parts.last() {
            Some(last) if last.section == sec => None,
            Some(_) | None => Some(1),
        };
        if let Some(ordinal) = start {
            parts.push(Part {
                section: sec,
                ordinal,
            });
            totals = Totals::empty();
        }
        let measure_in = |p| {
            measure(
                f,
                p,
                &part_of,
                &imported_in,
                &root_in,
                &local,
                exports,
                &names,
            )
        };
        let mut p = parts.len() - 1;
        let mut add = measure_in(p);
        if totals.owners > 0 && grow(totals, add).over(&fill).is_some() {
            let ordinal = parts.last().map_or(1, |l| l.ordinal + 1);
            parts.push(Part {
                section: sec,
                ordinal,
            });
            totals = Totals::empty();
            p += 1;
            add = measure_in(p);
        }
        totals = grow(totals, add);
        if let Some((limit, needed)) = totals.over(limits) {
            return Err(TooBig::Owner {
                owner,
                limit,
                needed,
                max: limits.of(limit),
            });
        }
        let stack_id_len = parts.get(p).map_or(0, |part| part.stack_id().len());
        if totals.owners == 1 {
            root_bytes += 256 + 2 * stack_id_len;
        }
        for import in &f.imports {
            match *import {
                Import::Root(r) => {
                    if root_in.get(r) != Some(&p) {
                        if let Some(slot) = root_in.get_mut(r) {
                            *slot = p;
                        }
                        let name = plan.root_parameters.get_index(r).map_or("", |(n, _)| n);
                        root_bytes += plain_import_bytes(name).1;
                    }
                }
                Import::Export(e) => {
                    let Some(export) = exports.get_index(e).map(|(_, x)| x) else {
                        continue;
                    };
                    if part_of.get(export.producer) == Some(&p) {
                        if let Some(slot) = local.get_mut(e) {
                            *slot = if slot.0 == p { (p, slot.1 + 1) } else { (p, 1) };
                        }
                    } else if imported_in.get(e) != Some(&p) {
                        if let Some(slot) = imported_in.get_mut(e) {
                            *slot = p;
                        }
                        let name = names.get(e).copied().unwrap_or_default();
                        root_bytes += plain_import_bytes(name).1 + stack_id_len;
                    }
                }
            }
        }
        if let Some(slot) = part_of.get_mut(owner) {
            *slot = p;
        }
    }
    Ok((parts, part_of, root_bytes))
}

/// The root outputs that stay in the root.
fn root_outputs_bytes(plan: &Plan, moved: &[Option<usize>]) -> usize {
    plan.outputs
        .iter()
        .zip(moved)
        .filter(|(_, m)| m.is_none())
        .map(|((id, o), _)| size::output(id, &o.description, &o.value) + 64)
        .sum()
}

fn grow(t: Totals, add: Totals) -> Totals {
    Totals {
        owners: t.owners + add.owners,
        resources: t.resources + add.resources,
        parameters: t.parameters + add.parameters,
        outputs: (t.outputs + add.outputs).saturating_sub(add.closed),
        bytes: t.bytes + add.bytes,
        closed: 0,
    }
}

/// What adding owner `f` to part `p` adds to the part's totals.
#[allow(clippy::too_many_arguments)]
fn measure(
    f: &Facts,
    p: usize,
    part_of: &[usize],
    imported_in: &[usize],
    root_in: &[usize],
    local: &[(usize, usize)],
    exports: &IndexMap<String, Export>,
    names: &[&str],
) -> Totals {
    let mut parameters = f.parameters;
    let mut bytes = f.bytes;
    let mut closing = 0;
    for import in &f.imports {
        match *import {
            Import::Root(r) => {
                if root_in.get(r) != Some(&p) {
                    parameters += 1;
                    bytes += 160;
                }
            }
            Import::Export(e) => {
                let Some(export) = exports.get_index(e).map(|(_, x)| x) else {
                    continue;
                };
                if part_of.get(export.producer) == Some(&p) {
                    let seen = local
                        .get(e)
                        .map_or(0, |(part, n)| if *part == p { *n } else { 0 });
                    if !export.root && seen + 1 == export.consumers {
                        closing += 1;
                    }
                } else if imported_in.get(e) != Some(&p) {
                    parameters += 1;
                    bytes += plain_import_bytes(names.get(e).copied().unwrap_or_default()).0;
                }
            }
        }
    }
    let mut outputs = f.moved_outputs;
    for e in &f.exports {
        if let Some((name, export)) = exports.get_index(*e) {
            outputs += 1;
            bytes += size::output(name, name, &export.value);
        }
    }
    Totals {
        owners: 1,
        resources: f.resources,
        parameters,
        outputs,
        bytes,
        closed: closing,
    }
}

/// Packs every value that crosses between parts into comma-joined outputs of its producer, at most
/// [`PACK`] to one; returns the root's size with one wire per pack a part reads.
fn pack(plan: &Plan, facts: &[Facts], layout: &mut Layout) -> usize {
    let mut external = vec![false; layout.exports.len()];
    for (owner, f) in facts.iter().enumerate() {
        let consumer = layout.part_of.get(owner).copied();
        for import in &f.imports {
            if let Import::Export(e) = *import
                && let Some((_, export)) = layout.exports.get_index(e)
                && layout.part_of.get(export.producer).copied() != consumer
                && let Some(x) = external.get_mut(e)
            {
                *x = true;
            }
        }
    }
    for (e, (_, export)) in layout.exports.iter().enumerate() {
        if !external.get(e).copied().unwrap_or(false) {
            continue;
        }
        let Some(q) = layout.part_of.get(export.producer).copied() else {
            continue;
        };
        let Some(packs) = layout.packs.get_mut(q) else {
            continue;
        };
        if packs.last().is_none_or(|p| p.len() >= PACK) {
            packs.push(Vec::new());
        }
        let k = packs.len() - 1;
        if let Some(pack) = packs.last_mut() {
            if let Some(slot) = layout.pack_of.get_mut(e) {
                *slot = Some((k, pack.len()));
            }
            pack.push(e);
        }
    }
    layout.packed = true;
    let mut bytes = size::template(&plan.description) + 256;
    bytes += root_outputs_bytes(plan, &layout.moved);
    let mut wires: Vec<Vec<(usize, usize)>> = vec![Vec::new(); layout.parts.len()];
    for (owner, f) in facts.iter().enumerate() {
        let Some(p) = layout.part_of.get(owner).copied() else {
            continue;
        };
        for import in &f.imports {
            let wire = match *import {
                Import::Root(r) => (usize::MAX, r),
                Import::Export(e) => {
                    let producer = layout
                        .exports
                        .get_index(e)
                        .and_then(|(_, x)| layout.part_of.get(x.producer).copied());
                    match (producer, layout.pack_of.get(e).copied().flatten()) {
                        (Some(q), Some((k, _))) if q != p => (q, k),
                        _ => continue,
                    }
                }
            };
            if let Some(w) = wires.get_mut(p) {
                w.push(wire);
            }
        }
    }
    for (p, mut w) in wires.into_iter().enumerate() {
        w.sort_unstable();
        w.dedup();
        let id_len = layout.parts.get(p).map_or(0, |part| part.stack_id().len());
        bytes += 256 + 2 * id_len + w.len() * (3 * id_len + 96);
    }
    bytes
}
