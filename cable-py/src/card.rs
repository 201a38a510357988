//! The notebook card of a cable (`Cable._repr_html_`): the facts a reader looks at first,
//! then the paragraphs. Presentation only; every value comes from the tree and its derived
//! facts in `cable-core`.

use cable_core::Cable;
use pyo3::prelude::*;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One `<tr>` of the card, left out when there is nothing to show.
fn row(out: &mut String, label: &str, value_html: &str) {
    if !value_html.is_empty() {
        out.push_str(&format!(
            "<tr><th style=\"text-align:left;padding-right:1em;vertical-align:top\">{label}</th>\
             <td style=\"text-align:left\">{value_html}</td></tr>"
        ));
    }
}

/// The notebook card of a cable.
#[pyfunction]
pub(crate) fn _card_html(cable: &Cable) -> String {
    let body = cable.body.as_ref();
    let header = cable.header.as_ref();
    let (subject, sent) = (cable.subject(), cable.sent.as_deref());
    let (origin, classification) = (cable.origin(), cable.classification());

    let mut out = String::from(
        "<div class=\"cable-card\" style=\"border:1px solid #ccc;border-radius:6px;padding:0.6em 1em;max-width:60em\">",
    );
    out.push_str(&format!(
        "<div style=\"font-weight:bold;font-size:1.1em\">{}{}</div>",
        cable
            .id
            .as_deref()
            .map(|r| format!("{} — ", esc(r)))
            .unwrap_or_default(),
        esc(subject.unwrap_or("(no subject)"))
    ));
    out.push_str("<table style=\"margin:0.4em 0\">");
    row(&mut out, "Sent", &esc(sent.unwrap_or("")));
    row(&mut out, "Origin", &esc(origin.unwrap_or("")));
    row(
        &mut out,
        "Classification",
        &esc(classification.unwrap_or("")),
    );
    let dtg = header.and_then(|h| h.dtg.as_ref()).map(|d| d.raw.as_str());
    row(&mut out, "Date-time group", &esc(dtg.unwrap_or("")));
    row(&mut out, "Container", &esc(cable.container.name()));
    if cable.partial {
        row(&mut out, "Partial", "partial extract of the original cable");
    }
    if let Some(body) = body {
        let tags = body
            .tags
            .iter()
            .map(|t| format!("<code>{}</code>", esc(&t.code)))
            .collect::<Vec<_>>()
            .join(" ");
        row(&mut out, "Tags", &tags);
        row(&mut out, "Caveats", &esc(&body.caveats.join(", ")));
        let refs = body
            .references
            .iter()
            .map(|r| {
                let label = r
                    .label
                    .as_deref()
                    .map(|l| format!("{}. ", esc(l)))
                    .unwrap_or_default();
                let id = r
                    .cited_id
                    .as_deref()
                    .map(|id| format!(" (<code>{}</code>)", esc(id)))
                    .unwrap_or_default();
                format!("{label}{}{id}", esc(&r.text))
            })
            .collect::<Vec<_>>()
            .join("<br>");
        row(&mut out, "References", &refs);
        row(&mut out, "Signature", &esc(cable.signature().unwrap_or("")));
    }
    if !cable.diagnostics.is_empty() {
        let diags = cable
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{}: <code>{}</code> {}",
                    esc(d.severity.name()),
                    esc(&d.code),
                    esc(&d.message)
                )
            })
            .collect::<Vec<_>>()
            .join("<br>");
        row(&mut out, "Diagnostics", &diags);
    }
    out.push_str("</table>");
    match body {
        Some(body) if !body.paragraphs.is_empty() => {
            let n = body.paragraphs.len();
            out.push_str(&format!(
                "<details><summary>{n} paragraph{}</summary><div style=\"max-height:30em;overflow:auto\">",
                if n == 1 { "" } else { "s" }
            ));
            for p in &body.paragraphs {
                let number = p.number.map(|n| format!("{n}. ")).unwrap_or_default();
                let marking = p
                    .marking
                    .as_deref()
                    .map(|m| format!("({}) ", esc(m)))
                    .unwrap_or_default();
                let heading = p
                    .heading
                    .as_deref()
                    .map(|h| format!("<div><b>{}</b></div>", esc(h)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{heading}<p style=\"white-space:pre-wrap;text-align:left\"><b>{number}</b>{marking}{}</p>",
                    esc(&p.text)
                ));
            }
            out.push_str("</div></details>");
        }
        Some(_) => out.push_str("<div><i>no paragraphs</i></div>"),
        None => out.push_str("<div><i>no cable text</i></div>"),
    }
    out.push_str("</div>");
    out
}
