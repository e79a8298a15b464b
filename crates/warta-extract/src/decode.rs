//! Decompression and character decoding: turning whatever bytes arrive into UTF-8,
//! loudly when a guess was involved.

use std::io::Read;

use encoding_rs::Encoding;
use warta_model::Compression;

use crate::Problem;

/// Decompressed inputs larger than this are refused: a few hundred kilobytes of gzip can
/// expand to gigabytes, and no news archive file needs more in one piece.
pub const MAX_DECOMPRESSED_BYTES: u64 = 2 << 30;

pub(crate) fn compression_of(bytes: &[u8]) -> Option<Compression> {
    match bytes {
        [0x1f, 0x8b, ..] => Some(Compression::Gzip),
        [0x28, 0xb5, 0x2f, 0xfd, ..] => Some(Compression::Zstd),
        _ => None,
    }
}

pub(crate) struct Decompressed {
    pub data: Vec<u8>,
    /// Set when the stream ended early but some content could be read.
    pub problem: Option<Problem>,
}

/// Most compression layers undone: a .gz inside a .gz happens; ten layers is an attack.
const MAX_LAYERS: usize = 4;

/// Undoes gzip or zstd, several layers of it if need be, keeping what could be read of a
/// truncated stream. The outermost compression is the one reported.
pub(crate) fn decompress(bytes: &[u8]) -> Result<(Decompressed, Option<Compression>), Problem> {
    let (mut current, outer) = decompress_once(bytes)?;
    for _ in 1..MAX_LAYERS {
        if compression_of(&current.data).is_none() {
            break;
        }
        let (inner, _) = decompress_once(&current.data)?;
        current = Decompressed { data: inner.data, problem: current.problem.or(inner.problem) };
    }
    Ok((current, outer))
}

fn decompress_once(bytes: &[u8]) -> Result<(Decompressed, Option<Compression>), Problem> {
    let Some(compression) = compression_of(bytes) else {
        return Ok((Decompressed { data: bytes.to_vec(), problem: None }, None));
    };
    let mut data = Vec::new();
    let result = match compression {
        Compression::Gzip => flate2::read::MultiGzDecoder::new(bytes)
            .take(MAX_DECOMPRESSED_BYTES + 1)
            .read_to_end(&mut data),
        Compression::Zstd => zstd::stream::read::Decoder::new(bytes)
            .and_then(|d| d.take(MAX_DECOMPRESSED_BYTES + 1).read_to_end(&mut data)),
    };
    let name = match compression {
        Compression::Gzip => "gzip",
        Compression::Zstd => "zstd",
    };
    if data.len() as u64 > MAX_DECOMPRESSED_BYTES {
        return Err(Problem::error(
            None,
            format!("{name} data expands beyond {} GiB", MAX_DECOMPRESSED_BYTES >> 30),
            "split the archive into smaller files and ingest those",
        ));
    }
    let problem = match result {
        Ok(_) => None,
        Err(e) if data.is_empty() => {
            return Err(Problem::error(
                None,
                format!("cannot decompress {name} data: {e}"),
                "the file is damaged or not really compressed; download or copy it again",
            ))
        }
        Err(e) => Some(Problem::error(
            None,
            format!("{name} data is truncated or damaged after {} bytes ({e})", data.len()),
            "the articles read before the damage are kept; download or copy the file again for the rest",
        )),
    };
    Ok((Decompressed { data, problem }, Some(compression)))
}

/// Text decoded to UTF-8, with the charset used.
pub(crate) struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    /// Set when the charset was guessed or bytes were replaced.
    pub warning: Option<String>,
}

/// Decodes `bytes`: a byte-order mark or a `declared` charset wins; otherwise UTF-8 when
/// the bytes are valid UTF-8; otherwise the charset `chardetng` guesses.
pub(crate) fn decode_text(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text: text.into_owned(),
            encoding: encoding.name(),
            warning: had_errors.then(|| replaced_warning(encoding.name())),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded { text: text.to_string(), encoding: "UTF-8", warning: None };
    }
    let declared_encoding = declared.and_then(|d| Encoding::for_label(d.trim().as_bytes()));
    if declared_encoding.is_none_or(|e| e == encoding_rs::UTF_8) {
        if let Some(decoded) = mostly_utf8(bytes) {
            return decoded;
        }
    }
    if let Some(encoding) = declared_encoding {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
            return Decoded {
                text: text.into_owned(),
                encoding: encoding.name(),
                warning: had_errors.then(|| replaced_warning(encoding.name())),
            };
        }
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let mut warning = format!(
        "not valid UTF-8; decoded as {} (guessed from the bytes{})",
        encoding.name(),
        declared.map(|d| format!(", declared {d:?}")).unwrap_or_default()
    );
    if had_errors {
        warning.push_str("; some bytes could not be decoded and were replaced");
    }
    Decoded { text: text.into_owned(), encoding: encoding.name(), warning: Some(warning) }
}

/// Text that is UTF-8 but for a few stray bytes: decoding it as a legacy charset would
/// garble every accented letter and curly quote to save those few bytes.
fn mostly_utf8(bytes: &[u8]) -> Option<Decoded> {
    let mut invalid = 0usize;
    let mut multibyte = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    // Stray bytes are rare next to real UTF-8 sequences; legacy text has no valid
    // multi-byte sequences at all, or as many invalid bytes as accented letters.
    if multibyte == 0 || invalid * 20 > bytes.len() || invalid > multibyte {
        return None;
    }
    Some(Decoded {
        text: String::from_utf8_lossy(bytes).into_owned(),
        encoding: "UTF-8",
        warning: Some(format!("{invalid} byte(s) are not valid UTF-8 and were replaced with U+FFFD")),
    })
}

fn replaced_warning(encoding: &str) -> String {
    format!("some bytes are not valid {encoding} and were replaced with U+FFFD")
}

/// The charset an HTML page declares in its first few kilobytes, per the HTML rules'
/// `<meta charset>` and `http-equiv` forms.
pub(crate) fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let value: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!value.is_empty()).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_a_truncated_gzip_holds() {
        use std::io::Write;
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        let text = "Putin tiba di Pyongyang. ".repeat(2000);
        encoder.write_all(text.as_bytes()).unwrap();
        let gz = encoder.finish().unwrap();
        let (whole, compression) = decompress(&gz).unwrap();
        assert_eq!(compression, Some(Compression::Gzip));
        assert_eq!(whole.data, text.as_bytes());
        assert!(whole.problem.is_none());
        let (partial, _) = decompress(&gz[..gz.len() / 2]).unwrap();
        assert!(partial.problem.is_some());
        assert!(!partial.data.is_empty() && partial.data.len() < text.len());
        assert!(decompress(&[0x1f, 0x8b, 0, 0]).is_err());
    }

    #[test]
    fn decodes_legacy_charsets_with_a_warning() {
        let latin1 = b"Caf\xe9 au lait \xe0 Paris, na\xefve r\xe9sum\xe9 d\xe9j\xe0 vu";
        let d = decode_text(latin1, None);
        assert!(d.text.contains("Café"), "{}", d.text);
        assert!(d.warning.is_some());
        let d = decode_text(latin1, Some("iso-8859-1"));
        assert!(d.text.contains("résumé"));
        let d = decode_text("Café".as_bytes(), None);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.warning.is_none());
    }

    #[test]
    fn finds_the_declared_html_charset() {
        assert_eq!(html_declared_charset(b"<meta charset=\"windows-1252\">").as_deref(), Some("windows-1252"));
        assert_eq!(
            html_declared_charset(b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(html_declared_charset(b"<p>no charset</p>"), None);
    }
}
