//! `up`, `down` and `status` over a plan and a state folder: start every node, wait until each
//! answers and every replica replicates, and undo all of it when any step fails.

use std::net::{Ipv4Addr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::Child;
use std::time::{Duration, Instant};

use super::config::{self, Paths};
use super::plan::{Engine, Group, Plan, Role};
use super::process;
use super::resp::{Conn, Reply, info_field};
use super::state::{self, GroupState, Layout, NodeState, State};
use super::tls;

/// How long nodes may take to answer and replicas to sync before `up` gives up.
const READY_LIMIT: Duration = Duration::from_secs(30);
/// Unix socket paths are limited to 108 bytes on Linux (`sun_path`), 104 on macOS.
const SOCKET_PATH_LIMIT: usize = 103;

/// Starts the plan's nodes for the program at `program` and returns the state it saved;
/// `tokens` holds each group's AUTH token value, in plan order.
pub fn up(program: &Path, plan: &Plan, tokens: &[Option<String>]) -> Result<State, String> {
    let layout = Layout::of(program);
    if let Some(old) = layout.load()? {
        if running(&layout, &old).any(|(_, _, alive)| alive) {
            return Err(format!(
                "{} is already up (its state is in {}); `cachec down {}` stops it",
                program.display(),
                layout.root.display(),
                program.display()
            ));
        }
        // Left by a run whose processes are gone (a reboot): nothing of it is alive.
        layout.remove()?;
    }
    let servers = servers(plan)?;
    ports_free(plan)?;
    let mut started = Started::new(layout.clone());
    started.prepare(plan, tokens)?;
    // Primaries first: a replica that finds its primary listening syncs at once.
    for role in [Role::Primary, Role::Replica] {
        for (group, server) in plan.groups.iter().zip(&servers) {
            for node in group.nodes.iter().filter(|n| n.role == role) {
                started.spawn(group, &node.name, server)?;
            }
        }
        started.save(plan, tokens)?;
        started.wait_ready(plan, tokens, role)?;
    }
    started.wait_replicating(plan, tokens)?;
    let state = started.state(plan, tokens);
    started.keep();
    Ok(state)
}

/// The server program of each group, or how to install the first one missing.
fn servers(plan: &Plan) -> Result<Vec<PathBuf>, String> {
    plan.groups
        .iter()
        .map(|g| {
            let server = g.engine.server();
            process::find(server).ok_or_else(|| {
                format!(
                    "group `{}` runs on {server}, which is not installed: {}",
                    g.name,
                    g.engine.install_hint()
                )
            })
        })
        .collect()
}

/// Every node's address and port must be free before anything starts.
fn ports_free(plan: &Plan) -> Result<(), String> {
    for group in &plan.groups {
        for node in &group.nodes {
            if let Err(e) = TcpListener::bind((node.address, group.port)) {
                let why = if e.kind() == std::io::ErrorKind::AddrInUse {
                    "is in use by another program: stop it, or change the group's `port`"
                        .to_string()
                } else {
                    format!(
                        "cannot be listened on ({e}); on macOS, add the address with `sudo ifconfig lo0 alias {}`",
                        node.address
                    )
                };
                return Err(format!(
                    "{}:{} (node {} of group `{}`) {why}",
                    node.address, group.port, node.name, group.name
                ));
            }
        }
    }
    Ok(())
}

/// The processes of a start in progress; dropped without `keep`, it stops them all and removes
/// the state folder.
struct Started {
    layout: Layout,
    children: Vec<(String, Child)>,
    kept: bool,
}

impl Started {
    fn new(layout: Layout) -> Started {
        Started {
            layout,
            children: Vec::new(),
            kept: false,
        }
    }

    /// The folders, TLS material and configuration files of every node.
    fn prepare(&mut self, plan: &Plan, tokens: &[Option<String>]) -> Result<(), String> {
        state::create_private_dir(&self.layout.nodes())?;
        let tls_addresses: Vec<Ipv4Addr> = plan
            .groups
            .iter()
            .filter(|g| g.tls)
            .flat_map(|g| g.nodes.iter().map(|n| n.address))
            .collect();
        let (ca, cert, key) = (
            self.layout.ca(),
            self.layout.tls().join("node.pem"),
            self.layout.tls().join("node.key"),
        );
        if !tls_addresses.is_empty() {
            let material = tls::make(&tls_addresses)?;
            state::create_private_dir(&self.layout.tls())?;
            state::write_private(&ca, &material.ca)?;
            state::write_private(&cert, &material.cert)?;
            state::write_private(&key, &material.key)?;
        }
        for (group, token) in plan.groups.iter().zip(tokens) {
            for node in &group.nodes {
                let dir = self.layout.node(&node.name);
                state::create_private_dir(&dir)?;
                let socket = self.layout.socket(&node.name);
                if socket.as_os_str().len() > SOCKET_PATH_LIMIT {
                    return Err(format!(
                        "the path {} is too long for a socket ({} bytes at most): run from a folder with a shorter path",
                        socket.display(),
                        SOCKET_PATH_LIMIT
                    ));
                }
                let log = self.layout.log(&node.name);
                let paths = Paths {
                    dir: &dir,
                    socket: &socket,
                    log: &log,
                    tls: group
                        .tls
                        .then_some((ca.as_path(), cert.as_path(), key.as_path())),
                };
                let text = config::render(group, node, &paths, token.as_deref());
                state::write_private(&self.layout.conf(&node.name), &text)?;
            }
        }
        Ok(())
    }

    fn spawn(&mut self, group: &Group, node: &str, server: &Path) -> Result<(), String> {
        let child = process::spawn(server, &self.layout.conf(node), &self.layout.output(node))
            .map_err(|e| format!("group `{}`: {e}", group.name))?;
        self.children.push((node.to_string(), child));
        Ok(())
    }

    fn pid(&self, node: &str) -> u32 {
        self.children
            .iter()
            .find(|(n, _)| n == node)
            .map_or(0, |(_, c)| c.id())
    }

    fn state(&self, plan: &Plan, tokens: &[Option<String>]) -> State {
        let groups = plan
            .groups
            .iter()
            .zip(tokens)
            .map(|(g, token)| GroupState {
                name: g.name.clone(),
                engine: g.engine.as_str().to_string(),
                port: g.port,
                tls: g.tls,
                token: token.clone(),
                primary: g
                    .primary()
                    .map(|n| n.address.to_string())
                    .unwrap_or_default(),
                reader: g
                    .reader()
                    .map(|n| n.address.to_string())
                    .unwrap_or_default(),
                nodes: g
                    .nodes
                    .iter()
                    .filter(|n| self.pid(&n.name) != 0)
                    .map(|n| NodeState {
                        name: n.name.clone(),
                        address: n.address.to_string(),
                        primary: n.role == Role::Primary,
                        pid: self.pid(&n.name),
                    })
                    .collect(),
            })
            .collect();
        State { groups }
    }

    /// Saved as soon as processes exist, so that `down` finds them even if `up` is interrupted.
    fn save(&self, plan: &Plan, tokens: &[Option<String>]) -> Result<(), String> {
        self.layout.save(&self.state(plan, tokens))
    }

    /// Fails with the node's own last words when it exits instead of answering.
    fn check_alive(&mut self, group: &Group, node: &str) -> Result<(), String> {
        let Some((_, child)) = self.children.iter_mut().find(|(n, _)| n == node) else {
            return Ok(());
        };
        let Ok(Some(status)) = child.try_wait() else {
            return Ok(());
        };
        let mut words = process::tail(&self.layout.output(node), 5);
        let log = process::tail(&self.layout.log(node), 5);
        if !log.is_empty() {
            words = if words.is_empty() {
                log
            } else {
                format!("{words}\n{log}")
            };
        }
        let hint = if words.contains("TLS support") || words.contains("connection type tls") {
            format!(
                "\nthis {} was built without TLS, which transit encryption needs: {}",
                group.engine.server(),
                group.engine.install_hint()
            )
        } else {
            String::new()
        };
        Err(format!(
            "node {node} of group `{}` exited at start ({status}); everything else was stopped. Its output:\n{words}{hint}",
            group.name
        ))
    }

    fn wait_ready(
        &mut self,
        plan: &Plan,
        tokens: &[Option<String>],
        role: Role,
    ) -> Result<(), String> {
        let deadline = Instant::now() + READY_LIMIT;
        for (group, token) in plan.groups.iter().zip(tokens) {
            for node in group.nodes.iter().filter(|n| n.role == role) {
                let socket = self.layout.socket(&node.name);
                loop {
                    self.check_alive(group, &node.name)?;
                    if ping(&socket, token.as_deref()) {
                        break;
                    }
                    if Instant::now() >= deadline {
                        return Err(format!(
                            "node {} of group `{}` did not answer within {} s",
                            node.name,
                            group.name,
                            READY_LIMIT.as_secs()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
        }
        Ok(())
    }

    fn wait_replicating(&mut self, plan: &Plan, tokens: &[Option<String>]) -> Result<(), String> {
        let deadline = Instant::now() + READY_LIMIT;
        for (group, token) in plan.groups.iter().zip(tokens) {
            for node in group.nodes.iter().filter(|n| n.role == Role::Replica) {
                let socket = self.layout.socket(&node.name);
                loop {
                    self.check_alive(group, &node.name)?;
                    let info = replication(&socket, token.as_deref()).unwrap_or_default();
                    if info_field(&info, "master_link_status") == Some("up") {
                        break;
                    }
                    if Instant::now() >= deadline {
                        return Err(format!(
                            "replica {} of group `{}` did not sync with its primary within {} s; its log is {}",
                            node.name,
                            group.name,
                            READY_LIMIT.as_secs(),
                            self.layout.log(&node.name).display()
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(2));
                }
            }
        }
        Ok(())
    }

    fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        if self.kept {
            return;
        }
        for (_, child) in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = self.layout.remove();
    }
}

fn connect(socket: &Path, token: Option<&str>) -> Option<Conn> {
    let mut conn = Conn::open(socket, Duration::from_secs(2)).ok()?;
    if let Some(token) = token {
        match conn.call(&["AUTH", token]) {
            Ok(Reply::Text(_)) => {}
            _ => return None,
        }
    }
    Some(conn)
}

fn ping(socket: &Path, token: Option<&str>) -> bool {
    connect(socket, token)
        .and_then(|mut c| c.call(&["PING"]).ok())
        .is_some_and(|r| r == Reply::Text("PONG".into()))
}

fn replication(socket: &Path, token: Option<&str>) -> Option<String> {
    match connect(socket, token)?
        .call(&["INFO", "replication"])
        .ok()?
    {
        Reply::Text(info) => Some(info),
        _ => None,
    }
}

/// Each recorded node with its group and whether it still runs.
fn running<'a>(
    layout: &'a Layout,
    state: &'a State,
) -> impl Iterator<Item = (&'a GroupState, &'a NodeState, bool)> + 'a {
    state.groups.iter().flat_map(move |g| {
        g.nodes.iter().map(move |n| {
            let alive = process::is_node(n.pid, &layout.conf(&n.name))
                || ping(&layout.socket(&n.name), g.token.as_deref());
            (g, n, alive)
        })
    })
}

/// Stops every node the program's state records, replicas first, and removes the state folder.
/// Returns the names of the nodes it stopped.
pub fn down(program: &Path) -> Result<Vec<String>, String> {
    let layout = Layout::of(program);
    let Some(state) = layout.load()? else {
        return Ok(Vec::new());
    };
    let mut stopped = Vec::new();
    let mut nodes: Vec<(&GroupState, &NodeState)> = state
        .groups
        .iter()
        .flat_map(|g| g.nodes.iter().map(move |n| (g, n)))
        .collect();
    nodes.sort_by_key(|(_, n)| n.primary);
    for (group, node) in nodes {
        let conf = layout.conf(&node.name);
        let alive = process::is_node(node.pid, &conf);
        let asked = process::shutdown(&layout.socket(&node.name), group.token.as_deref());
        if !alive && !asked {
            continue;
        }
        if !process::wait_gone(node.pid, &conf, Duration::from_secs(10)) {
            process::kill(node.pid, &conf);
            if !process::wait_gone(node.pid, &conf, Duration::from_secs(5)) {
                return Err(format!(
                    "node {} (process {}) does not stop; its state stays in {}",
                    node.name,
                    node.pid,
                    layout.root.display()
                ));
            }
        }
        stopped.push(node.name.clone());
    }
    layout.remove()?;
    Ok(stopped)
}

/// One line per node of what runs, or `None` when the program is not up.
pub struct NodeStatus {
    pub group: String,
    pub engine: Engine,
    pub node: String,
    pub endpoint: String,
    pub primary: bool,
    pub running: bool,
    pub link_up: bool,
}

pub fn status(program: &Path) -> Result<Option<(State, Vec<NodeStatus>)>, String> {
    let layout = Layout::of(program);
    let Some(state) = layout.load()? else {
        return Ok(None);
    };
    let rows = running(&layout, &state)
        .map(|(g, n, alive)| {
            let info = replication(&layout.socket(&n.name), g.token.as_deref()).unwrap_or_default();
            NodeStatus {
                group: g.name.clone(),
                engine: Engine::parse(&g.engine).unwrap_or(Engine::Redis),
                node: n.name.clone(),
                endpoint: format!("{}:{}", n.address, g.port),
                primary: n.primary,
                running: alive,
                link_up: info_field(&info, "master_link_status") == Some("up"),
            }
        })
        .collect();
    Ok(Some((state, rows)))
}

/// The state of a program that is up, or a message saying to start it.
pub fn require(program: &Path) -> Result<State, String> {
    Layout::of(program).load()?.ok_or_else(|| {
        format!(
            "{} is not up: `cachec up {}` starts it",
            program.display(),
            program.display()
        )
    })
}
