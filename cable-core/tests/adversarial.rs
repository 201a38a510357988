//! Adversarial inputs: huge lines and line counts, long recipient and REF lists, deep
//! repetition, invalid UTF-8, Latin-1, empty and blank files, hostile HTML, and the
//! input size limit. Each must parse without panic, hang or stack overflow, keep its
//! readable text, and hold the invariants of `fuzz/src/invariants.rs`.
//!
//! Sizes: debug builds (plain `cargo test`) run every case at a reduced size so the file
//! stays fast; release builds (`cargo test --release`) or `CABLE_ADVERSARIAL_FULL=1` run
//! the sizes of the issue (a 10 MB line, 1,000,000 lines, 100,000 recipients, 50,000 REF
//! items). No test measures time. The inputs come from `benches/src/adversarial.rs`,
//! which the `scaling` measurement shares; that the work of each case grows linearly is
//! checked without a clock in `tests/linear_work.rs`. To see how the time of each case
//! scales (1x, 10x, 100x):
//!
//! ```text
//! cargo run --release -p cable-benches --bin scaling
//! ```
//!
//! `regression_*` tests pin bugs found by fuzzing and property testing.

#[path = "../fuzz/src/invariants.rs"]
mod invariants;

#[path = "../../benches/src/adversarial.rs"]
mod adversarial_inputs;
use adversarial_inputs::*;

use cable_core::csv::Records;
use cable_core::{
    decode, parse, parse_bytes, parse_with, Cable, Container, Error, Options,
    DEFAULT_MAX_INPUT_BYTES,
};

/// Whether to run the full sizes of the issue (release builds, or `CABLE_ADVERSARIAL_FULL=1`).
fn full() -> bool {
    !cfg!(debug_assertions) || std::env::var_os("CABLE_ADVERSARIAL_FULL").is_some_and(|v| v != "0")
}

/// `full_size` in full runs, else `debug_size`.
fn size(full_size: usize, debug_size: usize) -> usize {
    if full() {
        full_size
    } else {
        debug_size
    }
}

/// Parses `input` leniently as `container` (detected when `None`) and checks the invariants.
fn parse_checked(input: &str, container: Option<Container>) -> Cable {
    let mut options = Options::new().max_input_bytes(usize::MAX);
    if let Some(c) = container {
        options = options.container(c);
    }
    let cable = parse_with(input, &options).expect("lenient parsing never fails");
    let decoded = decode(input, container);
    invariants::check_spans(&cable, &decoded.text);
    invariants::check_paragraph_words(&cable, &decoded.text);
    cable
}

/// Parses `input` with every container, leniently and strictly, checking every tree.
fn parse_every_way(input: &str) {
    for container in std::iter::once(None).chain(Container::ALL.into_iter().map(Some)) {
        let cable = parse_checked(input, container);
        invariants::check_json_round_trip(&cable);
        let mut strict = Options::new().strict(true);
        if let Some(c) = container {
            strict = strict.container(c);
        }
        match parse_with(input, &strict) {
            Ok(cable) => invariants::check_cable(&cable, &decode(input, container).text),
            Err(Error::Syntax { offset, .. }) => {
                assert!(offset <= decode(input, container).text.len())
            }
            Err(other) => panic!("unexpected strict error: {other}"),
        }
    }
}

/// All paragraph text of a cable, whitespace collapsed.
fn paragraph_text(cable: &Cable) -> String {
    let body = cable.body.as_ref().expect("a body");
    body.paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------- the size cases

#[test]
fn ten_megabyte_line_without_newline() {
    let n = size(10_000_000, 200_000);
    let input = long_line(n);
    let cable = parse_checked(&input, None);
    // Nothing readable is lost: the line is a paragraph, word for word.
    let text = paragraph_text(&cable);
    assert_eq!(
        text.len(),
        input.trim_end().len(),
        "the line's words are kept"
    );
    // The other containers survive it too.
    for c in [
        Container::HtmlPre,
        Container::HtmlPage,
        Container::CsvRow,
        Container::TextExport,
    ] {
        parse_checked(&input, Some(c));
    }
}

#[test]
fn million_line_cable() {
    let n = size(1_000_000, 20_000);
    let input = many_lines(n);
    let cable = parse_checked(&input, None);
    let body = cable.body.as_ref().unwrap();
    assert_eq!(body.paragraphs.len(), n.div_ceil(20));
    assert_eq!(
        body.paragraphs.last().unwrap().number,
        Some(n.div_ceil(20) as u32)
    );
    assert!(paragraph_text(&cable).contains(&format!("LINE {}.", n - 1)));
}

#[test]
fn hundred_thousand_recipients() {
    let n = size(100_000, 5_000);
    let input = many_recipients(n);
    let cable = parse_checked(&input, None);
    let header = cable.header.as_ref().expect("a header");
    assert_eq!(header.to.len(), 1);
    assert_eq!(header.info.len(), n);
    assert_eq!(header.info[n - 1].name, format!("AMEMBASSY POST{}", n - 1));
    assert!(header.unparsed.is_empty());
}

#[test]
fn ref_list_of_fifty_thousand_items() {
    let n = size(50_000, 5_000);
    let cable = parse_checked(&ref_list(n), None);
    let refs = &cable.body.as_ref().unwrap().references;
    assert_eq!(refs.len(), n);
    assert_eq!(refs[n - 1].text, format!("STATE {n}"));
}

#[test]
fn ref_item_continued_over_many_lines() {
    let n = size(50_000, 2_000);
    let cable = parse_checked(&ref_continued(n), None);
    let refs = &cable.body.as_ref().unwrap().references;
    assert_eq!(refs.len(), 1);
    assert_eq!(refs[0].text.matches("MORE REFERENCE TEXT").count(), n);
}

/// Every part of the run-on line becomes a line of its own; nothing is lost.
#[test]
fn run_on_preamble_line_with_many_parts() {
    let n = size(50_000, 2_000);
    let cable = parse_checked(&run_on_preamble(n), None);
    let body = cable.body.expect("a body");
    assert_eq!(
        body.subject.as_ref().map(|s| s.text.as_str()),
        Some("RUN ON")
    );
    assert_eq!(body.references.len(), n);
    assert_eq!(body.page_breaks.len(), n);
    assert_eq!(body.tag_codes(), ["PREL"]);
    assert_eq!(body.paragraphs[0].number, Some(1));
    assert_eq!(body.paragraphs[0].text, "HELLO.");
}

#[test]
fn many_unknown_header_lines() {
    let n = size(200_000, 5_000);
    let cable = parse_checked(&unknown_header_lines(n), None);
    let header = cable.header.as_ref().unwrap();
    assert_eq!(
        header.unparsed.len(),
        n,
        "unknown header lines are kept verbatim"
    );
    assert_eq!(
        header.unparsed[n - 1].text,
        format!("SOMETHING ODD {}", n - 1)
    );
}

#[test]
fn many_paragraphs_with_open_summaries_and_comments() {
    let n = size(30_000, 500);
    let cable = parse_checked(&open_blocks(n), None);
    let body = cable.body.as_ref().unwrap();
    assert_eq!(body.paragraphs.len(), n);
    assert!(body.summary.is_some());
}

#[test]
fn long_lines_of_block_words() {
    for word in [
        "SUMMARY", "COMMENT", "END", "SUMMARY:", "BEGIN", "¶", "(U)", "REF:", "A.",
    ] {
        let n = size(2_000_000, 20_000);
        let input = repeated_word(word, n);
        let cable = parse_checked(&input, None);
        assert!(
            !cable.body.unwrap().paragraphs.is_empty(),
            "{word}: the text is kept"
        );
    }
}

// ---------------------------------------------------------------- deep repetition

#[test]
fn deeply_nested_html_does_not_recurse() {
    let n = size(1_000_000, 20_000);
    let cable = parse_checked(&nested_tags(n), Some(Container::HtmlPre));
    assert_eq!(paragraph_text(&cable), "HELLO.");
    parse_checked(
        &format!(
            "<html><table class='cable'>{}</table></html>",
            "<tr><td>".repeat(n / 10)
        ),
        Some(Container::HtmlPage),
    );
}

#[test]
fn deep_repetition_of_open_brackets_and_markup() {
    let n = size(1_000_000, 20_000);
    for piece in [
        "(", "((U) ", "<!--", "<", "&#", "\"", "\\", "1.", "¶", "A.", "-", "\r", "\0", "\u{feff}",
    ] {
        let input = format!("{BANNER}{}", piece.repeat(n / piece.len()));
        parse_checked(&input, None);
        parse_checked(&input, Some(Container::HtmlPre));
    }
}

#[test]
fn deeply_nested_json_is_refused_not_overflowed() {
    let json = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Cable::from_json(&json).is_err());
    let json = format!("{{\"container\":{}", "{\"a\":".repeat(100_000));
    assert!(Cable::from_json(&json).is_err());
}

#[test]
fn unclosed_script_tags() {
    let n = size(100_000, 2_000);
    let input = unclosed_scripts(n);
    let cable = parse_checked(&input, Some(Container::HtmlPre));
    assert!(cable.body.is_some());
}

#[test]
fn stray_ampersands_are_kept_as_text() {
    let n = size(1_000_000, 20_000);
    let cable = parse_checked(&stray_ampersands(n), Some(Container::HtmlPre));
    assert_eq!(paragraph_text(&cable).matches('&').count(), n);
}

#[test]
fn csv_row_with_many_escaped_quotes() {
    let n = size(1_000_000, 20_000);
    let cable = parse_checked(&csv_quotes(n), None);
    assert_eq!(cable.container, Container::CsvRow);
    assert_eq!(paragraph_text(&cable).matches('"').count(), n);
}

#[test]
fn csv_stream_with_an_unterminated_quote() {
    let n = size(1_000_000, 20_000);
    let data = csv_unterminated(n);
    let rows: Vec<_> = Records::new(data.as_bytes()).collect();
    assert_eq!(rows.len(), 1);
    assert!(rows[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("never closed"));
    // A record past the limit is refused, and the stream goes on.
    let data = format!("{}\n{}", csv_quotes(1000), csv_quotes(1));
    let rows: Vec<_> = Records::new(data.as_bytes())
        .max_record_bytes(500)
        .collect();
    assert_eq!(rows.len(), 2);
    assert!(rows[0]
        .as_ref()
        .unwrap_err()
        .message
        .contains("longer than 500"));
    assert!(rows[1].is_ok());
}

// ---------------------------------------------------------------- encodings and edge files

/// A small cable as bytes.
fn cable_bytes() -> Vec<u8> {
    b"UNCLAS ASTANA 001145\n\nSUBJECT: CAFE\n\n1. (U) THE CAFE IS OPEN.\n".to_vec()
}

#[test]
fn invalid_utf8_at_the_first_a_middle_and_the_last_byte() {
    let good = cable_bytes();
    let mid = good.len() / 2;
    for at in [0, mid, good.len() - 1] {
        let mut bytes = good.clone();
        bytes[at] = 0xff;
        // Refused with the offset of the bad byte, never a panic.
        assert_eq!(
            parse_bytes(&bytes, &Options::new()),
            Err(Error::InvalidUtf8 { offset: at }),
            "bad byte at {at}"
        );
        assert_eq!(
            parse_bytes(&bytes, &Options::new().strict(true)),
            Err(Error::InvalidUtf8 { offset: at })
        );
        // Decoded lossily by the caller, the readable text is all there.
        let lossy = String::from_utf8_lossy(&bytes);
        let cable = parse_checked(&lossy, None);
        assert!(cable.body.is_some());
    }
    // A truncated multi-byte sequence at the very end.
    let mut bytes = good.clone();
    bytes.extend_from_slice(&[0xc3]);
    assert_eq!(
        parse_bytes(&bytes, &Options::new()),
        Err(Error::InvalidUtf8 { offset: good.len() })
    );
}

#[test]
fn latin1_text() {
    // "CAFÉ ¶1. (U) DÉJÀ VU" in Latin-1: É = 0xC9, ¶ = 0xB6, À = 0xC0.
    let mut bytes =
        b"UNCLAS ASTANA 001145\n\nSUBJECT: CAF\xc9\n\n\xb61. (U) D\xc9J\xc0 VU.\n".to_vec();
    let offset = bytes.iter().position(|&b| b == 0xc9).unwrap();
    assert_eq!(
        parse_bytes(&bytes, &Options::new()),
        Err(Error::InvalidUtf8 { offset })
    );
    // Read as Latin-1 by the caller, it parses with every character kept.
    let text: String = bytes.iter().map(|&b| b as char).collect();
    let cable = parse_checked(&text, None);
    let body = cable.body.as_ref().unwrap();
    assert_eq!(body.subject.as_ref().map(|s| s.text.as_str()), Some("CAFÉ"));
    assert_eq!(body.paragraphs[0].number, Some(1));
    assert_eq!(body.paragraphs[0].text, "DÉJÀ VU.");
    bytes.clear();
}

#[test]
fn empty_file() {
    parse_every_way("");
    let cable = parse("");
    assert!(cable.body.is_none());
    assert!(
        cable.diagnostics.iter().any(|d| d.code == "no-cable-text"),
        "an empty file says so"
    );
    assert!(
        parse_with("", &Options::new().strict(true)).is_err(),
        "strict mode refuses an empty file"
    );
}

#[test]
fn whitespace_only_files() {
    for input in [
        " ",
        "\n",
        "\r\n\r\n",
        "\t \u{a0}\n  \n",
        "\u{feff}",
        "\u{feff}\n \n",
        "\u{b}\u{c}\u{2003}\u{3000}\r\n",
        &" \n".repeat(10_000),
    ] {
        parse_every_way(input);
        let cable = parse(input);
        assert!(cable.body.is_none(), "{input:?}: no body");
        assert!(
            cable.diagnostics.iter().any(|d| d.code == "no-cable-text"),
            "{input:?}: says there is no text"
        );
    }
}

#[test]
fn nul_bytes_and_control_characters() {
    let input = "UNCLAS\0 ASTANA 001145\n\0\n1. (U) A\0B\u{1}\u{7f}\u{202e}C.\n\0";
    parse_every_way(input);
    let cable = parse(input);
    assert!(paragraph_text(&cable).contains("A\0B\u{1}\u{7f}\u{202e}C."));
}

// ---------------------------------------------------------------- hostile HTML

/// The decoded text holds no markup that came from the input's tags.
fn assert_no_markup(input: &str, container: Container) {
    let decoded = decode(input, Some(container));
    let lower = decoded.text.to_ascii_lowercase();
    for bad in [
        "<script",
        "</script",
        "alert(",
        "<img",
        "onerror",
        "<iframe",
        "javascript:",
        "<style",
        "<b>",
        "<a ",
    ] {
        assert!(
            !lower.contains(bad),
            "{container:?}: {bad:?} passed through into the text {:?}",
            decoded.text
        );
    }
    parse_checked(input, Some(container));
}

#[test]
fn html_scripts_and_closed_tags_never_pass_through() {
    let cases = [
        "<pre>UNCLAS X 000001\n<script>alert(1)</script>\n1. (U) HELLO.</pre>",
        "<pre>UNCLAS X 000001\n<SCRIPT type='text/javascript'>alert(1)</SCRIPT >\n1. (U) HELLO.</pre>",
        "<pre>UNCLAS X 000001\n<style>b{}</style><img src=x onerror=alert(1)>\n1. (U) HELLO.</pre>",
        "<pre>UNCLAS X 000001\n<iframe src='javascript:alert(1)'></iframe>1. (U) <b>HELLO</b>.</pre>",
        "<pre>UNCLAS X 000001\n<!-- <script>alert(1)</script> -->1. (U) HELLO.</pre>",
        "<pre>UNCLAS X 000001\n<script>alert('</pre>')</script>1. (U) HELLO.</pre>",
    ];
    for input in cases {
        for container in [Container::HtmlPre, Container::HtmlPage] {
            assert_no_markup(input, container);
        }
        let text = decode(input, Some(Container::HtmlPre)).text;
        assert!(text.contains("HELLO"), "the cable text is kept: {text:?}");
    }
    let page = "<html><script>alert(1)</script><table class='cable'><tr><td>09X1</td><td>2009-07-09</td><td>x</td>\
                <td>UNCLASSIFIED</td><td>Embassy X<script>alert(2)</script></td></tr></table>\
                <pre>UNCLAS X 000001\n\n1. (U) HELLO.</pre></html>";
    assert_no_markup(page, Container::HtmlPage);
    let cable = parse(page);
    assert_eq!(cable.metadata.as_ref().unwrap().origin, "Embassy X");
}

#[test]
fn html_unclosed_tags_keep_the_text() {
    let cases = [
        "<pre>UNCLAS X 000001\n\n1. (U) HELLO <b>WORLD.",
        "<pre><code>UNCLAS X 000001\n\n1. (U) HELLO <i>WORLD.</pre>",
        "<pre>UNCLAS X 000001\n\n1. (U) HELLO <a href='x'>WORLD.",
        "<html><body><table class='cable'><tr><td>09X1<td>x<pre>UNCLAS X 000001\n\n1. (U) HELLO WORLD.",
    ];
    for input in cases {
        let cable = parse_checked(input, None);
        assert!(
            paragraph_text(&cable).contains("HELLO") && paragraph_text(&cable).contains("WORLD."),
            "{input:?}: {cable:?}"
        );
    }
}

// ---------------------------------------------------------------- limits

#[test]
fn the_default_size_limit_is_documented_and_enforced() {
    assert_eq!(DEFAULT_MAX_INPUT_BYTES, 64 * 1024 * 1024);
    assert_eq!(
        Options::new().get_max_input_bytes(),
        DEFAULT_MAX_INPUT_BYTES
    );
    // One byte past the default: refused before any parsing, with a clear error.
    let big = " ".repeat(DEFAULT_MAX_INPUT_BYTES + 1);
    let err = parse_with(&big, &Options::new()).unwrap_err();
    assert_eq!(
        err,
        Error::TooLarge {
            size: DEFAULT_MAX_INPUT_BYTES + 1,
            limit: DEFAULT_MAX_INPUT_BYTES
        }
    );
    assert!(
        err.to_string().contains("max_input_bytes"),
        "the error says how to raise the limit: {err}"
    );
    // `parse` never fails: it returns a tree with no body and a `refused` diagnostic.
    let cable = parse(&big);
    assert!(cable.body.is_none());
    assert_eq!(cable.diagnostics[0].code, "refused");
    invariants::check_spans(&cable, &big);
    invariants::check_json_round_trip(&cable);
    assert!(parse_bytes(big.as_bytes(), &Options::new()).is_err());
}

#[test]
fn the_size_limit_can_be_lowered_and_raised() {
    let input = "UNCLAS ASTANA 001145\n\n1. (U) HELLO.\n";
    let n = input.len();
    assert_eq!(
        parse_with(input, &Options::new().max_input_bytes(n - 1)),
        Err(Error::TooLarge {
            size: n,
            limit: n - 1
        })
    );
    assert!(
        parse_with(input, &Options::new().max_input_bytes(n)).is_ok(),
        "the limit is inclusive"
    );
    assert!(parse_with(input, &Options::new().max_input_bytes(n - 1).strict(true)).is_err());
    assert_eq!(
        parse_bytes(input.as_bytes(), &Options::new().max_input_bytes(1)),
        Err(Error::TooLarge { size: n, limit: 1 })
    );
    // Raised past the default, a larger input parses (only in full runs: 64 MiB is slow in debug).
    if full() && std::env::var_os("CABLE_ADVERSARIAL_HUGE").is_some() {
        let huge = many_lines(DEFAULT_MAX_INPUT_BYTES / 30);
        assert!(huge.len() > DEFAULT_MAX_INPUT_BYTES);
        assert!(parse_with(&huge, &Options::new()).is_err());
        let cable = parse_with(&huge, &Options::new().max_input_bytes(huge.len())).unwrap();
        assert!(cable.body.is_some());
    }
}

// ---------------------------------------------------------------- regressions

/// Markup problems (a stray `<`) reported on an HTML page with no `<pre>`: the
/// diagnostic's span pointed past the (empty) document text.
#[test]
fn regression_markup_diagnostic_past_empty_page_text() {
    for input in [" <", "<pre>&para;<script>x</script>", "<html>&</html>"] {
        for container in [Container::HtmlPage, Container::HtmlPre] {
            let cable = parse_with(input, &Options::new().container(container)).unwrap();
            invariants::check_spans(&cable, &decode(input, Some(container)).text);
        }
    }
}

/// A tag left open at the end of the input (no `>`) was kept as text, attributes and
/// all: `<img src=x onerror=alert(1)` passed through into the document text as markup.
/// (`html_tag` needs its `>`; `html_stray` then keeps the `<` and `html_text` the rest.)
#[test]
fn regression_unclosed_tag_at_the_end_passes_markup_through() {
    for input in [
        "<pre>UNCLAS X 000001\n\n1. (U) HELLO <img src=x onerror=alert(1)",
        "<pre>UNCLAS X 000001\n\n1. (U) HELLO <a href='javascript:alert(1)'",
    ] {
        assert_no_markup(input, Container::HtmlPre);
        assert!(decode(input, Some(Container::HtmlPre))
            .text
            .contains("HELLO"));
    }
}

/// A `<script>` that never closes: the tag was dropped but its code was kept as cable
/// text (`alert(1)` became part of paragraph 1). Browsers run such a script to the end
/// of the document; nothing of it should reach the text.
#[test]
fn regression_unclosed_script_code_passes_into_the_text() {
    let input = "<pre>UNCLAS X 000001\n\n1. (U) HELLO.\n<script>alert(1)";
    assert_no_markup(input, Container::HtmlPre);
    assert!(decode(input, Some(Container::HtmlPre))
        .text
        .contains("HELLO."));
}

/// The three inputs the fuzz targets found on the body grammar (issue 21), kept as found
/// in `tests/findings/`, each checked as its target checks it.
fn finding(name: &str, container: Container) -> Cable {
    let path = format!("{}/tests/findings/{name}", env!("CARGO_MANIFEST_DIR"));
    let input = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let cable = parse_checked(&input, Some(container));
    invariants::check_json_round_trip(&cable);
    cable
}

/// A paragraph under a heading whose line of dashes holds a backslash (`---\--- -`):
/// the backslash inside the line is text, so that line is no underline.
#[test]
fn regression_backslash_inside_a_heading_underline_html() {
    finding("html_pre_lenient-e372a3f7.html", Container::HtmlPre);
}

/// The same in a text export: `\4.` was read as the paragraph's number.
#[test]
fn regression_backslash_inside_a_heading_underline_text() {
    finding("text_export_lenient-0ea9f681.txt", Container::TextExport);
}

/// Line-end backslashes of the `cables.csv` dump next to a `\r`: the paragraph's text
/// was not what its span holds.
#[test]
fn regression_line_end_backslashes_beside_a_carriage_return() {
    finding("csv_row_lenient-e8e56756.csv", Container::CsvRow);
}

/// A `cables.csv` row cut inside its header field (its quote never closes), whose text
/// ends in a line of digits and a signer: lenient parsing failed (`expected a cable`),
/// found by the campaign of issue 21.
#[test]
fn regression_csv_row_cut_in_its_header_field() {
    finding("csv_row_lenient-d6814dff.csv", Container::CsvRow);
}

/// A paragraph number with a comma before its marking (`2,  (U) Press ...`), which the
/// grammar reads since issue 22 (`1, (C) Summary`), failed the fuzz checker: it allowed
/// only a dot there (found by the campaign of 7 December, target `csv_row_lenient`).
#[test]
fn regression_comma_after_a_paragraph_number_keeps_every_word() {
    let input = "UNCLAS TEGUCIGALPA 000001\n\n1. (U) FIRST.\n\n2,  (U) Press also on December 26 reported it.\n";
    let cable = parse_with(input, &Options::new()).unwrap();
    let body = cable.body.as_ref().expect("a body");
    let second = &body.paragraphs[1];
    assert_eq!(
        (second.number, second.marking.as_deref()),
        (Some(2), Some("U"))
    );
    invariants::check_cable(&cable, &decode(input, None).text);
}

/// The text of paragraph 1 of `input` (bare text, lenient), whose tree passes the fuzz
/// targets' checks.
fn first_paragraph_checked(input: &str) -> String {
    let cable = parse_with(input, &Options::new()).unwrap();
    invariants::check_cable(&cable, &decode(input, None).text);
    cable.body.expect("a body").paragraphs[0].text.clone()
}

/// A backslash before a line break with vertical tabs between them (`HELLO\u{b}\\\u{b}\n`)
/// is the export's line-end artifact, as the grammar's `sp` reads a vertical tab as a
/// space; the fuzz checker trimmed only spaces and tabs and called the dropped backslash
/// a changed word (found by `html_page_strict` on 7 December).
#[test]
fn regression_backslash_before_vertical_tabs_ends_the_line() {
    let input = "UNCLAS ASTANA 000001\n\n1. (U) HELLO WORLD\u{b}\\\u{b}\u{b}\nMORE TEXT.\n";
    let text = first_paragraph_checked(input);
    assert!(!text.contains('\\'), "{text:?}");
}

/// A mutated text export (found by `text_export_lenient` on 7 December): paragraph 1's
/// first line runs on past lone `\r`s, one with a backslash before it (`<ht(l>\r\r\r\\\r`).
/// The fuzz checker reads that backslash as a line-end artifact, as the grammar's `eol`
/// does, and the tree kept it as text: the line was one line to the tree and several to
/// the grammar. (The garbled `Classified By:` line above it is that paragraph's heading,
/// as the text region has begun by then: its words are kept.)
#[test]
fn regression_backslash_before_lone_carriage_returns_in_paragraph_one() {
    finding("text_export_lenient-3dc41e7a.txt", Container::TextExport);
}

/// What that finding comes to: the first line of a numbered paragraph (and any text line)
/// ends at a lone `\r` as the grammar's `nl` does, so the line-end backslash before it is
/// the break's and leaves the text, as it does in a run of plain lines.
#[test]
fn regression_lone_carriage_return_ends_a_numbered_line() {
    let input = "UNCLAS ASTANA 000001\n\n1. (U) HELLO \\\rWORLD.\nMORE \\\rTEXT.\n";
    let text = first_paragraph_checked(input);
    assert_eq!(text, "HELLO\nWORLD.\nMORE\nTEXT.");
}

/// A `cables.csv` row (found by `csv_row_lenient` on 7 December) whose paragraph 1 opens
/// with an older telegram's `CLASSIFIED BY` and ends its line in two backslashes, a
/// backslash of the text and the dump's line-end one: the Classified By line ended
/// between them, the second read as a blank line, and the paragraph's text lost the first.
#[test]
fn regression_classified_by_line_ending_in_two_backslashes() {
    finding("csv_row_lenient-10d0c972.csv", Container::CsvRow);
}

/// What that finding comes to: the `CLASSIFIED BY` line keeps its own backslash, and the
/// line-end one goes with its line break, not into a blank line that splits the paragraph.
#[test]
fn regression_classified_by_keeps_a_backslash_before_the_line_end_one() {
    let input = "UNCLAS HAVANA 000001\n\n1. (U) CLASSIFIED BY JANE DOE, ACTING SECRETARY \\\\\nThe minister called.\n";
    let text = first_paragraph_checked(input);
    assert_eq!(
        text,
        "CLASSIFIED BY JANE DOE, ACTING SECRETARY \\\nThe minister called."
    );
}

/// A text export (found by `text_export_lenient` on 8 December) whose line ends in a
/// backslash, then tabs, a U+FEFF and tabs: the grammar's `eol` reads U+FEFF as a space
/// (`sp`), so the backslash is the line end's, but the builders trimmed the line by
/// Unicode whitespace, which U+FEFF is not, and kept the backslash in the text.
#[test]
fn regression_line_end_backslash_before_a_byte_order_mark() {
    finding("text_export_lenient-20357a53.txt", Container::TextExport);
}

/// What that finding comes to: a backslash before spaces that `sp` reads (U+FEFF, a
/// no-break space) and the line break leaves the text; before a line separator (U+2028,
/// whitespace but no `sp`) it is text.
#[test]
fn regression_line_end_backslash_before_the_spaces_of_sp() {
    let input = "UNCLAS ASTANA 000001\n\n1. (U) HELLO \\\t\u{feff}\t\nWORLD \\\u{a0}\nAND \\\u{2028}\nMORE.\n";
    let text = first_paragraph_checked(input);
    assert_eq!(text, "HELLO\nWORLD\nAND \\\nMORE.");
}
