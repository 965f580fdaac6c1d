//! EC2 images and instance architectures.
//! Sources: public SSM parameters under /aws/service/ami-amazon-linux-latest; EC2 instance type
//! naming (a `g` after the generation digit marks Graviton, arm64).

use crate::model::Arch;

/// The images a program can name, by key.
pub const IMAGES: &[&str] = &["al2023", "al2"];

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
