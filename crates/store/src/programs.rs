//! Catalogue programs, their facets (one join table per facet) and the
//! folded text that search matches.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Bool};
use greenlight_domain::{
    Audience, CareerStage, Cents, Delivery, Format, Language, ProgramStatus, Region, SearchTerms,
    Slug, Topic, fold_for_search, fold_words,
};

use crate::error::StoreResult;
use crate::ids::{new_id, now};
use crate::providers::corrupt;
use crate::schema::{
    program_audiences, program_career_stages, program_formats, program_languages, program_regions,
    program_topics, programs, providers,
};
use crate::{AnyConnection, StoreError};

/// Everything an editor writes about a program, except its slug.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramContent {
    pub title: String,
    pub provider_id: String,
    pub summary: String,
    pub description: String,
    pub formats: Vec<Format>,
    pub topics: Vec<Topic>,
    pub career_stages: Vec<CareerStage>,
    pub regions: Vec<Region>,
    pub audiences: Vec<Audience>,
    pub delivery: Delivery,
    pub languages: Vec<Language>,
    pub cost: Cents,
    pub stipend: Option<Cents>,
    pub application_deadline: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewProgram {
    pub content: ProgramContent,
    /// `None` derives one from the title, numbered when taken.
    pub slug: Option<Slug>,
    pub status: ProgramStatus,
    pub submitted_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub id: String,
    pub slug: String,
    pub provider_name: String,
    pub content: ProgramContent,
    pub status: ProgramStatus,
    pub submitted_by: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
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
    sort_title: String,
    _search_title: String,
    _search_summary: String,
    _search_text: String,
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
    Cents::parse(raw).map_err(|_| corrupt("programs", column, &raw.to_string()))
}

impl ProgramRow {
    fn into_program(self, provider_name: String, facets: Facets) -> StoreResult<Program> {
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
                delivery: self
                    .delivery
                    .parse()
                    .map_err(|_| corrupt("programs", "delivery", &self.delivery))?,
                languages: facets.languages,
                cost: cents("cost_cents", self.cost_cents)?,
                stipend: self
                    .stipend_cents
                    .map(|raw| cents("stipend_cents", raw))
                    .transpose()?,
                application_deadline: self.application_deadline,
                starts_on: self.starts_on,
                ends_on: self.ends_on,
                url: self.url,
            },
            status: self
                .status
                .parse()
                .map_err(|_| corrupt("programs", "status", &self.status))?,
            id: self.id,
            slug: self.slug,
            provider_name,
            submitted_by: self.submitted_by,
            published_at: self.published_at.map(|at| at.and_utc()),
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

/// The folded columns search and title ordering read. Each search column
/// starts with a space so that `LIKE '% word%'` finds a word prefix anywhere.
#[derive(Debug, Clone)]
pub(crate) struct SearchColumns {
    pub(crate) sort_title: String,
    search_title: String,
    search_summary: String,
    search_text: String,
}

impl SearchColumns {
    /// The words [`full_text_condition`] matches against.
    pub(crate) fn words(&self) -> impl Iterator<Item = &str> {
        self.search_text.split(' ').filter(|word| !word.is_empty())
    }

    /// How a word of [`SearchColumns::words`] counts towards [`score_sql`]:
    /// 4 when it is a word of the title, 2 of the summary, 1 anywhere. A
    /// term's score in a program is the OR of the marks of the words it is a
    /// prefix of, which is what `score_sql`'s three `LIKE`s add up to.
    pub(crate) fn word_marks(&self) -> impl Iterator<Item = (&str, u8)> {
        let title: HashSet<&str> = self.search_title.split(' ').collect();
        let summary: HashSet<&str> = self.search_summary.split(' ').collect();
        self.words().map(move |word| {
            let mark =
                1 | (u8::from(summary.contains(word)) << 1) | (u8::from(title.contains(word)) << 2);
            (word, mark)
        })
    }

    pub(crate) fn of(content: &ProgramContent, provider_name: &str) -> Self {
        let title = fold_for_search(&content.title);
        let summary = fold_for_search(&content.summary);
        let text = [
            title.as_str(),
            summary.as_str(),
            &fold_for_search(&content.description),
            &fold_for_search(provider_name),
        ]
        .join(" ");
        SearchColumns {
            search_title: format!(" {title}"),
            search_summary: format!(" {summary}"),
            search_text: format!(" {}", text.split_whitespace().collect::<Vec<_>>().join(" ")),
            sort_title: fold_words(&content.title),
        }
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

/// Inserts the program with its facets. A given slug that is taken is
/// [`StoreError::Conflict`]; a derived one is numbered (`my-program-2`)
/// until free. An unknown provider is [`StoreError::MissingReference`].
pub fn create(conn: &mut AnyConnection, new: &NewProgram) -> StoreResult<Program> {
    conn.transaction(|conn| {
        let provider = provider_name(conn, &new.content.provider_id)?;
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
            match conn.transaction(|conn| insert_row(conn, &id, &slug, new, &provider)) {
                Err(StoreError::Conflict { .. }) if new.slug.is_none() && attempts < 5 => {
                    attempts += 1;
                }
                other => break other?,
            }
        }
        write_facets(conn, &id, &new.content)?;
        find(conn, &id)
    })
}

fn insert_row(
    conn: &mut AnyConnection,
    id: &str,
    slug: &Slug,
    new: &NewProgram,
    provider: &str,
) -> StoreResult<()> {
    let at = now().naive_utc();
    let content = &new.content;
    let search = SearchColumns::of(content, provider);
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
            programs::status.eq(new.status.as_str()),
            programs::submitted_by.eq(new.submitted_by.as_deref()),
            programs::published_at.eq((new.status == ProgramStatus::Published).then_some(at)),
            programs::created_at.eq(at),
            programs::updated_at.eq(at),
            programs::sort_title.eq(&search.sort_title),
            programs::search_title.eq(&search.search_title),
            programs::search_summary.eq(&search.search_summary),
            programs::search_text.eq(&search.search_text),
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
                        .map_err(|_| corrupt(stringify!($table), "value", &value))?;
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
    let names: HashMap<String, String> = providers::table
        .filter(providers::id.eq_any(&provider_ids))
        .select((providers::id, providers::name))
        .load::<(String, String)>(conn)?
        .into_iter()
        .collect();
    rows.into_iter()
        .map(|row| {
            let name = names.get(&row.provider_id).cloned().unwrap_or_default();
            let facets = facets.remove(&row.id).unwrap_or_default();
            row.into_program(name, facets)
        })
        .collect()
}

/// A program by id or slug, whatever its status.
pub fn find(conn: &mut AnyConnection, id_or_slug: &str) -> StoreResult<Program> {
    let row: ProgramRow = programs::table
        .filter(
            programs::id
                .eq(id_or_slug)
                .or(programs::slug.eq(id_or_slug)),
        )
        .first(conn)?;
    hydrate(conn, vec![row])?.pop().ok_or(StoreError::NotFound)
}

/// Replaces the program's content and slug (facets included).
pub fn update(
    conn: &mut AnyConnection,
    id: &str,
    slug: &Slug,
    content: &ProgramContent,
) -> StoreResult<Program> {
    conn.transaction(|conn| {
        let provider = provider_name(conn, &content.provider_id)?;
        let search = SearchColumns::of(content, &provider);
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
                    programs::updated_at.eq(now().naive_utc()),
                    programs::sort_title.eq(&search.sort_title),
                    programs::search_title.eq(&search.search_title),
                    programs::search_summary.eq(&search.search_summary),
                    programs::search_text.eq(&search.search_text),
                ))
                .execute(conn)
                .map_err(StoreError::from)
        })?;
        if updated == 0 {
            return Err(StoreError::NotFound);
        }
        write_facets(conn, id, content)?;
        find(conn, id)
    })
}

/// Marks a pending program published. Returns the program and whether this
/// call published it (`false` when it already was).
pub fn publish(conn: &mut AnyConnection, id: &str) -> StoreResult<(Program, bool)> {
    conn.transaction(|conn| {
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
        Ok((find(conn, id)?, changed > 0))
    })
}

/// Deletes the program and its facets. One that other records point at
/// (such as mentorship cycles) is [`StoreError::MissingReference`].
pub fn delete(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    match diesel::delete(programs::table.find(id)).execute(conn)? {
        0 => Err(StoreError::NotFound),
        _ => Ok(()),
    }
}

/// Recomputes the search text of a provider's programs after its name changed.
pub(crate) fn refresh_search_text_of_provider(
    conn: &mut AnyConnection,
    provider_id: &str,
) -> StoreResult<()> {
    let rows: Vec<ProgramRow> = programs::table
        .filter(programs::provider_id.eq(provider_id))
        .load(conn)?;
    // The provider's name is part of each program's representation, so the
    // programs count as updated (caches and ETags see the change).
    let at = now().naive_utc();
    for program in hydrate(conn, rows)? {
        let search = SearchColumns::of(&program.content, &program.provider_name);
        diesel::update(programs::table.find(&program.id))
            .set((
                programs::search_text.eq(&search.search_text),
                programs::updated_at.eq(at),
            ))
            .execute(conn)?;
    }
    Ok(())
}

type Db = <AnyConnection as Connection>::Backend;
type Condition = Box<dyn BoxableExpression<programs::table, Db, SqlType = Bool>>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgramSort {
    /// Best full-text match first; without search terms, every score is 0.
    Relevance,
    /// Soonest deadline first, programs without one last.
    Deadline,
    Title,
    /// Most recently changed first.
    Updated,
}

/// Which programs a list shows. Within one facet the values are OR'd; the
/// facets and the other conditions are AND'ed.
#[derive(Debug, Clone)]
pub struct ProgramFilter {
    pub search: Option<SearchTerms>,
    pub career_stages: Vec<CareerStage>,
    pub formats: Vec<Format>,
    pub topics: Vec<Topic>,
    pub regions: Vec<Region>,
    pub audiences: Vec<Audience>,
    pub languages: Vec<Language>,
    pub deliveries: Vec<Delivery>,
    pub provider_ids: Vec<String>,
    /// `Some(true)`: the deadline is on or after `today`, or there is none;
    /// `Some(false)`: the deadline is before `today`.
    pub open: Option<bool>,
    pub today: NaiveDate,
    /// Deadline strictly before this day.
    pub deadline_before: Option<NaiveDate>,
    /// Deadline strictly after this day.
    pub deadline_after: Option<NaiveDate>,
    pub max_cost: Option<Cents>,
    pub status: ProgramStatus,
    /// Only programs this user submitted.
    pub submitted_by: Option<String>,
}

impl ProgramFilter {
    /// Every published program.
    pub fn published(today: NaiveDate) -> Self {
        ProgramFilter {
            search: None,
            career_stages: Vec::new(),
            formats: Vec::new(),
            topics: Vec::new(),
            regions: Vec::new(),
            audiences: Vec::new(),
            languages: Vec::new(),
            deliveries: Vec::new(),
            provider_ids: Vec::new(),
            open: None,
            today,
            deadline_before: None,
            deadline_after: None,
            max_cost: None,
            status: ProgramStatus::Published,
            submitted_by: None,
        }
    }
}

/// Where the previous page ended, in the terms of the sort in use. Every
/// sort ends with the folded title and the id, so the order is total and
/// the same on both backends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct After {
    pub score: i64,
    pub deadline: Option<NaiveDate>,
    pub updated_at: chrono::NaiveDateTime,
    pub sort_title: String,
    pub id: String,
}

/// One row of a list: the program and the keys a cursor is made of.
#[derive(Debug, Clone)]
pub struct Listed {
    pub program: Program,
    pub score: i64,
    pub sort_title: String,
}

impl Listed {
    pub fn after(&self) -> After {
        After {
            score: self.score,
            deadline: self.program.content.application_deadline,
            updated_at: self.program.updated_at.naive_utc(),
            sort_title: self.sort_title.clone(),
            id: self.program.id.clone(),
        }
    }
}

/// Relevance of a program to the terms, as an integer both backends compute
/// identically (their own ranking functions, bm25 and ts_rank, disagree): per
/// term, 4 for a title word, 2 for a summary word, 1 for a word anywhere
/// (description and provider name included), each matched as a word prefix.
fn score_sql(search: Option<&SearchTerms>) -> String {
    let Some(terms) = search else {
        return "CAST(0 AS BIGINT)".to_owned();
    };
    // Terms hold only [a-z0-9] (SearchTerms guarantees it), so they can be
    // written into the statement without quoting issues.
    let parts: Vec<String> = terms
        .words()
        .iter()
        .map(|word| {
            format!(
                "CASE WHEN programs.search_title LIKE '% {word}%' THEN 4 ELSE 0 END \
                 + CASE WHEN programs.search_summary LIKE '% {word}%' THEN 2 ELSE 0 END \
                 + CASE WHEN programs.search_text LIKE '% {word}%' THEN 1 ELSE 0 END"
            )
        })
        .collect();
    format!("CAST(({}) AS BIGINT)", parts.join(" + "))
}

/// The index-backed match: every term is the prefix of a word of the search
/// text. FTS5 on SQLite, a GIN-indexed tsvector on PostgreSQL; both see the
/// same words because the text was folded before it was stored.
fn full_text_condition(conn: &AnyConnection, terms: &SearchTerms) -> String {
    match conn {
        AnyConnection::Sqlite(_) => {
            let query: Vec<String> = terms.words().iter().map(|w| format!("\"{w}\"*")).collect();
            format!(
                "programs.id IN (SELECT program_id FROM programs_fts WHERE programs_fts MATCH '{}')",
                query.join(" ")
            )
        }
        AnyConnection::Postgresql(_) => {
            let query: Vec<String> = terms.words().iter().map(|w| format!("{w}:*")).collect();
            format!(
                "to_tsvector('simple', programs.search_text) @@ to_tsquery('simple', '{}')",
                query.join(" & ")
            )
        }
    }
}

macro_rules! facet_condition {
    ($conditions:ident, $values:expr, $table:ident) => {
        if !$values.is_empty() {
            let values: Vec<&'static str> = $values.iter().map(|v| v.as_str()).collect();
            $conditions.push(Box::new(
                programs::id.eq_any(
                    $table::table
                        .filter($table::value.eq_any(values))
                        .select($table::program_id),
                ),
            ));
        }
    };
}

fn conditions(conn: &AnyConnection, filter: &ProgramFilter) -> Vec<Condition> {
    let mut conditions: Vec<Condition> =
        vec![Box::new(programs::status.eq(filter.status.as_str()))];
    if let Some(user) = &filter.submitted_by {
        conditions.push(Box::new(
            programs::submitted_by.eq(user.clone()).assume_not_null(),
        ));
    }
    if let Some(terms) = &filter.search {
        conditions.push(Box::new(sql::<Bool>(&full_text_condition(conn, terms))));
    }
    facet_condition!(conditions, filter.career_stages, program_career_stages);
    facet_condition!(conditions, filter.formats, program_formats);
    facet_condition!(conditions, filter.topics, program_topics);
    facet_condition!(conditions, filter.regions, program_regions);
    facet_condition!(conditions, filter.audiences, program_audiences);
    facet_condition!(conditions, filter.languages, program_languages);
    if !filter.deliveries.is_empty() {
        let values: Vec<&'static str> = filter.deliveries.iter().map(|d| d.as_str()).collect();
        conditions.push(Box::new(programs::delivery.eq_any(values)));
    }
    if !filter.provider_ids.is_empty() {
        conditions.push(Box::new(
            programs::provider_id.eq_any(filter.provider_ids.clone()),
        ));
    }
    let deadline = programs::application_deadline;
    match filter.open {
        Some(true) => conditions.push(Box::new(
            deadline
                .is_null()
                .or(deadline.ge(filter.today).assume_not_null()),
        )),
        Some(false) => conditions.push(Box::new(deadline.lt(filter.today).assume_not_null())),
        None => {}
    }
    if let Some(day) = filter.deadline_before {
        conditions.push(Box::new(deadline.lt(day).assume_not_null()));
    }
    if let Some(day) = filter.deadline_after {
        conditions.push(Box::new(deadline.gt(day).assume_not_null()));
    }
    if let Some(max) = filter.max_cost {
        conditions.push(Box::new(programs::cost_cents.le(max.get())));
    }
    conditions
}

/// `(sort_title, id)` after the cursor's: the tie-break every sort ends with.
fn after_title_and_id(after: &After) -> Condition {
    Box::new(
        programs::sort_title
            .gt(after.sort_title.clone())
            .or(programs::sort_title
                .eq(after.sort_title.clone())
                .and(programs::id.gt(after.id.clone()))),
    )
}

fn after_condition(sort: ProgramSort, score: &str, after: &After) -> Condition {
    let tail = after_title_and_id(after);
    match sort {
        ProgramSort::Title => tail,
        ProgramSort::Relevance => Box::new(
            sql::<Bool>(&format!("({score}) < {}", after.score)).or(sql::<Bool>(&format!(
                "({score}) = {}",
                after.score
            ))
            .and(tail)),
        ),
        ProgramSort::Updated => Box::new(
            programs::updated_at
                .lt(after.updated_at)
                .or(programs::updated_at.eq(after.updated_at).and(tail)),
        ),
        ProgramSort::Deadline => {
            let deadline = programs::application_deadline;
            match after.deadline {
                Some(day) => Box::new(
                    deadline
                        .is_null()
                        .or(deadline.gt(day).assume_not_null())
                        .or(deadline.eq(day).assume_not_null().and(tail)),
                ),
                None => Box::new(deadline.is_null().and(tail)),
            }
        }
    }
}

/// A page of programs matching `filter`, in `sort` order, after `after`.
pub fn list(
    conn: &mut AnyConnection,
    filter: &ProgramFilter,
    sort: ProgramSort,
    after: Option<&After>,
    limit: i64,
) -> StoreResult<Vec<Listed>> {
    let score = score_sql(filter.search.as_ref());
    let mut query = programs::table
        .select((programs::all_columns, sql::<BigInt>(&score)))
        .into_boxed();
    for condition in conditions(conn, filter) {
        query = query.filter(condition);
    }
    if let Some(after) = after {
        query = query.filter(after_condition(sort, &score, after));
    }
    query = match sort {
        ProgramSort::Relevance => query.order(sql::<BigInt>(&score).desc()),
        ProgramSort::Deadline => query
            .order(programs::application_deadline.is_null().asc())
            .then_order_by(programs::application_deadline.asc()),
        ProgramSort::Title => query,
        ProgramSort::Updated => query.order(programs::updated_at.desc()),
    };
    let rows: Vec<(ProgramRow, i64)> = query
        .then_order_by(programs::sort_title.asc())
        .then_order_by(programs::id.asc())
        .limit(limit)
        .load(conn)?;
    let keys: Vec<(i64, String)> = rows
        .iter()
        .map(|(row, score)| (*score, row.sort_title.clone()))
        .collect();
    let programs = hydrate(conn, rows.into_iter().map(|(row, _)| row).collect())?;
    Ok(programs
        .into_iter()
        .zip(keys)
        .map(|(program, (score, sort_title))| Listed {
            program,
            score,
            sort_title,
        })
        .collect())
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
        let names: HashMap<String, String> = providers::table
            .select((providers::id, providers::name))
            .load::<(String, String)>(conn)?
            .into_iter()
            .collect();
        let at = now().naive_utc();
        let mut ids = Vec::with_capacity(batch.len());
        let mut rows = Vec::with_capacity(batch.len());
        let mut facet_rows: [Vec<(String, &'static str)>; 6] = Default::default();
        for new in batch {
            let content = &new.content;
            let provider =
                names
                    .get(&content.provider_id)
                    .ok_or_else(|| StoreError::MissingReference {
                        constraint: Some("programs_provider_id_fkey".to_owned()),
                    })?;
            let slug = new
                .slug
                .clone()
                .unwrap_or_else(|| Slug::from_title(&content.title));
            let search = SearchColumns::of(content, provider);
            let id = new_id();
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
                    programs::sort_title.eq(search.sort_title),
                    programs::search_title.eq(search.search_title),
                    programs::search_summary.eq(search.search_summary),
                    programs::search_text.eq(search.search_text),
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
        Ok(ids)
    })
}

/// How many programs exist, whatever their status.
pub fn count(conn: &mut AnyConnection) -> StoreResult<i64> {
    Ok(programs::table.count().get_result(conn)?)
}

/// Changes whenever a program is added, changed, published or removed: the
/// number of programs and the latest update time. Cheap enough to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CatalogueVersion {
    pub programs: i64,
    pub last_update: Option<chrono::NaiveDateTime>,
}

pub fn version(conn: &mut AnyConnection) -> StoreResult<CatalogueVersion> {
    let (programs, last_update) = programs::table
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(programs::updated_at),
        ))
        .first(conn)?;
    Ok(CatalogueVersion {
        programs,
        last_update,
    })
}

/// Every published program, by id.
pub fn all_published(conn: &mut AnyConnection) -> StoreResult<Vec<Program>> {
    let rows: Vec<ProgramRow> = programs::table
        .filter(programs::status.eq(ProgramStatus::Published.as_str()))
        .order(programs::id.asc())
        .load(conn)?;
    hydrate(conn, rows)
}
