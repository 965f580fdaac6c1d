//! What a replication group shares with other stacks: the existing security groups it admits,
//! each an `sg-` id or `import:` of another stack's export, once each.

mod problem;

use problem::ShareProblem;

use crate::diag::Diag;
use crate::model::Model;
use crate::model::ids::IMPORT;

pub fn check(model: &Model, out: &mut Vec<Diag>) {
    out.extend(find(model).iter().map(ShareProblem::diag));
}

fn find(model: &Model) -> Vec<ShareProblem<'_>> {
    let mut found = Vec::new();
    for cache in &model.caches {
        let groups = &cache.allow_security_groups;
        for (i, group) in groups.iter().enumerate() {
            if let Some(first) = groups.iter().take(i).find(|g| g.value == group.value) {
                found.push(ShareProblem::Twice { group, first });
                continue;
            }
            let ok = match group.value.strip_prefix(IMPORT) {
                Some(export) => !export.trim().is_empty() && export.trim() == export,
                None => group_id(&group.value),
            };
            if !ok {
                found.push(ShareProblem::Malformed { group });
            }
        }
    }
    found
}

/// `sg-` and 8 or 17 hex digits. Source: EC2 resource ids ("Resource IDs", 8 or 17 characters
/// after the prefix); cfn-lint E1150 holds `SourceSecurityGroupId` to the same pattern.
fn group_id(text: &str) -> bool {
    text.strip_prefix("sg-").is_some_and(|hex| {
        matches!(hex.len(), 8 | 17) && hex.chars().all(|c| c.is_ascii_hexdigit())
    })
}
