//! The instance family's findings as data, and their wording. The rules in `instances` only find;
//! this module alone writes the messages, labels and help, and names the facts JSON carries.

use crate::aws::images::{self, PinError};
use crate::check::prose::quoted;
use crate::date::Date;
use crate::diag::suggest::{closest, did_you_mean};
use crate::diag::{Diag, codes};
use crate::model::{Arch, Instance, S};
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
    /// E0310: a pinned AMI that is neither an AMI id nor a versioned SSM parameter.
    BadPin { ami: &'m S<String>, why: PinError },
    /// E0311: a pinned parameter whose name says it holds AMIs of another architecture.
    PinOtherArch {
        instance: &'m Instance,
        ami: &'m S<String>,
        named: Arch,
        runs: Arch,
    },
    /// W0310: IMDSv2 turned off, so IMDSv1 answers unauthenticated requests.
    Imdsv1 {
        instance: &'m Instance,
        off: &'m S<bool>,
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
            InstanceProblem::BadPin { ami, why } => bad_pin(ami, *why),
            InstanceProblem::PinOtherArch {
                instance,
                ami,
                named,
                runs,
            } => Diag::new(
                codes::E0311,
                ami.span,
                format!(
                    "this parameter holds {} AMIs, but `{}` is {}, which runs {}",
                    named.as_str(),
                    instance.name.value,
                    instance.instance_type.value,
                    runs.as_str()
                ),
                format!("{} AMIs", named.as_str()),
            )
            .with_label(
                instance.instance_type.span,
                format!("runs {}", runs.as_str()),
            )
            .help(format!(
                "pin the {} parameter of the image, or pick an instance type for {}",
                runs.as_str(),
                named.as_str()
            ))
            .fact("ami", ami.value.as_str())
            .fact("architecture", runs.as_str()),
            InstanceProblem::Imdsv1 { instance, off } => Diag::new(
                codes::W0310,
                off.span,
                format!(
                    "instance `{}` answers IMDSv1 requests, which need no session token",
                    instance.name.value
                ),
                "IMDSv1 allowed",
            )
            .help(
                "remove `imdsv2 = false`: the SSM agent, the AWS CLI and the SDKs use IMDSv2; \
                 IMDSv1 lets a server-side request forgery read the instance role's credentials",
            )
            .fact("instance", instance.name.value.as_str()),
        }
    }
}

fn bad_pin(ami: &S<String>, why: PinError) -> Diag {
    let (message, label) = match why {
        PinError::AmiId => (
            format!("`{}` is not an AMI id", ami.value),
            "`ami-` and 8 or 17 lowercase hexadecimal digits",
        ),
        PinError::NoVersion => (
            format!("`{}` names no version of its parameter", ami.value),
            "the latest value, not a pin",
        ),
        PinError::Version => (
            format!("`{}` does not end in a parameter version", ami.value),
            "a version is a whole number from 1",
        ),
        PinError::Name => (
            format!("`{}` is not an SSM parameter name", ami.value),
            "SSM names use letters, digits, `_`, `.`, `-` and `/`",
        ),
        PinError::Form => (
            format!("`{}` is neither an AMI id nor an SSM parameter", ami.value),
            "not a pinned AMI",
        ),
    };
    let help = match why {
        PinError::NoVersion | PinError::Version => {
            "add the version to pin, as in \"ssm:/aws/service/ami-amazon-linux-latest/\
             al2023-ami-kernel-default-arm64:12\" (`aws ssm get-parameter --name NAME` shows it), \
             or remove `ami` to follow the latest AMI"
        }
        _ => {
            "write an AMI id (\"ami-0123456789abcdef0\") or a parameter version \
             (\"ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64:12\")"
        }
    };
    Diag::new(codes::E0310, ami.span, message, label)
        .help(help)
        .fact("ami", ami.value.as_str())
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
