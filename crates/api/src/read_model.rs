//! An in-process read model of the published catalogue (docs/architecture.md, Speed and
//! scale): the catalogue is read far more than written, so lists, search,
//! matching and single-program reads are served from memory. A write through this
//! instance drops the snapshot at once; writes through other instances are
//! seen within [`STALENESS`], when the snapshot checks the catalogue's
//! version (one cheap query) and rebuilds if it moved.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use actix_web::web;
use greenlight_domain::ProgramFacts;
use greenlight_store::AnyConnection;
use greenlight_store::catalogue_index::CatalogueIndex;
use greenlight_store::programs::{self, CatalogueVersion, Program};
use serde_json::value::RawValue;

use crate::error::ApiError;
use crate::programs::ProgramBody;
use crate::state::AppState;

/// How long a snapshot is trusted before the catalogue's version is checked.
pub const STALENESS: Duration = Duration::from_secs(1);

pub struct Snapshot {
    version: CatalogueVersion,
    checked_at: Mutex<Instant>,
    index: CatalogueIndex,
    facts: Vec<ProgramFacts>,
    /// Each program's JSON, rendered once, in the order of the index.
    bodies: Vec<Box<RawValue>>,
}

impl Snapshot {
    fn build(conn: &mut AnyConnection) -> Result<Self, ApiError> {
        let version = programs::version(conn)?;
        let index = CatalogueIndex::new(programs::all_published(conn)?);
        let facts = index.programs().iter().map(facts_of).collect();
        let bodies = index
            .programs()
            .iter()
            .map(|program| {
                serde_json::value::to_raw_value(&ProgramBody::from(program.clone()))
                    .map_err(ApiError::internal)
            })
            .collect::<Result<_, _>>()?;
        Ok(Snapshot {
            version,
            checked_at: Mutex::new(Instant::now()),
            index,
            facts,
            bodies,
        })
    }

    /// The published programs, to list and search.
    pub fn index(&self) -> &CatalogueIndex {
        &self.index
    }

    /// What matching reads, in the same order as [`Snapshot::program`].
    pub fn facts(&self) -> &[ProgramFacts] {
        &self.facts
    }

    /// The JSON of the program at `index`, as `GET /programs/{program}` shows it.
    pub fn body(&self, index: usize) -> Option<&RawValue> {
        self.bodies.get(index).map(|body| &**body)
    }

    fn is_fresh(&self) -> bool {
        self.checked_at
            .lock()
            .map(|at| at.elapsed() < STALENESS)
            .unwrap_or(false)
    }

    fn mark_checked(&self) {
        if let Ok(mut at) = self.checked_at.lock() {
            *at = Instant::now();
        }
    }
}

fn facts_of(program: &Program) -> ProgramFacts {
    let c = &program.content;
    ProgramFacts {
        id: program.id.clone(),
        title: c.title.clone(),
        formats: c.formats.clone(),
        topics: c.topics.clone(),
        career_stages: c.career_stages.clone(),
        regions: c.regions.clone(),
        audiences: c.audiences.clone(),
        delivery: c.delivery,
        cost: c.cost,
        application_deadline: c.application_deadline,
    }
}

#[derive(Default)]
pub struct ReadModel {
    current: RwLock<Option<Arc<Snapshot>>>,
    /// Held while rebuilding, so concurrent requests build one snapshot.
    rebuilding: Mutex<()>,
    /// Bumped by every invalidation, so that a snapshot built from data read
    /// before a write is not installed after it.
    generation: AtomicU64,
}

impl std::fmt::Debug for ReadModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadModel").finish_non_exhaustive()
    }
}

impl ReadModel {
    fn cached(&self) -> Option<Arc<Snapshot>> {
        self.current.read().ok().and_then(|current| current.clone())
    }

    /// The cached snapshot while it is fresh.
    fn fresh(&self) -> Option<Arc<Snapshot>> {
        self.cached().filter(|s| s.is_fresh())
    }

    /// The current snapshot: the cached one while fresh, else the cached one
    /// after a version check, else a new one.
    pub fn snapshot(&self, conn: &mut AnyConnection) -> Result<Arc<Snapshot>, ApiError> {
        if let Some(snapshot) = self.fresh() {
            return Ok(snapshot);
        }
        let _guard = self.rebuilding.lock().map_err(ApiError::internal)?;
        if let Some(snapshot) = self.cached() {
            if snapshot.is_fresh() {
                return Ok(snapshot);
            }
            if programs::version(conn)? == snapshot.version {
                snapshot.mark_checked();
                return Ok(snapshot);
            }
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let snapshot = Arc::new(Snapshot::build(conn)?);
        if let Ok(mut current) = self.current.write()
            && self.generation.load(Ordering::SeqCst) == generation
        {
            *current = Some(snapshot.clone());
        }
        Ok(snapshot)
    }

    /// Drops the snapshot after a write through this instance.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut current) = self.current.write() {
            *current = None;
        }
    }
}

/// The current snapshot for a request. While it is fresh, which is nearly
/// always, it is read on the worker thread: only a stale one costs a hop to
/// the blocking pool and a database connection.
pub async fn current(
    read_model: &web::Data<ReadModel>,
    state: &AppState,
) -> Result<Arc<Snapshot>, ApiError> {
    if let Some(snapshot) = read_model.fresh() {
        return Ok(snapshot);
    }
    let read_model = read_model.clone();
    state.db(move |conn| read_model.snapshot(conn)).await
}
