//! Container detection (`cable_core::parse`, `parse_bytes`): no panic, no hang, and
//! every invariant of `cable_fuzz::invariants` holds for the tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cable_fuzz::parse_detected(data));
