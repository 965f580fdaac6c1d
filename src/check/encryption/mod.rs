//! Encryption rules: the KMS key of a replication group (at-rest encryption on, a usable key
//! reference), its transit mode (TLS on, an engine that has it), and declared keys' aliases.

mod problem;

use problem::{AliasFault, EncryptionProblem};

use crate::aws::engines;
use crate::diag::Diag;
use crate::model::{Model, RefOrStr, TransitMode};

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(EncryptionProblem::diag));
}

fn find(model: &Model) -> Vec<EncryptionProblem<'_>> {
    let mut found = Vec::new();
    for cache in &model.caches {
        if let Some(key) = &cache.kms_key {
            let span = match key {
                RefOrStr::Declared(r) => r.name.span,
                RefOrStr::Existing(s) => s.span,
            };
            if !cache.at_rest_encryption() {
                found.push(EncryptionProblem::KeyWithoutAtRest {
                    key: span,
                    at_rest: cache.at_rest_encryption.as_ref().map(|b| b.span),
                });
            }
            if let RefOrStr::Existing(text) = key
                && !key_reference_ok(&text.value)
            {
                let declared = model
                    .kms_keys
                    .iter()
                    .any(|k| k.name.value == text.value)
                    .then_some(text.value.as_str());
                found.push(EncryptionProblem::MalformedKey {
                    key: text,
                    declared,
                });
            }
        }
        if let Some(mode) = &cache.transit_mode {
            if !cache.transit_encryption() {
                found.push(EncryptionProblem::ModeWithoutTls {
                    mode: mode.span,
                    tls: cache.transit_encryption.as_ref().map(|b| b.span),
                });
            } else if engines::has_transit_mode(&cache.engine.value, &cache.engine_version.value)
                == Some(false)
            {
                found.push(EncryptionProblem::ModeTooOld { mode, cache });
            } else if mode.value == TransitMode::Preferred {
                match &cache.auth_token {
                    // "Transit encryption preferred is not supported with redis access control"
                    // (InvalidParameterCombination, cloudposse/terraform-aws-elasticache-redis#239).
                    Some(token) => found.push(EncryptionProblem::PreferredWithToken {
                        mode: mode.span,
                        token: token.span,
                    }),
                    None => found.push(EncryptionProblem::Preferred { mode: mode.span }),
                }
            }
        }
    }
    for key in &model.kms_keys {
        if let Some(alias) = &key.alias
            && let Some(fault) = alias_fault(&alias.value)
        {
            found.push(EncryptionProblem::BadAlias { alias, fault });
        }
    }
    found
}

/// The forms CloudFormation admits for `KmsKeyId`: a key id (UUID or `mrk-` multi-Region id), an
/// alias name, or a key or alias ARN. Source: the registry schema of
/// `AWS::ElastiCache::ReplicationGroup` (KmsKeyId: formats `AWS::KMS::Key.Arn`, `AWS::KMS::Key.Id`,
/// `AWS::KMS::Alias.AliasName`) and AWS KMS "Key identifiers (KeyId)".
fn key_reference_ok(text: &str) -> bool {
    let hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    };
    let uuid = |s: &str| {
        let parts: Vec<&str> = s.split('-').collect();
        parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12]) && parts.iter().all(|p| hex(p))
    };
    let key_id = |s: &str| {
        uuid(s)
            || s.strip_prefix("mrk-")
                .is_some_and(|h| h.len() == 32 && hex(h))
    };
    if let Some(name) = text.strip_prefix("alias/") {
        return alias_chars(name);
    }
    if let Some(rest) = text.strip_prefix("arn:aws") {
        // arn:aws[-partition]:kms:REGION:ACCOUNT:(key|alias)/...
        let mut parts = rest.splitn(5, ':');
        let partition = parts.next().unwrap_or_default();
        let service = parts.next().unwrap_or_default();
        let region = parts.next().unwrap_or_default();
        let account = parts.next().unwrap_or_default();
        let resource = parts.next().unwrap_or_default();
        return partition
            .bytes()
            .all(|b| b.is_ascii_alphabetic() || b == b'-')
            && service == "kms"
            && !region.is_empty()
            && region
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && account.len() == 12
            && account.bytes().all(|b| b.is_ascii_digit())
            && (resource.strip_prefix("key/").is_some_and(|k| !k.is_empty())
                || resource
                    .strip_prefix("alias/")
                    .is_some_and(|a| !a.is_empty()));
    }
    key_id(text)
}

/// Letters, digits, `:`, `/`, `_` and `-`, at least one. Source: the registry schema of
/// `AWS::KMS::Alias` (AliasName pattern `^(alias/)[a-zA-Z0-9:/_-]+$`).
fn alias_chars(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b":/_-".contains(&b))
}

/// What is wrong with a declared key's alias. Source: CloudFormation `AWS::KMS::Alias`
/// (AliasName: 1 to 256 characters, "cannot begin with alias/aws/").
fn alias_fault(alias: &str) -> Option<AliasFault> {
    let Some(name) = alias.strip_prefix("alias/") else {
        return Some(AliasFault::NoPrefix);
    };
    if alias.len() > 256 {
        return Some(AliasFault::TooLong(alias.len()));
    }
    if !alias_chars(name) {
        return Some(AliasFault::Chars);
    }
    if name.starts_with("aws/") {
        return Some(AliasFault::Reserved);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_references() {
        for ok in [
            "1234abcd-12ab-34cd-56ef-1234567890ab",
            "mrk-1234abcd12ab34cd56ef1234567890ab",
            "alias/cache-key",
            "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws-cn:kms:cn-north-1:111122223333:alias/cache",
        ] {
            assert!(key_reference_ok(ok), "{ok}");
        }
        for bad in [
            "cache-key",
            "alias/",
            "1234ABCD-12ab-34cd-56ef-1234567890ab",
            "arn:aws:kms:eu-west-1:1111:key/x",
            "arn:aws:s3:::bucket",
        ] {
            assert!(!key_reference_ok(bad), "{bad}");
        }
    }

    #[test]
    fn aliases() {
        assert_eq!(alias_fault("alias/cache"), None);
        assert_eq!(alias_fault("cache"), Some(AliasFault::NoPrefix));
        assert_eq!(alias_fault("alias/aws/cache"), Some(AliasFault::Reserved));
        assert_eq!(alias_fault("alias/a b"), Some(AliasFault::Chars));
    }
}
