use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use greenlight_domain::{Employment, Profile};

use crate::AnyConnection;
use crate::error::{StoreResult, decode};
use crate::ids::now;
use crate::schema::{profile_audiences, profile_genres, profile_interests, profiles};

/// A stored profile with its bookkeeping dates.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredProfile {
    pub user_id: String,
    pub profile: Profile,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Queryable)]
struct ProfileRow {
    user_id: String,
    display_name: String,
    headline: String,
    bio: String,
    birth_date: Option<NaiveDate>,
    province: Option<String>,
    residency_status: Option<String>,
    has_employment: bool,
    paid_work: bool,
    in_field: bool,
    full_time: bool,
    contract_ends_on: Option<NaiveDate>,
    has_job_prospects: bool,
    student: bool,
    producing_credits: i32,
    public: bool,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

/// The user's profile, or `NotFound` when they never saved one.
pub fn find(conn: &mut AnyConnection, user_id: &str) -> StoreResult<StoredProfile> {
    let row: ProfileRow = profiles::table.find(user_id).first(conn)?;
    let audiences: Vec<String> = profile_audiences::table
        .filter(profile_audiences::user_id.eq(user_id))
        .select(profile_audiences::audience)
        .order(profile_audiences::audience)
        .load(conn)?;
    let interests: Vec<String> = profile_interests::table
        .filter(profile_interests::user_id.eq(user_id))
        .select(profile_interests::topic)
        .order(profile_interests::topic)
        .load(conn)?;
    let genres: Vec<String> = profile_genres::table
        .filter(profile_genres::user_id.eq(user_id))
        .select(profile_genres::genre)
        .order(profile_genres::genre)
        .load(conn)?;
    let employment = row.has_employment.then_some(Employment {
        paid_work: row.paid_work,
        in_field: row.in_field,
        full_time: row.full_time,
        contract_ends_on: row.contract_ends_on,
        has_job_prospects: row.has_job_prospects,
    });
    let profile = Profile {
        display_name: row.display_name,
        headline: row.headline,
        bio: row.bio,
        birth_date: row.birth_date,
        province: row
            .province
            .as_deref()
            .map(|raw| decode(raw, "profiles.province"))
            .transpose()?,
        residency_status: row
            .residency_status
            .as_deref()
            .map(|raw| decode(raw, "profiles.residency_status"))
            .transpose()?,
        employment,
        student: row.student,
        producing_credits: u32::try_from(row.producing_credits).unwrap_or(0),
        audiences: audiences
            .iter()
            .map(|raw| decode(raw, "profile_audiences.audience"))
            .collect::<StoreResult<_>>()?,
        interests: interests
            .iter()
            .map(|raw| decode(raw, "profile_interests.topic"))
            .collect::<StoreResult<_>>()?,
        genres,
        public: row.public,
    };
    Ok(StoredProfile {
        user_id: row.user_id,
        profile,
        created_at: row.created_at.and_utc(),
        updated_at: row.updated_at.and_utc(),
    })
}

/// Replaces the user's profile (creating it the first time) and its tags, in
/// one transaction so that a reader never sees half of it.
pub fn save(
    conn: &mut AnyConnection,
    user_id: &str,
    profile: &Profile,
) -> StoreResult<StoredProfile> {
    conn.transaction(|conn| {
        let at = now().naive_utc();
        let employment = profile.employment.clone().unwrap_or_default();
        let credits = i32::try_from(profile.producing_credits).unwrap_or(i32::MAX);
        let values = (
            profiles::display_name.eq(&profile.display_name),
            profiles::headline.eq(&profile.headline),
            profiles::bio.eq(&profile.bio),
            profiles::birth_date.eq(profile.birth_date),
            profiles::province.eq(profile.province.map(|p| p.as_str())),
            profiles::residency_status.eq(profile.residency_status.map(|r| r.as_str())),
            profiles::has_employment.eq(profile.employment.is_some()),
            profiles::paid_work.eq(employment.paid_work),
            profiles::in_field.eq(employment.in_field),
            profiles::full_time.eq(employment.full_time),
            profiles::contract_ends_on.eq(employment.contract_ends_on),
            profiles::has_job_prospects.eq(employment.has_job_prospects),
            profiles::student.eq(profile.student),
            profiles::producing_credits.eq(credits),
            profiles::public.eq(profile.public),
            profiles::updated_at.eq(at),
        );
        let updated = diesel::update(profiles::table.find(user_id))
            .set(values)
            .execute(conn)?;
        if updated == 0 {
            diesel::insert_into(profiles::table)
                .values((
                    profiles::user_id.eq(user_id),
                    values,
                    profiles::created_at.eq(at),
                ))
                .execute(conn)?;
        }
        diesel::delete(profile_audiences::table.filter(profile_audiences::user_id.eq(user_id)))
            .execute(conn)?;
        diesel::delete(profile_interests::table.filter(profile_interests::user_id.eq(user_id)))
            .execute(conn)?;
        diesel::delete(profile_genres::table.filter(profile_genres::user_id.eq(user_id)))
            .execute(conn)?;
        // One row at a time: diesel's batch insert does not compile for the
        // two-backend connection, and these lists are short.
        for audience in &profile.audiences {
            diesel::insert_into(profile_audiences::table)
                .values((
                    profile_audiences::user_id.eq(user_id),
                    profile_audiences::audience.eq(audience.as_str()),
                ))
                .execute(conn)?;
        }
        for topic in &profile.interests {
            diesel::insert_into(profile_interests::table)
                .values((
                    profile_interests::user_id.eq(user_id),
                    profile_interests::topic.eq(topic.as_str()),
                ))
                .execute(conn)?;
        }
        for genre in &profile.genres {
            diesel::insert_into(profile_genres::table)
                .values((
                    profile_genres::user_id.eq(user_id),
                    profile_genres::genre.eq(genre),
                ))
                .execute(conn)?;
        }
        find(conn, user_id)
    })
}
