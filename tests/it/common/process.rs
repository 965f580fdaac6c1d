//! Servers the tests start themselves on loopback: a free port, and a guard that stops the process
//! when the test ends, passed or failed.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A port free on 127.0.0.1 right now (the kernel picks it).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
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
