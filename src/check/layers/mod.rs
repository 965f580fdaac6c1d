//! Lambda layers: each built by pip for a Python runtime from requirements pip reads (inline or a
//! requirements file), or packaged from a folder laid out for its runtime; named within AWS limits,
//! and attached only to functions of the same runtime and architecture, at most 5, each once.
//! The rules here find; `problem` words what they find.

mod pep508_guard;
mod problem;
mod specifiers;

use crate::hash::HashMap;

use problem::{Found, LayerProblem, LineKind};
use specifiers::Reading;

use super::Context;
use super::aws_names::refused;
use super::functions::problem::Owner;
use super::functions::runtime;
use crate::aws::quotas::{LAYER_NAME_CHARS, LAYERS_PER_FUNCTION, SSM_STANDARD_VALUE_BYTES};
use crate::aws::runtimes;
use crate::diag::Diag;
use crate::model::ids::aws_name;
use crate::model::{Function, Layer, LayerContent, Model, Ref};
use crate::span::Span;

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    let mut found = Vec::new();
    for layer in &model.layers {
        let rt = &layer.runtime;
        if runtime::check(rt, Owner::Layer(&layer.name.value), cx, out)
            && layer.built()
            && runtimes::language(&rt.value) != "python"
        {
            found.push(LayerProblem::NotPython { layer });
        }
        name(model, layer, &mut found);
        if !sources(layer, &mut found) {
            continue;
        }
        if let Some(content) = &layer.content {
            runtime_folder(layer, content, &mut found);
        } else if layer.requirements_file.is_some() {
            lines(layer, &mut found);
        } else {
            requirements(layer, &mut found);
        }
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

/// Exactly one way to build the layer; false when there is not.
fn sources<'m>(layer: &'m Layer, found: &mut Vec<LayerProblem<'m>>) -> bool {
    let given: Vec<Span> = [
        layer.given.then_some(layer.requirements.span),
        layer.requirements_file.as_ref().map(|f| f.path.span),
        layer.content.as_ref().map(|c| c.path.span),
    ]
    .into_iter()
    .flatten()
    .collect();
    if given.len() == 1 {
        return true;
    }
    found.push(LayerProblem::Sources { layer, given });
    false
}

/// Where Lambda looks for a runtime's libraries in a layer, under /opt. Source: Lambda Developer
/// Guide, "Packaging your layer content" (layer paths for each Lambda runtime).
fn runtime_top(language: &str) -> Option<&'static str> {
    match language {
        "python" => Some("python/"),
        "nodejs" => Some("nodejs/"),
        "ruby" => Some("ruby/"),
        "java" => Some("java/"),
        _ => None,
    }
}

fn runtime_folder<'m>(
    layer: &'m Layer,
    content: &'m LayerContent,
    found: &mut Vec<LayerProblem<'m>>,
) {
    // A folder that could not be read is already reported (E0013).
    if content.entries.is_empty() {
        return;
    }
    let Some(folder) = runtime_top(runtimes::language(&layer.runtime.value)) else {
        return;
    };
    if !content.entries.iter().any(|e| e == folder) {
        found.push(LayerProblem::NoRuntimeFolder {
            layer,
            at: content.path.span,
            folder: folder.trim_end_matches('/'),
        });
    }
}

/// Each requirement read as pip reads it; `line` is the file line it came from.
fn read_all<'m>(
    layer: &'m Layer,
    items: Vec<(Span, Option<usize>, &str)>,
    found: &mut Vec<LayerProblem<'m>>,
) {
    let (mut invalid, mut not_followed, mut unpinned) = (Vec::new(), Vec::new(), Vec::new());
    for (at, line, text) in items {
        let finding = |at: Span, why: String| Found {
            at,
            line,
            text: text.to_string(),
            why,
        };
        match specifiers::read(text) {
            Reading::Requirement { pinned: true } | Reading::Option => {}
            Reading::Requirement { pinned: false } => unpinned.push(finding(at, String::new())),
            Reading::NotFollowed(why) => not_followed.push(finding(at, why.to_string())),
            Reading::Invalid { why, at: bytes } => {
                let narrow = if line.is_none() {
                    within(at, text, bytes)
                } else {
                    at
                };
                invalid.push(finding(narrow, why));
            }
        }
    }
    for (kind, list) in [
        (LineKind::Invalid, invalid),
        (LineKind::NotFollowed, not_followed),
    ] {
        if !list.is_empty() {
            found.push(LayerProblem::Lines {
                layer,
                kind,
                found: list,
            });
        }
    }
    if !unpinned.is_empty() {
        found.push(LayerProblem::Unpinned {
            layer,
            found: unpinned,
        });
    }
}

/// The bytes `bytes` of a string literal's value, when the literal is the value in quotes (no
/// escapes); else the whole literal.
fn within(literal: Span, value: &str, bytes: std::ops::Range<usize>) -> Span {
    if literal.len() != value.len() + 2 {
        return literal;
    }
    let start = literal.start + 1 + bytes.start;
    let end = literal.start + 1 + bytes.end.max(bytes.start + 1).min(value.len());
    Span::new(start.min(end), end.max(start))
}

/// A requirements file: its lines, each said to be on its line of the file, at the key.
fn lines<'m>(layer: &'m Layer, found: &mut Vec<LayerProblem<'m>>) {
    let Some(file) = &layer.requirements_file else {
        return;
    };
    let at = file.path.span;
    let items = file
        .lines
        .iter()
        .map(|l| (at, Some(l.number), l.text.as_str()))
        .collect();
    read_all(layer, items, found);
    size(layer, found);
}

fn size<'m>(layer: &'m Layer, found: &mut Vec<LayerProblem<'m>>) {
    let lines = layer.requirement_lines();
    let bytes: usize = lines.iter().map(|r| r.len() + 1).sum::<usize>();
    if bytes.saturating_sub(1) > SSM_STANDARD_VALUE_BYTES {
        found.push(LayerProblem::RequirementsTooLong {
            layer,
            bytes: bytes - 1,
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
        return;
    }
    let items = list
        .value
        .iter()
        .map(|r| (r.span, None, r.value.as_str()))
        .collect();
    read_all(layer, items, found);
    size(layer, found);
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
