//! The `greenlight` command: serve the API, migrate, manage users, seed data
//! and print the OpenAPI document.

mod config;
mod logging;

use std::io::Write;
use std::net::TcpListener;

use anyhow::Context;
use clap::{Parser, Subcommand};
use greenlight_api::read_model::ReadModel;
use greenlight_api::{AppState, JwtKeys};
use greenlight_domain::{Email, Role};
use greenlight_store::connection::PoolOptions;
use greenlight_store::{Pool, migrations, users};

use crate::config::Config;

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
        #[arg(long, env = "GREENLIGHT_BIND", default_value = "127.0.0.1:8080")]
        bind: String,
        /// Load the demo data into an empty database and print a staff token.
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
    /// Print the OpenAPI document.
    Openapi,
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
}

#[derive(Debug, Subcommand)]
enum Dataset {
    /// The demo data: a staff account with a personal API token and the demo
    /// program catalogue.
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
    let config = Config::from_env()?;
    match cli.command {
        Command::Openapi => Ok(()),
        Command::Migrate => {
            open_database(&config)?;
            Ok(())
        }
        Command::Serve { bind, demo } => serve(&config, &bind, demo),
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
        Command::Token { email } => {
            let pool = open_database(&config)?;
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email {}", e))?;
            let mut conn = pool.get()?;
            let user = users::find_by_email(&mut conn, &email)
                .with_context(|| format!("no user with email {email}"))?;
            println!("{}", jwt_keys(&config)?.issue(&user.id).map_err(to_anyhow)?);
            Ok(())
        }
        Command::Seed {
            dataset: Dataset::Demo,
        } => {
            let pool = open_database(&config)?;
            seed_demo(&pool)?;
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

/// Connects and migrates: every command that touches data starts here.
fn open_database(config: &Config) -> anyhow::Result<Pool> {
    let pool = greenlight_store::connect_pool(
        &config.database,
        &PoolOptions {
            max_size: config.pool_size,
            ..PoolOptions::default()
        },
    )?;
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
    greenlight_api::auth::password::check_policy(password)
        .map_err(|message| anyhow::anyhow!("--password {message}"))?;
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
    let mut conn = pool.get()?;
    greenlight_api::accounts::create_user(&mut conn, &email, password, &display_name, role)
        .map_err(to_anyhow)
}

const DEMO_STAFF_EMAIL: &str = "staff@greenlight.demo";

/// Creates the demo staff account if the database has no users yet and
/// prints a personal API token for it, then loads the demo catalogue if
/// there are no programs yet; existing data is left alone.
fn seed_demo(pool: &Pool) -> anyhow::Result<()> {
    let mut conn = pool.get()?;
    let mut out = std::io::stdout().lock();
    if users::count(&mut conn)? == 0 {
        let password = greenlight_api::auth::personal_token::generate();
        let staff = add_user(
            pool,
            DEMO_STAFF_EMAIL,
            &password,
            Role::Staff,
            Some("Demo Staff"),
        )?;
        let token = greenlight_api::auth::personal_token::generate();
        greenlight_store::api_tokens::create(
            &mut conn,
            &staff.id,
            "demo",
            &greenlight_api::auth::personal_token::digest(&token),
            None,
        )?;
        writeln!(out, "Demo data loaded.")?;
        writeln!(out, "  staff email:    {DEMO_STAFF_EMAIL}")?;
        writeln!(out, "  staff password: {password}")?;
        writeln!(out, "  staff token:    {token}")?;
        writeln!(
            out,
            "  try: curl -H 'Authorization: Bearer {token}' http://127.0.0.1:8080/api/v1/me"
        )?;
        writeln!(
            out,
            "       curl 'http://127.0.0.1:8080/api/v1/programs?q=mentorship&region=national'"
        )?;
    } else {
        writeln!(
            out,
            "The database already has users; demo staff account not created."
        )?;
    }
    if greenlight_store::programs::count(&mut conn)? > 0 {
        writeln!(
            out,
            "The database already has programs; demo catalogue not loaded."
        )?;
        return Ok(());
    }
    let staff_email = Email::parse(DEMO_STAFF_EMAIL).map_err(|e| anyhow::anyhow!("{e}"))?;
    let staff = users::find_by_email(&mut conn, &staff_email).ok();
    let loaded = greenlight_store::seed::demo_catalogue(
        &mut conn,
        staff.as_ref().map(|user| user.id.as_str()),
        chrono::Utc::now().date_naive(),
    )?;
    writeln!(out, "Demo catalogue loaded: {loaded} programs.")?;
    out.flush()?;
    Ok(())
}

fn serve(config: &Config, bind: &str, demo: bool) -> anyhow::Result<()> {
    let pool = open_database(config)?;
    if demo {
        seed_demo(&pool)?;
    }
    let state = AppState {
        pool,
        jwt: jwt_keys(config)?,
        config: config.api.clone(),
        read_model: std::sync::Arc::new(ReadModel::new().map_err(to_anyhow)?),
    };
    let listener = TcpListener::bind(bind).with_context(|| format!("binding {bind}"))?;
    tracing::info!(address = %listener.local_addr()?, "listening");
    actix_web::rt::System::new()
        .block_on(async move { greenlight_api::serve(listener, state, config.workers)?.await })?;
    tracing::info!("stopped");
    Ok(())
}
