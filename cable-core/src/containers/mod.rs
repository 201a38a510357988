//! Containers: detecting them and decoding HTML and CSV into the document text.
//!
//! HTML pages and CSV rows are decoded into the text-export layout (five metadata
//! lines, then header and body), so that one grammar reads every container. The
//! text export, bare text and `<pre>` blocks keep their own layout.
//!
//! - `detect`: which container an input is;
//! - `html`: markup split into tags and text, character references decoded;
//! - `page`: a `<pre>` block or a whole cablegate page as document text;
//! - `csv_row`: a `cables.csv` row as document text.

use std::borrow::Cow;

use crate::ast::Container;

mod csv_row;
mod detect;
mod html;
mod page;

pub use detect::detect;

/// The document text of an input: what the grammar parses and what spans index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// The container the input was read as.
    pub container: Container,
    /// The document text. Borrowed from the input for the text export and bare text.
    pub text: Cow<'a, str>,
    /// Cable ids listed by the container itself (CSV column 6); the tree gives them as
    /// [`crate::Metadata::referenced_ids`].
    pub(crate) referenced_ids: Vec<String>,
    /// Whether the text starts with the five metadata lines.
    pub(crate) has_metadata: bool,
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
        Container::TextExport => text_export(input),
        Container::BareText => borrowed(input, container, false),
        Container::HtmlPre => page::decode_pre(input),
        Container::HtmlPage => page::decode_page(input),
        Container::CsvRow => csv_row::decode_csv_row(input),
    }
}

/// A text export: the input itself, with its character references decoded when it holds
/// some (`&#8217;`), as in HTML.
fn text_export(input: &str) -> Decoded<'_> {
    let Some(pieces) = html::references_decoded(input) else {
        return borrowed(input, Container::TextExport, true);
    };
    let mut b = TextBuilder::default();
    for (at, piece) in &pieces {
        b.push(piece, *at);
    }
    Decoded {
        text: Cow::Owned(b.text),
        map: b.map,
        ..borrowed(input, Container::TextExport, true)
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
