use super::*;
use proptest::prelude::*;

fn one<'a>(quotes: &'a [Quote], starts: &str) -> &'a Quote {
    quotes
        .iter()
        .find(|q| q.text.starts_with(starts))
        .unwrap_or_else(|| panic!("no quote starting {starts:?} in {quotes:#?}"))
}

/// The speaker as written at the quote that starts with `starts`.
fn written_speaker<'t>(text: &'t str, found: &[Quote], starts: &str) -> Option<&'t str> {
    one(found, starts).speaker_span.map(|s| &text[s.start..s.end])
}

/// The source phrase ([`Quote::source`]) of the quote whose text starts with `starts`.
fn source_phrase<'t>(text: &'t str, found: &[Quote], starts: &str) -> Option<&'t str> {
    one(found, starts).source.map(|s| &text[s.start..s.end])
}

fn spans_point_at_text(text: &str, quotes: &[Quote]) {
    for q in quotes {
        assert_eq!(&text[q.start..q.end], q.text);
        if let Some(c) = &q.cue {
            assert_eq!(&text[c.start..c.end], c.text);
        }
    }
}

#[test]
fn every_speech_file_parses() {
    for code in ["id", "en", "ms"] {
        let text = warta_lang::resource_file(code, "speech.toml").unwrap_or_else(|| panic!("{code}/speech.toml missing"));
        let parsed: Result<SpeechFile, _> = toml::from_str(text);
        assert!(parsed.is_ok(), "{code}: {:?}", parsed.err());
        assert!(!lexicon(code).reporting.is_empty(), "{code}");
    }
}

#[test]
fn verb_after_quote_names_the_speaker() {
    let text = "Stoltenberg berbicara di Brussels. “Kami tentu saja juga prihatin dengan potensi dukungan itu,” tegas Stoltenberg.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let k = one(&q, "Kami tentu");
    assert_eq!(k.kind, QuoteKind::Direct);
    assert_eq!(k.speaker.as_deref(), Some("Stoltenberg"));
    assert_eq!(k.cue.as_ref().map(|c| c.text.as_str()), Some("tegas"));
    assert_eq!(k.text, "Kami tentu saja juga prihatin dengan potensi dukungan itu,");
}

#[test]
fn pronoun_suffix_resolves_to_the_previous_speaker_and_fragment_gets_the_sentence_speaker() {
    let text = "Stoltenberg juga menegaskan perlunya “konsekuensi” yang tepat terhadap China. “Mereka tidak bisa terus menjalin hubungan perdagangan normal,” katanya.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let f = one(&q, "konsekuensi");
    assert_eq!(f.kind, QuoteKind::Fragment);
    assert_eq!(f.speaker.as_deref(), Some("Stoltenberg"));
    let d = one(&q, "Mereka tidak");
    assert_eq!(d.kind, QuoteKind::Direct);
    assert_eq!(d.speaker.as_deref(), Some("Stoltenberg"));
    assert_eq!(d.cue.as_ref().map(|c| c.text.as_str()), Some("katanya"));
    assert!(!q.iter().any(|x| x.kind == QuoteKind::Direct && x.text == "konsekuensi"));
}

#[test]
fn reporting_verb_with_colon_before_the_quote() {
    let text = "Juru bicara Kementerian Luar Negeri AS Patrick Ryder mengatakan : “Kerja sama yang semakin erat antara Rusia dengan Korea Utara harus dijadikan perhatian”.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let d = one(&q, "Kerja sama");
    assert_eq!(d.kind, QuoteKind::Direct);
    assert_eq!(d.speaker.as_deref(), Some("Patrick Ryder"));
    assert_eq!(d.cue.as_ref().map(|c| c.text.as_str()), Some("mengatakan"));
    assert!(q.iter().all(|x| x.kind != QuoteKind::Indirect), "{q:#?}");
}

#[test]
fn speaker_before_a_comma_with_a_manner_phrase() {
    let text = "Mark Fitzpatrick yang bekerja di Institut Internasional untuk Studi Strategis, menjelaskan kepada VOA melalui Zoom, “Saya pikir sangat penting bahwa mereka bertemu di Pusat Antariksa. Ini merupakan petunjuk”.";
    let q = find_quotes(text, "id", &[]);
    let d = one(&q, "Saya pikir");
    assert_eq!(d.kind, QuoteKind::Direct);
    assert_eq!(d.speaker.as_deref(), Some("Mark Fitzpatrick"));
    assert!(q.iter().all(|x| x.kind != QuoteKind::Indirect), "{q:#?}");
}

#[test]
fn jelas_dia_and_menurut() {
    let text = "Juru bicara Dewan Keamanan Nasional AS, John Kirby mengatakan, tidak ada satupun negara yang boleh membantu Putin.\n\n\"Jika mereka memutuskan untuk melanjutkan, kami akan mengambil tindakan,\" jelas dia.\n\nPertemuan itu juga menimbulkan kecemasan di Departemen Luar Negeri AS, menurut juru bicara Matthew Miller.\n\n“Hal ini meresahkan ketika kita melihat Rusia berbicara tentang kerja sama dengan Korea Utara,” cetusnya.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let i = one(&q, "tidak ada satupun");
    assert_eq!((i.kind, i.speaker.as_deref()), (QuoteKind::Indirect, Some("John Kirby")));
    let d = one(&q, "Jika mereka");
    assert_eq!((d.kind, d.speaker.as_deref()), (QuoteKind::Direct, Some("John Kirby")));
    assert_eq!(d.cue.as_ref().map(|c| c.text.as_str()), Some("jelas"));
    let m = one(&q, "Pertemuan itu");
    assert_eq!((m.kind, m.speaker.as_deref()), (QuoteKind::Indirect, Some("Matthew Miller")));
    let c = one(&q, "Hal ini");
    assert_eq!((c.kind, c.speaker.as_deref()), (QuoteKind::Direct, Some("Matthew Miller")));
}

#[test]
fn indirect_with_bahwa_and_subject_not_the_nearest_name() {
    let text = "Stoltenberg dalam konferensi pers bersama setelah pertemuannya dengan Menteri Luar Negeri AS Antony Blinken mengatakan bahwa perang Rusia di Ukraina didukung oleh China, Korea Utara, dan Iran.";
    let q = find_quotes(text, "id", &[]);
    let i = one(&q, "perang Rusia");
    assert_eq!(i.kind, QuoteKind::Indirect);
    assert_eq!(i.speaker.as_deref(), Some("Stoltenberg"));
    assert!(i.text.ends_with("dan Iran"));
    assert_eq!(i.cue.as_ref().map(|c| c.text.as_str()), Some("mengatakan"));
}

#[test]
fn a_coordinated_verb_shares_the_subject_of_the_first() {
    let text = "Wakil Menteri Luar Negeri Bonnie Jenkins mengatakan Korea Utara tertarik memperoleh pesawat tempur. Dia menyebutkan hal itu dan dukungan China terhadap ekonomi perang Rusia menunjukkan tantangan keamanan di Eropa dan menambahkan bahwa pertemuan puncak bulan depan akan menyaksikan penguatan kemitraan.\n\nSenator Maria Lopez said the budget of the Pentagon was too large and added that the inquiry would take a year.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let second = one(&q, "pertemuan puncak");
    assert_eq!((second.kind, second.speaker.as_deref()), (QuoteKind::Indirect, Some("Bonnie Jenkins")), "{q:#?}");
    let first = one(&q, "hal itu dan dukungan");
    assert!(first.text.ends_with("di Eropa"), "{first:?}");
    let q = find_quotes(text, "en", &[]);
    let added = one(&q, "the inquiry would take");
    assert_eq!(added.speaker.as_deref(), Some("Maria Lopez"), "{q:#?}");
}

#[test]
fn the_subject_comes_from_the_verbs_own_clause() {
    let text = "Dikutip dari Reuters, pejabat Rusia menyebut pertemuan itu berlangsung hangat.";
    let q = find_quotes(text, "id", &[]);
    // A name inside a plain subject is not the speaker.
    assert_eq!(one(&q, "pertemuan itu").speaker.as_deref(), Some("pejabat Rusia"), "{q:#?}");
    let text = "Menanggapi pernyataan Vladimir Putin, juru bicara itu mengatakan bahwa Washington tidak akan mundur. Mengutip enam pejabat senior AS, laporan tersebut menyebutkan bahwa pemerintah khawatir akan bantuan Rusia. Menlu AS Antony Blinken dalam kunjungan ke Seoul, kemarin, mengatakan bahwa aliansi itu tetap kuat.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let speaker_of = |starts: &str| one(&q, starts).speaker.clone();
    assert_eq!(speaker_of("Washington tidak").as_deref(), Some("juru bicara itu"), "{q:#?}");
    assert_eq!(speaker_of("pemerintah khawatir").as_deref(), Some("laporan tersebut"), "{q:#?}");
    // A time after the comma is no subject: the name before it is.
    assert_eq!(speaker_of("aliansi itu").as_deref(), Some("Antony Blinken"), "{q:#?}");
    let text = "After meeting President Biden, the prime minister said that the talks would go on.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the talks").speaker.as_deref(), Some("the prime minister"), "{q:#?}");
    // After a conjunction the clause is a verb phrase; its subject is further back.
    let text = "The company's president director, Benny Sutanto, apologised to passengers and said the firm would hand over its records.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the firm would hand").speaker.as_deref(), Some("Benny Sutanto"), "{q:#?}");
}

#[test]
fn english_he_said_said_smith_and_according_to() {
    let text = "Ruslan Hadiwijaya, head of the provincial search and rescue office, said the body of a woman passenger was found on Tuesday afternoon.\n\n\"We found the victim about two nautical miles from where the ship burned. The search continues,\" he said.\n\n\"It is a pattern,\" said Governor Yohana Rumbiak.\n\nAccording to survivors, fishermen were among the first to reach the vessel.\n\nThe number of injured rose to 17 from an earlier count of 12, Mr Ruslan added.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let i = one(&q, "the body of a woman");
    assert_eq!((i.kind, i.speaker.as_deref()), (QuoteKind::Indirect, Some("Ruslan Hadiwijaya")));
    let d = one(&q, "We found");
    assert_eq!((d.kind, d.speaker.as_deref()), (QuoteKind::Direct, Some("Ruslan Hadiwijaya")));
    let g = one(&q, "It is a pattern");
    assert_eq!(g.speaker.as_deref(), Some("Yohana Rumbiak"));
    let a = one(&q, "fishermen were");
    assert_eq!((a.kind, a.speaker.as_deref()), (QuoteKind::Indirect, Some("survivors")));
    let r = one(&q, "The number of injured");
    assert_eq!((r.kind, r.speaker.as_deref()), (QuoteKind::Indirect, Some("Ruslan")));
}

#[test]
fn english_participles_and_verbs_that_need_that() {
    let text = "Governor Yohana Rumbiak defended the rescue, saying the ships had left within an hour.\n\nSenator Maria Lopez expects that the inquiry will take a year.\n\nThe study found hundreds of errors in the records.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let s = one(&q, "the ships had left");
    assert_eq!((s.kind, s.speaker.as_deref()), (QuoteKind::Indirect, Some("Yohana Rumbiak")));
    let e = one(&q, "the inquiry will take");
    assert_eq!((e.kind, e.speaker.as_deref()), (QuoteKind::Indirect, Some("Maria Lopez")));
    // "found" reports only with "that".
    assert!(q.iter().all(|x| !x.text.starts_with("hundreds")), "{q:?}");
}

#[test]
fn a_relative_pronoun_stands_for_the_name_before_it() {
    let text = "The crowd cheered for Bill Maher, who said that the senator would win.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the senator would win").speaker.as_deref(), Some("Bill Maher"), "{q:#?}");
    let text = "Para pendukung menyambut Joko Widodo, yang mengatakan bahwa pemerintah akan membangun jalan baru.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "pemerintah akan").speaker.as_deref(), Some("Joko Widodo"), "{q:#?}");
}

#[test]
fn it_of_made_it_clear_is_no_speaker() {
    let text = "Senator Maria Lopez made it clear that the bill would pass. It is clear that the deal is dead. In a statement, it said that the plant would close.";
    let q = find_quotes(text, "en", &[]);
    let bill = one(&q, "the bill would pass");
    // The speaker is read at the name, not at "it" resolved back to it.
    assert_eq!(bill.speaker_span.map(|s| &text[s.start..s.end]), Some("Maria Lopez"), "{q:#?}");
    assert!(q.iter().all(|x| !x.text.starts_with("the deal")), "{q:#?}");
    // "it said": a pronoun for an organisation, kept.
    assert!(one(&q, "the plant would close").speaker.is_some(), "{q:#?}");
}

#[test]
fn a_clause_without_bahwa_is_read_when_an_auxiliary_follows_its_subject() {
    let text = "Hendra juga menjamin SPB kapal sudah terbit sebelum kapal berangkat. Kim menyoroti arah baru hubungan bilateral yang akan mencakup kerja sama politik. Menteri itu menyampaikan keprihatinan yang sudah lama dipendam.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "SPB kapal sudah terbit").speaker.as_deref(), Some("Hendra"), "{q:#?}");
    // An object with a relative clause is no reported clause.
    assert!(q.iter().all(|x| !x.text.starts_with("arah baru") && !x.text.starts_with("keprihatinan")), "{q:#?}");
    let text = "Senator Maria Lopez expects the inquiry will take a year. The study found hundreds of errors in the records.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the inquiry will take").speaker.as_deref(), Some("Maria Lopez"), "{q:#?}");
    assert!(q.iter().all(|x| !x.text.starts_with("hundreds")), "{q:#?}");
}

#[test]
fn a_that_inside_the_clause_and_longer_subjects() {
    let text = "Texas Sen. Ted Cruz says his campaign is the only one that has beaten Trump.\n\nIn Texas, half of GOP primary voters said they were angry.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    // "that" after "is" is a relative pronoun: the clause begins at "his campaign".
    assert_eq!(one(&q, "his campaign").speaker.as_deref(), Some("Ted Cruz"), "{q:#?}");
    assert_eq!(one(&q, "they were angry").speaker.as_deref(), Some("half of GOP primary voters"), "{q:#?}");
}

#[test]
fn a_title_in_quotation_marks_is_nobodys_speech() {
    let text = "Trump, who starred in “The Apprentice,” said on “Fox News Sunday” that the book “Legend in the Coal Fields” was “a disgrace.” Dia menonton film “Laskar Pelangi” kemarin.";
    let q = find_quotes(text, "en", &[]);
    for title in ["The Apprentice", "Fox News Sunday", "Legend in the Coal Fields"] {
        assert!(q.iter().all(|x| !x.text.starts_with(title)), "{title}: {q:#?}");
    }
    assert!(q.iter().any(|x| x.text.starts_with("a disgrace")), "{q:#?}");
    assert!(find_quotes(text, "id", &[]).iter().all(|x| x.text != "Laskar Pelangi"));
}

#[test]
fn reported_speech_may_hold_a_quote_and_follow_a_title() {
    let text = "Johnson said that “exactly who did it” remains under investigation. Johnson tells MSNBC's “Morning Joe” on Friday that the case is closed. Kirby said that “we will respond at a time and in a manner of our choosing.”";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let mixed = one(&q, "“exactly who did it” remains");
    assert_eq!((mixed.kind, mixed.speaker.as_deref()), (QuoteKind::Indirect, Some("Johnson")));
    assert_eq!(one(&q, "exactly who did it").kind, QuoteKind::Fragment, "the quoted words are still a fragment");
    let after_title = one(&q, "the case is closed");
    assert_eq!((after_title.kind, after_title.speaker.as_deref()), (QuoteKind::Indirect, Some("Johnson")));
    // A quote that ends the sentence stays a direct quote, not reported speech.
    let direct = one(&q, "we will respond");
    assert_eq!(direct.kind, QuoteKind::Direct);
    assert!(q.iter().all(|x| !x.text.starts_with("“we will")), "{q:#?}");
}

#[test]
fn a_participle_speaks_for_the_sentences_speaker_not_the_nearest_name() {
    let text = "“Unity also means prosperity, because people fight over limited resources,” she said in the Oval Office, emphasizing it was time to end the sanctions. During a speech earlier in the day, Trump attacked Clinton for her support of military action in Iraq and Libya, saying, “She's trigger-happy and very unstable.” The bill would pass, said Smith, adding that the vote was close.";
    let q = find_quotes(text, "en", &[]);
    let speaker_of = |starts: &str| written_speaker(text, &q, starts);
    assert_eq!(speaker_of("it was time"), Some("she"));
    assert_eq!(speaker_of("She's trigger-happy"), Some("Trump"));
    assert_eq!(speaker_of("the vote was close"), Some("Smith"));
}

#[test]
fn indonesian_openers_days_and_a_menurut_inside_the_sentence() {
    let text = "Kalla melanjutkan, pemerintah akan memperbaiki infrastruktur. Pada satu hingga dua tahun ke depan, menurut dia, masyarakat baru bisa merasakan manfaat dari pengurangan subsidi BBM ini. Sudirman mengatakan, Rabu (3/12/2014), dia akan kembali rapat dengan Menteri Keuangan. Kalaupun ada yang membeli Premium dalam jumlah besar, itu akan dijual kembali. “Kalau dibeli orang dengan jerigen kan dijual lagi untuk masyarakat,” kata dia.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let inside = one(&q, "Pada satu hingga dua tahun");
    assert!(inside.text.ends_with("subsidi BBM ini"), "the whole statement: {inside:#?}");
    assert_eq!((inside.kind, inside.speaker.as_deref()), (QuoteKind::Indirect, Some("Kalla")));
    let day = one(&q, "dia akan kembali rapat");
    assert_eq!(day.speaker.as_deref(), Some("Sudirman"));
    assert!(q.iter().all(|x| !x.text.starts_with("Rabu")), "{q:#?}");
    // "Kalaupun" opens a sentence; it is nobody "dia" can stand for.
    assert_eq!(one(&q, "Kalau dibeli").speaker.as_deref(), Some("Sudirman"));
}

#[test]
fn a_closing_mark_may_open_a_quote_and_a_bracketed_name_is_an_aside() {
    let text = "Sistem itu diuji coba di daerah Kuningan. ”Kami ingin memastikan benar-benar bahwa sistem itu stabil,” ujarnya. PT Pertamina (Persero) mengatakan, harga premium akan turun bulan depan.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let direct = one(&q, "Kami ingin memastikan");
    assert_eq!(direct.kind, QuoteKind::Direct);
    assert!(q.iter().all(|x| !x.text.starts_with("sistem itu stabil")), "not reported speech of Kuningan: {q:#?}");
    assert_eq!(one(&q, "harga premium").speaker.as_deref(), Some("Pertamina"));
}

#[test]
fn offices_brackets_organisations_and_a_trailing_phrase() {
    let text = "“Ekonomi Rusia kolaps,” kata Deputi Gubernur Senior Bank Indonesia (BI) Mirza Adityaswara, di Jakarta. OPEC semakin mungkin untuk memotong produksi mereka, Morgan Stanley mengatakan dalam sebuah laporannya pada Rabu. Kartel ini menghasilkan 30,6 juta barel per hari pada bulan lalu, menurut Badan Energi Internasional.";
    let org = text.find("Badan Energi").unwrap_or(0);
    let names = [NameMention { start: org, end: org + "Badan Energi Internasional".len(), entity_id: Some("org:iea".into()), person: false }];
    let q = find_quotes(text, "id", &names);
    spans_point_at_text(text, &q);
    assert_eq!(one(&q, "Ekonomi Rusia kolaps").speaker.as_deref(), Some("Mirza Adityaswara"));
    let inverted = one(&q, "OPEC semakin mungkin");
    assert_eq!(inverted.speaker.as_deref(), Some("Morgan Stanley"));
    assert!(q.iter().all(|x| !x.text.starts_with("sebuah laporannya")), "{q:#?}");
    let agency = one(&q, "Kartel ini menghasilkan");
    assert!(agency.text.ends_with("pada bulan lalu"), "{agency:#?}");
    assert_eq!((agency.speaker.as_deref(), agency.speaker_id.as_deref()), (Some("Badan Energi Internasional"), Some("org:iea")));
}

#[test]
fn a_subordinator_and_a_demonym_are_no_part_of_the_speaker() {
    let text = "Inside, there is seating for four, though VW says it could add a rear bench. Orders fell, and the French manufacturer said it would scrap production.";
    let q = find_quotes(text, "en", &[]);
    let speaker_of = |starts: &str| written_speaker(text, &q, starts);
    assert_eq!(speaker_of("it could add"), Some("VW"));
    assert_eq!(speaker_of("it would scrap"), Some("the French manufacturer"));
    // A place or a time after a verb is no speaker.
    let text = "“The president wants a bigger deal than the little deal” announced in October, said Derek Scissors.";
    let q = find_quotes(text, "en", &[]);
    assert!(q.iter().all(|a| a.speaker_span.is_none_or(|s| !text[s.start..s.end].starts_with("in October"))), "{q:#?}");
}

#[test]
fn an_attribution_inside_the_statement_attributes_the_whole_sentence() {
    let text = "Climate change, Mr. Obama often says, is the greatest threat to future generations. But to prevent problems, he said, local officials should be vigilant.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let climate = one(&q, "Climate change, Mr. Obama often says, is the greatest");
    assert_eq!((climate.kind, climate.speaker.as_deref()), (QuoteKind::Indirect, Some("Obama")));
    // The word tying the sentence to the one before is no part of what was said.
    assert_eq!(one(&q, "to prevent problems").speaker.as_deref(), Some("Obama"));
    let text = "(Officials said the plan was wrong.) Still, the company said it would go on.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    assert_eq!(one(&q, "the plan").text, "the plan was wrong");
    assert_eq!(one(&q, "it would").speaker.as_deref(), Some("the company"));
    let text = "Kapal itu, kata dia, sudah laik berlayar. Harga premium, kata Menteri ESDM Sudirman Said, tidak akan naik. Dalam kesempatan itu, Kirby mengatakan, tidak ada negara yang boleh membantu.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    assert!(one(&q, "Kapal itu, kata dia").text.ends_with("laik berlayar"));
    assert_eq!(one(&q, "Harga premium").speaker.as_deref(), Some("Sudirman Said"));
    // Indonesian sets the speaker first only before its statement.
    assert_eq!(one(&q, "tidak ada negara").speaker.as_deref(), Some("Kirby"));
    assert!(q.iter().all(|x| !x.text.starts_with("Dalam kesempatan")), "{q:#?}");
}

#[test]
fn who_was_told_is_not_who_said_it() {
    let text = "Investors have been told that the price of 176 Hong Kong dollars is final. Officials told investors that the listing would go ahead.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let heard = one(&q, "the price of 176");
    assert_eq!((heard.kind, heard.speaker.as_deref()), (QuoteKind::Indirect, None));
    assert_eq!(one(&q, "the listing would go ahead").speaker.as_deref(), Some("Officials"));
    let text = "His mother was said to disapprove, and aides were warned that the plan would fail. So now we know that the bar exists. Orders fell, and the Texas-based organization said the group was secular.";
    let q = find_quotes(text, "en", &[]);
    assert!(q.iter().filter(|a| a.text.starts_with("the plan would fail")).all(|a| a.speaker_span.is_none()), "{q:#?}");
    assert_eq!(written_speaker(text, &q, "the bar exists"), Some("we"));
    assert_eq!(written_speaker(text, &q, "the group was secular"), Some("the Texas-based organization"));
}

#[test]
fn a_long_subject_opening_the_sentence_speaks_for_itself() {
    let text = "Large majorities of voters going to the polls on Super Tuesday said they support the proposal.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(written_speaker(text, &q, "they support"), Some("Large majorities of voters going to the polls on Super Tuesday"));
}

#[test]
fn a_passive_sentence_gives_the_one_before_it_a_speaker_and_kata_may_lead() {
    let text = "Kapal itu terbakar pada Senin malam dan semua penumpang selamat. Hal itu disampaikan Kepala Basarnas Marsekal Madya Kusworo di Jakarta, Selasa (5/3).\n\nKata dia, pencarian akan dilanjutkan besok. Kata tersebut berasal dari bahasa Sanskerta.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    let fire = one(&q, "Kapal itu terbakar");
    assert_eq!((fire.kind, fire.speaker.as_deref()), (QuoteKind::Indirect, Some("Kusworo")), "{q:#?}");
    assert_eq!(fire.cue.as_ref().map(|c| c.text.as_str()), Some("disampaikan"));
    let next = one(&q, "pencarian akan dilanjutkan");
    assert_eq!(next.cue.as_ref().map(|c| c.text.as_str()), Some("Kata"));
    assert!(q.iter().all(|x| !x.text.contains("Sanskerta")), "{q:#?}");
    // A request: "meminta agar …".
    let q = find_quotes("Presiden Joko Widodo meminta agar semua pihak menahan diri.", "id", &[]);
    assert_eq!(one(&q, "semua pihak menahan diri").speaker.as_deref(), Some("Joko Widodo"), "{q:#?}");
}

#[test]
fn a_verb_inside_a_name_reports_nothing() {
    let text = "The plan is the main tool for the United States to meet the target it set. The senator states that the plan will fail.";
    let q = find_quotes(text, "en", &[]);
    assert!(q.iter().all(|x| !x.text.starts_with("to meet")), "{q:#?}");
    assert_eq!(one(&q, "the plan will fail").speaker.as_deref(), Some("The senator"));
}

#[test]
fn english_speakers_behind_auxiliaries_clauses_and_earlier_verbs() {
    let text = "Mr. Rubio's advisers privately conceded that it had been a difficult night for their candidate.\n\n\
        She escalated her criticism on Tuesday, telling CNN that the nominee was unfit, pointing to his record.\n\n\
        \"We will fight,\" he said, adding that the party would not give up.\n\n\
        The governor, who dropped his own bid last September, noted that the race was close.\n\n\
        The company said in a statement it would cut 500 jobs.\n\n\
        Benny Sutanto told the newspaper the company would cover all costs, and told him the ferry was safe.\n\n\
        The mayor told the Associated Press that the bridge was safe.\n\n\
        The senator spoke for an hour, citing the budget.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let speaker_of = |starts: &str| {
        let x = one(&q, starts);
        assert_eq!(x.kind, QuoteKind::Indirect, "{x:?}");
        x.speaker.clone()
    };
    assert_eq!(speaker_of("it had been a difficult night").as_deref(), Some("Mr. Rubio's advisers"));
    // The participle speaks for the sentence's subject; a later participle ends the clause.
    assert_eq!(one(&q, "the nominee was unfit").text, "the nominee was unfit");
    assert!(speaker_of("the nominee was unfit").is_some());
    assert!(speaker_of("the party would not give up").is_some());
    assert_eq!(speaker_of("the race was close").as_deref(), Some("The governor"));
    assert_eq!(speaker_of("it would cut 500 jobs").as_deref(), Some("The company"));
    // The person told is no part of what was said.
    assert_eq!(speaker_of("the company would cover all costs").as_deref(), Some("Benny Sutanto"));
    assert_eq!(speaker_of("the bridge was safe").as_deref(), Some("The mayor"));
    assert!(q.iter().any(|x| x.text == "the ferry was safe"), "{q:?}");
    // A participle that reports nothing is no speech.
    assert!(q.iter().all(|x| !x.text.contains("budget")), "{q:?}");
}

#[test]
fn appositives_with_menurut_and_an_age() {
    let text = "Menurut Kakansar Sarinjaya, Ruslan Hadiwijaya, kapal bertolak dari Teluk Randai pukul 20.15 WITA.\n\nSiti Rahmawati (38), penumpang asal Pulau Tanaweri, bercerita dirinya panik saat asap pekat menyelimuti dek.";
    let q = find_quotes(text, "id", &[]);
    let m = one(&q, "kapal bertolak");
    assert_eq!((m.kind, m.speaker.as_deref()), (QuoteKind::Indirect, Some("Ruslan Hadiwijaya")));
    let s = one(&q, "dirinya panik");
    assert_eq!(s.speaker.as_deref(), Some("Siti Rahmawati"));
}

#[test]
fn english_name_and_appositive_after_the_quote() {
    let text = "“He's absolutely right. There's a severe disconnect,” Flynn, a top Trump surrogate, said Thursday morning.";
    let q = find_quotes(text, "en", &[]);
    let d = one(&q, "He's absolutely");
    assert_eq!((d.kind, d.speaker.as_deref()), (QuoteKind::Direct, Some("Flynn")));
}

#[test]
fn quote_continues_into_the_next_paragraph_that_opens_with_a_mark() {
    let text = "“Kami sudah memeriksa enam saksi.\n\n“Tim Labfor juga sudah turun ke kapal,” kata Dimas.\n\nLalu selesai.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    assert_eq!(q.iter().filter(|x| x.kind == QuoteKind::Direct).count(), 1, "{q:#?}");
    let d = one(&q, "Kami sudah");
    assert!(d.text.ends_with("ke kapal,"));
    assert_eq!(d.speaker.as_deref(), Some("Dimas"));
    // A paragraph opening with another kind of mark starts a quote of its own.
    let text = "\"Kevin was snoring.\n\n“Here he is, babe,” she said.";
    let q = find_quotes(text, "en", &[]);
    assert!(q.iter().any(|x| x.text == "Here he is, babe,"), "{q:#?}");
    assert!(q.iter().all(|x| !x.text.contains("snoring.\n")), "{q:#?}");
}

#[test]
fn quotes_inside_quotes_stay_one_quote() {
    let text = "\"Dia bilang 'kami siap' kepada kami semua tadi pagi,\" kata Budi.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].text, "Dia bilang 'kami siap' kepada kami semua tadi pagi,");
    let text = "“Mereka menyebutnya ‘kendali Barat’ dan itu salah,” ujar Ruslan.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].speaker.as_deref(), Some("Ruslan"));
}

#[test]
fn two_apostrophes_are_a_double_mark() {
    let text = "''It's more tinkering at the edges,'' said Douglas Holtz-Eakin.\n\nMr. Burman said: ''There's no evidence whatsoever.''\n\nThey danced to rock 'n' roll.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let a = one(&q, "It's more tinkering");
    assert_eq!((a.kind, a.speaker.as_deref()), (QuoteKind::Direct, Some("Douglas Holtz-Eakin")), "{q:#?}");
    assert_eq!(a.text, "It's more tinkering at the edges,");
    assert_eq!(one(&q, "There's no evidence").speaker.as_deref(), Some("Burman"), "{q:#?}");
    assert!(q.iter().all(|x| !x.text.contains("roll")), "{q:#?}");
}

#[test]
fn apostrophes_are_not_quotes() {
    let text = "Trump's plan isn't new, Clinton's aides said on Monday in the '90s style.";
    let q = find_quotes(text, "en", &[]);
    assert!(q.iter().all(|x| x.kind != QuoteKind::Direct && x.kind != QuoteKind::Fragment), "{q:#?}");
}

#[test]
fn person_mentions_give_the_speaker_id() {
    let text = "Menlu Blinken tiba. \"Itu harus dihentikan,\" kata Blinken. \"Kami siap,\" imbuhnya.";
    let at = text.rfind("Blinken").unwrap_or(0);
    let people = vec![
        NameMention { start: 6, end: 13, entity_id: Some("person:antony-blinken".into()), person: true },
        NameMention { start: at, end: at + 7, entity_id: Some("person:antony-blinken".into()), person: true },
    ];
    let q = find_quotes(text, "id", &people);
    let d = one(&q, "Itu harus");
    assert_eq!(d.speaker_id.as_deref(), Some("person:antony-blinken"));
    let p = one(&q, "Kami siap");
    assert_eq!(p.speaker.as_deref(), Some("Blinken"));
    assert_eq!(p.speaker_id.as_deref(), Some("person:antony-blinken"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn never_panics_and_spans_point_at_text(s in "(\\PC|[\"“”‘’'«»,.:;!?\\n ]|kata |said |katanya |he said |Stoltenberg |menurut |according to |Hal itu disampaikan |Kata |dan menambahkan bahwa |, who said |made it clear |States |telah |agar |The Apprentice |'' |” |(BI) |though |Kalaupun |dalam |lalu |, saying |emphasizing |Rabu (3/12/2014), |memastikan |tidak |dipicu |guna |untuk |(SKK Migas) |Komite (KKPD) Sarinjaya |In a poll |Although |Meskipun |called on |called |accused |been |asked whether |for |Lynch: |Poll: |Says |Pastikan |— according to |belum bisa |did not |\"Tetapi menurut Andy, kepala |kata analis |,” according to ){0,80}") {
        for lang in ["id", "en", "xx"] {
            let people = vec![
                NameMention { start: 0, end: s.len().min(3), entity_id: None, person: true },
                NameMention { start: 7, end: 2, entity_id: None, person: true },
                NameMention { start: 1, end: s.len().min(9), entity_id: None, person: false },
            ];
            let q = find_quotes(&s, lang, &people);
            for x in &q {
                prop_assert!(x.start <= x.end && x.end <= s.len());
                prop_assert_eq!(&s[x.start..x.end], x.text.as_str());
                if let Some(c) = &x.cue {
                    prop_assert_eq!(&s[c.start..c.end], c.text.as_str());
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------
// The Indonesian seeds, annotated by hand.

/// (seed file prefix, content start words, kind, speaker the finder must name — a
/// substring, or "" when the text does not settle it).
const SEED_GOLD: &[(&str, &str, QuoteKind, &str)] = {
    use QuoteKind::{Direct as D, Fragment as F, Indirect as I};
    &[
        ("000", "Kami tentu saja juga prihatin", D, "Stoltenberg"),
        ("000", "konsekuensi", F, "Stoltenberg"),
        ("000", "Mereka tidak bisa terus", D, "Stoltenberg"),
        ("000", "keputusasaan", F, "Blinken"),
        ("000", "Kami tidak tahu dengan pasti", D, "Campbell"),
        ("000", "perang Rusia di Ukraina didukung", I, "Stoltenberg"),
        ("000", "dukungan ekonomi China terhadap Rusia", I, "Stoltenberg"),
        ("000", "mendalamnya kerja sama", I, "Jean-Pierre"),
        ("000", "dukungan China terhadap Rusia telah", I, "Blinken"),
        ("000", "Korea Utara tertarik untuk memperoleh", I, "Bonnie Jenkins"),
        ("001", "Organisasi Pakta Pertahanan Atlantik Utara (NATO) khawatir", I, "Stoltenberg"),
        ("001", "Kami tentu saja juga prihatin", D, "Stoltenberg"),
        ("001", "Apakah itu hard currency", D, "Campbell"),
        ("001", "Mereka tidak bisa terus", D, "Stoltenberg"),
        ("001", "Namun, ini harus menjadi", D, "Stoltenberg"),
        ("001", "Itu harus dihentikan", D, "Blinken"),
        ("001", "konsekuensi", F, "Stoltenberg"),
        ("001", "perang Rusia di Ukraina didukung", I, "Stoltenberg"),
        ("001", "Washington prihatin", I, "Campbell"),
        ("001", "dia yakin Korea Utara", I, "Bonnie Jenkins"),
        ("001", "hal itu", I, "Bonnie Jenkins"),
        ("001", "pertemuan puncak NATO bulan depan", I, "Bonnie Jenkins"),
        ("001", "masih terlalu dini", I, "Stoltenberg"),
        ("001", "perlu ada \"konsekuensi\"", I, "Stoltenberg"),
        ("001", "kunjungan Putin ke Korea Utara adalah", I, "Blinken"),
        ("001", "dukungan China telah memungkinkan", I, "Blinken"),
        ("002", "kendali Barat", F, "kedua negara tersebut"),
        ("002", "Kerja sama yang semakin erat", D, "Patrick Ryder"),
        ("002", "Telah jelas terbukti", D, "Stoltenberg"),
        ("002", "Rusia sangat ingin", D, "Blinken"),
        ("002", "hubungan yang semakin erat antara Moskow", I, "Pentagon"),
        ("002", "Amerika Serikat tetap berfokus", I, "Ryder"),
        ("002", "fakta membuktikan", I, "Stoltenberg"),
        ("002", "kunjungan ke Korea Utara ini", I, "Blinken"),
        ("002", "cara tercepat untuk mengakhiri", I, "Blinken"),
        ("002", "Putin akan melakukan kunjungan", I, "Kremlin"),
        ("002", "Rusia mungkin memberi senjata", I, ""),
        ("003", "Perjanjian kemitraan komprehensif", D, "Putin"),
        ("003", "tingkat aliansi yang lebih tinggi", F, "Kim"),
        ("003", "perjanjian terkuat yang pernah", F, "Kim"),
        ("003", "perjanjian ini bersifat defensif", I, "Putin"),
        ("003", "ini adalah “perjanjian terkuat", I, "Kim"),
        ("003", "pejabat intelijen AS percaya", I, "NBC News"),
        ("003", "pemerintahan Biden mengkhawatirkan", I, "laporan tersebut"),
        ("004", "ada “kemungkinan” untuk kerja sama", I, "Putin"),
        ("004", "kemungkinan", F, "Putin"),
        ("004", "prioritas", F, "Kim"),
        ("004", "ia akan menjadikan hubungan", I, "Kim"),
        ("004", "ia mendukung invasi", I, "Kim"),
        ("004", "Kami selalu mendukung penuh", D, "Kim"),
        ("004", "tidak ada satupun negara", I, "John Kirby"),
        ("004", "Jika mereka memutuskan", D, "John Kirby"),
        ("004", "Pertemuan itu juga menimbulkan kecemasan", I, "Matthew Miller"),
        ("004", "Hal ini meresahkan", D, "Matthew Miller"),
        ("004", "Korea Utara dan Rusia tampaknya", I, ""),
        ("004", "Saya pikir sangat penting", D, "Mark Fitzpatrick"),
        ("004", "ia yakin Korea Utara akan memasok", I, "Fitzpatrick"),
        ("004", "segala bentuk kerja sama", I, "Antonio Guterres"),
    ]
};

const SEED_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");

/// A found quote matches a gold one when the kind is the same and the expected words
/// open its content (within its first few words: the finder may keep an object noun
/// such as "keyakinannya bahwa" in front).
fn seed_matches(q: &Quote, start: &str, kind: QuoteKind) -> bool {
    if q.kind != kind {
        return false;
    }
    let head: String = q.text.chars().take(start.chars().count() + 30).collect();
    q.text.starts_with(start) || (kind == QuoteKind::Indirect && head.contains(start))
}

/// Per kind: (gold, found, found with the right speaker, predicted, predicted matched).
type Tally = BTreeMap<&'static str, [usize; 5]>;

/// Scores the finder on hand-annotated files: `files` are (name, language, text) and
/// `gold` rows are keyed by a prefix of the name. Prints the table and every miss.
fn score_annotated(label: &str, files: &[(String, &str, String)], gold: &[(&str, &str, QuoteKind, &str)]) -> Tally {
    let mut tally = Tally::new();
    let mut misses = Vec::new();
    for (name, language, text) in files {
        let found = find_quotes(text, language, &[]);
        spans_point_at_text(text, &found);
        let gold: Vec<_> = gold.iter().filter(|g| name.starts_with(g.0)).collect();
        for g in &gold {
            let t = tally.entry(kind_name(g.2)).or_default();
            t[0] += 1;
            match found.iter().find(|q| seed_matches(q, g.1, g.2)) {
                Some(q) => {
                    t[1] += 1;
                    if g.3.is_empty() || q.speaker.as_deref().is_some_and(|s| s.contains(g.3)) {
                        t[2] += 1;
                    } else {
                        misses.push(format!("{name}: {:?} speaker {:?}, expected {:?}", g.1, q.speaker, g.3));
                    }
                }
                None => misses.push(format!("{name}: missed {:?} {:?}", kind_name(g.2), g.1)),
            }
        }
        for q in &found {
            let t = tally.entry(kind_name(q.kind)).or_default();
            t[3] += 1;
            if gold.iter().any(|g| seed_matches(q, g.1, g.2)) {
                t[4] += 1;
            } else {
                misses.push(format!("{name}: extra {:?} {:?} ({:?})", kind_name(q.kind), q.text.chars().take(60).collect::<String>(), q.speaker));
            }
        }
    }
    println!("{label}: kind       P      R   speaker-ok/found");
    for (kind, t) in &tally {
        let p = t[4] as f64 / t[3].max(1) as f64;
        let r = t[1] as f64 / t[0].max(1) as f64;
        println!("{label}: {kind:<9} {p:.3}  {r:.3}  {}/{} (gold {}, predicted {})", t[2], t[1], t[0], t[3]);
    }
    for m in &misses {
        println!("  {m}");
    }
    tally
}

#[test]
fn seeds_precision_and_recall() {
    let Ok(entries) = std::fs::read_dir(SEED_DIR) else {
        println!("skipped: {SEED_DIR} not found");
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    let files: Vec<_> = paths
        .iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().to_string();
            Some((name, "id", std::fs::read_to_string(path).ok()?))
        })
        .collect();
    let tally = score_annotated("seeds", &files, SEED_GOLD);
    let direct = tally.get("direct").copied().unwrap_or_default();
    // Every direct quote of the seeds is found, with its speaker.
    assert_eq!(direct[1], direct[0], "direct recall on the seeds");
    assert_eq!(direct[2], direct[0], "direct speakers on the seeds");
    let fragment = tally.get("fragment").copied().unwrap_or_default();
    assert_eq!(fragment[1], fragment[0], "fragment recall on the seeds");
}

// ---------------------------------------------------------------------------------
// The plain-text articles of the example corpus (`examples/news/*.txt`), annotated by
// hand: every statement a careful reader would attribute to someone. A request
// ("meminta KSOP mengaudit") is an action, not reported speech, and is not listed.

const EXAMPLE_GOLD: &[(&str, &str, QuoteKind, &str)] = {
    use QuoteKind::{Direct as D, Fragment as F, Indirect as I};
    &[
        ("kabar-nusantara-2025-03-04", "api diketahui muncul dari ruang mesin", I, "Ruslan"),
        ("kabar-nusantara-2025-03-04", "Api pertama kali terlihat", D, "Ruslan"),
        ("kabar-nusantara-2025-03-04", "evakuasi dilakukan dengan kapal negara", I, "Ruslan"),
        ("kabar-nusantara-2025-03-04", "Nelayan sangat membantu", D, "Ruslan"),
        ("kabar-nusantara-2025-03-04", "perusahaan telah membuka posko", I, "Benny"),
        ("kabar-nusantara-2025-03-04", "Kami fokus pada keselamatan", D, "Benny"),
        ("kantor-berita-samudra", "api diketahui muncul dari ruang mesin", I, "Ruslan"),
        ("kantor-berita-samudra", "Api pertama kali terlihat", D, "Ruslan"),
        ("kantor-berita-samudra", "evakuasi dilakukan dengan kapal negara", I, "Ruslan"),
        ("kantor-berita-samudra", "Nelayan sangat membantu", D, "Ruslan"),
        ("kantor-berita-samudra", "perusahaan telah membuka posko", I, "Benny"),
        ("kantor-berita-samudra", "Kami fokus pada keselamatan", D, "Benny"),
        ("kabar-nusantara-2025-03-05", "saksi yang diperiksa antara lain", I, "Dimas"),
        ("kabar-nusantara-2025-03-05", "Kami sudah memeriksa enam saksi", D, "Dimas"),
        ("kabar-nusantara-2025-03-05", "pencarian pada hari ketiga diperluas", I, "Ruslan"),
        ("kabar-nusantara-2025-03-05", "Tim gabungan memperluas area", D, "Ruslan"),
        ("kabar-nusantara-2025-03-05", "kapal dalam kondisi laik laut", I, "Benny"),
        ("kabar-nusantara-2025-03-05", "kebocoran oli di dekat mesin", I, "Made Wiranata"),
        ("kabar-nusantara-2025-03-05", "Kalau kebocoran seperti itu", D, "Made Wiranata"),
        ("lensa-timur", "kapal bertolak dari Teluk Randai", I, "Ruslan"),
        ("lensa-timur", "Begitu laporan masuk", D, "Ruslan"),
        ("lensa-timur", "dirinya panik saat asap pekat", I, "Siti"),
        ("lensa-timur", "Lampu mati, asap masuk", D, "Siti"),
        ("lensa-timur", "kapal bertolak tepat waktu", I, "Hendra Mamonto"),
        ("lensa-timur", "SPB kapal sudah terbit", I, "Hendra"),
        ("lensa-timur", "kapal dalam keadaan laik", I, "Benny"),
        ("lensa-timur", "Kapal itu laik berlayar", D, "Benny"),
        ("sarinjaya-pos-2025-03-04-b", "Anak-anak bermain disiplin", D, "Johan Sitanggang"),
        ("sarinjaya-pos-2025-03-04-b", "timnya kehabisan tenaga", I, "Ishak Rumere"),
        ("sarinjaya-pos-2025-03-04-b", "jadwal yang padat membuat", I, "Ishak"),
        ("sarinjaya-pos-2025-03-04-b", "Kami baru main Jumat kemarin", D, "Ishak"),
        ("harianpesisir-2025-09-11", "Semua penumpang selamat", D, "Ruslan Hadiwijaya"),
        ("harianpesisir-2025-09-11", "awak kapal sigap membagikan", I, "Yusuf Lamaka"),
        ("harianpesisir-2025-09-11", "Kami langsung disuruh naik", D, "Yusuf"),
        ("harianpesisir-2025-09-11", "pihaknya menghentikan sementara", I, "Hendra Mamonto"),
        ("harianpesisir-2025-09-11", "Kami memohon maaf", D, "Benny"),
        ("harianpesisir-2025-09-11", "kebakaran KMP Bahari Lestari dipicu", I, "Komite Keselamatan Pelayaran"),
        ("straits-ledger-2025-03-04", "One passenger was killed", I, "rescue officials"),
        ("straits-ledger-2025-03-04", "the body of a woman passenger", I, "Ruslan Hadiwijaya"),
        ("straits-ledger-2025-03-04", "We found the victim", D, "Ruslan"),
        ("straits-ledger-2025-03-04", "The number of injured rose to 17", I, "Ruslan"),
        ("straits-ledger-2025-03-04", "Fishermen were among the first", I, "survivors"),
        ("straits-ledger-2025-03-04", "the company would cover all medical costs", I, "Benny Sutanto"),
        ("straits-ledger-2025-03-04", "cooperating fully with the investigators", F, "Benny Sutanto"),
        ("straits-ledger-2025-03-04", "the ferry had sailed on schedule", I, "Hendra Mamonto"),
    ]
};

#[test]
fn example_corpus_precision_and_recall() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/news");
    let mut files = Vec::new();
    for name in [
        "kabar-nusantara-2025-03-04.txt",
        "kantor-berita-samudra-2025-03-04.txt",
        "kabar-nusantara-2025-03-05.txt",
        "lensa-timur-2025-03-04.txt",
        "sarinjaya-pos-2025-03-04-b.txt",
        "harianpesisir-2025-09-11.txt",
        "straits-ledger-2025-03-04.txt",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"));
        let language = if name.starts_with("straits") { "en" } else { "id" };
        files.push((name.to_string(), language, text));
    }
    let tally = score_annotated("examples", &files, EXAMPLE_GOLD);
    let direct = tally.get("direct").copied().unwrap_or_default();
    assert_eq!(direct[1], direct[0], "direct recall on the example corpus");
    assert_eq!(direct[2], direct[0], "direct speakers on the example corpus");
    // Reported speech: what is found is right and has the right speaker; what is missed
    // (a clause with no verb after its subject, "memastikan kapal dalam keadaan laik",
    // or whose predicate comes after a relative clause, which the finder reads as an
    // object) stays a minority.
    let indirect = tally.get("indirect").copied().unwrap_or_default();
    assert_eq!(indirect[4], indirect[3], "indirect precision on the example corpus");
    assert_eq!(indirect[2], indirect[1], "indirect speakers on the example corpus");
    assert!(indirect[1] * 5 >= indirect[0] * 4, "indirect recall on the example corpus: {indirect:?}");
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Indirect => "indirect",
        QuoteKind::Fragment => "fragment",
    }
}

#[test]
fn a_clause_without_bahwa_is_told_from_an_object_by_its_predicate() {
    let text = "Kepala BMKG Dwikorita memastikan gempa tidak berpotensi tsunami. Komite Keselamatan Pelayaran Daerah (KKPD) Sarinjaya dalam laporannya menyimpulkan kebakaran kapal itu dipicu korsleting. Presiden memastikan kesiapan pasukan yang akan dikirim. Menlu memperingatkan Korea Utara untuk tidak mengabaikan sanksi. Sementara itu, guna memastikan proyek itu layak diberikan tambahan anggaran, BPKP akan berpatokan pada TOR awal. Satuan Kerja Khusus Pelaksana Kegiatan Usaha Hulu Minyak dan Gas Bumi (SKK Migas) memastikan tidak mampu memenuhi target penerimaan.";
    let q = find_quotes(text, "id", &[]);
    spans_point_at_text(text, &q);
    // A negation after the noun: it is the subject of a clause.
    assert_eq!(one(&q, "gempa tidak berpotensi").speaker.as_deref(), Some("Dwikorita"));
    // And so is a noun whose state follows it.
    let state = "Dirut PT Arunika, Benny Sutanto, memastikan kapal dalam keadaan laik.";
    let found = find_quotes(state, "id", &[]);
    assert_eq!(one(&found, "kapal dalam keadaan laik").speaker.as_deref(), Some("Benny Sutanto"));
    // A passive verb ("dipicu": "memicu" is a word), and a name its acronym interrupts.
    let report = one(&q, "kebakaran kapal itu dipicu");
    assert_eq!(report.speaker.as_deref(), Some("Komite Keselamatan Pelayaran Daerah (KKPD) Sarinjaya"));
    // An object with a relative clause, an object told to do something, and a purpose.
    for object in ["kesiapan pasukan", "Korea Utara untuk", "untuk tidak", "proyek itu layak"] {
        assert!(q.iter().all(|x| !x.text.starts_with(object)), "{object}: {q:#?}");
    }
    // The acronym in brackets names an organisation whose name "dan" cuts.
    assert_eq!(one(&q, "tidak mampu memenuhi").speaker.as_deref(), Some("SKK Migas"));
}

#[test]
fn a_simple_past_after_the_noun_makes_it_the_subject_of_reported_speech() {
    let text = "The New York Times reported the email came hours after the proposal. Obama announced a series of steps to tighten firearms sales.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    assert_eq!(one(&q, "the email came").speaker.as_deref(), Some("The New York Times"));
    // A plain object stays the object of what was announced.
    assert!(q.iter().all(|x| !x.text.starts_with("a series")), "{q:#?}");
}

#[test]
fn naming_describing_and_accusing_report_what_follows_the_verb() {
    let text = "Former Florida Gov. Jeb Bush called Trump “unhinged and dangerous.” Bush described his leadership skills as a work in progress. Rubio accused Clinton of lying about the attack. Valastro praised Christie's leadership after the storm. Schiff called on the administration to respond. Reporters asked whether the senator would resign soon. She called her mother on Sunday. The nominee has been endorsed by dozens of papers. Some calls into the hotline went to voicemail. Ferries matter, and accidents are often blamed on overloading and poor upkeep.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    assert_eq!(one(&q, "Trump “unhinged").speaker.as_deref(), Some("Jeb Bush"));
    assert_eq!(one(&q, "Trump “unhinged").kind, QuoteKind::Indirect);
    assert_eq!(one(&q, "his leadership skills as").speaker.as_deref(), Some("Bush"));
    assert_eq!(one(&q, "Clinton of lying").speaker.as_deref(), Some("Rubio"));
    assert_eq!(one(&q, "Christie's leadership").speaker.as_deref(), Some("Valastro"));
    assert_eq!(one(&q, "the administration to respond").speaker.as_deref(), Some("Schiff"));
    assert_eq!(one(&q, "the senator would resign").speaker.as_deref(), Some("Reporters"));
    // A call with no naming in it, a passive and a noun report nothing.
    for object in ["her mother", "by dozens", "dozens", "into the hotline", "the hotline", "Ferries matter", "on overloading", "overloading"] {
        assert!(q.iter().all(|x| !x.text.starts_with(object)), "{object}: {q:#?}");
    }
}

#[test]
fn a_statement_inside_a_subordinate_clause_ends_with_it() {
    let text = "Although Trump said the wall would be built, the party was divided. Meskipun kedua pemimpin mengatakan kerja sama militer berkembang, pembicaraan itu menimbulkan kekhawatiran.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the wall").text, "the wall would be built");
    let q = find_quotes(text, "id", &[]);
    let clause = one(&q, "kerja sama");
    assert_eq!((clause.text.as_str(), clause.speaker.as_deref()), ("kerja sama militer berkembang", Some("kedua pemimpin")));
}

#[test]
fn a_sentence_opening_with_a_poll_states_what_the_poll_found() {
    let text = "In an NBC News/Wall Street Journal poll released Monday, 50 percent of respondents chose Clinton. In an interview, Trump said the wall would be paid for. In the morning, crowds gathered outside the hall.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let poll = one(&q, "50 percent");
    assert_eq!(poll.speaker.as_deref(), Some("an NBC News/Wall Street Journal poll released Monday"));
    // A reporting verb names the speaker itself; a time is no source.
    assert_eq!(one(&q, "the wall would").speaker.as_deref(), Some("Trump"));
    assert!(q.iter().all(|x| !x.text.starts_with("crowds")), "{q:#?}");
    let text = "Dalam laporan itu, disebutkan bahwa harga minyak akan turun tahun depan. Dalam wawancara itu tidak ada yang baru, semua sudah diketahui publik.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "harga minyak").speaker.as_deref(), Some("laporan itu"));
    // A phrase that says something itself is no source.
    assert!(q.iter().all(|x| !x.text.starts_with("semua")), "{q:#?}");
}

#[test]
fn according_to_after_a_dash_a_quote_or_no_comma() {
    let text = "In 2014, Ferguson had 115 instances of violent crime — according to the most recent data. \
Trump wrote to the chief executive, threatening “a major lawsuit,” according to a copy of the letter. \
Clinton leads Trump 46 percent to 39 percent according to a CBS poll released Tuesday. \
Workers would see their pay rise in the first year, according to a fact sheet lawmakers released Monday. \
He voted according to his conscience.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    assert_eq!(one(&q, "In 2014").speaker.as_deref(), Some("the most recent data"));
    assert_eq!(one(&q, "Trump wrote").text, "Trump wrote to the chief executive, threatening “a major lawsuit,”");
    assert_eq!(one(&q, "Trump wrote").speaker.as_deref(), Some("a copy of the letter"));
    // A name that qualifies a noun is part of the source.
    assert_eq!(one(&q, "Clinton leads").speaker.as_deref(), Some("a CBS poll released Tuesday"));
    // A source too long for a short noun phrase is the whole phrase after the cue.
    assert_eq!(one(&q, "Workers would").speaker.as_deref(), Some("a fact sheet lawmakers released Monday"));
    // Without a comma, a manner is no source.
    assert!(q.iter().all(|x| !x.text.starts_with("He voted")), "{q:#?}");
    // A long source before the comma, and a comma inside a quoted title is not the one.
    let text = "According to early results of the exit poll conducted by Edison Research for the Associated Press and Television Networks, Clinton led in both states. \
According to “The Trumps: Three Generations That Built an Empire,” by Gwenda Blair, Donald told his roommate about it.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "Clinton led").text, "Clinton led in both states");
    assert!(q.iter().all(|x| !x.text.starts_with("by Gwenda")), "{q:#?}");
}

#[test]
fn a_headline_attributes_with_a_colon_or_a_verb_in_title_case() {
    let text = "Lynch: No outside influence on FBI probe into Clinton emails.\n\nPoll: Trump a big turnoff for Florida Latino voters.\n\nThe Latest: Cruz to give away engraved shotgun.\n\nIowa: Tim Albrecht, Brad Anderson, Rob Barron, Jeff Boeyink.\n\nTrump Says He Never Pledged To Kill Family Members Of Terrorists.\n\nAgents said the raid went as planned.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let lynch = one(&q, "No outside");
    assert_eq!((lynch.kind, lynch.speaker.as_deref()), (QuoteKind::Indirect, Some("Lynch")));
    assert_eq!(one(&q, "He Never").speaker.as_deref(), Some("Trump"));
    // Labels, a column's name and lists attribute nothing.
    for not in ["Trump a big", "Cruz to give", "Tim Albrecht"] {
        assert!(q.iter().all(|x| !x.text.starts_with(not)), "{not}: {q:#?}");
    }
    let text = "Jokowi: Tak Ada Reshuffle Kabinet dalam Waktu Dekat\n\nKapolri Pastikan Warga Tetap Aman Usai Gempa\n\nBagikan: Facebook  X  WhatsApp  Salin tautan\n\nBaca juga: Kapal Terbakar di Perairan Sarinjaya\n\nWarga tetap tenang, pastikan semua pintu terkunci.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "Tak Ada").speaker.as_deref(), Some("Jokowi"));
    assert_eq!(one(&q, "Warga Tetap").speaker.as_deref(), Some("Kapolri"));
    for not in ["Facebook", "Kapal Terbakar", "semua pintu"] {
        assert!(q.iter().all(|x| !x.text.starts_with(not)), "{not}: {q:#?}");
    }
}

#[test]
fn bounds_determiners_adverbs_and_a_participle_after_the_speaker() {
    let text = "As many as 40 percent of voters said they could not support Barack Obama. \
About 40 percent of voters said they would stay home. \
That person said the outright hostility hampered his ability to gain momentum. \
That shows how hard the race will be for him. \
He said, however, that he hopes the party wins. \
Ryan and Trump will meet sometime next week, Spicer said, adding that it was fine.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    assert_eq!(one(&q, "they could not").speaker.as_deref(), Some("As many as 40 percent of voters"));
    assert_eq!(one(&q, "they would stay").speaker.as_deref(), Some("About 40 percent of voters"));
    assert_eq!(one(&q, "the outright").speaker.as_deref(), Some("That person"));
    // "That" before the verb is a pronoun, not a determiner.
    assert!(q.iter().all(|x| !x.text.starts_with("how hard")), "{q:#?}");
    assert_eq!(one(&q, "he hopes").text, "he hopes the party wins");
    assert_eq!(one(&q, "Ryan and Trump").speaker.as_deref(), Some("Spicer"));
    assert_eq!(one(&q, "it was fine").speaker.as_deref(), Some("Spicer"));
}

#[test]
fn a_denied_report_is_nobodys_statement() {
    let text = "Ketika ditanya, akankah Pertamina membantu PT Inti andaikata modal menjadi kendala, Ali belum bisa memastikan. Budi tidak mengatakan bahwa harga akan naik. Budi mengatakan bahwa harga tidak akan turun.";
    let q = find_quotes(text, "id", &[]);
    assert!(q.iter().all(|x| !x.text.starts_with("Ketika") && !x.text.starts_with("harga akan naik")), "{q:#?}");
    assert_eq!(one(&q, "harga tidak").speaker.as_deref(), Some("Budi"));
    let text = "He did not say whether the plan would pass. She has never said that the deal was dead. He said that the plan would not pass.";
    let q = find_quotes(text, "en", &[]);
    assert!(q.iter().all(|x| !x.text.starts_with("whether") && !x.text.starts_with("the deal")), "{q:#?}");
    assert_eq!(one(&q, "the plan would not").speaker.as_deref(), Some("He"));
}

#[test]
fn a_question_quoted_is_told_by_the_speaker_after_it() {
    let text = "“Mengapa saya harus memotong produksi?” Ali mengatakan kepada wartawan, Rabu. “Why should I cut?” Naimi told reporters. “We are tired.” The union will likely sit out the election, Smith said to the paper.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "Mengapa").speaker.as_deref(), Some("Ali"));
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "Why should").speaker.as_deref(), Some("Naimi"));
    // A sentence with a clause of its own does not attribute the quote before it.
    assert_ne!(one(&q, "We are tired").speaker.as_deref(), Some("Smith"));
}

#[test]
fn a_passive_attribution_leaves_a_sentence_that_reports_by_itself() {
    let text = "Vice President Ali Mundakir mengatakan, sudah ada 53 posko. Ia menegaskan, pemasangan alat ini gratis. Hal ini disampaikan Ali, terkait informasi yang beredar.";
    let q = find_quotes(text, "id", &[]);
    assert!(q.iter().all(|x| !x.text.starts_with("Ia menegaskan")), "{q:#?}");
    assert_eq!(one(&q, "pemasangan alat").kind, QuoteKind::Indirect);
}

#[test]
fn a_time_word_heading_a_noun_is_part_of_the_statement() {
    let text = "Jepang menyebutkan hari raya Natal sebagai libur nasional di beberapa kota. Budi mengatakan hari ini pemerintah akan menaikkan harga.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "hari raya").text, "hari raya Natal sebagai libur nasional di beberapa kota");
    assert_eq!(one(&q, "pemerintah akan").text, "pemerintah akan menaikkan harga");
}

#[test]
fn a_statement_told_to_someone_after_it_is_reported() {
    let text = "This is not about me, President Obama told his closest adviser. The plan is dead, he told reporters on Monday.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "This is not").speaker.as_deref(), Some("Obama"));
    assert_eq!(one(&q, "The plan is dead").text, "The plan is dead");
}

#[test]
fn a_whole_sentence_quoted_after_that_is_a_direct_quote() {
    let text = "Fiorina told reporters that \"John Kasich is throwing votes away.\" He said that “exactly who did it” remains unclear.";
    let q = find_quotes(text, "en", &[]);
    let whole = one(&q, "John Kasich");
    assert_eq!((whole.kind, whole.speaker.as_deref()), (QuoteKind::Direct, Some("Fiorina")));
    // Words quoted inside a reported clause stay a fragment of it.
    assert_eq!(one(&q, "exactly who").kind, QuoteKind::Fragment);
}

#[test]
fn a_name_qualifying_the_subjects_noun_is_not_the_speaker() {
    let text = "Sooner or later, the New Jersey governor said the costs would add up. The Clinton campaign said the report was false. Trump campaign manager Paul Manafort said the report was wrong.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the costs").speaker.as_deref(), Some("the New Jersey governor"));
    assert_eq!(one(&q, "the report was false").speaker.as_deref(), Some("The Clinton campaign"));
    assert_eq!(one(&q, "the report was wrong").speaker.as_deref(), Some("Paul Manafort"));
}

#[test]
fn a_stray_mark_before_the_writers_attribution_opens_no_quote() {
    let text = "Pertemuan itu dinantikan.\n\n\"Tetapi menurut Andy Lipow, kepala konsultasi Houston, Lipow Oil Associates, adanya komentar para menteri menyebabkan kekhawatiran.\n\nMenteri itu tiba.\n\n“Menurut saya, harga akan turun tahun depan.\n\nIa lalu pergi.";
    let q = find_quotes(text, "id", &[]);
    let lipow = one(&q, "adanya komentar");
    assert_eq!((lipow.kind, lipow.speaker.as_deref()), (QuoteKind::Indirect, Some("Andy Lipow")));
    assert!(q.iter().all(|x| !x.text.starts_with("Tetapi")), "{q:#?}");
    // A speaker's own "menurut saya" stays a quote.
    assert_eq!(one(&q, "Menurut saya").kind, QuoteKind::Direct);
    let text = "According to John Smith, a spokesman for the company, the plan will be announced on Monday.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the plan").speaker.as_deref(), Some("John Smith"));
}

#[test]
fn an_office_in_lower_case_after_the_verb_names_its_holder() {
    let text = "“Data ekspor yang lemah memperkuat ekspektasi pasar,” kata analis Zhang Gang. “Pasar masih khawatir,” kata analis Nordea Markets, Thina Saltvedt. “It was short,” said former Pennsylvania governor Ed Rendell.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "Data ekspor").speaker.as_deref(), Some("Zhang Gang"));
    assert_eq!(one(&q, "Pasar masih").speaker.as_deref(), Some("Thina Saltvedt"));
    let q = find_quotes(text, "en", &[]);
    // A place inside the office is not its holder.
    assert_ne!(one(&q, "It was short").speaker.as_deref(), Some("Pennsylvania"));
}

#[test]
fn a_participle_phrase_before_the_verb_speaks_for_the_sentences_speaker() {
    let text = "Trump attacked Clinton in Ohio, choosing to say that she had failed the state.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "she had failed").speaker.as_deref(), Some("Trump"));
    // "going" is a participle too, though its stem is short; a quoted phrase inside
    // the statement has the same speaker.
    let text = "Sanders praised the voters, going on to say the country spent \"hundreds of years fighting racism.\"";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "the country spent").speaker.as_deref(), Some("Sanders"));
    assert_eq!(one(&q, "hundreds of years").speaker.as_deref(), Some("Sanders"));
}

#[test]
fn a_reporting_verb_opening_the_text_is_read_without_a_panic() {
    for text in ["Said the plan would fail.", "Mengatakan bahwa rencana itu gagal."] {
        let q = find_quotes(text, "en", &[]);
        spans_point_at_text(text, &q);
    }
}

/// Person mentions of `names` in `text`, as the recogniser would give them.
fn person_mentions(text: &str, names: &[&str]) -> Vec<NameMention> {
    names
        .iter()
        .map(|n| {
            let start = text.find(n).unwrap();
            NameMention { start, end: start + n.len(), entity_id: None, person: true }
        })
        .collect()
}

#[test]
fn a_source_cited_an_apposed_office_and_a_verb_that_does_not_invert() {
    // Whom the statement was taken from is not who made it.
    let text = "Menteri Perminyakan Saudi Ali al-Naimi seperti dikutip Dow Jones Newswires mengatakan, ia memperkirakan pasar akan stabil.";
    let q = find_quotes(text, "id", &person_mentions(text, &["Ali al-Naimi"]));
    assert_eq!(one(&q, "ia memperkirakan").speaker.as_deref(), Some("Ali al-Naimi"));
    let text = "Saudi oil minister Ali al-Naimi, as quoted by Dow Jones Newswires, said the market would stabilise.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Ali al-Naimi"]));
    assert_eq!(one(&q, "the market").speaker.as_deref(), Some("Ali al-Naimi"));
    // An office in apposition without its closing comma names the person before it; a
    // name that is the object of the clause before does not.
    let text = "Suhail Al-Mazrouei, Menteri Energi Uni Emirat Arab mengatakan pada Minggu bahwa OPEC akan menahan diri.";
    let q = find_quotes(text, "id", &person_mentions(text, &["Suhail Al-Mazrouei"]));
    assert_eq!(one(&q, "OPEC akan").speaker.as_deref(), Some("Suhail Al-Mazrouei"));
    let text = "Menanggapi pernyataan Putin, Menteri Luar Negeri AS mengatakan bahwa sanksi akan diperketat.";
    let q = find_quotes(text, "id", &person_mentions(text, &["Putin"]));
    assert_ne!(one(&q, "sanksi akan").speaker.as_deref(), Some("Putin"));
    // "mengatakan" does not put its speaker after itself: the phrase after it is what
    // was said, not who said the sentence around it.
    let text = "Sementara Menteri Perminyakan Iran Bijan Zanganeh, mengatakan posisinya mirip Naimi, meskipun ia menyatakan kekhawatiran tentang pasokan.";
    let q = find_quotes(text, "id", &person_mentions(text, &["Bijan Zanganeh"]));
    assert!(q.iter().all(|q| q.speaker.as_deref() != Some("posisinya mirip Naimi")), "{q:#?}");
    assert_eq!(one(&q, "posisinya mirip").speaker.as_deref(), Some("Bijan Zanganeh"));
}

#[test]
fn an_owner_and_what_it_owns_are_whom_it_was_told() {
    let text = "Schiff told USA TODAY's weekly video series it is clear that Russia hacked the committee.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Schiff"]));
    assert!(q.iter().any(|q| q.text.starts_with("it is clear")), "{q:#?}");
    assert!(q.iter().all(|q| q.speaker.as_deref() == Some("Schiff")), "{q:#?}");
    let text = "Schiff told CNN's Jake Tapper the hacking was directed by Russia.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Schiff", "Jake Tapper"]));
    assert_eq!(one(&q, "the hacking").speaker.as_deref(), Some("Schiff"));
}

#[test]
fn an_abbreviated_title_and_a_party_in_brackets_are_no_speaker() {
    // The full stop of "Mr." or "Sen." after the verb ends no sentence.
    for (text, name) in [
        ("“We will win,” said Mr. Obama, who spoke in Ohio.", "Obama"),
        ("“We will win,” added Sen. Elizabeth Warren.", "Elizabeth Warren"),
        ("“We will win,” added Rep. Jim Clyburn (D-S.C.), the assistant leader of the caucus.", "Jim Clyburn"),
    ] {
        let q = find_quotes(text, "en", &person_mentions(text, &[name]));
        assert_eq!(one(&q, "We will win").speaker.as_deref(), Some(name), "{text}");
    }
    // A party and state in brackets after a lawmaker are an aside to the name.
    let text = "Sen. David Perdue (R-Ga.) said he did not believe those characterizations.";
    let q = find_quotes(text, "en", &person_mentions(text, &["David Perdue"]));
    assert_eq!(one(&q, "he did not").speaker.as_deref(), Some("David Perdue"));
    // A generation after a name is no title before it.
    let text = "“Absolutely hate this framing,” Vann Newkirk II, a writer for The Atlantic, said on Twitter.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Vann Newkirk II"]));
    assert_eq!(one(&q, "Absolutely").speaker.as_deref(), Some("Vann Newkirk II"));
}

#[test]
fn a_relative_clause_or_a_participle_opener_leaves_the_subject_speaking() {
    // A relative clause of any length between the name and the verb.
    let text = "Dr. Connie Mariano, who as a Navy captain was the White House physician in the administration of former President Bill Clinton and later retired from the service as a rear admiral, said that in 1998 the clinic was closed.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Connie Mariano", "Bill Clinton"]));
    assert_eq!(one(&q, "in 1998").speaker.as_deref(), Some("Connie Mariano"));
    assert!(q.iter().all(|q| q.speaker.as_deref() != Some("that in 1998")), "{q:#?}");
    // "who" right before the verb stands for the noun phrase before it.
    let text = "There are some economists who argue that corporate taxes should be very low.";
    assert_eq!(one(&find_quotes(text, "en", &[]), "corporate taxes").speaker.as_deref(), Some("some economists"));
    // A participle phrase opened by a preposition speaks for the sentence's subject.
    let text = "House Speaker Paul Ryan, despite admitting that he had concerns about the bill, voted for it.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Paul Ryan"]));
    assert_eq!(one(&q, "he had concerns").speaker.as_deref(), Some("Paul Ryan"));
    let text = "Menlu Retno Marsudi membantah tuduhan itu, sambil menegaskan bahwa Indonesia tetap netral.";
    let q = find_quotes(text, "id", &person_mentions(text, &["Retno Marsudi"]));
    assert_eq!(one(&q, "Indonesia tetap").speaker.as_deref(), Some("Retno Marsudi"));
    // A connective opening the sentence is no subject.
    let text = "Meanwhile, it attacked Trump, saying he has offended voters.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "he has offended").speaker.as_deref(), Some("it"));
}

#[test]
fn a_that_pointing_back_reports_nothing_and_a_speech_has_its_speaker() {
    let text = "Having said that, there are good reasons to wait.";
    assert!(find_quotes(text, "en", &[]).is_empty(), "{:#?}", find_quotes(text, "en", &[]));
    // A comma that sets off a phrase after "that" still opens the clause.
    let text = "Scott joked that, among African Americans, Trump ranks fourth in a two-way race.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Scott"]));
    assert_eq!(one(&q, "among African").speaker.as_deref(), Some("Scott"));
    // The person opening the clause after a speech or an interview is the speaker; a poll
    // stays its own source.
    let text = "In a speech in Fort Pierce, Florida Friday, Clinton laid out her proposals to increase national service.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Clinton"]));
    assert_eq!(one(&q, "Clinton laid out").speaker.as_deref(), Some("Clinton"));
    let text = "In a poll released Monday, Trump leads Clinton by five points.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Trump", "Clinton"]));
    assert_eq!(one(&q, "Trump leads").speaker.as_deref(), Some("a poll released Monday"));
}

#[test]
fn an_organisation_after_a_determiner_and_a_holder_after_a_title_speak() {
    let text = "The IMF said that growth would slow.";
    let names = [NameMention { start: 4, end: 7, entity_id: Some("org:imf".into()), person: false }];
    let q = find_quotes(text, "en", &names);
    assert_eq!((one(&q, "growth").speaker.as_deref(), one(&q, "growth").speaker_id.as_deref()), (Some("IMF"), Some("org:imf")));
    let text = "“The city will never go back,” said the Rev. Peter Wherry, of Mayfield Church.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Peter Wherry"]));
    assert_eq!(one(&q, "The city").speaker.as_deref(), Some("Peter Wherry"));
}

#[test]
fn the_clause_of_a_colon_a_raising_verb_and_a_noun_after_a_determiner() {
    // The person opening the colon's clause speaks, not the subject of an earlier clause.
    let text = "With Democratic leaders increasingly worried about turnout, President Obama is rolling out a new campaign message: “It's about me.”";
    let q = find_quotes(text, "en", &person_mentions(text, &["Obama"]));
    assert_eq!(one(&q, "It's about me").speaker.as_deref(), Some("Obama"));
    // The subject of the verb that raises the reporting verb.
    let text = "After the vote, the campaign has appeared to acknowledge his help is needed.";
    assert_eq!(one(&find_quotes(text, "en", &[]), "his help").speaker.as_deref(), Some("the campaign"));
    // A reporting word after a determiner is a noun.
    let text = "They will campaign in areas of those states that Mr. Obama won handily in 2008.";
    assert!(find_quotes(text, "en", &[]).is_empty(), "{:#?}", find_quotes(text, "en", &[]));
}

#[test]
fn a_person_after_a_preposition_in_the_speakers_phrase_does_not_speak() {
    let text = "“We are ready,” a spokesman for Mr. Trump said.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Trump"]));
    assert_eq!(one(&q, "We are ready").speaker.as_deref(), Some("a spokesman for Mr. Trump"));
    let text = "But in recent days, advisers to Mr. Obama say, the president has grown exasperated with the campaign.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Obama"]));
    assert_eq!(q[0].speaker.as_deref(), Some("advisers to Mr. Obama"), "{q:#?}");
}

#[test]
fn the_owner_of_a_reporting_noun_speaks() {
    let text = "The move took place despite his attorney's warning that the showdown was fruitless.";
    assert_eq!(one(&find_quotes(text, "en", &[]), "the showdown").speaker.as_deref(), Some("his attorney"));
    let text = "Trump's claim that the vote was rigged drew criticism.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Trump"]));
    assert_eq!(one(&q, "the vote").speaker.as_deref(), Some("Trump"));
}

#[test]
fn an_owner_is_not_who_speaks_and_a_label_reports_nothing() {
    let text = "Obama's aides said that he would win.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Obama"]));
    assert_eq!(one(&q, "he would win").speaker.as_deref(), Some("Obama's aides"));
    let text = "Editor’s note: Donald Trump regularly incites political violence.";
    assert!(find_quotes(text, "en", &[]).is_empty(), "{:#?}", find_quotes(text, "en", &[]));
    // A relative clause after appositions of its own: the person found before them.
    let text = "Donna Sampson Rawlings, 59, of Ashton, Md., who watched the ceremony on the Mall, said the event moved her.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Donna Sampson Rawlings"]));
    assert_eq!(one(&q, "the event").speaker.as_deref(), Some("Donna Sampson Rawlings"));
}

#[test]
fn a_plural_owner_is_not_who_speaks_and_a_preposition_in_ing_opens_no_participle() {
    let text = "Gates' lawyers said that he was helping.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Gates"]));
    assert_eq!(one(&q, "he was helping").speaker.as_deref(), Some("Gates' lawyers"));
    let text = "People with knowledge of Gates’ work said that he was helping.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Gates"]));
    assert_eq!(one(&q, "he was helping").speaker.as_deref(), Some("People with knowledge of Gates’ work"));
    // A closing mark after a word in "s" is no owner's.
    let text = "He called them 'losers' and left. Officials said that, during the period, Gates was also helping.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Gates"]));
    assert_eq!(one(&q, "during the period, Gates was also helping").speaker.as_deref(), Some("Officials"));
    assert!(q.iter().any(|q| q.kind == QuoteKind::Fragment && text[q.start..q.end].contains("losers")), "{q:#?}");
}

#[test]
fn a_long_office_before_a_closing_said_names_the_speaker() {
    let text = "A couple and their two children were among the passengers, Algerian foreign affairs ministry spokesman Benali Cherif Abdelaziz said Thursday.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Benali Cherif Abdelaziz"]));
    assert_eq!(one(&q, "A couple and their two children were among the passengers").speaker.as_deref(), Some("Benali Cherif Abdelaziz"));
}

#[test]
fn the_of_of_an_office_keeps_its_holder_the_speaker() {
    let text = "U.S. Secretary of State Antony Blinken called the deal “deeply concerning.” Minister of Defense Lloyd Austin said the pact was dangerous.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Antony Blinken", "Lloyd Austin"]));
    assert_eq!(one(&q, "the deal").speaker.as_deref(), Some("Antony Blinken"));
    assert_eq!(one(&q, "the pact was dangerous").speaker.as_deref(), Some("Lloyd Austin"));
    // A nationality is no source; the phrase it qualifies is.
    let text = "According to South Korean officials, North Korea has shipped more than 11,000 containers.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "North Korea has shipped").speaker.as_deref(), Some("South Korean officials"));
    // A person after a preposition that is no office's is still not who speaks.
    let text = "Advisers to Mr. Obama said the plan would pass.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Obama"]));
    assert_ne!(one(&q, "the plan would pass").speaker.as_deref(), Some("Obama"));
}

#[test]
fn a_participle_speaks_for_the_subject_not_the_object_before_it() {
    let text = "The ad attacked Trump, saying he “has offended Hispanics with his insults.”";
    let q = find_quotes(text, "en", &person_mentions(text, &["Trump"]));
    assert_eq!(one(&q, "he “has offended").speaker.as_deref(), Some("The ad"));
    assert_eq!(one(&q, "has offended").speaker.as_deref(), Some("The ad"));
    // A connective opening the sentence is no subject, and a pronoun may carry a verb.
    let text = "Meanwhile, it attacked Trump, saying he “has offended Hispanics with his insults.” He’s claiming that voting fraud is a big problem.";
    let q = find_quotes(text, "en", &person_mentions(text, &["Trump"]));
    assert!(q.iter().all(|q| q.speaker.as_deref() != Some("Meanwhile")), "{q:#?}");
    let claim = one(&q, "voting fraud");
    assert_eq!(claim.speaker_span.map(|s| &text[s.start..s.end]), Some("He"));
}
#[test]
fn a_denial_reports_a_clause_with_an_active_verb_and_no_complementizer() {
    let text = "Sementara itu, kuasa hukum tersangka, Rudi Hartono, membantah kliennya menerima uang. Rudi membantah tuduhan itu dan pergi.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!((q[0].text.as_str(), q[0].speaker.as_deref()), ("kliennya menerima uang", Some("Rudi Hartono")));
    // A request is no report: "meminta" takes no such clause.
    assert!(find_quotes("Jokowi meminta menteri mempercepat evakuasi.", "id", &[]).is_empty());
}

#[test]
fn an_office_with_a_word_in_lower_case_opens_a_sentence_whose_subject_a_pronoun_names() {
    let text = "“Klien kami tidak pernah menerima sepeser pun,” ucap Rudi.\n\nJuru bicara KPK Ali Fikri memastikan proses hukum berjalan transparan. “Kami persilakan jika ingin mengajukan praperadilan,” pungkasnya.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "Kami persilakan").speaker.as_deref(), Some("Ali Fikri"), "{q:#?}");
}
#[test]
fn one_capitalised_word_in_marks_inside_a_sentence_names_a_work_not_speech() {
    let text = "Wednesday on Fox News Channel’s “Hannity,” Newt Gingrich said if Donald Trump picked him it would be fine. As for Carson’s mangling of “Hamas,” Levine found comic relief in it.";
    let q = find_quotes(text, "en", &[]);
    assert!(q.iter().all(|q| q.kind != QuoteKind::Direct), "{q:#?}");
    assert_eq!(one(&q, "if Donald Trump").speaker.as_deref(), Some("Newt Gingrich"));
    // A one-word answer standing alone is still speech.
    let q = find_quotes("“No,” he said.", "en", &[]);
    assert_eq!(q[0].kind, QuoteKind::Direct);
}
#[test]
fn a_name_that_qualifies_a_noun_is_part_of_the_source_not_the_speaker() {
    let text = "Lawyers for a former Boeing quality manager who was found dead last month said Tuesday that he had been worried. \
John Barnett died March 9 of a gunshot wound, according to the Charleston County coroner's office.";
    let q = find_quotes(text, "en", &[]);
    assert_eq!(one(&q, "he had been worried").speaker.as_deref(), Some("Lawyers"));
    assert_eq!(one(&q, "John Barnett died").speaker.as_deref(), Some("the Charleston County coroner's office"));
    // A name right before the verb still speaks.
    let q = find_quotes("After the meeting with the Boeing board Tuesday, Boeing said that it would change.", "en", &[]);
    assert_eq!(one(&q, "it would change").speaker.as_deref(), Some("Boeing"));
}

#[test]
fn a_groups_pronoun_inside_its_statement_stands_for_the_group() {
    let text = "Powell said the Fed still needed more confidence. Economists at Goldman Sachs said they now expect the first cut in June. Powell did not comment.";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    assert_eq!(one(&q, "they now expect").speaker.as_deref(), Some("Economists at Goldman Sachs"));
    assert_eq!(one(&q, "the first cut").speaker.as_deref(), Some("Economists at Goldman Sachs"), "not Powell, named last before");
    let text = "Para ekonom BCA mengatakan mereka memperkirakan bahwa suku bunga turun pada Juni.";
    let q = find_quotes(text, "id", &[]);
    assert_eq!(one(&q, "suku bunga").speaker.as_deref(), Some("Para ekonom BCA"), "{q:#?}");
}

#[test]
fn a_phrase_opening_with_a_reporting_verb_is_no_speaker() {
    let text = "Senate Republican leader Mitch McConnell, a longtime supporter of aid to Ukraine, said the vote showed that \"American leadership still matters.\"";
    let q = find_quotes(text, "en", &[]);
    spans_point_at_text(text, &q);
    let direct = q.iter().find(|x| x.kind == QuoteKind::Direct).unwrap_or_else(|| panic!("{q:#?}"));
    assert_eq!(direct.speaker.as_deref(), Some("Mitch McConnell"), "{q:#?}");
}

#[test]
fn the_source_phrase_keeps_the_office_the_brackets_and_the_description_of_a_name() {
    let text = "“The president has been clear,” White House spokesman Josh Earnest said. \
                “We will override it,” said Rep. Jim Clyburn (D-S.C.), the assistant Democratic leader. \
                Michael Mulgrew, president of the United Federation of Teachers, said the strike would go on. \
                “Not now,” said Douglas Brinkley, speaking to reporters. \
                On Tuesday Trump said the deal was dead.";
    let names = person_mentions(text, &["Josh Earnest", "Jim Clyburn", "Michael Mulgrew", "Douglas Brinkley", "Trump"]);
    let found = find_quotes(text, "en", &names);
    let source = |starts: &str| source_phrase(text, &found, starts);
    assert_eq!(source("The president"), Some("White House spokesman Josh Earnest"));
    assert_eq!(source("We will"), Some("Rep. Jim Clyburn (D-S.C.), the assistant Democratic leader"));
    assert_eq!(source("the strike"), Some("Michael Mulgrew, president of the United Federation of Teachers"));
    // A clause after the name is no description of it; a time before it no office.
    assert_eq!(source("Not now"), Some("Douglas Brinkley"));
    assert_eq!(source("the deal"), Some("Trump"));
    // The speaker is still the name alone.
    let earnest = found.iter().find(|a| a.text.starts_with("The president")).unwrap();
    assert_eq!(earnest.speaker.as_deref(), Some("Josh Earnest"));
    assert_eq!(earnest.speaker_span.map(|s| &text[s.start..s.end]), Some("Josh Earnest"));
}

#[test]
fn a_name_after_a_preposition_is_no_speaker_of_the_verb_that_ends_the_sentence() {
    // "thought" is a noun here, and "Western" the object of "against".
    let text = "It has seized large parts of Iraqi and Syrian territory, beheaded Americans and others, and vowed a wider war against Western thought. \
                The plan will fail, Senator Warren thought. The vote was rigged, as Sanders has noted.";
    let names = person_mentions(text, &["Warren", "Sanders"]);
    let found = find_quotes(text, "en", &names);
    assert!(found.iter().all(|a| !a.text.starts_with("It has seized")), "{found:#?}");
    assert_eq!(written_speaker(text, &found, "The plan will fail"), Some("Warren"));
    // "as" opens a clause with its subject.
    assert_eq!(written_speaker(text, &found, "The vote was rigged"), Some("Sanders"));
}

#[test]
fn an_indonesian_source_phrase_keeps_the_office_but_not_the_verb_or_the_next_clause() {
    let text = "“Kami masih menunggu,” kata Juru Bicara Kementerian Luar Negeri Lalu Muhammad Iqbal. \
                Kata Ali, proyek itu tertunda. \
                “Aliansi siap,” ujar Stoltenberg, dalam konferensi pers bersama Blinken.";
    let names = person_mentions(text, &["Lalu Muhammad Iqbal", "Ali", "Stoltenberg", "Blinken"]);
    let found = find_quotes(text, "id", &names);
    let source = |starts: &str| source_phrase(text, &found, starts);
    assert_eq!(source("Kami masih"), Some("Juru Bicara Kementerian Luar Negeri Lalu Muhammad Iqbal"));
    assert_eq!(source("proyek itu"), Some("Ali"));
    assert_eq!(source("Aliansi siap"), Some("Stoltenberg"));
}

#[test]
fn a_person_who_qualifies_a_group_or_an_aide_does_not_speak() {
    let text = "The Clinton campaign said the ad was false. “It is a lie,” the Trump campaign said. \
                The Obama administration has said it will veto the bill. \
                A senior Cruz adviser said the race was close. \
                Clinton spokesman Nick Merrill said the debate went well. \
                Clinton said she would win.";
    let names = person_mentions(text, &["Clinton", "Trump", "Obama", "Cruz", "Nick Merrill"]);
    // Every mention of Clinton, as the entity stage gives them.
    let mut names = names;
    let later = text.rfind("Clinton said").unwrap();
    names.push(NameMention { start: later, end: later + "Clinton".len(), entity_id: None, person: true });
    let spoken = text.find("Clinton spokesman").unwrap();
    names.push(NameMention { start: spoken, end: spoken + "Clinton".len(), entity_id: None, person: true });
    let found = find_quotes(text, "en", &names);
    let speaker = |starts: &str| found.iter().find(|a| a.text.starts_with(starts)).and_then(|a| a.speaker.clone());
    assert_eq!(speaker("the ad was false").as_deref(), Some("The Clinton campaign"), "{found:#?}");
    assert_eq!(speaker("It is a lie").as_deref(), Some("the Trump campaign"));
    assert_eq!(speaker("it will veto").as_deref(), Some("The Obama administration"));
    assert_eq!(speaker("the race was close").as_deref(), Some("A senior Cruz adviser"));
    assert_eq!(speaker("the debate went well").as_deref(), Some("Nick Merrill"));
    assert_eq!(speaker("she would win").as_deref(), Some("Clinton"));
}
