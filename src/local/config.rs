//! One engine configuration file per node: where it listens, its folder and control socket,
//! replication, TLS and AUTH, as ElastiCache runs a node of the group.

use std::fmt::Write;
use std::path::Path;

use super::plan::{Group, Node, Role};

/// The files a node is started with, all inside its own folder or the run's TLS folder.
pub struct Paths<'a> {
    pub dir: &'a Path,
    pub socket: &'a Path,
    pub log: &'a Path,
    /// CA certificate, server certificate and key, when the group has transit encryption.
    pub tls: Option<(&'a Path, &'a Path, &'a Path)>,
}

/// The configuration text of `node`; `token` is the AUTH token's value.
pub fn render(group: &Group, node: &Node, paths: &Paths, token: Option<&str>) -> String {
    let mut out = String::new();
    let mut line = |key: &str, value: &str| {
        let _ = writeln!(out, "{key} {value}");
    };
    line("bind", &node.address.to_string());
    let port = group.port.to_string();
    // With transit encryption on, ElastiCache accepts TLS connections only.
    if paths.tls.is_some() {
        line("port", "0");
        line("tls-port", &port);
    } else {
        line("port", &port);
    }
    line("dir", &quote(paths.dir));
    line("logfile", &quote(paths.log));
    // cachec's own channel for readiness, status and shutdown: no TLS, owner only.
    line("unixsocket", &quote(paths.socket));
    line("unixsocketperm", "700");
    line("daemonize", "no");
    line("protected-mode", "no");
    // A local run keeps nothing: no snapshots, no append-only file.
    line("save", "\"\"");
    line("appendonly", "no");
    // Replicas sync as soon as they ask instead of after the default five-second wait.
    line("repl-diskless-sync-delay", "0");
    if let Some((ca, cert, key)) = paths.tls {
        line("tls-cert-file", &quote(cert));
        line("tls-key-file", &quote(key));
        line("tls-ca-cert-file", &quote(ca));
        // ElastiCache asks clients for no certificate; replication is encrypted too.
        line("tls-auth-clients", "no");
        line("tls-replication", "yes");
    }
    if let Some(token) = token {
        line("requirepass", &quote_str(token));
        if node.role == Role::Replica {
            line("masterauth", &quote_str(token));
        }
    }
    if node.role == Role::Replica
        && let Some(primary) = group.primary()
    {
        line("replicaof", &format!("{} {port}", primary.address));
        line("replica-read-only", "yes");
    }
    out
}

fn quote(path: &Path) -> String {
    quote_str(&path.to_string_lossy())
}

/// A double-quoted configuration argument; the engines read `\"` and `\\` inside quotes.
fn quote_str(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::local::plan::{Engine, Group, Node, Role};
    use std::net::Ipv4Addr;
    use std::path::PathBuf;

    fn group(tls: bool) -> Group {
        Group {
            name: "cache".into(),
            engine: Engine::Redis,
            version: "7.1".into(),
            port: 6380,
            tls,
            auth: None,
            nodes: vec![
                Node {
                    name: "cache-001".into(),
                    address: Ipv4Addr::new(127, 0, 0, 1),
                    role: Role::Primary,
                },
                Node {
                    name: "cache-002".into(),
                    address: Ipv4Addr::new(127, 0, 0, 2),
                    role: Role::Replica,
                },
            ],
        }
    }

    #[test]
    fn a_replica_follows_the_primary_with_tls_and_auth() {
        let g = group(true);
        let (dir, sock, log) = (
            PathBuf::from("/s/n"),
            PathBuf::from("/s/n/e.sock"),
            PathBuf::from("/s/n/log"),
        );
        let (ca, cert, key) = (
            PathBuf::from("/t/ca"),
            PathBuf::from("/t/c"),
            PathBuf::from("/t/k"),
        );
        let paths = Paths {
            dir: &dir,
            socket: &sock,
            log: &log,
            tls: Some((&ca, &cert, &key)),
        };
        let text = render(&g, &g.nodes[1], &paths, Some("a\"b"));
        assert!(
            text.contains("bind 127.0.0.2\nport 0\ntls-port 6380\n"),
            "{text}"
        );
        assert!(text.contains("replicaof 127.0.0.1 6380\n"), "{text}");
        assert!(text.contains("masterauth \"a\\\"b\"\n"), "{text}");
        assert!(text.contains("tls-replication yes\n"), "{text}");
        let primary = render(&g, &g.nodes[0], &paths, None);
        assert!(
            !primary.contains("replicaof") && !primary.contains("requirepass"),
            "{primary}"
        );
    }

    #[test]
    fn without_tls_the_plain_port_is_the_declared_one() {
        let g = group(false);
        let (dir, sock, log) = (
            PathBuf::from("/s"),
            PathBuf::from("/s/e"),
            PathBuf::from("/s/l"),
        );
        let paths = Paths {
            dir: &dir,
            socket: &sock,
            log: &log,
            tls: None,
        };
        let text = render(&g, &g.nodes[0], &paths, None);
        assert!(
            text.contains("port 6380\n") && !text.contains("tls"),
            "{text}"
        );
    }
}
