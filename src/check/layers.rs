//! Lambda layers: each built by pip for a Python runtime, named within AWS limits, and attached
//! only to functions of the same runtime and architecture, at most 5 to a function, each once.

use std::collections::HashMap;

use super::aws_names::chars;
use super::{Context, runtime};
use crate::aws::quotas::{
    LAYER_NAME_CHARS as LAYER_NAME_LIMIT, LAYERS_PER_FUNCTION as MAX_LAYERS,
    SSM_STANDARD_VALUE_BYTES as REQUIREMENTS_LIMIT,
};
use crate::aws::runtimes;
use crate::diag::{Diag, codes};
use crate::model::ids::aws_name;
use crate::model::{Function, Layer, Model};

pub fn check(model: &Model, cx: &Context, out: &mut Vec<Diag>) {
    for layer in &model.layers {
        let owner = format!("layer `{}`", layer.name.value);
        let rt = &layer.runtime;
        if runtime::check(rt, &owner, cx, out) && runtimes::language(&rt.value) != "python" {
            out.push(
                Diag::new(
                    codes::E0418,
                    rt.span,
                    format!(
                        "layer `{}` is built with pip, so its runtime must be Python, not `{}`",
                        layer.name.value, rt.value
                    ),
                    "not a Python runtime",
                )
                .help("write `runtime = \"python3.14\"` (the runtime of the functions using it)"),
            );
        }
        name(model, layer, out);
        requirements(layer, out);
    }
    for function in &model.functions {
        attached(model, function, out);
    }
}

fn name(model: &Model, layer: &Layer, out: &mut Vec<Diag>) {
    let stack = &model.stack.name;
    let full = aws_name(&stack.value, &layer.name.value);
    let bad: Vec<char> = full
        .chars()
        .filter(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        .collect();
    let length = full.chars().count();
    let message = if length > LAYER_NAME_LIMIT {
        format!("the layer name `{full}` is {length} characters; Lambda allows {LAYER_NAME_LIMIT}")
    } else if !bad.is_empty() {
        format!("the layer name `{full}` contains {}", chars(&bad))
    } else {
        return;
    };
    let room = LAYER_NAME_LIMIT.saturating_sub(stack.value.chars().count() + 1);
    out.push(
        Diag::new(codes::E0416, layer.name.span, message, "the layer")
            .with_label(stack.span, "the stack name prefixes every AWS name")
            .help(format!(
                "use at most {room} letters, digits, `-` and `_` in the layer's name"
            )),
    );
}

fn requirements(layer: &Layer, out: &mut Vec<Diag>) {
    let list = &layer.requirements;
    if list.value.is_empty() {
        out.push(
            Diag::new(
                codes::E0417,
                list.span,
                format!("layer `{}` has no requirements", layer.name.value),
                "nothing to install",
            )
            .help("list pip requirements, such as `requirements = [\"redis==5.2.1\"]`"),
        );
        return;
    }
    let bad: Vec<(&crate::model::S<String>, &str)> = list
        .value
        .iter()
        .filter_map(|r| {
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
        })
        .collect();
    if let Some(((r, why), rest)) = bad.split_first() {
        let message = if rest.is_empty() {
            format!("{why}: `{}`", r.value.escape_debug())
        } else {
            format!(
                "{} requirements of layer `{}` are not requirement specifiers",
                bad.len(),
                layer.name.value
            )
        };
        let mut diag = Diag::new(codes::E0417, r.span, message, *why);
        for (r, why) in rest {
            diag = diag.with_label(r.span, *why);
        }
        out.push(
            diag.help("write one pip requirement specifier per string, such as \"redis==5.2.1\""),
        );
    }
    let size: usize = list.value.iter().map(|r| r.value.len() + 1).sum::<usize>() - 1;
    if size > REQUIREMENTS_LIMIT {
        out.push(
            Diag::new(
                codes::E0417,
                list.span,
                format!(
                    "the requirements of layer `{}` take {size} bytes; the SSM parameter that \
                     carries them holds at most {REQUIREMENTS_LIMIT}",
                    layer.name.value
                ),
                "too long",
            )
            .help("split the requirements over two layers"),
        );
    }
}

/// The layers a function lists: compatible, at most 5, none twice.
fn attached(model: &Model, function: &Function, out: &mut Vec<Diag>) {
    let refs = &function.layers.value;
    let mut seen: HashMap<usize, &crate::model::Ref> = HashMap::new();
    let mut repeats: Vec<(&crate::model::Ref, &crate::model::Ref)> = Vec::new();
    for r in refs {
        if let Some(first) = seen.get(&r.index) {
            repeats.push((r, first));
            continue;
        }
        seen.insert(r.index, r);
        if let Some(layer) = model.layer(r) {
            compatible(function, r.name.span, layer, out);
        }
    }
    listed_again(&repeats, out);
    if let Some(sixth) = refs.get(MAX_LAYERS) {
        out.push(
            Diag::new(
                codes::E0408,
                sixth.name.span,
                format!(
                    "function `{}` lists {} layers; Lambda allows {MAX_LAYERS}",
                    function.name.value,
                    refs.len()
                ),
                format!("layer number {}", MAX_LAYERS + 1),
            )
            .with_label(function.layers.span, "these layers")
            .help("merge the requirements of several layers into one layer"),
        );
    }
}

/// Every repeat of the function's list in one diagnostic, at the first repeat.
fn listed_again(repeats: &[(&crate::model::Ref, &crate::model::Ref)], out: &mut Vec<Diag>) {
    let Some(((repeat, first), rest)) = repeats.split_first() else {
        return;
    };
    let (message, help) = if rest.is_empty() {
        (
            format!("layer `{}` is listed twice", repeat.name.value),
            format!("remove the second `{}`", repeat.name.value),
        )
    } else {
        (
            format!("{} layers are listed again", repeats.len()),
            "list each layer once: remove the repeats".to_string(),
        )
    };
    let mut diag = Diag::new(codes::E0409, repeat.name.span, message, "listed again here")
        .with_label(first.name.span, "first listed here");
    let mut firsts = vec![first.index];
    for (r, first) in rest {
        diag = diag.with_label(r.name.span, "listed again here");
        if !firsts.contains(&first.index) {
            firsts.push(first.index);
            diag = diag.with_label(first.name.span, "first listed here");
        }
    }
    out.push(diag.help(help));
}

fn compatible(function: &Function, at: crate::span::Span, layer: &Layer, out: &mut Vec<Diag>) {
    let name = &layer.name.value;
    if layer.runtime.value != function.runtime.value {
        out.push(
            Diag::new(
                codes::E0406,
                at,
                format!(
                    "layer `{name}` is built for {}, but function `{}` runs {}",
                    layer.runtime.value, function.name.value, function.runtime.value
                ),
                "built for another runtime",
            )
            .with_label(layer.runtime.span, "the layer's runtime")
            .with_label(function.runtime.span, "the function's runtime")
            .help(format!(
                "write `runtime = \"{}\"` in layer `{name}`, or use a layer built for {}",
                function.runtime.value, function.runtime.value
            )),
        );
    }
    if layer.arch() != function.arch() {
        let layer_span = layer
            .architecture
            .as_ref()
            .map_or(layer.name.span, |a| a.span);
        let function_span = function
            .architecture
            .as_ref()
            .map_or(function.name.span, |a| a.span);
        out.push(
            Diag::new(
                codes::E0407,
                at,
                format!(
                    "layer `{name}` is built for {}, but function `{}` runs on {}",
                    layer.arch().as_str(),
                    function.name.value,
                    function.arch().as_str()
                ),
                "built for another architecture",
            )
            .with_label(
                layer_span,
                format!("the layer's architecture: {}", layer.arch().as_str()),
            )
            .with_label(
                function_span,
                format!("the function's architecture: {}", function.arch().as_str()),
            )
            .help(format!(
                "write `architecture = {}` in layer `{name}`; compiled packages differ between \
                 x86_64 and arm64",
                function.arch().as_str()
            )),
        );
    }
}
