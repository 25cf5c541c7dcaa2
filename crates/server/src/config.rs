//! Configuration from the environment, read once at start-up. Every variable
//! is listed in the README's configuration table.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use greenlight_api::ApiConfig;
use greenlight_store::DatabaseUrl;

#[derive(Debug, Clone)]
pub struct Config {
    pub database: DatabaseUrl,
    pub data_dir: PathBuf,
    pub jwt_ttl: Duration,
    pub pool_size: u32,
    pub workers: usize,
    /// How long `/readyz` answers 503 before the server stops accepting
    /// connections on SIGTERM.
    pub shutdown_drain_delay: Duration,
    pub api: ApiConfig,
    /// `GREENLIGHT_PUBLIC_URL` as set; `serve` falls back to the address it
    /// listens on.
    pub public_url: Option<String>,
    pub mail: MailConfig,
}

/// Outgoing mail: where it is handed over and whom it is from.
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `GREENLIGHT_SMTP_URL`; without it messages stay queued.
    pub smtp_url: Option<String>,
    /// `GREENLIGHT_MAIL_FROM`.
    pub from: String,
    /// `GREENLIGHT_SMTP_CONNECTIONS`: SMTP connections the pool keeps open.
    pub connections: u32,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .filter(|value| !value.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw
            .trim()
            .parse()
            .map_err(|error| anyhow::anyhow!("{name}={raw:?} is not valid: {error}")),
    }
}

impl Config {
    pub fn from_env() -> anyhow::Result<Self> {
        let database = DatabaseUrl::parse(
            &var("DATABASE_URL").unwrap_or_else(|| DatabaseUrl::DEFAULT_SQLITE_PATH.to_owned()),
        );
        let data_dir = var("GREENLIGHT_DATA_DIR")
            .map(PathBuf::from)
            .or_else(|| {
                database
                    .data_dir()
                    .filter(|dir| !dir.as_os_str().is_empty())
                    .map(Path::to_path_buf)
            })
            .unwrap_or_else(|| PathBuf::from("./data"));
        let jwt_minutes: u64 = parsed("GREENLIGHT_JWT_TTL_MINUTES", 30)?;
        let fiscal_year_start_month: u32 = parsed("GREENLIGHT_FISCAL_YEAR_START_MONTH", 4)?;
        if !(1..=12).contains(&fiscal_year_start_month) {
            bail!("GREENLIGHT_FISCAL_YEAR_START_MONTH must be 1 to 12");
        }
        let partner_pending_limit: i64 = parsed("GREENLIGHT_PARTNER_PENDING_LIMIT", 100)?;
        if partner_pending_limit < 1 {
            bail!("GREENLIGHT_PARTNER_PENDING_LIMIT must be 1 or more");
        }
        let default_workers = std::thread::available_parallelism().map_or(2, usize::from);
        let defaults = ApiConfig::default();
        let trusted_proxies = greenlight_api::rate_limit::parse_trusted_proxies(
            &var("GREENLIGHT_TRUSTED_PROXIES").unwrap_or_default(),
        )
        .map_err(|error| anyhow::anyhow!("GREENLIGHT_TRUSTED_PROXIES: {error}"))?;
        let failure_window_minutes: u64 = parsed("GREENLIGHT_SIGN_IN_FAILURE_WINDOW_MINUTES", 15)?;
        let public_url = var("GREENLIGHT_PUBLIC_URL")
            .map(|raw| {
                let url = url::Url::parse(raw.trim())
                    .map_err(|error| anyhow::anyhow!("GREENLIGHT_PUBLIC_URL={raw:?}: {error}"))?;
                if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
                    bail!("GREENLIGHT_PUBLIC_URL must be an absolute http(s) URL, such as https://greenlight.example.org");
                }
                Ok(raw.trim().trim_end_matches('/').to_owned())
            })
            .transpose()?;
        let defaults_public_url = public_url.clone().unwrap_or(defaults.public_url.clone());
        Ok(Config {
            public_url,
            mail: MailConfig {
                smtp_url: var("GREENLIGHT_SMTP_URL"),
                from: var("GREENLIGHT_MAIL_FROM")
                    .unwrap_or_else(|| "Greenlight <greenlight@localhost>".to_owned()),
                connections: parsed("GREENLIGHT_SMTP_CONNECTIONS", 8)?,
            },
            database,
            data_dir,
            jwt_ttl: Duration::from_secs(jwt_minutes * 60),
            pool_size: parsed("GREENLIGHT_DB_POOL_SIZE", 16)?,
            workers: parsed("GREENLIGHT_WORKERS", default_workers)?,
            shutdown_drain_delay: Duration::from_secs(parsed(
                "GREENLIGHT_SHUTDOWN_DRAIN_SECONDS",
                0,
            )?),
            api: ApiConfig {
                cors_origins: var("GREENLIGHT_CORS_ORIGINS")
                    .map(|raw| {
                        raw.split(',')
                            .map(|origin| origin.trim().to_owned())
                            .filter(|origin| !origin.is_empty())
                            .collect()
                    })
                    .unwrap_or_default(),
                auth_requests_per_minute: parsed(
                    "GREENLIGHT_AUTH_RATE_PER_MINUTE",
                    defaults.auth_requests_per_minute,
                )?,
                auth_burst: parsed("GREENLIGHT_AUTH_BURST", defaults.auth_burst)?,
                trusted_proxies,
                sign_in_failure_limit: parsed(
                    "GREENLIGHT_SIGN_IN_FAILURE_LIMIT",
                    defaults.sign_in_failure_limit,
                )?,
                sign_in_failure_window: Duration::from_secs(failure_window_minutes * 60),
                subscribe_requests_per_hour: parsed(
                    "GREENLIGHT_SUBSCRIBE_RATE_PER_HOUR",
                    defaults.subscribe_requests_per_hour,
                )?,
                subscribe_burst: parsed("GREENLIGHT_SUBSCRIBE_BURST", defaults.subscribe_burst)?,
                hashing_concurrency: parsed(
                    "GREENLIGHT_HASHING_CONCURRENCY",
                    defaults.hashing_concurrency,
                )?,
                hashing_queue: parsed("GREENLIGHT_HASHING_QUEUE", defaults.hashing_queue)?,
                fiscal_year_start_month,
                partner_pending_limit,
                public_url: defaults_public_url,
                webhook_allow_private: parsed("GREENLIGHT_WEBHOOK_ALLOW_PRIVATE", false)?,
            },
        })
    }

    /// The signing secret: `GREENLIGHT_JWT_SECRET`, or one generated on first
    /// start and kept in the data folder (readable by the owner only), so
    /// restarts keep tokens valid. There is no built-in default.
    pub fn jwt_secret(&self) -> anyhow::Result<Vec<u8>> {
        if let Some(secret) = var("GREENLIGHT_JWT_SECRET") {
            if secret.len() < 32 {
                bail!("GREENLIGHT_JWT_SECRET must be at least 32 characters");
            }
            return Ok(secret.into_bytes());
        }
        let path = self.data_dir.join("jwt-secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            return Ok(existing.trim().as_bytes().to_vec());
        }
        std::fs::create_dir_all(&self.data_dir)
            .with_context(|| format!("creating {}", self.data_dir.display()))?;
        let secret = greenlight_api::auth::personal_token::generate();
        write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
        tracing::warn!(
            path = %path.display(),
            "GREENLIGHT_JWT_SECRET is not set; generated a secret and stored it in the data folder"
        );
        Ok(secret.into_bytes())
    }
}

#[cfg(unix)]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(contents.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)
}
