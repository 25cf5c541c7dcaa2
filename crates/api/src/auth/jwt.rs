use std::time::Duration;

use chrono::Utc;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use serde::{Deserialize, Serialize};

use crate::error::ApiError;

const ISSUER: &str = "greenlight";
const AUDIENCE: &str = "greenlight-api";

/// Access-token lifetimes the server accepts: short enough that a leaked
/// token soon dies, long enough for a script's session.
pub const MIN_TTL: Duration = Duration::from_secs(15 * 60);
pub const MAX_TTL: Duration = Duration::from_secs(60 * 60);

#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    sub: String,
    /// The user's sign-in generation when the token was issued; tokens from
    /// before this claim existed read as the first generation.
    #[serde(default)]
    sgn: i32,
    iat: i64,
    exp: i64,
    iss: String,
    aud: String,
}

/// Signs and verifies access tokens. HS256 only: the algorithm is pinned so a
/// token's own header cannot choose another (RFC 8725 §3.1).
#[derive(Clone)]
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: Duration,
}

impl std::fmt::Debug for JwtKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtKeys")
            .field("ttl", &self.ttl)
            .finish_non_exhaustive()
    }
}

#[derive(Debug, thiserror::Error)]
pub enum JwtConfigError {
    #[error("the JWT secret must be at least 32 bytes")]
    ShortSecret,
    #[error("the access-token lifetime must be between 15 and 60 minutes")]
    Lifetime,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl: Duration) -> Result<Self, JwtConfigError> {
        if secret.len() < 32 {
            return Err(JwtConfigError::ShortSecret);
        }
        if !(MIN_TTL..=MAX_TTL).contains(&ttl) {
            return Err(JwtConfigError::Lifetime);
        }
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "iss", "aud"]);
        validation.leeway = 30;
        Ok(Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl,
        })
    }

    pub fn ttl(&self) -> Duration {
        self.ttl
    }

    /// A token for the user in its current sign-in generation.
    pub fn issue(&self, user_id: &str, generation: i32) -> Result<String, ApiError> {
        let now = Utc::now().timestamp();
        let claims = Claims {
            sub: user_id.to_owned(),
            sgn: generation,
            iat: now,
            exp: now + i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX),
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding).map_err(ApiError::internal)
    }

    /// Whom the token speaks for, if it is genuine and current. A
    /// token that claims to live longer than this server issues (`exp -
    /// iat` over the configured lifetime), or to be issued in the future,
    /// was not issued by it as configured now: whoever holds the secret, or
    /// an old configuration, minted it, and it is refused.
    pub fn verify(&self, token: &str) -> Option<Subject> {
        let claims = decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        let ttl = i64::try_from(self.ttl.as_secs()).unwrap_or(i64::MAX);
        let leeway = i64::try_from(self.validation.leeway).unwrap_or(0);
        let issued_in_future = claims.iat > Utc::now().timestamp() + leeway;
        if claims.exp.saturating_sub(claims.iat) > ttl || issued_in_future {
            return None;
        }
        Some(Subject {
            user_id: claims.sub,
            generation: claims.sgn,
        })
    }
}

/// What a genuine access token says: the user, and the sign-in generation
/// it was issued in (compared with the user's own by the caller's check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    pub user_id: String,
    pub generation: i32,
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    fn keys() -> JwtKeys {
        JwtKeys::new(&[7; 32], MIN_TTL).unwrap()
    }

    #[test]
    fn a_fresh_token_names_its_user() {
        let keys = keys();
        assert_eq!(
            keys.verify(&keys.issue("u1", 3).unwrap()),
            Some(Subject {
                user_id: "u1".to_owned(),
                generation: 3
            })
        );
    }

    #[test]
    fn a_token_from_before_generations_reads_as_the_first() {
        let keys = keys();
        let now = Utc::now().timestamp();
        let claims = serde_json::json!({
            "sub": "u1", "iat": now, "exp": now + 600, "iss": ISSUER, "aud": AUDIENCE,
        });
        let token = encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap();
        assert_eq!(keys.verify(&token).map(|s| s.generation), Some(0));
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let other = JwtKeys::new(&[8; 32], MIN_TTL).unwrap();
        assert_eq!(keys().verify(&other.issue("u1", 0).unwrap()), None);
    }

    #[test]
    fn an_unsigned_alg_none_token_is_refused() {
        let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
        let exp = Utc::now().timestamp() + 600;
        let claims = URL_SAFE_NO_PAD.encode(format!(
            r#"{{"sub":"u1","iat":0,"exp":{exp},"iss":"greenlight","aud":"greenlight-api"}}"#
        ));
        assert_eq!(keys().verify(&format!("{header}.{claims}.")), None);
    }

    fn signed(keys: &JwtKeys, iat: i64, exp: i64) -> String {
        let claims = Claims {
            sub: "u1".to_owned(),
            sgn: 0,
            iat,
            exp,
            iss: ISSUER.to_owned(),
            aud: AUDIENCE.to_owned(),
        };
        encode(&Header::new(Algorithm::HS256), &claims, &keys.encoding).unwrap()
    }

    #[test]
    fn a_token_living_longer_than_the_configured_lifetime_is_refused() {
        let keys = keys();
        let now = Utc::now().timestamp();
        let ttl = i64::try_from(MIN_TTL.as_secs()).unwrap();
        assert_eq!(
            keys.verify(&signed(&keys, now, now + ttl))
                .map(|s| s.user_id)
                .as_deref(),
            Some("u1")
        );
        assert_eq!(keys.verify(&signed(&keys, now, now + ttl + 1)), None);
        assert_eq!(keys.verify(&signed(&keys, now - 3600, now + 600)), None);
        assert_eq!(keys.verify(&signed(&keys, now + 600, now + 700)), None);
    }

    #[test]
    fn lifetimes_outside_the_policy_and_short_secrets_are_refused() {
        assert!(JwtKeys::new(&[7; 32], Duration::from_secs(60)).is_err());
        assert!(JwtKeys::new(&[7; 32], Duration::from_secs(2 * 3600)).is_err());
        assert!(JwtKeys::new(&[7; 16], MIN_TTL).is_err());
    }
}
