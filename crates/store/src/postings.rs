use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::Province;

use crate::error::{StoreResult, decode};
use crate::ids::{new_id, now};
use crate::schema::{companies, posting_genres, posting_interests, postings, users};
use crate::{AnyConnection, StoreError};

/// A mentorship opportunity a member company offers, with the company's name
/// for display and its membership expiry for deciding who may see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Posting {
    pub id: String,
    pub company_id: String,
    pub company_name: String,
    pub company_membership_expires_on: NaiveDate,
    pub title: String,
    pub description: String,
    pub program_id: Option<String>,
    pub province: Province,
    pub genres: Vec<String>,
    pub remote_ok: bool,
    pub closes_on: NaiveDate,
    pub created_by: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Posting {
    /// Open through its closing date itself.
    pub fn is_open_on(&self, day: NaiveDate) -> bool {
        self.closes_on >= day
    }
}

#[derive(Queryable)]
struct PostingRow {
    id: String,
    company_id: String,
    title: String,
    description: String,
    program_id: Option<String>,
    province: String,
    remote_ok: bool,
    closes_on: NaiveDate,
    created_by: String,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl PostingRow {
    fn into_posting(self, company: CompanyColumns, genres: Vec<String>) -> StoreResult<Posting> {
        let (company_name, company_membership_expires_on) = company;
        Ok(Posting {
            province: decode(&self.province, "postings.province")?,
            id: self.id,
            company_id: self.company_id,
            company_name,
            company_membership_expires_on,
            title: self.title,
            description: self.description,
            program_id: self.program_id,
            genres,
            remote_ok: self.remote_ok,
            closes_on: self.closes_on,
            created_by: self.created_by,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

type CompanyColumns = (String, NaiveDate);

const COMPANY_COLUMNS: (companies::name, companies::membership_expires_on) =
    (companies::name, companies::membership_expires_on);

/// What a representative writes; the company is fixed at creation.
#[derive(Debug, Clone)]
pub struct PostingFields {
    pub title: String,
    pub description: String,
    pub program_id: Option<String>,
    pub province: Province,
    pub genres: Vec<String>,
    pub remote_ok: bool,
    pub closes_on: NaiveDate,
}

pub fn create(
    conn: &mut AnyConnection,
    company_id: &str,
    created_by: &str,
    fields: &PostingFields,
) -> StoreResult<Posting> {
    conn.transaction(|conn| {
        let id = new_id();
        let at = now().naive_utc();
        diesel::insert_into(postings::table)
            .values((
                postings::id.eq(&id),
                postings::company_id.eq(company_id),
                postings::title.eq(&fields.title),
                postings::description.eq(&fields.description),
                postings::program_id.eq(&fields.program_id),
                postings::province.eq(fields.province.as_str()),
                postings::remote_ok.eq(fields.remote_ok),
                postings::closes_on.eq(fields.closes_on),
                postings::created_by.eq(created_by),
                postings::created_at.eq(at),
                postings::updated_at.eq(at),
            ))
            .execute(conn)?;
        replace_genres(conn, &id, &fields.genres)?;
        find(conn, &id)
    })
}

/// Writes every field; the caller merges a partial update into the current
/// posting first.
pub fn update(conn: &mut AnyConnection, id: &str, fields: &PostingFields) -> StoreResult<Posting> {
    conn.transaction(|conn| {
        let updated = diesel::update(postings::table.find(id))
            .set((
                postings::title.eq(&fields.title),
                postings::description.eq(&fields.description),
                postings::program_id.eq(&fields.program_id),
                postings::province.eq(fields.province.as_str()),
                postings::remote_ok.eq(fields.remote_ok),
                postings::closes_on.eq(fields.closes_on),
                postings::updated_at.eq(now().naive_utc()),
            ))
            .execute(conn)?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        replace_genres(conn, id, &fields.genres)?;
        find(conn, id)
    })
}

/// Removes the posting with its genres and the interest shown in it.
pub fn delete(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    let deleted = diesel::delete(postings::table.find(id)).execute(conn)?;
    if deleted == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

fn replace_genres(conn: &mut AnyConnection, id: &str, genres: &[String]) -> StoreResult<()> {
    diesel::delete(posting_genres::table.filter(posting_genres::posting_id.eq(id)))
        .execute(conn)?;
    // One row at a time: batch inserts do not compile for `AnyConnection`.
    for genre in genres {
        diesel::insert_into(posting_genres::table)
            .values((
                posting_genres::posting_id.eq(id),
                posting_genres::genre.eq(genre),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Posting> {
    let (row, company): (PostingRow, CompanyColumns) = postings::table
        .inner_join(companies::table)
        .filter(postings::id.eq(id))
        .select((postings::all_columns, COMPANY_COLUMNS))
        .first(conn)?;
    let genres = genres_of(conn, std::slice::from_ref(&row.id))?;
    row.into_posting(company, genres.into_iter().map(|(_, g)| g).collect())
}

fn genres_of(conn: &mut AnyConnection, ids: &[String]) -> StoreResult<Vec<(String, String)>> {
    Ok(posting_genres::table
        .filter(posting_genres::posting_id.eq_any(ids))
        .order((posting_genres::posting_id, posting_genres::genre))
        .load(conn)?)
}

/// Which postings a list shows. The API decides who may widen it.
#[derive(Debug, Clone, Default)]
pub struct PostingFilter {
    pub province: Option<Province>,
    pub company_id: Option<String>,
    pub program_id: Option<String>,
    pub remote_ok: Option<bool>,
    /// Only postings still open on this day; `None` includes closed ones.
    pub open_on: Option<NaiveDate>,
    /// Only postings of companies whose membership is in good standing on
    /// this day, or of the companies listed; `None` shows every company's.
    pub members_on: Option<(NaiveDate, Vec<String>)>,
}

/// Postings by closing date, then id, after the `(closes_on, id)` of the last
/// one seen.
pub fn list(
    conn: &mut AnyConnection,
    filter: &PostingFilter,
    after: Option<(NaiveDate, &str)>,
    limit: i64,
) -> StoreResult<Vec<Posting>> {
    let mut query = postings::table
        .inner_join(companies::table)
        .select((postings::all_columns, COMPANY_COLUMNS))
        .into_boxed();
    if let Some(province) = filter.province {
        query = query.filter(postings::province.eq(province.as_str()));
    }
    if let Some(company_id) = &filter.company_id {
        query = query.filter(postings::company_id.eq(company_id.clone()));
    }
    if let Some(program_id) = &filter.program_id {
        query = query.filter(postings::program_id.eq(program_id.clone()));
    }
    if let Some(remote_ok) = filter.remote_ok {
        query = query.filter(postings::remote_ok.eq(remote_ok));
    }
    if let Some(day) = filter.open_on {
        query = query.filter(postings::closes_on.ge(day));
    }
    if let Some((day, represented)) = &filter.members_on {
        query = query.filter(
            companies::membership_expires_on
                .ge(*day)
                .or(postings::company_id.eq_any(represented.clone())),
        );
    }
    if let Some((closes_on, id)) = after {
        query = query.filter(
            postings::closes_on.gt(closes_on).or(postings::closes_on
                .eq(closes_on)
                .and(postings::id.gt(id.to_owned()))),
        );
    }
    let rows: Vec<(PostingRow, CompanyColumns)> = query
        .order((postings::closes_on.asc(), postings::id.asc()))
        .limit(limit)
        .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|(row, _)| row.id.clone()).collect();
    let genres = genres_of(conn, &ids)?;
    rows.into_iter()
        .map(|(row, company)| {
            let own = genres
                .iter()
                .filter(|(posting, _)| *posting == row.id)
                .map(|(_, genre)| genre.clone())
                .collect();
            row.into_posting(company, own)
        })
        .collect()
}

/// A candidate's answer to a posting, with the name on their account.
#[derive(Debug, Clone, PartialEq)]
pub struct Interest {
    pub id: String,
    pub posting_id: String,
    pub user_id: String,
    pub display_name: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

type InterestRow = (String, String, String, String, String, NaiveDateTime);

fn interest_from(
    (id, posting_id, user_id, display_name, message, created_at): InterestRow,
) -> Interest {
    Interest {
        id,
        posting_id,
        user_id,
        display_name,
        message,
        created_at: created_at.and_utc(),
    }
}

const INTEREST_COLUMNS: (
    posting_interests::id,
    posting_interests::posting_id,
    posting_interests::user_id,
    users::display_name,
    posting_interests::message,
    posting_interests::created_at,
) = (
    posting_interests::id,
    posting_interests::posting_id,
    posting_interests::user_id,
    users::display_name,
    posting_interests::message,
    posting_interests::created_at,
);

/// Records the user's interest; a second one for the same posting is
/// [`StoreError::Conflict`]. The insert runs in a savepoint so that, inside a
/// caller's transaction, the refusal does not abort it on PostgreSQL.
pub fn add_interest(
    conn: &mut AnyConnection,
    posting_id: &str,
    user_id: &str,
    message: &str,
) -> StoreResult<Interest> {
    let id = new_id();
    conn.transaction(|conn| {
        diesel::insert_into(posting_interests::table)
            .values((
                posting_interests::id.eq(&id),
                posting_interests::posting_id.eq(posting_id),
                posting_interests::user_id.eq(user_id),
                posting_interests::message.eq(message),
                posting_interests::created_at.eq(now().naive_utc()),
            ))
            .execute(conn)
            .map_err(StoreError::from)
    })?;
    let row: InterestRow = posting_interests::table
        .inner_join(users::table)
        .filter(posting_interests::id.eq(&id))
        .select(INTEREST_COLUMNS)
        .first(conn)?;
    Ok(interest_from(row))
}

/// The interest shown in a posting, oldest first, after the interest with id
/// `after`.
pub fn interests(
    conn: &mut AnyConnection,
    posting_id: &str,
    after: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<Interest>> {
    let mut query = posting_interests::table
        .inner_join(users::table)
        .filter(posting_interests::posting_id.eq(posting_id.to_owned()))
        .select(INTEREST_COLUMNS)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(posting_interests::id.gt(after.to_owned()));
    }
    let rows: Vec<InterestRow> = query
        .order(posting_interests::id.asc())
        .limit(limit)
        .load(conn)?;
    Ok(rows.into_iter().map(interest_from).collect())
}
