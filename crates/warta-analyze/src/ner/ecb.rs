//! English training sentences from ECB+ (`datasets/ecbplus/`): news articles whose
//! event participants are marked as people, organisations and places. Only those are
//! marked, so the labels are partial: a marked name is a name, a word in lower case is
//! no name, and a capitalised word outside any marked name is left open ([`Sentence::open`]);
//! training lets the model fill it in (Tsuboi et al. 2008).

use std::path::Path;

use warta_model::EntityKind;

use super::data::{Sentence, Split};
use super::features;
use super::tags::{self, Tag};
use super::NerError;

/// Topics held out for the dev split, as the events benchmark holds them out.
pub const DEV_TOPICS: [u32; 8] = [2, 5, 12, 18, 21, 23, 34, 35];

/// What a marked mention is, when it is a name.
fn kind_of(markable: &str) -> Option<EntityKind> {
    match markable {
        "HUMAN_PART_PER" => Some(EntityKind::Person),
        "HUMAN_PART_ORG" => Some(EntityKind::Organization),
        "LOC_GEO" | "LOC_FAC" | "HUMAN_PART_GPE" => Some(EntityKind::Place),
        _ => None,
    }
}

/// Participants marked with a kind warta does not output (a vehicle, a metonym, "someone"):
/// their capitalised words stay open.
fn is_other_participant(markable: &str) -> bool {
    markable.starts_with("HUMAN_PART") || markable.starts_with("NON_HUMAN_PART")
}

/// The sentences of the topics of `split` under `dir` (topic folders of `N_Mecb.xml`
/// files) and a fingerprint of the files read. Only sentences with a marked mention are
/// kept (ECB+ marks a few sentences of each article), and neither headlines (title case)
/// nor the source URL line.
pub fn read_split(dir: &Path, split: Split) -> Result<(Vec<Sentence>, u64), NerError> {
    let missing = || NerError::MissingData {
        path: dir.to_path_buf(),
        hint: "the English set is ECB+ topic folders (1/1_1ecb.xml, …) beside ner-id, at ../ecbplus; copy it there or leave it out".into(),
    };
    let topics = std::fs::read_dir(dir).map_err(|_| missing())?;
    let mut files = Vec::new();
    for topic in topics.filter_map(Result::ok) {
        let Some(number) = topic.file_name().to_str().and_then(|n| n.parse::<u32>().ok()) else { continue };
        let dev = DEV_TOPICS.contains(&number);
        if (split == Split::Dev) != dev || split == Split::Test {
            continue;
        }
        for file in std::fs::read_dir(topic.path()).map_err(|source| NerError::Io { path: topic.path(), source })?.filter_map(Result::ok) {
            if file.path().extension().is_some_and(|e| e == "xml") {
                files.push(file.path());
            }
        }
    }
    if files.is_empty() {
        return Err(missing());
    }
    files.sort();
    let mut sentences = Vec::new();
    let mut all = String::new();
    for path in &files {
        let xml = std::fs::read_to_string(path).map_err(|source| NerError::Io { path: path.clone(), source })?;
        sentences.extend(document(&xml));
        all.push_str(&xml);
    }
    Ok((sentences, super::data::fingerprint(&all)))
}

/// The partially labelled sentences of one ECB+ document.
pub fn document(xml: &str) -> Vec<Sentence> {
    let (words, sentence_of) = tokens(xml);
    let n = words.len();
    // Per token: its tag where known, and whether it is open.
    let mut tag: Vec<Tag> = vec![tags::O; n];
    // Open: a capitalised word that may be a name. Not one that running text writes in
    // lower case, a demonym or a pronoun ("Instead", "He", "Americans", "I"): left open,
    // every capitalised first word of a sentence taught "a name", and "I" a person.
    let mut open: Vec<bool> = words
        .iter()
        .map(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_no_name_alone(&w.to_lowercase()))
        .collect();
    let mut marked = vec![false; n];
    let mut named: Vec<(Vec<usize>, EntityKind)> = Vec::new();
    for (markable, anchors) in markables(xml) {
        let anchors: Vec<usize> = anchors.into_iter().filter(|&t| t < n).collect();
        if anchors.is_empty() {
            continue;
        }
        marked[anchors[0]] = true;
        match kind_of(&markable) {
            Some(kind) => named.push((anchors, kind)),
            None if is_other_participant(&markable) => {}
            // Times, actions: capitalised or not, no name.
            None => anchors.iter().for_each(|&t| open[t] = false),
        }
    }
    for (anchors, kind) in named {
        if let Some((start, end)) = name_span(&words, &anchors) {
            // The mention's words around its name ("Mr", "’s") are no name.
            anchors.iter().for_each(|&t| open[t] = false);
            for t in start..end {
                tag[t] = if t == start { tags::begin(kind) } else { tags::inside(kind) };
                open[t] = false;
            }
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && sentence_of[end] == sentence_of[start] {
            end += 1;
        }
        let tokens = &words[start..end];
        let url = tokens.first().is_some_and(|w| w.starts_with("http"));
        if marked[start..end].contains(&true) && !url && !super::truecase::is_title_case(tokens) {
            out.push(Sentence { tokens: tokens.to_vec(), tags: tag[start..end].to_vec(), open: open[start..end].to_vec() });
        }
        start = end;
    }
    out
}

/// The name inside a marked mention, as warta writes names: contiguous, capitalised
/// words (and connectors) with at least one letter, without a leading title ("Mr . LaRue"
/// → "LaRue") or a trailing possessive, and not a lone word that is no name alone. `None`
/// when the mention is no name ("the prisoner", "He", "Police").
fn name_span(words: &[String], anchors: &[usize]) -> Option<(usize, usize)> {
    let (mut start, mut end) = (anchors[0], anchors[anchors.len() - 1] + 1);
    if end - start != anchors.len() {
        return None;
    }
    while start < end && (features::is_title(&words[start].to_lowercase()) || words[start] == ".") {
        start += 1;
    }
    while end > start && matches!(words[end - 1].as_str(), "'s" | "’s" | "'" | "’") {
        end -= 1;
    }
    let capitalised = |w: &String| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let name = &words[start..end];
    let ok = name.first().is_some_and(capitalised)
        && name.last().is_some_and(capitalised)
        && name.iter().all(|w| capitalised(w) || features::is_name_connector(w) || !w.chars().any(char::is_alphabetic))
        && name.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !(name.len() == 1 && is_no_name_alone(&name[0].to_lowercase()));
    ok.then_some((start, end))
}

/// A word that is no name by itself, even where ECB+ marks it as a participant: a pronoun
/// ("He", "I"), a demonym ("Australian") or a word running text writes in lower case
/// ("Police").
fn is_no_name_alone(lower: &str) -> bool {
    crate::quotes::is_pronoun("en", lower) || features::is_demonym(lower) || super::truecase::is_lower_case_word(lower)
}

/// Decodes the five XML entities.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    tag.split(&format!("{name}=\"")).nth(1)?.split('"').next()
}

/// The words in document order and each one's sentence number; `t_id` n is word n − 1.
fn tokens(xml: &str) -> (Vec<String>, Vec<u32>) {
    let (mut words, mut sentences) = (Vec::new(), Vec::new());
    let mut rest = xml;
    while let Some(at) = rest.find("<token ") {
        rest = &rest[at..];
        let (Some(open_end), Some(close)) = (rest.find('>'), rest.find("</token>")) else { break };
        if close < open_end {
            break;
        }
        let word = unescape(rest[open_end + 1..close].trim());
        let sentence = attribute(&rest[..open_end], "sentence").and_then(|s| s.parse().ok()).unwrap_or(u32::MAX);
        if !word.is_empty() {
            words.push(word);
            sentences.push(sentence);
        }
        rest = &rest[close + "</token>".len()..];
    }
    (words, sentences)
}

/// Each markable's element name and the word indices it anchors (in order).
fn markables(xml: &str) -> Vec<(String, Vec<usize>)> {
    let Some(start) = xml.find("<Markables>") else { return Vec::new() };
    let end = xml[start..].find("</Markables>").map_or(xml.len(), |e| start + e);
    let mut out = Vec::new();
    let mut rest = &xml[start + "<Markables>".len()..end];
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let name = tag.split_whitespace().next().unwrap_or("");
        if name.starts_with('/') || name == "token_anchor" || tag.ends_with('/') {
            rest = &rest[tag_end..];
            continue;
        }
        let close = format!("</{name}>");
        let Some(body_end) = rest.find(&close) else { break };
        let mut anchors: Vec<usize> = rest[tag_end..body_end]
            .split("<token_anchor")
            .skip(1)
            .filter_map(|a| attribute(a, "t_id")?.parse::<usize>().ok()?.checked_sub(1))
            .collect();
        anchors.sort_unstable();
        out.push((name.to_string(), anchors));
        rest = &rest[body_end + close.len()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<Document doc_name="1_1ecb.xml">
<token t_id="1" sentence="0" number="0">Mr</token><token t_id="2" sentence="0" number="1">.</token><token t_id="3" sentence="0" number="2">LaRue</token><token t_id="4" sentence="0" number="3">met</token><token t_id="5" sentence="0" number="4">Lindsay</token><token t_id="6" sentence="0" number="5">Lohan</token><token t_id="7" sentence="0" number="6">at</token><token t_id="8" sentence="0" number="7">a</token><token t_id="9" sentence="0" number="8">party</token><token t_id="10" sentence="0" number="9">in</token><token t_id="11" sentence="0" number="10">Malibu</token><token t_id="12" sentence="0" number="11">on</token><token t_id="13" sentence="0" number="12">Monday</token>
<token t_id="14" sentence="1" number="0">He</token><token t_id="15" sentence="1" number="1">left</token><token t_id="16" sentence="1" number="2">.</token>
<token t_id="17" sentence="2" number="0">Nothing</token><token t_id="18" sentence="2" number="1">marked</token>
<Markables>
<HUMAN_PART_PER m_id="1"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/></HUMAN_PART_PER>
<HUMAN_PART_PER m_id="2"><token_anchor t_id="14"/></HUMAN_PART_PER>
<TIME_DATE m_id="3"><token_anchor t_id="13"/></TIME_DATE>
<ACTION_OCCURRENCE m_id="4"><token_anchor t_id="4"/></ACTION_OCCURRENCE>
</Markables></Document>"#;

    #[test]
    fn marked_names_are_labelled_and_unmarked_capitals_left_open() {
        let sentences = document(DOC);
        assert_eq!(sentences.len(), 2, "the sentence without a mark is left out");
        let first = &sentences[0];
        let kinds = tags::spans(&first.tags);
        assert_eq!(kinds, vec![(2, 3, EntityKind::Person)], "the title is no part of the name");
        assert!(first.open[4] && first.open[5] && first.open[10], "unmarked names are open: {:?}", first.open);
        assert!(!first.open[0], "a title is known to be no name");
        assert!(!first.open[12], "a marked date is known to be no name");
        assert!(!first.open[3] && !first.open[8], "lower-case words are no names");
        let second = &sentences[1];
        assert!(tags::spans(&second.tags).is_empty() && !second.open[0], "a marked pronoun is no name");
    }

    #[test]
    fn an_unmarked_i_is_known_to_be_no_name() {
        let doc = r#"<token t_id="1" sentence="0">I</token><token t_id="2" sentence="0">met</token><token t_id="3" sentence="0">Lohan</token>
<Markables><HUMAN_PART_PER m_id="1"><token_anchor t_id="3"/></HUMAN_PART_PER></Markables>"#;
        let sentences = document(doc);
        assert_eq!(sentences[0].open, vec![false, false, false]);
        assert_eq!(tags::spans(&sentences[0].tags), vec![(2, 3, EntityKind::Person)]);
    }

    #[test]
    fn broken_documents_give_what_they_can() {
        assert!(document("").is_empty());
        assert!(document("<token t_id=\"1\" sentence=\"0\">unclosed").is_empty());
        assert!(document(&DOC[..DOC.len() / 2]).is_empty(), "no markables: nothing is known");
    }
}
