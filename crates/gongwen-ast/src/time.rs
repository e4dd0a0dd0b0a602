//! Calendar time for the dates renderers write into file metadata.

/// A moment in UTC as calendar fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UtcDateTime {
    /// The year (proleptic Gregorian; may be before 1 or after 9999 for extreme inputs).
    pub year: i64,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31.
    pub day: u8,
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 59.
    pub second: u8,
}

impl UtcDateTime {
    /// The moment `seconds` after 1970-01-01T00:00:00Z (negative: before), by Howard
    /// Hinnant's days-to-civil algorithm. Renderers take `SOURCE_DATE_EPOCH`-style seconds
    /// and need calendar fields; no date crate is worth a dependency for this.
    pub fn from_unix(seconds: i64) -> UtcDateTime {
        let days = seconds.div_euclid(86_400);
        let secs = seconds.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        UtcDateTime {
            year: yoe + era * 400 + i64::from(month <= 2),
            month: month as u8,
            day: day as u8,
            hour: (secs / 3_600) as u8,
            minute: (secs / 60 % 60) as u8,
            second: (secs % 60) as u8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(t: UtcDateTime) -> (i64, u8, u8, u8, u8, u8) {
        (t.year, t.month, t.day, t.hour, t.minute, t.second)
    }

    #[test]
    fn known_moments() {
        assert_eq!(fields(UtcDateTime::from_unix(0)), (1970, 1, 1, 0, 0, 0));
        assert_eq!(fields(UtcDateTime::from_unix(1_700_000_000)), (2023, 11, 14, 22, 13, 20));
        // A leap day, and the second before the epoch.
        assert_eq!(fields(UtcDateTime::from_unix(951_782_400)), (2000, 2, 29, 0, 0, 0));
        assert_eq!(fields(UtcDateTime::from_unix(-1)), (1969, 12, 31, 23, 59, 59));
        assert_eq!(fields(UtcDateTime::from_unix(253_402_300_799)), (9999, 12, 31, 23, 59, 59));
    }
}
