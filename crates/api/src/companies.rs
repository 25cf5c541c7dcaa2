//! Member companies: the member directory and the representatives who act
//! for each company (role `member`).

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{Email, Province, Role};
use greenlight_store::companies::{self, Company, CompanyFields, CompanyFilter, Representative};
use greenlight_store::{AnyConnection, StoreError, transaction, users};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, MaybeCaller};
use crate::error::{ApiError, ApiResult, Wording};
use crate::extract::{Json, Query};
use crate::http_cache;
use crate::openapi::problems::*;
use crate::pagination::{Cursor, Page, PageParams};
use crate::profiles::normalized_genres;
use crate::state::AppState;
use crate::validate::today;
use crate::validate::{self, plausible_date, text};

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(create_company)
        .service(list_companies)
        .service(get_company)
        .service(update_company)
        .service(add_representative)
        .service(remove_representative);
}

/// Who may see a company: staff always; its own representatives always;
/// anyone else only while its membership is in good standing (the public
/// member directory). Every read of this module asks here.
fn visible_to(
    caller: &MaybeCaller,
    company: &Company,
    represented: &[String],
    today: NaiveDate,
) -> bool {
    caller.is_staff() || represented.contains(&company.id) || company.is_active_on(today)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RepresentativeBody {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    pub created_at: DateTime<Utc>,
}

impl From<Representative> for RepresentativeBody {
    fn from(rep: Representative) -> Self {
        RepresentativeBody {
            user_id: rep.user_id,
            email: rep.email,
            display_name: rep.display_name,
            created_at: rep.created_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e20",
    "name": "Northern Lights Pictures",
    "province": "BC",
    "membership_expires_on": "2027-03-31",
    "active": true,
    "website": "https://northernlights.example",
    "genres": ["documentary", "drama"],
    "created_at": "2026-11-22T16:00:00Z",
    "updated_at": "2026-11-22T16:00:00Z"
}))]
pub struct CompanyBody {
    pub id: String,
    pub name: String,
    pub province: Province,
    pub membership_expires_on: NaiveDate,
    /// Membership in good standing today (through `membership_expires_on`).
    pub active: bool,
    pub website: Option<String>,
    pub genres: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Staff only: who acts for the company.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub representatives: Option<Vec<RepresentativeBody>>,
}

impl CompanyBody {
    fn new(
        company: Company,
        today: NaiveDate,
        representatives: Option<Vec<Representative>>,
    ) -> Self {
        CompanyBody {
            active: company.is_active_on(today),
            id: company.id,
            name: company.name,
            province: company.province,
            membership_expires_on: company.membership_expires_on,
            website: company.website,
            genres: company.genres,
            created_at: company.created_at,
            updated_at: company.updated_at,
            representatives: representatives
                .map(|reps| reps.into_iter().map(RepresentativeBody::from).collect()),
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({
    "name": "Northern Lights Pictures",
    "province": "BC",
    "membership_expires_on": "2027-03-31",
    "website": "https://northernlights.example",
    "genres": ["documentary", "drama"]
}))]
pub struct CreateCompanyRequest {
    /// 1 to 200 characters.
    pub name: String,
    pub province: Province,
    /// Last day of membership in good standing.
    pub membership_expires_on: NaiveDate,
    /// An `http://` or `https://` address.
    pub website: Option<String>,
    /// Up to 20 genres of 1 to 50 characters, stored in lower case.
    #[serde(default)]
    pub genres: Vec<String>,
}

/// Only the fields given change; `website: null` removes the website.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"membership_expires_on": "2028-03-31"}))]
pub struct UpdateCompanyRequest {
    pub name: Option<String>,
    pub province: Option<Province>,
    pub membership_expires_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub website: Option<Option<String>>,
    pub genres: Option<Vec<String>>,
}

/// Tells a field sent as `null` (`Some(None)`) from one left out (`None`).
pub(crate) fn present<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

const NAME_MAX: usize = 200;

fn validated(fields: CompanyFields) -> ApiResult<CompanyFields> {
    let (name, _, website, genres) = validate::all((
        text("name", &fields.name, 1, NAME_MAX),
        plausible_date("membership_expires_on", fields.membership_expires_on),
        fields
            .website
            .as_deref()
            .map(|raw| validate::web_address("website", raw)),
        normalized_genres(&fields.genres, "genres"),
    ))?;
    Ok(CompanyFields {
        name,
        website,
        genres,
        ..fields
    })
}

/// Add a member company (staff).
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    request_body = CreateCompanyRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The company", body = CompanyBody),
        (status = 403, response = Forbidden),
    )
)]
#[post("/companies")]
async fn create_company(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateCompanyRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let request = body.0;
    let fields = validated(CompanyFields {
        name: request.name,
        province: request.province,
        membership_expires_on: request.membership_expires_on,
        website: request.website,
        genres: request.genres,
    })?;
    let company = state
        .db(move |conn| Ok(companies::create(conn, &fields)?))
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", format!("/api/v1/companies/{}", company.id)))
        .json(CompanyBody::new(company, today(), Some(Vec::new()))))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CompanyListFilter {
    /// Staff only: `true` for members in good standing today, `false` for
    /// lapsed ones; absent for all. Everyone else sees active members only
    /// (and asking for `false` is refused with 403).
    pub active: Option<bool>,
}

/// The member directory, by name.
#[utoipa::path(
    tag = "companies",
    security((), ("bearer" = [])),
    params(CompanyListFilter, PageParams),
    responses(
        (status = 200, description = "A page of companies", body = Page<CompanyBody>),
        (status = 304, description = "Not modified"),
        (status = 403, response = Forbidden),
    )
)]
#[get("/companies")]
async fn list_companies(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    query: Query<CompanyListFilter>,
    page: Query<PageParams>,
) -> ApiResult<HttpResponse> {
    let staff = caller.is_staff();
    let active = match (staff, query.0.active) {
        (true, active) => active,
        (false, Some(false)) => {
            return Err(ApiError::Forbidden(Wording::of(
                "detail-companies-lapsed-hidden",
                vec![],
            )));
        }
        (false, _) => Some(true),
    };
    let limit = page.0.limit()?;
    let after = page.0.after()?;
    let filter = CompanyFilter {
        active,
        today: Some(today()),
    };
    let rows = state
        .db(move |conn| {
            Ok(companies::list(
                conn,
                &filter,
                after.as_ref().map(|c| (c.key.as_str(), c.id.as_str())),
                i64::from(limit) + 1,
            )?)
        })
        .await?;
    let day = today();
    Page::from_rows(rows, limit, |c| Cursor::new(c.name.clone(), c.id.clone()))
        .map(|company| CompanyBody::new(company, day, None))
        .respond(&req)
}

/// Reads a company the caller may see, with its representatives for staff;
/// 404 otherwise.
fn find_visible(
    conn: &mut AnyConnection,
    caller: &MaybeCaller,
    id: &str,
) -> ApiResult<CompanyBody> {
    let company = companies::find(conn, id)?;
    let represented = match &caller.0 {
        Some(caller) => companies::represented_by(conn, caller.id())?,
        None => Vec::new(),
    };
    let day = today();
    if !visible_to(caller, &company, &represented, day) {
        return Err(ApiError::NotFound);
    }
    let representatives = if caller.is_staff() {
        Some(companies::representatives(conn, id)?)
    } else {
        None
    };
    Ok(CompanyBody::new(company, day, representatives))
}

/// One company: anyone sees members in good standing; staff and the
/// company's representatives also see a lapsed one.
#[utoipa::path(
    tag = "companies",
    security((), ("bearer" = [])),
    params(("id" = String, Path, description = "The company's id")),
    responses(
        (status = 200, description = "The company", body = CompanyBody),
        (status = 304, description = "Not modified"),
        (status = 404, response = NotFound),
    )
)]
#[get("/companies/{id}")]
async fn get_company(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: MaybeCaller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let body = state
        .db(move |conn| find_visible(conn, &caller, &id))
        .await?;
    http_cache::json_ok(&req, &body)
}

/// Change a company (staff), e.g. renew its membership.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The company's id")),
    request_body = UpdateCompanyRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 200, description = "The company", body = CompanyBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[patch("/companies/{id}")]
async fn update_company(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<UpdateCompanyRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = id.into_inner();
    let request = body.0;
    let company = state
        .db(move |conn| {
            transaction(conn, |conn| {
                let current = companies::find(conn, &id)?;
                let fields = validated(CompanyFields {
                    name: request.name.unwrap_or(current.name),
                    province: request.province.unwrap_or(current.province),
                    membership_expires_on: request
                        .membership_expires_on
                        .unwrap_or(current.membership_expires_on),
                    website: request.website.unwrap_or(current.website),
                    genres: request.genres.unwrap_or(current.genres),
                })?;
                let company = companies::update(conn, &id, &fields)?;
                let representatives = companies::representatives(conn, &id)?;
                Ok(CompanyBody::new(company, today(), Some(representatives)))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(company))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "grace@northernlights.example"}))]
pub struct AddRepresentativeRequest {
    /// The email of an existing account.
    pub email: String,
}

/// Let an existing user act for the company (staff). The user gets role
/// `member` (staff keep `staff`); linking the same user twice is 409.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The company's id")),
    request_body = AddRepresentativeRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The representative", body = RepresentativeBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
    )
)]
#[post("/companies/{id}/representatives")]
async fn add_representative(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<AddRepresentativeRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let company_id = id.into_inner();
    let email = Email::parse(&body.0.email).map_err(|e| ApiError::validation("email", e))?;
    let representative = state
        .db(move |conn| {
            transaction(conn, |conn| {
                companies::find(conn, &company_id)?;
                let user = match users::find_by_email(conn, &email) {
                    Ok(user) => user,
                    Err(StoreError::NotFound) => {
                        return Err(ApiError::validation(
                            "email",
                            Wording::of("validation-account-unknown", vec![]),
                        ));
                    }
                    Err(other) => return Err(other.into()),
                };
                if user.role != Role::Staff {
                    users::set_role(conn, &user.id, Role::Member)?;
                }
                companies::add_representative(conn, &company_id, &user.id).map_err(|error| {
                    match error {
                        StoreError::Conflict { .. } => {
                            ApiError::Conflict(Wording::of("detail-already-represents", vec![]))
                        }
                        other => other.into(),
                    }
                })
            })
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header((
            "Location",
            format!("/api/v1/companies/{}", representative.company_id),
        ))
        .json(RepresentativeBody::from(representative)))
}

/// Stop the user acting for the company (staff). A member who then
/// represents no company goes back to role `individual`; staff keep `staff`.
#[utoipa::path(
    tag = "companies",
    security(("bearer" = [])),
    params(
        ("id" = String, Path, description = "The company's id"),
        ("user_id" = String, Path, description = "The representative's user id"),
    ),
    responses(
        (status = 204, description = "Removed"),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
    )
)]
#[delete("/companies/{id}/representatives/{user_id}")]
async fn remove_representative(
    state: web::Data<AppState>,
    caller: Caller,
    path: web::Path<(String, String)>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let (company_id, user_id) = path.into_inner();
    state
        .db(move |conn| {
            transaction(conn, |conn| {
                companies::remove_representative(conn, &company_id, &user_id)?;
                let user = users::find(conn, &user_id)?;
                if user.role == Role::Member
                    && companies::represented_by(conn, &user_id)?.is_empty()
                {
                    users::set_role(conn, &user_id, Role::Individual)?;
                }
                Ok(())
            })
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
