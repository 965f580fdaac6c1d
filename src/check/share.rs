//! What a replication group shares with other stacks: the existing security groups it admits,
//! each an `sg-` id or `import:` of another stack's export, once each.

use crate::diag::{Diag, codes};
use crate::model::Model;
use crate::model::ids::IMPORT;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    for cache in &model.caches {
        for (i, group) in cache.allow_security_groups.iter().enumerate() {
            let text = &group.value;
            if let Some(first) = cache
                .allow_security_groups
                .iter()
                .take(i)
                .find(|g| g.value == *text)
            {
                out.push(
                    Diag::new(
                        codes::E0176,
                        group.span,
                        format!("`{text}` is admitted twice"),
                        "listed again here",
                    )
                    .with_label(first.span, "first listed here")
                    .help("EC2 rejects a rule given twice: keep one"),
                );
                continue;
            }
            let ok = match text.strip_prefix(IMPORT) {
                Some(export) => !export.trim().is_empty() && export.trim() == export,
                None => group_id(text),
            };
            if !ok {
                out.push(
                    Diag::new(
                        codes::E0175,
                        group.span,
                        format!("`{text}` is neither a security group id nor an import"),
                        "not a security group",
                    )
                    .help(
                        "write an id such as \"sg-0123456789abcdef0\" (8 or 17 hex digits), or \
                         \"import:ExportName\" for a group another stack exports",
                    ),
                );
            }
        }
    }
}

/// `sg-` and 8 or 17 hex digits. Source: EC2 resource ids ("Resource IDs", 8 or 17 characters
/// after the prefix); cfn-lint E1150 holds `SourceSecurityGroupId` to the same pattern.
fn group_id(text: &str) -> bool {
    text.strip_prefix("sg-").is_some_and(|hex| {
        matches!(hex.len(), 8 | 17) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}
