//! Property tests for the contract of `extract_file`: it never panics, whatever the bytes,
//! and a bad record costs only itself.
//!
//! Case counts are kept modest so the whole file runs in seconds in a debug build; raise them
//! with `PROPTEST_CASES=5000 cargo test -p warta-extract --test never_panics` for a deeper run.

mod common;

use common::*;
use proptest::prelude::*;
use proptest::test_runner::Config;
use warta_extract::{extract_file, Outcome};

fn config() -> Config {
    // `with_cases` is overridden by PROPTEST_CASES when that is set.
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64);
    Config { cases, failure_persistence: None, ..Config::default() }
}

/// Runs the pipeline and checks what every outcome must satisfy.
fn run(bytes: &[u8]) -> Outcome {
    let outcome = extract_file("prop", bytes);
    assert_problems_are_actionable(&outcome);
    for extracted in &outcome.articles {
        let article = &extracted.article;
        assert!(!article.text.trim().is_empty(), "an article without text: {article:?}");
        for paragraph in &article.paragraphs {
            assert!(
                article.text.get(paragraph.span.start..paragraph.span.end).is_some(),
                "paragraph span {:?} outside the text ({} bytes)",
                paragraph.span,
                article.text.len()
            );
        }
    }
    outcome
}

/// The first bytes each format is recognised by.
const PREFIXES: &[&[u8]] = &[
    b"WARC/1.0\r\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 40\r\n\r\n",
    b"<?xml version=\"1.0\"?><rss>",
    b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><description>",
    b"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
    b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">",
    b"<html>",
    b"<html><body><article><p>",
    b"{",
    b"{\"text\": \"",
    b"[",
    b"[{\"html\": \"<p>",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x1f\x8b",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff",
    b"\x28\xb5\x2f\xfd",
    b"\x28\xb5\x2f\xfd\x00\x58",
];

/// Text made of the characters the parsers care about, so inputs get past "binary file".
fn markupish() -> impl Strategy<Value = String> {
    proptest::string::string_regex(
        "([a-zA-Z0-9 .,:;'\"=/<>!?{}\\[\\]\\\\&#()|•–-]|\\r|\\n|\\t|é|“|”|WARC/1.0|Content-Length: [0-9]{1,6}|<p>|</p>|<div>|</div>|<item>|</item>|<entry>|</entry>|<!--|-->|<!\\[CDATA\\[|\\]\\]>|\\r\\n\\r\\n|Oleh |WIB|\"text\": ){0,120}",
    )
    .unwrap()
}

/// A valid sample of each format (several records where the format has records).
fn samples() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("text", text_article(1).into_bytes()),
        ("html", html_page(1).into_bytes()),
        ("json", json_object(1).into_bytes()),
        ("json array", json_array(3).into_bytes()),
        ("jsonl", jsonl(3).into_bytes()),
        ("rss", rss(3).into_bytes()),
        ("atom", atom(3).into_bytes()),
        ("warc", warc(3)),
        ("warc.gz", warc_gz(&warc_records(3)).0),
        ("jsonl.zst", zstd(jsonl(3).as_bytes())),
        ("html.gz", gzip(html_page(1).as_bytes())),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    /// Keep the first `at` (as a share of the length, in 1/10000) bytes.
    Truncate(u16),
    /// XOR the byte at each position with a value.
    Flip(Vec<(u16, u8)>),
    /// Insert bytes at a position.
    Insert(u16, Vec<u8>),
    /// Remove a stretch.
    Delete(u16, u16),
    /// Repeat a stretch (duplicated headers, doubled records).
    Duplicate(u16, u16),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<u16>().prop_map(Mutation::Truncate),
        proptest::collection::vec((any::<u16>(), 1..=255u8), 1..6).prop_map(Mutation::Flip),
        (any::<u16>(), proptest::collection::vec(any::<u8>(), 1..32)).prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<u16>(), 1..200u16).prop_map(|(at, n)| Mutation::Delete(at, n)),
        (any::<u16>(), 1..400u16).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
    ]
}

fn position(share: u16, len: usize) -> usize {
    (share as usize * len) / (u16::MAX as usize + 1)
}

fn mutate(mut bytes: Vec<u8>, m: &Mutation) -> Vec<u8> {
    let len = bytes.len();
    match m {
        Mutation::Truncate(at) => bytes.truncate(position(*at, len)),
        Mutation::Flip(flips) => {
            for (at, x) in flips {
                let at = position(*at, len);
                bytes[at] ^= x;
            }
        }
        Mutation::Insert(at, new) => {
            let at = position(*at, len + 1);
            bytes.splice(at..at, new.iter().copied());
        }
        Mutation::Delete(at, n) => {
            let at = position(*at, len);
            let end = (at + *n as usize).min(len);
            bytes.drain(at..end);
        }
        Mutation::Duplicate(at, n) => {
            let at = position(*at, len);
            let end = (at + *n as usize).min(len);
            let copy = bytes[at..end].to_vec();
            bytes.splice(end..end, copy);
        }
    }
    bytes
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        run(&bytes);
    }

    #[test]
    fn arbitrary_bytes_behind_each_format_prefix_never_panic(
        prefix in 0..PREFIXES.len(),
        bytes in proptest::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut input = PREFIXES[prefix].to_vec();
        input.extend_from_slice(&bytes);
        run(&input);
    }

    #[test]
    fn markup_like_text_behind_each_format_prefix_never_panics(prefix in 0..PREFIXES.len(), text in markupish()) {
        let mut input = PREFIXES[prefix].to_vec();
        input.extend_from_slice(text.as_bytes());
        run(&input);
        // The same text compressed, so the decompressed data reaches every parser too.
        run(&gzip(&input));
    }

    #[test]
    fn mutated_samples_never_panic(sample in 0..11usize, mutations in proptest::collection::vec(mutation(), 1..4)) {
        let (_, bytes) = &samples()[sample];
        let mut bytes = bytes.clone();
        for m in &mutations {
            if bytes.is_empty() {
                break;
            }
            bytes = mutate(bytes, m);
        }
        run(&bytes);
    }

    #[test]
    fn every_truncation_of_every_sample_keeps_what_came_before(sample in 0..11usize, at in any::<u16>()) {
        let (name, bytes) = &samples()[sample];
        let cut = &bytes[..position(at, bytes.len())];
        let outcome = run(cut);
        // Truncated input is never silently whole: either nothing was lost worth reporting
        // or a problem says so. (A cut between records of a JSON Lines file or a WARC is
        // indistinguishable from a shorter file and may pass without one.)
        if outcome.articles.is_empty() && !cut.iter().all(u8::is_ascii_whitespace) {
            prop_assert!(!outcome.problems.is_empty(), "{name} cut at {}: no article and no problem", cut.len());
        }
    }

    /// A JSON Lines file with one damaged line still yields every other line's article.
    /// (Line 1 is left alone here: damaging it can change what the file is detected as, see
    /// `nasty.rs::jsonl_with_a_damaged_first_line_keeps_the_other_lines`.)
    #[test]
    fn jsonl_with_one_damaged_line_keeps_the_others(
        damaged in 2..=5usize,
        m in mutation(),
        replacement in proptest::option::of("[^\\n\\x00-\\x08\\x0e-\\x1f]{0,200}"),
    ) {
        let lines: Vec<String> = (1..=5).map(json_object).collect();
        let mut file = Vec::new();
        let mut damaged_is_blank = false;
        for (i, line) in lines.iter().enumerate() {
            let n = i + 1;
            if n == damaged {
                let broken = match &replacement {
                    Some(text) => text.clone().into_bytes(),
                    None => mutate(line.clone().into_bytes(), &m),
                };
                // Keep the damage inside the line: no line breaks, and no NUL / control bytes,
                // which make the whole file look binary (see nasty.rs::jsonl_with_a_nul_byte_*).
                let kept: Vec<u8> = broken.into_iter().filter(|&b| b != b'\n' && (b >= 0x20 || b == b'\t' || b == b'\r')).collect();
                // A line with nothing on it is no record, in JSON Lines as everywhere.
                damaged_is_blank = kept.iter().all(u8::is_ascii_whitespace);
                file.extend(kept);
            } else {
                file.extend_from_slice(line.as_bytes());
            }
            file.push(b'\n');
        }
        let outcome = run(&file);
        let got = records(&outcome);
        for n in (1..=5).filter(|&n| n != damaged) {
            prop_assert!(got.contains(&format!("line {n}")), "line {n} lost when line {damaged} was damaged: {}", summary(&outcome));
        }
        // When the damaged line produced nothing, a problem says which line it was.
        if !got.contains(&format!("line {damaged}")) && !damaged_is_blank {
            let location = format!("line {damaged}");
            prop_assert!(
                outcome.problems.iter().any(|p| p.location.as_deref() == Some(location.as_str())),
                "line {damaged} lost without a problem naming it: {}", summary(&outcome)
            );
        }
    }

    /// A WARC whose record 2 has a damaged HTTP block (the WARC headers are intact) still
    /// yields records 1, 3 and 4.
    #[test]
    fn warc_with_a_damaged_record_body_keeps_the_others(m in mutation()) {
        let records = warc_records(4);
        let header_len = records[1].windows(4).position(|w| w == b"\r\n\r\n").unwrap() + 4;
        let block_len = records[1].len() - header_len - 4;
        let (head, block) = records[1].split_at(header_len);
        let block = &block[..block_len];
        // Same length, so Content-Length stays true: damage by flips or by overwriting.
        let mut damaged_block = mutate(block.to_vec(), &m);
        damaged_block.resize(block_len, b' ');
        let mut file = records[0].clone();
        file.extend_from_slice(head);
        file.extend_from_slice(&damaged_block);
        file.extend_from_slice(b"\r\n\r\n");
        file.extend_from_slice(&records[2]);
        file.extend_from_slice(&records[3]);
        let outcome = run(&file);
        let texts: Vec<&str> = outcome.articles.iter().map(|a| a.article.text.as_str()).collect();
        for n in [1, 3, 4] {
            let marker = format!("Pemerintah daerah nomor {n} ");
            prop_assert!(texts.iter().any(|t| t.contains(&marker)), "record {n} lost: {}", summary(&outcome));
        }
    }

    /// A .warc.gz (one gzip member per record) cut anywhere yields every record whose member
    /// arrived whole, and says that the file is truncated.
    #[test]
    fn truncated_warc_gz_keeps_the_records_before_the_cut(at in any::<u16>()) {
        let (gz, ends) = warc_gz(&warc_records(4));
        let cut = position(at, gz.len()).max(1);
        let outcome = run(&gz[..cut]);
        let whole = ends.iter().filter(|&&end| end <= cut).count();
        let texts: Vec<&str> = outcome.articles.iter().map(|a| a.article.text.as_str()).collect();
        for n in 1..=whole {
            let marker = format!("Pemerintah daerah nomor {n} ");
            prop_assert!(texts.iter().any(|t| t.contains(&marker)), "record {n} lost, cut at {cut}: {}", summary(&outcome));
        }
        if !ends.contains(&cut) {
            prop_assert!(!errors(&outcome).is_empty(), "cut at {cut} inside a member without an error: {}", summary(&outcome));
        }
    }

    /// Same for a JSON Lines file compressed with zstd and cut anywhere.
    #[test]
    fn truncated_jsonl_zst_keeps_the_lines_before_the_cut(at in any::<u16>()) {
        let plain = jsonl(6);
        let zst = zstd(plain.as_bytes());
        let cut = position(at, zst.len()).max(4);
        let outcome = run(&zst[..cut]);
        // zstd emits whole blocks only; nothing can be promised about which lines made it,
        // but every article must be one of the file's lines, intact.
        for a in &outcome.articles {
            prop_assert!(a.article.text.starts_with("Pemerintah daerah nomor"), "{:?}", a.article.text);
        }
        if cut < zst.len() {
            prop_assert!(!errors(&outcome).is_empty(), "cut at {cut} without an error: {}", summary(&outcome));
        }
    }
}

/// Truncation at every position class of a small WARC: inside the version line, inside a
/// header name, inside the Content-Length value, at the blank line, inside the HTTP head,
/// inside the HTML, at the record end. Records wholly before the cut must survive.
#[test]
fn warc_truncated_at_every_position_class_keeps_whole_records() {
    let records = warc_records(3);
    let file = records.concat();
    let first_end = records[0].len();
    let second_end = first_end + records[1].len();
    // Every byte around the landmarks of record 2, a sparse sweep elsewhere.
    let second = &records[1];
    let mut cuts: Vec<usize> = (0..=file.len()).step_by(37).collect();
    for landmark in ["WARC/1.0", "\r\nWARC-Type", "Content-Length: ", "\r\n\r\nHTTP/1.1", "HTTP/1.1 200", "\r\n\r\n<!DOCTYPE", "<article>", "</html>"] {
        let at = first_end + second.windows(landmark.len()).position(|w| w == landmark.as_bytes()).unwrap();
        cuts.extend(at.saturating_sub(2)..(at + landmark.len() + 2).min(file.len()));
    }
    cuts.extend(second_end - 6..=second_end + 6);
    cuts.extend(file.len() - 6..=file.len());
    for cut in cuts {
        let outcome = run(&file[..cut]);
        let got = records_of(&outcome);
        if cut >= first_end {
            assert!(got.contains(&1), "record 1 lost with the cut at {cut}: {}", summary(&outcome));
        }
        if cut >= second_end {
            assert!(got.contains(&2), "record 2 lost with the cut at {cut}: {}", summary(&outcome));
        }
        // A record cut short of its Content-Length is reported, not silently dropped. (A cut
        // in the blank lines after a record, or before "WARC/" is complete, loses nothing.)
        let in_padding = [first_end, second_end, file.len()].iter().any(|&end| cut + 4 >= end && cut <= end);
        if cut >= 5 && !in_padding {
            assert!(!errors(&outcome).is_empty(), "cut at {cut} without an error: {}", summary(&outcome));
        }
    }
}

/// Which sample records (by the number in their text) came out.
fn records_of(outcome: &Outcome) -> Vec<usize> {
    outcome
        .articles
        .iter()
        .filter_map(|a| {
            let rest = a.article.text.split("Pemerintah daerah nomor ").nth(1)?;
            rest.split(' ').next()?.parse().ok()
        })
        .collect()
}

/// A JSON Lines file cut at every byte keeps every line that arrived whole.
#[test]
fn jsonl_truncated_at_every_position_keeps_whole_lines() {
    let file = jsonl(3);
    let ends: Vec<usize> = file.match_indices('\n').map(|(i, _)| i).collect();
    for cut in 1..=file.len() {
        let outcome = run(&file.as_bytes()[..cut]);
        let whole = ends.iter().filter(|&&e| e <= cut).count();
        let got = records_of(&outcome);
        for n in 1..=whole {
            assert!(got.contains(&n), "line {n} lost with the cut at {cut}: {}", summary(&outcome));
        }
    }
}
