//! Event clustering on real and fictional news: the seed corpus (two Putin–Kim summits
//! fourteen months apart) and the example corpus (two ferry fires six months apart, in
//! Indonesian and English, with unrelated local news mixed in), through the real
//! extractor and analyzer.

use std::path::{Path, PathBuf};

use warta_model::{Analysis, Article};
use warta_relate::events::{cluster_all, Clustering, EventConfig, EventId, EventIndex};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every article the extractor finds in the files of `dir`, analysed.
fn load(dir: &Path) -> Option<Vec<(Article, Analysis)>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir).ok()?.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let mut items = Vec::new();
    for path in paths {
        let bytes = std::fs::read(&path).ok()?;
        let outcome = warta_extract::extract_file(&path.display().to_string(), &bytes);
        for x in outcome.articles {
            let analysis = warta_analyze::analyze(&x.article);
            items.push((x.article, analysis));
        }
    }
    Some(items)
}

/// The article whose origin path contains `file` (and whose record or text contains
/// `marker`, for files holding several articles).
fn find<'a>(items: &'a [(Article, Analysis)], file: &str, marker: &str) -> &'a Article {
    items
        .iter()
        .map(|(a, _)| a)
        .find(|a| {
            a.origin.path.contains(file)
                && (marker.is_empty()
                    || a.text.contains(marker)
                    || a.title.as_deref().is_some_and(|t| t.contains(marker)))
        })
        .unwrap_or_else(|| panic!("no article {file} {marker}"))
}

fn event_index(c: &Clustering, a: &Article) -> usize {
    c.events
        .iter()
        .position(|e| e.articles.contains(&a.id))
        .unwrap_or_else(|| panic!("{} is in no event", a.origin.path))
}

fn show(c: &Clustering, items: &[(Article, Analysis)]) {
    for e in &c.events {
        println!("{} {:?} {:?}..{:?} story {:?}", e.id, e.title, e.start, e.end, e.storyline);
        for id in &e.articles {
            if let Some((a, _)) = items.iter().find(|(a, _)| &a.id == id) {
                println!("    {} {:?}", a.origin.path, a.title);
            }
        }
    }
    for s in &c.storylines {
        for l in &s.links {
            println!("story {}: {} -> {} {:.2} {}", s.id, l.from, l.to, l.score, l.reason);
        }
    }
}

/// `items` added one by one in publication order (then article id), as a stream would
/// deliver them, with the event id each add returned.
fn stream(items: &[(Article, Analysis)], config: EventConfig) -> (EventIndex, Vec<EventId>) {
    let mut index = EventIndex::with_config(config);
    let mut sorted: Vec<&(Article, Analysis)> = items.iter().collect();
    sorted.sort_by(|a, b| a.0.published.cmp(&b.0.published).then(a.0.id.cmp(&b.0.id)));
    let ids = sorted.iter().map(|(a, an)| index.add(a, an)).collect();
    (index, ids)
}

#[test]
fn example_corpus_events_and_storyline() {
    let Some(items) = load(&workspace().join("examples/news")) else {
        println!("skipped: example corpus not found");
        return;
    };
    let c = cluster_all(&items);
    show(&c, &items);

    let a_files: [(&str, &str); 10] = [
        ("kantor-berita-samudra-2025-03-04.txt", ""),
        ("kabar-nusantara-2025-03-04.txt", ""),
        ("sarinjaya-pos-2025-03-04-a.html", ""),
        ("harianpesisir-2025-03-04.html", ""),
        ("suara-tanaweri-feed.xml", "164"),
        ("lensa-timur-2025-03-04.txt", ""),
        ("straits-ledger-2025-03-04.txt", ""),
        ("suara-tanaweri-feed.xml", "audit"),
        ("kabar-nusantara-2025-03-05.txt", ""),
        ("scraped-articles.jsonl", "witnesses"),
    ];
    let b_files: [(&str, &str); 3] = [
        ("harianpesisir-2025-09-11.txt", ""),
        ("straits-ledger-2025-09-11.html", ""),
        ("scraped-articles.jsonl", "Sentosa"),
    ];
    let a: Vec<&Article> = a_files.iter().map(|(f, m)| find(&items, f, m)).collect();
    let b: Vec<&Article> = b_files.iter().map(|(f, m)| find(&items, f, m)).collect();
    let u1 = find(&items, "sarinjaya-pos-2025-03-04-b.txt", "");
    let u2 = find(&items, "suara-tanaweri-feed.xml", "cabai");

    let ea = event_index(&c, a[0]);
    for x in &a {
        assert_eq!(event_index(&c, x), ea, "{} belongs to event A", x.origin.path);
    }
    let eb = event_index(&c, b[0]);
    assert_ne!(ea, eb, "event B (six months later) is a different event");
    for x in &b {
        assert_eq!(event_index(&c, x), eb, "{} belongs to event B", x.origin.path);
    }
    for u in [u1, u2] {
        let eu = event_index(&c, u);
        assert!(eu != ea && eu != eb, "{} is unrelated", u.origin.path);
        assert!(c.events[eu].storyline.is_none() || c.events[eu].storyline != c.events[ea].storyline);
    }
    assert_ne!(event_index(&c, u1), event_index(&c, u2));

    let (event_a, event_b) = (&c.events[ea], &c.events[eb]);
    assert!(event_a.storyline.is_some(), "A and B form a storyline");
    assert_eq!(event_a.storyline, event_b.storyline);
    assert_eq!(event_a.start.as_deref(), Some("2025-03-03"));
    assert_eq!(event_b.start.as_deref(), Some("2025-09-11"));
    assert!(event_a.outlets.len() >= 6, "{:?}", event_a.outlets);
    let story = c.storylines.iter().find(|s| Some(&s.id) == event_a.storyline.as_ref()).expect("storyline");
    assert_eq!(story.events.first(), Some(&event_a.id), "storyline events are in time order");
    assert!(story.links.iter().all(|l| !l.reason.is_empty() && l.score > 0.0));
}

#[test]
fn seed_summits_fourteen_months_apart_are_two_events_of_one_storyline() {
    let Some(items) = load(&workspace().join("../shared/corpus/seeds")) else {
        println!("skipped: seed corpus not found at ../shared/corpus/seeds");
        return;
    };
    let c = cluster_all(&items);
    show(&c, &items);
    let by_name = |n: &str| find(&items, n, "");
    let june: Vec<&Article> = ["000_", "001_", "002_", "003_"].iter().map(|n| by_name(n)).collect();
    let sept = by_name("004_");
    let e = event_index(&c, june[0]);
    for x in &june {
        assert_eq!(event_index(&c, x), e, "{} reports the June 2024 summit", x.origin.path);
    }
    let e4 = event_index(&c, sept);
    assert_ne!(e, e4, "the September 2023 summit is another event");
    assert!(c.events[e].storyline.is_some());
    assert_eq!(c.events[e].storyline, c.events[e4].storyline, "both summits are one storyline");
    // One article names him "Stoltenberg" only: he is still one key entity.
    let entities = &c.events[e].entities;
    assert!(entities.iter().any(|x| x == "person:jens-stoltenberg"), "{entities:?}");
    assert!(!entities.iter().any(|x| x == "person:stoltenberg"), "{entities:?}");
}

#[test]
fn clustering_does_not_depend_on_input_order() {
    let Some(mut items) = load(&workspace().join("examples/news")) else {
        println!("skipped: example corpus not found");
        return;
    };
    let first = serde_json::to_string(&cluster_all(&items)).expect("serialize");
    items.reverse();
    let reversed = serde_json::to_string(&cluster_all(&items)).expect("serialize");
    items.rotate_left(5);
    let rotated = serde_json::to_string(&cluster_all(&items)).expect("serialize");
    assert_eq!(first, reversed);
    assert_eq!(first, rotated);
}

#[test]
fn online_adds_are_idempotent_and_ids_resolve() {
    let Some(items) = load(&workspace().join("examples/news")) else {
        println!("skipped: example corpus not found");
        return;
    };
    let (mut index, ids) = stream(&items, EventConfig::default());
    let before = serde_json::to_string(&index.clustering()).expect("serialize");
    for (a, an) in &items {
        let again = index.add(a, an);
        assert_eq!(Some(again), index.event_of(&a.id));
    }
    assert_eq!(before, serde_json::to_string(&index.clustering()).expect("serialize"));
    assert_eq!(index.len(), items.len());
    for id in &ids {
        let now = index.resolve(id).expect("every id ever returned resolves");
        assert!(index.clustering().events.iter().any(|e| e.id == now));
    }
}

#[test]
fn consolidation_merges_what_the_stream_split_and_old_ids_still_resolve() {
    let Some(items) = load(&workspace().join("examples/news")) else {
        println!("skipped: example corpus not found");
        return;
    };
    let (mut index, ids) = stream(&items, EventConfig::default());
    let streamed = index.clustering().events.len();
    index.consolidate();
    let consolidated = index.clustering();
    assert!(
        consolidated.events.len() < streamed,
        "the stream joins only near-certain matches, so consolidation has something to merge ({streamed} events)"
    );
    assert!(consolidated.history.iter().any(|m| m.article.is_none()), "consolidation merges are recorded");
    for id in &ids {
        let now = index.resolve(id).expect("every id ever returned resolves");
        assert!(consolidated.events.iter().any(|e| e.id == now));
    }
    // Consolidating again finds nothing new: nothing changed since.
    index.consolidate();
    assert_eq!(index.clustering(), consolidated);
    // The batch path is the stream plus one consolidation.
    assert_eq!(cluster_all(&items).events.len(), consolidated.events.len());
}

#[test]
fn an_event_glued_from_two_is_split_and_its_id_stays_with_the_larger_part() {
    let Some(items) = load(&workspace().join("examples/news")) else {
        println!("skipped: example corpus not found");
        return;
    };
    // A careless stream: joins on almost any overlap, so the ferry fires of March and
    // September (and whatever else shares words) start out as one event.
    let careless = EventConfig { join: 0.05, merge: 0.1, max_span_days: 400, window_days: 400, ..EventConfig::default() };
    let (mut index, ids) = stream(&items, careless);
    let march = find(&items, "kantor-berita-samudra-2025-03-04.txt", "");
    let september = find(&items, "harianpesisir-2025-09-11.txt", "");
    let glued = index.event_of(&march.id).expect("added");
    assert_eq!(index.event_of(&september.id), Some(glued.clone()), "the careless stream glued both fires together");

    index.consolidate();
    let c = index.clustering();
    show(&c, &items);
    assert_ne!(event_index(&c, march), event_index(&c, september), "consolidation split the two fires");
    assert!(!c.splits.is_empty());
    let split = &c.splits[0];
    assert_eq!(split.from, glued, "the larger part keeps the id users saw");
    assert!(split.articles.len() >= 2 && split.score < EventConfig::default().consolidate);
    for id in &ids {
        let now = index.resolve(id).expect("every id ever returned resolves");
        assert!(c.events.iter().any(|e| e.id == now));
    }
    for e in &c.events {
        for a in &e.articles {
            assert_eq!(index.event_of(a).as_ref(), Some(&e.id), "articles know their event after the split");
        }
    }
}
