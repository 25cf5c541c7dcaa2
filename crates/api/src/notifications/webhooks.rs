//! Webhook messages (Standard Webhooks 1.0): what each event's body says,
//! how it is queued for the webhooks that subscribe to it, how it is signed,
//! and how the worker posts it (docs/partners.md, Webhooks).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use greenlight_domain::{AfterFailure, WebhookEvent, is_public_address};
use greenlight_store::outbox::Attempt;
use greenlight_store::program_changes::{self, ChangeKind};
use greenlight_store::webhooks::{self, Claimed, Outcome};
use greenlight_store::{AnyConnection, Pool, StoreError};
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde_json::{Value, json};
use sha2::Sha256;

use super::Links;
use super::worker::{Delivered, WorkerSettings};
use crate::error::ApiError;
use crate::state::run_blocking;

/// Marks a signing secret, as Standard Webhooks spells it.
pub const SECRET_PREFIX: &str = "whsec_";
const SECRET_BYTES: usize = 32;
/// How long a rotated-out secret keeps signing beside the new one, so that
/// a receiver can switch without missing a delivery.
pub const ROTATION_GRACE: chrono::Duration = chrono::Duration::hours(24);
/// A receiver that has not answered by then has failed this attempt.
const TIMEOUT: Duration = Duration::from_secs(15);
/// Changes of the catalogue fanned out in one transaction.
const DISPATCH_BATCH: i64 = 500;

/// A new signing secret: 32 bytes from the OS's CSPRNG, base64, prefixed.
pub fn new_secret() -> String {
    let mut secret = [0u8; SECRET_BYTES];
    rand::rng().fill_bytes(&mut secret);
    format!("{SECRET_PREFIX}{}", STANDARD.encode(secret))
}

/// `v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`, keyed by the
/// secret's decoded bytes; `None` for a secret this service did not write.
pub fn signature(secret: &str, id: &str, timestamp: i64, body: &str) -> Option<String> {
    let key = STANDARD
        .decode(secret.strip_prefix(SECRET_PREFIX).unwrap_or(secret))
        .ok()?;
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(format!("{id}.{timestamp}.{body}").as_bytes());
    Some(format!(
        "v1,{}",
        STANDARD.encode(mac.finalize().into_bytes())
    ))
}

/// The `webhook-signature` header: one signature per secret, space
/// separated, the current secret's first.
fn signature_header(secrets: &[&str], id: &str, timestamp: i64, body: &str) -> String {
    secrets
        .iter()
        .filter_map(|secret| signature(secret, id, timestamp, body))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A thin body: the event, when it happened, and where to read the rest.
fn payload(event: WebhookEvent, at: DateTime<Utc>, data: Value) -> String {
    json!({
        "type": event.as_str(),
        "timestamp": at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "data": data,
    })
    .to_string()
}

/// Queues `event` for every active webhook subscribed to it, in the
/// caller's transaction; answers how many deliveries it wrote.
fn fan_out(
    conn: &mut AnyConnection,
    event: WebhookEvent,
    at: DateTime<Utc>,
    data: Value,
) -> Result<usize, StoreError> {
    let body = payload(event, at, data);
    let targets = webhooks::subscribed(conn, event.as_str(), at)?;
    for webhook in &targets {
        webhooks::enqueue(conn, webhook, event.as_str(), &body, at)?;
    }
    Ok(targets.len())
}

/// `cycle.opened`, in the transaction that creates the cycle.
pub fn cycle_opened(
    conn: &mut AnyConnection,
    links: &Links,
    cycle: &greenlight_store::cycles::Cycle,
) -> Result<(), StoreError> {
    let data = json!({
        "id": cycle.id,
        "url": links.api(&format!("/cycles/{}", cycle.id)),
        "program_id": cycle.program_id,
    });
    fan_out(
        conn,
        WebhookEvent::CycleOpened,
        greenlight_store::ids::now(),
        data,
    )
    .map(drop)
}

/// `event.published`, in the transaction that creates the event.
pub fn event_published(
    conn: &mut AnyConnection,
    links: &Links,
    event: &greenlight_store::events::Event,
) -> Result<(), StoreError> {
    let data = json!({
        "id": event.id,
        "url": links.api(&format!("/events/{}", event.id)),
        "module_id": event.module_id,
    });
    fan_out(
        conn,
        WebhookEvent::EventPublished,
        greenlight_store::ids::now(),
        data,
    )
    .map(drop)
}

/// A `ping` to one webhook, whatever it subscribes to.
pub fn ping(
    conn: &mut AnyConnection,
    links: &Links,
    webhook_id: &str,
    now: DateTime<Utc>,
) -> Result<webhooks::Delivery, StoreError> {
    let body = payload(
        WebhookEvent::Ping,
        now,
        json!({"id": webhook_id, "url": links.api(&format!("/webhooks/{webhook_id}"))}),
    );
    webhooks::enqueue(conn, webhook_id, WebhookEvent::Ping.as_str(), &body, now)
}

fn program_event(change: ChangeKind) -> WebhookEvent {
    match change {
        ChangeKind::Published => WebhookEvent::ProgramPublished,
        ChangeKind::Updated => WebhookEvent::ProgramUpdated,
        ChangeKind::Unpublished | ChangeKind::Deleted => WebhookEvent::ProgramUnpublished,
    }
}

/// Fans the catalogue's change log out to webhooks, from the dispatch
/// cursor on. Each batch is one transaction that locks the cursor first,
/// writes the batch's deliveries and advances the cursor: two workers
/// never fan one change out twice, and a crash leaves nothing half done.
pub fn dispatch_program_changes(
    conn: &mut AnyConnection,
    links: &Links,
) -> Result<usize, ApiError> {
    // Most rounds find nothing new; they need not take the cursor's lock,
    // which on SQLite is the database's write lock.
    if webhooks::dispatched(conn)? >= program_changes::head(conn)? {
        return Ok(0);
    }
    let mut queued = 0;
    loop {
        let (written, more) = greenlight_store::transaction(conn, |conn| {
            let cursor = webhooks::lock_dispatch(conn)?;
            let changes = program_changes::after(conn, cursor, DISPATCH_BATCH)?;
            let Some(last) = changes.last().map(|change| change.seq) else {
                return Ok::<_, StoreError>((0, false));
            };
            let mut written = 0;
            for change in &changes {
                let mut data = json!({
                    "id": change.program_id,
                    "url": links.api(&format!("/programs/{}", change.program_id)),
                    "slug": change.slug,
                });
                if change.change == ChangeKind::Deleted {
                    data["deleted"] = Value::Bool(true);
                }
                written += fan_out(conn, program_event(change.change), change.at, data)?;
            }
            webhooks::advance_dispatch(conn, last)?;
            Ok((
                written,
                changes.len() == usize::try_from(DISPATCH_BATCH).unwrap_or(0),
            ))
        })?;
        queued += written;
        if !more {
            return Ok(queued);
        }
    }
}

/// Posts deliveries. Redirects are never followed (a receiver could send
/// the service anywhere) and, unless private targets are allowed, every
/// address a name resolves to is checked before connecting, so a name that
/// resolves to this machine or its network reaches nothing.
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    allow_private: bool,
}

impl Sender {
    pub fn new(allow_private: bool) -> Result<Sender, reqwest::Error> {
        let builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(TIMEOUT)
            .no_proxy()
            .user_agent("Greenlight-Webhooks/1.0");
        let builder = if allow_private {
            builder
        } else {
            builder.dns_resolver(Arc::new(PublicOnly))
        };
        Ok(Sender {
            client: builder.build()?,
            allow_private,
        })
    }

    /// One attempt: the receiver's status when it answered, and whether it
    /// took the delivery.
    async fn post(
        &self,
        claimed: &Claimed,
        now: DateTime<Utc>,
    ) -> (Option<u16>, Result<(), String>) {
        let delivery = &claimed.delivery;
        if !self.allow_private
            && let Some(address) = literal_address(&claimed.webhook.url)
            && !is_public_address(address)
        {
            return (
                None,
                Err(format!("refused: {address} is not a public address")),
            );
        }
        let timestamp = now.timestamp();
        let secrets = claimed.webhook.signing_secrets(now);
        let answer = self
            .client
            .post(&claimed.webhook.url)
            .header("content-type", "application/json")
            .header("webhook-id", &delivery.id)
            .header("webhook-timestamp", timestamp.to_string())
            .header(
                "webhook-signature",
                signature_header(&secrets, &delivery.id, timestamp, &delivery.payload),
            )
            .body(delivery.payload.clone())
            .send()
            .await;
        match answer {
            Ok(response) => {
                let status = response.status();
                let result = if status.is_success() {
                    Ok(())
                } else if status.is_redirection() {
                    Err(format!("answered {status}; redirects are not followed"))
                } else {
                    Err(format!("answered {status}"))
                };
                (Some(status.as_u16()), result)
            }
            Err(error) => (None, Err(error_chain(&error))),
        }
    }
}

/// The host of `url` when it is an IP address, which no resolver sees.
fn literal_address(url: &str) -> Option<IpAddr> {
    match url::Url::parse(url).ok()?.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// An error with its causes, which reqwest keeps apart: the cause is what
/// tells a partner why (a refused address, a timeout, a TLS failure).
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Resolves names, then refuses the lot if any address is not public: a
/// name that mixes a public and a private address could otherwise reach
/// the private one on a later connection.
#[derive(Debug)]
struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let addresses: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if let Some(refused) = addresses.iter().find(|a| !is_public_address(a.ip())) {
                return Err(format!(
                    "refused: {host} resolves to {}, not a public address",
                    refused.ip()
                )
                .into());
            }
            if addresses.is_empty() {
                return Err(format!("{host} resolves to no address").into());
            }
            let addresses: reqwest::dns::Addrs = Box::new(addresses.into_iter());
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(addresses)
        })
    }
}

/// What became of an attempt that failed: retried later, or given up.
fn after_failure(
    settings: &WorkerSettings,
    attempt: u32,
    error: String,
    now: DateTime<Utc>,
) -> Attempt {
    match settings.retry.after_failure(attempt, false, rand::random()) {
        AfterFailure::GiveUp => Attempt::Dead { error },
        AfterFailure::RetryIn(delay) => Attempt::Failed {
            error,
            retry_at: now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::MAX),
        },
    }
}

/// The worker's webhook job: fans out new catalogue changes, then posts
/// every due delivery, a batch at a time, until none is left.
pub async fn run(
    pool: &Pool,
    sender: Option<&Sender>,
    links: &Links,
    settings: &WorkerSettings,
    now: DateTime<Utc>,
) -> Result<Delivered, ApiError> {
    let dispatch_links = links.clone();
    let queued = run_blocking(pool, move |conn| {
        dispatch_program_changes(conn, &dispatch_links)
    })
    .await?;
    if queued > 0 {
        tracing::info!(queued, "queued webhook deliveries of catalogue changes");
    }
    let mut delivered = Delivered::default();
    let Some(sender) = sender else {
        return Ok(delivered);
    };
    let lease = chrono::Duration::from_std(settings.lease).map_err(ApiError::internal)?;
    let batch = settings.batch;
    loop {
        let claimed = run_blocking(pool, move |conn| {
            Ok(webhooks::claim_due(conn, now, lease, batch)?)
        })
        .await?;
        if claimed.is_empty() {
            return Ok(delivered);
        }
        let outcomes: Vec<Outcome> = futures_util::stream::iter(claimed)
            .map(|claimed| async move {
                let (response_status, result) = sender.post(&claimed, now).await;
                let gone = response_status == Some(410);
                let attempt_result = match result {
                    Ok(()) => Attempt::Sent,
                    Err(error) if gone => Attempt::Dead { error },
                    Err(error) => after_failure(settings, claimed.delivery.attempts, error, now),
                };
                if gone {
                    tracing::warn!(webhook = %claimed.webhook.id, "receiver answered 410 Gone; webhook disabled");
                }
                Outcome {
                    delivery_id: claimed.delivery.id,
                    webhook_id: claimed.webhook.id,
                    attempt: claimed.delivery.attempts,
                    attempt_result,
                    response_status,
                    disable_webhook: gone,
                }
            })
            .buffer_unordered(settings.concurrency.max(1))
            .collect()
            .await;
        for outcome in &outcomes {
            match outcome.attempt_result {
                Attempt::Sent => delivered.sent += 1,
                Attempt::Failed { .. } => delivered.failed += 1,
                Attempt::Dead { .. } => delivered.dead += 1,
            }
        }
        run_blocking(pool, move |conn| {
            Ok(webhooks::record(conn, &outcomes, now)?)
        })
        .await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_prefixed_base64_of_32_random_bytes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        let key = STANDARD
            .decode(a.strip_prefix(SECRET_PREFIX).expect("prefixed"))
            .expect("base64");
        assert_eq!(key.len(), SECRET_BYTES);
    }

    #[test]
    fn the_signature_is_the_standard_webhooks_example() {
        // The worked example of the Standard Webhooks specification.
        let signed = signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            r#"{"test": 2432232314}"#,
        );
        assert_eq!(
            signed.as_deref(),
            Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        );
    }

    #[test]
    fn a_rotated_secret_signs_beside_the_new_one() {
        let (new, old) = (new_secret(), new_secret());
        let header = signature_header(&[&new, &old], "msg_1", 1, "{}");
        let parts: Vec<&str> = header.split(' ').collect();
        assert_eq!(parts.len(), 2);
        assert_eq!(Some(parts[0].to_owned()), signature(&new, "msg_1", 1, "{}"));
        assert_eq!(Some(parts[1].to_owned()), signature(&old, "msg_1", 1, "{}"));
    }

    #[test]
    fn literal_addresses_are_read_from_the_url() {
        assert_eq!(
            literal_address("https://127.0.0.1:8443/hook"),
            Some(IpAddr::from([127, 0, 0, 1]))
        );
        assert_eq!(
            literal_address("https://[::1]/hook"),
            Some("::1".parse().expect("an address"))
        );
        assert_eq!(literal_address("https://partner.example/hook"), None);
    }

    #[actix_web::test]
    async fn a_name_that_resolves_to_loopback_is_refused() {
        use reqwest::dns::Resolve;
        let name: reqwest::dns::Name = "localhost".parse().expect("a name");
        let refused = PublicOnly.resolve(name).await.err().expect("refused");
        assert!(
            refused.to_string().contains("not a public address"),
            "{refused}"
        );
    }
}
