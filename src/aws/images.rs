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
