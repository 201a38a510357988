//! Containers: detecting them and decoding HTML and CSV into the document text.
//!
//! HTML pages and CSV rows are decoded into the text-export layout (five metadata
//! lines, then header and body), so that one grammar reads every container. The
//! text export, bare text and `<pre>` blocks keep their own layout.

use std::borrow::Cow;

use crate::ast::Container;
use crate::csv::{Dialect, Field};

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
#[derive(Debug, PartialEq)]
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

/// Splits HTML into tags and text; scripts, styles and comments vanish.
///
/// Markup can only start at `<` or `&`, so text runs are skipped with `memchr2` and
/// only those two bytes are looked at. Markup is read as a browser reads it, so that none
/// leaks into the text: once `<` and a name are read it is a tag up to the next `>` (or
/// the end); an unclosed script, style or comment runs to the end. This reads exactly
/// what the `html` pest rule used to read (the tests keep that rule as the reference).
fn html_pieces(input: &str) -> (Vec<(usize, Piece<'_>)>, Problems) {
    let bytes = input.as_bytes();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let next = match bytes[at] {
            b'<' => {
                if let Some(end) = script_end(bytes, at) {
                    problems.push((at, "a script or style element, dropped"));
                    end
                } else if let Some(end) = comment_end(bytes, at) {
                    end
                } else if let Some((end, closing, name, attrs)) = tag(input, at) {
                    let piece = Piece::Tag {
                        name: name.to_ascii_lowercase(),
                        closing,
                        attrs,
                    };
                    out.push((at, piece));
                    end
                } else {
                    // A lone `<` (`A < B`) is ordinary text in these pages.
                    out.push((at, Piece::Text(Cow::Borrowed("<"))));
                    at + 1
                }
            }
            b'&' => match entity_end(bytes, at) {
                Some(end) => {
                    out.push((at, Piece::Text(decode_entity(&input[at..end]))));
                    end
                }
                // So is a lone `&` (`AT&T`).
                None => {
                    out.push((at, Piece::Text(Cow::Borrowed("&"))));
                    at + 1
                }
            },
            _ => {
                let end = memchr::memchr2(b'<', b'&', &bytes[at..]).map_or(bytes.len(), |i| at + i);
                out.push((at, Piece::Text(Cow::Borrowed(&input[at..end]))));
                end
            }
        };
        at = next;
    }
    (out, problems)
}

/// Whether `bytes[at..]` starts with `word`, ASCII letters in any case.
fn starts_with_ignore_case(bytes: &[u8], at: usize, word: &[u8]) -> bool {
    bytes
        .get(at..at + word.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(word))
}

/// The end of a script or style element starting at `at`: after the `>` of the first
/// `</script` or `</style` (either one closes either element), or the end of the input.
/// `<scripts` and `<stylesheet` open one too: the prefix is enough.
fn script_end(bytes: &[u8], at: usize) -> Option<usize> {
    let opens = [&b"script"[..], b"style"]
        .into_iter()
        .find(|word| starts_with_ignore_case(bytes, at + 1, word))?;
    let mut from = at + 1 + opens.len();
    while let Some(i) = memchr::memchr(b'<', &bytes[from..]) {
        let lt = from + i;
        let close = [&b"</script"[..], b"</style"]
            .into_iter()
            .find(|word| starts_with_ignore_case(bytes, lt, word));
        if let Some(close) = close {
            let after = lt + close.len();
            return Some(
                memchr::memchr(b'>', &bytes[after..]).map_or(bytes.len(), |i| after + i + 1),
            );
        }
        from = lt + 1;
    }
    Some(bytes.len())
}

/// The end of a comment starting at `at`: after the first `-->` past `<!--`, or the end
/// of the input (`<!-->` does not close).
fn comment_end(bytes: &[u8], at: usize) -> Option<usize> {
    if !bytes[at..].starts_with(b"<!--") {
        return None;
    }
    let from = at + 4;
    Some(memchr::memmem::find(&bytes[from..], b"-->").map_or(bytes.len(), |i| from + i + 3))
}

/// A tag starting at `at`: its end (after `>`, or the end of the input), whether it
/// closes, its name as written and its attributes. The name is letters and digits after
/// a letter, or `!`/`?` and letters (`<!DOCTYPE`, `<?xml`); without one, `<` is no tag.
fn tag(input: &str, at: usize) -> Option<(usize, bool, &str, &str)> {
    let bytes = input.as_bytes();
    let closing = bytes.get(at + 1) == Some(&b'/');
    let name_start = at + 1 + usize::from(closing);
    let rest = |from: usize, ok: fn(&u8) -> bool| {
        from + bytes[from..].iter().take_while(|b| ok(b)).count()
    };
    let name_end = match bytes.get(name_start)? {
        b if b.is_ascii_alphabetic() => rest(name_start + 1, u8::is_ascii_alphanumeric),
        b'!' | b'?' => rest(name_start + 1, u8::is_ascii_alphabetic),
        _ => return None,
    };
    let (attrs, end) = match memchr::memchr(b'>', &bytes[name_end..]) {
        Some(i) => (&input[name_end..name_end + i], name_end + i + 1),
        // The `html` rule gave a tag cut off by the end no attributes (its code took the
        // last inner pair, `EOI`): kept, so that the scanner reads what the rule read;
        // nothing follows such a tag, so its attributes cannot matter.
        None => ("", bytes.len()),
    };
    Some((end, closing, &input[name_start..name_end], attrs))
}

/// The end of a character reference starting at `at`, `;` included: `&#x` and 1 to 8 hex
/// digits, `&#` and 1 to 8 digits, or `&` and a name: a letter and up to 31 letters or
/// digits (the longest HTML5 name, `&CounterClockwiseContourIntegral;`, has 31). No more
/// than that: `&#123456789;` is no reference, nor is `&amp` without `;`.
fn entity_end(bytes: &[u8], at: usize) -> Option<usize> {
    let run = |from: usize, max: usize, ok: fn(&u8) -> bool| {
        let n = bytes
            .get(from..)
            .map_or(0, |b| b.iter().take(max).take_while(|b| ok(b)).count());
        (n > 0).then_some(from + n)
    };
    let end = match bytes.get(at + 1..at + 3) {
        Some([b'#', b'x' | b'X']) => run(at + 3, 8, u8::is_ascii_hexdigit)?,
        _ if bytes.get(at + 1) == Some(&b'#') => run(at + 2, 8, u8::is_ascii_digit)?,
        _ => {
            bytes.get(at + 1).filter(|b| b.is_ascii_alphabetic())?;
            run(at + 1, 32, u8::is_ascii_alphanumeric)?
        }
    };
    (bytes.get(end) == Some(&b';')).then_some(end + 1)
}

/// Decodes one character reference; unknown ones stay as written.
///
/// Names are those of HTML5, case-sensitive (`&Eacute;` is not `&eacute;`), and only
/// with their `;`: the scanner never reads the legacy forms without it (`&eacute`),
/// which a browser decodes. A numeric reference to no character, or to U+0000, is U+FFFD.
/// Every HTML5 name decodes, those with digits (`&frac12;`) and the long ones
/// (`&CloseCurlyQuote;`) too.
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
        // The table's values are UTF-8 strings stored as bytes.
        let named = htmlize::ENTITIES
            .get(entity.as_bytes())
            .and_then(|value| std::str::from_utf8(value).ok());
        return Cow::Borrowed(named.unwrap_or(entity));
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
    fn named_entities_are_those_of_html5() {
        for (entity, text) in [
            ("&eacute;", "é"),
            ("&uuml;", "ü"),
            ("&ccedil;", "ç"),
            ("&laquo;", "«"),
            ("&euro;", "€"),
            ("&Eacute;", "É"),
            // Two code points each.
            ("&nvlt;", "<\u{20d2}"),
            ("&bne;", "=\u{20e5}"),
            ("&fjlig;", "fj"),
            ("&ThickSpace;", "\u{205f}\u{200a}"),
        ] {
            assert_eq!(decode_entity(entity), text, "{entity}");
        }
        // Names are case-sensitive; one that HTML5 does not have stays as written.
        assert_eq!(decode_entity("&EURO;"), "&EURO;");
        assert_eq!(decode_entity("&ED;"), "&ED;");
        // The names of the table this replaced decode as they did.
        for (name, c) in [
            ("amp", '&'),
            ("lt", '<'),
            ("gt", '>'),
            ("quot", '"'),
            ("apos", '\''),
            ("nbsp", '\u{a0}'),
            ("para", '¶'),
            ("sect", '§'),
            ("copy", '©'),
            ("mdash", '—'),
            ("ndash", '–'),
            ("hellip", '…'),
            ("lsquo", '‘'),
            ("rsquo", '’'),
            ("ldquo", '“'),
            ("rdquo", '”'),
        ] {
            assert_eq!(decode_entity(&format!("&{name};")), c.to_string(), "{name}");
        }
    }

    #[test]
    fn html_entities_need_their_semicolon() {
        let d = decode(
            "<pre>caf&eacute; &eacute &amp ok&#233;&Uuml;ber &nvlt;&ThickSpace;</pre>",
            None,
        );
        assert_eq!(
            d.text,
            "café &eacute &amp okéÜber <\u{20d2}\u{205f}\u{200a}"
        );
        // The offsets of the text after a reference stay exact.
        let at = d.text.find("ok").unwrap();
        assert_eq!(d.to_input_offset(at), 30);
        let at = d.text.find("ber").unwrap();
        assert_eq!(d.to_input_offset(at), 44);
        // Names with digits, long names; a name one character too long is no reference.
        let d = decode(
            "<pre>&frac12; &sup2; &CloseCurlyQuote; &CounterClockwiseContourIntegral; &Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;</pre>",
            None,
        );
        assert_eq!(
            d.text,
            "½ ² \u{2019} \u{2233} &Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;"
        );
    }

    /// The `html` rule the scanner replaced, kept as the reference it is checked against,
    /// with the code that read its pairs as it was. One change since: `html_entity` takes
    /// the names of HTML5 (a letter, then up to 31 letters or digits), where it took 1 to
    /// 10 letters, so that `&frac12;` and `&CloseCurlyQuote;` decode.
    mod pest_html {
        use std::borrow::Cow;

        use pest::Parser;

        use super::super::{decode_entity, Piece, Problems};

        #[derive(pest_derive::Parser)]
        #[grammar_inline = r##"
html = { SOI ~ html_piece* ~ EOI }
html_piece = _{ html_script | html_comment | html_tag | html_entity | html_text | html_stray }
html_script = { "<" ~ (^"script" | ^"style") ~ (!(^"</script" | ^"</style") ~ ANY)* ~ ((^"</script" | ^"</style") ~ (!">" ~ ANY)* ~ ">"?)? }
html_comment = { "<!--" ~ (!"-->" ~ ANY)* ~ "-->"? }
html_tag = { "<" ~ html_close? ~ html_tag_name ~ html_attrs ~ (">" | EOI) }
html_close = { "/" }
html_tag_name = @{ ASCII_ALPHA ~ ASCII_ALPHANUMERIC* | "!" ~ ASCII_ALPHA* | "?" ~ ASCII_ALPHA* }
html_attrs = @{ (!">" ~ ANY)* }
html_entity = @{ "&" ~ ("#" ~ ("x" | "X") ~ ASCII_HEX_DIGIT{1,8} | "#" ~ ASCII_DIGIT{1,8} | ASCII_ALPHA ~ ASCII_ALPHANUMERIC{0,31}) ~ ";" }
html_text = @{ !("<" | "&") ~ ANY ~ (!("<" | "&") ~ ANY)* }
html_stray = @{ "<" | "&" }
"##]
        struct PestHtml;

        pub(in super::super) fn html_pieces(input: &str) -> (Vec<(usize, Piece<'_>)>, Problems) {
            let mut out = Vec::new();
            let mut problems = Vec::new();
            let pairs = match PestHtml::parse(Rule::html, input) {
                Ok(mut pairs) => pairs.next().map(|p| p.into_inner()),
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
                    Rule::html_stray => out.push((at, Piece::Text(Cow::Borrowed(pair.as_str())))),
                    Rule::html_script => problems.push((at, "a script or style element, dropped")),
                    _ => {}
                }
            }
            (out, problems)
        }
    }

    #[track_caller]
    fn same_as_the_rule(input: &str) {
        assert_eq!(
            html_pieces(input),
            pest_html::html_pieces(input),
            "{input:?}"
        );
    }

    /// Every string of `n` symbols from `symbols`, for each `n` up to `max`.
    fn all_strings(symbols: &[&str], max: u32, mut check: impl FnMut(&str)) {
        let mut s = String::new();
        for n in 0..=max {
            for i in 0..symbols.len().pow(n) {
                s.clear();
                let mut i = i;
                for _ in 0..n {
                    s.push_str(symbols[i % symbols.len()]);
                    i /= symbols.len();
                }
                check(&s);
            }
        }
    }

    #[test]
    fn the_scanner_reads_html_as_the_rule_did() {
        for case in [
            "",
            "<",
            "&",
            "</",
            "<!",
            "<?",
            "<a",
            "</ a>",
            "<a1b2 x='>'>",
            "<!DOCTYPE html><?xml version='1.0'?>",
            "<!abc1>",
            "<!-->x-->y",
            "<!--->x",
            "<!---->x",
            "<!-- never closed",
            "<script>x</script >y",
            "<SCRIPT>x</Style>y",
            "<scripts>x</scripty",
            "<stylesheet>x</STYLE",
            "<script>a<b</scrip</script>c",
            "<script>x",
            "<style",
            "&#x12345678;&#x123456789;&#X1f;&#x;&#xg;",
            "&#12345678;&#123456789;&#;&#1a;",
            "&abcdefghij;&abcdefghijk;&amp&amp;&AMP;&a1;",
            "&#x0;&#0;&#xD800;&#x110000;&#99999999;",
            "é<é&é;&#xé;<é>é",
            "A < B & C > D",
        ] {
            same_as_the_rule(case);
        }
        // Every string of up to 6 characters over the characters that matter.
        let chars = [
            "<", ">", "&", "#", ";", "/", "!", "-", "a", "x", "1", "s", "\n",
        ];
        all_strings(&chars, 6, same_as_the_rule);
        // Every sequence of up to 4 tokens that open or close longer markup.
        let tokens = [
            "<script", "</script", "<STYLE", "</Style", "<!--", "-->", ">", "<", "</", "&",
            "&#x41;", "&#65;", "&amp;", "&Z;", "a", "é", " ",
        ];
        all_strings(&tokens, 4, same_as_the_rule);
        // And longer sequences, drawn with a fixed linear congruential generator.
        let mut seed: u64 = 13;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..20_000 {
            let len = 5 + next(40);
            let case: String = (0..len).map(|_| tokens[next(tokens.len())]).collect();
            same_as_the_rule(&case);
        }
    }

    /// The corpus pages and `<pre>` blocks, whole and cut short before and after a `<` or
    /// `&` (an unclosed tag, comment, script or reference at the end): every one in the
    /// `<pre>` blocks, every eighth in the pages (each cut parses the page again); and the
    /// pages cut anywhere, keeping the start or the end.
    #[test]
    fn the_scanner_reads_the_corpus_as_the_rule_did() {
        let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
        let mut files = 0;
        for (dir, every) in [("cablegate-html", 1), ("cablegate-page", 8)] {
            for entry in std::fs::read_dir(corpus.join(dir)).unwrap() {
                let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
                files += 1;
                same_as_the_rule(&text);
                let markup = text.match_indices(['<', '&']).map(|(i, _)| i);
                for i in markup.step_by(every) {
                    same_as_the_rule(&text[..i]);
                    same_as_the_rule(&text[..i + 1]);
                }
                if every > 1 {
                    for (i, _) in text.char_indices().step_by(499) {
                        same_as_the_rule(&text[..i]);
                        same_as_the_rule(&text[i..]);
                    }
                }
            }
        }
        assert_eq!(files, 648);
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
