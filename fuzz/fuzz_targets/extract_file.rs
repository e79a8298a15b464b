//! The whole pipeline: decompression, format detection, every format's splitter, HTML and
//! text cleaning. `extract_file` must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let outcome = warta_extract::extract_file("fuzz", data);
    for problem in &outcome.problems {
        assert!(!problem.message.is_empty() && !problem.hint.is_empty(), "{problem:?}");
    }
    for extracted in &outcome.articles {
        let article = &extracted.article;
        // Paragraph spans must point inside the article text, on char boundaries.
        for paragraph in &article.paragraphs {
            assert!(article.text.get(paragraph.span.start..paragraph.span.end).is_some(), "{paragraph:?}");
        }
    }
});
