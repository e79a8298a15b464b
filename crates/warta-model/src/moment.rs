use std::fmt;
use std::str::FromStr;

use jiff::tz::Offset;
use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An instant together with the UTC offset it was written in.
///
/// News times are meaningful in their local zone ("06:19 WIB"): keeping the offset lets
/// later stages resolve "Rabu" or "kemarin" against the reporter's calendar day, not UTC's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment {
    pub timestamp: Timestamp,
    pub offset: Offset,
}

impl Moment {
    pub fn new(timestamp: Timestamp, offset: Offset) -> Self {
        Moment { timestamp, offset }
    }

    /// The local calendar date and time the writer saw.
    pub fn local(&self) -> jiff::civil::DateTime {
        self.offset.to_datetime(self.timestamp)
    }
}

impl fmt::Display for Moment {
    /// RFC 3339 with the original offset, e.g. `2024-06-19T17:23:00+07:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.timestamp.display_with_offset(self.offset))
    }
}

/// Parses RFC 3339 text with an explicit offset; `Z` is taken as UTC.
impl FromStr for Moment {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let timestamp: Timestamp = s
            .parse()
            .map_err(|e| format!("not an RFC 3339 time with offset: {s:?} ({e})"))?;
        let offset = rfc3339_offset(s).unwrap_or(Offset::UTC);
        Ok(Moment { timestamp, offset })
    }
}

/// Reads the trailing `±HH:MM` (or `Z`) of an RFC 3339 string, which jiff's `Timestamp`
/// parser accepts but does not keep.
fn rfc3339_offset(s: &str) -> Option<Offset> {
    let s = s.trim();
    if s.ends_with('Z') || s.ends_with('z') {
        return Some(Offset::UTC);
    }
    let sign_at = s.rfind(['+', '-'])?;
    let (sign, rest) = s[sign_at..].split_at(1);
    let digits: String = rest.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() != 4 || sign_at < 10 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    let seconds = (hours * 3600 + minutes * 60) * if sign == "-" { -1 } else { 1 };
    Offset::from_seconds(seconds).ok()
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset_through_a_round_trip() {
        let m: Moment = "2024-06-19T17:23:00+07:00".parse().unwrap();
        assert_eq!(m.to_string(), "2024-06-19T17:23:00+07:00");
        assert_eq!(m.local().hour(), 17);
        let z: Moment = "2024-06-19T10:23:00Z".parse().unwrap();
        assert_eq!(z.timestamp, m.timestamp);
        assert_eq!(z.to_string(), "2024-06-19T10:23:00+00:00");
    }

    #[test]
    fn rejects_text_without_an_offset() {
        assert!("2024-06-19T17:23:00".parse::<Moment>().is_err());
        assert!("yesterday".parse::<Moment>().is_err());
    }
}
