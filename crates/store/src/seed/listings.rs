//! Listings partners submitted that wait for staff review
//! (`data/demo-listings.json`), written like the catalogue's programs.

use std::collections::HashMap;

use chrono::NaiveDate;
use greenlight_domain::ProgramStatus;
use serde::Deserialize;

use super::demo::user_id;
use super::{DemoProgram, invalid_data, parse_data};
use crate::error::StoreResult;
use crate::programs::{self, NewProgram};
use crate::users::User;
use crate::{AnyConnection, providers};

const DATA: &str = include_str!("../../data/demo-listings.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListingsFile {
    listings: Vec<Listing>,
}

#[derive(Deserialize)]
struct Listing {
    /// The partner account that submitted it.
    submitted_by: String,
    #[serde(flatten)]
    program: DemoProgram,
}

pub(super) fn parse() -> StoreResult<ListingsFile> {
    parse_data("demo-listings.json", DATA)
}

/// Creates the listings, `pending`; returns how many.
pub(super) fn load(
    conn: &mut AnyConnection,
    file: &ListingsFile,
    users: &HashMap<String, User>,
    today: NaiveDate,
) -> StoreResult<usize> {
    let providers: HashMap<String, String> = providers::list(conn, None, 1000)?
        .into_iter()
        .map(|provider| (provider.name, provider.id))
        .collect();
    for listing in &file.listings {
        let program = &listing.program;
        let provider_id = providers
            .get(&program.provider)
            .ok_or_else(|| invalid_data(format!("no demo provider {}", program.provider)))?;
        programs::create(
            conn,
            &NewProgram {
                content: program.content(provider_id.clone(), today),
                slug: None,
                status: ProgramStatus::Pending,
                submitted_by: Some(user_id(users, &listing.submitted_by)?.to_owned()),
            },
        )?;
    }
    Ok(file.listings.len())
}
