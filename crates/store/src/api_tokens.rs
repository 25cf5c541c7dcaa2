use chrono::{DateTime, Utc};
use diesel::prelude::*;

use crate::AnyConnection;
use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::schema::api_tokens;

/// A personal API token as stored: only the hash of the secret is kept.
#[derive(Debug, Clone, PartialEq, Queryable)]
pub struct ApiTokenRow {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub token_hash: String,
    pub created_at: chrono::NaiveDateTime,
    pub expires_at: Option<chrono::NaiveDateTime>,
    pub last_used_at: Option<chrono::NaiveDateTime>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ApiToken {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<ApiTokenRow> for ApiToken {
    fn from(row: ApiTokenRow) -> Self {
        ApiToken {
            id: row.id,
            user_id: row.user_id,
            name: row.name,
            created_at: row.created_at.and_utc(),
            expires_at: row.expires_at.map(|at| at.and_utc()),
            last_used_at: row.last_used_at.map(|at| at.and_utc()),
        }
    }
}

pub fn create(
    conn: &mut AnyConnection,
    user_id: &str,
    name: &str,
    token_hash: &str,
    expires_at: Option<DateTime<Utc>>,
) -> StoreResult<ApiToken> {
    let row: ApiTokenRow = diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::id.eq(new_id()),
            api_tokens::user_id.eq(user_id),
            api_tokens::name.eq(name),
            api_tokens::token_hash.eq(token_hash),
            api_tokens::created_at.eq(now().naive_utc()),
            api_tokens::expires_at.eq(expires_at.map(|at| at.naive_utc())),
        ))
        .returning(api_tokens::all_columns)
        .get_result(conn)?;
    Ok(row.into())
}

/// The owner of a live token with this hash, marking the token used. Expired
/// tokens are treated as absent.
pub fn authenticate(conn: &mut AnyConnection, token_hash: &str) -> StoreResult<ApiToken> {
    let at = now().naive_utc();
    let row: ApiTokenRow = api_tokens::table
        .filter(api_tokens::token_hash.eq(token_hash))
        .filter(
            api_tokens::expires_at
                .is_null()
                .or(api_tokens::expires_at.gt(at)),
        )
        .first(conn)?;
    diesel::update(api_tokens::table.find(&row.id))
        .set(api_tokens::last_used_at.eq(at))
        .execute(conn)?;
    Ok(ApiToken {
        last_used_at: Some(at.and_utc()),
        ..row.into()
    })
}

pub fn list_for_user(conn: &mut AnyConnection, user_id: &str) -> StoreResult<Vec<ApiToken>> {
    let rows: Vec<ApiTokenRow> = api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::id.asc())
        .load(conn)?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Deletes the user's token; someone else's token id is [`crate::StoreError::NotFound`].
pub fn delete(conn: &mut AnyConnection, user_id: &str, token_id: &str) -> StoreResult<()> {
    let deleted = diesel::delete(
        api_tokens::table
            .filter(api_tokens::id.eq(token_id))
            .filter(api_tokens::user_id.eq(user_id)),
    )
    .execute(conn)?;
    if deleted == 0 {
        return Err(crate::StoreError::NotFound);
    }
    Ok(())
}
