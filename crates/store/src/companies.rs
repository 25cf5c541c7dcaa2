use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use greenlight_domain::{Locale, Province};

use crate::error::{StoreResult, decode};
use crate::ids::{new_id, now};
use crate::schema::{companies, company_genres, company_representatives, users};
use crate::{AnyConnection, StoreError};

#[derive(Debug, Clone, PartialEq)]
pub struct Company {
    pub id: String,
    pub name: String,
    pub province: Province,
    pub membership_expires_on: NaiveDate,
    pub website: Option<String>,
    pub genres: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Company {
    /// In good standing through the expiry date itself.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.membership_expires_on >= day
    }
}

#[derive(Queryable)]
struct CompanyRow {
    id: String,
    name: String,
    province: String,
    membership_expires_on: NaiveDate,
    website: Option<String>,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl CompanyRow {
    fn into_company(self, genres: Vec<String>) -> StoreResult<Company> {
        Ok(Company {
            province: decode(&self.province, "companies.province")?,
            id: self.id,
            name: self.name,
            membership_expires_on: self.membership_expires_on,
            website: self.website,
            genres,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct CompanyFields {
    pub name: String,
    pub province: Province,
    pub membership_expires_on: NaiveDate,
    pub website: Option<String>,
    pub genres: Vec<String>,
}

pub fn create(conn: &mut AnyConnection, fields: &CompanyFields) -> StoreResult<Company> {
    conn.transaction(|conn| {
        let id = new_id();
        let at = now().naive_utc();
        diesel::insert_into(companies::table)
            .values((
                companies::id.eq(&id),
                companies::name.eq(&fields.name),
                companies::province.eq(fields.province.as_str()),
                companies::membership_expires_on.eq(fields.membership_expires_on),
                companies::website.eq(&fields.website),
                companies::created_at.eq(at),
                companies::updated_at.eq(at),
            ))
            .execute(conn)?;
        replace_genres(conn, &id, &fields.genres)?;
        find(conn, &id)
    })
}

/// Writes every field; the caller merges a partial update into the current
/// company first.
pub fn update(conn: &mut AnyConnection, id: &str, fields: &CompanyFields) -> StoreResult<Company> {
    conn.transaction(|conn| {
        let updated = diesel::update(companies::table.find(id))
            .set((
                companies::name.eq(&fields.name),
                companies::province.eq(fields.province.as_str()),
                companies::membership_expires_on.eq(fields.membership_expires_on),
                companies::website.eq(&fields.website),
                companies::updated_at.eq(now().naive_utc()),
            ))
            .execute(conn)?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        replace_genres(conn, id, &fields.genres)?;
        find(conn, id)
    })
}

fn replace_genres(conn: &mut AnyConnection, id: &str, genres: &[String]) -> StoreResult<()> {
    diesel::delete(company_genres::table.filter(company_genres::company_id.eq(id)))
        .execute(conn)?;
    // One row at a time: batch inserts do not compile for `AnyConnection`.
    for genre in genres {
        diesel::insert_into(company_genres::table)
            .values((
                company_genres::company_id.eq(id),
                company_genres::genre.eq(genre),
            ))
            .execute(conn)?;
    }
    Ok(())
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Company> {
    let row: CompanyRow = companies::table.find(id).first(conn)?;
    let genres = genres_of(conn, std::slice::from_ref(&row.id))?;
    row.into_company(genres.into_iter().map(|(_, genre)| genre).collect())
}

fn genres_of(conn: &mut AnyConnection, ids: &[String]) -> StoreResult<Vec<(String, String)>> {
    Ok(company_genres::table
        .filter(company_genres::company_id.eq_any(ids))
        .order((company_genres::company_id, company_genres::genre))
        .load(conn)?)
}

#[derive(Debug, Clone, Default)]
pub struct CompanyFilter {
    /// `Some(true)`: membership in good standing on `today`; `Some(false)`:
    /// lapsed; `None`: both.
    pub active: Option<bool>,
    pub today: Option<NaiveDate>,
}

/// Companies by name, then id, after the `(name, id)` of the last one seen.
pub fn list(
    conn: &mut AnyConnection,
    filter: &CompanyFilter,
    after: Option<(&str, &str)>,
    limit: i64,
) -> StoreResult<Vec<Company>> {
    let mut query = companies::table.into_boxed();
    if let (Some(active), Some(today)) = (filter.active, filter.today) {
        query = if active {
            query.filter(companies::membership_expires_on.ge(today))
        } else {
            query.filter(companies::membership_expires_on.lt(today))
        };
    }
    if let Some((name, id)) = after {
        query = query.filter(
            companies::name.gt(name.to_owned()).or(companies::name
                .eq(name.to_owned())
                .and(companies::id.gt(id.to_owned()))),
        );
    }
    let rows: Vec<CompanyRow> = query
        .order((companies::name.asc(), companies::id.asc()))
        .limit(limit)
        .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let genres = genres_of(conn, &ids)?;
    rows.into_iter()
        .map(|row| {
            let own = genres
                .iter()
                .filter(|(company, _)| *company == row.id)
                .map(|(_, genre)| genre.clone())
                .collect();
            row.into_company(own)
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct Representative {
    pub company_id: String,
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    /// The language messages to the representative are in.
    pub locale: Locale,
    pub created_at: DateTime<Utc>,
}

/// Links the user to the company; linking twice is [`StoreError::Conflict`].
pub fn add_representative(
    conn: &mut AnyConnection,
    company_id: &str,
    user_id: &str,
) -> StoreResult<Representative> {
    diesel::insert_into(company_representatives::table)
        .values((
            company_representatives::company_id.eq(company_id),
            company_representatives::user_id.eq(user_id),
            company_representatives::created_at.eq(now().naive_utc()),
        ))
        .execute(conn)?;
    representatives(conn, company_id)?
        .into_iter()
        .find(|rep| rep.user_id == user_id)
        .ok_or(StoreError::NotFound)
}

/// The company's representatives, oldest link first.
pub fn representatives(
    conn: &mut AnyConnection,
    company_id: &str,
) -> StoreResult<Vec<Representative>> {
    let rows: Vec<(
        String,
        String,
        String,
        String,
        String,
        chrono::NaiveDateTime,
    )> = company_representatives::table
        .inner_join(users::table)
        .filter(company_representatives::company_id.eq(company_id))
        .select((
            company_representatives::company_id,
            company_representatives::user_id,
            users::email,
            users::display_name,
            users::locale,
            company_representatives::created_at,
        ))
        .order((
            company_representatives::created_at.asc(),
            company_representatives::user_id.asc(),
        ))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(company_id, user_id, email, display_name, locale, created_at)| {
                Ok(Representative {
                    locale: decode(&locale, "users.locale")?,
                    company_id,
                    user_id,
                    email,
                    display_name,
                    created_at: created_at.and_utc(),
                })
            },
        )
        .collect()
}

/// Ids of the companies the user acts for.
pub fn represented_by(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<String>> {
    Ok(company_representatives::table
        .filter(company_representatives::user_id.eq(user_id))
        .select(company_representatives::company_id)
        .order(company_representatives::company_id)
        .load(conn)?)
}

/// Unlinks the user from the company; [`StoreError::NotFound`] when they
/// were not linked.
pub fn remove_representative(
    conn: &mut AnyConnection,
    company_id: &str,
    user_id: &str,
) -> StoreResult<()> {
    let removed = diesel::delete(
        company_representatives::table
            .filter(company_representatives::company_id.eq(company_id))
            .filter(company_representatives::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if removed == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Whether the user represents at least one company whose membership is
/// current on `day`: the condition of every member privilege, the same as
/// [`Company::is_active_on`] (docs/domain.md, "Member standing").
pub fn represents_member_on(
    conn: &mut AnyConnection,
    user_id: &str,
    day: NaiveDate,
) -> StoreResult<bool> {
    let found: i64 = company_representatives::table
        .inner_join(companies::table)
        .filter(company_representatives::user_id.eq(user_id))
        .filter(companies::membership_expires_on.ge(day))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}

pub fn is_representative(
    conn: &mut AnyConnection,
    company_id: &str,
    user_id: &str,
) -> StoreResult<bool> {
    let found: i64 = company_representatives::table
        .filter(company_representatives::company_id.eq(company_id))
        .filter(company_representatives::user_id.eq(user_id))
        .count()
        .get_result(conn)?;
    Ok(found > 0)
}
