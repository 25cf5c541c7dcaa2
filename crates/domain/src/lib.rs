//! Greenlight's domain: the types every other crate speaks, valid by construction.
//!
//! Nothing here performs I/O or knows about HTTP or SQL.

pub mod email;
pub mod role;
pub mod value_error;

pub use email::Email;
pub use role::Role;
pub use value_error::ValueError;
