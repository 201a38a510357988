//! HtmlPage container, strict parsing: no panic, no hang, and every invariant of
//! `cable_fuzz::invariants` holds for the tree (or the syntax error points into the text).
#![no_main]

use cable_core::Container;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cable_fuzz::parse_as(data, Some(Container::HtmlPage), true));
