//! The little of the Redis protocol (RESP2) cachec speaks to its own nodes over their control
//! sockets: send a command, read one reply.

use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

/// One reply: a status or bulk string as text, or an error line (without its `-`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    Text(String),
    Error(String),
    Nil,
}

pub struct Conn {
    reader: BufReader<UnixStream>,
}

impl Conn {
    pub fn open(socket: &Path, timeout: Duration) -> std::io::Result<Conn> {
        let stream = UnixStream::connect(socket)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        Ok(Conn {
            reader: BufReader::new(stream),
        })
    }

    pub fn call(&mut self, args: &[&str]) -> std::io::Result<Reply> {
        let mut request = format!("*{}\r\n", args.len());
        for a in args {
            request.push_str(&format!("${}\r\n{a}\r\n", a.len()));
        }
        self.reader.get_mut().write_all(request.as_bytes())?;
        self.reply()
    }

    fn reply(&mut self) -> std::io::Result<Reply> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let line = line.trim_end_matches(['\r', '\n']);
        let (kind, rest) = line.split_at(line.len().min(1));
        Ok(match kind {
            "+" | ":" => Reply::Text(rest.to_string()),
            "-" => Reply::Error(rest.to_string()),
            "$" => match rest.parse::<i64>() {
                Ok(n) if n >= 0 => {
                    let len = usize::try_from(n).unwrap_or(0);
                    let mut body = vec![0; len + 2];
                    self.reader.read_exact(&mut body)?;
                    body.truncate(len);
                    Reply::Text(String::from_utf8_lossy(&body).into_owned())
                }
                _ => Reply::Nil,
            },
            _ => Reply::Error(format!("unexpected reply `{line}`")),
        })
    }
}

/// The value of `key` in an `INFO` section's `key:value` lines.
pub fn info_field<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .map(str::trim)
}

#[cfg(test)]
mod tests {
    #[test]
    fn info_fields_are_read_by_exact_key() {
        let info = "# Replication\r\nrole:slave\r\nmaster_link_status:up\r\nmaster_link:x\r\n";
        assert_eq!(super::info_field(info, "master_link_status"), Some("up"));
        assert_eq!(super::info_field(info, "master_link"), Some("x"));
        assert_eq!(super::info_field(info, "role"), Some("slave"));
        assert_eq!(super::info_field(info, "nothing"), None);
    }
}
