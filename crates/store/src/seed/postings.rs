//! Mentorship opportunities the illustrative companies post, and interest
//! mentees have shown in them (`data/demo-postings.json`).

use std::collections::HashMap;

use chrono::NaiveDate;
use greenlight_domain::Province;
use serde::Deserialize;

use super::demo::{company_id, program_id, user_id};
use super::{days_from, parse_data};
use crate::AnyConnection;
use crate::error::StoreResult;
use crate::postings::{self, PostingFields};
use crate::users::User;

const DATA: &str = include_str!("../../data/demo-postings.json");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PostingsFile {
    postings: Vec<DemoPosting>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPosting {
    company: String,
    /// The representative who posts it.
    by: String,
    title: String,
    /// The title of the demo program the placement would be applied to.
    program: Option<String>,
    description: String,
    province: Province,
    genres: Vec<String>,
    remote_ok: bool,
    closes_in_days: i64,
    interests: Vec<DemoInterest>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoInterest {
    from: String,
    message: String,
}

pub(super) fn parse() -> StoreResult<PostingsFile> {
    parse_data("demo-postings.json", DATA)
}

/// How many postings and interests were created.
#[derive(Default)]
pub(super) struct Postings {
    pub(super) postings: usize,
    pub(super) interests: usize,
}

pub(super) fn load(
    conn: &mut AnyConnection,
    file: &PostingsFile,
    users: &HashMap<String, User>,
    companies: &HashMap<String, String>,
    today: NaiveDate,
) -> StoreResult<Postings> {
    let mut loaded = Postings::default();
    for posting in &file.postings {
        let company_id = company_id(companies, &posting.company)?;
        let program_id = posting
            .program
            .as_deref()
            .map(|title| program_id(conn, title))
            .transpose()?;
        let created = postings::create(
            conn,
            company_id,
            user_id(users, &posting.by)?,
            &PostingFields {
                title: posting.title.clone(),
                description: posting.description.clone(),
                program_id,
                province: posting.province,
                genres: posting.genres.clone(),
                remote_ok: posting.remote_ok,
                closes_on: days_from(today, posting.closes_in_days),
            },
        )?;
        loaded.postings += 1;
        for interest in &posting.interests {
            postings::add_interest(
                conn,
                &created.id,
                user_id(users, &interest.from)?,
                &interest.message,
            )?;
            loaded.interests += 1;
        }
    }
    Ok(loaded)
}
