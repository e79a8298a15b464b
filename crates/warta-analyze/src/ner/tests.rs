use super::*;
use std::path::Path;

fn kinds_of<'a>(text: &'a str, spans: &[EntitySpan]) -> Vec<(&'a str, EntityKind)> {
    spans.iter().map(|s| (&text[s.start..s.end], s.kind)).collect()
}

#[test]
fn shipped_model_loads_and_tags_news_sentences() {
    let text = "Presiden Rusia Vladimir Putin bertemu Kim Jong Un di Pyongyang, Korea Utara.\n\n\
                Sekretaris Jenderal NATO Jens Stoltenberg berbicara di Washington.";
    let found = kinds_of(text, &recognise(text, "id"));
    assert!(found.contains(&("Vladimir Putin", EntityKind::Person)), "{found:?}");
    assert!(found.contains(&("Jens Stoltenberg", EntityKind::Person)), "{found:?}");
    assert!(found.iter().any(|(t, k)| *t == "Pyongyang" && *k == EntityKind::Place), "{found:?}");
    assert!(found.iter().any(|(t, _)| *t == "NATO"), "{found:?}");
}

#[test]
fn english_news_names_places_as_places_and_i_as_no_one() {
    let text = "The race in North Carolina is close, I said, and Charlotte police agreed.\n\nShe was taken to a hospital in Chicago. I'm sure, I'd say.";
    let found = kinds_of(text, &recognise(text, "en"));
    for place in ["North Carolina", "Charlotte", "Chicago"] {
        assert!(found.contains(&(place, EntityKind::Place)), "{place}: {found:?}");
    }
    assert!(!found.iter().any(|(t, _)| t.starts_with("I'") || *t == "I"), "{found:?}");
    assert!(features::is_gazetteer_place(&["North", "Carolina"]) && !features::is_gazetteer_place(&["North"]));
}

#[test]
fn english_possessives_are_no_part_of_a_name() {
    let text = "Clinton’s van left Ground Zero. Chelsea Clinton's apartment was near, the company's office said.";
    let words: Vec<&str> = split_possessives(crate::tokens::tokens(text)).iter().map(|t| t.text).collect();
    assert!(words.windows(2).any(|w| w == ["Clinton", "’s"]) && words.windows(2).any(|w| w == ["Clinton", "'s"]), "{words:?}");
    assert!(words.contains(&"company's"), "{words:?}");
    for t in split_possessives(crate::tokens::tokens(text)) {
        assert_eq!(&text[t.start..t.end], t.text);
    }
    for span in recognise(text, "id") {
        assert!(!text[span.start..span.end].ends_with('s') || !text[span.start..span.end].contains(['\'', '’']), "{:?}", &text[span.start..span.end]);
    }
}

#[test]
fn hyphenated_names_are_split() {
    let text = "kerja sama Rusia-Korea Utara dan pakta Putin-Kim, kata Karine Jean-Pierre soal e-KTP.";
    let words: Vec<&str> = split_name_compounds(crate::tokens::tokens(text)).iter().map(|t| t.text).collect();
    assert!(words.windows(3).any(|w| w == ["Rusia", "-", "Korea"]), "{words:?}");
    assert!(words.contains(&"e-KTP") && words.contains(&"Jean-Pierre"), "{words:?}");
    for t in split_name_compounds(crate::tokens::tokens(text)) {
        assert_eq!(&text[t.start..t.end], t.text);
    }
    let found = kinds_of(text, &recognise(text, "id"));
    assert!(found.contains(&("Rusia", EntityKind::Place)), "{found:?}");
}

#[test]
fn a_name_cut_at_its_middle_initial_is_joined() {
    let text = "Donald J. Trump met James B. Comey and J. Smith at 5 P. M.";
    let tokens = crate::tokens::tokens(text);
    let words: Vec<&str> = tokens.iter().map(|t| t.text).collect();
    assert_eq!(&words[..4], ["Donald", "J", ".", "Trump"]);
    let (person, place) = (EntityKind::Person, EntityKind::Place);
    // The part after the initial tagged as a person or left untagged: one name.
    assert_eq!(join_initials(&tokens, &words, vec![(0, 2, person), (3, 4, person)]), [(0, 4, person)]);
    assert_eq!(join_initials(&tokens, &words, vec![(5, 7, person)]), [(5, 9, person)]);
    // Tagged as something else, or an initial alone: left as it is.
    assert_eq!(join_initials(&tokens, &words, vec![(0, 2, person), (3, 4, place)]), [(0, 2, person), (3, 4, place)]);
    assert_eq!(join_initials(&tokens, &words, vec![(10, 11, person)]), [(10, 11, person)]);
    let found = kinds_of(text, &recognise(text, "en"));
    assert!(found.iter().any(|(name, kind)| *name == "Donald J. Trump" && *kind == person), "{found:?}");
}

#[test]
fn combining_forms_stay_with_their_name() {
    use crate::tokens::Token;
    let text = "di Indo-Pasifik dan Indo-Pasifik serta Indo-";
    let tokens = split_name_compounds(crate::tokens::tokens(text));
    let words: Vec<&str> = tokens.iter().map(|t: &Token| t.text).collect();
    assert_eq!(words, ["di", "Indo", "-", "Pasifik", "dan", "Indo", "-", "Pasifik", "serta", "Indo", "-"]);
    let place = EntityKind::Place;
    // Both parts tagged, only the name tagged, only the combining form tagged.
    let joined = join_combining_forms(&tokens, &words, vec![(1, 2, place), (3, 4, place), (7, 8, place)]);
    assert_eq!(joined, [(1, 4, place), (5, 8, place)]);
    assert_eq!(join_combining_forms(&tokens, &words, vec![(1, 2, place)]), []);
    // Nothing after the hyphen: nothing to join.
    assert_eq!(join_combining_forms(&tokens, &words, vec![(9, 10, place)]), [(9, 10, place)]);
    // Seen in running text.
    let text = "Kerja sama keamanan di kawasan Indo-Pasifik dibahas di Tokyo.";
    let found = kinds_of(text, &recognise(text, "id"));
    assert!(!found.iter().any(|(name, _)| *name == "Indo"), "{found:?}");
}

#[test]
fn spans_point_into_the_text() {
    let text = "Menteri Luar Negeri AS Antony Blinken tiba di Jakarta pada Senin (19/6/2024).";
    for s in recognise(text, "id") {
        assert!(s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    }
}

#[test]
fn no_panic_on_empty_huge_or_non_latin_text() {
    assert!(recognise("", "id").is_empty());
    assert!(recognise("   \n\n  ", "id").is_empty());
    let _ = recognise("Путин встретился с Ким Чен Ыном в Пхеньяне. 金正恩与普京会面。 بوتين", "id");
    let _ = recognise("\u{0}\u{feff}‽ 🙂 🙂 -- ... «» ”“", "id");
    let huge = "Joko Widodo bertemu Prabowo di Jakarta dan ".repeat(5000);
    let found = recognise(&huge, "id");
    assert!(!found.is_empty());
    for s in &found {
        assert!(huge.is_char_boundary(s.start) && huge.is_char_boundary(s.end));
    }
}

#[test]
fn model_round_trips_through_bytes() {
    let bytes = SHIPPED;
    let model = Model::from_bytes(bytes).unwrap();
    assert_eq!(model.to_bytes(0.0).len(), bytes.len());
    assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(Model::from_bytes(b"nonsense").is_err());
    // After magic and the two versions: the hash of the word files it was trained with.
    let mut other_words = bytes.to_vec();
    other_words[16] ^= 1;
    let err = Model::from_bytes(&other_words).err().expect("other word files are refused").to_string();
    assert!(err.contains("word-capitalisation.tsv"), "{err}");
}

#[test]
fn word_clusters_group_names_of_a_kind() {
    let clusters = clusters::Clusters::parse(features::CLUSTERS);
    let class = |w: &str| clusters.of(w).unwrap_or_else(|| panic!("{w} is clustered"))[0];
    // The coarsest classes put big places together and apart from function words.
    assert_eq!(class("jakarta"), class("bandung"));
    assert_eq!(class("jakarta"), class("surabaya"));
    assert_ne!(class("jakarta"), class("yang"));
    // English text is clustered too.
    assert_eq!(class("boston"), class("chicago"));
    assert_ne!(class("boston"), class("the"));
    assert!(clusters.levels >= 2);
}

#[test]
fn context_vector_classes_group_words_used_alike() {
    let classes = clusters::Clusters::parse(features::VECTOR_CLASSES);
    let fine = |w: &str| classes.of(w).unwrap_or_else(|| panic!("{w} has a class"))[1];
    assert_eq!(fine("obama"), fine("clinton"));
    assert_eq!(fine("boston"), fine("chicago"));
    assert_eq!(fine("bandung"), fine("surabaya"));
    assert_eq!(fine("presiden"), fine("menteri"));
    for (a, b) in [("obama", "the"), ("bandung", "yang"), ("presiden", "bandung"), ("obama", "boston")] {
        assert_ne!(fine(a), fine(b), "{a} and {b}");
    }
}

#[test]
fn training_on_a_tiny_synthetic_set_learns_it() {
    let dir = std::env::temp_dir().join(format!("warta-ner-test-{}", std::process::id()));
    let folder = dir.join("idner-news-2k");
    std::fs::create_dir_all(&folder).unwrap();
    let mut text = String::new();
    let people = ["Budi", "Siti", "Andi", "Rina", "Joko", "Dewi"];
    let places = ["Bandung", "Medan", "Solo", "Padang", "Malang", "Bogor"];
    for (i, p) in people.iter().enumerate() {
        let q = places[(i + 1) % places.len()];
        text.push_str(&format!("{p} PROPN B-PER\r\npergi VERB O\r\nke ADP O\r\n{q} PROPN B-LOC\r\n. PUNCT O\r\n\r\n"));
        text.push_str(&format!(
            "Kemarin ADV O\r\n{p} PROPN B-PER\r\nSantoso PROPN I-PER\r\ntiba VERB O\r\ndi ADP O\r\n{q} PROPN B-LOC\r\n\r\n"
        ));
        text.push_str(&format!("{p} PROPN B-PER\r\nSantoso PROPN I-PER\r\npulang VERB O\r\ndari ADP O\r\n{q} PROPN B-LOC\r\n\r\n"));
    }
    std::fs::write(folder.join("train.txt"), &text).unwrap();
    std::fs::write(folder.join("dev.txt"), &text).unwrap();
    let mut options = TrainOptions::new(&dir);
    options.datasets = vec!["idner-news-2k".into()];
    options.epochs = 5;
    options.prune = 0.0;
    let bytes = train(&options).unwrap();
    let model = Model::from_bytes(&bytes).unwrap();
    let sentence = "Rina Santoso pergi ke Medan.";
    let found = kinds_of(sentence, &recognise_with(&model, sentence, "id"));
    assert_eq!(found, vec![("Rina Santoso", EntityKind::Person), ("Medan", EntityKind::Place)]);
    // Reproducible: same data, same options, same bytes.
    assert_eq!(train(&options).unwrap(), bytes);

    // A bad line names its file and line.
    std::fs::write(folder.join("train.txt"), "Budi B-PER\nrusak\n").unwrap();
    let err = train(&options).unwrap_err().to_string();
    assert!(err.contains("train.txt:2"), "{err}");
    let err = train(&TrainOptions::new(dir.join("nowhere"))).unwrap_err().to_string();
    assert!(err.contains("nowhere") && err.contains("ner-id"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A tiny data set in each corpus's own format: people travelling between cities.
fn write_tiny_corpora(dir: &Path, sentences: std::ops::Range<usize>, file: &str) {
    let people = ["Budi", "Siti", "Andi", "Rina", "Joko", "Dewi", "Agus", "Wati"];
    let places = ["Bandung", "Medan", "Solo", "Padang", "Malang", "Bogor", "Depok", "Bekasi"];
    for (folder, person, place, lower) in [("nergrit", "PERSON", "PLACE", false), ("nerp", "PPL", "PLC", true), ("idner-news-2k", "PER", "LOC", false)] {
        let mut text = String::new();
        for i in sentences.clone() {
            let (p, q) = (people[i % people.len()], places[(i * 3 + 1) % places.len()]);
            let (p, q) = if lower { (p.to_lowercase(), q.to_lowercase()) } else { (p.to_string(), q.to_string()) };
            for (token, tag) in [(p.as_str(), format!("B-{person}")), ("pergi", "O".into()), ("ke", "O".into()), (q.as_str(), format!("B-{place}")), (".", "O".into())] {
                text.push_str(&format!("{token}\t{tag}\n"));
            }
            text.push('\n');
        }
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        let name = match (folder, file) {
            ("idner-news-2k", "valid.txt") => "dev.txt",
            _ => file,
        };
        std::fs::write(dir.join(folder).join(name), text).unwrap();
    }
}

/// A tiny ECB+ beside the `ner-id` folder `dir`: topic 1 (train) and topic 2 (dev).
fn write_tiny_ecbplus(dir: &Path) {
    for (topic, person, place) in [(1, "Lindsay", "Malibu"), (2, "Ellen", "Boston")] {
        let words = [person, "Lohan", "drove", "to", place, "on", "Monday", "."];
        let tokens: String = words.iter().enumerate().map(|(i, w)| format!("<token t_id=\"{}\" sentence=\"0\" number=\"{i}\">{w}</token>", i + 1)).collect();
        let xml = format!(
            "<Document>{tokens}<Markables><HUMAN_PART_PER m_id=\"1\"><token_anchor t_id=\"1\"/><token_anchor t_id=\"2\"/></HUMAN_PART_PER>\
             <LOC_GEO m_id=\"2\"><token_anchor t_id=\"5\"/></LOC_GEO></Markables></Document>"
        );
        let folder = dir.join(format!("../ecbplus/{topic}"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{topic}_1ecb.xml")), xml).unwrap();
    }
}

#[test]
fn benchmark_scores_a_split_the_model_learned_from_with_a_held_out_model() {
    let root = std::env::temp_dir().join(format!("warta-ner-bench-test-{}", std::process::id()));
    let dir = root.join("ner-id");
    write_tiny_corpora(&dir, 0..8, "train.txt");
    write_tiny_corpora(&dir, 8..12, "valid.txt");
    write_tiny_ecbplus(&dir);
    let mut options = TrainOptions::new(&dir);
    (options.epochs, options.runs) = (3, 2);
    let with_dev = train_model(&options).unwrap();
    options.include_dev = false;
    let without_dev = train_model(&options).unwrap();

    let report = bench::evaluate(&with_dev, "shipped", &dir, None).unwrap();
    let rows: Vec<(&str, &str, &str)> = report.datasets.iter().map(|d| (d.name.as_str(), d.split.as_str(), d.model.as_str())).collect();
    // ECB+'s dev topics are never learned from: the model itself scores them.
    assert_eq!(rows, vec![("nergrit", "dev", "held-out"), ("nerp", "dev", "held-out"), ("idner-news-2k", "dev", "held-out"), ("ecbplus", "dev", "shipped")]);
    let report = bench::evaluate(&without_dev, "shipped", &dir, None).unwrap();
    assert!(report.datasets.iter().all(|d| d.model == "shipped" && d.sentences == if d.name == "ecbplus" { 1 } else { 4 }), "{report}");

    // A test split beside the dev split is scored too, with the model itself.
    write_tiny_corpora(&dir, 12..15, "test.txt");
    let report = bench::evaluate(&with_dev, "shipped", &dir, None).unwrap();
    let tests: Vec<&bench::DatasetReport> = report.datasets.iter().filter(|d| d.split == "test").collect();
    assert_eq!(tests.len(), 3, "{report}");
    assert!(tests.iter().all(|d| d.model == "shipped" && d.sentences == 3 && d.with_indicator.is_some()), "{report}");
    assert!(report.to_string().contains("| nerp | test | shipped |"), "{report}");
    // An empty test split is said to be empty, not scored as zero.
    std::fs::write(dir.join("nergrit/test.txt"), "").unwrap();
    let report = bench::evaluate(&with_dev, "shipped", &dir, None).unwrap();
    let empty = report.datasets.iter().find(|d| d.name == "nergrit" && d.split == "test").unwrap();
    assert!(empty.missing.as_deref().is_some_and(|m| m.contains("no sentences")), "{report}");

    // A dev split that is the train file again cannot be scored held-out: said, not scored.
    std::fs::copy(dir.join("nerp/train.txt"), dir.join("nerp/valid.txt")).unwrap();
    let report = bench::evaluate(&without_dev, "shipped", &dir, None).unwrap();
    let nerp_dev = report.datasets.iter().find(|d| d.name == "nerp" && d.split == "dev").unwrap();
    assert!(nerp_dev.missing.as_deref().is_some_and(|m| m.contains("training split")), "{report}");
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn reads_all_three_formats() {
    let path = Path::new("x.txt");
    let nerp = data::corpus("nerp").unwrap();
    let s = data::parse("sementara itu\tO\nkopi\tB-FNB\nbali\tI-PLC\n\n", nerp, path).unwrap();
    assert_eq!(s.len(), 1);
    assert_eq!(s[0].tokens, vec!["sementara", "itu", "kopi", "bali"]);
    assert_eq!(
        s[0].tags,
        vec![tags::O, tags::O, tags::begin(EntityKind::Product), tags::begin(EntityKind::Place)]
    );
    let err = data::parse("kopi\tB-XYZ\n", nerp, path).unwrap_err().to_string();
    assert!(err.contains("x.txt:1") && err.contains("XYZ"), "{err}");
}

#[test]
fn english_names_without_articles_and_adjectives() {
    let text = "The Kremlin said a North Korean official met the White House spokesman John Kirby.";
    let found = kinds_of(text, &recognise(text, "id"));
    assert!(found.iter().any(|(t, _)| *t == "Kremlin"), "{found:?}");
    assert!(found.iter().all(|(t, _)| !t.starts_with("The ") && !t.starts_with("the ")), "{found:?}");
    assert!(found.iter().all(|(t, _)| !t.contains("Korean")), "{found:?}");
    assert!(found.contains(&("John Kirby", EntityKind::Person)), "{found:?}");
}

#[test]
fn cached_word_sums_tag_as_the_full_feature_sums_do() {
    let model = shipped();
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    let mut sentences: Vec<Vec<String>> = Vec::new();
    let Ok(entries) = std::fs::read_dir(shared.join("corpus/seeds")) else {
        eprintln!("skipped: no shared/corpus/seeds beside the repository");
        return;
    };
    for entry in entries {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let words: Vec<String> = split_name_compounds(crate::tokens::tokens(line)).iter().map(|t| t.text.to_string()).collect();
            sentences.extend(words.chunks(WINDOW).map(<[String]>::to_vec));
        }
    }
    for corpus in data::CORPORA {
        if let Ok(dev) = data::read_split(&shared.join("datasets/ner-id"), corpus, data::Split::Dev) {
            sentences.extend(dev.into_iter().map(|s| s.tokens));
        }
    }
    let mask = tags::mask(&tags::KINDS);
    let mut compared = 0;
    // Twice over, so the second pass reads sums cached by the first.
    for _ in 0..2 {
        for words in sentences.iter().filter(|w| !w.is_empty()) {
            for cased in [features::is_cased(words), false] {
                for domain in [model.domain_for(true, "id"), model.domain_for(false, "id"), model.domain_for(true, "en")] {
                    let (em, pairs) = model.uncached_scores(words, cased, domain);
                    let full = model.decode(&em, &pairs, &mask);
                    assert_eq!(model.tag(words, cased, domain, &mask), full, "{words:?} cased {cased} domain {domain}");
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 10_000, "{compared}");
}

#[test]
fn headlines_in_title_case_keep_their_names_and_lose_the_rest() {
    let english = "Democrat Voters Worried About Hillary Clinton’s Health Issues";
    assert_eq!(kinds_of(english, &recognise(english, "id")), vec![("Hillary Clinton", EntityKind::Person)]);
    let indonesian = "Kapal Terbakar di Perairan Bandar Sarinjaya, Dua Belas Penumpang Luka";
    assert_eq!(kinds_of(indonesian, &recognise(indonesian, "id")), vec![("Bandar Sarinjaya", EntityKind::Place)]);
}

#[test]
fn english_names_are_found_and_sentence_openers_are_not() {
    let text = "Lindsay Lohan has checked into a rehab facility in Malibu, her lawyer said.\n\n\
                Smoke rises from the ferry in the Lembayung Strait.";
    let found = kinds_of(text, &recognise(text, "en"));
    assert!(found.contains(&("Lindsay Lohan", EntityKind::Person)), "{found:?}");
    assert!(found.contains(&("Malibu", EntityKind::Place)), "{found:?}");
    assert!(!found.iter().any(|(name, _)| *name == "Smoke"), "a first word written in lower case elsewhere is no name: {found:?}");
}

#[test]
fn a_number_is_no_place() {
    let words = ["harga", "naik", "78,33", "poin", "di", "5.027", "SPBU", "dan", "Jakarta"];
    let spans = vec![(2, 3, EntityKind::Place), (5, 7, EntityKind::Place), (8, 9, EntityKind::Place)];
    assert_eq!(settled(&words, spans, true, "id"), vec![(8, 9, EntityKind::Place)]);
}
