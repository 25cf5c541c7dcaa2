use chrono::{DateTime, NaiveDate, Utc};
use diesel::dsl::exists;
use diesel::prelude::*;
use greenlight_domain::{
    ApplicationStatus, Cents, CycleRules, CycleStatus, NotificationDates, Translations,
};

use crate::error::{StoreResult, decode};
use crate::ids::{new_id, now};
use crate::schema::{applications, cycle_rule_values, cycles};
use crate::{AnyConnection, StoreError, translations};

#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    pub id: String,
    pub program_id: String,
    pub name: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub placement_starts_on: NaiveDate,
    pub placement_ends_on: NaiveDate,
    pub max_placements: u32,
    pub stipend: Cents,
    pub grant: Cents,
    pub min_mentor_contribution: Cents,
    pub rules: CycleRules,
    pub notifications: NotificationDates,
    /// The French `name`, if any.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct NewCycle {
    pub program_id: String,
    pub name: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub placement_starts_on: NaiveDate,
    pub placement_ends_on: NaiveDate,
    pub max_placements: u32,
    pub stipend: Cents,
    pub grant: Cents,
    pub min_mentor_contribution: Cents,
    pub rules: CycleRules,
    pub notifications: NotificationDates,
    pub translations: Translations,
}

#[derive(Queryable)]
struct CycleRow {
    id: String,
    program_id: String,
    name: String,
    opens_at: chrono::NaiveDateTime,
    closes_at: chrono::NaiveDateTime,
    placement_starts_on: NaiveDate,
    placement_ends_on: NaiveDate,
    max_placements: i32,
    stipend_cents: i64,
    grant_cents: i64,
    min_mentor_contribution_cents: i64,
    min_age: Option<i32>,
    max_age: Option<i32>,
    student_required: bool,
    notify_selected_from: NaiveDate,
    notify_selected_by: NaiveDate,
    notify_unsuccessful_by: NaiveDate,
    _lock_version: i64,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    translations: String,
}

/// The column `rule` of `cycle_rule_values` for each list of `CycleRules`.
const RESIDENCY: &str = "residency";
const EMPLOYMENT_STATUS: &str = "employment_status";
const PROVINCE: &str = "province";
const AUDIENCE: &str = "audience";
const CAREER_STAGE: &str = "career_stage";

fn cents(raw: i64, column: &str) -> StoreResult<Cents> {
    Cents::parse(raw).map_err(|_| {
        StoreError::Database(diesel::result::Error::DeserializationError(
            format!("negative amount in {column}").into(),
        ))
    })
}

fn to_u32(raw: i32) -> u32 {
    u32::try_from(raw).unwrap_or(0)
}

fn to_i32(raw: u32) -> i32 {
    i32::try_from(raw).unwrap_or(i32::MAX)
}

/// The values of one list rule of one cycle, from `(cycle, rule, value)` rows.
fn rule_list<T: std::str::FromStr>(
    values: &[(String, String, String)],
    cycle_id: &str,
    rule: &str,
) -> StoreResult<Vec<T>> {
    values
        .iter()
        .filter(|(cycle, kind, _)| cycle == cycle_id && kind == rule)
        .map(|(_, _, value)| decode(value, "cycle_rule_values.value"))
        .collect()
}

impl CycleRow {
    fn into_cycle(self, values: &[(String, String, String)]) -> StoreResult<Cycle> {
        let rules = CycleRules {
            residency: rule_list(values, &self.id, RESIDENCY)?,
            min_age: self.min_age.map(to_u32),
            max_age: self.max_age.map(to_u32),
            employment_statuses: rule_list(values, &self.id, EMPLOYMENT_STATUS)?,
            student_required: self.student_required,
            provinces: rule_list(values, &self.id, PROVINCE)?,
            audiences_any: rule_list(values, &self.id, AUDIENCE)?,
            career_stages: rule_list(values, &self.id, CAREER_STAGE)?,
        };
        Ok(Cycle {
            stipend: cents(self.stipend_cents, "cycles.stipend_cents")?,
            grant: cents(self.grant_cents, "cycles.grant_cents")?,
            min_mentor_contribution: cents(
                self.min_mentor_contribution_cents,
                "cycles.min_mentor_contribution_cents",
            )?,
            id: self.id,
            program_id: self.program_id,
            name: self.name,
            opens_at: self.opens_at.and_utc(),
            closes_at: self.closes_at.and_utc(),
            placement_starts_on: self.placement_starts_on,
            placement_ends_on: self.placement_ends_on,
            max_placements: to_u32(self.max_placements),
            rules,
            notifications: NotificationDates {
                selected_from: self.notify_selected_from,
                selected_by: self.notify_selected_by,
                unsuccessful_by: self.notify_unsuccessful_by,
            },
            translations: translations::decode(&self.translations, "cycles.translations")?,
            created_at: self.created_at.and_utc(),
            updated_at: self.updated_at.and_utc(),
        })
    }
}

fn rule_values(rules: &CycleRules) -> Vec<(&'static str, &'static str)> {
    let mut values = Vec::new();
    values.extend(rules.residency.iter().map(|v| (RESIDENCY, v.as_str())));
    values.extend(
        rules
            .employment_statuses
            .iter()
            .map(|v| (EMPLOYMENT_STATUS, v.as_str())),
    );
    values.extend(rules.provinces.iter().map(|v| (PROVINCE, v.as_str())));
    values.extend(rules.audiences_any.iter().map(|v| (AUDIENCE, v.as_str())));
    values.extend(
        rules
            .career_stages
            .iter()
            .map(|v| (CAREER_STAGE, v.as_str())),
    );
    values.sort();
    values.dedup();
    values
}

/// Inserts the cycle; a `program_id` that names no program is
/// [`StoreError::MissingReference`].
pub fn create(conn: &mut AnyConnection, new: &NewCycle) -> StoreResult<Cycle> {
    conn.transaction(|conn| {
        let id = new_id();
        let at = now().naive_utc();
        diesel::insert_into(cycles::table)
            .values((
                cycles::id.eq(&id),
                cycles::program_id.eq(&new.program_id),
                cycles::name.eq(&new.name),
                cycles::opens_at.eq(new.opens_at.naive_utc()),
                cycles::closes_at.eq(new.closes_at.naive_utc()),
                cycles::placement_starts_on.eq(new.placement_starts_on),
                cycles::placement_ends_on.eq(new.placement_ends_on),
                cycles::max_placements.eq(to_i32(new.max_placements)),
                cycles::stipend_cents.eq(new.stipend.get()),
                cycles::grant_cents.eq(new.grant.get()),
                cycles::min_mentor_contribution_cents.eq(new.min_mentor_contribution.get()),
                cycles::min_age.eq(new.rules.min_age.map(to_i32)),
                cycles::max_age.eq(new.rules.max_age.map(to_i32)),
                cycles::student_required.eq(new.rules.student_required),
                cycles::notify_selected_from.eq(new.notifications.selected_from),
                cycles::notify_selected_by.eq(new.notifications.selected_by),
                cycles::notify_unsuccessful_by.eq(new.notifications.unsuccessful_by),
                cycles::translations.eq(translations::encode(&new.translations)),
                cycles::lock_version.eq(0_i64),
                cycles::created_at.eq(at),
                cycles::updated_at.eq(at),
            ))
            .execute(conn)?;
        // One row at a time: batch inserts do not compile for `AnyConnection`.
        for (rule, value) in rule_values(&new.rules) {
            diesel::insert_into(cycle_rule_values::table)
                .values((
                    cycle_rule_values::cycle_id.eq(&id),
                    cycle_rule_values::rule.eq(rule),
                    cycle_rule_values::value.eq(value),
                ))
                .execute(conn)?;
        }
        find(conn, &id)
    })
}

fn hydrate(conn: &mut AnyConnection, rows: Vec<CycleRow>) -> StoreResult<Vec<Cycle>> {
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    let values: Vec<(String, String, String)> = cycle_rule_values::table
        .filter(cycle_rule_values::cycle_id.eq_any(&ids))
        .order((
            cycle_rule_values::cycle_id,
            cycle_rule_values::rule,
            cycle_rule_values::value,
        ))
        .load(conn)?;
    rows.into_iter()
        .map(|row| row.into_cycle(&values))
        .collect()
}

pub fn find(conn: &mut AnyConnection, id: &str) -> StoreResult<Cycle> {
    let row: CycleRow = cycles::table.find(id).first(conn)?;
    hydrate(conn, vec![row])?.pop().ok_or(StoreError::NotFound)
}

#[derive(Debug, Clone, Default)]
pub struct CycleFilter {
    pub program_id: Option<String>,
    pub status: Option<CycleStatus>,
    /// Only cycles late on a notification date as of `today` (see [`list`]).
    pub late: bool,
    pub now: Option<DateTime<Utc>>,
}

/// Cycles oldest first, after the cycle with id `after`.
///
/// `late` keeps the cycles whose mentees are waiting past a date the FAQ
/// promises: after `notify_selected_by`, an application still `submitted`
/// (undecided) or `selected` but not released; or after
/// `notify_unsuccessful_by`, one `waitlisted` or `declined` but not released.
pub fn list(
    conn: &mut AnyConnection,
    filter: &CycleFilter,
    after: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<Cycle>> {
    let at = filter.now.unwrap_or_else(now);
    let at_naive = at.naive_utc();
    let today = at.date_naive();
    let mut query = cycles::table.into_boxed();
    if let Some(program_id) = &filter.program_id {
        query = query.filter(cycles::program_id.eq(program_id.clone()));
    }
    query = match filter.status {
        None => query,
        Some(CycleStatus::Upcoming) => query.filter(cycles::opens_at.gt(at_naive)),
        Some(CycleStatus::Open) => query
            .filter(cycles::opens_at.le(at_naive))
            .filter(cycles::closes_at.ge(at_naive)),
        Some(CycleStatus::Closed) => query.filter(cycles::closes_at.lt(at_naive)),
    };
    if filter.late {
        let waiting_for_selection = applications::table
            .filter(applications::cycle_id.eq(cycles::id))
            .filter(
                applications::status
                    .eq(ApplicationStatus::Submitted.as_str())
                    .or(applications::status
                        .eq(ApplicationStatus::Selected.as_str())
                        .and(applications::released_at.is_null())),
            );
        let waiting_for_refusal = applications::table
            .filter(applications::cycle_id.eq(cycles::id))
            .filter(applications::status.eq_any([
                ApplicationStatus::Waitlisted.as_str(),
                ApplicationStatus::Declined.as_str(),
            ]))
            .filter(applications::released_at.is_null());
        query = query.filter(
            cycles::notify_selected_by
                .lt(today)
                .and(exists(waiting_for_selection))
                .or(cycles::notify_unsuccessful_by
                    .lt(today)
                    .and(exists(waiting_for_refusal))),
        );
    }
    if let Some(after) = after {
        query = query.filter(cycles::id.gt(after.to_owned()));
    }
    let rows: Vec<CycleRow> = query.order(cycles::id.asc()).limit(limit).load(conn)?;
    hydrate(conn, rows)
}

/// Write-touches the cycle's row so that, inside a transaction, competing
/// writers of the same cycle wait for this one (see the decision handler).
pub fn lock(conn: &mut AnyConnection, id: &str) -> StoreResult<()> {
    let touched = diesel::update(cycles::table.find(id))
        .set(cycles::lock_version.eq(cycles::lock_version + 1_i64))
        .execute(conn)?;
    if touched == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// How many applications of the cycle are `selected`.
pub fn selected_count(conn: &mut AnyConnection, id: &str) -> StoreResult<i64> {
    Ok(applications::table
        .filter(applications::cycle_id.eq(id))
        .filter(applications::status.eq(ApplicationStatus::Selected.as_str()))
        .count()
        .get_result(conn)?)
}
