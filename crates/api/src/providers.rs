//! Providers: the organizations that offer catalogue programs.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use greenlight_domain::{Locale, ProviderKind, Province, Role, Translations};
use greenlight_store::StoreError;
use greenlight_store::providers::{self, NewProvider, Provider};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::language::Lang;
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::state::AppState;
use crate::translations::{Translatable, field, localize};
use crate::validate;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_provider)
        .service(list_providers)
        .service(get_provider)
        .service(update_provider)
        .service(delete_provider);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "name": "Canadian Media Producers Association",
    "kind": "association",
    "website": "https://cmpa.ca",
    "province": null,
    "translations": {"fr": {"name": "Association canadienne des producteurs médiatiques"}},
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-11-22T16:00:00Z"
}))]
pub struct ProviderBody {
    pub id: String,
    pub name: String,
    pub kind: ProviderKind,
    pub website: Option<String>,
    pub province: Option<Province>,
    /// The French `name` as written; `name` shows it when French is asked for.
    pub translations: Translations,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ProviderBody {
    /// The provider with its name in `locale`.
    pub fn of(provider: Provider, locale: Locale) -> Self {
        let mut body = ProviderBody {
            id: provider.id,
            name: provider.name,
            kind: provider.kind,
            website: provider.website,
            province: provider.province,
            translations: provider.translations,
            created_at: provider.created_at,
            updated_at: provider.updated_at,
        };
        localize(&mut body.name, &body.translations, locale, |t| {
            t.name.as_ref()
        });
        body
    }
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "Canadian Media Producers Association", "kind": "association", "website": "https://cmpa.ca"}))]
pub struct ProviderRequest {
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    #[schema(value_type = ProviderKind)]
    pub kind: String,
    pub website: Option<String>,
    #[schema(value_type = Option<Province>)]
    pub province: Option<String>,
    /// The French `name`.
    #[serde(default)]
    pub translations: Translations,
}

/// A partial update: an absent field is left unchanged; `null` clears
/// `website` or `province`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"website": "https://cmpa.ca/pd"}))]
pub struct ProviderPatch {
    pub name: Option<String>,
    #[schema(value_type = Option<ProviderKind>)]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<String>)]
    pub website: Option<Option<String>>,
    #[serde(default, deserialize_with = "crate::extract::present")]
    #[schema(value_type = Option<Province>)]
    pub province: Option<Option<String>>,
    /// Replaces every translation (`{}` removes them).
    pub translations: Option<Translations>,
}

const NAME_MAX: usize = 200;

const TRANSLATABLE: [Translatable; 1] = [field("name", NAME_MAX, false)];

fn validate(request: ProviderRequest) -> Result<NewProvider, ApiError> {
    let (name, kind, website, province, translations) = validate::all((
        validate::text("name", &request.name, 1, NAME_MAX),
        validate::parsed("kind", request.kind.parse::<ProviderKind>()),
        request
            .website
            .map(|url| validate::web_address("website", &url)),
        request
            .province
            .map(|p| validate::parsed("province", p.parse::<Province>())),
        crate::translations::checked(request.translations, &TRANSLATABLE),
    ))?;
    Ok(NewProvider {
        name,
        kind,
        website,
        province,
        translations,
    })
}

fn name_taken(error: StoreError) -> ApiError {
    match error {
        StoreError::Conflict { .. } => {
            ApiError::Conflict(Wording::of("detail-provider-name-taken", vec![]))
        }
        other => other.into(),
    }
}

/// Add a provider (staff).
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    request_body = ProviderRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The provider", body = ProviderBody),
        (status = 403, response = Forbidden),
        (status = 409, response = Conflict),
    )
)]
#[post("/providers")]
async fn create_provider(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    body: Json<ProviderRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let new = validate(body.0)?;
    let provider = state
        .db(move |conn| providers::create(conn, &new).map_err(name_taken))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/providers/{}", provider.id)))
        .json(ProviderBody::of(provider, lang.0)))
}

/// Providers by name.
#[utoipa::path(
    tag = "catalogue",
    params(PageParams),
    responses(
        (status = 200, description = "A page of providers", body = Page<ProviderBody>),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/providers")]
async fn list_providers(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let limit = page.0.limit()?;
    let after = page.0.after()?;
    let rows = state
        .db(move |conn| {
            let after = after.as_ref().map(|c| (c.key.as_str(), c.id.as_str()));
            Ok(providers::list(conn, after, i64::from(limit) + 1)?)
        })
        .await?;
    Page::from_rows(rows, limit, |p| Cursor::new(p.name.clone(), p.id.clone()))
        .map(|provider| ProviderBody::of(provider, lang.0))
        .respond(&req)
}

/// One provider.
#[utoipa::path(
    tag = "catalogue",
    params(("id" = String, Path, description = "The provider's id")),
    responses(
        (status = 200, description = "The provider", body = ProviderBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/providers/{id}")]
async fn get_provider(
    req: HttpRequest,
    state: web::Data<AppState>,
    lang: Lang,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let provider = state
        .db(move |conn| Ok(providers::find(conn, &id)?))
        .await?;
    http_cache::json_ok(&req, &ProviderBody::of(provider, lang.0))
}

/// Change a provider (staff); absent fields are left as they are.
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The provider's id")),
    request_body = ProviderPatch,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The provider", body = ProviderBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[patch("/providers/{id}")]
async fn update_provider(
    state: web::Data<AppState>,
    caller: Caller,
    lang: Lang,
    id: web::Path<String>,
    body: Json<ProviderPatch>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = id.into_inner();
    let patch = body.0;
    let read_model = state.read_model.clone();
    let provider = state
        .db(move |conn| {
            let current = providers::find(conn, &id)?;
            let merged = ProviderRequest {
                name: patch.name.unwrap_or(current.name),
                kind: patch
                    .kind
                    .unwrap_or_else(|| current.kind.as_str().to_owned()),
                website: patch.website.unwrap_or(current.website),
                province: patch
                    .province
                    .unwrap_or_else(|| current.province.map(|p| p.as_str().to_owned())),
                translations: patch.translations.unwrap_or(current.translations),
            };
            let changed = validate(merged)?;
            let provider = providers::update(conn, &id, &changed).map_err(name_taken)?;
            // A new name, in either language, changes the provider's programs (see
            // `providers::update`); the read model shows it at once.
            if let Err(error) = read_model.catch_up(conn) {
                tracing::warn!(%error, "the read model could not apply a write at once");
            }
            Ok(provider)
        })
        .await?;
    Ok(HttpResponse::Ok().json(ProviderBody::of(provider, lang.0)))
}

/// Remove a provider that has no programs (staff).
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The provider's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[delete("/providers/{id}")]
async fn delete_provider(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = id.into_inner();
    state
        .db(move |conn| match providers::delete(conn, &id) {
            Err(StoreError::MissingReference { .. }) => Err(ApiError::Conflict(Wording::of(
                "detail-provider-has-programs",
                vec![],
            ))),
            other => Ok(other?),
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
