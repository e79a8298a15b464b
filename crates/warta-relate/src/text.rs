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
    hash_mapped(bytes, |b| b)
}

/// [`hash_bytes`] of `bytes` with every byte passed through `map` first, without
/// building the mapped copy.
#[inline]
fn hash_mapped(bytes: &[u8], map: impl Fn(u8) -> u8) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(map(b));
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
    // Line by line: a paragraph is a run of lines with visible text, and a line of
    // whitespace only (or nothing) ends it. Only the ends of lines are inspected.
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut blank_since_text = false;
    let mut line_start = 0;
    for line in text.split('\n') {
        let offset = line_start;
        line_start += line.len() + 1;
        let visible = line.trim_start();
        if visible.is_empty() {
            blank_since_text = true;
            continue;
        }
        if blank_since_text {
            if let Some(s) = start.take() {
                spans.push(Span::new(s, last_end));
            }
        }
        blank_since_text = false;
        if start.is_none() {
            start = Some(offset + line.len() - visible.len());
        }
        last_end = offset + line.trim_end().len();
    }
    if let Some(s) = start {
        spans.push(Span::new(s, last_end));
    }
    spans
}

/// Analyses `text` paragraph by paragraph. Spans that do not fit the text or do not
/// fall on char boundaries are ignored rather than trusted.
pub(crate) fn analyze(text: &str, paragraphs: &[Span]) -> Analysis {
    let mut analysis = Analysis {
        tokens: Vec::with_capacity(text.len() / 6 + 1),
        sentences: Vec::with_capacity(text.len() / 100 + 1),
        quotes: Vec::new(),
    };
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
    let mut spans = Vec::with_capacity(body.len() / 6 + 1);
    let mut i = 0;
    while let Some((c, len)) = char_at(body, i) {
        if !is_alphanumeric(c) {
            i += len;
            continue;
        }
        let start = i;
        let mut j = i + len;
        let mut prev = c;
        let bytes = body.as_bytes();
        loop {
            // Runs of ASCII letters and digits byte by byte.
            while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                j += 1;
            }
            if j > start && bytes[j - 1].is_ascii_alphanumeric() {
                prev = char::from(bytes[j - 1]);
            }
            let Some((c, len)) = char_at(body, j) else {
                break;
            };
            if is_alphanumeric(c) {
                prev = c;
                j += len;
                continue;
            }
            let next = char_at(body, j + len);
            let joins = match c {
                '.' | ',' | ':' | '/' => {
                    prev.is_ascii_digit() && next.is_some_and(|(n, _)| n.is_ascii_digit())
                }
                '-' | '\'' | '’' => {
                    is_alphanumeric(prev) && next.is_some_and(|(n, _)| is_alphanumeric(n))
                }
                _ => false,
            };
            match next {
                Some((n, next_len)) if joins => {
                    prev = n;
                    j += len + next_len;
                }
                _ => break,
            }
        }
        spans.push(Span::new(offset + start, offset + j));
        i = j;
    }
    spans
}

/// The char starting at byte `i` of `s` and its length in bytes; `None` at the end.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let &b = s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = s.get(i..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

#[inline]
fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// Whether a sentence ends between `tok` and `next`: a full stop, question or
/// exclamation mark (possibly followed by closing quotes or brackets), then space, then
/// something that can start a sentence — and the word before the stop is not an
/// abbreviation or an initial.
fn ends_sentence(text: &str, tok: &Span, next: &Span) -> bool {
    let gap = &text[tok.end..next.start];
    if gap.bytes().all(|b| b == b' ') {
        return false;
    }
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
    // Lower-case ASCII words (nearly all of them) on the stack; others allocate.
    let mut buf = [0u8; 64];
    let owned: String;
    let lower: &[u8] = if word.len() <= buf.len() && word.is_ascii() {
        let b = &mut buf[..word.len()];
        b.copy_from_slice(word.as_bytes());
        b.make_ascii_lowercase();
        b
    } else {
        owned = word.to_lowercase();
        owned.as_bytes()
    };
    let surface = hash_bytes(lower);
    if word.bytes().any(|b| b.is_ascii_digit()) {
        return Token {
            span,
            key: hash_mapped(lower, |b| if b == b',' || b == b':' { b'.' } else { b }),
            surface,
            kind: Kind::Number,
        };
    }
    if lex.is_stopword(surface) {
        return Token {
            span,
            key: surface,
            surface,
            kind: Kind::Stop,
        };
    }
    let capitalised = word.chars().next().is_some_and(char::is_uppercase);
    if (capitalised && !starts_sentence) || is_acronym(word) {
        return Token {
            span,
            key: hash_bytes(unreduplicated(lower)),
            surface,
            kind: Kind::Name,
        };
    }
    Token {
        span,
        key: content_key(lower, surface, lex),
        surface,
        kind: Kind::Content,
    }
}

/// "negara-negara" → "negara": reduplication means the plural of one word.
fn unreduplicated(lower: &[u8]) -> &[u8] {
    if let Some(dash) = lower.iter().position(|&b| b == b'-') {
        let (a, b) = (&lower[..dash], &lower[dash + 1..]);
        if a == b {
            return a;
        }
    }
    lower
}

/// Slots of the per-thread stem-key cache (direct-mapped by word hash): 1 MiB.
const STEM_CACHE: usize = 1 << 16;

/// Key of a content word: the hash of its stem. News vocabulary repeats heavily and
/// stemming tries every affix rule, so each thread remembers recent words' keys in a
/// direct-mapped table indexed by the hash of the lower-cased form (`surface`): a hit
/// is one comparison, a miss or a clash just stems again.
fn content_key(lower: &[u8], surface: u64, lex: &crate::lexicon::Lexicon) -> u64 {
    thread_local! {
        static CACHE: std::cell::RefCell<Vec<(u64, u64)>> =
            std::cell::RefCell::new(vec![(0, 0); STEM_CACHE]);
    }
    let slot = (surface >> 40) as usize & (STEM_CACHE - 1);
    let cached = CACHE.with(|cache| cache.borrow()[slot]);
    // Slots start as (0, 0); a word whose surface hash is 0 is simply never cached.
    if cached.0 == surface && surface != 0 {
        return cached.1;
    }
    let key = hash_bytes(lex.stem_bytes(unreduplicated(lower)));
    CACHE.with(|cache| cache.borrow_mut()[slot] = (surface, key));
    key
}

/// Two or more chars, none lower case ("BPBD", "TNI").
fn is_acronym(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if !first.is_lowercase() => {}
        _ => return false,
    }
    let mut more = false;
    for c in chars {
        if c.is_lowercase() {
            return false;
        }
        more = true;
    }
    more
}

/// Quotations inside one paragraph: curly pairs “…” and straight pairs "…". A quote left
/// open at the paragraph end is dropped (news often reopens it in the next paragraph,
/// and guessing its extent would report wording changes that are not there).
fn find_quotes(text: &str, para: Span, first_token: usize, out: &mut Analysis) {
    let body = &text[para.start..para.end];
    // '"' or the lead byte of '“' (and of other punctuation): nothing to do without.
    if !body.bytes().any(|b| b == b'"' || b == 0xe2) {
        return;
    }
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
