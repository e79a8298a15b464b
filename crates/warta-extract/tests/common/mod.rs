//! Shared helpers for the warta-extract integration tests: small valid samples of every
//! input format, compression, and ways to look at an [`Outcome`].
#![allow(dead_code)]

use warta_extract::{Outcome, Problem, Severity};

/// Distinct, plausible article paragraphs: record `n` gets its own words so each record is
/// extracted as a separate article with its own text.
pub fn paragraphs(n: usize) -> [String; 3] {
    [
        format!(
            "Pemerintah daerah nomor {n} mengumumkan rencana pembangunan jembatan baru di pusat kota pada hari Senin, \
             yang diharapkan selesai dalam dua tahun ke depan."
        ),
        format!(
            "Menurut kepala dinas pekerjaan umum, anggaran untuk proyek ke-{n} ini berasal dari dana provinsi \
             dan sebagian dari pinjaman bank pembangunan."
        ),
        format!(
            "Warga menyambut baik rencana tersebut karena kemacetan di jembatan lama sudah sangat parah setiap pagi, \
             kata seorang pedagang pasar nomor {n}."
        ),
    ]
}

pub fn title(n: usize) -> String {
    format!("Jembatan Baru Dibangun Di Kota Nomor {n}")
}

pub fn text_article(n: usize) -> String {
    let p = paragraphs(n);
    format!("{}\n\n{}\n\n{}\n\n{}\n", title(n), p[0], p[1], p[2])
}

pub fn html_page(n: usize) -> String {
    let p = paragraphs(n);
    format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>{t}</title></head>\
         <body><nav><a href=\"/\">Beranda</a> <a href=\"/news\">Berita</a></nav>\
         <article><h1>{t}</h1><p>{a}</p><p>{b}</p><p>{c}</p></article>\
         <footer>Hak cipta dilindungi</footer></body></html>",
        t = title(n),
        a = p[0],
        b = p[1],
        c = p[2]
    )
}

pub fn json_object(n: usize) -> String {
    let p = paragraphs(n);
    format!(
        "{{\"url\": \"https://example.id/berita/{n}\", \"title\": \"{}\", \"text\": \"{}\\n\\n{}\\n\\n{}\", \"published\": \"2024-06-19T10:00:00+07:00\"}}",
        title(n),
        p[0],
        p[1],
        p[2]
    )
}

pub fn jsonl(count: usize) -> String {
    (1..=count).map(|n| json_object(n) + "\n").collect()
}

pub fn json_array(count: usize) -> String {
    format!("[{}]", (1..=count).map(json_object).collect::<Vec<_>>().join(",\n"))
}

pub fn rss_item(n: usize) -> String {
    let p = paragraphs(n);
    format!(
        "<item><title>{}</title><link>https://example.id/berita/{n}</link>\
         <pubDate>Wed, 19 Jun 2024 10:00:00 +0700</pubDate>\
         <description><![CDATA[<p>{}</p><p>{}</p><p>{}</p>]]></description></item>\n",
        title(n),
        p[0],
        p[1],
        p[2]
    )
}

pub fn rss(count: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Kabar Contoh</title>\
         <link>https://example.id/</link><description>Berita</description>\n{}</channel></rss>\n",
        (1..=count).map(rss_item).collect::<String>()
    )
}

pub fn atom_entry(n: usize) -> String {
    let p = paragraphs(n);
    format!(
        "<entry><title>{}</title><link href=\"https://example.id/berita/{n}\"/><id>urn:berita:{n}</id>\
         <updated>2024-06-19T10:00:00+07:00</updated>\
         <content type=\"html\">&lt;p&gt;{}&lt;/p&gt;&lt;p&gt;{}&lt;/p&gt;&lt;p&gt;{}&lt;/p&gt;</content></entry>\n",
        title(n),
        p[0],
        p[1],
        p[2]
    )
}

pub fn atom(count: usize) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Kabar Contoh</title>\
         <id>urn:kabar</id><updated>2024-06-19T10:00:00+07:00</updated>\n{}</feed>\n",
        (1..=count).map(atom_entry).collect::<String>()
    )
}

/// One WARC record with the given type, content type and block.
pub fn warc_record(record_type: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-06-19T03:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{:012}>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response record holding article page `n`.
pub fn warc_response(n: usize) -> Vec<u8> {
    let html = html_page(n);
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}", html.len());
    warc_record("response", &format!("https://example.id/berita/{n}"), "application/http; msgtype=response", block.as_bytes())
}

pub fn warc_request(n: usize) -> Vec<u8> {
    let block = format!("GET /berita/{n} HTTP/1.1\r\nHost: example.id\r\n\r\n");
    warc_record("request", &format!("https://example.id/berita/{n}"), "application/http; msgtype=request", block.as_bytes())
}

/// `count` response records, each its own Vec (so tests can damage one).
pub fn warc_records(count: usize) -> Vec<Vec<u8>> {
    (1..=count).map(warc_response).collect()
}

pub fn warc(count: usize) -> Vec<u8> {
    warc_records(count).concat()
}

// ---------------------------------------------------------------------------------------
// Compression (flate2 and zstd are warta-extract's own dependencies, so tests may use them).

/// One gzip member holding `data`.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}

/// One zstd frame holding `data`.
pub fn zstd(data: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(data, 3).unwrap()
}

/// A .warc.gz as crawlers write it: each record its own gzip member. Also returns where each
/// member ends in the compressed file.
pub fn warc_gz(records: &[Vec<u8>]) -> (Vec<u8>, Vec<usize>) {
    let mut out = Vec::new();
    let mut ends = Vec::new();
    for record in records {
        out.extend_from_slice(&gzip(record));
        ends.push(out.len());
    }
    (out, ends)
}

// ---------------------------------------------------------------------------------------
// Looking at outcomes.

pub fn errors(outcome: &Outcome) -> Vec<&Problem> {
    outcome.problems.iter().filter(|p| p.severity == Severity::Error).collect()
}

pub fn warnings(outcome: &Outcome) -> Vec<&Problem> {
    outcome.problems.iter().filter(|p| p.severity == Severity::Warning).collect()
}

/// Record locators ("line 3", "record 2 (byte 1234)") of the extracted articles.
pub fn records(outcome: &Outcome) -> Vec<String> {
    outcome.articles.iter().map(|a| a.article.origin.record.clone().unwrap_or_default()).collect()
}

/// Every problem must say what to do, and say something.
pub fn assert_problems_are_actionable(outcome: &Outcome) {
    for p in &outcome.problems {
        assert!(!p.message.trim().is_empty(), "problem without a message: {p:?}");
        assert!(!p.hint.trim().is_empty(), "problem without a hint: {p:?}");
    }
}

pub fn summary(outcome: &Outcome) -> String {
    format!(
        "format {:?}, {} articles {:?}, skipped {}, problems {:#?}",
        outcome.format,
        outcome.articles.len(),
        records(outcome),
        outcome.skipped,
        outcome.problems
    )
}
