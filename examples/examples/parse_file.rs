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
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Lenient parsing with the container detected: never fails on UTF-8 text.
    let cable = match cable_core::parse_bytes(&bytes, &cable_core::Options::new()) {
        Ok(cable) => cable,
        Err(e) => {
            eprintln!("{path}: {e}");
            return ExitCode::FAILURE;
        }
    };

    println!("container       {}", cable.container.name());
    if let Some(meta) = &cable.metadata {
        println!("reference id    {}", meta.reference_id);
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
                "sent            {} ({})",
                dtg.raw,
                dtg.timestamp.as_deref().unwrap_or("invalid")
            );
        }
    }
    if let Some(body) = &cable.body {
        println!("subject         {}", cable.subject().unwrap_or("?"));
        println!("tags            {}", body.tag_codes().join(", "));
        for r in &body.references {
            let label = r.label.as_deref().unwrap_or("-");
            println!(
                "ref {label:<11} {} {}",
                r.text,
                r.cable_id
                    .as_deref()
                    .map(|id| format!("=> {id}"))
                    .unwrap_or_default()
            );
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
    }
    for d in &cable.diagnostics {
        println!(
            "diagnostic      {:?} {} at {}..{}: {}",
            d.severity, d.code, d.span.start, d.span.end, d.message
        );
    }
    ExitCode::SUCCESS
}
