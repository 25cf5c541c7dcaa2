//! The signed-in producer's own profile (`/me/profile`): the facts the
//! mentorship rules and the program matcher read.

use actix_web::{HttpRequest, HttpResponse, get, put, web};
use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{
    Audience, CareerStage, Employment, EmploymentStatus, Profile, Province, ResidencyStatus, Role,
    Topic,
};
use greenlight_eligibility::employment_status_on;
use greenlight_store::profiles;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::error::{ApiResult, FieldError, Wording};
use crate::extract::Json;
use crate::http_cache;
use crate::openapi::problems::*;
use crate::state::AppState;
use crate::validate::{self, long_text, plausible_date, text};

pub fn me_routes(cfg: &mut ServiceConfig) {
    cfg.service(get_profile).service(put_profile);
}

/// The profile with what is derived from it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "display_name": "Ada Producer",
    "headline": "Documentary producer in Vancouver",
    "bio": "Two shorts for the festival circuit.",
    "birth_date": "1998-05-14",
    "province": "BC",
    "residency_status": "permanent_resident",
    "employment": {"paid_work": true, "in_field": true, "full_time": false, "contract_ends_on": null, "has_job_prospects": false},
    "student": false,
    "producing_credits": 2,
    "audiences": ["racialized"],
    "interests": ["development", "financing"],
    "genres": ["documentary"],
    "public": true,
    "career_stage": "early_career",
    "employment_status": "underemployed",
    "updated_at": "2026-11-22T16:00:00Z"
}))]
pub struct ProfileBody {
    #[serde(flatten)]
    pub profile: Profile,
    /// Derived from `producing_credits` (read-only).
    pub career_stage: CareerStage,
    /// Derived from `employment` on today's date (read-only); null without
    /// `employment`. Eligibility derives it again on a placement's start date.
    pub employment_status: Option<EmploymentStatus>,
    pub updated_at: DateTime<Utc>,
}

impl ProfileBody {
    fn new(stored: profiles::StoredProfile, today: NaiveDate) -> Self {
        ProfileBody {
            career_stage: stored.profile.career_stage(),
            employment_status: stored
                .profile
                .employment
                .as_ref()
                .map(|employment| employment_status_on(employment, today)),
            profile: stored.profile,
            updated_at: stored.updated_at,
        }
    }
}

/// The whole profile; `PUT` replaces it. Absent optional fields take their
/// empty value (`false`, `0`, `[]`, `""`, null).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "display_name": "Ada Producer",
    "headline": "Documentary producer in Vancouver",
    "bio": "Two shorts for the festival circuit.",
    "birth_date": "1998-05-14",
    "province": "BC",
    "residency_status": "permanent_resident",
    "employment": {"paid_work": true, "in_field": true, "full_time": false, "contract_ends_on": null, "has_job_prospects": false},
    "student": false,
    "producing_credits": 2,
    "audiences": ["racialized"],
    "interests": ["development", "financing"],
    "genres": ["documentary"],
    "public": true
}))]
pub struct ProfileRequest {
    /// 1 to 100 characters; absent: the account's display name.
    pub display_name: Option<String>,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub bio: String,
    pub birth_date: Option<NaiveDate>,
    pub province: Option<Province>,
    pub residency_status: Option<ResidencyStatus>,
    pub employment: Option<Employment>,
    #[serde(default)]
    pub student: bool,
    /// Professional producing credits, 0 to 1000.
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1000)]
    pub producing_credits: u32,
    /// Self-identified, private and optional.
    #[serde(default)]
    pub audiences: Vec<Audience>,
    #[serde(default)]
    pub interests: Vec<Topic>,
    /// Up to 20 genres of 1 to 50 characters, stored in lower case.
    #[serde(default)]
    pub genres: Vec<String>,
    /// Listed in the mentee directory that member companies browse.
    #[serde(default)]
    pub public: bool,
}

const HEADLINE_MAX: usize = 200;
const BIO_MAX: usize = 5_000;
const CREDITS_MAX: u32 = 1_000;
pub const GENRES_MAX: usize = 20;
const GENRE_MAX_CHARS: usize = 50;

/// Trims, lower-cases and de-duplicates genres; each must be 1 to 50
/// characters and there may be at most 20.
pub fn normalized_genres(raw: &[String], field: &str) -> Result<Vec<String>, FieldError> {
    let mut genres: Vec<String> = Vec::with_capacity(raw.len());
    for genre in raw {
        let genre = genre.trim().to_lowercase();
        if genre.is_empty() || genre.chars().count() > GENRE_MAX_CHARS {
            return Err(FieldError::new(
                field,
                Wording::of(
                    "validation-genre-length",
                    vec![("max", GENRE_MAX_CHARS.to_string())],
                ),
            ));
        }
        if !genres.contains(&genre) {
            genres.push(genre);
        }
    }
    if genres.len() > GENRES_MAX {
        return Err(FieldError::new(
            field,
            Wording::of(
                "validation-genres-count",
                vec![("max", GENRES_MAX.to_string())],
            ),
        ));
    }
    genres.sort();
    Ok(genres)
}

/// Checks a profile as the API accepts it, naming each bad field under
/// `prefix` (`""` for `/me/profile`, `"profile."` inside another body), and
/// returns it normalized: trimmed texts, sorted and de-duplicated lists.
pub fn validated_profile(
    mut profile: Profile,
    prefix: &str,
    today: NaiveDate,
) -> Result<Profile, Vec<FieldError>> {
    let field = |name: &str| format!("{prefix}{name}");
    let contract_ends_on = profile
        .employment
        .as_ref()
        .and_then(|employment| employment.contract_ends_on);
    let (headline, bio, _, (), _, genres) = validate::gathered((
        text(&field("headline"), &profile.headline, 0, HEADLINE_MAX),
        long_text(&field("bio"), &profile.bio, 0, BIO_MAX),
        profile.birth_date.map(|born| {
            validate::require(
                born <= today,
                &field("birth_date"),
                Wording::of("validation-not-future", vec![("today", today.to_string())]),
            )
            .and_then(|()| plausible_date(&field("birth_date"), born))
        }),
        validate::require(
            profile.producing_credits <= CREDITS_MAX,
            &field("producing_credits"),
            Wording::between(0, CREDITS_MAX),
        ),
        contract_ends_on
            .map(|ends_on| plausible_date(&field("employment.contract_ends_on"), ends_on)),
        normalized_genres(&profile.genres, &field("genres")),
    ))?;
    profile.headline = headline;
    profile.bio = bio;
    profile.genres = genres;
    profile.audiences.sort();
    profile.audiences.dedup();
    profile.interests.sort();
    profile.interests.dedup();
    Ok(profile)
}

/// The caller's profile (individuals); 404 until one is saved with `PUT`.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile with its derived career stage and employment status", body = ProfileBody),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[get("/profile")]
async fn get_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Individual])?;
    let user_id = caller.user.id;
    let stored = state
        .db(move |conn| Ok(profiles::find(conn, &user_id)?))
        .await?;
    http_cache::json_ok(&req, &ProfileBody::new(stored, Utc::now().date_naive()))
}

/// Create or replace the caller's profile (individuals).
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = ProfileRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The saved profile", body = ProfileBody),
        (status = 403, response = Forbidden),
    )
)]
#[put("/profile")]
async fn put_profile(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<ProfileRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Individual])?;
    let request = body.0;
    let today = Utc::now().date_naive();
    let display_name = match request.display_name.as_deref() {
        Some(raw) => crate::accounts::display_name(raw, "display_name"),
        None => Ok(caller.user.display_name.clone()),
    };
    let profile = Profile {
        display_name: String::new(),
        headline: request.headline,
        bio: request.bio,
        birth_date: request.birth_date,
        province: request.province,
        residency_status: request.residency_status,
        employment: request.employment,
        student: request.student,
        producing_credits: request.producing_credits,
        audiences: request.audiences,
        interests: request.interests,
        genres: request.genres,
        public: request.public,
    };
    let (display_name, profile) =
        validate::all((display_name, validated_profile(profile, "", today)))?;
    let profile = Profile {
        display_name,
        ..profile
    };
    let user_id = caller.user.id;
    let stored = state
        .db(move |conn| Ok(profiles::save(conn, &user_id, &profile)?))
        .await?;
    Ok(HttpResponse::Ok().json(ProfileBody::new(stored, today)))
}
