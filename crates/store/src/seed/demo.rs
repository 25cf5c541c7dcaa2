//! The demo: the association's whole product as a newcomer should first see
//! it, from the data files in `crates/store/data/`, each read by the loader
//! of its resource in this folder. Every date is a number of days from the
//! day of loading, so the demo never goes stale; the people and companies
//! are illustrative and say so in their names.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use greenlight_domain::{Role, Slug};

use super::{accounts, companies, demo_catalogue, invalid_data, listings, mentorship};
use super::{postings, series, survey};
use crate::error::StoreResult;
use crate::users::User;
use crate::{AnyConnection, StoreError, programs};

/// An account whose password the demo publishes, to print for the newcomer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoAccount {
    pub email: String,
    pub password: String,
    pub role: Role,
    pub display_name: String,
}

/// The survey's respondents: numbered accounts sharing one password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoRespondents {
    pub count: usize,
    pub first_email: String,
    pub last_email: String,
    pub password: String,
}

/// How much of each resource the demo holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DemoCounts {
    pub programs: usize,
    pub pending_listings: usize,
    pub open_cycles: usize,
    pub closed_cycles: usize,
    pub applications: usize,
    pub companies: usize,
    pub representatives: usize,
    pub public_profiles: usize,
    pub postings: usize,
    pub interests: usize,
    pub modules: usize,
    pub events: usize,
    pub registrations: usize,
    pub survey_responses: usize,
}

/// What was loaded, and how to sign in to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoWorld {
    pub accounts: Vec<DemoAccount>,
    pub respondents: DemoRespondents,
    pub counts: DemoCounts,
}

impl DemoWorld {
    /// The demo's staff account (the first one of the data file).
    pub fn staff(&self) -> Option<&DemoAccount> {
        self.accounts
            .iter()
            .find(|account| account.role == Role::Staff)
    }
}

/// Every data file, parsed before anything is written.
struct DemoData {
    accounts: accounts::AccountsFile,
    listings: listings::ListingsFile,
    companies: companies::CompaniesFile,
    mentorship: mentorship::MentorshipFile,
    series: series::SeriesFile,
    postings: postings::PostingsFile,
    survey: survey::SurveyFile,
}

impl DemoData {
    fn parse() -> StoreResult<Self> {
        Ok(DemoData {
            accounts: accounts::parse()?,
            listings: listings::parse()?,
            companies: companies::parse()?,
            mentorship: mentorship::parse()?,
            series: series::parse()?,
            postings: postings::parse()?,
            survey: survey::parse()?,
        })
    }

    fn passwords(&self) -> BTreeSet<&str> {
        self.accounts
            .accounts
            .iter()
            .map(|account| account.password.as_str())
            .chain([self.survey.respondent_password.as_str()])
            .collect()
    }
}

/// The id of a demo account, for the loaders that link to people by email.
pub(super) fn user_id<'a>(users: &'a HashMap<String, User>, email: &str) -> StoreResult<&'a str> {
    users
        .get(email)
        .map(|user| user.id.as_str())
        .ok_or_else(|| invalid_data(format!("no demo account {email}")))
}

/// The id of a demo company, for the loaders that link to companies by name.
pub(super) fn company_id<'a>(
    companies: &'a HashMap<String, String>,
    name: &str,
) -> StoreResult<&'a str> {
    companies
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| invalid_data(format!("no demo company {name}")))
}

/// The id of a program of the demo catalogue, named by its title.
pub(super) fn program_id(conn: &mut AnyConnection, title: &str) -> StoreResult<String> {
    programs::find(conn, Slug::from_title(title).as_str())
        .map(|program| program.id)
        .map_err(|_| invalid_data(format!("no demo program titled {title}")))
}

/// Loads the whole demo, in one transaction, into a database the caller
/// has found empty. Passwords are hashed by `hash_password` (the API's
/// password hashing, which this crate does not own) before the transaction
/// starts, each distinct one once.
pub fn demo<E: From<StoreError>>(
    conn: &mut AnyConnection,
    today: NaiveDate,
    hash_password: impl Fn(&str) -> Result<String, E>,
) -> Result<DemoWorld, E> {
    let data = DemoData::parse()?;
    let hashes = data
        .passwords()
        .into_iter()
        .map(|password| Ok((password.to_owned(), hash_password(password)?)))
        .collect::<Result<HashMap<_, _>, E>>()?;
    let counts = crate::transaction(conn, |conn| load(conn, &data, &hashes, today))?;
    let respondents = survey::respondents(&data.survey);
    Ok(DemoWorld {
        accounts: data
            .accounts
            .accounts
            .iter()
            .map(|account| DemoAccount {
                email: account.email.clone(),
                password: account.password.clone(),
                role: account.role,
                display_name: account.display_name.clone(),
            })
            .collect(),
        respondents: DemoRespondents {
            count: respondents,
            first_email: survey::respondent_email(1),
            last_email: survey::respondent_email(respondents),
            password: data.survey.respondent_password.clone(),
        },
        counts,
    })
}

fn load(
    conn: &mut AnyConnection,
    data: &DemoData,
    hashes: &HashMap<String, String>,
    today: NaiveDate,
) -> StoreResult<DemoCounts> {
    let users = accounts::load(conn, &data.accounts, hashes, today)?;
    let staff = data
        .accounts
        .accounts
        .iter()
        .find(|account| account.role == Role::Staff)
        .map(|account| user_id(&users, &account.email))
        .transpose()?;
    let programs = demo_catalogue(conn, staff, today)?;
    let pending_listings = listings::load(conn, &data.listings, &users, today)?;
    let companies = companies::load(conn, &data.companies, &users, today)?;
    let mentorship = mentorship::load(conn, &data.mentorship, &users, &companies.ids, today)?;
    let series = series::load(conn, &data.series, &users, today)?;
    let postings = postings::load(conn, &data.postings, &users, &companies.ids, today)?;
    let survey_responses = survey::load(conn, &data.survey, hashes)?;
    Ok(DemoCounts {
        programs,
        pending_listings,
        open_cycles: mentorship.open_cycles,
        closed_cycles: mentorship.closed_cycles,
        applications: mentorship.applications,
        companies: companies.ids.len(),
        representatives: companies.representatives,
        public_profiles: data.accounts.public_profiles(),
        postings: postings.postings,
        interests: postings.interests,
        modules: series.modules,
        events: series.events,
        registrations: series.registrations,
        survey_responses,
    })
}
