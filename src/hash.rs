//! Hash maps and sets keyed by the compiler's own names (declarations, logical ids, properties),
//! hashed with foldhash's fixed-seed hasher instead of the standard library's SipHash.
//
// SipHash resists keys chosen to collide; these keys come from the program being compiled, whose
// author gains nothing by slowing their own build, and SipHash was some 15% of the instructions
// of a plan of two 2,000-cache programs. No output depends on a map's hashing: emitted maps are
// `IndexMap`s, in insertion order, and the fixed seed keeps even iteration of the rest the same
// from run to run.

pub type State = foldhash::fast::FixedState;
pub type HashMap<K, V> = std::collections::HashMap<K, V, State>;
pub type HashSet<K> = std::collections::HashSet<K, State>;
pub type IndexMap<K, V> = indexmap::IndexMap<K, V, State>;
pub type IndexSet<K> = indexmap::IndexSet<K, State>;
