//! One command to a Redis OSS or Valkey server over RESP, for tests that look at what a server
//! holds without a client library.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::Duration;

/// One command over RESP; the reply as text (`-ERR ...` for errors, the payload for bulk strings).
pub fn command(host: &str, port: u16, args: &[&str]) -> String {
    let mut stream = TcpStream::connect((host, port)).expect("redis reachable");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout set");
    let mut request = format!("*{}\r\n", args.len());
    for a in args {
        request.push_str(&format!("${}\r\n{a}\r\n", a.len()));
    }
    stream.write_all(request.as_bytes()).expect("request sent");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).expect("reply");
    let line = line.trim_end().to_string();
    match line.strip_prefix('$') {
        Some("-1") => String::new(),
        Some(len) => {
            let len: usize = len.parse().expect("bulk length");
            let mut body = vec![0; len + 2];
            reader.read_exact(&mut body).expect("bulk body");
            String::from_utf8_lossy(&body[..len]).into_owned()
        }
        None => line,
    }
}
