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
    /// E0450: none, or more than one, of `requirements`, `requirements_file` and `content`.
    Sources { layer: &'m Layer, given: Vec<Span> },
    /// E0451: lines pip would refuse; E0452: lines pip reads but the builder cannot follow.
    Lines {
        layer: &'m Layer,
        kind: LineKind,
        found: Vec<Found>,
    },
    /// W0450: requirements that name no single version.
    Unpinned { layer: &'m Layer, found: Vec<Found> },
    /// W0451: a layer folder without the folder its runtime reads packages from.
    NoRuntimeFolder {
        layer: &'m Layer,
        at: Span,
        folder: &'static str,
    },
}

/// Which finding about requirement lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Invalid,
    NotFollowed,
}

/// One requirement line a rule found: where (the string, or the file's key), the line's number in
/// a requirements file, its text and why.
#[derive(Debug, Clone)]
pub struct Found {
    pub at: Span,
    pub line: Option<usize>,
    pub text: String,
    pub why: String,
}

impl Found {
    /// "`redis=5`", or "line 3 (`redis=5`)" in a file.
    fn named(&self) -> String {
        match self.line {
            Some(n) => format!("line {n} (`{}`)", self.text),
            None => format!("`{}`", self.text),
        }
    }
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
            LayerProblem::Sources { layer, given } => sources(layer, given),
            LayerProblem::Lines { layer, kind, found } => lines(layer, *kind, found),
            LayerProblem::Unpinned { layer, found } => unpinned(layer, found),
            LayerProblem::NoRuntimeFolder { layer, at, folder } => Diag::new(
                codes::W0451,
                *at,
                format!(
                    "the folder of layer `{}` has no `{folder}` folder, where {} looks for packages",
                    layer.name.value, layer.runtime.value
                ),
                format!("no {folder} inside"),
            )
            .with_label(layer.runtime.span, "the layer's runtime")
            .help(format!(
                "put the packages under `{folder}` in the folder (`pip install --target                  FOLDER/{folder} ...` for Python); Lambda extracts the layer to /opt"
            ))
            .fact("layer", layer.name.value.as_str())
            .fact("folder", *folder),
        }
    }
}

fn sources(layer: &Layer, given: &[Span]) -> Diag {
    let keys = "`requirements`, `requirements_file` or `content`";
    match given {
        [] => Diag::new(
            codes::E0450,
            layer.name.span,
            format!("layer `{}` has nothing to build it from", layer.name.value),
            "no requirements and no content",
        )
        .help(format!("give the layer one of {keys}"))
        .fact("layer", layer.name.value.as_str()),
        [first, more @ ..] => {
            let mut diag = Diag::new(
                codes::E0450,
                more.first().copied().unwrap_or(*first),
                format!(
                    "layer `{}` is given {} ways to be built; it takes one",
                    layer.name.value,
                    given.len()
                ),
                "a second way",
            )
            .with_label(*first, "the first way");
            for span in more.iter().skip(1) {
                diag = diag.with_label(*span, "another way");
            }
            diag.help(format!(
                "keep one of {keys}; for two sets of packages declare two layers"
            ))
            .fact("layer", layer.name.value.as_str())
        }
    }
}

fn lines(layer: &Layer, kind: LineKind, found: &[Found]) -> Diag {
    let (code, what, help) = match kind {
        LineKind::Invalid => (
            codes::E0451,
            "pip would refuse",
            "write a PEP 508 requirement specifier, such as \"redis[hiredis]==5.2.1\"",
        ),
        LineKind::NotFollowed => (
            codes::E0452,
            "the layer builder cannot follow",
            "copy the packages the line brings in as requirements of their own, pinned with `==`; \
             for local packages, build a folder and use `content`",
        ),
    };
    let first = found.first().cloned().unwrap_or(Found {
        at: layer.name.span,
        line: None,
        text: String::new(),
        why: String::new(),
    });
    let in_file = first.line.is_some();
    let message = match found {
        [one] => format!("{} is a line {what}: {}", one.named(), one.why),
        // Every line of a file shares the key's span, so each line's reason goes in the message.
        _ if in_file => format!(
            "{} lines of the requirements of layer `{}` are lines {what}: {}",
            found.len(),
            layer.name.value,
            found
                .iter()
                .map(|f| format!("{}: {}", f.named(), f.why))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        _ => format!(
            "{} requirements of layer `{}` are lines {what}: {}",
            found.len(),
            layer.name.value,
            found
                .iter()
                .map(Found::named)
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let label = if in_file && found.len() > 1 {
        "in this file".to_string()
    } else {
        first.why.clone()
    };
    let mut diag = Diag::new(code, first.at, message, label);
    for f in found.iter().skip(1) {
        if f.at != first.at {
            diag = diag.with_label(f.at, f.why.clone());
        }
    }
    diag.help(help)
        .fact("layer", layer.name.value.as_str())
        .fact(
            "requirements",
            found.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
        )
}

fn unpinned(layer: &Layer, found: &[Found]) -> Diag {
    let names: Vec<String> = found.iter().map(Found::named).collect();
    let first = found.first().map_or(layer.name.span, |f| f.at);
    let message = match names.as_slice() {
        [one] => format!(
            "{one} names no single version: each deploy of layer `{}` may install another",
            layer.name.value
        ),
        _ => format!(
            "{} name no single version: each deploy of layer `{}` may install others",
            names.join(", "),
            layer.name.value
        ),
    };
    let mut diag = Diag::new(codes::W0450, first, message, "not pinned");
    for f in found.iter().skip(1) {
        if f.at != first {
            diag = diag.with_label(f.at, "not pinned");
        }
    }
    diag.help(
        "pin each requirement with `==`, such as \"redis==5.2.1\" (`pip freeze` prints what \
         is installed); the builder runs pip again whenever the layer is rebuilt",
    )
    .fact("layer", layer.name.value.as_str())
    .fact(
        "requirements",
        found.iter().map(|f| f.text.clone()).collect::<Vec<_>>(),
    )
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
