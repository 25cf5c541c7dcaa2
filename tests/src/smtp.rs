//! An SMTP server on a loopback port, in the test process: the server of
//! `greenlight mail-sink` (crates/mail-sink), keeping every message it
//! accepts in memory and answering the failures a test scripts. No
//! transport is mocked: the code under test connects to it as it would to a
//! relay.

use std::collections::VecDeque;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

pub use greenlight_mail_sink::Received;
use greenlight_mail_sink::{ACCEPTED, Mailbox, SmtpServer};

#[derive(Default)]
struct Memory {
    received: Mutex<Vec<Received>>,
    /// Answers to the next messages' end of DATA, instead of 250.
    scripted: Mutex<VecDeque<String>>,
}

impl Mailbox for Memory {
    fn deliver(&self, message: Received) -> String {
        match self.scripted.lock().unwrap().pop_front() {
            Some(reply) => reply,
            None => {
                self.received.lock().unwrap().push(message);
                ACCEPTED.to_owned()
            }
        }
    }
}

pub struct SmtpSink {
    server: SmtpServer,
    memory: Arc<Memory>,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let memory = Arc::new(Memory::default());
        let server = SmtpServer::start(listener, memory.clone()).unwrap();
        SmtpSink { server, memory }
    }

    /// `smtp://127.0.0.1:PORT`, plain (no TLS, no auth), as a local relay.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.server.address())
    }

    /// The next message's DATA is answered `reply` (e.g. `451 4.3.0 busy`)
    /// and not kept; call again to script the ones after it.
    pub fn answer_next(&self, reply: &str) {
        self.memory
            .scripted
            .lock()
            .unwrap()
            .push_back(reply.to_owned());
    }

    pub fn received(&self) -> Vec<Received> {
        self.memory.received.lock().unwrap().clone()
    }

    /// How many TCP connections clients opened so far.
    pub fn connections(&self) -> usize {
        self.server.connections()
    }
}
