//! The change feed (docs/partners.md): the catalogue's change log as
//! partners read it, to keep a copy of the published catalogue in step
//! without polling all of it. A cursor names a position in the log, which
//! never renumbers, so a partner may keep one forever.

use actix_web::{HttpRequest, HttpResponse, get, web};
use chrono::{DateTime, Utc};
use greenlight_store::program_changes::{self, ChangeKind, ProgramChange};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_actix_web::service_config::ServiceConfig;

use crate::error::{ApiError, ApiResult};
use crate::extract::Query;
use crate::pagination::{self, Cursor, DEFAULT_LIMIT, MAX_LIMIT};
use crate::state::AppState;

/// Mounted before `programs::routes`, whose `/programs/{program}` would
/// otherwise read `changes` as a slug.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(list_changes);
}

/// What happened, in the contract's words: a deletion is an unpublishing
/// for a partner (the program left the catalogue), with `deleted: true`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Published,
    Updated,
    Unpublished,
}

#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "program_id": "0193a5a4-8a9e-7c31-9f43-5b0c6f1d2e21",
    "slug": "star-producer-program",
    "change": "updated",
    "deleted": false,
    "at": "2026-12-01T15:04:05Z"
}))]
pub struct ChangeItem {
    pub program_id: String,
    /// The slug the program had when it changed.
    pub slug: String,
    pub change: Change,
    /// With `unpublished`: the program is gone for good, not only taken out
    /// of the catalogue (so `GET /programs/{program}` will answer 404 even
    /// to staff).
    pub deleted: bool,
    pub at: DateTime<Utc>,
}

impl From<ProgramChange> for ChangeItem {
    fn from(row: ProgramChange) -> Self {
        let change = match row.change {
            ChangeKind::Published => Change::Published,
            ChangeKind::Updated => Change::Updated,
            ChangeKind::Unpublished | ChangeKind::Deleted => Change::Unpublished,
        };
        ChangeItem {
            program_id: row.program_id,
            slug: row.slug,
            change,
            deleted: row.change == ChangeKind::Deleted,
            at: row.at,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePage {
    pub items: Vec<ChangeItem>,
    /// Always given: pass it as `after` next time, now or in a month. On the
    /// last page it names the last change seen, so polling with it answers
    /// only what changed since.
    pub next_cursor: String,
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangeParams {
    /// `next_cursor` of an earlier answer; absent: from the first change.
    #[param(pattern = "^[A-Za-z0-9_-]*$", max_length = 200)]
    pub after: Option<String>,
    /// Changes per page, 1 to 100 (default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// The key that marks a cursor as a position in the change log, so that a
/// cursor of another list is refused.
const CURSOR_KEY: &str = "program_changes";

fn cursor_at(seq: i64) -> String {
    Cursor::new(CURSOR_KEY, seq.to_string()).encode()
}

fn seq_of(raw: &str) -> Result<i64, ApiError> {
    Cursor::decode(raw)
        .filter(|cursor| cursor.key == CURSOR_KEY)
        .and_then(|cursor| cursor.id.parse::<i64>().ok())
        .filter(|seq| *seq >= 0)
        .ok_or_else(pagination::bad_cursor)
}

/// Every change to the published catalogue, oldest first: publishing,
/// updates (a provider's rename updates its programs), unpublishing and
/// deletion. Programs waiting for review never appear. Poll with
/// `next_cursor`, which is always given.
#[utoipa::path(
    tag = "catalogue",
    params(ChangeParams),
    responses(
        (status = 200, description = "Changes after the cursor", body = ChangePage),
        (status = 304, description = "Not modified"),
    )
)]
#[get("/programs/changes")]
async fn list_changes(
    req: HttpRequest,
    state: web::Data<AppState>,
    params: Query<ChangeParams>,
) -> ApiResult<HttpResponse> {
    let params = params.0;
    let limit = match params.limit {
        None => DEFAULT_LIMIT,
        Some(limit @ 1..=MAX_LIMIT) => limit,
        Some(_) => {
            return Err(ApiError::parameter_out_of_range("limit", 1, MAX_LIMIT));
        }
    };
    let after = match params.after.as_deref().filter(|raw| !raw.is_empty()) {
        Some(raw) => seq_of(raw)?,
        None => 0,
    };
    let rows = state
        .db(move |conn| Ok(program_changes::after(conn, after, i64::from(limit) + 1)?))
        .await?;
    let has_more = rows.len() > limit as usize;
    let items: Vec<ProgramChange> = rows.into_iter().take(limit as usize).collect();
    let last = items.last().map_or(after, |change| change.seq);
    let page = ChangePage {
        items: items.into_iter().map(ChangeItem::from).collect(),
        next_cursor: cursor_at(last),
    };
    let mut response = crate::http_cache::json_ok(&req, &page)?;
    if has_more {
        pagination::link_next_with(&req, &mut response, "after", &page.next_cursor);
    }
    Ok(response)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_change_cursor_round_trips_and_other_cursors_are_refused() {
        assert_eq!(seq_of(&cursor_at(42)).unwrap(), 42);
        assert!(seq_of(&Cursor::new("2026-01-01", "7").encode()).is_err());
        assert!(seq_of(&Cursor::new(CURSOR_KEY, "-1").encode()).is_err());
        assert!(seq_of("%%").is_err());
    }

    #[test]
    fn a_deletion_reads_as_an_unpublishing_that_says_so() {
        let at = Utc::now();
        let row = |change| ProgramChange {
            seq: 1,
            program_id: "p".into(),
            slug: "s".into(),
            change,
            at,
        };
        let deleted = ChangeItem::from(row(ChangeKind::Deleted));
        assert_eq!(
            (deleted.change, deleted.deleted),
            (Change::Unpublished, true)
        );
        let unpublished = ChangeItem::from(row(ChangeKind::Unpublished));
        assert_eq!(
            (unpublished.change, unpublished.deleted),
            (Change::Unpublished, false)
        );
    }
}
