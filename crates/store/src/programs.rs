//! Catalogue programs and their facets (one join table per facet). Every
//! write to the published catalogue appends to the change log in the same
//! transaction ([`crate::program_changes`]).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::prelude::*;
use greenlight_domain::{
    Audience, CareerStage, Cents, Format, Language, Program, ProgramContent, ProgramStatus, Region,
    Slug, Topic, Translations,
};

use crate::error::{StoreResult, decode, unknown_value};
use crate::ids::{new_id, now};
use crate::program_changes::{self, ChangeKind};
use crate::schema::{
    program_audiences, program_career_stages, program_formats, program_languages, program_regions,
    program_topics, programs, providers,
};
use crate::{AnyConnection, StoreError, translations};

#[derive(Debug, Clone, PartialEq)]
pub struct NewProgram {
    pub content: ProgramContent,
    /// `None` derives one from the title, numbered when taken.
    pub slug: Option<Slug>,
    pub status: ProgramStatus,
    pub submitted_by: Option<String>,
}

#[derive(Queryable)]
pub(crate) struct ProgramRow {
    pub(crate) id: String,
    slug: String,
    provider_id: String,
    title: String,
    summary: String,
    description: String,
    delivery: String,
    cost_cents: i64,
    stipend_cents: Option<i64>,
    application_deadline: Option<NaiveDate>,
    starts_on: Option<NaiveDate>,
    ends_on: Option<NaiveDate>,
    url: Option<String>,
    status: String,
    submitted_by: Option<String>,
    published_at: Option<chrono::NaiveDateTime>,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    translations: String,
}

/// A program's tags, as read from the join tables.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facets {
    pub(crate) formats: Vec<Format>,
    pub(crate) topics: Vec<Topic>,
    pub(crate) career_stages: Vec<CareerStage>,
    pub(crate) regions: Vec<Region>,
    pub(crate) audiences: Vec<Audience>,
    pub(crate) languages: Vec<Language>,
}

fn cents(column: &str, raw: i64) -> StoreResult<Cents> {
    Cents::parse(raw).map_err(|_| unknown_value(&raw.to_string(), column))
}

impl ProgramRow {
    fn into_program(
        self,
        (provider_name, provider_translations): (String, Translations),
        facets: Facets,
    ) -> StoreResult<Program> {
        Ok(Program {
            content: ProgramContent {
                title: self.title,
                provider_id: self.provider_id,
                summary: self.summary,
                description: self.description,
                formats: facets.formats,
                topics: facets.topics,
                career_stages: facets.career_stages,
                regions: facets.regions,
                audiences: facets.audiences,
                delivery: decode(&self.delivery, "programs.delivery")?,
                languages: facets.languages,
                cost: cents("programs.cost_cents", self.cost_cents)?,
                stipend: self
                    .stipend_cents
                    .map(|raw| cents("programs.stipend_cents", raw))
                    .transpose()?,
                application_deadline: self.application_deadline,
                starts_on: self.starts_on,
                ends_on: self.ends_on,
                url: self.url,
                translations: translations::decode(&self.translations, "programs.translations")?,
            },
            status: decode(&self.status, "programs.status")?,
            id: self.id,
            slug: self.slug,
            provider_name,
            provider_translations,
            submitted_by: self.submitted_by,
            published_at: self.published_at.map(|at| at.and_utc()),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

fn provider_name(conn: &mut AnyConnection, provider_id: &str) -> StoreResult<String> {
    providers::table
        .find(provider_id)
        .select(providers::name)
        .first(conn)
        .map_err(|error| match StoreError::from(error) {
            StoreError::NotFound => StoreError::MissingReference {
                constraint: Some("programs_provider_id_fkey".to_owned()),
            },
            other => other,
        })
}

/// Inserts the program with its facets, and logs it when it is published.
/// A given slug that is taken is [`StoreError::Conflict`]; a derived one is
/// numbered (`my-program-2`) until free. An unknown provider is
/// [`StoreError::MissingReference`].
pub fn create(conn: &mut AnyConnection, new: &NewProgram) -> StoreResult<Program> {
    conn.transaction(|conn| {
        program_changes::lock(conn)?;
        provider_name(conn, &new.content.provider_id)?;
        let id = new_id();
        // Another writer can take the derived slug between the look-up and
        // the insert; the unique index then refuses it and a later number is
        // tried.
        let mut attempts = 0;
        loop {
            let slug = match &new.slug {
                Some(slug) => slug.clone(),
                None => free_slug(conn, &Slug::from_title(&new.content.title))?,
            };
            match conn.transaction(|conn| insert_row(conn, &id, &slug, new)) {
                Err(StoreError::Conflict { .. }) if new.slug.is_none() && attempts < 5 => {
                    attempts += 1;
                }
                other => break other?,
            }
        }
        write_facets(conn, &id, &new.content)?;
        let program = find(conn, &id)?;
        if program.status == ProgramStatus::Published {
            program_changes::record(conn, &program, ChangeKind::Published)?;
        }
        Ok(program)
    })
}

fn insert_row(
    conn: &mut AnyConnection,
    id: &str,
    slug: &Slug,
    new: &NewProgram,
) -> StoreResult<()> {
    let at = now().naive_utc();
    let content = &new.content;
    diesel::insert_into(programs::table)
        .values((
            programs::id.eq(id),
            programs::slug.eq(slug.as_str()),
            programs::provider_id.eq(&content.provider_id),
            programs::title.eq(&content.title),
            programs::summary.eq(&content.summary),
            programs::description.eq(&content.description),
            programs::delivery.eq(content.delivery.as_str()),
            programs::cost_cents.eq(content.cost.get()),
            programs::stipend_cents.eq(content.stipend.map(Cents::get)),
            programs::application_deadline.eq(content.application_deadline),
            programs::starts_on.eq(content.starts_on),
            programs::ends_on.eq(content.ends_on),
            programs::url.eq(content.url.as_deref()),
            programs::translations.eq(translations::encode(&content.translations)),
            programs::status.eq(new.status.as_str()),
            programs::submitted_by.eq(new.submitted_by.as_deref()),
            programs::published_at.eq((new.status == ProgramStatus::Published).then_some(at)),
            programs::created_at.eq(at),
            programs::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// `base` if no program has it, else `base-n` with the smallest free n ≥ 2.
fn free_slug(conn: &mut AnyConnection, base: &Slug) -> StoreResult<Slug> {
    // Slugs hold only [a-z0-9-], so the pattern has no wildcard to escape.
    let taken: Vec<String> = programs::table
        .filter(
            programs::slug
                .eq(base.as_str())
                .or(programs::slug.like(format!("{base}-%"))),
        )
        .select(programs::slug)
        .load(conn)?;
    if !taken.iter().any(|slug| slug == base.as_str()) {
        return Ok(base.clone());
    }
    let mut n = 2;
    loop {
        let candidate = base.numbered(n);
        if !taken.iter().any(|slug| slug == candidate.as_str()) {
            return Ok(candidate);
        }
        n += 1;
    }
}

macro_rules! facet_tables {
    ($($table:ident => $field:ident: $ty:ty),+ $(,)?) => {
        fn write_facets(conn: &mut AnyConnection, id: &str, content: &ProgramContent) -> StoreResult<()> {
            $(
                diesel::delete($table::table.filter($table::program_id.eq(id))).execute(conn)?;
                let mut values: Vec<&'static str> = content.$field.iter().map(|v| v.as_str()).collect();
                values.sort_unstable();
                values.dedup();
                if !values.is_empty() {
                    let rows: Vec<_> = values
                        .iter()
                        .map(|value| ($table::program_id.eq(id), $table::value.eq(*value)))
                        .collect();
                    // Multi-row inserts do not compile for the multi backend;
                    // the statement is the same on both.
                    let query = diesel::insert_into($table::table).values(rows);
                    match conn {
                        AnyConnection::Sqlite(conn) => query.execute(conn)?,
                        AnyConnection::Postgresql(conn) => query.execute(conn)?,
                    };
                }
            )+
            Ok(())
        }

        /// The facets of every program in `ids`: one query per facet table,
        /// whatever the number of programs.
        pub(crate) fn load_facets(
            conn: &mut AnyConnection,
            ids: &[String],
        ) -> StoreResult<HashMap<String, Facets>> {
            let mut facets: HashMap<String, Facets> = HashMap::with_capacity(ids.len());
            if ids.is_empty() {
                return Ok(facets);
            }
            $(
                let rows: Vec<(String, String)> = $table::table
                    .filter($table::program_id.eq_any(ids))
                    .select(($table::program_id, $table::value))
                    .order(($table::program_id, $table::value))
                    .load(conn)?;
                for (program_id, value) in rows {
                    let parsed: $ty = value
                        .parse()
                        .map_err(|_| unknown_value(&value, concat!(stringify!($table), ".value")))?;
                    facets.entry(program_id).or_default().$field.push(parsed);
                }
            )+
            // Taxonomy order, as the taxonomy endpoint lists the terms.
            for program in facets.values_mut() {
                $( program.$field.sort_unstable(); )+
            }
            Ok(facets)
        }
    };
}

facet_tables! {
    program_formats => formats: Format,
    program_topics => topics: Topic,
    program_career_stages => career_stages: CareerStage,
    program_regions => regions: Region,
    program_audiences => audiences: Audience,
    program_languages => languages: Language,
}

/// Turns rows into programs with their facets and provider names, in the
/// rows' order, with a fixed number of queries.
pub(crate) fn hydrate(
    conn: &mut AnyConnection,
    rows: Vec<ProgramRow>,
) -> StoreResult<Vec<Program>> {
    let ids: Vec<String> = rows.iter().map(|row| row.id.clone()).collect();
    let mut facets = load_facets(conn, &ids)?;
    let mut provider_ids: Vec<&str> = rows.iter().map(|row| row.provider_id.as_str()).collect();
    provider_ids.sort_unstable();
    provider_ids.dedup();
    let mut names: HashMap<String, (String, Translations)> = HashMap::new();
    for (id, name, raw) in providers::table
        .filter(providers::id.eq_any(&provider_ids))
        .select((providers::id, providers::name, providers::translations))
        .load::<(String, String, String)>(conn)?
    {
        let translations = translations::decode(&raw, "providers.translations")?;
        names.insert(id, (name, translations));
    }
    rows.into_iter()
        .map(|row| {
            let name = names.get(&row.provider_id).cloned().unwrap_or_default();
            let facets = facets.remove(&row.id).unwrap_or_default();
            row.into_program(name, facets)
        })
        .collect()
}

/// A program by id, else by slug, whatever its status: ids win, so a slug
/// can never hide the program whose id it spells.
pub fn find(conn: &mut AnyConnection, id_or_slug: &str) -> StoreResult<Program> {
    let by_id: Option<ProgramRow> = programs::table.find(id_or_slug).first(conn).optional()?;
    let row = match by_id {
        Some(row) => row,
        None => programs::table
            .filter(programs::slug.eq(id_or_slug))
            .first(conn)?,
    };
    hydrate(conn, vec![row])?.pop().ok_or(StoreError::NotFound)
}

/// The programs with these ids that exist, whatever their status, in no
/// particular order.
pub fn find_many(conn: &mut AnyConnection, ids: &[String]) -> StoreResult<Vec<Program>> {
    let mut found = Vec::with_capacity(ids.len());
    // Bounded statements: SQLite refuses too many bound parameters.
    for chunk in ids.chunks(LOAD_CHUNK) {
        let rows: Vec<ProgramRow> = programs::table
            .filter(programs::id.eq_any(chunk))
            .load(conn)?;
        found.extend(hydrate(conn, rows)?);
    }
    Ok(found)
}

/// How many programs [`find_many`] and [`published_after`] read at once.
const LOAD_CHUNK: usize = 500;

/// Published programs by id after `after`, up to [`LOAD_CHUNK`] of them:
/// the whole catalogue is read page by page.
pub fn published_after(conn: &mut AnyConnection, after: Option<&str>) -> StoreResult<Vec<Program>> {
    let mut query = programs::table
        .filter(programs::status.eq(ProgramStatus::Published.as_str()))
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(programs::id.gt(after.to_owned()));
    }
    let rows: Vec<ProgramRow> = query
        .order(programs::id.asc())
        .limit(LOAD_CHUNK as i64)
        .load(conn)?;
    hydrate(conn, rows)
}

/// Programs waiting for review: every one, or those `submitted_by` sent.
pub fn pending(conn: &mut AnyConnection, submitted_by: Option<&str>) -> StoreResult<Vec<Program>> {
    let mut query = programs::table
        .filter(programs::status.eq(ProgramStatus::Pending.as_str()))
        .into_boxed();
    if let Some(user) = submitted_by {
        query = query.filter(programs::submitted_by.eq(user.to_owned()));
    }
    let rows: Vec<ProgramRow> = query.order(programs::id.asc()).load(conn)?;
    let mut programs = Vec::with_capacity(rows.len());
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<ProgramRow> = rows.by_ref().take(LOAD_CHUNK).collect();
        programs.extend(hydrate(conn, chunk)?);
    }
    Ok(programs)
}

/// How many programs `user` submitted that wait for review.
pub fn pending_count(conn: &mut AnyConnection, user: &str) -> StoreResult<i64> {
    Ok(programs::table
        .filter(programs::status.eq(ProgramStatus::Pending.as_str()))
        .filter(programs::submitted_by.eq(user))
        .count()
        .get_result(conn)?)
}

/// Replaces the program's content and slug (facets included), and logs the
/// change when the program is published.
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    slug: &Slug,
    content: &ProgramContent,
) -> StoreResult<Program> {
    conn.transaction(|conn| {
        program_changes::lock(conn)?;
        provider_name(conn, &content.provider_id)?;
        let updated = conn.transaction(|conn| {
            diesel::update(programs::table.find(id))
                .set((
                    programs::slug.eq(slug.as_str()),
                    programs::provider_id.eq(&content.provider_id),
                    programs::title.eq(&content.title),
                    programs::summary.eq(&content.summary),
                    programs::description.eq(&content.description),
                    programs::delivery.eq(content.delivery.as_str()),
                    programs::cost_cents.eq(content.cost.get()),
                    programs::stipend_cents.eq(content.stipend.map(Cents::get)),
                    programs::application_deadline.eq(content.application_deadline),
                    programs::starts_on.eq(content.starts_on),
                    programs::ends_on.eq(content.ends_on),
                    programs::url.eq(content.url.as_deref()),
                    programs::translations.eq(translations::encode(&content.translations)),
                    programs::updated_at.eq(now().naive_utc()),
                ))
                .execute(conn)
                .map_err(StoreError::from)
        })?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        write_facets(conn, id, content)?;
        let program = find(conn, id)?;
        if program.status == ProgramStatus::Published {
            program_changes::record(conn, &program, ChangeKind::Updated)?;
        }
        Ok(program)
    })
}

/// Marks a pending program published. Returns the program and whether this
/// call published it (`false` when it already was).
pub fn publish(conn: &mut AnyConnection, id: &str) -> StoreResult<(Program, bool)> {
    conn.transaction(|conn| {
        program_changes::lock(conn)?;
        let at = now().naive_utc();
        let changed = diesel::update(
            programs::table
                .find(id)
                .filter(programs::status.eq(ProgramStatus::Pending.as_str())),
        )
        .set((
            programs::status.eq(ProgramStatus::Published.as_str()),
            programs::published_at.eq(at),
            programs::updated_at.eq(at),
        ))
        .execute(conn)?;
        let program = find(conn, id)?;
        if changed > 0 {
            program_changes::record(conn, &program, ChangeKind::Published)?;
        }
        Ok((program, changed > 0))
    })
}

/// Takes a published program out of the published catalogue and back to
/// `pending` (kept, to publish again). Returns the program and whether this
/// call unpublished it (`false` when it was not published).
pub fn unpublish(conn: &mut AnyConnection, id: &str) -> StoreResult<(Program, bool)> {
    conn.transaction(|conn| {
        program_changes::lock(conn)?;
        let changed = diesel::update(
            programs::table
                .find(id)
                .filter(programs::status.eq(ProgramStatus::Published.as_str())),
        )
        .set((
            programs::status.eq(ProgramStatus::Pending.as_str()),
            programs::updated_at.eq(now().naive_utc()),
        ))
        .execute(conn)?;
        let program = find(conn, id)?;
        if changed > 0 {
            program_changes::record(conn, &program, ChangeKind::Unpublished)?;
        }
        Ok((program, changed > 0))
    })
}

/// Deletes the program and its facets, and logs it when it was published.
/// One that other records point at (such as mentorship cycles) is
/// [`StoreError::MissingReference`].
pub fn delete(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    conn.transaction(|conn| {
        program_changes::lock(conn)?;
        let program = find(conn, id)?;
        diesel::delete(programs::table.find(&program.id)).execute(conn)?;
        if program.status == ProgramStatus::Published {
            program_changes::record(conn, &program, ChangeKind::Deleted)?;
        }
        Ok(())
    })
}

/// Marks a provider's programs updated after its name changed: the name is
/// part of each program's representation and of what search reads, so
/// caches, ETags and every instance's read model must see the change.
pub(crate) fn touch_programs_of_provider(
    conn: &mut AnyConnection,
    provider_id: &str,
) -> StoreResult<()> {
    program_changes::lock(conn)?;
    diesel::update(programs::table.filter(programs::provider_id.eq(provider_id)))
        .set(programs::updated_at.eq(now().naive_utc()))
        .execute(conn)?;
    let rows: Vec<ProgramRow> = programs::table
        .filter(programs::provider_id.eq(provider_id))
        .filter(programs::status.eq(ProgramStatus::Published.as_str()))
        .order(programs::id.asc())
        .load(conn)?;
    for row in rows {
        program_changes::record_row(conn, &row.id, &row.slug, ChangeKind::Updated)?;
    }
    Ok(())
}

/// The newest published programs, most recent first.
pub fn recently_published(conn: &mut AnyConnection, limit: i64) -> StoreResult<Vec<Program>> {
    let rows: Vec<ProgramRow> = programs::table
        .filter(programs::status.eq(ProgramStatus::Published.as_str()))
        .order((programs::published_at.desc(), programs::id.desc()))
        .limit(limit)
        .load(conn)?;
    hydrate(conn, rows)
}

/// Published programs whose deadline is `today` or later, soonest first.
pub fn open_deadlines(conn: &mut AnyConnection, today: NaiveDate) -> StoreResult<Vec<Program>> {
    let rows: Vec<ProgramRow> = programs::table
        .filter(programs::status.eq(ProgramStatus::Published.as_str()))
        .filter(programs::application_deadline.ge(today))
        .order((programs::application_deadline.asc(), programs::id.asc()))
        .load(conn)?;
    hydrate(conn, rows)
}

/// How many published programs carry each value, per dimension.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Landscape {
    pub total: i64,
    pub by_career_stage: Vec<(String, i64)>,
    pub by_format: Vec<(String, i64)>,
    pub by_topic: Vec<(String, i64)>,
    pub by_region: Vec<(String, i64)>,
    pub by_provider_kind: Vec<(String, i64)>,
}

macro_rules! count_by_value {
    ($conn:ident, $table:ident) => {
        $table::table
            .inner_join(programs::table)
            .filter(programs::status.eq(ProgramStatus::Published.as_str()))
            .group_by($table::value)
            .select(($table::value, diesel::dsl::count_star()))
            .load::<(String, i64)>($conn)?
    };
}

pub fn landscape(conn: &mut AnyConnection) -> StoreResult<Landscape> {
    let published = programs::status.eq(ProgramStatus::Published.as_str());
    Ok(Landscape {
        total: programs::table.filter(published).count().get_result(conn)?,
        by_career_stage: count_by_value!(conn, program_career_stages),
        by_format: count_by_value!(conn, program_formats),
        by_topic: count_by_value!(conn, program_topics),
        by_region: count_by_value!(conn, program_regions),
        by_provider_kind: programs::table
            .inner_join(providers::table)
            .filter(published)
            .group_by(providers::kind)
            .select((providers::kind, diesel::dsl::count_star()))
            .load(conn)?,
    })
}

/// Inserts many programs at once with multi-row statements, for seeding and
/// benchmarks: a few statements per batch instead of dozens per program.
/// Every program needs its slug; a taken one fails the whole call with
/// [`StoreError::Conflict`].
pub fn insert_many(conn: &mut AnyConnection, batch: &[NewProgram]) -> StoreResult<Vec<String>> {
    conn.transaction(|conn| {
        program_changes::lock(conn)?;
        let known: HashSet<String> = providers::table
            .select(providers::id)
            .load(conn)?
            .into_iter()
            .collect();
        let mut published: Vec<(String, String)> = Vec::new();
        let at = now().naive_utc();
        let mut ids = Vec::with_capacity(batch.len());
        let mut rows = Vec::with_capacity(batch.len());
        let mut facet_rows: [Vec<(String, &'static str)>; 6] = Default::default();
        for new in batch {
            let content = &new.content;
            if !known.contains(&content.provider_id) {
                return Err(StoreError::MissingReference {
                    constraint: Some("programs_provider_id_fkey".to_owned()),
                });
            }
            let slug = new
                .slug
                .clone()
                .unwrap_or_else(|| Slug::from_title(&content.title));
            let id = new_id();
            if new.status == ProgramStatus::Published {
                published.push((id.clone(), slug.as_str().to_owned()));
            }
            rows.push((
                programs::id.eq(id.clone()),
                programs::slug.eq(slug.as_str().to_owned()),
                programs::provider_id.eq(content.provider_id.clone()),
                programs::title.eq(content.title.clone()),
                programs::summary.eq(content.summary.clone()),
                programs::description.eq(content.description.clone()),
                programs::delivery.eq(content.delivery.as_str()),
                programs::cost_cents.eq(content.cost.get()),
                programs::stipend_cents.eq(content.stipend.map(Cents::get)),
                programs::application_deadline.eq(content.application_deadline),
                programs::starts_on.eq(content.starts_on),
                (
                    programs::ends_on.eq(content.ends_on),
                    programs::url.eq(content.url.clone()),
                    programs::status.eq(new.status.as_str()),
                    programs::submitted_by.eq(new.submitted_by.clone()),
                    programs::published_at
                        .eq((new.status == ProgramStatus::Published).then_some(at)),
                    programs::created_at.eq(at),
                    programs::updated_at.eq(at),
                ),
            ));
            let mut push = |table: usize, values: Vec<&'static str>| {
                let mut values = values;
                values.sort_unstable();
                values.dedup();
                facet_rows[table].extend(values.into_iter().map(|v| (id.clone(), v)));
            };
            push(0, content.formats.iter().map(|v| v.as_str()).collect());
            push(1, content.topics.iter().map(|v| v.as_str()).collect());
            push(
                2,
                content.career_stages.iter().map(|v| v.as_str()).collect(),
            );
            push(3, content.regions.iter().map(|v| v.as_str()).collect());
            push(4, content.audiences.iter().map(|v| v.as_str()).collect());
            push(5, content.languages.iter().map(|v| v.as_str()).collect());
            ids.push(id);
        }
        // Multi-row inserts do not compile for the multi backend; the
        // statement is the same on both.
        macro_rules! insert_rows {
            ($table:expr, $values:expr) => {{
                let query = diesel::insert_into($table).values($values);
                match conn {
                    AnyConnection::Sqlite(conn) => query.execute(conn)?,
                    AnyConnection::Postgresql(conn) => query.execute(conn)?,
                }
            }};
        }
        if !rows.is_empty() {
            insert_rows!(programs::table, rows);
        }
        macro_rules! insert_facets {
            ($index:expr, $table:ident) => {
                let values: Vec<_> = facet_rows[$index]
                    .iter()
                    .map(|(id, value)| {
                        ($table::program_id.eq(id.as_str()), $table::value.eq(*value))
                    })
                    .collect();
                if !values.is_empty() {
                    insert_rows!($table::table, values);
                }
            };
        }
        insert_facets!(0, program_formats);
        insert_facets!(1, program_topics);
        insert_facets!(2, program_career_stages);
        insert_facets!(3, program_regions);
        insert_facets!(4, program_audiences);
        insert_facets!(5, program_languages);
        program_changes::record_many(conn, &published, ChangeKind::Published)?;
        Ok(ids)
    })
}

/// How many programs exist, whatever their status.
pub fn count(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(programs::table.count().get_result(conn)?)
}
