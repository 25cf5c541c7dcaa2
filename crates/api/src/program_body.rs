//! How a program is shown (`GET /programs/{program}`, list items, match
//! items), and its rendering held by the read model: the public JSON,
//! without `submitted_by`, rendered once per change.

use actix_web::web::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{
    Audience, CareerStage, Cents, Delivery, Format, Language, Locale, Program, ProgramStatus,
    Region, Topic, Translations,
};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::http_cache::etag_for;

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
    "translations": {"fr": {"title": "Programme STAR pour producteurs"}},
    "status": "published",
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
    /// The French wording as written (`title`, `summary`, `description`);
    /// the fields above show it when French is asked for.
    pub translations: Translations,
    pub status: ProgramStatus,
    /// The user who submitted it: shown only to staff and to that user.
    #[serde(skip_serializing_if = "Option::is_none")]
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
            translations: content.translations,
            status: program.status,
            submitted_by: program.submitted_by,
            published_at: program.published_at,
            created_at: program.created_at,
            updated_at: program.updated_at,
        }
    }
}

impl ProgramBody {
    /// Staff and the submitter see who submitted a program
    /// (`shows_submitter`); everyone else sees the public body. Text is in
    /// `locale`, each untranslated field in English.
    pub fn of(program: Program, shows_submitter: bool, locale: Locale) -> Self {
        let provider_name = program
            .provider_translations
            .pick(locale, &program.provider_name, |t| t.name.as_ref())
            .to_owned();
        let mut body = ProgramBody::from(program);
        let translations = &body.translations;
        body.title = translations
            .pick(locale, &body.title, |t| t.title.as_ref())
            .to_owned();
        body.summary = translations
            .pick(locale, &body.summary, |t| t.summary.as_ref())
            .to_owned();
        body.description = translations
            .pick(locale, &body.description, |t| t.description.as_ref())
            .to_owned();
        body.provider.name = provider_name;
        if !shows_submitter {
            body.submitted_by = None;
        }
        body
    }
}

/// A program's public JSON in each language, rendered once when the
/// program changes.
#[derive(Debug, Clone)]
pub struct Rendered {
    en: RenderedIn,
    fr: RenderedIn,
}

/// A program's public JSON in one language and its ETag (which differs
/// between languages, as the JSON does).
#[derive(Debug, Clone)]
pub struct RenderedIn {
    pub json: Bytes,
    pub etag: String,
}

impl Rendered {
    pub fn public(program: &Program) -> Result<Self, ApiError> {
        let render = |locale| -> Result<RenderedIn, ApiError> {
            let json = serde_json::to_vec(&ProgramBody::of(program.clone(), false, locale))
                .map_err(ApiError::internal)?;
            Ok(RenderedIn {
                etag: etag_for(&json),
                json: Bytes::from(json),
            })
        };
        Ok(Rendered {
            en: render(Locale::En)?,
            fr: render(Locale::Fr)?,
        })
    }

    pub fn get(&self, locale: Locale) -> &RenderedIn {
        match locale {
            Locale::En => &self.en,
            Locale::Fr => &self.fr,
        }
    }
}

impl RenderedIn {
    /// The same JSON with `submitted_by` added, for staff and the submitter.
    pub fn with_submitter(&self, submitted_by: Option<&str>) -> Result<Bytes, ApiError> {
        let Some(user) = submitted_by else {
            return Ok(self.json.clone());
        };
        let (body, closing) = self.json.split_at(self.json.len().saturating_sub(1));
        if closing != b"}" {
            return Err(ApiError::internal("a program's JSON is not an object"));
        }
        let user = serde_json::to_string(user).map_err(ApiError::internal)?;
        let mut json = Vec::with_capacity(self.json.len() + user.len() + 16);
        json.extend_from_slice(body);
        json.extend_from_slice(b",\"submitted_by\":");
        json.extend_from_slice(user.as_bytes());
        json.push(b'}');
        Ok(Bytes::from(json))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_submitter_is_added_to_the_public_json_only_when_asked() {
        let rendered = RenderedIn {
            json: Bytes::from_static(br#"{"id":"p"}"#),
            etag: String::new(),
        };
        assert_eq!(
            rendered.with_submitter(None).unwrap(),
            &br#"{"id":"p"}"#[..]
        );
        let shown: serde_json::Value =
            serde_json::from_slice(&rendered.with_submitter(Some("u\"1")).unwrap()).unwrap();
        assert_eq!(
            shown,
            serde_json::json!({"id": "p", "submitted_by": "u\"1"})
        );
    }
}
