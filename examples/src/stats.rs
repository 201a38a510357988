//! Counts over an archive: by classification, origin, year and container, cables
//! with diagnostics and the most frequent diagnostics (by code).
//!
//! ```
//! use cable_cli::stats::{Stats, Summary};
//! let cable = cable_core::parse("UNCLAS STATE 000001\nSUBJECT: TEST\n\n1. HELLO.\n");
//! let mut stats = Stats::default();
//! stats.add(Summary::new(&cable));
//! assert_eq!(stats.cables, 1);
//! assert_eq!(stats.by_container["bare_text"], 1);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use cable_core::Cable;

use crate::input::Failure;
use cable_core::flat::FlatRow;

/// Stands for a missing value in the counts.
pub const UNKNOWN: &str = "(unknown)";

/// What the counts need from one cable (small, so that workers send little).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Classification as written in the metadata, else the banner's level (`SECRET`, ...).
    pub classification: Option<String>,
    /// The originating post, else the `FM` line.
    pub origin: Option<String>,
    /// The year the cable was sent ([`Cable::year`]).
    pub year: Option<String>,
    /// The container's name.
    pub container: &'static str,
    /// The code of each diagnostic.
    pub codes: Vec<String>,
}

impl Summary {
    /// Summarises a cable.
    pub fn new(cable: &Cable) -> Self {
        let flat = FlatRow::new(cable);
        // The metadata's marking as written; without metadata, the banner's level
        // (so that `C O N F I D E N T I A L` and `CONFIDENTIAL` count together).
        let classification = match (&cable.metadata, &flat.classification_level) {
            (None, Some(level)) => Some(level.replace('_', " ").to_ascii_uppercase()),
            _ => flat.classification,
        };
        Summary {
            year: cable.year().map(|y| y.to_string()),
            classification,
            origin: flat.origin,
            container: flat.container,
            codes: cable.diagnostics.iter().map(|d| d.code.clone()).collect(),
        }
    }
}

/// How often one diagnostic code was met.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CodeCount {
    /// The diagnostic code.
    pub code: String,
    /// How many times it was reported.
    pub count: u64,
    /// In how many cables.
    pub cables: u64,
}

/// The counts of a run.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Cables parsed.
    pub cables: u64,
    /// Inputs that failed, by kind.
    pub failed: BTreeMap<String, u64>,
    /// Cables with at least one diagnostic.
    pub with_diagnostics: u64,
    /// Cables by classification.
    pub by_classification: BTreeMap<String, u64>,
    /// Cables by origin.
    pub by_origin: BTreeMap<String, u64>,
    /// Cables by year.
    pub by_year: BTreeMap<String, u64>,
    /// Cables by container.
    pub by_container: BTreeMap<String, u64>,
    /// Diagnostics by code.
    #[serde(skip)]
    pub codes: HashMap<String, (u64, u64)>,
}

impl Stats {
    /// Counts one cable.
    pub fn add(&mut self, s: Summary) {
        self.cables += 1;
        let key = |v: Option<String>| {
            v.filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| UNKNOWN.to_string())
        };
        *self
            .by_classification
            .entry(key(s.classification))
            .or_default() += 1;
        *self.by_origin.entry(key(s.origin)).or_default() += 1;
        *self.by_year.entry(key(s.year)).or_default() += 1;
        *self
            .by_container
            .entry(s.container.to_string())
            .or_default() += 1;
        if !s.codes.is_empty() {
            self.with_diagnostics += 1;
        }
        let mut seen: Vec<&str> = Vec::new();
        for code in &s.codes {
            let entry = self.codes.entry(code.clone()).or_default();
            entry.0 += 1;
            if !seen.contains(&code.as_str()) {
                entry.1 += 1;
                seen.push(code);
            }
        }
    }

    /// Counts one failure.
    pub fn fail(&mut self, failure: &Failure) {
        *self
            .failed
            .entry(failure.kind.name().to_string())
            .or_default() += 1;
    }

    /// Number of failed inputs.
    pub fn failures(&self) -> u64 {
        self.failed.values().sum()
    }

    /// The diagnostic codes, most frequent first (ties by code).
    pub fn top_codes(&self) -> Vec<CodeCount> {
        let mut codes: Vec<CodeCount> = self
            .codes
            .iter()
            .map(|(code, &(count, cables))| CodeCount {
                code: code.clone(),
                count,
                cables,
            })
            .collect();
        codes.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.code.cmp(&b.code)));
        codes
    }

    /// The counts as JSON, with the `top` most frequent origins and diagnostics.
    pub fn to_json(&self, top: usize) -> String {
        let origins: Vec<(String, u64)> = sorted(&self.by_origin).into_iter().take(top).collect();
        let mut codes = self.top_codes();
        codes.truncate(top);
        let value = serde_json::json!({
            "cables": self.cables,
            "failed": self.failures(),
            "failed_by_kind": self.failed,
            "with_diagnostics": self.with_diagnostics,
            "by_classification": self.by_classification,
            "by_origin": origins.into_iter().map(|(k, v)| serde_json::json!({"origin": k, "cables": v})).collect::<Vec<_>>(),
            "origins": self.by_origin.len(),
            "by_year": self.by_year,
            "by_container": self.by_container,
            "diagnostics": codes,
        });
        value.to_string()
    }

    /// The counts as text for people, with the `top` most frequent origins and diagnostics.
    pub fn to_text(&self, top: usize) -> String {
        let mut out = String::new();
        let pct = |n: u64| {
            if self.cables == 0 {
                0.0
            } else {
                100.0 * n as f64 / self.cables as f64
            }
        };
        let _ = writeln!(out, "cables            {}", self.cables);
        let _ = writeln!(out, "failed            {}", self.failures());
        for (kind, n) in &self.failed {
            let _ = writeln!(out, "  {kind:<16}{n}");
        }
        let _ = writeln!(
            out,
            "with diagnostics  {} ({:.1}%)",
            self.with_diagnostics,
            pct(self.with_diagnostics)
        );
        let mut table = |title: &str, rows: Vec<(String, u64)>, more: usize| {
            let _ = writeln!(out, "\n{title}");
            let width = rows
                .iter()
                .map(|(k, _)| k.chars().count())
                .max()
                .unwrap_or(0)
                .max(8);
            for (key, n) in &rows {
                let _ = writeln!(out, "  {key:<width$}  {n:>8}  {:>5.1}%", pct(*n));
            }
            if more > 0 {
                let _ = writeln!(out, "  ... and {more} more");
            }
        };
        table("by classification", sorted(&self.by_classification), 0);
        let origins = sorted(&self.by_origin);
        let more = origins.len().saturating_sub(top);
        table(
            &format!("by origin (top {top} of {})", origins.len()),
            origins.into_iter().take(top).collect(),
            more,
        );
        table(
            "by year",
            self.by_year.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            0,
        );
        table("by container", sorted(&self.by_container), 0);
        let codes = self.top_codes();
        let _ = writeln!(out, "\nmost frequent diagnostics (code, times, cables)");
        if codes.is_empty() {
            let _ = writeln!(out, "  none");
        }
        let width = codes
            .iter()
            .take(top)
            .map(|c| c.code.len())
            .max()
            .unwrap_or(0);
        for c in codes.iter().take(top) {
            let _ = writeln!(out, "  {:<width$}  {:>8}  {:>8}", c.code, c.count, c.cables);
        }
        out
    }
}

/// Entries by count, largest first (ties by key).
fn sorted(map: &BTreeMap<String, u64>) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = map.iter().map(|(k, v)| (k.clone(), *v)).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::FailureKind;

    #[test]
    fn counts_codes_per_cable_once() {
        let mut stats = Stats::default();
        let s = Summary {
            classification: Some("SECRET".into()),
            origin: None,
            year: Some("2009".into()),
            container: "text_export",
            codes: vec!["a".into(), "a".into(), "b".into()],
        };
        stats.add(s.clone());
        stats.add(Summary { codes: vec![], ..s });
        stats.fail(&Failure::new(FailureKind::MalformedRow, "x"));
        assert_eq!(stats.cables, 2);
        assert_eq!(stats.with_diagnostics, 1);
        assert_eq!(stats.by_origin[UNKNOWN], 2);
        let top = stats.top_codes();
        assert_eq!(
            (top[0].code.as_str(), top[0].count, top[0].cables),
            ("a", 2, 1)
        );
        assert_eq!(stats.failures(), 1);
        assert!(stats.to_text(5).contains("SECRET"));
        let json: serde_json::Value = serde_json::from_str(&stats.to_json(5)).unwrap();
        assert_eq!(json["by_year"]["2009"], 2);
    }
}
