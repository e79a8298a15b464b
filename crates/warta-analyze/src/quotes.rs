//! Quotes and reported speech, with their speakers.
//!
//! Three kinds come out ([`QuoteKind`]):
//! - **Direct**: words inside quotation marks (`"…"`, `“…”`, `‘…’`, `'…'`, `«…»`, and
//!   `''…''` as some newswire text writes them) attributed as speech — by a speech verb after the quote (`"…," kata Stoltenberg`,
//!   `"…," ujarnya`, `"…," he said`, `"…," said Smith`), by a reporting verb before it
//!   with a colon or comma (`Ryder mengatakan: “…”`), or standing alone after the
//!   sentence that names the speaker. A paragraph that opens a quote and does not close
//!   it continues into the next paragraph that starts with a quote mark. A title in
//!   marks (“The Apprentice”) is nobody's speech. A closing mark where a quote opens
//!   (`”Kami …,” ujarnya`) opens one, as some outlets write.
//! - **Indirect**: reported speech without marks: `X mengatakan bahwa …`,
//!   `X said (that) …`, `…, Mr Ruslan added.`, `menurut X, …`, `According to X, …`,
//!   `Kata dia, …`, and the sentence before `Hal itu disampaikan X`. The content runs
//!   from after the cue to the end of the clause. A verb that reports only with a
//!   complementizer (`menjamin`, `expects`) also reports a clause whose subject is
//!   followed by an auxiliary (`menjamin SPB kapal sudah terbit`). Reported speech may
//!   hold a quote (`said that “exactly who did it” remains …`). An attribution set off
//!   by commas inside its statement (`Kapal itu, kata dia, sudah laik`, `Climate change,
//!   Mr. Obama often says, is …`, `…, menurut dia, …`) reports the whole sentence.
//!   What someone `was told` is reported without a speaker.
//!
//! The speaker of a verb is read from its own clause, after the last comma before it,
//! before any clause further back; a verb after a conjunction shares the subject of the
//! reporting verb before it (`Dia menyebutkan … dan menambahkan bahwa …`); a relative
//! pronoun stands for the name before its comma (`Bill Maher, who said`); auxiliaries
//! and the `it` of `made it clear` are no part of it; a participle (`…, saying`) speaks
//! for the sentence's speaker. A word capitalised only because it opens the sentence
//! (`Kalaupun`, `Large majorities …`) names no one, a name in brackets after another
//! is an aside (`PT Pertamina (Persero)`), and an organisation the entity stage found
//! is taken whole (`menurut Badan Energi Internasional`).
//! - **Fragment**: a few quoted words inside the writer's own sentence with no speech
//!   cue next to them (a “konsekuensi”, “kendali Barat”). Attached to the sentence's
//!   speaker when the sentence has one; never counted as a direct quote.
//!
//! Pronoun speakers (`katanya`, `ujarnya`, `jelas dia`, `he said`) are resolved to the
//! most recent named speaker or sentence subject before them, or failing that to the
//! most recent person mention from the entity stage.
//!
//! Every word list (speech verbs, pronoun suffixes, titles, fragment length) lives in
//! `resources/<lang>/speech.toml`. The finder never panics and every span it returns
//! points at the text it names.

pub mod bench;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;
use warta_model::{Mention, Quote, QuoteKind, Span};

use crate::fasthash::{FastMap, FastSet};
use crate::tokens::{self, Token, Words};

pub use bench::QuoteError;

/// A name the entity stage found, as input to speaker resolution: a person's mention
/// gives the speaker its entity; an organisation's keeps a speaker that is one from
/// being cut to the words after its office words ("Badan Energi Internasional" is not
/// a person called "Internasional").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameMention {
    pub start: usize,
    pub end: usize,
    pub entity_id: Option<String>,
    /// A person's name; otherwise an organisation's or a place's (which may speak for its
    /// government).
    pub person: bool,
}

/// Quotes, reported speech and quoted fragments of `text`, in text order.
///
/// `language` picks `resources/<language>/speech.toml` (unknown languages use all
/// lists merged). `names` are the names the entity stage found; with an empty slice,
/// speakers are found with a capitalised-name heuristic.
pub fn find_quotes(text: &str, language: &str, names: &[NameMention]) -> Vec<Quote> {
    find_quotes_in(text, &Words::new(text), language, names)
}

/// [`find_quotes`] on the words of `text` the other stages read too.
pub(crate) fn find_quotes_in<'a>(text: &'a str, words: &'a Words<'a>, language: &str, names: &'a [NameMention]) -> Vec<Quote> {
    Finder::new(text, words, lexicon(language), names).run()
}

// ---------------------------------------------------------------------------------
// Word lists

#[derive(Default, Deserialize)]
struct SpeechFile {
    #[serde(default)]
    after_quote: Vec<String>,
    #[serde(default)]
    reporting: Vec<String>,
    #[serde(default)]
    pronoun_suffixes: Vec<String>,
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default)]
    group_pronouns: Vec<String>,
    #[serde(default)]
    complementizers: Vec<String>,
    #[serde(default)]
    according_to: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
    #[serde(default)]
    clause_prepositions: Vec<String>,
    #[serde(default)]
    qualified_nouns: Vec<String>,
    #[serde(default)]
    time_words: Vec<String>,
    #[serde(default)]
    not_names: Vec<String>,
    #[serde(default)]
    conjunctions: Vec<String>,
    #[serde(default)]
    content_openers: Vec<String>,
    #[serde(default)]
    needs_complementizer: Vec<String>,
    #[serde(default)]
    clause_by_active_verb: Vec<String>,
    #[serde(default)]
    participle_suffixes: Vec<String>,
    #[serde(default)]
    participles: Vec<String>,
    #[serde(default)]
    not_participles: Vec<String>,
    #[serde(default)]
    past_suffixes: Vec<String>,
    #[serde(default)]
    addressee_verbs: Vec<String>,
    #[serde(default)]
    object_pronouns: Vec<String>,
    #[serde(default)]
    relative_pronouns: Vec<String>,
    #[serde(default)]
    office_connectors: Vec<String>,
    #[serde(default)]
    expletives: Vec<String>,
    #[serde(default)]
    expletive_cues: Vec<String>,
    #[serde(default)]
    leading_cues: Vec<String>,
    #[serde(default)]
    passive_openers: Vec<String>,
    #[serde(default)]
    citing: Vec<String>,
    #[serde(default)]
    participle_openers: Vec<String>,
    #[serde(default)]
    raising_verbs: Vec<String>,
    #[serde(default)]
    generations: Vec<String>,
    #[serde(default)]
    passive_reporting: Vec<String>,
    #[serde(default)]
    passive_agent: Vec<String>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    between_subject_and_verb: Vec<String>,
    #[serde(default)]
    adverb_suffixes: Vec<String>,
    #[serde(default)]
    object_noun_prefixes: Vec<String>,
    #[serde(default)]
    object_noun_suffixes: Vec<String>,
    #[serde(default)]
    fragment_max_words: Option<usize>,
    #[serde(default)]
    subject_first_asides: bool,
    #[serde(default)]
    passive_auxiliaries: Vec<String>,
    #[serde(default)]
    passive_participles: Vec<String>,
    #[serde(default)]
    clause_predicates: Vec<String>,
    #[serde(default)]
    infinitive_markers: Vec<String>,
    #[serde(default)]
    object_complements: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    subordinators: Vec<String>,
    #[serde(default)]
    source_openers: Vec<String>,
    #[serde(default)]
    source_nouns: Vec<String>,
    #[serde(default)]
    spoken_sources: Vec<String>,
    #[serde(default)]
    passive_prefix: Option<String>,
    #[serde(default)]
    active_prefixes: Vec<String>,
    #[serde(default)]
    nasal_dropped_initials: Vec<String>,
    #[serde(default)]
    headline_labels: Vec<String>,
    #[serde(default)]
    headline_reporting: Vec<String>,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    time_heads: Vec<String>,
    #[serde(default)]
    quantity_bounds: Vec<String>,
}

#[derive(Default)]
struct Lexicon {
    after_quote: FastSet<String>,
    /// The verbs of `after_quote` as the file lists them, without the reporting verbs
    /// added to it: only these put their speaker after themselves ("…, kata seorang
    /// saksi, …", not "…, mengatakan posisinya …").
    inverted: FastSet<String>,
    reporting: FastSet<String>,
    suffixes: Vec<String>,
    pronouns: FastSet<String>,
    /// Pronouns that never stand for one person ("they", "it", "mereka").
    group_pronouns: FastSet<String>,
    complementizers: FastSet<String>,
    according: Vec<Vec<String>>,
    titles: FastSet<String>,
    /// The language these lists are of ("" when merged), for the entity stage's offices.
    language: String,
    prepositions: FastSet<String>,
    /// Prepositions that may also open a clause with its subject ("…, as police have
    /// said"): a name after one may speak.
    clause_prepositions: FastSet<String>,
    /// Nouns a person's name may qualify, then not speaking ("the Clinton campaign", "a
    /// senior Cruz adviser").
    qualified_nouns: FastSet<String>,
    time_words: FastSet<String>,
    not_names: FastSet<String>,
    conjunctions: FastSet<String>,
    /// Words that tie a statement to the one before ("But", "Still,", "In fact,"),
    /// lower-cased, as word sequences: no part of what was said when they open it.
    content_openers: Vec<Vec<String>>,
    needs_complementizer: FastSet<String>,
    /// Of those, verbs whose object may be a clause with an active verb and no
    /// complementizer ("membantah kliennya menerima uang": denied that his client took).
    clause_by_active_verb: FastSet<String>,
    /// Endings of a verb form that opens a clause of its own after a comma ("…,
    /// telling CNN that …", "…, pointing to …"): it speaks for the sentence's subject, and
    /// it ends a reported clause before it.
    participle_suffixes: Vec<String>,
    /// Participles too short for the suffix rule, which wants three letters before it
    /// ("going", against "king" and "thing").
    participles: FastSet<String>,
    /// Words the suffix rule would take for participles that are none ("morning",
    /// "nothing"); prepositions ("during", "including") are none either.
    not_participles: FastSet<String>,
    /// Endings of the simple past ("attacked"): where a subject a determiner opens ends.
    past_suffixes: Vec<String>,
    /// Verbs whose first object is the person told ("told reporters the …"), which is no
    /// part of what was said; an object is a pronoun, or determiners and then a name or
    /// one word.
    addressee_verbs: FastSet<String>,
    object_pronouns: FastSet<String>,
    /// "who" of "Bill Maher, who said …": the speaker is the name before the comma.
    relative_pronouns: FastSet<String>,
    /// Words inside an office's name between the title and what it is of ("Secretary
    /// of State"): part of the office, not a preposition before its holder.
    office_connectors: FastSet<String>,
    /// "it" of "made it clear that", "It is clear that": never the speaker before one of
    /// the `expletive_cues` ("clear"), though "it said" names an organisation.
    expletives: FastSet<String>,
    expletive_cues: FastSet<String>,
    /// Verbs that open a sentence before its speaker and a comma: "Kata dia, …".
    leading_cues: FastSet<String>,
    /// A sentence opening with one of these and a passive speech verb gives the sentence
    /// before it a speaker: "Hal itu disampaikan Kepala Basarnas …".
    passive_openers: Vec<Vec<String>>,
    /// Who a statement was taken from, between its speaker and the verb: "Ali al-Naimi
    /// seperti dikutip Dow Jones Newswires mengatakan" (the speaker is Ali al-Naimi).
    citing: Vec<Vec<String>>,
    /// Words that may open a participle phrase after its comma: "…, aside from saying
    /// …", "…, sambil menegaskan …". The phrase speaks for the sentence's subject.
    participle_openers: Vec<Vec<String>>,
    /// Verbs with "to" between a speaker and the reporting verb: "the campaign has
    /// appeared to acknowledge …".
    raising_verbs: Vec<Vec<String>>,
    /// Written after a name, as written ("II", "Jr"): part of the name, no title.
    generations: FastSet<String>,
    passive_reporting: FastSet<String>,
    /// "oleh" of "disampaikan oleh …", before the speaker.
    passive_agent: FastSet<String>,
    determiners: FastSet<String>,
    /// Auxiliaries and adverbs standing between a speaker and the verb ("has long
    /// maintained", "privately conceded"), which are not part of the speaker.
    between_subject_and_verb: FastSet<String>,
    adverb_suffixes: Vec<String>,
    object_noun_prefixes: Vec<String>,
    object_noun_suffixes: Vec<String>,
    fragment_max_words: usize,
    /// "X, he said, Y" sets the attribution inside the statement; where a language
    /// writes "X, Kirby mengatakan, Y" for "X (Kirby's office), Kirby said: Y", it is
    /// off.
    subject_first_asides: bool,
    /// Before one of `passive_participles`, these make it passive: "investors have been
    /// told …" names who heard it, not who said it.
    passive_auxiliaries: FastSet<String>,
    passive_participles: FastSet<String>,
    /// Negations, modals and copulas that show a clause going on after the noun a verb
    /// is followed by ("memastikan gempa tidak berpotensi tsunami"): then the noun is the
    /// clause's subject, not the verb's object.
    clause_predicates: FastSet<String>,
    /// "untuk" of "memperingatkan Korea Utara untuk tidak …": the noun before it is the
    /// object of the verb, told to do what follows, which is no clause of its own; and
    /// a reporting verb after one ("guna memastikan …") states a purpose, not speech.
    infinitive_markers: FastSet<String>,
    /// Verbs whose object, and what follows it, is what was said when the clause holds
    /// one of the listed words, or a quotation mark for "“" ("called Trump “unhinged”",
    /// "described the field as …", "accused Clinton of …"); an empty list takes any
    /// object ("praised the decision").
    object_complements: FastMap<String, Vec<String>>,
    /// Words that open a subordinate clause at the start of a sentence ("Meskipun",
    /// "Although"): a statement reported inside it ends at the comma that closes it, and
    /// the word is no part of the speaker.
    subordinators: FastSet<String>,
    /// "In" of "In an NBC News poll released Monday, 50 percent …", and the nouns that
    /// make what it opens a source ("poll", "interview"): the rest of the sentence is
    /// its statement when no reporting verb claims it.
    source_openers: FastSet<String>,
    source_nouns: FastSet<String>,
    /// The source nouns that a person speaks or writes in ("speech", "interview"): a
    /// person opening the clause after them is the speaker ("In an August speech,
    /// Trump attacked …"), where a poll or a report stays its own source.
    spoken_sources: FastSet<String>,
    /// A passive verb shows the same ("menyimpulkan kebakaran itu dipicu korsleting"):
    /// a word with `passive_prefix` ("di") whose active form, made with one of
    /// `active_prefixes` ("me", "mem", …) and without a first sound of
    /// `nasal_dropped_initials` ("dipicu" → "memicu", "dinilai" → "menilai"), is a
    /// lower-case word of running text. "dinas" or "diskusi" have no such form.
    passive_prefix: Option<String>,
    active_prefixes: Vec<String>,
    nasal_dropped_initials: Vec<String>,
    /// Words that label a headline instead of naming who speaks: "Poll: …", "Video:
    /// …", "Baca juga: …".
    headline_labels: FastSet<String>,
    /// Reporting verbs as a title-case headline writes them: "Trump Says He Never …",
    /// "Jokowi Pastikan Tak Ada …" (Indonesian headlines drop the verb's prefix).
    headline_reporting: FastSet<String>,
    /// Words that deny the reporting verb after them ("belum bisa memastikan", "did not
    /// say"): what follows is not what the subject said.
    negations: FastSet<String>,
    /// Time words that name a time only with another after them ("hari ini", "pekan
    /// lalu"); with a noun after them they head a noun phrase ("hari raya").
    time_heads: FastSet<String>,
    /// Phrases that bound a number before it ("as many as"), so a subject may open
    /// with them.
    quantity_bounds: Vec<Vec<String>>,
}

impl Lexicon {
    fn add(&mut self, f: SpeechFile) {
        let low = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase());
        self.reporting.extend(low(f.reporting));
        self.subordinators.extend(low(f.subordinators));
        self.source_openers.extend(low(f.source_openers));
        self.source_nouns.extend(low(f.source_nouns));
        self.spoken_sources.extend(low(f.spoken_sources));
        for (verb, markers) in f.object_complements {
            self.reporting.insert(verb.to_lowercase());
            self.object_complements.insert(verb.to_lowercase(), low(markers).collect());
        }
        self.inverted.extend(low(f.after_quote.clone()));
        self.after_quote.extend(low(f.after_quote));
        let reporting: Vec<String> = self.reporting.iter().cloned().collect();
        self.after_quote.extend(reporting);
        for s in low(f.pronoun_suffixes) {
            if !self.suffixes.contains(&s) {
                self.suffixes.push(s);
            }
        }
        self.pronouns.extend(low(f.pronouns));
        self.group_pronouns.extend(low(f.group_pronouns));
        self.complementizers.extend(low(f.complementizers));
        add_phrases(&mut self.according, low(f.according_to));
        self.titles.extend(low(f.titles));
        self.prepositions.extend(low(f.prepositions));
        self.clause_prepositions.extend(low(f.clause_prepositions));
        self.qualified_nouns.extend(low(f.qualified_nouns));
        self.time_words.extend(low(f.time_words));
        self.not_names.extend(low(f.not_names));
        self.conjunctions.extend(low(f.conjunctions));
        self.content_openers.extend(f.content_openers.iter().map(|p| p.split_whitespace().map(str::to_lowercase).collect()));
        self.needs_complementizer.extend(low(f.needs_complementizer));
        self.clause_by_active_verb.extend(low(f.clause_by_active_verb));
        self.participle_suffixes.extend(low(f.participle_suffixes));
        self.participles.extend(low(f.participles));
        self.not_participles.extend(low(f.not_participles));
        self.past_suffixes.extend(low(f.past_suffixes));
        self.addressee_verbs.extend(low(f.addressee_verbs));
        self.object_pronouns.extend(low(f.object_pronouns));
        self.relative_pronouns.extend(low(f.relative_pronouns));
        self.office_connectors.extend(low(f.office_connectors));
        self.expletives.extend(low(f.expletives));
        self.expletive_cues.extend(low(f.expletive_cues));
        self.leading_cues.extend(low(f.leading_cues));
        add_phrases(&mut self.passive_openers, low(f.passive_openers));
        add_phrases(&mut self.citing, low(f.citing));
        add_phrases(&mut self.participle_openers, low(f.participle_openers));
        add_phrases(&mut self.raising_verbs, low(f.raising_verbs));
        self.generations.extend(f.generations);
        self.passive_reporting.extend(low(f.passive_reporting));
        self.passive_agent.extend(low(f.passive_agent));
        self.determiners.extend(low(f.determiners));
        self.between_subject_and_verb.extend(low(f.between_subject_and_verb));
        self.adverb_suffixes.extend(low(f.adverb_suffixes));
        self.object_noun_prefixes.extend(low(f.object_noun_prefixes));
        self.object_noun_suffixes.extend(low(f.object_noun_suffixes));
        self.fragment_max_words = self.fragment_max_words.max(f.fragment_max_words.unwrap_or(6));
        self.subject_first_asides |= f.subject_first_asides;
        self.passive_auxiliaries.extend(low(f.passive_auxiliaries));
        self.passive_participles.extend(low(f.passive_participles));
        self.clause_predicates.extend(low(f.clause_predicates));
        self.infinitive_markers.extend(low(f.infinitive_markers));
        self.passive_prefix = self.passive_prefix.take().or(f.passive_prefix);
        self.active_prefixes.extend(low(f.active_prefixes));
        self.nasal_dropped_initials.extend(low(f.nasal_dropped_initials));
        self.headline_labels.extend(low(f.headline_labels));
        self.headline_reporting.extend(low(f.headline_reporting));
        self.negations.extend(low(f.negations));
        self.time_heads.extend(low(f.time_heads));
        add_phrases(&mut self.quantity_bounds, low(f.quantity_bounds));
    }

    /// Is `word` (lower case) a passive verb by the language's prefixes (see
    /// `passive_prefix`)?
    fn is_prefixed_passive(&self, word: &str) -> bool {
        let Some(root) = self.passive_prefix.as_deref().and_then(|p| word.strip_prefix(p)) else { return false };
        if root.chars().count() < 3 || !root.chars().all(char::is_alphabetic) {
            return false;
        }
        let bare = self.nasal_dropped_initials.iter().find_map(|i| root.strip_prefix(i.as_str()));
        self.active_prefixes.iter().any(|p| crate::ner::is_lower_case_word(&format!("{p}{root}")) || bare.is_some_and(|b| crate::ner::is_lower_case_word(&format!("{p}{b}"))))
    }

    fn has_suffix(suffixes: &[String], word: &str) -> bool {
        suffixes.iter().any(|s| word.len() >= s.len() + 3 && word.ends_with(s.as_str()))
    }

    fn is_participle(&self, word: &str) -> bool {
        (Lexicon::has_suffix(&self.participle_suffixes, word) && !self.not_participles.contains(word) && !self.prepositions.contains(word)) || self.participles.contains(word)
    }

    fn is_between_subject_and_verb(&self, word: &str) -> bool {
        self.between_subject_and_verb.contains(word) || Lexicon::has_suffix(&self.adverb_suffixes, word)
    }

    fn is_object_noun(&self, word: &str) -> bool {
        let long = word.chars().count() > 6;
        long && self.object_noun_prefixes.iter().any(|p| word.starts_with(p.as_str()))
            && self.object_noun_suffixes.iter().any(|s| word.ends_with(s.as_str()))
    }

    /// `word` (lower case) as a speech verb: `Some(true)` when a pronoun suffix is glued
    /// to it ("ujarnya").
    fn verb(&self, word: &str, set: &FastSet<String>) -> Option<bool> {
        if set.contains(word) {
            return Some(false);
        }
        for s in &self.suffixes {
            if let Some(stem) = word.strip_suffix(s.as_str()) {
                if !stem.is_empty() && set.contains(stem) {
                    return Some(true);
                }
            }
        }
        None
    }
}

/// Adds each phrase ("according to", "hal itu") as its words, once.
fn add_phrases(list: &mut Vec<Vec<String>>, phrases: impl Iterator<Item = String>) {
    for phrase in phrases {
        let words: Vec<String> = phrase.split_whitespace().map(str::to_string).collect();
        if !words.is_empty() && !list.contains(&words) {
            list.push(words);
        }
    }
}

fn lexicon(language: &str) -> &'static Lexicon {
    static ALL: OnceLock<BTreeMap<String, Lexicon>> = OnceLock::new();
    static MERGED: OnceLock<Lexicon> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        let mut map = BTreeMap::new();
        for code in warta_lang::language_codes() {
            if let Some(f) = parse_speech_file(code) {
                let mut lex = Lexicon { language: code.to_string(), ..Lexicon::default() };
                lex.add(f);
                map.insert(code.to_string(), lex);
            }
        }
        map
    });
    all.get(language).unwrap_or_else(|| {
        MERGED.get_or_init(|| {
            let mut lex = Lexicon::default();
            for code in warta_lang::language_codes() {
                if let Some(f) = parse_speech_file(code) {
                    lex.add(f);
                }
            }
            lex
        })
    })
}

/// A subject pronoun of the language ("he", "dia"): marked as a participant in training
/// data, never a name.
pub(crate) fn is_pronoun(language: &str, word: &str) -> bool {
    lexicon(language).pronouns.contains(word)
}

/// A lower-cased word of time ("monday", "kemarin") in `language`'s speech file.
pub(crate) fn is_time_word(language: &str, word: &str) -> bool {
    lexicon(language).time_words.contains(word)
}

fn parse_speech_file(code: &str) -> Option<SpeechFile> {
    let text = warta_lang::resource_file(code, "speech.toml")?;
    // The files are part of the build; a broken one is caught by this module's tests.
    toml::from_str(text).ok()
}

// ---------------------------------------------------------------------------------
// Quotation marks

/// One outermost pair of quotation marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Marked {
    /// Byte offset of the opening mark.
    open: usize,
    /// Content, marks excluded, surrounding whitespace trimmed.
    start: usize,
    end: usize,
    /// Just after the closing mark (or the end of the paragraph when unclosed).
    close_end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum MarkKind {
    Double,
    Single,
    Guillemet,
}

fn is_opening_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | ',' | '“' | '"' | '‘' | '«'),
    }
}

/// Lines of `text` (without `\r`), as spans; blank lines are left out.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices('\n').chain(std::iter::once((text.len(), ""))) {
        let mut end = i;
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        if text[start..end].trim().is_empty() {
            start = i + 1;
            continue;
        }
        out.push(Span::new(start, end));
        start = i + 1;
    }
    out
}

fn scan_marks(text: &str, lines: &[Span]) -> Vec<Marked> {
    let mut out = Vec::new();
    // (kind, byte offset of the opening mark, length of the mark)
    let mut stack: Vec<(MarkKind, usize, usize)> = Vec::new();
    let mut li = 0;
    while li < lines.len() {
        let line = lines[li];
        let body = &text[line.start..line.end];
        let mut skip_first_mark = !stack.is_empty();
        let mut chars = body.char_indices().peekable();
        let mut last = None;
        while let Some((at, c)) = chars.next() {
            let prev = last.replace(c);
            let pos = line.start + at;
            if skip_first_mark {
                if c.is_whitespace() {
                    continue;
                }
                skip_first_mark = false;
                if matches!(c, '“' | '"' | '«') {
                    continue;
                }
                if c == '\'' && chars.peek().is_some_and(|x| x.1 == '\'') {
                    chars.next();
                    continue;
                }
            }
            let next = chars.peek().map(|x| x.1);
            let top = stack.last().map(|t| t.0);
            let len = c.len_utf8();
            let close = |stack: &mut Vec<(MarkKind, usize, usize)>, out: &mut Vec<Marked>, len: usize| {
                if let Some((_, open, mlen)) = stack.pop() {
                    if stack.is_empty() {
                        push_marked(text, out, open, open + mlen, pos, pos + len);
                    }
                }
            };
            match c {
                // Two apostrophes stand for a double mark in some newswire text: ''Yes,'' he said.
                '\'' if next == Some('\'') => {
                    chars.next();
                    let after = chars.peek().map(|x| x.1);
                    let closes = stack.iter().any(|t| t.0 == MarkKind::Double)
                        && (prev.is_some_and(|p| !p.is_whitespace()) || after.is_none_or(|n| n.is_whitespace()));
                    if closes {
                        let i = stack.iter().rposition(|t| t.0 == MarkKind::Double).unwrap_or(0);
                        stack.truncate(i + 1);
                        close(&mut stack, &mut out, 2);
                    } else if after.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(|p| !p.is_alphanumeric()) {
                        stack.push((MarkKind::Double, pos, 2));
                    }
                }
                '“' => stack.push((MarkKind::Double, pos, len)),
                '«' => stack.push((MarkKind::Guillemet, pos, len)),
                '»' if top == Some(MarkKind::Guillemet) => close(&mut stack, &mut out, len),
                '”' => {
                    // Close the innermost double, dropping unclosed singles above it.
                    if let Some(i) = stack.iter().rposition(|t| t.0 == MarkKind::Double) {
                        stack.truncate(i + 1);
                        close(&mut stack, &mut out, len);
                    } else if is_opening_context(prev) && next.is_some_and(char::is_alphanumeric) {
                        // Some outlets open with the closing mark too: ”Kami ingin …,” ujarnya.
                        stack.push((MarkKind::Double, pos, len));
                    }
                }
                '"' => {
                    let closes = stack.iter().any(|t| t.0 == MarkKind::Double)
                        && (prev.is_some_and(|p| !p.is_whitespace()) || next.is_none_or(|n| n.is_whitespace()));
                    if closes {
                        let i = stack.iter().rposition(|t| t.0 == MarkKind::Double).unwrap_or(0);
                        stack.truncate(i + 1);
                        close(&mut stack, &mut out, len);
                    } else if next.is_some_and(|n| !n.is_whitespace()) && prev.is_none_or(|p| !p.is_alphanumeric()) {
                        stack.push((MarkKind::Double, pos, len));
                    }
                }
                '‘' if is_opening_context(prev) && next.is_some_and(|n| n.is_alphanumeric() || n == '“' || n == '"') => {
                    stack.push((MarkKind::Single, pos, len));
                }
                '\'' | '’' => {
                    let closes = top == Some(MarkKind::Single)
                        && prev.is_some_and(|p| !p.is_whitespace())
                        && next.is_none_or(|n| !n.is_alphanumeric());
                    if closes {
                        close(&mut stack, &mut out, len);
                    } else if c == '\'' && is_opening_context(prev) && next.is_some_and(char::is_alphanumeric) {
                        stack.push((MarkKind::Single, pos, len));
                    }
                }
                _ => {}
            }
        }
        // Singles still open at a line end were apostrophes.
        while stack.last().is_some_and(|t| t.0 == MarkKind::Single) {
            stack.pop();
        }
        if let Some(&(_, open, mlen)) = stack.first() {
            // A quote that runs on opens each paragraph with the mark it opened with; a
            // paragraph opening with another kind ("Kevin was snoring. / “Here he is,”)
            // starts a quote of its own, and the open one ends with its paragraph.
            let mark = &text[open..open + mlen];
            let continues = lines.get(li + 1).is_some_and(|next| {
                let next = text[next.start..next.end].trim_start();
                next.starts_with(mark) || (mark == "”" && next.starts_with('“'))
            });
            if !continues {
                push_marked(text, &mut out, open, open + mlen, line.end, line.end);
                stack.clear();
            }
        }
        li += 1;
    }
    out
}

fn push_marked(text: &str, out: &mut Vec<Marked>, open: usize, content_start: usize, content_end: usize, close_end: usize) {
    if content_end <= content_start {
        return;
    }
    let piece = &text[content_start..content_end];
    let trimmed = piece.trim();
    if trimmed.is_empty() || !trimmed.chars().any(char::is_alphanumeric) {
        return;
    }
    let start = content_start + (piece.len() - piece.trim_start().len());
    out.push(Marked { open, start, end: start + trimmed.len(), close_end });
}

// ---------------------------------------------------------------------------------
// Speakers

#[derive(Clone, Debug, PartialEq, Eq)]
enum Who {
    /// A name (or a short noun phrase) as written.
    Named { text: String, span: Span, id: Option<String>, personal: bool },
    /// A pronoun to resolve: `span` is where it is written.
    Pronoun { span: Span },
}

/// A run of capitalised words.
#[derive(Clone, Copy, Debug)]
struct Run {
    first: usize,
    last: usize,
    possessive: bool,
    /// The part after leading titles and acronyms ("Kurt Campbell" of "Wakil Menteri
    /// Luar Negeri AS Kurt Campbell"); `None` when nothing is left (an organisation).
    personal: Option<(usize, usize)>,
}

struct Item {
    kind: QuoteKind,
    start: usize,
    end: usize,
    cue: Option<(usize, usize)>,
    who: Option<Who>,
    /// Where a pronoun is resolved from (the quote or cue position).
    at: usize,
}

struct Finder<'a> {
    text: &'a str,
    lex: &'a Lexicon,
    names: &'a [NameMention],
    toks: &'a [Token<'a>],
    lower: Lower<'a>,
    marks: Vec<Marked>,
    /// The marks' spans merged, sorted and disjoint: `inside_marks` is asked for most
    /// tokens, and a binary search here spares a scan of every mark.
    marked: Vec<(usize, usize)>,
    /// Sentences as token ranges [first, last).
    sents: Vec<(usize, usize)>,
}

/// The tokens lower-cased (shared with the other finders): `lower[i]` is a `str`.
struct Lower<'a>(&'a [Cow<'a, str>]);

impl std::ops::Index<usize> for Lower<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        &self.0[i]
    }
}

/// A title in quotation marks (“The Apprentice”, “Legend in the Coal Fields”, “Fox
/// News Sunday,”) names a work or a show: two to ten words, each capitalised but the
/// minor ones, and no sentence end. It is nobody's speech.
fn is_title(content: &str) -> bool {
    let trimmed = content.trim().trim_end_matches(',');
    if trimmed.ends_with(['.', '!', '?', '…']) {
        return false;
    }
    let words: Vec<&str> = trimmed.split_whitespace().map(|w| w.trim_matches(|c: char| !c.is_alphanumeric())).filter(|w| !w.is_empty()).collect();
    let capitalised = |w: &&str| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    (2..=10).contains(&words.len()) && words.first().is_some_and(capitalised) && words.iter().all(|w| capitalised(w) || crate::ner::is_minor_word(w))
}

/// A quotation mark that may close a quote ("…,” according to …").
fn is_closing_mark(token: &str) -> bool {
    matches!(token, "”" | "\"" | "’" | "'" | "''" | "»")
}

fn is_cap(t: &Token) -> bool {
    t.is_word() && t.text.chars().next().is_some_and(char::is_uppercase)
}

fn is_acronym(t: &Token) -> bool {
    let letters: Vec<char> = t.text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// The endings that make a word an owner ("Trump's", "Obama’s").
const POSSESSIVE_ENDINGS: [&str; 2] = ["'s", "’s"];

/// Verbs English contracts onto a pronoun, after the apostrophe ("he’s", "they'll").
const CONTRACTIONS: [&str; 6] = ["s", "re", "ll", "d", "ve", "m"];

fn is_possessive(t: &Token) -> bool {
    possessive_len(t.text).is_some()
}

/// The byte length of a word's possessive ending, if it has one.
fn possessive_len(word: &str) -> Option<usize> {
    POSSESSIVE_ENDINGS.iter().find(|e| word.ends_with(**e)).map(|e| e.len())
}

fn is_stop(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | ";")
}

impl<'a> Finder<'a> {
    fn new(text: &'a str, words: &'a Words<'a>, lex: &'a Lexicon, names: &'a [NameMention]) -> Self {
        let (toks, lower) = (words.toks.as_slice(), Lower(&words.lower));
        let line_spans = lines(text);
        let marks = scan_marks(text, &line_spans);
        let mut sents = Vec::new();
        for line in &line_spans {
            for s in tokens::sentences(&text[line.start..line.end]) {
                let (a, b) = (line.start + s.start, line.start + s.end);
                let first = toks.partition_point(|t| t.start < a);
                let last = toks.partition_point(|t| t.start < b);
                if first < last {
                    sents.push((first, last));
                }
            }
        }
        let mut finder = Finder { text, lex, names, toks, lower, marks, marked: Vec::new(), sents };
        let stray: Vec<bool> = finder.marks.iter().map(|m| finder.is_stray(m)).collect();
        let mut k = 0;
        finder.marks.retain(|_| {
            k += 1;
            !stray[k - 1]
        });
        let mut spans: Vec<(usize, usize)> = finder.marks.iter().filter(|m| m.open < m.close_end).map(|m| (m.open, m.close_end)).collect();
        spans.sort_unstable();
        let mut marked: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (open, close) in spans {
            match marked.last_mut() {
                Some(last) if open <= last.1 => last.1 = last.1.max(close),
                _ => marked.push((open, close)),
            }
        }
        finder.marked = marked;
        finder
    }

    /// A mark never closed before the paragraph ends that opens the writer's own
    /// attribution (`"Tetapi menurut Andy Lipow, kepala konsultasi …, adanya komentar
    /// …`) is a stray mark, not a quote. "Menurut saya, …" is a speaker's own words.
    fn is_stray(&self, m: &Marked) -> bool {
        let closed = self.text[..m.close_end].ends_with(['”', '"', '»', '\'', '’']);
        if closed {
            return false;
        }
        let first = self.toks.partition_point(|t| t.start < m.start);
        (first..(first + 4).min(self.toks.len())).any(|k| {
            self.according_at(k).is_some_and(|(n, pron)| !pron && self.toks.get(k + n).is_some_and(|t| is_cap(t) && !self.is_pronoun(k + n)))
        })
    }

    fn inside_marks(&self, pos: usize) -> bool {
        let i = self.marked.partition_point(|&(open, _)| open <= pos);
        i > 0 && pos < self.marked[i - 1].1
    }

    fn opener_at(&self, tok: usize) -> Option<&Marked> {
        let t = self.toks.get(tok)?;
        self.marks.iter().find(|m| m.open == t.start)
    }

    /// Whether token `i` opens a sentence, or a quote or bracket there.
    fn opens_sentence(&self, i: usize) -> bool {
        let (first, _) = self.sentence_of(i);
        (first..i).all(|k| !self.toks[k].is_word())
    }

    fn sentence_of(&self, tok: usize) -> (usize, usize) {
        // Sentences are in text order and disjoint.
        let i = self.sents.partition_point(|&(a, _)| a <= tok);
        self.sents.get(i.wrapping_sub(1)).copied().filter(|&(_, b)| tok < b).unwrap_or((tok, tok + 1))
    }

    /// Whether quotation marks or quoted words lie anywhere in bytes [start, end).
    fn marks_within(&self, start: usize, end: usize) -> bool {
        let i = self.marked.partition_point(|&(_, close)| close <= start);
        self.marked.get(i).is_some_and(|&(open, _)| open < end)
    }

    fn tok_at(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    /// A pronoun, alone or with a verb contracted onto it ("He’s claiming", "she'd said").
    fn is_pronoun(&self, i: usize) -> bool {
        let lower = &self.lower[i];
        self.lex.pronouns.contains(lower) || lower.split_once(['\'', '’']).is_some_and(|(p, verb)| self.lex.pronouns.contains(p) && CONTRACTIONS.contains(&verb))
    }

    /// The pronoun of token `i` without a contracted verb.
    fn pronoun_span(&self, i: usize) -> Span {
        let t = &self.toks[i];
        Span::new(t.start, t.start + t.text.find(['\'', '’']).unwrap_or(t.text.len()))
    }

    fn is_name_word(&self, i: usize) -> bool {
        let t = &self.toks[i];
        is_cap(t) && !self.lex.not_names.contains(&self.lower[i]) && !self.lex.pronouns.contains(&self.lower[i])
            && !self.inside_marks(t.start)
    }

    /// Is token `i` the "of" inside an office's name ("Secretary of State", "Minister
    /// of Defense"): an office connector after a title, before a capitalised word?
    fn office_of(&self, i: usize) -> bool {
        i > 0 && self.lex.office_connectors.contains(&self.lower[i]) && self.is_title(i - 1) && self.toks.get(i + 1).is_some_and(is_cap)
    }

    fn is_title(&self, i: usize) -> bool {
        self.lex.titles.contains(&self.lower[i]) || is_acronym(&self.toks[i])
    }

    /// Runs of capitalised words in tokens [a, b).
    fn runs(&self, a: usize, b: usize) -> Vec<Run> {
        let mut out = Vec::new();
        let mut i = a;
        while i < b {
            if !self.is_name_word(i) {
                i += 1;
                continue;
            }
            let first = i;
            let mut last = i;
            let mut possessive = is_possessive(&self.toks[i]);
            let mut j = i + 1;
            while !possessive && j < b {
                if self.is_name_word(j) {
                    last = j;
                    possessive = is_possessive(&self.toks[j]);
                    j += 1;
                } else if j + 1 < b
                    && self.is_name_word(j + 1)
                    && ((self.toks[j].text == "." && self.toks[j - 1].text.chars().count() <= 4 && self.toks[j].start == self.toks[j - 1].end)
                        || matches!(&self.lower[j], "bin" | "binti" | "van" | "von" | "de" | "al" | "el" | "da")
                        || self.office_of(j)
                        || (self.is_title(j - 1) && self.lex.titles.contains(&self.lower[j])))
                {
                    // An initial's full stop ("John F. Kennedy"), a particle ("bin", "van"),
                    // the "of" of an office ("Secretary of State Antony Blinken") or an
                    // office's word in lower case ("Juru bicara KPK Ali Fikri").
                    j += 1;
                } else {
                    break;
                }
            }
            let mut p = first;
            let mut k = first;
            while k <= last {
                // "Vann R. Newkirk II": a generation after the name is no title before it.
                let generation = k == last && k > first && self.lex.generations.contains(self.toks[k].text);
                if (self.is_title(k) && !generation) || self.toks[k].text == "." {
                    p = k + 1;
                } else if self.office_of(k) {
                    // What the office is of ("State", "Defense") is no part of the name.
                    p = k + 2;
                }
                k += 1;
            }
            let possessive = possessive || self.plural_possessive_mark(last + 1);
            let personal = (p <= last).then_some((p, last));
            // "PT Pertamina (Persero)", "Badan Pemeriksa Keuangan (BPK)": a name in
            // brackets right after another is an aside to it, not the name to take.
            // So is a party and state after a lawmaker, "Sen. David Perdue (R-Ga.)".
            let closing = (last + 1..self.toks.len()).find(|&k| self.toks[k].text != ".");
            let aside = first >= 2
                && self.toks[first - 1].text == "("
                && closing.is_some_and(|k| self.toks[k].text == ")")
                && out.last().is_some_and(|r: &Run| r.last + 2 == first);
            if aside {
                i = last + 1;
                continue;
            }
            if first == last && self.opens_sentence(first) && (crate::ner::rarely_capitalised(&self.lower[first]) || crate::ner::is_connective(&self.lower[first])) {
                // "Kalaupun ada yang …", "Large majorities of voters said": a word with
                // its capital only because it opens the sentence names no one.
                i = last + 1;
                continue;
            }
            out.push(Run { first, last, possessive, personal });
            i = last + 1;
        }
        out
    }

    /// Whether the recogniser found a person in the run.
    /// Whether token `i` is the apostrophe of a plural's possessive ("Gates' lawyers",
    /// "voters' concerns"): glued to a word ending in "s", a word after it, and not the
    /// closing mark of a quote the word is in.
    fn plural_possessive_mark(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i).filter(|t| matches!(t.text, "'" | "’") && i > 0) else { return false };
        let before = &self.toks[i - 1];
        before.end == t.start
            && before.text.ends_with(['s', 'S'])
            && self.toks.get(i + 1).is_some_and(|n| n.start > t.end && n.is_word())
            && !self.inside_marks(before.start)
    }

    /// Is the run only a nationality ("South Korean", "Russian")?
    fn is_demonym_run(&self, run: &Run) -> bool {
        crate::ner::is_demonym(&(run.first..=run.last).map(|k| self.lower[k].as_ref()).collect::<Vec<&str>>().join(" "))
    }

    fn holds_person(&self, run: &Run) -> bool {
        let (start, end) = (self.toks[run.first].start, self.toks[run.last].end);
        self.usable_names(true).any(|m| m.start < end && start < m.end)
    }

    fn who_from_run(&self, run: &Run) -> Who {
        let trimmed = |mut end: usize, last: usize| {
            if run.possessive {
                end -= possessive_len(self.toks[last].text).unwrap_or(0);
            }
            end
        };
        // A run that is an organisation's name whole, and holds no person, is taken
        // whole: "Badan Energi Internasional" is not a person called "Internasional".
        let (start, end) = (self.toks[run.first].start, trimmed(self.toks[run.last].end, run.last));
        let no_person = !self.usable_names(true).any(|m| m.start < end && start < m.end);
        let organisation = self.usable_names(false).find(|m| m.start <= start && end <= m.end);
        if let Some(org) = organisation.filter(|_| no_person) {
            let span = Span::new(start, end.max(start));
            return Who::Named { text: self.text[span.start..span.end].to_string(), span, id: org.entity_id.clone(), personal: false };
        }
        // "Komite Keselamatan Pelayaran Daerah (KKPD) Sarinjaya": a name that its own
        // acronym interrupts is one name, not the place after the brackets. After an
        // office ("Kepala Badan SAR Nasional (Basarnas) Kusworo") the word is its holder.
        let one_word = run.first == run.last;
        let before = self.name_before_acronym(run.first).filter(|&b| one_word && no_person && !self.lex.titles.contains(&self.lower[b]));
        if let Some(first) = before {
            let span = Span::new(self.toks[first].start, end.max(start));
            return self.named(span, false);
        }
        let (a, b) = run.personal.unwrap_or((run.first, run.last));
        let span = Span::new(self.toks[a].start, trimmed(self.toks[b].end, b).max(self.toks[a].start));
        self.named(span, run.personal.is_some())
    }

    /// Where the capitalised words before "(ACRONYM)" begin, when the token at `first`
    /// follows such brackets.
    fn name_before_acronym(&self, first: usize) -> Option<usize> {
        let bracketed = first >= 4 && self.toks[first - 1].text == ")" && self.toks[first - 3].text == "(" && is_acronym(&self.toks[first - 2]);
        if !bracketed || !is_cap(&self.toks[first - 4]) {
            return None;
        }
        let mut start = first - 4;
        while start > 0 && is_cap(&self.toks[start - 1]) && self.sentence_of(start - 1) == self.sentence_of(first) {
            start -= 1;
        }
        Some(start)
    }

    /// Does the run qualify a noun in lower case after it, before `end` ("Boeing" in
    /// "Boeing quality manager", "Charleston County" in "Charleston County coroner's
    /// office")? Then it is part of a longer phrase, not the one who speaks.
    fn qualifies_noun(&self, r: &Run, end: usize) -> bool {
        r.last + 1 < end && {
            let (t, w) = (&self.toks[r.last + 1], &self.lower[r.last + 1]);
            t.is_word() && !is_cap(t) && !self.lex.is_between_subject_and_verb(w) && !self.lex.relative_pronouns.contains(w) && self.reporting_at(r.last + 1).is_none()
        }
    }

    /// The names of people (`person`) or of organisations whose spans can be read.
    fn usable_names(&self, person: bool) -> impl Iterator<Item = &NameMention> {
        self.names.iter().filter(move |m| m.person == person && m.start < m.end && m.end <= self.text.len() && self.text.is_char_boundary(m.start) && self.text.is_char_boundary(m.end))
    }

    fn named(&self, span: Span, personal: bool) -> Who {
        // "advisers to Mr. Obama", "a spokesman for Trump": a person after a preposition
        // of the phrase is not who speaks; the phrase is.
        // Nor does an owner ("Obama's aides said").
        let object = |m: &NameMention| {
            let plural_owner = self.text[..m.end].ends_with(['s', 'S']) && self.toks.get(self.tok_at(m.end)).is_some_and(|t| t.start == m.end) && self.plural_possessive_mark(self.tok_at(m.end));
            let owner = m.end < span.end && (POSSESSIVE_ENDINGS.iter().any(|e| self.text[m.end..].starts_with(e)) || plural_owner);
            owner || m.start > span.start && self.text[span.start..m.start].split_whitespace().any(|w| self.lex.prepositions.contains(&w.to_lowercase()))
        };
        // Nor does a person who qualifies a group or an aide of theirs ("the Clinton
        // campaign", "a senior Cruz adviser"); a person after that may ("Clinton
        // spokesman Nick Merrill").
        let qualifier = |m: &NameMention| {
            let next = self.tok_at(m.end);
            m.end < span.end
                && self.toks.get(next).is_some_and(|t| t.end <= span.end && !is_cap(t))
                && (self.lex.qualified_nouns.contains(&self.lower[next]) || self.lex.titles.contains(&self.lower[next]))
        };
        let person = |m: &NameMention| Who::Named { text: self.text[m.start..m.end].to_string(), span: Span::new(m.start, m.end), id: m.entity_id.clone(), personal: true };
        let whole = || Who::Named { text: self.text[span.start..span.end].to_string(), span, id: None, personal: false };
        if let Some(m) = self.usable_names(true).find(|m| m.start < span.end && span.start < m.end) {
            if object(m) {
                return whole();
            }
            if qualifier(m) {
                let later = self.usable_names(true).filter(|p| p.start >= m.end && p.start < span.end && !object(p) && !qualifier(p)).min_by_key(|p| p.start);
                return later.map_or_else(whole, person);
            }
            return person(m);
        }
        // "Mizuho Securities", and "The IMF", "the White House" after a determiner: an
        // organisation's name.
        let determined = |m: &&NameMention| {
            span.start <= m.start && m.end == span.end && self.text[span.start..m.start].split_whitespace().all(|w| self.lex.determiners.contains(&w.to_lowercase()))
        };
        if let Some(m) = self.usable_names(false).find(determined) {
            let s = Span::new(m.start, m.end);
            return Who::Named { text: self.text[s.start..s.end].to_string(), span: s, id: m.entity_id.clone(), personal: false };
        }
        Who::Named { text: self.text[span.start..span.end].to_string(), span, id: None, personal }
    }

    /// The whole phrase after "according to" as its source when it names no one and
    /// is no short noun phrase: "a fact sheet lawmakers released Monday", "her
    /// “clawback” plan". Up to twenty words; a longer one is a clause, not a source.
    fn source_phrase(&self, a: usize, b: usize) -> Option<Who> {
        let b = (a..b).rev().find(|&k| self.toks[k].is_word() || is_closing_mark(self.toks[k].text)).map(|k| k + 1)?;
        let words = (a..b).filter(|&k| self.toks[k].is_word()).count();
        (a < b && (1..=20).contains(&words)).then(|| self.named(Span::new(self.toks[a].start, self.toks[b - 1].end), false))
    }

    /// A short noun phrase from tokens [a, b) as the speaker ("Seorang pakar",
    /// "rescue officials").
    fn phrase(&self, a: usize, b: usize) -> Option<Who> {
        let words: Vec<usize> = (a..b).filter(|&i| self.toks[i].is_word()).collect();
        // The full stop of an abbreviation glued to it ("Mr. Rubio's advisers") is part of
        // a phrase; other punctuation is not.
        let abbreviation_stop = |i: usize| {
            i > a && self.toks[i].text == "." && self.toks[i].start == self.toks[i - 1].end && self.toks[i - 1].text.chars().count() <= 4
        };
        if words.is_empty() || words.len() > 6 || (a..b).any(|i| !self.toks[i].is_word() && self.toks[i].text != "-" && !abbreviation_stop(i) && !self.plural_possessive_mark(i)) {
            return None;
        }
        // Five or six words only when they read as a noun phrase ("45 percent of
        // registered voters", "A spokesman for the buyer"), not as a clause ("If he wins
        // the presidency", "Her strategists have been reluctant to").
        if words.len() > 4 {
            let first = &self.toks[words[0]];
            // A determiner, a number or a word that may open a name or a quantity ("half").
            let first_lower = &self.lower[words[0]];
            let stem = first_lower.trim_end_matches("’s").trim_end_matches("'s");
            let opens = self.lex.determiners.contains(first_lower)
                || first.text.starts_with(|c: char| c.is_ascii_digit())
                || !(self.lex.not_names.contains(stem) || self.lex.prepositions.contains(stem) || self.lex.conjunctions.contains(stem));
            // "Clinton extends her lead in", "The email goes on to": a phrase that stops
            // short is a clause cut off.
            let last = &self.lower[*words.last()?];
            let ends = !self.lex.not_names.contains(last) && !self.lex.prepositions.contains(last) && !self.lex.determiners.contains(last);
            let clause_word = words.iter().any(|&i| {
                let w = &self.lower[i];
                self.lex.between_subject_and_verb.contains(w) || self.lex.relative_pronouns.contains(w) || self.lex.complementizers.contains(w) || self.is_pronoun(i)
            });
            if !opens || !ends || clause_word {
                return None;
            }
        }
        if words.len() == 1 && self.is_pronoun(words[0]) {
            return Some(Who::Pronoun { span: self.pronoun_span(words[0]) });
        }
        // "said the vote" (of "McConnell … said the vote showed that “…”") is a clause
        // cut off, not who speaks.
        if words.len() > 1 && self.lex.reporting.contains(&self.lower[words[0]]) {
            return None;
        }
        let span = Span::new(self.toks[words[0]].start, self.toks[*words.last()?].end);
        Some(self.named(span, false))
    }

    /// The subject of the speech verb at token `verb`, looking back to the sentence
    /// start `from`.
    fn subject_before(&self, mut from: usize, verb: usize) -> Option<Who> {
        // "(Officials said the plan was wrong.)": a bracket opening the sentence is no
        // part of its subject.
        while from < verb && self.toks[from].text == "(" {
            from += 1;
        }
        if verb == 0 || verb <= from {
            return None;
        }
        // The subject ends before the auxiliaries and adverbs ("Trump, the candidate, has
        // long said", "kedua negara telah mengumumkan"); a capitalised word is a name
        // ("Kelly said"), not an adverb.
        let cue = verb;
        let mut verb = verb;
        loop {
            let raising = self.lex.raising_verbs.iter().find(|p| verb >= from + 1 + p.len() && p.iter().enumerate().all(|(k, w)| &self.lower[verb - p.len() + k] == w));
            if let Some(p) = raising {
                verb -= p.len();
            } else if verb > from + 1 && !is_cap(&self.toks[verb - 1]) && self.lex.is_between_subject_and_verb(&self.lower[verb - 1]) {
                verb -= 1;
            } else {
                break;
            }
        }
        // "It is clear that" has no speaker; in "Devine made it clear that" the speaker is
        // the subject of "made".
        if self.lex.expletives.contains(&self.lower[verb - 1]) && self.lex.expletive_cues.contains(&self.lower[cue]) {
            if verb - 1 <= from || !self.toks[verb - 2].is_word() {
                return None;
            }
            return self.subject_before(from, verb - 2);
        }
        // "Ali al-Naimi seperti dikutip Dow Jones Newswires mengatakan": the source a
        // statement was taken from is not its speaker, who comes before it.
        let citing = (from + 1..verb).rev().take(8).find(|&c| self.lex.citing.iter().any(|p| c + p.len() < verb && p.iter().enumerate().all(|(k, w)| &self.lower[c + k] == w)));
        if let Some(c) = citing {
            return self.subject_before(from, c);
        }
        // Pronoun right before the verb or opening the clause: "Dia menambahkan".
        if self.is_pronoun(verb - 1) && !self.inside_marks(self.toks[verb - 1].start) {
            return Some(Who::Pronoun { span: self.pronoun_span(verb - 1) });
        }
        // "Satuan Kerja Khusus … Minyak dan Gas Bumi (SKK Migas) memastikan": the acronym
        // in brackets names the organisation whole, where its name may be cut by "dan"
        // and the recogniser did not find it.
        if self.toks[verb - 1].text == ")" {
            let open = (verb.saturating_sub(5).max(from)..verb - 1).rev().find(|&j| self.toks[j].text == "(");
            if let Some(o) = open.filter(|&o| o + 1 < verb - 1 && o > from && is_cap(&self.toks[o - 1])) {
                let acronym = is_acronym(&self.toks[o + 1]) && (o + 1..verb - 1).all(|j| is_cap(&self.toks[j]));
                // A name the recogniser found whole before the brackets is the better one;
                // whole, that is, across "dan" between capitalised words.
                let mut owner = o - 1;
                loop {
                    if owner > from && is_cap(&self.toks[owner - 1]) {
                        owner -= 1;
                    } else if owner >= from + 2 && self.lex.conjunctions.contains(&self.lower[owner - 1]) && is_cap(&self.toks[owner - 2]) {
                        owner -= 2;
                    } else {
                        break;
                    }
                }
                let owner_found = self.names.iter().any(|m| m.end == self.toks[o - 1].end && m.start <= self.toks[owner].start);
                if acronym && !owner_found {
                    return Some(self.named(Span::new(self.toks[o + 1].start, self.toks[verb - 2].end), false));
                }
            }
        }
        // Coordinated with an earlier reporting verb, it shares that verb's subject: "Dia
        // menyebutkan … Rusia … dan menambahkan bahwa …", "She said … and added that …".
        // The nearest name before it is inside the first clause, not the speaker.
        if let Some(who) = self.coordinated_with(from, verb).and_then(|earlier| self.subject_before(from, earlier)) {
            return Some(who);
        }
        let runs: Vec<Run> = self.runs(from, verb);
        // A demonym or a compound adjective alone describes the subject ("the French
        // manufacturer", "the Texas-based organization"); it is the speaker only when
        // nothing else is.
        let demonym = |r: &Run| {
            let word = self.toks[r.first].text;
            let compound = word.rsplit_once('-').is_some_and(|(_, tail)| tail.starts_with(char::is_lowercase));
            r.first == r.last && (crate::ner::is_demonym(&self.lower[r.first]) || compound)
        };
        // A name after a preposition is its object ("after meeting Biden"); so is one that
        // qualifies a noun after it, a few words in lower case after a preposition
        // ("Lawyers for a former Boeing quality manager … said").
        let qualifies_noun = |r: &Run| self.qualifies_noun(r, verb);
        let after_preposition = |r: &Run| {
            if r.first > from && self.lex.prepositions.contains(&self.lower[r.first - 1]) {
                return true;
            }
            qualifies_noun(r) && (r.first.saturating_sub(3).max(from)..r.first).rev().map_while(|k| {
                let t = &self.toks[k];
                let w = &self.lower[k];
                (t.is_word() && !is_cap(t) && !self.lex.conjunctions.contains(w) && !self.lex.relative_pronouns.contains(w)).then_some(k)
            })
            .any(|k| self.lex.prepositions.contains(&self.lower[k]))
        };
        let usable = |r: &Run| !r.possessive && (r.first <= from || !after_preposition(r)) && !demonym(r);
        // Appositive: "Flynn, a top Trump surrogate, said" / "Sekjen NATO, Jens
        // Stoltenberg, mengungkapkan".
        if self.toks[verb - 1].text == "," {
            // A relative clause between them may be of any length ("Dr. Connie Mariano,
            // who as a Navy captain was the White House physician …, said").
            let relative = |i: usize| self.toks[i].text == "," && self.lex.relative_pronouns.contains(&self.lower[i + 1]);
            let open = (from..verb - 1).rev().take(14).find(|&i| self.toks[i].text == ",").or_else(|| (from..verb - 1).rev().find(|&i| relative(i)));
            if let Some(c) = open {
                // "Seorang penumpang, Yusuf Lamaka (52), mengatakan": the name may carry an age.
                let ends_before_age = |r: &Run| {
                    r.last + 4 == verb - 1 && self.toks[r.last + 1].text == "(" && self.toks[verb - 2].text == ")"
                };
                let inner = runs.iter().find(|r| r.first == c + 1 && (r.last == verb - 2 || ends_before_age(r)) && r.personal.is_some());
                if let Some(r) = inner {
                    return Some(self.who_from_run(r));
                }
                // "Siti Rahmawati (38), penumpang …, bercerita": skip an age in brackets.
                let mut before = c;
                if before > from && self.toks[before - 1].text == ")" {
                    if let Some(o) = (from..before - 1).rev().take(6).find(|&j| self.toks[j].text == "(") {
                        before = o;
                    }
                }
                if let Some(r) = runs.iter().rfind(|r| r.last + 1 == before && usable(r)) {
                    if r.personal.is_some() {
                        return Some(self.who_from_run(r));
                    }
                }
                // "Donna Sampson Rawlings, 59, of Ashton, Md., who watched …, said": the
                // relative clause follows appositions of its own; the person the
                // recogniser found before them is who.
                if self.lex.relative_pronouns.contains(&self.lower[c + 1]) {
                    if let Some(r) = runs.iter().rfind(|r| r.last < c && usable(r) && self.holds_person(r)) {
                        return Some(self.who_from_run(r));
                    }
                }
                // "The governor, who dropped his own bid last year, noted that …".
                if runs.iter().all(|r| r.last < from || r.first > before) {
                    let opening = (from..before).rev().find(|&i| self.toks[i].text == ",").map_or(from, |i| i + 1);
                    if let Some(who) = self.phrase(opening, before) {
                        return Some(who);
                    }
                }
            }
        }
        // "there are some economists who argue that …": the relative pronoun right before
        // the verb stands for the noun phrase before it, from its determiner on.
        if verb >= from + 2 && self.lex.relative_pronouns.contains(&self.lower[verb - 1]) && self.toks[verb - 2].is_word() {
            if let Some(r) = runs.iter().rfind(|r| r.last + 2 == verb && !r.possessive) {
                return Some(self.who_from_run(r));
            }
            let opening = (from..verb - 1).rev().take(4).take_while(|&k| self.toks[k].is_word()).find(|&k| self.lex.determiners.contains(&self.lower[k]) || self.opens_quantity(k));
            if let Some(who) = opening.and_then(|d| self.phrase(d, verb - 1)) {
                return Some(who);
            }
        }
        let candidates: Vec<&Run> = runs.iter().filter(|r| usable(r)).collect();
        let clause = (from..verb).rev().find(|&i| self.toks[i].text == ",").map_or(from, |c| c + 1);
        // "Bill Maher, who said …", "Joko Widodo, yang mengatakan …": the relative pronoun
        // stands for the name just before its comma.
        if clause > from + 1 && clause < verb && self.lex.relative_pronouns.contains(&self.lower[clause]) {
            // The name may be an object ("cheered for Bill Maher, who said").
            if let Some(r) = runs.iter().rfind(|r| r.last + 2 == clause && !r.possessive) {
                return Some(self.who_from_run(r));
            }
        }
        // The verb's own clause, after the last comma before it, holds its subject: a
        // name there wins over names of a clause before ("Menanggapi pernyataan Putin,
        // pemerintah AS mengatakan"), and so does a plain subject there ("Mengutip enam
        // pejabat senior AS, laporan tersebut menyebutkan", "After meeting Biden, the
        // prime minister said"), but not a time ("…, kemarin, mengatakan").
        // After a conjunction the verb's clause is a verb phrase ("…, Benny Sutanto,
        // apologised to passengers and said"): its subject is further back.
        let after_conjunction = self.lex.conjunctions.contains(&self.lower[verb - 1]);
        if clause < verb && !after_conjunction {
            let own: Vec<&Run> = candidates.iter().copied().filter(|r| r.first >= clause).collect();
            // "Suhail Al-Mazrouei, Menteri Energi Uni Emirat Arab mengatakan": an office
            // naming no person, in apposition without its closing comma, after the person
            // it names, who is all of the clause before ("Menanggapi pernyataan Putin,
            // Menteri Luar Negeri AS mengatakan" has Putin as an object).
            if clause > from + 1 && self.is_title(clause) && !own.iter().any(|r| self.holds_person(r)) {
                let named = runs.iter().rfind(|r| r.last + 2 == clause && self.holds_person(r) && usable(r));
                let opens_clause = |r: &&Run| (from..r.first).rev().take_while(|&k| self.toks[k].text != ",").all(|k| is_cap(&self.toks[k]));
                if let Some(r) = named.filter(opens_clause) {
                    return Some(self.who_from_run(r));
                }
            }
            if let Some(r) = own.iter().rev().find(|r| r.personal.is_some()) {
                // "the New Jersey governor said": the name qualifies the noun that heads
                // the subject, which a determiner opens.
                let head_after = r.last + 1 < verb
                    && self.lex.determiners.contains(&self.lower[clause])
                    && (r.last + 1..verb).all(|k| {
                        let w = &self.lower[k];
                        self.toks[k].is_word() && !is_cap(&self.toks[k]) && !self.lex.is_between_subject_and_verb(w) && !self.lex.conjunctions.contains(w) && !self.lex.relative_pronouns.contains(w) && !self.lex.prepositions.contains(w)
                    });
                if let Some(who) = head_after.then(|| self.clause_subject(clause, verb)).flatten() {
                    return Some(who);
                }
                return Some(self.who_from_run(r));
            }
            // A name inside a plain subject is not the speaker: "pejabat Rusia menyebut",
            // "A State Department spokesman said".
            let plain = !self.lex.time_words.contains(&self.lower[clause]) && own.last().is_none_or(|r| r.first > clause);
            if let Some(who) = plain.then(|| self.clause_subject(clause, verb)).flatten() {
                return Some(who);
            }
            if let Some(r) = own.last() {
                return Some(self.who_from_run(r));
            }
        }
        if let Some(r) = candidates.iter().rev().find(|r| r.personal.is_some()) {
            return Some(self.who_from_run(r));
        }
        if let Some(r) = candidates.last() {
            return Some(self.who_from_run(r));
        }
        self.clause_subject(clause, verb).or_else(|| runs.iter().rfind(|r| demonym(r) && !r.possessive).map(|r| self.who_from_run(r)))
    }

    /// A subject without a name between `clause` and the verb: a pronoun opening it, or
    /// a short phrase without a conjunction before it and the auxiliaries after it.
    fn clause_subject(&self, mut clause: usize, verb: usize) -> Option<Who> {
        // "…, but officials said": the conjunction is no part of the subject, nor is
        // "Meskipun" of "Meskipun kedua pemimpin mengatakan".
        while clause < verb && !self.opens_quantity(clause) && (self.lex.conjunctions.contains(&self.lower[clause]) || self.lex.subordinators.contains(&self.lower[clause])) {
            clause += 1;
        }
        // "…, in explaining", "To be sure, …": no subject at all. But "About 40 percent
        // of voters said" opens with a bound, and "That person said" with a determiner.
        let w = &self.lower[clause];
        let preposition = self.lex.prepositions.contains(w) && !self.opens_quantity(clause);
        let determiner = self.lex.determiners.contains(w) && self.opens_sentence(clause) && verb > clause + 1;
        let complementizer = self.lex.complementizers.contains(w) && !determiner;
        if clause == verb || preposition || complementizer {
            return None;
        }
        // "He said", "So now you know": a pronoun after no more than words that name no one.
        if let Some(i) = (clause..verb).find(|&i| self.is_pronoun(i)) {
            if i <= clause + 1 || (clause..i).all(|j| self.lex.not_names.contains(&self.lower[j]) && !self.lex.determiners.contains(&self.lower[j])) {
                return Some(Who::Pronoun { span: self.pronoun_span(i) });
            }
        }
        let mut end = verb;
        while end > clause + 1 && self.lex.is_between_subject_and_verb(&self.lower[end - 1]) {
            end -= 1;
        }
        self.phrase(clause, end).or_else(|| self.long_subject(clause, end))
    }

    /// Whether a bound opens a quantity at `i`: "about 40", "over 1,000", "as many as".
    fn opens_quantity(&self, i: usize) -> bool {
        let next_is_number = self.toks.get(i + 1).is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()));
        next_is_number || self.quantity_bound_at(i).is_some()
    }

    /// The length in tokens of a phrase of `quantity_bounds` at `i`.
    fn quantity_bound_at(&self, i: usize) -> Option<usize> {
        self.lex.quantity_bounds.iter().find(|b| i + b.len() <= self.toks.len() && b.iter().enumerate().all(|(k, w)| self.lower[i + k] == **w)).map(Vec::len)
    }

    /// A subject too long for [`Self::phrase`] when it opens the sentence with a capital
    /// that names no one ("Large majorities of voters going to the polls on Super Tuesday
    /// said"): up to twelve words, no punctuation, nothing that opens a clause.
    fn long_subject(&self, a: usize, b: usize) -> Option<Who> {
        let opens = a < b && self.opens_sentence(a) && is_cap(&self.toks[a]) && crate::ner::rarely_capitalised(&self.lower[a]);
        // "As many as 40 percent of …": the bound's "as" joins no clause.
        let counted = a + self.quantity_bound_at(a).unwrap_or(0);
        let plain = (counted..b).all(|i| {
            let w = &self.lower[i];
            let complementizer = self.lex.complementizers.contains(w) && !(i == a && self.lex.determiners.contains(w));
            self.toks[i].is_word() && !self.is_pronoun(i) && !self.lex.relative_pronouns.contains(w) && !complementizer && !self.lex.conjunctions.contains(w)
        });
        if !opens || !plain || b - a > 12 || self.lex.prepositions.contains(&self.lower[b - 1]) {
            return None;
        }
        Some(self.named(Span::new(self.toks[a].start, self.toks[b - 1].end), false))
    }

    /// The speaker a participle after the comma at `upto` speaks for: the speaker of the
    /// last reporting verb before it ("…,” she said in the Oval Office, emphasizing …",
    /// "…, said Smith, adding that …"), or else the subject opening the sentence, after
    /// a leading adverbial ("During the speech, Trump attacked Clinton …, saying"): a
    /// pronoun or a name within its first three words.
    fn opening_subject(&self, first: usize, upto: usize) -> Option<Who> {
        if let Some(v) = (first..upto).rev().find(|&i| !self.inside_marks(self.toks[i].start) && self.reporting_at(i).is_some()) {
            // "…, said Smith, adding": the name between the verb and the comma.
            let after = self.runs(v + 1, upto).into_iter().next().filter(|r| r.first == v + 1 && r.last + 1 == upto && !r.possessive);
            return match after {
                Some(r) => Some(self.who_from_run(&r)),
                None => self.speaker_before(first, v),
            };
        }
        let mut clause = first;
        while clause < upto && !self.toks[clause].is_word() {
            clause += 1;
        }
        // "In the speech, …", "Meanwhile, it attacked Trump, saying …": what opens the
        // sentence before its comma is no subject.
        let connective = (clause + 1..upto.min(clause + 4)).find(|&i| self.toks[i].text == ",").is_some_and(|c| {
            let words: Vec<&str> = (clause..c).map(|i| &self.lower[i][..]).collect();
            crate::ner::is_connective(&words.join(" "))
        });
        if clause < upto && (self.lex.prepositions.contains(&self.lower[clause]) || connective) {
            clause = (clause..upto).find(|&i| self.toks[i].text == ",").map_or(upto, |c| c + 1);
        }
        if clause < upto && self.is_pronoun(clause) {
            return Some(Who::Pronoun { span: self.pronoun_span(clause) });
        }
        if let Some(run) = self.runs(clause, upto).into_iter().next().filter(|r| r.first <= clause + 2 && !r.possessive) {
            return Some(self.who_from_run(&run));
        }
        // "The ad attacked Trump, saying …": a subject a determiner opens, up to the verb
        // in the past tense after it; the name after that verb is its object.
        if clause < upto && self.lex.determiners.contains(&self.lower[clause]) {
            let verb_like = |k: usize| {
                let w = &self.lower[k];
                Lexicon::has_suffix(&self.lex.past_suffixes, w) || self.lex.clause_predicates.contains(w) || self.lex.is_between_subject_and_verb(w)
            };
            let verb = (clause + 2..upto.min(clause + 6)).find(|&k| self.toks[k].is_word() && !is_cap(&self.toks[k]) && verb_like(k))?;
            return self.phrase(clause, verb);
        }
        None
    }

    /// The speaker written after a verb at `i` ("kata Menlu Blinken", "said Smith",
    /// "jelas dia").
    fn subject_after(&self, i: usize, end: usize) -> Option<Who> {
        if i >= end {
            return None;
        }
        if self.is_pronoun(i) {
            return Some(Who::Pronoun { span: self.pronoun_span(i) });
        }
        let runs = self.runs(i, end.min(i + 14));
        // "said the Rev. Peter Wherry": a determiner before a title and its holder.
        let titled = |r: &&Run| r.first == i + 1 && self.lex.determiners.contains(&self.lower[i]) && self.is_title(i + 1) && r.personal.is_some();
        if let Some(r) = runs.first().filter(titled) {
            return Some(self.who_from_run(r));
        }
        if let Some(r) = runs.first().filter(|r| r.first == i && r.last < i + 8) {
            // "kata Deputi Gubernur Senior Bank Indonesia (BI) Mirza Adityaswara": the name
            // after the bracketed acronym of the office.
            let bracketed = r.last + 3 < end && self.toks[r.last + 1].text == "(" && self.toks[r.last + 3].text == ")";
            if let Some(name) = runs.get(1).filter(|n| bracketed && n.first == r.last + 4 && n.personal.is_some()) {
                return Some(self.who_from_run(name));
            }
            // "dijelaskan Kepala Bagian Ekonomi IEA, Fatih Birol, kepada …": an office
            // naming no person, then the person in apposition.
            let apposed = runs.get(1).filter(|n| {
                n.first == r.last + 2 && self.toks[r.last + 1].text == "," && !n.possessive && (n.last + 1 == end || matches!(self.toks[n.last + 1].text, "," | "."))
            });
            if let Some(name) = apposed.filter(|n| self.holds_person(n) && !self.holds_person(r)) {
                return Some(self.who_from_run(name));
            }
            return Some(self.who_from_run(r));
        }
        // "said the company's president director" / "kata seorang saksi"; a relative
        // clause ends the phrase ("kata seorang pejabat Kementerian ESDM yang enggan
        // disebut namanya").
        let stop = (i..end.min(i + 6)).find(|&k| !self.toks[k].is_word() || (k > i && self.lex.relative_pronouns.contains(&self.lower[k]))).unwrap_or(end.min(i + 6));
        // "kata pelatih Persisar, Johan Sitanggang, …": the name in apposition.
        if stop < end && self.toks[stop].text == "," {
            if let Some(r) = self.runs(stop + 1, end.min(stop + 8)).first().filter(|r| r.first == stop + 1 && r.personal.is_some() && !r.possessive) {
                return Some(self.who_from_run(r));
            }
        }
        // "kata analis Central China Securities Zhang Gang": an office in lower case, then
        // whom it names, which ends the phrase.
        if self.lex.titles.contains(&self.lower[i]) && !is_cap(&self.toks[i]) {
            let closes = |r: &&Run| r.last + 1 >= end || !self.toks[r.last + 1].is_word();
            let named = runs.iter().find(|r| r.first > i && r.first <= i + 3 && (i + 1..r.first).all(|k| self.toks[k].is_word() && !is_cap(&self.toks[k]))).filter(closes);
            if let Some(r) = named.filter(|r| r.personal.is_some()) {
                return Some(self.who_from_run(r));
            }
        }
        // Not a time or a place: "“…” announced in October, said Derek Scissors".
        if stop > i && stop - i <= 5 && !self.lex.time_words.contains(&self.lower[i]) && !self.lex.prepositions.contains(&self.lower[i]) {
            let span = Span::new(self.toks[i].start, self.toks[stop - 1].end);
            return Some(self.named(span, false));
        }
        None
    }

    fn reporting_at(&self, i: usize) -> Option<bool> {
        if !self.toks[i].is_word() {
            return None;
        }
        // In a headline in title case every word has a capital: "Trump Says He …".
        let headline = i > 0 && is_cap(&self.toks[i - 1]) && self.lex.headline_reporting.contains(&self.lower[i]) && {
            let (first, last) = self.sentence_of(i);
            crate::ner::is_title_case(&self.toks[first..last].iter().filter(|t| t.is_word()).map(|t| t.text).collect::<Vec<_>>())
        };
        if headline {
            return Some(false);
        }
        // A capitalised word after another is part of a name: "United States" states
        // nothing.
        if i > 0 && is_cap(&self.toks[i]) && is_cap(&self.toks[i - 1]) {
            return None;
        }
        // After a determiner it is a noun: "in those states that Mr. Obama won" (but
        // "that" may be a relative pronoun: "a statement that said …").
        if i > 0 && self.lex.determiners.contains(&self.lower[i - 1]) && !self.lex.complementizers.contains(&self.lower[i - 1]) {
            return None;
        }
        // After an owner too, unless it opens a clause as a noun can ("his attorney's
        // warning that …"): "Editor’s note:" reports nothing.
        if i > 0 && is_possessive(&self.toks[i - 1]) && !(i + 1 < self.toks.len() && self.lex.complementizers.contains(&self.lower[i + 1])) {
            return None;
        }
        self.lex.verb(&self.lower[i], &self.lex.reporting)
    }

    /// The length in tokens of an "according to" cue at `i`.
    fn according_at(&self, i: usize) -> Option<(usize, bool)> {
        for words in &self.lex.according {
            let n = words.len();
            if i + n > self.toks.len() {
                continue;
            }
            let (head, lastw) = words.split_at(n - 1);
            if !head.iter().enumerate().all(|(k, w)| &self.lower[i + k] == w) {
                continue;
            }
            let w = &self.lower[i + n - 1];
            if *w == lastw[0] {
                return Some((n, false));
            }
            if self.lex.suffixes.iter().any(|s| w.strip_suffix(s.as_str()) == Some(lastw[0].as_str())) {
                return Some((n, true));
            }
        }
        None
    }

    fn run(self) -> Vec<Quote> {
        let mut items = Vec::new();
        let mut direct_cues: FastSet<usize> = FastSet::default();
        for m in self.marks.clone() {
            if let Some(item) = self.classify(&m) {
                if let Some((cs, _)) = item.cue {
                    if cs > m.start {
                        direct_cues.insert(cs);
                    }
                }
                items.push(item);
            }
        }
        for s in 0..self.sents.len() {
            self.indirect(s, &direct_cues, &mut items);
        }
        items.sort_by_key(|it| (it.start, it.end));
        items.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.kind == b.kind);
        self.resolve(items)
    }

    /// A direct quote, a fragment, or nothing.
    fn classify(&self, m: &Marked) -> Option<Item> {
        let content = &self.text[m.start..m.end];
        if is_title(content) {
            return None;
        }
        let words = content.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
        let open_tok = self.tok_at(m.open);

        let after_tok = self.tok_at(m.close_end);
        let (sent_first, _) = self.sentence_of(open_tok);
        let direct = |cue: Option<(usize, usize)>, who: Option<Who>| Item {
            kind: QuoteKind::Direct,
            start: m.start,
            end: m.end,
            cue,
            who,
            at: m.open,
        };

        let prefix_words = (sent_first..open_tok).filter(|&i| self.toks[i].is_word() && !self.inside_marks(self.toks[i].start)).count();
        // 1. Attribution after the quote. One capitalised word in marks inside the
        // writer's sentence names a show or a book ("Wednesday on Fox News Channel’s
        // “Hannity,” Newt Gingrich said if …"), as longer titles do: its verb reports
        // what follows.
        let named_work = words == 1 && prefix_words > 0 && content.trim_start().starts_with(char::is_uppercase);
        if let Some((cue, who)) = self.after_attribution(m, after_tok).filter(|_| !named_work) {
            return Some(direct(Some(cue), who));
        }
        // 2. Attribution before the quote, in the same sentence, ending with ":" or ",".
        if open_tok > sent_first {
            let last = &self.toks[open_tok - 1];
            let introduced = matches!(last.text, ":" | "," | "—" | "–" | "-");
            let verb = (sent_first..open_tok)
                .rev()
                .find(|&i| !self.inside_marks(self.toks[i].start) && self.reporting_at(i).is_some());
            // "told reporters that “John Kasich is throwing votes away.”": a whole
            // sentence quoted as what was said, after the complementizer.
            let sentence_after_that = self.lex.complementizers.contains(&self.lower[open_tok - 1])
                && content.starts_with(char::is_uppercase)
                && content.trim_end().ends_with(['.', '!', '?'])
                && self.sentence_of(open_tok).1 <= after_tok + 1;
            if introduced || sentence_after_that || words > self.lex.fragment_max_words {
                // "With Democratic leaders increasingly worried about …, President Obama is
                // rolling out a new campaign message: “…”": the person who opens the
                // clause of the colon, after the verb's clause, speaks.
                let colon_clause = verb.filter(|_| last.text == ":").and_then(|v| (v + 1..open_tok).rev().find(|&k| self.toks[k].text == ","));
                let colon_speaker = colon_clause.and_then(|c| self.runs(c + 1, open_tok - 1).into_iter().next().filter(|r| r.first <= c + 3 && !r.possessive && self.holds_person(r)));
                if let Some(r) = colon_speaker {
                    return Some(direct(None, Some(self.who_from_run(&r))));
                }
                if let Some(v) = verb {
                    // Only when the verb introduces this quote: nothing but an addressee
                    // or a manner phrase between them.
                    let between = (v + 1..open_tok).filter(|&i| self.toks[i].is_word()).count();
                    if introduced || between == 0 || (sentence_after_that && between <= 4) {
                        let suffix = self.reporting_at(v) == Some(true);
                        // "Trump attacked Clinton …, saying, “…”": the participle speaks for
                        // the sentence's subject.
                        let participle = v > sent_first + 1 && self.toks[v - 1].text == "," && self.lex.is_participle(&self.lower[v]);
                        let who = participle
                            .then(|| self.opening_subject(sent_first, v - 1))
                            .flatten()
                            .or_else(|| self.subject_before(sent_first, v))
                            .or_else(|| suffix.then(|| Who::Pronoun { span: self.suffix_span(v) }))
                            .or_else(|| self.subject_after(v + 1, open_tok));
                        if between <= 6 || introduced {
                            return Some(direct(Some((self.toks[v].start, self.toks[v].end)), who));
                        }
                    }
                }
                if introduced {
                    // "Menurut X, “…”" / "Stoltenberg: “…”".
                    if let Some(a) = (sent_first..open_tok).find(|&i| self.according_at(i).is_some()) {
                        let (n, pron) = self.according_at(a).unwrap_or((1, false));
                        let who = if pron { Some(Who::Pronoun { span: self.suffix_span(a + n - 1) }) } else { self.subject_after(a + n, open_tok) };
                        return Some(direct(Some((self.toks[a].start, self.toks[a + n - 1].end)), who));
                    }
                    if last.text == ":" {
                        if let Some(r) = self.runs(sent_first, open_tok - 1).last() {
                            if r.last + 2 == open_tok {
                                return Some(direct(None, Some(self.who_from_run(r))));
                            }
                        }
                    }
                }
            }
        }
        // 3. Standing alone: the quote is the whole sentence.
        let trailing_words = (after_tok..self.sentence_of(after_tok.saturating_sub(1)).1)
            .filter(|&i| self.toks[i].is_word() && !self.inside_marks(self.toks[i].start))
            .count();
        let ends_sentence = content.trim_end().ends_with(['.', '!', '?', '…', ',']);
        if prefix_words == 0 && (trailing_words == 0 || words > self.lex.fragment_max_words) && (ends_sentence || words > self.lex.fragment_max_words || self.line_is_quote(m)) {
            return Some(direct(None, None));
        }
        // 4. Inside the writer's sentence.
        let who = self.sentence_speaker(sent_first, open_tok);
        // American style puts a comma or full stop inside the marks (“Fox News Sunday,”):
        // a short embedded quote is a fragment unless it holds a sentence break.
        let inner = content.trim_end().trim_end_matches(['.', ',', '!', '?', '…']);
        let has_break = inner.contains(". ") || inner.contains("? ") || inner.contains("! ");
        if words <= self.lex.fragment_max_words && !has_break {
            return Some(Item { kind: QuoteKind::Fragment, start: m.start, end: m.end, cue: who.as_ref().map(|w| w.1), who: who.map(|w| w.0), at: m.open });
        }
        Some(Item { kind: QuoteKind::Direct, start: m.start, end: m.end, cue: who.as_ref().map(|w| w.1), who: who.map(|w| w.0), at: m.open })
    }

    fn line_is_quote(&self, m: &Marked) -> bool {
        let after = &self.text[m.close_end..];
        let rest = after.split('\n').next().unwrap_or("");
        !rest.chars().any(char::is_alphanumeric)
    }

    fn suffix_span(&self, i: usize) -> Span {
        let t = &self.toks[i];
        for s in &self.lex.suffixes {
            if self.lower[i].ends_with(s.as_str()) && t.text.len() >= s.len() && t.text.is_char_boundary(t.text.len() - s.len()) {
                return Span::new(t.end - s.len(), t.end);
            }
        }
        t.span()
    }

    /// The speaker of the sentence around a fragment: the subject of a reporting verb
    /// before it ("Stoltenberg menegaskan perlunya “konsekuensi”").
    fn sentence_speaker(&self, first: usize, upto: usize) -> Option<(Who, (usize, usize))> {
        let v = (first..upto).rev().find(|&i| !self.inside_marks(self.toks[i].start) && self.reporting_at(i).is_some())?;
        let who = self.speaker_before(first, v)?;
        Some((who, (self.toks[v].start, self.toks[v].end)))
    }

    /// `"…," kata X` / `"…," ujarnya` / `"…," he said` / `"…," Flynn, a …, said`.
    fn after_attribution(&self, m: &Marked, after_tok: usize) -> Option<((usize, usize), Option<Who>)> {
        let mut i = after_tok;
        let n = self.toks.len();
        let line_end = self.text[m.close_end..].find('\n').map_or(self.text.len(), |k| m.close_end + k);
        let mut comma = false;
        while i < n && matches!(self.toks[i].text, "," | "—" | "–" | "-") && self.toks[i].start < line_end {
            comma = true;
            i += 1;
        }
        if i >= n || self.toks[i].start >= line_end {
            return None;
        }
        // The window: up to the sentence end, a new quote, or the line end.
        let mut end = i;
        // The full stop of "Mr." or "Sen." ends no sentence, so it ends no window.
        let ends_sentence = |k: usize| is_stop(self.toks[k].text) && self.sentence_of(k).1 <= k + 1;
        while end < n && end < i + 20 && self.toks[end].start < line_end && !ends_sentence(end) && self.opener_at(end).is_none() {
            end += 1;
        }
        let content = self.text[m.start..m.end].trim_end();
        let closed_sentence = content.ends_with(['.', '!', '?']) && !comma;
        let starts_lower = self.toks[i].text.chars().next().is_some_and(char::is_lowercase);
        // After a full stop a capitalised word starts a new sentence: accept only a bare
        // "X said." there, or one told to whom or where ("Ali mengatakan kepada
        // wartawan, Rabu.", "X told reporters."), which states nothing of its own.
        let tail_ok = |v: usize| {
            let bare = (v + 1..end).all(|k| !self.toks[k].is_word() || self.lex.time_words.contains(&self.lower[k]));
            let words = (v + 1..end).filter(|&k| self.toks[k].is_word()).count();
            // The speaker right before the verb, no clause of its own ("The union will
            // likely sit out the election, UMWA Director Phil Smith said to …").
            let short_subject = v <= i + 8 && (i..v).all(|k| self.toks[k].text != ",");
            let audience = v + 1 < end
                && short_subject
                && (self.lex.prepositions.contains(&self.lower[v + 1]) || self.lex.addressee_verbs.contains(&self.lower[v]))
                && words <= 5
                && (v + 1..end).all(|k| !self.lex.complementizers.contains(&self.lower[k]) && self.reporting_at(k).is_none());
            !closed_sentence || starts_lower || bare || audience
        };
        let verb_after = |k: usize| self.lex.verb(&self.lower[k], &self.lex.after_quote);
        // (a) verb first.
        if let Some(suffix) = verb_after(i) {
            if !tail_ok(i) && closed_sentence {
                return None;
            }
            let cue = (self.toks[i].start, self.toks[i].end);
            if suffix {
                return Some((cue, Some(Who::Pronoun { span: self.suffix_span(i) })));
            }
            return Some((cue, self.subject_after(i + 1, end)));
        }
        // (b) pronoun, verb.
        if self.is_pronoun(i) && i + 1 < end && verb_after(i + 1).is_some() && tail_ok(i + 1) {
            return Some(((self.toks[i + 1].start, self.toks[i + 1].end), Some(Who::Pronoun { span: self.pronoun_span(i) })));
        }
        // (c) name or short phrase, maybe an appositive, then the verb.
        if !comma && !content.ends_with([',', '?', '!', '…']) && !starts_lower && closed_sentence {
            // fall through: only "X said." accepted below via tail_ok
        }
        if self.lex.conjunctions.contains(&self.lower[i]) || self.lex.prepositions.contains(&self.lower[i]) || self.lex.complementizers.contains(&self.lower[i]) {
            return None;
        }
        let v = (i + 1..end).find(|&k| verb_after(k).is_some())?;
        if !tail_ok(v) {
            return None;
        }
        let who = self.subject_before(i, v)?;
        if !comma && !content.ends_with([',', '?', '!', '…', '.']) {
            return None;
        }
        Some(((self.toks[v].start, self.toks[v].end), Some(who)))
    }

    /// Reported speech in sentence `s`.
    fn indirect(&self, s: usize, direct_cues: &FastSet<usize>, items: &mut Vec<Item>) {
        let (first, last) = self.sents[s];
        if s > 0 {
            self.passive_attribution(s, items);
        }
        self.opening_source(first, last, items);
        self.labelled_statement(first, last, items);
        let mut i = first;
        while i < last {
            let pos = self.toks[i].start;
            if self.inside_marks(pos) || direct_cues.contains(&pos) {
                i += 1;
                continue;
            }
            // "Kata dia, …" / "Ujar Budi, …": the verb opens the sentence.
            if i == first && self.lex.leading_cues.contains(&self.lower[i]) && i + 2 < last && (self.is_pronoun(i + 1) || is_cap(&self.toks[i + 1])) {
                self.according(first, last, i, 1, false, items);
                i += 1;
                continue;
            }
            if let Some((n, pron)) = self.according_at(i) {
                self.according(first, last, i, n, pron, items);
                i += n;
                continue;
            }
            if self.reporting_at(i) == Some(false) {
                self.reported(first, last, i, items);
            } else if i > first && self.toks[i - 1].text == "," && self.lex.verb(&self.lower[i], &self.lex.after_quote).is_some() {
                // "Kapal itu, kata dia, sudah laik": a verb of the quote's tail set off
                // inside a sentence.
                self.aside(first, last, i, items);
            }
            i += 1;
        }
    }

    /// "Hal itu disampaikan Kepala Basarnas Kusworo di Jakarta.": sentence `s` names the
    /// speaker of the sentence before it, which becomes reported speech, unless it holds
    /// a quotation mark of its own.
    fn passive_attribution(&self, s: usize, items: &mut Vec<Item>) {
        let (first, last) = self.sents[s];
        let Some(opener) = self.lex.passive_openers.iter().find(|o| first + o.len() < last && o.iter().enumerate().all(|(k, w)| &self.lower[first + k] == w)) else {
            return;
        };
        let mut v = first + opener.len();
        while v < last && self.lex.between_subject_and_verb.contains(&self.lower[v]) {
            v += 1;
        }
        if v >= last || !self.lex.passive_reporting.contains(&self.lower[v]) {
            return;
        }
        let by = v + 1 < last && self.lex.passive_agent.contains(&self.lower[v + 1]);
        let Some(who) = self.subject_after(v + 1 + usize::from(by), last) else { return };
        let (pf, pl) = self.sents[s - 1];
        if (pf..pl).any(|k| self.inside_marks(self.toks[k].start) || self.opener_at(k).is_some()) {
            return;
        }
        // "Ia menegaskan, pemasangan … gratis. Hal ini disampaikan Ali, …": the sentence
        // before reports with a verb of its own, which the finder reads there.
        if (pf..pl).any(|k| self.reporting_at(k).is_some() || self.according_at(k).is_some()) {
            return;
        }
        if let Some((start, end)) = self.trim_content(pf, pl) {
            let cue = (self.toks[v].start, self.toks[v].end);
            items.push(Item { kind: QuoteKind::Indirect, start, end, cue: Some(cue), who: Some(who), at: cue.0 });
        }
    }

    fn trim_content(&self, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
        // "joked that, among …": the comma after the complementizer is no part of it.
        while a < b && matches!(self.toks[a].text, "," | ";" | ":") {
            a += 1;
        }
        // "But, he said, it is a risky strategy", "Still, …": the word that ties the
        // sentence to the one before is no part of the statement.
        if let Some(p) = self.lex.content_openers.iter().find(|p| a + p.len() < b && p.iter().enumerate().all(|(k, w)| &self.lower[a + k] == w)) {
            a += p.len();
            while a < b && self.toks[a].text == "," {
                a += 1;
            }
        }
        // A bracket the statement does not close or open goes: "(Clinton said it was
        // wrong.)".
        if b > a + 1 && self.toks[b - 1].text == ")" && !(a..b - 1).any(|k| self.toks[k].text == "(") {
            b -= 1;
        }
        if b > a + 1 && self.toks[a].text == "(" && !(a + 1..b).any(|k| self.toks[k].text == ")") {
            a += 1;
        }
        // A conjunction left at the end goes, unless it is a time too ("bulan lalu").
        let dangling = |w: &str| self.lex.conjunctions.contains(w) && !self.lex.time_words.contains(w);
        while b > a && (matches!(self.toks[b - 1].text, "." | "," | ";" | ":" | "-" | "—" | "–") || dangling(&self.lower[b - 1])) {
            b -= 1;
        }
        let words = (a..b).filter(|&k| self.toks[k].is_word()).count();
        (words >= 3).then(|| (self.toks[a].start, self.toks[b - 1].end))
    }

    /// The end of a reported clause starting at `a`: the sentence end, a quote
    /// introduced by a comma, or the clause of the next reporting verb.
    fn clause_end(&self, a: usize, last: usize) -> usize {
        for k in a..last {
            if k > a && matches!(self.toks[k - 1].text, "," | ":") && self.opener_at(k).is_some() {
                return k - 1;
            }
            if k > a && self.toks[k - 1].text == "," && self.lex.is_participle(&self.lower[k]) {
                return k - 1;
            }
            if k > a && !self.inside_marks(self.toks[k].start) && self.reporting_at(k).is_some() {
                if let Some(c) = (a + 1..k).rev().take(8).find(|&j| self.toks[j].text == "," || self.lex.conjunctions.contains(&self.lower[j])) {
                    return c;
                }
            }
        }
        last
    }

    fn reported(&self, first: usize, last: usize, v: usize, items: &mut Vec<Item>) {
        let cue = (self.toks[v].start, self.toks[v].end);
        // "Investors have been told …", "Queen Elizabeth was said to …": passive, so the
        // subject heard or is talked of; who spoke is not named here.
        if v > first && self.lex.passive_auxiliaries.contains(&self.lower[v - 1]) && self.lex.passive_participles.contains(&self.lower[v]) {
            self.reported_clause(last, v, cue, None, items);
            return;
        }
        // "guna memastikan …", "untuk menyatakan …": the purpose of an act, not speech.
        if v > first && self.lex.infinitive_markers.contains(&self.lower[v - 1]) {
            return;
        }
        // "Having said that, there are …": a "that" before a comma points back and opens
        // no clause, unless the comma sets off a phrase ("noted that, like him, Mrs.
        // Clinton had …").
        let set_off = |c: usize| (c + 1..last.min(c + 8)).any(|k| self.toks[k].text == ",");
        let pointing_back = v + 2 < last && self.lex.complementizers.contains(&self.lower[v + 1]) && matches!(self.toks[v + 2].text, "," | "." | ";" | ")") && !(self.toks[v + 2].text == "," && set_off(v + 2));
        // "…, Ali belum bisa memastikan.", "He did not say whether …": denied, not said.
        if pointing_back || self.negated(first, v) {
            return;
        }
        // "…, Bush often praised …" names no one inside a statement.
        let object_verb = self.object_markers(v).is_some();
        if !object_verb && self.aside(first, last, v, items) {
            return;
        }
        // "She escalated her criticism, telling CNN that …"; "Trump attacked Clinton,
        // choosing to say that …": a participle after a comma speaks for the sentence's
        // speaker.
        let participle_comma = (v > first + 1 && self.toks[v - 1].text == "," && self.lex.is_participle(&self.lower[v])).then(|| v - 1).or_else(|| self.participle_phrase_before(first, v));
        let participle_of = participle_comma.and_then(|c| self.opening_subject(first, c));
        let participle_of = participle_of.or_else(|| self.owner_of_noun(first, v, last));
        let who = match participle_of {
            Some(who) => who,
            None => match self.speaker_of_verb(first, last, v, cue, items) {
                Some(who) => who,
                None => return,
            },
        };
        self.reported_clause(last, v, cue, Some(who), items);
    }

    /// Who owns the reporting noun at `v` that opens a clause: "his attorney's warning
    /// that …", "Trump's claim that …".
    fn owner_of_noun(&self, first: usize, v: usize, last: usize) -> Option<Who> {
        if v <= first || !is_possessive(&self.toks[v - 1]) || v + 1 >= last || !self.lex.complementizers.contains(&self.lower[v + 1]) {
            return None;
        }
        if let Some(r) = self.runs(first, v).into_iter().rfind(|r| r.last + 1 == v && r.possessive) {
            return Some(self.who_from_run(&r));
        }
        let opening = (first..v - 1).rev().take(3).take_while(|&k| self.toks[k].is_word()).find(|&k| self.lex.determiners.contains(&self.lower[k]))?;
        let owner = &self.toks[v - 1];
        let end = owner.end - possessive_len(owner.text).unwrap_or(0);
        Some(self.named(Span::new(self.toks[opening].start, end), false))
    }

    /// The speaker of the verb at `v` written before it: the sentence's subject when a
    /// participle phrase leads to the verb, else the verb's own subject.
    fn speaker_before(&self, first: usize, v: usize) -> Option<Who> {
        // "…, saying he “has offended …”": the participle itself speaks for the subject.
        if v > first + 1 && self.toks[v - 1].text == "," && self.lex.is_participle(&self.lower[v]) {
            if let Some(who) = self.opening_subject(first, v - 1) {
                return Some(who);
            }
        }
        match self.participle_phrase_before(first, v) {
            Some(c) => self.opening_subject(first, c),
            None => self.subject_before(first, v),
        }
    }

    /// The comma before a participle phrase that leads to the verb at `v` ("…,
    /// choosing to say that", "…, going on to say"): the phrase speaks for the
    /// sentence's subject, not for a subject of its own.
    fn participle_phrase_before(&self, first: usize, v: usize) -> Option<usize> {
        let c = (first + 1..v).rev().take(5).find(|&k| self.toks[k].text == ",")?;
        // "…, despite admitting that …": an opener before the participle; a language
        // without participle forms ("…, sambil menegaskan bahwa …") has the verb there.
        let opener = self.lex.participle_openers.iter().filter(|p| c + p.len() < v && p.iter().enumerate().all(|(k, w)| &self.lower[c + 1 + k] == w)).map(Vec::len).max();
        let p = c + 1 + opener.unwrap_or(0);
        let participle = p < v && self.lex.is_participle(&self.lower[p]) || opener.is_some() && p == v;
        let leads = c + 1 < v && participle && (c + 1..v).all(|k| self.toks[k].is_word() && !is_cap(&self.toks[k]));
        leads.then_some(c)
    }

    /// Whether a negation stands before the verb at `v`, with at most two auxiliaries,
    /// modals or adverbs between ("tidak mengatakan", "belum bisa memastikan", "has never
    /// said").
    fn negated(&self, first: usize, v: usize) -> bool {
        for k in (first..v).rev().take(3) {
            let w = &self.lower[k];
            if self.lex.negations.contains(w) {
                return true;
            }
            if !self.lex.is_between_subject_and_verb(w) && !self.lex.clause_predicates.contains(w) {
                return false;
            }
        }
        false
    }

    /// Reports the sentence as the statement of the attribution at `v` when that stands
    /// inside it ([`Self::parenthetical`]); whether it does.
    fn aside(&self, first: usize, last: usize, v: usize, items: &mut Vec<Item>) -> bool {
        let Some(who) = self.parenthetical(first, last, v) else { return false };
        if let Some((s, e)) = self.trim_content(first, last) {
            let cue = (self.toks[v].start, self.toks[v].end);
            items.push(Item { kind: QuoteKind::Indirect, start: s, end: e, cue: Some(cue), who: Some(who), at: cue.0 });
        }
        true
    }

    /// The speaker of an attribution set off by commas inside the statement it
    /// attributes: "Climate change, Mr. Obama often says, is the greatest threat",
    /// "Kapal itu, kata dia, sudah laik berlayar". The statement is the whole sentence,
    /// which holds words before the first comma and after the second, and no quotation
    /// marks (those are direct quotes with their attribution).
    fn parenthetical(&self, first: usize, last: usize, v: usize) -> Option<Who> {
        let c1 = (first + 1..v).rev().take(6).find(|&j| self.toks[j].text == ",")?;
        let c2 = (v + 1..last.min(v + 7)).find(|&j| self.toks[j].text == ",")?;
        let words = |a: usize, b: usize| (a..b).any(|j| self.toks[j].is_word());
        if !words(first, c1) || !words(c2 + 1, last) || self.marks_within(self.toks[first].start, self.toks[last - 1].end) {
            return None;
        }
        // "…, he said, adding that …" goes on with a participle of its own.
        if self.lex.is_participle(&self.lower[c2 + 1]) || self.lex.complementizers.contains(&self.lower[c2 + 1]) {
            return None;
        }
        let plain = |a: usize, b: usize| (a..b).all(|j| self.toks[j].is_word() || self.toks[j].text == ".");
        if c1 + 1 == v {
            // "…, said that in 1998, Clinton …": what follows "that" is said, not who said it.
            if self.lex.complementizers.contains(&self.lower[v + 1]) {
                return None;
            }
            // "…, kata dia, …": the speaker after the verb, or in its suffix ("ujarnya").
            if c2 == v + 1 && self.lex.verb(&self.lower[v], &self.lex.after_quote) == Some(true) {
                return Some(Who::Pronoun { span: self.suffix_span(v) });
            }
            // Only a verb that follows its statement puts a phrase after itself as the
            // speaker ("…, kata seorang saksi, …"); after another, the phrase is what
            // is said ("Zanganeh, mengatakan posisinya mirip Naimi, meskipun …").
            let inverts = self.lex.verb(&self.lower[v], &self.lex.inverted).is_some();
            if !inverts && !is_cap(&self.toks[v + 1]) && !self.is_pronoun(v + 1) {
                return None;
            }
            let who = self.subject_after(v + 1, c2)?;
            plain(v + 1, c2).then_some(who)
        } else {
            // "…, Mr. Obama often says, …", "…, he said Tuesday, …".
            if !self.lex.subject_first_asides {
                return None;
            }
            let after_ok = (v + 1..c2).all(|j| self.lex.time_words.contains(&self.lower[j]));
            let who = self.subject_before(c1 + 1, v)?;
            (after_ok && plain(c1 + 1, v) && v - c1 <= 6).then_some(who)
        }
    }

    /// "In an NBC News/Wall Street Journal poll released Monday, 50 percent of
    /// respondents chose Clinton": a sentence that opens with a poll, survey, report or
    /// interview (`source_openers`, `source_nouns`) and a comma states what that source
    /// says, unless a reporting verb after the comma names who spoke ("In an interview,
    /// Trump said …").
    fn opening_source(&self, first: usize, last: usize, items: &mut Vec<Item>) {
        if first >= last || !self.lex.source_openers.contains(&self.lower[first]) {
            return;
        }
        let Some(comma) = (first + 1..last.min(first + 16)).find(|&j| matches!(self.toks[j].text, "," | ";" | ":" | ".")).filter(|&j| self.toks[j].text == ",") else { return };
        if comma < first + 2 || !(first + 1..comma).any(|j| self.lex.source_nouns.contains(&self.lower[j])) {
            return;
        }
        // The phrase names the source, it says nothing itself: "Dalam wawancara itu
        // tidak ada yang baru, …" is a clause.
        let clause = (first + 1..comma).any(|j| {
            let w = &self.lower[j];
            self.lex.clause_predicates.contains(w) || self.lex.between_subject_and_verb.contains(w) || self.is_pronoun(j)
        });
        let reported_after = (comma + 1..last).any(|j| !self.inside_marks(self.toks[j].start) && (self.reporting_at(j).is_some() || self.according_at(j).is_some()));
        if clause || reported_after {
            return;
        }
        // "Dalam laporan itu, disebutkan bahwa …": what the source says follows the
        // passive verb and its complementizer.
        let mut from = comma + 1;
        if from < last && self.lex.passive_reporting.contains(&self.lower[from]) {
            from += 1;
            if from < last && self.lex.complementizers.contains(&self.lower[from]) {
                from += 1;
            }
        }
        let speaker = (first + 1..comma).any(|j| self.lex.spoken_sources.contains(&self.lower[j])).then(|| self.spoken_source_subject(comma + 1, last)).flatten();
        if let Some((subject_at, _)) = speaker {
            from = subject_at;
        }
        if let Some((s, e)) = self.trim_content(from, last) {
            let who = speaker.map(|(_, who)| who).unwrap_or_else(|| self.named(Span::new(self.toks[first + 1].start, self.toks[comma - 1].end), false));
            let cue = (self.toks[first].start, self.toks[first].end);
            items.push(Item { kind: QuoteKind::Indirect, start: s, end: e, cue: Some(cue), who: Some(who), at: cue.0 });
        }
    }

    /// The person (a name or a pronoun) who opens the clause at `at` after a spoken
    /// source, and where that clause begins: the rest of a place and a time set off by
    /// commas comes first in "In a speech in Fort Pierce, Florida Friday, Clinton …".
    fn spoken_source_subject(&self, mut at: usize, last: usize) -> Option<(usize, Who)> {
        let tail = (at..last.min(at + 5)).find(|&j| self.toks[j].text == ",");
        if let Some(c) = tail.filter(|&c| (at..c).all(|j| is_cap(&self.toks[j]) || self.lex.time_words.contains(&self.lower[j]))) {
            at = c + 1;
        }
        if at >= last {
            return None;
        }
        if self.is_pronoun(at) {
            return Some((at, Who::Pronoun { span: self.pronoun_span(at) }));
        }
        let run = self.runs(at, last.min(at + 8)).into_iter().next().filter(|r| r.first == at && !r.possessive && self.holds_person(r))?;
        Some((at, self.who_from_run(&run)))
    }

    /// "Lynch: No outside influence on FBI probe …" / "Jokowi: Tak Ada Reshuffle
    /// Kabinet": a line that opens with a name and a colon states what that name said,
    /// the way headlines attribute. Not a label ("Poll:", "Baca juga:"), and not a quote
    /// in marks after the colon, which the direct quotes read.
    fn labelled_statement(&self, first: usize, last: usize, items: &mut Vec<Item>) {
        let opens_line = self.text[..self.toks[first].start].trim_end_matches([' ', '\t']).ends_with('\n') || self.toks[first].start == 0;
        let Some(colon) = (first + 1..last.min(first + 6)).find(|&k| self.toks[k].text == ":") else { return };
        // Capitalised words, not "The Latest" (a column's name).
        let named = !self.lex.determiners.contains(&self.lower[first])
            && (first..colon).all(|k| {
                let w = &self.lower[k];
                // "Editor’s note:" is a label too.
                let w = possessive_len(w).map_or(w, |n| &w[..w.len() - n]);
                self.toks[k].is_word() && is_cap(&self.toks[k]) && !self.lex.headline_labels.contains(w) && !self.lex.time_words.contains(w)
            });
        if !opens_line || !named || self.opener_at(colon + 1).is_some() {
            return;
        }
        // "Iowa: Tim Albrecht, Brad Anderson, Rob Barron, …" lists, it says nothing.
        if (colon + 1..last).filter(|&k| self.toks[k].text == ",").count() >= 3 {
            return;
        }
        let Some((s, e)) = self.trim_content(colon + 1, last) else { return };
        // "Bagikan: Facebook  X  WhatsApp": page chrome, its items set apart by wide gaps.
        if self.text[s..e].contains("  ") || self.text[s..e].contains('\t') {
            return;
        }
        let runs = self.runs(first, colon);
        let who = match runs.first() {
            Some(r) if r.first == first && r.last + 1 == colon => self.who_from_run(r),
            _ => self.named(Span::new(self.toks[first].start, self.toks[colon - 1].end), false),
        };
        let cue = (self.toks[colon].start, self.toks[colon].end);
        items.push(Item { kind: QuoteKind::Indirect, start: s, end: e, cue: Some(cue), who: Some(who), at: cue.0 });
    }

    /// The speaker of the reporting verb at `v`. An inverted attribution at the sentence
    /// end ("…, Mr Ruslan added.") is pushed to `items` at once and gives `None`, like a
    /// verb without a speaker.
    fn speaker_of_verb(&self, first: usize, last: usize, v: usize, cue: (usize, usize), items: &mut Vec<Item>) -> Option<Who> {
        // Inverted, at the sentence end: "…, Mr Ruslan added." / "…, said Smith."
        // Nothing after the verb but a time, or a short phrase opening with a preposition
        // after a verb that reports without a complementizer ("…, Morgan Stanley mengatakan
        // dalam sebuah laporannya pada Rabu.", "…, the company said in a statement."; not
        // "…, not everyone agrees on what"), which reports no clause of its own.
        let tail_is_empty = |k: usize| {
            let only_time = (k..last).all(|j| !self.toks[j].is_word() || self.lex.time_words.contains(&self.lower[j]));
            let words = (k..last).filter(|&j| self.toks[j].is_word()).count();
            // A verb that reports its object ("blamed on …") has no clause before it.
            let phrase = k < last
                && !self.lex.needs_complementizer.contains(&self.lower[v])
                && self.object_markers(v).is_none()
                && self.lex.prepositions.contains(&self.lower[k])
                && words <= 7
                && (k..last).all(|j| !self.lex.complementizers.contains(&self.lower[j]) && self.opener_at(j).is_none() && !matches!(self.toks[j].text, "," | ":" | ";"));
            // "…, Spicer said, adding that …": the participle reports a clause of its own.
            let participle = k + 1 < last && self.toks[k].text == "," && self.lex.is_participle(&self.lower[k + 1]);
            // "…, President Obama told his closest adviser.": whom it was told.
            let addressee = k < last
                && self.lex.addressee_verbs.contains(&self.lower[v])
                && words <= 4
                && (k..last).all(|j| !self.lex.complementizers.contains(&self.lower[j]) && self.reporting_at(j).is_none() && self.opener_at(j).is_none() && !matches!(self.toks[j].text, "," | ":" | ";"));
            only_time || phrase || participle || addressee
        };
        if let Some(c) = (first..v).rev().take(12).find(|&j| self.toks[j].text == ",") {
            // "…, and vowed a wider war against Western thought.": a name after a
            // preposition is its object, not a subject of the verb.
            let after_preposition = |who: &Who| {
                let start = match who {
                    Who::Named { span, .. } | Who::Pronoun { span } => span.start,
                };
                let at = self.tok_at(start);
                at > c + 1 && self.lex.prepositions.contains(&self.lower[at - 1]) && !self.lex.clause_prepositions.contains(&self.lower[at - 1])
            };
            let who = if tail_is_empty(v + 1) {
                self.subject_before(c + 1, v).filter(|who| !after_preposition(who))
            } else if c + 1 == v {
                let run_end = self.runs(v + 1, last).first().filter(|r| r.first == v + 1).map(|r| r.last + 1);
                run_end.filter(|&e| tail_is_empty(e)).and_then(|_| self.subject_after(v + 1, last))
            } else {
                None
            };
            if let Some(who) = who {
                if c > first && self.toks[c - 1].text != "”" && self.toks[c - 1].text != "\"" && !self.inside_marks(self.toks[c - 1].start) {
                    if let Some((s, e)) = self.trim_content(first, c) {
                        items.push(Item { kind: QuoteKind::Indirect, start: s, end: e, cue: Some(cue), who: Some(who), at: cue.0 });
                    }
                    return None;
                }
            }
        }
        self.subject_before(first, v)
    }

    /// The markers of the verb at `v` when it reports its object (`object_complements`).
    fn object_markers(&self, v: usize) -> Option<&[String]> {
        self.lex.object_complements.get::<str>(self.lower[v].as_ref()).map(Vec::as_slice)
    }

    /// Whether the verb at `v`, one of `object_complements`, has no object to report:
    /// "has been endorsed by …", "are often blamed on …" are passive (the speaker comes
    /// after "by", not before); "calls into the hotline" is no naming. "is calling the
    /// candidate …" is no passive.
    fn no_object(&self, v: usize, last: usize, markers: &[String]) -> bool {
        let mut aux = v;
        while aux > 0 && self.lex.is_between_subject_and_verb(&self.lower[aux - 1]) && !self.lex.passive_auxiliaries.contains(&self.lower[aux - 1]) {
            aux -= 1;
        }
        let passive = aux > 0 && self.lex.passive_auxiliaries.contains(&self.lower[aux - 1]) && !self.lex.is_participle(&self.lower[v]);
        let preposition = v + 1 < last && self.lex.prepositions.contains(&self.lower[v + 1]) && !markers.iter().any(|m| self.lower[v + 1] == *m.trim_start_matches('+'));
        passive || preposition
    }

    /// Whether the clause from `k` after the verb at `v` holds one of `markers` (see
    /// `object_complements`; one with a leading "+" only right after the verb); true
    /// for none.
    fn holds_marker(&self, v: usize, k: usize, last: usize, markers: &[String]) -> bool {
        if markers.is_empty() {
            return k < last && self.toks[k].is_word();
        }
        if self.marker_right_after(v, last, markers) {
            return true;
        }
        let end = self.clause_end(k, last);
        (k..end).any(|j| {
            markers.iter().filter(|m| !m.starts_with('+')).any(|m| if m == "“" { self.opener_at(j).is_some() } else { self.lower[j] == *m })
        })
    }

    /// "called for talks", "called on Congress to act": a marker that must follow the
    /// verb at once does.
    fn marker_right_after(&self, v: usize, last: usize, markers: &[String]) -> bool {
        v + 1 < last && markers.iter().any(|m| m.strip_prefix('+') == Some(self.lower[v + 1].as_ref()))
    }

    /// Whether the words from `k` read as a clause, not an object: an auxiliary, a
    /// negation, modal or copula or a passive verb a few words on, after its subject
    /// ("menjamin SPB kapal sudah terbit", "memastikan gempa tidak berpotensi tsunami",
    /// "expects the inquiry will take a year"), and not inside a relative clause
    /// ("keprihatinan yang sudah lama") or past a comma.
    fn clause_follows(&self, k: usize, last: usize) -> bool {
        for j in k + 1..last.min(k + 6) {
            let w = &self.lower[j];
            if !self.toks[j].is_word() || self.lex.relative_pronouns.contains(w) || self.lex.complementizers.contains(w) || self.lex.infinitive_markers.contains(w) {
                return false;
            }
            if self.lex.between_subject_and_verb.contains(w) || self.lex.clause_predicates.contains(w) || self.lex.is_prefixed_passive(w) {
                return true;
            }
        }
        false
    }

    /// A verb in the active voice a few words after `k`, before any clause boundary: the
    /// words from `k` are the subject of a clause ("kliennya menerima uang").
    fn active_verb_follows(&self, k: usize, last: usize) -> bool {
        for j in k + 1..last.min(k + 5) {
            let w = &self.lower[j];
            if !self.toks[j].is_word() || self.lex.relative_pronouns.contains(w) || self.lex.complementizers.contains(w) {
                return false;
            }
            let active = w.chars().count() >= 6 && self.lex.active_prefixes.iter().any(|p| w.starts_with(p.as_str())) && !self.lex.is_object_noun(w);
            if active && !self.lex.suffixes.iter().any(|s| w.ends_with(s.as_str())) && crate::ner::is_lower_case_word(w) {
                return true;
            }
        }
        false
    }

    /// The reporting verb that the verb at `v` is coordinated with: `v` follows a
    /// conjunction ("…, serta menekankan", "and added") and an earlier reporting verb of
    /// the same sentence, outside quotation marks, comes before it.
    fn coordinated_with(&self, first: usize, v: usize) -> Option<usize> {
        let conjunction = v.checked_sub(1).filter(|&c| c > first && self.lex.conjunctions.contains(&self.lower[c]))?;
        (first..conjunction)
            .rev()
            .find(|&j| !self.inside_marks(self.toks[j].start) && self.reporting_at(j) == Some(false))
            .filter(|&j| j > first)
    }

    /// Just after the object starting at `k`: a pronoun ("him"), or determiners and then
    /// a run of capitalised words ("the Associated Press") or one word ("reporters").
    fn after_object(&self, mut k: usize, last: usize) -> usize {
        if self.lex.object_pronouns.contains(&self.lower[k]) {
            return k + 1;
        }
        while k < last && self.lex.determiners.contains(&self.lower[k]) {
            k += 1;
        }
        match self.runs(k, last).first() {
            // "told USA TODAY's weekly video series it is clear …", "told CNN's Jake
            // Tapper the plan …": an owner, then what it owns, a name or a few words
            // before the clause's subject.
            Some(r) if r.first == k && r.possessive => {
                let owned = r.last + 1;
                match self.runs(owned, last).first() {
                    Some(n) if n.first == owned => n.last + 1,
                    _ => {
                        let opens_clause = |j: usize| {
                            let w = &self.lower[j];
                            !self.toks[j].is_word() || self.is_pronoun(j) || self.lex.determiners.contains(w) || self.lex.complementizers.contains(w) || self.lex.prepositions.contains(w) || is_cap(&self.toks[j])
                        };
                        (owned..last.min(owned + 5)).find(|&j| opens_clause(j)).unwrap_or(owned)
                    }
                }
            }
            Some(r) if r.first == k => r.last + 1,
            _ if k < last && self.toks[k].is_word() => k + 1,
            _ => k,
        }
    }

    /// The clause reported by the verb at `v`, attributed to `who` (none: a passive verb
    /// that names no speaker).
    fn reported_clause(&self, last: usize, v: usize, cue: (usize, usize), who: Option<Who>, items: &mut Vec<Item>) {
        // Skip an addressee, a time or a place between the verb and the clause.
        let mut k = v + 1;
        // A passive verb (no speaker) has no addressee after it.
        if who.is_some() && k < last && self.lex.addressee_verbs.contains(&self.lower[v]) && !self.lex.complementizers.contains(&self.lower[k]) {
            k = self.after_object(k, last);
        }
        while k < last {
            // A title between them: "tells MSNBC's “Morning Joe” on Friday that …".
            if let Some(m) = self.opener_at(k).filter(|m| is_title(&self.text[m.start..m.end])) {
                k = self.tok_at(m.close_end);
                continue;
            }
            let w = &self.lower[k];
            // "menganggap hari raya Natal …": a time word with a noun after it is no time.
            let noun_phrase = self.lex.time_heads.contains(w)
                && self.toks.get(k + 1).is_some_and(|t| t.is_word() && !is_cap(t))
                && !self.lex.time_words.contains(&self.lower[k + 1])
                && !self.lex.complementizers.contains(&self.lower[k + 1])
                && !self.is_pronoun(k + 1);
            if noun_phrase {
                break;
            }
            if self.lex.prepositions.contains(w) || self.lex.time_words.contains(w) {
                k += 1;
                // "kepada awak media", "to the reporters": up to two words before an audience word.
                let before_time_word = |k: usize| (1..=2).any(|d| k + d < last && (k..=k + d).all(|j| self.toks[j].is_word()) && self.lex.time_words.contains(&self.lower[k + d]));
                while k < last
                    && (is_cap(&self.toks[k])
                        || self.toks[k].text.starts_with(|c: char| c.is_ascii_digit())
                        || matches!(self.toks[k].text, "(" | ")" | "/")
                        || self.lex.time_words.contains(&self.lower[k])
                        || before_time_word(k))
                {
                    k += 1;
                }
                // "said in a statement it would …": a pronoun a few words on opens the clause.
                let pronoun = (k..last.min(k + 4))
                    .take_while(|&j| self.toks[j].is_word() && !self.lex.complementizers.contains(&self.lower[j]))
                    .find(|&j| self.is_pronoun(j) && j > k);
                if let Some(p) = pronoun {
                    k = p;
                    break;
                }
                continue;
            }
            break;
        }
        while k < last && matches!(self.toks[k].text, "," | ":") {
            k += 1;
        }
        // "He said, however, that …": an adverb set off before the complementizer.
        if k > v + 1 && k + 2 < last && self.toks[k].is_word() && !is_cap(&self.toks[k]) && self.toks[k + 1].text == "," && self.lex.complementizers.contains(&self.lower[k + 2]) {
            k += 2;
        }
        // "mengatakan, Rabu (3/12/2014), dia akan …": the day it was said, between commas.
        if k > v + 1 && self.toks[k - 1].text == "," && k < last && self.lex.time_words.contains(&self.lower[k]) {
            let when = |j: usize| self.lex.time_words.contains(&self.lower[j]) || !self.toks[j].is_word() || self.toks[j].text.starts_with(|c: char| c.is_ascii_digit());
            if let Some(c) = (k + 1..last.min(k + 10)).take_while(|&j| when(j)).find(|&j| self.toks[j].text == ",") {
                k = c + 1;
            }
        }
        let direct_clause = k > v + 1 && matches!(self.toks[k - 1].text, "," | ":");
        // "mengatakan kepada televisi pemerintah Rusia bahwa …", "said in a statement that".
        // A "that" past an auxiliary is a relative pronoun inside the clause already
        // begun ("says his campaign is the only one that has beaten Trump").
        let comp = (k..last.min(k + 9))
            .take_while(|&j| {
                !matches!(self.toks[j].text, "," | ";" | ":")
                    && (j == k || self.reporting_at(j).is_none())
                    && self.opener_at(j).is_none()
                    && (j == k || is_cap(&self.toks[j]) || !self.lex.between_subject_and_verb.contains(&self.lower[j]))
            })
            .find(|&j| self.lex.complementizers.contains(&self.lower[j]));
        let object_verb = self.object_markers(v);
        if object_verb.is_some_and(|markers| self.no_object(v, last, markers)) {
            return;
        }
        match comp {
            Some(c) => k = c + 1,
            None if object_verb.is_some_and(|markers| self.holds_marker(v, k, last, markers)) => {
                // "called for talks": what was called for.
                if object_verb.is_some_and(|markers| self.marker_right_after(v, last, markers)) {
                    k = v + 2;
                }
            }
            None if !direct_clause
                && (object_verb.is_some() || self.lex.needs_complementizer.contains(&self.lower[v]) || (k < last && self.lex.is_object_noun(&self.lower[k])))
                && !self.clause_follows(k, last)
                && !(self.lex.clause_by_active_verb.contains(&self.lower[v]) && self.active_verb_follows(k, last)) =>
            {
                return;
            }
            None => {}
        }
        if k >= last {
            return;
        }
        // A quote that ends the sentence is a direct quote (`classify`); one the clause
        // goes on after is part of the reported speech: "said that “exactly who did it”
        // remains under investigation".
        if let Some(m) = self.opener_at(k) {
            let after = self.tok_at(m.close_end);
            if !(after..last).any(|j| self.toks[j].is_word() && !self.inside_marks(self.toks[j].start)) {
                return;
            }
        }
        let mut end = self.clause_end(k, last);
        // "Meskipun Jokowi mengatakan bahwa harga naik, warga tetap tenang": the
        // statement ends with the subordinate clause it is made in.
        let (first, _) = self.sentence_of(v);
        let opener = (first..v).find(|&j| self.toks[j].is_word());
        if opener.is_some_and(|j| self.lex.subordinators.contains(&self.lower[j]) && !(j..v).any(|i| self.toks[i].text == ",")) {
            if let Some(c) = (k..end).find(|&j| self.toks[j].text == "," && !self.inside_marks(self.toks[j].start)) {
                end = c;
            }
        }
        if let Some((s, e)) = self.trim_content(k, end) {
            items.push(Item { kind: QuoteKind::Indirect, start: s, end: e, cue: Some(cue), who, at: cue.0 });
        }
    }

    fn according(&self, first: usize, last: usize, a: usize, n: usize, pron: bool, items: &mut Vec<Item>) {
        let cue = (self.toks[a].start, self.toks[a + n - 1].end);
        let after = a + n;
        // What stands before the cue when it closes a statement: a comma, a dash, or a
        // comma inside a closing quotation mark ("… a major lawsuit,” according to …").
        let separator = a > first && matches!(self.toks[a - 1].text, "," | "—" | "–");
        let set_off = separator || (a > first + 1 && self.toks[a - 2].text == "," && is_closing_mark(self.toks[a - 1].text));
        // "… 46 percent to 39 percent according to a CBS poll released Tuesday.": without
        // a comma only a source that is a name or a document ends the sentence, not a
        // manner ("voted according to his conscience").
        let source_ends_sentence = a > first + 2 && !pron && (after..last).all(|k| self.toks[k].text != ",") && {
            let runs = self.runs(after, last);
            !runs.is_empty() || (after..last).any(|k| self.lex.source_nouns.contains(&self.lower[k]))
        };
        // "…, menurut juru bicara Matthew Miller." The speaker ends at the next comma; when
        // the sentence goes on past it, the cue stands inside the statement ("Pada dua
        // tahun ke depan, menurut dia, masyarakat baru bisa …"), which is the whole sentence.
        if (set_off || source_ends_sentence) && !pron {
            let comma = (after..last).find(|&k| self.toks[k].text == ",").unwrap_or(last);
            let runs = self.runs(after, comma);
            let whole = |r: &&Run| !self.qualifies_noun(r, comma);
            let who = if after < comma && self.is_pronoun(after) {
                Some(Who::Pronoun { span: self.pronoun_span(after) })
            } else {
                let qualifying = runs.iter().any(|r| !whole(&r));
                runs.iter()
                    .find(|r| r.personal.is_some() && whole(r))
                    .or(runs.iter().find(whole))
                    .map(|r| self.who_from_run(r))
                    .or_else(|| if qualifying { self.source_phrase(after, comma) } else { None })
                    .or_else(|| self.subject_after(after, comma))
                    .or_else(|| self.source_phrase(after, comma))
                    .or_else(|| runs.first().map(|r| self.who_from_run(r)))
            };
            let inside = (comma + 1..last).any(|k| self.toks[k].is_word());
            let content = if inside { self.trim_content(first, last) } else { self.trim_content(first, a - usize::from(separator)) };
            if let (Some(who), Some((s, e))) = (who, content) {
                items.push(Item { kind: QuoteKind::Indirect, start: s, end: e, cue: Some(cue), who: Some(who), at: cue.0 });
            }
            return;
        }
        // "Menurut X, …" / "According to X, …" / "Menurutnya, …". A source may be long:
        // "According to early results of the exit poll conducted by Edison Research for
        // the Associated Press and Television Networks, …".
        let comma = if pron { Some(after) } else { (after..last).take(24).find(|&k| self.toks[k].text == "," && !self.inside_marks(self.toks[k].start)) };
        let Some(mut c) = comma.filter(|&c| c < last && self.toks[c].text == ",") else { return };
        // "Menurut Kakansar Sarinjaya, Ruslan Hadiwijaya, kapal …": a name in apposition.
        let mut speaker_end = c;
        if !pron {
            if let Some(r) = self.runs(c + 1, last).first() {
                if r.first == c + 1 && r.personal.is_some() && r.last + 1 < last && self.toks[r.last + 1].text == "," {
                    c = r.last + 1;
                }
            }
            // "Menurut Andy Lipow, kepala konsultasi Houston, Lipow Oil Associates, adanya
            // …": a person's office in apposition, and the names that qualify it, set off
            // by commas.
            let next_comma = |from: usize| (from..last.min(from + 9)).find(|&k| self.toks[k].text == ",");
            speaker_end = c;
            let person_before = self.runs(after, c).last().is_some_and(|r| r.last + 1 == c && r.personal.is_some());
            // "According to John Smith, a spokesman for the company, …" too.
            let office = (c + 1..last.min(c + 3)).find(|&k| !self.lex.determiners.contains(&self.lower[k]));
            if person_before && office.is_some_and(|k| !is_cap(&self.toks[k]) && self.lex.titles.contains(&self.lower[k])) {
                if let Some(mut d) = next_comma(c + 1) {
                    while let Some(e) = next_comma(d + 1).filter(|&e| (d + 1..e).all(|k| is_cap(&self.toks[k]))) {
                        d = e;
                    }
                    c = d;
                }
            }
        }
        let who = if pron {
            Some(Who::Pronoun { span: self.suffix_span(a + n - 1) })
        } else {
            // "According to South Korean officials, …": a nationality is no source; the
            // phrase it qualifies is.
            // A name that qualifies a noun after it ("the Charleston County coroner's
            // office") is part of the source, not all of it.
            let runs: Vec<Run> = self.runs(after, speaker_end).into_iter().filter(|r| !self.is_demonym_run(r)).collect();
            let whole = |r: &&Run| !self.qualifies_noun(r, speaker_end);
            runs.iter()
                .rev()
                .find(|r| r.personal.is_some() && whole(r))
                .or(runs.iter().rfind(whole))
                .map(|r| self.who_from_run(r))
                .or_else(|| self.phrase(after, speaker_end))
                .or_else(|| self.source_phrase(after, speaker_end))
                .or_else(|| runs.last().map(|r| self.who_from_run(r)))
        };
        if self.opener_at(c + 1).is_some() {
            return;
        }
        let end = self.clause_end(c + 1, last);
        if let (Some(who), Some((s, e))) = (who, self.trim_content(c + 1, end)) {
            items.push(Item { kind: QuoteKind::Indirect, start: s, end: e, cue: Some(cue), who: Some(who), at: cue.0 });
        }
    }

    /// Sentence subjects that pronouns may refer to: a personal name opening a sentence
    /// (after an adverbial ending in a comma).
    fn subject_events(&self) -> Vec<(usize, String, Span, Option<String>)> {
        let mut out = Vec::new();
        for &(first, last) in &self.sents {
            let mut a = first;
            if let Some(c) = (first..last.min(first + 6)).find(|&k| self.toks[k].text == ",") {
                if !self.is_name_word(first) {
                    a = c + 1;
                    // "On “Face the Nation,” Sen. Bernie Sanders …": the mark closing a
                    // title before its comma.
                    while a < last && is_closing_mark(self.toks[a].text) {
                        a += 1;
                    }
                }
            }
            if a >= last || !self.is_name_word(a) {
                continue;
            }
            let runs = self.runs(a, last);
            // A pronoun stands for a person: with the recogniser's names at hand, one it
            // found ("Pemberlakuan sistem itu diundur" opens with no one); without them,
            // no noun made from a verb.
            let person = |r: &Run| {
                if self.names.is_empty() {
                    !(r.first == r.last && self.lex.is_object_noun(&self.lower[r.first]))
                } else {
                    self.holds_person(r)
                }
            };
            let opening = runs.first().filter(|r| r.first == a && r.personal.is_some() && !r.possessive && person(r));
            // "Pakar keselamatan … dari Universitas Sarinjaya, Made Wiranata, menilai …": an
            // office opening the sentence and the name in apposition to it.
            // An age in brackets may stand between the name and its comma ("Istri korban,
            // Siti Aminah (31), mengaku …").
            let comma_after = |i: usize| match self.toks.get(i).map(|t| t.text) {
                Some(",") => true,
                Some("(") => i + 3 < last && self.toks[i + 1].text.bytes().all(|b| b.is_ascii_digit()) && self.toks[i + 2].text == ")" && self.toks[i + 3].text == ",",
                _ => false,
            };
            let apposed = || {
                let c = (a..last.min(a + 12)).find(|&k| self.toks[k].text == ",")?;
                runs.iter().find(|r| r.first == c + 1 && r.personal.is_some() && !r.possessive && r.last + 1 < last && comma_after(r.last + 1) && person(r))
            };
            if let Some(r) = opening.or_else(apposed) {
                if let Who::Named { text, span, id, .. } = self.who_from_run(r) {
                    out.push((span.start, text, span, id));
                }
            }
        }
        out
    }

    fn resolve(&self, items: Vec<Item>) -> Vec<Quote> {
        // Antecedents in text order: named speakers of items and sentence subjects.
        let mut events = self.subject_events();
        for it in &items {
            if let Some(Who::Named { text, span, id, personal: true }) = &it.who {
                events.push((span.start.min(it.at), text.clone(), *span, id.clone()));
            }
        }
        events.sort_by_key(|e| e.0);
        // "Economists at Goldman Sachs said they now expect …": a group's pronoun inside
        // what a group or an organisation is reported to say stands for that speaker,
        // not for the person named last.
        let enclosing: Vec<Option<(String, Option<String>)>> = items
            .iter()
            .map(|it| {
                let Some(Who::Pronoun { span }) = &it.who else { return None };
                if !self.lex.group_pronouns.contains(&self.text[span.start..span.end].to_lowercase()) {
                    return None;
                }
                items.iter().find_map(|outer| match &outer.who {
                    Some(Who::Named { text, id, personal: false, .. }) if outer.start <= span.start && span.end <= outer.end => Some((text.clone(), id.clone())),
                    _ => None,
                })
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        let mut resolved_events: Vec<(usize, String, Option<String>)> = Vec::new();
        for (it, enclosing) in items.into_iter().zip(enclosing) {
            let (speaker, speaker_id, source) = match (&it.who, enclosing) {
                (Some(Who::Named { text, span, id, .. }), _) => (Some(text.clone()), id.clone(), Some(*span)),
                // Not an antecedent for later pronouns: those stand for people.
                (Some(Who::Pronoun { span }), Some((name, id))) => (Some(name), id, Some(*span)),
                (Some(Who::Pronoun { span }), None) => {
                    let before = it.at.min(span.start);
                    let (name, id) = self.antecedent(&events, &resolved_events, before);
                    let written = &self.text[span.start..span.end];
                    let fallback = (written.chars().count() > 3 || !self.lex.suffixes.iter().any(|s| s == &written.to_lowercase())).then(|| written.to_string());
                    if let Some(n) = &name {
                        resolved_events.push((before, n.clone(), id.clone()));
                    }
                    (name.or(fallback), id, Some(*span))
                }
                (None, _) if it.kind == QuoteKind::Direct => {
                    // A quote standing alone: the speaker named just before.
                    let (name, id) = self.antecedent(&events, &resolved_events, it.at);
                    (name, id, None)
                }
                (None, _) => (None, None, None),
            };
            let cue = it.cue.map(|(s, e)| Mention::new(&self.text[s..e], Span::new(s, e)));
            let phrase = match &it.who {
                Some(Who::Named { span, .. }) => Some(self.phrase_naming(*span, it.cue)),
                _ => source,
            };
            out.push(Quote { text: self.text[it.start..it.end].to_string(), kind: it.kind, speaker, speaker_id, speaker_span: source, source: phrase, cue, start: it.start, end: it.end });
        }
        out
    }

    /// A word of an office, in the speaker lists' titles or the entity stage's.
    fn is_office_word(&self, lower: &str) -> bool {
        self.lex.titles.contains(lower) || crate::entities::is_office_word(&self.lex.language, lower)
    }

    /// The phrase that names the source whose name is written at `span` (see
    /// [`Quote::source`]): leftwards the capitalised words and office words before the
    /// name in its sentence and line ("White House press secretary", "Rep.", "Mr."), and a
    /// determiner before those; rightwards a party and state in brackets ("(D-S.C.)"),
    /// and a description between commas before the verb ("Michael Mulgrew, president of
    /// the United Federation of Teachers, said") or after it to the clause's end ("said
    /// Douglas Brinkley, a historian who attended the session.").
    fn phrase_naming(&self, span: Span, cue: Option<(usize, usize)>) -> Span {
        let first = self.tok_at(span.start);
        let after = self.tok_at(span.end);
        if first >= after || self.toks[first].start != span.start {
            return span;
        }
        let (sentence_start, sentence_end) = self.sentence_of(first);
        let same_line = |a: usize, b: usize| !self.text[self.toks[a].end..self.toks[b].start].contains('\n');
        // Leftwards.
        let mut start = first;
        let mut k = first;
        while k > sentence_start && same_line(k - 1, k) {
            let (t, w) = (&self.toks[k - 1], &self.lower[k - 1]);
            // The full stop of an abbreviated title ("Rep.", "Mr.").
            if t.text == "." && k >= 2 && self.toks[k - 2].end == t.start && self.lex.titles.contains(&self.lower[k - 2]) {
                k -= 1;
                continue;
            }
            let office = self.is_office_word(w);
            let usable = t.is_word()
                && !self.lex.not_names.contains(w)
                && !self.lex.time_words.contains(w)
                && self.reporting_at(k - 1).is_none()
                && self.lex.verb(w, &self.lex.after_quote).is_none();
            if !usable || !(office || is_cap(t)) {
                break;
            }
            k -= 1;
            start = k;
        }
        if start > sentence_start && same_line(start - 1, start) && crate::entities::is_description_determiner(&self.lex.language, &self.lower[start - 1]) {
            start -= 1;
        }
        // Rightwards.
        let mut end = after;
        let is = |i: usize, s: &str| self.toks.get(i).is_some_and(|t| t.text == s);
        if is(end, "(") {
            if let Some(close) = (end + 1..(end + 8).min(sentence_end)).find(|&i| is(i, ")")) {
                if close > end + 1 && is_cap(&self.toks[end + 1]) {
                    end = close + 1;
                }
            }
        }
        if is(end, ",") {
            let cue_after = cue.is_some_and(|(s, _)| s >= self.toks[end].end);
            let description_start = end + 1;
            // A description opens with an article or an office ("a historian", "president
            // of …"); a clause ("who understood …", "speaking to …") is no part of the name.
            let opens_description = self.toks.get(description_start).is_some_and(|t| t.is_word()) && {
                let w = &self.lower[description_start];
                crate::entities::opens_description(&self.lex.language, w) || (self.is_office_word(w) && !self.lex.prepositions.contains(w))
            };
            // Up to the comma before the verb, or to the clause's end after it.
            let stop = (description_start..sentence_end.min(description_start + 25)).find(|&i| matches!(self.toks[i].text, "," | "." | ";" | ":" | "?" | "!"));
            let quoted = |a: usize, b: usize| self.marks_within(self.toks[a].start, self.toks[b].end);
            if let Some(stop) = stop.filter(|&i| i > description_start && opens_description && !quoted(description_start, i - 1)) {
                let before_verb = cue.is_some_and(|(s, _)| self.toks.get(stop + 1).is_some_and(|t| t.start == s));
                // After the verb, a capital opens the next clause ("…, kata Ali, PT INTI …"),
                // unless it begins an office ("said David Wasserman, House editor for …").
                let opener = &self.toks[description_start];
                let lower_case = !is_cap(opener) || (self.lex.titles.contains(&self.lower[description_start]) && !is_acronym(opener));
                if (cue_after && before_verb) || (!cue_after && lower_case && self.toks[stop].text != ",") {
                    end = stop;
                }
            }
        }
        Span::new(self.toks[start].start, self.toks[end - 1].end.max(span.end))
    }

    fn antecedent(&self, events: &[(usize, String, Span, Option<String>)], resolved: &[(usize, String, Option<String>)], before: usize) -> (Option<String>, Option<String>) {
        let named = events.iter().rfind(|e| e.0 < before).map(|e| (e.0, e.1.clone(), e.3.clone()));
        let chained = resolved.iter().rfind(|e| e.0 < before).cloned();
        let best = match (named, chained) {
            (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
            (a, b) => a.or(b),
        };
        if let Some((_, n, id)) = best {
            return (Some(n), id);
        }
        let mention = self.usable_names(true).filter(|m| m.end <= before).max_by_key(|m| m.end);
        match mention {
            Some(m) => (Some(self.text[m.start..m.end].to_string()), m.entity_id.clone()),
            None => (None, None),
        }
    }
}

#[cfg(test)]
mod tests;
