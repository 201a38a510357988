//! Generators of hostile inputs, each of about `n` units: one long line, many lines,
//! recipients, REF items, open blocks, unclosed scripts and so on. One copy serves the
//! adversarial tests of cable-core (`cable-core/tests/adversarial.rs` and
//! `cable-core/tests/linear_work.rs` include this file with `#[path]`) and the `scaling`
//! measurement (`cargo run --release -p cable-benches --bin scaling`), so that what is
//! measured is what is tested. Only `std` is used here, for that include.

/// The banner and preamble that the body generators start with.
pub const BANNER: &str =
    "UNCLAS SECTION 01 OF 02 ASTANA 001145\n\nE.O. 12958: N/A\nTAGS: PREL\nSUBJECT: A TEST\n\n";

/// One line of `n` bytes of words, no line break at all.
pub fn long_line(n: usize) -> String {
    "WORD ".repeat(n / 5)
}

/// A body with `n` lines of text in numbered paragraphs of 20 lines.
pub fn many_lines(n: usize) -> String {
    let mut s = String::with_capacity(n * 40 + 200);
    s.push_str(BANNER);
    for i in 0..n {
        if i % 20 == 0 {
            s.push_str(&format!("{}. (U) PARAGRAPH TEXT LINE {i}\n", i / 20 + 1));
        } else {
            s.push_str(&format!("THE EMBASSY REPORTS LINE {i}.\n"));
        }
    }
    s
}

/// A header with `n` INFO recipients.
pub fn many_recipients(n: usize) -> String {
    let mut s = String::from("VZCZCXRO8970\nDE RUEHTA #1145/01 1901056\nZNR UUUUU ZZH\nP 091056Z JUL 09\nFM AMEMBASSY ASTANA\n");
    s.push_str("TO RUEHC/SECSTATE WASHDC PRIORITY 5752\nINFO ");
    for i in 0..n {
        s.push_str(&format!(
            "RUEHBJ/AMEMBASSY POST{i} PRIORITY {:04}\n",
            i % 10_000
        ));
    }
    s.push_str(BANNER);
    s.push_str("1. (U) HELLO.\n");
    s
}

/// A REF list of `n` lettered items, one per line.
pub fn ref_list(n: usize) -> String {
    let mut s = String::from("UNCLAS ASTANA 001145\n\nSUBJECT: REFS\n\nREF: A. STATE 1\n");
    for i in 1..n {
        let letter = (b'A' + (i % 26) as u8) as char;
        s.push_str(&format!("{letter}. STATE {}\n", i + 1));
    }
    s.push_str("\n1. (U) HELLO.\n");
    s
}

/// One REF item continued over `n` lines.
pub fn ref_continued(n: usize) -> String {
    let mut s = String::from("UNCLAS ASTANA 001145\n\nREF: A. STATE 1 AND\n");
    for _ in 0..n {
        s.push_str("MORE REFERENCE TEXT\n");
    }
    s.push_str("\n1. (U) HELLO.\n");
    s
}

/// One preamble line running `n` times through every part that can be run on: REF, a
/// page marker, Classified By, an E.O. line, TAGS and paragraph 1.
pub fn run_on_preamble(n: usize) -> String {
    let mut s = String::from("UNCLAS TRIPOLI 000214\n\nSUBJECT: RUN ON");
    for i in 0..n {
        s.push_str(&format!(
            " REF: A) TRIPOLI {i} TRIPOLI 00000214 001.2 OF 002 CLASSIFIED BY: X E.O. 12958: N/A TAGS: PREL"
        ));
    }
    s.push_str(" 1.(C) HELLO.\n");
    s
}

/// `n` header lines that no header rule knows.
pub fn unknown_header_lines(n: usize) -> String {
    let mut s = String::from("VZCZCXRO8970\n");
    for i in 0..n {
        s.push_str(&format!("SOMETHING ODD {i}\n"));
    }
    s.push_str(BANNER);
    s.push_str("1. (U) HELLO.\n");
    s
}

/// `n` numbered paragraphs each opening a summary and a comment that never close.
pub fn open_blocks(n: usize) -> String {
    let mut s = String::from(BANNER);
    for i in 1..=n {
        s.push_str(&format!(
            "{i}. (U) SUMMARY: THIS NEVER ENDS. COMMENT: NOR THIS.\n"
        ));
    }
    s
}

/// `word` repeated on one body line of about `n` bytes.
pub fn repeated_word(word: &str, n: usize) -> String {
    let mut s = String::from(BANNER);
    s.push_str("1. (U) ");
    s.push_str(&format!("{word} ").repeat(n / (word.len() + 1)));
    s
}

/// `n` nested elements around a cable in a `<pre>` block.
pub fn nested_tags(n: usize) -> String {
    format!(
        "<pre>{}UNCLAS ASTANA 001145\n\n1. (U) HELLO.{}</pre>",
        "<b>".repeat(n),
        "</b>".repeat(n)
    )
}

/// `n` script tags that never close.
pub fn unclosed_scripts(n: usize) -> String {
    format!(
        "<pre>UNCLAS ASTANA 001145\n\n1. (U) HELLO.\n{}</pre>",
        "<script>x".repeat(n)
    )
}

/// `n` `&` that start no character reference.
pub fn stray_ampersands(n: usize) -> String {
    format!(
        "<pre>UNCLAS ASTANA 001145\n\n1. (U) A {} B</pre>",
        "& ".repeat(n)
    )
}

/// A cables.csv row whose body holds `n` escaped quotes.
pub fn csv_quotes(n: usize) -> String {
    format!("1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\n\n1. (U) {}\"", "\"\"".repeat(n))
}

/// A cables.csv file with one unterminated quote and then `n` lines.
pub fn csv_unterminated(n: usize) -> String {
    let mut s = String::from("1,\"12/28/1966 18:48\",\"66X1\",\"Embassy X\",\"UNCLASSIFIED\",\"\",\"\",\"UNCLAS X 000001\n");
    for _ in 0..n {
        s.push_str("A LINE OF THE BODY, NEVER CLOSED\n");
    }
    s
}
