/// The catalogue engine fails only when its search library does, or when a
/// thread panicked while it held the catalogue.
#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("a thread panicked while it held the catalogue")]
    Poisoned,
}
