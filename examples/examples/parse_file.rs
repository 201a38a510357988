//! Parses one cable and prints what it says, field by field.
//!
//! ```sh
//! cargo run --example parse_file -- examples/09ASTANA1145.txt
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt").to_string());
    // Lenient parsing with the container detected: never fails on a readable UTF-8 file.
    // The file's name is given to the parser: a name that is a reference id
    // (`07BERLIN1767.html`) gives a text without one its id and year.
    let cable = match cable_core::parse_file(&path, &cable_core::Options::new()) {
        Ok(cable) => cable,
        // An I/O error names the file itself.
        Err(e @ cable_core::Error::Io { .. }) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };

    println!("container       {}", cable.container.name());
    println!("reference id    {}", cable.id.as_deref().unwrap_or("?"));
    println!("sent            {}", cable.sent.as_deref().unwrap_or("?"));
    if let Some(meta) = &cable.metadata {
        println!("date            {}", meta.date.as_deref().unwrap_or("?"));
        println!("classification  {}", meta.classification);
        println!("origin          {}", meta.origin);
    }
    if let Some(header) = &cable.header {
        println!("from            {}", header.from.as_deref().unwrap_or("?"));
        println!(
            "to              {}",
            header
                .to
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        );
        println!("info            {} recipients", header.info.len());
        if let Some(dtg) = &header.dtg {
            println!(
                "dtg             {} ({})",
                dtg.raw,
                dtg.timestamp.as_deref().unwrap_or("invalid")
            );
        }
    }
    if let Some(body) = &cable.body {
        let marking = body.subject.as_ref().and_then(|s| s.marking.as_deref());
        println!(
            "subject         {}{}",
            marking.map(|m| format!("({m}) ")).unwrap_or_default(),
            cable.subject().unwrap_or("?")
        );
        println!("tags            {}", body.tag_codes().join(", "));
        for tag in &body.tags {
            let person = tag.person.as_deref().map(|p| format!(": {p}"));
            println!(
                "  tag {:<11} {:?}{}",
                tag.code,
                tag.kind,
                person.unwrap_or_default()
            );
        }
        if let Some(eo) = &body.executive_order {
            let declassify = eo.declassify.as_ref().map(|d| {
                let when = d.date.as_deref().unwrap_or(&d.raw);
                format!(" (declassify: {:?} {when})", d.kind)
            });
            println!(
                "e.o.            {}{}",
                eo.order.as_deref().unwrap_or("?"),
                declassify.unwrap_or_default()
            );
        }
        if let Some(by) = &body.classified_by {
            println!(
                "classified by   {} ({}), reasons {}",
                by.name.as_deref().unwrap_or(&by.by),
                by.title.as_deref().unwrap_or("no title"),
                by.reasons.join(", ")
            );
        }
        for r in &body.references {
            let label = r.label.as_deref().unwrap_or("-");
            let notal = if r.notal { " NOTAL" } else { "" };
            let target = match (&r.cited_id, r.in_release) {
                (Some(id), Some(true)) => format!("=> {id}"),
                (Some(id), _) => format!("=> {id} (not in the release)"),
                (None, _) => String::new(),
            };
            println!("ref {label:<11} {:?}{notal} {} {target}", r.kind, r.text);
        }
        println!("paragraphs      {}", body.paragraphs.len());
        if let Some(summary) = &body.summary {
            let mut text: String = summary.text.chars().take(200).collect();
            if summary.text.len() > text.len() {
                text.push_str("...");
            }
            println!("summary         {text}");
        }
        println!("signature       {}", cable.signature().unwrap_or("?"));
        for t in &body.trailers {
            println!("trailer         {}", t.text);
        }
    }
    for d in &cable.diagnostics {
        println!(
            "diagnostic      {:?} {} at {}..{}: {}",
            d.severity, d.code, d.span.start, d.span.end, d.message
        );
    }
    ExitCode::SUCCESS
}
