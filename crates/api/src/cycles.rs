//! Mentorship cycles of a catalogue program, the anonymous eligibility
//! pre-check against a cycle, and the release of a cycle's decisions.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{
    Cents, CycleRules, CycleStatus, Locale, NotificationDates, Outcome, Profile, Role, Translations,
};
use greenlight_eligibility::{CycleFacts, Evaluation, evaluate_mentee};
use greenlight_store::cycles::{self, Cycle, CycleFilter, NewCycle};
use greenlight_store::{
    AnyConnection, StoreError, applications, companies, programs, transaction, users,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::language::Lang;
use crate::notifications::{self, Links, Notice, Recipient, webhooks};
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::profiles::validated_profile;
use crate::state::AppState;
use crate::translations::{Translatable, field, localize};
use crate::validate::{self, plausible_date, plausible_timestamp, text};

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_cycle)
        .service(list_cycles)
        .service(get_cycle)
        .service(release_decisions)
        .service(check_eligibility);
}

/// Cycles are public: anyone may read any of them. Staff alone see which are
/// late and release decisions; this is the one place that says so.
fn may_manage(caller: &MaybeCaller) -> bool {
    caller.is_staff()
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "program_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e31",
    "name": "Winter 2027",
    "opens_at": "2026-11-01T00:00:00Z",
    "closes_at": "2027-01-31T23:59:59Z",
    "placement_starts_on": "2027-04-05",
    "placement_ends_on": "2027-09-30",
    "max_placements": 3,
    "stipend_cents": 1_200_000,
    "grant_cents": 600_000,
    "min_mentor_contribution_cents": 600_000,
    "rules": {"residency": ["citizen", "permanent_resident", "protected_person"], "min_age": null, "max_age": null,
              "employment_statuses": ["unemployed", "underemployed"], "student_required": false,
              "provinces": ["BC"], "audiences_any": [], "career_stages": []},
    "notify_selected_from": "2027-03-14",
    "notify_selected_by": "2027-03-28",
    "notify_unsuccessful_by": "2027-03-31",
    "status": "open",
    "translations": {"fr": {"name": "Hiver 2027"}},
    "created_at": "2026-10-01T16:00:00Z",
    "updated_at": "2026-10-01T16:00:00Z"
}))]
pub struct CycleBody {
    pub id: String,
    pub program_id: String,
    pub name: String,
    pub opens_at: DateTime<Utc>,
    /// The application deadline.
    pub closes_at: DateTime<Utc>,
    pub placement_starts_on: NaiveDate,
    pub placement_ends_on: NaiveDate,
    pub max_placements: u32,
    pub stipend_cents: Cents,
    /// The association's grant toward the placement; 0 when it pays none, in
    /// which case a selection does not count against one grant per fiscal year.
    pub grant_cents: Cents,
    pub min_mentor_contribution_cents: Cents,
    /// The cycle's restrictions; `residency` lists the statuses accepted,
    /// the FAQ's default when the cycle named none.
    pub rules: CycleRules,
    /// Selected mentees hear from this date (the deadline's UTC date + 6 weeks).
    pub notify_selected_from: NaiveDate,
    /// ... and by this date (the deadline's UTC date + 8 weeks).
    pub notify_selected_by: NaiveDate,
    /// Unsuccessful mentees hear by this date (the deadline's UTC date + 2
    /// calendar months; the month's last day when it lacks that day).
    pub notify_unsuccessful_by: NaiveDate,
    /// Computed from the current time.
    pub status: CycleStatus,
    /// The French `name` as written; `name` shows it when French is asked
    /// for.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl CycleBody {
    /// The cycle as of `now`, its name in `locale`.
    pub fn new(cycle: Cycle, now: DateTime<Utc>, locale: Locale) -> Self {
        let mut rules = cycle.rules;
        rules.residency = rules.effective_residency().to_vec();
        let mut body = CycleBody {
            status: CycleStatus::at(cycle.opens_at, cycle.closes_at, now),
            id: cycle.id,
            program_id: cycle.program_id,
            name: cycle.name,
            opens_at: cycle.opens_at,
            closes_at: cycle.closes_at,
            placement_starts_on: cycle.placement_starts_on,
            placement_ends_on: cycle.placement_ends_on,
            max_placements: cycle.max_placements,
            stipend_cents: cycle.stipend,
            grant_cents: cycle.grant,
            min_mentor_contribution_cents: cycle.min_mentor_contribution,
            rules,
            notify_selected_from: cycle.notifications.selected_from,
            notify_selected_by: cycle.notifications.selected_by,
            notify_unsuccessful_by: cycle.notifications.unsuccessful_by,
            translations: cycle.translations,
            created_at: cycle.created_at,
            updated_at: cycle.updated_at,
        };
        localize(&mut body.name, &body.translations, locale, |t| {
            t.name.as_ref()
        });
        body
    }
}

/// What the rules need to know about a cycle.
pub fn cycle_facts(cycle: &Cycle) -> CycleFacts {
    CycleFacts {
        opens_at: cycle.opens_at,
        closes_at: cycle.closes_at,
        placement_starts_on: cycle.placement_starts_on,
        rules: cycle.rules.clone(),
        min_mentor_contribution: cycle.min_mentor_contribution,
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Winter 2027",
    "opens_at": "2026-11-01T00:00:00Z",
    "closes_at": "2027-01-31T23:59:59Z",
    "placement_starts_on": "2027-04-05",
    "placement_ends_on": "2027-09-30",
    "max_placements": 3,
    "stipend_cents": 1_200_000,
    "grant_cents": 600_000,
    "min_mentor_contribution_cents": 600_000,
    "rules": {"employment_statuses": ["unemployed", "underemployed"], "provinces": ["BC"]},
    "translations": {"fr": {"name": "Hiver 2027"}}
}))]
pub struct CreateCycleRequest {
    /// 1 to 200 characters.
    pub name: String,
    pub opens_at: DateTime<Utc>,
    /// The application deadline; after `opens_at`.
    pub closes_at: DateTime<Utc>,
    pub placement_starts_on: NaiveDate,
    /// Not before `placement_starts_on`.
    pub placement_ends_on: NaiveDate,
    /// 1 to 10,000.
    #[schema(minimum = 1, maximum = 10000)]
    pub max_placements: u32,
    #[schema(minimum = 0)]
    pub stipend_cents: i64,
    #[schema(minimum = 0)]
    pub grant_cents: i64,
    #[schema(minimum = 0)]
    pub min_mentor_contribution_cents: i64,
    /// Absent or null limits and absent or empty lists restrict nothing,
    /// except `residency`, which defaults to citizen, permanent resident and
    /// protected person.
    #[serde(default)]
    pub rules: Option<CycleRules>,
    /// The French `name`.
    #[serde(default)]
    pub translations: Translations,
}

const CYCLE_NAME_MAX: usize = 200;
const MAX_PLACEMENTS: u32 = 10_000;
const MAX_AGE_LIMIT: u32 = 150;

const TRANSLATABLE: [Translatable; 1] = [field("name", CYCLE_NAME_MAX, false)];

fn validated_cycle(program_id: String, request: CreateCycleRequest) -> ApiResult<NewCycle> {
    let mut rules = request.rules.unwrap_or_default();
    let age_bound = |field: &str, age: Option<u32>| {
        validate::require(
            age.is_none_or(|age| age <= MAX_AGE_LIMIT),
            field,
            Wording::of(
                "validation-at-most",
                vec![("max", MAX_AGE_LIMIT.to_string())],
            ),
        )
    };
    let (
        name,
        (_, _, (), _, _, (), ()),
        (stipend, grant, minimum),
        (),
        (),
        (),
        notifications,
        translations,
    ) = validate::all((
        text("name", &request.name, 1, CYCLE_NAME_MAX),
        (
            plausible_timestamp("opens_at", request.opens_at),
            plausible_timestamp("closes_at", request.closes_at),
            validate::require(
                request.closes_at > request.opens_at,
                "closes_at",
                Wording::of("validation-after", vec![("other", "opens_at".into())]),
            ),
            plausible_date("placement_starts_on", request.placement_starts_on),
            plausible_date("placement_ends_on", request.placement_ends_on),
            validate::require(
                request.placement_ends_on >= request.placement_starts_on,
                "placement_ends_on",
                Wording::of(
                    "validation-not-before",
                    vec![("other", "placement_starts_on".into())],
                ),
            ),
            validate::require(
                (1..=MAX_PLACEMENTS).contains(&request.max_placements),
                "max_placements",
                Wording::between(1, MAX_PLACEMENTS),
            ),
        ),
        (
            validate::parsed("stipend_cents", Cents::parse(request.stipend_cents)),
            validate::parsed("grant_cents", Cents::parse(request.grant_cents)),
            validate::parsed(
                "min_mentor_contribution_cents",
                Cents::parse(request.min_mentor_contribution_cents),
            ),
        ),
        age_bound("rules.min_age", rules.min_age),
        age_bound("rules.max_age", rules.max_age),
        validate::parsed("rules.max_age", rules.validate()),
        NotificationDates::after_deadline(request.closes_at.date_naive()).ok_or_else(|| {
            FieldError::new("closes_at", Wording::of("validation-too-far-ahead", vec![]))
        }),
        crate::translations::checked(request.translations, &TRANSLATABLE),
    ))?;
    rules.residency.sort();
    rules.residency.dedup();
    Ok(NewCycle {
        program_id,
        name,
        opens_at: request.opens_at,
        closes_at: request.closes_at,
        placement_starts_on: request.placement_starts_on,
        placement_ends_on: request.placement_ends_on,
        max_placements: request.max_placements,
        stipend,
        grant,
        min_mentor_contribution: minimum,
        rules,
        notifications,
        translations,
    })
}

/// Open a cycle of a mentorship program (staff).
///
/// Derives when mentees hear back: `notify_selected_from` and
/// `notify_selected_by` (6 and 8 weeks after the UTC date of `closes_at`)
/// and `notify_unsuccessful_by` (2 calendar months after it).
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug")),
    request_body = CreateCycleRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The cycle", body = CycleBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/programs/{program}/cycles")]
async fn create_cycle(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    program: web::Path<String>,
    body: Json<CreateCycleRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let program = program.into_inner();
    let request = body.0;
    let links = state.config.links();
    let cycle = state
        .db(move |conn| {
            let program = programs::find(conn, &program)?;
            let new = validated_cycle(program.id, request)?;
            transaction(conn, |conn| {
                let cycle = cycles::create(conn, &new)?;
                webhooks::cycle_opened(conn, &links, &cycle)?;
                Ok::<_, ApiError>(cycle)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/cycles/{}", cycle.id)))
        .json(CycleBody::new(cycle, Utc::now(), lang.0)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CycleListFilter {
    /// `upcoming` (not open yet), `open` or `closed` (deadline passed), as of now.
    pub status: Option<CycleStatus>,
    /// Only cycles of this program (id or slug).
    pub program: Option<String>,
    /// Staff only. `true` keeps the cycles late on a notification date:
    /// past `notify_selected_by` while an application is still `submitted`
    /// (undecided) or `selected` but not released, or past
    /// `notify_unsuccessful_by` while one is `waitlisted` or `declined` but
    /// not released (see `POST /cycles/{id}/release-decisions`).
    pub late: Option<bool>,
}

/// Mentorship cycles, oldest first.
#[utoipa::path(
    tag = "mentorship",
    security((), ("bearer" = [])),
    params(CycleListFilter, PageParams),
    responses(
        (status = 200, description = "A page of cycles", body = Page<CycleBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/cycles")]
async fn list_cycles(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    lang: Lang,
    query: Query<CycleListFilter>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let late = query.late.unwrap_or(false);
    if late && !may_manage(&caller) {
        return Err(ApiError::Forbidden(Wording::of(
            "detail-cycles-late-hidden",
            vec![],
        )));
    }
    let limit = page.0.limit()?;
    let after = page.0.after()?.map(|cursor| cursor.id);
    let now = Utc::now();
    let rows = state
        .db(move |conn| {
            let program_id = match &query.program {
                None => None,
                Some(program) => match programs::find(conn, program) {
                    Ok(program) => Some(program.id),
                    Err(StoreError::NotFound) => return Ok(Vec::new()),
                    Err(other) => return Err(other.into()),
                },
            };
            let filter = CycleFilter {
                program_id,
                status: query.status,
                late,
                now: Some(now),
            };
            Ok(cycles::list(
                conn,
                &filter,
                after.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |c| Cursor::new(c.id.clone(), c.id.clone()))
        .map(|cycle| CycleBody::new(cycle, now, lang.0))
        .respond(&req)
}

/// One cycle.
#[utoipa::path(
    tag = "mentorship",
    params(("id" = String, Path, description = "The cycle's id")),
    responses(
        (status = 200, description = "The cycle", body = CycleBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/cycles/{id}")]
async fn get_cycle(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let cycle = state.db(move |conn| Ok(cycles::find(conn, &id)?)).await?;
    http_cache::json_ok(&req, &CycleBody::new(cycle, Utc::now(), lang.0))
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"queued": 4, "released": 2}))]
pub struct ReleaseBody {
    /// Messages queued now: one per decided application to the mentee and
    /// one to each representative of its company.
    pub queued: u32,
    /// Applications whose outcome this release announced.
    pub released: u32,
}

fn outcome_of(status: greenlight_domain::ApplicationStatus) -> Option<Outcome> {
    Outcome::ALL
        .iter()
        .copied()
        .find(|outcome| outcome.status() == status)
}

fn release(conn: &mut AnyConnection, links: &Links, cycle_id: &str) -> ApiResult<ReleaseBody> {
    transaction(conn, |conn| {
        // Write first, so that two releases of one cycle run one after the
        // other on both backends (see the lock design in `crate::applications::decide`).
        cycles::lock(conn, cycle_id)?;
        let cycle = cycles::find(conn, cycle_id)?;
        let program = programs::find(conn, &cycle.program_id)?;
        let mut queued = 0;
        let decided = applications::decided_unreleased(conn, cycle_id)?;
        let released = u32::try_from(decided.len()).unwrap_or(u32::MAX);
        for application in decided {
            let Some(outcome) = outcome_of(application.status) else {
                continue;
            };
            let mentee = users::find(conn, &application.mentee_id)?;
            let company = companies::find(conn, &application.company_id)?;
            let notice = Notice::Decision {
                outcome,
                program: &program,
                cycle: &cycle,
                application: &application,
                mentee_name: &mentee.display_name,
                company_name: &company.name,
            };
            let mut recipients = vec![(mentee.id.clone(), mentee.email.clone(), mentee.locale)];
            recipients.extend(
                companies::representatives(conn, &company.id)?
                    .into_iter()
                    .map(|rep| (rep.user_id, rep.email, rep.locale)),
            );
            for (user_id, email, locale) in recipients {
                let dedupe_key = format!("decision:{}:{}:{}", application.id, outcome, user_id);
                let fresh = notifications::queue(
                    conn,
                    links,
                    Recipient::Person {
                        email: &email,
                        locale,
                    },
                    &notice,
                    Some(&dedupe_key),
                )?;
                queued += u32::from(fresh);
            }
            applications::mark_released(conn, &application.id)?;
        }
        Ok(ReleaseBody { queued, released })
    })
}

/// Announce the cycle's decisions (staff): queues one message per decided,
/// not yet released application to the mentee and one to each
/// representative of the company, of kind `decision_selected`,
/// `decision_waitlisted` or `decision_declined`. Releasing again queues
/// nothing new unless a decision changed since.
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The cycle's id")),
    responses(
        (status = 200, description = "What was queued", body = ReleaseBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/cycles/{id}/release-decisions")]
async fn release_decisions(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = id.into_inner();
    let links = state.config.links();
    let released = state.db(move |conn| release(conn, &links, &id)).await?;
    Ok(HttpResponse::Ok().json(released))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "cycle_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "profile": {"birth_date": "1998-05-14", "province": "BC", "residency_status": "protected_person",
                "employment": {"paid_work": true, "in_field": false, "full_time": true}}
}))]
pub struct EligibilityCheckRequest {
    pub cycle_id: String,
    /// The profile fields of `PUT /me/profile`; absent ones take their empty value.
    pub profile: Profile,
}

/// Check a profile against a cycle's mentee-side rules, without an account:
/// `application_window`, `residency`, `age`, `employment_status`,
/// `student`, `region`, `audience` and `career_stage`.
#[utoipa::path(
    tag = "mentorship",
    request_body = EligibilityCheckRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "Every mentee-side rule with its outcome", body = Evaluation),
    )
)]
#[post("/eligibility/check")]
async fn check_eligibility(
    state: web::Data<AppState>,
    lang: Lang,
    body: Json<EligibilityCheckRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let now = Utc::now();
    let profile = validated_profile(request.profile, "profile.", now.date_naive())
        .map_err(ApiError::Validation)?;
    let cycle_id = request.cycle_id;
    let cycle = state
        .db(move |conn| match cycles::find(conn, &cycle_id) {
            Err(StoreError::NotFound) => Err(ApiError::validation(
                "cycle_id",
                Wording::of("validation-cycle-unknown", vec![]),
            )),
            other => Ok(other?),
        })
        .await?;
    Ok(HttpResponse::Ok()
        .json(evaluate_mentee(&profile, &cycle_facts(&cycle), now).in_locale(lang.0)))
}
