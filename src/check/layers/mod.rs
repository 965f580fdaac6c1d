//! Lambda layers: each built by pip for a Python runtime, named within AWS limits, and attached
//! only to functions of the same runtime and architecture, at most 5 to a function, each once.
//! The rules here find; `problem` words what they find.

mod problem;

use crate::hash::HashMap;

use problem::LayerProblem;

use super::Context;
use super::aws_names::refused;
use super::functions::problem::Owner;
use super::functions::runtime;
use crate::aws::quotas::{LAYER_NAME_CHARS, LAYERS_PER_FUNCTION, SSM_STANDARD_VALUE_BYTES};
use crate::aws::runtimes;
use crate::diag::Diag;
use crate::model::ids::aws_name;
use crate::model::{Function, Layer, Model, Ref};

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    let mut found = Vec::new();
    for layer in &model.layers {
        let rt = &layer.runtime;
        if runtime::check(rt, Owner::Layer(&layer.name.value), cx, out)
            && runtimes::language(&rt.value) != "python"
        {
            found.push(LayerProblem::NotPython { layer });
        }
        name(model, layer, &mut found);
        requirements(layer, &mut found);
    }
    for function in &model.functions {
        attached(model, function, &mut found);
    }
    out.extend(found.iter().map(LayerProblem::diag));
}

fn name<'m>(model: &'m Model, layer: &'m Layer, found: &mut Vec<LayerProblem<'m>>) {
    let stack = &model.stack.name;
    let full = aws_name(&stack.value, &layer.name.value);
    let bad = refused(&full);
    if full.chars().count() > LAYER_NAME_CHARS || !bad.is_empty() {
        found.push(LayerProblem::BadName {
            layer,
            stack,
            full,
            bad,
        });
    }
}

fn requirements<'m>(layer: &'m Layer, found: &mut Vec<LayerProblem<'m>>) {
    let list = &layer.requirements;
    if list.value.is_empty() {
        found.push(LayerProblem::NoRequirements { layer });
        return;
    }
    let mut bad = list.value.iter().filter_map(|r| {
        let why = if r.value.trim().is_empty() {
            "an empty requirement"
        } else if r.value.contains(['\n', '\r']) {
            "a requirement cannot span lines"
        } else if r.value.trim_start().starts_with('-') {
            "pip would read this as an option, not a requirement"
        } else {
            return None;
        };
        Some((r, why))
    });
    if let Some(first) = bad.next() {
        found.push(LayerProblem::NotSpecifiers {
            layer,
            first,
            more: bad.collect(),
        });
    }
    let bytes: usize = list.value.iter().map(|r| r.value.len() + 1).sum::<usize>() - 1;
    if bytes > SSM_STANDARD_VALUE_BYTES {
        found.push(LayerProblem::RequirementsTooLong { layer, bytes });
    }
}

/// The layers a function lists: compatible, at most 5, none twice.
fn attached<'m>(model: &'m Model, function: &'m Function, found: &mut Vec<LayerProblem<'m>>) {
    let refs = &function.layers.value;
    let mut seen: HashMap<usize, &Ref> = HashMap::default();
    let mut repeats: Vec<(&Ref, &Ref)> = Vec::new();
    for r in refs {
        if let Some(first) = seen.get(&r.index) {
            repeats.push((r, first));
            continue;
        }
        seen.insert(r.index, r);
        if let Some(layer) = model.layer(r) {
            let at = r.name.span;
            if layer.runtime.value != function.runtime.value {
                found.push(LayerProblem::OtherRuntime {
                    function,
                    layer,
                    at,
                });
            }
            if layer.arch() != function.arch() {
                found.push(LayerProblem::OtherArch {
                    function,
                    layer,
                    at,
                });
            }
        }
    }
    let mut repeats = repeats.into_iter();
    if let Some(first) = repeats.next() {
        found.push(LayerProblem::ListedAgain {
            first,
            more: repeats.collect(),
        });
    }
    if let Some(extra) = refs.get(LAYERS_PER_FUNCTION) {
        found.push(LayerProblem::TooMany { function, extra });
    }
}
