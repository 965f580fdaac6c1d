//! Reference data about AWS that checks and emitters share: engines, node types, runtimes, images.
//! Each table names its source; `docs/aws-facts.md` records when and where each was confirmed.

pub mod engines;
pub mod images;
pub mod instance_types;
pub mod runtimes;
