//! An SMTP server on a local port that accepts every message and hands it
//! to a [`Mailbox`]: it speaks enough of RFC 5321 for a real client (EHLO,
//! HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) over real TCP, without TLS or
//! authentication, as a relay on the same machine would. `greenlight
//! mail-sink` writes what it receives into a [`Directory`], one `.eml` file
//! per message; the end-to-end tests keep it in memory and script failures.

mod directory;
mod message;

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

pub use directory::Directory;
pub use message::Received;

/// Where received messages go.
pub trait Mailbox: Send + Sync + 'static {
    /// Takes one message at the end of its DATA and answers the reply line
    /// the client gets, such as [`ACCEPTED`] or `451 4.3.0 try again`.
    fn deliver(&self, message: Received) -> String;
}

/// The reply to a message kept.
pub const ACCEPTED: &str = "250 2.0.0 OK queued";

/// The largest message accepted; a local sink needs no more, and a client
/// that sends more is not allowed to fill the memory.
const MAX_MESSAGE_BYTES: usize = 25 * 1024 * 1024;

/// A running server; it stops accepting connections when dropped.
pub struct SmtpServer {
    address: SocketAddr,
    stopping: Arc<AtomicBool>,
    connections: Arc<AtomicUsize>,
}

impl SmtpServer {
    /// Serves `listener`, each connection on its own thread.
    pub fn start(listener: TcpListener, mailbox: Arc<dyn Mailbox>) -> std::io::Result<SmtpServer> {
        let address = listener.local_addr()?;
        let stopping = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(AtomicUsize::new(0));
        let (accepting, counted) = (stopping.clone(), connections.clone());
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                counted.fetch_add(1, Ordering::SeqCst);
                let mailbox = mailbox.clone();
                thread::spawn(move || {
                    // A client that goes away mid-session is its own business.
                    let _ = converse(stream, mailbox.as_ref());
                });
            }
        });
        Ok(SmtpServer {
            address,
            stopping,
            connections,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// How many TCP connections clients opened so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        drop(TcpStream::connect(self.address));
    }
}

/// One SMTP session, until the client quits or hangs up.
fn converse(stream: TcpStream, mailbox: &dyn Mailbox) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    writer.write_all(b"220 greenlight-mail-sink ESMTP\r\n")?;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let command = String::from_utf8_lossy(&line).trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => writer.write_all(b"250-greenlight-mail-sink\r\n250 8BITMIME\r\n")?,
            "HELO" => writer.write_all(b"250 greenlight-mail-sink\r\n")?,
            "MAIL" => {
                mail_from = address_in(&command);
                rcpt_to.clear();
                writer.write_all(b"250 2.1.0 OK\r\n")?;
            }
            "RCPT" => {
                rcpt_to.push(address_in(&command));
                writer.write_all(b"250 2.1.5 OK\r\n")?;
            }
            "DATA" => {
                writer.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")?;
                let Some(data) = read_data(&mut reader)? else {
                    return Ok(());
                };
                let reply = if data.len() > MAX_MESSAGE_BYTES {
                    "552 5.3.4 message too big".to_owned()
                } else {
                    mailbox.deliver(Received {
                        mail_from: mail_from.clone(),
                        rcpt_to: rcpt_to.clone(),
                        data: String::from_utf8_lossy(&data).into_owned(),
                    })
                };
                writer.write_all(format!("{reply}\r\n").as_bytes())?;
            }
            "RSET" => {
                mail_from.clear();
                rcpt_to.clear();
                writer.write_all(b"250 2.0.0 OK\r\n")?;
            }
            "NOOP" => writer.write_all(b"250 2.0.0 OK\r\n")?,
            "QUIT" => {
                writer.write_all(b"221 2.0.0 Bye\r\n")?;
                return Ok(());
            }
            _ => writer.write_all(b"502 5.5.2 Command not recognized\r\n")?,
        }
        writer.flush()?;
    }
}

/// The message after DATA up to the lone dot, dot-stuffing undone; `None`
/// when the client hangs up first. Past [`MAX_MESSAGE_BYTES`] the rest is
/// read and dropped, so that the reply can say why.
fn read_data(reader: &mut impl BufRead) -> std::io::Result<Option<Vec<u8>>> {
    let mut data = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(None);
        }
        if line == b".\r\n" || line == b".\n" {
            return Ok(Some(data));
        }
        if data.len() <= MAX_MESSAGE_BYTES {
            let unstuffed = line.strip_prefix(b".").unwrap_or(&line);
            data.extend_from_slice(unstuffed);
        }
    }
}

/// The address between `<` and `>` in `MAIL FROM:<a@b>` or `RCPT TO:<a@b>`.
fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_ends_at_the_lone_dot_and_loses_its_stuffing() {
        let mut input: &[u8] = b"Subject: x\r\n\r\n..a dot\r\nline\r\n.\r\nQUIT\r\n";
        let data = read_data(&mut input).unwrap().unwrap();
        assert_eq!(data, b"Subject: x\r\n\r\n.a dot\r\nline\r\n");
        let mut cut: &[u8] = b"Subject: x\r\n";
        assert!(read_data(&mut cut).unwrap().is_none());
    }

    #[test]
    fn addresses_are_read_between_angle_brackets() {
        assert_eq!(address_in("MAIL FROM:<a@b.example> SIZE=10"), "a@b.example");
        assert_eq!(address_in("RCPT TO:"), "");
    }
}
