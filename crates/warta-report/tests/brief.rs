//! The brief on the example corpus's event A, its renderings, and hostile input.

// The example corpus loader is shared with warta-compare's tests.
#[path = "../../warta-compare/tests/common/mod.rs"]
mod common;

use warta_compare::compare;
use warta_model::{Analysis, Article};
use warta_relate::find_reuse;
use warta_report::{brief, check_support, to_html, to_json, to_markdown, Brief, EventInfo};

fn event() -> EventInfo {
    EventInfo { id: "event-a".into(), title: Some("KMP Bahari Lestari fire".into()), start: None, end: None }
}

fn build(items: &[(Article, Analysis)]) -> Brief {
    let links = find_reuse(&common::articles(items));
    let comparison = compare(items, &links);
    brief(&event(), items, &comparison, &links)
}

#[test]
fn every_summary_sentence_is_supported_and_distinct() {
    let items = common::event_a();
    let b = build(&items);
    let report = check_support(&b, &items);
    eprintln!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    assert!(report.sentences >= 3, "{report:#?}");
    assert_eq!(report.support, 1.0, "{report:#?}");
    assert!(report.redundancy <= 0.5, "{report:#?}");
    // Each summary sentence is confirmed by at least two independent sources.
    for s in &b.summary {
        assert!(s.citations.len() >= 2, "{s:#?}");
    }
}

#[test]
fn json_contract() {
    let items = common::event_a();
    let v = to_json(&build(&items));
    for key in ["event", "summary", "timeline", "quotes", "conflicts", "single_source", "corroborated"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let summary = v["summary"].as_array().cloned().unwrap_or_default();
    assert!(summary.iter().all(|s| s["text"].is_string() && s["citations"].is_array()));
    let conflicts = v["conflicts"].as_array().cloned().unwrap_or_default();
    assert!(conflicts.iter().any(|c| c["kind"] == "number"));
    assert!(conflicts.iter().all(|c| c["kind"] != "update"), "updates are not listed as conflicts");
    for c in &conflicts {
        for side in c["claims"].as_array().cloned().unwrap_or_default() {
            for k in ["article", "text", "span", "value"] {
                assert!(side.get(k).is_some(), "conflict side lacks {k}");
            }
        }
    }
    for s in v["single_source"].as_array().cloned().unwrap_or_default() {
        assert!(s["article"].is_string() && s["text"].is_string() && s["span"].is_object());
    }
    for c in v["corroborated"].as_array().cloned().unwrap_or_default() {
        assert!(c["text"].is_string() && c["articles"].is_array() && c["independent_sources"].is_u64());
    }
    let md = to_markdown(&build(&items));
    for heading in ["## Summary", "## Timeline", "## Who said what", "## Where sources disagree", "## Claimed by one source only", "## Coverage"] {
        assert!(md.contains(heading), "{heading}");
    }
}

/// Two tiny articles with markup in every field a page can control.
fn hostile() -> Vec<(Article, Analysis)> {
    let make = |raw: &str, outlet: &str| {
        let article = Article {
            title: Some("<script>alert(1)</script>".into()),
            outlet: Some(outlet.into()),
            language: Some("en".into()),
            ..Article::from_text(raw.as_bytes(), "x", raw.to_string())
        };
        let analysis = warta_analyze::analyze(&article);
        (article, analysis)
    };
    vec![
        make("The mayor of Springfield opened the <script>alert('x')</script> bridge \"><img src=x onerror=alert(1)> on Monday with 40 guests.", "\"><img src=x onerror=alert(2)>"),
        make("The mayor of Springfield opened the <script>alert('x')</script> bridge \"><img src=x onerror=alert(1)> on Monday with 40 guests, officials said.", "<b>Evil</b>"),
    ]
}

#[test]
fn html_escapes_all_article_text() {
    let items = hostile();
    let mut b = build(&items);
    b.event.title = Some("<script>alert('title')</script>".into());
    let html = to_html(&b);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>Evil"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "the text is still there, escaped");
    let md = to_markdown(&b);
    assert!(!md.contains("<script") && !md.contains("<img"), "{md}");
}

#[test]
fn an_event_of_one_source_says_why_it_has_no_summary() {
    let items: Vec<_> = common::event_a().into_iter().take(1).collect();
    let b = build(&items);
    assert!(b.summary.is_empty(), "one article corroborates nothing: {:#?}", b.summary);
    assert!(!b.single_source.is_empty());
    let md = to_markdown(&b);
    let after_heading = md.split("## Summary").nth(1).unwrap_or_default();
    assert!(after_heading.trim_start().starts_with("No statement is made by two independent sources"), "{md}");
    assert!(to_html(&b).contains("No statement is made by two independent sources"));
    // A brief with a summary does not say so.
    assert!(!to_markdown(&build(&common::event_a())).contains("No statement is made"));
}
