//! EC2 images: their AMIs per architecture, their support dates, and how client tools install.
//! Checked 2026-12-02 (by hand: no machine-readable source; docs/aws-data.md). Sources: public SSM
//! parameters under /aws/service/ami-amazon-linux-latest; EC2 instance type
//! naming (a `g` after the generation digit marks Graviton, arm64); Amazon Linux 2 FAQ (end of
//! support 2026-06-30) and Amazon Linux 2023 release notes (end of support 2029-06-30); AWS
//! Knowledge Center "test my connection to an ElastiCache cluster" (AL2023 `redis6` speaks TLS,
//! AL2 needs redis-cli compiled with BUILD_TLS=yes); ElastiCache "Connecting using valkey-cli".

use super::arch::Arch;
use crate::date::Date;

/// The images a program can name, by key.
pub const IMAGES: &[&str] = &["al2023", "al2"];

/// The client tools a program can ask for in `packages`.
pub const PACKAGES: &[&str] = &["redis-cli", "valkey-cli"];

/// How people call an image in prose.
pub fn title(image: &str) -> &str {
    match image {
        "al2023" => "Amazon Linux 2023",
        "al2" => "Amazon Linux 2",
        other => other,
    }
}

/// The last day of standard support, and the image to move to afterwards.
pub fn end_of_support(image: &str) -> Option<(Date, Option<&'static str>)> {
    match image {
        "al2" => Some((Date::new(2026, 6, 30), Some("al2023"))),
        "al2023" => Some((Date::new(2029, 6, 30), None)),
        _ => None,
    }
}

/// Boot-script commands installing `package` on `image`, or `None` when the image's repositories
/// do not carry it (Amazon Linux 2 has no valkey package). Amazon Linux 2023 has no
/// amazon-linux-extras and names its Redis client `redis6-cli`, so a link makes `redis-cli` work.
pub fn install_commands(image: &str, package: &str) -> Option<&'static [&'static str]> {
    match (image, package) {
        ("al2", "redis-cli") => Some(&["amazon-linux-extras install -y redis6"]),
        ("al2023", "redis-cli") => Some(&[
            "dnf install -y redis6",
            "ln -sf /usr/bin/redis6-cli /usr/local/bin/redis-cli",
        ]),
        ("al2023", "valkey-cli") => Some(&["dnf install -y valkey"]),
        _ => None,
    }
}

/// Whether the installed client can open TLS connections (`--tls`). The `redis6` package of
/// amazon-linux-extras on Amazon Linux 2 is built without TLS.
pub fn speaks_tls(image: &str, package: &str) -> bool {
    install_commands(image, package).is_some() && !(image == "al2" && package == "redis-cli")
}

/// The public SSM parameter that holds the latest AMI id of `image` for `arch`.
pub fn ami_parameter(image: &str, arch: Arch) -> Option<String> {
    let arch = arch.as_str();
    match image {
        "al2023" => Some(format!(
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-{arch}"
        )),
        "al2" => Some(format!(
            "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-{arch}-gp2"
        )),
        _ => None,
    }
}

/// An AMI pinned by a program: an AMI id, or one version of an SSM parameter holding one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pin<'a> {
    Ami(&'a str),
    Ssm { name: &'a str, version: u64 },
}

/// Why a pinned AMI is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinError {
    /// `ami-` and not 8 or 17 lowercase hexadecimal digits.
    AmiId,
    /// `ssm:` without a `:VERSION` at the end: that is the latest value, not a pin.
    NoVersion,
    /// A version that is not a whole number from 1.
    Version,
    /// A parameter name with characters SSM refuses, or longer than it allows.
    Name,
    /// Neither `ami-...` nor `ssm:...`.
    Form,
}

/// Longest SSM parameter name, the path included (SSM API `PutParameter`, Name: 1 to 2048).
const SSM_NAME_CHARS: usize = 2048;

/// Reads `ami-0123456789abcdef0` or `ssm:/aws/service/...:12`. AMI ids are `ami-` and 8 or 17
/// hexadecimal digits (EC2 User Guide, "Resource IDs"); parameter names use `a-zA-Z0-9_.-` and `/`
/// (SSM User Guide, "Parameter name requirements"); CloudFormation reads one version of a parameter
/// as `{{resolve:ssm:name:version}}` (CloudFormation User Guide, "Get a plaintext value from
/// Systems Manager Parameter Store"), while a parameter of type
/// `AWS::SSM::Parameter::Value<...>` always reads the latest version.
pub fn pin(text: &str) -> Result<Pin<'_>, PinError> {
    if let Some(hex) = text.strip_prefix("ami-") {
        let digits = hex.len() == 8 || hex.len() == 17;
        return if digits
            && hex
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            Ok(Pin::Ami(text))
        } else {
            Err(PinError::AmiId)
        };
    }
    let Some(rest) = text.strip_prefix("ssm:") else {
        return Err(PinError::Form);
    };
    let Some((name, version)) = rest.rsplit_once(':') else {
        return Err(PinError::NoVersion);
    };
    let name_ok = !name.is_empty()
        && name.len() <= SSM_NAME_CHARS
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.-/".contains(&b));
    if !name_ok {
        return Err(PinError::Name);
    }
    match version.parse::<u64>() {
        Ok(n) if n >= 1 && version.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(Pin::Ssm { name, version: n })
        }
        _ => Err(PinError::Version),
    }
}

/// The architecture a public AMI parameter's name says it is for (`...-arm64`, `..._x86_64-gp2`).
pub fn named_arch(parameter: &str) -> Option<Arch> {
    if parameter.contains("arm64") {
        Some(Arch::Arm64)
    } else if parameter.contains("x86_64") {
        Some(Arch::X86_64)
    } else {
        None
    }
}

/// Graviton families: `a1` and any family whose generation digit is followed by `g` (t4g, m7gd, c6gn).
pub fn instance_arch(instance_type: &str) -> Arch {
    let family = instance_type.split('.').next().unwrap_or_default();
    let after_digit = family
        .find(|c: char| c.is_ascii_digit())
        .and_then(|i| family.get(i + 1..))
        .unwrap_or_default();
    if family == "a1" || after_digit.starts_with('g') {
        Arch::Arm64
    } else {
        Arch::X86_64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_read_ami_ids_and_versioned_parameters() {
        assert_eq!(pin("ami-0123abcd"), Ok(Pin::Ami("ami-0123abcd")));
        assert_eq!(
            pin("ami-0123456789abcdef0"),
            Ok(Pin::Ami("ami-0123456789abcdef0"))
        );
        let path = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";
        assert_eq!(
            pin(&format!("ssm:{path}:12")),
            Ok(Pin::Ssm {
                name: path,
                version: 12
            })
        );
        for (text, why) in [
            ("ami-0123ABCD", PinError::AmiId),
            ("ami-012", PinError::AmiId),
            ("ssm:/aws/service/x", PinError::NoVersion),
            ("ssm:/aws/service/x:latest", PinError::Version),
            ("ssm:/aws/service/x:0", PinError::Version),
            ("ssm:/aws/service/x:+1", PinError::Version),
            ("ssm:/aws service/x:3", PinError::Name),
            ("ssm::3", PinError::Name),
            ("al2023", PinError::Form),
        ] {
            assert_eq!(pin(text), Err(why), "{text}");
        }
    }

    #[test]
    fn graviton_families_are_arm64() {
        for t in [
            "t4g.nano",
            "m7gd.large",
            "c6gn.xlarge",
            "a1.medium",
            "r8g.large",
            "x2gd.large",
        ] {
            assert_eq!(instance_arch(t), Arch::Arm64, "{t}");
        }
        for t in [
            "t3.micro",
            "m5.large",
            "g5.xlarge",
            "m7i.large",
            "c5n.large",
        ] {
            assert_eq!(instance_arch(t), Arch::X86_64, "{t}");
        }
    }
}
