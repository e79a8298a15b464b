//! The analyze stage: one article at a time, no I/O. Each finding carries the byte span
//! of its evidence in the article's clean text.

pub mod entities;
mod fasthash;
pub mod named_events;
pub mod ner;
pub mod quantity;
pub mod quotes;
pub mod time;
pub mod tokens;

use std::time::Instant;

use warta_model::{Analysis, Article, Entity, EntityKind, Quote, Span};

use crate::entities::{canonical_entities, described_person, NamedSpan};
use crate::fasthash::FastMap;
use crate::quotes::NameMention;
use crate::tokens::Words;

/// Names what produced an analysis, so `warta reanalyze` can tell stale results from
/// current ones: the crate version and fingerprints of the shipped model, the language
/// data files and this crate's source (a fix to a stage changes what it finds while the
/// version number stays).
pub fn analyzer_version() -> String {
    format!(
        "warta-analyze {} ner:{} data:{} code:{}",
        env!("CARGO_PKG_VERSION"),
        ner::model_fingerprint(),
        warta_lang::resources_fingerprint(),
        env!("WARTA_ANALYZE_SOURCE_HASH")
    )
}

/// Language assumed when an article's language is unknown: warta's first language.
const FALLBACK_LANGUAGE: &str = "id";

/// Everything analyze finds in `article`.
pub fn analyze(article: &Article) -> Analysis {
    run(article, &mut ())
}

/// [`analyze`], adding the time each stage took to `times` (for `warta bench analyze`).
pub fn analyze_timed(article: &Article, times: &mut StageTimes) -> Analysis {
    run(article, &mut Laps { times, last: Instant::now() })
}

/// Seconds spent in each stage of the analysis, summed over the articles analysed.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct StageTimes {
    pub ner: f64,
    pub entities: f64,
    /// Tokenising and lower-casing the text once for named events, quotes, times and
    /// quantities.
    pub words: f64,
    pub quotes: f64,
    pub times: f64,
    pub quantities: f64,
}

impl StageTimes {
    pub fn total(&self) -> f64 {
        self.ner + self.entities + self.words + self.quotes + self.times + self.quantities
    }
}

#[derive(Clone, Copy)]
enum Stage {
    Ner,
    Entities,
    Words,
    Quotes,
    Times,
    Quantities,
}

/// Told when each stage ends. `()` ignores it, so plain [`analyze`] reads no clock.
trait Lap {
    fn lap(&mut self, stage: Stage);
}

impl Lap for () {
    #[inline(always)]
    fn lap(&mut self, _: Stage) {}
}

struct Laps<'a> {
    times: &'a mut StageTimes,
    last: Instant,
}

impl Lap for Laps<'_> {
    fn lap(&mut self, stage: Stage) {
        let now = Instant::now();
        let seconds = now.duration_since(self.last).as_secs_f64();
        self.last = now;
        let slot = match stage {
            Stage::Ner => &mut self.times.ner,
            Stage::Entities => &mut self.times.entities,
            Stage::Words => &mut self.times.words,
            Stage::Quotes => &mut self.times.quotes,
            Stage::Times => &mut self.times.times,
            Stage::Quantities => &mut self.times.quantities,
        };
        *slot += seconds;
    }
}

fn run(article: &Article, laps: &mut impl Lap) -> Analysis {
    let text = article.text.as_str();
    let language = article.language.as_deref().unwrap_or(FALLBACK_LANGUAGE);
    let words = Words::new(text);
    laps.lap(Stage::Words);
    let recognised = recognised_names(text, &words, language);
    laps.lap(Stage::Ner);
    let entities = canonical_entities(text, language, &recognised);
    let names = speaking_names(&entities);
    laps.lap(Stage::Entities);
    let quotes = described_speakers(text, language, &entities, quotes::find_quotes_in(text, &words, language, &names));
    laps.lap(Stage::Quotes);
    let times = time::resolve_times_in(text, &words, article.published, language);
    laps.lap(Stage::Times);
    let people: Vec<Span> = entities.iter().filter(|e| e.kind == EntityKind::Person).flat_map(|e| e.mentions.iter().map(|m| Span::new(m.start, m.end))).collect();
    let quantities = quantity::mark_ages(text, &people, quantity::find_quantities_in(text, &words, language, &times));
    laps.lap(Stage::Quantities);
    Analysis { entities, quotes, times, quantities }
}

/// Named events and the recogniser's names. Events first: a recognised name of the
/// same span ("Piala Dunia" as an organisation) then adds nothing.
pub(crate) fn recognised_names(text: &str, words: &Words, language: &str) -> Vec<NamedSpan> {
    named_events::named_events(text, words, language)
        .into_iter()
        .chain(ner::recognise(text, language).into_iter().map(|s| NamedSpan { start: s.start, end: s.end, kind: s.kind }))
        .collect()
}

/// The mentions of entities that may speak, for the quote finder: people,
/// organisations, and places, which may speak for their government ("Arab Saudi
/// mengatakan", "Tehran denied").
pub(crate) fn speaking_names(entities: &[Entity]) -> Vec<NameMention> {
    entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Organization | EntityKind::Place))
        .flat_map(|e| e.mentions.iter().map(|m| NameMention { start: m.start, end: m.end, entity_id: Some(e.id.clone()), person: e.kind == EntityKind::Person }))
        .collect()
}

/// A speaker written as a description of someone the article named before ("the
/// Vermont senator said") is that person, with the description kept as the evidence;
/// so is a later pronoun that the quote finder resolved to the same description.
fn described_speakers(text: &str, language: &str, entities: &[Entity], mut quotes: Vec<Quote>) -> Vec<Quote> {
    let mut described: FastMap<String, Option<(String, String)>> = FastMap::default();
    for q in quotes.iter_mut().filter(|q| q.speaker_id.is_none()) {
        let Some(speaker) = q.speaker.as_deref() else { continue };
        let written_here = q.speaker_span.filter(|s| text.get(s.start..s.end) == Some(speaker));
        let person = match written_here {
            Some(span) => {
                let person = described_person(text, span, language, entities).map(|e| (e.name.clone(), e.id.clone()));
                described.insert(speaker.to_lowercase(), person.clone());
                person
            }
            None => described.get(&speaker.to_lowercase()).cloned().flatten(),
        };
        if let Some((name, id)) = person {
            q.speaker = Some(name);
            q.speaker_id = Some(id);
        }
    }
    quotes
}

#[cfg(test)]
mod version_tests {
    #[test]
    fn the_version_names_model_data_and_code() {
        let version = super::analyzer_version();
        let parts: Vec<&str> = version.split(' ').collect();
        assert_eq!(parts.len(), 5, "{version}");
        for (part, label) in parts[2..].iter().zip(["ner:", "data:", "code:"]) {
            let hash = part.strip_prefix(label).unwrap_or_else(|| panic!("{version}: no {label}"));
            assert!(hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{version}");
        }
        assert_eq!(version, super::analyzer_version());
    }
}

#[cfg(test)]
mod timing_tests {
    use super::*;

    #[test]
    fn timed_analysis_is_the_analysis_and_counts_every_stage() {
        let text = "Presiden Joko Widodo tiba di Jakarta pada Senin (19/6/2024) membawa 3.000 ton beras. \"Kami siap,\" kata Joko.";
        let article = Article { language: Some("id".into()), ..Article::from_text(text.as_bytes(), "test.txt", text.into()) };
        let mut times = StageTimes::default();
        let timed = analyze_timed(&article, &mut times);
        assert_eq!(timed, analyze(&article));
        assert!(!timed.entities.is_empty() && !timed.quotes.is_empty() && !timed.times.is_empty() && !timed.quantities.is_empty(), "{timed:?}");
        assert!(times.ner > 0.0 && times.entities > 0.0 && times.words > 0.0 && times.quotes > 0.0 && times.times > 0.0 && times.quantities > 0.0, "{times:?}");
        let before = times.total();
        analyze_timed(&article, &mut times);
        assert!(times.total() > before, "times add up over articles");
    }
}

#[cfg(test)]
mod speaker_tests {
    use super::*;

    fn quotes_of(text: &str, language: &str) -> Vec<Quote> {
        analyze(&Article { language: Some(language.into()), ..Article::from_text(text.as_bytes(), "test.txt", text.into()) }).quotes
    }

    #[test]
    fn a_description_or_a_country_that_speaks_has_its_entity() {
        let q = quotes_of("Vermont Sen. Bernie Sanders spoke in Iowa on Sunday. “We will win this,” the Vermont senator said. “It is clear,” he added.", "en");
        assert!(q.len() == 2 && q.iter().all(|q| q.speaker_id.as_deref() == Some("person:bernie-sanders")), "{q:#?}");
        assert_eq!(q[0].speaker_span.map(|s| s.end - s.start), Some("the Vermont senator".len()), "the description stays the evidence");
        let q = quotes_of("Arab Saudi mengatakan bahwa anggaran tahun depan akan defisit karena harga minyak turun.", "id");
        assert_eq!(q.first().and_then(|q| q.speaker_id.as_deref()), Some("place:saudi-arabia"), "{q:#?}");
    }
}
