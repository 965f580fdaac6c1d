//! EC2 instance types CloudFormation accepts for AWS::EC2::Instance, one per line, sorted.
//! Source: cfn-lint 1.58 `instancetype_enum.json` (the union of its per-region lists, generated
//! from EC2 pricing); checked 2026-12-02; `scripts/refresh-aws-data` regenerates the list.

const LIST: &str = include_str!("instance_types.txt");

/// Every known instance type, sorted, so that `binary_search` finds one in a program with
/// thousands of instances without a scan each.
pub fn sorted() -> Vec<&'static str> {
    LIST.lines().filter(|l| !l.starts_with('#')).collect()
}

/// Mac instances run macOS on Dedicated Hosts only: no Amazon Linux AMI exists for them.
pub fn is_mac(instance_type: &str) -> bool {
    instance_type.starts_with("mac")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_whole_and_sorted() {
        let types = sorted();
        assert_eq!(types.len(), 1431);
        assert!(types.windows(2).all(|w| w[0] < w[1]));
        let known = |t: &str| types.binary_search(&t).is_ok();
        assert!(known("t3.micro") && known("t4g.nano") && known("a1.metal") && !known("t3.mirco"));
        assert!(is_mac("mac2-m2.metal") && !is_mac("m7g.large"));
    }
}
