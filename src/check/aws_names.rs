//! What the rules on AWS names share: the wording for characters a name may not contain.
//! The names themselves come from `model::ids`; each rule knows its own length limit.

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
