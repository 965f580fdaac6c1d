//! Model: the AST validated against the language schema, names resolved, typed declarations.
//! Derived facts (zones, routes, who connects to what) are methods on these plain structs.

mod damage;
pub mod environments;
mod facts;
pub mod global;
pub mod ids;
mod lower;
pub mod requirements_txt;
pub mod schema;
mod types;

pub use damage::Damage;
pub use facts::{Client, merged_tags};
pub use lower::{SourceLoader, hidden_from_package, lower};
pub use types::*;
