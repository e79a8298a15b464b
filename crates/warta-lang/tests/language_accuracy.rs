//! Language identification on real news text: Indonesian Kompas articles (timex-id) and
//! English US news (quotes-en), read from ../shared/datasets when present, plus Malay
//! news paragraphs written for this test (no labeled Malay news is available here).

use std::path::Path;

use warta_lang::detect_language;

fn strip_tags(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn accuracy(dir: &Path, expected: &str, read: impl Fn(&str) -> String) -> Option<(usize, usize)> {
    let entries = std::fs::read_dir(dir).ok()?;
    let (mut right, mut total) = (0, 0);
    for entry in entries.flatten() {
        let Ok(bytes) = std::fs::read(entry.path()) else { continue };
        let raw = String::from_utf8_lossy(&bytes);
        total += 1;
        let found = detect_language(&read(&raw)).map(|g| g.code);
        if found.as_deref() == Some(expected) {
            right += 1;
        } else {
            eprintln!("{}: {found:?}", entry.path().display());
        }
    }
    Some((right, total))
}

#[test]
fn indonesian_and_english_news_are_identified() {
    let datasets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/datasets");
    let Some((id_right, id_total)) = accuracy(&datasets.join("timex-id/raw-dev"), "id", strip_tags) else {
        eprintln!("skipped: {} is absent", datasets.display());
        return;
    };
    let (en_right, en_total) = accuracy(&datasets.join("quotes-en/dev/text"), "en", str::to_string).unwrap_or((0, 0));
    eprintln!("Indonesian {id_right}/{id_total}, English {en_right}/{en_total}");
    assert_eq!(id_right, id_total);
    assert_eq!(en_right, en_total);
}

#[test]
fn malay_news_is_told_from_indonesian() {
    let malay = [
        "Kerajaan negeri akan memperuntukkan RM50 juta dalam bajet tahun hadapan bagi menaik taraf jalan luar bandar, kata Menteri Besar dalam kenyataan semalam. Beliau berkata projek itu akan bermula selepas tender dibuka kepada kontraktor tempatan.",
        "Polis menahan dua lelaki berusia 30-an selepas mereka dipercayai terbabit dalam kes samun di sebuah kedai serbaneka. Ketua Polis Daerah berkata kedua-dua suspek direman selama empat hari bagi membantu siasatan.",
        "Jabatan Meteorologi mengeluarkan amaran hujan lebat di beberapa negeri kerana monsun timur laut dijangka berterusan sehingga minggu hadapan. Orang ramai dinasihatkan supaya berwaspada terhadap kejadian banjir kilat.",
        "Harga minyak sawit mentah meningkat 3 peratus pada dagangan hari ini susulan permintaan yang lebih tinggi daripada India dan China, menurut kenyataan agensi berita kerajaan.",
    ];
    let indonesian = [
        "Pemerintah akan mengalokasikan anggaran Rp 50 miliar tahun depan untuk memperbaiki jalan desa, kata gubernur dalam keterangannya kemarin. Ia mengatakan proyek itu dimulai setelah tender dibuka untuk kontraktor lokal.",
        "Polisi menangkap dua pria berusia 30-an karena diduga terlibat perampokan di sebuah minimarket. Kapolres mengatakan kedua tersangka ditahan untuk membantu penyidikan.",
    ];
    for text in malay {
        assert_eq!(detect_language(text).map(|g| g.code).as_deref(), Some("ms"), "{text}");
    }
    for text in indonesian {
        assert_eq!(detect_language(text).map(|g| g.code).as_deref(), Some("id"), "{text}");
    }
}
