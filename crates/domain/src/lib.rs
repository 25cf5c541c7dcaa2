//! Greenlight's domain: the types every other crate speaks, valid by construction.
//!
//! Nothing here performs I/O or knows about HTTP or SQL.

pub mod application;
pub mod cycle;
pub mod date_range;
pub mod delivery;
pub mod email;
pub mod event;
pub mod fiscal_year;
pub mod l10n;
pub mod locale;
pub mod money;
pub mod profile;
pub mod program;
pub mod role;
pub mod slug;
pub mod survey;
pub mod survey_results;
pub mod taxonomy;
pub mod terms;
pub mod text;
pub mod value_error;
pub mod web_url;
pub mod webhook;
pub mod wording;

pub use application::{ApplicationStatus, Engagement, Outcome};
pub use cycle::{CycleRules, CycleStatus, DEFAULT_RESIDENCY, NotificationDates};
pub use date_range::DateRange;
pub use delivery::{AfterFailure, RetryPolicy};
pub use email::Email;
pub use event::{EventKind, TimeZoneName};
pub use fiscal_year::{FiscalYear, FiscalYearStart};
pub use locale::{Locale, Translation, Translations};
pub use money::Cents;
pub use profile::{Employment, EmploymentStatus, Profile, ResidencyStatus};
pub use program::{Program, ProgramContent};
pub use role::Role;
pub use slug::Slug;
pub use taxonomy::{
    Audience, CareerStage, Delivery, Format, Language, ProgramStatus, ProviderKind, Province,
    Region, SubscriptionTopic, Topic,
};
pub use terms::DefinedTerm;
pub use text::fold_words;
pub use value_error::ValueError;
pub use web_url::WebUrl;
pub use webhook::{WebhookEvent, is_public_address};
