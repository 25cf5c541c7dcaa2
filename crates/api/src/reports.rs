//! Reports for staff: the landscape of the catalogue.

use actix_web::{HttpRequest, HttpResponse, get, web};
use greenlight_domain::{CareerStage, DefinedTerm, Format, ProviderKind, Region, Role, Topic};
use greenlight_store::programs::{self, Landscape};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::Caller;
use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::http_cache;
use crate::openapi::problems::Forbidden;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(landscape_report);
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"value": "emerging", "label": "Emerging", "count": 12, "share": 0.3}))]
pub struct Share {
    pub value: &'static str,
    pub label: &'static str,
    pub count: i64,
    /// `count / total`, from 0 to 1; 0 when there are no programs. A
    /// program with several values counts once under each.
    pub share: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LandscapeReport {
    /// Published programs.
    pub total: i64,
    pub by_career_stage: Vec<Share>,
    pub by_format: Vec<Share>,
    pub by_topic: Vec<Share>,
    pub by_region: Vec<Share>,
    pub by_provider_kind: Vec<Share>,
}

/// Every term of the vocabulary, in taxonomy order, zeros included, so that
/// reports from different days line up.
fn shares<T: DefinedTerm>(counts: &[(String, i64)], total: i64) -> Vec<Share> {
    T::all()
        .iter()
        .map(|&term| {
            let count = counts
                .iter()
                .find(|(value, _)| value == term.as_str())
                .map_or(0, |(_, count)| *count);
            Share {
                value: term.as_str(),
                label: term.label(),
                count,
                share: if total == 0 {
                    0.0
                } else {
                    // Rounded so that JSON and CSV show the same figure.
                    (count as f64 / total as f64 * 10_000.0).round() / 10_000.0
                },
            }
        })
        .collect()
}

impl From<Landscape> for LandscapeReport {
    fn from(landscape: Landscape) -> Self {
        let total = landscape.total;
        LandscapeReport {
            total,
            by_career_stage: shares::<CareerStage>(&landscape.by_career_stage, total),
            by_format: shares::<Format>(&landscape.by_format, total),
            by_topic: shares::<Topic>(&landscape.by_topic, total),
            by_region: shares::<Region>(&landscape.by_region, total),
            by_provider_kind: shares::<ProviderKind>(&landscape.by_provider_kind, total),
        }
    }
}

impl LandscapeReport {
    fn to_csv(&self) -> Result<Vec<u8>, ApiError> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer
            .write_record(["dimension", "value", "count", "share"])
            .map_err(ApiError::internal)?;
        let dimensions = [
            ("career_stage", &self.by_career_stage),
            ("format", &self.by_format),
            ("topic", &self.by_topic),
            ("region", &self.by_region),
            ("provider_kind", &self.by_provider_kind),
        ];
        for (dimension, rows) in dimensions {
            for row in rows {
                writer
                    .write_record([
                        dimension,
                        row.value,
                        &row.count.to_string(),
                        &format!("{:.4}", row.share),
                    ])
                    .map_err(ApiError::internal)?;
            }
        }
        writer.into_inner().map_err(ApiError::internal)
    }
}

#[derive(Debug, Clone, Copy, Default, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    #[default]
    Json,
    Csv,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportParams {
    /// `json` (default) or `csv` (columns `dimension,value,count,share`).
    #[param(inline)]
    pub format: Option<ReportFormat>,
}

/// Counts and shares of published programs by career stage, format, topic,
/// region and provider kind (staff).
#[utoipa::path(
    tag = "catalogue",
    security(("bearer" = [])),
    params(ReportParams),
    responses(
        (status = 200, description = "The landscape", content(
            (LandscapeReport = "application/json"),
            (String = "text/csv"),
        )),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/reports/landscape")]
async fn landscape_report(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
    params: Query<ReportParams>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let landscape = state.db(|conn| Ok(programs::landscape(conn)?)).await?;
    let report = LandscapeReport::from(landscape);
    match params.0.format.unwrap_or_default() {
        ReportFormat::Json => http_cache::json_ok(&req, &report),
        ReportFormat::Csv => Ok(http_cache::cached(
            &req,
            report.to_csv()?,
            "text/csv; charset=utf-8",
        )),
    }
}
