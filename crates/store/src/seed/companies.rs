//! Illustrative member companies and their representatives
//! (`data/demo-companies.json`), one of them with a lapsed membership so that
//! the directory's filtering shows.

use std::collections::HashMap;

use chrono::NaiveDate;
use greenlight_domain::{Province, WebUrl};
use serde::Deserialize;

use super::demo::user_id;
use super::{days_from, invalid_data, parse_data};
use crate::AnyConnection;
use crate::companies::{self, CompanyFields};
use crate::error::StoreResult;
use crate::users::User;

const DATA: &str = include_str!("../../data/demo-companies.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CompaniesFile {
    companies: Vec<Company>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Company {
    name: String,
    province: Province,
    /// Negative for a membership that has lapsed.
    membership_days_left: i64,
    website: Option<String>,
    genres: Vec<String>,
    /// Emails of demo accounts.
    representatives: Vec<String>,
}

pub(super) fn parse() -> StoreResult<CompaniesFile> {
    parse_data("demo-companies.json", DATA)
}

/// What the later loaders need: company ids by name, and how many
/// representatives were linked.
pub(super) struct Companies {
    pub(super) ids: HashMap<String, String>,
    pub(super) representatives: usize,
}

pub(super) fn load(
    conn: &mut AnyConnection,
    file: &CompaniesFile,
    users: &HashMap<String, User>,
    today: NaiveDate,
) -> StoreResult<Companies> {
    let mut loaded = Companies {
        ids: HashMap::new(),
        representatives: 0,
    };
    for company in &file.companies {
        let website = company
            .website
            .as_deref()
            .map(|raw| WebUrl::parse(raw).map(|url| url.as_str().to_owned()))
            .transpose()
            .map_err(|e| invalid_data(format!("{}: website {e}", company.name)))?;
        let created = companies::create(
            conn,
            &CompanyFields {
                name: company.name.clone(),
                province: company.province,
                membership_expires_on: days_from(today, company.membership_days_left),
                website,
                genres: company.genres.clone(),
            },
        )?;
        for email in &company.representatives {
            companies::add_representative(conn, &created.id, user_id(users, email)?)?;
            loaded.representatives += 1;
        }
        loaded.ids.insert(company.name.clone(), created.id);
    }
    Ok(loaded)
}
