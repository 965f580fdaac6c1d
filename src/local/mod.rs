//! The declared stack run on this machine: `cachec up` starts each replication group as real
//! engine processes on loopback; `invoke`, `cli`, `status` and `down` work with what it started.
//!
//! [`plan`] derives what to start from a checked model as plain data; [`config`] and [`tls`]
//! make each node's files; [`run`] starts, watches and stops processes through [`process`] and
//! the nodes' control sockets ([`resp`]); [`state`] records a run; [`invoke`] runs handlers in
//! environments from [`venv`]. Only Unix is supported (sockets, process groups).

pub mod config;
pub mod invoke;
pub mod plan;
pub mod preflight;
pub mod process;
pub mod resp;
pub mod run;
pub mod secrets;
pub mod state;
pub mod tls;
pub mod venv;
