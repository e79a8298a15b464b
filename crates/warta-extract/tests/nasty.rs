//! Hand-made nasty inputs (`tests/nasty/*`) and big ones generated at run time, each with
//! its expected outcome stated precisely. Tests marked `#[ignore = "bug: ..."]` show bugs
//! still to be fixed in `src/`; run them with `cargo test -p warta-extract --test nasty --
//! --ignored`.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::*;
use warta_extract::{extract_file, Outcome, Severity};
use warta_model::{Compression, Format};

fn nasty(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nasty").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn extract(name: &str) -> Outcome {
    let outcome = extract_file(name, &nasty(name));
    assert_problems_are_actionable(&outcome);
    outcome
}

/// The one problem of the outcome, which must be a file-level error containing `needle`.
fn assert_only_file_error(outcome: &Outcome, needle: &str) {
    assert!(outcome.articles.is_empty(), "{}", summary(outcome));
    assert_eq!(outcome.problems.len(), 1, "{}", summary(outcome));
    let p = &outcome.problems[0];
    assert_eq!(p.severity, Severity::Error, "{p:?}");
    assert_eq!(p.location, None, "{p:?}");
    assert!(p.message.contains(needle), "{:?} does not contain {needle:?}", p.message);
}

fn problem_at<'a>(outcome: &'a Outcome, location: &str) -> &'a warta_extract::Problem {
    outcome
        .problems
        .iter()
        .find(|p| p.location.as_deref() == Some(location))
        .unwrap_or_else(|| panic!("no problem at {location:?}: {}", summary(outcome)))
}

/// Every file in tests/nasty goes through without a panic (the fuzzers' crash inputs end
/// up there too), and every problem says what to do.
#[test]
fn no_file_in_the_corpus_panics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nasty");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let outcome = extract_file(&path.display().to_string(), &bytes);
        assert_problems_are_actionable(&outcome);
        count += 1;
    }
    assert!(count >= 25, "only {count} files in {}", dir.display());
}

// ---------------------------------------------------------------------------------------
// Nothing to read.

#[test]
fn empty_file() {
    assert_only_file_error(&extract("empty.txt"), "empty");
}

#[test]
fn whitespace_only_file() {
    assert_only_file_error(&extract("whitespace_only.txt"), "empty");
}

#[test]
fn nul_filled_file_is_binary() {
    let outcome = extract("nul_filled.bin");
    assert_only_file_error(&outcome, "binary");
    assert_eq!(outcome.format, None);
}

#[test]
fn png_and_pdf_are_refused_as_binary() {
    for name in ["png_header.png", "pdf_header.pdf"] {
        let outcome = extract(name);
        assert_only_file_error(&outcome, "binary");
        assert!(outcome.problems[0].hint.contains("PDF"), "{:?}", outcome.problems[0]);
    }
}

#[test]
fn html_page_without_article_text() {
    let outcome = extract("no_article.html");
    assert_eq!(outcome.format, Some(Format::Html));
    assert_only_file_error(&outcome, "no article text");
}

// ---------------------------------------------------------------------------------------
// Character sets.

#[test]
fn invalid_utf8_is_decoded_with_a_warning_and_keeps_the_words() {
    let outcome = extract("invalid_utf8.txt");
    assert_eq!(outcome.articles.len(), 1, "{}", summary(&outcome));
    assert_eq!(errors(&outcome).len(), 0, "{}", summary(&outcome));
    assert_eq!(warnings(&outcome).len(), 1, "{}", summary(&outcome));
    assert!(warnings(&outcome)[0].message.contains("not valid UTF-8"));
    let article = &outcome.articles[0].article;
    assert!(article.text.contains("menjadi Rp 15.000"), "{}", article.text);
    assert!(article.text.contains("per kilogram"), "{}", article.text);
    assert!(article.warnings.iter().any(|w| w.contains("not valid UTF-8")), "{:?}", article.warnings);
}

#[test]
fn latin1_text_is_decoded_with_a_warning() {
    let outcome = extract("latin1.txt");
    assert_eq!(outcome.articles.len(), 1, "{}", summary(&outcome));
    assert_eq!(warnings(&outcome).len(), 1, "{}", summary(&outcome));
    assert_eq!(errors(&outcome).len(), 0);
    let article = &outcome.articles[0].article;
    assert!(article.text.contains("Café Kopi Nusantara"), "{}", article.text);
    assert!(article.text.contains("Rp 25.000"), "{}", article.text);
    // Latin-1 is read as its superset windows-1252, as browsers do.
    assert_eq!(article.origin.encoding, "windows-1252");
}

#[test]
fn windows1252_text_keeps_dashes_and_curly_quotes() {
    let outcome = extract("windows1252.txt");
    assert_eq!(outcome.articles.len(), 1, "{}", summary(&outcome));
    assert_eq!(warnings(&outcome).len(), 1, "{}", summary(&outcome));
    assert!(warnings(&outcome)[0].message.contains("windows-1252"), "{:?}", warnings(&outcome));
    let article = &outcome.articles[0].article;
    assert_eq!(article.title.as_deref(), Some("Harga Cabai Naik Tajam Di Pasar Induk"));
    assert!(article.text.contains("Rp 1.000 – Rp 2.000"), "{}", article.text);
    assert!(article.text.contains("‘kata’"), "{}", article.text);
    assert!(article.text.contains("“harga gila”"), "{}", article.text);
    assert!(article.text.contains("hari raya…"), "{}", article.text);
    assert_eq!(article.origin.encoding, "windows-1252");
}

#[test]
fn utf16_with_a_byte_order_mark() {
    for (name, encoding) in [("utf16le_bom.txt", "UTF-16LE"), ("utf16be_bom.txt", "UTF-16BE")] {
        let outcome = extract(name);
        assert_eq!(outcome.format, Some(Format::Text));
        assert_eq!(outcome.articles.len(), 1, "{name}: {}", summary(&outcome));
        assert!(outcome.problems.is_empty(), "{name}: {}", summary(&outcome));
        let article = &outcome.articles[0].article;
        assert_eq!(article.origin.encoding, encoding);
        assert_eq!(article.title.as_deref(), Some("Gempa Guncang Pantai Selatan Jawa"));
        assert!(article.text.contains("bermagnitudo 5,6"), "{}", article.text);
        assert_eq!(article.paragraphs.len(), 2);
    }
}

/// One stray byte in an otherwise valid UTF-8 file should cost that byte, not turn every
/// accented letter and curly quote of the article into mojibake.
#[test]

fn utf8_with_one_invalid_byte_stays_utf8() {
    let mut bytes = "Harga Kopi Di Kafe Naik\n\nPemilik Café Kopi itu berkata harga naik Rp 1.000 – Rp 2.000 menurut ‘kata’ pelanggan."
        .as_bytes()
        .to_vec();
    bytes.push(0xff);
    bytes.extend_from_slice("\n\nPelanggan tetap datang setiap pagi untuk minum kopi di sana.\n".as_bytes());
    let outcome = extract_file("one-bad-byte.txt", &bytes);
    assert_eq!(outcome.articles.len(), 1, "{}", summary(&outcome));
    let text = &outcome.articles[0].article.text;
    assert!(text.contains("Café") && text.contains("Rp 1.000 – Rp 2.000") && text.contains("‘kata’"), "{text}");
    assert_eq!(warnings(&outcome).len(), 1, "the replaced byte is still worth a warning: {}", summary(&outcome));
}

// ---------------------------------------------------------------------------------------
// Line endings and long lines.

#[test]
fn crlf_line_endings() {
    let outcome = extract("crlf.txt");
    assert!(outcome.problems.is_empty(), "{}", summary(&outcome));
    assert_eq!(outcome.articles.len(), 1);
    let article = &outcome.articles[0].article;
    assert_eq!(article.title.as_deref(), Some("Banjir Rendam Ribuan Rumah Di Kota"));
    assert_eq!(article.paragraphs.len(), 3);
    assert!(!article.text.contains('\r'));
    // Raw spans point at the same text in the CRLF input.
    let raw = String::from_utf8(nasty("crlf.txt")).unwrap();
    for p in &article.paragraphs {
        let span = p.raw.unwrap();
        assert_eq!(&raw[span.start..span.end], &article.text[p.span.start..p.span.end]);
    }
}

#[test]
fn cr_only_line_endings_do_not_lose_the_text() {
    let outcome = extract("cr_only.txt");
    assert!(outcome.problems.is_empty(), "{}", summary(&outcome));
    assert_eq!(outcome.articles.len(), 1);
    let text = &outcome.articles[0].article.text;
    assert!(text.contains("Pemerintah daerah mengumumkan") && text.contains("kata seorang pedagang"), "{text}");
    assert!(!text.contains('\r'));
}

#[test]

fn cr_only_line_endings_keep_title_and_paragraphs() {
    let outcome = extract("cr_only.txt");
    let article = &outcome.articles[0].article;
    assert_eq!(article.title.as_deref(), Some("Banjir Rendam Ribuan Rumah Di Kota"));
    assert_eq!(article.paragraphs.len(), 3, "{:?}", article.text);
}

#[test]

fn jsonl_with_cr_only_line_endings() {
    let outcome = extract_file("cr.jsonl", jsonl(3).replace('\n', "\r").as_bytes());
    assert_eq!(outcome.articles.len(), 3, "{}", summary(&outcome));
}

#[test]
fn text_file_that_is_one_5_mb_line() {
    let line = "Kata demi kata ditulis tanpa henti, ".repeat(5 * 1024 * 1024 / 36);
    let started = Instant::now();
    let outcome = extract_file("one-line.txt", line.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
    assert!(outcome.problems.is_empty(), "{}", summary(&outcome));
    assert_eq!(outcome.articles.len(), 1);
    let article = &outcome.articles[0].article;
    assert_eq!(article.paragraphs.len(), 1);
    assert_eq!(article.text.len(), line.trim_end().len());
}

#[test]
fn jsonl_with_a_1_mb_line() {
    let big = format!("{{\"title\": \"Artikel Yang Sangat Panjang\", \"text\": \"{}\"}}", "kata demi kata. ".repeat(65_536));
    assert!(big.len() > 1 << 20);
    let file = format!("{}\n{big}\n{}\n", json_object(1), json_object(3));
    let outcome = extract_file("big.jsonl", file.as_bytes());
    assert_eq!(outcome.format, Some(Format::Jsonl));
    assert!(outcome.problems.is_empty(), "{}", summary(&outcome));
    assert_eq!(records(&outcome), vec!["line 1", "line 2", "line 3"]);
    assert!(outcome.articles[1].article.text.len() > 1_000_000);
}

// ---------------------------------------------------------------------------------------
// Compression.

#[test]
fn truncated_gzip_of_jsonl_keeps_the_whole_lines() {
    let outcome = extract("truncated.jsonl.gz");
    assert_eq!(outcome.format, Some(Format::Jsonl));
    assert_eq!(records(&outcome), vec!["line 1", "line 2", "line 3"]);
    assert_eq!(outcome.articles[0].article.origin.compression, Some(Compression::Gzip));
    // One error for the damaged stream (file level), one for the half line it ended in.
    assert_eq!(errors(&outcome).len(), 2, "{}", summary(&outcome));
    let stream = outcome.problems.iter().find(|p| p.location.is_none()).unwrap();
    assert!(stream.message.contains("gzip data is truncated"), "{stream:?}");
    assert!(problem_at(&outcome, "line 4").message.contains("not valid JSON"));
}

#[test]
fn zstd_jsonl() {
    let outcome = extract("articles.jsonl.zst");
    assert!(outcome.problems.is_empty(), "{}", summary(&outcome));
    assert_eq!(outcome.format, Some(Format::Jsonl));
    assert_eq!(records(&outcome), vec!["line 1", "line 2", "line 3"]);
    assert_eq!(outcome.articles[0].article.origin.compression, Some(Compression::Zstd));
    assert_eq!(outcome.articles[2].article.title.as_deref(), Some("Berita Nomor 3 Tentang Jembatan"));
}

/// 50 MiB of zeros from 50 KiB of gzip (50 members of 1 MiB each): refused as binary, quickly.
#[test]
fn gzip_bomb_like_file_is_refused() {
    let bomb = nasty("zeros_1mib.gz").repeat(50);
    assert!(bomb.len() < 64 * 1024);
    let started = Instant::now();
    let outcome = extract_file("bomb.gz", &bomb);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert_only_file_error(&outcome, "binary");
}

/// The same with spaces: 50 MiB of nothing is "empty", not an article.
#[test]
fn gzip_of_50_mib_of_spaces_is_empty() {
    let spaces = gzip(&vec![b' '; 50 << 20]);
    assert!(spaces.len() < 1 << 20);
    let outcome = extract_file("spaces.gz", &spaces);
    assert_only_file_error(&outcome, "empty");
}

#[test]
fn corrupt_gzip_header_is_an_error() {
    let outcome = extract_file("bad.gz", &[0x1f, 0x8b, 0x08, 0xff, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    assert_only_file_error(&outcome, "cannot decompress gzip");
    let outcome = extract_file("bad.zst", &[0x28, 0xb5, 0x2f, 0xfd, 0xff, 0xff, 0xff]);
    assert_only_file_error(&outcome, "cannot decompress zstd");
}

#[test]

fn gzip_inside_gzip_is_unwrapped() {
    let outcome = extract_file("double.jsonl.gz.gz", &gzip(&gzip(jsonl(2).as_bytes())));
    assert_eq!(outcome.articles.len(), 2, "{}", summary(&outcome));
}

// ---------------------------------------------------------------------------------------
// HTML.

fn nested_divs(depth: usize) -> String {
    let mut html = String::with_capacity(depth * 11 + 300);
    html.push_str("<html><head><title>Berita Terdalam</title></head><body>");
    for _ in 0..depth {
        html.push_str("<div>");
    }
    html.push_str("<p>Isi berita yang sangat dalam di halaman ini, dengan kalimat yang cukup panjang untuk sebuah artikel.</p>");
    html.push_str("</body></html>");
    html
}

/// Deep nesting must not exhaust the stack (warta-html copies the tree without recursing).
#[test]
fn deeply_nested_html_does_not_overflow_the_stack() {
    let outcome = extract_file("deep.html", nested_divs(3_000).as_bytes());
    assert!(outcome.problems.is_empty(), "{}", summary(&outcome));
    assert_eq!(outcome.articles.len(), 1);
    assert!(outcome.articles[0].article.text.contains("Isi berita yang sangat dalam"));
}

/// 100 000 nested divs (a 500 KB page) took 204 s here: html5ever's tree builder checks
/// "p element in button scope" on every <div> start tag by walking the whole stack of open
/// elements, so parsing is quadratic in the nesting depth.
#[test]

fn hundred_thousand_nested_divs_finish_quickly() {
    let html = nested_divs(100_000);
    let started = Instant::now();
    let outcome = extract_file("deep.html", html.as_bytes());
    assert!(started.elapsed() < Duration::from_secs(10), "took {:?}", started.elapsed());
    assert!(outcome.articles.len() == 1 || !errors(&outcome).is_empty(), "{}", summary(&outcome));
}

// ---------------------------------------------------------------------------------------
// JSON.

#[test]
fn json_array_of_numbers_names_each_item() {
    let outcome = extract("array_of_numbers.json");
    assert_eq!(outcome.format, Some(Format::Json));
    assert!(outcome.articles.is_empty());
    assert_eq!(errors(&outcome).len(), 3, "{}", summary(&outcome));
    for n in 1..=3 {
        let p = problem_at(&outcome, &format!("item {n}"));
        assert!(p.message.contains("expected a JSON object") && p.message.contains("a number"), "{p:?}");
    }
}

#[test]

fn bare_json_string_and_number_are_not_articles() {
    for name in ["bare_string.json", "bare_number.json"] {
        let outcome = extract(name);
        assert!(outcome.articles.is_empty(), "{name}: {}", summary(&outcome));
        assert_eq!(errors(&outcome).len(), 1, "{name}: {}", summary(&outcome));
        assert!(errors(&outcome)[0].message.contains("JSON object"), "{name}: {}", summary(&outcome));
    }
}

#[test]
fn jsonl_with_one_bad_line() {
    let outcome = extract("jsonl_one_bad_line.jsonl");
    assert_eq!(outcome.format, Some(Format::Jsonl));
    assert_eq!(records(&outcome), vec!["line 1", "line 3"]);
    assert_eq!(outcome.problems.len(), 1, "{}", summary(&outcome));
    let p = problem_at(&outcome, "line 2");
    assert_eq!(p.severity, Severity::Error);
    assert!(p.message.contains("not valid JSON"), "{p:?}");
}

#[test]
fn jsonl_line_without_a_body_is_named() {
    let file = format!("{}\n{{\"title\": \"Tanpa Isi\", \"url\": \"https://example.id/x\"}}\n{}\n", json_object(1), json_object(3));
    let outcome = extract_file("nobody.jsonl", file.as_bytes());
    assert_eq!(records(&outcome), vec!["line 1", "line 3"]);
    assert!(problem_at(&outcome, "line 2").message.contains("no article body"));
}

#[test]
fn json_nested_beyond_the_recursion_limit_is_an_error() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let outcome = extract_file("deep.json", deep.as_bytes());
    assert!(outcome.articles.is_empty());
    assert_eq!(errors(&outcome).len(), 1, "{}", summary(&outcome));
    let deep = format!("{{\"text\": {}1{}}}\n{}\n", "[".repeat(100_000), "]".repeat(100_000), json_object(2));
    let outcome = extract_file("deep.jsonl", deep.as_bytes());
    assert_eq!(records(&outcome), vec!["line 2"], "{}", summary(&outcome));
    assert!(problem_at(&outcome, "line 1").message.contains("recursion limit"));
}

/// A damaged first line must cost only that line, as any other line would.
#[test]

fn jsonl_with_a_damaged_first_line_keeps_the_other_lines() {
    let file = format!("garbage, not JSON\n{}{}", json_object(2) + "\n", json_object(3) + "\n");
    let outcome = extract_file("damaged-first.jsonl", file.as_bytes());
    assert_eq!(records(&outcome), vec!["line 2", "line 3"], "{}", summary(&outcome));
    problem_at(&outcome, "line 1");
}

/// A NUL byte inside one line of a JSON Lines file.
#[test]

fn jsonl_with_a_nul_byte_in_one_line_keeps_the_other_lines() {
    let mut file = jsonl(3).into_bytes();
    let second_line = file.iter().position(|&b| b == b'\n').unwrap() + 10;
    file[second_line] = 0;
    let outcome = extract_file("nul.jsonl", &file);
    assert_eq!(records(&outcome), vec!["line 1", "line 3"], "{}", summary(&outcome));
    problem_at(&outcome, "line 2");
}

/// One malformed item of a JSON array costs every item.
#[test]

fn json_array_with_one_bad_item_keeps_the_others() {
    let mut items: Vec<String> = (1..=3).map(json_object).collect();
    items[1] = "{\"title\": \"rusak\", \"text\": }".into();
    let outcome = extract_file("array.json", format!("[{}]", items.join(",\n")).as_bytes());
    assert_eq!(outcome.articles.len(), 2, "{}", summary(&outcome));
}

// ---------------------------------------------------------------------------------------
// Feeds.

#[test]
fn feed_with_items_lacking_content() {
    let outcome = extract("feed_items_without_content.rss");
    assert_eq!(outcome.format, Some(Format::Rss));
    assert_eq!(records(&outcome), vec!["item 2"]);
    assert_eq!(outcome.problems.len(), 2, "{}", summary(&outcome));
    for n in [1, 3] {
        let p = problem_at(&outcome, &format!("item {n}"));
        assert_eq!(p.severity, Severity::Error);
        assert!(p.message.contains("neither content nor a summary"), "{p:?}");
    }
    let article = &outcome.articles[0].article;
    assert_eq!(article.title.as_deref(), Some("Judul 2"));
    assert_eq!(article.url.as_deref(), Some("https://example.id/2"));
    assert_eq!(article.outlet.as_deref(), Some("Kabar"));
}

#[test]
fn feed_that_is_not_well_formed() {
    let outcome = extract("feed_not_well_formed.rss");
    assert_eq!(outcome.format, Some(Format::Rss));
    let whole = outcome.problems.iter().find(|p| p.location.is_none()).expect("a problem for the whole feed");
    assert_eq!(whole.severity, Severity::Warning, "{whole:?}");
    assert!(whole.message.contains("not well-formed XML as a whole"), "{whole:?}");
    let item = problem_at(&outcome, "item 2");
    assert_eq!(item.severity, Severity::Error, "{item:?}");
}

#[test]

fn feed_with_one_malformed_item_keeps_the_others() {
    let outcome = extract("feed_not_well_formed.rss");
    assert_eq!(records(&outcome), vec!["item 1"], "{}", summary(&outcome));
}

// ---------------------------------------------------------------------------------------
// WARC.

#[test]
fn warc_with_request_and_non_html_records_skips_them() {
    let outcome = extract("warc_request_and_non_html.warc");
    assert_eq!(outcome.format, Some(Format::Warc));
    assert!(outcome.problems.is_empty(), "skipped records are not problems: {}", summary(&outcome));
    // warcinfo, request, metadata, image, JSON, 404 page, request.
    assert_eq!(outcome.skipped, 7);
    assert_eq!(records(&outcome), vec!["record 3 (byte 495)", "record 9 (byte 2773)"]);
    let first = &outcome.articles[0].article;
    assert_eq!(first.url.as_deref(), Some("https://example.id/berita/1"));
    assert_eq!(first.extra.get("crawled").and_then(|v| v.as_str()), Some("2024-06-19T03:00:00Z"));
}

#[test]
fn warc_truncated_in_the_middle_of_a_record() {
    let outcome = extract("warc_truncated_mid_record.warc");
    assert_eq!(records(&outcome), vec!["record 1 (byte 0)", "record 2 (byte 888)"]);
    assert_eq!(outcome.problems.len(), 1, "{}", summary(&outcome));
    let p = problem_at(&outcome, "record 3 (byte 1776)");
    assert!(p.message.contains("cut off: 671 bytes announced, 231 present"), "{p:?}");
}

/// Record 2 announces 200 bytes fewer than it has. Its cut-short page and the following
/// record are still read; the stretch in between is reported on record 2.
#[test]
fn warc_with_a_too_short_content_length() {
    let outcome = extract("warc_content_length_too_short.warc");
    let texts: Vec<&str> = outcome.articles.iter().map(|a| a.article.text.as_str()).collect();
    for n in 1..=3 {
        assert!(texts.iter().any(|t| t.contains(&format!("Berita {n}:"))), "record {n} lost: {}", summary(&outcome));
    }
    let p = problem_at(&outcome, "record 2 (byte 888)");
    assert!(p.message.contains("belong to no record"), "{p:?}");
}

/// The damaged record itself should be flagged (its page lost its last 200 bytes), and the
/// record after it should keep its own number.
#[test]

fn warc_with_a_too_short_content_length_flags_the_damaged_record() {
    let outcome = extract("warc_content_length_too_short.warc");
    problem_at(&outcome, "record 2 (byte 888)");
    assert_eq!(outcome.articles.last().unwrap().article.origin.record.as_deref(), Some("record 3 (byte 1776)"));
}

#[test]
fn warc_with_a_too_long_content_length_reports_the_record() {
    let outcome = extract("warc_content_length_too_long.warc");
    assert!(records(&outcome).contains(&"record 1 (byte 0)".to_string()), "{}", summary(&outcome));
    let p = problem_at(&outcome, "record 2 (byte 888)");
    assert!(p.message.contains("100000 bytes announced"), "{p:?}");
}

#[test]

fn warc_with_a_too_long_content_length_keeps_the_next_record() {
    let outcome = extract("warc_content_length_too_long.warc");
    assert_eq!(records(&outcome), vec!["record 1 (byte 0)", "record 3 (byte 1779)"], "{}", summary(&outcome));
}

/// Record 2's blank line after its WARC headers is damaged, so the header block seems to
/// end at the HTTP head's blank line; Content-Length then runs into record 3's header.
#[test]

fn warc_with_a_damaged_header_separator_keeps_the_next_record() {
    let records_ = warc_records(4);
    let mut damaged = records_[1].clone();
    let blank = damaged.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    damaged[blank + 2] = b'X';
    let file = [records_[0].clone(), damaged, records_[2].clone(), records_[3].clone()].concat();
    let outcome = extract_file("damaged.warc", &file);
    let texts: Vec<&str> = outcome.articles.iter().map(|a| a.article.text.as_str()).collect();
    for n in [1, 3, 4] {
        assert!(texts.iter().any(|t| t.contains(&format!("nomor {n} "))), "record {n} lost: {}", summary(&outcome));
    }
}

#[test]
fn warc_gz_truncated_in_the_third_record() {
    let (gz, ends) = warc_gz(&warc_records(4));
    let cut = ends[1] + (ends[2] - ends[1]) / 2;
    let outcome = extract_file("cut.warc.gz", &gz[..cut]);
    assert_eq!(records(&outcome), vec!["record 1 (byte 0)", "record 2 (byte 1087)"], "{}", summary(&outcome));
    assert!(outcome.problems.iter().any(|p| p.location.is_none() && p.message.contains("gzip data is truncated")), "{}", summary(&outcome));
}
