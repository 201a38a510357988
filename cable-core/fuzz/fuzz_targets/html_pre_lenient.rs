//! HtmlPre container, lenient parsing: no panic, no hang, and every invariant of
//! `cable_fuzz::invariants` holds for the tree (lenient parsing must succeed).
#![no_main]

use cable_core::Container;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cable_fuzz::parse_as(data, Some(Container::HtmlPre), false));
