//! The optional abstractive summary: a prompt that hands a language model the event's
//! source sentences as numbered evidence, and a checker that reads the model's answer
//! back sentence by sentence and keeps only what the evidence it cites supports.
//!
//! No I/O here, like every stage: the caller sends [`Prompt`] to whatever endpoint the
//! user configured and passes the answer to [`check_generated`]. The model is never
//! trusted. A generated sentence is *supported* only when it cites evidence that
//! exists, and every number, date, name and quotation in it is found in the sentences
//! it cites, it negates nothing they do not, and most of its words are in them too;
//! anything else is dropped, or kept with the reason when the user asks for it.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use warta_analyze::entities::{canonical_entities, NamedSpan};
use warta_analyze::{ner, quantity::find_quantities, time::resolve_times};
use warta_compare::counted_as;
use warta_model::{Analysis, Article, Entity, Moment, Quantity, Span};

use crate::support::cited_text;
use crate::{Brief, Citation};

/// Source sentences offered to the model: enough for the whole story of a big event
/// (the summary's statements, every disagreement, the timeline).
const MAX_EVIDENCE: usize = 48;
/// Characters of source text in the prompt, about 2,500 tokens of Indonesian, so the
/// whole prompt fits the 4k-token context small local models are often served with; a
/// prompt cut short by the server would lose the first sources without an error.
const MAX_EVIDENCE_CHARS: usize = 8_000;
/// Wordings offered per corroborated statement: two independent ones and one more are
/// enough for the model to see the agreement; the rest would only repeat it.
const WORDINGS_PER_STATEMENT: usize = 3;
/// Sentences asked of the model: as many as the extractive summary has.
const MAX_SENTENCES: usize = 5;
/// Share of a generated sentence's content words that its cited sources must have.
/// A faithful restatement keeps most of its source's names, places, nouns and verbs;
/// a sentence about something else shares few (the off-topic sentences of this crate's
/// tests: 0–33%). Lexical on purpose: it cannot see meaning, only that the words are
/// the sources' own.
const MIN_COVERAGE: f64 = 0.5;
/// Language of the brief when no article says which it is in: warta's first language.
const FALLBACK_LANGUAGE: &str = "id";

/// One source sentence the model may cite, as `[marker]`.
#[derive(Clone, Debug)]
pub struct EvidenceItem {
    /// 1-based, as it appears in the prompt.
    pub marker: usize,
    /// Every article carrying these exact words (copies of one wire story are one
    /// numbered source, so the model sees each wording once).
    pub citations: Vec<Citation>,
    /// The words at each citation's span, whitespace collapsed.
    pub text: String,
}

/// The messages of an OpenAI-style chat request.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub system: String,
    pub user: String,
}

/// What the model wrote, checked.
#[derive(Clone, Debug, Serialize)]
pub struct Abstractive {
    pub model: String,
    /// Sentences shown to the reader: the supported ones, and the unsupported ones too
    /// (marked) when the user asked to keep them.
    pub sentences: Vec<GeneratedSentence>,
    /// Sentences left out, each with the reason.
    pub dropped: Vec<GeneratedSentence>,
    /// How many source sentences the prompt offered.
    pub evidence: usize,
    /// The model's answer as received, so a reader can see what was dropped in context.
    pub generated: String,
    /// Why there is no abstractive summary, when the endpoint failed; the extractive
    /// brief is complete either way.
    pub error: Option<String>,
}

impl Abstractive {
    /// The record of a request that got no usable answer.
    pub fn failed(model: &str, evidence: usize, error: String) -> Self {
        Abstractive { model: model.to_string(), sentences: Vec::new(), dropped: Vec::new(), evidence, generated: String::new(), error: Some(error) }
    }
}

/// One sentence of the model's answer, with its citation markers resolved.
#[derive(Clone, Debug, Serialize)]
pub struct GeneratedSentence {
    /// The sentence without its citation markers.
    pub text: String,
    /// The markers it cited, in order, as written (may include ones that do not exist).
    pub markers: Vec<usize>,
    /// Every article carrying the source sentences its valid markers point at:
    /// article, outlet and span.
    pub citations: Vec<Citation>,
    pub supported: bool,
    /// Why it is not supported; `None` when it is.
    pub reason: Option<String>,
}

#[derive(Deserialize)]
struct Template {
    system: String,
    user: String,
    evidence_line: String,
    #[serde(default)]
    languages: BTreeMap<String, String>,
}

/// The prompt template, `resources/common/brief-prompt.toml`.
fn template() -> &'static Template {
    static PARSED: OnceLock<Template> = OnceLock::new();
    PARSED.get_or_init(|| {
        // The file is compiled in: a broken one is a bug this module's tests catch, never
        // a user's input problem (the same rule as warta-lang's resources).
        let text = warta_lang::resource_file("common", "brief-prompt.toml").unwrap_or_else(|| panic!("resources/common/brief-prompt.toml is missing"));
        toml::from_str(text).unwrap_or_else(|e| panic!("bad resources/common/brief-prompt.toml: {e}"))
    })
}

/// The source sentences the model gets, numbered: first the statements of the
/// extractive summary, then the other corroborated statements (up to
/// [`WORDINGS_PER_STATEMENT`] wordings each), every side of each disagreement, the
/// dated statements and the single-source claims; at most [`MAX_EVIDENCE`] sentences
/// and [`MAX_EVIDENCE_CHARS`] characters. A sentence worded exactly like one already
/// numbered (a syndicated copy) adds its citation to that one. Citations that do not
/// resolve to text are left out.
pub fn evidence(brief: &Brief, items: &[(Article, Analysis)]) -> Vec<EvidenceItem> {
    let mut out: Vec<EvidenceItem> = Vec::new();
    let mut chars = 0;
    let mut add = |citation: &Citation, may_open: bool| -> bool {
        let Some(text) = cited_text(items, citation) else { return false };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(same) = out.iter_mut().find(|e| e.text == text) {
            if !same.citations.contains(citation) {
                same.citations.push(citation.clone());
            }
            return false;
        }
        let size = text.chars().count();
        if !may_open || out.len() == MAX_EVIDENCE || chars + size > MAX_EVIDENCE_CHARS {
            return false;
        }
        chars += size;
        out.push(EvidenceItem { marker: out.len() + 1, citations: vec![citation.clone()], text });
        true
    };
    for statement in brief.summary.iter().map(|s| &s.citations).chain(brief.corroborated.iter().map(|c| &c.citations)) {
        let mut opened = 0;
        for c in statement {
            if add(c, opened < WORDINGS_PER_STATEMENT) {
                opened += 1;
            }
        }
    }
    let side = |article: &warta_model::ArticleId, outlet: &Option<String>, span: Span| Citation { article: article.clone(), outlet: outlet.clone(), span };
    for c in brief.conflicts.iter().chain(&brief.updates).flat_map(|c| &c.claims) {
        add(&side(&c.article, &c.outlet, c.span), true);
    }
    for t in &brief.timeline {
        for c in &t.citations {
            add(c, true);
        }
    }
    for s in &brief.single_source {
        add(&side(&s.article, &s.outlet, s.span), true);
    }
    out
}

/// The language most of the articles are in (ISO 639-1).
pub fn brief_language(items: &[(Article, Analysis)]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (a, _) in items {
        if let Some(l) = a.language.as_deref() {
            *counts.entry(l).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(l, n)| (n, std::cmp::Reverse(l))).map_or_else(|| FALLBACK_LANGUAGE.to_string(), |(l, _)| l.to_string())
}

/// The chat messages asking for a cited brief of the event in `language`.
pub fn prompt(brief: &Brief, evidence: &[EvidenceItem], language: &str) -> Prompt {
    let t = template();
    let lines: Vec<String> = evidence
        .iter()
        .map(|e| {
            let sources: Vec<String> = e
                .citations
                .iter()
                .map(|c| format!("{} {}", c.outlet.as_deref().unwrap_or("unknown outlet"), c.article.as_str().chars().take(12).collect::<String>()))
                .collect();
            fill(&t.evidence_line, &[("marker", &e.marker.to_string()), ("sources", &sources.join("; ")), ("text", &e.text)])
        })
        .collect();
    let dates = match (&brief.event.start, &brief.event.end) {
        (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
        (Some(a), _) => a.clone(),
        _ => "date unknown".into(),
    };
    let language_name = t.languages.get(language).cloned().unwrap_or_else(|| format!("the language with ISO 639-1 code \"{language}\""));
    let user = fill(
        t.user.trim(),
        &[
            ("title", brief.event.title.as_deref().unwrap_or("untitled event")),
            ("dates", &dates),
            ("evidence", &lines.join("\n")),
            ("language", &language_name),
            ("sentences", &MAX_SENTENCES.to_string()),
        ],
    );
    Prompt { system: t.system.trim().to_string(), user }
}

/// Replaces each `{name}` of `template` with its value in one pass, so a value that
/// itself contains `{evidence}` (an article can say anything) is never expanded.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hit = after.find('}').and_then(|close| values.iter().find(|(k, _)| *k == &after[..close]).map(|(_, v)| (close, *v)));
        match hit {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A sentence of the answer: its span in the cleaned answer and its markers.
struct Piece {
    span: Span,
    markers: Vec<usize>,
}

/// The answer as plain text (list bullets, headings, emphasis and citation markers
/// removed, each line its own paragraph) and its sentences with the markers they carry.
fn split_generated(generated: &str) -> (String, Vec<Piece>) {
    let mut clean = String::new();
    let mut marks: Vec<(usize, Vec<usize>)> = Vec::new();
    for line in generated.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = strip_bullet(line).replace("**", "");
        if !clean.is_empty() {
            clean.push_str("\n\n");
        }
        let mut rest = line.as_str();
        while let Some(open) = rest.find('[') {
            let after = &rest[open + 1..];
            match after.find(']').and_then(|close| parse_markers(&after[..close]).map(|m| (close, m))) {
                Some((close, markers)) => {
                    clean.push_str(rest[..open].trim_end());
                    marks.push((clean.len(), markers));
                    rest = &after[close + 1..];
                    if clean.is_empty() || clean.ends_with('\n') {
                        // "[5] Kapal …" at the start of a line cites the sentence it opens.
                        rest = rest.trim_start();
                    } else if clean.ends_with(char::is_alphanumeric) && rest.starts_with(char::is_alphanumeric) {
                        // "Senin[1]dan" must not become "Senindan".
                        clean.push(' ');
                    }
                }
                None => {
                    clean.push_str(&rest[..=open]);
                    rest = after;
                }
            }
        }
        clean.push_str(rest);
    }
    let spans = warta_compare::text_sentences(&clean);
    let mut pieces: Vec<Piece> = spans.iter().map(|&span| Piece { span, markers: Vec::new() }).collect();
    for (at, markers) in marks {
        // A marker belongs to the sentence it sits in or, after a full stop, to the one
        // it follows; one before any sentence opens the first.
        let owner = spans.iter().rposition(|s| s.start <= at).unwrap_or(0);
        if let Some(piece) = pieces.get_mut(owner) {
            for m in markers {
                if !piece.markers.contains(&m) {
                    piece.markers.push(m);
                }
            }
        }
    }
    (clean, pieces)
}

/// `- `, `* `, `• `, `1. `, `2) ` at the start of a line.
fn strip_bullet(line: &str) -> &str {
    for bullet in ["- ", "* ", "• "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 2 {
        if let Some(rest) = line[digits..].strip_prefix(". ").or_else(|| line[digits..].strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    line
}

/// Widest range of markers read from `[a-b]`: a model citing "[1-40]" cites everything,
/// which is no citation at all.
const MAX_MARKER_RANGE: usize = 10;

/// `3`, `3, 7`, `3; 7`, `3-5`: the numbers of a citation bracket, or `None` for any
/// other bracket (`[sic]`, `[Reuters]`), which stays part of the text.
fn parse_markers(inside: &str) -> Option<Vec<usize>> {
    let number = |p: &str| -> Option<usize> {
        if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let mut out = Vec::new();
    for part in inside.split([',', ';']).map(str::trim) {
        match part.split_once(['-', '–']) {
            Some((a, b)) => {
                let (a, b) = (number(a.trim())?, number(b.trim())?);
                if a > b || b - a >= MAX_MARKER_RANGE {
                    return None;
                }
                out.extend(a..=b);
            }
            None => out.push(number(part)?),
        }
    }
    Some(out)
}

/// What the cited source sentences establish, to compare a generated sentence with.
struct Facts {
    text: String,
    /// `text`'s words as [`normalize`] gives them, padded with a space at each end.
    words: String,
    digits: HashSet<String>,
    entities: HashSet<String>,
    times: Vec<String>,
    /// Each amount with what its clause says happened to what it counts ("dead").
    amounts: Vec<(f64, Option<String>)>,
}

impl Facts {
    fn of(cited: &[&EvidenceItem], items: &[(Article, Analysis)]) -> Facts {
        let mut facts =
            Facts { text: String::new(), words: String::new(), digits: HashSet::new(), entities: HashSet::new(), times: Vec::new(), amounts: Vec::new() };
        for e in cited {
            facts.text.push_str(&e.text);
            facts.text.push('\n');
        }
        for c in cited.iter().flat_map(|e| &e.citations) {
            let Some((article, analysis)) = items.iter().find(|(a, _)| a.id == c.article) else { continue };
            let span = c.span;
            let inside = |s: usize, end: usize| s >= span.start && end <= span.end;
            for entity in &analysis.entities {
                if entity.mentions.iter().any(|m| inside(m.start, m.end)) {
                    facts.entities.insert(entity.id.clone());
                    facts.entities.extend(entity.stands_for.clone());
                }
            }
            facts.times.extend(analysis.times.iter().filter(|t| inside(t.start, t.end)).map(|t| t.value.clone()));
            // Read again in the sentence alone as well: the same reader on both sides,
            // whatever the stored analysis (maybe by an older analyzer) has.
            let language = article.language.as_deref().unwrap_or(FALLBACK_LANGUAGE);
            let category = |text: &str, sentence: Span, q: &Quantity, all: &[Quantity]| counted_as(text, sentence, q, all).and_then(|c| c.category);
            for q in analysis.quantities.iter().filter(|q| inside(q.start, q.end)) {
                facts.amounts.push((q.value, category(&article.text, span, q, &analysis.quantities)));
            }
            if let Some(text) = article.text.get(span.start..span.end) {
                let alone = find_quantities(text, language);
                for q in &alone {
                    facts.amounts.push((q.value, category(text, Span::new(0, text.len()), q, &alone)));
                }
            }
        }
        facts.words = format!(" {} ", normalize(&facts.text));
        facts.digits = digit_runs(&facts.text).into_iter().map(|(_, d)| d.trim_start_matches('0').to_string()).collect();
        facts
    }

    /// Whether a cited source has this amount. When both sides say what happened to
    /// the people counted, that must agree too: "12 dead" is not backed by "12 injured".
    fn has_amount(&self, value: f64, category: Option<&str>) -> bool {
        self.amounts.iter().any(|(a, c)| {
            let same_value = (a - value).abs() <= 1e-9 * value.abs().max(1.0);
            let same_kind = match (category, c.as_deref()) {
                (Some(wanted), Some(found)) => wanted == found,
                _ => true,
            };
            same_value && same_kind
        })
    }

    /// A time is backed when a cited one has the same value or a finer one inside it
    /// ("2025-03" by "2025-03-03"); a missing year (`XXXX`) matches any year.
    fn has_time(&self, value: &str) -> bool {
        let same = |a: &str, b: &str| a.len() <= b.len() && a.chars().zip(b.chars()).all(|(x, y)| x == y || x == 'X' || y == 'X');
        self.times.iter().any(|t| same(value, t))
    }

    /// Whether the cited sources contain these words in this order, as whole words
    /// ("Kim" is not found in "kimia").
    fn mentions(&self, words: &str) -> bool {
        let wanted = normalize(words);
        !wanted.is_empty() && self.words.contains(&format!(" {wanted} "))
    }
}

/// Lower-case words separated by single spaces, punctuation dropped: quotations and names
/// compare by their words, not by the quote marks or commas around them.
fn normalize(text: &str) -> String {
    text.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Runs of ASCII digits with their start offsets.
fn digit_runs(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, text[s..i].to_string()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Text inside “…” or "…" quotation marks.
fn quotations(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (open, close) in [('“', '”'), ('"', '"')] {
        let mut rest = text;
        while let Some(a) = rest.find(open) {
            let after = &rest[a + open.len_utf8()..];
            let Some(b) = after.find(close) else { break };
            out.push(&after[..b]);
            rest = &after[b + close.len_utf8()..];
        }
    }
    out
}

/// What the generated text says, read by the same analyzer as the articles.
struct Reading {
    entities: Vec<Entity>,
    times: Vec<warta_model::TimeExpression>,
    quantities: Vec<Quantity>,
}

fn read(text: &str, language: &str, anchor: Option<Moment>) -> Reading {
    let recognised: Vec<NamedSpan> = ner::recognise(text, language).into_iter().map(|s| NamedSpan { start: s.start, end: s.end, kind: s.kind }).collect();
    Reading { entities: canonical_entities(text, language, &recognised), times: resolve_times(text, anchor, language), quantities: find_quantities(text, language) }
}

/// Checks the model's answer against the evidence it was given: each sentence is kept
/// when supported, dropped otherwise (or kept and marked with `keep_unsupported`).
///
/// Relative times in the answer ("Senin malam") are resolved against the earliest
/// publication time among the cited articles, as a reader of the brief would.
pub fn check_generated(
    model: &str,
    generated: &str,
    evidence: &[EvidenceItem],
    items: &[(Article, Analysis)],
    keep_unsupported: bool,
) -> Abstractive {
    let (clean, pieces) = split_generated(generated);
    let language = brief_language(items);
    let anchor = items
        .iter()
        .filter(|(a, _)| evidence.iter().flat_map(|e| &e.citations).any(|c| c.article == a.id))
        .filter_map(|(a, _)| a.published)
        .min_by_key(|m| m.timestamp);
    let reading = read(&clean, &language, anchor);
    let mut out = Abstractive {
        model: model.to_string(),
        sentences: Vec::new(),
        dropped: Vec::new(),
        evidence: evidence.len(),
        generated: generated.to_string(),
        error: None,
    };
    for piece in pieces {
        let Some(text) = clean.get(piece.span.start..piece.span.end) else { continue };
        let cited: Vec<&EvidenceItem> = piece.markers.iter().filter_map(|&m| evidence.iter().find(|e| e.marker == m)).collect();
        let reasons = problems(&clean, piece.span, &piece.markers, &cited, evidence.len(), &reading, items);
        let mut citations: Vec<Citation> = Vec::new();
        for c in cited.iter().flat_map(|e| &e.citations) {
            if !citations.contains(c) {
                citations.push(c.clone());
            }
        }
        let sentence = GeneratedSentence {
            text: text.to_string(),
            markers: piece.markers,
            citations,
            supported: reasons.is_empty(),
            reason: (!reasons.is_empty()).then(|| reasons.join("; ")),
        };
        if sentence.supported || keep_unsupported {
            out.sentences.push(sentence);
        } else {
            out.dropped.push(sentence);
        }
    }
    out
}

/// Everything in the generated sentence at `span` of `clean` (the whole answer, which
/// `reading` analysed) that its citations do not back; empty when it is supported.
fn problems(
    clean: &str,
    span: Span,
    markers: &[usize],
    cited: &[&EvidenceItem],
    evidence: usize,
    reading: &Reading,
    items: &[(Article, Analysis)],
) -> Vec<String> {
    if markers.is_empty() {
        return vec!["cites no source".into()];
    }
    let missing: Vec<String> = markers.iter().filter(|m| **m == 0 || **m > evidence).map(|m| format!("[{m}]")).collect();
    if !missing.is_empty() {
        return vec![format!("cites {}, not among the {evidence} source sentences", missing.join(""))];
    }
    let text = &clean[span.start..span.end];
    let facts = Facts::of(cited, items);
    let mut out = Vec::new();
    let inside = |s: usize, e: usize| s >= span.start && e <= span.end;
    let times: Vec<_> = reading.times.iter().filter(|t| inside(t.start, t.end)).collect();
    let quantities: Vec<_> = reading.quantities.iter().filter(|q| inside(q.start, q.end)).collect();
    for q in &quantities {
        let category = counted_as(clean, span, q, &reading.quantities).and_then(|c| c.category);
        if !facts.has_amount(q.value, category.as_deref()) {
            let what = category.map(|c| format!(" (counting {c})")).unwrap_or_default();
            out.push(format!("the number “{}”{what} is not in the cited sources", q.text));
        }
    }
    for t in &times {
        // Dates, clock times and durations (`P3D`, `PT2H`); not `PRESENT_REF` and kin,
        // which name no time a source could state.
        let checkable = t.value.starts_with(|c: char| c.is_ascii_digit() || c == 'X')
            || t.value.strip_prefix('P').is_some_and(|d| d.starts_with(|c: char| c.is_ascii_digit() || c == 'T'));
        if checkable && !facts.has_time(&t.value) && !facts.mentions(&t.text) {
            out.push(format!("the time “{}” ({}) is not in the cited sources", t.text, t.value));
        }
    }
    // Digits the analyzer did not read as a quantity or a time (a ship's number, a
    // code) must still be written in a cited source.
    for (at, digits) in digit_runs(text) {
        let (s, e) = (span.start + at, span.start + at + digits.len());
        let analysed = times.iter().any(|t| s >= t.start && e <= t.end) || quantities.iter().any(|q| s >= q.start && e <= q.end);
        if !analysed && !facts.digits.contains(digits.trim_start_matches('0')) {
            out.push(format!("the number “{digits}” is not in the cited sources"));
        }
    }
    for entity in &reading.entities {
        let here: Vec<_> = entity.mentions.iter().filter(|m| inside(m.start, m.end)).collect();
        let Some(first) = here.first() else { continue };
        let known = facts.entities.contains(&entity.id)
            || entity.stands_for.as_ref().is_some_and(|s| facts.entities.contains(s))
            || facts.mentions(&entity.name)
            || here.iter().any(|m| facts.mentions(&m.text));
        if !known {
            out.push(format!("the name “{}” is not in the cited sources", first.text));
        }
    }
    let negated = warta_compare::negations(text);
    if !negated.is_empty() && warta_compare::negations(&facts.text).is_empty() {
        out.push(format!("it negates (“{}”) where the cited sources do not", negated.join("”, “")));
    }
    for quote in quotations(text) {
        if !facts.mentions(quote) {
            out.push(format!("the quotation “{quote}” is not in the cited sources"));
        }
    }
    let coverage = warta_compare::word_coverage(text, &facts.text);
    if coverage < MIN_COVERAGE {
        out.push(format!(
            "only {:.0}% of its words are in the cited sources (at least {:.0}% needed)",
            coverage * 100.0,
            MIN_COVERAGE * 100.0
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prompt_template_parses_and_fills() {
        let t = template();
        assert!(t.user.contains("{evidence}") && t.evidence_line.contains("{marker}"));
        assert_eq!(t.languages.get("id").map(String::as_str), Some("Indonesian"));
        assert_eq!(fill("{a} and {b} {unknown} {", &[("a", "{b}"), ("b", "x")]), "{b} and x {unknown} {");
    }

    #[test]
    fn markers_are_read_in_every_common_placement() {
        let answer = "## Brief\n- Kapal terbakar pada Senin [1][3]. Semua selamat. [2]\n2. Api padam [4, 5] dan [sic] asap hilang.\nTanpa sumber.\n[6] Kapal ditarik[7]ke pelabuhan.";
        let (clean, pieces) = split_generated(answer);
        let got: Vec<(&str, Vec<usize>)> = pieces.iter().map(|p| (&clean[p.span.start..p.span.end], p.markers.clone())).collect();
        assert_eq!(
            got,
            [
                ("Kapal terbakar pada Senin.", vec![1, 3]),
                ("Semua selamat.", vec![2]),
                ("Api padam dan [sic] asap hilang.", vec![4, 5]),
                ("Tanpa sumber.", vec![]),
                ("Kapal ditarik ke pelabuhan.", vec![6, 7]),
            ]
        );
    }

    #[test]
    fn brackets_that_are_not_citations_stay_text() {
        assert_eq!(parse_markers("3, 7"), Some(vec![3, 7]));
        assert_eq!(parse_markers("12;4"), Some(vec![12, 4]));
        assert_eq!(parse_markers("2-4, 9"), Some(vec![2, 3, 4, 9]));
        assert_eq!(parse_markers("5–6"), Some(vec![5, 6]));
        for other in ["", "sic", "3,", "3-1", "1-40", "99999", "Reuters", "2-"] {
            assert_eq!(parse_markers(other), None, "{other}");
        }
    }

    #[test]
    fn quotations_and_digits_are_found() {
        assert_eq!(quotations("Ia berkata “api besar” dan \"semua selamat\"."), ["api besar", "semua selamat"]);
        assert_eq!(digit_runs("KMP 17 membawa 146 orang"), [(4, "17".to_string()), (15, "146".to_string())]);
    }
}
