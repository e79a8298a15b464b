use std::collections::BTreeMap;
use std::sync::OnceLock;

use include_dir::{include_dir, Dir};
use jiff::tz::Offset;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;

/// The repository's `resources/` folder, compiled in so the binary runs anywhere.
static RESOURCE_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/../../resources");

/// Folder of `resources/` that holds patterns shared by all languages.
const COMMON: &str = "common";

/// The text of `resources/<folder>/<file>`, for stages that keep their own data files
/// (speech verbs, time words, gazetteers) and parse them themselves.
pub fn resource_file(folder: &str, file: &str) -> Option<&'static str> {
    RESOURCE_DIR
        .get_file(format!("{folder}/{file}"))
        .and_then(|f| f.contents_utf8())
}

/// A hash of every file under `resources/` (paths and contents), so results computed
/// from the language data can tell when it has changed.
pub fn resources_fingerprint() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        fn files<'a>(dir: &'a Dir<'a>, out: &mut Vec<(&'a std::path::Path, &'a [u8])>) {
            out.extend(dir.files().map(|f| (f.path(), f.contents())));
            for sub in dir.dirs() {
                files(sub, out);
            }
        }
        let mut all = Vec::new();
        files(&RESOURCE_DIR, &mut all);
        all.sort();
        let fnv = |h: u64, b: &u8| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
        let hash = all.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, (path, contents)| {
            let h = path.to_string_lossy().as_bytes().iter().fold(h, fnv);
            contents.iter().fold(fnv(h, &0), fnv)
        });
        format!("{hash:016x}")
    })
}

/// The languages that have a folder under `resources/` (ISO 639-1 codes).
pub fn language_codes() -> impl Iterator<Item = &'static str> {
    RESOURCE_DIR
        .dirs()
        .filter_map(|d| d.path().file_name().and_then(|n| n.to_str()))
        .filter(|name| *name != COMMON)
}

/// Everything warta knows about languages, parsed once per process.
pub fn resources() -> &'static Resources {
    static PARSED: OnceLock<Resources> = OnceLock::new();
    PARSED.get_or_init(|| {
        // The files are part of the build: a broken one is a bug caught by this crate's
        // tests, never a user's input problem.
        Resources::from_dir(&RESOURCE_DIR).unwrap_or_else(|e| panic!("bad resource file: {e}"))
    })
}

pub struct Resources {
    /// Keyed by ISO 639-1 code, the folder name under `resources/`.
    pub languages: BTreeMap<String, LanguageData>,
    /// Dateline patterns (`place` and `outlet` groups) from `common/datelines.toml`.
    pub datelines: Vec<Regex>,
    /// ISO 639-3 → ISO 639-1, from `common/iso639.toml`.
    pub iso639_1: BTreeMap<String, String>,
}

pub struct LanguageData {
    pub code: String,
    pub boilerplate: Boilerplate,
    pub calendar: Calendar,
    pub metadata: MetadataWords,
    /// Lower-case words that tell this language from its close relatives.
    pub markers: Vec<String>,
}

#[derive(Default)]
pub struct Boilerplate {
    pub lines: Vec<LineRule>,
    pub suffixes: Vec<SuffixRule>,
}

pub struct LineRule {
    pub reason: String,
    pub patterns: Vec<Regex>,
    pub max_words: usize,
    pub then: RestAction,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum RestAction {
    /// Only the matching line is chrome.
    #[default]
    Keep,
    /// The matching line opens a block of chrome that runs to the end of the page.
    DropRest,
    /// The matching line heads a list of links ("Read more" and headlines under it):
    /// the headline-like lines right after it are chrome too, up to the first line of
    /// prose — the article may go on below the list.
    DropList,
}

pub struct SuffixRule {
    pub reason: String,
    pub pattern: Regex,
}

#[derive(Default)]
pub struct Calendar {
    /// Index 0 is January; each entry lists the lower-case spellings.
    pub months: Vec<Vec<String>>,
    /// Index 0 is Monday.
    pub weekdays: Vec<Vec<String>>,
    /// Upper-case abbreviation → offset.
    pub zones: BTreeMap<String, Offset>,
}

#[derive(Default, Deserialize)]
pub struct MetadataWords {
    #[serde(default)]
    pub byline_prefixes: Vec<String>,
    #[serde(default)]
    pub editor_labels: Vec<String>,
    #[serde(default)]
    pub updated_labels: Vec<String>,
    #[serde(default)]
    pub published_labels: Vec<String>,
    #[serde(default)]
    pub author_separators: Vec<String>,
}

impl Resources {
    fn from_dir(dir: &Dir<'_>) -> Result<Self, String> {
        let mut languages = BTreeMap::new();
        let mut datelines = Vec::new();
        let mut iso639_1 = BTreeMap::new();
        for sub in dir.dirs() {
            let name = sub
                .path()
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            if name == COMMON {
                let file: DatelineFile = parse_toml(sub, "datelines.toml")?.unwrap_or_default();
                for p in &file.patterns {
                    datelines.push(Regex::new(p).map_err(|e| format!("common/datelines.toml: {e}"))?);
                }
                let codes: CodesFile = parse_toml(sub, "iso639.toml")?.unwrap_or_default();
                iso639_1 = codes.codes;
            } else {
                languages.insert(name.clone(), LanguageData::from_dir(&name, sub)?);
            }
        }
        Ok(Resources { languages, datelines, iso639_1 })
    }

    /// All languages' data, for rules that apply whatever the article's language.
    pub fn all(&self) -> impl Iterator<Item = &LanguageData> {
        self.languages.values()
    }

    pub fn language(&self, code: &str) -> Option<&LanguageData> {
        self.languages.get(code)
    }

    /// Looks a zone abbreviation up in every language's calendar.
    pub fn zone(&self, abbreviation: &str) -> Option<Offset> {
        let key = abbreviation.to_uppercase();
        self.all().find_map(|l| l.calendar.zones.get(&key).copied())
    }
}

impl LanguageData {
    fn from_dir(code: &str, dir: &Dir<'_>) -> Result<Self, String> {
        let boilerplate: BoilerplateFile = parse_toml(dir, "boilerplate.toml")?.unwrap_or_default();
        let calendar: CalendarFile = parse_toml(dir, "calendar.toml")?.unwrap_or_default();
        let metadata: MetadataWords = parse_toml(dir, "metadata.toml")?.unwrap_or_default();
        let language: LanguageFile = parse_toml(dir, "language.toml")?.unwrap_or_default();
        let where_ = |file: &str| format!("resources/{code}/{file}");
        Ok(LanguageData {
            code: code.to_string(),
            boilerplate: boilerplate.compile(&where_("boilerplate.toml"))?,
            calendar: calendar.compile(&where_("calendar.toml"))?,
            metadata,
            markers: language.markers.iter().map(|m| m.to_lowercase()).collect(),
        })
    }
}

fn parse_toml<T: for<'de> Deserialize<'de>>(dir: &Dir<'_>, file: &str) -> Result<Option<T>, String> {
    let Some(found) = dir.get_file(dir.path().join(file)) else {
        return Ok(None);
    };
    let text = found
        .contents_utf8()
        .ok_or_else(|| format!("{}: not UTF-8", found.path().display()))?;
    toml::from_str(text)
        .map(Some)
        .map_err(|e| format!("{}: {e}", found.path().display()))
}

#[derive(Default, Deserialize)]
struct DatelineFile {
    patterns: Vec<String>,
}

#[derive(Default, Deserialize)]
struct CodesFile {
    codes: BTreeMap<String, String>,
}

#[derive(Default, Deserialize)]
struct LanguageFile {
    #[serde(default)]
    markers: Vec<String>,
}

#[derive(Default, Deserialize)]
struct BoilerplateFile {
    #[serde(default)]
    line: Vec<LineRuleFile>,
    #[serde(default)]
    suffix: Vec<SuffixRuleFile>,
}

#[derive(Deserialize)]
struct LineRuleFile {
    reason: String,
    patterns: Vec<String>,
    #[serde(default = "unlimited")]
    max_words: usize,
    #[serde(default)]
    then: RestAction,
}

fn unlimited() -> usize {
    usize::MAX
}

#[derive(Deserialize)]
struct SuffixRuleFile {
    reason: String,
    pattern: String,
}

fn case_insensitive(pattern: &str, file: &str) -> Result<Regex, String> {
    RegexBuilder::new(pattern)
        .case_insensitive(true)
        .build()
        .map_err(|e| format!("{file}: pattern {pattern:?}: {e}"))
}

impl BoilerplateFile {
    fn compile(self, file: &str) -> Result<Boilerplate, String> {
        let lines = self
            .line
            .into_iter()
            .map(|r| {
                Ok(LineRule {
                    patterns: r
                        .patterns
                        .iter()
                        .map(|p| case_insensitive(p, file))
                        .collect::<Result<_, String>>()?,
                    reason: r.reason,
                    max_words: r.max_words,
                    then: r.then,
                })
            })
            .collect::<Result<_, String>>()?;
        let suffixes = self
            .suffix
            .into_iter()
            .map(|r| {
                Ok(SuffixRule {
                    pattern: case_insensitive(&r.pattern, file)?,
                    reason: r.reason,
                })
            })
            .collect::<Result<_, String>>()?;
        Ok(Boilerplate { lines, suffixes })
    }
}

#[derive(Default, Deserialize)]
struct CalendarFile {
    #[serde(default)]
    months: Vec<Vec<String>>,
    #[serde(default)]
    weekdays: Vec<Vec<String>>,
    #[serde(default)]
    zones: BTreeMap<String, String>,
}

impl CalendarFile {
    fn compile(self, file: &str) -> Result<Calendar, String> {
        if !self.months.is_empty() && self.months.len() != 12 {
            return Err(format!("{file}: months must list 12 months, found {}", self.months.len()));
        }
        if !self.weekdays.is_empty() && self.weekdays.len() != 7 {
            return Err(format!("{file}: weekdays must list 7 days, found {}", self.weekdays.len()));
        }
        let lower = |v: Vec<Vec<String>>| -> Vec<Vec<String>> {
            v.into_iter()
                .map(|names| names.into_iter().map(|n| n.to_lowercase()).collect())
                .collect()
        };
        let mut zones = BTreeMap::new();
        for (name, offset) in self.zones {
            let parsed = parse_offset(&offset)
                .ok_or_else(|| format!("{file}: zone {name}: {offset:?} is not ±HH:MM"))?;
            zones.insert(name.to_uppercase(), parsed);
        }
        Ok(Calendar {
            months: lower(self.months),
            weekdays: lower(self.weekdays),
            zones,
        })
    }
}

/// `+07:00`, `-0430`, `+7` → offset.
pub(crate) fn parse_offset(s: &str) -> Option<Offset> {
    let s = s.trim();
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' | b'\xe2' => (-1, s.trim_start_matches(['-', '−'])),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Offset::from_seconds(sign * (h * 3600 + m * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_resource_file_parses() {
        let r = resources();
        for code in ["id", "en", "ms"] {
            let l = r.language(code).expect(code);
            assert_eq!(l.calendar.months.len(), 12, "{code}");
            assert!(!l.boilerplate.lines.is_empty(), "{code}");
        }
        assert!(!r.datelines.is_empty());
    }

    #[test]
    fn raw_files_are_reachable_by_folder_and_name() {
        assert!(resource_file("id", "calendar.toml").is_some_and(|t| t.contains("januari")));
        assert!(resource_file("id", "no-such-file.toml").is_none());
        let codes: Vec<&str> = language_codes().collect();
        assert!(codes.contains(&"id") && codes.contains(&"en") && !codes.contains(&"common"));
    }

    #[test]
    fn indonesian_zones_map_to_their_offsets() {
        let r = resources();
        assert_eq!(r.zone("WIB"), Some(Offset::from_hours(7).unwrap()));
        assert_eq!(r.zone("wita"), Some(Offset::from_hours(8).unwrap()));
        assert_eq!(r.zone("WIT"), Some(Offset::from_hours(9).unwrap()));
        assert_eq!(r.zone("XYZ"), None);
    }

    #[test]
    fn offsets_parse_in_the_forms_sites_use() {
        assert_eq!(parse_offset("+07:00").unwrap().seconds(), 7 * 3600);
        assert_eq!(parse_offset("-0430").unwrap().seconds(), -(4 * 3600 + 30 * 60));
        assert_eq!(parse_offset("+7").unwrap().seconds(), 7 * 3600);
        assert!(parse_offset("07:00").is_none());
        assert!(parse_offset("+99").is_none());
    }
}
