//! The mentee directory: the public profiles that member companies browse to
//! find someone to co-apply with. A profile's `id` is its owner's user id,
//! the same id a posting's interest list names, so a company can go from an
//! answer to the profile behind it.

use actix_web::{HttpRequest, HttpResponse, get, web};
use greenlight_domain::{CareerStage, Province, Topic};
use greenlight_store::mentee_profiles::{self, MenteeFilter, MenteeProfile};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Wording};
use crate::extract::Query;
use crate::http_cache;
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_mentee_profiles)
        .service(get_mentee_profile);
}

/// Who may browse mentees: representatives of member companies in good
/// standing and staff. Every handler of this module asks here; the store only
/// ever returns public profiles, so there is no per-profile decision to make.
fn may_browse(caller: &Caller) -> ApiResult<()> {
    caller.require_member_privileges(Wording::of("detail-mentee-profiles-members-only", vec![]))
}

/// What a mentee publishes, and nothing else: birth date, residency,
/// employment and self-identified audiences are never part of it.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "display_name": "Ada Producer",
    "headline": "Documentary producer in Vancouver",
    "bio": "Two shorts for the festival circuit.",
    "province": "BC",
    "career_stage": "early_career",
    "interests": ["development", "financing"],
    "genres": ["documentary"]
}))]
pub struct MenteeProfileBody {
    /// The mentee's user id (a profile has no id of its own).
    pub id: String,
    pub display_name: String,
    pub headline: String,
    pub bio: String,
    pub province: Option<Province>,
    /// Derived from the mentee's producing credits.
    pub career_stage: CareerStage,
    pub interests: Vec<Topic>,
    pub genres: Vec<String>,
}

impl From<MenteeProfile> for MenteeProfileBody {
    fn from(profile: MenteeProfile) -> Self {
        MenteeProfileBody {
            id: profile.user_id,
            display_name: profile.display_name,
            headline: profile.headline,
            bio: profile.bio,
            province: profile.province,
            career_stage: CareerStage::from_credits(profile.producing_credits),
            interests: profile.interests,
            genres: profile.genres,
        }
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MenteeProfileQuery {
    /// The mentee's province.
    pub province: Option<Province>,
    /// Repeatable; a profile with any of these interests matches.
    #[param(value_type = Option<Vec<Topic>>)]
    #[serde(default)]
    pub interest: Vec<Topic>,
    /// Repeatable; a profile at any of these stages matches.
    #[param(value_type = Option<Vec<CareerStage>>)]
    #[serde(default)]
    pub career_stage: Vec<CareerStage>,
    /// Case-insensitive substring of the display name, headline or bio
    /// (1 to 100 characters).
    #[param(min_length = 1, max_length = 100)]
    pub q: Option<String>,
}

const Q_MAX: usize = 100;

impl MenteeProfileQuery {
    fn into_filter(self) -> ApiResult<MenteeFilter> {
        let q = match self.q.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(q) if q.chars().count() > Q_MAX => {
                return Err(ApiError::parameter_too_long("q", Q_MAX));
            }
            Some(q) => Some(q.to_owned()),
        };
        Ok(MenteeFilter {
            province: self.province,
            interests: self.interest,
            career_stages: self.career_stage,
            q,
        })
    }
}

/// Public mentee profiles, by id (member companies and staff).
#[utoipa::path(
    tag = "matching",
    security(("bearer" = [])),
    params(MenteeProfileQuery, PageParams),
    responses(
        (status = 200, description = "A page of public profiles", body = Page<MenteeProfileBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/mentee-profiles")]
async fn list_mentee_profiles(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<MenteeProfileQuery>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    may_browse(&caller)?;
    let filter = query.0.into_filter()?;
    let limit = page.0.limit()?;
    let after = page.0.after()?.map(|cursor| cursor.id);
    let rows = state
        .db(move |conn| {
            Ok(mentee_profiles::list(
                conn,
                &filter,
                after.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |p| {
        Cursor::new(p.user_id.clone(), p.user_id.clone())
    })
    .map(MenteeProfileBody::from)
    .respond(&req)
}

/// One public mentee profile (member companies and staff); 404 when the
/// profile is private or does not exist.
#[utoipa::path(
    tag = "matching",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The mentee's user id")),
    responses(
        (status = 200, description = "The public profile", body = MenteeProfileBody),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[get("/mentee-profiles/{id}")]
async fn get_mentee_profile(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    may_browse(&caller)?;
    let id = id.into_inner();
    let profile = state
        .db(move |conn| Ok(mentee_profiles::find_public(conn, &id)?))
        .await?;
    http_cache::json_ok(&req, &MenteeProfileBody::from(profile))
}
