//! Logical ids and AWS names derived from declared names, in one place so they never disagree.

/// `cache_a` -> `CacheA`: logical ids allow only letters and digits.
pub fn pascal(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// `fa-063` + `cache_a` -> `fa-063-cache-a`: the AWS name of a declared thing.
pub fn aws_name(stack: &str, name: &str) -> String {
    format!("{stack}-{}", name.replace('_', "-"))
}

/// The ReplicationGroupId of a cache: its AWS name, lowercased as AWS stores it.
pub fn replication_group_name(stack: &str, name: &str) -> String {
    aws_name(stack, name).to_ascii_lowercase()
}

pub fn id(name: &str, suffix: &str) -> String {
    format!("{}{suffix}", pascal(name))
}

/// `!Sub "${AWS::Region}a"`: the zone letter in whatever region the stack is deployed to.
pub fn zone(letter: &str) -> super::node::Node {
    super::node::Node::sub(format!("${{AWS::Region}}{letter}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(pascal("cache_a"), "CacheA");
        assert_eq!(pascal("ssmmessages"), "Ssmmessages");
        assert_eq!(aws_name("fa-063", "cache_a"), "fa-063-cache-a");
    }
}
