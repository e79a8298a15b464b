//! The extract stage: raw bytes of one input file → clean [`Article`]s.
//!
//! A pure function of its input: the caller reads files and stores results. Every
//! record of a file is extracted on its own, so one bad line, item or WARC record costs
//! only itself; each failure comes back as a [`Problem`] naming where it is and what to do.

mod clean;
mod decode;
mod detect;
mod feed;
mod json;
mod record;
mod warc;

use warta_model::{Article, Compression, Format};

pub use decode::MAX_DECOMPRESSED_BYTES;
pub use detect::detect_format;

/// One article and the verbatim bytes of the record it came from.
#[derive(Debug)]
pub struct Extracted {
    pub article: Article,
    pub raw: Vec<u8>,
}

/// Something about the input the user should know, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Line, item or record inside the file, when the problem is confined to one.
    pub location: Option<String>,
    pub message: String,
    /// What the user can do about it.
    pub hint: String,
    /// Errors mean input was lost (an article not stored); warnings mean it was kept
    /// with a caveat.
    pub severity: Severity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Error,
}

impl Problem {
    pub(crate) fn error(location: Option<String>, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem { location, message: message.into(), hint: hint.into(), severity: Severity::Error }
    }

    pub(crate) fn warning(location: Option<String>, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Problem { location, message: message.into(), hint: hint.into(), severity: Severity::Warning }
    }
}

/// What came out of one input file.
#[derive(Debug, Default)]
pub struct Outcome {
    pub format: Option<Format>,
    pub articles: Vec<Extracted>,
    pub problems: Vec<Problem>,
    /// Records deliberately passed over (WARC request records, non-HTML responses).
    pub skipped: usize,
}

/// Extracts every article in `bytes`, the whole content of the input named `source`
/// (a path as the user gave it, or `-`).
pub fn extract_file(source: &str, bytes: &[u8]) -> Outcome {
    let mut outcome = Outcome::default();
    let (bytes, compression) = match decode::decompress(bytes) {
        Ok(found) => found,
        Err(problem) => {
            outcome.problems.push(problem);
            return outcome;
        }
    };
    if let Some(problem) = bytes.problem {
        outcome.problems.push(problem);
    }
    let data = bytes.data;
    if data.iter().all(|b| b.is_ascii_whitespace()) {
        outcome.problems.push(Problem::error(
            None,
            "the file is empty",
            "nothing to ingest; check that the file was saved completely",
        ));
        return outcome;
    }
    let format = match detect_format(&data) {
        Ok(format) => format,
        Err(problem) => {
            outcome.problems.push(problem);
            return outcome;
        }
    };
    outcome.format = Some(format);
    let input = record::Input { source, compression, format };
    match format {
        Format::Text | Format::Html => record::whole_file(&input, &data, &mut outcome),
        Format::Json | Format::Jsonl => json::split(&input, &data, &mut outcome),
        Format::Rss | Format::Atom => feed::split(&input, &data, &mut outcome),
        Format::Warc => warc::split(&input, &data, &mut outcome),
    }
    outcome
}

/// Compression recognised from the first bytes.
pub fn compression_of(bytes: &[u8]) -> Option<Compression> {
    decode::compression_of(bytes)
}
