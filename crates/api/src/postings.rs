//! Postings: mentorship opportunities that member companies publish for
//! candidates to browse and answer. A company may not apply unmatched, so a
//! posting is how it finds someone to co-apply with.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{ProgramStatus, Province, Role};
use greenlight_store::companies::{self, Company};
use greenlight_store::postings::{self, Interest, Posting, PostingFields, PostingFilter};
use greenlight_store::{AnyConnection, StoreError, programs, transaction};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::companies::present;
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::notifications::{self, Links, Notice, Recipient};
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::profiles::normalized_genres;
use crate::state::AppState;
use crate::validate::today;
use crate::validate::{self, long_text, plausible_date, text};

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_posting)
        .service(list_postings)
        .service(get_posting)
        .service(update_posting)
        .service(delete_posting)
        .service(show_interest)
        .service(list_interests);
}

/// The caller as postings see them: their role and the companies they act for.
struct Viewer {
    role: Option<Role>,
    represented: Vec<String>,
}

impl Viewer {
    fn load(conn: &mut AnyConnection, caller: Option<&Caller>) -> ApiResult<Viewer> {
        Ok(match caller {
            Some(caller) => Viewer {
                role: Some(caller.role()),
                represented: companies::represented_by(conn, caller.id())?,
            },
            None => Viewer {
                role: None,
                represented: Vec::new(),
            },
        })
    }

    fn is_staff(&self) -> bool {
        self.role == Some(Role::Staff)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Create a posting for the company.
    Post,
    /// List the company's closed postings (`include_closed`).
    ListClosed,
    Read,
    /// Change or delete the posting, or read the interest shown in it.
    Manage,
    ShowInterest,
}

/// Every decision about who may do what with a company's postings.
///
/// Staff and the company's representatives manage its postings. Anyone reads
/// them while the company's membership is in good standing; once it lapses
/// they are hidden (404) from everyone else, as the member directory hides
/// the company itself. Only individuals show interest. Existence is never
/// secret for a visible posting, so a wrong role there answers 403.
fn authorize(
    viewer: &Viewer,
    action: Action,
    company_id: &str,
    company_active: bool,
) -> ApiResult<()> {
    let manages = viewer.is_staff() || viewer.represented.iter().any(|id| id == company_id);
    let forbidden = |why| Err(ApiError::Forbidden(Wording::of(why, vec![])));
    match action {
        Action::Post if manages => Ok(()),
        Action::Post => forbidden("detail-postings-post-forbidden"),
        Action::ListClosed if manages => Ok(()),
        Action::ListClosed => forbidden("detail-postings-closed-hidden"),
        _ if !(manages || company_active) => Err(ApiError::NotFound),
        Action::Read => Ok(()),
        Action::Manage if manages => Ok(()),
        Action::Manage => forbidden("detail-postings-manage-forbidden"),
        Action::ShowInterest if viewer.role == Some(Role::Individual) => Ok(()),
        Action::ShowInterest => forbidden("detail-postings-answer-forbidden"),
    }
}

/// Reads the posting and checks `action` on it; 404 when it is missing or
/// hidden from the caller.
fn find_authorized(
    conn: &mut AnyConnection,
    caller: Option<&Caller>,
    id: &str,
    action: Action,
) -> ApiResult<Posting> {
    let posting = postings::find(conn, id)?;
    let viewer = Viewer::load(conn, caller)?;
    let company_active = posting.company_membership_expires_on >= today();
    authorize(&viewer, action, &posting.company_id, company_active)?;
    Ok(posting)
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e40",
    "company_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "company_name": "Northern Lights Pictures",
    "title": "Development mentee for a documentary slate",
    "description": "Six months in development with our producers, from treatment to financing.",
    "program_id": null,
    "province": "BC",
    "genres": ["documentary"],
    "remote_ok": true,
    "closes_on": "2027-01-31",
    "open": true,
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-11-22T16:00:00Z"
}))]
pub struct PostingBody {
    pub id: String,
    pub company_id: String,
    pub company_name: String,
    pub title: String,
    pub description: String,
    /// The catalogue program the placement would apply to, if named.
    pub program_id: Option<String>,
    pub province: Province,
    pub genres: Vec<String>,
    pub remote_ok: bool,
    /// Last day to answer.
    pub closes_on: NaiveDate,
    /// Still taking answers today (through `closes_on`).
    pub open: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl PostingBody {
    fn new(posting: Posting, today: NaiveDate) -> Self {
        PostingBody {
            open: posting.is_open_on(today),
            id: posting.id,
            company_id: posting.company_id,
            company_name: posting.company_name,
            title: posting.title,
            description: posting.description,
            program_id: posting.program_id,
            province: posting.province,
            genres: posting.genres,
            remote_ok: posting.remote_ok,
            closes_on: posting.closes_on,
            created_at: posting.created_at,
            updated_at: posting.updated_at,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "company_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "title": "Development mentee for a documentary slate",
    "description": "Six months in development with our producers, from treatment to financing.",
    "province": "BC",
    "genres": ["documentary"],
    "remote_ok": true,
    "closes_on": "2027-01-31"
}))]
pub struct CreatePostingRequest {
    /// A member company in good standing that the caller represents.
    pub company_id: String,
    /// 1 to 200 characters.
    pub title: String,
    /// 1 to 10,000 characters.
    pub description: String,
    /// A published catalogue program, by id or slug; stored as its id.
    pub program_id: Option<String>,
    pub province: Province,
    /// Up to 20 genres of 1 to 50 characters, stored in lower case.
    #[serde(default)]
    pub genres: Vec<String>,
    pub remote_ok: bool,
    /// Last day to answer: today or later.
    pub closes_on: NaiveDate,
}

/// Only the fields given change; `program_id: null` unlinks the program.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"closes_on": "2027-02-28", "remote_ok": false}))]
pub struct UpdatePostingRequest {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub program_id: Option<Option<String>>,
    pub province: Option<Province>,
    pub genres: Option<Vec<String>>,
    pub remote_ok: Option<bool>,
    /// Today or later; leave out to keep the current date.
    pub closes_on: Option<NaiveDate>,
}

const TITLE_MAX: usize = 200;
const DESCRIPTION_MAX: usize = 10_000;
const MESSAGE_MAX: usize = 2_000;

fn closing_date(closes_on: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    plausible_date("closes_on", closes_on)?;
    if closes_on < today {
        return Err(FieldError::new(
            "closes_on",
            Wording::of("validation-not-past", vec![("today", today.to_string())]),
        ));
    }
    Ok(())
}

/// Resolves a program id or slug to the id of a published program.
fn published_program(conn: &mut AnyConnection, raw: &str) -> ApiResult<Result<String, FieldError>> {
    let wanted = raw.trim();
    if wanted.is_empty() {
        return Ok(Err(FieldError::new(
            "program_id",
            Wording::of("validation-program-reference", vec![]),
        )));
    }
    match programs::find(conn, wanted) {
        Ok(program) if program.status == ProgramStatus::Published => Ok(Ok(program.id)),
        Ok(_) | Err(StoreError::NotFound) => Ok(Err(FieldError::new(
            "program_id",
            Wording::of("validation-program-unknown", vec![]),
        ))),
        Err(other) => Err(other.into()),
    }
}

/// Checks and normalizes the fields of a posting. `new_closing_date` is the
/// date the request sets, if any: only a date being set must not be past,
/// so that a closed posting can still be corrected.
fn validated(
    conn: &mut AnyConnection,
    fields: PostingFields,
    new_closing_date: Option<NaiveDate>,
) -> ApiResult<PostingFields> {
    let program_id = match fields.program_id.as_deref() {
        Some(raw) => Some(published_program(conn, raw)?),
        None => None,
    };
    let (title, description, program_id, genres, _) = validate::all((
        text("title", &fields.title, 1, TITLE_MAX),
        long_text("description", &fields.description, 1, DESCRIPTION_MAX),
        program_id,
        normalized_genres(&fields.genres, "genres"),
        new_closing_date.map(|closes_on| closing_date(closes_on, today())),
    ))?;
    Ok(PostingFields {
        title,
        description,
        program_id,
        genres,
        ..fields
    })
}

/// The company a posting is created for, which must exist and be a member in
/// good standing: only members mentor.
fn posting_company(conn: &mut AnyConnection, company_id: &str) -> ApiResult<Company> {
    let company = match companies::find(conn, company_id) {
        Ok(company) => company,
        Err(StoreError::NotFound) => {
            return Err(ApiError::validation(
                "company_id",
                Wording::of("validation-company-unknown", vec![]),
            ));
        }
        Err(other) => return Err(other.into()),
    };
    if !company.is_active_on(today()) {
        return Err(ApiError::validation(
            "company_id",
            Wording::of(
                "validation-company-lapsed",
                vec![("date", company.membership_expires_on.to_string())],
            ),
        ));
    }
    Ok(company)
}

/// Post a mentorship opportunity for a company (its representatives, staff).
#[utoipa::path(
    tag = "matching",
    security(("bearer" = [])),
    request_body = CreatePostingRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The posting", body = PostingBody),
        (status = 403, response = Forbidden),
    )
)]
#[post("/postings")]
async fn create_posting(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreatePostingRequest>,
) -> ApiResult<HttpResponse> {
    let request = body.0;
    let posting = state
        .db(move |conn| {
            transaction(conn, |conn| {
                let viewer = Viewer::load(conn, Some(&caller))?;
                authorize(&viewer, Action::Post, &request.company_id, true)?;
                let company = posting_company(conn, &request.company_id)?;
                let fields = validated(
                    conn,
                    PostingFields {
                        title: request.title,
                        description: request.description,
                        program_id: request.program_id,
                        province: request.province,
                        genres: request.genres,
                        remote_ok: request.remote_ok,
                        closes_on: request.closes_on,
                    },
                    Some(request.closes_on),
                )?;
                Ok(postings::create(conn, &company.id, caller.id(), &fields)?)
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/postings/{}", posting.id)))
        .json(PostingBody::new(posting, today())))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PostingQuery {
    /// Where the placement is.
    pub province: Option<Province>,
    pub company_id: Option<String>,
    /// A catalogue program's id.
    pub program_id: Option<String>,
    pub remote_ok: Option<bool>,
    /// Also list postings whose closing date has passed: staff, or a
    /// company's representatives together with its `company_id` (else 403).
    pub include_closed: Option<bool>,
}

fn after_cursor(page: &PageParams) -> ApiResult<Option<(NaiveDate, String)>> {
    page.after()?
        .map(|cursor| match cursor.key.parse::<NaiveDate>() {
            Ok(closes_on) => Ok((closes_on, cursor.id)),
            Err(_) => Err(crate::pagination::bad_cursor()),
        })
        .transpose()
}

/// Open postings, soonest closing first (anyone).
#[utoipa::path(
    tag = "matching",
    security((), ("bearer" = [])),
    params(PostingQuery, PageParams),
    responses(
        (status = 200, description = "A page of postings", body = Page<PostingBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/postings")]
async fn list_postings(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    query: Query<PostingQuery>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let query = query.0;
    let limit = page.0.limit()?;
    let after = after_cursor(&page.0)?;
    let day = today();
    let rows = state
        .db(move |conn| {
            let viewer = Viewer::load(conn, caller.0.as_ref())?;
            let include_closed = query.include_closed.unwrap_or(false);
            if include_closed {
                let company_id = query.company_id.as_deref().unwrap_or_default();
                authorize(&viewer, Action::ListClosed, company_id, true)?;
            }
            let filter = PostingFilter {
                province: query.province,
                company_id: query.company_id,
                program_id: query.program_id,
                remote_ok: query.remote_ok,
                open_on: (!include_closed).then_some(day),
                members_on: (!viewer.is_staff()).then(|| (day, viewer.represented.clone())),
            };
            Ok(postings::list(
                conn,
                &filter,
                after
                    .as_ref()
                    .map(|(closes_on, id)| (*closes_on, id.as_str())),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |p| {
        Cursor::new(p.closes_on.to_string(), p.id.clone())
    })
    .map(|posting| PostingBody::new(posting, day))
    .respond(&req)
}

/// One posting, open or closed (anyone, while the company is a member in
/// good standing).
#[utoipa::path(
    tag = "matching",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "The posting's id")),
    responses(
        (status = 200, description = "The posting", body = PostingBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/postings/{id}")]
async fn get_posting(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let posting = state
        .db(move |conn| find_authorized(conn, caller.0.as_ref(), &id, Action::Read))
        .await?;
    http_cache::json_ok(&req, &PostingBody::new(posting, today()))
}

/// Change a posting (the company's representatives, staff).
#[utoipa::path(
    tag = "matching",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The posting's id")),
    request_body = UpdatePostingRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The posting", body = PostingBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[patch("/postings/{id}")]
async fn update_posting(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<UpdatePostingRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let request = body.0;
    let posting = state
        .db(move |conn| {
            transaction(conn, |conn| {
                let current = find_authorized(conn, Some(&caller), &id, Action::Manage)?;
                let fields = validated(
                    conn,
                    PostingFields {
                        title: request.title.unwrap_or(current.title),
                        description: request.description.unwrap_or(current.description),
                        program_id: request.program_id.unwrap_or(current.program_id),
                        province: request.province.unwrap_or(current.province),
                        genres: request.genres.unwrap_or(current.genres),
                        remote_ok: request.remote_ok.unwrap_or(current.remote_ok),
                        closes_on: request.closes_on.unwrap_or(current.closes_on),
                    },
                    request.closes_on,
                )?;
                Ok(postings::update(conn, &id, &fields)?)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(PostingBody::new(posting, today())))
}

/// Remove a posting and the interest shown in it (the company's
/// representatives, staff).
#[utoipa::path(
    tag = "matching",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The posting's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[delete("/postings/{id}")]
async fn delete_posting(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    state
        .db(move |conn| {
            transaction(conn, |conn| {
                find_authorized(conn, Some(&caller), &id, Action::Manage)?;
                Ok(postings::delete(conn, &id)?)
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"message": "I produced two documentary shorts and would love to develop a feature with you."}))]
pub struct InterestRequest {
    /// 1 to 2,000 characters: what the company should know, and how to reach you.
    #[schema(min_length = 1, max_length = 2000, pattern = r"\S")]
    pub message: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e50",
    "posting_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e40",
    "user_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "display_name": "Ada Producer",
    "message": "I produced two documentary shorts and would love to develop a feature with you.",
    "created_at": "2026-11-22T16:00:00Z"
}))]
pub struct InterestBody {
    pub id: String,
    pub posting_id: String,
    /// The candidate; also the id of their mentee profile when it is public.
    pub user_id: String,
    /// The name on the candidate's account.
    pub display_name: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

impl From<Interest> for InterestBody {
    fn from(interest: Interest) -> Self {
        InterestBody {
            id: interest.id,
            posting_id: interest.posting_id,
            user_id: interest.user_id,
            display_name: interest.display_name,
            message: interest.message,
            created_at: interest.created_at,
        }
    }
}

/// Tells each representative of the company that someone answered, once
/// per interest.
fn notify_representatives(
    conn: &mut AnyConnection,
    links: &Links,
    posting: &Posting,
    interest: &Interest,
) -> ApiResult<()> {
    let notice = Notice::PostingInterest { posting, interest };
    for representative in companies::representatives(conn, &posting.company_id)? {
        let dedupe_key = format!(
            "posting_interest:{}:{}",
            interest.id, representative.user_id
        );
        notifications::queue(
            conn,
            links,
            Recipient::Person {
                email: &representative.email,
                locale: representative.locale,
            },
            &notice,
            Some(&dedupe_key),
        )?;
    }
    Ok(())
}

/// Answer a posting (individuals): once per person per posting, while it is
/// open. The company's representatives are notified through the outbox.
#[utoipa::path(
    tag = "matching",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The posting's id")),
    request_body = InterestRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The interest", body = InterestBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[post("/postings/{id}/interest")]
async fn show_interest(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<InterestRequest>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let message = long_text("message", &body.0.message, 1, MESSAGE_MAX)
        .map_err(|error| ApiError::Validation(vec![error]))?;
    let links = state.config.links();
    let interest =
        state
            .db(move |conn| {
                transaction(conn, |conn| {
                    let posting = find_authorized(conn, Some(&caller), &id, Action::ShowInterest)?;
                    if !posting.is_open_on(today()) {
                        return Err(ApiError::Conflict(Wording::of(
                            "detail-posting-closed",
                            vec![("date", posting.closes_on.to_string())],
                        )));
                    }
                    let interest = postings::add_interest(conn, &id, caller.id(), &message)
                        .map_err(|error| match error {
                            StoreError::Conflict { .. } => {
                                ApiError::Conflict(Wording::of("detail-posting-answered", vec![]))
                            }
                            other => other.into(),
                        })?;
                    notify_representatives(conn, &links, &posting, &interest)?;
                    Ok(interest)
                })
            })
            .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/postings/{}/interests", interest.posting_id),
        ))
        .json(InterestBody::from(interest)))
}

/// Who answered a posting, oldest first (the company's representatives,
/// staff).
#[utoipa::path(
    tag = "matching",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The posting's id"), PageParams),
    responses(
        (status = 200, description = "A page of answers", body = Page<InterestBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[get("/postings/{id}/interests")]
async fn list_interests(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let limit = page.0.limit()?;
    let after = page.0.after()?.map(|cursor| cursor.id);
    let rows = state
        .db(move |conn| {
            find_authorized(conn, Some(&caller), &id, Action::Manage)?;
            Ok(postings::interests(
                conn,
                &id,
                after.as_deref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |i| Cursor::new(i.id.clone(), i.id.clone()))
        .map(InterestBody::from)
        .respond(&req)
}
