//! Mail over SMTP with lettre: one pooled transport per process, so a burst
//! of messages reuses a few open connections instead of a handshake each.

use std::time::Duration;

use greenlight_store::outbox;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::Links;

/// Why the mailer could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum MailerError {
    #[error("GREENLIGHT_SMTP_URL is not a usable SMTP URL: {0}")]
    Url(String),
    #[error("GREENLIGHT_MAIL_FROM is not an address: {0}")]
    From(String),
}

/// Why one message was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendFailure {
    /// The server refused it for good (SMTP 5xx) or it cannot be written
    /// as mail at all; anything else may work later.
    pub permanent: bool,
    pub reason: String,
}

#[derive(Debug, Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// Names this service in each `Message-ID`.
    host: String,
}

/// `smtp://` with a password and no `tls=` parameter means STARTTLS
/// required: a password never crosses the network in clear because a URL
/// left the parameter out. `smtp://host:port` without one stays plain (a
/// local relay or a test sink); `smtps://` is TLS from the first byte.
fn with_safe_tls(url: &str) -> Result<String, MailerError> {
    let parsed = url::Url::parse(url).map_err(|error| MailerError::Url(error.to_string()))?;
    let names_tls = parsed.query_pairs().any(|(key, _)| key == "tls");
    if parsed.scheme() == "smtp" && parsed.password().is_some() && !names_tls {
        let mut required = parsed.clone();
        required.query_pairs_mut().append_pair("tls", "required");
        return Ok(required.to_string());
    }
    Ok(url.to_owned())
}

impl Mailer {
    /// `connections` is how many SMTP connections the pool keeps open at most.
    pub fn new(
        smtp_url: &str,
        from: &str,
        links: &Links,
        connections: u32,
    ) -> Result<Self, MailerError> {
        let url = with_safe_tls(smtp_url)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|error| MailerError::Url(error.to_string()))?
            .timeout(Some(Duration::from_secs(30)))
            .pool_config(PoolConfig::new().max_size(connections.max(1)))
            .build();
        let from = from
            .parse()
            .map_err(|error: lettre::address::AddressError| MailerError::From(error.to_string()))?;
        Ok(Mailer {
            transport,
            from,
            host: links.host().to_owned(),
        })
    }

    /// The mail for one outbox message. Its `Message-ID` derives from the
    /// message's id, so every attempt (and a copy a relay accepted before
    /// an attempt timed out) carries the same one.
    pub fn compose(&self, message: &outbox::Message) -> Result<Message, SendFailure> {
        let permanent = |reason: String| SendFailure {
            permanent: true,
            reason,
        };
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|error| permanent(format!("the recipient is not an address: {error}")))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .message_id(Some(format!("<{}@{}>", message.id, self.host)))
            .date_now()
            .header(ContentType::TEXT_PLAIN)
            // RFC 3282: mail readers, screen readers among them, read the
            // text in the recipient's language.
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                message.locale.as_str().to_owned(),
            ));
        if let Some(url) = &message.list_unsubscribe {
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{url}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".to_owned(),
                ));
        }
        builder
            .body(message.body.clone())
            .map_err(|error| permanent(format!("the message cannot be written as mail: {error}")))
    }

    pub async fn send(&self, message: &outbox::Message) -> Result<(), SendFailure> {
        let mail = self.compose(message)?;
        self.transport
            .send(mail)
            .await
            .map(drop)
            .map_err(|error| SendFailure {
                permanent: error.is_permanent(),
                reason: error.to_string(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_over_plain_smtp_requires_starttls() {
        assert_eq!(
            with_safe_tls("smtp://u:p@mail.example:587").unwrap_or_default(),
            "smtp://u:p@mail.example:587?tls=required"
        );
        assert_eq!(
            with_safe_tls("smtp://127.0.0.1:1025").unwrap_or_default(),
            "smtp://127.0.0.1:1025"
        );
        assert_eq!(
            with_safe_tls("smtp://u:p@h:25?tls=opportunistic").unwrap_or_default(),
            "smtp://u:p@h:25?tls=opportunistic"
        );
    }
}
