//! The `warta` program as users run it: every input format, bad input of every kind,
//! re-ingesting, the JSON contract, and the sample corpora.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Self {
        Workspace { dir: tempfile::tempdir().expect("temp dir") }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn warta(&self, args: &[&str]) -> Output {
        self.warta_with_stdin(args, None)
    }

    fn warta_with_stdin(&self, args: &[&str], stdin: Option<&[u8]>) -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
            .arg("--db")
            .arg(self.path("warta.db"))
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run warta");
        {
            let mut input = child.stdin.take().unwrap();
            if let Some(bytes) = stdin {
                input.write_all(bytes).unwrap();
            }
        }
        child.wait_with_output().unwrap()
    }

    fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        let out = self.warta(&all);
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}\nstderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
        })
    }

    fn ingest(&self, paths: &[&Path]) -> (Value, Option<i32>) {
        let mut args = vec!["ingest".to_string(), "--json".to_string()];
        args.extend(paths.iter().map(|p| p.display().to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = self.warta(&args);
        let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("not JSON ({e}): {}\nstderr: {}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
        });
        (report, out.status.code())
    }

    fn articles(&self) -> Vec<Value> {
        self.json(&["articles"]).as_array().cloned().unwrap_or_default()
    }
}

const INDONESIAN_BODY: &str = "Kapal penumpang KMP Sinar Harapan terbakar di perairan Selat Lembayung pada Senin malam saat berlayar menuju Pulau Tanaweri.\n\nKepala Kantor SAR setempat mengatakan seluruh penumpang sudah dievakuasi dan dua belas orang dirawat di rumah sakit karena menghirup asap.";

fn pasted_page() -> String {
    format!(
        "Baca berita tanpa iklan. Gabung Kabar+\n\nKapal Penumpang Terbakar di Selat Lembayung\n\nKabar Nusantara - 04/03/2025, 01:05 WIB\n\nPenulis: Ardiansyah Putra\n\nBANDAR SARINJAYA, KABARNUSANTARA.CO.ID - {INDONESIAN_BODY}\n\nBaca juga: Berita lain yang tidak terkait\n\nPOPULER\n1. Harga emas naik"
    )
}

fn html_page() -> String {
    format!(
        r#"<!DOCTYPE html><html lang="id"><head><title>Kapal Terbakar | Sarinjaya Pos</title>
<meta property="og:site_name" content="Sarinjaya Pos">
<meta property="og:title" content="Kapal Penumpang Terbakar di Selat Lembayung">
<meta property="article:published_time" content="2025-03-04T07:10:00+08:00">
<link rel="canonical" href="https://sarinjayapos.example/kapal-terbakar">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"Kapal Penumpang Terbakar di Selat Lembayung","datePublished":"2025-03-04T07:10:00+08:00","author":{{"@type":"Person","name":"Maria Goreti"}}}}</script>
</head><body><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a> <a href="/politik">Politik</a></nav>
<article><h1>Kapal Penumpang Terbakar di Selat Lembayung</h1>
<p>{}</p><p>{}</p></article>
<footer>Hak cipta Sarinjaya Pos. Semua hak dilindungi.</footer></body></html>"#,
        INDONESIAN_BODY.split("\n\n").next().unwrap(),
        INDONESIAN_BODY.split("\n\n").nth(1).unwrap()
    )
}

fn jsonl_two() -> String {
    let a = serde_json::json!({"url": "https://a.example/1", "title": "Kapal terbakar", "text": INDONESIAN_BODY, "published": "2025-03-04T09:00:00+08:00", "outlet": "Suara Tanaweri", "authors": ["Yohanes Bria"], "language": "id", "crawl": {"id": 7}});
    let b = serde_json::json!({"url": "https://a.example/2", "title": "Ferry fire", "text": "A passenger ferry caught fire in the Lembayung Strait on Monday night while sailing to Tanaweri island, officials said. Twelve people were treated for smoke inhalation.", "published": "2025-03-04T10:00:00Z", "outlet": "Straits Ledger", "authors": "Adrian Teo"});
    format!("{a}\n{b}\n")
}

fn rss_feed() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Suara Tanaweri</title><link>https://suara.example</link><language>id</language>
<item><title>Kapal terbakar</title><link>https://suara.example/1</link><pubDate>Tue, 04 Mar 2025 09:00:00 +0800</pubDate><content:encoded><![CDATA[<p>{}</p><p>{}</p>]]></content:encoded></item>
<item><title>Harga cabai naik</title><link>https://suara.example/2</link><pubDate>Wed, 05 Mar 2025 14:30:00 +0800</pubDate><description>Harga cabai rawit di pasar Tanaweri naik menjadi Rp90 ribu per kilogram karena pasokan dari luar pulau terhambat cuaca buruk.</description></item>
</channel></rss>"#,
        INDONESIAN_BODY.split("\n\n").next().unwrap(),
        INDONESIAN_BODY.split("\n\n").nth(1).unwrap()
    )
}

fn atom_feed() -> String {
    r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Straits Ledger</title><id>urn:x</id><updated>2025-03-04T12:00:00Z</updated>
<entry><title>Ferry fire in Sarinjaya</title><id>urn:1</id><link href="https://ledger.example/1"/><published>2025-03-04T20:05:00+08:00</published><updated>2025-03-04T20:41:00+08:00</updated><author><name>Adrian Teo</name></author>
<content type="html">&lt;p&gt;A passenger ferry caught fire in the Lembayung Strait on Monday night while sailing to Tanaweri island, rescue officials said on Tuesday.&lt;/p&gt;&lt;p&gt;Twelve passengers were treated for burns and smoke inhalation at the provincial hospital.&lt;/p&gt;</content></entry>
</feed>"#
        .to_string()
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2025-03-04T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uri}>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn warc_archive() -> Vec<u8> {
    let page = html_page();
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    let mut warc = warc_record("warcinfo", "info", "application/warc-fields", b"software: test\r\n");
    warc.extend(warc_record("request", "https://sarinjayapos.example/k", "application/http; msgtype=request", b"GET /k HTTP/1.1\r\n\r\n"));
    warc.extend(warc_record("response", "https://sarinjayapos.example/k", "application/http; msgtype=response", http.as_bytes()));
    let image = "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{89}PNG";
    warc.extend(warc_record("response", "https://sarinjayapos.example/a.png", "application/http; msgtype=response", image.as_bytes()));
    warc
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

#[test]
fn every_format_is_recognised_from_its_content() {
    let ws = Workspace::new();
    // Names say nothing about the format: warta must look inside.
    let inputs = [
        ("a.dat", pasted_page().into_bytes(), "text", 1),
        ("b.dat", html_page().into_bytes(), "html", 1),
        ("c.dat", jsonl_two().into_bytes(), "jsonl", 2),
        ("d.dat", format!("[{}]", jsonl_two().trim().replace('\n', ",")).into_bytes(), "json", 2),
        ("e.dat", rss_feed().into_bytes(), "rss", 2),
        ("f.dat", atom_feed().into_bytes(), "atom", 1),
        ("g.dat", warc_archive(), "warc", 1),
    ];
    for (name, bytes, format, expected) in inputs {
        let fresh = Workspace::new();
        let path = fresh.write(name, &bytes);
        let (report, code) = fresh.ingest(&[&path]);
        assert_eq!(code, Some(0), "{format}: {report}");
        assert_eq!(report["added"], expected, "{format}: {report}");
        let articles = fresh.articles();
        assert!(articles.iter().all(|a| a["format"] == format), "{format}: {articles:?}");
        let _ = &ws;
    }
}

#[test]
fn compressed_inputs_are_read_through() {
    let ws = Workspace::new();
    let gz = ws.write("news.jsonl.gz", gzip(jsonl_two().as_bytes()));
    let zst = ws.write("page.txt.zst", zstd::encode_all(pasted_page().as_bytes(), 3).unwrap());
    let warc_gz = ws.write("crawl.warc.gz", gzip(&warc_archive()));
    let (report, code) = ws.ingest(&[&gz, &zst, &warc_gz]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["added"], 4, "{report}");
    assert_eq!(report["skipped_records"], 3, "warcinfo, request and image records are not articles: {report}");
}

#[test]
fn pasted_text_becomes_a_clean_article_with_metadata() {
    let ws = Workspace::new();
    let path = ws.write("page.txt", pasted_page());
    ws.ingest(&[&path]);
    let list = ws.articles();
    let id = list[0]["id"].as_str().unwrap();
    let article = ws.json(&["show", id]);
    assert_eq!(article["title"], "Kapal Penumpang Terbakar di Selat Lembayung");
    assert_eq!(article["outlet"], "Kabar Nusantara");
    assert_eq!(article["published"], "2025-03-04T01:05:00+07:00");
    assert_eq!(article["authors"], serde_json::json!(["Ardiansyah Putra"]));
    assert_eq!(article["dateline"], "Bandar Sarinjaya");
    assert_eq!(article["language"], "id");
    let text = article["text"].as_str().unwrap();
    assert!(text.starts_with("Kapal penumpang KMP Sinar Harapan terbakar"), "{text}");
    assert!(!text.contains("Baca juga") && !text.contains("POPULER") && !text.contains("Harga emas"));
    let reasons: Vec<&str> = article["removed"].as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert!(reasons.contains(&"subscription prompt") && reasons.contains(&"related-article link"), "{reasons:?}");
    // Every paragraph's span is its text, and its raw span points at the same words in the input.
    let raw = ws.warta(&["show", id, "--raw"]).stdout;
    for p in article["paragraphs"].as_array().unwrap() {
        let (start, end) = (p["start"].as_u64().unwrap() as usize, p["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[start..end], p["text"].as_str().unwrap());
        let (rs, re) = (p["raw"]["start"].as_u64().unwrap() as usize, p["raw"]["end"].as_u64().unwrap() as usize);
        assert_eq!(std::str::from_utf8(&raw[rs..re]).unwrap(), p["text"].as_str().unwrap());
    }
}

#[test]
fn html_metadata_and_json_fields_are_kept() {
    let ws = Workspace::new();
    let html = ws.write("page.html", html_page());
    let jsonl = ws.write("news.jsonl", jsonl_two());
    ws.ingest(&[&html, &jsonl]);
    let list = ws.articles();
    let page = list.iter().find(|a| a["format"] == "html").unwrap();
    assert_eq!(page["outlet"], "Sarinjaya Pos");
    assert_eq!(page["published"], "2025-03-04T07:10:00+08:00");
    assert_eq!(page["url"], "https://sarinjayapos.example/kapal-terbakar");
    assert_eq!(page["authors"], serde_json::json!(["Maria Goreti"]));
    let shown = ws.json(&["show", page["id"].as_str().unwrap()]);
    assert!(!shown["text"].as_str().unwrap().contains("Beranda"), "navigation kept: {}", shown["text"]);
    let from_json = list.iter().find(|a| a["url"] == "https://a.example/1").unwrap();
    let shown = ws.json(&["show", from_json["id"].as_str().unwrap()]);
    assert_eq!(shown["extra"]["crawl"]["id"], 7, "unknown fields are kept");
    assert_eq!(shown["record"], "line 1");
    let english = list.iter().find(|a| a["url"] == "https://a.example/2").unwrap();
    assert_eq!(english["language"], "en");
    assert_eq!(english["authors"], serde_json::json!(["Adrian Teo"]));
}

#[test]
fn the_json_contract_has_its_fields() {
    let ws = Workspace::new();
    let path = ws.write("news.jsonl", jsonl_two());
    ws.ingest(&[&path]);
    let list = ws.articles();
    assert_eq!(list.len(), 2);
    for a in &list {
        for field in ["id", "source", "url", "title", "outlet", "authors", "published", "language", "version"] {
            assert!(a.get(field).is_some(), "{field} missing from {a}");
        }
        assert!(a["authors"].is_array());
        let shown = ws.json(&["show", a["id"].as_str().unwrap()]);
        for field in ["text", "paragraphs", "removed"] {
            assert!(shown.get(field).is_some(), "{field} missing from show");
        }
    }
}

#[test]
fn ingesting_the_same_input_twice_stores_nothing_new() {
    let ws = Workspace::new();
    let dir = ws.path("news");
    ws.write("news/a.txt", pasted_page());
    ws.write("news/b.jsonl", jsonl_two());
    let (first, _) = ws.ingest(&[&dir]);
    assert_eq!(first["added"], 3);
    let (second, code) = ws.ingest(&[&dir]);
    assert_eq!(code, Some(0));
    assert_eq!(second["added"], 0, "{second}");
    assert_eq!(second["already_stored"], 3);
    assert_eq!(ws.articles().len(), 3);
    let out = ws.warta(&["ingest", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("3 already stored"));
}

#[test]
fn changed_content_at_a_url_is_a_new_linked_version() {
    let ws = Workspace::new();
    let old = ws.write("old.jsonl", jsonl_two());
    ws.ingest(&[&old]);
    let changed = jsonl_two().replace("dua belas orang", "empat belas orang");
    let new = ws.write("new.jsonl", changed);
    let (report, _) = ws.ingest(&[&new]);
    assert_eq!(report["added"], 1);
    assert_eq!(report["new_versions"], 1);
    let versions: Vec<Value> = ws.articles().into_iter().filter(|a| a["url"] == "https://a.example/1").collect();
    assert_eq!(versions.len(), 2);
    let latest = versions.iter().find(|a| a["version"] == 2).unwrap();
    let first = versions.iter().find(|a| a["version"] == 1).unwrap();
    assert_eq!(latest["previous"], first["id"]);
}

#[test]
fn bad_input_is_reported_and_the_rest_of_the_batch_goes_on() {
    let ws = Workspace::new();
    let good = ws.write("in/good.txt", pasted_page());
    ws.write("in/empty.txt", "");
    ws.write("in/binary.bin", [0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0, 1, 2, 3]);
    ws.write("in/broken.jsonl", format!("{}{{\"title\": \"cut off\n[1,2]\n", jsonl_two()));
    ws.write("in/truncated.txt.gz", {
        let gz = gzip(pasted_page().repeat(50).as_bytes());
        gz[..gz.len() / 2].to_vec()
    });
    ws.write("in/chrome-only.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>");
    ws.write("in/bad-feed.xml", "<?xml version=\"1.0\"?><rss><channel><item><title>x</item></rss>");
    let mut warc = warc_archive();
    warc.extend_from_slice(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort");
    ws.write("in/cut.warc", warc);
    ws.write("in/latin1.txt", b"Judul Berita Lama\n\nHarga kopi di caf\xe9 itu naik menjadi Rp 25.000 per cangkir karena biaya bahan baku meningkat tajam sepanjang tahun ini.\n".to_vec());
    let (report, code) = ws.ingest(&[&ws.path("in")]);
    assert_eq!(code, Some(1), "a documented non-zero exit when anything failed: {report}");
    let problems = report["problems"].as_array().unwrap();
    let problem_for = |file: &str| {
        problems
            .iter()
            .filter(|p| p["source"].as_str().unwrap().ends_with(file))
            .cloned()
            .collect::<Vec<Value>>()
    };
    assert!(problem_for("empty.txt")[0]["message"].as_str().unwrap().contains("empty"));
    assert!(problem_for("binary.bin")[0]["message"].as_str().unwrap().contains("binary"));
    let json_problems = problem_for("broken.jsonl");
    assert_eq!(json_problems.len(), 2, "{json_problems:?}");
    assert_eq!(json_problems[0]["location"], "line 3");
    assert_eq!(json_problems[1]["location"], "line 4");
    assert!(problem_for("truncated.txt.gz")[0]["message"].as_str().unwrap().contains("truncated"));
    assert!(problem_for("chrome-only.html")[0]["message"].as_str().unwrap().contains("no article"));
    assert!(!problem_for("bad-feed.xml").is_empty());
    let warc_problems = problem_for("cut.warc");
    assert!(warc_problems[0]["location"].as_str().unwrap().starts_with("record 5"), "{warc_problems:?}");
    let latin1 = problem_for("latin1.txt");
    assert_eq!(latin1[0]["severity"], "warning");
    // Everything good was stored: the text page, two JSON lines, the truncated gzip's
    // readable part, the WARC's page and the Latin-1 page.
    let list = ws.articles();
    assert_eq!(list.len(), 6, "{}", serde_json::to_string_pretty(&list).unwrap());
    let latin1_article = list.iter().find(|a| a["source"].as_str().unwrap().ends_with("latin1.txt")).unwrap();
    let shown = ws.json(&["show", latin1_article["id"].as_str().unwrap()]);
    assert!(shown["text"].as_str().unwrap().contains("café"));
    // Each problem is one line on standard error naming the file.
    let out = ws.warta(&["ingest", good.to_str().unwrap(), ws.path("in/empty.txt").to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.lines().any(|l| l.contains("empty.txt") && l.contains("error")), "{stderr}");
}

#[test]
fn huge_inputs_do_not_break_the_batch() {
    let ws = Workspace::new();
    let one_line = "kata ".repeat(1_000_000);
    let big = ws.write("big.txt", format!("Judul Sebuah Berita Panjang\n{one_line}."));
    let (report, code) = ws.ingest(&[&big]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["added"], 1);
}

#[test]
fn standard_input_globs_and_missing_paths() {
    let ws = Workspace::new();
    let out = ws.warta_with_stdin(&["ingest", "--json", "-"], Some(pasted_page().as_bytes()));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["added"], 1);
    assert_eq!(report["articles"][0]["source"], "-");
    ws.write("g/one.jsonl", jsonl_two());
    ws.write("g/two.txt", "not matched by the glob");
    let pattern = format!("{}/g/*.jsonl", ws.dir.path().display());
    let out = ws.warta(&["ingest", "--json", &pattern]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"], 1);
    let out = ws.warta(&["ingest", "no/such/path"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
    let out = ws.warta(&["show", "ffffffffff"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("warta articles"), "errors say what to do next");
}

#[test]
fn analyze_ingests_and_reports_the_example_corpus() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ws = Workspace::new();
    let out = ws.warta(&["analyze", "--json", examples.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let articles = report["articles"].as_array().unwrap();
    assert!(articles.len() >= 12, "{}", articles.len());
    let languages = &report["languages"];
    assert!(languages["id"].as_u64().unwrap() >= 8 && languages["en"].as_u64().unwrap() >= 2, "{languages}");
    // Every example article has a title, an outlet and a publication time with a zone.
    for a in articles {
        assert!(a["title"].is_string(), "{a}");
        assert!(a["outlet"].is_string(), "{a}");
        assert!(a["published"].as_str().is_some_and(|p| p.len() == 25), "{a}");
    }
}

fn seeds() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: the sample corpus {} is absent", dir.display());
        None
    }
}

#[test]
fn the_seed_articles_are_extracted_as_a_careful_reader_would() {
    let Some(dir) = seeds() else { return };
    let ws = Workspace::new();
    let (report, code) = ws.ingest(&[&dir]);
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["added"], 5);
    let by_file = |prefix: &str| {
        let list = ws.articles();
        let a = list.iter().find(|a| a["source"].as_str().unwrap().contains(prefix)).unwrap().clone();
        ws.json(&["show", a["id"].as_str().unwrap()])
    };
    let liputan = by_file("001_");
    assert_eq!(liputan["title"], "NATO Khawatir Rusia Bakal Dukung Program Rudal dan Nuklir Korea Utara");
    assert_eq!(liputan["outlet"], "Liputan6.com");
    assert_eq!(liputan["dateline"], "Brussels");
    assert_eq!(liputan["authors"], serde_json::json!(["Khairisa Ferida"]));
    assert_eq!(liputan["modified"], "2024-06-19T17:23:00+07:00");
    let text = liputan["text"].as_str().unwrap();
    assert!(text.contains("Rabu (20/6/2024)"), "the standfirst carries a date and stays");
    assert!(!text.contains("(Dok. AFP)") && !text.contains("Rekomendasi") && !text.contains("Liputan6.com, Brussels"));
    assert!(text.trim_end().ends_with("\"Itu harus dihentikan,\" imbuhnya."));
    let kompas = by_file("004_");
    assert_eq!(kompas["outlet"], "Kompas.com");
    assert_eq!(kompas["published"], "2023-09-15T06:19:00+07:00");
    assert_eq!(kompas["editors"], serde_json::json!(["Irawan Sapto Adhi"]));
    assert_eq!(kompas["dateline"], "Washington DC");
    let text = kompas["text"].as_str().unwrap();
    assert!(text.starts_with("Presiden Rusia Vladimir Putin telah bertemu"));
    for chrome in ["Baca juga", "Gabung Kompas.com+", "WhatsApp", "Close Ads", "Login untuk", "Komentar"] {
        assert!(!text.contains(chrome), "{chrome} left in the text");
    }
    let epoch = by_file("002_");
    assert_eq!(epoch["authors"], serde_json::json!(["Chen Yue", "Chi Xiao"]));
    assert!(epoch["text"].as_str().unwrap().trim_end().ends_with("sumber bahan bakar."), "the editor's initials go");
    let pact = by_file("003_");
    assert_eq!(pact["title"], "Pakta Perjanjian Pertahanan Putin-Kim Jong Un Diteken");
    assert!(pact["text"].as_str().unwrap().starts_with("Apa sikap AS"));
    let untitled = by_file("000_");
    assert!(untitled["title"].is_null(), "a page without a headline gets none invented");
    for a in ws.articles() {
        assert_eq!(a["language"], "id");
    }
}

#[test]
fn reuse_links_the_example_rewrite_and_copies_but_not_same_topic_articles() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ws = Workspace::new();
    ws.ingest(&[&examples]);
    let list = ws.articles();
    let id_of = |file: &str| {
        list.iter()
            .find(|a| a["source"].as_str().unwrap().ends_with(file))
            .unwrap_or_else(|| panic!("{file} not ingested"))["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let links = ws.json(&["reuse"]);
    let links = links.as_array().unwrap();
    for link in links {
        for field in ["source", "derived", "kind", "score", "direction_confidence", "passages"] {
            assert!(link.get(field).is_some(), "{field} missing from {link}");
        }
    }
    let find = |a: &str, b: &str| links.iter().find(|l| l["source"] == a && l["derived"] == b).cloned();
    let rewrite = find(&id_of("harianpesisir-2025-03-04.html"), &id_of("lensa-timur-2025-03-04.txt")).expect("the rewrite is linked, source first");
    assert_eq!(rewrite["kind"], "rewrite");
    assert!(!rewrite["altered_quotes"].as_array().unwrap().is_empty(), "the reworded quote is reported");
    let wire = id_of("kantor-berita-samudra-2025-03-04.txt");
    let copy = find(&wire, &id_of("kabar-nusantara-2025-03-04.txt")).expect("the wire copy is linked");
    assert_eq!(copy["kind"], "syndicated");
    // Same event, different reporting: not reuse.
    let unrelated = links.iter().any(|l| {
        let pair = [l["source"].as_str().unwrap(), l["derived"].as_str().unwrap()];
        pair.contains(&wire.as_str()) && pair.contains(&id_of("straits-ledger-2025-03-04.txt").as_str())
    });
    assert!(!unrelated);
    let out = ws.warta(&["reuse", "--dot"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("digraph reuse"));
    let pair = ws.warta(&["reuse", &rewrite["source"].as_str().unwrap()[..8], &rewrite["derived"].as_str().unwrap()[..8]]);
    assert!(String::from_utf8_lossy(&pair.stdout).contains("passage 1"));
}

#[test]
fn each_article_is_analyzed_with_evidence_spans() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ws = Workspace::new();
    ws.ingest(&[&examples]);
    let list = ws.articles();
    let shown = |file: &str| {
        let a = list.iter().find(|a| a["source"].as_str().unwrap().ends_with(file)).unwrap();
        ws.json(&["show", a["id"].as_str().unwrap()])
    };
    let police = shown("kabar-nusantara-2025-03-05.txt");
    let text = police["text"].as_str().unwrap();
    let check_span = |start: &Value, end: &Value, expected: &str| {
        let (s, e) = (start.as_u64().unwrap() as usize, end.as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], expected);
    };
    for e in police["entities"].as_array().unwrap() {
        for field in ["id", "name", "type", "aliases", "roles", "mentions"] {
            assert!(e.get(field).is_some(), "{field} missing from {e}");
        }
        for m in e["mentions"].as_array().unwrap() {
            check_span(&m["start"], &m["end"], m["text"].as_str().unwrap());
        }
    }
    for q in police["quotes"].as_array().unwrap() {
        for field in ["text", "kind", "speaker", "speaker_id", "start", "end"] {
            assert!(q.get(field).is_some(), "{field} missing from {q}");
        }
        check_span(&q["start"], &q["end"], q["text"].as_str().unwrap());
    }
    // "Rabu (3/3)" in an article of 5 March 2025: 3 March was a Monday.
    let times = police["times"].as_array().unwrap();
    let mismatch = times.iter().find(|t| t["text"].as_str().unwrap().starts_with("Rabu (3/3)")).expect("the weekday-and-date expression is found");
    assert!(mismatch["value"].as_str().unwrap().starts_with("2025-03-03"), "{mismatch}");
    assert!(mismatch["flags"].as_array().unwrap().iter().any(|f| f.as_str().unwrap().starts_with("weekday-mismatch")), "{mismatch}");
    for t in times {
        for field in ["text", "start", "end", "value", "anchor", "flags"] {
            assert!(t.get(field).is_some(), "{field} missing from {t}");
        }
        check_span(&t["start"], &t["end"], t["text"].as_str().unwrap());
    }
    let quantities = police["quantities"].as_array().unwrap();
    for q in quantities {
        for field in ["text", "value", "unit", "bound", "start", "end"] {
            assert!(q.get(field).is_some(), "{field} missing from {q}");
        }
        check_span(&q["start"], &q["end"], q["text"].as_str().unwrap());
    }
    assert!(police["analyzer"].as_str().unwrap().starts_with("warta-analyze"));
    // Re-running analysis after a change redoes only what is stale.
    let redo = ws.json(&["reanalyze"]);
    assert_eq!(redo["analyzed"], 0, "{redo}");
    let redo = ws.json(&["reanalyze", "--all"]);
    assert_eq!(redo["analyzed"].as_u64().unwrap() as usize, list.len());
}

#[test]
fn seed_entities_quotes_and_times_read_as_a_careful_reader_would() {
    let Some(dir) = seeds() else { return };
    let ws = Workspace::new();
    ws.ingest(&[&dir]);
    let list = ws.articles();
    let shown = |prefix: &str| {
        let a = list.iter().find(|a| a["source"].as_str().unwrap().contains(prefix)).unwrap();
        ws.json(&["show", a["id"].as_str().unwrap()])
    };
    let liputan = shown("001_");
    let entity = |article: &Value, id: &str| article["entities"].as_array().unwrap().iter().find(|e| e["id"] == id).cloned();
    let stoltenberg = entity(&liputan, "person:jens-stoltenberg").expect("Stoltenberg is one person");
    assert!(stoltenberg["mentions"].as_array().unwrap().len() >= 3, "bare 'Stoltenberg' joins the full name: {stoltenberg}");
    assert!(stoltenberg["roles"].as_array().unwrap().iter().any(|r| r["canonical"] == "sekretaris jenderal nato"), "Sekjen = Sekretaris Jenderal: {stoltenberg}");
    let blinken = entity(&liputan, "person:antony-blinken").unwrap();
    assert!(blinken["roles"].as_array().unwrap().iter().any(|r| r["canonical"].as_str().unwrap().starts_with("menteri luar negeri")));
    assert!(entity(&liputan, "place:moscow").unwrap()["stands_for"] == "gov:russia", "Moskow stands for its government here");
    let quotes = liputan["quotes"].as_array().unwrap();
    let direct_by_stoltenberg = quotes.iter().filter(|q| q["kind"] == "direct" && q["speaker_id"] == "person:jens-stoltenberg").count();
    assert!(direct_by_stoltenberg >= 2, "{quotes:?}");
    let fragment = quotes.iter().find(|q| q["text"] == "konsekuensi").expect("the scare-quoted word is found");
    assert_eq!(fragment["kind"], "fragment");
    let times = liputan["times"].as_array().unwrap();
    let selasa = times.iter().find(|t| t["text"] == "Selasa (18/6)").unwrap();
    assert_eq!(selasa["value"], "2024-06-18", "the year comes from the publication time");
    // The same person across outlets and spellings gets the same id.
    let epoch = shown("002_");
    assert!(entity(&epoch, "person:kim-jong-un").is_some(), "Kim Jong-un");
    let kompas = shown("004_");
    assert!(entity(&kompas, "person:kim-jong-un").is_some(), "Kim Jong Un");
    assert!(entity(&epoch, "place:china").is_some(), "Tiongkok is China");
    let lusinan = liputan["quantities"].as_array().unwrap().iter().find(|q| q["text"].as_str().unwrap().contains("11.000")).unwrap().clone();
    assert_eq!(lusinan["value"], 11000.0);
    assert_eq!(lusinan["bound"], "more_than");
}

#[test]
fn events_storylines_and_briefs_on_the_example_story() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ws = Workspace::new();
    ws.ingest(&[&examples]);
    let list = ws.articles();
    let id_of = |file: &str| list.iter().find(|a| a["source"].as_str().unwrap().ends_with(file)).unwrap()["id"].as_str().unwrap().to_string();
    let events = ws.json(&["events"]);
    let events = events.as_array().unwrap();
    for e in events {
        for field in ["id", "title", "start", "end", "articles", "outlets", "entities", "storyline"] {
            assert!(e.get(field).is_some(), "{field} missing from {e}");
        }
    }
    let event_of = |article: &str| events.iter().find(|e| e["articles"].as_array().unwrap().iter().any(|a| a == article)).unwrap().clone();
    let fire = event_of(&id_of("kantor-berita-samudra-2025-03-04.txt"));
    // The English report of the same fire joins the Indonesian ones.
    assert_eq!(fire["id"], event_of(&id_of("straits-ledger-2025-03-04.txt"))["id"]);
    let second_fire = event_of(&id_of("harianpesisir-2025-09-11.txt"));
    assert_ne!(fire["id"], second_fire["id"], "the same kind of event six months later is another event");
    assert!(!fire["storyline"].is_null() && fire["storyline"] == second_fire["storyline"], "but one storyline");
    let football = event_of(&id_of("sarinjaya-pos-2025-03-04-b.txt"));
    assert_ne!(football["id"], fire["id"]);

    let fire_id = fire["id"].as_str().unwrap();
    let brief = ws.json(&["brief", fire_id]);
    for field in ["event", "summary", "timeline", "quotes", "conflicts", "single_source", "corroborated"] {
        assert!(brief.get(field).is_some(), "{field} missing from the brief");
    }
    let summary = brief["summary"].as_array().unwrap();
    assert!(!summary.is_empty());
    for sentence in summary {
        assert!(!sentence["citations"].as_array().unwrap().is_empty(), "every summary sentence cites: {sentence}");
    }
    let kinds: Vec<&str> = brief["conflicts"].as_array().unwrap().iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"number") && kinds.contains(&"quote"), "{kinds:?}");
    for c in brief["conflicts"].as_array().unwrap() {
        for claim in c["claims"].as_array().unwrap() {
            for field in ["article", "text", "span", "value"] {
                assert!(claim.get(field).is_some(), "{field} missing from {claim}");
            }
        }
    }
    let html = String::from_utf8(ws.warta(&["brief", fire_id, "--html"]).stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"), "{}", &html[..80.min(html.len())]);
    assert!(!html.contains("<script"), "no scripts in the offline brief");
    let markdown = String::from_utf8(ws.warta(&["brief", &fire_id[..8]]).stdout).unwrap();
    assert!(markdown.contains("## Summary"));
    let event = ws.json(&["event", fire_id]);
    assert!(event["timeline"].as_array().unwrap().len() > 3);
    let storylines = ws.json(&["storylines"]);
    assert!(!storylines.as_array().unwrap().is_empty());
}

#[test]
fn bench_brief_finds_every_summary_sentence_at_its_citation() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ws = Workspace::new();
    let report = ws.json(&["bench", "brief", examples.to_str().unwrap()]);
    assert!(report["events"].as_u64().unwrap() >= 3, "{report}");
    assert!(report["sentences"].as_u64().unwrap() > 0);
    assert_eq!(report["support"], 1.0, "{report}");
    let out = ws.warta(&["bench", "brief", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bench_analyze_reports_speed_and_stage_split() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ws = Workspace::new();
    let report = ws.json(&["bench", "analyze", examples.to_str().unwrap(), "--seconds", "0"]);
    assert!(report["articles"].as_u64().unwrap() >= 5, "{report}");
    assert!(report["languages"]["id"].as_u64().unwrap() > 0 && report["languages"]["en"].as_u64().unwrap() > 0, "{report}");
    assert_eq!(report["passes"], 1);
    assert!(report["articles_per_second"].as_f64().unwrap() > 0.0);
    assert!(report["mean_chars"].as_f64().unwrap() > 100.0);
    for stage in ["ner", "entities", "quotes", "times", "quantities"] {
        assert!(report["stages"][stage].as_f64().unwrap() > 0.0, "{stage}: {report}");
    }
    let out = ws.warta(&["bench", "analyze", "/no/such/folder"]);
    assert_eq!(out.status.code(), Some(2));
}
