//! The worker: a list of [`Job`]s run in turn, in `greenlight serve` on a
//! timer and once each by `greenlight work --once`. Every job takes the
//! time it runs at as a parameter, so tests move the clock instead of
//! waiting; every job is safe to run from several instances at once.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use greenlight_domain::{AfterFailure, RetryPolicy};
use greenlight_store::outbox::{self, Attempt};
use greenlight_store::{AnyConnection, Pool};

use super::mailer::{Mailer, SendFailure};
use super::{reminders, webhooks};
use crate::error::ApiError;
use crate::maintenance;
use crate::read_model::ReadModel;
use crate::state::{ApiConfig, run_blocking};

/// How the worker paces itself.
#[derive(Debug, Clone)]
pub struct WorkerSettings {
    pub retry: RetryPolicy,
    /// Messages claimed at once.
    pub batch: i64,
    /// Messages in flight at once (at most the SMTP pool's connections).
    pub concurrency: usize,
    /// How long a claim holds a message: a worker that dies mid-send
    /// leaves it to another after this long. Far longer than an SMTP
    /// exchange takes (the transport gives up after 30 s).
    pub lease: Duration,
    /// How often `serve` looks for due messages.
    pub poll: Duration,
}

impl Default for WorkerSettings {
    fn default() -> Self {
        WorkerSettings {
            retry: RetryPolicy::default(),
            batch: 200,
            concurrency: 8,
            lease: Duration::from_secs(10 * 60),
            poll: Duration::from_secs(2),
        }
    }
}

/// One kind of work the worker does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Write the messages of news recorded since the last round (programs
    /// published), to the subscribers whose saved searches match.
    Announce,
    /// Remind `deadlines` subscribers of matching programs whose deadline
    /// is a week away or less.
    ClosingSoon,
    /// Remind registrants of events starting within a day.
    EventReminders,
    /// Send every due message of the outbox.
    Deliver,
    /// Fan catalogue changes out to webhooks and post every due delivery.
    Webhooks,
    /// Delete expired subscriptions, tokens and failed sign-ins.
    Prune,
}

impl Job {
    /// In this order, so that one round writes its messages and then
    /// delivers them.
    pub const ALL: [Job; 6] = [
        Job::Announce,
        Job::ClosingSoon,
        Job::EventReminders,
        Job::Deliver,
        Job::Webhooks,
        Job::Prune,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::Announce => "announce",
            Job::ClosingSoon => "closing_soon",
            Job::EventReminders => "event_reminders",
            Job::Deliver => "deliver",
            Job::Webhooks => "webhooks",
            Job::Prune => "prune",
        }
    }

    /// How often `serve` runs it.
    fn every(self, settings: &WorkerSettings) -> Duration {
        match self {
            Job::Announce | Job::Deliver | Job::Webhooks => settings.poll,
            // Reminders are due by the day or the hour; a quarter of an
            // hour late is on time.
            Job::ClosingSoon | Job::EventReminders => Duration::from_secs(15 * 60),
            Job::Prune => Duration::from_secs(60 * 60),
        }
    }
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    pub failed: usize,
    pub dead: usize,
}

#[derive(Debug, Clone)]
pub struct Worker {
    pool: Pool,
    config: ApiConfig,
    /// The catalogue that saved searches are matched against.
    read_model: Arc<ReadModel>,
    /// None without `GREENLIGHT_SMTP_URL`: messages stay queued.
    mailer: Option<Arc<Mailer>>,
    /// None when no HTTP client could be built: deliveries stay queued.
    webhooks: Option<Arc<webhooks::Sender>>,
    settings: WorkerSettings,
}

impl Worker {
    pub fn new(
        pool: Pool,
        config: ApiConfig,
        read_model: Arc<ReadModel>,
        mailer: Option<Mailer>,
        settings: WorkerSettings,
    ) -> Self {
        let webhooks = webhooks::Sender::new(config.webhook_allow_private)
            .inspect_err(|error| tracing::error!(%error, "webhooks cannot be sent"))
            .ok()
            .map(Arc::new);
        Worker {
            pool,
            config,
            read_model,
            mailer: mailer.map(Arc::new),
            webhooks,
            settings,
        }
    }

    /// Runs every job once at `now`, for `work --once` and tests; the
    /// first job that fails stops the round. Delivery runs at the later of
    /// `now` and the clock, so that the round sends what its earlier jobs
    /// have just queued.
    pub async fn run_once(&self, now: DateTime<Utc>) -> Result<Delivered, ApiError> {
        let mut delivered = Delivered::default();
        for job in Job::ALL {
            let at = match job {
                Job::Deliver => now.max(greenlight_store::ids::now()),
                _ => now,
            };
            if let Some(round) = self.run_job(job, at).await? {
                delivered = round;
            }
        }
        Ok(delivered)
    }

    /// Runs the jobs on their timers for as long as the process runs; a
    /// failing job is logged and tried again at its next turn.
    pub async fn run_forever(self) {
        if self.mailer.is_none() {
            tracing::warn!(
                "GREENLIGHT_SMTP_URL is not set: messages stay queued in the outbox until it is"
            );
        }
        let mut last_run: Vec<Option<std::time::Instant>> = vec![None; Job::ALL.len()];
        let mut tick = actix_web::rt::time::interval(self.settings.poll);
        loop {
            tick.tick().await;
            for (job, last) in Job::ALL.iter().zip(last_run.iter_mut()) {
                if last.is_some_and(|at| at.elapsed() < job.every(&self.settings)) {
                    continue;
                }
                *last = Some(std::time::Instant::now());
                if let Err(error) = self.run_job(*job, greenlight_store::ids::now()).await {
                    tracing::warn!(job = job.name(), %error, "job failed; retrying at its next turn");
                }
            }
        }
    }

    async fn run_job(&self, job: Job, now: DateTime<Utc>) -> Result<Option<Delivered>, ApiError> {
        match job {
            Job::Announce => {
                let read_model = self.read_model.clone();
                let links = self.config.links();
                let queued = self
                    .db(move |conn| {
                        super::fan_out(conn, &read_model, &links, now.date_naive(), now)
                    })
                    .await?;
                if queued > 0 {
                    tracing::info!(queued, "announced news to subscribers");
                }
                Ok(None)
            }
            Job::ClosingSoon => {
                let read_model = self.read_model.clone();
                let links = self.config.links();
                let queued = self
                    .db(move |conn| {
                        reminders::closing_soon(conn, &read_model, &links, now.date_naive())
                    })
                    .await?;
                if queued > 0 {
                    tracing::info!(queued, "reminded subscribers of deadlines closing soon");
                }
                Ok(None)
            }
            Job::EventReminders => {
                let links = self.config.links();
                let queued = self
                    .db(move |conn| reminders::event_reminders(conn, &links, now))
                    .await?;
                if queued > 0 {
                    tracing::info!(queued, "reminded registrants of events starting soon");
                }
                Ok(None)
            }
            Job::Deliver => Ok(Some(self.deliver_due(now).await?)),
            Job::Webhooks => {
                let links = self.config.links();
                webhooks::run(
                    &self.pool,
                    self.webhooks.as_deref(),
                    &links,
                    &self.settings,
                    now,
                )
                .await?;
                Ok(None)
            }
            Job::Prune => {
                let window = self.config.sign_in_failure_window;
                let pruned = self
                    .db(move |conn| maintenance::prune(conn, now, window))
                    .await?;
                tracing::info!(
                    subscriptions = pruned.subscriptions.subscriptions,
                    subscription_tokens = pruned.subscriptions.tokens,
                    sign_in_failures = pruned.sign_in_failures,
                    idempotency_keys = pruned.idempotency_keys,
                    webhook_deliveries = pruned.webhook_deliveries,
                    "pruned expired rows"
                );
                Ok(None)
            }
        }
    }

    async fn db<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        F: FnOnce(&mut AnyConnection) -> Result<T, ApiError> + Send + 'static,
        T: Send + 'static,
    {
        run_blocking(&self.pool, work).await
    }

    /// Sends every message due at `now`, a batch at a time, until none is
    /// left; without a mailer, sends nothing.
    pub async fn deliver_due(&self, now: DateTime<Utc>) -> Result<Delivered, ApiError> {
        let mut delivered = Delivered::default();
        let Some(mailer) = self.mailer.clone() else {
            return Ok(delivered);
        };
        let lease = chrono::Duration::from_std(self.settings.lease).map_err(ApiError::internal)?;
        let batch = self.settings.batch;
        loop {
            let claimed = self
                .db(move |conn| Ok(outbox::claim_due(conn, now, lease, batch)?))
                .await?;
            if claimed.is_empty() {
                return Ok(delivered);
            }
            let results: Vec<(outbox::Message, Result<(), SendFailure>)> =
                futures_util::stream::iter(claimed)
                    .map(|message| {
                        let mailer = mailer.clone();
                        async move {
                            let result = mailer.send(&message).await;
                            (message, result)
                        }
                    })
                    .buffer_unordered(self.settings.concurrency.max(1))
                    .collect()
                    .await;
            let outcomes: Vec<(String, u32, Attempt)> = results
                .into_iter()
                .map(|(message, result)| {
                    let attempt = match result {
                        Ok(()) => Attempt::Sent,
                        Err(failure) => self.after_failure(&message, failure, now),
                    };
                    (message.id, message.attempts, attempt)
                })
                .collect();
            for (_, _, outcome) in &outcomes {
                match outcome {
                    Attempt::Sent => delivered.sent += 1,
                    Attempt::Failed { .. } => delivered.failed += 1,
                    Attempt::Dead { .. } => delivered.dead += 1,
                }
            }
            self.db(move |conn| Ok(outbox::record(conn, &outcomes, now)?))
                .await?;
        }
    }

    fn after_failure(
        &self,
        message: &outbox::Message,
        failure: SendFailure,
        now: DateTime<Utc>,
    ) -> Attempt {
        let jitter: f64 = rand::random();
        match self
            .settings
            .retry
            .after_failure(message.attempts, failure.permanent, jitter)
        {
            AfterFailure::GiveUp => {
                tracing::warn!(message = %message.id, kind = %message.kind, attempts = message.attempts, reason = %failure.reason, "message given up");
                Attempt::Dead {
                    error: failure.reason,
                }
            }
            AfterFailure::RetryIn(delay) => Attempt::Failed {
                error: failure.reason,
                retry_at: now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::MAX),
            },
        }
    }
}
