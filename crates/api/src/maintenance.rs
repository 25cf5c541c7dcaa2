//! Housekeeping the server runs on a timer: deleting what has expired, so
//! that tables written by anonymous callers stay bounded.

use std::time::Duration;

use chrono::{DateTime, Utc};
use greenlight_store::{AnyConnection, idempotency_keys, sign_in_failures, subscriptions};

use crate::error::ApiError;
use crate::state::AppState;

/// What one round of pruning deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pruned {
    pub subscriptions: subscriptions::Pruned,
    pub sign_in_failures: usize,
    pub idempotency_keys: usize,
}

/// Deletes everything expired at `now`: unconfirmed subscriptions and stale
/// tokens, failed sign-ins older than the window that counts them, and
/// idempotency keys past their 24 hours.
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
    })
}

/// How often [`prune_periodically`] runs.
pub const PRUNING_INTERVAL: Duration = Duration::from_secs(60 * 60);

/// Prunes at start and then every [`PRUNING_INTERVAL`], for as long as the
/// server runs. Several instances may prune at once: deleting what another
/// already deleted is harmless.
pub async fn prune_periodically(state: AppState) {
    let mut every = actix_web::rt::time::interval(PRUNING_INTERVAL);
    loop {
        every.tick().await;
        let window = state.config.sign_in_failure_window;
        match state
            .db(move |conn| prune(conn, greenlight_store::ids::now(), window))
            .await
        {
            Ok(pruned) => tracing::info!(
                subscriptions = pruned.subscriptions.subscriptions,
                subscription_tokens = pruned.subscriptions.tokens,
                sign_in_failures = pruned.sign_in_failures,
                idempotency_keys = pruned.idempotency_keys,
                "pruned expired rows"
            ),
            Err(error) => tracing::warn!(%error, "pruning failed; retrying at the next interval"),
        }
    }
}
