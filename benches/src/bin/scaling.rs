//! How the parse time of each adversarial input grows from 1x to 10x to 100x its base
//! size: linear work grows about 10x per step, quadratic work about 100x. A measurement,
//! not a test: the tests check the same growth without a clock (`cable-core/tests/
//! linear_work.rs`), since a time ratio on a shared machine is noise.
//!
//! ```text
//! cargo run --release -p cable-benches --bin scaling
//! CABLE_SCALING_CASE=REF CABLE_SCALING_MAX=10 cargo run --release -p cable-benches --bin scaling
//! ```
//!
//! `CABLE_SCALING_CASE=text` picks the cases whose name holds `text`;
//! `CABLE_SCALING_MAX=10` stops at 10x.

use std::io::Write;
use std::time::{Duration, Instant};

use cable_benches::adversarial::*;
use cable_core::{parse_with, Container, Options};

/// A case: its name, a generator of an input of about `n` units, the container to read
/// it as (detected when `None`), and its base size.
type Case = (&'static str, fn(usize) -> String, Option<Container>, usize);

fn cases() -> Vec<Case> {
    vec![
        ("long line, bytes", long_line, None, 100_000),
        ("lines", many_lines, None, 10_000),
        ("recipients", many_recipients, None, 1_000),
        ("REF items", ref_list, None, 500),
        ("REF continuation lines", ref_continued, None, 500),
        ("run-on preamble parts", run_on_preamble, None, 500),
        ("unknown header lines", unknown_header_lines, None, 2_000),
        (
            "paragraphs with open SUMMARY/COMMENT",
            open_blocks,
            None,
            300,
        ),
        (
            "SUMMARY words on one line, bytes",
            |n| repeated_word("SUMMARY", n),
            None,
            20_000,
        ),
        (
            "COMMENT words on one line, bytes",
            |n| repeated_word("COMMENT", n),
            None,
            20_000,
        ),
        (
            "nested <b> tags",
            nested_tags,
            Some(Container::HtmlPre),
            10_000,
        ),
        (
            "unclosed <script> tags",
            unclosed_scripts,
            Some(Container::HtmlPre),
            300,
        ),
        (
            "stray & in HTML",
            stray_ampersands,
            Some(Container::HtmlPre),
            10_000,
        ),
        ("escaped quotes in a CSV row", csv_quotes, None, 10_000),
    ]
}

/// Best of `runs` timings of a lenient parse of `input` (the tree's drop not counted).
fn time_parse(input: &str, container: Option<Container>, runs: usize) -> Duration {
    let mut options = Options::new().max_input_bytes(usize::MAX);
    if let Some(c) = container {
        options = options.container(c);
    }
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let cable = parse_with(input, &options).expect("lenient parsing never fails");
            let elapsed = start.elapsed();
            drop(cable);
            elapsed
        })
        .min()
        .expect("at least one run")
}

fn main() {
    let only = std::env::var("CABLE_SCALING_CASE").ok();
    let max: usize = std::env::var("CABLE_SCALING_MAX")
        .ok()
        .and_then(|m| m.parse().ok())
        .unwrap_or(100);
    println!(
        "{:<44} {:>11} {:>11} {:>11}  growth per 10x",
        "case (1x size)", "1x", "10x", "100x"
    );
    for (name, generate, container, base) in cases() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        print!("{:<44}", format!("{name} ({base})"));
        let mut previous: Option<f64> = None;
        let mut ratios = Vec::new();
        for k in [1, 10, 100].into_iter().filter(|k| *k <= max) {
            let input = generate(base * k);
            let runs = if k == 100 { 1 } else { 3 };
            let ms = time_parse(&input, container, runs).as_secs_f64() * 1000.0;
            print!(" {ms:>9.2}ms");
            std::io::stdout().flush().ok();
            if let Some(p) = previous {
                ratios.push(format!("{:.1}x", ms / p));
            }
            previous = Some(ms);
        }
        println!("  {}", ratios.join(", "));
    }
}
