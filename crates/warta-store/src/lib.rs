//! The store: everything warta has ingested, with the raw input kept verbatim.
//!
//! Stages never touch it; the orchestrator (the CLI, later the server) does. The
//! [`Store`] trait is what they program against, so the embedded SQLite default and a
//! PostgreSQL server backend are interchangeable.

mod sqlite;

use warta_model::{Analysis, Article, ArticleId};

pub use sqlite::SqliteStore;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the database {path}: {source}. Check the path (set with --db or WARTA_DB) and that its folder is writable")]
    Open { path: String, source: rusqlite::Error },
    #[error("the database {path} was written by a newer warta (schema {found}, this one knows up to {known}); upgrade warta or use another --db")]
    TooNew { path: String, found: i64, known: i64 },
    #[error("no article has an id starting with {0:?}; list ids with `warta articles`")]
    NotFound(String),
    #[error("{count} articles have ids starting with {prefix:?}; give more characters")]
    Ambiguous { prefix: String, count: usize },
    #[error("a stored article could not be read ({id}): {message}. The database may come from an incompatible build; re-ingest into a new --db")]
    Corrupt { id: String, message: String },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// What storing one article did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// New; `version` counts the articles stored under the same URL, this one included.
    Added { version: u32, previous: Option<ArticleId> },
    /// The same input was stored before: nothing changed.
    AlreadyStored,
}

/// An article as stored, with what the store knows about it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredArticle {
    pub article: Article,
    pub version: u32,
    /// The earlier version of the same URL, if any.
    pub previous: Option<ArticleId>,
    /// RFC 3339, UTC.
    pub ingested_at: String,
}

pub trait Store {
    /// Stores a batch all-or-nothing: an interrupted batch leaves no trace, so a later
    /// run simply stores it again.
    fn put_batch(&mut self, batch: &[(Article, Vec<u8>)]) -> Result<Vec<Stored>, StoreError>;

    /// The article whose id is or starts with `id_or_prefix`.
    fn article(&self, id_or_prefix: &str) -> Result<StoredArticle, StoreError>;

    /// Stored articles, newest publication first (unknown times last), at most `limit`.
    fn articles(&self, limit: Option<usize>) -> Result<Vec<StoredArticle>, StoreError>;

    /// The verbatim input record of an article.
    fn raw(&self, id: &ArticleId) -> Result<Vec<u8>, StoreError>;

    fn count(&self) -> Result<usize, StoreError>;

    /// Stores (or replaces) what `analyzer` found in each article, all-or-nothing.
    fn put_analyses(&mut self, analyzer: &str, batch: &[(ArticleId, Analysis)]) -> Result<(), StoreError>;

    /// The stored analysis of an article and the analyzer version that made it.
    fn analysis(&self, id: &ArticleId) -> Result<Option<(String, Analysis)>, StoreError>;

    /// Every stored article's id, for re-running a stage over the store.
    fn article_ids(&self) -> Result<Vec<ArticleId>, StoreError>;
}
