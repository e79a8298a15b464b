//! Extraction then the whole analysis (NER, entities, quotes, times, quantities) on what
//! it yields: `analyze` must never panic, and every span it reports must lie inside the
//! article's text, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = warta_extract::extract_file("fuzz.txt", data);
    for extracted in &outcome.articles {
        let article = &extracted.article;
        let analysis = warta_analyze::analyze(article);
        let inside = |start: usize, end: usize| article.text.get(start..end).is_some();
        for entity in &analysis.entities {
            for m in &entity.mentions {
                assert!(inside(m.start, m.end), "{m:?}");
            }
        }
        for q in &analysis.quotes {
            assert!(inside(q.start, q.end), "{q:?}");
            for s in [q.speaker_span, q.source].into_iter().flatten() {
                assert!(inside(s.start, s.end), "{q:?}");
            }
            // The source phrase holds the name it was read from.
            if let (Some(name), Some(phrase)) = (q.speaker_span, q.source) {
                assert!(phrase.start <= name.start && name.end <= phrase.end, "{q:?}");
            }
        }
        for t in &analysis.times {
            assert!(inside(t.start, t.end), "{t:?}");
        }
        for n in &analysis.quantities {
            assert!(inside(n.start, n.end), "{n:?}");
        }
    }
});
