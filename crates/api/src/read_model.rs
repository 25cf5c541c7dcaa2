//! The read model of the published catalogue (docs/architecture.md, Read
//! model): the catalogue engine holding every published program with its
//! public JSON, kept in step with the change log. A write through this
//! instance applies its own changes before it answers; a follower task
//! applies everyone else's within [`STALENESS`]. Only the programs a change
//! names are reloaded; nothing rebuilds the whole catalogue but the first
//! load.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use greenlight_catalogue::{Catalogue, Change, Reader};
use greenlight_domain::ProgramStatus;
use greenlight_store::{AnyConnection, Pool, program_changes, programs};

use crate::error::ApiError;
use crate::program_body::Rendered;

/// How long a change made through another instance may take to show here.
pub const STALENESS: Duration = Duration::from_secs(1);

/// How often the follower reads the change log: well within [`STALENESS`].
const FOLLOW_EVERY: Duration = Duration::from_millis(250);

/// How many changes one catch-up step applies at once.
const CHANGES_PER_STEP: i64 = 1_000;

pub struct ReadModel {
    catalogue: Catalogue<Rendered>,
    /// The sequence number of the last change applied, `None` before the
    /// first load. Held while applying, so one catch-up runs at a time.
    applied: Mutex<Option<i64>>,
}

impl std::fmt::Debug for ReadModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadModel").finish_non_exhaustive()
    }
}

fn put(program: greenlight_domain::Program) -> Result<Change<Rendered>, ApiError> {
    let rendered = Rendered::public(&program)?;
    Ok(Change::Put(Box::new(program), rendered))
}

impl ReadModel {
    pub fn new() -> Result<Self, ApiError> {
        Ok(ReadModel {
            catalogue: Catalogue::new().map_err(ApiError::internal)?,
            applied: Mutex::new(None),
        })
    }

    /// Whether the first load has happened.
    pub fn is_loaded(&self) -> bool {
        self.applied.lock().is_ok_and(|applied| applied.is_some())
    }

    /// The last change applied, if loaded.
    pub fn applied(&self) -> Option<i64> {
        self.applied.lock().ok().and_then(|applied| *applied)
    }

    /// Applies every change logged since the last one applied (on the first
    /// call, loads the published catalogue page by page).
    pub fn catch_up(&self, conn: &mut AnyConnection) -> Result<(), ApiError> {
        let mut applied = self.applied.lock().map_err(ApiError::internal)?;
        let mut seq = match *applied {
            Some(seq) => seq,
            None => {
                // Changes logged while the pages are read are applied again
                // below: applying a change reloads the program as it is.
                let head = program_changes::head(conn)?;
                self.load(conn)?;
                *applied = Some(head);
                head
            }
        };
        loop {
            let changes = program_changes::after(conn, seq, CHANGES_PER_STEP)?;
            let Some(last) = changes.last().map(|change| change.seq) else {
                return Ok(());
            };
            let mut seen = HashSet::new();
            let ids: Vec<String> = changes
                .into_iter()
                .map(|change| change.program_id)
                .filter(|id| seen.insert(id.clone()))
                .collect();
            let mut published = programs::find_many(conn, &ids)?;
            published.retain(|program| program.status == ProgramStatus::Published);
            let mut batch = Vec::with_capacity(ids.len());
            for id in ids {
                match published.iter().position(|program| program.id == id) {
                    Some(at) => batch.push(put(published.swap_remove(at))?),
                    None => batch.push(Change::Remove { id }),
                }
            }
            self.catalogue.apply(batch).map_err(ApiError::internal)?;
            seq = last;
            *applied = Some(seq);
        }
    }

    fn load(&self, conn: &mut AnyConnection) -> Result<(), ApiError> {
        let mut after: Option<String> = None;
        loop {
            let page = programs::published_after(conn, after.as_deref())?;
            let Some(last) = page.last().map(|program| program.id.clone()) else {
                return Ok(());
            };
            let batch = page.into_iter().map(put).collect::<Result<Vec<_>, _>>()?;
            self.catalogue.apply(batch).map_err(ApiError::internal)?;
            after = Some(last);
        }
    }

    /// The catalogue as it is now; keep the guard for one request only.
    pub fn read(&self) -> Result<Reader<'_, Rendered>, ApiError> {
        self.catalogue.read().map_err(ApiError::internal)
    }
}

/// The read model for a request, loaded first if this instance has just
/// started (the follower usually has loaded it by then).
pub async fn loaded(state: &crate::AppState) -> Result<Arc<ReadModel>, ApiError> {
    if !state.read_model.is_loaded() {
        let model = state.read_model.clone();
        state.db(move |conn| model.catch_up(conn)).await?;
    }
    Ok(state.read_model.clone())
}

/// Follows the change log until the read model is dropped (the server
/// stopped): loads the catalogue at once, then applies other instances'
/// changes every [`FOLLOW_EVERY`].
pub async fn follow(read_model: Weak<ReadModel>, pool: Pool) {
    let mut every = actix_web::rt::time::interval(FOLLOW_EVERY);
    loop {
        every.tick().await;
        let Some(model) = read_model.upgrade() else {
            return;
        };
        let pool = pool.clone();
        let caught_up = actix_web::web::block(move || {
            let mut conn = pool.get().map_err(greenlight_store::StoreError::from)?;
            model.catch_up(&mut conn)
        })
        .await;
        match caught_up {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::warn!(%error, "the read model could not follow the change log")
            }
            Err(error) => tracing::warn!(%error, "the read model follower was cancelled"),
        }
    }
}
