//! The program catalogue: CRUD with partner moderation, faceted listing with
//! full-text search, schema.org JSON-LD, and matching against a profile.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{
    Audience, CareerStage, Cents, Delivery, Format, Language, Profile, ProgramStatus, Region, Role,
    SearchTerms, Slug, Topic, ValueError,
};
use greenlight_store::programs::{
    self, After, Listed, NewProgram, Program, ProgramContent, ProgramFilter, ProgramSort,
};
use greenlight_store::{AnyConnection, StoreError};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult, FieldError};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::read_model::{self, ReadModel};
use crate::state::AppState;
use crate::subscriptions::announce_new_program;
use crate::validate::today;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_program)
        .service(list_programs)
        .service(match_programs)
        .service(get_program)
        .service(update_program)
        .service(delete_program)
        .service(publish_program);
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProviderRef {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e30",
    "slug": "star-producer-program",
    "title": "STAR Producer Program",
    "provider": {"id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20", "name": "Canadian Media Producers Association"},
    "summary": "A year-round series of modules for emerging and early-career producers.",
    "description": "Modules on IP commercialization, co-production, virtual production...",
    "formats": ["webinar", "workshop", "networking"],
    "topics": ["ip_commercialization", "coproduction", "virtual_production"],
    "career_stages": ["emerging", "early_career"],
    "regions": ["national"],
    "audiences": [],
    "delivery": "hybrid",
    "languages": ["en"],
    "cost_cents": 0,
    "stipend_cents": null,
    "application_deadline": null,
    "starts_on": "2026-09-01",
    "ends_on": "2027-06-30",
    "url": "https://cmpa.ca/star",
    "status": "published",
    "submitted_by": null,
    "published_at": "2026-11-22T16:00:00Z",
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-11-22T16:00:00Z"
}))]
pub struct ProgramBody {
    pub id: String,
    pub slug: String,
    pub title: String,
    pub provider: ProviderRef,
    pub summary: String,
    pub description: String,
    pub formats: Vec<Format>,
    pub topics: Vec<Topic>,
    /// Empty when open at every stage.
    pub career_stages: Vec<CareerStage>,
    pub regions: Vec<Region>,
    /// Empty when not reserved for a self-identified group.
    pub audiences: Vec<Audience>,
    pub delivery: Delivery,
    pub languages: Vec<Language>,
    pub cost_cents: Cents,
    pub stipend_cents: Option<Cents>,
    pub application_deadline: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub url: Option<String>,
    pub status: ProgramStatus,
    /// The user who submitted it.
    pub submitted_by: Option<String>,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Program> for ProgramBody {
    fn from(program: Program) -> Self {
        let content = program.content;
        ProgramBody {
            id: program.id,
            slug: program.slug,
            title: content.title,
            provider: ProviderRef {
                id: content.provider_id,
                name: program.provider_name,
            },
            summary: content.summary,
            description: content.description,
            formats: content.formats,
            topics: content.topics,
            career_stages: content.career_stages,
            regions: content.regions,
            audiences: content.audiences,
            delivery: content.delivery,
            languages: content.languages,
            cost_cents: content.cost,
            stipend_cents: content.stipend,
            application_deadline: content.application_deadline,
            starts_on: content.starts_on,
            ends_on: content.ends_on,
            url: content.url,
            status: program.status,
            submitted_by: program.submitted_by,
            published_at: program.published_at,
            created_at: program.created_at,
            updated_at: program.updated_at,
        }
    }
}

/// A program as written by staff or a partner. Taxonomy values are checked
/// one by one, so every wrong value is reported with what is allowed.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "STAR Producer Program",
    "provider_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "summary": "A year-round series of modules for emerging and early-career producers.",
    "description": "Modules on IP commercialization, co-production, virtual production, post-production, banking and sustainability.",
    "formats": ["webinar", "workshop"],
    "topics": ["ip_commercialization", "coproduction"],
    "career_stages": ["emerging", "early_career"],
    "regions": ["national"],
    "audiences": [],
    "delivery": "hybrid",
    "languages": ["en", "fr"],
    "cost_cents": 0,
    "starts_on": "2026-09-01",
    "ends_on": "2027-06-30",
    "url": "https://cmpa.ca/star"
}))]
pub struct ProgramRequest {
    pub title: String,
    /// Derived from the title when absent (`my-program`, then `my-program-2`).
    #[schema(value_type = Option<String>, example = "star-producer-program")]
    pub slug: Option<String>,
    pub provider_id: String,
    pub summary: String,
    pub description: String,
    /// At least one.
    #[schema(value_type = Vec<Format>)]
    pub formats: Vec<String>,
    #[serde(default)]
    #[schema(value_type = Vec<Topic>)]
    pub topics: Vec<String>,
    /// Empty: open at every stage.
    #[serde(default)]
    #[schema(value_type = Vec<CareerStage>)]
    pub career_stages: Vec<String>,
    /// At least one; `national` for everyone.
    #[schema(value_type = Vec<Region>)]
    pub regions: Vec<String>,
    /// Empty: not reserved for a self-identified group.
    #[serde(default)]
    #[schema(value_type = Vec<Audience>)]
    pub audiences: Vec<String>,
    #[schema(value_type = Delivery)]
    pub delivery: String,
    #[serde(default)]
    #[schema(value_type = Vec<Language>)]
    pub languages: Vec<String>,
    #[schema(minimum = 0)]
    pub cost_cents: i64,
    #[schema(minimum = 0)]
    pub stipend_cents: Option<i64>,
    pub application_deadline: Option<NaiveDate>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub url: Option<String>,
}

/// A partial update: an absent field is left unchanged; `null` clears an
/// optional one.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"application_deadline": "2027-01-31", "topics": ["financing", "banking"]}))]
pub struct ProgramPatch {
    pub title: Option<String>,
    pub slug: Option<String>,
    pub provider_id: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    #[schema(value_type = Option<Vec<Format>>)]
    pub formats: Option<Vec<String>>,
    #[schema(value_type = Option<Vec<Topic>>)]
    pub topics: Option<Vec<String>>,
    #[schema(value_type = Option<Vec<CareerStage>>)]
    pub career_stages: Option<Vec<String>>,
    #[schema(value_type = Option<Vec<Region>>)]
    pub regions: Option<Vec<String>>,
    #[schema(value_type = Option<Vec<Audience>>)]
    pub audiences: Option<Vec<String>>,
    #[schema(value_type = Option<Delivery>)]
    pub delivery: Option<String>,
    #[schema(value_type = Option<Vec<Language>>)]
    pub languages: Option<Vec<String>>,
    #[schema(minimum = 0)]
    pub cost_cents: Option<i64>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<i64>, minimum = 0)]
    pub stipend_cents: Option<Option<i64>>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub application_deadline: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub starts_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<NaiveDate>)]
    pub ends_on: Option<Option<NaiveDate>>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<String>)]
    pub url: Option<Option<String>>,
}

fn ids<T: Copy>(values: &[T], as_str: fn(T) -> &'static str) -> Vec<String> {
    values.iter().map(|&v| as_str(v).to_owned()).collect()
}

impl ProgramRequest {
    fn of(program: &Program) -> Self {
        let c = &program.content;
        ProgramRequest {
            title: c.title.clone(),
            slug: Some(program.slug.clone()),
            provider_id: c.provider_id.clone(),
            summary: c.summary.clone(),
            description: c.description.clone(),
            formats: ids(&c.formats, Format::as_str),
            topics: ids(&c.topics, Topic::as_str),
            career_stages: ids(&c.career_stages, CareerStage::as_str),
            regions: ids(&c.regions, Region::as_str),
            audiences: ids(&c.audiences, Audience::as_str),
            delivery: c.delivery.as_str().to_owned(),
            languages: ids(&c.languages, Language::as_str),
            cost_cents: c.cost.get(),
            stipend_cents: c.stipend.map(Cents::get),
            application_deadline: c.application_deadline,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            url: c.url.clone(),
        }
    }

    fn patched(mut self, patch: ProgramPatch) -> Self {
        macro_rules! apply {
            ($($field:ident),+) => {$(
                if let Some(value) = patch.$field {
                    self.$field = value;
                }
            )+};
        }
        apply!(
            title,
            provider_id,
            summary,
            description,
            formats,
            topics,
            career_stages,
            regions,
            audiences,
            delivery,
            languages,
            cost_cents,
            stipend_cents,
            application_deadline,
            starts_on,
            ends_on,
            url
        );
        if let Some(slug) = patch.slug {
            self.slug = Some(slug);
        }
        self
    }
}

/// Collects the field errors of a request so that one answer names them all.
struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    fn value<T>(&mut self, field: &str, parsed: Result<T, ValueError>) -> Option<T> {
        parsed
            .map_err(|e| self.errors.push(FieldError::new(field, e.message)))
            .ok()
    }

    fn list<T: std::str::FromStr<Err = ValueError>>(
        &mut self,
        field: &str,
        raw: &[String],
        at_least_one: bool,
    ) -> Vec<T> {
        if at_least_one && raw.is_empty() {
            // The parse error of an empty id lists the allowed ones.
            let allowed = "".parse::<T>().err().map(|e| e.message).unwrap_or_default();
            self.errors.push(FieldError::new(
                field,
                format!("must list at least one value; each {allowed}"),
            ));
        }
        raw.iter()
            .enumerate()
            .filter_map(|(i, value)| self.value(&format!("{field}[{i}]"), value.parse::<T>()))
            .collect()
    }

    fn text(&mut self, field: &str, raw: &str, min: usize, max: usize) -> String {
        let text = raw.trim();
        let length = text.chars().count();
        if length < min || length > max {
            self.errors.push(FieldError::new(
                field,
                format!("must be {min} to {max} characters"),
            ));
        }
        text.to_owned()
    }

    fn cents(&mut self, field: &str, raw: i64) -> Cents {
        self.value(field, Cents::parse(raw)).unwrap_or_default()
    }
}

/// The program a request describes, or every field that is wrong with it.
fn validate(request: ProgramRequest) -> Result<(ProgramContent, Option<Slug>), ApiError> {
    let mut check = Checker { errors: Vec::new() };
    let title = check.text("title", &request.title, 1, 200);
    let slug = request
        .slug
        .as_deref()
        .and_then(|raw| check.value("slug", Slug::parse(raw)));
    let summary = check.text("summary", &request.summary, 1, 500);
    let description = check.text("description", &request.description, 0, 20_000);
    let formats = check.list("formats", &request.formats, true);
    let topics = check.list("topics", &request.topics, false);
    let career_stages = check.list("career_stages", &request.career_stages, false);
    let regions = check.list("regions", &request.regions, true);
    let audiences = check.list("audiences", &request.audiences, false);
    let languages = check.list("languages", &request.languages, false);
    let delivery = check.value("delivery", request.delivery.parse::<Delivery>());
    let cost = check.cents("cost_cents", request.cost_cents);
    let stipend = request
        .stipend_cents
        .map(|raw| check.cents("stipend_cents", raw));
    if let (Some(starts), Some(ends)) = (request.starts_on, request.ends_on)
        && ends < starts
    {
        check
            .errors
            .push(FieldError::new("ends_on", "must not be before starts_on"));
    }
    if let (Some(deadline), Some(ends)) = (request.application_deadline, request.ends_on)
        && deadline > ends
    {
        check.errors.push(FieldError::new(
            "application_deadline",
            "must not be after ends_on: applications close before the program ends",
        ));
    }
    let url = request.url.as_deref().and_then(|raw| {
        crate::validate::web_address("url", raw)
            .map_err(|e| check.errors.push(e))
            .ok()
    });
    let provider_id = request.provider_id.trim().to_owned();
    if provider_id.is_empty() {
        check
            .errors
            .push(FieldError::new("provider_id", "must name a provider"));
    }
    match (delivery, check.errors.is_empty()) {
        (Some(delivery), true) => Ok((
            ProgramContent {
                title,
                provider_id,
                summary,
                description,
                formats,
                topics,
                career_stages,
                regions,
                audiences,
                delivery,
                languages,
                cost,
                stipend,
                application_deadline: request.application_deadline,
                starts_on: request.starts_on,
                ends_on: request.ends_on,
                url,
            },
            slug,
        )),
        _ => Err(ApiError::Validation(check.errors)),
    }
}

fn write_error(error: StoreError) -> ApiError {
    match error {
        StoreError::MissingReference { .. } => {
            ApiError::validation("provider_id", "no provider has this id")
        }
        StoreError::Conflict { .. } => {
            ApiError::Conflict("Another program already has this slug.".to_owned())
        }
        other => other.into(),
    }
}

/// Who may see a program: everyone once published; before that, staff and
/// the partner who submitted it.
fn visible_to(caller: &MaybeCaller, program: &Program) -> bool {
    program.status == ProgramStatus::Published
        || caller.0.as_ref().is_some_and(|caller| {
            caller.is_staff() || program.submitted_by.as_deref() == Some(caller.id())
        })
}

/// Finds a program the caller may see, by id or slug; 404 otherwise.
fn find_visible(
    conn: &mut AnyConnection,
    caller: &MaybeCaller,
    id_or_slug: &str,
) -> Result<Program, ApiError> {
    let program = programs::find(conn, id_or_slug)?;
    if visible_to(caller, &program) {
        Ok(program)
    } else {
        Err(ApiError::NotFound)
    }
}

/// Submit a program. Staff programs are published at once (and announced to
/// the notification list); partner programs wait as `pending` for staff.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    request_body = ProgramRequest,
    responses(
        (status = 201, description = "The program", body = ProgramBody),
        (status = 403, response = Forbidden),
        (status = 409, response = Conflict),
    )
)]
#[post("/programs")]
async fn create_program(
    state: web::Data<AppState>,
    read_model: web::Data<ReadModel>,
    caller: Caller,
    body: Json<ProgramRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff, Role::Partner])?;
    let (content, slug) = validate(body.0)?;
    let status = if caller.is_staff() {
        ProgramStatus::Published
    } else {
        ProgramStatus::Pending
    };
    let new = NewProgram {
        content,
        slug,
        status,
        submitted_by: Some(caller.id().to_owned()),
    };
    let program = state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                let program = programs::create(conn, &new).map_err(write_error)?;
                if program.status == ProgramStatus::Published {
                    announce_new_program(conn, &program)?;
                }
                Ok::<_, ApiError>(program)
            })
        })
        .await?;
    read_model.invalidate();
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/programs/{}", program.slug)))
        .json(ProgramBody::from(program)))
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SortParam {
    Relevance,
    Deadline,
    Title,
    Updated,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpenParam {
    Open,
    Closed,
}

/// Filters of `GET /programs`. Repeat a parameter to accept several values
/// (`format=lab&format=course`: either); different parameters must all hold.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgramQuery {
    /// Full text over title, summary, description and provider name;
    /// accents and case are ignored, each word matches a word prefix.
    pub q: Option<String>,
    #[param(value_type = Option<Vec<CareerStage>>)]
    #[serde(default)]
    pub career_stage: Vec<String>,
    #[param(value_type = Option<Vec<Format>>)]
    #[serde(default)]
    pub format: Vec<String>,
    #[param(value_type = Option<Vec<Topic>>)]
    #[serde(default)]
    pub topic: Vec<String>,
    /// The program's own tags, literally: `region=BC` does not return
    /// `national` programs; ask `region=BC&region=national` for both.
    #[param(value_type = Option<Vec<Region>>)]
    #[serde(default)]
    pub region: Vec<String>,
    #[param(value_type = Option<Vec<Audience>>)]
    #[serde(default)]
    pub audience: Vec<String>,
    #[param(value_type = Option<Vec<Delivery>>)]
    #[serde(default)]
    pub delivery: Vec<String>,
    #[param(value_type = Option<Vec<Language>>)]
    #[serde(default)]
    pub language: Vec<String>,
    /// A provider's id.
    #[param(value_type = Option<Vec<String>>)]
    #[serde(default)]
    pub provider: Vec<String>,
    /// `open`: the deadline has not passed, or there is none; `closed`: it has.
    #[param(inline)]
    pub status: Option<OpenParam>,
    /// Deadline strictly before this day.
    pub deadline_before: Option<NaiveDate>,
    /// Deadline strictly after this day.
    pub deadline_after: Option<NaiveDate>,
    #[param(minimum = 0)]
    pub max_cost_cents: Option<i64>,
    /// `relevance` (the default with `q`), `deadline`, `title` (the default
    /// without `q`) or `updated`.
    #[param(inline)]
    pub sort: Option<SortParam>,
    /// `pending` lists programs waiting for review: all of them for staff,
    /// their own for partners. Default `published`.
    #[param(value_type = Option<ProgramStatus>)]
    pub review: Option<String>,
}

fn bad_parameter(name: &str, error: ValueError) -> ApiError {
    ApiError::BadRequest(format!("Query parameter `{name}`: {}", error.message))
}

fn parse_all<T: std::str::FromStr<Err = ValueError>>(
    name: &str,
    raw: &[String],
) -> Result<Vec<T>, ApiError> {
    raw.iter()
        .map(|value| value.parse::<T>().map_err(|e| bad_parameter(name, e)))
        .collect()
}

impl ProgramQuery {
    fn filter(self, caller: &MaybeCaller) -> Result<(ProgramFilter, ProgramSort), ApiError> {
        let search = match self.q.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(SearchTerms::parse(raw).ok_or_else(|| {
                ApiError::BadRequest(
                    "Query parameter `q` must contain at least one letter or digit.".to_owned(),
                )
            })?),
        };
        let sort = match (self.sort, &search) {
            (Some(SortParam::Relevance), None) => {
                return Err(ApiError::BadRequest(
                    "Query parameter `sort`: `relevance` needs a search `q`.".to_owned(),
                ));
            }
            (Some(SortParam::Relevance), Some(_)) | (None, Some(_)) => ProgramSort::Relevance,
            (Some(SortParam::Deadline), _) => ProgramSort::Deadline,
            (Some(SortParam::Title), _) | (None, None) => ProgramSort::Title,
            (Some(SortParam::Updated), _) => ProgramSort::Updated,
        };
        let max_cost = self
            .max_cost_cents
            .map(|raw| Cents::parse(raw).map_err(|e| bad_parameter("max_cost_cents", e)))
            .transpose()?;
        let status = self
            .review
            .as_deref()
            .map(|raw| {
                raw.parse::<ProgramStatus>()
                    .map_err(|e| bad_parameter("review", e))
            })
            .transpose()?
            .unwrap_or(ProgramStatus::Published);
        let submitted_by = match (status, &caller.0) {
            (ProgramStatus::Published, _) => None,
            (ProgramStatus::Pending, Some(caller)) if caller.is_staff() => None,
            (ProgramStatus::Pending, Some(caller)) if caller.role() == Role::Partner => {
                Some(caller.id().to_owned())
            }
            (ProgramStatus::Pending, _) => {
                return Err(ApiError::Forbidden(
                    "Only staff and partners may list programs waiting for review.",
                ));
            }
        };
        let filter = ProgramFilter {
            search,
            career_stages: parse_all("career_stage", &self.career_stage)?,
            formats: parse_all("format", &self.format)?,
            topics: parse_all("topic", &self.topic)?,
            regions: parse_all("region", &self.region)?,
            audiences: parse_all("audience", &self.audience)?,
            languages: parse_all("language", &self.language)?,
            deliveries: parse_all("delivery", &self.delivery)?,
            provider_ids: self.provider,
            open: self.status.map(|s| matches!(s, OpenParam::Open)),
            deadline_before: self.deadline_before,
            deadline_after: self.deadline_after,
            max_cost,
            submitted_by,
            status,
            ..ProgramFilter::published(today())
        };
        Ok((filter, sort))
    }
}

/// A list cursor carries every key of the sort (score, deadline, update
/// time) besides the folded title and the id, as `score|deadline|updated|title`.
fn cursor_of(listed: &Listed) -> Cursor {
    let after = listed.after();
    let deadline = after.deadline.map(|d| d.to_string()).unwrap_or_default();
    Cursor::new(
        format!(
            "{}|{deadline}|{}|{}",
            after.score,
            after.updated_at.and_utc().timestamp_micros(),
            after.sort_title
        ),
        after.id,
    )
}

fn after_of(cursor: Cursor) -> Result<After, ApiError> {
    let invalid = crate::pagination::bad_cursor;
    let mut parts = cursor.key.splitn(4, '|');
    let (Some(score), Some(deadline), Some(updated), Some(title)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid());
    };
    Ok(After {
        score: score.parse().map_err(|_| invalid())?,
        deadline: match deadline {
            "" => None,
            day => Some(day.parse().map_err(|_| invalid())?),
        },
        updated_at: updated
            .parse::<i64>()
            .ok()
            .and_then(DateTime::from_timestamp_micros)
            .map(|at| at.naive_utc())
            .ok_or_else(invalid)?,
        sort_title: title.to_owned(),
        id: cursor.id,
    })
}

/// Published programs, filtered, searched and sorted.
#[utoipa::path(
    tag = "catalogue",
    security((), ("bearer" = [])),
    params(ProgramQuery, PageParams),
    responses(
        (status = 200, description = "A page of programs", body = Page<ProgramBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/programs")]
async fn list_programs(
    req: HttpRequest,
    state: web::Data<AppState>,
    read_model: web::Data<ReadModel>,
    caller: MaybeCaller,
    query: Query<ProgramQuery>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let (filter, sort) = query.0.filter(&caller)?;
    let limit = page.0.limit()?;
    let after = page.0.after()?.map(after_of).transpose()?;
    // The read model holds the published catalogue; review lists of pending
    // programs go to the database.
    if filter.status == ProgramStatus::Published && filter.submitted_by.is_none() {
        let snapshot = read_model::current(&read_model, &state).await?;
        let index = snapshot.index();
        let positions = index.positions(&filter, sort, after.as_ref(), limit as usize + 1);
        // Pages of the read model are put together from JSON rendered once.
        return Page::from_rows(positions, limit, |&(i, score)| {
            cursor_of(&index.listed(i, score))
        })
        .map(|(i, _)| snapshot.body(i))
        .respond(&req);
    }
    let rows = state
        .db(move |conn| {
            Ok(programs::list(
                conn,
                &filter,
                sort,
                after.as_ref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, cursor_of)
        .map(|listed| ProgramBody::from(listed.program))
        .respond(&req)
}

fn wants_json_ld(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT)
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.to_ascii_lowercase().contains("application/ld+json"))
}

/// The program as a schema.org `EducationalOccupationalProgram`.
fn json_ld(program: &Program, website: Option<String>) -> serde_json::Value {
    let c = &program.content;
    let labels =
        |labels: Vec<&str>| -> Vec<String> { labels.into_iter().map(str::to_owned).collect() };
    let mode = match c.delivery {
        Delivery::InPerson => "onsite",
        Delivery::Virtual => "online",
        Delivery::Hybrid => "blended",
    };
    let mut document = serde_json::json!({
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "@id": format!("/api/v1/programs/{}", program.slug),
        "identifier": program.id,
        "name": c.title,
        "description": c.summary,
        "provider": {"@type": "Organization", "name": program.provider_name},
        "programType": labels(c.formats.iter().map(|f| f.label()).collect()),
        "about": labels(c.topics.iter().map(|t| t.label()).collect()),
        "educationalProgramMode": mode,
        "inLanguage": labels(c.languages.iter().map(|l| l.as_str()).collect()),
        "offers": {
            "@type": "Offer",
            "price": format!("{}.{:02}", c.cost.get() / 100, c.cost.get() % 100),
            "priceCurrency": "CAD",
        },
        "audience": {
            "@type": "EducationalAudience",
            "educationalRole": "producer",
            "audienceType": labels(c.career_stages.iter().map(|s| s.label()).collect()),
        },
        "areaServed": labels(c.regions.iter().map(|r| r.label()).collect()),
    });
    let optional = [
        ("url", c.url.clone()),
        (
            "applicationDeadline",
            c.application_deadline.map(|d| d.to_string()),
        ),
        ("startDate", c.starts_on.map(|d| d.to_string())),
        ("endDate", c.ends_on.map(|d| d.to_string())),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            document[key] = value.into();
        }
    }
    if let Some(website) = website {
        document["provider"]["url"] = website.into();
    }
    document
}

/// One program by id or slug. `Accept: application/ld+json` answers
/// schema.org JSON-LD.
#[utoipa::path(
    tag = "catalogue",
    security((), ("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug")),
    responses(
        (status = 200, description = "The program", body = ProgramBody,
            content(
                (ProgramBody = "application/json"),
                (Object = "application/ld+json"),
            )),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/programs/{program}")]
async fn get_program(
    req: HttpRequest,
    state: web::Data<AppState>,
    read_model: web::Data<ReadModel>,
    caller: MaybeCaller,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = program.into_inner();
    let json_ld_wanted = wants_json_ld(&req);
    let (program, website) = state
        .db(move |conn| {
            // Published programs come from the read model; pending ones (and
            // ones published elsewhere within its staleness) from the database.
            let published = read_model.snapshot(conn)?.index().find(&id).cloned();
            let program = match published {
                Some(program) => program,
                None => find_visible(conn, &caller, &id)?,
            };
            let website = if json_ld_wanted {
                greenlight_store::providers::find(conn, &program.content.provider_id)?.website
            } else {
                None
            };
            Ok((program, website))
        })
        .await?;
    if json_ld_wanted {
        let body = serde_json::to_vec(&json_ld(&program, website)).map_err(ApiError::internal)?;
        let mut response = http_cache::cached(&req, body, "application/ld+json");
        response
            .headers_mut()
            .insert(header::VARY, header::HeaderValue::from_static("Accept"));
        return Ok(response);
    }
    let mut response = http_cache::json_ok(&req, &ProgramBody::from(program))?;
    response
        .headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("Accept"));
    Ok(response)
}

/// Change a program (staff); absent fields are left as they are.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug")),
    request_body = ProgramPatch,
    responses(
        (status = 200, description = "The program", body = ProgramBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[patch("/programs/{program}")]
async fn update_program(
    state: web::Data<AppState>,
    read_model: web::Data<ReadModel>,
    caller: Caller,
    program: web::Path<String>,
    body: Json<ProgramPatch>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = program.into_inner();
    let patch = body.0;
    let program = state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                let current = programs::find(conn, &id)?;
                let (content, slug) = validate(ProgramRequest::of(&current).patched(patch))?;
                let slug = match slug {
                    Some(slug) => slug,
                    None => Slug::parse(&current.slug).map_err(ApiError::internal)?,
                };
                programs::update(conn, &current.id, &slug, &content).map_err(write_error)
            })
        })
        .await?;
    read_model.invalidate();
    Ok(HttpResponse::Ok().json(ProgramBody::from(program)))
}

/// Remove a program (staff).
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[delete("/programs/{program}")]
async fn delete_program(
    state: web::Data<AppState>,
    read_model: web::Data<ReadModel>,
    caller: Caller,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = program.into_inner();
    state
        .db(move |conn| {
            let program = programs::find(conn, &id)?;
            match programs::delete(conn, &program.id) {
                Err(StoreError::MissingReference { .. }) => Err(ApiError::Conflict(
                    "Other records (such as mentorship cycles) refer to this program.".to_owned(),
                )),
                other => Ok(other?),
            }
        })
        .await?;
    read_model.invalidate();
    Ok(HttpResponse::NoContent().finish())
}

/// Publish a pending program (staff) and announce it to the notification
/// list. Publishing a published program changes nothing.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug")),
    responses(
        (status = 200, description = "The published program", body = ProgramBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/programs/{program}/publish")]
async fn publish_program(
    state: web::Data<AppState>,
    read_model: web::Data<ReadModel>,
    caller: Caller,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = program.into_inner();
    let program = state
        .db(move |conn| {
            greenlight_store::transaction(conn, |conn| {
                let program = programs::find(conn, &id)?;
                let (program, _) = programs::publish(conn, &program.id)?;
                announce_new_program(conn, &program)?;
                Ok::<_, ApiError>(program)
            })
        })
        .await?;
    read_model.invalidate();
    Ok(HttpResponse::Ok().json(ProgramBody::from(program)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "profile": {"province": "ON", "producing_credits": 1, "interests": ["financing", "coproduction"], "audiences": []},
    "limit": 10
}))]
pub struct MatchRequest {
    pub profile: Profile,
    /// How many programs to return, 1 to 100 (default 20).
    #[schema(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchItem {
    /// The program as `GET /programs/{program}` shows it, rendered once by
    /// the read model.
    #[schema(value_type = ProgramBody)]
    pub program: Box<RawValue>,
    pub score: i32,
    /// Meets every hard constraint: career stage, region, audience, deadline.
    pub eligible: bool,
    /// Why it fits or not, in plain language.
    pub reasons: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MatchResponse {
    pub items: Vec<MatchItem>,
}

/// Rank every published program for a producer's profile: eligible ones
/// first, then by score, each with the reasons.
#[utoipa::path(
    tag = "catalogue",
    request_body = MatchRequest,
    responses((status = 200, description = "The best matches", body = MatchResponse))
)]
#[post("/programs/match")]
async fn match_programs(
    state: web::Data<AppState>,
    read_model: web::Data<ReadModel>,
    body: Json<MatchRequest>,
) -> ApiResult<HttpResponse> {
    let MatchRequest { profile, limit } = body.0;
    let profile = crate::profiles::validated_profile(profile, "profile.", today())
        .map_err(ApiError::Validation)?;
    let limit = match limit {
        None => 20,
        Some(limit @ 1..=100) => limit as usize,
        Some(_) => return Err(ApiError::validation("limit", "must be between 1 and 100")),
    };
    let snapshot = read_model::current(&read_model, &state).await?;
    let ranked = greenlight_eligibility::match_programs(&profile, snapshot.facts(), today(), limit);
    let items = ranked
        .into_iter()
        .filter_map(|result| {
            Some(MatchItem {
                program: snapshot.body(result.index)?.to_owned(),
                score: result.score,
                eligible: result.eligible,
                reasons: result.reasons,
            })
        })
        .collect();
    Ok(HttpResponse::Ok().json(MatchResponse { items }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;

    #[test]
    fn list_cursors_round_trip_every_key() {
        let at =
            NaiveDateTime::parse_from_str("2026-11-22 16:00:00.123456", "%Y-%m-%d %H:%M:%S%.f")
                .unwrap();
        let key = format!(
            "7|2026-12-01|{}|star producer",
            at.and_utc().timestamp_micros()
        );
        let after = after_of(Cursor::new(key, "id-1")).unwrap();
        assert_eq!(after.score, 7);
        assert_eq!(after.deadline, NaiveDate::from_ymd_opt(2026, 12, 1));
        assert_eq!(after.updated_at, at);
        assert_eq!(after.sort_title, "star producer");
        assert!(after_of(Cursor::new("x|y", "id")).is_err());
    }

    #[test]
    fn validation_names_every_wrong_field_and_what_is_allowed() {
        let request: ProgramRequest = serde_json::from_value(serde_json::json!({
            "title": "", "provider_id": "p", "summary": "s", "description": "",
            "formats": ["lab", "hackathon"], "regions": [], "delivery": "virtual",
            "cost_cents": -1, "starts_on": "2026-05-02", "ends_on": "2026-05-01"
        }))
        .unwrap();
        let Err(ApiError::Validation(errors)) = validate(request) else {
            panic!("expected validation errors");
        };
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["title", "formats[1]", "regions", "cost_cents", "ends_on"]
        );
        assert!(errors[1].message.contains("mentorship, internship"));
        assert!(errors[2].message.contains("national, AB"));
    }
}
