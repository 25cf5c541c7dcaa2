//! Accounts: registration, sign-in, the signed-in user and personal API tokens.

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use chrono::{DateTime, Utc};
use greenlight_domain::{Email, Locale, Role, ValueError};
use greenlight_store::{AnyConnection, api_tokens, sign_in_failures, users};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;

use crate::auth::{Caller, password, personal_token};
use crate::error::{ApiError, ApiResult, FieldError, Wording};
use crate::extract::Json;
use crate::http_cache;
use crate::language::Lang;
use crate::openapi::problems::*;
use crate::state::AppState;
use crate::validate;

pub fn auth_routes(cfg: &mut ServiceConfig) {
    cfg.service(register).service(issue_token);
}

pub fn me_routes(cfg: &mut ServiceConfig) {
    cfg.service(me)
        .service(update_me)
        .service(create_token)
        .service(list_tokens)
        .service(delete_token)
        .service(change_password);
}

/// A user as the API shows it: never the password hash.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e11",
    "email": "ada@example.org",
    "display_name": "Ada Producer",
    "role": "individual",
    "locale": "en",
    "created_at": "2026-11-22T16:00:00Z",
    "disabled": false
}))]
pub struct UserBody {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// The language of every message the service sends this user.
    pub locale: Locale,
    pub created_at: DateTime<Utc>,
    /// Set by staff; a disabled account cannot sign in.
    pub disabled: bool,
}

impl From<users::User> for UserBody {
    fn from(user: users::User) -> Self {
        UserBody {
            id: user.id,
            email: user.email,
            display_name: user.display_name,
            role: user.role,
            locale: user.locale,
            created_at: user.created_at,
            disabled: user.disabled,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.org", "password": "correct horse battery", "display_name": "Ada Producer"}))]
pub struct RegisterRequest {
    #[schema(format = "email", max_length = 254)]
    pub email: String,
    /// At least 12 characters and hard to guess (zxcvbn score 3 of 4): a
    /// passphrase of several unrelated words works; the email and display
    /// name count against it.
    #[schema(min_length = 12, max_length = 1024)]
    pub password: String,
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub display_name: String,
    /// `en` or `fr`: the language of the messages the service sends the
    /// account. Without it, the language the request was answered in.
    #[schema(value_type = Option<Locale>)]
    pub locale: Option<String>,
}

const DISPLAY_NAME_MAX: usize = 100;

pub fn display_name(raw: &str, field: &str) -> Result<String, FieldError> {
    validate::text(field, raw, 1, DISPLAY_NAME_MAX)
}

/// Create an individual account.
#[utoipa::path(
    tag = "accounts",
    request_body = RegisterRequest,
    responses(
        (status = 422, response = RuleBroken),
        (status = 201, description = "The account, with role `individual`", body = UserBody),
        (status = 409, response = Conflict),
        (status = 503, response = Unavailable),
    )
)]
#[post("/register")]
async fn register(
    state: web::Data<AppState>,
    body: Json<RegisterRequest>,
    lang: Lang,
) -> ApiResult<HttpResponse> {
    let RegisterRequest {
        email,
        password,
        display_name: name,
        locale: asked_locale,
    } = body.0;
    let strength = password::check_policy(&password, &[&email, &name])
        .map_err(|message| FieldError::new("password", message));
    let (email, (), name, locale) = validate::all((
        validate::parsed("email", Email::parse(&email)),
        strength,
        display_name(&name, "display_name"),
        asked_locale.map_or(Ok(lang.0), |raw| self::locale(&raw, "locale")),
    ))?;
    let password_hash = state
        .hashing
        .run(move || password::hash(&password))
        .await??;
    let user = state
        .db(move |conn| {
            insert_user(
                conn,
                &email,
                &password_hash,
                &name,
                Role::Individual,
                locale,
            )
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Location", "/api/v1/me"))
        .json(UserBody::from(user)))
}

/// Creates an account with a freshly hashed password, for `greenlight user
/// add` (the server hashes through its [`password::Hashing`] gate instead).
pub fn create_user(
    conn: &mut AnyConnection,
    email: &Email,
    password: &str,
    display_name: &str,
    role: Role,
) -> ApiResult<users::User> {
    let password_hash = password::hash(password)?;
    insert_user(conn, email, &password_hash, display_name, role, Locale::En)
}

/// Stores an account; an email already taken is a conflict.
fn insert_user(
    conn: &mut AnyConnection,
    email: &Email,
    password_hash: &str,
    display_name: &str,
    role: Role,
    locale: Locale,
) -> ApiResult<users::User> {
    users::create(
        conn,
        users::NewUser {
            email,
            password_hash,
            display_name,
            role,
            locale,
        },
    )
    .map_err(|error| match ApiError::from(error) {
        ApiError::Conflict(_) => ApiError::Conflict(Wording::of("detail-email-taken", vec![])),
        other => other,
    })
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"email": "ada@example.org", "password": "correct horse battery"}))]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"access_token": "eyJhbGciOiJIUzI1NiJ9...", "token_type": "Bearer", "expires_in": 1800}))]
pub struct TokenResponse {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// Seconds until the token expires.
    pub expires_in: u64,
}

fn bad_credentials() -> ApiError {
    ApiError::Unauthorized(Wording::of("detail-bad-credentials", vec![]))
}

/// Exchange email and password for a short-lived access token (JWT).
///
/// After 10 failed attempts on one email within 15 minutes (by default),
/// attempts on it answer 429 from every address until the oldest failure
/// leaves the window; unknown emails are counted alike.
#[utoipa::path(
    tag = "accounts",
    request_body = TokenRequest,
    responses(
        (status = 200, description = "An access token", body = TokenResponse),
        (status = 401, response = Unauthorized),
        (status = 503, response = Unavailable),
    )
)]
#[post("/token")]
async fn issue_token(
    state: web::Data<AppState>,
    body: Json<TokenRequest>,
) -> ApiResult<HttpResponse> {
    let TokenRequest { email, password } = body.0;
    let hashing = state.hashing.admit()?;
    let Ok(email) = Email::parse(&email) else {
        hashing
            .run(move || password::verify_against_nothing(&password))
            .await?;
        return Err(bad_credentials());
    };
    let account_key = personal_token::digest(email.as_str());
    let window = chrono::Duration::from_std(state.config.sign_in_failure_window)
        .map_err(ApiError::internal)?;
    let limit = u64::from(state.config.sign_in_failure_limit);
    let key = account_key.clone();
    let (credentials, failures) = state
        .db(move |conn| {
            let now = greenlight_store::ids::now();
            let (failures, oldest) = sign_in_failures::since(conn, &key, now - window)?;
            if failures >= limit {
                let retry_after = oldest.map_or(window, |oldest| oldest + window - now);
                return Err(ApiError::RateLimited {
                    retry_after_secs: u64::try_from(retry_after.num_seconds() + 1).unwrap_or(1),
                });
            }
            match users::find_credentials(conn, &email) {
                Ok(found) => Ok((Some(found), failures)),
                Err(greenlight_store::StoreError::NotFound) => Ok((None, failures)),
                Err(other) => Err(other.into()),
            }
        })
        .await?;
    let user = hashing
        .run(move || match credentials {
            Some(found) if password::verify(&password, &found.password_hash) => Some(found.user),
            Some(_) => None,
            None => {
                password::verify_against_nothing(&password);
                None
            }
        })
        .await?;
    let Some(user) = user else {
        state
            .db(move |conn| {
                Ok(sign_in_failures::record(
                    conn,
                    &account_key,
                    greenlight_store::ids::now(),
                )?)
            })
            .await?;
        return Err(bad_credentials());
    };
    // Told only to whoever knows the password, so it reveals nothing more.
    if user.disabled {
        return Err(ApiError::Unauthorized(Wording::of(
            "detail-account-disabled",
            vec![],
        )));
    }
    if failures > 0 {
        state
            .db(move |conn| Ok(sign_in_failures::clear(conn, &account_key)?))
            .await?;
    }
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(TokenResponse {
            access_token: state.jwt.issue(&user.id, user.sign_in_generation)?,
            token_type: "Bearer",
            expires_in: state.jwt.ttl().as_secs(),
        }))
}

/// The signed-in user.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, description = "The caller", body = UserBody), (status = 304, description = "Not modified"))
)]
#[get("")]
async fn me(req: HttpRequest, caller: Caller) -> ApiResult<HttpResponse> {
    http_cache::json_ok(&req, &UserBody::from(caller.user))
}

/// What the signed-in user may change of their account here.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"locale": "fr"}))]
pub struct MePatch {
    /// `en` or `fr`: the language of the messages the service sends.
    #[schema(value_type = Option<Locale>)]
    pub locale: Option<String>,
}

/// `en` or `fr` exactly, as stored and shown.
pub fn locale(raw: &str, field: &str) -> Result<Locale, FieldError> {
    Locale::ALL
        .into_iter()
        .find(|locale| locale.as_str() == raw)
        .ok_or_else(|| FieldError::new(field, ValueError::new("value-locale", vec![])))
}

/// Change the signed-in user's account: today, the language of the
/// messages they receive.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = MePatch,
    responses(
        (status = 200, description = "The caller", body = UserBody),
        (status = 422, response = RuleBroken),
    )
)]
#[patch("")]
async fn update_me(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<MePatch>,
) -> ApiResult<HttpResponse> {
    let Some(raw) = body.0.locale else {
        return Ok(HttpResponse::Ok().json(UserBody::from(caller.user)));
    };
    let locale = locale(&raw, "locale").map_err(|e| ApiError::Validation(vec![e]))?;
    let id = caller.user.id.clone();
    let user = state
        .db(move |conn| Ok(users::set_locale(conn, &id, locale)?))
        .await?;
    Ok(HttpResponse::Ok().json(UserBody::from(user)))
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"name": "nightly sync script", "expires_in_days": 90}))]
pub struct CreateTokenRequest {
    #[schema(min_length = 1, max_length = 100, pattern = r"\S")]
    pub name: String,
    /// 1 to 365; absent or null for a token that does not expire.
    #[schema(minimum = 1, maximum = 365)]
    pub expires_in_days: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenBody {
    pub id: String,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<api_tokens::ApiToken> for ApiTokenBody {
    fn from(token: api_tokens::ApiToken) -> Self {
        ApiTokenBody {
            id: token.id,
            name: token.name,
            created_at: token.created_at,
            expires_at: token.expires_at,
            last_used_at: token.last_used_at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a5a4-9b1c-7d2e-8f43-5b0c6f1d2e12",
    "name": "nightly sync script",
    "token": "glp_3q2-7wEXAMPLEonlyEXAMPLEonlyEXAMPLEonly0",
    "created_at": "2026-11-22T16:00:00Z",
    "expires_at": "2027-02-20T16:00:00Z",
    "last_used_at": null
}))]
pub struct CreatedTokenBody {
    #[serde(flatten)]
    pub token: ApiTokenBody,
    /// The secret, shown this once; only its hash is kept.
    #[serde(rename = "token")]
    pub secret: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApiTokenList {
    pub items: Vec<ApiTokenBody>,
}

const TOKEN_NAME_MAX: usize = 100;
const TOKEN_DAYS_MAX: u32 = 365;

/// Create a personal API token for scripts.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = CreateTokenRequest,
    responses((status = 201, description = "The token; its secret is shown once", body = CreatedTokenBody))
)]
#[post("/tokens")]
async fn create_token(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<CreateTokenRequest>,
) -> ApiResult<HttpResponse> {
    let CreateTokenRequest {
        name,
        expires_in_days,
    } = body.0;
    let (name, ()) = validate::all((
        validate::text("name", &name, 1, TOKEN_NAME_MAX),
        validate::require(
            expires_in_days.is_none_or(|days| (1..=TOKEN_DAYS_MAX).contains(&days)),
            "expires_in_days",
            Wording::between(1, TOKEN_DAYS_MAX),
        ),
    ))?;
    let expires_at = expires_in_days
        .map(|days| greenlight_store::ids::now() + chrono::Duration::days(i64::from(days)));
    let secret = personal_token::generate();
    let digest = personal_token::digest(&secret);
    let user_id = caller.user.id;
    let token = state
        .db(move |conn| {
            Ok(api_tokens::create(
                conn, &user_id, &name, &digest, expires_at,
            )?)
        })
        .await?;
    Ok(HttpResponse::Created()
        .insert_header(("Cache-Control", "no-store"))
        .json(CreatedTokenBody {
            token: token.into(),
            secret,
        }))
}

/// The caller's personal API tokens (never their secrets).
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    responses((status = 200, description = "The caller's tokens", body = ApiTokenList), (status = 304, description = "Not modified"))
)]
#[get("/tokens")]
async fn list_tokens(
    req: HttpRequest,
    state: web::Data<AppState>,
    caller: Caller,
) -> ApiResult<HttpResponse> {
    let user_id = caller.user.id;
    let tokens = state
        .db(move |conn| Ok(api_tokens::list_for_user(conn, &user_id)?))
        .await?;
    http_cache::json_ok(
        &req,
        &ApiTokenList {
            items: tokens.into_iter().map(Into::into).collect(),
        },
    )
}

/// Revoke one of the caller's personal API tokens; it stops working at once.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"), (status = 404, response = NotFound))
)]
#[delete("/tokens/{id}")]
async fn delete_token(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
) -> ApiResult<HttpResponse> {
    let user_id = caller.user.id;
    let token_id = id.into_inner();
    state
        .db(move |conn| Ok(api_tokens::delete(conn, &user_id, &token_id)?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"current_password": "correct horse battery", "new_password": "staple moon kettle orchard"}))]
pub struct ChangePasswordRequest {
    pub current_password: String,
    /// The same policy as at registration.
    #[schema(min_length = 12, max_length = 1024)]
    pub new_password: String,
}

/// Change the caller's password, proving the current one.
///
/// Every access token issued before the change stops working, the one
/// sending this request included: sign in again with the new password.
/// Personal API tokens stay until revoked.
#[utoipa::path(
    tag = "accounts",
    security(("bearer" = [])),
    request_body = ChangePasswordRequest,
    responses(
        (status = 204, description = "Changed"),
        (status = 422, response = RuleBroken),
        (status = 503, response = Unavailable),
    )
)]
#[post("/password")]
async fn change_password(
    state: web::Data<AppState>,
    caller: Caller,
    body: Json<ChangePasswordRequest>,
) -> ApiResult<HttpResponse> {
    let ChangePasswordRequest {
        current_password,
        new_password,
    } = body.0;
    let user = caller.user;
    validate::all(
        password::check_policy(&new_password, &[&user.email, &user.display_name])
            .map_err(|message| FieldError::new("new_password", message)),
    )?;
    // One place in the hashing queue for both the check and the new hash.
    let admitted = state.hashing.admit()?;
    let user_id = user.id.clone();
    let stored = state
        .db(move |conn| Ok(users::password_hash(conn, &user.id)?))
        .await?;
    let new_hash = admitted
        .run(move || {
            if password::verify(&current_password, &stored) {
                password::hash(&new_password).map(Some)
            } else {
                Ok(None)
            }
        })
        .await??;
    let Some(new_hash) = new_hash else {
        return Err(ApiError::validation(
            "current_password",
            Wording::of("validation-wrong-password", vec![]),
        ));
    };
    state
        .db(move |conn| Ok(users::set_password_hash(conn, &user_id, &new_hash)?))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
