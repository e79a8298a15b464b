//! Canonical entities of one article: the recogniser's spans and the names in
//! `resources/<lang>/entities.toml` merged into entities with ids that are the same in
//! every article and language ("Tiongkok" and "China" → `place:china`; "Kim Jong-un",
//! "Kim Jong Un" and a later bare "Kim" → `person:kim-jong-un`), people's roles as the
//! text states them, and metonyms marked with what they stand for.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use regex::Regex;
use serde::Deserialize;
use warta_lang::{language_codes, resource_file};
use warta_model::{Entity, EntityKind, Mention, Role, Span};

use crate::fasthash::{FastMap, FastSet};
use crate::tokens::{sentences, tokens, Token};

/// A recognised name before canonicalisation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamedSpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

#[derive(Deserialize)]
struct EntitiesFile {
    #[serde(default)]
    entity: Vec<KnownEntityFile>,
    #[serde(default)]
    places: PlacesFile,
    #[serde(default)]
    vessels: VesselsFile,
    #[serde(default)]
    organizations: OrganizationsFile,
    #[serde(default)]
    people: PeopleFile,
}

#[derive(Default, Deserialize)]
struct PeopleFile {
    /// Short names of public figures → their full names ("Jokowi" → "Joko Widodo").
    #[serde(default)]
    nicknames: BTreeMap<String, String>,
    /// Words after which capitals are a person's initials ("berinisial AS").
    #[serde(default)]
    initials_after: Vec<String>,
}

#[derive(Default, Deserialize)]
struct OrganizationsFile {
    #[serde(default)]
    heads: Vec<String>,
    #[serde(default)]
    connectors: Vec<String>,
    #[serde(default)]
    topic_heads: Vec<String>,
    #[serde(default)]
    topic_connectors: Vec<String>,
    #[serde(default)]
    suffixes: Vec<String>,
    #[serde(default)]
    heads_first: Vec<String>,
}

#[derive(Default, Deserialize)]
struct VesselsFile {
    #[serde(default)]
    prefixes: Vec<String>,
}

#[derive(Deserialize)]
struct KnownEntityFile {
    id: String,
    kind: EntityKind,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    case_sensitive: Vec<String>,
    stands_for: Option<String>,
    display: Option<String>,
}

#[derive(Default, Deserialize)]
struct PlacesFile {
    #[serde(default)]
    prepositions: Vec<String>,
    #[serde(default)]
    named_after: Vec<String>,
    #[serde(default)]
    heads_first: Vec<String>,
    #[serde(default)]
    heads_last: Vec<String>,
}

#[derive(Deserialize)]
struct TitlesFile {
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    abbreviations: BTreeMap<String, String>,
    #[serde(default)]
    qualifier_before: bool,
    #[serde(default)]
    honorifics: Vec<String>,
    #[serde(default)]
    list_conjunctions: Vec<String>,
    #[serde(default)]
    description_determiners: Vec<String>,
    #[serde(default)]
    apposition_articles: Vec<String>,
    #[serde(default)]
    role_prepositions: Vec<String>,
    #[serde(default)]
    clause_words: Vec<String>,
    #[serde(default)]
    former: Vec<String>,
    #[serde(default)]
    ranks: Vec<String>,
}

struct KnownEntity {
    id: String,
    kind: EntityKind,
    stands_for: Option<String>,
    /// Display name per language: the first name its file lists.
    names_by_language: BTreeMap<String, String>,
}

/// Everything the data files say about entities, across languages.
struct Knowledge {
    entities: Vec<KnownEntity>,
    /// Lower-cased name → index into `entities`.
    by_name: FastMap<String, usize>,
    /// Exact acronym → index.
    by_acronym: FastMap<String, usize>,
    /// Id → index: every entity of an article looks itself up here.
    by_id: FastMap<String, usize>,
    names: Option<Names>,
    acronyms: Option<Names>,
    place_prepositions: Vec<String>,
    /// Words before a person's name that make it a place named after them ("Jl",
    /// "Bandara"): "Jl Basuki Rahmat No. 64" is a street, not a person.
    named_after: FastSet<String>,
    /// Lower-cased words that make a name a place when they open it ("Selat Lembayung",
    /// "Lake Toba") or end it ("Lembayung Strait"): the recogniser may read such a name
    /// as a person's. Right before a person's name, an opening one says the name's first
    /// word is the place it heads ("Gubernur Kepulauan Sarinjaya Yohana Rumbiak").
    place_heads_first: FastSet<String>,
    place_heads_last: FastSet<String>,
    /// Written before a ship's name, as written ("KMP", "KRI", "MV"): the name is a
    /// vessel, a product, not the company or the place the recogniser may take it for.
    vessel_prefixes: FastSet<String>,
    /// Lower-cased words that head an organisation's name and the words that join it
    /// to the rest ("Center" "for" American Progress).
    organization_heads: FastSet<String>,
    /// Lower-cased words that open an organisation's name ("Polres Medan", "Dinas
    /// Kesehatan").
    organization_heads_first: FastSet<String>,
    organization_connectors: FastSet<String>,
    /// Heads of bodies named for their topic and the word that joins it ("Commission"
    /// "on" Presidential Debates); elsewhere it names where ("University on Long Island").
    topic_heads: FastSet<String>,
    topic_connectors: FastSet<String>,
    /// Words that end a company's name, as written ("Securities", "Group", "Inc").
    organization_suffixes: FastSet<String>,
    /// Each language's offices: English "as" is no "AS" (Amerika Serikat).
    titles_by_language: BTreeMap<String, Titles>,
    /// Every language's offices, for an article in a language without a titles file.
    titles_of_all: Titles,
    /// Lower-cased forms of address ("mr", "pak") that are no part of a person's name.
    honorifics: Vec<String>,
    /// Slugs of public figures' short names → the slugs of their full names: news
    /// switches between "Joko Widodo" and "Jokowi" in one article.
    nicknames: FastMap<String, String>,
    /// Lower-cased words after which capitals are a person's initials ("berinisial AS
    /// (34)" is no Amerika Serikat): the police name suspects and victims so.
    initials_after: FastSet<String>,
    /// Those words as text writes them, lower-cased and capitalised: a text holding none
    /// is not tokenised again to look for them.
    initials_written: Vec<String>,
    /// Every language's ranks as written before a name ("AKBP", "Kombes"), for
    /// [`ranked_people`].
    ranks_written: Option<AhoCorasick>,
}

impl Knowledge {
    fn titles(&self, language: &str) -> &Titles {
        self.titles_by_language.get(language).unwrap_or(&self.titles_of_all)
    }
}

/// The offices one language writes before or after a name, and its short forms of them.
#[derive(Default)]
struct Titles {
    /// Lower-cased titles, longest first.
    titles: Vec<String>,
    /// Every word of `titles`.
    words: FastSet<String>,
    /// Indices into `titles` (in its order) by the title's first word: a phrase is only
    /// compared with the titles its own first word can begin.
    by_first_word: FastMap<String, Vec<usize>>,
    abbreviations: BTreeMap<String, String>,
    /// English names the country or body before the office ("U.S. Trade
    /// Representative", "Russia's Foreign Minister"), Indonesian after it ("Menteri Luar
    /// Negeri AS").
    qualifier_before: bool,
    /// Words that join the last item of a list ("dan", "and"): an office after a
    /// name's comma and before ", dan Kepala …" is another item of the list, not the
    /// name's apposition.
    list_conjunctions: FastSet<String>,
    /// Words that make an office a description of someone named before ("the", "itu"):
    /// "the Vermont senator" after "Vermont Sen. Bernie Sanders".
    description_determiners: FastSet<String>,
    /// Articles an office in apposition may open with besides those ("a", "seorang"):
    /// "Colin Strother, a Cuellar campaign spokesman".
    apposition_articles: FastSet<String>,
    /// Prepositions that may follow an office its qualifiers precede ("a military
    /// spokesman in Baghdad"); any other word after it makes the phrase prose.
    role_prepositions: FastSet<String>,
    /// Words that make a clause of the words before such an office ("a man who is a
    /// spokesman"), which then names no role.
    clause_words: FastSet<String>,
    /// Words that make an office one held before ("former", "mantan"): "the president"
    /// does not describe a "former President".
    former: FastSet<String>,
    /// Ranks written between an office and the name ("Kapolda Jawa Barat Irjen Akhmad
    /// Wiyagus"): a role of their own, no qualifier of the office.
    ranks: FastSet<String>,
}

impl Titles {
    /// A short form is a title when what it stands for begins with one ("menlu", "pm");
    /// the others ("AS" for Amerika Serikat) only qualify a title.
    fn new(mut titles: Vec<String>, abbreviations: BTreeMap<String, String>, qualifier_before: bool, list_conjunctions: FastSet<String>) -> Titles {
        let short_titles: Vec<String> = abbreviations.iter().filter(|(_, full)| titles.iter().any(|t| starts_with_words(full, t))).map(|(short, _)| short.clone()).collect();
        titles.extend(short_titles);
        titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
        titles.dedup();
        let mut by_first_word: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, t) in titles.iter().enumerate() {
            by_first_word.entry(first_word(t).to_string()).or_default().push(i);
        }
        let words = titles.iter().flat_map(|t| t.split_whitespace().map(str::to_string)).collect();
        Titles { titles, words, by_first_word, abbreviations, qualifier_before, list_conjunctions, description_determiners: FastSet::default(), apposition_articles: FastSet::default(), role_prepositions: FastSet::default(), clause_words: FastSet::default(), former: FastSet::default(), ranks: FastSet::default() }
    }

    fn is_title(&self, lower: &str) -> bool {
        self.by_first_word.get(lower).is_some_and(|ts| ts.iter().any(|&i| self.titles[i] == lower))
    }

    /// The longest title `phrase` (lower case) begins with, as whole words.
    fn title_starting(&self, phrase: &str) -> Option<&String> {
        // A title that `phrase` begins with as whole words has the same first word.
        let candidates = self.by_first_word.get(first_word(phrase))?;
        candidates.iter().map(|&i| &self.titles[i]).find(|t| starts_with_words(phrase, t))
    }
}

/// Whether `lower` is a word of an office of `language`'s titles ("spokesman",
/// "press" of "press secretary"): the quote finder reads the office before a speaker's
/// name as part of the phrase that names the source.
pub(crate) fn is_office_word(language: &str, lower: &str) -> bool {
    knowledge().titles(language).words.contains(lower)
}

/// Whether a description of a person may open with the word `lower` after the name's
/// comma: an office ("president of …", "juru bicara …") or an article of one ("a
/// historian", "the chief executive").
pub(crate) fn opens_description(language: &str, lower: &str) -> bool {
    let titles = knowledge().titles(language);
    titles.by_first_word.contains_key(lower) || titles.apposition_articles.contains(lower) || titles.description_determiners.contains(lower)
}

/// Whether `lower` is a determiner that makes the office after it a description ("the
/// White House press secretary").
pub(crate) fn is_description_determiner(language: &str, lower: &str) -> bool {
    knowledge().titles(language).description_determiners.contains(lower)
}

fn knowledge() -> &'static Knowledge {
    static KNOWLEDGE: OnceLock<Knowledge> = OnceLock::new();
    KNOWLEDGE.get_or_init(|| {
        let mut k = Knowledge {
            entities: Vec::new(),
            by_name: FastMap::default(),
            by_acronym: FastMap::default(),
            by_id: FastMap::default(),
            names: None,
            acronyms: None,
            place_prepositions: Vec::new(),
            named_after: FastSet::default(),
            place_heads_first: FastSet::default(),
            place_heads_last: FastSet::default(),
            vessel_prefixes: FastSet::default(),
            organization_heads: FastSet::default(),
            organization_heads_first: FastSet::default(),
            organization_connectors: FastSet::default(),
            topic_heads: FastSet::default(),
            topic_connectors: FastSet::default(),
            organization_suffixes: FastSet::default(),
            titles_by_language: BTreeMap::new(),
            titles_of_all: Titles::default(),
            honorifics: Vec::new(),
            nicknames: FastMap::default(),
            initials_after: FastSet::default(),
            initials_written: Vec::new(),
            ranks_written: None,
        };
        let mut all_titles = Vec::new();
        let mut all_abbreviations = BTreeMap::new();
        let mut all_conjunctions = FastSet::default();
        let mut all_descriptions: (FastSet<String>, FastSet<String>) = Default::default();
        let mut all_ranks: FastSet<String> = FastSet::default();
        for code in language_codes() {
            if let Some(text) = resource_file(code, "entities.toml") {
                // Data files ship with the build; a broken one fails this crate's tests.
                let file: EntitiesFile = toml::from_str(text).unwrap_or_else(|e| panic!("resources/{code}/entities.toml: {e}"));
                for e in file.entity {
                    let index = match k.by_id.get(&e.id) {
                        Some(&i) => i,
                        None => {
                            k.entities.push(KnownEntity { id: e.id.clone(), kind: e.kind, stands_for: e.stands_for.clone(), names_by_language: BTreeMap::new() });
                            k.by_id.insert(e.id.clone(), k.entities.len() - 1);
                            k.entities.len() - 1
                        }
                    };
                    if let Some(first) = e.display.as_ref().or(e.names.first()).or(e.case_sensitive.first()) {
                        k.entities[index].names_by_language.insert(code.to_string(), first.clone());
                    }
                    for name in &e.names {
                        k.by_name.insert(name.to_lowercase(), index);
                    }
                    for acronym in &e.case_sensitive {
                        k.by_acronym.insert(acronym.clone(), index);
                    }
                }
                k.place_prepositions.extend(file.places.prepositions);
                k.named_after.extend(file.places.named_after.iter().map(|w| w.to_lowercase()));
                k.place_heads_first.extend(file.places.heads_first.iter().map(|w| w.to_lowercase()));
                k.place_heads_last.extend(file.places.heads_last.iter().map(|w| w.to_lowercase()));
                k.vessel_prefixes.extend(file.vessels.prefixes);
                k.organization_heads.extend(file.organizations.heads.iter().map(|w| w.to_lowercase()));
                k.organization_heads_first.extend(file.organizations.heads_first.iter().map(|w| w.to_lowercase()));
                k.organization_connectors.extend(file.organizations.connectors.iter().map(|w| w.to_lowercase()));
                k.topic_heads.extend(file.organizations.topic_heads.iter().map(|w| w.to_lowercase()));
                k.topic_connectors.extend(file.organizations.topic_connectors.iter().map(|w| w.to_lowercase()));
                k.organization_suffixes.extend(file.organizations.suffixes.iter().cloned());
                k.nicknames.extend(file.people.nicknames.iter().map(|(short, full)| (slug(short), slug(full))));
                k.initials_after.extend(file.people.initials_after.iter().map(|w| w.to_lowercase()));
            }
            if let Some(text) = resource_file(code, "titles.toml") {
                let file: TitlesFile = toml::from_str(text).unwrap_or_else(|e| panic!("resources/{code}/titles.toml: {e}"));
                let titles: Vec<String> = file.titles.iter().map(|t| t.to_lowercase()).collect();
                let abbreviations: BTreeMap<String, String> = file.abbreviations.iter().map(|(a, b)| (a.to_lowercase(), b.to_lowercase())).collect();
                all_titles.extend(titles.iter().cloned());
                all_abbreviations.extend(abbreviations.clone());
                let conjunctions: FastSet<String> = file.list_conjunctions.iter().map(|w| w.to_lowercase()).collect();
                all_conjunctions.extend(conjunctions.iter().cloned());
                let mut language_titles = Titles::new(titles, abbreviations, file.qualifier_before, conjunctions);
                language_titles.description_determiners = file.description_determiners.iter().map(|w| w.to_lowercase()).collect();
                language_titles.apposition_articles = file.apposition_articles.iter().map(|w| w.to_lowercase()).collect();
                language_titles.role_prepositions = file.role_prepositions.iter().map(|w| w.to_lowercase()).collect();
                language_titles.clause_words = file.clause_words.iter().map(|w| w.to_lowercase()).collect();
                language_titles.former = file.former.iter().map(|w| w.to_lowercase()).collect();
                language_titles.ranks = file.ranks.iter().map(|w| w.to_lowercase()).collect();
                all_ranks.extend(language_titles.ranks.iter().cloned());
                all_descriptions.0.extend(language_titles.description_determiners.iter().cloned());
                all_descriptions.1.extend(language_titles.former.iter().cloned());
                k.titles_by_language.insert(code.to_string(), language_titles);
                k.honorifics.extend(file.honorifics.into_iter().map(|h| slug(&h)));
            }
        }
        k.titles_of_all = Titles::new(all_titles, all_abbreviations, false, all_conjunctions);
        (k.titles_of_all.description_determiners, k.titles_of_all.former) = all_descriptions;
        k.titles_of_all.ranks = all_ranks;
        let capitalised = |w: &String| w.chars().next().map(|c| c.to_uppercase().chain(w.chars().skip(1)).collect::<String>()).unwrap_or_default();
        k.initials_written = k.initials_after.iter().flat_map(|w| [w.clone(), capitalised(w)]).collect();
        let ranks: Vec<String> = k.titles_of_all.ranks.iter().flat_map(|r| [capitalised(r), r.to_uppercase()]).collect();
        k.ranks_written = AhoCorasick::new(&ranks).ok();
        k.names = alternation(k.by_name.keys(), true);
        k.acronyms = alternation(k.by_acronym.keys(), false);
        k
    })
}

/// An automaton matching any of `names` (ASCII letters in either case when
/// `case_insensitive`), read as whole words, longest first (see [`Names::all`]).
fn alternation<'a>(names: impl Iterator<Item = &'a String>, case_insensitive: bool) -> Option<Names> {
    let names: Vec<&String> = names.filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        return None;
    }
    let matcher = AhoCorasickBuilder::new().ascii_case_insensitive(case_insensitive).kind(Some(AhoCorasickKind::DFA)).build(&names).ok()?;
    Some(Names { matcher })
}

/// Known names as whole words. One automaton over every name: a regex alternation of
/// hundreds of names, case-insensitive, took twice the instructions to search and 60
/// million to build. A DFA, not the default NFA: every article is searched whole, and
/// the DFA's single table lookup per byte took the entities stage from 15.4 % to 14.2 %
/// of the analysis for a few milliseconds more at start-up.
struct Names {
    matcher: AhoCorasick,
}

impl Names {
    /// Every name of `text` as whole words, left to right, without overlaps: at each
    /// place the longest (what a regex alternation of the names, longest first, between
    /// non-word characters finds). Letters outside ASCII must be written as listed.
    fn all(&self, text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let boundary_before = |i: usize| i == 0 || !text[..i].chars().next_back().is_some_and(is_word_char);
        let boundary_after = |i: usize| i == bytes.len() || !text[i..].chars().next().is_some_and(is_word_char);
        let mut found: Vec<(usize, usize)> = self
            .matcher
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end()))
            .filter(|&(s, e)| text.is_char_boundary(s) && text.is_char_boundary(e) && boundary_before(s) && boundary_after(e))
            .collect();
        found.sort_by_key(|&(s, e)| (s, std::cmp::Reverse(e)));
        let mut out: Vec<(usize, usize)> = Vec::new();
        for (s, e) in found {
            if out.last().is_none_or(|&(_, last_end)| s >= last_end) {
                out.push((s, e));
            }
        }
        out
    }
}

/// A letter or digit as a regex's `[\p{L}\p{N}]` has it (Rust's `is_alphanumeric` also
/// takes some combining marks).
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| Regex::new(r"^[\p{L}\p{N}]$").expect("a valid class"));
    word.is_match(c.encode_utf8(&mut [0; 4]))
}

/// A mention with what it refers to.
#[derive(Clone, Debug)]
struct Found {
    span: Span,
    kind: EntityKind,
    known: Option<usize>,
}

/// Builds the article's canonical entities from recognised spans and the known names.
pub fn canonical_entities(text: &str, language: &str, recognised: &[NamedSpan]) -> Vec<Entity> {
    let k = knowledge();
    let mut found: Vec<Found> = Vec::new();
    // "pelaku berinisial RH (22) dan AS (25)": initials, whatever they spell.
    let initialled = initialled_people(text, k);
    for (names, table) in [(&k.names, &k.by_name), (&k.acronyms, &k.by_acronym)] {
        let Some(names) = names else { continue };
        for (start, end) in names.all(text) {
            // "AS" inside "Kementerian Luar Negeri AS" is part of that name.
            if found.iter().any(|f| f.span.start <= start && end <= f.span.end) || initialled.iter().any(|s| s.start < end && start < s.end) {
                continue;
            }
            let written = &text[start..end];
            let key = if std::ptr::eq(table, &k.by_name) { written.to_lowercase() } else { written.to_string() };
            if let Some(&index) = table.get(&key) {
                found.push(Found { span: Span::new(start, end), kind: k.entities[index].kind, known: Some(index) });
            }
        }
    }
    found.extend(initialled.iter().map(|&span| Found { span, kind: EntityKind::Person, known: None }));
    let valid = |r: &&NamedSpan| r.end <= text.len() && r.start < r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
    let units = &crate::quantity::lexicon::lexicon(language).units;
    let recognised = ranked_people(text, language, recognised.iter().filter(valid).filter(|r| !unit_of_a_number(text, r, units)).cloned().collect(), k);
    // The organisations the recogniser names on their own, for "Pelatih Persib Bojan
    // Hodak" read whole as one.
    let organisations: Vec<&str> = recognised.iter().filter(|r| r.kind == EntityKind::Organization).map(|r| &text[r.start..r.end]).collect();
    let is_place = |words: &[&str]| {
        let written = words.join(" ");
        let known = k.by_name.get(&written.to_lowercase()).or_else(|| k.by_acronym.get(&written));
        known.is_some_and(|&i| k.entities[i].kind == EntityKind::Place) || crate::ner::is_gazetteer_place(words)
    };
    let is_place_name = |words: &[&str]| is_place(words) || words.first().is_some_and(|w| k.place_heads_first.contains(&w.to_lowercase()));
    let split: Vec<NamedSpan> = recognised.iter().cloned().flat_map(|r| organisation_then_person(text, r, &organisations, k.titles(language), &is_place_name)).collect();
    let adjusted: Vec<NamedSpan> = with_initials(text, split, k)
        .into_iter()
        .map(|r| named_after_place(text, r, k))
        .map(|r| headed_place(text, r, k))
        .map(|r| headed_organization(text, r, k))
        .map(|r| run_on_after_head(text, language, r, k))
        .flat_map(|r| company_by_suffix(text, r, &k.organization_suffixes))
        .filter_map(|r| vessel(text, r, &k.vessel_prefixes))
        .collect();
    let recognised: Vec<NamedSpan> = repeated_names(text, one_kind_per_name(text, adjusted, &k.place_prepositions));
    let other_names: FastSet<String> = recognised
        .iter()
        .filter(|r| r.kind != EntityKind::Person)
        .flat_map(|r| text[r.start..r.end].split_whitespace().map(str::to_lowercase))
        .collect();
    for r in &recognised {
        let start = if r.kind == EntityKind::Person {
            let place_words = |words: &[&str]| is_place(words) || words.len() == 1;
            let after_head = k.place_heads_first.contains(&text[..r.start].split_whitespace().next_back().unwrap_or_default().to_lowercase());
            match person_start(text, r, k.titles(language), &other_names, after_head.then_some(&place_words as &dyn Fn(&[&str]) -> bool)) {
                Some(start) => start,
                None => continue,
            }
        } else {
            r.start
        };
        let span = Span::new(start, r.end);
        let known = k.by_name.get(&text[r.start..r.end].to_lowercase()).copied();
        // A public figure's short name is a person's, whatever the recogniser read ("SBY").
        let kind = if k.nicknames.contains_key(&slug(&text[span.start..span.end])) { EntityKind::Person } else { r.kind };
        // A longer span wins over the ones inside it; an equal one adds nothing.
        let covered = found.iter().any(|f| f.span.start <= span.start && span.end <= f.span.end);
        if covered {
            continue;
        }
        found.retain(|f| !(span.start <= f.span.start && f.span.end <= span.end));
        found.push(Found { span, kind: known.map_or(kind, |i| k.entities[i].kind), known });
    }
    found.sort_by_key(|f| f.span.start);

    // "Mr Ruslan" and "Pak Ruslan" name the same Ruslan as "Ruslan Hadiwijaya": forms of
    // address are dropped from people's slugs (not from other names: "Dr." may start a
    // clinic's name).
    let slug_of = |f: &Found| {
        let s = slug(&text[f.span.start..f.span.end]);
        if f.kind != EntityKind::Person || f.known.is_some() {
            return s;
        }
        if let Some(full) = k.nicknames.get(&s) {
            return full.clone();
        }
        let mut rest = s.as_str();
        while let Some((first, tail)) = rest.split_once('-') {
            if !k.honorifics.iter().any(|h| h == first) {
                break;
            }
            rest = tail;
        }
        k.nicknames.get(rest).cloned().unwrap_or_else(|| rest.to_string())
    };
    // Made once per unknown mention: people's slugs are read twice below.
    let slugs: Vec<String> = found.iter().map(|f| if f.known.is_none() { slug_of(f) } else { String::new() }).collect();
    // People: a one-word mention ("Stoltenberg", "Kim") joins the fuller name it is part of.
    let full_names: Vec<(String, Vec<String>)> = found
        .iter()
        .zip(&slugs)
        .filter(|(f, _)| f.kind == EntityKind::Person && f.known.is_none())
        .map(|(_, s)| {
            let parts = s.split('-').map(str::to_string).collect::<Vec<_>>();
            (s.clone(), parts)
        })
        .filter(|(_, parts)| parts.len() >= 2)
        .collect();
    // A person's last name alone, read as an organisation or a place ("According to
    // Collins," after "Sen. Susan Collins"), is that person when one person named before
    // has it: slug of the last name → (where that person is first named, full slug), or
    // `None` when two people share it.
    let mut last_names: FastMap<&str, Option<(usize, &str)>> = FastMap::default();
    for (f, s) in found.iter().zip(&slugs) {
        if f.kind != EntityKind::Person || f.known.is_some() {
            continue;
        }
        let Some((_, last)) = s.rsplit_once('-') else { continue };
        let full = s.as_str();
        last_names
            .entry(last)
            .and_modify(|seen| {
                if seen.is_some_and(|(_, other)| other != full) {
                    *seen = None;
                }
            })
            .or_insert(Some((f.span.start, full)));
    }
    let mut entities: Vec<Entity> = Vec::new();
    // Id → index into `entities`, to add a mention to its entity without a scan.
    let mut index: FastMap<String, usize> = FastMap::default();
    for (f, s) in found.iter().zip(&slugs) {
        let written = &text[f.span.start..f.span.end];
        let id = match f.known {
            Some(i) => k.entities[i].id.clone(),
            None if f.kind == EntityKind::Person => {
                let parts: Vec<&str> = s.split('-').collect();
                // A headline's run of capitals ("Elizabeth Warren Hammers Wells Fargo") is no
                // fuller name of "Elizabeth Warren" or "Warren": four words or more, one of
                // them a word of another name of the text or one that running text writes
                // in lower case.
                let plausible = |p: &[String]| p.len() < 4 || !p.iter().any(|w| other_names.contains(w) || crate::ner::is_lower_case_word(w));
                let fuller = if parts.len() == 1 {
                    full_names.iter().find(|(_, p)| p.iter().any(|x| x == parts[0]) && plausible(p)).map(|(full, _)| full.clone())
                } else {
                    full_names.iter().find(|(full, p)| p.len() > parts.len() && parts.iter().all(|x| p.iter().any(|y| y == x)) && full != s && plausible(p)).map(|(full, _)| full.clone())
                };
                format!("person:{}", fuller.as_ref().unwrap_or(s))
            }
            None => match last_names.get(s.as_str()) {
                Some(Some((named_at, full))) if *named_at < f.span.start && !s.contains('-') => format!("person:{full}"),
                _ => format!("{}:{}", kind_prefix(f.kind), s),
            },
        };
        if id.ends_with(':') {
            continue;
        }
        let as_metonym = f.known.and_then(|i| k.entities[i].stands_for.clone()).filter(|_| !after_place_preposition(text, f.span.start, &k.place_prepositions));
        let mention = Mention::new(written, f.span);
        match index.get(&id).map(|&i| &mut entities[i]) {
            Some(e) => {
                e.mentions.push(mention);
                if e.stands_for.is_none() {
                    e.stands_for = as_metonym;
                }
            }
            None => {
                index.insert(id.clone(), entities.len());
                entities.push(Entity {
                    id,
                    name: String::new(),
                    kind: f.kind,
                    aliases: Vec::new(),
                    roles: Vec::new(),
                    stands_for: as_metonym,
                    mentions: vec![mention],
                });
            }
        }
    }
    join_bracketed_acronyms(text, &mut entities, |id| k.by_id.contains_key(id));
    join_handles(text, &mut entities);
    join_short_org_names(&mut entities, |id| k.by_id.contains_key(id), is_place);
    let sentence_spans = sentences(text);
    let people: Vec<Span> = entities.iter().filter(|e| e.kind == EntityKind::Person).flat_map(|e| e.mentions.iter().map(|m| Span::new(m.start, m.end))).collect();
    let qualifiers: Vec<Span> = entities.iter().filter(|e| e.kind != EntityKind::Person).flat_map(|e| e.mentions.iter().map(|m| Span::new(m.start, m.end))).collect();
    let titles = k.titles(language);
    for e in entities.iter_mut().filter(|e| e.kind == EntityKind::Person) {
        e.roles = roles_of(text, &sentence_spans, &e.mentions, &people, &qualifiers, titles, &k.organization_heads);
    }
    // "Secretary of State John Kerry", "Lt. Gov. Ralph Northam": a word of an office is
    // no place or body of its own; a place or body that qualifies it stays ("Vermont
    // Sen.", "White House spokesman").
    let offices: Vec<Span> = entities.iter().flat_map(|e| &e.roles).filter_map(|r| office_words(r, titles)).collect();
    if !offices.is_empty() {
        for e in entities.iter_mut().filter(|e| e.kind != EntityKind::Person) {
            e.mentions.retain(|m| !offices.iter().any(|o| o.start <= m.start && m.end <= o.end));
        }
        entities.retain(|e| !e.mentions.is_empty());
    }
    for e in &mut entities {
        let known = k.by_id.get(&e.id).map(|&i| &k.entities[i]);
        e.name = match known {
            Some(known) => known
                .names_by_language
                .get(language)
                .or_else(|| known.names_by_language.values().next())
                .cloned()
                .unwrap_or_default(),
            None => e.mentions.iter().map(|m| m.text.as_str()).max_by_key(|t| t.len()).unwrap_or_default().to_string(),
        };
        let mut aliases: Vec<String> = e.mentions.iter().map(|m| m.text.clone()).filter(|t| *t != e.name).collect();
        aliases.sort();
        aliases.dedup();
        e.aliases = aliases;
    }
    entities
}

/// The person a definite description at `span` names: "the Vermont senator" or "the
/// senator" after "Vermont Sen. Bernie Sanders", "gubernur itu" after "Gubernur Jawa
/// Barat Ridwan Kamil". The description holds an office, and every word of it (short
/// forms written out) is a word of one of the person's roles; of several such people,
/// the one named last before it. A former office is described only as former.
pub fn described_person<'e>(text: &str, span: Span, language: &str, entities: &'e [Entity]) -> Option<&'e Entity> {
    let titles = knowledge().titles(language);
    let written = text.get(span.start..span.end)?;
    let mut words: Vec<String> = written.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_lowercase()).filter(|w| !w.is_empty()).collect();
    // The determiner may stand just outside the speaker's words ("Gubernur itu").
    let next_word = text[span.end..].split_whitespace().next().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase());
    let previous_word = text[..span.start].split_whitespace().next_back().map(str::to_lowercase);
    let determined = [words.first().cloned(), words.last().cloned(), next_word, previous_word].iter().flatten().any(|w| titles.description_determiners.contains(w));
    // An office written short and capitalised ("Menkeu menambahkan", "Menlu AS
    // mengatakan") is used as a name for its holder, with no determiner.
    let abbreviated_office = written.starts_with(char::is_uppercase) && words.first().is_some_and(|w| titles.abbreviations.get(w).is_some_and(|full| titles.title_starting(full).is_some()));
    words.retain(|w| !titles.description_determiners.contains(w));
    if !(determined || abbreviated_office) || words.is_empty() || words.len() > 5 {
        return None;
    }
    let described = expand(&words.join(" "), titles);
    let holds_office = std::iter::once(0).chain(described.match_indices(' ').map(|(i, _)| i + 1)).any(|i| titles.title_starting(&described[i..]).is_some());
    if !holds_office {
        return None;
    }
    let described: FastSet<&str> = described.split(' ').collect();
    let fits = |role: &Role| {
        let held: FastSet<&str> = role.canonical.split(' ').collect();
        described.is_subset(&held) && held.iter().all(|w| described.contains(w) || !titles.former.contains(*w))
    };
    entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person && e.roles.iter().any(fits))
        .filter_map(|e| e.mentions.iter().filter(|m| m.end <= span.start).map(|m| m.end).max().map(|last| (last, e)))
        .max_by_key(|(last, _)| *last)
        .map(|(_, e)| e)
}

/// Where the words of the office itself stand in a role: from the first word a known
/// title starts with, as long as that title. `None` for a role no title starts in.
fn office_words(role: &Role, titles: &Titles) -> Option<Span> {
    let word_starts = std::iter::once(0).chain(role.text.match_indices(' ').map(|(i, _)| i + 1));
    word_starts.filter(|&i| i < role.text.len()).find_map(|i| {
        let title = titles.title_starting(&role.text[i..].to_lowercase())?;
        Some(Span::new(role.start + i, role.start + i + title.len()))
    })
}

/// "Bank Indonesia (BI)", "Organisasi Negara-negara Pengekspor Minyak (OPEC)": an
/// acronym in brackets right after a name of two words or more is that name's short
/// form, so the two are one entity, under the id of the one warta knows, else the
/// acronym's. The acronym starts with the name's first letter, or the two would not be
/// told apart from a dateline ("NEW YORK (AP)"). An acronym in brackets the recogniser
/// left out becomes a mention too.
fn join_bracketed_acronyms(text: &str, entities: &mut Vec<Entity>, is_known: impl Fn(&str) -> bool) {
    let is_acronym = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || matches!(c, '-' | '&' | '.'));
    // (entity of the name, acronym span)
    let mut pairs: Vec<(usize, Span)> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind == EntityKind::Person {
            continue;
        }
        for m in &e.mentions {
            let after = &text[m.end..];
            let trimmed = after.trim_start_matches([' ', '\u{a0}']);
            let Some(inside) = trimmed.strip_prefix('(') else { continue };
            let Some(close) = inside.find(')') else { continue };
            let acronym = &inside[..close];
            let words = m.text.split_whitespace().count();
            let initial = |t: &str| t.chars().next().map(|c| c.to_uppercase().to_string());
            if !is_acronym(acronym) || words < 2 || m.text.chars().all(|c| !c.is_lowercase()) {
                continue;
            }
            let start = m.end + (after.len() - trimmed.len()) + 1;
            let span = Span::new(start, start + acronym.len());
            if initial(acronym) == initial(&m.text) {
                pairs.push((i, span));
            }
        }
    }
    // Entity index → the one it joins.
    let mut joins: Vec<Option<usize>> = vec![None; entities.len()];
    for (i, span) in pairs {
        let acronym = &text[span.start..span.end];
        let short = entities.iter().position(|e| e.mentions.iter().any(|m| m.text == acronym));
        match short {
            Some(j) => {
                let (a, b) = (root(&joins, i), root(&joins, j));
                if a != b {
                    // The known one stays; else the acronym's, which other articles write
                    // the same way more often than the name ("OPEC" against "Organisasi
                    // Negara-negara Pengekspor Minyak" and "Organisasi Negara Pengekspor
                    // Minyak").
                    let (keep, gone) = if is_known(&entities[a].id) && !is_known(&entities[b].id) { (a, b) } else { (b, a) };
                    joins[gone] = Some(keep);
                    // The recogniser reads the kind better from the whole name ("Indonesia
                    // Deepwater Development (IDD)", not a place).
                    if keep == b && !is_known(&entities[b].id) && entities[b].kind != entities[a].kind {
                        let kind = entities[a].kind;
                        let e = &mut entities[b];
                        let slug = e.id.split_once(':').map_or(e.id.as_str(), |(_, s)| s).to_string();
                        e.kind = kind;
                        e.id = format!("{}:{slug}", kind_prefix(kind));
                    }
                }
            }
            None => {
                let e = &mut entities[root(&joins, i)];
                e.mentions.push(Mention::new(acronym, span));
                e.mentions.sort_by_key(|m| m.start);
            }
        }
    }
    merge_joined(entities, &joins);
}

/// "PT Arunika" after "PT Arunika Lintas Nusa", "Dinas Perhubungan" after "Dinas
/// Perhubungan Kepulauan Sarinjaya": an organisation's name of two words or more that
/// begins the fuller name of another in the same text is that one, as a surname is its
/// person's. Not when what the fuller name adds is a place ("Kementerian Luar Negeri AS"
/// is another country's ministry than "Kementerian Luar Negeri") or one word, which
/// more often names another body or its members ("Bank Mandiri Syariah", "Oversight
/// Committee Republicans"). A name of one word joins only a fuller name that adds a
/// place to it ("Persib" after "Persib Bandung", a club named with its city), and only
/// when the word is a name, not a common word ("Dinas" of "Dinas Jakarta").
fn join_short_org_names(entities: &mut Vec<Entity>, is_known: impl Fn(&str) -> bool, is_place: impl Fn(&[&str]) -> bool) {
    // Each entity's longest name, as written.
    let names: Vec<Vec<&str>> = entities.iter().map(|e| e.mentions.iter().map(|m| m.text.as_str()).max_by_key(|t| t.len()).unwrap_or_default().split_whitespace().collect()).collect();
    let same_words = |a: &[&str], b: &[&str]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_lowercase() == y.to_lowercase());
    let mut joins: Vec<Option<usize>> = vec![None; entities.len()];
    for (i, short) in names.iter().enumerate() {
        let one_word_name = short.len() == 1 && short[0].chars().next().is_some_and(char::is_uppercase) && !crate::ner::mostly_lower_case(&short[0].to_lowercase());
        if entities[i].kind != EntityKind::Organization || (short.len() < 2 && !one_word_name) || is_known(&entities[i].id) {
            continue;
        }
        let mut fuller = names.iter().enumerate().filter(|&(j, long)| {
            let fits = if one_word_name { long.len() > 1 && is_place(&long[1..]) } else { long.len() >= short.len() + 2 && !is_place(&long[short.len()..]) };
            j != i && entities[j].kind == EntityKind::Organization && fits && same_words(&long[..short.len()], short)
        });
        // Only one fuller name: "PT Arunika" beside two companies of that name says
        // neither.
        if let (Some((j, _)), None) = (fuller.next(), fuller.next()) {
            joins[i] = Some(j);
        }
    }
    merge_joined(entities, &joins);
}

/// "@HillaryClinton", "#MaryJBlige": a handle or a hashtag written as a name of the text
/// without its spaces is that name, whatever kind the recogniser gave it.
fn join_handles(text: &str, entities: &mut Vec<Entity>) {
    let compact = |name: &str| name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>();
    let spaced: FastMap<String, usize> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.mentions.iter().any(|m| m.text.contains(' ')))
        .flat_map(|(i, e)| e.mentions.iter().filter(|m| m.text.contains(' ')).map(move |m| (compact(&m.text), i)))
        .collect();
    let mut joins: Vec<Option<usize>> = vec![None; entities.len()];
    for (i, e) in entities.iter().enumerate() {
        let handle = !e.mentions.is_empty() && e.mentions.iter().all(|m| !m.text.contains(' ') && text[..m.start].ends_with(['@', '#']));
        let written = e.mentions.first().map_or("", |m| m.text.as_str());
        if let Some(&keep) = spaced.get(&compact(written)).filter(|&&keep| handle && keep != i) {
            joins[i] = Some(keep);
        }
    }
    merge_joined(entities, &joins);
}

/// The entity that `i` ends up in, following `joins`.
fn root(joins: &[Option<usize>], mut i: usize) -> usize {
    while let Some(j) = joins[i] {
        i = j;
    }
    i
}

/// Moves the mentions of every entity that `joins` sends to another into that one, and
/// drops it.
fn merge_joined(entities: &mut Vec<Entity>, joins: &[Option<usize>]) {
    if joins.iter().all(Option::is_none) {
        return;
    }
    let mut moved: Vec<(usize, Vec<Mention>)> = Vec::new();
    for i in 0..entities.len() {
        if joins[i].is_some() {
            moved.push((root(joins, i), std::mem::take(&mut entities[i].mentions)));
        }
    }
    for (keep, mentions) in moved {
        let e = &mut entities[keep];
        e.mentions.extend(mentions);
        e.mentions.sort_by_key(|m| m.start);
        e.mentions.dedup_by_key(|m| (m.start, m.end));
    }
    let mut i = 0;
    entities.retain(|_| {
        let keep = joins[i].is_none();
        i += 1;
        keep
    });
}

/// Where the name of the person tagged at `r` starts. The recogniser sometimes keeps an
/// office and the place it serves in front of a name ("Kakansar Sarinjaya Ruslan
/// Hadiwijaya", "SAR Sarinjaya Ruslan Hadiwijaya"); leading words that are titles,
/// acronyms or words of a place or organisation named in the same text are dropped while
/// two words are left, so the person joins the same name written without them; a title
/// is dropped even when one word is left ("Menlu Blinken" is Blinken, the Antony Blinken
/// of the text), since a title is never a name. `None` when every word is such a word:
/// "Kakansar Sarinjaya" names an office, not a person.
fn person_start(text: &str, r: &NamedSpan, titles: &Titles, other_names: &FastSet<String>, place_after_head: Option<&dyn Fn(&[&str]) -> bool>) -> Option<usize> {
    let span = &text[r.start..r.end];
    let words: Vec<(usize, &str)> = span.split_whitespace().map(|w| (w.as_ptr() as usize - span.as_ptr() as usize, w)).collect();
    // After a word that heads a place ("Gubernur Kepulauan"), the name's first words
    // are that place: the longest that is one, or else the first word. Two words are left.
    if let Some(is_place) = place_after_head.filter(|_| words.len() >= 3) {
        let names: Vec<&str> = words.iter().map(|(_, w)| *w).collect();
        if let Some(n) = (1..=names.len() - 2).rev().find(|&n| is_place(&names[..n])) {
            return Some(r.start + words[n].0);
        }
    }
    let is_acronym = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    let office_word = |word: &str| {
        let lower = word.to_lowercase();
        titles.is_title(&lower) || is_acronym(word) || other_names.contains(&lower)
    };
    if words.len() >= 2 && titles.is_title(&words[0].1.to_lowercase()) && words.iter().all(|(_, w)| office_word(w)) {
        return None;
    }
    let mut first = 0;
    while words.len() - first > 2 && office_word(words[first].1) {
        first += 1;
    }
    if words.len() - first == 2 && titles.is_title(&words[first].1.to_lowercase()) {
        first += 1;
    }
    Some(words.get(first).map_or(r.start, |w| r.start + w.0))
}

/// One name, one kind in an article ("one sense per discourse", Gale, Church & Yarowsky
/// 1992): the recogniser may read "Bandar Sarinjaya" as a place after "di" and as a
/// person in "Polres Bandar Sarinjaya"; every mention of a name written alike takes the
/// kind most of its mentions have, a mention right after a place preposition counting
/// twice for a place. A tie changes nothing.
fn one_kind_per_name(text: &str, mut recognised: Vec<NamedSpan>, place_prepositions: &[String]) -> Vec<NamedSpan> {
    const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Organization, EntityKind::Place];
    let names: Vec<String> = recognised.iter().map(|r| text[r.start..r.end].to_lowercase()).collect();
    let mut votes: FastMap<&str, [u32; 3]> = FastMap::default();
    for (r, name) in recognised.iter().zip(&names) {
        let Some(i) = KINDS.iter().position(|&k| k == r.kind) else { continue };
        let weight = if r.kind == EntityKind::Place && after_place_preposition(text, r.start, place_prepositions) { 2 } else { 1 };
        votes.entry(name).or_default()[i] += weight;
    }
    for (r, name) in recognised.iter_mut().zip(&names) {
        let Some(v) = votes.get(name.as_str()) else { continue };
        let best = (0..3).max_by_key(|&i| v[i]).expect("three kinds");
        if KINDS.contains(&r.kind) && (0..3).all(|i| i == best || v[i] < v[best]) {
            r.kind = KINDS[best];
        }
    }
    recognised
}

/// A person's name that a street, an airport or a campus is named after ("Jl Basuki
/// Rahmat", "Jl HR. Rasuna Said", "Bandara I Gusti Ngurah Rai") is that place, from the
/// word that says so: it stands right before the name, or a few capitalised words or
/// initials before it, or opens the name itself.
fn named_after_place(text: &str, r: NamedSpan, k: &Knowledge) -> NamedSpan {
    if r.kind != EntityKind::Person {
        return r;
    }
    let heads = &k.named_after;
    let is_head = |w: &str| heads.contains(&w.trim_end_matches('.').to_lowercase()) || heads.contains(&w.to_lowercase());
    if text[r.start..r.end].split_whitespace().next().is_some_and(is_head) {
        return NamedSpan { kind: EntityKind::Place, ..r };
    }
    let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let mut end = r.start;
    for _ in 0..4 {
        let before = text[line_start..end].trim_end();
        let word_start = last_word_start(before);
        let word = &before[word_start..];
        // "… Zhang Gang. Menurut Phil Flynn": a full stop after a whole word ends a
        // sentence; only a short form keeps its own ("Jl. Sudirman", "Gg. Mawar").
        if word.is_empty() || word.strip_suffix('.').is_some_and(|w| w.chars().count() > 3) {
            break;
        }
        if is_head(word) {
            return NamedSpan { start: line_start + word_start, end: r.end, kind: EntityKind::Place };
        }
        // "Polres Bandara Soekarno-Hatta AKBP Azhari Kurniawan": a rank or an office
        // before the name makes it its holder's.
        let lower = word.to_lowercase();
        if k.titles_of_all.ranks.contains(&lower) || k.titles_of_all.is_title(&lower) {
            break;
        }
        // A comma or a bracket ends the name: "Universitas Sarinjaya, Made Wiranata" is a
        // person after an apposition.
        if !word.starts_with(char::is_uppercase) || !word.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-') {
            break;
        }
        end = line_start + word_start;
    }
    r
}

/// A name opened or ended by a word that heads a place ("Selat Lembayung", "Lembayung
/// Strait", "Pulau Tanaweri") is that place, not the person the recogniser may take it
/// for. Three words at most: a longer run after "Kota" may hold an office and a name.
fn headed_place(text: &str, r: NamedSpan, k: &Knowledge) -> NamedSpan {
    let words: Vec<String> = text[r.start..r.end].split_whitespace().map(str::to_lowercase).collect();
    let headed = words.len() >= 2
        && words.len() <= 3
        && (words.first().is_some_and(|w| k.place_heads_first.contains(w)) || words.last().is_some_and(|w| k.place_heads_last.contains(w)));
    if r.kind == EntityKind::Person && headed {
        return NamedSpan { kind: EntityKind::Place, ..r };
    }
    r
}

/// People named by their initials after a word of `initials_after` ("pelaku berinisial
/// RH (22) dan MS (25)"): each run of two to four capitals, an age in brackets and a
/// list's comma or conjunction between them.
fn initialled_people(text: &str, k: &Knowledge) -> Vec<Span> {
    let mut out = Vec::new();
    // Most texts name no one so: look for the words before tokenising.
    if !k.initials_written.iter().any(|w| text.contains(w.as_str())) {
        return out;
    }
    let conjunctions = &k.titles_of_all.list_conjunctions;
    let toks = tokens(text);
    for (i, t) in toks.iter().enumerate() {
        if !k.initials_after.contains(&t.text.to_lowercase()) {
            continue;
        }
        let mut j = i + 1;
        while let Some(w) = toks.get(j) {
            let letters = w.text.chars().filter(|c| c.is_alphabetic()).count();
            if (2..=4).contains(&letters) && w.text.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
                out.push(Span::new(w.start, w.end));
                j += 1;
            } else if w.text == "(" && toks.get(j + 1).is_some_and(|n| n.text.bytes().all(|b| b.is_ascii_digit())) && toks.get(j + 2).is_some_and(|c| c.text == ")") {
                j += 3;
            } else if w.text == "," || conjunctions.contains(&w.text.to_lowercase()) {
                j += 1;
            } else {
                break;
            }
        }
    }
    out
}

/// A name of two words or more that the recogniser found once is the same name wherever
/// else the article writes it, whole words where it found nothing ("Sen. J.D. Vance of
/// Ohio" before "J.D. Vance spoke"): one sense per discourse, as for its kind
/// ([`one_kind_per_name`], which has settled it: a mention found so takes the kind of
/// the nearest one read before it, or else the first). One word alone may be a common
/// word elsewhere ("May").
fn repeated_names(text: &str, mut recognised: Vec<NamedSpan>) -> Vec<NamedSpan> {
    let mut names: Vec<&str> = recognised.iter().map(|r| &text[r.start..r.end]).filter(|n| n.contains(' ')).collect();
    // Longest first, so "Air France 447" is read before "Air France" inside it.
    names.sort_unstable_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    names.dedup();
    let boundary = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    recognised.sort_by_key(|r| r.start);
    let mut found: Vec<NamedSpan> = Vec::new();
    for name in names {
        let same = |o: &&NamedSpan| &text[o.start..o.end] == name;
        for at in memchr::memmem::find_iter(text.as_bytes(), name.as_bytes()) {
            let end = at + name.len();
            let whole = boundary(text[..at].chars().next_back()) && boundary(text[end..].chars().next());
            if !whole || recognised.iter().chain(&found).any(|o| o.start < end && at < o.end) {
                continue;
            }
            let before = recognised.partition_point(|o| o.start < at);
            let Some(kind) = recognised[..before].iter().rev().find(same).or_else(|| recognised.iter().find(same)).map(|o| o.kind) else { continue };
            found.push(NamedSpan { start: at, end, kind });
        }
    }
    recognised.extend(found);
    recognised.sort_by_key(|r| r.start);
    recognised
}

/// One to three capital initials, each with its full stop ("J.D.", "W.", "H.R.").
fn is_initials(w: &str) -> bool {
    let letters: Vec<&str> = w.split_inclusive('.').collect();
    (1..=3).contains(&letters.len()) && letters.iter().all(|l| l.len() == 2 && l.as_bytes()[0].is_ascii_uppercase() && l.ends_with('.'))
}

/// "J.D. Vance", "Vladimir V. Putin", "George H.W. Bush": initials right before a
/// person's name are part of it where the recogniser began the name after them, and so
/// is a first name right before them, or the name it read that ends in them ("George
/// H.W").
fn with_initials(text: &str, mut recognised: Vec<NamedSpan>, k: &Knowledge) -> Vec<NamedSpan> {
    let word_before = |p: usize| {
        let before = &text[..p];
        let trimmed = before.trim_end_matches(' ');
        (trimmed.len() + 1 == before.len()).then(|| (last_word_start(trimmed), trimmed.len()))
    };
    let mut merged_away = Vec::new();
    for i in 0..recognised.len() {
        if recognised[i].kind != EntityKind::Person {
            continue;
        }
        let mut start = recognised[i].start;
        // A known short name is no one's initials ("U.S. Geological Survey").
        while let Some((s, _)) = word_before(start).filter(|&(s, e)| is_initials(&text[s..e]) && !k.by_acronym.contains_key(&text[s..e])) {
            start = s;
        }
        if start == recognised[i].start {
            continue;
        }
        // The name read before, ending inside the initials or right before them.
        let before = recognised.iter().position(|o| o.start < start && o.end > start || word_before(start).is_some_and(|(_, e)| o.end == e && o.start < e));
        match before {
            Some(j) if recognised[j].kind == EntityKind::Person => {
                start = recognised[j].start;
                merged_away.push(j);
            }
            Some(_) => continue,
            None => {
                // A word running text writes in lower case opens no name ("Menurut",
                // "Counsel", "The").
                let first_name = word_before(start).filter(|&(s, e)| {
                    let w = &text[s..e];
                    w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase) && w.len() > 1 && !crate::ner::is_lower_case_word(&w.to_lowercase())
                });
                if let Some((s, _)) = first_name {
                    start = s;
                }
            }
        }
        recognised[i].start = start;
    }
    recognised.into_iter().enumerate().filter(|(i, _)| !merged_away.contains(i)).map(|(_, r)| r).collect()
}

/// "105 degrees Fahrenheit", "41 Celsius": a name the recogniser found that is a unit
/// of the number before it (written with a capital for the person it is named after)
/// names no one.
fn unit_of_a_number(text: &str, r: &NamedSpan, units: &crate::time::phrases::Phrases<String>) -> bool {
    if units.at(text, r.start).is_none_or(|(end, _)| end != r.end) {
        return false;
    }
    let before = text[..r.start].trim_end();
    let word_start = last_word_start(before);
    before.ends_with(|c: char| c.is_ascii_digit()) || units.at(text, word_start).is_some_and(|(end, _)| end == r.end)
}

/// "AKBP Jama Kita Purba", "Kolonel Aditya": the capitalised words right after a police
/// or military rank are a person, unless the recogniser named one from there. A name
/// made of common words ("Kita") slips past it, or it runs the name before the rank on
/// through it ("Polres Bandara Soekarno-Hatta AKBP Azhari Kurniawan"): such a name ends
/// before the rank, one inside the person's name is dropped. Not where the rank belongs to an office
/// ("Sekretaris Jenderal NATO") or a street or building is named after its holder
/// ("Jalan Letjen Suprapto"), nor for a place's name.
fn ranked_people(text: &str, language: &str, mut recognised: Vec<NamedSpan>, k: &Knowledge) -> Vec<NamedSpan> {
    let Some(ranks) = &k.ranks_written else { return recognised };
    let titles = k.titles(language);
    let is_name_word = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.clone().any(char::is_lowercase) && chars.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
    };
    for m in ranks.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        let after = text[m.end()..].chars().next();
        if before.is_some_and(char::is_alphanumeric) || !after.is_some_and(|c| c.is_whitespace() || c == '.') {
            continue;
        }
        let rank = text[m.start()..m.end()].to_lowercase();
        let previous = text[..m.start()].split_whitespace().next_back().unwrap_or_default().to_lowercase();
        if k.named_after.contains(previous.trim_end_matches('.')) || titles.title_starting(&format!("{previous} {rank}")).is_some_and(|t| t.split_whitespace().count() >= 2) {
            continue;
        }
        // The words after the rank, up to four, each written as a name; a comma or a
        // full stop glued to one ends the name.
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut at = m.end() + text[m.end()..].len() - text[m.end()..].trim_start_matches('.').len();
        while words.len() < 4 {
            let rest = &text[at..];
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 || rest[..skipped].contains('\n') {
                break;
            }
            let start = at + skipped;
            let word_end = text[start..].find(char::is_whitespace).map_or(text.len(), |e| start + e);
            // Initials ("J.D.") keep their full stops.
            let written = &text[start..word_end];
            let initials = is_initials(written.trim_end_matches([',', ';', ':']));
            let word = if initials { written.trim_end_matches([',', ';', ':']) } else { written.trim_end_matches([',', '.', ';', ':']) };
            let office = |w: &str| titles.is_title(w) || titles.ranks.contains(w);
            if !(initials || is_name_word(word)) || office(&word.to_lowercase()) || office(&written.to_lowercase()) {
                break;
            }
            words.push((start, word));
            at = word_end;
            if word.len() < text[start..word_end].len() {
                break;
            }
        }
        while words.last().is_some_and(|&(_, w)| is_initials(w)) {
            words.pop();
        }
        let (Some(&(start, _)), Some(&(last, last_word))) = (words.first(), words.last()) else { continue };
        let end = last + last_word.len();
        let written: Vec<&str> = words.iter().map(|&(_, w)| w).collect();
        let known_other = k.by_name.get(&written.join(" ").to_lowercase()).is_some_and(|&i| k.entities[i].kind != EntityKind::Person);
        let overlaps = |r: &NamedSpan| r.start < end && m.start() < r.end;
        if known_other || crate::ner::is_gazetteer_place(&written) || recognised.iter().any(|r| overlaps(r) && r.kind == EntityKind::Person && r.start >= m.start()) {
            continue;
        }
        // What a name the recogniser ran on through the rank had before it stays, unless
        // that was a person too ("Army" of "Army Lt. Gen. Mick Bednarek").
        let before_rank = m.start() - (text[..m.start()].len() - text[..m.start()].trim_end().len());
        recognised.retain_mut(|r| {
            if overlaps(r) {
                r.end = before_rank;
                return r.start < r.end && r.kind != EntityKind::Person;
            }
            true
        });
        recognised.push(NamedSpan { start, end, kind: EntityKind::Person });
    }
    recognised.sort_by_key(|r| r.start);
    recognised
}

/// A name of two words or more that ends with an organisation's head word ("Geological
/// Survey", "Federal Election Commission") is that organisation, not the person the
/// recogniser may take it for; so is one that opens with a head written first ("Polres
/// Bandara Soekarno-Hatta", "Dinas Kesehatan"), not the person or the place.
fn headed_organization(text: &str, r: NamedSpan, k: &Knowledge) -> NamedSpan {
    let mut words = text[r.start..r.end].split_whitespace();
    let first = words.next().map(str::to_lowercase).unwrap_or_default();
    let last = words.next_back().map(str::to_lowercase);
    let Some(last) = last else { return r };
    let head_last = r.kind == EntityKind::Person && (k.organization_heads.contains(&last) || k.topic_heads.contains(&last));
    let head_first = matches!(r.kind, EntityKind::Person | EntityKind::Place) && k.organization_heads_first.contains(&first);
    if head_last || head_first {
        return NamedSpan { kind: EntityKind::Organization, ..r };
    }
    r
}

/// "Center for American Progress", "Commission on Presidential Debates": an
/// organisation the recogniser ended at its head word runs on through a connector and
/// the capitalised words after it on its line ("of", "and" may join them: "Center for
/// Public Opinion Research"), not through a time ("the Committee on Monday").
fn run_on_after_head(text: &str, language: &str, r: NamedSpan, k: &Knowledge) -> NamedSpan {
    let head = text[r.start..r.end].split_whitespace().next_back().map(str::to_lowercase).unwrap_or_default();
    if r.kind != EntityKind::Organization || !k.organization_heads.contains(&head) && !k.topic_heads.contains(&head) {
        return r;
    }
    let line_end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
    let after = tokens(&text[r.end..line_end]);
    let lower = |i: usize| after.get(i).map(|t| t.text.to_lowercase()).unwrap_or_default();
    let capitalised = |i: usize| after.get(i).is_some_and(|t| t.text.starts_with(char::is_uppercase)) && !crate::quotes::is_time_word(language, &lower(i));
    let connector = |i: usize| k.organization_connectors.contains(&lower(i));
    let joins = connector(0) && k.organization_heads.contains(&head) || k.topic_connectors.contains(&lower(0)) && k.topic_heads.contains(&head);
    if !joins {
        return r;
    }
    let mut i = if lower(1) == "the" { 2 } else { 1 };
    let mut end = r.end;
    while capitalised(i) || (connector(i) || lower(i) == "and") && capitalised(i + 1) {
        if capitalised(i) {
            end = r.end + after[i].end;
        }
        i += 1;
    }
    NamedSpan { end, ..r }
}

/// A name that ends with a company's suffix is a company ("Mizuho Securities", "Price
/// Futures Group", read as a person and a place); one that goes on after the suffix
/// with a name of two words or more is the company and the person it names ("analis
/// Central China Securities Zhang Gang").
fn company_by_suffix(text: &str, r: NamedSpan, suffixes: &FastSet<String>) -> Vec<NamedSpan> {
    let written = &text[r.start..r.end];
    let words: Vec<(usize, &str)> = written.split_whitespace().map(|w| (w.as_ptr() as usize - written.as_ptr() as usize, w)).collect();
    if words.len() >= 2 && words.last().is_some_and(|(_, w)| suffixes.contains(*w)) {
        return vec![NamedSpan { kind: EntityKind::Organization, ..r }];
    }
    let person_after = |at: usize| words.len() >= at + 3 && words[at + 1..].iter().all(|(_, w)| w.starts_with(char::is_uppercase));
    let Some(at) = (1..words.len()).find(|&i| suffixes.contains(words[i].1) && person_after(i)) else { return vec![r] };
    let company = NamedSpan { end: r.start + words[at].0 + words[at].1.len(), kind: EntityKind::Organization, ..r };
    vec![company, NamedSpan { start: r.start + words[at + 1].0, end: r.end, kind: EntityKind::Person }]
}

/// An organisation read together with the person named after it ("Pelatih Persib Bojan
/// Hodak" as one organisation): after a person's office, when its first word or two name
/// an organisation the article names elsewhere ("Persib", "Persib Bandung") and two or
/// three capitalised words follow that are no place, those are a person.
fn organisation_then_person(text: &str, r: NamedSpan, organisations: &[&str], titles: &Titles, is_place: &dyn Fn(&[&str]) -> bool) -> Vec<NamedSpan> {
    let office_before = text[..r.start].split_whitespace().next_back().is_some_and(|w| titles.is_title(&w.to_lowercase()));
    if r.kind != EntityKind::Organization || !office_before {
        return vec![r];
    }
    let written = &text[r.start..r.end];
    let words: Vec<(usize, &str)> = written.split_whitespace().map(|w| (w.as_ptr() as usize - written.as_ptr() as usize, w)).collect();
    for split in (1..=2).filter(|&split| split < words.len()) {
        let rest = words.len() - split;
        let person: Vec<&str> = words[split..].iter().map(|(_, w)| *w).collect();
        if !(2..=3).contains(&rest) || !person.iter().all(|w| w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase)) || is_place(&person) {
            continue;
        }
        let head = &written[..words[split - 1].0 + words[split - 1].1.len()];
        let named_elsewhere = organisations.iter().filter(|o| **o != written).any(|o| *o == head || o.strip_prefix(head).is_some_and(|tail| tail.starts_with(' ')));
        if named_elsewhere {
            let organisation = NamedSpan { end: r.start + head.len(), ..r };
            return vec![organisation, NamedSpan { start: r.start + words[split].0, end: r.end, kind: EntityKind::Person }];
        }
    }
    vec![r]
}

/// A ship is a product, with the prefix that says so: "KMP Bahari Lestari" tagged whole
/// as a company, "Bahari Lestari" after "KMP", "KMP" alone before the name (the name's
/// capitalised words on the same line join it). A prefix with no name after it names
/// nothing.
fn vessel(text: &str, r: NamedSpan, prefixes: &FastSet<String>) -> Option<NamedSpan> {
    let is_prefix = |w: &str| prefixes.contains(w);
    let written = &text[r.start..r.end];
    let mut words = written.split_whitespace();
    if words.next().is_some_and(is_prefix) {
        if words.next().is_some() {
            return Some(NamedSpan { kind: EntityKind::Product, ..r });
        }
        // The capitalised words after the prefix, on its line.
        let line_end = text[r.end..].find('\n').map_or(text.len(), |i| r.end + i);
        let mut end = r.end;
        for _ in 0..4 {
            let rest = &text[end..line_end];
            let lead = rest.len() - rest.trim_start_matches(' ').len();
            let word_len = rest[lead..].find(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | ')' | '(' | '"' | '”')).unwrap_or(rest.len() - lead);
            let word = &rest[lead..lead + word_len];
            if lead == 0 || word.is_empty() || !word.starts_with(char::is_uppercase) {
                break;
            }
            end += lead + word_len;
        }
        return (end > r.end).then_some(NamedSpan { end, kind: EntityKind::Product, ..r });
    }
    let line_start = text[..r.start].rfind('\n').map_or(0, |i| i + 1);
    let before = text[line_start..r.start].trim_end_matches(' ');
    let word_start = last_word_start(before);
    if before.len() < r.start - line_start && is_prefix(&before[word_start..]) {
        return Some(NamedSpan { start: line_start + word_start, end: r.end, kind: EntityKind::Product });
    }
    Some(r)
}

/// Where the last word of `s` begins: after its last whitespace character, which may
/// be wider than a byte (a no-break space).
fn last_word_start(s: &str) -> usize {
    s.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8())
}

fn kind_prefix(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "org",
        EntityKind::Place => "place",
        EntityKind::Event => "event",
        EntityKind::Product => "product",
        EntityKind::Other => "other",
    }
}

/// Lower-case words joined by hyphens: "Kim Jong-un" and "Kim Jong Un" → "kim-jong-un".
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() && c != '\'' && c != '’' && c != '.' {
            out.push('-');
        }
    }
    out.truncate(out.trim_end_matches('-').len());
    out
}

fn after_place_preposition(text: &str, start: usize, prepositions: &[String]) -> bool {
    let before = text[..start].trim_end();
    let word: String = before.chars().rev().take_while(|c| c.is_alphabetic()).collect::<Vec<_>>().into_iter().rev().collect();
    prepositions.iter().any(|p| p.eq_ignore_ascii_case(&word))
}

/// Titles the text puts right before a mention ("Menteri Luar Negeri AS Antony Blinken",
/// "Sekjen NATO Jens Stoltenberg", "juru bicara Dewan Keamanan Nasional AS, John Kirby")
/// or in apposition after it ("Antony Blinken, Menteri Luar Negeri AS,"). A phrase that
/// holds another person's name (`people`: every person mention) is that person's title
/// in a list, not this one's: "President Barack Obama, Hillary Clinton". `qualifiers`
/// are the other names of the text: a place or body right before an English title is
/// part of the office ("U.S. Trade Representative").
fn roles_of(text: &str, sentence_spans: &[Span], mentions: &[Mention], people: &[Span], qualifiers: &[Span], titles: &Titles, bodies: &FastSet<String>) -> Vec<Role> {
    let mut roles: Vec<Role> = Vec::new();
    for m in mentions {
        let Some(sentence) = sentence_spans.iter().find(|s| s.start <= m.start && m.end <= s.end) else { continue };
        let before = role_before(text, Span::new(sentence.start, m.start), qualifiers, titles, bodies);
        let after = role_after(&text[m.end..sentence.end], m.end, titles);
        for role in before.into_iter().chain(after) {
            let names_someone = people.iter().any(|p| p.start < role.end && role.start < p.end);
            if !names_someone && !roles.iter().any(|r| r.canonical == role.canonical) {
                roles.push(role);
            }
        }
    }
    roles
}

fn first_word(phrase: &str) -> &str {
    phrase.split(' ').next().unwrap_or_default()
}

/// Does `phrase` begin with the whole words of `title` ("menteri luar negeri as" with
/// "menteri", not "menteri" with "men")?
fn starts_with_words(phrase: &str, title: &str) -> bool {
    phrase.strip_prefix(title).is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
}

/// Most words a role phrase takes ("Wakil Menteri Luar Negeri AS" is five).
const ROLE_MAX_WORDS: usize = 8;

/// The title ending right before a mention, and the rank between it and the name when
/// one stands there; `before` is the part of its sentence that precedes it.
fn role_before(text: &str, before: Span, qualifiers: &[Span], titles: &Titles, bodies: &FastSet<String>) -> Vec<Role> {
    let base = before.start;
    let before = &text[before.start..before.end];
    let trimmed = before.trim_end().trim_end_matches(',').trim_end();
    // "Deputi Gubernur Senior Bank Indonesia (BI) Mirza Adityaswara": the acronym in
    // brackets, or the office's short form, stays in the role, the words before it make it.
    let words_end = trimmed
        .strip_suffix(')')
        .and_then(|t| t.rsplit_once('('))
        .filter(|(_, acronym)| {
            let capitals = acronym.chars().filter(|c| c.is_alphabetic()).count() >= 2 && acronym.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-');
            // "Menteri Luar Negeri (Menlu) Retno Marsudi": the office's short form.
            capitals || titles.abbreviations.contains_key(&acronym.to_lowercase())
        })
        .map_or(trimmed.len(), |(head, _)| head.trim_end().len());
    let (full, trimmed) = (trimmed, &trimmed[..words_end]);
    // Only the last words can make the role, and the sentence before a name can be long:
    // tokenise from where the last ROLE_MAX_WORDS runs of non-space begin (each holds a
    // token at least, and tokens never cross spaces, so they are the last tokens).
    let cut = last_runs_start(trimmed, ROLE_MAX_WORDS);
    let words = tokens(&trimmed[cut..]);
    // The full stop of an abbreviation ("Sen.", "Lt. Gov.") is part of the words: the
    // sentence does not end there, or the name would not be in it.
    let abbreviation_stop = |t: &&Token| t.text == "." && t.start > 0 && words.iter().any(|w| w.end == t.start && w.is_word());
    let tail: Vec<_> = words.iter().rev().take_while(|t| t.is_word() || t.text == "-" || abbreviation_stop(t)).take(ROLE_MAX_WORDS).collect::<Vec<_>>().into_iter().rev().collect();
    // The earliest word from which a known title starts wins: the longest phrase.
    for (i, first) in tail.iter().enumerate() {
        if first.text == "." {
            continue;
        }
        let phrase = &trimmed[cut + first.start..];
        let lower = phrase.to_lowercase();
        let Some(title) = titles.title_starting(&lower) else { continue };
        // The words after the title must be a qualifier (capitalised names), not prose;
        // where the qualifier follows the office, an office set off by a comma before the
        // name may have up to two words in lower case ("kuasa hukum tersangka, Rudi
        // Hartono,").
        let title_end = first.start + title.len();
        let qualifier: Vec<&&Token> = tail[i..].iter().filter(|t| t.start >= title_end && t.text != ".").collect();
        let upper = |t: &Token| t.text.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        // "Menteri Energi dan Sumber Daya Mineral": where the qualifier follows the
        // office, a conjunction between two capitalised words of it, when no other office
        // opens after it ("Presiden Joko Widodo dan Menteri Keuangan" is two people's).
        let joins_name = |k: usize| {
            let next = qualifier.get(k + 1);
            !titles.qualifier_before
                && titles.list_conjunctions.contains(&qualifier[k].text.to_lowercase())
                && k > 0
                && upper(qualifier[k - 1])
                && next.is_some_and(|n| upper(n) && titles.title_starting(&trimmed[cut + n.start..].to_lowercase()).is_none())
        };
        let capitalised_at = |k: usize| {
            let t = qualifier[k];
            upper(t) || t.text.eq_ignore_ascii_case("luar") || t.text.eq_ignore_ascii_case("negeri") || joins_name(k)
        };
        let prose = |t: &&&Token| {
            let w = t.text.to_lowercase();
            [&titles.role_prepositions, &titles.list_conjunctions, &titles.clause_words, &titles.description_determiners].iter().any(|set| set.contains(&w))
        };
        let apposed = !titles.qualifier_before && full.len() < before.trim_end().len() && (0..qualifier.len()).filter(|&k| !capitalised_at(k)).count() <= 2 && !qualifier.iter().any(prose);
        if !((0..qualifier.len()).all(capitalised_at) || apposed) {
            continue;
        }
        let title_start = cut + first.start;
        let start = if titles.qualifier_before { qualifier_start(trimmed, title_start, base, qualifiers, bodies) } else { title_start };
        let role = |from: usize, to: usize| {
            let to = from + full[from..to].trim_end().len();
            Role { text: full[from..to].to_string(), canonical: expand(&trimmed[from..to.min(trimmed.len())], titles), start: base + from, end: base + to }
        };
        let rank = tail[i + 1..].iter().find(|t| t.start >= title_end && titles.ranks.contains(&t.text.to_lowercase())).map(|t| cut + t.start);
        return match rank {
            Some(rank) => vec![role(start, rank), role(rank, full.len())],
            None => vec![role(start, full.len())],
        };
    }
    Vec::new()
}

/// Where an office written at `title_start` of `before` (which starts at `base` in the
/// text) begins once the place or body named right before it is counted: a name of the
/// text ("U.S. Trade Representative", "White House press secretary"), possessive or not
/// ("Russia's Foreign Minister"), or a demonym ("Russian President"); the name may own
/// a body in lower case that the office heads (`bodies`: "Cianjur administration head").
/// `title_start` when none stands there.
fn qualifier_start(before: &str, title_start: usize, base: usize, qualifiers: &[Span], bodies: &FastSet<String>) -> usize {
    let mut head = before[..title_start].trim_end();
    if head.len() == title_start {
        return title_start;
    }
    let body_start = last_word_start(head);
    let named_body = bodies.contains(&head[body_start..]) && qualifiers.iter().any(|q| q.end == base + head[..body_start].trim_end().len() && q.start >= base);
    if named_body {
        head = head[..body_start].trim_end();
    }
    let head = head.strip_suffix("'s").or_else(|| head.strip_suffix("’s")).unwrap_or(head);
    if let Some(q) = qualifiers.iter().find(|q| q.end == base + head.len() && q.start >= base) {
        return q.start - base;
    }
    let word_start = last_word_start;
    let last = word_start(head);
    let second_last = word_start(head[..last].trim_end());
    for start in [second_last, last] {
        if start < head.len() && crate::ner::is_demonym(&head[start..].split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()) {
            return start;
        }
    }
    title_start
}

/// Where the last `n` runs of non-whitespace characters of `s` begin; 0 when it has
/// fewer.
fn last_runs_start(s: &str, n: usize) -> usize {
    let mut runs = 0;
    let mut in_run = false;
    for (i, c) in s.char_indices().rev() {
        if !c.is_whitespace() {
            in_run = true;
            continue;
        }
        if in_run {
            runs += 1;
            if runs == n {
                return i + c.len_utf8();
            }
        }
        in_run = false;
    }
    0
}

fn role_after(after: &str, base: usize, titles: &Titles) -> Option<Role> {
    let rest = after.strip_prefix(',')?;
    let mut lead = rest.len() - rest.trim_start().len();
    let phrase_end = lead + rest[lead..].find([',', '.', ';', '(', ')']).unwrap_or(rest.len() - lead);
    // "Ruslan Hadiwijaya, the head of the search agency", "Colin Strother, a Cuellar
    // campaign spokesman": the office without its article.
    if let Some((word, tail)) = rest[lead..phrase_end].split_once(' ') {
        let word = word.to_lowercase();
        if titles.description_determiners.contains(&word) || titles.apposition_articles.contains(&word) {
            lead = phrase_end - tail.trim_start().len();
        }
    }
    let phrase = rest[lead..phrase_end].trim_end();
    if phrase.split_whitespace().count() > ROLE_MAX_WORDS || phrase.is_empty() {
        return None;
    }
    let lower = phrase.to_lowercase();
    if titles.title_starting(&lower).is_none() && !qualified_office(&lower, titles) {
        return None;
    }
    // "dihadiri Menteri BUMN Rini Soemarno, Direktur Utama Pertamina, dan Kepala BPH
    // Migas …": another office after the next comma (a conjunction may come first) makes
    // this one an item of a list. "…, Menteri Pertahanan AS, dan Lloyd Austin" stays.
    if let Some(next) = rest[phrase_end..].strip_prefix(',') {
        let next = next.trim_start().to_lowercase();
        let next = match next.split_once(' ') {
            Some((word, after)) if titles.list_conjunctions.contains(word) => after.trim_start().to_string(),
            _ => next,
        };
        if titles.title_starting(&next).is_some() {
            return None;
        }
    }
    let start = base + 1 + lead;
    Some(Role { text: phrase.to_string(), canonical: expand(phrase, titles), start, end: start + phrase.len() })
}

/// An office its qualifiers precede, as English writes it: "military spokesman in
/// Baghdad", "Cuellar campaign spokesman". At most four words before the title, none of
/// them an article, a preposition or a word that makes a clause ("who", "is"), and
/// after it nothing or a preposition.
fn qualified_office(lower: &str, titles: &Titles) -> bool {
    if !titles.qualifier_before {
        return false;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    (1..words.len().min(5)).any(|k| {
        let tail = words[k..].join(" ");
        let Some(title) = titles.title_starting(&tail) else { return false };
        let after = &words[k + title.split_whitespace().count()..];
        let plain = words[..k].iter().all(|w| {
            w.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '\'' | '’'))
                && ![&titles.role_prepositions, &titles.list_conjunctions, &titles.clause_words, &titles.apposition_articles, &titles.description_determiners].iter().any(|set| set.contains(*w))
        });
        plain && after.first().is_none_or(|w| titles.role_prepositions.contains(*w))
    })
}

/// Expands abbreviations word by word ("Menlu AS" → "menteri luar negeri amerika serikat")
/// so roles compare across outlets.
fn expand(phrase: &str, titles: &Titles) -> String {
    phrase
        .split_whitespace()
        .map(|w| {
            let lower = w.trim_matches(',').to_lowercase();
            titles.abbreviations.get(&lower).cloned().unwrap_or(lower)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_are_the_last_tokens_of_the_whole_text() {
        assert_eq!(last_runs_start("a b  c\nd", 2), 5);
        assert_eq!(last_runs_start("a b", 2), 0);
        assert_eq!(last_runs_start(" a b", 2), 1);
        assert_eq!(last_runs_start(" a b", 3), 0);
        let text = "Dalam jumpa pers, kata juru bicara Kementerian Luar Negeri (Kemlu) AS, Wakil Menteri Luar Negeri AS-Korea 2,5 x";
        for n in 1..12 {
            let cut = last_runs_start(text, n);
            let whole: Vec<(usize, &str)> = tokens(text).into_iter().filter(|t| t.start >= cut).map(|t| (t.start, t.text)).collect();
            let part: Vec<(usize, &str)> = tokens(&text[cut..]).into_iter().map(|t| (cut + t.start, t.text)).collect();
            assert_eq!(whole, part, "{n}");
            assert!(part.len() >= n.min(text.split_whitespace().count()));
        }
    }

    #[test]
    fn names_are_found_as_a_regex_of_them_between_non_word_characters_finds_them() {
        let list: Vec<String> = ["Rusia", "Korea", "Korea Utara", "AS", "Uni Emirat Arab", "Arab", "Negara-negara"].iter().map(|n| n.to_string()).collect();
        let names = alternation(list.iter(), true).unwrap();
        // The reference: an alternation, longest first, between non-word characters.
        let mut sorted: Vec<&String> = list.iter().collect();
        sorted.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let body = sorted.iter().map(|n| regex::escape(n)).collect::<Vec<_>>().join("|");
        let reference = regex::RegexBuilder::new(&format!(r"(?:^|[^\p{{L}}\p{{N}}])({body})(?:$|[^\p{{L}}\p{{N}}])")).case_insensitive(true).build().unwrap();
        for text in [
            "Rusia", "(Rusia)", "Rusia.", "xRusia Rusia", "«Rusia»", "éRusia ke Korea  Utara", "ke AS, lalu as", "Rusia\u{0301} dan Rusia\u{0903}", "\u{0903}Rusia",
            "Korea Utara dan Korea", "AS,Rusia", "RUSIA dan rusia", "Uni Emirat Arab, Arab", "negara-negara Arab", "Korea Utaraan", "",
        ] {
            let mut want = Vec::new();
            let mut from = 0;
            while let Some(m) = reference.captures_at(text, from).and_then(|c| c.get(1)) {
                want.push((m.start(), m.end()));
                from = m.end();
            }
            assert_eq!(names.all(text), want, "{text:?}");
        }
    }

    /// The recogniser's span of the first `name` in `text` at or after byte `from`.
    fn named_from(text: &str, name: &str, from: usize, kind: EntityKind) -> NamedSpan {
        let start = from + text[from..].find(name).unwrap_or_else(|| panic!("no {name:?} after byte {from}"));
        NamedSpan { start, end: start + name.len(), kind }
    }

    fn named(text: &str, name: &str, kind: EntityKind) -> NamedSpan {
        named_from(text, name, 0, kind)
    }

    fn person(text: &str, name: &str) -> NamedSpan {
        named(text, name, EntityKind::Person)
    }

    fn people(text: &str, names: &[&str]) -> Vec<NamedSpan> {
        let mut out = Vec::new();
        for name in names {
            let mut from = 0;
            while let Some(at) = text[from..].find(name) {
                let start = from + at;
                // Skip occurrences inside a longer name already listed.
                if !out.iter().any(|s: &NamedSpan| s.start <= start && start < s.end) {
                    out.push(NamedSpan { start, end: start + name.len(), kind: EntityKind::Person });
                }
                from = start + name.len();
            }
        }
        out
    }

    #[test]
    fn aliases_across_languages_share_one_id() {
        let text = "Tiongkok dan Amerika Serikat berunding. AS menolak, China diam. NATO dan Organisasi Pakta Pertahanan Atlantik Utara sama.";
        let e = canonical_entities(text, "id", &[]);
        let ids: Vec<&str> = e.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["place:china", "place:united-states", "org:nato"]);
        assert_eq!(e[2].name, "NATO");
        assert_eq!(e[2].mentions.len(), 2);
        let china = &e[0];
        assert_eq!(china.mentions.len(), 2);
        assert_eq!(china.name, "China");
        assert_eq!(e[1].name, "Amerika Serikat");
        let english = canonical_entities("China and the United States met.", "en", &[]);
        assert_eq!(english[0].id, "place:china");
        assert_eq!(english[1].id, "place:united-states");
    }

    #[test]
    fn countries_and_international_bodies_are_known_in_both_languages() {
        let id = canonical_entities("Jerman dan Dana Moneter Internasional (IMF) menilai Badan Energi Internasional keliru. Teheran membantah.", "id", &[]);
        let en = canonical_entities("Germany and the IMF said the International Energy Agency was wrong. Tehran denied it.", "en", &[]);
        let ids = |e: &[Entity]| e.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&id), ["place:germany", "org:imf", "org:iea", "place:tehran"]);
        assert_eq!(ids(&id), ids(&en));
        assert_eq!(id[1].mentions.len(), 2, "{:?}", id[1]);
        assert_eq!(id[3].stands_for.as_deref(), Some("gov:iran"));
        // A capital after "di" is the place; a bird is no country.
        let place = canonical_entities("Mereka bertemu di Teheran.", "id", &[]);
        assert_eq!(place[0].stands_for, None);
        assert!(canonical_entities("We ate turkey at Thanksgiving.", "en", &[]).iter().all(|e| e.id != "place:turkey"));
        assert_eq!(ids(&canonical_entities("Turkey closed its border.", "en", &[])), ["place:turkey"]);
        // Another country's body whose name holds an Indonesian acronym is that body.
        assert_eq!(ids(&canonical_entities("DPR AS dan DPR berbeda sikap.", "id", &[])), ["org:us-house", "org:dpr"]);
    }

    #[test]
    fn surnames_and_spellings_join_the_full_name() {
        let text = "Pemimpin Korea Utara Kim Jong-un menyambut Putin. Kim Jong Un tersenyum. Kim lalu berbicara. Sekretaris Jenderal NATO Jens Stoltenberg khawatir. Stoltenberg menambahkan.";
        let spans = people(text, &["Kim Jong-un", "Kim Jong Un", "Kim", "Jens Stoltenberg", "Stoltenberg", "Putin"]);
        let e = canonical_entities(text, "id", &spans);
        let kim = e.iter().find(|e| e.id == "person:kim-jong-un").unwrap();
        assert_eq!(kim.mentions.len(), 3, "{kim:?}");
        let jens = e.iter().find(|e| e.id == "person:jens-stoltenberg").unwrap();
        assert_eq!(jens.mentions.len(), 2);
        // A last name read as an organisation is the person named before with it; not
        // when two people share it, nor before the person is named.
        let text = "Collins spoke first. Sen. Susan Collins voted. According to Collins, it passed. Bill Clinton and Hillary Clinton came. Clinton left.";
        let mut spans = people(text, &["Susan Collins", "Bill Clinton", "Hillary Clinton"]);
        for (name, nth) in [("Collins", 0), ("Collins", 2), ("Clinton", 2)] {
            let start = text.match_indices(name).nth(nth).unwrap().0;
            spans.push(NamedSpan { start, end: start + name.len(), kind: EntityKind::Organization });
        }
        spans.sort_by_key(|s| s.start);
        let e = canonical_entities(text, "en", &spans);
        let mentions = |id: &str| e.iter().find(|e| e.id == id).map_or(0, |e| e.mentions.len());
        assert_eq!((mentions("person:susan-collins"), mentions("org:collins")), (2, 1), "{e:#?}");
        assert_eq!(mentions("org:clinton"), 1, "{e:#?}");
        assert_eq!(jens.roles[0].canonical, "sekretaris jenderal nato");
        assert_eq!(kim.roles[0].canonical, "pemimpin korea utara");
    }

    #[test]
    fn forms_of_address_are_no_part_of_the_name() {
        let text = "Ruslan Hadiwijaya, head of the rescue office, spoke. Mr Ruslan said the search goes on.";
        let e = canonical_entities(text, "en", &people(text, &["Ruslan Hadiwijaya", "Mr Ruslan"]));
        let ids: Vec<&str> = e.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["person:ruslan-hadiwijaya"], "{e:?}");
        assert_eq!(e[0].mentions.len(), 2);
        let alone = canonical_entities("Pak Dimas datang.", "id", &people("Pak Dimas datang.", &["Pak Dimas"]));
        assert_eq!(alone[0].id, "person:dimas");
    }

    #[test]
    fn offices_and_places_in_front_of_a_name_are_no_part_of_it() {
        let text = "Kakansar Sarinjaya Ruslan Hadiwijaya tiba di Kepulauan Sarinjaya. Kepala Kantor SAR Sarinjaya Ruslan Hadiwijaya bicara. Ruslan Hadiwijaya pulang. Presiden Joko Widodo hadir.";
        let mut spans = people(text, &["Kakansar Sarinjaya Ruslan Hadiwijaya", "SAR Sarinjaya Ruslan Hadiwijaya", "Joko Widodo"]);
        let place = text.find("Kepulauan Sarinjaya").unwrap_or(0);
        spans.push(NamedSpan { start: place, end: place + "Kepulauan Sarinjaya".len(), kind: EntityKind::Place });
        let e = canonical_entities(text, "id", &spans);
        let ruslan: Vec<&Entity> = e.iter().filter(|e| e.id == "person:ruslan-hadiwijaya").collect();
        assert_eq!(ruslan.len(), 1, "{e:?}");
        assert_eq!(ruslan[0].name, "Ruslan Hadiwijaya");
        assert!(ruslan[0].mentions.len() >= 2, "{e:?}");
        // Two words are always left: a name is never cut to one.
        let short = "SAR Sarinjaya tiba di Kepulauan Sarinjaya.";
        let mut spans = people(short, &["SAR Sarinjaya"]);
        spans.push(NamedSpan { start: 22, end: short.len() - 1, kind: EntityKind::Place });
        let e = canonical_entities(short, "id", &spans);
        assert!(e.iter().any(|e| e.id == "person:sar-sarinjaya"), "{e:?}");
        // ... unless the other is a title.
        let text = "Menteri Luar Negeri AS Antony Blinken tiba. Menlu Blinken bicara.";
        let e = canonical_entities(text, "id", &people(text, &["Antony Blinken", "Menlu Blinken"]));
        let ids: Vec<&str> = e.iter().filter(|e| e.id.starts_with("person:")).map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["person:antony-blinken"], "{e:?}");
        let blinken = e.iter().find(|e| e.id == "person:antony-blinken").unwrap();
        assert_eq!(blinken.mentions.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(), vec!["Antony Blinken", "Blinken"]);
        assert!(blinken.roles.iter().any(|r| r.canonical == "menteri luar negeri"), "{:?}", blinken.roles);
    }

    #[test]
    fn a_place_head_before_a_name_gives_its_first_word_to_the_office() {
        let text = "Gubernur Kepulauan Sarinjaya Yohana Rumbiak meminta audit. Yohana Rumbiak kecewa.";
        let e = canonical_entities(text, "id", &people(text, &["Sarinjaya Yohana Rumbiak", "Yohana Rumbiak"]));
        let yohana: Vec<&Entity> = e.iter().filter(|e| e.kind == EntityKind::Person).collect();
        assert_eq!(yohana.len(), 1, "{e:?}");
        assert_eq!((yohana[0].id.as_str(), yohana[0].mentions.len()), ("person:yohana-rumbiak", 2));
        assert_eq!(yohana[0].roles.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), vec!["Gubernur Kepulauan Sarinjaya"]);
        // A name of two words keeps both: the head may open the office alone.
        let text = "Wali Kota Budi Santoso hadir.";
        let e = canonical_entities(text, "id", &people(text, &["Budi Santoso"]));
        assert!(e.iter().any(|e| e.id == "person:budi-santoso"), "{e:?}");
    }

    #[test]
    fn a_name_a_place_head_opens_or_ends_is_a_place() {
        let text = "Kapal terbakar di Selat Lembayung dekat Pulau Tanaweri.";
        let kinds: Vec<(String, EntityKind)> = canonical_entities(text, "id", &people(text, &["Selat Lembayung", "Pulau Tanaweri"])).into_iter().map(|e| (e.id, e.kind)).collect();
        assert_eq!(kinds, vec![("place:selat-lembayung".to_string(), EntityKind::Place), ("place:pulau-tanaweri".to_string(), EntityKind::Place)]);
        let text = "The ferry caught fire in the Lembayung Strait. Michael Bay filmed it.";
        let kinds: Vec<(String, EntityKind)> = canonical_entities(text, "en", &people(text, &["Lembayung Strait", "Michael Bay"])).into_iter().map(|e| (e.id, e.kind)).collect();
        assert_eq!(kinds, vec![("place:lembayung-strait".to_string(), EntityKind::Place), ("person:michael-bay".to_string(), EntityKind::Person)]);
    }

    #[test]
    fn a_name_an_organisations_head_ends_is_that_organisation() {
        let text = "The U.S. Geological Survey said so. Trump University closed, Donald Trump said.";
        let kinds: Vec<(String, EntityKind)> = canonical_entities(text, "en", &people(text, &["Geological Survey", "Trump University", "Donald Trump"])).into_iter().map(|e| (e.id, e.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("place:united-states".to_string(), EntityKind::Place),
                ("org:geological-survey".to_string(), EntityKind::Organization),
                ("org:trump-university".to_string(), EntityKind::Organization),
                ("person:donald-trump".to_string(), EntityKind::Person)
            ]
        );
    }

    #[test]
    fn initials_after_their_word_are_people_not_acronyms() {
        let text = "Polisi menangkap pelaku berinisial RH (22) dan AS (25). Korban berinisial MS.";
        let e = canonical_entities(text, "id", &[]);
        let ids: Vec<&str> = e.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["person:rh", "person:as", "person:ms"], "{e:#?}");
        // Elsewhere "AS" is the country.
        let e = canonical_entities("Presiden AS tiba.", "id", &[]);
        assert_eq!(e[0].id, "place:united-states");
    }

    #[test]
    fn companies_the_news_names_are_known_and_a_common_word_only_with_its_capital() {
        // The recogniser took the bank for a person.
        let text = "Economists at Goldman Sachs said so. Apple agreed to pay. An apple a day helps. PT Pertamina (Persero) dan PLN menaikkan harga.";
        let e = canonical_entities(text, "en", &[person(text, "Goldman Sachs")]);
        let ids: Vec<(&str, EntityKind, usize)> = e.iter().map(|e| (e.id.as_str(), e.kind, e.mentions.len())).collect();
        assert_eq!(
            ids,
            vec![("org:goldman-sachs", EntityKind::Organization, 1), ("org:apple", EntityKind::Organization, 1), ("org:pertamina", EntityKind::Organization, 1), ("org:pln", EntityKind::Organization, 1)],
            "{e:#?}"
        );
        assert_eq!(e[1].name, "Apple");
    }

    #[test]
    fn initials_belong_to_the_name_and_a_name_found_once_is_found_again() {
        let text = "Sen. J.D. Vance of Ohio voted no. Later, J.D. Vance spoke. George H.W. Bush and Vladimir V. Putin met.\u{a0}J.K. Rowling wrote. According to W. Neil Eggleston, it ended.";
        // The recogniser found the second Vance only, and "George H.W" apart from Bush.
        let later = text.find("Later").unwrap();
        let mut spans = vec![named_from(text, "Vance", later, EntityKind::Person)];
        spans.extend(["George H.W", "Bush", "Putin", "Rowling", "Neil Eggleston"].map(|name| person(text, name)));
        let e = canonical_entities(text, "en", &spans);
        let people: Vec<(&str, usize)> = e.iter().filter(|e| e.kind == EntityKind::Person).map(|e| (e.name.as_str(), e.mentions.len())).collect();
        assert_eq!(
            people,
            vec![("J.D. Vance", 2), ("George H.W. Bush", 1), ("Vladimir V. Putin", 1), ("J.K. Rowling", 1), ("W. Neil Eggleston", 1)],
            "{e:#?}"
        );
        let vance = e.iter().find(|e| e.name == "J.D. Vance").expect("found");
        assert!(vance.roles.iter().any(|r| r.text == "Sen."), "{vance:#?}");
    }

    #[test]
    fn a_name_opened_by_an_organisations_head_is_that_organisation() {
        let text = "Polres Bandara Soekarno-Hatta menangkap pelaku. Kementerian BUMN menanggapi. Polres hadir.";
        let spans = vec![named(text, "Polres Bandara Soekarno-Hatta", EntityKind::Place), named(text, "Kementerian BUMN", EntityKind::Place)];
        let e = canonical_entities(text, "id", &spans);
        let kinds: Vec<(&str, EntityKind)> = e.iter().map(|e| (e.name.as_str(), e.kind)).collect();
        assert_eq!(kinds, vec![("Polres Bandara Soekarno-Hatta", EntityKind::Organization), ("Kementerian BUMN", EntityKind::Organization)], "{e:#?}");
    }

    #[test]
    fn a_unit_after_a_number_names_no_one() {
        let text = "Temperatures reached 105 degrees Fahrenheit (41 Celsius). Anders Celsius was Swedish.";
        let e = canonical_entities(text, "en", &[person(text, "Fahrenheit"), person(text, "Celsius"), person(text, "Anders Celsius")]);
        let ids: Vec<&str> = e.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["person:anders-celsius"], "{e:#?}");
    }

    #[test]
    fn the_name_after_a_rank_is_a_person() {
        // The recogniser found nothing: a name made of common words.
        let text = "Kasat Reskrim Polrestabes Medan AKBP Jama Kita Purba mengatakan, pelaku ditangkap. Kolonel Aditya, komandan, hadir.";
        let e = canonical_entities(text, "id", &[]);
        let ids: Vec<&str> = e.iter().filter(|e| e.kind == EntityKind::Person).map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["person:jama-kita-purba", "person:aditya"], "{e:#?}");
        let jama = &e.iter().find(|e| e.id == "person:jama-kita-purba").expect("found").roles;
        assert!(jama.iter().any(|r| r.text == "AKBP") && jama.iter().any(|r| r.text == "Kasat Reskrim Polrestabes Medan"), "{jama:#?}");
        // A name the recogniser ran on from the place before the rank ends there, and
        // the place's head word does not make the person a place named after them.
        let text = "Kasat Reskrim Polres Bandara Soekarno-Hatta AKBP Azhari Kurniawan mengatakan hal itu.";
        let e = canonical_entities(text, "id", &[person(text, "Bandara Soekarno-Hatta AKBP Azhari Kurniawan")]);
        assert!(e.iter().any(|e| e.id == "person:azhari-kurniawan"), "{e:#?}");
        let e = canonical_entities(text, "id", &[person(text, "Azhari Kurniawan")]);
        assert!(e.iter().any(|e| e.id == "person:azhari-kurniawan" && e.kind == EntityKind::Person), "{e:#?}");
        // Not a rank of an office, nor a street named after an officer.
        for text in ["Sekretaris Jenderal NATO Jens hadir.", "Macet di Jalan Letjen Suprapto pagi ini."] {
            let e = canonical_entities(text, "id", &[]);
            assert!(e.iter().all(|e| e.kind != EntityKind::Person), "{text}: {e:#?}");
        }
    }

    #[test]
    fn a_person_read_with_the_organisation_before_them_is_split_off_after_an_office() {
        let text = "Persib Bandung menang. Pelatih Persib Bojan Hodak puas. Kepala KSOP Teluk Randai hadir. Pelatih Persib hadir.";
        let org = |name: &str, from: usize| named_from(text, name, from, EntityKind::Organization);
        let spans = vec![org("Persib Bandung", 0), org("Persib Bojan Hodak", 0), org("KSOP", 0), org("KSOP Teluk Randai", 0), org("Persib", text.rfind("Persib").unwrap())];
        let e = canonical_entities(text, "id", &spans);
        let hodak = e.iter().find(|e| e.id == "person:bojan-hodak").unwrap_or_else(|| panic!("{e:#?}"));
        assert_eq!(hodak.roles[0].text, "Pelatih Persib");
        // A place after the organisation stays in its name.
        assert!(e.iter().all(|e| e.kind != EntityKind::Person || e.id == "person:bojan-hodak"), "{e:#?}");
    }

    #[test]
    fn a_public_figures_short_name_is_that_person() {
        let text = "Presiden Joko Widodo meninjau lokasi. Jokowi meminta evakuasi dipercepat. Pak Jokowi juga bertemu SBY.";
        let mut spans = people(text, &["Joko Widodo", "Jokowi", "Pak Jokowi"]);
        // The recogniser may read an acronym as an organisation.
        let sby = text.find("SBY").unwrap();
        spans.push(NamedSpan { start: sby, end: sby + 3, kind: EntityKind::Organization });
        let e = canonical_entities(text, "id", &spans);
        let ids: Vec<(&str, usize)> = e.iter().map(|e| (e.id.as_str(), e.mentions.len())).collect();
        assert_eq!(ids, vec![("person:joko-widodo", 3), ("person:susilo-bambang-yudhoyono", 1)], "{e:#?}");
    }

    #[test]
    fn an_english_office_after_a_name_may_have_its_article() {
        let text = "\"We widened the search,\" said Ruslan Hadiwijaya, the head of the search agency in Sarinjaya. Police said so.";
        let e = canonical_entities(text, "en", &people(text, &["Ruslan Hadiwijaya"]));
        let roles: Vec<&str> = e[0].roles.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(roles, vec!["head of the search agency in Sarinjaya"]);
        let role = &e[0].roles[0];
        assert_eq!(&text[role.start..role.end], "head of the search agency in Sarinjaya");
        // "the" before a word that is no office names no role.
        let text = "Ruslan Hadiwijaya, the man who led it, left.";
        assert!(canonical_entities(text, "en", &people(text, &["Ruslan Hadiwijaya"]))[0].roles.is_empty());
    }

    #[test]
    fn an_english_office_in_apposition_may_follow_its_qualifiers_and_an_article() {
        let text = "Colin Strother, a Cuellar campaign spokesman, said so. Steven Warren, a military spokesman in Baghdad, agreed. John Smith, a man who is a spokesman for nobody, left.";
        let e = canonical_entities(text, "en", &people(text, &["Colin Strother", "Steven Warren", "John Smith"]));
        let roles = |name: &str| e.iter().find(|e| e.name == name).map(|e| e.roles.iter().map(|r| r.text.clone()).collect::<Vec<_>>()).unwrap_or_default();
        assert_eq!(roles("Colin Strother"), vec!["Cuellar campaign spokesman"]);
        assert_eq!(roles("Steven Warren"), vec!["military spokesman in Baghdad"]);
        assert!(roles("John Smith").is_empty(), "{e:?}");
        // Prose after the office is no part of it: no role.
        let text = "Jane Roe, a campaign spokesman said nothing.";
        assert!(canonical_entities(text, "en", &people(text, &["Jane Roe"]))[0].roles.is_empty());
    }

    #[test]
    fn a_title_and_a_place_alone_name_an_office_not_a_person() {
        let text = "Menurut Kakansar Sarinjaya, Ruslan Hadiwijaya, kapal tenggelam di Kepulauan Sarinjaya.";
        let mut spans = people(text, &["Kakansar Sarinjaya", "Ruslan Hadiwijaya"]);
        let place = text.find("Kepulauan Sarinjaya").unwrap();
        spans.push(NamedSpan { start: place, end: place + "Kepulauan Sarinjaya".len(), kind: EntityKind::Place });
        let ids: Vec<String> = canonical_entities(text, "id", &spans).into_iter().map(|e| e.id).collect();
        assert_eq!(ids, vec!["person:ruslan-hadiwijaya", "place:kepulauan-sarinjaya"]);
    }

    #[test]
    fn a_name_keeps_one_kind_in_an_article() {
        let text = "Aparat Polres Bandar Sarinjaya memeriksa kapal di Bandar Sarinjaya. Warga Bandar Sarinjaya cemas. Jordan Kaunang dan Jordan bicara.";
        let at = |name: &str, nth: usize| text.match_indices(name).nth(nth).unwrap().0;
        let span = |start: usize, name: &str, kind| NamedSpan { start, end: start + name.len(), kind };
        let spans = vec![
            span(at("Bandar Sarinjaya", 0), "Bandar Sarinjaya", EntityKind::Person),
            span(at("Bandar Sarinjaya", 1), "Bandar Sarinjaya", EntityKind::Place),
            span(at("Bandar Sarinjaya", 2), "Bandar Sarinjaya", EntityKind::Person),
            span(at("Jordan Kaunang", 0), "Jordan Kaunang", EntityKind::Person),
            span(at("Jordan", 1), "Jordan", EntityKind::Place),
        ];
        let e = canonical_entities(text, "id", &spans);
        let place = e.iter().find(|e| e.id == "place:bandar-sarinjaya").unwrap();
        // Two readings as a person against one as a place after "di", which counts twice:
        // a tie, so nothing changes.
        assert_eq!(place.mentions.len(), 1, "{e:?}");
        let spans: Vec<NamedSpan> = spans.into_iter().enumerate().filter(|(i, _)| *i != 2).map(|(_, s)| s).collect();
        let e = canonical_entities(text, "id", &spans);
        // And the mention the recogniser missed is that place too ("Warga Bandar Sarinjaya").
        let place = e.iter().find(|e| e.id == "place:bandar-sarinjaya").unwrap();
        assert_eq!(place.mentions.len(), 3, "{e:?}");
        assert!(!e.iter().any(|e| e.id == "person:bandar-sarinjaya"), "{e:?}");
        // Names written differently vote apart: "Jordan" stays a place.
        assert!(e.iter().any(|e| e.id == "place:jordan") && e.iter().any(|e| e.id == "person:jordan-kaunang"), "{e:?}");
    }

    #[test]
    fn roles_are_expanded_so_outlets_compare() {
        let text = "Menlu AS Antony Blinken tiba. Menteri Luar Negeri AS Antony Blinken bicara. Juru bicara Dewan Keamanan Nasional AS, John Kirby, mengatakan hal itu.";
        let spans = people(text, &["Antony Blinken", "John Kirby"]);
        let e = canonical_entities(text, "id", &spans);
        let blinken = e.iter().find(|e| e.id == "person:antony-blinken").unwrap();
        assert_eq!(blinken.roles.len(), 1, "{:?}", blinken.roles);
        assert_eq!(blinken.roles[0].canonical, "menteri luar negeri amerika serikat");
        let kirby = e.iter().find(|e| e.id == "person:john-kirby").unwrap();
        assert_eq!(kirby.roles[0].text, "Juru bicara Dewan Keamanan Nasional AS");
        // A rank between the office and the name is a role of its own.
        let ranked = "Kapolda Jawa Barat Irjen Akhmad Wiyagus dan Sekretaris Jenderal NATO Jens Stoltenberg hadir.";
        let e = canonical_entities(ranked, "id", &people(ranked, &["Akhmad Wiyagus", "Jens Stoltenberg"]));
        let roles = |id: &str| e.iter().find(|e| e.id == id).unwrap().roles.iter().map(|r| (r.text.clone(), &ranked[r.start..r.end] == r.text)).collect::<Vec<_>>();
        assert_eq!(roles("person:akhmad-wiyagus"), vec![("Kapolda Jawa Barat".to_string(), true), ("Irjen".to_string(), true)]);
        assert_eq!(roles("person:jens-stoltenberg"), vec![("Sekretaris Jenderal NATO".to_string(), true)], "a rank inside an office is the office's");
        let r = &kirby.roles[0];
        assert_eq!(&text[r.start..r.end], r.text);
        // A closing bracket ends an apposition as a comma does.
        let bracketed = "(Tony Prasetiantono, Kepala Pusat Studi Ekonomi UGM) menilai harga turun.";
        let e = canonical_entities(bracketed, "id", &[person(bracketed, "Tony Prasetiantono")]);
        assert_eq!(e[0].roles[0].text, "Kepala Pusat Studi Ekonomi UGM");
        let apposition = "Antony Blinken, Menteri Luar Negeri AS, menyoroti upaya Rusia.";
        let e = canonical_entities(apposition, "id", &[person(apposition, "Antony Blinken")]);
        assert_eq!(e[0].roles[0].canonical, "menteri luar negeri amerika serikat");
        // An office between two commas with another office after it is an item of a
        // list; a name after the conjunction keeps the apposition.
        let list = "Rapat dihadiri Menteri BUMN Rini Soemarno, Direktur Utama Pertamina, dan Kepala BPH Migas Andi Someng.";
        let e = canonical_entities(list, "id", &people(list, &["Rini Soemarno", "Andi Someng"]));
        let rini = e.iter().find(|e| e.id == "person:rini-soemarno").unwrap();
        assert_eq!(rini.roles.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(), ["Menteri BUMN"]);
        // A conjunction inside the office's name, not between two people's offices.
        let joined = "Menteri Energi dan Sumber Daya Mineral (ESDM) Bahlil Lahadalia tiba. Presiden Joko Widodo dan Menteri Keuangan Sri Mulyani hadir.";
        let e = canonical_entities(joined, "id", &people(joined, &["Bahlil Lahadalia", "Joko Widodo", "Sri Mulyani"]));
        let roles = |id: &str| e.iter().find(|e| e.id == id).unwrap().roles.iter().map(|r| r.text.clone()).collect::<Vec<_>>();
        assert_eq!(roles("person:bahlil-lahadalia"), ["Menteri Energi dan Sumber Daya Mineral (ESDM)"]);
        assert_eq!(roles("person:sri-mulyani"), ["Menteri Keuangan"]);
        assert_eq!(roles("person:joko-widodo"), ["Presiden"]);
        // The office's short form in brackets stays in the role.
        let short = "Menteri Luar Negeri (Menlu) Retno Marsudi menegaskan hal itu.";
        let e = canonical_entities(short, "id", &people(short, &["Retno Marsudi"]));
        assert_eq!((e[0].roles[0].text.as_str(), e[0].roles[0].canonical.as_str()), ("Menteri Luar Negeri (Menlu)", "menteri luar negeri"));
        // An office set off by a comma may end in words in lower case.
        let apposed = "Sementara itu, kuasa hukum tersangka, Rudi Hartono, membantah. Pengacara itu, Budi, diam.";
        let e = canonical_entities(apposed, "id", &people(apposed, &["Rudi Hartono", "Budi"]));
        let roles: Vec<Vec<&str>> = e.iter().map(|e| e.roles.iter().map(|r| r.text.as_str()).collect()).collect();
        assert_eq!(roles, vec![vec!["kuasa hukum tersangka"], vec![]], "a description names no role here");
        let pair = "Antony Blinken, Menteri Luar Negeri AS, dan Lloyd Austin tiba.";
        let e = canonical_entities(pair, "id", &people(pair, &["Antony Blinken", "Lloyd Austin"]));
        let blinken = e.iter().find(|e| e.id == "person:antony-blinken").unwrap();
        assert_eq!(blinken.roles[0].text, "Menteri Luar Negeri AS");
    }

    /// The roles, as written, of each person of an English text, by entity id.
    fn english_roles(text: &str, names: &[&str]) -> std::collections::BTreeMap<String, Vec<String>> {
        canonical_entities(text, "en", &people(text, names)).into_iter().map(|e| (e.id, e.roles.into_iter().map(|r| r.text).collect())).collect()
    }

    #[test]
    fn a_title_before_another_person_in_a_list_is_not_the_next_ones_role() {
        let roles = english_roles("The group views President Barack Obama, Hillary Clinton and Paul Ryan favorably.", &["Barack Obama", "Hillary Clinton", "Paul Ryan"]);
        let role = |id: &str| roles[id].clone();
        assert_eq!(role("person:barack-obama"), vec!["President"]);
        assert!(role("person:hillary-clinton").is_empty(), "{:?}", role("person:hillary-clinton"));
    }

    #[test]
    fn english_offices_named_before_a_person_are_roles() {
        let text = "U.S. Trade Representative Robert Lighthizer met Treasury Secretary Steven Mnuchin and White House economic adviser Larry Kudlow.";
        let roles = english_roles(text, &["Robert Lighthizer", "Steven Mnuchin", "Larry Kudlow"]);
        let role = |id: &str| roles[id].clone();
        assert_eq!(role("person:robert-lighthizer"), vec!["U.S. Trade Representative"]);
        assert_eq!(role("person:steven-mnuchin"), vec!["Treasury Secretary"]);
        assert_eq!(role("person:larry-kudlow"), vec!["White House economic adviser"]);
        let e = canonical_entities(text, "en", &people(text, &["Robert Lighthizer"]));
        let lighthizer = e.iter().find(|e| e.id == "person:robert-lighthizer").unwrap();
        assert_eq!(lighthizer.roles[0].canonical, "united states trade representative");
        // A named place may own the body the office heads.
        let text = "Cianjur administration head Herman Suherman told reporters.";
        let mut spans = people(text, &["Herman Suherman"]);
        spans.push(NamedSpan { start: 0, end: 7, kind: EntityKind::Place });
        let e = canonical_entities(text, "en", &spans);
        let herman = e.iter().find(|e| e.id == "person:herman-suherman").unwrap();
        assert_eq!(herman.roles[0].text, "Cianjur administration head");
    }

    #[test]
    fn a_description_names_the_last_person_named_who_holds_its_office() {
        let text = "Vermont Sen. Bernie Sanders spoke. President Barack Obama spoke. Former President Bill Clinton spoke later. The Vermont senator left. The president left. The mayor left.";
        let mut recognised = people(text, &["Bernie Sanders", "Barack Obama", "Bill Clinton"]);
        recognised.push(NamedSpan { start: 0, end: "Vermont".len(), kind: EntityKind::Place });
        recognised.sort_by_key(|r| r.start);
        let entities = canonical_entities(text, "en", &recognised);
        let described = |phrase: &str| {
            let start = text.find(phrase).unwrap();
            described_person(text, Span::new(start, start + phrase.len()), "en", &entities).map(|e| e.id.clone())
        };
        assert_eq!(described("The Vermont senator").as_deref(), Some("person:bernie-sanders"));
        assert_eq!(described("The president").as_deref(), Some("person:barack-obama"), "a former president is no president");
        assert_eq!(described("The mayor"), None, "nobody named holds the office");
        assert_eq!(described("Bernie Sanders"), None, "a name is no description");
        let text = "Gubernur Jawa Barat Ridwan Kamil meninjau lokasi banjir. Gubernur itu berjanji membantu.";
        let entities = canonical_entities(text, "id", &people(text, &["Ridwan Kamil"]));
        let start = text.rfind("Gubernur").unwrap();
        let found = described_person(text, Span::new(start, start + "Gubernur".len()), "id", &entities);
        assert_eq!(found.map(|e| e.id.as_str()), Some("person:ridwan-kamil"), "the determiner after the office");
        let text = "Menteri Keuangan Sri Mulyani Indrawati dan Menteri Luar Negeri Retno Marsudi hadir. Menkeu menambahkan bahwa Menlu akan berangkat. Menhan tidak hadir.";
        let entities = canonical_entities(text, "id", &people(text, &["Sri Mulyani Indrawati", "Retno Marsudi"]));
        let described = |phrase: &str| {
            let start = text.find(phrase).unwrap();
            described_person(text, Span::new(start, start + phrase.len()), "id", &entities).map(|e| e.id.clone())
        };
        assert_eq!(described("Menkeu").as_deref(), Some("person:sri-mulyani-indrawati"), "an abbreviated office names its holder");
        assert_eq!(described("Menlu").as_deref(), Some("person:retno-marsudi"));
        assert_eq!(described("Menhan"), None, "nobody named holds the office");
    }

    #[test]
    fn an_organisation_ended_at_its_head_runs_on_through_its_connector() {
        let text = "The Center for American Progress, the Commission on Presidential Debates, Hofstra University on Long Island and the Committee on Monday met.";
        let org = |name: &str| {
            let start = text.find(name).unwrap();
            NamedSpan { start, end: start + name.len(), kind: EntityKind::Organization }
        };
        let recognised = [org("Center"), org("Commission"), org("Hofstra University"), org("Committee")];
        let names: Vec<String> = canonical_entities(text, "en", &recognised).into_iter().map(|e| e.name).collect();
        assert_eq!(names, vec!["Center for American Progress", "Commission on Presidential Debates", "Hofstra University", "Committee"]);
    }

    #[test]
    fn a_company_suffix_makes_a_company_and_a_name_after_it_a_person() {
        let text = "Analis Central China Securities Zhang Gang dan Phil Flynn dari Price Futures Group berbicara.";
        let span = |name: &str, kind| {
            let start = text.find(name).unwrap();
            NamedSpan { start, end: start + name.len(), kind }
        };
        let recognised = [span("Central China Securities Zhang Gang", EntityKind::Organization), span("Phil Flynn", EntityKind::Person), span("Price Futures Group", EntityKind::Place)];
        let found: Vec<(EntityKind, String)> = canonical_entities(text, "id", &recognised).into_iter().map(|e| (e.kind, e.name)).collect();
        assert_eq!(
            found,
            vec![
                (EntityKind::Organization, "Central China Securities".to_string()),
                (EntityKind::Person, "Zhang Gang".to_string()),
                (EntityKind::Person, "Phil Flynn".to_string()),
                (EntityKind::Organization, "Price Futures Group".to_string()),
            ]
        );
    }

    #[test]
    fn a_us_state_abbreviated_is_the_state() {
        let text = "Donna Rawlings of Ashton, Md., met Sen. David Perdue (R-Ga.) in Tulsa, Okla.";
        let entities = canonical_entities(text, "en", &people(text, &["Donna Rawlings", "David Perdue"]));
        let ids: Vec<&str> = entities.iter().filter(|e| e.kind == EntityKind::Place).map(|e| e.id.as_str()).collect();
        assert_eq!(ids, vec!["place:maryland", "place:georgia-state", "place:oklahoma"], "Georgia the country is not the state");
    }

    #[test]
    fn an_abbreviated_office_is_a_role_and_its_words_name_nothing() {
        let text = "Sen. David Perdue met Lt. Gov. Ralph Northam, Vermont Sen. Bernie Sanders and Secretary of State John Kerry.";
        let mut recognised = people(text, &["David Perdue", "Ralph Northam", "Bernie Sanders", "John Kerry"]);
        // What a recogniser may make of the office's words.
        for word in ["Lt", "Vermont", "State"] {
            let start = text.find(word).unwrap();
            recognised.push(NamedSpan { start, end: start + word.len(), kind: EntityKind::Place });
        }
        recognised.sort_by_key(|r| r.start);
        let entities = canonical_entities(text, "en", &recognised);
        let roles: std::collections::BTreeMap<_, _> = entities.iter().map(|e| (e.id.as_str(), e.roles.iter().map(|r| r.text.as_str()).collect::<Vec<_>>())).collect();
        assert_eq!(roles["person:david-perdue"], vec!["Sen."]);
        assert_eq!(roles["person:ralph-northam"], vec!["Lt. Gov."]);
        assert_eq!(roles["person:bernie-sanders"], vec!["Vermont Sen."]);
        assert_eq!(roles["person:john-kerry"], vec!["Secretary of State"]);
        let places: Vec<&str> = entities.iter().filter(|e| e.kind == EntityKind::Place).map(|e| e.name.as_str()).collect();
        assert_eq!(places, vec!["Vermont"], "a place that qualifies an office stays; the office's own words go");
    }

    #[test]
    fn an_english_office_keeps_the_country_written_before_it() {
        let text = "Russia's Foreign Minister Sergei Lavrov met Russian President Vladimir Putin and North Korean leader Kim Jong Un.";
        let roles = english_roles(text, &["Sergei Lavrov", "Vladimir Putin", "Kim Jong Un"]);
        assert_eq!(roles["person:sergei-lavrov"], vec!["Russia's Foreign Minister"]);
        assert_eq!(roles["person:vladimir-putin"], vec!["Russian President"]);
        assert_eq!(roles["person:kim-jong-un"], vec!["North Korean leader"]);
        let roles = english_roles("Republican presidential nominee Donald Trump met House Speaker Paul Ryan.", &["Donald Trump", "Paul Ryan"]);
        assert_eq!(roles["person:donald-trump"], vec!["Republican presidential nominee"]);
        assert_eq!(roles["person:paul-ryan"], vec!["House Speaker"]);
        // A word before the office that names no place is prose, not part of it.
        let roles = english_roles("On Monday President Barack Obama spoke.", &["Barack Obama"]);
        assert_eq!(roles["person:barack-obama"], vec!["President"]);
    }

    #[test]
    fn short_forms_of_another_language_are_no_titles() {
        // "AS" (Amerika Serikat) qualifies an Indonesian office; English "as" is a word.
        let text = "Donald Trump, as the nominee, spoke. As President Obama said, it matters.";
        let roles = english_roles(text, &["Donald Trump", "Obama"]);
        assert!(roles["person:donald-trump"].is_empty(), "{roles:?}");
        assert_eq!(roles["person:obama"], vec!["President"]);
        let text = "Hal itu, kata Donald Trump, AS akan bertindak.";
        let e = canonical_entities(text, "id", &people(text, &["Donald Trump"]));
        assert!(e.iter().all(|e| e.roles.is_empty()), "{e:?}");
    }

    #[test]
    fn a_person_a_street_or_an_airport_is_named_after_is_that_place() {
        let text = "SPBU 34-13414: Jl Basuki Rahmat No. 64\nSPBU 31-12902: Jl HR. Rasuna Said Kav. X2/2\nPakar dari Universitas Sarinjaya, Made Wiranata, menilai.";
        let e = canonical_entities(text, "id", &people(text, &["Basuki Rahmat", "Rasuna Said", "Made Wiranata"]));
        let kind_of = |name: &str| e.iter().find(|e| e.mentions.iter().any(|m| m.text == name)).map(|e| e.kind);
        assert_eq!(kind_of("Jl Basuki Rahmat"), Some(EntityKind::Place), "{e:?}");
        assert_eq!(kind_of("Jl HR. Rasuna Said"), Some(EntityKind::Place), "{e:?}");
        // An apposition after a comma is the person it names.
        assert_eq!(kind_of("Made Wiranata"), Some(EntityKind::Person), "{e:?}");
        // A full stop after a whole word ends the sentence: "Gang" is a name there, not
        // an alley before the next sentence's person.
        let text = "kata analis Zhang Gang. Menurut Phil Flynn, harga turun.";
        let e = canonical_entities(text, "id", &people(text, &["Zhang Gang", "Phil Flynn"]));
        assert_eq!(kind_of_in(&e, "Phil Flynn"), Some(EntityKind::Person), "{e:?}");
    }

    fn kind_of_in(e: &[Entity], name: &str) -> Option<EntityKind> {
        e.iter().find(|e| e.mentions.iter().any(|m| m.text == name)).map(|e| e.kind)
    }

    #[test]
    fn metonyms_stand_for_their_government_but_places_stay_places() {
        let e = canonical_entities("Moskow membantah tuduhan itu, kata Kremlin.", "id", &[]);
        assert_eq!(e[0].stands_for.as_deref(), Some("gov:russia"));
        assert_eq!(e[1].stands_for.as_deref(), Some("gov:russia"));
        let e = canonical_entities("Pertemuan digelar di Moskow pekan lalu.", "id", &[]);
        assert_eq!(e[0].stands_for, None);
    }

    #[test]
    fn wide_spaces_before_a_name_or_an_office_are_read_whole() {
        // No-break and ideographic spaces are several bytes long.
        for text in ["Kantor\u{a0}Jl Basuki Rahmat tiba.", "Then\u{3000}Russian President Vladimir Putin spoke.", "Then\u{a0}U.S. Trade Representative Robert Lighthizer spoke."] {
            let names = ["Basuki Rahmat", "Vladimir Putin", "Robert Lighthizer"];
            let found: Vec<&str> = names.iter().copied().filter(|n| text.contains(n)).collect();
            let language = if text.starts_with("Jl") { "id" } else { "en" };
            let e = canonical_entities(text, language, &people(text, &found));
            assert!(!e.is_empty(), "{text}");
        }
    }

    #[test]
    fn an_acronym_in_brackets_is_the_short_form_of_the_name_before_it() {
        let text = "Gabungan Pengusaha Kelapa Sawit Indonesia (GAPKI) bertemu di Medan. GAPKI menahan ekspor. Deputi Gubernur Bank Indonesia (BI) Mirza Adityaswara hadir. Indonesia Deepwater Development (IDD) berjalan. NEW YORK (AP) - Harga turun.";
        let org = |name: &str| {
            let start = text.find(name).unwrap();
            NamedSpan { start, end: start + name.len(), kind: EntityKind::Organization }
        };
        let mut recognised = vec![org("Gabungan Pengusaha Kelapa Sawit Indonesia"), org("Bank Indonesia"), org("Indonesia Deepwater Development"), person(text, "Mirza Adityaswara")];
        for (name, nth) in [("GAPKI", 0), ("GAPKI", 1)] {
            let start = text.match_indices(name).nth(nth).unwrap().0;
            recognised.push(NamedSpan { start, end: start + name.len(), kind: EntityKind::Organization });
        }
        let start = text.find("IDD").unwrap();
        recognised.push(NamedSpan { start, end: start + 3, kind: EntityKind::Place });
        let start = text.find("NEW YORK").unwrap();
        recognised.push(NamedSpan { start, end: start + 8, kind: EntityKind::Place });
        recognised.sort_by_key(|r| r.start);
        let e = canonical_entities(text, "id", &recognised);
        let by_id = |id: &str| e.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("{id}: {e:#?}"));
        // One entity under the acronym's id, named by the longest form.
        let gapki = by_id("org:gapki");
        assert_eq!((gapki.name.as_str(), gapki.mentions.len()), ("Gabungan Pengusaha Kelapa Sawit Indonesia", 3));
        assert!(e.iter().all(|x| x.id != "org:gabungan-pengusaha-kelapa-sawit-indonesia"));
        // An acronym the recogniser left out is a mention of the name, and stays in the
        // role it is part of.
        assert!(by_id("org:bank-indonesia").mentions.iter().any(|m| m.text == "BI"));
        let role = &by_id("person:mirza-adityaswara").roles[0];
        assert_eq!((role.text.as_str(), role.canonical.as_str()), ("Deputi Gubernur Bank Indonesia (BI)", "deputi gubernur bank indonesia"));
        // The kind of the whole name wins over the acronym's.
        assert_eq!(by_id("org:idd").mentions.len(), 2);
        // A dateline is no name and its acronym.
        assert!(e.iter().all(|x| x.mentions.iter().all(|m| m.text != "AP")), "{e:#?}");
    }

    /// Each name as an organisation, found in `text` after the one before it.
    fn organisations_in_order(text: &str, names: &[&str]) -> Vec<NamedSpan> {
        let mut from = 0;
        names
            .iter()
            .map(|name| {
                let start = from + text[from..].find(name).unwrap();
                from = start + name.len();
                NamedSpan { start, end: from, kind: EntityKind::Organization }
            })
            .collect()
    }

    #[test]
    fn an_organisations_short_name_is_its_fuller_one_unless_a_place_follows() {
        let text = "PT Arunika Lintas Nusa menghentikan pelayaran. PT Arunika siap diperiksa. Kementerian Luar Negeri AS dan Kementerian Luar Negeri berbeda pendapat.";
        let orgs = ["PT Arunika Lintas Nusa", "PT Arunika", "Kementerian Luar Negeri AS", "Kementerian Luar Negeri"];
        let e = canonical_entities(text, "id", &organisations_in_order(text, &orgs));
        let arunika = e.iter().find(|e| e.id == "org:pt-arunika-lintas-nusa").unwrap_or_else(|| panic!("{e:#?}"));
        assert_eq!(arunika.mentions.len(), 2, "{e:#?}");
        assert!(e.iter().all(|e| e.id != "org:pt-arunika"));
        // Another country's ministry stays apart.
        assert!(e.iter().any(|e| e.id == "org:kementerian-luar-negeri"), "{e:#?}");
        // A one-word name is the fuller name that adds a place to it; a common word is not.
        let text = "Persib Bandung menang. Pelatih Persib senang. Dinas Jakarta dan Dinas lain rapat. Pertamina Hulu Energi dan Pertamina beda.";
        let orgs = ["Persib Bandung", "Persib", "Dinas Jakarta", "Dinas", "Pertamina Hulu Energi", "Pertamina"];
        let e = canonical_entities(text, "id", &organisations_in_order(text, &orgs));
        let ids: Vec<(&str, usize)> = e.iter().map(|e| (e.id.as_str(), e.mentions.len())).collect();
        assert!(ids.contains(&("org:persib-bandung", 2)), "{ids:?}");
        assert!(ids.contains(&("org:dinas", 1)) && ids.contains(&("org:pertamina", 1)), "{ids:?}");
    }

    #[test]
    fn a_ship_is_a_product_with_its_prefix() {
        let text = "KMP Bahari Lestari terbakar. Kapal KMP Bahari Sentosa ditahan.\nPenumpang Bahari Lestari dievakuasi ke KRI Nanggala. KMP\nSaja.";
        let span = |name: &str, nth: usize, kind: EntityKind| {
            let start = text.match_indices(name).nth(nth).unwrap().0;
            NamedSpan { start, end: start + name.len(), kind }
        };
        let recognised = vec![
            span("KMP Bahari Lestari", 0, EntityKind::Organization),
            span("KMP", 1, EntityKind::Organization),
            span("Bahari Lestari", 1, EntityKind::Person),
            span("Nanggala", 0, EntityKind::Place),
            span("KMP", 2, EntityKind::Organization),
        ];
        let e = canonical_entities(text, "id", &recognised);
        let ids: Vec<(&str, usize)> = e.iter().map(|e| (e.id.as_str(), e.mentions.len())).collect();
        assert_eq!(ids, [("product:kmp-bahari-lestari", 1), ("product:kmp-bahari-sentosa", 1), ("person:bahari-lestari", 1), ("product:kri-nanggala", 1)], "{e:#?}");
    }

    #[test]
    fn a_handle_or_hashtag_of_a_name_is_that_name() {
        let text = "Mary J. Blige sings. @MaryJBlige sits down with @HillaryClinton. Hillary Clinton laughs. #AppleMusic plays.";
        let mut recognised = people(text, &["Mary J. Blige", "MaryJBlige", "Hillary Clinton"]);
        let start = text.find("HillaryClinton").unwrap();
        recognised.push(NamedSpan { start, end: start + "HillaryClinton".len(), kind: EntityKind::Organization });
        recognised.sort_by_key(|r| r.start);
        let e = canonical_entities(text, "en", &recognised);
        let ids: Vec<&str> = e.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids, ["person:mary-j-blige", "person:hillary-clinton"], "{e:#?}");
        assert_eq!(e[1].mentions.len(), 2);
    }

    #[test]
    fn a_headlines_run_of_capitals_is_no_fuller_name() {
        let text = "Elizabeth Warren Hammers Wells Fargo On Fraud\n\nSen. Elizabeth Warren told the Wells Fargo chief to resign. Warren said so twice.";
        let mut recognised = people(text, &["Elizabeth Warren Hammers Wells Fargo", "Elizabeth Warren", "Warren"]);
        let start = text.rfind("Wells Fargo").unwrap();
        recognised.push(NamedSpan { start, end: start + "Wells Fargo".len(), kind: EntityKind::Organization });
        recognised.sort_by_key(|r| r.start);
        let e = canonical_entities(text, "en", &recognised);
        let warren = e.iter().find(|x| x.id == "person:elizabeth-warren").unwrap_or_else(|| panic!("{e:#?}"));
        assert_eq!(warren.mentions.len(), 2, "{e:#?}");
    }

    proptest::proptest! {
        /// Whatever spans the recogniser hands over, on text made of the words the rules
        /// read (offices, initials, organisations, places, nicknames), nothing panics and
        /// every mention and role points at its text.
        #[test]
        fn never_panics_and_mentions_point_at_text(
            text in "(\\PC|[ ,.()\n]|Pelatih |Persib |Bojan Hodak |berinisial |AS |RH |(22) |Kepala |KSOP |Teluk |Jokowi |SBY |Survey |University |Menteri Luar Negeri |(Menlu) |Retno |kuasa hukum |, |Cianjur |administration |head |AKBP |Kombes |Jalan |Bandara |J.D. |H.W. |\u{a0}|Sen. |Gen. |Lt. |degrees |Celsius |Goldman Sachs ){0,40}",
            spans in proptest::collection::vec((0usize..400, 0usize..400, 0usize..3), 0..8),
        ) {
            let kinds = [EntityKind::Person, EntityKind::Organization, EntityKind::Place];
            let spans: Vec<NamedSpan> = spans.into_iter().map(|(a, b, k)| NamedSpan { start: a.min(b), end: a.max(b), kind: kinds[k] }).collect();
            for language in ["id", "en"] {
                for e in canonical_entities(&text, language, &spans) {
                    for m in &e.mentions {
                        proptest::prop_assert_eq!(&text[m.start..m.end], m.text.as_str());
                    }
                    for r in &e.roles {
                        proptest::prop_assert_eq!(&text[r.start..r.end], r.text.as_str());
                    }
                }
            }
        }
    }

    #[test]
    fn bad_spans_are_ignored_not_fatal() {
        let text = "Kim tiba.";
        let spans = [NamedSpan { start: 5, end: 99, kind: EntityKind::Person }, NamedSpan { start: 3, end: 3, kind: EntityKind::Person }];
        assert!(canonical_entities(text, "id", &spans).is_empty());
        assert!(canonical_entities("", "xx", &[]).is_empty());
    }
}
