//! The reference ids of the Cablegate release (251,287 in all): whether a reference names a
//! cable of the release.
//!
//! The ids are compiled in as a compact index (`data/release-ids.bin`, 254 KB, made from
//! the release's list by `data/make_release_ids.py`): every build has the same data, so the
//! JSON of a tree is the same from Rust, Python and the browser.
//!
//! ```
//! use cable_core::release::in_release;
//! assert!(in_release("09ASTANA1145"));
//! assert!(!in_release("09ASTANA999999"));
//! ```

use std::sync::OnceLock;

/// Stations (in the order of the station list), years and delta-coded serials; see
/// `data/make_release_ids.py`.
const IDS: &[u8] = include_bytes!("../data/release-ids.bin");

/// The ids as sorted keys: station index, two-digit year, serial.
fn keys() -> &'static [u64] {
    static KEYS: OnceLock<Vec<u64>> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = Vec::with_capacity(252_000);
        let mut bytes = IDS.iter().copied();
        let mut varint = || {
            let (mut n, mut shift) = (0u64, 0);
            for b in bytes.by_ref() {
                n |= u64::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    return Some(n);
                }
                shift += 7;
            }
            None
        };
        for station in 0..crate::stations::stations().len() as u64 {
            let years = varint().unwrap_or(0);
            for _ in 0..years {
                // The year is one byte, below 128: a varint of one byte.
                let yy = varint().unwrap_or(0);
                let count = varint().unwrap_or(0);
                let mut serial = 0;
                for _ in 0..count {
                    serial += varint().unwrap_or(0);
                    keys.push(key(station, yy, serial));
                }
            }
        }
        keys.sort_unstable();
        keys
    })
}

fn key(station: u64, yy: u64, serial: u64) -> u64 {
    station << 40 | yy << 32 | serial
}

/// Whether the release holds the cable of this station (as the station list spells it),
/// two-digit year and serial.
pub(crate) fn contains(station: &str, yy: u32, serial: u32) -> bool {
    let stations = crate::stations::stations();
    let Ok(index) = stations.binary_search(&station) else {
        return false;
    };
    let key = key(index as u64, u64::from(yy % 100), u64::from(serial));
    keys().binary_search(&key).is_ok()
}

/// Whether a reference id (`09ASTANA1145`) is one of the release's.
pub fn in_release(id: &str) -> bool {
    let Some(yy) = crate::text::id_year(id) else {
        return false;
    };
    let rest = &id[2..];
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (station, serial) = rest.split_at(rest.len() - digits);
    match serial.parse() {
        Ok(serial) => contains(station, yy, serial),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_holds_the_release() {
        // The release's list has 251,287 lines; a few hundred are malformed ids whose
        // station no parser resolves.
        let n = keys().len();
        assert!((250_000..=251_287).contains(&n), "{n}");
        assert!(in_release("66BUENOSAIRES2481"));
        assert!(in_release("10STATE17263"));
        assert!(in_release("09RPODUBAI50"));
        assert!(!in_release("09IRANRPODUBAI50"));
        assert!(!in_release("09ASTANA"));
    }
}
