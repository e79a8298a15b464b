//! Reuse detection on real and hand-made articles: the seed corpus, the example
//! corpus (through the real extractor), and content-farm rewrites written for this test.

use std::path::{Path, PathBuf};

use warta_model::{Article, ArticleId, Paragraph, ParagraphKind, Span};
use warta_relate::{compare_texts, find_reuse, originality, ReuseKind, ReuseLink};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A minimal article: no title, one paragraph per non-empty line, as a plain-text
/// extractor would give for a pasted page.
fn article(name: &str, raw: &str) -> Article {
    let text = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n\n");
    Article { language: Some("id".into()), ..Article::from_text(raw.as_bytes(), name, text) }
}

fn seeds() -> Option<Vec<Article>> {
    let dir = workspace().join("../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: seed corpus not found at {}", dir.display());
        return None;
    };
    let mut names: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    names.sort();
    Some(
        names
            .iter()
            .filter_map(|p| {
                Some(article(
                    &p.file_name()?.to_string_lossy(),
                    &std::fs::read_to_string(p).ok()?,
                ))
            })
            .collect(),
    )
}

fn linked(links: &[ReuseLink], a: &Article, b: &Article) -> Option<ReuseLink> {
    links
        .iter()
        .find(|l| {
            (l.source == a.id && l.derived == b.id) || (l.source == b.id && l.derived == a.id)
        })
        .cloned()
}

#[test]
fn seeds_link_the_rewrite_and_nothing_else() {
    let Some(seeds) = seeds() else { return };
    assert_eq!(seeds.len(), 5, "expected the five seed articles");
    let links = find_reuse(&seeds);
    for l in &links {
        println!(
            "{} -> {} {:?} score {:.2} dir {:.2} ({})",
            l.source, l.derived, l.kind, l.score, l.direction_confidence, l.direction_reason
        );
    }
    let rewrite = linked(&links, &seeds[0], &seeds[1])
        .expect("000 is a paraphrased rewrite of 001 and must be linked");
    assert_eq!(rewrite.kind, ReuseKind::Rewrite);
    assert_eq!(
        rewrite.source, seeds[1].id,
        "001 has the details 000 lacks: it is the source"
    );
    assert!(rewrite.passages.len() >= 3);
    for p in &rewrite.passages {
        assert!(seeds[1]
            .text
            .get(p.source_span.start..p.source_span.end)
            .is_some());
        assert!(seeds[0]
            .text
            .get(p.derived_span.start..p.derived_span.end)
            .is_some());
    }
    // "Perang Dunia II" became "Perang Dunia Kedua" inside a quote kept otherwise verbatim.
    assert!(
        rewrite
            .altered_quotes
            .iter()
            .any(|q| q.source_text.contains("Perang Dunia II")
                && q.derived_text.contains("Perang Dunia Kedua")),
        "{:#?}",
        rewrite.altered_quotes
    );
    // Same event, different articles: not reuse.
    for other in [2, 3, 4] {
        for base in [0, 1] {
            assert!(
                linked(&links, &seeds[base], &seeds[other]).is_none(),
                "seed {base:03} and {other:03} are not reuse"
            );
        }
    }
    assert_eq!(links.len(), 1);
    let original = originality(&seeds[0], &links);
    assert!(
        original > 0.1 && original < 0.5,
        "000 is mostly taken from 001: {original}"
    );
    assert_eq!(originality(&seeds[1], &links), 1.0);
}

#[test]
fn example_corpus_copies_and_rewrite() {
    let dir = workspace().join("examples/news");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("skipped: example corpus not found at {}", dir.display());
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let mut articles = Vec::new();
    for path in &paths {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let outcome = warta_extract::extract_file(&path.to_string_lossy(), &bytes);
        articles.extend(outcome.articles.into_iter().map(|e| e.article));
    }
    // By file: outlet names are the extractor's business and may change.
    let find = |file: &str| -> Article {
        articles
            .iter()
            .find(|a| a.origin.path.ends_with(file))
            .cloned()
            .unwrap_or_else(|| panic!("no article extracted from {file}"))
    };
    let a1 = find("kantor-berita-samudra-2025-03-04.txt");
    let a2 = find("kabar-nusantara-2025-03-04.txt");
    let a3 = find("sarinjaya-pos-2025-03-04-a.html");
    let a4 = find("harianpesisir-2025-03-04.html");
    let a6 = find("lensa-timur-2025-03-04.txt");
    let u1 = find("sarinjaya-pos-2025-03-04-b.txt");

    let links = find_reuse(&articles);
    for l in &links {
        println!(
            "{} -> {} {:?} score {:.2} dir {:.2} ({}) quotes {}",
            l.source,
            l.derived,
            l.kind,
            l.score,
            l.direction_confidence,
            l.direction_reason,
            l.altered_quotes.len()
        );
    }
    for (copy, name) in [(&a2, "A2"), (&a3, "A3")] {
        let l = linked(&links, &a1, copy)
            .unwrap_or_else(|| panic!("A1 -> {name} is a syndicated copy"));
        assert_eq!(l.source, a1.id);
        assert_eq!(l.kind, ReuseKind::Syndicated, "A1 -> {name}");
        assert!(l.direction_confidence >= 0.9);
    }
    let rewrite = linked(&links, &a4, &a6).expect("A6 rewrites A4");
    assert_eq!(
        rewrite.source, a4.id,
        "A4 (09:15 WITA) precedes A6 (13:40 WITA)"
    );
    assert_eq!(rewrite.kind, ReuseKind::Rewrite);
    let benny = rewrite
        .altered_quotes
        .iter()
        .find(|q| q.source_text.contains("laik laut"))
        .expect("Benny's quote was altered");
    assert!(benny.derived_text.contains("laik berlayar"));
    assert_eq!(
        rewrite.altered_quotes.len(),
        1,
        "Ruslan's and Siti's quotes were kept word for word"
    );
    // Same event, independent articles; and an unrelated story from the same outlet.
    assert!(linked(&links, &a1, &a4).is_none());
    assert!(links
        .iter()
        .all(|l| l.source != u1.id && l.derived != u1.id));
    assert!(
        originality(&a2, &links) < 0.35,
        "A2 is a copy plus some leftover site text"
    );
    assert!(originality(&a4, &links) > 0.9);
}

/// A wire-style paragraph, a content-farm rewrite of it, and an independent report on
/// the same event, all written for this test.
const ORIGINAL: &str = "Banjir setinggi 1,5 meter merendam 320 rumah di Kecamatan Sungai Lilin, Kabupaten Musi Banyuasin, Sumatera Selatan, pada Kamis (14/3) dini hari setelah hujan deras mengguyur selama tujuh jam.

Kepala BPBD Musi Banyuasin Ahmad Rifai mengatakan sebanyak 1.150 warga telah mengungsi ke balai desa dan masjid terdekat. \"Air naik sangat cepat, warga hanya sempat membawa surat-surat penting,\" kata Rifai.

Menurut Rifai, tim gabungan menyiagakan enam perahu karet dan dapur umum di dua titik. Tidak ada korban jiwa dalam peristiwa itu, namun dua jembatan desa putus diterjang arus.

BPBD memperkirakan air baru surut dalam tiga hari jika hujan tidak kembali turun di hulu Sungai Lalan.";

const REWRITE: &str = "Ratusan rumah warga di Sungai Lilin, Musi Banyuasin, Sumsel, terendam air setinggi 1,5 meter pada Kamis (14/3) dini hari. Sebanyak 320 rumah terdampak usai hujan lebat turun tanpa henti tujuh jam lamanya.

Ahmad Rifai, Kepala BPBD Musi Banyuasin, menyebut ada 1.150 warga yang kini mengungsi di balai desa serta masjid di sekitar lokasi. \"Air naik sangat cepat, warga cuma sempat membawa dokumen penting,\" ujar Rifai.

Rifai menuturkan enam perahu karet dan dapur umum di dua lokasi sudah disiagakan tim gabungan. Meski tak ada korban jiwa, dua jembatan desa dilaporkan putus akibat derasnya arus.

Genangan diperkirakan baru surut tiga hari lagi apabila hulu Sungai Lalan tidak kembali diguyur hujan, menurut BPBD.

Simak terus berita terkini hanya di situs kami dan jangan lupa bagikan artikel ini.";

const SAME_EVENT: &str = "Warga Sungai Lilin di Kabupaten Musi Banyuasin bergotong royong membersihkan lumpur pada Jumat (15/3) setelah banjir surut sebagian di beberapa desa.

Camat Sungai Lilin Hendra Saputra menyebut kerugian sementara ditaksir mencapai Rp4 miliar, terutama dari sawah yang gagal panen dan ternak yang hanyut.

Pemerintah Kabupaten Musi Banyuasin menyalurkan beras, selimut dan obat-obatan kepada pengungsi, sementara BPBD masih memantau debit Sungai Lalan yang belum stabil.

Ahmad Rifai dari BPBD meminta warga tetap waspada karena cuaca ekstrem diperkirakan berlangsung hingga akhir pekan.";

#[test]
fn content_farm_rewrite_is_caught() {
    let found = compare_texts(ORIGINAL, REWRITE).expect("the rewrite reuses the original");
    assert_eq!(found.kind, ReuseKind::Rewrite);
    assert!(found.source_coverage > 0.8, "{found:?}");
    assert!(
        found.derived_coverage < found.source_coverage,
        "the rewrite adds a closing line of its own"
    );
}

#[test]
fn same_topic_report_is_not_reuse() {
    assert!(compare_texts(ORIGINAL, SAME_EVENT).is_none());
    assert!(compare_texts(SAME_EVENT, ORIGINAL).is_none());
    assert!(compare_texts(REWRITE, SAME_EVENT).is_none());
}

#[test]
fn copied_paragraph_inside_other_text_is_partial() {
    let second = ORIGINAL.split("\n\n").nth(1).unwrap_or_default();
    let derived = format!(
        "{}\n\n{second}\n\n{}",
        SAME_EVENT.split("\n\n").next().unwrap_or_default(),
        SAME_EVENT.split("\n\n").nth(1).unwrap_or_default()
    );
    let found = compare_texts(ORIGINAL, &derived).expect("one paragraph was copied");
    assert_eq!(found.kind, ReuseKind::Partial);
    assert_eq!(found.passages.len(), 1);
    let p = &found.passages[0];
    assert_eq!(&derived[p.derived_span.start..p.derived_span.end], second);
    assert!(p.similarity > 0.95);
}

#[test]
fn verbatim_copy_is_duplicate() {
    let found = compare_texts(ORIGINAL, ORIGINAL).expect("identical");
    assert_eq!(found.kind, ReuseKind::Duplicate);
    assert!((found.score - 1.0).abs() < 1e-9);
}

#[test]
fn odd_input_never_panics() {
    let odd = [
        "",
        " ",
        "\n\n\n",
        "“",
        "\"",
        "北京欢迎你。东京！",
        "a",
        &"x ".repeat(20_000),
        "Ünïcödé — «quotes» ‘single’ 1,2.3/4",
    ];
    for a in odd {
        for b in odd {
            let _ = compare_texts(a, b);
        }
    }
    let arts: Vec<Article> = odd
        .iter()
        .enumerate()
        .map(|(i, t)| article(&i.to_string(), t))
        .collect();
    let _ = find_reuse(&arts);
    let mut broken = article("broken", "Satu dua tiga empat lima enam.");
    broken.paragraphs.push(Paragraph {
        span: Span::new(3, 9999),
        raw: None,
        kind: ParagraphKind::Body,
    });
    broken.paragraphs.push(Paragraph {
        span: Span { start: 2, end: 1 },
        raw: None,
        kind: ParagraphKind::Body,
    });
    let _ = find_reuse(&[broken.clone(), broken.clone()]);
    assert!((0.0..=1.0).contains(&originality(&broken, &[])));
}

#[test]
fn links_serialise_with_snake_case_kinds() {
    let link = ReuseLink {
        source: ArticleId("a".into()),
        derived: ArticleId("b".into()),
        kind: ReuseKind::LightEdit,
        score: 0.5,
        direction_confidence: 0.5,
        direction_reason: "test".into(),
        passages: vec![],
        altered_quotes: vec![],
    };
    let json = serde_json::to_string(&link).unwrap_or_default();
    assert!(json.contains("\"light_edit\""), "{json}");
    let back: ReuseLink = serde_json::from_str(&json).expect("round trip");
    assert_eq!(back, link);
}
