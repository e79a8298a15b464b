use super::*;

fn find<'a>(found: &'a [Quantity], text: &str) -> &'a Quantity {
    found
        .iter()
        .find(|q| q.text == text)
        .unwrap_or_else(|| panic!("{text:?} not in {:#?}", found.iter().map(|q| &q.text).collect::<Vec<_>>()))
}

#[test]
fn seed_quantities() {
    let text = "Korea Utara telah memasok lusinan rudal balistik dan lebih dari 11.000 kontainer amunisi ke Rusia. \
                Memasok 70 persen peralatan mesin yang diimpor Moskow dan 90 persen mikroelektronika. \
                Kunjungan pertama dalam 24 tahun.";
    let found = find_quantities(text, "id");
    let q = find(&found, "lebih dari 11.000 kontainer amunisi");
    assert_eq!(q.value, 11000.0);
    assert_eq!(q.counted.as_deref(), Some("kontainer amunisi"));
    assert_eq!(q.bound, Bound::MoreThan);
    let q = find(&found, "lusinan rudal balistik");
    assert_eq!((q.value, q.bound), (24.0, Bound::AtLeast));
    let q = find(&found, "70 persen peralatan mesin");
    assert_eq!((q.value, q.unit.as_deref()), (70.0, Some("percent")));
    let q = find(&found, "24 tahun");
    assert_eq!((q.value, q.unit.as_deref(), q.counted.as_deref()), (24.0, Some("year"), None));
}

#[test]
fn a_bare_year_counts_nothing_and_a_verb_ends_what_is_counted() {
    let found = find_quantities("Operasi pasar digelar di 34 provinsi mulai Senin.", "id");
    assert_eq!(found[0].counted.as_deref(), Some("provinsi"), "{found:#?}");
    let found = find_quantities("After his 2012 visit, two hurricanes spinning offshore forced 2,000 people and one shooting may follow.", "en");
    assert!(found.iter().all(|q| !q.text.starts_with("2012")), "{found:#?}");
    assert_eq!(find(&found, "two hurricanes").counted.as_deref(), Some("hurricanes"));
    assert_eq!(find(&found, "2,000 people").value, 2000.0);
    assert_eq!(find(&found, "one shooting").counted.as_deref(), Some("shooting"));
    // A year with a currency or a bound is an amount after all.
    let found = find_quantities("Dana sebesar Rp 2014 dan lebih dari 1950 orang.", "id");
    assert!(found.iter().any(|q| q.value == 2014.0) && found.iter().any(|q| q.value == 1950.0), "{found:#?}");
}

#[test]
fn rates_and_market_units() {
    let found = find_quantities("Produksi naik menjadi 1,36 juta barel per hari, suku bunga naik 650 bps dan harga turun 84 sen.", "id");
    let q = find(&found, "1,36 juta barel per hari");
    assert_eq!((q.value, q.unit.as_deref()), (1.36e6, Some("barrel_per_day")));
    assert_eq!(find(&found, "650 bps").unit.as_deref(), Some("basis_point"));
    assert_eq!(find(&found, "84 sen").unit.as_deref(), Some("cent"));
    let found = find_quantities("Lapangan itu memasok 150 juta kaki kubik per hari, dan defisitnya sekitar 200 miliar riyal.", "id");
    let gas = find(&found, "150 juta kaki kubik per hari");
    assert_eq!((gas.value, gas.unit.as_deref()), (1.5e8, Some("cubic_foot_per_day")));
    assert_eq!(find(&found, "sekitar 200 miliar riyal").unit.as_deref(), Some("SAR"));
    let found = find_quantities("Output rose to 9.13 million barrels per day as rates climbed 25 basis points.", "en");
    assert_eq!(find(&found, "9.13 million barrels per day").unit.as_deref(), Some("barrel_per_day"));
    assert_eq!(find(&found, "25 basis points").unit.as_deref(), Some("basis_point"));
    let found = find_quantities("The 275 horsepower motor reaches 97 kph; shares cost 176 Hong Kong dollars.", "en");
    assert_eq!(find(&found, "275 horsepower").unit.as_deref(), Some("hp"));
    assert_eq!(find(&found, "97 kph").unit.as_deref(), Some("km_per_hour"));
    assert_eq!(find(&found, "176 Hong Kong dollars").unit.as_deref(), Some("HKD"));
}

#[test]
fn money() {
    let found = find_quantities("Nilainya Rp 1,25 triliun, atau 100 juta dollar AS.", "id");
    let q = find(&found, "Rp 1,25 triliun");
    assert_eq!((q.value, q.unit.as_deref()), (1.25e12, Some("IDR")));
    let q = find(&found, "100 juta dollar AS");
    assert_eq!((q.value, q.unit.as_deref()), (1e8, Some("USD")));
    let found = find_quantities("The deal is worth $3.5 million, officials said.", "en");
    let q = find(&found, "$3.5 million");
    assert_eq!((q.value, q.unit.as_deref()), (3.5e6, Some("USD")));
}

#[test]
fn bounds_and_vague_amounts() {
    let found = find_quantities("Kapal membawa sekitar 146 penumpang. Ribuan warga mengungsi.", "id");
    let q = find(&found, "sekitar 146 penumpang");
    assert_eq!((q.value, q.bound), (146.0, Bound::About));
    let q = find(&found, "Ribuan warga");
    assert_eq!((q.value, q.bound), (2000.0, Bound::AtLeast));
    let found = find_quantities("At least 12 people were hurt and dozens of cars burned.", "en");
    let q = find(&found, "At least 12 people");
    assert_eq!((q.value, q.bound, q.counted.as_deref()), (12.0, Bound::AtLeast, Some("people")));
}

#[test]
fn example_corpus_tolls() {
    let a1 = "KMP Bahari Lestari mengangkut 146 penumpang dan 19 anak buah kapal (ABK). Sebanyak 12 penumpang mengalami luka bakar.";
    let found = find_quantities(a1, "id");
    assert_eq!(find(&found, "146 penumpang").value, 146.0);
    assert_eq!(find(&found, "19 anak buah").value, 19.0);
    assert_eq!(find(&found, "Sebanyak 12 penumpang").value, 12.0);
    let a5 = "Kapal itu membawa 164 penumpang.";
    assert_eq!(find(&find_quantities(a5, "id"), "164 penumpang").value, 164.0);
    let b1 = "Dalam kebakaran itu, satu penumpang meninggal dunia, 17 orang luka-luka, dan dua penumpang tidak ditemukan.";
    let found = find_quantities(b1, "id");
    let q = find(&found, "17 orang luka-luka");
    assert_eq!((q.value, q.counted.as_deref()), (17.0, Some("orang luka-luka")));
    assert_eq!(find(&found, "satu penumpang").value, 1.0);
    assert_eq!(find(&found, "dua penumpang").value, 2.0);
    // A short verb in the past ends what is counted.
    let found = find_quantities("One passenger died and two fled.", "en");
    assert_eq!(find(&found, "One passenger").counted.as_deref(), Some("passenger"));
    // A conjunction ends what is counted: "nol manakala harga …" counts nothing.
    let found = find_quantities("Subsidi sama dengan nol manakala harga minyak naik.", "id");
    assert!(found.iter().all(|q| q.counted.is_none()), "{found:?}");
    let a7 = "The number of injured rose to 17 from an earlier count of 12, Mr Ruslan said. The ferry was some nine nautical miles out.";
    let found = find_quantities(a7, "en");
    assert!(found.iter().any(|q| q.value == 17.0));
    assert!(found.iter().any(|q| q.value == 12.0));
    let q = find(&found, "some nine nautical miles");
    assert_eq!((q.value, q.unit.as_deref(), q.bound), (9.0, Some("nautical_mile"), Bound::About));
}

#[test]
fn written_out_numbers() {
    let found = find_quantities("Tiga belas orang dan dua belas kapal berada sembilan mil laut dari pantai.", "id");
    assert_eq!(find(&found, "Tiga belas orang").value, 13.0);
    assert_eq!(find(&found, "dua belas kapal").value, 12.0);
    let q = find(&found, "sembilan mil laut");
    assert_eq!((q.value, q.unit.as_deref()), (9.0, Some("nautical_mile")));
    let found = find_quantities("Two ships and twelve sailors arrived.", "en");
    assert_eq!(find(&found, "Two ships").value, 2.0);
    assert_eq!(find(&found, "twelve sailors").value, 12.0);
}

#[test]
fn times_dates_and_identifiers_are_not_quantities() {
    let text = "Api muncul pukul 21.40 WITA, Senin (3/3/2025). KN SAR Kresna 231 tiba. Pandemi Covid-19 dan Piala Dunia U-20 pada 2023.";
    let found = find_quantities(text, "id");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn spans_point_at_the_text() {
    let text = "lebih dari 11.000 kontainer, Rp 1,25 triliun, 70%, $3.5 million, sekitar 146 penumpang";
    for lang in ["id", "en"] {
        for q in find_quantities(text, lang) {
            assert_eq!(&text[q.start..q.end], q.text);
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_spans_hold(text in "\\PC{0,200}") {
        for lang in ["id", "en", "xx"] {
            for q in find_quantities(&text, lang) {
                proptest::prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
                proptest::prop_assert!(q.value.is_finite());
            }
        }
    }

    #[test]
    fn never_panics_on_number_like_text(text in "((lebih dari|sekitar|antara|hingga|dari|dan|Rp|US\\$|\\$|juta|triliun|persen|dua|belas|puluh|ratus|ribu|[0-9]{1,5}|[.,%]|\n| ){0,30})") {
        for q in find_quantities(&text, "id") {
            proptest::prop_assert_eq!(&text[q.start..q.end], q.text.as_str());
        }
    }
}


#[test]
fn relative_times_are_not_quantities_with_or_without_a_publication_time() {
    let text = "Kapal itu tenggelam 3 hari lalu membawa 146 penumpang selama 24 tahun.";
    let values: Vec<f64> = find_quantities(text, "id").iter().map(|q| q.value).collect();
    assert_eq!(values, vec![146.0, 24.0]);
}

#[test]
fn malay_numbers_are_written_the_english_way() {
    let text = "Projek bernilai RM1.5 bilion itu membabitkan lebih daripada 11,000 pekerja. \
                Seramai lapan belas penumpang cedera dan 70 peratus rumah musnah.";
    let found = find_quantities(text, "ms");
    let q = find(&found, "RM1.5 bilion");
    assert_eq!((q.value, q.unit.as_deref()), (1.5e9, Some("MYR")));
    let q = find(&found, "lebih daripada 11,000 pekerja");
    assert_eq!((q.value, q.bound, q.counted.as_deref()), (11000.0, Bound::MoreThan, Some("pekerja")));
    assert_eq!(find(&found, "Seramai lapan belas penumpang cedera").value, 18.0);
    let q = find(&found, "70 peratus rumah musnah");
    assert_eq!((q.value, q.unit.as_deref()), (70.0, Some("percent")));
    // Indonesian writes the other way round, and glues its currency too.
    let found = find_quantities("Langganan mulai Rp15.000 per bulan untuk pesawat QZ8501.", "id");
    let q = find(&found, "Rp15.000 per bulan");
    assert_eq!((q.value, q.unit.as_deref()), (15000.0, Some("IDR_per_month")));
    assert!(found.iter().all(|q| q.value != 8501.0), "{found:?}");
}

#[test]
fn a_pronoun_is_not_counted_and_land_and_volume_have_units() {
    let found = find_quantities("He bought 60 acres of land and said three products he liked sold well.", "en");
    assert_eq!(find(&found, "60 acres").unit.as_deref(), Some("acre"));
    assert_eq!(find(&found, "three products").counted.as_deref(), Some("products"));
    let found = find_quantities("Harga satu galon setara dengan Rp 50.000.", "id");
    assert_eq!(find(&found, "satu galon").unit.as_deref(), Some("gallon"));
}

#[test]
fn what_is_counted_ends_where_a_time_begins() {
    let found = find_quantities("Ekonomi tumbuh 5,1 persen tahun ini, dan 70 persen warga di Jakarta puas.", "id");
    let q = find(&found, "5,1 persen");
    assert_eq!((q.value, q.counted.as_deref()), (5.1, None));
    assert_eq!(find(&found, "70 persen warga").counted.as_deref(), Some("warga"));
    let found = find_quantities("Prices rose 3 percent last year for 40 million households.", "en");
    assert_eq!(find(&found, "3 percent").counted, None);
}

#[test]
fn ranges_keep_both_ends() {
    let found = find_quantities("Antara 30 dan 40 orang di sana, dan kerugian 10 hingga 15 juta rupiah; suara naik dari 30 hingga 45.", "id");
    let q = find(&found, "Antara 30 dan 40 orang");
    assert_eq!((q.value, q.upper, q.bound, q.counted.as_deref()), (30.0, Some(40.0), Bound::Between, Some("orang")));
    let q = find(&found, "10 hingga 15 juta rupiah");
    assert_eq!((q.value, q.upper, q.unit.as_deref()), (10e6, Some(15e6), Some("IDR")));
    // "dari … hingga" is a change, two figures.
    assert!(found.iter().any(|q| q.value == 30.0 && q.upper.is_none()) && found.iter().any(|q| q.value == 45.0), "{found:#?}");
    let found = find_quantities("Between 30 and 40 counties in Maine qualify, 10 to 15 percent of them rural. The Senate passed it 68 to 32.", "en");
    let q = find(&found, "Between 30 and 40 counties");
    assert_eq!((q.value, q.upper, q.bound), (30.0, Some(40.0), Bound::Between));
    let q = find(&found, "10 to 15 percent");
    assert_eq!((q.value, q.upper, q.unit.as_deref()), (10.0, Some(15.0), Some("percent")));
    // A tally is no range: its second number is the smaller.
    assert!(found.iter().all(|q| q.value != 68.0 || q.upper.is_none()), "{found:#?}");
    // The currency may be written before both ends; "from" still makes a change.
    let found = find_quantities("The stock traded between $10 and $12, and from $5 to $7. She would raise the wage from the current $7.25 to $12.", "en");
    assert_eq!(find(&found, "between $10 and $12").upper, Some(12.0));
    assert!(found.iter().any(|q| q.text == "$5" && q.upper.is_none()), "{found:#?}");
    assert!(found.iter().any(|q| q.text == "$7.25" && q.upper.is_none()), "{found:#?}");
    let found = find_quantities("Rupiah bergerak di kisaran Rp 16.100 hingga Rp 16.300 per dolar AS.", "id");
    let q = find(&found, "Rp 16.100 hingga Rp 16.300 per dolar AS");
    assert_eq!((q.value, q.upper, q.unit.as_deref()), (16100.0, Some(16300.0), Some("IDR_per_USD")));
    // Without "between", "and" joins two figures.
    let found = find_quantities("It hired 30 and fired 40 workers.", "en");
    assert!(found.iter().all(|q| q.upper.is_none()), "{found:#?}");
}

#[test]
fn two_amounts_with_their_unit_joined_by_a_dash_are_a_range_where_the_language_writes_them_so() {
    let found = find_quantities("Suku bunga acuan 5,25%-5,50% dan inflasi 2 persen - 3 persen. Skor 10% - 5%.", "id");
    let q = find(&found, "5,25%-5,50%");
    assert_eq!((q.value, q.upper, q.bound, q.unit.as_deref()), (5.25, Some(5.5), Bound::Between, Some("percent")));
    assert_eq!(find(&found, "2 persen - 3 persen").upper, Some(3.0));
    // The second amount smaller: two figures.
    assert!(found.iter().all(|q| q.value != 10.0 || q.upper.is_none()), "{found:#?}");
    // English polls write a tally so.
    let found = find_quantities("He trails among women (34%-54%).", "en");
    assert!(found.iter().all(|q| q.upper.is_none()), "{found:#?}");
}

#[test]
fn a_range_of_years_is_a_period_and_a_range_stays_in_its_paragraph() {
    let found = find_quantities("Ia memerintah 1535 sampai 1541, antara 1347 dan 1350, wabah datang, lalu 21 sampai\n\n24 orang datang.", "id");
    assert!(found.iter().all(|q| q.upper.is_none()), "{found:#?}");
}

#[test]
fn a_range_of_days_is_no_amount_and_a_verb_after_money_is_not_counted() {
    let found = find_quantities("Pameran digelar pada 10 hingga 12 Desember 2024. Investasi sebesar US$ 2 miliar disiapkan untuk itu.", "id");
    assert!(found.iter().all(|q| q.value != 10.0 && q.value != 12.0), "{found:#?}");
    let q = find(&found, "US$ 2 miliar");
    assert_eq!((q.value, q.counted.as_deref()), (2e9, None));
}

#[test]
fn an_english_plural_noun_ends_what_is_counted() {
    let found = find_quantities("About 40 counties qualify, 12 people remain missing, five police officers came and two bonus points went.", "en");
    assert_eq!(find(&found, "About 40 counties").counted.as_deref(), Some("counties"));
    assert_eq!(find(&found, "12 people").counted.as_deref(), Some("people"));
    assert_eq!(find(&found, "five police officers").counted.as_deref(), Some("police officers"));
    // "bonus" is no plural.
    assert_eq!(find(&found, "two bonus points").counted.as_deref(), Some("bonus points"));
    // Indonesian puts what describes the noun after it: "40 orang hilang" are 40 missing people.
    let found = find_quantities("Sebanyak 40 orang hilang.", "id");
    assert_eq!(find(&found, "Sebanyak 40 orang hilang").counted.as_deref(), Some("orang hilang"));
}

#[test]
fn an_earthquakes_magnitude_is_a_unit_before_or_after_the_number() {
    let found = find_quantities("Gempa bermagnitudo 5,6 mengguncang Cianjur, lalu gempa berkekuatan 6,2 SR dan magnitudo 4,1.", "id");
    let units: Vec<(&str, f64, Option<&str>, Option<&str>)> = found.iter().map(|q| (q.text.as_str(), q.value, q.unit.as_deref(), q.counted.as_deref())).collect();
    assert_eq!(units, vec![("bermagnitudo 5,6", 5.6, Some("magnitude"), None), ("6,2 SR", 6.2, Some("magnitude"), None), ("magnitudo 4,1", 4.1, Some("magnitude"), None)]);
    let found = find_quantities("A magnitude 5.6 earthquake shook Java.", "en");
    assert_eq!((found[0].text.as_str(), found[0].unit.as_deref(), found[0].counted.as_deref()), ("magnitude 5.6", Some("magnitude"), None));
}
#[test]
fn a_level_with_a_unit_or_a_decimal_is_an_amount_but_a_naming_word_keeps_a_bare_number() {
    let found = find_quantities("IHSG turun ke level 7.250,5. BI menahan suku bunga di level 6 persen. Merapi berstatus level 3, salah satu pejabat dan nomor 5 hadir.", "id");
    let values: Vec<(&str, f64)> = found.iter().map(|q| (q.text.as_str(), q.value)).collect();
    assert_eq!(values, vec![("7.250,5", 7250.5), ("6 persen", 6.0)]);
}

#[test]
fn a_number_in_brackets_after_a_persons_name_is_an_age() {
    let text = "Pelaku RH (22) dan istri korban, Siti Aminah (31), hadir. Pasal (3) bukan usia.";
    let people = [Span::new(7, 9), Span::new(text.find("Siti").unwrap(), text.find(" (31)").unwrap())];
    let found = mark_ages(text, &people, find_quantities(text, "id"));
    let ages: Vec<(&str, f64, Option<&str>)> = found.iter().map(|q| (q.text.as_str(), q.value, q.unit.as_deref())).collect();
    assert_eq!(ages, vec![("22", 22.0, Some("age")), ("31", 31.0, Some("age")), ("3", 3.0, None)]);
    // English sets the age off with commas.
    let text = "John Barnett, 62, died in March. In Iowa, 45, voters came.";
    let found = mark_ages(text, &[Span::new(0, 12)], find_quantities(text, "en"));
    assert_eq!(found.iter().map(|q| (q.value, q.unit.as_deref())).collect::<Vec<_>>(), vec![(62.0, Some("age")), (45.0, None)]);
}

#[test]
fn a_price_per_unit_or_per_other_currency_keeps_what_it_is_paid_for() {
    let found = find_quantities("Harga beras naik menjadi Rp 15.000 per kilogram. Rupiah melemah ke Rp 16.300 per dolar AS. Tiket Rp 50.000 per orang. Nilainya jutaan dolar\n\nper tahun.", "id");
    let q = find(&found, "Rp 15.000 per kilogram");
    assert_eq!((q.value, q.unit.as_deref(), q.counted.as_deref()), (15000.0, Some("IDR_per_kg"), None));
    assert_eq!(find(&found, "Rp 16.300 per dolar AS").unit.as_deref(), Some("IDR_per_USD"));
    // Paid for something that is no unit: the price alone.
    assert_eq!(find(&found, "Rp 50.000").unit.as_deref(), Some("IDR"));
    // Nor across a paragraph break.
    assert_eq!(find(&found, "jutaan dolar").unit.as_deref(), Some("USD"));
    let found = find_quantities("Oil fell to $80 a barrel and gold to $2,300 an ounce; 40 a day is not a price.", "en");
    assert_eq!(find(&found, "$80 a barrel").unit.as_deref(), Some("USD_per_barrel"));
    assert_eq!(find(&found, "$2,300 an ounce").unit.as_deref(), Some("USD_per_oz"));
    assert!(found.iter().all(|q| !q.text.starts_with("40 a")), "{found:#?}");
}
