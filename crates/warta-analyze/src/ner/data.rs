//! Reading the CoNLL-style training sets in `datasets/ner-id/`: one token and its BIO tag
//! per line, a blank line between sentences. Each set names its types its own way; they
//! are mapped onto [`EntityKind`] here.

use std::path::{Path, PathBuf};

use warta_model::EntityKind;

use super::tags::{self, Tag};
use super::NerError;

/// One labelled sentence.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
    /// Tokens whose tag the data leaves open (empty: every tag is known). Their tag in
    /// `tags` is `O`; training takes the model's best guess among the paths that keep
    /// the known tags instead.
    pub open: Vec<bool>,
}

/// A training set as it lies on disk and how its labels map to warta's kinds.
#[derive(Clone, Copy, Debug)]
pub struct Corpus {
    /// Short name used in reports and as the data-set indicator in the model.
    pub name: &'static str,
    /// Folder under the `ner-id` data directory.
    pub folder: &'static str,
    pub train: &'static str,
    pub dev: &'static str,
    /// The held-back test split, when a copy of the data has it (never read in training).
    pub test: &'static str,
    /// Language of its text (ISO 639-1).
    pub language: &'static str,
    /// The text is lower-cased (NERP): case features are left out for it.
    pub lowercased: bool,
    /// How its files are written.
    pub format: Format,
    /// Its labels and what they become.
    pub labels: &'static [(&'static str, EntityKind)],
}

impl Corpus {
    /// The kinds this corpus annotates; everything else is `O` in it, so training and
    /// evaluation on it only choose among these.
    pub fn kinds(&self) -> Vec<EntityKind> {
        let mut kinds: Vec<EntityKind> = self.labels.iter().map(|(_, k)| *k).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    pub fn domain(&self) -> u8 {
        CORPORA.iter().position(|c| c.name == self.name).map(|i| i as u8 + 1).unwrap_or(0)
    }

    fn kind_of(&self, label: &str) -> Option<EntityKind> {
        self.labels.iter().find(|(l, _)| *l == label).map(|(_, k)| *k)
    }
}

/// The three Indonesian sets warta trains on.
pub const CORPORA: &[Corpus] = &[
    Corpus {
        name: "nergrit",
        folder: "nergrit",
        train: "train.txt",
        dev: "valid.txt",
        test: "test.txt",
        language: "id",
        lowercased: false,
        format: Format::Conll,
        labels: &[
            ("PERSON", EntityKind::Person),
            ("PLACE", EntityKind::Place),
            ("ORGANISATION", EntityKind::Organization),
        ],
    },
    Corpus {
        name: "nerp",
        folder: "nerp",
        train: "train.txt",
        dev: "valid.txt",
        test: "test.txt",
        language: "id",
        lowercased: true,
        format: Format::Conll,
        // IND mixes companies, clubs, media and brands: organisations more often than not.
        labels: &[
            ("PPL", EntityKind::Person),
            ("PLC", EntityKind::Place),
            ("IND", EntityKind::Organization),
            ("EVT", EntityKind::Event),
            ("FNB", EntityKind::Product),
        ],
    },
    Corpus {
        name: "idner-news-2k",
        folder: "idner-news-2k",
        train: "train.txt",
        dev: "dev.txt",
        test: "test.txt",
        language: "id",
        lowercased: false,
        format: Format::Conll,
        labels: &[("PER", EntityKind::Person), ("ORG", EntityKind::Organization), ("LOC", EntityKind::Place)],
    },
    // English: ECB+ beside ner-id in the datasets folder, its topics split as the events
    // benchmark splits them.
    Corpus {
        name: "ecbplus",
        folder: "../ecbplus",
        // Splits are topic numbers (`super::ecb::DEV_TOPICS`), not files.
        train: "",
        dev: "",
        test: "",
        language: "en",
        lowercased: false,
        format: Format::EcbPlus,
        labels: &[("HUMAN_PART_PER", EntityKind::Person), ("HUMAN_PART_ORG", EntityKind::Organization), ("LOC_GEO", EntityKind::Place)],
    },
];

/// How a data set's files are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One token and its BIO tag per line, a blank line between sentences; a file per split.
    Conll,
    /// ECB+ topic folders of token-per-element XML, partially labelled ([`super::ecb`]).
    EcbPlus,
}

pub fn corpus(name: &str) -> Option<&'static Corpus> {
    CORPORA.iter().find(|c| c.name == name)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    Train,
    Dev,
    Test,
}

impl Split {
    pub fn name(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Dev => "dev",
            Split::Test => "test",
        }
    }
}

/// Path of one split, with an error that says what to do when it is missing.
pub fn split_path(data_dir: &Path, corpus: &Corpus, split: Split) -> Result<PathBuf, NerError> {
    if !data_dir.is_dir() {
        return Err(NerError::MissingData {
            path: data_dir.to_path_buf(),
            hint: "pass the ner-id folder (it holds nergrit/, nerp/, idner-news-2k/), e.g. ../shared/datasets/ner-id".into(),
        });
    }
    if corpus.format == Format::EcbPlus {
        // Topic folders, not a file per split (`super::ecb::read_split`).
        return Ok(data_dir.join(corpus.folder));
    }
    let file = match split {
        Split::Train => corpus.train,
        Split::Dev => corpus.dev,
        Split::Test => corpus.test,
    };
    let path = data_dir.join(corpus.folder).join(file);
    if !path.is_file() {
        return Err(NerError::MissingData {
            path,
            hint: format!(
                "the {} data set should be at {}/{}/{file}; copy it there or leave it out",
                corpus.name,
                data_dir.display(),
                corpus.folder
            ),
        });
    }
    Ok(path)
}

pub fn read_split(data_dir: &Path, corpus: &Corpus, split: Split) -> Result<Vec<Sentence>, NerError> {
    Ok(read_split_file(data_dir, corpus, split)?.0)
}

/// The sentences of one split and the [`fingerprint`] of its file.
pub fn read_split_file(data_dir: &Path, corpus: &Corpus, split: Split) -> Result<(Vec<Sentence>, u64), NerError> {
    if corpus.format == Format::EcbPlus {
        return super::ecb::read_split(&data_dir.join(corpus.folder), split);
    }
    let path = split_path(data_dir, corpus, split)?;
    let text = std::fs::read_to_string(&path).map_err(|source| NerError::Io { path: path.clone(), source })?;
    Ok((parse(&text, corpus, &path)?, fingerprint(&text)))
}

/// FNV-1a of a data file's text. The model keeps those of the files it was trained on,
/// so the benchmark can tell a split the model has seen from one it has not, whatever
/// the file is called or where it lies.
pub fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Parses one file. Accepts `token<TAB>tag`, `token tag` and `token POS tag` lines, CRLF
/// or LF. A token with spaces inside (NERP has "sementara itu") becomes several tokens.
/// An `I-` tag that does not continue an entity of its type starts one.
pub fn parse(text: &str, corpus: &Corpus, path: &Path) -> Result<Vec<Sentence>, NerError> {
    let mut out = Vec::new();
    let mut current = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
        open: Vec::new(),
    };
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !current.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut current,
                    Sentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                        open: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let bad = |message: String| NerError::Format {
            path: path.to_path_buf(),
            line: index + 1,
            message,
        };
        let (token, label) = if let Some((token, rest)) = line.split_once('\t') {
            let label = rest.rsplit('\t').next().unwrap_or(rest).trim();
            (token.trim(), label)
        } else {
            let mut fields = line.split_whitespace();
            let first = fields.next().unwrap_or("");
            let last = fields.last();
            match last {
                Some(last) => (first, last),
                None => {
                    return Err(bad(format!(
                        "expected `token<TAB>tag` or `token POS tag`, found {line:?}; fix the line or remove it"
                    )))
                }
            }
        };
        let (prefix, name) = match label {
            "O" => ('O', ""),
            _ => match label.split_once('-') {
                Some(("B", name)) => ('B', name),
                Some(("I", name)) => ('I', name),
                _ => return Err(bad(format!("tag {label:?} is not O, B-TYPE or I-TYPE; fix the line"))),
            },
        };
        let tag = if prefix == 'O' {
            tags::O
        } else {
            let kind = corpus.kind_of(name).ok_or_else(|| {
                let known: Vec<&str> = corpus.labels.iter().map(|(l, _)| *l).collect();
                bad(format!(
                    "unknown entity type {name:?} for {} (known: {}); add it to the corpus table in ner/data.rs",
                    corpus.name,
                    known.join(", ")
                ))
            })?;
            let continues = current.tags.last().is_some_and(|&t| t != tags::O && tags::kind(t) == Some(kind));
            if prefix == 'B' || !continues {
                tags::begin(kind)
            } else {
                tags::inside(kind)
            }
        };
        if token.split_whitespace().next().is_none() {
            return Err(bad("empty token; remove the line".into()));
        }
        for (i, piece) in token.split_whitespace().enumerate() {
            current.tokens.push(piece.to_string());
            current.tags.push(match tags::kind(tag) {
                Some(kind) if i > 0 => tags::inside(kind),
                _ => tag,
            });
        }
    }
    if !current.tokens.is_empty() {
        out.push(current);
    }
    Ok(out)
}
