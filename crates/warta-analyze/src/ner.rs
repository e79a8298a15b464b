//! Named-entity recognition: a learned BIO sequence labeller.
//!
//! An averaged structured perceptron over hashed features (word, lower-cased word,
//! affixes, shape, neighbours ±2, capitalisation pattern, titles and speech verbs around
//! the word, gazetteer membership from `resources/<lang>/gazetteer-*.txt`), first-order
//! tag transitions (also weighted by the word's class and shape) and Viterbi decoding
//! that never lets `I-X` follow anything but `X`.
//! Trained on the Indonesian sets in `datasets/ner-id` (NERGrit, NERP, IDNer-news-2k),
//! whose types are mapped onto [`EntityKind`]; see `models/README.md` for the data, its
//! licences, the figures and the commands that reproduce the shipped `models/ner.bin`.
//!
//! Runtime text is split with [`crate::tokens`], so entity spans line up with every other
//! finding of the analyze stage.

mod clusters;
mod data;
mod ecb;
mod features;
mod model;
mod names;
mod splitmix;
mod table;
mod tags;
mod train;
mod truecase;
mod vectors;

pub(crate) use features::{is_connective, is_demonym, is_determiner, is_gazetteer_place, mostly_lower_case, rarely_capitalised};
pub(crate) use truecase::{is_lower_case_word, is_minor_word, is_title_case};

use std::fmt;
use std::path::PathBuf;
use std::sync::OnceLock;

use warta_model::EntityKind;

pub use clusters::ClusterOptions;
pub use vectors::VectorOptions;
pub use model::Model;

/// One entity found in a text: byte offsets into that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntitySpan {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
}

#[derive(Debug)]
pub enum NerError {
    /// A file could not be read.
    Io { path: PathBuf, source: std::io::Error },
    /// A data folder or file is not where it should be.
    MissingData { path: PathBuf, hint: String },
    /// A line of a data file is malformed.
    Format { path: PathBuf, line: usize, message: String },
    /// The model bytes cannot be used.
    Model(String),
    /// Options that cannot work together.
    Options(String),
}

impl fmt::Display for NerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NerError::Io { path, source } => write!(f, "{}: {source}", path.display()),
            NerError::MissingData { path, hint } => write!(f, "{}: not found; {hint}", path.display()),
            NerError::Format { path, line, message } => write!(f, "{}:{line}: {message}", path.display()),
            NerError::Model(message) => write!(f, "NER model: {message}"),
            NerError::Options(message) => write!(f, "NER training options: {message}"),
        }
    }
}

impl std::error::Error for NerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            NerError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

static SHIPPED: &[u8] = include_bytes!("../models/ner.bin");

/// A short fingerprint of the shipped model's bytes (FNV-1a), so stored analyses can
/// name the model that made them.
pub fn model_fingerprint() -> String {
    let hash = SHIPPED.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    format!("{hash:016x}")
}

/// The shipped model, loaded once.
pub fn shipped() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| Model::from_bytes(SHIPPED).expect("the committed models/ner.bin loads"))
}

/// Longest run of tokens tagged at once; longer sentences (lists, text without stops)
/// are cut into windows so memory stays bounded.
const WINDOW: usize = 200;

/// Tags clean article text in `language` (ISO 639-1) with the shipped model; spans are
/// byte offsets into `text`.
pub fn recognise(text: &str, language: &str) -> Vec<EntitySpan> {
    recognise_with(shipped(), text, language)
}

/// Tags text with a given model.
pub fn recognise_with(model: &Model, text: &str, language: &str) -> Vec<EntitySpan> {
    let mask = tags::mask(&model.runtime_kinds);
    // Pieces of at most WINDOW tokens (with the offset of their line), each tagged alone.
    let mut pieces: Vec<(usize, Vec<crate::tokens::Token<'_>>)> = Vec::new();
    for sentence in crate::tokens::sentences(text) {
        // A line break inside a sentence (captions, pasted page chrome) ends it for us:
        // no entity runs across lines.
        let mut base = sentence.start;
        for line in text[sentence.start..sentence.end].split('\n') {
            let toks = split_possessives(split_name_compounds(crate::tokens::tokens(line)));
            pieces.extend(toks.chunks(WINDOW).map(|window| (base, window.to_vec())));
            base += line.len() + 1;
        }
    }
    let words: Vec<Vec<&str>> = pieces.iter().map(|(_, toks)| toks.iter().map(|t| t.text).collect()).collect();
    let headlines: Vec<bool> = words.iter().map(|w| truecase::is_title_case(w)).collect();
    // Words this article writes with a capital inside its sentences keep it in its
    // headlines: "Bahari" of "KMP Bahari Lestari", though "bahari" is a common word.
    let capitalised_here: crate::fasthash::FastSet<&str> = if headlines.contains(&true) {
        words
            .iter()
            .zip(&headlines)
            .filter(|(_, headline)| !**headline)
            .flat_map(|(w, _)| w.iter().skip(1).copied())
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .collect()
    } else {
        Default::default()
    };
    let mut out = Vec::new();
    for (((base, window), words), headline) in pieces.iter().zip(words).zip(headlines) {
        let truecased = headline.then(|| truecase::truecased(&words, &capitalised_here));
        let words: Vec<&str> = truecased.as_ref().map_or(words, |t| t.iter().map(String::as_str).collect());
        let cased = features::is_cased(&words);
        let tagged = model.tag(&words, cased, model.domain_for(cased, language), &mask);
        for (s, e, kind) in settled(&words, join_initials(window, &words, join_combining_forms(window, &words, tags::spans(&tagged))), cased, language) {
            out.push(EntitySpan {
                start: base + window[s].start,
                end: base + window[e - 1].end,
                kind,
            });
        }
    }
    out
}

/// The tagged spans of a sentence's `words` that name something, as `recognise` reports
/// them (and `warta bench ner` scores its runtime rows).
fn settled(words: &[&str], spans: Vec<(usize, usize, EntityKind)>, cased: bool, language: &str) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::with_capacity(spans.len());
    for (s, e, kind) in spans {
        // A sentence's first word has its capital whatever it is: alone, a word that
        // running text writes in lower case ("Smoke rises …", "Namun …") is no name.
        let opens_sentence = s == 0 || matches!(words[s - 1], "\"" | "“" | "‘" | "'" | "(" | ":");
        if e == s + 1 && opens_sentence && truecase::is_lower_case_word(&words[s].to_lowercase()) {
            continue;
        }
        // Nor is a pronoun, contracted or not ("I", "I'm", "Ia").
        let before_apostrophe = words[s].split(['\'', '’']).next().unwrap_or_default();
        if e == s + 1 && crate::quotes::is_pronoun(language, &before_apostrophe.to_lowercase()) {
            continue;
        }
        // A number is no name, nor what it counts ("78,33", "5.027 SPBU" read as places).
        if !words[s].chars().any(char::is_alphabetic) && (kind == EntityKind::Place || !words[s..e].iter().any(|w| w.chars().any(char::is_alphabetic))) {
            continue;
        }
        let Some((s, e)) = features::name_part(words, s, e, cased) else { continue };
        // A place of the gazetteers named whole is that place, though the model may
        // read it as an organisation ("Chicago", "North Carolina" in English news,
        // where a city often names its team); a country acting is a metonym, which
        // the entities stage marks.
        let kind = if kind == EntityKind::Organization && features::is_gazetteer_place(&words[s..e]) { EntityKind::Place } else { kind };
        out.push((s, e, kind));
    }
    out
}

/// Joins a combining form back to the name its hyphen binds it to ("Indo" + "Pasifik" →
/// "Indo-Pasifik", whichever of the two the model tagged; the kind is the name's), and
/// drops a combining form tagged alone: "Indo" is no place. `split_name_compounds` cut
/// them apart, as it must for "Rusia-Korea".
fn join_combining_forms(tokens: &[crate::tokens::Token<'_>], words: &[&str], spans: Vec<(usize, usize, EntityKind)>) -> Vec<(usize, usize, EntityKind)> {
    // Token `i` is a combining form written right before a hyphen and token `i + 2`.
    let binds = |i: usize| {
        i + 2 < tokens.len()
            && words[i + 1] == "-"
            && tokens[i].end == tokens[i + 1].start
            && tokens[i + 1].end == tokens[i + 2].start
            && features::is_combining_form(&words[i].to_lowercase())
    };
    let mut out: Vec<(usize, usize, EntityKind)> = Vec::with_capacity(spans.len());
    let mut spans = spans.into_iter().peekable();
    while let Some((mut s, e, kind)) = spans.next() {
        if binds(e - 1) {
            match spans.next_if(|next| next.0 == e + 1) {
                Some((_, next_end, next_kind)) => out.push((s, next_end, next_kind)),
                None if e - s > 1 => out.push((s, e - 1, kind)),
                None => {}
            }
            continue;
        }
        if s >= 2 && binds(s - 2) && out.last().is_none_or(|last| last.1 <= s - 2) {
            s -= 2;
        }
        out.push((s, e, kind));
    }
    out
}

/// Joins a person's name the model cut at a middle initial ("Donald J" and "Trump" of
/// "Donald J. Trump"): a person ending with a single capital letter, its full stop
/// glued to it, and a capitalised word right after, which the model tagged as a person
/// or left untagged, are one name.
fn join_initials(tokens: &[crate::tokens::Token<'_>], words: &[&str], spans: Vec<(usize, usize, EntityKind)>) -> Vec<(usize, usize, EntityKind)> {
    let initial_then_name = |e: usize| {
        let mut letters = words[e - 1].chars();
        let initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
        initial && e + 1 < words.len() && words[e] == "." && tokens[e - 1].end == tokens[e].start && words[e + 1].starts_with(char::is_uppercase)
    };
    let mut out: Vec<(usize, usize, EntityKind)> = Vec::with_capacity(spans.len());
    let mut spans = spans.into_iter().peekable();
    while let Some((s, e, kind)) = spans.next() {
        if kind == EntityKind::Person && e - s >= 2 && initial_then_name(e) {
            match spans.next_if(|next| next.0 == e + 1) {
                Some((_, next_end, EntityKind::Person)) => out.push((s, next_end, kind)),
                Some(other) => {
                    out.push((s, e, kind));
                    out.push(other);
                }
                None => out.push((s, e + 2, kind)),
            }
            continue;
        }
        out.push((s, e, kind));
    }
    out
}

/// Splits hyphenated compounds of capitalised parts ("Putin-Kim", "Rusia-Korea") into
/// their parts and the hyphens, as the training data writes them, so each name can be an
/// entity of its own. "Kim Jong-un", "e-KTP" and "Covid-19" stay whole, and so does a
/// compound right after a capitalised word: "Karine Jean-Pierre" is one name.
fn split_name_compounds(tokens: Vec<crate::tokens::Token<'_>>) -> Vec<crate::tokens::Token<'_>> {
    use crate::tokens::Token;
    let mut out: Vec<Token<'_>> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if !t.text.contains('-') {
            out.push(t);
            continue;
        }
        let parts: Vec<&str> = t.text.split('-').collect();
        let after_name = out.last().is_some_and(|p| p.text.chars().next().is_some_and(char::is_uppercase));
        let split = !after_name
            && parts.len() > 1
            && parts
                .iter()
                .all(|p| p.chars().next().is_some_and(char::is_uppercase) && p.chars().all(char::is_alphabetic));
        if !split {
            out.push(t);
            continue;
        }
        let mut at = t.start;
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push(Token {
                    text: &t.text[at - t.start..at - t.start + 1],
                    start: at,
                    end: at + 1,
                });
                at += 1;
            }
            out.push(Token {
                text: part,
                start: at,
                end: at + part.len(),
            });
            at += part.len();
        }
    }
    out
}

/// Splits the English possessive off a name ("Clinton’s team" → "Clinton", "’s"), so the
/// name is tagged as it is written elsewhere; a lower-case word keeps it.
fn split_possessives(tokens: Vec<crate::tokens::Token<'_>>) -> Vec<crate::tokens::Token<'_>> {
    use crate::tokens::Token;
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let name_end = features::possessives().iter().find_map(|p| t.text.strip_suffix(p.as_str())).filter(|name| name.chars().next().is_some_and(char::is_uppercase));
        match name_end {
            Some(name) => {
                let cut = t.start + name.len();
                out.push(Token { text: name, start: t.start, end: cut });
                out.push(Token { text: &t.text[name.len()..], start: cut, end: t.end });
            }
            None => out.push(t),
        }
    }
    out
}

/// The training sentences of every data set under `data_dir` (the `ner-id` folder),
/// lower-cased and without their labels: unlabelled text for word clusters. Dev splits
/// are left out so they stay unseen.
pub fn unlabelled_training_text(data_dir: &std::path::Path) -> Result<Vec<Vec<String>>, NerError> {
    let mut out = Vec::new();
    for corpus in data::CORPORA.iter().filter(|c| c.format == data::Format::Conll) {
        for s in data::read_split(data_dir, corpus, data::Split::Train)? {
            out.push(s.tokens.iter().map(|t| t.to_lowercase()).collect());
        }
    }
    Ok(out)
}

/// The sentences of a running text as the recogniser splits them, lower-cased.
pub fn text_sentences(text: &str) -> Vec<Vec<String>> {
    text_sentences_as_written(text).into_iter().map(|words| words.iter().map(|w| w.to_lowercase()).collect()).collect()
}

/// The sentences of a running text as the recogniser splits them, as written.
pub fn text_sentences_as_written(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for sentence in crate::tokens::sentences(text) {
        for line in text[sentence.start..sentence.end].split('\n') {
            let words: Vec<String> = split_name_compounds(crate::tokens::tokens(line)).iter().map(|t| t.text.to_string()).collect();
            if !words.is_empty() {
                out.push(words);
            }
        }
    }
    out
}

/// The training sentences of the data sets written with case (all but NERP), as written
/// and without their labels: text for the lower-case word list. Dev splits are left out.
pub fn cased_training_text(data_dir: &std::path::Path) -> Result<Vec<Vec<String>>, NerError> {
    let mut out = Vec::new();
    for corpus in data::CORPORA.iter().filter(|c| !c.lowercased && c.format == data::Format::Conll) {
        out.extend(data::read_split(data_dir, corpus, data::Split::Train)?.into_iter().map(|s| s.tokens));
    }
    Ok(out)
}

/// Languages the recogniser is trained for: their lower-case word lists are read, and
/// their articles are the unlabelled text of the word clusters.
pub const LANGUAGES: [&str; 2] = truecase::LANGUAGES;

/// The text of a lower-case word list (`resources/<lang>/lower-case-words.txt`), with
/// which title-case headlines are read (see `truecase`); `source` goes in its header.
pub fn build_lower_case_words(sentences: &[Vec<String>], source: &str) -> String {
    truecase::build(sentences, source)
}

/// The text of the capitalisation file (`resources/common/word-capitalisation.tsv`): how
/// often each word is written in lower case and with a capital inside sentences.
pub fn build_capitalisation(sentences: &[&Vec<String>], source: &str) -> String {
    truecase::build_capitalisation(sentences, source)
}

/// Clusters the words of `sentences` and returns the text of a word-cluster file
/// (`resources/common/word-clusters.tsv`); `source` says in its header where the text came from.
pub fn build_clusters(sentences: &[Vec<String>], options: &ClusterOptions, source: &str) -> String {
    clusters::build(sentences, options, source)
}

/// The text of the context-vector classes of lower-cased sentences
/// (`resources/common/word-vector-classes.tsv`); `source` says in its header where the text came from.
pub fn build_vector_classes(sentences: &[Vec<String>], options: &VectorOptions, source: &str) -> String {
    vectors::build(sentences, options, source)
}

/// How to train a model.
pub struct TrainOptions {
    /// The `ner-id` folder: `nergrit/`, `nerp/`, `idner-news-2k/`.
    pub data_dir: PathBuf,
    pub epochs: usize,
    /// Seed of the sentence order in each epoch (of the first run; run `i` adds `i`).
    pub seed: u64,
    /// Training runs in other sentence orders whose weights are averaged into the model.
    pub runs: usize,
    /// Data sets to train on (names: nergrit, nerp, idner-news-2k, ecbplus); empty = all.
    pub datasets: Vec<String>,
    /// Also train on the dev splits (for a final model once settings are chosen).
    pub include_dev: bool,
    /// Keep a copy of each feature conjoined with its data set.
    pub domain_features: bool,
    /// Drop features seen fewer times than this.
    pub min_count: u32,
    /// Weights smaller than this are left out of the file.
    pub prune: f32,
    /// The data set whose indicator is switched on for running text (None: general only).
    pub runtime_domain: Option<String>,
    /// The kinds `recognise` outputs.
    pub runtime_kinds: Vec<EntityKind>,
    /// Print dev F1 after each epoch to stderr.
    pub verbose: bool,
    /// Feature dropout in the first epoch, falling linearly to zero by the last.
    pub dropout: f32,
    /// Learn tag-pair features (previous tag × the word's class and shape).
    pub pair_features: bool,
    /// Called after each epoch with the number of epochs done (for a progress bar).
    pub progress: Option<EpochProgress>,
}

/// See [`TrainOptions::progress`].
pub type EpochProgress = std::sync::Arc<dyn Fn(usize) + Send + Sync>;

impl TrainOptions {
    /// The settings the shipped model was trained with.
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        TrainOptions {
            data_dir: data_dir.into(),
            epochs: 20,
            seed: 20261123,
            runs: 8,
            datasets: Vec::new(),
            // The settings were chosen on the dev splits; the shipped model then learns
            // from them too (12% more sentences; an eighth fewer training sentences cost
            // 0.4–0.9 F1, models/README.md). `warta bench ner` scores dev splits with a
            // model trained without them.
            include_dev: true,
            domain_features: true,
            min_count: 1,
            // The mean of several runs is non-zero wherever any run is: 0.4 keeps the
            // file (4.7 MB) and about the tagging speed of one run, at the same dev F1.
            prune: 0.4,
            runtime_domain: Some("idner-news-2k".into()),
            // Events (NERP only, 37 F1) and products (NERP's food and drink) are learned
            // but not output on running text: too imprecise there.
            runtime_kinds: vec![EntityKind::Person, EntityKind::Organization, EntityKind::Place],
            verbose: false,
            dropout: 0.4,
            pair_features: true,
            progress: None,
        }
    }
}

/// Trains a model from the data sets and returns its bytes.
pub fn train(options: &TrainOptions) -> Result<Vec<u8>, NerError> {
    let model = train_model(options)?;
    Ok(model.to_bytes(options.prune))
}

/// Trains and returns the model itself (for evaluation without a round trip).
pub fn train_model(options: &TrainOptions) -> Result<Model, NerError> {
    if options.epochs == 0 {
        return Err(NerError::Options("epochs must be at least 1".into()));
    }
    let mut sets = Vec::new();
    let chosen: Vec<&'static data::Corpus> = if options.datasets.is_empty() {
        data::CORPORA.iter().collect()
    } else {
        options
            .datasets
            .iter()
            .map(|name| data::corpus(name).ok_or_else(|| NerError::Options(format!("unknown data set {name:?}; use nergrit, nerp, idner-news-2k or ecbplus"))))
            .collect::<Result<_, _>>()?
    };
    let mut devs = Vec::new();
    let mut trained_on = Vec::new();
    for corpus in chosen {
        let (mut sentences, train_file) = data::read_split_file(&options.data_dir, corpus, data::Split::Train)?;
        trained_on.push(train_file);
        let (dev, dev_file) = data::read_split_file(&options.data_dir, corpus, data::Split::Dev)?;
        // ECB+'s dev topics are the events benchmark's held-out topics: no model learns them.
        if options.include_dev && corpus.format == data::Format::Conll {
            sentences.extend(dev.iter().cloned());
            trained_on.push(dev_file);
        }
        devs.push((corpus, dev));
        sets.push((corpus, sentences));
    }
    let on_epoch: Option<train::EpochHook> = if options.verbose {
        Some(Box::new(move |epoch, model: &Model| {
            let line: Vec<String> = devs
                .iter()
                .map(|(corpus, dev)| {
                    let (ind, _) = bench::score_corpus(model, corpus, dev);
                    format!("{} {:.1}", corpus.name, 100.0 * ind.overall.f1())
                })
                .collect();
            eprintln!("epoch {epoch}: dev F1 (with data-set indicator) {}", line.join(", "));
        }))
    } else {
        None
    };
    let settings = train::Settings {
        epochs: options.epochs,
        seed: options.seed,
        runs: options.runs,
        domain_features: options.domain_features,
        min_count: options.min_count,
        runtime_domain: options.runtime_domain.clone(),
        dropout: options.dropout,
        pair_features: options.pair_features,
        runtime_kinds: options.runtime_kinds.clone(),
        on_epoch,
        progress: options.progress.clone(),
    };
    let mut model = train::train(&sets, &settings);
    model.trained_on = trained_on;
    Ok(model)
}

/// Entity-level scores (exact span and type) on the dev and test splits.
pub mod bench {
    use std::fmt;
    use std::path::Path;
    use std::time::Instant;

    use warta_model::EntityKind;

    use super::data::{self, Corpus, Sentence};
    use super::{features, tags, truecase, Model, NerError};

    pub use warta_model::MatchCounts as Counts;

    /// Scores of one data set under one way of running the model.
    #[derive(Clone, Debug, serde::Serialize)]
    pub struct Scores {
        pub overall: Counts,
        pub per_kind: Vec<(EntityKind, Counts)>,
    }

    /// One split of one data set, scored.
    #[derive(Clone, Debug, serde::Serialize)]
    pub struct DatasetReport {
        pub name: String,
        /// `dev` or `test`.
        pub split: String,
        /// `None` when its folder is missing (the message says where it was looked for).
        pub missing: Option<String>,
        /// The name of the model scored (`shipped`), or `held-out` when that model learned
        /// from this very file and a model trained on the train splits alone scored it.
        pub model: String,
        pub sentences: usize,
        /// With the data set's own indicator switched on (it is known when evaluating).
        pub with_indicator: Option<Scores>,
        /// As `recognise` runs it on an article in the data set's language: the indicator
        /// it picks for the language and case, and title-case lines truecased.
        pub as_runtime: Option<Scores>,
        /// Every sentence written as a title-case headline ([`truecase::title_cased`]),
        /// run as `recognise` runs it: how well headlines are read. Cased data sets only.
        pub title_cased: Option<Scores>,
        pub sentences_per_second: f64,
    }

    #[derive(Clone, Debug, serde::Serialize)]
    pub struct Report {
        pub datasets: Vec<DatasetReport>,
    }

    /// Scores a model (the shipped one: [`super::shipped`]; `name` says which in the
    /// report) on the dev splits found under `data_dir` (the `ner-id` folder), and on
    /// test splits (`test.txt`) where a copy of the data has them. A split the model was
    /// trained on (the shipped one learns from the dev splits once the settings are
    /// chosen) is scored with a model trained with the default settings on the train
    /// splits alone, so every figure is held-out; `progress` hears that model's epochs.
    /// A missing data set is reported, not fatal; a missing folder is.
    pub fn evaluate(model: &Model, name: &str, data_dir: &Path, progress: Option<super::EpochProgress>) -> Result<Report, NerError> {
        let mut held_out: Option<Result<Model, String>> = None;
        let mut datasets = Vec::new();
        for (corpus, split, read) in files(data_dir)? {
            let missing = |message: String| DatasetReport {
                name: corpus.name.into(),
                split: split.name().into(),
                missing: Some(message),
                model: String::new(),
                sentences: 0,
                with_indicator: None,
                as_runtime: None,
                title_cased: None,
                sentences_per_second: 0.0,
            };
            let (sentences, fingerprint) = match read {
                Ok((sentences, _)) if sentences.is_empty() => {
                    let path = data::split_path(data_dir, corpus, split).map(|p| p.display().to_string()).unwrap_or_default();
                    datasets.push(missing(format!("{path} holds no sentences; nothing to score")));
                    continue;
                }
                Ok(read) => read,
                Err(e) => {
                    datasets.push(missing(e.to_string()));
                    continue;
                }
            };
            if !model.trained_on.contains(&fingerprint) {
                datasets.push(scored(model, corpus, split, name, &sentences));
                continue;
            }
            let trained = held_out.get_or_insert_with(|| {
                let mut options = super::TrainOptions::new(data_dir);
                options.include_dev = false;
                options.progress = progress.clone();
                // Through the file format, as the shipped model is: pruned and rounded.
                super::train_model(&options).and_then(|m| Model::from_bytes(&m.to_bytes(options.prune))).map_err(|e| e.to_string())
            });
            match trained {
                Ok(held) if !held.trained_on.contains(&fingerprint) => datasets.push(scored(held, corpus, split, "held-out", &sentences)),
                Ok(_) => datasets.push(missing("this file is a training split too; pass a folder whose dev or test split differs from its train split".into())),
                Err(e) => datasets.push(missing(format!("the model learned from this file, and a held-out model could not be trained: {e}"))),
            }
        }
        Ok(Report { datasets })
    }

    type SplitRead = Result<(Vec<Sentence>, u64), NerError>;

    /// Every data set's dev split (missing: an error to report) and its test split where
    /// there is one. A malformed file stops the benchmark with its line.
    fn files(data_dir: &Path) -> Result<Vec<(&'static Corpus, data::Split, SplitRead)>, NerError> {
        if !data_dir.is_dir() {
            return Err(NerError::MissingData {
                path: data_dir.to_path_buf(),
                hint: "pass the ner-id folder (it holds nergrit/, nerp/, idner-news-2k/), e.g. ../shared/datasets/ner-id".into(),
            });
        }
        let mut out = Vec::new();
        for corpus in data::CORPORA {
            for split in [data::Split::Dev, data::Split::Test] {
                match data::read_split_file(data_dir, corpus, split) {
                    Err(NerError::MissingData { .. }) if split == data::Split::Test => {}
                    Err(e @ NerError::MissingData { .. }) => out.push((corpus, split, Err(e))),
                    Err(e) => return Err(e),
                    Ok(read) => out.push((corpus, split, Ok(read))),
                }
            }
        }
        Ok(out)
    }

    fn scored(model: &Model, corpus: &Corpus, split: data::Split, model_name: &str, sentences: &[Sentence]) -> DatasetReport {
        let started = Instant::now();
        let (with_indicator, as_runtime) = score_corpus(model, corpus, sentences);
        let seconds = started.elapsed().as_secs_f64() / 2.0;
        DatasetReport {
            name: corpus.name.into(),
            split: split.name().into(),
            missing: None,
            model: model_name.into(),
            sentences: sentences.len(),
            with_indicator: Some(with_indicator),
            as_runtime: Some(as_runtime),
            title_cased: (!corpus.lowercased).then(|| score(model, corpus, sentences, Mode::TitleCased)),
            sentences_per_second: sentences.len() as f64 / seconds.max(1e-9),
        }
    }

    /// How the model is run on a data set's sentences.
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        /// With the data set's own indicator.
        Own,
        /// As `recognise` runs it.
        Runtime,
        /// Written in title case, then as `recognise` runs it.
        TitleCased,
    }

    /// Scores with the data set's indicator, and as at run time.
    pub(crate) fn score_corpus(model: &Model, corpus: &Corpus, dev: &[Sentence]) -> (Scores, Scores) {
        (score(model, corpus, dev, Mode::Own), score(model, corpus, dev, Mode::Runtime))
    }

    fn score(model: &Model, corpus: &Corpus, dev: &[Sentence], mode: Mode) -> Scores {
        let kinds = corpus.kinds();
        let mask = tags::mask(&kinds);
        let mut per: Vec<(EntityKind, Counts)> = kinds.iter().map(|k| (*k, Counts::default())).collect();
        for s in dev {
            let mut tokens = match mode {
                Mode::TitleCased => truecase::title_cased(&s.tokens),
                Mode::Own | Mode::Runtime => s.tokens.clone(),
            };
            if mode != Mode::Own && truecase::is_title_case(&tokens) {
                // A sentence alone: no article to tell its names' capitals.
                tokens = truecase::truecased(&tokens, &Default::default());
            }
            let cased = !corpus.lowercased && features::is_cased(&tokens);
            let domain = if mode == Mode::Own { model.domain_of(corpus.name) } else { model.domain_for(cased, corpus.language) };
            let pred = tags::spans(&model.tag(&tokens, cased, domain, &mask));
            // The runtime rows report what `recognise` would.
            let pred = if mode == Mode::Own { pred } else { super::settled(&tokens.iter().map(String::as_str).collect::<Vec<_>>(), pred, cased, corpus.language) };
            let gold = tags::spans(&s.tags);
            // Partial labels: a guess on a word whose tag is open is neither right nor wrong.
            let got: Vec<_> = pred.into_iter().filter(|&(a, b, _)| !s.open.get(a..b).is_some_and(|o| o.contains(&true))).collect();
            for (slot_kind, counts) in per.iter_mut() {
                let g: Vec<_> = gold.iter().filter(|x| x.2 == *slot_kind).collect();
                let p: Vec<_> = got.iter().filter(|x| x.2 == *slot_kind).collect();
                let tp = p.iter().filter(|x| g.contains(x)).count();
                *counts += Counts::one_to_one(tp, p.len(), g.len());
            }
        }
        let mut overall = Counts::default();
        for (_, c) in &per {
            overall += *c;
        }
        Scores { overall, per_kind: per }
    }

    impl fmt::Display for Report {
        /// A Markdown table: one row per data set and mode, then one per kind.
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            writeln!(f, "| data set | split | model | run with | type | P | R | F1 | gold | sent/s |")?;
            writeln!(f, "|---|---|---|---|---|---:|---:|---:|---:|---:|")?;
            for d in &self.datasets {
                if let Some(m) = &d.missing {
                    writeln!(f, "| {} | {} | missing: {m} | | | | | | | |", d.name, d.split)?;
                    continue;
                }
                for (mode, scores) in [("own indicator", &d.with_indicator), ("runtime", &d.as_runtime), ("title-cased", &d.title_cased)] {
                    let Some(scores) = scores else { continue };
                    let mut line = |kind: &str, c: &Counts, speed: &str| {
                        writeln!(
                            f,
                            "| {} | {} | {} | {mode} | {kind} | {:.1} | {:.1} | {:.1} | {} | {speed} |",
                            d.name,
                            d.split,
                            d.model,
                            100.0 * c.precision(),
                            100.0 * c.recall(),
                            100.0 * c.f1(),
                            c.gold
                        )
                    };
                    line("**all**", &scores.overall, &format!("{:.0}", d.sentences_per_second))?;
                    for (k, c) in &scores.per_kind {
                        line(&format!("{k:?}"), c, "")?;
                    }
                }
            }
            writeln!(f)?;
            if self.datasets.iter().any(|d| d.model == "held-out") {
                writeln!(f, "held-out: the model learned from that file, so a model trained the same way on the train splits alone scored it")?;
            }
            writeln!(f, "runtime: what `recognise` reports on text: the indicator it picks, and names without a leading \"the\", lower-case words at their edges (\"kota Klaten\" names Klaten), demonyms and pronouns, which some data sets count as part of a name")?;
            if self.datasets.iter().any(|d| d.title_cased.is_some()) {
                writeln!(f, "title-cased: every sentence written as a title-case headline (\"Kapal Terbakar di Perairan ...\"), run as on articles")?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
