//! Joint mentorship applications: a mentee and a member company apply
//! together; the company endorses, the mentee submits, staff decide.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{
    ApplicationStatus, Cents, DateRange, Engagement, FiscalYearStart, Outcome, Profile, Role,
};
use greenlight_eligibility::{
    ApplicationFacts, Evaluation, Reader, evaluate_application, selection_recheck,
};
use greenlight_store::applications::{
    self, Actor, Application, ApplicationFilter, NewApplication, Placement,
};
use greenlight_store::cycles::{self, Cycle};
use greenlight_store::{AnyConnection, StoreError, companies, profiles, transaction};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::cycles::cycle_facts;
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::{Json, Query};
use crate::http_cache::{self, IfMatch};
use crate::language::Lang;
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;
use crate::validate::{self, exists, long_text, plausible_date, text, today};

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_application)
        .service(list_applications)
        .service(get_application)
        .service(update_application)
        .service(endorse)
        .service(eligibility)
        .service(submit)
        .service(withdraw)
        .service(decide)
        .service(history);
}

/// How the caller stands toward one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Party {
    Mentee,
    /// A representative of the company the application names.
    Company,
    Staff,
}

/// The one authorization decision of this module: the mentee, the named
/// company's representatives and staff are parties; nobody else may learn
/// that the application exists.
fn party_of(
    conn: &mut AnyConnection,
    caller: &Caller,
    application: &Application,
) -> ApiResult<Option<Party>> {
    if caller.is_staff() {
        return Ok(Some(Party::Staff));
    }
    if application.mentee_id == caller.id() {
        return Ok(Some(Party::Mentee));
    }
    if caller.role() == Role::Member
        && companies::is_representative(conn, &application.company_id, caller.id())?
    {
        return Ok(Some(Party::Company));
    }
    Ok(None)
}

/// The application if the caller is a party to it (404 otherwise), and 403
/// unless the caller's part is one of `allowed`.
fn load_as(
    conn: &mut AnyConnection,
    caller: &Caller,
    id: &str,
    allowed: &[Party],
) -> ApiResult<Application> {
    load_with_party(conn, caller, id, allowed).map(|(application, _)| application)
}

/// [`load_as`], also telling which party the caller is, for answers worded
/// per reader.
fn load_with_party(
    conn: &mut AnyConnection,
    caller: &Caller,
    id: &str,
    allowed: &[Party],
) -> ApiResult<(Application, Party)> {
    let application = applications::find(conn, id)?;
    match party_of(conn, caller, &application)? {
        None => Err(ApiError::NotFound),
        Some(party) if allowed.contains(&party) => Ok((application, party)),
        Some(_) => Err(ApiError::Forbidden(Wording::of(
            "detail-application-party-forbids",
            vec![],
        ))),
    }
}

impl Party {
    /// How much of the mentee's facts an eligibility answer may carry.
    fn reader(self) -> Reader {
        match self {
            Party::Mentee | Party::Staff => Reader::Applicant,
            Party::Company => Reader::MentorCompany,
        }
    }
}

const ANY_PARTY: &[Party] = &[Party::Mentee, Party::Company, Party::Staff];

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"starts_on": "2027-04-05", "ends_on": "2027-09-30", "engagement": "employee", "deductions_at_source": true, "hours_per_week": 35}))]
pub struct PlacementBody {
    pub starts_on: NaiveDate,
    /// Not before `starts_on`.
    pub ends_on: NaiveDate,
    /// `contract` (the company issues a T4A) or `employee` (a T4).
    pub engagement: Engagement,
    pub deductions_at_source: bool,
    /// 1 to 60.
    #[schema(minimum = 1, maximum = 60)]
    pub hours_per_week: u32,
}

impl From<Placement> for PlacementBody {
    fn from(placement: Placement) -> Self {
        PlacementBody {
            starts_on: placement.dates.starts_on(),
            ends_on: placement.dates.ends_on(),
            engagement: placement.engagement,
            deductions_at_source: placement.deductions_at_source,
            hours_per_week: placement.hours_per_week,
        }
    }
}

const HOURS_MAX: u32 = 60;
const STATEMENT_MAX: usize = 10_000;
const MENTOR_NAME_MAX: usize = 200;
const NOTE_MAX: usize = 2_000;

fn validated_placement(body: PlacementBody) -> Result<Placement, Vec<FieldError>> {
    let (_, _, (), dates) = validate::gathered((
        plausible_date("placement.starts_on", body.starts_on),
        plausible_date("placement.ends_on", body.ends_on),
        validate::require(
            (1..=HOURS_MAX).contains(&body.hours_per_week),
            "placement.hours_per_week",
            Wording::between(1, HOURS_MAX),
        ),
        DateRange::new(body.starts_on, body.ends_on).map_err(|_| {
            FieldError::new(
                "placement.ends_on",
                Wording::of(
                    "validation-not-before",
                    vec![("other", "placement.starts_on".into())],
                ),
            )
        }),
    ))?;
    Ok(Placement {
        dates,
        engagement: body.engagement,
        deductions_at_source: body.deductions_at_source,
        hours_per_week: body.hours_per_week,
    })
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e40",
    "cycle_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "company_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "mentee_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e11",
    "status": "submitted",
    "placement": {"starts_on": "2027-04-05", "ends_on": "2027-09-30", "engagement": "employee", "deductions_at_source": true, "hours_per_week": 35},
    "statement": "I want to learn development and financing of documentaries.",
    "mentor_name": "Grace Producer",
    "contribution_cents": 600_000,
    "acknowledges_tax_slip": true,
    "endorsed_at": "2026-12-01T16:00:00Z",
    "submitted_at": "2026-12-02T16:00:00Z",
    "decided_at": null,
    "decision_note": null,
    "released_at": null,
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-12-02T16:00:00Z"
}))]
pub struct ApplicationBody {
    pub id: String,
    pub cycle_id: String,
    pub company_id: String,
    pub mentee_id: String,
    pub status: ApplicationStatus,
    pub placement: PlacementBody,
    pub statement: String,
    /// The company's mentor, once it endorsed.
    pub mentor_name: Option<String>,
    /// The company's contribution, once it endorsed.
    pub contribution_cents: Option<Cents>,
    /// The company acknowledged it issues the T4 or T4A (true once endorsed).
    pub acknowledges_tax_slip: bool,
    /// When the company co-signed; null until then, and again after the
    /// mentee edits the draft.
    pub endorsed_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_note: Option<String>,
    /// When the outcome was announced (`POST /cycles/{id}/release-decisions`).
    pub released_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Application> for ApplicationBody {
    fn from(application: Application) -> Self {
        let endorsement = application.endorsement;
        ApplicationBody {
            id: application.id,
            cycle_id: application.cycle_id,
            company_id: application.company_id,
            mentee_id: application.mentee_id,
            status: application.status,
            placement: application.placement.into(),
            statement: application.statement,
            acknowledges_tax_slip: endorsement.is_some(),
            mentor_name: endorsement.as_ref().map(|e| e.mentor_name.clone()),
            contribution_cents: endorsement.as_ref().map(|e| e.contribution),
            endorsed_at: endorsement.as_ref().map(|e| e.endorsed_at),
            submitted_at: application.submitted_at,
            decided_at: application.decided_at,
            decision_note: application.decision_note,
            released_at: application.released_at,
            created_at: application.created_at,
            updated_at: application.updated_at,
        }
    }
}

/// 200 with the application and its `ETag`, the version `If-Match` names.
fn ok(application: Application) -> ApiResult<HttpResponse> {
    let body =
        serde_json::to_vec(&ApplicationBody::from(application)).map_err(ApiError::internal)?;
    Ok(HttpResponse::Ok()
        .insert_header((actix_web::http::header::ETAG, http_cache::etag_for(&body)))
        .content_type("application/json")
        .body(body))
}

/// Runs `change` on the application under its mentee's guard row, the row
/// `submit` and `decide` take too: no edit, endorsement or submission lands
/// between another's reading of the draft and its write, on either backend.
/// `If-Match` is checked against the version read under the lock.
fn under_guard<T>(
    conn: &mut AnyConnection,
    current: &Application,
    if_match: &IfMatch,
    change: impl FnOnce(&mut AnyConnection, Application) -> ApiResult<T>,
) -> ApiResult<T> {
    transaction(conn, |conn| {
        applications::lock_mentee(conn, &current.mentee_id)?;
        let application = applications::find(conn, &current.id)?;
        if_match.check(&ApplicationBody::from(application.clone()))?;
        change(conn, application)
    })
}

fn actor(caller: &Caller) -> Actor<'_> {
    Actor {
        user_id: caller.id(),
        role: caller.role(),
    }
}

fn fiscal_year_start(state: &AppState) -> ApiResult<FiscalYearStart> {
    FiscalYearStart::parse(state.config.fiscal_year_start_month).map_err(ApiError::internal)
}

/// The mentee's saved profile; an empty one when none was saved, so that
/// the rules explain what to add rather than the API refusing to answer.
fn mentee_profile(conn: &mut AnyConnection, mentee_id: &str) -> ApiResult<Profile> {
    match profiles::find(conn, mentee_id) {
        Ok(stored) => Ok(stored.profile),
        Err(StoreError::NotFound) => Ok(Profile::default()),
        Err(other) => Err(other.into()),
    }
}

/// Everything the rules need about the application, read in the caller's
/// connection (and so, inside a transaction, after its locks).
fn application_facts(
    conn: &mut AnyConnection,
    application: &Application,
    cycle: &Cycle,
    submitted_at: DateTime<Utc>,
    fiscal_year_start: FiscalYearStart,
) -> ApiResult<ApplicationFacts> {
    let company = companies::find(conn, &application.company_id)?;
    let others_in_cycle = applications::other_active_in_cycle(
        conn,
        &application.mentee_id,
        &application.cycle_id,
        &application.id,
    )?;
    let selected =
        applications::other_selected_placements(conn, &application.mentee_id, &application.id)?;
    Ok(ApplicationFacts {
        submitted_at,
        placement: application.placement.dates,
        other_active_applications_in_cycle: u32::try_from(others_in_cycle).unwrap_or(u32::MAX),
        company_membership_expires_on: Some(company.membership_expires_on),
        endorsed: application.endorsement.is_some(),
        contribution: application.endorsement.as_ref().map(|e| e.contribution),
        other_selected_placements: selected.iter().map(|p| p.dates).collect(),
        carries_grant: !cycle.grant.is_zero(),
        other_grant_placement_starts: selected
            .iter()
            .filter(|p| p.carries_grant)
            .map(|p| p.dates.starts_on())
            .collect(),
        fiscal_year_start,
    })
}

/// `detail` is the id of the problem's detail in `locales/*.ftl`.
fn ineligible(detail: &'static str, evaluation: Evaluation) -> ApiResult<ApiError> {
    Ok(ApiError::Ineligible {
        detail,
        evaluation: Box::new(evaluation),
    })
}

/// `detail` is the id of the problem's detail in `locales/*.ftl`.
fn conflict_on_state(detail: &'static str) -> impl Fn(StoreError) -> ApiError {
    move |error| match error {
        StoreError::Conflict { .. } => ApiError::Conflict(Wording::of(detail, vec![])),
        other => other.into(),
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "cycle_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "company_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "placement": {"starts_on": "2027-04-05", "ends_on": "2027-09-30", "engagement": "employee", "deductions_at_source": true, "hours_per_week": 35},
    "statement": "I want to learn development and financing of documentaries."
}))]
pub struct CreateApplicationRequest {
    pub cycle_id: String,
    /// The member company that agreed to mentor.
    pub company_id: String,
    pub placement: PlacementBody,
    /// 1 to 10,000 characters.
    pub statement: String,
}

/// Start a joint application as a draft (individuals).
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    request_body = CreateApplicationRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The draft", body = ApplicationBody),
        (status = 403, response = Forbidden),
    )
)]
#[post("/applications")]
async fn create_application(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateApplicationRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Individual])?;
    let request = body.0;
    let placement = validated_placement(request.placement);
    let statement = long_text("statement", &request.statement, 1, STATEMENT_MAX);
    let (cycle_id, company_id) = (request.cycle_id, request.company_id);
    let application = state
        .db(move |conn| {
            let cycle = exists(
                "cycle_id",
                Wording::of("validation-cycle-unknown", vec![]),
                cycles::find(conn, &cycle_id),
            )?;
            let company = exists(
                "company_id",
                Wording::of("validation-company-id-unknown", vec![]),
                companies::find(conn, &company_id),
            )?;
            let (placement, statement, (), ()) =
                validate::all((placement, statement, cycle, company))?;
            let new = NewApplication {
                cycle_id,
                mentee_id: caller.id().to_owned(),
                company_id,
                placement,
                statement,
            };
            Ok(applications::create(conn, &new, actor(&caller))?)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/applications/{}", application.id),
        ))
        .json(ApplicationBody::from(application)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ApplicationListFilter {
    pub cycle_id: Option<String>,
    pub status: Option<ApplicationStatus>,
}

/// Applications the caller is a party to, oldest first: their own
/// (individuals), those naming a company they represent (members), all
/// (staff).
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(ApplicationListFilter, PageParams),
    responses(
        (status = 200, description = "A page of applications", body = Page<ApplicationBody>),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/applications")]
async fn list_applications(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    query: Query<ApplicationListFilter>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.0.limit()?;
    let after = page.0.after()?.map(|cursor| cursor.id);
    let query = query.0;
    let rows = state
        .db(move |conn| {
            let mut filter = ApplicationFilter {
                cycle_id: query.cycle_id,
                status: query.status,
                ..ApplicationFilter::default()
            };
            match caller.role() {
                Role::Staff => {}
                Role::Member => {
                    filter.company_ids = Some(companies::represented_by(conn, caller.id())?);
                }
                Role::Individual | Role::Partner => {
                    filter.mentee_id = Some(caller.id().to_owned());
                }
            }
            Ok(applications::list(
                conn,
                &filter,
                after.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |a| Cursor::new(a.id.clone(), a.id.clone()))
        .map(ApplicationBody::from)
        .respond(&req)
}

/// One application (its mentee, its company's representatives, staff).
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The application", body = ApplicationBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/applications/{id}")]
async fn get_application(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let application = state
        .db(move |conn| load_as(conn, &caller, &id, ANY_PARTY))
        .await?;
    http_cache::json_ok(&req, &ApplicationBody::from(application))
}

/// Only the fields given change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"statement": "A clearer statement."}))]
pub struct UpdateApplicationRequest {
    pub placement: Option<PlacementBody>,
    pub statement: Option<String>,
}

/// Edit a draft (the mentee). Any endorsement is cleared, since the company
/// co-signed the earlier terms; 409 once submitted.
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application's id"),
        ("If-Match" = Option<String>, Header, description = "The application's `ETag` as last read; another version answers 412"),
    ),
    request_body = UpdateApplicationRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The draft", body = ApplicationBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 412, response = PreconditionFailed),
    )
)]
#[patch("/applications/{id}")]
async fn update_application(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<UpdateApplicationRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let request = body.0;
    let if_match = IfMatch::of(&req);
    let application = state
        .db(move |conn| {
            let current = load_as(conn, &caller, &id, &[Party::Mentee])?;
            let (placement, statement) = validate::all((
                request.placement.map(validated_placement),
                request
                    .statement
                    .as_deref()
                    .map(|raw| long_text("statement", raw, 1, STATEMENT_MAX)),
            ))?;
            under_guard(conn, &current, &if_match, |conn, current| {
                let placement = placement.unwrap_or(current.placement);
                let statement = statement.unwrap_or(current.statement);
                applications::update_draft(conn, &id, &placement, &statement)
                    .map_err(conflict_on_state("detail-application-not-editable"))
            })
        })
        .await?;
    ok(application)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"mentor_name": "Grace Producer", "contribution_cents": 600_000, "acknowledges_tax_slip": true}))]
pub struct EndorseRequest {
    /// The producer who mentors, 1 to 200 characters.
    pub mentor_name: String,
    /// At least the cycle's minimum for the application to be eligible;
    /// companies may offer more.
    #[schema(minimum = 0)]
    pub contribution_cents: i64,
    /// Must be `true`: the company issues the mentee's T4 or T4A.
    pub acknowledges_tax_slip: bool,
}

/// Co-sign a draft for the company it names (a representative of that
/// company). 409 once submitted.
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application's id"),
        ("If-Match" = Option<String>, Header, description = "The application's `ETag` as last read; another version answers 412"),
    ),
    request_body = EndorseRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The endorsed draft, with `endorsed_at`", body = ApplicationBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 412, response = PreconditionFailed),
    )
)]
#[post("/applications/{id}/endorse")]
async fn endorse(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<EndorseRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let request = body.0;
    let checked = validate::all((
        text("mentor_name", &request.mentor_name, 1, MENTOR_NAME_MAX),
        validate::parsed(
            "contribution_cents",
            Cents::parse(request.contribution_cents),
        ),
        validate::require(
            request.acknowledges_tax_slip,
            "acknowledges_tax_slip",
            Wording::of("validation-tax-slip", vec![]),
        ),
    ));
    let if_match = IfMatch::of(&req);
    let application = state
        .db(move |conn| {
            let current = load_as(conn, &caller, &id, &[Party::Company])?;
            let (mentor_name, contribution, ()) = checked?;
            // Endorsing is a member privilege: the company must be in good
            // standing on the day it co-signs.
            if !companies::find(conn, &current.company_id)?.is_active_on(today()) {
                return Err(ApiError::Forbidden(Wording::of(
                    "detail-endorsing-lapsed",
                    vec![],
                )));
            }
            under_guard(conn, &current, &if_match, |conn, _| {
                applications::endorse(conn, &id, &mentor_name, contribution, caller.id())
                    .map_err(conflict_on_state("detail-application-not-endorsable"))
            })
        })
        .await?;
    ok(application)
}

/// Every eligibility rule against the application as it stands (parties).
/// A draft is judged as if submitted now; a submitted application as of its
/// submission. The company's representatives see `passed` for each rule,
/// but the rules about the mentee carry a neutral message that states no
/// personal fact; the mentee and staff read the full explanation.
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application's id")),
    responses(
        (status = 200, description = "All 14 rules with their outcome", body = Evaluation),
        (status = 404, response = NotFound),
    )
)]
#[get("/applications/{id}/eligibility")]
async fn eligibility(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let fiscal = fiscal_year_start(&state)?;
    let evaluation = state
        .db(move |conn| {
            let (application, party) = load_with_party(conn, &caller, &id, ANY_PARTY)?;
            let cycle = cycles::find(conn, &application.cycle_id)?;
            let profile = mentee_profile(conn, &application.mentee_id)?;
            let at = application.submitted_at.unwrap_or_else(Utc::now);
            let facts = application_facts(conn, &application, &cycle, at, fiscal)?;
            Ok(evaluate_application(&profile, &cycle_facts(&cycle), &facts)
                .for_reader(party.reader())
                .in_locale(lang.0))
        })
        .await?;
    Ok(HttpResponse::Ok().json(evaluation))
}

/// Submit the draft (the mentee): every rule must pass, otherwise 422
/// `ineligible` lists them all. An unendorsed draft fails
/// `mentor_endorsement`: nobody applies unmatched.
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The application's id"),
        ("If-Match" = Option<String>, Header, description = "The application's `ETag` as last read; another version answers 412"),
    ),
    responses(
        (status = 200, description = "The submitted application", body = ApplicationBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 412, response = PreconditionFailed),
        (status = 422, response = Ineligible),
    )
)]
#[post("/applications/{id}/submit")]
async fn submit(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let fiscal = fiscal_year_start(&state)?;
    let if_match = IfMatch::of(&req);
    let application = state
        .db(move |conn| {
            let current = load_as(conn, &caller, &id, &[Party::Mentee])?;
            // The mentee's guard row (see `decide`): concurrent submissions
            // of one mentee then count each other's, and no edit lands
            // between the evaluation and the status change.
            under_guard(conn, &current, &if_match, |conn, application| {
                if application.status != ApplicationStatus::Draft {
                    return Err(ApiError::Conflict(Wording::of(
                        "detail-application-only-drafts-submit",
                        vec![],
                    )));
                }
                let cycle = cycles::find(conn, &application.cycle_id)?;
                let profile = mentee_profile(conn, &application.mentee_id)?;
                let facts = application_facts(conn, &application, &cycle, Utc::now(), fiscal)?;
                let evaluation = evaluate_application(&profile, &cycle_facts(&cycle), &facts);
                if !evaluation.eligible() {
                    return Err(ineligible("problem-ineligible.submit", evaluation)?);
                }
                applications::transition(
                    conn,
                    &id,
                    ApplicationStatus::Draft,
                    ApplicationStatus::Submitted,
                    actor(&caller),
                    None,
                )
                .map_err(conflict_on_state("detail-application-not-submittable"))
            })
        })
        .await?;
    ok(application)
}

/// Withdraw a draft or a submitted application (the mentee).
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The withdrawn application", body = ApplicationBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[post("/applications/{id}/withdraw")]
async fn withdraw(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let application = state
        .db(move |conn| {
            let application = load_as(conn, &caller, &id, &[Party::Mentee])?;
            if !application.status.can_withdraw() {
                return Err(ApiError::Conflict(Wording::of(
                    "detail-application-withdraw-status",
                    vec![("status", application.status.to_string())],
                )));
            }
            applications::transition(
                conn,
                &id,
                application.status,
                ApplicationStatus::Withdrawn,
                actor(&caller),
                None,
            )
            .map_err(conflict_on_state("detail-application-not-withdrawable"))
        })
        .await?;
    ok(application)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"outcome": "selected", "note": "Strong match with the company's slate."}))]
pub struct DecisionRequest {
    pub outcome: Outcome,
    /// Up to 2,000 characters; kept in the history.
    pub note: Option<String>,
}

/// Record a decision on a submitted or waitlisted application (staff).
///
/// Selecting re-checks, atomically, what can change after submission —
/// `mentor_membership` (on today's date), `one_program_at_a_time`,
/// `one_grant_per_fiscal_year` — and the cycle's `max_placements`: 409 when
/// the cycle is full, 422 `ineligible` when a rule fails.
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application's id")),
    request_body = DecisionRequest,
    responses(
        (status = 200, description = "The decided application", body = ApplicationBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 422, response = Ineligible),
    )
)]
#[post("/applications/{id}/decision")]
async fn decide(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<DecisionRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let request = body.0;
    let fiscal = fiscal_year_start(&state)?;
    let note = match request.note.as_deref() {
        Some(raw) => {
            Some(text("note", raw, 0, NOTE_MAX).map_err(|e| ApiError::Validation(vec![e]))?)
                .filter(|note| !note.is_empty())
        }
        None => None,
    };
    let outcome = request.outcome;
    let application = state
        .db(move |conn| {
            // The cycle and mentee never change, so they can be read before
            // the transaction; everything else is read again inside it.
            let known = load_as(conn, &caller, &id, &[Party::Staff])?;
            // Lock design, one code path for both backends: the transaction's
            // FIRST statements write-touch the guard rows, always in the order
            // cycle, then mentee, before anything is counted. On PostgreSQL
            // those updates take row locks held to commit, so a competing
            // selection of the same cycle (or of the same mentee in another
            // cycle) waits and then reads the committed outcome (READ
            // COMMITTED takes a fresh snapshot per statement). On SQLite a
            // transaction whose first statement writes takes the database's
            // write lock at once, like BEGIN IMMEDIATE, and busy_timeout
            // makes the others wait for it. The fixed order rules out
            // deadlocks between two cycles and one mentee.
            transaction(conn, |conn| {
                cycles::lock(conn, &known.cycle_id)?;
                applications::lock_mentee(conn, &known.mentee_id)?;
                let application = applications::find(conn, &id)?;
                if !application.status.can_decide() {
                    return Err(ApiError::Conflict(Wording::of(
                        "detail-application-decide-status",
                        vec![("status", application.status.to_string())],
                    )));
                }
                if outcome == Outcome::Selected {
                    let cycle = cycles::find(conn, &application.cycle_id)?;
                    let selected = cycles::selected_count(conn, &cycle.id)?;
                    if selected >= i64::from(cycle.max_placements) {
                        return Err(ApiError::Conflict(Wording::of(
                            "detail-cycle-full",
                            vec![
                                ("selected", selected.to_string()),
                                ("max", cycle.max_placements.to_string()),
                            ],
                        )));
                    }
                    let now = Utc::now();
                    let submitted_at = application.submitted_at.unwrap_or(now);
                    let facts =
                        application_facts(conn, &application, &cycle, submitted_at, fiscal)?;
                    let evaluation = selection_recheck(&facts, now);
                    if !evaluation.eligible() {
                        return Err(ineligible("problem-ineligible.selection", evaluation)?);
                    }
                }
                applications::transition(
                    conn,
                    &id,
                    application.status,
                    outcome.status(),
                    actor(&caller),
                    note.as_deref(),
                )
                .map_err(conflict_on_state("detail-application-not-decidable"))
            })
        })
        .await?;
    ok(application)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    /// The id of the user who made the change.
    pub actor: String,
    /// The actor's role at the time.
    pub actor_role: Role,
    /// Null for the creation.
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub note: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"items": [
    {"at": "2026-11-22T16:00:00Z", "actor": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e11", "actor_role": "individual", "from": null, "to": "draft", "note": null},
    {"at": "2026-12-02T16:00:00Z", "actor": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e11", "actor_role": "individual", "from": "draft", "to": "submitted", "note": null}
]}))]
pub struct History {
    pub items: Vec<HistoryEntry>,
}

/// Every status change of the application, oldest first (parties).
#[utoipa::path(
    tag = "mentorship",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The application's id")),
    responses(
        (status = 200, description = "The history", body = History),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/applications/{id}/history")]
async fn history(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let events = state
        .db(move |conn| {
            load_as(conn, &caller, &id, ANY_PARTY)?;
            Ok(applications::history(conn, &id)?)
        })
        .await?;
    http_cache::json_ok(
        &req,
        &History {
            items: events
                .into_iter()
                .map(|event| HistoryEntry {
                    at: event.at,
                    actor: event.actor_id,
                    actor_role: event.actor_role,
                    from: event.from,
                    to: event.to,
                    note: event.note,
                })
                .collect(),
        },
    )
}
