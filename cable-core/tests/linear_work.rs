//! The work of parsing grows linearly with the input in the cases where it once grew with
//! its square, checked without a clock: 10x the input must cost less than 20x the work
//! of 1x (linear work is 10x, quadratic 100x). A time ratio would say the same on an idle
//! machine, and anything on a loaded one; these two measures do not depend on the load:
//!
//! - the heap bytes requested while parsing (a counting allocator, per thread): work that
//!   builds a string again and again (the whole REF item re-collapsed at each of its
//!   lines) requests quadratic bytes;
//! - the instructions executed while parsing, counted by `valgrind --tool=callgrind`:
//!   repeated scans that allocate nothing (the rest of the text searched for `END
//!   SUMMARY` at each opening, the line searched back to its start at each word, the
//!   input searched to its end at each unclosed `<script>`) show only there. Callgrind
//!   counts the same for the same binary and input whatever else runs beside it. These
//!   tests need valgrind (on every machine of the project) and fail when it is missing.
//!
//! The time of the same cases is measured, not tested, by `cargo run --release -p
//! cable-benches --bin scaling`. The inputs are the generators of `tests/adversarial.rs`
//! (`benches/src/adversarial.rs`).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::process::Command;

use cable_core::{parse_with, Cable, Container, Options};

#[path = "../../benches/src/adversarial.rs"]
#[allow(dead_code)]
mod adversarial_inputs;
use adversarial_inputs::*;

// ---------------------------------------------------------------- the cases

/// A case that once took quadratic work: a name, a generator of an input of about `n`
/// units, the container to read it as (detected when `None`), and its size at 1x.
struct Case {
    name: &'static str,
    generate: fn(usize) -> String,
    container: Option<Container>,
    base: usize,
}

/// The cases of the four regressions. The sizes are the smallest at which the old,
/// quadratic code fails both checks by a clear margin (see each test).
const CASES: [Case; 5] = [
    Case {
        name: "ref_continued",
        generate: ref_continued,
        container: None,
        base: 300,
    },
    Case {
        name: "open_blocks",
        generate: open_blocks,
        container: None,
        base: 300,
    },
    Case {
        name: "summary_words",
        generate: |n| repeated_word("SUMMARY", n),
        container: None,
        base: 4_000,
    },
    Case {
        name: "comment_words",
        generate: |n| repeated_word("COMMENT", n),
        container: None,
        base: 4_000,
    },
    Case {
        name: "unclosed_scripts",
        generate: unclosed_scripts,
        container: Some(Container::HtmlPre),
        base: 300,
    },
];

fn case(name: &str) -> &'static Case {
    CASES
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no case {name}"))
}

/// The work measured: one lenient parse. Never inlined, so that callgrind can count the
/// instructions under it alone (`--toggle-collect`), not those of making the input.
#[inline(never)]
fn measured_parse(input: &str, container: Option<Container>) -> Cable {
    let mut options = Options::new().max_input_bytes(usize::MAX);
    if let Some(c) = container {
        options = options.container(c);
    }
    parse_with(input, &options).expect("lenient parsing never fails")
}

/// Parses a case at `n` and checks that its text came through.
fn parse_case(case: &Case, n: usize) {
    let input = (case.generate)(n);
    let cable = measured_parse(&input, case.container);
    let body = cable
        .body
        .as_ref()
        .unwrap_or_else(|| panic!("{}: a body", case.name));
    assert!(!body.paragraphs.is_empty(), "{}: its paragraphs", case.name);
}

/// Linear work grows about 10x for 10x the input, quadratic work about 100x.
fn assert_linear(what: &str, case: &Case, small: u64, large: u64) {
    assert!(small > 0, "{what}: nothing measured for {}", case.name);
    let growth = large as f64 / small as f64;
    eprintln!(
        "{}: {what} {small} at {}, {large} at {} ({growth:.1}x)",
        case.name,
        case.base,
        10 * case.base
    );
    assert!(
        growth < 20.0,
        "{}: 10x the input took {growth:.1}x the {what} ({small} at {}, {large} at {}); \
         linear work is 10x, quadratic 100x",
        case.name,
        case.base,
        10 * case.base
    );
}

// ---------------------------------------------------------------- heap bytes requested

/// The system allocator, counting the bytes requested by each thread (the tests of this
/// file run in parallel threads; only the parsing thread's bytes are its own).
struct Counting;

thread_local! {
    static REQUESTED: Cell<u64> = const { Cell::new(0) };
}

fn count(bytes: usize) {
    // `try_with`: a thread's allocations after its locals are gone are not counted.
    let _ = REQUESTED.try_with(|r| r.set(r.get() + bytes as u64));
}

// SAFETY: every call is passed to `System` unchanged; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A buffer that grows requests the bytes it grows by: a vector doubling its way
        // to `n` bytes requests about `n` in all, as it should.
        count(new_size.saturating_sub(layout.size()));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The heap bytes requested by one parse of a case at `n` (the input made before).
fn requested_bytes(case: &Case, n: usize) -> u64 {
    let input = (case.generate)(n);
    let before = REQUESTED.with(Cell::get);
    let cable = measured_parse(&input, case.container);
    let bytes = REQUESTED.with(Cell::get) - before;
    drop(cable);
    bytes
}

fn assert_linear_bytes(name: &str) {
    let case = case(name);
    let small = requested_bytes(case, case.base);
    let large = requested_bytes(case, 10 * case.base);
    assert_linear("heap bytes requested", case, small, large);
}

/// A REF item continued over many lines: each line re-collapsed the whole item text
/// (`continue_reference` formatted and collapsed `last.text` again), so time grew with
/// the square of the line count (50,000 lines: 75 s). Each re-collapse builds a new
/// string of the item so far, so the bytes requested grow with the square too.
#[test]
fn regression_ref_continuation_lines_request_linear_heap() {
    assert_linear_bytes("ref_continued");
}

/// The other three cases request linear heap too: no string is built again per
/// paragraph, word or tag.
#[test]
fn open_blocks_block_words_and_scripts_request_linear_heap() {
    for name in [
        "open_blocks",
        "summary_words",
        "comment_words",
        "unclosed_scripts",
    ] {
        assert_linear_bytes(name);
    }
}

// ---------------------------------------------------------------- instructions executed

/// The variable that makes `parse_one_case` parse one case at one size, as
/// `CASE_NAME:N`, for a run under callgrind.
const CASE_VAR: &str = "CABLE_LINEAR_WORK_CASE";

/// Parses the case named by `CABLE_LINEAR_WORK_CASE` (callgrind runs this test alone in
/// a child process); without it, every case at 1x and 10x.
#[test]
fn parse_one_case() {
    match std::env::var(CASE_VAR) {
        Ok(spec) => {
            let (name, n) = spec.split_once(':').expect("CASE_NAME:N");
            parse_case(case(name), n.parse().expect("a size"));
        }
        Err(_) => {
            for case in &CASES {
                parse_case(case, case.base);
                parse_case(case, 10 * case.base);
            }
        }
    }
}

/// The instructions executed under `measured_parse` when this test binary parses a case
/// at `n`, run alone under callgrind.
fn instructions(case: &Case, n: usize) -> u64 {
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new("valgrind")
        .args([
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            "--toggle-collect=*measured_parse*",
        ])
        .arg(&exe)
        .args(["--exact", "parse_one_case", "--test-threads=1"])
        .env(CASE_VAR, format!("{}:{n}", case.name))
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "valgrind could not be run ({e}): these tests need it (apt-get install valgrind)"
            )
        });
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{} at {n} under callgrind: {}\n{stdout}\n{stderr}",
        case.name,
        out.status
    );
    // The summary line: `==PID== Collected : 123456`.
    stderr
        .lines()
        .find_map(|l| l.split_once("Collected :").map(|(_, n)| n.trim()))
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no instruction count in callgrind's output:\n{stderr}"))
}

fn assert_linear_instructions(name: &str) {
    let case = case(name);
    let small = instructions(case, case.base);
    let large = instructions(case, 10 * case.base);
    assert_linear("instructions", case, small, large);
}

/// Paragraphs opening a SUMMARY or COMMENT that never closes: each opening searched the
/// rest of the text for `END SUMMARY` (`find_blocks`), so time grew with the square of
/// the paragraph count (30,000 paragraphs: 32 s). A search allocates nothing, so only
/// the instruction count shows it.
#[test]
fn regression_open_summaries_take_linear_instructions() {
    assert_linear_instructions("open_blocks");
}

/// One long line of SUMMARY or COMMENT words: for each word `find_blocks` scanned back to
/// the line start (`rfind('\n')`, `trim_matches`) and on to the line end, so time grew
/// with the square of the line length (200 KB of COMMENT: 16 s; of SUMMARY: over a
/// minute). Scans over slices allocate nothing: the instruction count shows them.
#[test]
fn regression_long_lines_of_block_words_take_linear_instructions() {
    assert_linear_instructions("summary_words");
    assert_linear_instructions("comment_words");
}

/// `<script>` tags that never close: the `html_script` rule scanned to the end of the
/// input for `</script` at each of them, failed, and the tag was read as a plain tag, so
/// time grew with the square of their count (30,000 tags: 250 s). The scanner that
/// replaced the rule searches with `memchr`, which allocates nothing and calls no pest
/// rule: the instruction count shows a rescan.
#[test]
fn regression_unclosed_scripts_take_linear_instructions() {
    assert_linear_instructions("unclosed_scripts");
}

/// The REF continuation case by instructions too: a re-collapse also reads the whole item.
#[test]
fn regression_ref_continuation_lines_take_linear_instructions() {
    assert_linear_instructions("ref_continued");
}
