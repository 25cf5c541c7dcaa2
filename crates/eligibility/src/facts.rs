//! The facts the rules are evaluated on, gathered by the caller (from the
//! database, or from a request for the anonymous pre-check).

use chrono::{DateTime, NaiveDate, Utc};
use greenlight_domain::{Cents, CycleRules, DateRange, FiscalYearStart};

/// What the rules need to know about a mentorship cycle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CycleFacts {
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// The day ages are taken on (docs/domain.md, Mentorship rules: age on `placement_starts_on`).
    pub placement_starts_on: NaiveDate,
    pub rules: CycleRules,
    pub min_mentor_contribution: Cents,
}

/// What the rules need to know about one joint application and about the
/// mentee's other applications, placements and grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationFacts {
    /// When the application is submitted, or would be if submitted now.
    pub submitted_at: DateTime<Utc>,
    /// The placement this application proposes.
    pub placement: DateRange,
    /// The mentee's other applications in the same cycle that are neither
    /// drafts nor withdrawn.
    pub other_active_applications_in_cycle: u32,
    /// `None` when the company has never been a member.
    pub company_membership_expires_on: Option<NaiveDate>,
    pub endorsed: bool,
    /// `None` until the company states it when endorsing.
    pub contribution: Option<Cents>,
    /// The mentee's placements in other selected applications.
    pub other_selected_placements: Vec<DateRange>,
    /// Whether this placement carries an association grant (its cycle pays
    /// one); a placement without one cannot exceed one grant per fiscal year.
    pub carries_grant: bool,
    /// Start dates of the placements of the mentee's other selected
    /// applications that carry an association grant.
    pub other_grant_placement_starts: Vec<NaiveDate>,
    pub fiscal_year_start: FiscalYearStart,
}
