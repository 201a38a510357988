//! The commands: `parse`, `export` and `stats`.

use std::io::Write;
use std::process::ExitCode;

#[cfg(feature = "parquet")]
use cable_cli::columnar::{self, Columnar};
use cable_cli::csv_export;
use cable_cli::stats::{Stats, Summary};
use cable_core::flat::FlatRow;
use cable_core::quality::{Quality, QualityReport};

use crate::args::{ExportArgs, Format, ParseArgs, StatsArgs};
use crate::run::{output, Run};
use crate::Fatal;

pub(crate) fn parse(args: ParseArgs) -> Result<ExitCode, Fatal> {
    let mut run = Run::new(&args.common, &args.inputs, true);
    let mut out = output(None)?;
    let pretty = args.pretty;
    // One cable prints as one tree; several as an array (unless --jsonl): hold the
    // first tree until a second one shows whether an array is needed.
    let mut first: Option<String> = None;
    let mut count = 0u64;
    let jsonl = args.jsonl;
    run.run(
        &args.common,
        args.inputs,
        |_, cable| {
            if pretty {
                serde_json::to_string_pretty(&cable).expect("a Cable always serialises")
            } else {
                cable.to_json()
            }
        },
        |_, json| {
            count += 1;
            if jsonl {
                out.write_all(json.as_bytes())?;
                return out.write_all(b"\n");
            }
            match count {
                1 => first = Some(json),
                2 => {
                    out.write_all(b"[\n")?;
                    out.write_all(first.take().unwrap_or_default().as_bytes())?;
                    out.write_all(b",\n")?;
                    out.write_all(json.as_bytes())?;
                }
                _ => {
                    out.write_all(b",\n")?;
                    out.write_all(json.as_bytes())?;
                }
            }
            Ok(())
        },
    )?;
    if !jsonl {
        match (count, first) {
            (1, Some(json)) => writeln!(out, "{json}")?,
            (0, _) if run.failures() == 0 => writeln!(out, "[]")?,
            (0, _) => {}
            _ => out.write_all(b"\n]\n")?,
        }
    }
    out.flush()?;
    Ok(run.finish(false))
}

pub(crate) fn export(args: ExportArgs) -> Result<ExitCode, Fatal> {
    if let Format::Parquet | Format::Arrow = args.format {
        return export_columnar(args);
    }
    let to_stdout = args.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    let mut run = Run::new(&args.common, &args.inputs, to_stdout);
    let mut out = output(args.output.as_ref())?;
    let (format, with_source) = (args.format, args.with_source);
    if format == Format::Csv {
        out.write_all(csv_export::csv_header().as_bytes())?;
    }
    run.run(
        &args.common,
        args.inputs,
        |item, cable| match format {
            Format::Csv => csv_export::csv_row(&FlatRow::new(&cable), &item.origin),
            Format::Jsonl if with_source => {
                let o = &item.origin;
                let source = serde_json::to_string(&*o.source).expect("a string serialises");
                let num =
                    |n: Option<usize>| n.map_or_else(|| "null".to_string(), |n| n.to_string());
                format!(
                    "{{\"source\":{source},\"row\":{},\"line\":{},\"cable\":{}}}\n",
                    num(o.row),
                    num(o.line),
                    cable.to_json()
                )
            }
            Format::Jsonl => {
                let mut json = cable.to_json();
                json.push('\n');
                json
            }
            Format::Parquet | Format::Arrow => unreachable!("written by export_columnar"),
        },
        |_, line| out.write_all(line.as_bytes()),
    )?;
    out.flush()?;
    Ok(run.finish(true))
}

/// `export --format parquet|arrow` in a build without the `parquet` feature.
#[cfg(not(feature = "parquet"))]
fn export_columnar(args: ExportArgs) -> Result<ExitCode, Fatal> {
    let name = if args.format == Format::Arrow {
        "arrow"
    } else {
        "parquet"
    };
    Err(Fatal::Other(format!(
        "--format {name}: this cable was built without Parquet and Arrow; \
         build it with `--features parquet` (cargo install --path examples --features parquet)"
    )))
}

/// `export --format parquet|arrow`: three table files in the directory of `-o`.
#[cfg(feature = "parquet")]
fn export_columnar(args: ExportArgs) -> Result<ExitCode, Fatal> {
    let format = match args.format {
        Format::Arrow => columnar::Format::Arrow,
        _ => columnar::Format::Parquet,
    };
    let dir = match &args.output {
        Some(dir) if dir.as_os_str() != "-" => dir.clone(),
        _ => {
            let name = format.extension();
            eprintln!(
                "cable: error: --format {name} writes three files (cables, paragraphs, references): \
                 give their directory with -o DIR"
            );
            return Ok(ExitCode::from(2));
        }
    };
    if args.with_source {
        eprintln!("cable: error: --with-source is for --format jsonl");
        return Ok(ExitCode::from(2));
    }
    let mut run = Run::new(&args.common, &args.inputs, false);
    let mut out = Columnar::create(&dir, format).map_err(|e| {
        Fatal::Other(format!(
            "cannot create the tables in {}: {e}",
            dir.display()
        ))
    })?;
    let cannot_write = |e: std::io::Error| {
        Fatal::Other(format!("cannot write the tables in {}: {e}", dir.display()))
    };
    // Parsed trees go to the writing thread whole: the builders are not shared.
    run.run(
        &args.common,
        args.inputs,
        |_, cable| cable,
        |_, cable| out.push(&cable),
    )?;
    let written = out.finish().map_err(cannot_write)?;
    if !run.quiet {
        let files: Vec<String> = written
            .iter()
            .map(|w| format!("{} ({} rows)", w.path.display(), w.rows))
            .collect();
        eprintln!("cable: wrote {}", files.join(", "));
    }
    Ok(run.finish(true))
}

pub(crate) fn stats(args: StatsArgs) -> Result<ExitCode, Fatal> {
    if args.quality {
        return quality(args);
    }
    let mut run = Run::new(&args.common, &args.inputs, false);
    let mut stats = Stats::default();
    run.run(
        &args.common,
        args.inputs,
        |_, cable| Summary::new(&cable),
        |_, summary| {
            stats.add(summary);
            Ok(())
        },
    )?;
    for (kind, n) in &run.failed {
        stats.failed.insert(kind.name().to_string(), *n);
    }
    let mut out = output(None)?;
    if args.json {
        writeln!(out, "{}", stats.to_json(args.top))?;
    } else {
        out.write_all(stats.to_text(args.top).as_bytes())?;
    }
    out.flush()?;
    Ok(run.finish(true))
}

/// `stats --quality`: the quality report of the inputs.
fn quality(args: StatsArgs) -> Result<ExitCode, Fatal> {
    let mut run = Run::new(&args.common, &args.inputs, false);
    let mut report = QualityReport::default();
    run.run(
        &args.common,
        args.inputs,
        |item, cable| {
            let mut quality = Quality::of(&cable);
            // A cable without an id is shown by where it came from.
            if quality.id.is_none() {
                quality.id = Some(item.origin.to_string());
            }
            quality
        },
        |_, quality| {
            report.add(&quality);
            Ok(())
        },
    )?;
    let mut out = output(None)?;
    if args.json {
        writeln!(out, "{}", report.to_json())?;
    } else {
        out.write_all(report.to_text().as_bytes())?;
    }
    out.flush()?;
    Ok(run.finish(true))
}
