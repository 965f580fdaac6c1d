//! The instance family's findings as data, and their wording. The rules in `instances` only find;
//! this module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::aws::images;
use crate::check::prose::quoted;
use crate::date::Date;
use crate::diag::suggest::{closest, did_you_mean};
use crate::diag::{Diag, codes};
use crate::model::{Instance, S};
use crate::span::Span;

/// What the instance rules find; each borrows the declarations it is about.
#[derive(Debug, Clone)]
pub enum InstanceProblem<'m> {
    /// E0303: not an EC2 instance type; `near` the known type it resembles.
    UnknownType {
        instance: &'m Instance,
        near: Option<&'static str>,
    },
    /// E0305: a Mac instance type, which runs macOS on a Dedicated Host only.
    MacType { instance: &'m Instance },
    /// E0304: an image cachec does not know.
    UnknownImage { instance: &'m Instance },
    /// W0301: the image is past its last day of support; `successor` is the image to move to.
    EndOfSupport {
        instance: &'m Instance,
        last_day: Date,
        successor: Option<&'static str>,
    },
    /// E0306: packages cachec cannot install.
    UnknownPackages {
        first: &'m S<String>,
        more: Vec<&'m S<String>>,
    },
    /// E0307: packages the image's repositories do not carry; `alternatives` are the ones they do.
    NotPackaged {
        instance: &'m Instance,
        first: &'m S<String>,
        more: Vec<&'m S<String>>,
        alternatives: Vec<&'static str>,
    },
    /// W0302: packages built without TLS on an instance that connects to a TLS-only cache.
    NoTls {
        instance: &'m Instance,
        /// The cache's name, and where it is made TLS-only.
        cache: &'m S<String>,
        encrypted: Span,
        why: &'static str,
        first: &'m S<String>,
        more: Vec<&'m S<String>>,
    },
}

impl InstanceProblem<'_> {
    pub fn diag(&self) -> Diag {
        match self {
            InstanceProblem::UnknownType { instance, near } => {
                let t = &instance.instance_type;
                Diag::new(
                    codes::E0303,
                    t.span,
                    format!("unknown instance type `{}`", t.value),
                    "not an EC2 instance type",
                )
                .help(match near {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "write an EC2 instance type, such as \"t3.micro\" (x86_64) or \
                             \"t4g.nano\" (arm64)"
                        .to_string(),
                })
                .fact("instance_type", t.value.as_str())
            }
            InstanceProblem::MacType { instance } => {
                let t = &instance.instance_type;
                Diag::new(
                    codes::E0305,
                    t.span,
                    format!(
                        "{} does not run on `{}`",
                        images::title(&instance.image.value),
                        t.value
                    ),
                    "a Mac instance: macOS on a Dedicated Host only",
                )
                .with_label(
                    instance.image.span,
                    "no AMI of this image for Mac instances",
                )
                .help("pick a Linux instance type, such as `instance_type = \"t4g.nano\"`")
                .fact("instance_type", t.value.as_str())
                .fact("image", instance.image.value.as_str())
            }
            InstanceProblem::UnknownImage { instance } => {
                let image = &instance.image;
                Diag::new(
                    codes::E0304,
                    image.span,
                    format!("unknown image `{}`", image.value),
                    "not an image cachec knows",
                )
                .help(did_you_mean(&image.value, images::IMAGES, "image"))
                .fact("image", image.value.as_str())
            }
            InstanceProblem::EndOfSupport {
                instance,
                last_day,
                successor,
            } => {
                let image = &instance.image;
                let title = images::title(&image.value);
                Diag::new(
                    codes::W0301,
                    image.span,
                    format!("{title} reached its end of support on {last_day}"),
                    "no more security updates",
                )
                .help(match successor {
                    Some(next) => format!(
                        "write `image = \"{next}\"` ({}); packages are installed the same way",
                        images::title(next)
                    ),
                    None => format!("move to the successor of {title}"),
                })
                .fact("image", image.value.as_str())
                .fact("end_of_support", last_day.to_string())
            }
            InstanceProblem::UnknownPackages { first, more } => unknown_packages(first, more),
            InstanceProblem::NotPackaged {
                instance,
                first,
                more,
                alternatives,
            } => {
                let image = &instance.image;
                let names = names(first, more);
                let (list, are) = match names.as_slice() {
                    [one] => (format!("`{one}`"), "is"),
                    _ => (quoted(&names).join(" and "), "are"),
                };
                let mut diag = Diag::new(
                    codes::E0307,
                    first.span,
                    format!(
                        "{list} {are} not packaged for {}",
                        images::title(&image.value)
                    ),
                    "not in this image's repositories",
                );
                for p in more {
                    diag = diag.with_label(p.span, "not in this image's repositories");
                }
                let alternatives: Vec<String> =
                    alternatives.iter().map(|p| format!("\"{p}\"")).collect();
                diag.with_label(image.span, "this image")
                    .help(format!(
                        "write `image = \"al2023\"`, or install {} instead",
                        alternatives.join(" or ")
                    ))
                    .fact("image", image.value.as_str())
                    .fact("packages", names)
            }
            InstanceProblem::NoTls {
                instance,
                cache,
                encrypted,
                why,
                first,
                more,
            } => {
                let names = names(first, more);
                let mut diag = Diag::new(
                    codes::W0302,
                    first.span,
                    format!(
                        "{} from {} cannot open TLS connections, but `{}` accepts only TLS",
                        quoted(&names).join(" and "),
                        images::title(&instance.image.value),
                        cache.value
                    ),
                    "built without TLS",
                );
                for p in more {
                    diag = diag.with_label(p.span, "built without TLS");
                }
                diag.with_label(*encrypted, *why)
                    .help(
                        "write `image = \"al2023\"`: its redis6-cli (linked as redis-cli) speaks \
                         TLS with `--tls`",
                    )
                    .fact("cache", cache.value.as_str())
                    .fact("packages", names)
            }
        }
    }
}

/// One unknown package with its nearest known one as help; several, each with its own on its label.
fn unknown_packages(first: &S<String>, more: &[&S<String>]) -> Diag {
    let names = names(first, more);
    if more.is_empty() {
        return Diag::new(
            codes::E0306,
            first.span,
            format!("unknown package `{}`", first.value),
            "not a client cachec can install",
        )
        .help(did_you_mean(&first.value, images::PACKAGES, "package"))
        .fact("packages", names);
    }
    let label = |p: &S<String>| match closest(&p.value, images::PACKAGES.iter().copied()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "not a client cachec can install".to_string(),
    };
    let mut diag = Diag::new(
        codes::E0306,
        first.span,
        format!("unknown packages {}", quoted(&names).join(", ")),
        label(first),
    );
    for p in more {
        diag = diag.with_label(p.span, label(p));
    }
    diag.help(format!(
        "cachec installs these clients: {}",
        images::PACKAGES.join(", ")
    ))
    .fact("packages", names)
}

/// The package names of a finding, in order.
fn names(first: &S<String>, more: &[&S<String>]) -> Vec<String> {
    std::iter::once(first)
        .chain(more.iter().copied())
        .map(|p| p.value.clone())
        .collect()
}
