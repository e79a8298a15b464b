//! Words and sentences with their byte spans, shared by every analyzer so all findings
//! point into the same text the same way.
//!
//! Dates ("19/6/2024"), numbers ("11.000", "1,25"), hyphenated words ("Putin-Kim",
//! "e-KTP", "Covid-19") and abbreviations with dots ("Dr.", "U.S.") stay one token.

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

/// Splits `text` into tokens: runs of letters and digits (joined across the characters
/// of [`is_joiner`] when a letter or digit follows), and single punctuation marks.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            let end = start + c.len_utf8();
            out.push(Token { text: &text[start..end], start, end });
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let (_, d) = chars[j];
            if d.is_alphanumeric() {
                j += 1;
            } else if is_joiner(d) && j + 1 < chars.len() && chars[j + 1].1.is_alphanumeric() {
                // "," and "." join only digits ("11.000", "1,25"); other joiners join words.
                let numeric_only = matches!(d, ',' | '.' | ':');
                if numeric_only && !(chars[j - 1].1.is_ascii_digit() && chars[j + 1].1.is_ascii_digit()) {
                    // "U.S." style: single letters separated by dots.
                    let single_letters = d == '.' && chars[j - 1].1.is_uppercase() && (j < 2 || !chars[j - 2].1.is_alphanumeric());
                    if !single_letters {
                        break;
                    }
                }
                j += 2;
            } else {
                break;
            }
        }
        let end = if j < chars.len() { chars[j].0 } else { text.len() };
        out.push(Token { text: &text[start..end], start, end });
        i = j;
    }
    out
}

/// Abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "dr", "drs", "ir", "prof", "h", "hj", "st", "no", "mr", "mrs", "ms", "jr", "sr", "vs", "etc", "dll", "dsb", "jl", "kab", "kec", "kel", "gen", "lt", "col", "sgt", "rp", "tn", "ny", "sdr", "bpk",
];

/// Sentence spans: a sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
/// brackets after it) before whitespace and an upper-case letter, digit or opening quote,
/// and at every paragraph break.
pub fn sentences(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    for paragraph in paragraph_spans(text) {
        let body = &text[paragraph.start..paragraph.end];
        let mut start = 0;
        let chars: Vec<(usize, char)> = body.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if matches!(c, '.' | '!' | '?' | '…') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')' | '.' | '!' | '?') {
                    j += 1;
                }
                let next_starts = j + 1 < chars.len()
                    && chars[j].1.is_whitespace()
                    && chars[j + 1..]
                        .iter()
                        .find(|(_, d)| !d.is_whitespace())
                        .is_some_and(|(_, d)| d.is_uppercase() || d.is_ascii_digit() || matches!(d, '"' | '“' | '‘'));
                let word_before: String = body[..at].chars().rev().take_while(|d| d.is_alphanumeric()).collect::<Vec<_>>().into_iter().rev().collect();
                let is_abbreviation = c == '.'
                    && (ABBREVIATIONS.contains(&word_before.to_lowercase().as_str())
                        || (word_before.chars().count() == 1 && word_before.chars().all(char::is_uppercase)));
                if next_starts && !is_abbreviation {
                    let end = if j < chars.len() { chars[j].0 } else { body.len() };
                    push_trimmed(&mut out, body, paragraph.start, start, end);
                    start = end;
                }
                i = j;
                continue;
            }
            let _ = at;
            i += 1;
        }
        push_trimmed(&mut out, body, paragraph.start, start, body.len());
    }
    out
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
    let mut out = Vec::new();
    let mut start = 0;
    for (at, _) in text.match_indices("\n\n") {
        if at > start {
            out.push(Span::new(start, at));
        }
        start = at + 2;
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
    }
}
