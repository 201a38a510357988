//! Memory stays linear in the input, with a small factor: a cable followed by a long run of
//! junk lines (the pathological case of issue 23, 1,000,000 lines `X`) must not build a
//! tree of parse nodes per line. A counting allocator measures the peak of live heap bytes
//! during one parse; no test here measures time.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use cable_core::{parse_with, Options};

/// The system allocator, counting the live bytes and their peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to `System` unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                let live = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed)
                    + (new_size - layout.size());
                PEAK.fetch_max(live, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The peak of live heap bytes above those live before, while `f` runs.
fn peak_during<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - before)
}

const CABLE: &str = include_str!("../../examples/09ASTANA1145.txt");

/// A cable followed by `lines` lines holding `line` (1,000,000 lines `X` in release
/// builds, 50,000 in debug ones).
fn cable_and_junk(line: &str) -> String {
    let lines = if cfg!(debug_assertions) {
        50_000
    } else {
        1_000_000
    };
    let mut input = String::with_capacity(CABLE.len() + lines * (line.len() + 1));
    input.push_str(CABLE);
    for _ in 0..lines {
        input.push_str(line);
        input.push('\n');
    }
    input
}

/// The tree of junk lines holds their text once (the last paragraph's `text`), and the
/// parse around it a few words per line: not 100 bytes per input byte, as when each line
/// left parse nodes behind. About 24 bytes per byte of two-byte lines today: the builder
/// keeps a line record (where it starts and ends, what it is) and a line span per line.
/// A line that opens with a paragraph marking (`(X)`) is a `text_line` of its own, with
/// three parse nodes: 60 to 76 bytes per byte of such lines, under the 100 of before.
#[test]
fn junk_lines_cost_a_few_bytes_per_input_byte() {
    let mut heavy = Vec::new();
    // Each junk line, and the most heap bytes per input byte it may cost.
    let lines = [
        ("X", 32.0),
        ("X \\", 32.0),
        ("- X -", 32.0),
        ("X.", 32.0),
        ("X X.", 32.0),
        ("(X) X.", 90.0),
        ("(X) X", 90.0),
        ("(X)", 90.0),
    ];
    for (line, bound) in lines {
        let input = cable_and_junk(line);
        let (cable, peak) =
            peak_during(|| parse_with(&input, &Options::new().max_input_bytes(usize::MAX)));
        let cable = cable.expect("lenient parsing never fails");
        let paragraphs = &cable.body.as_ref().expect("a body").paragraphs;
        assert!(
            paragraphs
                .last()
                .is_some_and(|p| p.text.len() >= input.len() / 2 - CABLE.len()),
            "{line:?}: the junk lines are no paragraph text"
        );
        let per_byte = peak as f64 / input.len() as f64;
        eprintln!(
            "{line:?}: {} bytes, peak {peak} bytes ({per_byte:.1} per input byte)",
            input.len()
        );
        if per_byte >= bound {
            heavy.push(format!("{line:?}: {per_byte:.1} heap bytes per input byte"));
        }
    }
    assert!(heavy.is_empty(), "{heavy:#?}");
}
