//! Parallel work over a stream of cables, in input order and bounded memory.
//!
//! The stream is cut into batches of at most [`Settings::batch_items`] cables and
//! [`Settings::batch_bytes`] bytes. Each batch is processed on the rayon pool
//! (`par_iter`, which keeps the order), while the calling thread delivers the
//! previous batch's results to the sink and reads the next batch
//! (`rayon::join`). So at most three batches are alive at once, whatever the size
//! of the input, and with one thread the work is plainly sequential.

use std::io;

use rayon::prelude::*;

use crate::input::{Failure, Item, Origin, Payload};

/// How to cut the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Cables per batch, at most.
    pub batch_items: usize,
    /// Bytes of input per batch, at most (a batch holds at least one cable).
    pub batch_bytes: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            batch_items: 256,
            batch_bytes: 1024 * 1024,
        }
    }
}

/// The result of one cable.
pub type Outcome<T> = Result<T, Failure>;

fn read_batch(inputs: &mut impl Iterator<Item = Item>, settings: &Settings) -> Vec<Item> {
    let mut batch = Vec::new();
    let mut bytes = 0u64;
    while batch.len() < settings.batch_items.max(1) && bytes < settings.batch_bytes {
        let Some(item) = inputs.next() else { break };
        bytes += item.origin.bytes;
        batch.push(item);
    }
    batch
}

fn process<T, F>(batch: Vec<Item>, work: &F) -> Vec<(Origin, Outcome<T>)>
where
    T: Send,
    F: Fn(&Item) -> Outcome<T> + Sync,
{
    batch
        .into_par_iter()
        .with_max_len(1)
        .map(|item| {
            let outcome = match &item.payload {
                Payload::Failed(failure) => Err(failure.clone()),
                _ => work(&item),
            };
            (item.origin, outcome)
        })
        .collect()
}

fn deliver<T, S>(results: Vec<(Origin, Outcome<T>)>, sink: &mut S) -> io::Result<()>
where
    S: FnMut(&Origin, Outcome<T>) -> io::Result<()>,
{
    for (origin, outcome) in results {
        sink(&origin, outcome)?;
    }
    Ok(())
}

/// Runs `work` on every cable of `inputs` on the current rayon pool and hands the
/// outcomes to `sink` in input order. Stops at the first error of the sink (for
/// instance a closed output) and returns it.
///
/// Call it inside [`rayon::ThreadPool::install`] to choose the number of threads.
pub fn run<I, T, F, S>(mut inputs: I, settings: &Settings, work: F, mut sink: S) -> io::Result<()>
where
    I: Iterator<Item = Item> + Send,
    T: Send,
    F: Fn(&Item) -> Outcome<T> + Sync,
    S: FnMut(&Origin, Outcome<T>) -> io::Result<()> + Send,
{
    let mut next = read_batch(&mut inputs, settings);
    let mut done: Option<Vec<(Origin, Outcome<T>)>> = None;
    while !next.is_empty() {
        let current = std::mem::take(&mut next);
        let (delivered, results) = rayon::join(
            || {
                let delivered = done.take().map_or(Ok(()), |d| deliver(d, &mut sink));
                if delivered.is_ok() {
                    next = read_batch(&mut inputs, settings);
                }
                delivered
            },
            || process(current, &work),
        );
        delivered?;
        done = Some(results);
    }
    done.map_or(Ok(()), |d| deliver(d, &mut sink))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::FailureKind;

    fn item(n: usize) -> Item {
        let origin = Origin {
            source: "x".into(),
            row: Some(n),
            line: None,
            bytes: 10,
        };
        let payload = if n % 7 == 3 {
            Payload::Failed(Failure::new(FailureKind::MalformedRow, "bad"))
        } else {
            Payload::File(n.to_string().into_bytes())
        };
        Item { origin, payload }
    }

    #[test]
    fn keeps_order_across_batches_and_threads() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let settings = Settings {
            batch_items: 5,
            batch_bytes: 1000,
        };
        let mut seen = Vec::new();
        pool.install(|| {
            run(
                (0..103).map(item),
                &settings,
                |item| match &item.payload {
                    Payload::File(t) => Ok(String::from_utf8_lossy(t).parse::<usize>().unwrap()),
                    _ => unreachable!(),
                },
                |origin, outcome| {
                    seen.push((origin.row.unwrap(), outcome.ok()));
                    Ok(())
                },
            )
        })
        .unwrap();
        let expected: Vec<_> = (0..103).map(|n| (n, (n % 7 != 3).then_some(n))).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn byte_limit_cuts_batches() {
        let settings = Settings {
            batch_items: 100,
            batch_bytes: 25,
        };
        let mut items = (0..10).map(item);
        assert_eq!(read_batch(&mut items, &settings).len(), 3);
    }

    #[test]
    fn sink_error_stops_the_run() {
        let settings = Settings {
            batch_items: 2,
            batch_bytes: 1000,
        };
        let mut calls = 0;
        let err = run(
            (0..50).map(item),
            &settings,
            |_| Ok(()),
            |_, _| {
                calls += 1;
                if calls == 3 {
                    Err(io::Error::new(io::ErrorKind::BrokenPipe, "closed"))
                } else {
                    Ok(())
                }
            },
        )
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::BrokenPipe);
        assert_eq!(calls, 3);
    }
}
