//! `greenlight seed demo` and `serve --demo`: load the demo into an empty
//! database and tell the newcomer how to sign in to it.

use std::fmt::Write as _;
use std::net::SocketAddr;

use anyhow::Context;
use greenlight_api::auth::{password, personal_token};
use greenlight_store::seed::DemoWorld;
use greenlight_store::{Pool, api_tokens, programs, users};

/// The demo as loaded, with a personal API token for its staff account.
pub struct LoadedDemo {
    world: DemoWorld,
    staff_token: String,
}

/// Loads the demo when the database holds neither users nor programs
/// (`None` otherwise): existing data is never mixed with it.
pub fn load(pool: &Pool) -> anyhow::Result<Option<LoadedDemo>> {
    let mut conn = pool.get()?;
    if users::count(&mut conn)? > 0 || programs::count(&mut conn)? > 0 {
        return Ok(None);
    }
    let world = greenlight_store::seed::demo(
        &mut conn,
        chrono::Utc::now().date_naive(),
        |plain: &str| -> anyhow::Result<String> {
            password::check_policy(plain, &[])
                .map_err(|message| anyhow::anyhow!("a demo password {message}"))?;
            password::hash(plain).map_err(|error| anyhow::anyhow!("{error}"))
        },
    )?;
    let staff = world
        .staff()
        .context("the demo data has no staff account")?;
    let staff_id = users::find_by_email(
        &mut conn,
        &greenlight_domain::Email::parse(&staff.email).map_err(|e| anyhow::anyhow!("{e}"))?,
    )?
    .id;
    let staff_token = personal_token::generate();
    api_tokens::create(
        &mut conn,
        &staff_id,
        "demo",
        &personal_token::digest(&staff_token),
        None,
    )?;
    Ok(Some(LoadedDemo { world, staff_token }))
}

/// The address a client on this machine reaches the server at: the bound
/// port, and the loopback address when the server listens on all of them.
pub fn reachable(bound: SocketAddr) -> String {
    let mut address = bound;
    if address.ip().is_unspecified() {
        address.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
    }
    format!("http://{address}")
}

/// What `seed demo` and `serve --demo` print: what was loaded, every demo
/// account with its password, and requests to try against `base`.
pub fn report(loaded: Option<&LoadedDemo>, base: &str) -> String {
    let Some(LoadedDemo {
        world,
        staff_token: token,
    }) = loaded
    else {
        return "The database already holds data, so the demo was not loaded. A demo loaded \
                earlier keeps the passwords of crates/store/data/demo-accounts.json.\n"
            .to_owned();
    };
    let c = &world.counts;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Demo loaded. Its people and companies are illustrative, its dates count from today, \
         and its passwords are published (crates/store/data/): keep this server to yourself."
    );
    for (what, how_many) in [
        (
            "programs",
            format!(
                "{} published, {} waiting for review",
                c.programs, c.pending_listings
            ),
        ),
        (
            "mentorship cycles",
            format!(
                "{} open, {} closed; {} joint applications",
                c.open_cycles, c.closed_cycles, c.applications
            ),
        ),
        (
            "member companies",
            format!(
                "{}, with {} representatives",
                c.companies, c.representatives
            ),
        ),
        ("mentee profiles", format!("{} public", c.public_profiles)),
        (
            "postings",
            format!(
                "{}, with {} expressions of interest",
                c.postings, c.interests
            ),
        ),
        (
            "module series",
            format!(
                "{} modules, {} events, {} registrations",
                c.modules, c.events, c.registrations
            ),
        ),
        ("skills survey", format!("{} responses", c.survey_responses)),
    ] {
        let _ = writeln!(out, "  {what:<18} {how_many}");
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Demo accounts (role, email, password):");
    for account in &world.accounts {
        let _ = writeln!(
            out,
            "  {:<11} {:<36} {}",
            account.role.as_str(),
            account.email,
            account.password
        );
    }
    let respondents = &world.respondents;
    let _ = writeln!(
        out,
        "  {:<11} {} to {} ({} survey respondents), all {}",
        "individual",
        respondents.first_email,
        respondents.last_email,
        respondents.count,
        respondents.password
    );
    let _ = writeln!(
        out,
        "\nStaff personal API token (valid until revoked): {token}"
    );
    let _ = writeln!(out, "\nTry:");
    let _ = writeln!(
        out,
        "  curl -H 'Authorization: Bearer {token}' {base}/api/v1/me"
    );
    let _ = writeln!(
        out,
        "  curl '{base}/api/v1/programs?q=mentorship&region=national'"
    );
    let _ = writeln!(out, "  curl '{base}/api/v1/cycles?status=open'");
    let _ = writeln!(out, "  open {base}/docs/ for the interactive documentation");
    out
}
