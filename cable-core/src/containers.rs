//! Containers: detecting them and decoding HTML and CSV into the document text.
//!
//! HTML pages and CSV rows are decoded into the text-export layout (five metadata
//! lines, then header and body), so that one grammar reads every container. The
//! text export, bare text and `<pre>` blocks keep their own layout.

use std::borrow::Cow;

use pest::Parser;

use crate::ast::Container;
use crate::csv::{Dialect, Field};
use crate::grammar::{CableParser, Rule};

/// The document text of an input: what the grammar parses and what spans index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The container the input was read as.
    pub container: Container,
    /// The document text. Borrowed from the input for the text export and bare text.
    pub text: Cow<'a, str>,
    /// Cable ids listed by the container itself (CSV column 6).
    pub referenced_ids: Vec<String>,
    /// Whether the text starts with the five metadata lines.
    pub has_metadata: bool,
    /// Pieces of the text and where they came from: `(text offset, input offset)`,
    /// sorted; empty when the text is the input itself.
    map: Vec<(usize, usize)>,
    /// Markup that could not be read as HTML or CSV, as (input offset, what).
    pub(crate) problems: Vec<(usize, &'static str)>,
}

impl Decoded<'_> {
    /// Maps a byte offset of [`Decoded::text`] back to the raw input.
    ///
    /// Offsets inside a decoded character reference map to the reference's start.
    ///
    /// ```
    /// let d = cable_core::decode("<pre>A&amp;B</pre>", None);
    /// assert_eq!(d.text, "A&B");
    /// assert_eq!(d.to_input_offset(2), 11); // "B"
    /// ```
    pub fn to_input_offset(&self, offset: usize) -> usize {
        self.map_offset(offset, false)
    }

    /// Maps a byte offset of the raw input to the document text (the start of the
    /// decoded piece that holds it).
    pub fn to_text_offset(&self, input_offset: usize) -> usize {
        self.map_offset(input_offset, true)
    }

    fn map_offset(&self, offset: usize, from_input: bool) -> usize {
        let key =
            |&(text_at, input_at): &(usize, usize)| if from_input { input_at } else { text_at };
        let value =
            |&(text_at, input_at): &(usize, usize)| if from_input { text_at } else { input_at };
        if self.map.is_empty() {
            return offset;
        }
        let i = self.map.partition_point(|piece| key(piece) <= offset);
        if i == 0 {
            return value(&self.map[0]);
        }
        let (from, to) = (key(&self.map[i - 1]), value(&self.map[i - 1]));
        let mapped = to + (offset - from);
        // Inside a piece copied verbatim the offsets run in step; a decoded character
        // reference is shorter than its source, so never run into the next piece.
        match self.map.get(i).map(value) {
            Some(next) if next > to => mapped.min(next),
            _ => mapped,
        }
    }
}

/// Guesses the container of `input`.
///
/// ```
/// use cable_core::{detect, Container};
/// assert_eq!(detect("<code><pre>UNCLAS STATE 000001</pre></code>"), Container::HtmlPre);
/// assert_eq!(detect("UNCLAS STATE 000001\n"), Container::BareText);
/// ```
pub fn detect(input: &str) -> Container {
    let trimmed = input.trim_start_matches('\u{feff}').trim_start();
    let head = &trimmed[..crate::text::floor_char_boundary(trimmed, 4096)];
    if trimmed.starts_with('<') {
        let lower = head.to_ascii_lowercase();
        if lower.contains("<html") || lower.contains("<!doctype") || lower.contains("<?xml") {
            return Container::HtmlPage;
        }
        return Container::HtmlPre;
    }
    let mut lines = trimmed.lines();
    let first = lines.next().unwrap_or("");
    if looks_like_csv_row(first) {
        return Container::CsvRow;
    }
    if ["<pre", "<br", "</a>", "<code>", "&#x000A;"]
        .iter()
        .any(|m| head.contains(m))
    {
        return Container::HtmlPre;
    }
    if is_reference_id(first.trim()) {
        let _subject = lines.next();
        if lines.next().is_some_and(looks_like_date) {
            return Container::TextExport;
        }
    }
    Container::BareText
}

/// Decodes `input` as `container` (detected when `None`) into the document text.
///
/// ```
/// use cable_core::{decode, Container};
/// let page = "<pre>UNCLAS &#x000A;TAGS: <a href='/tag/PGOV_0.html'>PGOV</a></pre>";
/// let d = decode(page, Some(Container::HtmlPre));
/// assert_eq!(d.text, "UNCLAS \nTAGS: PGOV");
/// ```
pub fn decode(input: &str, container: Option<Container>) -> Decoded<'_> {
    let container = container.unwrap_or_else(|| detect(input));
    match container {
        Container::TextExport => borrowed(input, container, true),
        Container::BareText => borrowed(input, container, false),
        Container::HtmlPre => decode_pre(input),
        Container::HtmlPage => decode_page(input),
        Container::CsvRow => decode_csv_row(input),
    }
}

fn borrowed(input: &str, container: Container, has_metadata: bool) -> Decoded<'_> {
    Decoded {
        container,
        text: Cow::Borrowed(input),
        referenced_ids: Vec::new(),
        has_metadata,
        map: Vec::new(),
        problems: Vec::new(),
    }
}

/// Builds a decoded text piece by piece, remembering where each piece came from.
#[derive(Default)]
struct TextBuilder {
    text: String,
    map: Vec<(usize, usize)>,
}

impl TextBuilder {
    fn push(&mut self, s: &str, input_at: usize) {
        if s.is_empty() {
            return;
        }
        self.map.push((self.text.len(), input_at));
        self.text.push_str(s);
    }
}

/// Markup that could not be read, as (input offset, what).
type Problems = Vec<(usize, &'static str)>;

/// One piece of HTML, in input order.
enum Piece<'a> {
    /// A tag: its lower-cased name, whether it closes, and its attributes.
    Tag {
        name: String,
        closing: bool,
        attrs: &'a str,
    },
    /// Text or a decoded character reference.
    Text(Cow<'a, str>),
}

/// Splits HTML into tags and text with the `html` rule; scripts, styles and comments vanish.
fn html_pieces(input: &str) -> (Vec<(usize, Piece<'_>)>, Problems) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let pairs = match CableParser::parse(Rule::html, input) {
        Ok(mut pairs) => pairs.next().map(|p| p.into_inner()),
        // The rule accepts any text; keep the input as text if that ever changes.
        Err(_) => None,
    };
    let Some(pairs) = pairs else {
        out.push((0, Piece::Text(Cow::Borrowed(input))));
        return (out, problems);
    };
    for pair in pairs {
        let at = pair.as_span().start();
        match pair.as_rule() {
            Rule::html_tag => {
                let mut closing = false;
                let mut name = String::new();
                let mut attrs = "";
                for part in pair.into_inner() {
                    match part.as_rule() {
                        Rule::html_close => closing = true,
                        Rule::html_tag_name => name = part.as_str().to_ascii_lowercase(),
                        _ => attrs = part.as_str(),
                    }
                }
                out.push((
                    at,
                    Piece::Tag {
                        name,
                        closing,
                        attrs,
                    },
                ));
            }
            Rule::html_entity => out.push((at, Piece::Text(decode_entity(pair.as_str())))),
            Rule::html_text => out.push((at, Piece::Text(Cow::Borrowed(pair.as_str())))),
            // A lone `&` or `<` (`AT&T`) is ordinary text in these pages.
            Rule::html_stray => out.push((at, Piece::Text(Cow::Borrowed(pair.as_str())))),
            Rule::html_script => problems.push((at, "a script or style element, dropped")),
            _ => {}
        }
    }
    (out, problems)
}

/// Decodes one character reference; unknown ones stay as written.
fn decode_entity(entity: &str) -> Cow<'_, str> {
    let inner = &entity[1..entity.len() - 1];
    let code = if let Some(hex) = inner
        .strip_prefix("#x")
        .or_else(|| inner.strip_prefix("#X"))
    {
        u32::from_str_radix(hex, 16).ok()
    } else if let Some(dec) = inner.strip_prefix('#') {
        dec.parse().ok()
    } else {
        let named = match inner {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{a0}',
            "para" => '¶',
            "sect" => '§',
            "copy" => '©',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "lsquo" => '‘',
            "rsquo" => '’',
            "ldquo" => '“',
            "rdquo" => '”',
            _ => return Cow::Borrowed(entity),
        };
        return Cow::Owned(named.to_string());
    };
    match code.and_then(char::from_u32) {
        Some('\0') | None => Cow::Owned('\u{fffd}'.to_string()),
        Some(c) => Cow::Owned(c.to_string()),
    }
}

/// A `<pre>` block (or any fragment): tags stripped, entities decoded, anchors and links kept as their text.
fn decode_pre(input: &str) -> Decoded<'_> {
    let (pieces, problems) = html_pieces(input);
    let mut b = TextBuilder::default();
    for (at, piece) in &pieces {
        match piece {
            // The cablegate site's list of articles is page chrome, not cable text.
            Piece::Text(t) if t.trim() == "Appears in these articles:" => {}
            Piece::Text(t) => b.push(t, *at),
            Piece::Tag { name, closing, .. } if name == "br" || (name == "p" && !closing) => {
                b.push("\n", *at)
            }
            Piece::Tag { .. } => {}
        }
    }
    Decoded {
        container: Container::HtmlPre,
        text: Cow::Owned(b.text),
        referenced_ids: Vec::new(),
        has_metadata: false,
        map: b.map,
        problems,
    }
}

/// A whole cablegate page: the metadata table and the `<pre>` blocks, in the text-export layout.
fn decode_page(input: &str) -> Decoded<'_> {
    // A whole page always carries its site's scripts: dropping them is no news.
    let (pieces, _) = html_pieces(input);
    let problems = Vec::new();
    // Collect the text of table cells, of the <h3> title and of each <pre> block, with positions.
    let mut cells: Vec<Vec<(usize, String)>> = Vec::new();
    let mut title: Vec<(usize, String)> = Vec::new();
    let mut pres: Vec<Vec<(usize, String)>> = Vec::new();
    let (mut in_table, mut in_td, mut in_h3, mut in_pre) = (false, false, false, false);
    for (at, piece) in pieces {
        match piece {
            Piece::Tag {
                name,
                closing,
                attrs,
            } => match name.as_str() {
                "table" => in_table = !closing && attrs.contains("cable"),
                "td" if in_table => {
                    in_td = !closing;
                    if in_td {
                        cells.push(Vec::new());
                    }
                }
                "h3" => {
                    in_h3 = !closing;
                    if in_h3 {
                        title.clear();
                    }
                }
                "pre" => {
                    in_pre = !closing;
                    if in_pre {
                        pres.push(Vec::new());
                    }
                }
                _ => {}
            },
            Piece::Text(t) => {
                if in_pre {
                    if let Some(p) = pres.last_mut() {
                        p.push((at, t.into_owned()));
                    }
                } else if in_td {
                    if let Some(c) = cells.last_mut() {
                        c.push((at, t.into_owned()));
                    }
                } else if in_h3 {
                    title.push((at, t.into_owned()));
                }
            }
        }
    }
    let mut b = TextBuilder::default();
    let cell = |i: usize| -> (usize, String) {
        cells.get(i).map_or((0, String::new()), |c| {
            let at = c
                .iter()
                .find(|(_, t)| !t.trim().is_empty())
                .map_or(0, |(a, _)| *a);
            (
                at,
                c.iter()
                    .map(|(_, t)| t.as_str())
                    .collect::<String>()
                    .trim()
                    .to_string(),
            )
        })
    };
    let title_text: String = title.iter().map(|(_, t)| t.as_str()).collect();
    let title_at = title.first().map_or(0, |(a, _)| *a);
    // "Viewing cable 07BERN881, SUBJECT" -> the subject after the first comma.
    let subject = title_text
        .trim()
        .strip_prefix("Viewing cable ")
        .and_then(|t| t.split_once(", "))
        .map_or("", |(_, s)| s)
        .to_string();
    let has_table = cells.len() >= 5;
    if has_table {
        // Columns: reference id, created, released, classification, origin.
        let one_line = |s: String| s.replace(['\n', '\r'], " ");
        for (i, text) in [
            (0, None),
            (usize::MAX, Some((title_at, subject))),
            (1, None),
            (3, None),
            (4, None),
        ] {
            let (at, t) = text.unwrap_or_else(|| cell(i));
            b.push(&one_line(t), at);
            b.push("\n", at);
        }
    }
    for (n, pre) in pres.iter().enumerate() {
        if n > 0 {
            b.push("\n", pre.first().map_or(0, |(a, _)| *a));
        }
        for (at, t) in pre {
            b.push(t, *at);
        }
    }
    Decoded {
        container: Container::HtmlPage,
        text: Cow::Owned(b.text),
        referenced_ids: Vec::new(),
        has_metadata: has_table,
        map: b.map,
        problems,
    }
}

/// One row of `cables.csv`: row number, date, reference id, origin, classification,
/// referenced ids, header, body; decoded into the text-export layout. A text alone is
/// read in the release's dialect; [`crate::csv::Records`] knows the file's.
fn decode_csv_row(input: &str) -> Decoded<'_> {
    let mut fields = Vec::with_capacity(8);
    let split = crate::csv::split_fields(input, Dialect::Backslash, |f| fields.push(f));
    decode_csv_fields(input, split.map(|_| &fields[..]), Dialect::Backslash)
}

/// Decodes a CSV row from its fields, as the splitter found them (`None`: it does not split).
pub(crate) fn decode_csv_fields<'a>(
    input: &'a str,
    fields: Option<&[Field]>,
    dialect: Dialect,
) -> Decoded<'a> {
    let mut problems = Vec::new();
    let whole = [Field {
        start: 0,
        end: input.len(),
        quoted: false,
    }];
    let fields = fields.unwrap_or_else(|| {
        problems.push((0, "a CSV row that does not split into fields"));
        &whole
    });
    if fields.len() != 8 {
        problems.push((0, "a CSV row without exactly 8 fields"));
    }
    let field = |i: usize| {
        fields.get(i).map_or((input.len(), Cow::Borrowed("")), |f| {
            (f.start, f.value(input, dialect))
        })
    };
    let mut b = TextBuilder::default();
    if fields.len() >= 8 {
        for (i, empty_subject) in [(2, false), (2, true), (1, false), (4, false), (3, false)] {
            let (at, t) = field(i);
            if !empty_subject {
                b.push(&t, at);
            }
            b.push("\n", at);
        }
        let (at, header) = field(6);
        b.push(&header, at);
        if !header.is_empty() && !header.ends_with('\n') {
            b.push("\n", at + header.len());
        }
        let (at, body) = field(7);
        b.push(&body, at);
    } else {
        for i in 0..fields.len() {
            let (at, t) = field(i);
            b.push(&t, at);
            b.push("\n", at);
        }
    }
    let referenced_ids = field(5)
        .1
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    Decoded {
        container: Container::CsvRow,
        text: Cow::Owned(b.text),
        referenced_ids: if fields.len() >= 8 {
            referenced_ids
        } else {
            Vec::new()
        },
        has_metadata: fields.len() >= 8,
        map: b.map,
        problems,
    }
}

/// Whether a line looks like the start of a `cables.csv` row: `N,` or `"N",` then more fields.
fn looks_like_csv_row(line: &str) -> bool {
    let rest = line.strip_prefix('"').unwrap_or(line);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return false;
    }
    let after = &rest[digits..];
    let after = after.strip_prefix('"').unwrap_or(after);
    after.starts_with(',') && line.matches(',').count() >= 4
}

/// `09ASTANA1145`: two digits, then letters and digits.
pub(crate) fn is_reference_id(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 4
        && b.len() <= 40
        && b[0].is_ascii_digit()
        && b[1].is_ascii_digit()
        && b[2..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b[2..].iter().any(u8::is_ascii_alphabetic)
}

/// Whether a metadata date line parses.
fn looks_like_date(line: &str) -> bool {
    crate::dates::metadata_date(line.trim()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(decode_entity("&#x000A;"), "\n");
        assert_eq!(decode_entity("&#39;"), "'");
        assert_eq!(decode_entity("&amp;"), "&");
        assert_eq!(decode_entity("&bogus;"), "&bogus;");
        assert_eq!(decode_entity("&#0;"), "\u{fffd}");
    }

    #[test]
    fn pre_block_keeps_anchor_text_and_maps_offsets() {
        let input = "<code><pre><a id='par1' href='#par1'>¶</a>1. (U) A&amp;B</pre></code>";
        let d = decode(input, None);
        assert_eq!(d.container, Container::HtmlPre);
        assert_eq!(d.text, "¶1. (U) A&B");
        let b = d.text.find('B').unwrap();
        assert_eq!(&input[d.to_input_offset(b)..d.to_input_offset(b) + 1], "B");
    }

    #[test]
    fn scripts_are_dropped() {
        let d = decode(
            "<pre>A<script>alert(1)</script>B</pre>",
            Some(Container::HtmlPre),
        );
        assert_eq!(d.text, "AB");
        assert!(!d.problems.is_empty());
    }

    #[test]
    fn csv_row_becomes_text_export_layout() {
        let row = "1,\"12/28/1966 18:48\",\"66BUENOSAIRES2481\",\"Embassy Buenos Aires\",\"UNCLASSIFIED\",\"\",\"R 281848Z DEC 66\",\"UNCLAS \\\"QUOTED\\\"\"";
        let d = decode(row, None);
        assert_eq!(d.container, Container::CsvRow);
        assert_eq!(
            d.text,
            "66BUENOSAIRES2481\n\n12/28/1966 18:48\nUNCLASSIFIED\nEmbassy Buenos Aires\nR 281848Z DEC 66\nUNCLAS \"QUOTED\""
        );
    }

    #[test]
    fn detection() {
        assert_eq!(
            detect("09ASTANA1145\nX\nThu Jul 09 00:00:00 +0200 2009\nU\nE\n"),
            Container::TextExport
        );
        assert_eq!(detect("<!DOCTYPE html><html>"), Container::HtmlPage);
        assert_eq!(detect("12,\"a\",\"b\",\"c\",\"d\""), Container::CsvRow);
        assert_eq!(detect(""), Container::BareText);
    }
}
