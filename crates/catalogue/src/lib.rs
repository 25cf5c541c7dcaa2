//! Greenlight's catalogue engine (docs/architecture.md, Catalogue search):
//! program queries, the full-text index (tantivy), facet counts, and
//! matching programs to a producer's profile. Pure: the store loads programs
//! and the API applies them here; nothing here performs I/O.

mod catalogue;
mod error;
mod facets;
mod index;
mod matching;
mod query;
mod text;

pub use catalogue::{Catalogue, Change, Entry, Found, Hit, Listing, Reader};
pub use error::CatalogueError;
pub use facets::{Facet, FacetCounts, Tags};
pub use matching::{MatchResult, match_programs};
pub use query::{After, ProgramQuery, Sort};
pub use text::SearchText;
