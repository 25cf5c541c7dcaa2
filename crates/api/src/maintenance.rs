//! Housekeeping the worker runs on a timer (`notifications::worker::Job::Prune`):
//! deleting what has expired, so that tables written by anonymous callers
//! stay bounded. Several instances may prune at once: deleting what another
//! already deleted is harmless.

use std::time::Duration;

use chrono::{DateTime, Utc};
use greenlight_store::{
    AnyConnection, idempotency_keys, sign_in_failures, subscriptions, webhooks,
};

use crate::error::ApiError;

/// What one round of pruning deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub subscriptions: subscriptions::Pruned,
    pub sign_in_failures: usize,
    pub idempotency_keys: usize,
    pub webhook_deliveries: usize,
}

/// How long a finished webhook delivery stays in its webhook's log
/// (`GET /webhooks/{id}/deliveries`), to be read or redelivered.
pub const DELIVERY_LOG_KEPT: chrono::Duration = chrono::Duration::days(30);

/// Deletes everything expired at `now`: unconfirmed subscriptions and stale
/// tokens, failed sign-ins older than the window that counts them, and
/// idempotency keys past their 24 hours, and webhook deliveries finished more
/// than [`DELIVERY_LOG_KEPT`] ago.
pub fn prune(
    conn: &mut AnyConnection,
    now: DateTime<Utc>,
    sign_in_failure_window: Duration,
) -> Result<Pruned, ApiError> {
    let window = chrono::Duration::from_std(sign_in_failure_window).map_err(ApiError::internal)?;
    Ok(Pruned {
        subscriptions: subscriptions::prune_expired(conn, now)?,
        sign_in_failures: sign_in_failures::prune(conn, now - window)?,
        idempotency_keys: idempotency_keys::prune(conn, now - crate::idempotency::KEEP_FOR)?,
        webhook_deliveries: webhooks::prune_deliveries(conn, now - DELIVERY_LOG_KEPT)?,
    })
}
