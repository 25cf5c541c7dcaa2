//! The program catalogue: CRUD with partner moderation, faceted listing with
//! full-text search, schema.org JSON-LD, and matching against a profile.

use std::collections::BTreeMap;

use actix_web::http::header;
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::NaiveDate;
use greenlight_catalogue::{
    After, Catalogue, Change, Entry, Facet, FacetCounts, Listing as CatalogueListing,
    ProgramQuery as CatalogueQuery, Reader, SearchText, Sort,
};
use greenlight_domain::{
    Audience, CareerStage, Cents, DefinedTerm, Delivery, Format, Language, Locale, Profile,
    Program, ProgramContent, ProgramStatus, Region, Role, Slug, Topic, Translations, ValueError,
};
use greenlight_store::programs::{self, NewProgram};
use greenlight_store::{AnyConnection, StoreError, program_changes};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::language::Lang;
use crate::notifications::{announce_deadline_change, announce_new_program};
use crate::openapi::problems::*;
use crate::pagination::{Cursor, PageParams};
use crate::program_body::{ProgramBody, Rendered};
use crate::read_model::{self, ReadModel};
use crate::state::AppState;
use crate::translations::{Translatable, field};
use crate::validate::{self, today};

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_program)
        .service(list_programs)
        .service(match_programs)
        .service(get_program)
        .service(get_program_json_ld)
        .service(update_program)
        .service(delete_program)
        .service(publish_program)
        .service(unpublish_program);
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
    "url": "https://cmpa.ca/star",
    "translations": {"fr": {"title": "Programme STAR pour producteurs", "summary": "Une série de modules offerte toute l'année aux producteurs émergents et en début de carrière."}}
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
    /// French `title`, `summary` and `description`; each one left out
    /// shows in English.
    #[serde(default)]
    pub translations: Translations,
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
    /// Replaces every translation (`{}` removes them).
    pub translations: Option<Translations>,
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
            translations: c.translations.clone(),
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
            url,
            translations
        );
        if let Some(slug) = patch.slug {
            self.slug = Some(slug);
        }
        self
    }
}

/// The ids of a list field, each checked; `at_least_one` refuses an empty list.
fn id_list<T: std::str::FromStr<Err = ValueError>>(
    field: &str,
    raw: &[String],
    at_least_one: bool,
) -> Result<Vec<T>, Vec<FieldError>> {
    if at_least_one && raw.is_empty() {
        let at_least_one = Wording::of("validation-at-least-one", vec![]);
        // The parse error of an empty id lists the allowed ones.
        let message = match "".parse::<T>() {
            Err(allowed) => at_least_one.placing("each", allowed),
            Ok(_) => at_least_one.placing("each", Wording::of("validation-malformed", vec![])),
        };
        return Err(vec![FieldError::new(field, message)]);
    }
    validate::gathered(
        raw.iter()
            .enumerate()
            .map(|(i, value)| validate::parsed(&format!("{field}[{i}]"), value.parse::<T>()))
            .collect::<Vec<_>>(),
    )
}

/// What a program's translation may hold: as long as the English fields.
const TRANSLATABLE: [Translatable; 3] = [
    field("title", 200, false),
    field("summary", 500, true),
    field("description", 20_000, true),
];

/// The program a request describes, or every field that is wrong with it.
fn validate(request: ProgramRequest) -> Result<(ProgramContent, Option<Slug>), ApiError> {
    let dates_in_order = match (request.starts_on, request.ends_on) {
        (Some(starts), Some(ends)) => ends >= starts,
        _ => true,
    };
    let deadline_in_time = match (request.application_deadline, request.ends_on) {
        (Some(deadline), Some(ends)) => deadline <= ends,
        _ => true,
    };
    let provider_id = request.provider_id.trim().to_owned();
    let (
        (title, slug, summary, description, provider_id, url),
        (formats, topics, career_stages, regions, audiences, languages),
        (delivery, cost, stipend, (), ()),
        translations,
    ) = validate::all((
        (
            validate::text("title", &request.title, 1, 200),
            request
                .slug
                .as_deref()
                .map(|raw| validate::parsed("slug", Slug::parse(raw))),
            validate::long_text("summary", &request.summary, 1, 500),
            validate::long_text("description", &request.description, 0, 20_000),
            validate::require(
                !provider_id.is_empty(),
                "provider_id",
                Wording::of("validation-provider-required", vec![]),
            )
            .map(|()| provider_id),
            request
                .url
                .as_deref()
                .map(|raw| validate::web_address("url", raw)),
        ),
        (
            id_list("formats", &request.formats, true),
            id_list("topics", &request.topics, false),
            id_list("career_stages", &request.career_stages, false),
            id_list("regions", &request.regions, true),
            id_list("audiences", &request.audiences, false),
            id_list("languages", &request.languages, false),
        ),
        (
            validate::parsed("delivery", request.delivery.parse::<Delivery>()),
            validate::parsed("cost_cents", Cents::parse(request.cost_cents)),
            request
                .stipend_cents
                .map(|raw| validate::parsed("stipend_cents", Cents::parse(raw))),
            validate::require(
                dates_in_order,
                "ends_on",
                Wording::of("validation-not-before", vec![("other", "starts_on".into())]),
            ),
            validate::require(
                deadline_in_time,
                "application_deadline",
                Wording::of("validation-deadline-after-end", vec![]),
            ),
        ),
        crate::translations::checked(request.translations, &TRANSLATABLE),
    ))?;
    Ok((
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
            translations,
        },
        slug,
    ))
}

fn write_error(error: StoreError) -> ApiError {
    match error {
        StoreError::MissingReference { .. } => ApiError::validation(
            "provider_id",
            Wording::of("validation-provider-unknown", vec![]),
        ),
        StoreError::Conflict { .. } => {
            ApiError::Conflict(Wording::of("detail-program-slug-taken", vec![]))
        }
        other => other.into(),
    }
}

/// Who may see a program: everyone once published; before that, staff and
/// the partner who submitted it.
fn visible_to(caller: &MaybeCaller, program: &Program) -> bool {
    program.status == ProgramStatus::Published
        || shows_submitter(caller, program.submitted_by.as_deref())
}

/// Staff and the submitter see who submitted a program; nobody else does.
fn shows_submitter(caller: &MaybeCaller, submitted_by: Option<&str>) -> bool {
    caller
        .0
        .as_ref()
        .is_some_and(|caller| caller.is_staff() || submitted_by == Some(caller.id()))
}

/// Finds a program the caller may see, by id first, then by slug; 404
/// otherwise.
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

/// After a write to the published catalogue through this instance, its read
/// model applies the change before the answer goes out, so the writer reads
/// its own write. The write has committed either way: should this fail, the
/// follower applies it within the staleness bound.
fn apply_own_write(read_model: &ReadModel, conn: &mut AnyConnection) {
    if let Err(error) = read_model.catch_up(conn) {
        tracing::warn!(%error, "the read model could not apply a write at once");
    }
}

/// Submit a program. Staff programs are published at once (and announced to
/// the notification list); partner programs wait as `pending` for staff. A
/// partner may have at most `GREENLIGHT_PARTNER_PENDING_LIMIT` (default 100)
/// programs waiting at once: beyond, 409 `conflict`. 409 also answers a
/// slug another program has.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    request_body = ProgramRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The program", body = ProgramBody),
        (status = 403, response = Forbidden),
        (status = 409, response = Conflict),
    )
)]
#[post("/programs")]
async fn create_program(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    body: Json<ProgramRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff, Role::Partner])?;
    let (content, slug) = validate(body.0)?;
    let status = if caller.is_staff() {
        ProgramStatus::Published
    } else {
        ProgramStatus::Pending
    };
    let submitter = caller.id().to_owned();
    let new = NewProgram {
        content,
        slug,
        status,
        submitted_by: Some(submitter.clone()),
    };
    let pending_limit = state.config.partner_pending_limit;
    let read_model = state.read_model.clone();
    let program = state
        .db(move |conn| {
            let program = greenlight_store::transaction(conn, |conn| {
                // Partners' submissions are counted under the catalogue's
                // write lock, so concurrent ones cannot pass the limit.
                program_changes::lock(conn)?;
                if status == ProgramStatus::Pending {
                    let waiting = programs::pending_count(conn, &submitter)?;
                    if waiting >= pending_limit {
                        return Err(ApiError::Conflict(Wording::of(
                            "detail-programs-pending-limit",
                            vec![("waiting", waiting.to_string())],
                        )));
                    }
                }
                let program = programs::create(conn, &new).map_err(write_error)?;
                if program.status == ProgramStatus::Published {
                    announce_new_program(conn, &program)?;
                }
                Ok::<_, ApiError>(program)
            })?;
            if program.status == ProgramStatus::Published {
                apply_own_write(&read_model, conn);
            }
            Ok(program)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/programs/{}", program.slug)))
        .json(ProgramBody::of(program, true, lang.0)))
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

/// The `max_length` documented on [`ProgramQuery::q`].
pub(crate) const SEARCH_TEXT_MAX: usize = 200;

/// Filters of `GET /programs`. Repeat a parameter to accept several values
/// (`format=lab&format=course`: either); different parameters must all hold.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgramQuery {
    /// Full text over title, summary, description and provider name, ranked
    /// by relevance (title words first). Accents and case are ignored;
    /// English and French words match their other forms (`financing` finds
    /// "finance", `coproductions` "coproduction"); words of 5 letters or more
    /// may carry one typo, of 9 or more two; the last word also matches as a
    /// prefix. Every word must match.
    #[param(max_length = 200)]
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
    /// `true` adds `total` (every match) and `facets`: for each facet, how
    /// many matches each of its values has, counted with every filter but
    /// that facet's own, so a selected facet still shows its other values.
    pub facets: Option<bool>,
    /// `pending` lists programs waiting for review: all of them for staff,
    /// their own for partners. Default `published`.
    #[param(value_type = Option<ProgramStatus>)]
    pub review: Option<String>,
}

fn parse_all<T: std::str::FromStr<Err = ValueError>>(
    name: &str,
    raw: &[String],
) -> Result<Vec<T>, ApiError> {
    raw.iter()
        .map(|value| {
            value
                .parse::<T>()
                .map_err(|e| ApiError::bad_parameter(name, e))
        })
        .collect()
}

/// Which programs a list reads: the published catalogue, or those waiting
/// for review (every one for staff; a partner's own).
enum Review {
    Published,
    Pending { submitted_by: Option<String> },
}

/// A `GET /programs` request, read and checked.
struct Listing {
    query: CatalogueQuery,
    sort: Sort,
    review: Review,
    facets: bool,
}

impl ProgramQuery {
    fn listing(self, caller: &MaybeCaller) -> Result<Listing, ApiError> {
        let text = match self.q.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) if raw.chars().count() > SEARCH_TEXT_MAX => {
                return Err(ApiError::parameter_too_long("q", SEARCH_TEXT_MAX));
            }
            Some(raw) => Some(SearchText::parse(raw).ok_or_else(|| {
                ApiError::bad_parameter("q", Wording::of("validation-search-text", vec![]))
            })?),
        };
        let sort = match (self.sort, &text) {
            (Some(SortParam::Relevance), None) => {
                return Err(ApiError::bad_parameter(
                    "sort",
                    Wording::of("validation-relevance-needs-q", vec![]),
                ));
            }
            (Some(SortParam::Relevance), Some(_)) | (None, Some(_)) => Sort::Relevance,
            (Some(SortParam::Deadline), _) => Sort::Deadline,
            (Some(SortParam::Title), _) | (None, None) => Sort::Title,
            (Some(SortParam::Updated), _) => Sort::Updated,
        };
        let max_cost = self
            .max_cost_cents
            .map(|raw| Cents::parse(raw).map_err(|e| ApiError::bad_parameter("max_cost_cents", e)))
            .transpose()?;
        let status = self
            .review
            .as_deref()
            .map(|raw| {
                raw.parse::<ProgramStatus>()
                    .map_err(|e| ApiError::bad_parameter("review", e))
            })
            .transpose()?
            .unwrap_or(ProgramStatus::Published);
        let review = match (status, &caller.0) {
            (ProgramStatus::Published, _) => Review::Published,
            (ProgramStatus::Pending, Some(caller)) if caller.is_staff() => {
                Review::Pending { submitted_by: None }
            }
            (ProgramStatus::Pending, Some(caller)) if caller.role() == Role::Partner => {
                Review::Pending {
                    submitted_by: Some(caller.id().to_owned()),
                }
            }
            (ProgramStatus::Pending, _) => {
                return Err(ApiError::Forbidden(Wording::of(
                    "detail-programs-pending-hidden",
                    vec![],
                )));
            }
        };
        let query = CatalogueQuery {
            text,
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
            ..CatalogueQuery::everything(today())
        };
        Ok(Listing {
            query,
            sort,
            review,
            facets: self.facets.unwrap_or(false),
        })
    }
}

/// A list cursor carries every key of the sort (score, deadline, update
/// time) besides the folded title and the id, as `score|deadline|updated|title`.
fn cursor_of(after: After) -> Cursor {
    let deadline = after.deadline.map(|d| d.to_string()).unwrap_or_default();
    Cursor::new(
        format!(
            "{}|{deadline}|{}|{}",
            after.score, after.updated_at, after.sort_title
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
        updated_at: updated.parse().map_err(|_| invalid())?,
        sort_title: title.to_owned(),
        id: cursor.id,
    })
}

/// Counts per value of each facet, as `facets=true` adds them.
#[derive(Debug, Default, Serialize, ToSchema)]
#[schema(example = json!({
    "career_stage": {"emerging": 12, "early_career": 9, "mid_career": 4, "established": 1},
    "format": {"mentorship": 7, "lab": 3},
    "topic": {"financing": 5},
    "region": {"national": 10, "BC": 2},
    "audience": {"indigenous": 1},
    "delivery": {"in_person": 3, "virtual": 6, "hybrid": 2},
    "language": {"en": 11, "fr": 4}
}))]
pub struct ProgramFacets {
    pub career_stage: BTreeMap<&'static str, u64>,
    pub format: BTreeMap<&'static str, u64>,
    pub topic: BTreeMap<&'static str, u64>,
    pub region: BTreeMap<&'static str, u64>,
    pub audience: BTreeMap<&'static str, u64>,
    pub delivery: BTreeMap<&'static str, u64>,
    pub language: BTreeMap<&'static str, u64>,
}

impl From<FacetCounts> for ProgramFacets {
    fn from(counts: FacetCounts) -> Self {
        let mut facets = ProgramFacets::default();
        for (facet, values) in counts.facets {
            let field = match facet {
                Facet::CareerStage => &mut facets.career_stage,
                Facet::Format => &mut facets.format,
                Facet::Topic => &mut facets.topic,
                Facet::Region => &mut facets.region,
                Facet::Audience => &mut facets.audience,
                Facet::Delivery => &mut facets.delivery,
                Facet::Language => &mut facets.language,
            };
            field.extend(values);
        }
        facets
    }
}

/// A page of `GET /programs`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramPage {
    pub items: Vec<ProgramBody>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
    /// With `facets=true`: how many programs match, on every page.
    pub total: Option<u64>,
    /// With `facets=true`: every value of every facet with its count.
    pub facets: Option<ProgramFacets>,
}

/// Pages a catalogue (the read model, or programs waiting for review): the
/// items are JSON rendered beforehand, put together without parsing them.
fn respond_page<B>(
    req: &HttpRequest,
    reader: &Reader<'_, B>,
    listing: &Listing,
    after: Option<&After>,
    limit: usize,
    body: impl Fn(&CatalogueListing<B>) -> Result<Bytes, ApiError>,
) -> ApiResult<HttpResponse> {
    let found = reader.find(&listing.query).map_err(ApiError::internal)?;
    let mut hits = found.page(listing.sort, after, limit + 1);
    let more = hits.len() > limit;
    hits.truncate(limit);
    let next_cursor = hits
        .last()
        .filter(|_| more)
        .map(|last| cursor_of(last.after()).encode());
    let items = hits
        .iter()
        .map(|hit| body(hit.listing))
        .collect::<Result<Vec<_>, _>>()?;
    let mut json = Vec::with_capacity(items.iter().map(Bytes::len).sum::<usize>() + 64);
    json.extend_from_slice(b"{\"items\":[");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(item);
    }
    json.extend_from_slice(b"],\"next_cursor\":");
    serde_json::to_writer(&mut json, &next_cursor).map_err(ApiError::internal)?;
    if listing.facets {
        let counts = found.facet_counts();
        json.extend_from_slice(format!(",\"total\":{},\"facets\":", counts.total).as_bytes());
        serde_json::to_writer(&mut json, &ProgramFacets::from(counts))
            .map_err(ApiError::internal)?;
    }
    json.push(b'}');
    let mut response = http_cache::cached(req, json, "application/json");
    crate::pagination::link_next(req, &mut response, next_cursor.as_deref());
    Ok(response)
}

/// Published programs, filtered, searched, sorted and optionally counted by
/// facet; or, with `review=pending`, programs waiting for review, searched
/// by the same engine.
#[utoipa::path(
    tag = "catalogue",
    security((), ("bearer" = [])),
    params(ProgramQuery, PageParams),
    responses(
        (status = 200, description = "A page of programs", body = ProgramPage),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/programs")]
async fn list_programs(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    lang: Lang,
    query: Query<ProgramQuery>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let listing = query.0.listing(&caller)?;
    let limit = page.0.limit()? as usize;
    let after = page.0.after()?.map(after_of).transpose()?;
    match &listing.review {
        Review::Published => {
            let read_model = read_model::loaded(&state).await?;
            let reader = read_model.read()?;
            respond_page(&req, &reader, &listing, after.as_ref(), limit, |listed| {
                let body = listed.body.get(lang.0);
                if shows_submitter(&caller, listed.entry.submitted_by.as_deref()) {
                    body.with_submitter(listed.entry.submitted_by.as_deref())
                } else {
                    Ok(body.json.clone())
                }
            })
        }
        Review::Pending { submitted_by } => {
            let submitted_by = submitted_by.clone();
            let waiting = state
                .db(move |conn| Ok(programs::pending(conn, submitted_by.as_deref())?))
                .await?;
            // Programs waiting for review are few and read by staff: they
            // are searched by the same engine, over a catalogue of their own
            // built for the request, and shown whole (staff, or their
            // submitter).
            let catalogue = web::block(move || {
                let catalogue = Catalogue::new().map_err(ApiError::internal)?;
                let changes = waiting
                    .into_iter()
                    .map(|program| {
                        let json =
                            serde_json::to_vec(&ProgramBody::of(program.clone(), true, lang.0))
                                .map_err(ApiError::internal)?;
                        Ok(Change::Put(Box::new(program), Bytes::from(json)))
                    })
                    .collect::<Result<Vec<_>, ApiError>>()?;
                catalogue.apply(changes).map_err(ApiError::internal)?;
                Ok::<_, ApiError>(catalogue)
            })
            .await??;
            let reader = catalogue.read().map_err(ApiError::internal)?;
            respond_page(&req, &reader, &listing, after.as_ref(), limit, |listed| {
                Ok(listed.body.clone())
            })
        }
    }
}

fn wants_json_ld(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT)
        .filter_map(|value| value.to_str().ok())
        .any(|value| value.to_ascii_lowercase().contains("application/ld+json"))
}

/// A program as schema.org JSON-LD (an `EducationalOccupationalProgram`),
/// typed so that clients generated from the OpenAPI document read it
/// without a cast.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "@context": "https://schema.org",
    "@type": "EducationalOccupationalProgram",
    "@id": "https://greenlight.example.org/api/v1/programs/0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e21",
    "identifier": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e21",
    "name": "STAR Producer Program",
    "description": "A year-round series of modules for emerging and early-career producers.",
    "url": "https://cmpa.ca/star",
    "provider": {"@type": "Organization", "name": "CMPA", "url": "https://cmpa.ca"},
    "programType": ["Webinar"],
    "about": ["Co-production"],
    "educationalProgramMode": "blended",
    "inLanguage": ["en", "fr"],
    "offers": {"@type": "Offer", "price": "0.00", "priceCurrency": "CAD"},
    "audience": {"@type": "EducationalAudience", "educationalRole": "producer", "audienceType": ["Emerging"]},
    "areaServed": ["National"],
    "startDate": "2026-09-01",
    "endDate": "2027-06-30"
}))]
pub struct ProgramJsonLd {
    /// Always `https://schema.org`.
    #[serde(rename = "@context")]
    pub context: &'static str,
    /// Always `EducationalOccupationalProgram`.
    #[serde(rename = "@type")]
    pub type_: &'static str,
    /// The program's absolute address here, by id (which never changes).
    #[serde(rename = "@id")]
    pub id: String,
    pub identifier: String,
    pub name: String,
    pub description: String,
    /// The provider's page for the program when there is one, else `@id`.
    pub url: String,
    pub provider: JsonLdOrganization,
    /// The formats' labels.
    #[serde(rename = "programType")]
    pub program_type: Vec<String>,
    /// The topics' labels.
    pub about: Vec<String>,
    /// `onsite`, `online` or `blended`.
    #[serde(rename = "educationalProgramMode")]
    pub educational_program_mode: &'static str,
    #[serde(rename = "inLanguage")]
    pub in_language: Vec<String>,
    pub offers: JsonLdOffer,
    pub audience: JsonLdAudience,
    /// The regions' labels.
    #[serde(rename = "areaServed")]
    pub area_served: Vec<String>,
    #[serde(
        rename = "applicationDeadline",
        skip_serializing_if = "Option::is_none"
    )]
    pub application_deadline: Option<NaiveDate>,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    pub start_date: Option<NaiveDate>,
    #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
    pub end_date: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JsonLdOrganization {
    /// Always `Organization`.
    #[serde(rename = "@type")]
    pub type_: &'static str,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JsonLdOffer {
    /// Always `Offer`.
    #[serde(rename = "@type")]
    pub type_: &'static str,
    /// The cost in dollars, two decimals (`125.50`).
    pub price: String,
    /// Always `CAD`.
    #[serde(rename = "priceCurrency")]
    pub price_currency: &'static str,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct JsonLdAudience {
    /// Always `EducationalAudience`.
    #[serde(rename = "@type")]
    pub type_: &'static str,
    /// Always `producer`.
    #[serde(rename = "educationalRole")]
    pub educational_role: &'static str,
    /// The career stages' labels.
    #[serde(rename = "audienceType")]
    pub audience_type: Vec<String>,
}

impl ProgramJsonLd {
    fn of(program: &Program, website: Option<String>, public_url: &str, locale: Locale) -> Self {
        let c = &program.content;
        let labels = |labels: &mut dyn Iterator<Item = &str>| -> Vec<String> {
            labels.map(str::to_owned).collect()
        };
        let id = format!("{public_url}/api/v1/programs/{}", program.id);
        ProgramJsonLd {
            context: "https://schema.org",
            type_: "EducationalOccupationalProgram",
            identifier: program.id.clone(),
            name: c
                .translations
                .pick(locale, &c.title, |t| t.title.as_ref())
                .to_owned(),
            description: c
                .translations
                .pick(locale, &c.summary, |t| t.summary.as_ref())
                .to_owned(),
            url: c.url.clone().unwrap_or_else(|| id.clone()),
            id,
            provider: JsonLdOrganization {
                type_: "Organization",
                name: program
                    .provider_translations
                    .pick(locale, &program.provider_name, |t| t.name.as_ref())
                    .to_owned(),
                url: website,
            },
            program_type: c.formats.iter().map(|f| f.label_in(locale)).collect(),
            about: c.topics.iter().map(|t| t.label_in(locale)).collect(),
            educational_program_mode: match c.delivery {
                Delivery::InPerson => "onsite",
                Delivery::Virtual => "online",
                Delivery::Hybrid => "blended",
            },
            in_language: labels(&mut c.languages.iter().map(|l| l.as_str())),
            offers: JsonLdOffer {
                type_: "Offer",
                price: format!("{}.{:02}", c.cost.get() / 100, c.cost.get() % 100),
                price_currency: "CAD",
            },
            audience: JsonLdAudience {
                type_: "EducationalAudience",
                educational_role: "producer",
                audience_type: c.career_stages.iter().map(|s| s.label_in(locale)).collect(),
            },
            area_served: c.regions.iter().map(|r| r.label_in(locale)).collect(),
            application_deadline: c.application_deadline,
            start_date: c.starts_on,
            end_date: c.ends_on,
        }
    }
}

/// The JSON-LD answer for a program the caller may see.
async fn json_ld_answer(
    req: &HttpRequest,
    state: &AppState,
    caller: MaybeCaller,
    id: String,
    locale: Locale,
) -> ApiResult<HttpResponse> {
    let (program, website) = state
        .db(move |conn| {
            let program = find_visible(conn, &caller, &id)?;
            let website =
                greenlight_store::providers::find(conn, &program.content.provider_id)?.website;
            Ok((program, website))
        })
        .await?;
    let document = ProgramJsonLd::of(&program, website, &state.config.public_url, locale);
    let body = serde_json::to_vec(&document).map_err(ApiError::internal)?;
    Ok(http_cache::cached(req, body, "application/ld+json"))
}

/// One program as schema.org JSON-LD, at an address of its own (the same
/// document `GET /programs/{program}` answers to `Accept:
/// application/ld+json`).
#[utoipa::path(
    tag = "catalogue",
    security((), ("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug", max_length = 80)),
    responses(
        (status = 200, description = "The program as JSON-LD", body = ProgramJsonLd, content_type = "application/ld+json"),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/programs/{program}/jsonld")]
async fn get_program_json_ld(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    lang: Lang,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    json_ld_answer(&req, &state, caller, program.into_inner(), lang.0).await
}

/// One program by id or slug (an id wins). `Accept: application/ld+json`
/// answers schema.org JSON-LD.
#[utoipa::path(
    tag = "catalogue",
    security((), ("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug", max_length = 80)),
    responses(
        (status = 200, description = "The program. `Accept: application/ld+json` answers schema.org JSON-LD instead, as `GET /programs/{program}/jsonld` does (documented there, so that this answer has one type)", body = ProgramBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/programs/{program}")]
async fn get_program(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    lang: Lang,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = program.into_inner();
    let locale = lang.0;
    if wants_json_ld(&req) {
        return Ok(vary_on_accept(
            json_ld_answer(&req, &state, caller, id, locale).await?,
        ));
    }
    let read_model = read_model::loaded(&state).await?;
    let published = {
        let reader = read_model.read()?;
        match reader.get(&id) {
            Some(listed) => {
                let submitted_by = listed.entry.submitted_by.as_deref();
                let body = listed.body.get(locale);
                Some(if shows_submitter(&caller, submitted_by) {
                    let json = body.with_submitter(submitted_by)?;
                    let etag = http_cache::etag_for(&json);
                    (json, etag)
                } else {
                    (body.json.clone(), body.etag.clone())
                })
            }
            None => None,
        }
    };
    if let Some((json, etag)) = published {
        return Ok(vary_on_accept(http_cache::cached_with_etag(
            &req,
            json,
            &etag,
            "application/json",
        )));
    }
    // Not in the read model: waiting for review (staff and the submitter
    // may see it), or published through another instance moments ago.
    let program = state
        .db(move |conn| {
            let program = find_visible(conn, &caller, &id)?;
            let shows = shows_submitter(&caller, program.submitted_by.as_deref());
            Ok(ProgramBody::of(program, shows, locale))
        })
        .await?;
    Ok(vary_on_accept(http_cache::json_ok(&req, &program)?))
}

fn vary_on_accept(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("Accept"));
    response
}

/// Change a program (staff); absent fields are left as they are. A
/// published program's deadline moved later is news for `deadlines`
/// subscribers whose saved search matches it.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug (an id wins)", max_length = 80)),
    request_body = ProgramPatch,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The program", body = ProgramBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[patch("/programs/{program}")]
async fn update_program(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    program: web::Path<String>,
    body: Json<ProgramPatch>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = program.into_inner();
    let patch = body.0;
    let read_model = state.read_model.clone();
    let program = state
        .db(move |conn| {
            let program = greenlight_store::transaction(conn, |conn| {
                let current = programs::find(conn, &id)?;
                let (content, slug) = validate(ProgramRequest::of(&current).patched(patch))?;
                let slug = match slug {
                    Some(slug) => slug,
                    None => Slug::parse(&current.slug).map_err(ApiError::internal)?,
                };
                let program =
                    programs::update(conn, &current.id, &slug, &content).map_err(write_error)?;
                announce_deadline_change(conn, current.content.application_deadline, &program)?;
                Ok::<_, ApiError>(program)
            })?;
            if program.status == ProgramStatus::Published {
                apply_own_write(&read_model, conn);
            }
            Ok(program)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ProgramBody::of(program, true, lang.0)))
}

/// Remove a program (staff).
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug (an id wins)", max_length = 80)),
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
    caller: Caller,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = program.into_inner();
    let read_model = state.read_model.clone();
    state
        .db(move |conn| {
            let program = programs::find(conn, &id)?;
            match programs::delete(conn, &program.id) {
                Err(StoreError::MissingReference { .. }) => {
                    return Err(ApiError::Conflict(Wording::of(
                        "detail-program-referred-to",
                        vec![],
                    )));
                }
                other => other?,
            }
            if program.status == ProgramStatus::Published {
                apply_own_write(&read_model, conn);
            }
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Publish a pending program (staff) and announce it to the notification
/// list. Publishing a published program changes nothing.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug (an id wins)", max_length = 80)),
    responses(
        (status = 200, description = "The published program", body = ProgramBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/programs/{program}/publish")]
async fn publish_program(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    change_publication(&state, &caller, lang, program.into_inner(), |conn, id| {
        let (program, changed) = programs::publish(conn, id)?;
        announce_new_program(conn, &program)?;
        Ok((program, changed))
    })
    .await
}

/// Moves the program with this id in or out of the catalogue: the program
/// as it now is, and whether anything changed.
type PublicationChange = fn(&mut AnyConnection, &str) -> Result<(Program, bool), ApiError>;

/// What publishing and unpublishing share (staff only): `change` runs in
/// one transaction on the program the path names and says whether it
/// changed anything; a change reaches this instance's read model at once.
async fn change_publication(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    id: String,
    change: PublicationChange,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let read_model = state.read_model.clone();
    let program = state
        .db(move |conn| {
            let (program, changed) = greenlight_store::transaction(conn, |conn| {
                let program = programs::find(conn, &id)?;
                change(conn, &program.id)
            })?;
            if changed {
                apply_own_write(&read_model, conn);
            }
            Ok(program)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ProgramBody::of(program, true, lang.0)))
}

/// Take a published program out of the catalogue (staff): it goes back to
/// `pending`, kept for staff to publish again, and partners see
/// `unpublished` in the change feed. Unpublishing a program that is not
/// published changes nothing.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("program" = String, Path, description = "The program's id or slug (an id wins)", max_length = 80)),
    responses(
        (status = 200, description = "The program, now pending", body = ProgramBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[post("/programs/{program}/unpublish")]
async fn unpublish_program(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    program: web::Path<String>,
) -> ApiResult<HttpResponse> {
    change_publication(&state, &caller, lang, program.into_inner(), |conn, id| {
        Ok(programs::unpublish(conn, id)?)
    })
    .await
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
    responses(
        (status = 422, response = RuleBroken),(status = 200, description = "The best matches", body = MatchResponse))
)]
#[post("/programs/match")]
async fn match_programs(
    state: web::Data<AppState>,
    lang: Lang,
    body: Json<MatchRequest>,
) -> ApiResult<HttpResponse> {
    let MatchRequest { profile, limit } = body.0;
    let profile = crate::profiles::validated_profile(profile, "profile.", today())
        .map_err(ApiError::Validation)?;
    let limit = match limit {
        None => 20,
        Some(limit @ 1..=100) => limit as usize,
        Some(_) => {
            return Err(ApiError::validation("limit", Wording::between(1, 100)));
        }
    };
    let read_model = read_model::loaded(&state).await?;
    let reader = read_model.read()?;
    let listings: Vec<&CatalogueListing<Rendered>> = reader.in_title_order().collect();
    let entries: Vec<&Entry> = listings.iter().map(|listed| &listed.entry).collect();
    let items = greenlight_catalogue::match_programs(&profile, &entries, today(), limit, lang.0)
        .into_iter()
        .map(|result| {
            let program = RawValue::from_string(
                String::from_utf8_lossy(&listings[result.index].body.get(lang.0).json).into_owned(),
            )
            .map_err(ApiError::internal)?;
            Ok(MatchItem {
                program,
                score: result.score,
                eligible: result.eligible,
                reasons: result.reasons,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(HttpResponse::Ok().json(MatchResponse { items }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn list_cursors_round_trip_every_key() {
        let after = After {
            score: 7,
            deadline: NaiveDate::from_ymd_opt(2026, 12, 1),
            updated_at: 1_795_000_000_123_456,
            sort_title: "star | producer".to_owned(),
            id: "id-1".to_owned(),
        };
        assert_eq!(after_of(cursor_of(after.clone())).unwrap(), after);
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
