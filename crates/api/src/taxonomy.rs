//! The catalogue's defined terms, served with their meaning.

use actix_web::{HttpRequest, HttpResponse, get};
use greenlight_domain::{
    Audience, CareerStage, DefinedTerm, Delivery, Format, Language, Locale, ProviderKind, Region,
    Topic,
};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::ApiResult;
use crate::http_cache;
use crate::language::Lang;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(taxonomy);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "lab", "label": "Lab", "definition": "A hands-on program built around developing participants' own projects."}))]
pub struct Term {
    pub id: &'static str,
    pub label: String,
    pub definition: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"id": "early_career", "label": "Early career", "definition": "1 or 2 professional producing credits.", "min_credits": 1, "max_credits": 2}))]
pub struct CareerStageTerm {
    pub id: &'static str,
    pub label: String,
    pub definition: String,
    pub min_credits: u32,
    /// Null for the last stage, which has no upper bound.
    pub max_credits: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Taxonomy {
    pub career_stages: Vec<CareerStageTerm>,
    pub formats: Vec<Term>,
    pub topics: Vec<Term>,
    pub deliveries: Vec<Term>,
    pub regions: Vec<Term>,
    pub audiences: Vec<Term>,
    pub languages: Vec<Term>,
    pub provider_kinds: Vec<Term>,
}

fn terms<T: DefinedTerm>(locale: Locale) -> Vec<Term> {
    T::all()
        .iter()
        .map(|&term| Term {
            id: term.as_str(),
            label: term.label_in(locale),
            definition: term.definition_in(locale),
        })
        .collect()
}

/// The taxonomy with its labels and definitions in `locale`; ids never
/// change.
pub fn build(locale: Locale) -> Taxonomy {
    Taxonomy {
        career_stages: CareerStage::ALL
            .iter()
            .map(|&stage| CareerStageTerm {
                id: stage.as_str(),
                label: stage.label_in(locale),
                definition: stage.definition_in(locale),
                min_credits: stage.min_credits(),
                max_credits: stage.max_credits(),
            })
            .collect(),
        formats: terms::<Format>(locale),
        topics: terms::<Topic>(locale),
        deliveries: terms::<Delivery>(locale),
        regions: terms::<Region>(locale),
        audiences: terms::<Audience>(locale),
        languages: terms::<Language>(locale),
        provider_kinds: terms::<ProviderKind>(locale),
    }
}

/// Every term of the catalogue's taxonomy, with its label and definition
/// in the answer's language (`Accept-Language`, `?lang=`).
#[utoipa::path(
    tag = "catalogue",
    responses(
        (status = 200, description = "The taxonomy", body = Taxonomy),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/taxonomy")]
async fn taxonomy(req: HttpRequest, lang: Lang) -> ApiResult<HttpResponse> {
    http_cache::json_ok(&req, &build(lang.0))
}
