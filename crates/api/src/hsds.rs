//! The catalogue as Open Referral HSDS 3.0 (docs/partners.md, HSDS):
//! published programs are services, providers organizations, and each facet
//! of the taxonomy a taxonomy whose values are its terms. Directories that
//! speak HSDS sync from here with `modified_after`.
//!
//! HSDS ids are UUIDs. Programs and providers have UUIDv7 ids already; the
//! taxonomy's terms get name-derived ones ([`term_id`]), stable across
//! releases and instances, so a directory's stored links keep working.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, SecondsFormat, Utc};
use greenlight_catalogue::{ProgramQuery, SearchText, Sort};
use greenlight_domain::{
    Audience, CareerStage, DefinedTerm, Delivery, Format, Program, Region, Topic,
};
use greenlight_store::programs;
use greenlight_store::providers::{self, Provider, ProviderFilter};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use utoipa::IntoParams;
use utoipa_actix_web::scope;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, ApiResult, Wording};
use crate::extract::Query;
use crate::http_cache;
use crate::openapi::problems::*;
use crate::read_model;
use crate::state::AppState;
use crate::validate::today;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(
        scope("/hsds")
            .service(root)
            .service(list_services)
            .service(get_service)
            .service(list_organizations)
            .service(get_organization)
            .service(list_taxonomies)
            .service(list_taxonomy_terms),
    );
}

const DEFAULT_PER_PAGE: u32 = 50;
const MAX_PER_PAGE: u32 = 100;
/// As documented on [`HsdsParams::page`].
const MAX_PAGE: u32 = 1_000_000;

/// The query of every HSDS list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct HsdsParams {
    /// The page to answer, from 1 (default 1).
    #[param(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u32>,
    /// Items per page, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
    /// Words to find (services: as `q` of `GET /programs`; organizations and
    /// terms: in the name).
    #[param(max_length = 200)]
    pub search: Option<String>,
    /// Only what changed after this RFC 3339 timestamp.
    #[param(value_type = Option<String>, format = DateTime)]
    pub modified_after: Option<String>,
    /// Services: only those with this term (see `/taxonomy_terms`).
    #[param(max_length = 80)]
    pub taxonomy_term_id: Option<String>,
    /// Services: only those of this organization.
    #[param(max_length = 80)]
    pub organization_id: Option<String>,
    /// Terms: only those of this taxonomy (see `/taxonomies`).
    #[param(max_length = 80)]
    pub taxonomy_id: Option<String>,
}

struct Paging {
    page: u32,
    per_page: u32,
}

/// The longest `search` and the longest id the lists take, as documented on
/// [`HsdsParams`].
const SEARCH_MAX: usize = 200;
const ID_MAX: usize = 80;

impl HsdsParams {
    /// Every list reads its paging first, so the documented lengths of the
    /// other parameters are held here once.
    fn paging(&self) -> Result<Paging, ApiError> {
        let lengths = [
            ("search", &self.search, SEARCH_MAX),
            ("taxonomy_term_id", &self.taxonomy_term_id, ID_MAX),
            ("organization_id", &self.organization_id, ID_MAX),
            ("taxonomy_id", &self.taxonomy_id, ID_MAX),
        ];
        // The taxonomy lists never change, yet a malformed timestamp is still
        // refused there as everywhere.
        self.modified_after()?;
        for (name, value, max) in lengths {
            if value.as_deref().is_some_and(|v| v.chars().count() > max) {
                return Err(ApiError::parameter_too_long(name, max));
            }
        }
        let page = self.page.unwrap_or(1);
        let per_page = self.per_page.unwrap_or(DEFAULT_PER_PAGE);
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(ApiError::parameter_out_of_range("page", 1, MAX_PAGE));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(ApiError::parameter_out_of_range(
                "per_page",
                1,
                MAX_PER_PAGE,
            ));
        }
        Ok(Paging { page, per_page })
    }

    fn modified_after(&self) -> Result<Option<DateTime<Utc>>, ApiError> {
        given(&self.modified_after)
            .map(|raw| {
                DateTime::parse_from_rfc3339(raw)
                    .map(|at| at.with_timezone(&Utc))
                    .map_err(|_| {
                        ApiError::BadRequest(Wording::of(
                            "detail-parameter-timestamp",
                            vec![("name", "modified_after".to_owned())],
                        ))
                    })
            })
            .transpose()
    }
}

/// An optional parameter, where an empty value means absent
/// (docs/api-conventions.md).
fn given(raw: &Option<String>) -> Option<&str> {
    raw.as_deref().map(str::trim).filter(|raw| !raw.is_empty())
}

impl Paging {
    fn offset(&self) -> usize {
        (self.page as usize - 1).saturating_mul(self.per_page as usize)
    }

    /// An HSDS page of `contents`, the page's share of `total` items.
    fn page(&self, total: usize, contents: Vec<Value>) -> Value {
        let per_page = self.per_page as usize;
        let total_pages = total.div_ceil(per_page).max(1);
        json!({
            "total_items": total,
            "total_pages": total_pages,
            "page_number": self.page,
            "size": contents.len(),
            "first_page": self.page == 1,
            "last_page": self.page as usize >= total_pages,
            "empty": contents.is_empty(),
            "contents": contents,
        })
    }
}

/// A UUID derived from a name (the UUIDv8 layout over SHA-256): the same
/// name always gives the same id.
fn named_id(name: &str) -> String {
    let digest = Sha256::digest(format!("greenlight:hsds:{name}"));
    let mut bytes = [0_u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// One of the taxonomy's facets, as an HSDS taxonomy.
#[derive(Debug, Clone, Copy)]
struct Facet {
    key: &'static str,
    name: &'static str,
    description: &'static str,
}

const FACETS: [Facet; 6] = [
    Facet {
        key: "career_stage",
        name: "Greenlight career stages",
        description: "Where a producer is in their career, by professional producing credits.",
    },
    Facet {
        key: "format",
        name: "Greenlight program formats",
        description: "What kind of program it is.",
    },
    Facet {
        key: "topic",
        name: "Greenlight topics",
        description: "What a program teaches or supports.",
    },
    Facet {
        key: "region",
        name: "Greenlight regions",
        description: "Where a program is offered: national, or a province or territory.",
    },
    Facet {
        key: "audience",
        name: "Greenlight audiences",
        description: "The self-identified groups a program is reserved for.",
    },
    Facet {
        key: "delivery",
        name: "Greenlight delivery modes",
        description: "How a program is delivered.",
    },
];

fn taxonomy_id(facet: &Facet) -> String {
    named_id(&format!("taxonomy:{}", facet.key))
}

fn term_id(facet: &Facet, code: &str) -> String {
    named_id(&format!("taxonomy_term:{}:{code}", facet.key))
}

/// A term of the taxonomy: its facet, code, label and definition.
#[derive(Debug, Clone, Copy)]
struct Term {
    facet: &'static Facet,
    code: &'static str,
    label: &'static str,
    definition: &'static str,
}

fn facet_terms<T: DefinedTerm>(facet: &'static Facet) -> impl Iterator<Item = Term> {
    T::all().iter().map(move |&term| Term {
        facet,
        code: term.as_str(),
        label: term.label(),
        definition: term.definition(),
    })
}

fn all_terms() -> Vec<Term> {
    let [stage, format, topic, region, audience, delivery] = &FACETS;
    facet_terms::<CareerStage>(stage)
        .chain(facet_terms::<Format>(format))
        .chain(facet_terms::<Topic>(topic))
        .chain(facet_terms::<Region>(region))
        .chain(facet_terms::<Audience>(audience))
        .chain(facet_terms::<Delivery>(delivery))
        .collect()
}

fn term_of<T: DefinedTerm>(facet_index: usize, value: T) -> Term {
    Term {
        facet: &FACETS[facet_index],
        code: value.as_str(),
        label: value.label(),
        definition: value.definition(),
    }
}

fn program_terms(program: &Program) -> Vec<Term> {
    let c = &program.content;
    let mut terms: Vec<Term> = Vec::new();
    terms.extend(c.career_stages.iter().map(|&v| term_of(0, v)));
    terms.extend(c.formats.iter().map(|&v| term_of(1, v)));
    terms.extend(c.topics.iter().map(|&v| term_of(2, v)));
    terms.extend(c.regions.iter().map(|&v| term_of(3, v)));
    terms.extend(c.audiences.iter().map(|&v| term_of(4, v)));
    terms.push(term_of(5, c.delivery));
    terms
}

fn taxonomy_json(facet: &Facet, public_url: &str) -> Value {
    json!({
        "id": taxonomy_id(facet),
        "name": facet.name,
        "description": facet.description,
        "uri": format!("{public_url}/api/v1/taxonomy"),
        "version": "1",
    })
}

fn term_json(term: &Term, public_url: &str) -> Value {
    json!({
        "id": term_id(term.facet, term.code),
        "code": term.code,
        "name": term.label,
        "description": term.definition,
        "taxonomy": term.facet.name,
        "taxonomy_id": taxonomy_id(term.facet),
        "taxonomy_detail": taxonomy_json(term.facet, public_url),
        "language": "en",
    })
}

/// HSDS timestamps carry milliseconds.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn organization_json(provider: &Provider) -> Value {
    let mut organization = json!({
        "id": provider.id,
        "name": provider.name,
        "description": format!("{} ({})", provider.name, provider.kind.label()),
    });
    if let Some(website) = &provider.website {
        organization["website"] = website.as_str().into();
    }
    organization
}

fn dollars(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// A published program as an HSDS service, with its organization nested.
fn service_json(program: &Program, provider: &Provider, public_url: &str) -> Value {
    let c = &program.content;
    let page = format!("{public_url}/api/v1/programs/{}", program.slug);
    let description = if c.description.trim().is_empty() {
        c.summary.clone()
    } else {
        format!("{}\n\n{}", c.summary, c.description)
    };
    let cost = c.cost.get();
    let mut service = json!({
        "id": program.id,
        "organization_id": provider.id,
        "name": c.title,
        "description": description,
        "url": c.url.clone().unwrap_or_else(|| page.clone()),
        "status": "active",
        "fees_description": if cost == 0 { "Free".to_owned() } else { format!("CAD {}", dollars(cost)) },
        "last_modified": timestamp(program.updated_at),
        "organization": organization_json(provider),
        "cost_options": [{
            "id": named_id(&format!("cost_option:{}", program.id)),
            "service_id": program.id,
            "option": "Participation fee",
            "currency": "CAD",
            "amount": cost as f64 / 100.0,
            "amount_description": dollars(cost),
        }],
        "languages": c.languages.iter().map(|language| json!({
            "id": named_id(&format!("language:{}:{}", program.id, language.as_str())),
            "service_id": program.id,
            "name": language.label(),
            "code": language.as_str(),
        })).collect::<Vec<_>>(),
        "service_areas": c.regions.iter().map(|region| json!({
            "id": named_id(&format!("service_area:{}:{}", program.id, region.as_str())),
            "service_id": program.id,
            "name": region.label(),
            "description": region.definition(),
        })).collect::<Vec<_>>(),
        "attributes": program_terms(program).iter().map(|term| json!({
            "id": named_id(&format!("attribute:{}:{}:{}", program.id, term.facet.key, term.code)),
            "link_id": program.id,
            "link_type": term.facet.key,
            "link_entity": "service",
            "taxonomy_term_id": term_id(term.facet, term.code),
            "taxonomy_term": term_json(term, public_url),
        })).collect::<Vec<_>>(),
    });
    if let Some(deadline) = c.application_deadline {
        service["application_process"] = format!("Apply by {deadline}; details at {page}").into();
    }
    service
}

/// Loads programs by id with their providers, in the order given.
fn services(
    conn: &mut greenlight_store::AnyConnection,
    ids: &[String],
    public_url: &str,
) -> Result<Vec<Value>, ApiError> {
    let found = programs::find_many(conn, ids)?;
    let mut rendered = Vec::with_capacity(ids.len());
    for id in ids {
        let Some(program) = found.iter().find(|program| &program.id == id) else {
            continue;
        };
        let provider = providers::find(conn, &program.content.provider_id)?;
        rendered.push(service_json(program, &provider, public_url));
    }
    Ok(rendered)
}

/// Which HSDS this is and where its document is.
#[utoipa::path(
    tag = "hsds",
    responses((status = 200, description = "`{version, profile, openapi_url}`", body = Object,
        example = json!({"version": "3.0", "profile": "https://github.com/openreferral/specification/tree/3.0", "openapi_url": "https://greenlight.example.org/openapi.json"})))
)]
#[get("/")]
async fn root(req: HttpRequest, state: web::Data<AppState>) -> ApiResult<HttpResponse> {
    let public_url = &state.config.public_url;
    http_cache::json_ok(
        &req,
        &json!({
            "version": "3.0",
            "profile": "https://github.com/openreferral/specification/tree/3.0",
            "openapi_url": format!("{public_url}/openapi.json"),
        }),
    )
}

/// Published programs as HSDS services, in title order. `search` finds
/// words as `q` of `GET /programs` does; `modified_after` keeps those
/// changed since.
#[utoipa::path(
    tag = "hsds",
    params(HsdsParams),
    responses(
        (status = 200, description = "An HSDS page of services", body = Object),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/services")]
async fn list_services(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Query<HsdsParams>,
) -> ApiResult<HttpResponse> {
    let params = params.0;
    let paging = params.paging()?;
    let modified_after = params.modified_after()?;
    let mut query = ProgramQuery::everything(today());
    if let Some(raw) = given(&params.search) {
        query.text = SearchText::parse(raw);
    }
    if let Some(organization) = given(&params.organization_id) {
        query.provider_ids = vec![organization.to_owned()];
    }
    let mut unknown_term = false;
    if let Some(wanted) = given(&params.taxonomy_term_id) {
        match all_terms()
            .into_iter()
            .find(|term| term_id(term.facet, term.code) == wanted)
        {
            Some(term) => select_term(&mut query, &term)?,
            None => unknown_term = true,
        }
    }
    let read_model = read_model::loaded(&state).await?;
    let ids: Vec<String> = {
        let reader = read_model.read()?;
        let found = reader.find(&query).map_err(ApiError::internal)?;
        found
            .page(Sort::Title, None, usize::MAX)
            .into_iter()
            .filter(|_| !unknown_term)
            .filter(|hit| modified_after.is_none_or(|after| hit.listing.entry.updated_at > after))
            .map(|hit| hit.listing.entry.id.clone())
            .collect()
    };
    let total = ids.len();
    let page_ids: Vec<String> = ids
        .into_iter()
        .skip(paging.offset())
        .take(paging.per_page as usize)
        .collect();
    let public_url = state.config.public_url.clone();
    let contents = state
        .db(move |conn| services(conn, &page_ids, &public_url))
        .await?;
    http_cache::json_ok(&req, &paging.page(total, contents))
}

fn select_term(query: &mut ProgramQuery, term: &Term) -> Result<(), ApiError> {
    fn parsed<T: std::str::FromStr>(code: &str) -> Result<Vec<T>, ApiError> {
        code.parse()
            .map(|value| vec![value])
            .map_err(|_| ApiError::internal("a taxonomy term that does not parse"))
    }
    match term.facet.key {
        "career_stage" => query.career_stages = parsed(term.code)?,
        "format" => query.formats = parsed(term.code)?,
        "topic" => query.topics = parsed(term.code)?,
        "region" => query.regions = parsed(term.code)?,
        "audience" => query.audiences = parsed(term.code)?,
        _ => query.deliveries = parsed(term.code)?,
    }
    Ok(())
}

/// One published program as an HSDS service.
#[utoipa::path(
    tag = "hsds",
    params(("id" = String, Path, description = "The program's id", max_length = 80)),
    responses(
        (status = 200, description = "The service", body = Object),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/services/{id}")]
async fn get_service(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let read_model = read_model::loaded(&state).await?;
    let published = read_model
        .read()?
        .get(&id)
        .is_some_and(|listed| listed.entry.id == id);
    if !published {
        return Err(ApiError::NotFound);
    }
    let public_url = state.config.public_url.clone();
    let mut found = state
        .db(move |conn| services(conn, &[id], &public_url))
        .await?;
    let service = found.pop().ok_or(ApiError::NotFound)?;
    http_cache::json_ok(&req, &service)
}

/// Providers as HSDS organizations, by name.
#[utoipa::path(
    tag = "hsds",
    params(HsdsParams),
    responses(
        (status = 200, description = "An HSDS page of organizations", body = Object),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/organizations")]
async fn list_organizations(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Query<HsdsParams>,
) -> ApiResult<HttpResponse> {
    let params = params.0;
    let paging = params.paging()?;
    let filter = ProviderFilter {
        name_contains: given(&params.search).map(str::to_owned),
        modified_after: params.modified_after()?,
    };
    let (offset, limit) = (paging.offset(), paging.per_page);
    let (found, total) = state
        .db(move |conn| {
            Ok(providers::search(
                conn,
                &filter,
                i64::try_from(offset).unwrap_or(i64::MAX),
                i64::from(limit),
            )?)
        })
        .await?;
    let contents = found.iter().map(organization_json).collect();
    http_cache::json_ok(
        &req,
        &paging.page(usize::try_from(total).unwrap_or_default(), contents),
    )
}

/// One provider as an HSDS organization, with its published services.
#[utoipa::path(
    tag = "hsds",
    params(("id" = String, Path, description = "The provider's id", max_length = 80)),
    responses(
        (status = 200, description = "The organization", body = Object),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/organizations/{id}")]
async fn get_organization(
    req: HttpRequest,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let read_model = read_model::loaded(&state).await?;
    let program_ids: Vec<String> = read_model
        .read()?
        .in_title_order()
        .filter(|listed| listed.entry.provider_id == id)
        .map(|listed| listed.entry.id.clone())
        .collect();
    let public_url = state.config.public_url.clone();
    let organization = state
        .db(move |conn| {
            let provider = providers::find(conn, &id)?;
            let mut organization = organization_json(&provider);
            organization["services"] = services(conn, &program_ids, &public_url)?.into();
            Ok(organization)
        })
        .await?;
    http_cache::json_ok(&req, &organization)
}

/// The taxonomy's facets as HSDS taxonomies.
#[utoipa::path(
    tag = "hsds",
    params(HsdsParams),
    responses(
        (status = 200, description = "An HSDS page of taxonomies", body = Object),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/taxonomies")]
async fn list_taxonomies(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Query<HsdsParams>,
) -> ApiResult<HttpResponse> {
    let paging = params.0.paging()?;
    let all: Vec<Value> = FACETS
        .iter()
        .map(|facet| taxonomy_json(facet, &state.config.public_url))
        .collect();
    http_cache::json_ok(&req, &paged(&paging, all))
}

fn paged(paging: &Paging, all: Vec<Value>) -> Value {
    let total = all.len();
    let contents = all
        .into_iter()
        .skip(paging.offset())
        .take(paging.per_page as usize)
        .collect();
    paging.page(total, contents)
}

/// The taxonomy's terms as HSDS taxonomy terms; `taxonomy_id` keeps one
/// facet's, `search` those whose label holds the words.
#[utoipa::path(
    tag = "hsds",
    params(HsdsParams),
    responses(
        (status = 200, description = "An HSDS page of taxonomy terms", body = Object),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/taxonomy_terms")]
async fn list_taxonomy_terms(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Query<HsdsParams>,
) -> ApiResult<HttpResponse> {
    let params = params.0;
    let paging = params.paging()?;
    let taxonomy = given(&params.taxonomy_id);
    let search = given(&params.search).map(str::to_lowercase);
    let all: Vec<Value> = all_terms()
        .iter()
        .filter(|term| taxonomy.is_none_or(|wanted| taxonomy_id(term.facet) == wanted))
        .filter(|term| {
            search
                .as_deref()
                .is_none_or(|words| term.label.to_lowercase().contains(words))
        })
        .map(|term| term_json(term, &state.config.public_url))
        .collect();
    http_cache::json_ok(&req, &paged(&paging, all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_ids_are_stable_uuids_and_differ_by_name() {
        let id = term_id(&FACETS[1], "lab");
        assert_eq!(id, term_id(&FACETS[1], "lab"));
        assert_ne!(id, term_id(&FACETS[1], "workshop"));
        assert_ne!(id, term_id(&FACETS[2], "lab"));
        assert!(uuid::Uuid::parse_str(&id).is_ok());
    }

    #[test]
    fn every_term_has_a_distinct_id() {
        let terms = all_terms();
        let mut ids: Vec<String> = terms.iter().map(|t| term_id(t.facet, t.code)).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), terms.len());
    }

    #[test]
    fn pages_say_where_they_are() {
        let paging = Paging {
            page: 2,
            per_page: 2,
        };
        let page = paging.page(5, vec![json!(1), json!(2)]);
        assert_eq!(page["total_pages"], 3);
        assert_eq!(page["first_page"], false);
        assert_eq!(page["last_page"], false);
        let beyond = Paging {
            page: 9,
            per_page: 2,
        }
        .page(5, vec![]);
        assert_eq!(
            (beyond["empty"].clone(), beyond["last_page"].clone()),
            (json!(true), json!(true))
        );
    }
}
