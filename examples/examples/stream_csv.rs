//! Streams a `cables.csv` archive row by row in constant memory, printing the
//! reference id, date and subject of each cable and reporting malformed rows.
//!
//! ```sh
//! cargo run --example stream_csv -- cables.csv
//! cargo run --example stream_csv          # a small archive built from the sample cable
//! ```

use std::io::BufReader;

use cable_core::csv::Records;
use cable_core::Options;

fn main() -> std::io::Result<()> {
    let reader: Box<dyn std::io::BufRead> = match std::env::args().nth(1) {
        Some(path) => Box::new(BufReader::new(std::fs::File::open(path)?)),
        None => {
            // Three rows made from the sample text export, the second one broken.
            let text =
                std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/09ASTANA1145.txt"))?;
            let row = |n| cable_cli::synth::csv_row(n, &text).expect("the sample has metadata");
            let data = format!("{}2,\"07/09/2009 00:00\",\"09BROKEN1\n{}", row(1), row(3));
            Box::new(std::io::Cursor::new(data.into_bytes()))
        }
    };
    let options = Options::new();
    let (mut ok, mut bad) = (0, 0);
    for record in Records::new(reader) {
        match record {
            Ok(record) => {
                let cable = cable_core::parse_record(&record, &options)
                    .expect("lenient parsing never fails");
                let meta = cable.metadata.as_ref();
                let subject = cable.subject().unwrap_or("");
                println!(
                    "{:>7}  {:<20} {:<26} {}",
                    record.row,
                    meta.map_or("?", |m| m.reference_id.as_str()),
                    meta.and_then(|m| m.date.as_deref()).unwrap_or("?"),
                    subject
                );
                ok += 1;
            }
            Err(e) => {
                eprintln!("malformed {e}");
                bad += 1;
            }
        }
    }
    eprintln!("{ok} cables, {bad} malformed rows");
    Ok(())
}
