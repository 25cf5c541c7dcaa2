//! An SMTP server on a loopback port, in the test process: it speaks enough
//! of RFC 5321 for a real client (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT)
//! over real TCP, keeps every message it accepts, and answers the failures a
//! test scripts. No transport is mocked: the code under test connects to it
//! as it would to a relay.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use base64::Engine;

/// One message as the sink received it.
#[derive(Debug, Clone)]
pub struct Received {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    /// Headers and body, CRLF line ends, dot-stuffing undone.
    pub data: String,
}

impl Received {
    /// The value of the first header called `name` (any case), unfolded.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.data.split("\r\n\r\n").next().unwrap_or_default();
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(current) = value.as_mut() {
                if line.starts_with(' ') || line.starts_with('\t') {
                    current.push(' ');
                    current.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((key, rest)) = line.split_once(':')
                && key.eq_ignore_ascii_case(name)
            {
                value = Some(rest.trim().to_owned());
            }
        }
        value
    }

    /// The body as sent (for the plain text messages the service writes,
    /// quoted-printable or 7-bit as lettre chose).
    pub fn body(&self) -> &str {
        self.data
            .split_once("\r\n\r\n")
            .map_or("", |(_, body)| body)
    }

    /// The body as text: base64 decoded, or quoted-printable soft breaks
    /// and `=XX` escapes undone (UTF-8 included), whichever lettre chose.
    pub fn text(&self) -> String {
        let base64 = self
            .header("Content-Transfer-Encoding")
            .is_some_and(|encoding| encoding.eq_ignore_ascii_case("base64"));
        let bytes = if base64 {
            let joined: String = self.body().split_whitespace().collect();
            base64::engine::general_purpose::STANDARD
                .decode(joined)
                .unwrap_or_default()
        } else {
            unescape_hex(&self.body().replace("=\r\n", ""))
        };
        String::from_utf8_lossy(&bytes).into_owned()
    }

    /// The value of header `name` with its RFC 2047 encoded words (how
    /// lettre writes a subject that is not ASCII) decoded.
    pub fn decoded_header(&self, name: &str) -> Option<String> {
        let raw = self.header(name)?;
        let mut out = String::new();
        let mut pending: Vec<u8> = Vec::new();
        let mut after_plain = false;
        for word in raw.split(' ') {
            if let Some(decoded) = encoded_word(word) {
                if after_plain {
                    out.push(' ');
                    after_plain = false;
                }
                pending.extend(decoded);
                continue;
            }
            if !pending.is_empty() {
                out.push_str(&String::from_utf8_lossy(&std::mem::take(&mut pending)));
                out.push(' ');
            } else if after_plain {
                out.push(' ');
            }
            out.push_str(word);
            after_plain = true;
        }
        out.push_str(&String::from_utf8_lossy(&pending));
        Some(out)
    }
}

/// `=XX` escapes as bytes; the rest as is.
fn unescape_hex(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The bytes an RFC 2047 encoded word (`=?utf-8?b?...?=`, `=?utf-8?q?...?=`)
/// stands for; `None` for any other word.
fn encoded_word(word: &str) -> Option<Vec<u8>> {
    let inner = word.strip_prefix("=?")?.strip_suffix("?=")?;
    let mut parts = inner.splitn(3, '?');
    let (_charset, encoding, text) = (parts.next()?, parts.next()?, parts.next()?);
    match encoding {
        "b" | "B" => base64::engine::general_purpose::STANDARD.decode(text).ok(),
        "q" | "Q" => Some(unescape_hex(&text.replace('_', " "))),
        _ => None,
    }
}

#[derive(Default)]
struct Inner {
    received: Mutex<Vec<Received>>,
    /// Answers to the next messages' end of DATA, instead of 250.
    scripted: Mutex<VecDeque<String>>,
    stopping: AtomicBool,
    connections: AtomicUsize,
}

pub struct SmtpSink {
    address: SocketAddr,
    inner: Arc<Inner>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let address = listener.local_addr().unwrap();
        let inner = Arc::new(Inner::default());
        let accepting = inner.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                accepting.connections.fetch_add(1, Ordering::SeqCst);
                let session = accepting.clone();
                thread::spawn(move || {
                    let _ = serve(stream, &session);
                });
            }
        });
        SmtpSink { address, inner }
    }

    /// `smtp://127.0.0.1:PORT`, plain (no TLS, no auth), as a local relay.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    /// The next message's DATA is answered `reply` (e.g. `451 4.3.0 busy`)
    /// and not kept; call again to script the ones after it.
    pub fn answer_next(&self, reply: &str) {
        self.inner
            .scripted
            .lock()
            .unwrap()
            .push_back(reply.to_owned());
    }

    pub fn received(&self) -> Vec<Received> {
        self.inner.received.lock().unwrap().clone()
    }

    /// How many TCP connections clients opened so far.
    pub fn connections(&self) -> usize {
        self.inner.connections.load(Ordering::SeqCst)
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.inner.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        drop(TcpStream::connect(self.address));
    }
}

fn serve(stream: TcpStream, inner: &Inner) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    writer.write_all(b"220 greenlight-test-sink ESMTP\r\n")?;
    let mut mail_from = String::new();
    let mut rcpt_to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_owned();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        match verb.as_str() {
            "EHLO" => writer.write_all(b"250-greenlight-test-sink\r\n250 8BITMIME\r\n")?,
            "HELO" => writer.write_all(b"250 greenlight-test-sink\r\n")?,
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
                let mut data = String::new();
                loop {
                    line.clear();
                    if reader.read_line(&mut line)? == 0 {
                        return Ok(());
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    data.push_str(unstuffed);
                }
                let scripted = inner.scripted.lock().unwrap().pop_front();
                match scripted {
                    Some(reply) => writer.write_all(format!("{reply}\r\n").as_bytes())?,
                    None => {
                        inner.received.lock().unwrap().push(Received {
                            mail_from: mail_from.clone(),
                            rcpt_to: rcpt_to.clone(),
                            data,
                        });
                        writer.write_all(b"250 2.0.0 OK queued\r\n")?;
                    }
                }
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

/// The address between `<` and `>` in `MAIL FROM:<a@b>` or `RCPT TO:<a@b>`.
fn address_in(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(address, _)| address.to_owned())
        .unwrap_or_default()
}
