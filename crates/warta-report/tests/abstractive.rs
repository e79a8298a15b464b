//! The abstractive summary's checker on the example corpus's event A: answers a model
//! could give, built from the evidence it was offered, faithful and unfaithful.

#[path = "../../warta-compare/tests/common/mod.rs"]
mod common;

use warta_compare::compare;
use warta_model::{Analysis, Article};
use warta_relate::find_reuse;
use warta_report::abstractive::{brief_language, check_generated, evidence, prompt, EvidenceItem};
use warta_report::{brief, to_html, to_json, to_markdown, Brief, EventInfo};

fn build(items: &[(Article, Analysis)]) -> Brief {
    let links = find_reuse(&common::articles(items));
    let comparison = compare(items, &links);
    let event = EventInfo { id: "event-a".into(), title: Some("KMP Bahari Lestari fire".into()), start: None, end: None };
    brief(&event, items, &comparison, &links)
}

/// A source sentence as a model would restate it: its words, its marker before the
/// full stop.
fn restated(e: &EvidenceItem) -> String {
    format!("{} [{}].", e.text.trim_end_matches(['.', '"', '”']), e.marker)
}

/// The first evidence sentence with a digit that the given test can change.
fn with_number(evidence: &[EvidenceItem]) -> &EvidenceItem {
    evidence.iter().find(|e| e.text.contains(|c: char| c.is_ascii_digit()) && !e.text.contains('“') && !e.text.contains('"')).expect("a sentence with a number")
}

#[test]
fn the_prompt_numbers_every_source_sentence_with_its_article() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    assert!(ev.len() >= 8 && ev.len() <= 48, "{}", ev.len());
    let chars: usize = ev.iter().map(|e| e.text.chars().count()).sum();
    assert!(chars <= 8_000, "the sources fit a small model's context: {chars} characters");
    for (i, e) in ev.iter().enumerate() {
        assert_eq!(e.marker, i + 1);
        for c in &e.citations {
            let (article, _) = items.iter().find(|(a, _)| a.id == c.article).expect("cited article is in the event");
            let at = &article.text[c.span.start..c.span.end];
            assert_eq!(at.split_whitespace().collect::<Vec<_>>().join(" "), e.text, "evidence is the text at each span");
        }
    }
    // Each wording once: copies add citations, not numbers.
    for (i, a) in ev.iter().enumerate() {
        assert!(ev[i + 1..].iter().all(|b| b.text != a.text), "[{}] repeated", a.marker);
    }
    assert!(ev.iter().any(|e| e.citations.len() > 1), "the wire copies of the example carry one wording");
    // The summary's statements come first.
    assert!(ev[0].citations.contains(&b.summary[0].citations[0]));
    let language = brief_language(&items);
    assert_eq!(language, "id");
    let p = prompt(&b, &ev, &language);
    assert!(p.user.contains("Indonesian") && p.user.contains("KMP Bahari Lestari fire"), "{}", p.user);
    for e in &ev {
        assert!(p.user.contains(&format!("[{}] (", e.marker)) && p.user.contains(&e.text), "[{}] missing", e.marker);
    }
    assert!(!p.system.is_empty());
}

#[test]
fn faithful_sentences_are_kept_with_their_citations() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let answer = format!("{}\n{}", restated(&ev[0]), restated(&ev[2]));
    let checked = check_generated("test-model", &answer, &ev, &items, false);
    assert!(checked.dropped.is_empty(), "{:#?}", checked.dropped);
    assert_eq!(checked.sentences.len(), 2);
    for (s, e) in checked.sentences.iter().zip([&ev[0], &ev[2]]) {
        assert!(s.supported && s.reason.is_none(), "{s:#?}");
        assert_eq!(s.markers, [e.marker]);
        assert_eq!(s.citations, e.citations);
    }
    // Two markers, one sentence: both citations, in order.
    let both = format!("{} [{}][{}].", ev[0].text.trim_end_matches('.'), ev[0].marker, ev[1].marker);
    let checked = check_generated("m", &both, &ev, &items, false);
    assert_eq!(checked.sentences.len(), 1, "{checked:#?}");
    assert_eq!(checked.sentences[0].citations, [ev[0].citations.clone(), ev[1].citations.clone()].concat());
}

#[test]
fn an_indonesian_sentence_is_covered_by_the_english_source_it_restates() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let english = |e: &&EvidenceItem| {
        e.citations.iter().all(|c| items.iter().any(|(a, _)| a.id == c.article && a.language.as_deref() == Some("en")))
    };
    let source = ev
        .iter()
        .filter(english)
        .find(|e| e.text.contains("fire") && e.text.contains("passengers") && e.text.contains("crew"))
        .expect("the English report of the fire with its passengers and crew");
    let numbers: Vec<String> = source.text.split(|c: char| !c.is_ascii_digit()).filter(|d| !d.is_empty()).map(String::from).collect();
    let answer = format!("Kapal terbakar dengan {} penumpang dan {} awak [{}].", numbers[0], numbers[1], source.marker);
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert_eq!(checked.sentences.len(), 1, "{checked:#?}");
    assert!(checked.sentences[0].supported);
}

#[test]
fn a_changed_number_is_dropped() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let source = with_number(&ev);
    let digits: String = source.text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    let wrong = (digits.parse::<u64>().unwrap_or(0) + 987).to_string();
    let answer = restated(source).replacen(&digits, &wrong, 1);
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert!(checked.sentences.is_empty(), "{checked:#?}");
    let reason = checked.dropped[0].reason.clone().unwrap_or_default();
    assert!(reason.contains(&wrong), "{reason}");
}

#[test]
fn the_right_number_for_the_wrong_thing_is_dropped() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    // A count of the injured, restated as a count of the dead.
    let injured = ev.iter().find(|e| e.text.contains("luka") && e.text.contains(|c: char| c.is_ascii_digit())).expect("a count of the injured");
    let count: String = injured.text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    let faithful = format!("Sebanyak {count} penumpang luka-luka [{}].", injured.marker);
    let wrong = format!("Sebanyak {count} penumpang tewas [{}].", injured.marker);
    let checked = check_generated("m", &format!("{faithful}\n{wrong}"), &ev, &items, false);
    assert_eq!(checked.sentences.len(), 1, "{checked:#?}");
    assert_eq!(checked.sentences[0].text, faithful.replace(&format!(" [{}]", injured.marker), ""));
    assert!(checked.dropped[0].reason.as_deref().unwrap_or_default().contains("dead"), "{checked:#?}");
}

#[test]
fn a_changed_date_is_dropped() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    // "Senin (3/3/2025) malam" becomes "Senin (2/3/2025) malam".
    let dated = ev.iter().find(|e| e.text.contains("(3/3/2025)") && !e.text.contains('“')).expect("a sentence with a full date");
    let answer = restated(dated).replace("(3/3/2025)", "(2/3/2025)");
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert!(checked.sentences.is_empty(), "{checked:#?}");
    assert!(checked.dropped[0].reason.as_deref().unwrap_or_default().contains("2025-03-02"), "{checked:#?}");
    assert_eq!(check_generated("m", &restated(dated), &ev, &items, false).sentences.len(), 1, "the right date passes");
}

#[test]
fn a_reworded_quotation_is_dropped() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let quoted = ev.iter().find(|e| e.text.starts_with('“') && e.text.contains('”')).expect("a quotation");
    let inside = &quoted.text['“'.len_utf8()..quoted.text.find('”').unwrap_or(0)];
    let first_word = inside.split_whitespace().next().unwrap_or_default();
    let reworded = quoted.text.replacen(first_word, "Sungguh", 1);
    let answer = format!("{} [{}].", reworded.trim_end_matches('.'), quoted.marker);
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert!(checked.sentences.is_empty(), "{checked:#?}");
    assert!(checked.dropped[0].reason.as_deref().unwrap_or_default().contains("quotation"), "{checked:#?}");
}

#[test]
fn an_added_name_is_dropped_and_kept_marked_on_request() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let source = &ev[0];
    let answer = format!("{} bersama Korea Utara [{}].", source.text.trim_end_matches('.'), source.marker);
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert!(checked.sentences.is_empty(), "{checked:#?}");
    assert!(checked.dropped[0].reason.as_deref().unwrap_or_default().contains("Korea Utara"), "{checked:#?}");
    let kept = check_generated("m", &answer, &ev, &items, true);
    assert!(kept.dropped.is_empty());
    assert!(!kept.sentences[0].supported && kept.sentences[0].citations == source.citations, "{kept:#?}");
}

#[test]
fn missing_and_unknown_markers_are_dropped() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let far = ev.len() + 1;
    let answer = format!(
        "{}\n{} [{far}].\n{} [{}][{far}].",
        ev[0].text,
        ev[1].text.trim_end_matches('.'),
        ev[2].text.trim_end_matches('.'),
        ev[2].marker
    );
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert!(checked.sentences.is_empty(), "{checked:#?}");
    let reasons: Vec<String> = checked.dropped.iter().map(|s| s.reason.clone().unwrap_or_default()).collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert_eq!(reasons[0], "cites no source");
    assert!(reasons[1].contains(&format!("[{far}]")) && reasons[2].contains(&format!("[{far}]")), "{reasons:?}");
}

#[test]
fn a_negated_restatement_is_dropped() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let source = ev.iter().find(|e| warta_compare::negations(&e.text).is_empty() && !e.text.contains('"') && !e.text.contains('“')).expect("a sentence without negation");
    // The source's own words, turned around by one word.
    let mut words: Vec<&str> = source.text.trim_end_matches('.').split(' ').collect();
    words.insert(words.len() / 2, "tidak");
    let answer = format!("{} [{}].", words.join(" "), source.marker);
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert!(checked.sentences.is_empty(), "{checked:#?}");
    assert!(checked.dropped[0].reason.as_deref().unwrap_or_default().contains("negates"), "{checked:#?}");
}

#[test]
fn a_sentence_about_something_else_is_not_covered_by_its_citation() {
    let items = common::event_a();
    let b = build(&items);
    let ev = evidence(&b, &items);
    let answer = format!("Harga cabai rawit di pasar naik tajam karena cuaca buruk [{}].", ev[0].marker);
    let checked = check_generated("m", &answer, &ev, &items, false);
    assert!(checked.sentences.is_empty(), "{checked:#?}");
    assert!(checked.dropped[0].reason.as_deref().unwrap_or_default().contains("words"), "{checked:#?}");
}

#[test]
fn every_rendering_shows_the_checked_summary() {
    let items = common::event_a();
    let mut b = build(&items);
    let ev = evidence(&b, &items);
    let answer = format!("{}\nKapal itu membawa 4321 penumpang [{}].", restated(&ev[0]), ev[0].marker);
    b.abstractive = Some(check_generated("tiny<model>", &answer, &ev, &items, true));
    let json = to_json(&b);
    let a = &json["abstractive"];
    assert_eq!(a["model"], "tiny<model>");
    let sentences = a["sentences"].as_array().cloned().unwrap_or_default();
    assert_eq!(sentences.len(), 2, "{a}");
    assert_eq!(sentences[0]["supported"], true);
    assert!(sentences[0]["citations"][0]["article"].is_string() && sentences[0]["citations"][0]["span"].is_object());
    assert_eq!(sentences[1]["supported"], false);
    assert!(sentences[1]["reason"].as_str().unwrap_or_default().contains("4321"));
    let md = to_markdown(&b);
    assert!(md.contains("## Abstractive summary") && md.contains("**Unsupported**"), "{md}");
    assert!(md.contains("except those of the abstractive summary"), "the reader is told which sentences are not quotes");
    let html = to_html(&b);
    assert!(html.contains("<h2>Abstractive summary</h2>") && html.contains("tiny&lt;model&gt;") && !html.contains("tiny<model>"));
    // Without a model, the JSON has no such field: the default contract is unchanged.
    b.abstractive = None;
    assert!(to_json(&b).get("abstractive").is_none());
}
