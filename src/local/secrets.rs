//! The values behind the program's secret references (`auth_token = "ssm:/path"`) for a local
//! run: read from `local.secrets` beside the program, one `REFERENCE = VALUE` per line.

use std::path::Path;

/// The file's name, beside the program; `cachec init` lists it in `.gitignore`.
pub const FILE: &str = "local.secrets";

/// Why a secret has no usable local value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    Absent,
    Invalid(&'static str),
    Unreadable(String),
}

/// The value for `reference` in the program folder's secrets file.
pub fn lookup(program_dir: &Path, reference: &str) -> Result<String, Missing> {
    let path = program_dir.join(FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Missing::Unreadable(e.to_string())),
    };
    let value = find(&text, reference).ok_or(Missing::Absent)?;
    match auth_token_problem(value) {
        Some(problem) => Err(Missing::Invalid(problem)),
        None => Ok(value.to_string()),
    }
}

fn find<'a>(text: &'a str, reference: &str) -> Option<&'a str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .find(|(k, _)| k.trim() == reference)
        .map(|(_, v)| v.trim())
}

/// ElastiCache's AUTH token rule (ElastiCache user guide, "Authenticating with the Valkey and
/// Redis OSS AUTH command"; CreateReplicationGroup `AuthToken`): 16 to 128 printable ASCII
/// characters, whose only special characters are `! & # $ ^ < > -`.
fn auth_token_problem(token: &str) -> Option<&'static str> {
    if !(16..=128).contains(&token.len()) {
        return Some("it must be 16 to 128 characters long");
    }
    if !token
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "!&#$^<>-".contains(c))
    {
        return Some("its only special characters may be ! & # $ ^ < > -");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_found_by_exact_reference() {
        let text = "# local\nssm:/a/b = 0123456789abcdef\nssm:/a = other\n";
        assert_eq!(find(text, "ssm:/a/b"), Some("0123456789abcdef"));
        assert_eq!(find(text, "ssm:/a"), Some("other"));
        assert_eq!(find(text, "ssm:/c"), None);
    }

    #[test]
    fn tokens_follow_elasticache_rules() {
        assert_eq!(auth_token_problem("0123456789abcdef"), None);
        assert_eq!(auth_token_problem("This-is-a-sample-token"), None);
        assert!(auth_token_problem("short").is_some());
        assert!(auth_token_problem("0123456789abcdef@").is_some());
        assert!(auth_token_problem("0123456789 abcdef").is_some());
    }
}
