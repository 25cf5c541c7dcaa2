//! Accounts as staff manage them: a user's role and whether it is disabled.

use actix_web::{HttpResponse, patch, web};
use greenlight_domain::Role;
use greenlight_store::{transaction, users};
use serde::Deserialize;
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::accounts::UserBody;
use crate::auth::Caller;
use crate::error::{ApiError, ApiResult, Wording};
use crate::extract::Json;
use crate::openapi::problems::*;
use crate::state::AppState;

pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(update_user);
}

/// Only the fields given change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"disabled": true}))]
pub struct UpdateUserRequest {
    pub role: Option<Role>,
    /// A disabled user cannot sign in, and every token already issued to
    /// them (JWTs and personal API tokens) stops working at once.
    pub disabled: Option<bool>,
}

/// Change a user's role or disable the account (staff). Staff cannot demote
/// or disable themselves, so that some staff account always remains.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The user's id")),
    request_body = UpdateUserRequest,
    responses(
        (status = 200, description = "The user", body = UserBody),
        (status = 403, response = Forbidden),
        (status = 404, response = NotFound),
        (status = 409, response = Conflict),
        (status = 422, response = ValidationFailed),
    )
)]
#[patch("/users/{id}")]
async fn update_user(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<UpdateUserRequest>,
) -> ApiResult<HttpResponse> {
    caller.require_any(&[Role::Staff])?;
    let id = id.into_inner();
    let request = body.0;
    let demotes_self = request.role.is_some_and(|role| role != Role::Staff);
    if id == caller.id() && (demotes_self || request.disabled == Some(true)) {
        return Err(ApiError::Conflict(Wording::of(
            "detail-staff-self-demotion",
            vec![],
        )));
    }
    let user = state
        .db(move |conn| {
            transaction(conn, |conn| {
                let mut user = users::find(conn, &id)?;
                if let Some(role) = request.role {
                    user = users::set_role(conn, &id, role)?;
                }
                if let Some(disabled) = request.disabled {
                    user = users::set_disabled(conn, &id, disabled)?;
                }
                Ok(user)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(UserBody::from(user)))
}
