//! Words and sentences with their byte spans, shared by every analyzer so all findings
//! point into the same text the same way.
//!
//! Dates ("19/6/2024"), numbers ("11.000", "1,25"), hyphenated words ("Putin-Kim",
//! "e-KTP", "Covid-19") and abbreviations with dots ("Dr.", "U.S.") stay one token.

use std::borrow::Cow;

use memchr::memmem;

use warta_model::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

impl Token<'_> {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }

    pub fn is_word(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_alphanumeric)
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '.' | ',' | '/' | ':' | '\'' | '’' | '&' | '_')
}

/// The character at byte `p` of `text` and its length; ASCII without decoding.
#[inline]
fn char_at(text: &str, p: usize) -> (char, usize) {
    let b = text.as_bytes()[p];
    if b.is_ascii() {
        return (b as char, 1);
    }
    let c = text[p..].chars().next().expect("p is a char boundary");
    (c, c.len_utf8())
}

/// Splits `text` into tokens: runs of letters and digits (joined across the characters
/// of [`is_joiner`] when a letter or digit follows), and single punctuation marks.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    // Every analyzer tokenises whole articles (NER each sentence): one pass over the
    // bytes, no character table, a guess at the token count to spare regrowing.
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut p = 0;
    while p < text.len() {
        let start = p;
        let (c, n) = char_at(text, p);
        p += n;
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token { text: &text[start..p], start, end: p });
            continue;
        }
        // The last character taken is always a letter or digit; the one before it is
        // one too unless a joiner was just crossed (a token never starts right after
        // a letter or digit).
        let mut last = c;
        let mut before_last_alphanumeric = false;
        while p < text.len() {
            let (d, dn) = char_at(text, p);
            if d.is_alphanumeric() {
                before_last_alphanumeric = true;
                last = d;
                p += dn;
                continue;
            }
            if !is_joiner(d) || p + dn >= text.len() {
                break;
            }
            let (e, en) = char_at(text, p + dn);
            if !e.is_alphanumeric() {
                break;
            }
            // "," and "." join only digits ("11.000", "1,25"); other joiners join words.
            let numeric_only = matches!(d, ',' | '.' | ':');
            if numeric_only && !(last.is_ascii_digit() && e.is_ascii_digit()) {
                // "U.S." style: single letters separated by dots.
                let single_letters = d == '.' && last.is_uppercase() && !before_last_alphanumeric;
                if !single_letters {
                    break;
                }
            }
            last = e;
            before_last_alphanumeric = false;
            p += dn + en;
        }
        out.push(Token { text: &text[start..p], start, end: p });
    }
    out
}

/// A text's tokens and each one lower-cased: made once per article and read by the
/// time, quantity and quote finders, which all look words up in lower-case lists.
pub struct Words<'a> {
    pub toks: Vec<Token<'a>>,
    pub lower: Vec<Cow<'a, str>>,
}

impl<'a> Words<'a> {
    pub fn new(text: &'a str) -> Self {
        let toks = tokens(text);
        let lower = toks.iter().map(|t| lowercase(t.text)).collect();
        Words { toks, lower }
    }
}

/// `text.to_lowercase()`, borrowing `text` when that changes nothing (most words): no
/// allocation for them.
pub fn lowercase(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) { Cow::Owned(text.to_ascii_lowercase()) } else { Cow::Borrowed(text) };
    }
    let lower = text.to_lowercase();
    if lower == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(lower)
    }
}

const ELLIPSIS: &str = "…";

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "drs", "ir", "prof", "h", "hj", "st", "no", "mr", "mrs", "ms", "jr", "sr", "vs", "etc", "dll", "dsb", "jl", "kab", "kec", "kel", "gen", "lt", "col", "sgt", "rp", "tn", "ny", "sdr", "bpk",
    "sen", "sens", "rep", "reps", "gov", "capt", "adm", "maj", "cpl", "pvt", "rev", "hon", "supt", "fr",
];

/// Sentence spans: a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
/// brackets after it) before whitespace and an upper-case letter, digit or opening quote,
/// and at every paragraph break.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for paragraph in paragraph_spans(text) {
        let body = &text[paragraph.start..paragraph.end];
        let mut start = 0;
        // Only sentence marks matter: jump from one to the next, the ASCII ones and
        // '…' looked for apart (its first byte starts curly quotes too).
        let bytes = body.as_bytes();
        let mut from = 0;
        let mut ellipsis = memmem::find(bytes, ELLIPSIS.as_bytes());
        loop {
            if ellipsis.is_some_and(|e| e < from) {
                ellipsis = memmem::find(&bytes[from..], ELLIPSIS.as_bytes()).map(|k| from + k);
            }
            let ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map(|k| from + k);
            let Some(at) = (match (ascii, ellipsis) {
                (Some(a), Some(e)) => Some(a.min(e)),
                (a, e) => a.or(e),
            }) else {
                break;
            };
            let c = body[at..].chars().next().expect("a mark");
            let mut j = at + c.len_utf8();
            while let Some(d) = body[j..].chars().next().filter(|d| matches!(d, '"' | '”' | '’' | '\'' | ')' | '.' | '!' | '?')) {
                j += d.len_utf8();
            }
            let mut rest = body[j..].chars();
            // A sentence may open with a bracket before its capital: "… a statement.
            // (Officials said it was wrong.)".
            let mut next_chars = body[j..].chars().skip_while(|d| d.is_whitespace());
            let opening = next_chars.next();
            let opening = if opening == Some('(') { next_chars.next().filter(|d| d.is_uppercase()) } else { opening };
            let next_starts = rest.next().is_some_and(char::is_whitespace)
                && rest.next().is_some()
                && opening.is_some_and(|d| d.is_uppercase() || d.is_ascii_digit() || matches!(d, '"' | '“' | '‘'));
            let is_abbreviation = c == '.' && {
                let word_start = body[..at].char_indices().rev().take_while(|(_, d)| d.is_alphanumeric()).last().map_or(at, |(i, _)| i);
                let word = &body[word_start..at];
                let mut letters = word.chars();
                let single_capital = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
                single_capital
                    || is_abbreviation(word)
                    || (dotted(body, word_start, word) && names_a_time(&body[j..]))
                    || (opening.is_some_and(|d| d.is_ascii_digit()) && is_month_abbreviation(word))
            };
            if next_starts && !is_abbreviation {
                push_trimmed(&mut out, body, paragraph.start, start, j);
                start = j;
            }
            from = j;
        }
        push_trimmed(&mut out, body, paragraph.start, start, body.len());
    }
    out
}

/// Is `word` (at `start` of `body`) the last letter of a lower-case abbreviation
/// written with full stops ("p.m", "a.m")?
fn dotted(body: &str, start: usize, word: &str) -> bool {
    let mut before = body[..start].chars().rev();
    word.chars().count() == 1 && word.chars().all(char::is_lowercase) && before.next() == Some('.') && before.next().is_some_and(char::is_alphabetic)
}

/// Does `rest` open with a time zone, a weekday or a month of any language's calendar
/// ("3 p.m. ET Wednesday", "10 a.m. Monday"), which goes on the time before it?
fn names_a_time(rest: &str) -> bool {
    static CALENDAR_NAMES: std::sync::OnceLock<crate::fasthash::FastSet<String>> = std::sync::OnceLock::new();
    let word: String = rest.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    if word.is_empty() {
        return false;
    }
    let data = warta_lang::resources();
    let names = CALENDAR_NAMES.get_or_init(|| data.all().flat_map(|l| l.calendar.weekdays.iter().chain(&l.calendar.months).flatten().map(|n| n.to_lowercase())).collect());
    data.zone(&word).is_some() || names.contains(&word.to_lowercase())
}

/// Is `word` a short month name of any language's calendar ("Feb", "Sept"), whose full
/// stop goes on to the day after it ("Feb. 19, 2024")? Full names ("May") end sentences.
fn is_month_abbreviation(word: &str) -> bool {
    static SHORT_MONTHS: std::sync::OnceLock<crate::fasthash::FastSet<String>> = std::sync::OnceLock::new();
    let short = SHORT_MONTHS.get_or_init(|| {
        let data = warta_lang::resources();
        let full: crate::fasthash::FastSet<String> = data.all().flat_map(|l| l.calendar.months.iter().filter_map(|names| names.first())).map(|n| n.to_lowercase()).collect();
        data.all().flat_map(|l| l.calendar.months.iter().flat_map(|names| names.iter().skip(1))).map(|n| n.to_lowercase()).filter(|n| !full.contains(n)).collect()
    });
    word.chars().next().is_some_and(char::is_uppercase) && short.contains(&word.to_lowercase())
}

fn is_abbreviation(word: &str) -> bool {
    if word.is_ascii() {
        ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
    } else {
        ABBREVIATIONS.contains(&word.to_lowercase().as_str())
    }
}

fn push_trimmed(out: &mut Vec<Span>, body: &str, base: usize, start: usize, end: usize) {
    let piece = &body[start..end];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let offset = piece.len() - piece.trim_start().len();
    out.push(Span::new(base + start + offset, base + start + offset + trimmed.len()));
}

/// The first non-whitespace byte at or after `p`.
pub fn skip_ws(text: &str, mut p: usize) -> usize {
    while let Some(c) = text[p..].chars().next() {
        if c.is_whitespace() {
            p += c.len_utf8();
        } else {
            break;
        }
    }
    p
}

/// Paragraphs of a clean text: stretches between blank lines.
pub fn paragraph_spans(text: &str) -> Vec<Span> {
    // Asked per line by the quote finder: no substring searcher to set up each time.
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'\n', &bytes[from..]) {
        let at = from + k;
        if bytes.get(at + 1) == Some(&b'\n') {
            if at > start {
                out.push(Span::new(start, at));
            }
            start = at + 2;
            from = at + 2;
        } else {
            from = at + 1;
        }
    }
    if start < text.len() {
        out.push(Span::new(start, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokens(text).iter().map(|t| t.text).collect()
    }

    #[test]
    fn keeps_dates_numbers_and_hyphenated_words_whole() {
        assert_eq!(words("Rabu (19/6/2024), 11.000 kontainer"), vec!["Rabu", "(", "19/6/2024", ")", ",", "11.000", "kontainer"]);
        assert_eq!(words("Putin-Kim dan e-KTP, Covid-19."), vec!["Putin-Kim", "dan", "e-KTP", ",", "Covid-19", "."]);
        assert_eq!(words("Rp 1,25 triliun"), vec!["Rp", "1,25", "triliun"]);
        assert_eq!(words("kata Stoltenberg,\"Kami"), vec!["kata", "Stoltenberg", ",", "\"", "Kami"]);
        assert_eq!(words("the U.S. said"), vec!["the", "U.S", ".", "said"]);
    }

    #[test]
    fn token_spans_point_into_the_text() {
        let text = "Kim Jong-un tiba 19/6.";
        for t in tokens(text) {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }

    #[test]
    fn splits_sentences_but_not_at_abbreviations_or_inside_numbers() {
        let text = "Dr. Budi tiba pukul 21.40 WITA. Ia berkata: \"Kami siap.\" Lalu pergi.\n\nParagraf baru tanpa titik";
        let got: Vec<&str> = sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, vec!["Dr. Budi tiba pukul 21.40 WITA.", "Ia berkata: \"Kami siap.\"", "Lalu pergi.", "Paragraf baru tanpa titik"]);
        let text = "\"We won,\" said Sen. Elizabeth Warren and Gov. Mike Pence. Rep. Jim Clyburn agreed.";
        let got: Vec<&str> = sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, vec!["\"We won,\" said Sen. Elizabeth Warren and Gov. Mike Pence.", "Rep. Jim Clyburn agreed."]);
        // "p.m." goes on before a zone, a weekday or a month, and ends a sentence before
        // anything else.
        let text = "Power returns by 3 p.m. ET Wednesday and 9 a.m. Monday. It ended at 5 p.m. Officials left.";
        let got: Vec<&str> = sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, vec!["Power returns by 3 p.m. ET Wednesday and 9 a.m. Monday.", "It ended at 5 p.m.", "Officials left."]);
        // A short month name goes on to its day; a full one ends a sentence.
        let text = "Power was cut on Monday, Feb. 19, 2024, the utility said. It was May. 5 crews came.";
        let got: Vec<&str> = sentences(text).iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, vec!["Power was cut on Monday, Feb. 19, 2024, the utility said.", "It was May.", "5 crews came."]);
    }
}

