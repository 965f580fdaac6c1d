//! Reference data about AWS that checks and emitters share: engines, node types, runtimes, images.
//! Each table names its source in its own doc comment, with the date it was taken where it ages.

pub mod acl;
pub mod arch;
pub mod autoscaling;
pub mod engines;
pub mod global;
pub mod images;
pub mod instance_types;
pub mod monitoring;
pub mod node_types;
pub mod parameters;
pub mod quotas;
pub mod regions;
pub mod runtimes;
pub mod services;
