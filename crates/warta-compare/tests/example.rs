//! The answer key of `examples/README.md`, event A, and the seed corpus's known
//! disagreements, checked end to end through extract, analyze and relate.

mod common;

use warta_compare::{compare, Comparison, ConflictKind};
use warta_relate::find_reuse;

fn event_a() -> (Vec<(warta_model::Article, warta_model::Analysis)>, Comparison) {
    let items = common::event_a();
    let links = find_reuse(&common::articles(&items));
    let comparison = compare(&items, &links);
    (items, comparison)
}

fn has_values(c: &warta_compare::Conflict, values: &[&str]) -> bool {
    values.iter().all(|v| c.claims.iter().any(|s| s.value.starts_with(v)))
}

#[test]
fn passengers_146_vs_164_is_a_number_conflict() {
    let (_, cmp) = event_a();
    let found = cmp.conflicts.iter().find(|c| has_values(c, &["146 ", "164 "]));
    let found = found.unwrap_or_else(|| panic!("no 146/164 conflict in {:#?}", cmp.conflicts));
    assert_eq!(found.kind, ConflictKind::Number, "{found:#?}");
    assert!(found.is_contradiction());
}

#[test]
fn injured_12_to_17_changed_over_time() {
    let (_, cmp) = event_a();
    for c in cmp.conflicts.iter().filter(|c| has_values(c, &["12 ", "17 "])) {
        assert_eq!(c.kind, ConflictKind::Update, "{c:#?}");
        assert!(c.changed_over_time);
    }
    assert!(
        cmp.conflicts.iter().any(|c| c.kind == ConflictKind::Update && has_values(c, &["12 ", "17 "])),
        "the rising toll is reported as an update: {:#?}",
        cmp.conflicts
    );
}

#[test]
fn the_altered_quote_is_a_quote_conflict() {
    let (_, cmp) = event_a();
    assert!(
        cmp.conflicts.iter().any(|c| c.kind == ConflictKind::Quote
            && c.about == "words of a quote by Benny Sutanto"
            && c.claims.iter().any(|s| s.value.contains("laik laut"))
            && c.claims.iter().any(|s| s.value.contains("laik berlayar"))),
        "{:#?}",
        cmp.conflicts
    );
}

#[test]
fn the_fire_date_and_the_weekday_mismatch_are_found() {
    let (items, cmp) = event_a();
    let a5 = &items[4].0.id;
    let a9 = &items[8].0.id;
    assert!(
        cmp.conflicts.iter().any(|c| c.kind == ConflictKind::Date
            && c.claims.iter().any(|s| &s.article == a5 && s.value.starts_with("2025-03-04"))
            && c.claims.iter().any(|s| s.value.starts_with("2025-03-03"))),
        "{:#?}",
        cmp.conflicts
    );
    assert!(cmp.conflicts.iter().any(|c| c.kind == ConflictKind::Weekday && c.claims.iter().any(|s| &s.article == a9)));
}

#[test]
fn hendra_role_conflict() {
    let (_, cmp) = event_a();
    assert!(
        cmp.conflicts.iter().any(|c| c.kind == ConflictKind::Role
            && c.about == "title of Hendra Mamonto"
            && c.claims.iter().any(|s| s.value.contains("dinas perhubungan"))
            && c.claims.iter().any(|s| s.value.contains("ksop"))),
        "{:#?}",
        cmp.conflicts
    );
}

#[test]
fn titles_differ_between_outlets_not_within_one() {
    let (items, cmp) = event_a();
    let outlet = |id: &warta_model::ArticleId| items.iter().find(|(a, _)| &a.id == id).and_then(|(a, _)| a.outlet.clone());
    let roles: Vec<_> = cmp.conflicts.iter().filter(|c| c.kind == ConflictKind::Role).collect();
    assert!(!roles.is_empty());
    for c in roles {
        let outlets: std::collections::BTreeSet<_> = c.claims.iter().map(|s| outlet(&s.article)).collect();
        assert!(outlets.len() >= 2, "{c:#?}");
    }
}

#[test]
fn syndicated_copies_are_one_source() {
    let (items, cmp) = event_a();
    let (a1, a2, a3) = (&items[0].0.id, &items[1].0.id, &items[2].0.id);
    let group = |id| cmp.sources.iter().find(|g| g.articles.contains(id)).map(|g| g.id);
    assert_eq!(group(a1), group(a2));
    assert_eq!(group(a1), group(a3));
    assert_eq!(group(&items[3].0.id), group(&items[5].0.id), "rewrite A6 counts with A4");
    // Nothing is corroborated by copies alone.
    for c in &cmp.corroborated {
        let groups: std::collections::BTreeSet<usize> =
            c.evidence.iter().filter_map(|e| group(&e.article)).collect();
        assert_eq!(groups.len(), c.independent_sources);
        assert!(c.independent_sources >= 2 && c.articles.len() >= c.independent_sources);
    }
    // A1's 146 passengers are confirmed by A4 and A7, not by A2 and A3.
    let manifest = cmp.corroborated.iter().find(|c| c.text.contains("146 penumpang"));
    let manifest = manifest.unwrap_or_else(|| panic!("{:#?}", cmp.corroborated));
    assert!(manifest.independent_sources >= 2 && manifest.articles.len() > manifest.independent_sources, "{manifest:#?}");
}

#[test]
fn the_logbook_is_single_source() {
    let (items, cmp) = event_a();
    let a9 = &items[8].0.id;
    assert!(
        cmp.single_source.iter().any(|s| &s.article == a9 && s.text.contains("buku catatan perawatan")),
        "{:#?}",
        cmp.single_source
    );
    for s in &cmp.single_source {
        let (article, _) = items.iter().find(|(a, _)| a.id == s.article).unwrap();
        assert_eq!(&article.text[s.span.start..s.span.end], s.text);
    }
}

#[test]
fn every_cited_span_is_its_text() {
    let (items, cmp) = event_a();
    let text_of = |id: &warta_model::ArticleId, span: warta_model::Span| {
        items.iter().find(|(a, _)| &a.id == id).and_then(|(a, _)| a.text.get(span.start..span.end)).map(str::to_string)
    };
    for c in &cmp.claims {
        assert_eq!(text_of(&c.article, c.span).as_deref(), Some(c.text.as_str()));
        assert!(c.evidence.start >= c.span.start && c.evidence.end <= c.span.end, "{c:#?}");
    }
    for c in &cmp.conflicts {
        for s in &c.claims {
            assert_eq!(text_of(&s.article, s.span).as_deref(), Some(s.text.as_str()));
        }
    }
}

#[test]
fn seeds_date_and_reworded_quote() {
    let Some(items) = common::seeds() else { return };
    let links = find_reuse(&common::articles(&items));
    let cmp = compare(&items, &links);
    assert!(
        cmp.conflicts.iter().any(|c| matches!(c.kind, ConflictKind::Date | ConflictKind::Weekday)
            && c.claims.iter().any(|s| s.text.contains("20/6/2024"))),
        "{:#?}",
        cmp.conflicts
    );
    assert!(
        cmp.conflicts.iter().any(|c| c.kind == ConflictKind::Quote
            && c.claims.iter().any(|s| s.value.contains("Perang Dunia Kedua"))
            && c.claims.iter().any(|s| s.value.contains("Perang Dunia II"))),
        "{:#?}",
        cmp.conflicts
    );
}


#[test]
fn a_rewrite_restating_its_source_is_not_a_second_single_source_claim() {
    let (items, cmp) = event_a();
    let rewrite = &items.iter().find(|(a, _)| a.origin.path.contains("lensa-timur")).expect("the rewrite").0;
    let from_rewrite: Vec<_> = cmp.single_source.iter().filter(|s| s.article == rewrite.id).collect();
    assert!(
        from_rewrite.iter().all(|s| s.added_in_derived),
        "the rewrite's restated sentences belong with the sentences they restate: {from_rewrite:#?}"
    );
    // What the rewrite added is still told apart.
    assert!(from_rewrite.iter().any(|s| s.text.contains("Asap pekat")), "{from_rewrite:#?}");
}

#[test]
fn an_article_reusing_one_passage_reports_the_rest_itself() {
    let items = common::event_b();
    let links = find_reuse(&common::articles(&items));
    let partial = links.iter().find(|l| l.kind == warta_relate::ReuseKind::Partial).expect("a partial reuse link in event B");
    let cmp = compare(&items, &links);
    let from_reuser: Vec<_> = cmp.single_source.iter().filter(|s| s.article == partial.derived).collect();
    assert!(!from_reuser.is_empty());
    for s in &from_reuser {
        let inside_reused = partial.passages.iter().any(|p| s.span.start >= p.derived_span.start && s.span.end <= p.derived_span.end);
        assert!(
            !s.added_in_derived || inside_reused,
            "a sentence outside the reused passage is the outlet's own reporting, not an addition to a copy: {s:#?}"
        );
    }
}
