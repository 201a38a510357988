//! A `<pre>` block, or a whole cablegate page, as document text.

use std::borrow::Cow;

use super::html::{html_pieces, HtmlPiece};
use super::{Decoded, TextBuilder};
use crate::ast::Container;

/// A `<pre>` block (or any fragment): tags stripped, entities decoded, anchors and links kept as their text.
pub(super) fn decode_pre(input: &str) -> Decoded<'_> {
    let (pieces, problems) = html_pieces(input);
    let mut b = TextBuilder::default();
    for (at, piece) in &pieces {
        match piece {
            // The cablegate site's list of articles is page chrome, not cable text.
            HtmlPiece::Text(t) if t.trim() == "Appears in these articles:" => {}
            HtmlPiece::Text(t) => b.push(t, *at),
            HtmlPiece::Tag { name, closing, .. } if name == "br" || (name == "p" && !closing) => {
                b.push("\n", *at)
            }
            HtmlPiece::Tag { .. } => {}
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
pub(super) fn decode_page(input: &str) -> Decoded<'_> {
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
            HtmlPiece::Tag {
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
            HtmlPiece::Text(t) => {
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

#[cfg(test)]
mod tests {
    use crate::{decode, Container};

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
}
