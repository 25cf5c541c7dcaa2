//! A webhook receiver on a loopback port, in the test process: enough of
//! HTTP/1.1 for a real client over real TCP. It keeps every request it
//! reads and answers the statuses a test scripts (200 otherwise), as
//! `smtp.rs` does for mail. Nothing in the sender is mocked.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// One request as the receiver read it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    /// Names in lower case, in the order sent.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("not JSON ({error}): {}", self.body))
    }

    /// Checks the signature as a partner would, with the `standardwebhooks`
    /// crate (which also checks the timestamp is within 5 minutes of now).
    pub fn verify(&self, secret: &str) -> Result<(), standardwebhooks::WebhookError> {
        let mut headers = http::HeaderMap::new();
        for (name, value) in &self.headers {
            headers.append(
                http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                http::HeaderValue::from_str(value).unwrap(),
            );
        }
        standardwebhooks::Webhook::new(secret)?.verify(self.body.as_bytes(), &headers)
    }

    /// The `v1,` signatures of `webhook-signature`.
    pub fn signatures(&self) -> Vec<String> {
        self.header("webhook-signature")
            .unwrap_or_default()
            .split(' ')
            .filter(|part| part.starts_with("v1,"))
            .map(str::to_owned)
            .collect()
    }
}

#[derive(Default)]
struct Inner {
    received: Mutex<Vec<Request>>,
    /// Statuses for the next requests, instead of 200.
    scripted: Mutex<VecDeque<u16>>,
    stopping: AtomicBool,
}

pub struct Receiver {
    address: SocketAddr,
    inner: Arc<Inner>,
}

impl Receiver {
    pub fn start() -> Receiver {
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
                let session = accepting.clone();
                thread::spawn(move || {
                    let _ = serve(stream, address, &session);
                });
            }
        });
        Receiver { address, inner }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The next request is answered `status` (a 3xx with a `Location` on
    /// this receiver); call again to script the ones after it.
    pub fn answer_next(&self, status: u16) {
        self.inner.scripted.lock().unwrap().push_back(status);
    }

    pub fn received(&self) -> Vec<Request> {
        self.inner.received.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.inner.stopping.store(true, Ordering::SeqCst);
        // Wake the accepting thread so that it sees the flag.
        drop(TcpStream::connect(self.address));
    }
}

fn serve(stream: TcpStream, address: SocketAddr, inner: &Inner) -> std::io::Result<()> {
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(());
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_owned();
    let path = parts.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 || line.trim_end().is_empty() {
            break;
        }
        if let Some((name, value)) = line.trim_end().split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let length: usize = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    inner.received.lock().unwrap().push(Request {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let status = inner.scripted.lock().unwrap().pop_front().unwrap_or(200);
    let location = if (300..400).contains(&status) {
        format!("Location: http://{address}/elsewhere\r\n")
    } else {
        String::new()
    };
    writer.write_all(
        format!(
            "HTTP/1.1 {status} Scripted\r\n{location}Content-Length: 0\r\nConnection: close\r\n\r\n"
        )
        .as_bytes(),
    )?;
    writer.flush()
}
