//! The reference ids of the Cablegate release (251,287 in all): whether a reference names a
//! cable of the release.
//!
//! The ids are compiled in as a compact index (`data/release-ids.bin`, 149 KB, made from
//! the release's list by `data/make_release_ids.py`): the ids of each station and year,
//! as the gaps between their serials, Rice-coded in blocks of 128. A lookup reads one
//! block; nothing is decoded ahead. Every build with the index has the same data, so the
//! JSON of a tree is the same from Rust, Python and JavaScript.
//!
//! The index is the default feature `release-index`. A build without it (a web page that
//! must load fast) knows no release: [`INDEXED`] is `false`, every
//! [`Reference::in_release`](crate::Reference::in_release) is `None`, and a station that
//! two spellings may name (`IRAN RPO DUBAI 50` of 2009) is read as the longest one.
//!
//! ```
//! # #[cfg(feature = "release-index")] {
//! use cable_core::release::in_release;
//! assert!(in_release("09ASTANA1145"));
//! assert!(!in_release("09ASTANA999999"));
//! # }
//! ```

/// Whether this build carries the index of the release (the `release-index` feature). When
/// it does not, [`Reference::in_release`](crate::Reference::in_release) is always `None`.
pub const INDEXED: bool = cfg!(feature = "release-index");

/// Whether the release holds the cable of this station (as the station list spells it),
/// two-digit year and serial; `false` without the index.
pub(crate) fn contains(station: &str, yy: u32, serial: u32) -> bool {
    #[cfg(feature = "release-index")]
    {
        let stations = crate::stations::stations();
        match stations.binary_search(&station) {
            Ok(index) => index::contains(index, yy % 100, serial),
            Err(_) => false,
        }
    }
    #[cfg(not(feature = "release-index"))]
    {
        let _ = (station, yy, serial);
        false
    }
}

/// Whether a reference id (`09ASTANA1145`) is one of the release's.
#[cfg(feature = "release-index")]
pub fn in_release(id: &str) -> bool {
    id.parse::<crate::ReferenceId>()
        .is_ok_and(|id| contains(&id.station, u32::from(id.year), id.serial))
}

/// A parsed tree as the build can vouch for it: without the index, no reference says
/// whether the release holds the cable it cites (`in_release` is `None`, not `false`).
pub(crate) fn vouched(cable: crate::Cable) -> crate::Cable {
    #[cfg(not(feature = "release-index"))]
    let cable = {
        let mut cable = cable;
        if let Some(body) = cable.body.as_mut() {
            for reference in &mut body.references {
                reference.in_release = None;
            }
        }
        cable
    };
    cable
}

/// The index itself: the file's directory, read once, and the lookup of one id.
#[cfg(feature = "release-index")]
mod index {
    use std::sync::OnceLock;

    /// The directory, then the groups' blocks of Rice-coded serials; see
    /// `data/make_release_ids.py`.
    const IDS: &[u8] = include_bytes!("../data/release-ids.bin");

    /// Serials per block (`BLOCK` in `data/make_release_ids.py`).
    const BLOCK: u32 = 128;

    /// The ids of one station and year.
    #[derive(Debug, Clone, Copy)]
    pub(super) struct Group {
        /// Station index << 8 | two-digit year: the directory's order.
        key: u32,
        /// Number of serials.
        count: u32,
        /// The Rice parameter of its gaps.
        k: u8,
        /// Where its blocks lie in `IDS`.
        start: usize,
        end: usize,
    }

    /// A LEB128 varint at `*pos`, which moves past it.
    fn varint(bytes: &[u8], pos: &mut usize) -> Option<u32> {
        let (mut n, mut shift) = (0u32, 0);
        loop {
            let b = *bytes.get(*pos)?;
            *pos += 1;
            n |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(n);
            }
            shift += 7;
        }
    }

    /// The directory, read at the first lookup (2,072 groups).
    pub(super) fn groups() -> &'static [Group] {
        static GROUPS: OnceLock<Vec<Group>> = OnceLock::new();
        GROUPS.get_or_init(|| {
            let mut groups = Vec::with_capacity(2_100);
            let mut pos = 0;
            let mut sizes = Vec::with_capacity(2_100);
            for station in 0..crate::stations::stations().len() as u32 {
                let n = varint(IDS, &mut pos).expect("release index: directory");
                for _ in 0..n {
                    let yy = u32::from(IDS[pos]);
                    pos += 1;
                    let count = varint(IDS, &mut pos).expect("release index: count");
                    let k = IDS[pos];
                    pos += 1;
                    let size = varint(IDS, &mut pos).expect("release index: size") as usize;
                    groups.push(Group {
                        key: station << 8 | yy,
                        count,
                        k,
                        start: 0,
                        end: 0,
                    });
                    sizes.push(size);
                }
            }
            for (group, size) in groups.iter_mut().zip(sizes) {
                group.start = pos;
                pos += size;
                group.end = pos;
            }
            assert_eq!(
                pos,
                IDS.len(),
                "release index: the directory and the data disagree"
            );
            groups
        })
    }

    /// Bits read from the lowest bit of each byte up.
    struct Bits<'a> {
        bytes: &'a [u8],
        at: usize,
    }

    impl Bits<'_> {
        fn bit(&mut self) -> Option<bool> {
            let byte = *self.bytes.get(self.at / 8)?;
            let bit = byte >> (self.at % 8) & 1 == 1;
            self.at += 1;
            Some(bit)
        }

        /// One Rice code: the quotient in unary (1 bits ended by a 0), then `k` low bits.
        fn rice(&mut self, k: u8) -> Option<u32> {
            let mut quotient = 0u32;
            while self.bit()? {
                quotient += 1;
            }
            let mut low = 0u32;
            for i in 0..k {
                if self.bit()? {
                    low |= 1 << i;
                }
            }
            quotient.checked_shl(u32::from(k)).map(|q| q | low)
        }
    }

    /// The serials of one block, ascending, from its first and its bit stream.
    fn block(first: u32, len: u32, k: u8, stream: &[u8]) -> impl Iterator<Item = u32> + '_ {
        let mut bits = Bits {
            bytes: stream,
            at: 0,
        };
        let mut serial = first;
        std::iter::once(first).chain((1..len).map_while(move |_| {
            serial = serial.checked_add(bits.rice(k)?.checked_add(1)?)?;
            Some(serial)
        }))
    }

    /// The blocks of a group: (first serial, number of serials, bit stream).
    fn blocks(group: &Group) -> impl Iterator<Item = (u32, u32, &'static [u8])> {
        let data = &IDS[group.start..group.end];
        let (mut pos, mut first, mut left) = (0, 0u32, group.count);
        std::iter::from_fn(move || {
            if left == 0 {
                return None;
            }
            first += varint(data, &mut pos)?;
            let size = varint(data, &mut pos)? as usize;
            let stream = data.get(pos..pos + size)?;
            pos += size;
            let len = left.min(BLOCK);
            left -= len;
            Some((first, len, stream))
        })
    }

    pub(super) fn contains(station: usize, yy: u32, serial: u32) -> bool {
        let key = (station as u32) << 8 | yy;
        let groups = groups();
        let Ok(at) = groups.binary_search_by_key(&key, |g| g.key) else {
            return false;
        };
        let group = &groups[at];
        // The last block that starts at or before the serial.
        let Some((first, len, stream)) = blocks(group)
            .take_while(|&(first, _, _)| first <= serial)
            .last()
        else {
            return false;
        };
        block(first, len, group.k, stream)
            .find(|&s| s >= serial)
            .is_some_and(|s| s == serial)
    }

    /// Every id of the index, in its order: (station index, year, serial).
    #[cfg(test)]
    pub(super) fn all() -> impl Iterator<Item = (u32, u32, u32)> {
        groups().iter().flat_map(|group| {
            blocks(group).flat_map(move |(first, len, stream)| {
                block(first, len, group.k, stream)
                    .map(move |s| (group.key >> 8, group.key & 0xff, s))
            })
        })
    }
}

#[cfg(all(test, feature = "release-index"))]
mod tests {
    use super::*;

    #[test]
    fn the_index_holds_the_release() {
        // The release's list has 251,287 lines; a few hundred are malformed ids whose
        // station no parser resolves.
        let n = index::all().count();
        assert_eq!(n, 251_092);
        assert!(in_release("66BUENOSAIRES2481"));
        assert!(in_release("10STATE17263"));
        assert!(in_release("09RPODUBAI50"));
        assert!(!in_release("09IRANRPODUBAI50"));
        assert!(!in_release("09ASTANA"));
        assert!(!in_release("09ASTANA0"));
        assert!(!in_release("09NOSUCHPLACE1"));
    }

    /// With the index, the tree says which cited cables the release holds.
    #[test]
    fn in_release_is_known() {
        let text = "UNCLAS ASTANA 001145\nREF: A. ASTANA 1018 B. STATE 999999\n\n1. (U) TEXT.\n";
        let cable = crate::parse_with(text, &crate::Options::new().year(2009)).unwrap();
        let refs = &cable.body.unwrap().references;
        let known: Vec<_> = refs
            .iter()
            .map(|r| (r.cited_id.as_deref(), r.in_release))
            .collect();
        assert_eq!(
            known,
            [
                (Some("09ASTANA1018"), Some(true)),
                (Some("09STATE999999"), Some(false))
            ]
        );
    }

    /// The ids are those of the first index (the sorted varint gaps of commit 2eba5b2),
    /// by an FNV-1a hash of (station, year, serial) in order, computed from that file.
    #[test]
    fn the_index_holds_the_same_ids_as_before() {
        let mut hash = 0xcbf2_9ce4_8422_2325u64;
        for (station, yy, serial) in index::all() {
            for part in [station, yy, serial] {
                for b in part.to_le_bytes() {
                    hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                }
            }
        }
        assert_eq!(hash, 0xf341_fc29_7851_797e);
    }

    /// Every id is found, and the serials just around it are found exactly when they
    /// are ids too: lookups cross block boundaries right.
    #[test]
    fn every_id_is_found_and_no_other() {
        let ids: Vec<(u32, u32, u32)> = index::all().collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids in order");
        let set: std::collections::HashSet<_> = ids.iter().copied().collect();
        for &(station, yy, serial) in &ids {
            assert!(index::contains(station as usize, yy, serial));
            for other in [serial.wrapping_sub(1), serial + 1] {
                assert_eq!(
                    index::contains(station as usize, yy, other),
                    set.contains(&(station, yy, other)),
                    "{station} {yy} {other}"
                );
            }
        }
        assert!(!index::contains(0, 0, u32::MAX));
    }
}

#[cfg(all(test, not(feature = "release-index")))]
mod tests_without_index {
    /// Without the index a cited cable keeps its id, and nothing is said of the release.
    #[test]
    fn in_release_is_unknown() {
        let text = "UNCLAS ASTANA 001145\nREF: A. ASTANA 1018 B. STATE 17263\n\n1. (U) TEXT.\n";
        let cable = crate::parse_with(text, &crate::Options::new().year(2009)).unwrap();
        let refs = &cable.body.unwrap().references;
        let ids: Vec<_> = refs.iter().map(|r| r.cited_id.as_deref()).collect();
        assert_eq!(ids, [Some("09ASTANA1018"), Some("09STATE17263")]);
        assert!(refs.iter().all(|r| r.in_release.is_none()));
    }
}
