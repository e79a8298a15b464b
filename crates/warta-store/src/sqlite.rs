use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use warta_model::{Analysis, Article, ArticleId, Format};

use crate::{Store, StoreError, Stored, StoredArticle};

/// Schema changes, in order; the database's `user_version` says how many have run.
/// Append only: a released migration is never edited.
const MIGRATIONS: &[&str] = &[
    // 1: articles with their raw record and version chain.
    "CREATE TABLE articles (
        id            TEXT PRIMARY KEY,
        version_key   TEXT NOT NULL,
        version       INTEGER NOT NULL,
        previous      TEXT REFERENCES articles(id),
        url           TEXT,
        title         TEXT,
        outlet        TEXT,
        published     TEXT,
        published_utc INTEGER,
        language      TEXT,
        source        TEXT NOT NULL,
        ingested_at   TEXT NOT NULL,
        article       TEXT NOT NULL,
        raw           BLOB NOT NULL
    );
    CREATE INDEX articles_by_version_key ON articles(version_key, version);
    CREATE INDEX articles_by_published ON articles(published_utc);",
    // 2: what the analyze stage found in each article, and which analyzer found it.
    "CREATE TABLE analyses (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        analyzer   TEXT NOT NULL,
        analysis   TEXT NOT NULL
    );",
];

/// The embedded default store: one SQLite file, safe to interrupt at any point (WAL
/// journal, one transaction per batch).
pub struct SqliteStore {
    connection: Connection,
}

impl SqliteStore {
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let shown = path.display().to_string();
        let connection = Connection::open(path).map_err(|source| StoreError::Open { path: shown.clone(), source })?;
        Self::prepare(connection, &shown)
    }

    /// A store that lives only as long as the value, for tests and dry runs.
    pub fn in_memory() -> Result<Self, StoreError> {
        let connection = Connection::open_in_memory().map_err(|source| StoreError::Open { path: ":memory:".into(), source })?;
        Self::prepare(connection, ":memory:")
    }

    fn prepare(mut connection: Connection, shown: &str) -> Result<Self, StoreError> {
        let open_error = |source| StoreError::Open { path: shown.to_string(), source };
        connection
            .execute_batch("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;")
            .map_err(open_error)?;
        migrate(&mut connection, shown)?;
        Ok(SqliteStore { connection })
    }
}

fn migrate(connection: &mut Connection, shown: &str) -> Result<(), StoreError> {
    let current: i64 = connection.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let known = MIGRATIONS.len() as i64;
    if current > known {
        return Err(StoreError::TooNew { path: shown.to_string(), found: current, known });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = connection.transaction_with_behavior(TransactionBehavior::Exclusive)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// Articles that share this key are versions of one another: the URL when there is one;
/// for a file that is a single article, its path. Other records without a URL stand alone.
fn version_key(article: &Article) -> String {
    if let Some(url) = article.canonical_url.as_ref().or(article.url.as_ref()) {
        return format!("url:{url}");
    }
    match (article.origin.format, &article.origin.record) {
        (Format::Text | Format::Html, None) => format!("path:{}", article.origin.path),
        _ => format!("id:{}", article.id),
    }
}

fn source_label(article: &Article) -> String {
    match &article.origin.record {
        Some(record) => format!("{} ({record})", article.origin.path),
        None => article.origin.path.clone(),
    }
}

impl Store for SqliteStore {
    fn put_batch(&mut self, batch: &[(Article, Vec<u8>)]) -> Result<Vec<Stored>, StoreError> {
        let now = jiff::Timestamp::now().to_string();
        let tx = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(batch.len());
        {
            let mut exists = tx.prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?;
            let mut latest = tx.prepare_cached("SELECT id, version FROM articles WHERE version_key = ?1 ORDER BY version DESC LIMIT 1")?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (id, version_key, version, previous, url, title, outlet, published, published_utc, language, source, ingested_at, article, raw)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            for (article, raw) in batch {
                if exists.exists([article.id.as_str()])? {
                    outcomes.push(Stored::AlreadyStored);
                    continue;
                }
                let key = version_key(article);
                let before: Option<(String, u32)> = latest.query_row([&key], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
                let version = before.as_ref().map_or(1, |(_, v)| v + 1);
                let previous = before.map(|(id, _)| ArticleId(id));
                let json = serde_json::to_string(article).map_err(|e| StoreError::Corrupt { id: article.id.to_string(), message: e.to_string() })?;
                insert.execute(params![
                    article.id.as_str(),
                    key,
                    version,
                    previous.as_ref().map(ArticleId::as_str),
                    article.url,
                    article.title,
                    article.outlet,
                    article.published.map(|m| m.to_string()),
                    article.published.map(|m| m.timestamp.as_second()),
                    article.language,
                    source_label(article),
                    now,
                    json,
                    raw,
                ])?;
                outcomes.push(Stored::Added { version, previous });
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn article(&self, id_or_prefix: &str) -> Result<StoredArticle, StoreError> {
        let prefix = id_or_prefix.trim().to_ascii_lowercase();
        if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(StoreError::NotFound(id_or_prefix.to_string()));
        }
        let mut statement = self.connection.prepare_cached(
            "SELECT article, version, previous, ingested_at, id FROM articles WHERE id >= ?1 AND id < ?1 || 'g' ORDER BY id LIMIT 2",
        )?;
        let mut found: Vec<StoredArticle> = statement
            .query_map([&prefix], row_to_stored)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        match found.len() {
            0 => Err(StoreError::NotFound(id_or_prefix.to_string())),
            1 => Ok(found.remove(0)),
            _ => {
                let count: usize = self.connection.query_row(
                    "SELECT COUNT(*) FROM articles WHERE id >= ?1 AND id < ?1 || 'g'",
                    [&prefix],
                    |r| r.get(0),
                )?;
                Err(StoreError::Ambiguous { prefix: id_or_prefix.to_string(), count })
            }
        }
    }

    fn articles(&self, limit: Option<usize>) -> Result<Vec<StoredArticle>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT article, version, previous, ingested_at, id FROM articles
             ORDER BY published_utc IS NULL, published_utc DESC, id LIMIT ?1",
        )?;
        let limit = limit.map_or(-1, |l| l as i64);
        let rows = statement.query_map([limit], row_to_stored)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().collect()
    }

    fn raw(&self, id: &ArticleId) -> Result<Vec<u8>, StoreError> {
        self.connection
            .query_row("SELECT raw FROM articles WHERE id = ?1", [id.as_str()], |r| r.get(0))
            .optional()?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))
    }

    fn count(&self) -> Result<usize, StoreError> {
        Ok(self.connection.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?)
    }

    fn put_analyses(&mut self, analyzer: &str, batch: &[(ArticleId, Analysis)]) -> Result<(), StoreError> {
        let tx = self.connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO analyses (article_id, analyzer, analysis) VALUES (?1, ?2, ?3)
                 ON CONFLICT(article_id) DO UPDATE SET analyzer = excluded.analyzer, analysis = excluded.analysis",
            )?;
            for (id, analysis) in batch {
                let json = serde_json::to_string(analysis).map_err(|e| StoreError::Corrupt { id: id.to_string(), message: e.to_string() })?;
                upsert.execute(params![id.as_str(), analyzer, json])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn analysis(&self, id: &ArticleId) -> Result<Option<(String, Analysis)>, StoreError> {
        let row: Option<(String, String)> = self
            .connection
            .query_row("SELECT analyzer, analysis FROM analyses WHERE article_id = ?1", [id.as_str()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(analyzer, json)| {
            serde_json::from_str(&json)
                .map(|analysis| (analyzer, analysis))
                .map_err(|e| StoreError::Corrupt { id: id.to_string(), message: e.to_string() })
        })
        .transpose()
    }

    fn article_ids(&self) -> Result<Vec<ArticleId>, StoreError> {
        let mut statement = self.connection.prepare_cached("SELECT id FROM articles ORDER BY id")?;
        let ids = statement.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }
}

fn row_to_stored(row: &rusqlite::Row<'_>) -> rusqlite::Result<Result<StoredArticle, StoreError>> {
    let json: String = row.get(0)?;
    let version: u32 = row.get(1)?;
    let previous: Option<String> = row.get(2)?;
    let ingested_at: String = row.get(3)?;
    let id: String = row.get(4)?;
    Ok(serde_json::from_str::<Article>(&json)
        .map_err(|e| StoreError::Corrupt { id, message: e.to_string() })
        .map(|article| StoredArticle { article, version, previous: previous.map(ArticleId), ingested_at }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use warta_model::Origin;

    fn article(raw: &str, url: Option<&str>) -> (Article, Vec<u8>) {
        let article = Article {
            origin: Origin { path: "in.jsonl".into(), record: Some("line 1".into()), format: Format::Jsonl, compression: None, encoding: "UTF-8".into() },
            url: url.map(str::to_string),
            title: Some("Judul".into()),
            authors: vec!["A".into()],
            outlet: Some("Outlet".into()),
            published: Some("2024-06-19T17:23:00+07:00".parse().unwrap()),
            language: Some("id".into()),
            ..Article::from_text(raw.as_bytes(), "in.jsonl", raw.to_string())
        };
        (article, raw.as_bytes().to_vec())
    }

    #[test]
    fn storing_the_same_input_twice_changes_nothing() {
        let mut store = SqliteStore::in_memory().unwrap();
        let a = article("isi berita satu", Some("https://x.id/1"));
        assert_eq!(store.put_batch(&[a.clone()]).unwrap(), vec![Stored::Added { version: 1, previous: None }]);
        assert_eq!(store.put_batch(&[a.clone()]).unwrap(), vec![Stored::AlreadyStored]);
        assert_eq!(store.count().unwrap(), 1);
        let back = store.article(&a.0.id.as_str()[..6]).unwrap();
        assert_eq!(back.article, a.0);
        assert_eq!(store.raw(&a.0.id).unwrap(), a.1);
    }

    #[test]
    fn changed_content_at_the_same_url_is_a_new_version() {
        let mut store = SqliteStore::in_memory().unwrap();
        let first = article("isi berita lama", Some("https://x.id/1"));
        let second = article("isi berita baru", Some("https://x.id/1"));
        store.put_batch(&[first.clone()]).unwrap();
        let outcome = store.put_batch(&[second]).unwrap();
        assert_eq!(outcome, vec![Stored::Added { version: 2, previous: Some(first.0.id.clone()) }]);
        let unrelated = article("lain sama sekali", None);
        assert_eq!(store.put_batch(&[unrelated]).unwrap(), vec![Stored::Added { version: 1, previous: None }]);
    }

    #[test]
    fn analyses_are_stored_replaced_and_read_back() {
        let mut store = SqliteStore::in_memory().unwrap();
        let a = article("isi berita", None);
        store.put_batch(&[a.clone()]).unwrap();
        assert_eq!(store.analysis(&a.0.id).unwrap(), None);
        let mut analysis = Analysis::default();
        store.put_analyses("v1", &[(a.0.id.clone(), analysis.clone())]).unwrap();
        analysis.quantities.push(warta_model::Quantity { text: "12".into(), start: 0, end: 2, value: 12.0, unit: None, counted: None, bound: warta_model::Bound::Exact, upper: None });
        store.put_analyses("v2", &[(a.0.id.clone(), analysis.clone())]).unwrap();
        assert_eq!(store.analysis(&a.0.id).unwrap(), Some(("v2".to_string(), analysis)));
        assert_eq!(store.article_ids().unwrap(), vec![a.0.id]);
    }

    #[test]
    fn reports_unknown_and_ambiguous_ids() {
        let mut store = SqliteStore::in_memory().unwrap();
        assert!(matches!(store.article("abc"), Err(StoreError::NotFound(_))));
        assert!(matches!(store.article("not hex!"), Err(StoreError::NotFound(_))));
        let batch: Vec<_> = (0..40).map(|i| article(&format!("berita {i}"), None)).collect();
        store.put_batch(&batch).unwrap();
        // 40 ids over 16 first hex digits: some first digit is shared.
        let shared = (0..16u8)
            .map(|d| format!("{d:x}"))
            .find(|d| batch.iter().filter(|(a, _)| a.id.as_str().starts_with(d.as_str())).count() > 1)
            .unwrap();
        assert!(matches!(store.article(&shared), Err(StoreError::Ambiguous { .. })));
    }

    #[test]
    fn survives_reopening_and_refuses_newer_schemas() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        {
            let mut store = SqliteStore::open(&path).unwrap();
            store.put_batch(&[article("isi", None)]).unwrap();
        }
        assert_eq!(SqliteStore::open(&path).unwrap().count().unwrap(), 1);
        Connection::open(&path).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(SqliteStore::open(&path), Err(StoreError::TooNew { .. })));
    }
}
