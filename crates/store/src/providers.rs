use chrono::{DateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::{ProviderKind, Province, Translations, fold_words};

use crate::connection::{contains_pattern, lower};
use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::schema::{programs, providers};
use crate::{AnyConnection, StoreError, translations};

#[derive(Debug, Clone, PartialEq)]
pub struct Provider {
    pub id: String,
    pub name: String,
    pub kind: ProviderKind,
    pub website: Option<String>,
    pub province: Option<Province>,
    /// The French `name`, if any.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What staff write about a provider; also what an update replaces.
#[derive(Debug, Clone, PartialEq)]
pub struct NewProvider {
    pub name: String,
    pub kind: ProviderKind,
    pub website: Option<String>,
    pub province: Option<Province>,
    pub translations: Translations,
}

#[derive(Queryable)]
struct ProviderRow {
    id: String,
    name: String,
    kind: String,
    website: Option<String>,
    province: Option<String>,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    translations: String,
}

pub(crate) fn corrupt(table: &str, column: &str, value: &str) -> StoreError {
    StoreError::Database(diesel::result::Error::DeserializationError(
        format!("unknown value {value:?} in {table}.{column}").into(),
    ))
}

impl TryFrom<ProviderRow> for Provider {
    type Error = StoreError;
    fn try_from(row: ProviderRow) -> Result<Self, Self::Error> {
        Ok(Provider {
            kind: row
                .kind
                .parse()
                .map_err(|_| corrupt("providers", "kind", &row.kind))?,
            province: row
                .province
                .map(|p| p.parse().map_err(|_| corrupt("providers", "province", &p)))
                .transpose()?,
            translations: translations::decode(&row.translations, "providers.translations")?,
            id: row.id,
            name: row.name,
            website: row.website,
            created_at: row.created_at.and_utc(),
            updated_at: row.updated_at.and_utc(),
        })
    }
}

/// Inserts the provider; a name already taken is [`StoreError::Conflict`].
pub fn create(conn: &mut AnyConnection, new: &NewProvider) -> StoreResult<Provider> {
    let at = now().naive_utc();
    let row: ProviderRow = diesel::insert_into(providers::table)
        .values((
            providers::id.eq(new_id()),
            providers::name.eq(&new.name),
            providers::kind.eq(new.kind.as_str()),
            providers::website.eq(new.website.as_deref()),
            providers::province.eq(new.province.map(Province::as_str)),
            providers::translations.eq(translations::encode(&new.translations)),
            providers::created_at.eq(at),
            providers::updated_at.eq(at),
        ))
        .returning(providers::all_columns)
        .get_result(conn)?;
    row.try_into()
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Provider> {
    let row: ProviderRow = providers::table.find(id).first(conn)?;
    row.try_into()
}

/// Providers by name, after the provider with name `after`, up to `limit`.
pub fn list(
    conn: &mut AnyConnection,
    after: Option<(&str, &str)>,
    limit: i64,
) -> StoreResult<Vec<Provider>> {
    let mut query = providers::table.into_boxed();
    if let Some((name, id)) = after {
        query = query.filter(
            providers::name.gt(name.to_owned()).or(providers::name
                .eq(name.to_owned())
                .and(providers::id.gt(id.to_owned()))),
        );
    }
    let rows: Vec<ProviderRow> = query
        .order((providers::name.asc(), providers::id.asc()))
        .limit(limit)
        .load(conn)?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// What [`search`] keeps.
#[derive(Debug, Clone, Default)]
pub struct ProviderFilter {
    /// Words the name holds, compared without case.
    pub name_contains: Option<String>,
    /// Changed strictly after this instant.
    pub modified_after: Option<DateTime<Utc>>,
}

/// The providers `filter` keeps, by name, `offset` of them skipped, up to
/// `limit`; and how many it keeps in all.
pub fn search(
    conn: &mut AnyConnection,
    filter: &ProviderFilter,
    offset: i64,
    limit: i64,
) -> StoreResult<(Vec<Provider>, i64)> {
    let filtered = || {
        let mut query = providers::table.into_boxed();
        if let Some(words) = &filter.name_contains {
            let pattern = contains_pattern(words);
            query = query.filter(lower(providers::name).like(pattern).escape('\\'));
        }
        if let Some(after) = filter.modified_after {
            query = query.filter(providers::updated_at.gt(after.naive_utc()));
        }
        query
    };
    let total: i64 = filtered().count().get_result(conn)?;
    let rows: Vec<ProviderRow> = filtered()
        .order((providers::name.asc(), providers::id.asc()))
        .offset(offset)
        .limit(limit)
        .load(conn)?;
    let found = rows
        .into_iter()
        .map(TryInto::try_into)
        .collect::<StoreResult<_>>()?;
    Ok((found, total))
}

/// Replaces the provider's fields. A new name (in either language) changes
/// its programs too (their
/// representation and what search reads), so they are marked updated in the
/// same transaction.
pub fn update(conn: &mut AnyConnection, id: &str, changed: &NewProvider) -> StoreResult<Provider> {
    conn.transaction(|conn| {
        crate::program_changes::lock(conn)?;
        let before = find(conn, id)?;
        let row: ProviderRow = diesel::update(providers::table.find(id))
            .set((
                providers::name.eq(&changed.name),
                providers::kind.eq(changed.kind.as_str()),
                providers::website.eq(changed.website.as_deref()),
                providers::province.eq(changed.province.map(Province::as_str)),
                providers::translations.eq(translations::encode(&changed.translations)),
                providers::updated_at.eq(now().naive_utc()),
            ))
            .returning(providers::all_columns)
            .get_result(conn)?;
        if fold_words(&before.name) != fold_words(&changed.name)
            || before.translations != changed.translations.clone().normalized()
        {
            crate::programs::touch_programs_of_provider(conn, id)?;
        }
        row.try_into()
    })
}

/// Deletes a provider that has no programs; one that has is
/// [`StoreError::MissingReference`] (its programs would point nowhere).
pub fn delete(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    conn.transaction(|conn| {
        let programs: i64 = programs::table
            .filter(programs::provider_id.eq(id))
            .count()
            .get_result(conn)?;
        if programs > 0 {
            return Err(StoreError::MissingReference {
                constraint: Some("programs_provider_id_fkey".to_owned()),
            });
        }
        match diesel::delete(providers::table.find(id)).execute(conn)? {
            0 => Err(StoreError::NotFound),
            _ => Ok(()),
        }
    })
}
