use chrono::{DateTime, SubsecRound, Utc};

/// A new primary key: UUIDv7, so ids sort by creation time and index well.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time at the precision both backends keep (PostgreSQL stores
/// microseconds, SQLite whatever it is given), so a value read back equals the
/// value written.
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}
