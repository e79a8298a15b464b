//! Turning clean text into what reuse detection compares: normalised tokens with byte
//! spans, sentences, and quotations.
//!
//! Every unit keeps its byte span in the original text, because reuse links must point
//! at evidence a reader can see. Nothing here can panic on odd input: spans are only
//! ever taken at char boundaries found by iterating the text.

use warta_model::Span;

use crate::lexicon::lexicon;

/// What a token contributes when deciding whether two sentences say the same thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A function word: kept for verbatim fingerprints, ignored for paraphrase.
    Stop,
    Content,
    /// Numbers survive paraphrase almost always, so they weigh more.
    Number,
    /// A capitalised word not at the start of a sentence: names survive paraphrase too.
    Name,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub span: Span,
    /// Hash of the normalised form (stem for content words): equal keys mean "the same
    /// word" for paraphrase purposes.
    pub key: u64,
    /// Hash of the lower-cased surface form: equal surfaces mean a verbatim match.
    pub surface: u64,
    pub kind: Kind,
}

impl Token {
    pub fn is_content(&self) -> bool {
        self.kind != Kind::Stop
    }
}

/// A sentence (or, for very long unpunctuated stretches, a chunk of one).
#[derive(Clone, Debug)]
pub(crate) struct Sentence {
    pub span: Span,
    /// Indices into [`Analysis::tokens`].
    pub tokens: std::ops::Range<usize>,
}

/// Text between a pair of quotation marks, without the marks.
#[derive(Clone, Debug)]
pub(crate) struct Quote {
    pub span: Span,
    pub tokens: std::ops::Range<usize>,
}

#[derive(Clone, Debug, Default)]
pub(crate) struct Analysis {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
}

/// Sentences longer than this many tokens are cut into chunks: poems, lists and text
/// without punctuation would otherwise become one giant unit that aligns with nothing
/// precisely.
const MAX_SENTENCE_TOKENS: usize = 60;

/// Quotes shorter than this many tokens are single words in scare quotes ("konsekuensi"),
/// not statements whose wording can be altered.
const MIN_QUOTE_TOKENS: usize = 3;

/// 64-bit FNV-1a followed by a SplitMix64 finaliser: stable across runs, platforms and
/// Rust versions (unlike `DefaultHasher`), so signatures can be stored and compared later.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// SplitMix64's finaliser: spreads every input bit over the whole word.
pub(crate) fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Paragraph spans of plain text: stretches separated by a blank line. Single line
/// breaks are hard wraps inside a paragraph (as in the PAN corpus), not boundaries.
pub(crate) fn paragraph_spans(text: &str) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut newlines_since_text = 0;
    for (i, c) in text.char_indices() {
        if c == '\n' {
            newlines_since_text += 1;
            continue;
        }
        if c.is_whitespace() {
            continue;
        }
        if newlines_since_text >= 2 {
            if let Some(s) = start.take() {
                spans.push(Span::new(s, last_end));
            }
        }
        newlines_since_text = 0;
        if start.is_none() {
            start = Some(i);
        }
        last_end = i + c.len_utf8();
    }
    if let Some(s) = start {
        spans.push(Span::new(s, last_end));
    }
    spans
}

/// Analyses `text` paragraph by paragraph. Spans that do not fit the text or do not
/// fall on char boundaries are ignored rather than trusted.
pub(crate) fn analyze(text: &str, paragraphs: &[Span]) -> Analysis {
    let mut analysis = Analysis::default();
    for p in paragraphs {
        if p.start > p.end
            || p.end > text.len()
            || !text.is_char_boundary(p.start)
            || !text.is_char_boundary(p.end)
        {
            continue;
        }
        analyze_paragraph(text, *p, &mut analysis);
    }
    analysis
}

fn analyze_paragraph(text: &str, para: Span, out: &mut Analysis) {
    let body = &text[para.start..para.end];
    let first_token = out.tokens.len();
    let raw = raw_tokens(body, para.start);
    // Sentence ends are decided on the raw stream, then tokens are classified: whether a
    // capitalised word is a name depends on whether it starts a sentence.
    let mut sentence_starts = vec![0usize];
    for (i, tok) in raw.iter().enumerate() {
        if i + 1 < raw.len() && ends_sentence(text, tok, &raw[i + 1]) {
            sentence_starts.push(i + 1);
        }
    }
    let lex = lexicon();
    let mut next_start = sentence_starts.iter().peekable();
    for (i, tok) in raw.iter().enumerate() {
        let starts_sentence = next_start.peek().is_some_and(|&&s| s == i);
        if starts_sentence {
            next_start.next();
        }
        let word = &text[tok.start..tok.end];
        out.tokens.push(classify(word, *tok, starts_sentence, lex));
    }
    sentence_starts.push(raw.len());
    for pair in sentence_starts.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        let mut chunk_from = from;
        while chunk_from < to {
            let chunk_to = (chunk_from + MAX_SENTENCE_TOKENS).min(to);
            // An opening quote or bracket belongs to the sentence it opens.
            let floor = if chunk_from == 0 {
                para.start
            } else {
                raw[chunk_from - 1].end
            };
            let lead = &text[floor..raw[chunk_from].start];
            let opening = lead.len() - lead.trim_end_matches(['"', '“', '‘', '(', '[']).len();
            let start = raw[chunk_from].start - opening;
            // The last sentence of a paragraph takes its closing punctuation with it.
            let end = if chunk_to == raw.len() {
                para.end
            } else {
                sentence_end(text, raw[chunk_to - 1].end, raw[chunk_to].start)
            };
            out.sentences.push(Sentence {
                span: Span::new(start, end),
                tokens: first_token + chunk_from..first_token + chunk_to,
            });
            chunk_from = chunk_to;
        }
    }
    find_quotes(text, para, first_token, out);
}

/// Word-like runs of `body` as absolute byte spans. Letters and digits join; `.,:/`
/// join digits on both sides ("11.000", "21.40", "19/6/2024"); `-` and `'` join
/// letters or digits ("negara-negara", "Covid-19", "don't").
fn raw_tokens(body: &str, offset: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let chars: Vec<(usize, char)> = body.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() {
                j += 1;
                continue;
            }
            let prev = chars[j - 1].1;
            let next = chars.get(j + 1).map(|&(_, c)| c);
            let joins = match c {
                '.' | ',' | ':' | '/' => {
                    prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit())
                }
                '-' | '\'' | '’' => {
                    prev.is_alphanumeric() && next.is_some_and(char::is_alphanumeric)
                }
                _ => false,
            };
            if joins {
                j += 2;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(body.len(), |&(b, _)| b);
        spans.push(Span::new(offset + start, offset + end));
        i = j;
    }
    spans
}

/// Whether a sentence ends between `tok` and `next`: a full stop, question or
/// exclamation mark (possibly followed by closing quotes or brackets), then space, then
/// something that can start a sentence — and the word before the stop is not an
/// abbreviation or an initial.
fn ends_sentence(text: &str, tok: &Span, next: &Span) -> bool {
    let gap = &text[tok.end..next.start];
    let Some(stop) = gap.find(['.', '!', '?', '…']) else {
        return false;
    };
    let after_stop = &gap[stop..];
    let trimmed =
        after_stop.trim_start_matches(['.', '!', '?', '…', '"', '”', '’', '\'', ')', ']']);
    if trimmed.is_empty() || !trimmed.starts_with(char::is_whitespace) {
        return false;
    }
    if !trimmed
        .trim()
        .chars()
        .all(|c| matches!(c, '"' | '“' | '‘' | '(' | '[' | '-' | '–' | '—'))
    {
        return false;
    }
    let next_char = text[next.start..].chars().next();
    if !next_char.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && !trimmed.trim().starts_with(['"', '“', '‘'])
    {
        return false;
    }
    if stop == 0 && gap.starts_with('.') {
        let word = text[tok.start..tok.end].to_lowercase();
        if word.chars().count() == 1 && word.chars().all(char::is_alphabetic) {
            return false;
        }
        if lexicon().abbreviations.contains(&word) {
            return false;
        }
    }
    true
}

/// Where a sentence ending at token end `after` stops: past its closing punctuation and
/// quotes, before the space that precedes the next sentence at `before`.
fn sentence_end(text: &str, after: usize, before: usize) -> usize {
    let gap = &text[after..before];
    let kept = gap.trim_end();
    // Opening quotes or brackets of the next sentence belong to the next sentence.
    let kept = kept.trim_end_matches(['"', '“', '‘', '(', '[']).trim_end();
    after + kept.len()
}

fn classify(word: &str, span: Span, starts_sentence: bool, lex: &crate::lexicon::Lexicon) -> Token {
    let lower = word.to_lowercase();
    let surface = hash_bytes(lower.as_bytes());
    if word.chars().any(|c| c.is_ascii_digit()) {
        let normal: String = lower
            .chars()
            .map(|c| if c == ',' || c == ':' { '.' } else { c })
            .collect();
        return Token {
            span,
            key: hash_bytes(normal.as_bytes()),
            surface,
            kind: Kind::Number,
        };
    }
    if lex.stopwords.contains(&lower) {
        return Token {
            span,
            key: surface,
            surface,
            kind: Kind::Stop,
        };
    }
    // Reduplication ("negara-negara") means the plural of one word.
    let lower = match lower.split_once('-') {
        Some((a, b)) if a == b => a.to_string(),
        _ => lower,
    };
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    let acronym = word.chars().count() > 1 && word.chars().all(|c| !c.is_lowercase());
    if (capitalised && !starts_sentence) || acronym {
        return Token {
            span,
            key: hash_bytes(lower.as_bytes()),
            surface,
            kind: Kind::Name,
        };
    }
    let stem = lex.stem(&lower);
    Token {
        span,
        key: hash_bytes(stem.as_bytes()),
        surface,
        kind: Kind::Content,
    }
}

/// Quotations inside one paragraph: curly pairs “…” and straight pairs "…". A quote left
/// open at the paragraph end is dropped (news often reopens it in the next paragraph,
/// and guessing its extent would report wording changes that are not there).
fn find_quotes(text: &str, para: Span, first_token: usize, out: &mut Analysis) {
    let body = &text[para.start..para.end];
    let mut open: Option<(usize, char)> = None;
    let mut found = Vec::new();
    for (i, c) in body.char_indices() {
        match (c, open) {
            ('“', _) => open = Some((i + c.len_utf8(), '”')),
            ('"', None) => open = Some((i + 1, '"')),
            (close, Some((start, expected)))
                if close == expected || (close == '"' && expected == '”') =>
            {
                found.push(Span::new(para.start + start, para.start + i));
                open = None;
            }
            _ => {}
        }
    }
    for span in found {
        let from =
            out.tokens[first_token..].partition_point(|t| t.span.start < span.start) + first_token;
        let to =
            out.tokens[first_token..].partition_point(|t| t.span.end <= span.end) + first_token;
        if to >= from + MIN_QUOTE_TOKENS {
            out.quotes.push(Quote {
                span,
                tokens: from..to,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyze_text(text: &str) -> Analysis {
        analyze(text, &paragraph_spans(text))
    }

    fn sentences(text: &str) -> Vec<&str> {
        analyze_text(text)
            .sentences
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn splits_sentences_but_not_numbers_or_abbreviations() {
        let text =
            "Api muncul pukul 21.40 WITA. Dr. Ruslan tiba. \"Kami siap,\" katanya.\n\nBaru lagi";
        assert_eq!(
            sentences(text),
            vec![
                "Api muncul pukul 21.40 WITA.",
                "Dr. Ruslan tiba.",
                "\"Kami siap,\" katanya.",
                "Baru lagi"
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_stay_one_paragraph() {
        assert_eq!(paragraph_spans("a b\nc d\n\n\ne f").len(), 2);
        assert_eq!(paragraph_spans("").len(), 0);
        assert_eq!(paragraph_spans("\n\n  \n").len(), 0);
    }

    #[test]
    fn kinds_and_keys() {
        let a = analyze_text("Kemarin Benny Sutanto mengatakan 11.000 kontainer dikatakan.");
        let kinds: Vec<Kind> = a.tokens.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                Kind::Content,
                Kind::Name,
                Kind::Name,
                Kind::Stop,
                Kind::Number,
                Kind::Content,
                Kind::Content
            ]
        );
        let b = analyze_text("Jumlahnya 11,000 unit.");
        assert_eq!(a.tokens[4].key, b.tokens[1].key);
    }

    #[test]
    fn finds_quotes_of_both_styles() {
        let text = "“Kapal itu laik laut,” kata Benny. Ia bilang \"kami akan membayar semua biaya\" kemarin. Ada \"konsekuensi\" juga.";
        let a = analyze_text(text);
        let quotes: Vec<&str> = a
            .quotes
            .iter()
            .map(|q| &text[q.span.start..q.span.end])
            .collect();
        assert_eq!(
            quotes,
            vec!["Kapal itu laik laut,", "kami akan membayar semua biaya"]
        );
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "",
            " ",
            "\u{feff}",
            "....",
            "“",
            "\"\"\"",
            "Ä. ß. 北京。东京！",
            "a-",
            "-a",
            "1.",
            "1..2",
            "x’",
        ] {
            let a = analyze_text(text);
            for s in &a.sentences {
                assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            }
        }
        let long = "kata ".repeat(1000);
        assert!(analyze_text(&long).sentences.len() > 10);
    }
}
