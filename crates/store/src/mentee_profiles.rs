//! Read queries over the public profiles that member companies browse. Only
//! the fields a mentee publishes are ever selected here: birth date,
//! residency, employment and audiences stay in `profiles` for the owner and
//! the eligibility rules.

use diesel::prelude::*;
use greenlight_domain::{CareerStage, Province, Role, Topic};

use crate::AnyConnection;
use crate::connection::{contains_pattern, lower};
use crate::error::{StoreResult, decode};
use crate::schema::{profile_genres, profile_interests, profiles, users};

#[derive(Debug, Clone, PartialEq)]
pub struct MenteeProfile {
    /// The mentee's user id: the same id their interest in a posting names.
    pub user_id: String,
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub province: Option<Province>,
    pub producing_credits: u32,
    pub interests: Vec<Topic>,
    pub genres: Vec<String>,
}

type PublicRow = (String, String, String, String, Option<String>, i32);

const PUBLIC_COLUMNS: (
    profiles::user_id,
    profiles::display_name,
    profiles::headline,
    profiles::bio,
    profiles::province,
    profiles::producing_credits,
) = (
    profiles::user_id,
    profiles::display_name,
    profiles::headline,
    profiles::bio,
    profiles::province,
    profiles::producing_credits,
);

#[derive(Debug, Clone, Default)]
pub struct MenteeFilter {
    pub province: Option<Province>,
    /// Any of these interests.
    pub interests: Vec<Topic>,
    /// Any of these stages, matched on the credit ranges that define them.
    pub career_stages: Vec<CareerStage>,
    /// A case-insensitive substring of the display name, headline or bio.
    pub q: Option<String>,
}

type Backend = <AnyConnection as Connection>::Backend;
/// Profiles with their owners, so that the role is checked per listed row
/// while the list walks the profiles in id order (a subquery of every
/// individual's id would be read in full for each page).
type Listed = diesel::dsl::InnerJoinQuerySource<
    profiles::table,
    users::table,
    diesel::dsl::Eq<users::id, profiles::user_id>,
>;
type Predicate = Box<dyn BoxableExpression<Listed, Backend, SqlType = diesel::sql_types::Bool>>;

fn in_stage(stage: CareerStage) -> Predicate {
    let min = i32::try_from(stage.min_credits()).unwrap_or(i32::MAX);
    match stage.max_credits() {
        Some(max) => Box::new(
            profiles::producing_credits
                .ge(min)
                .and(profiles::producing_credits.le(i32::try_from(max).unwrap_or(i32::MAX))),
        ),
        None => Box::new(profiles::producing_credits.ge(min)),
    }
}

/// Public profiles of individuals by user id, after the user id `after`.
/// A profile stops being listed the moment it is made private, or when its
/// owner becomes a company representative or staff.
pub fn list(
    conn: &mut AnyConnection,
    filter: &MenteeFilter,
    after: Option<&str>,
    limit: i64,
) -> StoreResult<Vec<MenteeProfile>> {
    let mut query = profiles::table
        .inner_join(users::table.on(users::id.eq(profiles::user_id)))
        .filter(profiles::public.eq(true))
        .filter(users::role.eq(Role::Individual.as_str()))
        .select(PUBLIC_COLUMNS)
        .into_boxed();
    if let Some(province) = filter.province {
        query = query.filter(profiles::province.eq(province.as_str()));
    }
    if !filter.interests.is_empty() {
        let topics: Vec<&str> = filter.interests.iter().map(|t| t.as_str()).collect();
        query = query.filter(
            profiles::user_id.eq_any(
                profile_interests::table
                    .filter(profile_interests::topic.eq_any(topics))
                    .select(profile_interests::user_id),
            ),
        );
    }
    if let Some(stages) = filter
        .career_stages
        .iter()
        .copied()
        .map(in_stage)
        .reduce(|any, next| Box::new(any.or(next)))
    {
        query = query.filter(stages);
    }
    if let Some(q) = filter.q.as_deref() {
        let pattern = contains_pattern(q);
        query = query.filter(
            lower(profiles::display_name)
                .like(pattern.clone())
                .escape('\\')
                .or(lower(profiles::headline).like(pattern.clone()).escape('\\'))
                .or(lower(profiles::bio).like(pattern).escape('\\')),
        );
    }
    if let Some(after) = after {
        query = query.filter(profiles::user_id.gt(after.to_owned()));
    }
    let rows: Vec<PublicRow> = query
        .order(profiles::user_id.asc())
        .limit(limit)
        .load(conn)?;
    hydrate(conn, rows)
}

/// One public profile; `NotFound` when it is private, missing or not a
/// mentee's, so that a caller cannot tell those apart.
pub fn find_public(conn: &mut AnyConnection, user_id: &str) -> StoreResult<MenteeProfile> {
    let row: PublicRow = profiles::table
        .inner_join(users::table.on(users::id.eq(profiles::user_id)))
        .filter(profiles::user_id.eq(user_id))
        .filter(profiles::public.eq(true))
        .filter(users::role.eq(Role::Individual.as_str()))
        .select(PUBLIC_COLUMNS)
        .first(conn)?;
    hydrate(conn, vec![row])?
        .pop()
        .ok_or(crate::StoreError::NotFound)
}

fn hydrate(conn: &mut AnyConnection, rows: Vec<PublicRow>) -> StoreResult<Vec<MenteeProfile>> {
    let ids: Vec<&str> = rows.iter().map(|row| row.0.as_str()).collect();
    let interests: Vec<(String, String)> = profile_interests::table
        .filter(profile_interests::user_id.eq_any(&ids))
        .order((profile_interests::user_id, profile_interests::topic))
        .load(conn)?;
    let genres: Vec<(String, String)> = profile_genres::table
        .filter(profile_genres::user_id.eq_any(&ids))
        .order((profile_genres::user_id, profile_genres::genre))
        .load(conn)?;
    rows.into_iter()
        .map(
            |(user_id, display_name, headline, bio, province, credits)| {
                let interests = interests
                    .iter()
                    .filter(|(owner, _)| *owner == user_id)
                    .map(|(_, topic)| decode(topic, "profile_interests.topic"))
                    .collect::<StoreResult<_>>()?;
                let genres = genres
                    .iter()
                    .filter(|(owner, _)| *owner == user_id)
                    .map(|(_, genre)| genre.clone())
                    .collect();
                Ok(MenteeProfile {
                    province: province
                        .as_deref()
                        .map(|raw| decode(raw, "profiles.province"))
                        .transpose()?,
                    user_id,
                    display_name,
                    headline,
                    bio,
                    producing_credits: u32::try_from(credits).unwrap_or(0),
                    interests,
                    genres,
                })
            },
        )
        .collect()
}
