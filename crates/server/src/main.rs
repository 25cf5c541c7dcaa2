//! The `greenlight` command: serve the API, migrate, manage users, seed data
//! and print the OpenAPI document.

mod config;
mod demo;
mod logging;

use std::io::Write;
use std::net::TcpListener;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use greenlight_api::notifications::mailer::Mailer;
use greenlight_api::notifications::worker::{Worker, WorkerSettings};
use greenlight_api::read_model::ReadModel;
use greenlight_api::{ApiConfig, AppState, JwtKeys};
use greenlight_domain::{Email, Role};
use greenlight_store::connection::PoolOptions;
use greenlight_store::{DatabaseUrl, Pool, backup, migrations, users};

use crate::config::Config;

const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// jemalloc gives freed memory back to the system: under glibc's malloc every
/// thread that ever hashed a password kept its 19 MiB (bench/RESULTS.md,
/// "Login storm", has the figures for glibc, mimalloc and jemalloc).
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[derive(Debug, Parser)]
#[command(
    name = "greenlight",
    version,
    about = "Professional development and mentorship API"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Apply pending migrations, then serve the API.
    Serve {
        #[arg(long, env = "GREENLIGHT_BIND", default_value = DEFAULT_BIND)]
        bind: String,
        /// Load the demo into an empty database and print its accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Manage users.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Print a fresh access token for a user (for scripts).
    Token {
        #[arg(long)]
        email: String,
    },
    /// Load data into the database.
    Seed {
        #[command(subcommand)]
        dataset: Dataset,
    },
    /// Deliver due messages and run due scheduled jobs: once and exit with
    /// `--once` (for cron and scripts), else for as long as it runs.
    Work {
        #[arg(long)]
        once: bool,
        /// With `--once`: run as if it were this time (RFC 3339, such as
        /// `2027-01-25T09:00:00Z`), to see what reminders a later day sends.
        #[arg(long, requires = "once", value_name = "TIME")]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Receive mail over SMTP on a local port without delivering it: each
    /// message is written to DIR as an `.eml` file, with its text in a
    /// `.txt` beside it (for a server started with
    /// `GREENLIGHT_SMTP_URL=smtp://ADDRESS`).
    MailSink {
        #[arg(long, default_value = "127.0.0.1:1025")]
        bind: String,
        #[arg(long, value_name = "DIR")]
        dir: PathBuf,
    },
    /// Print the OpenAPI document.
    Openapi,
    /// Write a consistent copy of the SQLite database to a new file, while
    /// the server keeps running (PostgreSQL: use pg_dump).
    Backup {
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Restore a backup into the database `DATABASE_URL` names, which must
    /// not exist yet or be empty, then migrate it (PostgreSQL: use pg_restore).
    Restore {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create a user.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long, env = "GREENLIGHT_USER_PASSWORD", hide_env_values = true)]
        password: String,
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        name: Option<String>,
    },
    /// Disable a user: signing in is refused and every token already issued
    /// stops working at once (`PATCH /users/{id}` with `disabled` undoes it).
    Disable {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
enum Dataset {
    /// The demo (into an empty database): the catalogue, mentorship cycles,
    /// companies, people, postings, the module series and a survey, with a
    /// staff personal API token.
    Demo,
    /// Generated programs for benchmarks; the same seed gives the same
    /// catalogue (dates are relative to today).
    Synthetic {
        /// How many programs to generate.
        #[arg(long)]
        programs: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

fn parse_role(raw: &str) -> Result<Role, String> {
    raw.parse()
        .map_err(|e: greenlight_domain::ValueError| e.message)
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if let Command::Openapi = cli.command {
        let document = greenlight_api::openapi::document();
        print!("{}", greenlight_api::openapi::to_pretty_json(&document));
        return Ok(());
    }
    logging::init();
    if let Command::MailSink { bind, dir } = &cli.command {
        return mail_sink(bind, dir);
    }
    let config = Config::from_env()?;
    match cli.command {
        Command::Openapi | Command::MailSink { .. } => Ok(()),
        Command::Migrate => {
            open_database(&config)?;
            Ok(())
        }
        Command::Serve { bind, demo } => serve(&config, &bind, demo),
        Command::Work { once, now } => work(&config, once, now),
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    password,
                    role,
                    name,
                },
        } => {
            let pool = open_database(&config)?;
            let user = add_user(&pool, &email, &password, role, name.as_deref())?;
            println!("created {} ({}) with id {}", user.email, user.role, user.id);
            Ok(())
        }
        Command::User {
            command: UserCommand::Disable { email },
        } => {
            let pool = open_database(&config)?;
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email {}", e))?;
            let mut conn = pool.get()?;
            let user = users::find_by_email(&mut conn, &email)
                .with_context(|| format!("no user with email {email}"))?;
            let user = users::set_disabled(&mut conn, &user.id, true)?;
            println!(
                "disabled {} ({}) with id {}",
                user.email, user.role, user.id
            );
            Ok(())
        }
        Command::Token { email } => {
            let pool = open_database(&config)?;
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email {}", e))?;
            let mut conn = pool.get()?;
            let user = users::find_by_email(&mut conn, &email)
                .with_context(|| format!("no user with email {email}"))?;
            anyhow::ensure!(
                !user.disabled,
                "{email} is disabled: a token for it would be refused"
            );
            let token = jwt_keys(&config)?
                .issue(&user.id, user.sign_in_generation)
                .map_err(to_anyhow)?;
            println!("{token}");
            Ok(())
        }
        Command::Backup { to } => {
            let pool = connect(&config)?;
            backup::backup(&mut *pool.get()?, &to)?;
            println!(
                "Backed up {} to {}.",
                config.database.redacted(),
                to.display()
            );
            Ok(())
        }
        Command::Restore { from } => {
            let DatabaseUrl::Sqlite(target) = &config.database else {
                return Err(backup::BackupError::Postgres.into());
            };
            backup::restore(&from, target)?;
            open_database(&config)?;
            println!(
                "Restored {} into {}.",
                from.display(),
                config.database.redacted()
            );
            Ok(())
        }
        Command::Seed {
            dataset: Dataset::Demo,
        } => {
            let pool = open_database(&config)?;
            let loaded = demo::load(&pool)?;
            let base = default_bind()
                .parse()
                .map_or_else(|_| format!("http://{}", default_bind()), demo::reachable);
            print!("{}", demo::report(loaded.as_ref(), &base));
            Ok(())
        }
        Command::Seed {
            dataset: Dataset::Synthetic { programs, seed },
        } => {
            let pool = open_database(&config)?;
            let started = std::time::Instant::now();
            let made = greenlight_store::seed::synthetic(
                &mut *pool.get()?,
                programs,
                seed,
                chrono::Utc::now().date_naive(),
            )?;
            println!(
                "Generated {made} programs (seed {seed}) in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
    }
}

fn to_anyhow(error: greenlight_api::ApiError) -> anyhow::Error {
    anyhow::anyhow!("{error}")
}

fn jwt_keys(config: &Config) -> anyhow::Result<JwtKeys> {
    JwtKeys::new(&config.jwt_secret()?, config.jwt_ttl).map_err(anyhow::Error::from)
}

fn connect(config: &Config) -> anyhow::Result<Pool> {
    Ok(greenlight_store::connect_pool(
        &config.database,
        &PoolOptions {
            max_size: config.pool_size,
            ..PoolOptions::default()
        },
    )?)
}

/// Connects and migrates: every command that changes data starts here.
fn open_database(config: &Config) -> anyhow::Result<Pool> {
    let pool = connect(config)?;
    let mut conn = pool.get()?;
    let applied = migrations::run_pending(&mut conn)?;
    tracing::info!(
        database = %config.database.redacted(),
        applied = applied.len(),
        "database ready"
    );
    Ok(pool)
}

fn add_user(
    pool: &Pool,
    email: &str,
    password: &str,
    role: Role,
    name: Option<&str>,
) -> anyhow::Result<users::User> {
    let email = Email::parse(email).map_err(|e| anyhow::anyhow!("--email {}", e))?;
    let display_name = name.map_or_else(
        || {
            email
                .as_str()
                .split('@')
                .next()
                .unwrap_or_default()
                .to_owned()
        },
        str::to_owned,
    );
    greenlight_api::auth::password::check_policy(password, &[email.as_str(), &display_name])
        .map_err(|message| anyhow::anyhow!("--password {message}"))?;
    let mut conn = pool.get()?;
    greenlight_api::accounts::create_user(&mut conn, &email, password, &display_name, role)
        .map_err(to_anyhow)
}

/// The worker, with a mailer when `GREENLIGHT_SMTP_URL` is set.
fn worker(
    config: &Config,
    pool: &Pool,
    api: &ApiConfig,
    read_model: std::sync::Arc<ReadModel>,
) -> anyhow::Result<Worker> {
    let mailer = config
        .mail
        .smtp_url
        .as_deref()
        .map(|url| {
            Mailer::new(
                url,
                &config.mail.from,
                &api.links(),
                config.mail.connections,
            )
        })
        .transpose()?;
    let settings = WorkerSettings {
        concurrency: usize::try_from(config.mail.connections).unwrap_or(1),
        ..WorkerSettings::default()
    };
    Ok(Worker::new(
        pool.clone(),
        api.clone(),
        read_model,
        mailer,
        settings,
    ))
}

fn work(
    config: &Config,
    once: bool,
    now: Option<chrono::DateTime<chrono::Utc>>,
) -> anyhow::Result<()> {
    let pool = open_database(config)?;
    let mut api = config.api.clone();
    if let Some(public_url) = &config.public_url {
        api.public_url.clone_from(public_url);
    }
    let read_model = std::sync::Arc::new(ReadModel::new().map_err(to_anyhow)?);
    actix_web::rt::System::new().block_on(async move {
        // Made on the runtime: lettre's connection pool starts a task on it.
        let worker = worker(config, &pool, &api, read_model)?;
        if !once {
            worker.run_forever().await;
            return Ok(());
        }
        if config.mail.smtp_url.is_none() {
            tracing::warn!("GREENLIGHT_SMTP_URL is not set: messages stay queued");
        }
        let delivered = worker
            .run_once(now.unwrap_or_else(greenlight_store::ids::now))
            .await
            .map_err(to_anyhow)?;
        println!(
            "Sent {} messages; {} failed and wait for a retry; {} given up.",
            delivered.sent, delivered.failed, delivered.dead
        );
        anyhow::Ok(())
    })
}

/// Serves SMTP on `bind` until stopped, writing each message into `dir`.
fn mail_sink(bind: &str, dir: &std::path::Path) -> anyhow::Result<()> {
    let mailbox = greenlight_mail_sink::Directory::open(dir)
        .with_context(|| format!("opening {}", dir.display()))?;
    let listener = TcpListener::bind(bind).with_context(|| format!("binding {bind}"))?;
    let server = greenlight_mail_sink::SmtpServer::start(listener, std::sync::Arc::new(mailbox))?;
    println!(
        "Receiving mail on smtp://{}, writing each message to {} as .eml and .txt files (Ctrl-C stops)",
        server.address(),
        dir.display()
    );
    std::io::stdout().flush()?;
    loop {
        std::thread::park();
    }
}

/// Where `serve` listens unless told otherwise, as its `--bind` reads it.
fn default_bind() -> String {
    std::env::var("GREENLIGHT_BIND").unwrap_or_else(|_| DEFAULT_BIND.to_owned())
}

/// Binds first, so that what it prints names the port it really has (with
/// `--bind 127.0.0.1:0`, the one the system chose).
fn serve(config: &Config, bind: &str, load_demo: bool) -> anyhow::Result<()> {
    let pool = open_database(config)?;
    let listener = TcpListener::bind(bind).with_context(|| format!("binding {bind}"))?;
    let address = listener.local_addr()?;
    let base = demo::reachable(address);
    if load_demo {
        if !address.ip().is_loopback() {
            tracing::warn!(%address, "the demo's passwords are public; this server is reachable from other machines");
        }
        let loaded = demo::load(&pool)?;
        print!("{}", demo::report(loaded.as_ref(), &base));
    }
    println!("Serving on {base}");
    std::io::stdout().flush()?;
    let read_model = std::sync::Arc::new(ReadModel::new().map_err(to_anyhow)?);
    let mut api = config.api.clone();
    api.public_url = config.public_url.clone().unwrap_or_else(|| base.clone());
    let worker_api = api.clone();
    let worker_pool = pool.clone();
    let state = AppState::new(pool, jwt_keys(config)?, api, read_model.clone());
    tracing::info!(%address, "listening");
    let drain_delay = config.shutdown_drain_delay;
    actix_web::rt::System::new().block_on(async move {
        // Made on the runtime: lettre's connection pool starts a task on it.
        let worker = worker(config, &worker_pool, &worker_api, read_model)?;
        let server = greenlight_api::serve(listener, state.clone(), config.workers)?;
        actix_web::rt::spawn(worker.run_forever());
        let stopping = actix_web::rt::spawn(greenlight_api::app::stop_on_signal(
            server.handle(),
            state,
            drain_delay,
        ));
        server.await?;
        stopping.abort();
        anyhow::Ok(())
    })?;
    tracing::info!("stopped");
    Ok(())
}
