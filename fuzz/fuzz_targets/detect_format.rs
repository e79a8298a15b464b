//! Format sniffing alone: cheap, so it gets many more executions than the whole pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = warta_extract::compression_of(data);
    if let Ok(format) = warta_extract::detect_format(data) {
        // Detection only looks at content: the same bytes always give the same answer.
        assert_eq!(warta_extract::detect_format(data).ok(), Some(format));
    }
});
