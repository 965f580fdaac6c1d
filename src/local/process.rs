//! Engine processes: finding the program, starting a node detached from the terminal, telling
//! whether a recorded process id is still that node, and stopping it.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::resp::{Conn, Reply};

/// The first `program` on `PATH`.
pub fn find(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Starts `server conf` with its early output in `output`, in a process group of its own so that
/// the terminal's Ctrl-C after `up` has returned does not reach it.
pub fn spawn(server: &Path, conf: &Path, output: &Path) -> Result<Child, String> {
    let out =
        File::create(output).map_err(|e| format!("cannot create {}: {e}", output.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("cannot create {}: {e}", output.display()))?;
    Command::new(server)
        .arg(conf)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", server.display()))
}

/// Whether process `pid` is the node started with `conf` (its command line names the file), so
/// that a process id reused by another program is never signalled. Linux answers through /proc;
/// elsewhere the answer is no and only the node's socket is used.
pub fn is_node(pid: u32, conf: &Path) -> bool {
    let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
        return false;
    };
    let conf = conf.as_os_str().as_encoded_bytes();
    cmdline.split(|b| *b == 0).any(|arg| arg == conf)
}

/// Asks the node on `socket` to shut down without saving; true when it accepted.
pub fn shutdown(socket: &Path, token: Option<&str>) -> bool {
    let Ok(mut conn) = Conn::open(socket, Duration::from_secs(2)) else {
        return false;
    };
    if let Some(token) = token
        && !matches!(conn.call(&["AUTH", token]), Ok(Reply::Text(_)))
    {
        return false;
    }
    // A node that shuts down closes the connection instead of replying.
    !matches!(conn.call(&["SHUTDOWN", "NOSAVE"]), Ok(Reply::Error(_)))
}

/// Waits up to `limit` for process `pid` (the node of `conf`) to be gone.
pub fn wait_gone(pid: u32, conf: &Path, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while is_node(pid, conf) {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    true
}

/// Kills the node with SIGKILL, once it is known to be that node.
pub fn kill(pid: u32, conf: &Path) {
    if is_node(pid, conf) {
        let _ = Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// The last `lines` lines of a file, for an error about a node that died.
pub fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    all.get(all.len().saturating_sub(lines)..)
        .unwrap_or_default()
        .join("\n")
}
