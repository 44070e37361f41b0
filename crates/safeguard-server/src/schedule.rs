//! Scans on a schedule: evaluate inventories every interval and record the result.

use chrono::Utc;
use safeguard_engine::{apply_waivers, evaluate, Options};
use safeguard_model::Inventory;
use safeguard_store::{capture, NewScan, RecordOptions, ScanId, Store};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// What to scan, and how often.
#[derive(Clone, Debug)]
pub struct Schedule {
    pub every: Duration,
    /// Inventory files, merged into one estate.
    pub inventories: Vec<PathBuf>,
    /// Waivers files applied to every scan.
    pub waivers: Vec<PathBuf>,
    /// The target the scans are filed under (default: the inventory's source description).
    pub target: Option<String>,
}

/// Parses `90s`, `15m`, `1h`, `1d` (at least ten seconds, at most a year).
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, unit) = s.split_at(split);
    let n: u64 = digits.parse().map_err(|_| {
        format!("invalid interval {s:?}: use a number and a unit, e.g. 30m, 1h or 1d")
    })?;
    let seconds = match unit {
        "s" => n,
        "m" => n.saturating_mul(60),
        "h" => n.saturating_mul(3600),
        "d" => n.saturating_mul(86_400),
        _ => return Err(format!("invalid interval {s:?}: the unit is s, m, h or d")),
    };
    if !(10..=366 * 86_400).contains(&seconds) {
        return Err(format!("interval {s:?} is out of range (10s to 366d)"));
    }
    Ok(Duration::from_secs(seconds))
}

fn build(schedule: &Schedule) -> Result<NewScan, String> {
    let started = Utc::now();
    let mut merged: Option<Inventory> = None;
    for path in &schedule.inventories {
        let inv = Inventory::load(path).map_err(|e| e.to_string())?;
        match &mut merged {
            None => merged = Some(inv),
            Some(m) => m
                .merge(inv)
                .map_err(|e| format!("merging {}: {e}", path.display()))?,
        }
    }
    let inventory = merged.ok_or("the schedule has no inventory to scan")?;
    let mut report = evaluate(&inventory, safeguard_rules::all(), &Options::default())
        .map_err(|e| e.to_string())?;
    let mut waivers = Vec::new();
    for path in &schedule.waivers {
        waivers.extend(safeguard_waivers::load_file(path).map_err(|e| e.to_string())?);
    }
    apply_waivers(&mut report, waivers, started.date_naive());
    Ok(capture(
        &report,
        &inventory,
        &RecordOptions {
            target: schedule.target.clone(),
            started_at: Some(started),
            ..RecordOptions::default()
        },
    ))
}

/// Runs one scheduled scan and records it.
pub async fn scan_once(store: &Store, schedule: &Schedule) -> Result<ScanId, String> {
    let s = schedule.clone();
    let scan = tokio::task::spawn_blocking(move || build(&s))
        .await
        .map_err(|e| format!("the scan task failed: {e}"))??;
    store.record(&scan).await.map_err(|e| e.to_string())
}

/// Scans now and then every `schedule.every`, until the task is dropped.
pub async fn run(store: Arc<Store>, schedule: Schedule) {
    let mut tick = tokio::time::interval(schedule.every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match scan_once(&store, &schedule).await {
            Ok(id) => eprintln!("safeguard serve: scheduled scan recorded as #{id}"),
            Err(e) => eprintln!("safeguard serve: scheduled scan failed: {e}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_interval("30m"), Ok(Duration::from_secs(1800)));
        assert_eq!(parse_interval("2d"), Ok(Duration::from_secs(172_800)));
        assert_eq!(parse_interval("45s"), Ok(Duration::from_secs(45)));
        for bad in [
            "",
            "h",
            "5",
            "1w",
            "1s",
            "-1h",
            "99999999999999999999h",
            "400d",
        ] {
            assert!(parse_interval(bad).is_err(), "{bad:?} accepted");
        }
    }
}
