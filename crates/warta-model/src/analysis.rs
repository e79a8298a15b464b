//! What the analyze stage finds in one article. Every item carries its evidence: a byte
//! span into `Article::text`.

use serde::{Deserialize, Serialize};

use crate::Span;

/// Everything analyze found in one article.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub times: Vec<TimeExpression>,
    pub quantities: Vec<Quantity>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Event,
    Product,
    Other,
}

/// A piece of text with its place in the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl Mention {
    pub fn new(text: &str, span: Span) -> Self {
        Mention { text: text.to_string(), start: span.start, end: span.end }
    }

    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A title or function the text gives a person ("Menteri Luar Negeri AS").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// As written ("Menlu", "Sekjen NATO").
    pub text: String,
    /// Abbreviations expanded ("Menteri Luar Negeri", "Sekretaris Jenderal NATO"), so
    /// roles compare across outlets.
    pub canonical: String,
    pub start: usize,
    pub end: usize,
}

/// One real-world entity as this article refers to it, under its canonical name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical id, the same across articles and languages: `person:kim-jong-un`,
    /// `place:china` (for "China" and "Tiongkok").
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Other names used for it in this article.
    pub aliases: Vec<String>,
    pub roles: Vec<Role>,
    /// For metonyms ("Kremlin", "Gedung Putih", "Moskow"): the id of what they stand for
    /// (the government), when the text uses them that way.
    pub stands_for: Option<String>,
    pub mentions: Vec<Mention>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words inside quotation marks attributed as speech.
    Direct,
    /// Reported speech: "X mengatakan bahwa ...", "X said that ...".
    Indirect,
    /// A word or phrase in quotation marks inside the writer's own sentence.
    Fragment,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted content, without the quotation marks.
    pub text: String,
    pub kind: QuoteKind,
    /// The speaker as written nearest the quote ("Stoltenberg", "Dia").
    pub speaker: Option<String>,
    /// The canonical entity id of the speaker, when resolved.
    pub speaker_id: Option<String>,
    /// Where the speaker is written at the quote: the name, or the pronoun ("dia", the
    /// "nya" of "ujarnya", "he") that `speaker` was resolved from.
    pub speaker_span: Option<Span>,
    /// The whole phrase that names the source at the quote, as a reader would cite it:
    /// the name with the office, honorific or determiner written before it, a party and
    /// state in brackets and a description set off by commas after it ("White House
    /// spokesman Josh Earnest", "Rep. Jim Clyburn (D-S.C.)", "Michael Mulgrew,
    /// president of the United Federation of Teachers"); a pronoun alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// The speech verb ("kata", "ujarnya", "said").
    pub cue: Option<Mention>,
    /// Span of the content.
    pub start: usize,
    pub end: usize,
}

/// A time expression resolved against the article's publication time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpression {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// TimeML-style value: `2024-06-19`, `2024-06`, `2024-W25`, `2024-06-19T06:19+07:00`,
    /// `P24Y` (a duration), `PAST_REF`; a range is `start/end`.
    pub value: String,
    /// What the value was resolved against: "published 2024-06-19T17:23:00+07:00", or
    /// "written" when the expression is absolute.
    pub anchor: String,
    /// Problems seen, e.g. "weekday-mismatch: Rabu, but 2024-06-18 is a Tuesday".
    pub flags: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    About,
    MoreThan,
    AtLeast,
    LessThan,
    AtMost,
    /// A range: from `value` to [`Quantity::upper`] ("antara 30 dan 40", "10 to 15
    /// percent").
    Between,
}

/// A number with what it counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// The number, with Indonesian "11.000" / "1,25" and English "11,000" / "1.25" read
    /// correctly and scale words ("juta", "triliun", "million") applied; vague amounts
    /// ("lusinan", "ribuan", "dozens") get their lower bound with `bound` set.
    pub value: f64,
    /// Unit or currency: "percent", "IDR", "USD", "year".
    pub unit: Option<String>,
    /// What is counted ("kontainer amunisi").
    pub counted: Option<String>,
    pub bound: Bound,
    /// The upper end of a range (`bound` is `Between`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
}
