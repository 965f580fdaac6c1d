//! Model: the AST validated against the language schema, names resolved, typed declarations.
//! Derived facts (zones, routes, who connects to what) are methods on these plain structs.

mod damage;
mod facts;
pub mod ids;
mod lower;
pub mod requirements_txt;
pub mod schema;
mod types;

pub use damage::Damage;
pub use facts::{Client, merged_tags};
pub use lower::{SourceLoader, lower};
pub use types::*;
