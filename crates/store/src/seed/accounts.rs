//! Demo accounts (`data/demo-accounts.json`): staff, a partner, company
//! representatives and mentees with the profiles the rules read.

use std::collections::HashMap;

use chrono::{Months, NaiveDate};
use greenlight_domain::{Email, Locale, Profile, Role};
use serde::Deserialize;

use super::{days_from, invalid_data, parse_data};
use crate::error::StoreResult;
use crate::users::{self, NewUser, User};
use crate::{AnyConnection, profiles};

const DATA: &str = include_str!("../../data/demo-accounts.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AccountsFile {
    pub(super) accounts: Vec<Account>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Account {
    pub(super) email: String,
    pub(super) password: String,
    pub(super) role: Role,
    pub(super) display_name: String,
    profile: Option<DemoProfile>,
}

/// A profile whose birth date is given as an age on the day of loading, so
/// that the mentees stay as old as the data says.
#[derive(Deserialize)]
struct DemoProfile {
    age: u32,
    #[serde(flatten)]
    profile: Profile,
}

impl AccountsFile {
    /// How many mentees list themselves in the mentee directory.
    pub(super) fn public_profiles(&self) -> usize {
        self.accounts
            .iter()
            .filter(|account| account.profile.as_ref().is_some_and(|p| p.profile.public))
            .count()
    }
}

pub(super) fn parse() -> StoreResult<AccountsFile> {
    parse_data("demo-accounts.json", DATA)
}

/// A birthday two months past, `age` years ago.
pub(super) fn born(age: u32, today: NaiveDate) -> NaiveDate {
    let birthday = today
        .checked_sub_months(Months::new(age.saturating_mul(12)))
        .unwrap_or(today);
    days_from(birthday, -60)
}

/// Creates the user with a password already hashed.
pub(super) fn create_user(
    conn: &mut AnyConnection,
    email: &str,
    password_hash: &str,
    display_name: &str,
    role: Role,
) -> StoreResult<User> {
    let email = Email::parse(email).map_err(|e| invalid_data(format!("{email}: {e}")))?;
    users::create(
        conn,
        NewUser {
            email: &email,
            password_hash,
            display_name,
            role,
            locale: Locale::En,
        },
    )
}

/// Creates every account and profile; returns the users by email.
pub(super) fn load(
    conn: &mut AnyConnection,
    file: &AccountsFile,
    hashes: &HashMap<String, String>,
    today: NaiveDate,
) -> StoreResult<HashMap<String, User>> {
    let mut created = HashMap::new();
    for account in &file.accounts {
        let hash = hashes
            .get(&account.password)
            .ok_or_else(|| invalid_data(format!("no password hash for {}", account.email)))?;
        let user = create_user(
            conn,
            &account.email,
            hash,
            &account.display_name,
            account.role,
        )?;
        if let Some(demo) = &account.profile {
            let profile = Profile {
                display_name: account.display_name.clone(),
                birth_date: Some(born(demo.age, today)),
                ..demo.profile.clone()
            };
            profiles::save(conn, &user.id, &profile)?;
        }
        created.insert(account.email.clone(), user);
    }
    Ok(created)
}
