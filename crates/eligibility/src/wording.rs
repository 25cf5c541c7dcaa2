//! How rule messages write dates, lists and counts: as match reasons do
//! (`greenlight_domain::wording`), plus the timestamps of application windows.

use chrono::{DateTime, Utc};
pub(crate) use greenlight_domain::wording::{credits, long_date, or_list, stage_names};

pub(crate) fn long_timestamp(at: DateTime<Utc>) -> String {
    at.format("%-d %B %Y at %H:%M UTC").to_string()
}
