//! Who is calling: JWTs, personal API tokens, passwords, and the extractors
//! handlers use to require a caller or a role.

pub mod caller;
pub mod jwt;
pub mod password;
pub mod personal_token;

pub use caller::{Caller, MaybeCaller};
pub use jwt::JwtKeys;
