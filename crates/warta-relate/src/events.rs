//! The relate stage, events part: which articles report the same real-world event, and
//! which events belong to one storyline.
//!
//! News arrives as a stream, so clustering is online: [`EventIndex::add`] puts each new
//! article into an existing event or starts a new one, without reclustering what came
//! before. Candidate events come from an inverted index over the article's canonical
//! entity ids and its most salient stemmed words; only the most recent postings of each
//! key are read, so the cost of one article does not grow with the corpus.
//!
//! Two articles report one event when they share words (TF-IDF cosine over stemmed
//! content words, with `resources/common/bilingual.toml` mapping Indonesian and English
//! words of one concept to one term), canonical entities (ids are the same in every
//! language, which is what joins an English report to an Indonesian one), the day they
//! say it happened (from the resolved `analysis.times`, not only the publication date),
//! and the numbers they report. Events of the same kind with the same actors at
//! different times — two summits of the same leaders fourteen months apart — are kept
//! apart by the day: an article only joins an event whose time span is near the
//! article's own event day. Such related events are linked into a [`Storyline`]
//! instead, with the reason for each link.
//!
//! Two passes: the online pass joins an article to an event only on near-certain
//! evidence, and [`EventIndex::consolidate`] then merges events whose members are alike
//! as a whole (average link over words, names, entities and years),
//! best pair first, for the events that changed since its last call, and splits an
//! event whose members turn out to form two groups unlike each other (the larger part
//! keeps the id users saw; merges and splits are recorded). Average link is what keeps
//! two events of one kind apart: a centroid blended from both events attracts more of
//! both, the mean similarity of all member pairs does not.
//!
//! Order: online clustering depends on arrival order. [`cluster_all`] fixes it (by
//! publication time, then article id), so the same set of articles always gives the
//! same events, ids and storylines, whatever order the caller holds them in; all
//! internal sums are done in a fixed order, so scores are reproducible to the bit.

pub mod bench;
mod features;

pub use features::concept;

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use warta_model::{person_keys, Analysis, Article, ArticleId, EntityKind, Moment};

use crate::text::hash_bytes;
use features::{civil_from_days, Features, Vocab, Vocabs};

/// The id of an event: a hash of the id of its first article, so the same input gives the
/// same ids on every run. Events absorbed by a merge keep their id, which
/// [`EventIndex::resolve`] maps to the surviving event.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EventId(pub String);

impl EventId {
    fn of_first_article(article: &ArticleId) -> Self {
        EventId(format!("ev-{:016x}", hash_bytes(article.as_str().as_bytes())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EventId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One real-world event and the articles that report it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub id: EventId,
    /// The title of the member most central to the event (closest to its word centroid).
    pub title: Option<String>,
    /// First and last day (`YYYY-MM-DD`) on which, according to its articles, the event
    /// happened; `None` when no article dates it.
    pub start: Option<String>,
    pub end: Option<String>,
    /// Members in the order they were reported.
    pub articles: Vec<ArticleId>,
    /// Distinct outlets of the members, in the order they first reported.
    pub outlets: Vec<String>,
    /// Key canonical entity ids (people, organisations, places), most weighty first.
    pub entities: Vec<String>,
    /// The place ids among the key entities.
    pub places: Vec<String>,
    pub first_report: Option<Moment>,
    pub latest_report: Option<Moment>,
    /// The storyline this event belongs to, when it is linked to another event.
    pub storyline: Option<String>,
}

/// Why two events belong to one storyline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoryLink {
    /// The earlier event.
    pub from: EventId,
    /// The later event.
    pub to: EventId,
    /// For a reader asking "why?": the shared entities and the word similarity.
    pub reason: String,
    pub score: f64,
}

/// Events linked through shared actors and subject over time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Storyline {
    pub id: String,
    /// In the order they happened.
    pub events: Vec<EventId>,
    pub links: Vec<StoryLink>,
}

/// A merge of two events found to be the same.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Merge {
    pub from: EventId,
    pub into: EventId,
    /// The article that bridged them, when one article matched both; `None` when the
    /// consolidation pass found the two events' members alike as a whole.
    pub article: Option<ArticleId>,
    /// The bridging article's score against the absorbed event, or the two events'
    /// average-link score.
    pub score: f64,
}

/// A part of an event that its members showed to be another event.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Split {
    /// The event split, which keeps its id and its other articles.
    pub from: EventId,
    /// The new event.
    pub into: EventId,
    /// The articles that moved.
    pub articles: Vec<ArticleId>,
    /// Average-link score between the two parts when they were split.
    pub score: f64,
}

/// A snapshot of all events, storylines, merges and splits.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Clustering {
    /// In the order the events were first reported.
    pub events: Vec<Event>,
    pub storylines: Vec<Storyline>,
    pub history: Vec<Merge>,
    pub splits: Vec<Split>,
}

impl Clustering {
    /// The event an article belongs to.
    pub fn event_of(&self, article: &ArticleId) -> Option<&Event> {
        self.events.iter().find(|e| e.articles.contains(article))
    }
}

/// Problems reading a benchmark folder.
#[derive(Debug, thiserror::Error)]
pub enum EventsError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("no documents found in {0}: expected topic folders holding N_Mecb.xml / N_Mecbplus.xml files")]
    Empty(String),
}

/// Weights and thresholds of the clustering. The defaults were tuned on the ECB+ train
/// topics and checked on its dev topics, the seed corpus and the example corpus (see
/// `BENCHMARKS.md`).
#[derive(Clone, Debug, PartialEq)]
pub struct EventConfig {
    /// Score at or above which an article joins an event.
    pub join: f64,
    /// Score at or above which an article that joins one event also merges a second
    /// event it matches into the first.
    pub merge: f64,
    /// Average-link score at or above which [`EventIndex::consolidate`] merges two
    /// events.
    pub consolidate: f64,
    /// How [`EventIndex::consolidate`] weighs the evidence.
    pub consolidation: LinkWeights,
    /// Two members whose days lie further apart than this report different events (for
    /// a guessed day, only when they also name no common year), and consolidation
    /// merges no events most of whose dated member pairs are that far apart. Looser
    /// than `max_span_days`: the day of an undated article is a guess from the dates it
    /// mentions, and average link over many members is firmer evidence than one
    /// article's match.
    pub consolidate_span_days: i32,
    /// Score at or above which two events are linked into a storyline.
    pub story: f64,
    /// An article joins only events whose time span, widened by this many days on each
    /// side, contains the article's event day.
    pub window_days: i32,
    /// No event grows longer than this: recurring events (weekly protests, two summits)
    /// must not chain into one.
    pub max_span_days: i32,
    pub weight_terms: f64,
    pub weight_entities: f64,
    pub weight_days: f64,
    pub weight_numbers: f64,
    /// Word similarity between two languages is multiplied by this: the bilingual term
    /// list covers a few dozen concepts, so cross-lingual word overlap is always low.
    pub cross_lingual_boost: f64,
}

impl Default for EventConfig {
    fn default() -> Self {
        EventConfig {
            join: 0.7,
            merge: 0.85,
            consolidate: 0.42,
            consolidation: LinkWeights { terms: 1.0, entities: 0.17, names: 0.85, years: 0.14 },
            consolidate_span_days: 120,
            story: 0.25,
            window_days: 4,
            max_span_days: 14,
            weight_terms: 0.6,
            weight_entities: 0.5,
            weight_days: 0.1,
            weight_numbers: 0.15,
            cross_lingual_boost: 2.5,
        }
    }
}

/// Weights of the evidence that two events are one, for [`EventIndex::consolidate`]:
/// each kind's mean over all pairs of members, two events' members being compared.
/// The defaults are a logistic regression's weights over document pairs of the ECB+
/// train topics ([`bench::fit_link_weights`]), scaled to `terms` = 1, with `entities`
/// held at 0.17 because English-only data cannot weigh what joins two languages (days
/// and numbers got weights near zero there and are left to the online pass and the
/// time window).
#[derive(Clone, Debug, PartialEq)]
pub struct LinkWeights {
    /// TF-IDF cosine of stemmed content words.
    pub terms: f64,
    /// Cosine of canonical entities (what joins articles across languages).
    pub entities: f64,
    /// Cosine of capitalised words inside sentences, whatever the recogniser made of
    /// them.
    pub names: f64,
    /// +1 for members naming a common year, −1 for members naming only different ones.
    pub years: f64,
}

/// Most postings read per key: the newest ones, which are the events still in the
/// window for an article arriving in publication order.
const SCAN_PER_KEY: usize = 64;
/// Most candidate events scored per article.
const MAX_CANDIDATES: usize = 32;
/// Most candidate events scored per changed event in [`EventIndex::consolidate`].
const CONSOLIDATE_CANDIDATES: usize = 64;
/// Salient words per article used as index keys.
const KEY_TERMS: usize = 12;
/// Entities per article used as index keys.
const KEY_ENTITIES: usize = 24;
/// An event's word and entity centroids keep at most this many dimensions, so comparing
/// against a large event costs no more than against a small one.
const CENTROID_CAP: usize = 400;
/// Index keys recorded per event; later articles add no more keys once it is full.
const EVENT_KEYS_CAP: usize = 512;
/// Dimensions kept of each member's unit word and entity counts: enough to find the
/// most central member for the event title and to rebuild a centroid after a split.
const MEMBER_TERMS: usize = 32;
const MEMBER_ENTITIES: usize = 32;
/// Dimensions kept of each member's weighted vectors: all of a news article's, so the
/// average-link sums rebuilt after a split are the sums they were.
const MEMBER_LINK_TERMS: usize = CENTROID_CAP;
const MEMBER_LINK_NAMES: usize = 128;
/// Members an event needs before [`EventIndex::consolidate`] considers splitting it,
/// and most it compares (the pairs grow with the square; larger events are left whole).
const SPLIT_MIN_MEMBERS: usize = 4;
const SPLIT_MAX_MEMBERS: usize = 64;
/// The score of two members too far apart in time to report one event.
const APART_IN_TIME: f64 = -1.0;
/// Days and numbers kept per member.
const MEMBER_FACTS: usize = 16;
/// Numbers and days remembered per event.
const EVENT_FACTS_CAP: usize = 128;
/// Entities listed on an event.
const EVENT_ENTITIES_SHOWN: usize = 12;
/// Entities named in a storyline link's reason.
const REASON_ENTITIES: usize = 5;
/// Marks entity keys apart from word keys in the index.
const ENTITY_KEY: u64 = 1 << 63;

#[derive(Clone, Debug)]
struct Member {
    id: ArticleId,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<Moment>,
    /// What the member added to its event, so that a split can rebuild both parts.
    evidence: Evidence,
}

/// One article's contribution to its event (vectors capped at their heaviest
/// dimensions, so a member costs the same whatever its length).
#[derive(Clone, Debug)]
struct Evidence {
    /// Unit term-count and entity-count vectors (summed into the event's centroids).
    unit_terms: Vec<(u32, f32)>,
    unit_entities: Vec<(u32, f32)>,
    /// IDF-weighted unit vectors of terms, entities and names (summed into the
    /// average-link sums).
    term_w: Vec<(u32, f32)>,
    entity_w: Vec<(u32, f32)>,
    name_w: Vec<(u32, f32)>,
    years: Vec<i32>,
    days: Vec<i32>,
    day: Option<i32>,
    day_published: bool,
    numbers: Vec<u64>,
    language: Option<String>,
    keys: Vec<u64>,
}

/// When a member says its event happened.
#[derive(Clone, Debug)]
struct MemberTime {
    day: i32,
    /// Whether `day` is anchored on the publication date (else guessed from the text).
    published: bool,
    /// The years the member's times name.
    years: Vec<i32>,
}

impl MemberTime {
    fn apart(&self, other: &MemberTime, span: i32) -> bool {
        days_apart((self.day, self.published, &self.years), (other.day, other.published, &other.years), span)
    }
}

/// Whether two members, each given by its event day, whether that day is anchored on
/// the publication date, and the years its times name, report different events by
/// their days: further apart than `span`, and, when either day is guessed, naming no
/// common year. The day of an undated article is the day it mentions most, often a
/// background date ("the break-in of June 17, 1972" in a 2005 obituary); a year the two
/// share says the guess may be the wrong one.
fn days_apart(a: (i32, bool, &[i32]), b: (i32, bool, &[i32]), span: i32) -> bool {
    (a.0 - b.0).abs() > span && ((a.1 && b.1) || sorted_overlap(a.2, b.2) == 0)
}

/// The best link of an event to an older one, kept as the stream goes.
#[derive(Clone, Debug)]
struct StoryCandidate {
    older: u32,
    score: f64,
    reason: String,
}

#[derive(Clone, Debug)]
struct EventState {
    id: EventId,
    members: Vec<Member>,
    /// Sum of the members' unit-length term-count vectors; IDF is applied when
    /// comparing, because it changes as the corpus grows.
    terms: Vec<(u32, f32)>,
    entities: Vec<(u32, f32)>,
    /// Sums of the members' IDF-weighted unit vectors (with the IDF of when each joined):
    /// their dot product with an article, divided by the member count, is the article's
    /// mean similarity to the members (average link).
    term_links: Vec<(u32, f32)>,
    entity_links: Vec<(u32, f32)>,
    name_links: Vec<(u32, f32)>,
    /// The year sets of the members that name a year (at most `EVENT_FACTS_CAP`).
    member_years: Vec<Vec<i32>>,
    /// The time evidence of the members that have a day (at most `EVENT_FACTS_CAP`).
    member_days: Vec<MemberTime>,
    numbers: Vec<u64>,
    days: Vec<i32>,
    start: Option<i32>,
    end: Option<i32>,
    languages: Vec<String>,
    keys: Vec<u64>,
    story: Option<StoryCandidate>,
}

#[derive(Clone, Copy, Debug)]
struct Posting {
    event: u32,
}

/// What an article's comparison with one event found.
#[derive(Clone, Copy, Debug, Default)]
struct Match {
    terms: f64,
    entities: f64,
    score: f64,
}

/// A candidate merge of events `a` < `b` in [`EventIndex::consolidate`]'s queue: the
/// best score first (a non-negative `f64`'s bits order like the number), ties by event
/// numbers, so the merge order is reproducible. `versions` tells a pair scored
/// before one of its events grew from a fresh one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct PairScore {
    score: u64,
    a: usize,
    b: usize,
    versions: (u32, u32),
}

/// Online event clustering: add articles one at a time, take a [`Clustering`] snapshot
/// whenever needed.
#[derive(Debug, Default)]
pub struct EventIndex {
    config: EventConfig,
    vocab: Vocabs,
    docs: u32,
    events: Vec<EventState>,
    /// Union-find parents: an event merged away points (eventually) to its survivor.
    parent: Vec<u32>,
    by_id: HashMap<EventId, u32>,
    by_article: HashMap<ArticleId, u32>,
    postings: HashMap<u64, Vec<Posting>>,
    history: Vec<Merge>,
    splits: Vec<Split>,
    /// Events that gained members since the last [`EventIndex::consolidate`].
    touched: Vec<u32>,
    /// Whether document frequencies were counted over a whole batch up front.
    primed: bool,
}

impl EventIndex {
    pub fn new() -> Self {
        Self::with_config(EventConfig::default())
    }

    pub fn with_config(config: EventConfig) -> Self {
        EventIndex { config, ..Default::default() }
    }

    /// Counts document frequencies over a whole batch before any article is added, so
    /// the first articles are weighed with the same IDF as the last. Only for batches
    /// ([`cluster_all`]): a stream cannot know its future. Does nothing once articles
    /// were added.
    pub fn prime<'a>(&mut self, batch: impl IntoIterator<Item = (&'a Article, &'a Analysis)>) {
        if !self.by_article.is_empty() {
            return;
        }
        for (article, analysis) in batch {
            features::extract(article, analysis, &mut self.vocab, true);
            self.docs += 1;
        }
        self.primed = true;
    }

    /// Number of articles added.
    pub fn len(&self) -> usize {
        self.by_article.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_article.is_empty()
    }

    /// The current id of the event that `id` names: itself, or the event it was merged
    /// into (through any number of merges). `None` for an unknown id.
    pub fn resolve(&self, id: &EventId) -> Option<EventId> {
        let idx = *self.by_id.get(id)?;
        Some(self.events.get(self.find(idx) as usize)?.id.clone())
    }

    /// The event `article` is in now, if it was added.
    pub fn event_of(&self, article: &ArticleId) -> Option<EventId> {
        let idx = *self.by_article.get(article)?;
        Some(self.events.get(self.find(idx) as usize)?.id.clone())
    }

    fn find(&self, mut idx: u32) -> u32 {
        while let Some(&p) = self.parent.get(idx as usize) {
            if p == idx {
                break;
            }
            idx = p;
        }
        idx
    }

    /// Adds one article with its analysis and returns the event it is now in. Adding an
    /// article id a second time changes nothing and returns its current event.
    pub fn add(&mut self, article: &Article, analysis: &Analysis) -> EventId {
        if let Some(id) = self.event_of(&article.id) {
            return id;
        }
        let f = features::extract(article, analysis, &mut self.vocab, !self.primed);
        if !self.primed {
            self.docs += 1;
        }
        let term_w = weighted(&f.terms, &self.vocab.terms, self.docs, false);
        let entity_w = weighted(&f.entities, &self.vocab.entities, self.docs, true);
        let name_w = weighted(&f.names, &self.vocab.names, self.docs, false);
        let keys = index_keys(&term_w, &entity_w);

        let mut scored: Vec<(u32, Match, bool)> = self
            .candidates(&keys, &f)
            .into_iter()
            .map(|(idx, in_time)| (idx, self.compare(&f, &term_w, &entity_w, idx), in_time))
            .collect();
        scored.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then(a.0.cmp(&b.0)));

        let joinable: Vec<(u32, f64)> = scored
            .iter()
            .filter(|(_, m, in_time)| *in_time && m.score >= self.config.join)
            .map(|&(idx, m, _)| (idx, m.score))
            .collect();
        let target = match joinable.first() {
            Some(&(best, _)) => {
                for &(other, score) in &joinable[1..] {
                    let (a, b) = (self.find(best), self.find(other));
                    if score >= self.config.merge && a != b && self.spans_compatible(a, b, self.config.max_span_days) {
                        self.merge(b, a, Some(&article.id), score);
                    }
                }
                self.find(best)
            }
            None => self.new_event(EventId::of_first_article(&article.id)),
        };
        let (unit_terms, unit_entities) = (normalized(&f.terms), normalized(&f.entities));
        let member = Member {
            id: article.id.clone(),
            outlet: article.outlet.clone(),
            title: article.title.clone(),
            published: article.published,
            evidence: Evidence {
                unit_terms: top(&unit_terms, MEMBER_TERMS),
                unit_entities: top(&unit_entities, MEMBER_ENTITIES),
                term_w: top(&term_w, MEMBER_LINK_TERMS),
                entity_w: top(&entity_w, MEMBER_LINK_NAMES),
                name_w: top(&name_w, MEMBER_LINK_NAMES),
                years: f.years.clone(),
                days: f.days.iter().copied().take(MEMBER_FACTS).collect(),
                day: f.day,
                day_published: f.day_published,
                numbers: f.numbers.iter().copied().take(MEMBER_FACTS).collect(),
                language: f.language.clone(),
                keys,
            },
        };
        self.absorb(target, member, [&unit_terms, &unit_entities]);
        self.touched.push(target);
        self.by_article.insert(article.id.clone(), target);

        for (idx, m, _) in &scored {
            let other = self.find(*idx);
            if other != target {
                self.offer_story_link(target, other, m, &f);
            }
        }
        self.events[target as usize].id.clone()
    }

    /// Candidate events for an article with `keys`: those sharing most keys first, events
    /// whose time span fits the article's day before those that do not.
    fn candidates(&self, keys: &[u64], f: &Features) -> Vec<(u32, bool)> {
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for key in keys {
            let Some(list) = self.postings.get(key) else { continue };
            for p in list.iter().rev().take(SCAN_PER_KEY) {
                *shared.entry(self.find(p.event)).or_insert(0) += 1;
            }
        }
        let mut found: Vec<(u32, u32, bool)> = shared
            .into_iter()
            .map(|(idx, n)| (idx, n, self.day_fits(idx, f.day)))
            .collect();
        found.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.cmp(&a.1)).then(b.0.cmp(&a.0)));
        found.truncate(MAX_CANDIDATES);
        found.into_iter().map(|(idx, _, fits)| (idx, fits)).collect()
    }

    /// Whether an article whose event happened on `day` can join event `idx`.
    fn day_fits(&self, idx: u32, day: Option<i32>) -> bool {
        let e = &self.events[idx as usize];
        match (day, e.start, e.end) {
            (Some(d), Some(start), Some(end)) => {
                let w = self.config.window_days;
                d >= start - w && d <= end + w && end.max(d) - start.min(d) <= self.config.max_span_days
            }
            _ => true,
        }
    }

    /// Whether events `a` and `b` together span at most `limit` days.
    fn spans_compatible(&self, a: u32, b: u32, limit: i32) -> bool {
        let (ea, eb) = (&self.events[a as usize], &self.events[b as usize]);
        match (ea.start, ea.end, eb.start, eb.end) {
            (Some(s1), Some(e1), Some(s2), Some(e2)) => e1.max(e2) - s1.min(s2) <= limit,
            _ => true,
        }
    }

    fn compare(&self, f: &Features, term_w: &[(u32, f32)], entity_w: &[(u32, f32)], idx: u32) -> Match {
        let e = &self.events[idx as usize];
        let c = &self.config;
        let mut terms = cosine(term_w, &weighted(&e.terms, &self.vocab.terms, self.docs, false));
        if let Some(lang) = &f.language {
            if !e.languages.is_empty() && !e.languages.contains(lang) {
                terms = (terms * c.cross_lingual_boost).min(1.0);
            }
        }
        let entities = cosine(entity_w, &weighted(&e.entities, &self.vocab.entities, self.docs, true));
        let days = match (f.day, e.start, e.end) {
            (Some(d), Some(s), Some(end)) if d >= s && d <= end => 1.0,
            _ if sorted_overlap(&f.days, &e.days) > 0 => 0.5,
            _ => 0.0,
        };
        let numbers = (sorted_overlap(&f.numbers, &e.numbers).min(3) as f64) / 3.0;
        let score = c.weight_terms * terms + c.weight_entities * entities + c.weight_days * days + c.weight_numbers * numbers;
        Match { terms, entities, score }
    }

    fn new_event(&mut self, id: EventId) -> u32 {
        let idx = self.events.len() as u32;
        self.by_id.insert(id.clone(), idx);
        self.parent.push(idx);
        self.events.push(EventState {
            id,
            members: Vec::new(),
            terms: Vec::new(),
            entities: Vec::new(),
            term_links: Vec::new(),
            entity_links: Vec::new(),
            name_links: Vec::new(),
            member_years: Vec::new(),
            member_days: Vec::new(),
            numbers: Vec::new(),
            days: Vec::new(),
            start: None,
            end: None,
            languages: Vec::new(),
            keys: Vec::new(),
            story: None,
        });
        idx
    }

    /// Makes `member` a member of event `idx` and indexes the event under the member's
    /// keys. `unit` holds its unit term and entity counts, whole when it is a new
    /// article (the member keeps only their heaviest dimensions).
    fn absorb(&mut self, idx: u32, member: Member, unit: [&[(u32, f32)]; 2]) {
        let e = &mut self.events[idx as usize];
        let m = &member.evidence;
        e.term_links = add_capped(&e.term_links, &m.term_w);
        e.entity_links = add_capped(&e.entity_links, &m.entity_w);
        e.name_links = add_capped(&e.name_links, &m.name_w);
        if !m.years.is_empty() && e.member_years.len() < EVENT_FACTS_CAP {
            e.member_years.push(m.years.clone());
        }
        e.terms = add_capped(&e.terms, unit[0]);
        e.entities = add_capped(&e.entities, unit[1]);
        e.numbers = union_capped(&e.numbers, &m.numbers);
        e.days = union_capped(&e.days, &m.days);
        if let Some(d) = m.day {
            if e.member_days.len() < EVENT_FACTS_CAP {
                e.member_days.push(MemberTime { day: d, published: m.day_published, years: m.years.clone() });
            }
            e.start = Some(e.start.map_or(d, |s| s.min(d)));
            e.end = Some(e.end.map_or(d, |s| s.max(d)));
        }
        if let Some(lang) = &m.language {
            if !e.languages.contains(lang) {
                e.languages.push(lang.clone());
            }
        }
        for &key in &m.keys {
            if e.keys.len() >= EVENT_KEYS_CAP {
                break;
            }
            if let Err(pos) = e.keys.binary_search(&key) {
                e.keys.insert(pos, key);
                self.postings.entry(key).or_default().push(Posting { event: idx });
            }
        }
        e.members.push(member);
    }

    /// Merges event `from` into `into`.
    fn merge(&mut self, from: u32, into: u32, article: Option<&ArticleId>, score: f64) {
        let absorbed = std::mem::take(&mut self.events[from as usize].members);
        let src = self.events[from as usize].clone();
        let dst = &mut self.events[into as usize];
        dst.members.extend(absorbed);
        dst.terms = add_capped(&dst.terms, &src.terms);
        dst.entities = add_capped(&dst.entities, &src.entities);
        dst.term_links = add_capped(&dst.term_links, &src.term_links);
        dst.entity_links = add_capped(&dst.entity_links, &src.entity_links);
        dst.name_links = add_capped(&dst.name_links, &src.name_links);
        dst.member_years.extend(src.member_years.iter().take(EVENT_FACTS_CAP.saturating_sub(dst.member_years.len())).cloned());
        dst.member_days.extend(src.member_days.iter().take(EVENT_FACTS_CAP.saturating_sub(dst.member_days.len())).cloned());
        dst.numbers = union_capped(&dst.numbers, &src.numbers);
        dst.days = union_capped(&dst.days, &src.days);
        dst.start = min_opt(dst.start, src.start);
        dst.end = match (dst.end, src.end) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        for lang in src.languages {
            if !dst.languages.contains(&lang) {
                dst.languages.push(lang);
            }
        }
        dst.keys = union_capped(&dst.keys, &src.keys);
        if let Some(s) = src.story {
            if dst.story.as_ref().is_none_or(|d| s.score > d.score) {
                dst.story = Some(s);
            }
        }
        self.parent[from as usize] = into;
        let history = Merge {
            from: src.id,
            into: self.events[into as usize].id.clone(),
            article: article.cloned(),
            score,
        };
        self.history.push(history);
    }

    /// Records `a`–`b` as a storyline link on the newer of the two when it is strong
    /// enough and better than the link the newer event has.
    fn offer_story_link(&mut self, a: u32, b: u32, m: &Match, f: &Features) {
        let (older, newer) = if a < b { (a, b) } else { (b, a) };
        let shared: Vec<&str> = {
            let other = &self.events[if a == newer { older } else { newer } as usize];
            let mut shared: Vec<(u32, f32)> = f
                .entities
                .iter()
                .filter(|(id, _)| other.entities.binary_search_by_key(id, |&(i, _)| i).is_ok())
                .copied()
                .collect();
            shared.sort_by(|x, y| {
                let wx = self.vocab.entities.idf(x.0, self.docs);
                let wy = self.vocab.entities.idf(y.0, self.docs);
                wy.total_cmp(&wx).then(x.0.cmp(&y.0))
            });
            shared.iter().map(|&(id, _)| self.vocab.entities.name(id)).collect()
        };
        let actors = shared
            .iter()
            .filter(|name| !name.starts_with("place:"))
            .count();
        let score = 0.5 * m.terms + 0.5 * m.entities;
        if actors == 0 || score < self.config.story {
            return;
        }
        let e = &self.events[newer as usize];
        if e.story.as_ref().is_some_and(|s| s.score >= score) {
            return;
        }
        let reason = format!(
            "shared entities: {}; word similarity {:.2}, entity similarity {:.2}",
            shared.iter().take(REASON_ENTITIES).copied().collect::<Vec<_>>().join(", "),
            m.terms,
            m.entities
        );
        self.events[newer as usize].story = Some(StoryCandidate { older, score, reason });
    }

    /// Merges events that turn out to be one, best pair first, until no pair of events
    /// has an average-link score of [`EventConfig::consolidate`] or more. Only events
    /// that gained members since the last call are compared, each with the candidate
    /// events its index keys lead to, so a call costs in proportion to what changed.
    ///
    /// Why: an article can only join the events that exist when it arrives, so a story
    /// whose first reports share few words starts as several events; once both have
    /// grown, the similarity of all their members to each other (average link, which a
    /// blend of two different events cannot fake the way a centroid can) shows they
    /// are one. [`cluster_all`] calls it at the end; a stream calls it as often as
    /// fresh events are wanted.
    pub fn consolidate(&mut self) {
        let mut touched: Vec<u32> = std::mem::take(&mut self.touched).into_iter().map(|i| self.find(i)).collect();
        touched.sort_unstable();
        touched.dedup();
        // Merges so far per event (absent: none), to tell stale queue entries.
        let mut version: HashMap<u32, u32> = HashMap::new();
        let mut queue = std::collections::BinaryHeap::new();
        for &a in &touched {
            self.queue_pairs(a, &version, &mut queue);
        }
        while let Some(PairScore { score, a, b, versions }) = queue.pop() {
            let (a, b) = (a as u32, b as u32);
            let now = |e: u32| version.get(&e).copied().unwrap_or(0);
            if self.find(a) != a || self.find(b) != b || versions != (now(a), now(b)) {
                continue;
            }
            let (into, from) = if self.events[a as usize].members.len() >= self.events[b as usize].members.len() { (a, b) } else { (b, a) };
            self.merge(from, into, None, f64::from_bits(score));
            *version.entry(into).or_insert(0) += 1;
            *version.entry(from).or_insert(0) += 1;
            self.queue_pairs(into, &version, &mut queue);
        }
        let mut changed: Vec<u32> = touched.iter().map(|&i| self.find(i)).collect();
        changed.sort_unstable();
        changed.dedup();
        for idx in changed {
            self.split(idx);
        }
    }

    /// Splits event `idx` when its members form two or more groups of at least two
    /// members each that are unlike each other: average-link agglomeration of the
    /// members with the same evidence and threshold as [`EventIndex::consolidate`], so
    /// the parts would not merge again. The largest group keeps the event and its id,
    /// and so do members that fit no group; each other group becomes a new event.
    fn split(&mut self, idx: u32) {
        let n = self.events[idx as usize].members.len();
        if !(SPLIT_MIN_MEMBERS..=SPLIT_MAX_MEMBERS).contains(&n) {
            return;
        }
        let groups = {
            let members = &self.events[idx as usize].members;
            let mut link = vec![vec![0.0; n]; n];
            for i in 0..n {
                for j in i + 1..n {
                    let score = self.member_link(&members[i].evidence, &members[j].evidence);
                    link[i][j] = score;
                    link[j][i] = score;
                }
            }
            average_link_groups(link, self.config.consolidate)
        };
        let mut parts: Vec<Vec<usize>> = groups.into_iter().filter(|g| g.len() >= 2).collect();
        if parts.len() < 2 {
            return;
        }
        // The largest part stays (ties: the one holding the earliest member).
        parts.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        let leaving: Vec<Vec<usize>> = parts.split_off(1);
        let mut members: Vec<Option<Member>> = std::mem::take(&mut self.events[idx as usize].members).into_iter().map(Some).collect();
        let parent_id = self.events[idx as usize].id.clone();
        let mut new_parts: Vec<(u32, Vec<Member>)> = Vec::new();
        for part in &leaving {
            let moved: Vec<Member> = part.iter().filter_map(|&i| members[i].take()).collect();
            // Named after the event it left and its first article, so the same input gives
            // the same id, distinct from the id that article's own first event had.
            let first = moved.iter().map(|m| m.id.as_str()).min().unwrap_or_default();
            let id = EventId(format!("ev-{:016x}", hash_bytes(format!("{parent_id}/{first}").as_bytes())));
            let new_idx = self.new_event(id);
            new_parts.push((new_idx, moved));
        }
        let staying: Vec<Member> = members.into_iter().flatten().collect();
        self.reset(idx);
        for m in staying {
            self.readmit(idx, m);
        }
        for (new_idx, moved) in new_parts {
            let score = {
                let kept = &self.events[idx as usize].members;
                let pairs = (kept.len() * moved.len()).max(1) as f64;
                kept.iter().flat_map(|a| moved.iter().map(move |b| (a, b))).map(|(a, b)| self.member_link(&a.evidence, &b.evidence)).sum::<f64>() / pairs
            };
            let articles: Vec<ArticleId> = moved.iter().map(|m| m.id.clone()).collect();
            for m in moved {
                self.by_article.insert(m.id.clone(), new_idx);
                self.readmit(new_idx, m);
            }
            self.splits.push(Split { from: parent_id.clone(), into: self.events[new_idx as usize].id.clone(), articles, score });
        }
    }

    /// Empties event `idx`'s sums before its members are admitted again (its index keys
    /// stay: they still lead to the event).
    fn reset(&mut self, idx: u32) {
        let e = &mut self.events[idx as usize];
        e.terms.clear();
        e.entities.clear();
        e.term_links.clear();
        e.entity_links.clear();
        e.name_links.clear();
        e.member_years.clear();
        e.member_days.clear();
        e.numbers.clear();
        e.days.clear();
        e.start = None;
        e.end = None;
        e.languages.clear();
    }

    /// Admits a member again after a split, from what it kept of its article.
    fn readmit(&mut self, idx: u32, member: Member) {
        let (unit_terms, unit_entities) = (member.evidence.unit_terms.clone(), member.evidence.unit_entities.clone());
        self.absorb(idx, member, [&unit_terms, &unit_entities]);
    }

    /// The score of two members, the per-pair term of [`EventIndex::average_link`];
    /// members apart in time ([`days_apart`]) score [`APART_IN_TIME`], which no
    /// agreement in words makes up for.
    fn member_link(&self, a: &Evidence, b: &Evidence) -> f64 {
        if let (Some(x), Some(y)) = (a.day, b.day) {
            if days_apart((x, a.day_published, &a.years), (y, b.day_published, &b.years), self.config.consolidate_span_days) {
                return APART_IN_TIME;
            }
        }
        let w = &self.config.consolidation;
        let mut terms = dot(&a.term_w, &b.term_w).clamp(0.0, 1.0);
        if matches!((&a.language, &b.language), (Some(x), Some(y)) if x != y) {
            terms = (terms * self.config.cross_lingual_boost).min(1.0);
        }
        let entities = dot(&a.entity_w, &b.entity_w).clamp(0.0, 1.0);
        let names = dot(&a.name_w, &b.name_w).clamp(0.0, 1.0);
        let years = year_agreement(&a.years, &b.years);
        w.terms * terms + w.entities * entities + w.names * names + w.years * years
    }

    /// Pushes event `a`'s pairs with its candidate events that score at least
    /// [`EventConfig::consolidate`].
    fn queue_pairs(&self, a: u32, version: &HashMap<u32, u32>, queue: &mut std::collections::BinaryHeap<PairScore>) {
        // The events sharing most index keys with `a`, as for an arriving article: the
        // cost of a call stays bounded however many events share a common key.
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for key in &self.events[a as usize].keys {
            let Some(list) = self.postings.get(key) else { continue };
            for p in list.iter().rev().take(SCAN_PER_KEY) {
                *shared.entry(self.find(p.event)).or_insert(0) += 1;
            }
        }
        let mut others: Vec<(u32, u32)> = shared.into_iter().filter(|&(b, _)| b != a).collect();
        others.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        others.truncate(CONSOLIDATE_CANDIDATES);
        for (b, _) in others {
            if b == a || self.apart_in_time(a, b) {
                continue;
            }
            let score = self.average_link(a, b);
            if score >= self.config.consolidate {
                let (x, y) = (a.min(b), a.max(b));
                queue.push(PairScore { score: score.to_bits(), a: x as usize, b: y as usize, versions: (version.get(&x).copied().unwrap_or(0), version.get(&y).copied().unwrap_or(0)) });
            }
        }
    }

    /// Whether most pairs of dated members of events `a` and `b` are [`days_apart`].
    /// A majority rather than the events' whole spans: the day of an undated article is
    /// a guess from the dates it mentions, and one wrong guess must not keep two halves
    /// of an event apart, while two summits months apart differ in almost every pair.
    fn apart_in_time(&self, a: u32, b: u32) -> bool {
        let (da, db) = (&self.events[a as usize].member_days, &self.events[b as usize].member_days);
        let span = self.config.consolidate_span_days;
        let apart = da.iter().flat_map(|x| db.iter().map(move |y| (x, y))).filter(|(x, y)| x.apart(y, span)).count();
        2 * apart > da.len() * db.len()
    }

    /// The score of two events from their members' mean similarity to each other.
    fn average_link(&self, a: u32, b: u32) -> f64 {
        let (ea, eb) = (&self.events[a as usize], &self.events[b as usize]);
        let c = &self.config;
        let pairs = (ea.members.len() * eb.members.len()).max(1) as f64;
        let mut terms = (dot(&ea.term_links, &eb.term_links) / pairs).clamp(0.0, 1.0);
        if !ea.languages.iter().any(|l| eb.languages.contains(l)) && !ea.languages.is_empty() && !eb.languages.is_empty() {
            terms = (terms * c.cross_lingual_boost).min(1.0);
        }
        let entities = (dot(&ea.entity_links, &eb.entity_links) / pairs).clamp(0.0, 1.0);
        let names = (dot(&ea.name_links, &eb.name_links) / pairs).clamp(0.0, 1.0);
        // +1 for each pair of members that name a common year, −1 for each that name
        // only different years, averaged over all member pairs.
        let years = ea.member_years.iter().flat_map(|ya| eb.member_years.iter().map(move |yb| year_agreement(ya, yb))).sum::<f64>() / pairs;
        let w = &c.consolidation;
        w.terms * terms + w.entities * entities + w.names * names + w.years * years
    }

    /// All events, storylines and merges as they stand.
    pub fn clustering(&self) -> Clustering {
        let live: Vec<u32> = (0..self.events.len() as u32).filter(|&i| self.find(i) == i).collect();
        let mut events: Vec<Event> = live.iter().map(|&i| self.event(i)).collect();

        // Storylines: components of the story links, each event linked to its best older
        // event.
        let mut root: HashMap<u32, u32> = live.iter().map(|&i| (i, i)).collect();
        fn top_of(root: &HashMap<u32, u32>, mut i: u32) -> u32 {
            while let Some(&p) = root.get(&i) {
                if p == i {
                    break;
                }
                i = p;
            }
            i
        }
        let mut links: Vec<(u32, u32, f64, String)> = Vec::new();
        for &i in &live {
            let Some(s) = &self.events[i as usize].story else { continue };
            let older = self.find(s.older);
            if older == i {
                continue;
            }
            let (ra, rb) = (top_of(&root, older), top_of(&root, i));
            if ra != rb {
                root.insert(ra.max(rb), ra.min(rb));
            }
            links.push((older, i, s.score, s.reason.clone()));
        }
        let mut groups: HashMap<u32, Vec<u32>> = HashMap::new();
        for &i in &live {
            groups.entry(top_of(&root, i)).or_default().push(i);
        }
        let mut roots: Vec<u32> = groups.keys().copied().filter(|r| groups[r].len() > 1).collect();
        roots.sort_unstable();
        let position: HashMap<u32, usize> = live.iter().enumerate().map(|(p, &i)| (i, p)).collect();
        let mut storylines = Vec::new();
        for r in roots {
            let mut members = groups[&r].clone();
            members.sort_by_key(|&i| {
                let e = &self.events[i as usize];
                (e.start.is_none(), e.start, i)
            });
            let first = &self.events[members[0] as usize].id;
            let id = format!("st-{:016x}", hash_bytes(first.as_str().as_bytes()));
            for &m in &members {
                if let Some(&p) = position.get(&m) {
                    events[p].storyline = Some(id.clone());
                }
            }
            let story_links = links
                .iter()
                .filter(|(_, to, _, _)| members.contains(to))
                .map(|(from, to, score, reason)| StoryLink {
                    from: self.events[*from as usize].id.clone(),
                    to: self.events[*to as usize].id.clone(),
                    reason: reason.clone(),
                    score: *score,
                })
                .collect();
            storylines.push(Storyline {
                id,
                events: members.iter().map(|&m| self.events[m as usize].id.clone()).collect(),
                links: story_links,
            });
        }
        events.sort_by(|a, b| a.first_report.cmp(&b.first_report).then(a.id.cmp(&b.id)));
        Clustering { events, storylines, history: self.history.clone(), splits: self.splits.clone() }
    }

    fn event(&self, idx: u32) -> Event {
        let e = &self.events[idx as usize];
        let mut members: Vec<&Member> = e.members.iter().collect();
        members.sort_by(|a, b| a.published.cmp(&b.published).then(a.id.cmp(&b.id)));
        let centroid = weighted(&e.terms, &self.vocab.terms, self.docs, false);
        let central = members
            .iter()
            .filter(|m| m.title.is_some())
            .map(|m| (cosine(&weighted(&m.evidence.unit_terms, &self.vocab.terms, self.docs, false), &centroid), m))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.id.cmp(&a.1.id)));
        let mut outlets: Vec<String> = Vec::new();
        for m in &members {
            if let Some(o) = &m.outlet {
                if !outlets.contains(o) {
                    outlets.push(o.clone());
                }
            }
        }
        let weights = weighted(&e.entities, &self.vocab.entities, self.docs, true);
        // "person:stoltenberg" of one article and "person:jens-stoltenberg" of another are
        // one person: their weights add up under the full name.
        let same_person = person_keys(weights.iter().map(|&(id, _)| self.vocab.entities.name(id)));
        let mut key_entities: Vec<(&str, f32, EntityKind)> = Vec::new();
        for &(id, weight) in &weights {
            let name = self.vocab.entities.name(id);
            let name = same_person.get(name).map_or(name, String::as_str);
            match key_entities.iter_mut().find(|k| k.0 == name) {
                Some(k) => k.1 += weight,
                None => key_entities.push((name, weight, self.vocab.entities.kind(id))),
            }
        }
        key_entities.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        key_entities.truncate(EVENT_ENTITIES_SHOWN);
        let entities: Vec<String> = key_entities.iter().map(|k| k.0.to_string()).collect();
        let places = key_entities.iter().filter(|k| k.2 == EntityKind::Place).map(|k| k.0.to_string()).collect();
        Event {
            id: e.id.clone(),
            title: central.and_then(|(_, m)| m.title.clone()),
            start: e.start.map(civil_from_days),
            end: e.end.map(civil_from_days),
            articles: members.iter().map(|m| m.id.clone()).collect(),
            outlets,
            entities,
            places,
            first_report: members.iter().filter_map(|m| m.published).min(),
            latest_report: members.iter().filter_map(|m| m.published).max(),
            storyline: None,
        }
    }

    /// Size of the vocabularies and index, for the scale benchmark.
    pub fn stats(&self) -> IndexStats {
        IndexStats {
            articles: self.by_article.len(),
            events: self.parent.iter().enumerate().filter(|&(i, &p)| i as u32 == p).count(),
            terms: self.vocab.terms.len(),
            entities: self.vocab.entities.len(),
            keys: self.postings.len(),
            postings: self.postings.values().map(Vec::len).sum(),
        }
    }
}

/// Counts describing an [`EventIndex`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IndexStats {
    pub articles: usize,
    pub events: usize,
    pub terms: usize,
    pub entities: usize,
    pub keys: usize,
    pub postings: usize,
}

/// Clusters `items` in publication order (articles without a publication time first),
/// then by article id — so the result does not depend on the order of `items` — with
/// document frequencies counted over the whole batch first ([`EventIndex::prime`]).
pub fn cluster_all(items: &[(Article, Analysis)]) -> Clustering {
    cluster_all_with(items, EventConfig::default())
}

/// [`cluster_all`] with other weights and thresholds.
pub fn cluster_all_with(items: &[(Article, Analysis)], config: EventConfig) -> Clustering {
    let mut order: Vec<&(Article, Analysis)> = items.iter().collect();
    order.sort_by(|a, b| a.0.published.cmp(&b.0.published).then(a.0.id.cmp(&b.0.id)));
    let mut index = EventIndex::with_config(config);
    index.prime(order.iter().map(|(article, analysis)| (article, analysis)));
    for (article, analysis) in order {
        index.add(article, analysis);
    }
    index.consolidate();
    index.clustering()
}

/// `counts` weighted by IDF (entity counts also dampened by a log, since a name repeated
/// ten times is not ten times the evidence) and scaled to unit length.
fn weighted(counts: &[(u32, f32)], vocab: &Vocab, docs: u32, damp: bool) -> Vec<(u32, f32)> {
    let v: Vec<(u32, f32)> = counts
        .iter()
        .map(|&(id, c)| {
            let c = if damp { (1.0 + c).ln() } else { c };
            (id, c * vocab.idf(id, docs))
        })
        .collect();
    normalized(&v)
}

fn normalized(v: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let norm = v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt();
    if norm <= 0.0 {
        return Vec::new();
    }
    v.iter().map(|&(id, w)| (id, w / norm)).collect()
}

/// Cosine of two unit vectors sorted by id.
fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    dot(a, b).clamp(0.0, 1.0)
}

/// Dot product of two sparse vectors sorted by id.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// Sum of two sorted vectors, keeping the `CENTROID_CAP` heaviest dimensions.
fn add_capped(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j >= b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i >= a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    if out.len() > CENTROID_CAP {
        out = top(&out, CENTROID_CAP);
    }
    out
}

/// The `n` heaviest dimensions of `v`, sorted by id again.
fn top(v: &[(u32, f32)], n: usize) -> Vec<(u32, f32)> {
    let mut v = v.to_vec();
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(n);
    v.sort_by_key(|&(id, _)| id);
    v
}

fn union_capped<T: Ord + Copy>(a: &[T], b: &[T]) -> Vec<T> {
    let mut out: Vec<T> = a.iter().chain(b).copied().collect();
    out.sort_unstable();
    out.dedup();
    out.truncate(EVENT_FACTS_CAP.max(a.len()));
    out
}

fn sorted_overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

fn min_opt(a: Option<i32>, b: Option<i32>) -> Option<i32> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// +1 when two members name a common year, −1 when both name years but only different
/// ones, 0 when either names none.
fn year_agreement(a: &[i32], b: &[i32]) -> f64 {
    match (a.is_empty() || b.is_empty(), sorted_overlap(a, b) > 0) {
        (true, _) => 0.0,
        (false, true) => 1.0,
        (false, false) => -1.0,
    }
}

/// Groups of items (indices) from average-link agglomeration over the symmetric score
/// matrix `link`, merging the best pair while its mean score is at least `threshold`.
fn average_link_groups(mut link: Vec<Vec<f64>>, threshold: f64) -> Vec<Vec<usize>> {
    let mut groups: Vec<Option<Vec<usize>>> = (0..link.len()).map(|i| Some(vec![i])).collect();
    loop {
        let mut best: Option<(usize, usize, f64)> = None;
        for i in 0..groups.len() {
            for j in i + 1..groups.len() {
                if groups[i].is_some() && groups[j].is_some() && link[i][j] >= threshold && best.is_none_or(|b| link[i][j] > b.2) {
                    best = Some((i, j, link[i][j]));
                }
            }
        }
        let Some((i, j, _)) = best else { break };
        let (ni, nj) = (groups[i].as_ref().map_or(0, Vec::len) as f64, groups[j].as_ref().map_or(0, Vec::len) as f64);
        for k in 0..groups.len() {
            if k != i && k != j && groups[k].is_some() {
                let merged = (ni * link[i][k] + nj * link[j][k]) / (ni + nj);
                link[i][k] = merged;
                link[k][i] = merged;
            }
        }
        let absorbed = groups[j].take().unwrap_or_default();
        if let Some(g) = groups[i].as_mut() {
            g.extend(absorbed);
        }
    }
    groups.into_iter().flatten().collect()
}

/// The index keys of an article: its weightiest entities and its most salient words.
fn index_keys(term_w: &[(u32, f32)], entity_w: &[(u32, f32)]) -> Vec<u64> {
    let mut keys: Vec<u64> = top(entity_w, KEY_ENTITIES).iter().map(|&(id, _)| ENTITY_KEY | u64::from(id)).collect();
    keys.extend(top(term_w, KEY_TERMS).iter().map(|&(id, _)| u64::from(id)));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guessed_day_sharing_a_year_is_not_apart() {
        let span = 120;
        // Published 2005-06-01 and 2005-06-02: near.
        assert!(!days_apart((12_935, true, &[2005]), (12_936, true, &[2005]), span));
        // Two published days six months apart in one year: apart.
        assert!(days_apart((12_935, true, &[2005]), (12_935 + 180, true, &[2005]), span));
        // A 2005 obituary dated by its 1972 background date, against a 2005 report: the
        // common year says the guess may be wrong.
        assert!(!days_apart((898, false, &[1972, 2005]), (12_936, true, &[2005]), span));
        // Guessed days in different years with no year in common: apart.
        assert!(days_apart((19_619, false, &[2023]), (19_893, false, &[2024]), span));
    }
}
