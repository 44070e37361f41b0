//! Review intervals: `365d`, `26w`, `12m`, `1y`.

use crate::Date;
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
}

/// How long an attestation stays valid after its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewInterval {
    pub count: u32,
    pub unit: Unit,
}

impl ReviewInterval {
    /// Parses `<N><unit>` with unit `d`, `w`, `m` or `y` (N from 1 to 100 years' worth).
    pub fn parse(s: &str) -> Result<ReviewInterval, String> {
        let t = s.trim();
        let (num, unit) = t.split_at(t.len().saturating_sub(1));
        let unit = match unit {
            "d" | "D" => Unit::Days,
            "w" | "W" => Unit::Weeks,
            "m" | "M" => Unit::Months,
            "y" | "Y" => Unit::Years,
            _ => return Err(format!("review interval {s:?}: expected a number and a unit d, w, m or y (e.g. 365d, 12m, 1y)")),
        };
        let count: u32 = num
            .parse()
            .map_err(|_| format!("review interval {s:?}: expected a number and a unit d, w, m or y (e.g. 365d, 12m, 1y)"))?;
        let days = match unit {
            Unit::Days => count,
            Unit::Weeks => count.saturating_mul(7),
            Unit::Months => count.saturating_mul(31),
            Unit::Years => count.saturating_mul(366),
        };
        if count == 0 || days > 36_600 {
            return Err(format!(
                "review interval {s:?}: must be between 1 day and 100 years"
            ));
        }
        Ok(ReviewInterval { count, unit })
    }

    /// The date one interval after `date`; month arithmetic clamps to the month's end.
    pub fn after(self, date: Date) -> Option<Date> {
        match self.unit {
            Unit::Days => date.checked_add_days(chrono::Days::new(u64::from(self.count))),
            Unit::Weeks => date.checked_add_days(chrono::Days::new(u64::from(self.count) * 7)),
            Unit::Months => date.checked_add_months(chrono::Months::new(self.count)),
            Unit::Years => {
                date.checked_add_months(chrono::Months::new(self.count.checked_mul(12)?))
            }
        }
    }
}

impl fmt::Display for ReviewInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = match self.unit {
            Unit::Days => 'd',
            Unit::Weeks => 'w',
            Unit::Months => 'm',
            Unit::Years => 'y',
        };
        write!(f, "{}{u}", self.count)
    }
}

impl Serialize for ReviewInterval {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        crate::parse_date(s).unwrap()
    }

    #[test]
    fn parses_and_adds() {
        assert_eq!(
            ReviewInterval::parse("365d")
                .unwrap()
                .after(d("2026-01-01")),
            Some(d("2027-01-01"))
        );
        assert_eq!(
            ReviewInterval::parse("1y").unwrap().after(d("2024-02-29")),
            Some(d("2025-02-28"))
        );
        assert_eq!(ReviewInterval::parse("12m").unwrap().to_string(), "12m");
        assert_eq!(
            ReviewInterval::parse("2w").unwrap().after(d("2026-01-01")),
            Some(d("2026-01-15"))
        );
        for bad in ["", "d", "10", "0d", "-1d", "1x", "999999y", "1.5y"] {
            assert!(ReviewInterval::parse(bad).is_err(), "{bad}");
        }
    }
}
