//! Trains the named-entity model and writes it (default: the shipped `models/ner.bin`).
//!
//!     cargo run --release -p warta-analyze --example train_ner -- [--data DIR] [--out FILE]
//!         [--epochs N] [--runs N] [--seed N] [--datasets a,b] [--no-domain] [--train-only]
//!         [--runtime-domain NAME|none] [--min-count N] [--prune X] [--dropout X] [--no-pairs] [--quiet]
//!
//! It prints the dev F1 of the first run after each epoch (a held-out figure only with
//! `--train-only`: by default the model learns from the dev splits as well), and at the
//! end the benchmark table of the model written, which trains a held-out model where
//! it has to.

use std::path::PathBuf;
use std::process::ExitCode;

use warta_analyze::ner::{self, TrainOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut options = TrainOptions::new("../shared/datasets/ner-id");
    options.verbose = true;
    let mut out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models/ner.bin"));
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| fail(&format!("{arg} needs a value")));
        match arg.as_str() {
            "--data" => options.data_dir = value().into(),
            "--out" => out = value().into(),
            "--epochs" => options.epochs = value().parse().unwrap_or_else(|_| fail("--epochs takes a number")),
            "--runs" => options.runs = value().parse().unwrap_or_else(|_| fail("--runs takes a number")),
            "--seed" => options.seed = value().parse().unwrap_or_else(|_| fail("--seed takes a number")),
            "--datasets" => options.datasets = value().split(',').map(str::to_string).collect(),
            "--no-domain" => options.domain_features = false,
            "--train-only" => options.include_dev = false,
            "--runtime-domain" => {
                let v = value();
                options.runtime_domain = if v == "none" { None } else { Some(v) };
            }
            "--min-count" => options.min_count = value().parse().unwrap_or_else(|_| fail("--min-count takes a number")),
            "--prune" => options.prune = value().parse().unwrap_or_else(|_| fail("--prune takes a number")),
            "--quiet" => options.verbose = false,
            "--dropout" => options.dropout = value().parse().unwrap_or_else(|_| fail("--dropout takes a number")),
            "--no-pairs" => options.pair_features = false,
            _ => fail(&format!("unknown argument {arg}")),
        }
    }
    let started = std::time::Instant::now();
    let model = match ner::train_model(&options) {
        Ok(model) => model,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bytes = model.to_bytes(options.prune);
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {} ({} bytes) in {:.0} s", out.display(), bytes.len(), started.elapsed().as_secs_f64());
    if options.verbose {
        // As stored: the weights are rounded to the file's precision.
        let stored = ner::Model::from_bytes(&bytes).expect("a model reads back what it wrote");
        match ner::bench::evaluate(&stored, "trained", &options.data_dir, None) {
            Ok(report) => eprintln!("{report}"),
            Err(e) => eprintln!("error: {e}"),
        }
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}\nusage: train_ner [--data DIR] [--out FILE] [--epochs N] [--runs N] [--seed N] [--datasets a,b] [--no-domain] [--train-only] [--runtime-domain NAME|none] [--min-count N] [--prune X] [--dropout X] [--no-pairs] [--quiet]");
    std::process::exit(2)
}
