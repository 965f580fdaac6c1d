//! The layer family's findings as data, and their wording. The rules in `layers` only find;
//! this module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::aws::quotas::{LAYER_NAME_CHARS, LAYERS_PER_FUNCTION, SSM_STANDARD_VALUE_BYTES};
use crate::check::aws_names::chars;
use crate::diag::{Diag, codes};
use crate::model::{Arch, Function, Layer, Ref, S};
use crate::span::Span;

/// What the layer rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum LayerProblem<'m> {
    /// E0418: layers are built with pip.
    NotPython { layer: &'m Layer },
    /// E0416: the AWS name `<stack>-<layer>` is too long or has characters Lambda refuses.
    BadName {
        layer: &'m Layer,
        stack: &'m S<String>,
        full: String,
        bad: Vec<char>,
    },
    /// E0417: nothing to install.
    NoRequirements { layer: &'m Layer },
    /// E0417: strings that are not requirement specifiers, each with why.
    NotSpecifiers {
        layer: &'m Layer,
        first: (&'m S<String>, &'static str),
        more: Vec<(&'m S<String>, &'static str)>,
    },
    /// E0417: the requirements do not fit the SSM parameter that carries them.
    RequirementsTooLong { layer: &'m Layer, bytes: usize },
    /// E0409: layers a function lists again, each with its first mention.
    ListedAgain {
        first: (&'m Ref, &'m Ref),
        more: Vec<(&'m Ref, &'m Ref)>,
    },
    /// E0408: more layers than Lambda attaches.
    TooMany {
        function: &'m Function,
        extra: &'m Ref,
    },
    /// E0406: built for another runtime than the function's.
    OtherRuntime {
        function: &'m Function,
        layer: &'m Layer,
        at: Span,
    },
    /// E0407: built for another architecture than the function's.
    OtherArch {
        function: &'m Function,
        layer: &'m Layer,
        at: Span,
    },
}

impl LayerProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            LayerProblem::NotPython { layer } => Diag::new(
                codes::E0418,
                layer.runtime.span,
                format!(
                    "layer `{}` is built with pip, so its runtime must be Python, not `{}`",
                    layer.name.value, layer.runtime.value
                ),
                "not a Python runtime",
            )
            .help("write `runtime = \"python3.14\"` (the runtime of the functions using it)")
            .fact("layer", layer.name.value.as_str())
            .fact("runtime", layer.runtime.value.as_str()),
            LayerProblem::BadName {
                layer,
                stack,
                full,
                bad,
            } => {
                let length = full.chars().count();
                let message = if length > LAYER_NAME_CHARS {
                    format!(
                        "the layer name `{full}` is {length} characters; Lambda allows \
                         {LAYER_NAME_CHARS}"
                    )
                } else {
                    format!("the layer name `{full}` contains {}", chars(bad))
                };
                let room = LAYER_NAME_CHARS.saturating_sub(stack.value.chars().count() + 1);
                Diag::new(codes::E0416, layer.name.span, message, "the layer")
                    .with_label(stack.span, "the stack name prefixes every AWS name")
                    .help(format!(
                        "use at most {room} letters, digits, `-` and `_` in the layer's name"
                    ))
                    .fact("name", full.as_str())
                    .fact("length", length)
                    .fact("max", LAYER_NAME_CHARS)
            }
            LayerProblem::NoRequirements { layer } => Diag::new(
                codes::E0417,
                layer.requirements.span,
                format!("layer `{}` has no requirements", layer.name.value),
                "nothing to install",
            )
            .help("list pip requirements, such as `requirements = [\"redis==5.2.1\"]`")
            .fact("layer", layer.name.value.as_str()),
            LayerProblem::NotSpecifiers { layer, first, more } => {
                let (r, why) = first;
                let message = if more.is_empty() {
                    format!("{why}: `{}`", r.value.escape_debug())
                } else {
                    format!(
                        "{} requirements of layer `{}` are not requirement specifiers",
                        more.len() + 1,
                        layer.name.value
                    )
                };
                let mut diag = Diag::new(codes::E0417, r.span, message, *why);
                for (r, why) in more {
                    diag = diag.with_label(r.span, *why);
                }
                let given: Vec<String> = std::iter::once(first)
                    .chain(more)
                    .map(|(r, _)| r.value.clone())
                    .collect();
                diag.help(
                    "write one pip requirement specifier per string, such as \"redis==5.2.1\"",
                )
                .fact("layer", layer.name.value.as_str())
                .fact("requirements", given)
            }
            LayerProblem::RequirementsTooLong { layer, bytes } => Diag::new(
                codes::E0417,
                layer.requirements.span,
                format!(
                    "the requirements of layer `{}` take {bytes} bytes; the SSM parameter that \
                     carries them holds at most {SSM_STANDARD_VALUE_BYTES}",
                    layer.name.value
                ),
                "too long",
            )
            .help("split the requirements over two layers")
            .fact("layer", layer.name.value.as_str())
            .fact("bytes", *bytes)
            .fact("max", SSM_STANDARD_VALUE_BYTES),
            LayerProblem::ListedAgain { first, more } => {
                let (repeat, first_mention) = first;
                let (message, help) = if more.is_empty() {
                    (
                        format!("layer `{}` is listed twice", repeat.name.value),
                        format!("remove the second `{}`", repeat.name.value),
                    )
                } else {
                    (
                        format!("{} layers are listed again", more.len() + 1),
                        "list each layer once: remove the repeats".to_string(),
                    )
                };
                let mut diag =
                    Diag::new(codes::E0409, repeat.name.span, message, "listed again here")
                        .with_label(first_mention.name.span, "first listed here");
                let mut firsts = vec![first_mention.index];
                for (r, first) in more {
                    diag = diag.with_label(r.name.span, "listed again here");
                    if !firsts.contains(&first.index) {
                        firsts.push(first.index);
                        diag = diag.with_label(first.name.span, "first listed here");
                    }
                }
                let repeated: Vec<String> = std::iter::once(first)
                    .chain(more)
                    .map(|(r, _)| r.name.value.clone())
                    .collect();
                diag.help(help).fact("layers", repeated)
            }
            LayerProblem::TooMany { function, extra } => Diag::new(
                codes::E0408,
                extra.name.span,
                format!(
                    "function `{}` lists {} layers; Lambda allows {LAYERS_PER_FUNCTION}",
                    function.name.value,
                    function.layers.value.len()
                ),
                format!("layer number {}", LAYERS_PER_FUNCTION + 1),
            )
            .with_label(function.layers.span, "these layers")
            .help("merge the requirements of several layers into one layer")
            .fact("function", function.name.value.as_str())
            .fact("layers", function.layers.value.len())
            .fact("max", LAYERS_PER_FUNCTION),
            LayerProblem::OtherRuntime {
                function,
                layer,
                at,
            } => {
                let name = &layer.name.value;
                Diag::new(
                    codes::E0406,
                    *at,
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
                ))
                .fact("layer_runtime", layer.runtime.value.as_str())
                .fact("function_runtime", function.runtime.value.as_str())
            }
            LayerProblem::OtherArch {
                function,
                layer,
                at,
            } => other_arch(function, layer, *at),
        }
    }
}

fn other_arch(function: &Function, layer: &Layer, at: Span) -> Diag {
    let name = &layer.name.value;
    let (built, runs): (Arch, Arch) = (layer.arch(), function.arch());
    let layer_span = layer
        .architecture
        .as_ref()
        .map_or(layer.name.span, |a| a.span);
    let function_span = function
        .architecture
        .as_ref()
        .map_or(function.name.span, |a| a.span);
    Diag::new(
        codes::E0407,
        at,
        format!(
            "layer `{name}` is built for {}, but function `{}` runs on {}",
            built.as_str(),
            function.name.value,
            runs.as_str()
        ),
        "built for another architecture",
    )
    .with_label(
        layer_span,
        format!("the layer's architecture: {}", built.as_str()),
    )
    .with_label(
        function_span,
        format!("the function's architecture: {}", runs.as_str()),
    )
    .help(format!(
        "write `architecture = {}` in layer `{name}`; compiled packages differ between x86_64 and \
         arm64",
        runs.as_str()
    ))
    .fact("layer_architecture", built.as_str())
    .fact("function_architecture", runs.as_str())
}
