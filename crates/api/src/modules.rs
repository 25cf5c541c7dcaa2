//! The module series: year-round modules, each a theme run through several
//! events (webinars, networking events, workshops, panels).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use chrono::{DateTime, Utc};
use greenlight_domain::{CareerStage, Locale, Role, Translations};
use greenlight_store::modules::{self, ModuleKey, NewModule};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::events::{EventBody, shown_to};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::language::Lang;
use crate::openapi::problems::{Forbidden, NotFound, RuleBroken};
use crate::pagination::{Cursor, Page, PageParams, bad_cursor};
use crate::state::AppState;
use crate::translations::{Translatable, field, localize};
use crate::validate;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_module)
        .service(list_modules)
        .service(get_module);
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "title": "Banking for Producers",
    "theme": "financing",
    "year": 2026,
    "summary": "Three units on working with banks to fund productions and grow a production business.",
    "audiences": ["emerging", "established"],
    "translations": {"fr": {"title": "Services bancaires pour producteurs"}}
}))]
pub struct CreateModuleRequest {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub title: String,
    /// Free text, such as a topic of the taxonomy (`financing`) or a phrase.
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub theme: String,
    #[schema(minimum = 2000, maximum = 2100)]
    pub year: i64,
    #[schema(min_length = 1, max_length = 5000, pattern = r"\S")]
    pub summary: String,
    /// The career stages the module is meant for; empty for every stage.
    #[schema(value_type = Vec<CareerStage>)]
    pub audiences: Vec<String>,
    /// French `title` and `summary`.
    #[serde(default)]
    pub translations: Translations,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "title": "Banking for Producers",
    "theme": "financing",
    "year": 2026,
    "summary": "Three units on working with banks to fund productions and grow a production business.",
    "audiences": ["emerging", "established"],
    "translations": {"fr": {"title": "Services bancaires pour producteurs"}},
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-11-22T16:00:00Z"
}))]
pub struct ModuleBody {
    pub id: String,
    pub title: String,
    pub theme: String,
    pub year: i32,
    pub summary: String,
    pub audiences: Vec<CareerStage>,
    /// The French wording as written; `title` and `summary` show it when
    /// French is asked for.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ModuleBody {
    /// The module with its text in `locale`.
    pub fn localized(mut self, locale: Locale) -> Self {
        localize(&mut self.title, &self.translations, locale, |t| {
            t.title.as_ref()
        });
        localize(&mut self.summary, &self.translations, locale, |t| {
            t.summary.as_ref()
        });
        self
    }
}

impl From<modules::Module> for ModuleBody {
    fn from(module: modules::Module) -> Self {
        ModuleBody {
            id: module.id,
            title: module.title,
            theme: module.theme,
            year: module.year,
            summary: module.summary,
            audiences: module.audiences,
            translations: module.translations,
            created_at: module.created_at,
            updated_at: module.updated_at,
        }
    }
}

/// A module with its events, by start.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleDetail {
    #[serde(flatten)]
    pub module: ModuleBody,
    pub events: Vec<EventBody>,
}

const TITLE_MAX: usize = 200;
const THEME_MAX: usize = 100;
const SUMMARY_MAX: usize = 5000;
const YEARS: std::ops::RangeInclusive<i64> = 2000..=2100;

const TRANSLATABLE: [Translatable; 2] = [
    field("title", TITLE_MAX, false),
    field("summary", SUMMARY_MAX, true),
];

struct ValidModule {
    title: String,
    theme: String,
    year: i32,
    summary: String,
    audiences: Vec<CareerStage>,
    translations: Translations,
}

fn validate(request: CreateModuleRequest) -> Result<ValidModule, ApiError> {
    let year = i32::try_from(request.year)
        .ok()
        .filter(|_| YEARS.contains(&request.year))
        .ok_or_else(|| FieldError::new("year", Wording::between(YEARS.start(), YEARS.end())));
    let audiences: Vec<_> = request
        .audiences
        .iter()
        .enumerate()
        .map(|(index, raw)| {
            raw.parse::<CareerStage>().map_err(|error| {
                FieldError::new(
                    format!("audiences[{index}]"),
                    Wording::of("validation-career-stage", vec![]).placing("message", error),
                )
            })
        })
        .collect();
    let (title, theme, summary, year, audiences, translations) = validate::all((
        validate::text("title", &request.title, 1, TITLE_MAX),
        validate::text("theme", &request.theme, 1, THEME_MAX),
        validate::long_text("summary", &request.summary, 1, SUMMARY_MAX),
        year,
        audiences,
        crate::translations::checked(request.translations, &TRANSLATABLE),
    ))?;
    Ok(ValidModule {
        title,
        theme,
        year,
        summary,
        audiences,
        translations,
    })
}

/// Create a module of the series (staff).
#[utoipa::path(
    tag = "events",
    security(("bearer" = [])),
    request_body = CreateModuleRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The module", body = ModuleBody,
            headers(("Location" = String, description = "The module's address"))),
        (status = 403, response = Forbidden),
    )
)]
#[post("/modules")]
async fn create_module(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    body: Json<CreateModuleRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let valid = validate(body.0)?;
    let module = state
        .db(move |conn| {
            Ok(modules::create(
                conn,
                &NewModule {
                    title: &valid.title,
                    theme: &valid.theme,
                    year: valid.year,
                    summary: &valid.summary,
                    audiences: &valid.audiences,
                    translations: &valid.translations,
                },
            )?)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/modules/{}", module.id)))
        .json(ModuleBody::from(module).localized(lang.0)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ModuleFilter {
    /// Only modules of this year.
    #[param(minimum = 2000, maximum = 2100)]
    pub year: Option<i32>,
}

/// The modules, by year, then in order of creation.
#[utoipa::path(
    tag = "events",
    params(ModuleFilter, PageParams),
    responses(
        (status = 200, description = "A page of modules", body = Page<ModuleBody>),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/modules")]
async fn list_modules(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
    filter: Query<ModuleFilter>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let year = filter.0.year;
    if year.is_some_and(|year| !YEARS.contains(&i64::from(year))) {
        return Err(ApiError::parameter_out_of_range(
            "year",
            YEARS.start(),
            YEARS.end(),
        ));
    }
    let limit = page.0.limit()?;
    let after = page
        .0
        .after()?
        .map(|cursor| {
            cursor
                .key
                .parse()
                .map(|year| ModuleKey {
                    year,
                    id: cursor.id,
                })
                .map_err(|_| bad_cursor())
        })
        .transpose()?;
    let rows = state
        .db(move |conn| {
            Ok(modules::list(
                conn,
                year,
                after.as_ref(),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    Page::from_rows(rows, limit, |m| {
        Cursor::new(m.year.to_string(), m.id.clone())
    })
    .map(|module| ModuleBody::from(module).localized(lang.0))
    .respond(&req)
}

/// One module with its events (a members-only event's `online_url` only
/// for those who may register).
#[utoipa::path(
    tag = "events",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "The module's id")),
    responses(
        (status = 200, description = "The module and its events", body = ModuleDetail),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/modules/{id}")]
async fn get_module(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    lang: Lang,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (module, events) = state
        .db(move |conn| {
            let module = modules::find(conn, &id)?;
            let events = greenlight_store::events::for_module(conn, &id)?;
            Ok((module, events))
        })
        .await?;
    http_cache::json_ok(
        &req,
        &ModuleDetail {
            module: ModuleBody::from(module).localized(lang.0),
            events: events
                .into_iter()
                // The same join-link rule as `GET /events/{id}`.
                .map(|event| shown_to(caller.0.as_ref(), event).localized(lang.0))
                .collect(),
        },
    )
}
