use std::collections::HashMap;

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use greenlight_domain::{CareerStage, Locale, Translations};

use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::schema::{module_audiences, modules};
use crate::{AnyConnection, StoreError, translations};

/// A module of the series: a theme run over a year through several events.
#[derive(Debug, Clone, PartialEq)]
pub struct Module {
    pub id: String,
    pub title: String,
    pub theme: String,
    pub year: i32,
    pub summary: String,
    /// The career stages the module is meant for, in taxonomy order.
    pub audiences: Vec<CareerStage>,
    /// The French `title` and `summary`, if any.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable)]
struct ModuleRow {
    id: String,
    title: String,
    theme: String,
    year: i32,
    summary: String,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    translations: String,
}

impl ModuleRow {
    fn with_audiences(self, audiences: Vec<CareerStage>) -> StoreResult<Module> {
        Ok(Module {
            translations: translations::decode(&self.translations, "modules.translations")?,
            id: self.id,
            title: self.title,
            theme: self.theme,
            year: self.year,
            summary: self.summary,
            audiences,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

#[derive(Debug, Clone)]
pub struct NewModule<'a> {
    pub title: &'a str,
    pub theme: &'a str,
    pub year: i32,
    pub summary: &'a str,
    pub audiences: &'a [CareerStage],
    pub translations: &'a Translations,
}

pub fn create(conn: &mut AnyConnection, new: &NewModule<'_>) -> StoreResult<Module> {
    conn.transaction(|conn| {
        let at = now().naive_utc();
        let row: ModuleRow = diesel::insert_into(modules::table)
            .values((
                modules::id.eq(new_id()),
                modules::title.eq(new.title),
                modules::theme.eq(new.theme),
                modules::year.eq(new.year),
                modules::summary.eq(new.summary),
                modules::translations.eq(translations::encode(new.translations)),
                modules::created_at.eq(at),
                modules::updated_at.eq(at),
            ))
            .returning(modules::all_columns)
            .get_result(conn)?;
        let mut audiences = new.audiences.to_vec();
        audiences.sort();
        audiences.dedup();
        for stage in &audiences {
            diesel::insert_into(module_audiences::table)
                .values((
                    module_audiences::module_id.eq(&row.id),
                    module_audiences::career_stage.eq(stage.as_str()),
                ))
                .execute(conn)?;
        }
        row.with_audiences(audiences)
    })
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Module> {
    let row: ModuleRow = modules::table.find(id).first(conn)?;
    let mut audiences = audiences_of(conn, std::slice::from_ref(&row.id))?;
    let own = audiences.remove(&row.id).unwrap_or_default();
    row.with_audiences(own)
}

/// Where the previous page of modules ended: its last module's year and id.
#[derive(Debug, Clone)]
pub struct ModuleKey {
    pub year: i32,
    pub id: String,
}

/// Modules by year, then id (creation order within a year), after `after`.
pub fn list(
    conn: &mut AnyConnection,
    year: Option<i32>,
    after: Option<&ModuleKey>,
    limit: i64,
) -> StoreResult<Vec<Module>> {
    let mut query = modules::table.into_boxed();
    if let Some(year) = year {
        query = query.filter(modules::year.eq(year));
    }
    if let Some(after) = after {
        query = query.filter(
            modules::year
                .gt(after.year)
                .or(modules::year.eq(after.year).and(modules::id.gt(&after.id))),
        );
    }
    let rows: Vec<ModuleRow> = query
        .order((modules::year.asc(), modules::id.asc()))
        .limit(limit)
        .load(conn)?;
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut audiences = audiences_of(conn, &ids)?;
    rows.into_iter()
        .map(|row| {
            let own = audiences.remove(&row.id).unwrap_or_default();
            row.with_audiences(own)
        })
        .collect()
}

fn audiences_of(
    conn: &mut AnyConnection,
    module_ids: &[String],
) -> StoreResult<HashMap<String, Vec<CareerStage>>> {
    let pairs: Vec<(String, String)> = module_audiences::table
        .filter(module_audiences::module_id.eq_any(module_ids))
        .select((module_audiences::module_id, module_audiences::career_stage))
        .load(conn)?;
    let mut by_module: HashMap<String, Vec<CareerStage>> = HashMap::new();
    for (module_id, stage) in pairs {
        let stage = stage.parse().map_err(|_| {
            StoreError::Database(diesel::result::Error::DeserializationError(
                format!("unknown career stage {stage:?} in module_audiences").into(),
            ))
        })?;
        by_module.entry(module_id).or_default().push(stage);
    }
    for stages in by_module.values_mut() {
        stages.sort();
    }
    Ok(by_module)
}

/// Titles of the given modules in `locale` (English where untranslated), by
/// id, for lists that name each event's module.
pub fn titles(
    conn: &mut AnyConnection,
    ids: &[String],
    locale: Locale,
) -> StoreResult<HashMap<String, String>> {
    let rows: Vec<(String, String, String)> = modules::table
        .filter(modules::id.eq_any(ids))
        .select((modules::id, modules::title, modules::translations))
        .load(conn)?;
    rows.into_iter()
        .map(|(id, title, raw)| {
            let translations = translations::decode(&raw, "modules.translations")?;
            let title = translations
                .pick(locale, &title, |t| t.title.as_ref())
                .to_owned();
            Ok((id, title))
        })
        .collect()
}
