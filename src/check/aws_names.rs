//! What the rules on AWS names share: the characters Lambda refuses in a name, and their wording.
//! The names themselves come from `model::ids`; each rule knows its own length limit.

/// The characters of `name` outside letters, digits, `-` and `_`, in order.
pub fn refused(name: &str) -> Vec<char> {
    name.chars()
        .filter(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        .collect()
}

/// `'.', ' '` for a message about characters that are not allowed, each shown once.
pub fn chars(bad: &[char]) -> String {
    let mut shown: Vec<String> = Vec::new();
    for c in bad {
        let s = format!("`{c}`");
        if !shown.contains(&s) {
            shown.push(s);
        }
    }
    format!("{}, which AWS does not allow", shown.join(", "))
}
