//! AWS regions and the Availability Zone letters each has, for zone checks when a region is given.
//! Source: cfn-lint 1.51 `helpers.py` AVAILABILITY_ZONES (a superset over accounts), with
//! us-west-1b added: accounts see two of us-west-1a/b/c, and EC2 errors name all three. Checked
//! 2026-12-02 against cfn-lint 1.58's node type regions (each is here); kept by hand.

/// Regions with the letters of their zones. Old regions map letters to zones per account, so a
/// letter here may still be one a given account lacks.
pub const REGIONS: &[(&str, &str)] = &[
    ("af-south-1", "abc"),
    ("ap-east-1", "abc"),
    ("ap-east-2", "abc"),
    ("ap-northeast-1", "abcd"),
    ("ap-northeast-2", "abcd"),
    ("ap-northeast-3", "abc"),
    ("ap-south-1", "abc"),
    ("ap-south-2", "abc"),
    ("ap-southeast-1", "abc"),
    ("ap-southeast-2", "abc"),
    ("ap-southeast-3", "abc"),
    ("ap-southeast-4", "abc"),
    ("ap-southeast-5", "abc"),
    ("ap-southeast-6", "abc"),
    ("ap-southeast-7", "abc"),
    ("ca-central-1", "abcd"),
    ("ca-west-1", "abc"),
    ("cn-north-1", "abc"),
    ("cn-northwest-1", "abc"),
    ("eu-central-1", "abc"),
    ("eu-central-2", "abc"),
    ("eu-isoe-west-1", "abc"),
    ("eu-north-1", "abc"),
    ("eu-south-1", "abc"),
    ("eu-south-2", "abc"),
    ("eu-west-1", "abc"),
    ("eu-west-2", "abc"),
    ("eu-west-3", "abc"),
    ("eusc-de-east-1", "abc"),
    ("il-central-1", "abc"),
    ("me-central-1", "abc"),
    ("me-south-1", "abc"),
    ("mx-central-1", "abc"),
    ("sa-east-1", "abc"),
    ("us-east-1", "abcdef"),
    ("us-east-2", "abc"),
    ("us-gov-east-1", "abc"),
    ("us-gov-west-1", "abc"),
    ("us-iso-east-1", "abc"),
    ("us-iso-west-1", "abc"),
    ("us-isob-east-1", "abc"),
    ("us-isob-west-1", "abc"),
    ("us-isof-east-1", "abc"),
    ("us-isof-south-1", "abc"),
    ("us-west-1", "abc"),
    ("us-west-2", "abcd"),
];

/// Zones that exist but are not offered to accounts created in recent years, with the zones
/// those accounts do get. EC2 answers "Subnets can currently only be created in the following
/// availability zones: ap-northeast-1a, ap-northeast-1c, ap-northeast-1d" (aws-samples issues,
/// aws-cloudformation-templates PR #220).
pub const CLOSED_TO_NEW_ACCOUNTS: &[(&str, char, &str)] = &[("ap-northeast-1", 'b', "a, c, d")];

/// Programs write zones as the letter after the region code: `"a"` for `ap-northeast-1a`.
pub fn is_zone_letter(zone: &str) -> bool {
    zone.len() == 1 && zone.bytes().all(|b| b.is_ascii_lowercase())
}

pub fn names() -> impl Iterator<Item = &'static str> {
    REGIONS.iter().map(|(r, _)| *r)
}

/// The zone letters of `region`, if the region is known.
pub fn zone_letters(region: &str) -> Option<&'static str> {
    REGIONS.iter().find(|(r, _)| *r == region).map(|(_, z)| *z)
}

/// The zones new accounts get instead, when `letter` in `region` is closed to them.
pub fn closed_to_new_accounts(region: &str, letter: char) -> Option<&'static str> {
    CLOSED_TO_NEW_ACCOUNTS
        .iter()
        .find(|(r, l, _)| *r == region && *l == letter)
        .map(|(_, _, open)| *open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones() {
        assert_eq!(zone_letters("ap-northeast-1"), Some("abcd"));
        assert_eq!(zone_letters("us-east-1"), Some("abcdef"));
        assert_eq!(zone_letters("mars-1"), None);
        assert!(is_zone_letter("a") && !is_zone_letter("A") && !is_zone_letter("ab"));
        assert_eq!(
            closed_to_new_accounts("ap-northeast-1", 'b'),
            Some("a, c, d")
        );
        assert_eq!(closed_to_new_accounts("ap-northeast-1", 'a'), None);
        let mut sorted: Vec<&str> = names().collect();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            names().collect::<Vec<_>>(),
            "kept sorted for review"
        );
    }
}
