//! Hashes this crate's source files into `WARTA_ANALYZE_SOURCE_HASH`, part of
//! `analyzer_version`: analyses stored by another build of the stages are stale even when
//! the version number did not change.
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    let src = Path::new("src");
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let fnv = |h: u64, b: &u8| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for path in &files {
        let relative = path.strip_prefix(src).unwrap_or(path).to_string_lossy().replace('\\', "/");
        hash = relative.as_bytes().iter().fold(hash, fnv);
        hash = std::fs::read(path).unwrap_or_default().iter().fold(fnv(hash, &0), fnv);
    }
    println!("cargo:rustc-env=WARTA_ANALYZE_SOURCE_HASH={hash:016x}");
}
