//! Greenlight's eligibility rules: pure functions from facts to explained
//! outcomes. Nothing here performs I/O.

mod age;
mod employment_status;
mod evaluate;
mod evaluation;
mod facts;
mod overlap;
mod reader;
pub mod rules;
mod wording;

pub use age::age_on;
pub use employment_status::employment_status_on;
pub use evaluate::{evaluate_application, evaluate_mentee, selection_recheck};
pub use evaluation::{Check, Evaluation, RuleId};
pub use facts::{ApplicationFacts, CycleFacts};
pub use overlap::overlaps;
pub use reader::{Reader, neutral_message};
