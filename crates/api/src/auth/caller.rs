use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::future::LocalBoxFuture;
use greenlight_domain::Role;
use greenlight_store::users::User;
use greenlight_store::{api_tokens, companies, users};

use super::personal_token;
use crate::error::{ApiError, Wording};
use crate::state::AppState;
use crate::validate::today;

fn invalid_token() -> ApiError {
    ApiError::Unauthorized(Wording::of("detail-token-invalid", vec![]))
}

fn missing_token() -> ApiError {
    ApiError::Unauthorized(Wording::of("detail-token-missing", vec![]))
}

/// The signed-in user making the request. The user is read from the database
/// on every request, so a role change, a disabled or a deleted account takes
/// effect at once even for tokens already issued; so does a membership that
/// lapses.
#[derive(Debug, Clone)]
pub struct Caller {
    pub user: User,
    /// A member represents a company whose membership is current today.
    in_good_standing: bool,
}

impl Caller {
    /// Whether the caller holds the member privileges (browsing mentee
    /// profiles, members-only events, endorsing): staff always, members
    /// while a company they represent is in good standing today. Every
    /// member privilege asks here (docs/domain.md, "Member standing").
    pub fn has_member_privileges(&self) -> bool {
        match self.user.role {
            Role::Staff => true,
            Role::Member => self.in_good_standing,
            Role::Individual | Role::Partner => false,
        }
    }

    /// 403 unless [`Caller::has_member_privileges`].
    pub fn require_member_privileges(&self, why: Wording) -> Result<(), ApiError> {
        if self.has_member_privileges() {
            Ok(())
        } else {
            Err(ApiError::Forbidden(why))
        }
    }

    pub fn id(&self) -> &str {
        &self.user.id
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    pub fn is_staff(&self) -> bool {
        self.user.role == Role::Staff
    }

    /// 403 unless the caller holds one of `roles`.
    pub fn require_any(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.user.role) {
            Ok(())
        } else {
            Err(ApiError::Forbidden(Wording::of(
                "detail-role-forbids",
                vec![],
            )))
        }
    }
}

/// The caller if a token was sent; a token that was sent but is bad still
/// answers 401 rather than silently treating the request as anonymous.
#[derive(Debug, Clone)]
pub struct MaybeCaller(pub Option<Caller>);

impl MaybeCaller {
    pub fn is_staff(&self) -> bool {
        self.0.as_ref().is_some_and(Caller::is_staff)
    }
}

fn bearer_token(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| invalid_token())?;
    let (scheme, token) = value.split_once(' ').ok_or_else(missing_token)?;
    if !scheme.eq_ignore_ascii_case("bearer") || token.trim().is_empty() {
        return Err(missing_token());
    }
    Ok(Some(token.trim().to_owned()))
}

async fn authenticate(state: web::Data<AppState>, token: String) -> Result<Caller, ApiError> {
    let jwt_subject = if token.starts_with(personal_token::PREFIX) {
        None
    } else {
        Some(state.jwt.verify(&token).ok_or_else(invalid_token)?)
    };
    state
        .db(move |conn| {
            let (user_id, generation) = match jwt_subject {
                Some(subject) => (subject.user_id, Some(subject.generation)),
                None => (
                    api_tokens::authenticate(conn, &personal_token::digest(&token))?.user_id,
                    None,
                ),
            };
            let user = users::find(conn, &user_id)?;
            // A personal token is a credential of its own, revoked by name; an
            // access token dies with the password it was signed in with.
            let signed_out = generation.is_some_and(|g| g != user.sign_in_generation);
            if user.disabled || signed_out {
                return Err(invalid_token());
            }
            let in_good_standing = user.role == Role::Member
                && companies::represents_member_on(conn, &user.id, today())?;
            Ok(Caller {
                user,
                in_good_standing,
            })
        })
        .await
        .map_err(|error| match error {
            ApiError::NotFound => invalid_token(),
            other => other,
        })
}

fn app_state(req: &HttpRequest) -> Result<web::Data<AppState>, ApiError> {
    req.app_data::<web::Data<AppState>>()
        .cloned()
        .ok_or_else(|| ApiError::internal("application state is not registered"))
}

impl FromRequest for Caller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let maybe = MaybeCaller::from_request(req, payload);
        Box::pin(async move { maybe.await?.0.ok_or_else(missing_token) })
    }
}

impl FromRequest for MaybeCaller {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let token = bearer_token(req);
        let state = app_state(req);
        Box::pin(async move {
            match token? {
                None => Ok(MaybeCaller(None)),
                Some(token) => authenticate(state?, token)
                    .await
                    .map(|c| MaybeCaller(Some(c))),
            }
        })
    }
}
