//! Language knowledge for warta. Everything a stage knows about a language comes from
//! the data files in `resources/<lang>/`, embedded at build time; this crate parses them
//! once and offers language identification and date parsing built on them.

mod datetime;
mod langid;
mod resources;

pub use datetime::{parse_datetime, DateParse};
pub use langid::{detect_language, LanguageGuess};

/// Parses the data files and compiles their patterns now, so the one-time cost is not
/// charged to the first article of a run or a benchmark.
pub fn warm_up() {
    resources();
    datetime::patterns();
}
pub use resources::{
    language_codes, resource_file, resources, resources_fingerprint, Boilerplate, Calendar, LanguageData, LineRule, MetadataWords, Resources,
    RestAction, SuffixRule,
};
