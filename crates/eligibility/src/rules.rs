//! One function per rule of docs/domain.md (Mentorship rules), named after its id.
//! Each takes only the facts it needs and always returns a `Check` with a
//! message; a rule that the cycle does not use passes and says so.

mod application;
pub(crate) mod mentee;
mod mentor;
mod placement;

pub use application::{application_window, one_application_per_cycle};
pub use mentee::{age, audience, career_stage, employment_status, region, residency, student};
pub use mentor::{mentor_contribution, mentor_endorsement, mentor_membership};
pub use placement::{one_grant_per_fiscal_year, one_program_at_a_time};
