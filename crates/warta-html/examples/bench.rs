//! Scores an extractor on a benchmark folder (scrapinghub format) and prints P/R/F1 and speed.
//!
//! ```text
//! cargo run --release --example bench -- DIR [--extractor NAME] [--published FILE]
//!                                            [--worst N] [--dump FILE]
//! ```
//! NAME is `warta` (default); with `--features compare` also `dom_smoothie`,
//! `dom_smoothie_raw`, `trafilatura`, `trafilatura_fallback`, `rs_trafilatura`.
//! `--published FILE` scores a saved output file instead of running anything.
//! `--dump FILE` writes what was extracted, in the benchmark's output shape, for inspection.

use std::cell::RefCell;
use std::path::PathBuf;
use std::process::ExitCode;

use warta_html::benchmark::{evaluate, evaluate_predictions, Report};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut extractor = String::from("warta");
    let mut published = None;
    let mut worst = 0usize;
    let mut dump = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--extractor" => extractor = args.next().unwrap_or_default(),
            "--published" => published = args.next().map(PathBuf::from),
            "--worst" => worst = args.next().and_then(|n| n.parse().ok()).unwrap_or(10),
            "--dump" => dump = args.next().map(PathBuf::from),
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("unexpected argument {arg}");
                return ExitCode::FAILURE;
            }
        }
    }
    let Some(dir) = dir else {
        eprintln!(
            "usage: bench DIR [--extractor NAME] [--published FILE] [--worst N] [--dump FILE]"
        );
        return ExitCode::FAILURE;
    };

    let result = if let Some(file) = &published {
        evaluate_predictions(&dir, file)
    } else {
        let Some(extract) = extractor_named(&extractor) else {
            eprintln!(
                "unknown extractor {extractor}: use warta, or build with --features compare for \
                 dom_smoothie, dom_smoothie_raw, trafilatura, trafilatura_fallback, rs_trafilatura"
            );
            return ExitCode::FAILURE;
        };
        let outputs = RefCell::new(Vec::new());
        let report = evaluate(&dir, |html, url| {
            let text = extract(html, url);
            outputs.borrow_mut().push(text.clone());
            text
        });
        if let (Ok(report), Some(path)) = (&report, &dump) {
            let map: serde_json::Map<String, serde_json::Value> = report
                .per_page
                .iter()
                .zip(outputs.borrow().iter())
                .map(|(page, text)| (page.id.clone(), serde_json::json!({ "articleBody": text })))
                .collect();
            let json = serde_json::Value::Object(map).to_string();
            if let Err(e) = std::fs::write(path, json) {
                eprintln!("cannot write {}: {e}", path.display());
            }
        }
        report
    };
    match result {
        Ok(report) => {
            print_report(&extractor, published.is_some(), &report, worst);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn print_report(name: &str, published: bool, report: &Report, worst: usize) {
    let mut pages: Vec<_> = report.per_page.iter().collect();
    pages.sort_by(|a, b| a.f1.total_cmp(&b.f1));
    for page in pages.iter().take(worst) {
        println!(
            "  {:.3} P {:.3} R {:.3}  {}",
            page.f1, page.precision, page.recall, page.id
        );
    }
    let name = if published { "published" } else { name };
    println!(
        "{name:<22} pages={} F1={:.3} P={:.3} R={:.3} ms/page={:.2}",
        report.pages, report.f1, report.precision, report.recall, report.ms_per_page
    );
}

type Extract = Box<dyn Fn(&str, Option<&str>) -> String>;

fn extractor_named(name: &str) -> Option<Extract> {
    match name {
        "warta" => Some(Box::new(|html, url| {
            warta_html::extract_html(html, url).paragraphs.join("\n\n")
        })),
        #[cfg(feature = "compare")]
        _ => compare::extractor_named(name),
        #[cfg(not(feature = "compare"))]
        _ => None,
    }
}

#[cfg(feature = "compare")]
mod compare {
    use super::Extract;

    pub fn extractor_named(name: &str) -> Option<Extract> {
        match name {
            "dom_smoothie" => Some(Box::new(|html, url| smoothie(html, url, true))),
            "dom_smoothie_raw" => Some(Box::new(|html, url| smoothie(html, url, false))),
            "trafilatura" => Some(Box::new(|html, _| trafilatura_go(html, false))),
            "trafilatura_fallback" => Some(Box::new(|html, _| trafilatura_go(html, true))),
            "rs_trafilatura" => Some(Box::new(|html, _| {
                rs_trafilatura::extract(html)
                    .map(|r| r.content_text)
                    .unwrap_or_default()
            })),
            _ => None,
        }
    }

    fn smoothie(html: &str, url: Option<&str>, formatted: bool) -> String {
        let config = dom_smoothie::Config {
            text_mode: if formatted {
                dom_smoothie::TextMode::Formatted
            } else {
                dom_smoothie::TextMode::Raw
            },
            ..Default::default()
        };
        dom_smoothie::Readability::new(html, url, Some(config))
            .and_then(|mut r| r.parse())
            .map(|a| a.text_content.to_string())
            .unwrap_or_default()
    }

    fn trafilatura_go(html: &str, fallback: bool) -> String {
        let options = trafilatura::Options::default().with_fallback(fallback);
        trafilatura::extract(html, &options)
            .map(|r| r.content_text)
            .unwrap_or_default()
    }
}
