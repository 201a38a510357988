//! The `cables.csv` stream (`cable_core::csv::Records`): no panic, no hang, records stay
//! under the size limit, and every record parses as a CSV row with valid invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| cable_fuzz::csv_records(data));
