//! Processes the tests start or stand in for: a free port, a guard that stops a server when the
//! test ends, passed or failed, and stand-in executables put first on a PATH.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port free on 127.0.0.1 right now (the kernel picks it).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

/// Writes `script` as the executable `name` in `dir`, a folder the test puts on its PATH.
pub fn stand_in(dir: &Path, name: &str, script: &str) {
    let file = dir.join(name);
    std::fs::write(&file, script).expect("stand-in written");
    std::fs::set_permissions(&file, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("stand-in executable");
}

/// The PATH with `dir` before the rest, so its stand-ins are found first.
pub fn path_before(dir: &Path) -> String {
    format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    )
}

/// A child process killed and reaped on drop.
pub struct Guard {
    child: Child,
    what: String,
}

impl Guard {
    /// Starts `command` with its output discarded; panics with `what` if it cannot start.
    pub fn start(what: &str, command: &mut Command) -> Guard {
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("{what} cannot start ({e}); scripts/setup-tools installs it")
            });
        Guard {
            child,
            what: what.to_string(),
        }
    }

    /// Waits until `addr` accepts connections; panics if the process died or time ran out.
    pub fn wait_listening(&mut self, addr: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(addr).is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("{} exited before listening on {addr}: {status}", self.what);
            }
            assert!(
                Instant::now() < deadline,
                "{} is not listening on {addr} after 30 s",
                self.what
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
