//! Routing indicators: the addressee each stands for in ACP 117, the Allied Routing
//! Indicator Book (`RUEHC` is the Department of State).
//!
//! The table (`data/route2name.csv`, 1,656 indicators, 52 KB) comes from heuer/cablemap
//! under its BSD licence (`data/LICENSE-route2name.txt`) and is compiled in.
//!
//! ```
//! assert_eq!(cable_core::routes::route_name("RUEHC"), Some("DEPT OF STATE WASHINGTON DC"));
//! assert_eq!(cable_core::routes::route_name("RUXXXX"), None);
//! ```

use std::sync::OnceLock;

/// `RI,NAME` per line; names with commas are quoted.
const TABLE: &str = include_str!("../data/route2name.csv");

/// The table as (indicator, name) pairs, sorted by indicator.
fn table() -> &'static [(&'static str, &'static str)] {
    static TABLE_SORTED: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    TABLE_SORTED.get_or_init(|| {
        let mut rows: Vec<(&str, &str)> = TABLE
            .lines()
            .filter_map(|line| line.split_once(','))
            .map(|(route, name)| (route.trim(), name.trim().trim_matches('"')))
            .collect();
        rows.sort_unstable();
        rows.dedup_by(|a, b| a.0 == b.0);
        rows
    })
}

/// The addressee a routing indicator stands for, e.g. `DEPT OF STATE WASHINGTON DC` for `RUEHC`.
pub fn route_name(route: &str) -> Option<&'static str> {
    let rows = table();
    rows.binary_search_by(|(r, _)| (*r).cmp(route))
        .ok()
        .map(|i| rows[i].1)
}
