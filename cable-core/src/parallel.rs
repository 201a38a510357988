//! Parallel work over a stream, in input order and in bounded memory (feature
//! `parallel`): what the command's pipeline and the Python binding's archive reader share.
//!
//! The stream is cut into batches of at most [`Limits::items`] items and about
//! [`Limits::bytes`] bytes, and each batch is worked on by the current rayon pool; the
//! results come out in input order. [`Ordered`] is an iterator over them (the caller pulls
//! batch by batch); [`for_each`] hands them to a sink and, while one batch is worked on,
//! delivers the previous one's results and reads the next, so that at most three batches
//! are alive at once whatever the size of the stream. With one thread the work is plainly
//! sequential.
//!
//! ```
//! use cable_core::parallel::{Limits, Ordered};
//! let limits = Limits { items: 4, bytes: u64::MAX };
//! let squares: Vec<u64> = Ordered::new(1..=10u64, limits, |_| 1, |n| n * n).collect();
//! assert_eq!(squares, (1..=10).map(|n| n * n).collect::<Vec<_>>());
//! ```

use std::collections::VecDeque;

use rayon::prelude::*;

/// How to cut a stream into batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Items per batch, at most (a batch holds at least one).
    pub items: usize,
    /// Bytes of input per batch: a batch takes no more items once it holds this many.
    pub bytes: u64,
}

/// The stream, cut into batches.
struct Batches<I: Iterator> {
    items: I,
    limits: Limits,
    /// The bytes of input an item accounts for.
    weight: fn(&I::Item) -> u64,
}

impl<I: Iterator> Batches<I> {
    /// The next batch; empty at the end of the stream.
    fn next_batch(&mut self) -> Vec<I::Item> {
        let mut batch = Vec::new();
        let mut bytes = 0u64;
        while batch.len() < self.limits.items.max(1) && bytes < self.limits.bytes {
            let Some(item) = self.items.next() else { break };
            bytes = bytes.saturating_add((self.weight)(&item));
            batch.push(item);
        }
        batch
    }
}

/// Works on a batch on the current pool, keeping its order.
fn work_on<T: Send, U: Send>(batch: Vec<T>, work: &(impl Fn(T) -> U + Sync)) -> Vec<U> {
    // One item per task: cables differ in size by orders of magnitude, so equal shares
    // of items are unequal shares of work.
    batch.into_par_iter().with_max_len(1).map(work).collect()
}

/// The results of `work` on every item of a stream, in input order, worked on a batch at
/// a time by the current rayon pool (call `next` inside [`rayon::ThreadPool::install`]
/// to choose the pool).
///
/// ```
/// use cable_core::parallel::{Limits, Ordered};
/// let texts = ["UNCLAS STATE 000001\n", "SECRET STATE 000002\n"];
/// let limits = Limits { items: 256, bytes: 1 << 20 };
/// let levels: Vec<_> = Ordered::new(texts.into_iter(), limits, |t| t.len() as u64, |t| {
///     cable_core::parse(t).classification_level()
/// })
/// .collect();
/// assert_eq!(levels, [Some(cable_core::Classification::Unclassified), Some(cable_core::Classification::Secret)]);
/// ```
pub struct Ordered<I: Iterator, U, F> {
    batches: Batches<I>,
    work: F,
    /// Results of the last batch not yet taken.
    ready: VecDeque<U>,
}

impl<I, U, F> Ordered<I, U, F>
where
    I: Iterator,
    I::Item: Send,
    U: Send,
    F: Fn(I::Item) -> U + Sync,
{
    /// Works on `items` with `work`, cutting batches by `limits`; `weight` gives the
    /// bytes an item accounts for.
    pub fn new(items: I, limits: Limits, weight: fn(&I::Item) -> u64, work: F) -> Self {
        Ordered {
            batches: Batches {
                items,
                limits,
                weight,
            },
            work,
            ready: VecDeque::new(),
        }
    }
}

impl<I, U, F> Iterator for Ordered<I, U, F>
where
    I: Iterator,
    I::Item: Send,
    U: Send,
    F: Fn(I::Item) -> U + Sync,
{
    type Item = U;

    fn next(&mut self) -> Option<U> {
        if self.ready.is_empty() {
            let batch = self.batches.next_batch();
            self.ready = work_on(batch, &self.work).into();
        }
        self.ready.pop_front()
    }
}

/// Runs `work` on every item of `items` on the current rayon pool and hands the results
/// to `sink` in input order; while a batch is worked on, the previous one's results go
/// to the sink and the next batch is read. Stops at the first error of the sink (for
/// instance a closed output) and returns it.
///
/// Call it inside [`rayon::ThreadPool::install`] to choose the number of threads.
///
/// ```
/// use cable_core::parallel::{for_each, Limits};
/// let mut lengths = Vec::new();
/// let limits = Limits { items: 2, bytes: u64::MAX };
/// for_each(["a", "bb", "ccc"].into_iter(), limits, |_| 1, str::len, |n| {
///     lengths.push(n);
///     Ok::<_, std::io::Error>(())
/// })
/// .unwrap();
/// assert_eq!(lengths, [1, 2, 3]);
/// ```
pub fn for_each<I, U, F, S, E>(
    items: I,
    limits: Limits,
    weight: fn(&I::Item) -> u64,
    work: F,
    mut sink: S,
) -> Result<(), E>
where
    I: Iterator + Send,
    I::Item: Send,
    U: Send,
    F: Fn(I::Item) -> U + Sync,
    S: FnMut(U) -> Result<(), E> + Send,
    E: Send,
{
    let mut batches = Batches {
        items,
        limits,
        weight,
    };
    let mut next = batches.next_batch();
    let mut done: Option<Vec<U>> = None;
    while !next.is_empty() {
        let current = std::mem::take(&mut next);
        let (delivered, results) = rayon::join(
            || {
                let delivered = done
                    .take()
                    .map_or(Ok(()), |d| d.into_iter().try_for_each(&mut sink));
                if delivered.is_ok() {
                    next = batches.next_batch();
                }
                delivered
            },
            || work_on(current, &work),
        );
        delivered?;
        done = Some(results);
    }
    done.map_or(Ok(()), |d| d.into_iter().try_for_each(&mut sink))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_across_batches_and_threads() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let limits = Limits {
            items: 5,
            bytes: 1000,
        };
        // Later items finish first: the order must come from the batches, not the clock.
        let slow = |n: u64| {
            std::thread::sleep(std::time::Duration::from_micros(200 * (n % 5)));
            n * 2
        };
        let mut pushed = Vec::new();
        let pulled: Vec<u64> = pool.install(|| {
            for_each(
                0..103u64,
                limits,
                |_| 10,
                slow,
                |n| {
                    pushed.push(n);
                    Ok::<_, ()>(())
                },
            )
            .unwrap();
            Ordered::new(0..103u64, limits, |_| 10, slow).collect()
        });
        let expected: Vec<u64> = (0..103).map(|n| n * 2).collect();
        assert_eq!(pushed, expected);
        assert_eq!(pulled, expected);
    }

    #[test]
    fn the_byte_limit_cuts_batches() {
        let limits = Limits {
            items: 100,
            bytes: 25,
        };
        let mut batches = Batches {
            items: 0..10u64,
            limits,
            weight: |_| 10,
        };
        assert_eq!(batches.next_batch(), [0, 1, 2]);
        // An item heavier than the limit still makes a batch of one.
        let mut heavy = Batches {
            items: 0..2u64,
            limits,
            weight: |_| 1000,
        };
        assert_eq!(heavy.next_batch(), [0]);
        assert_eq!(heavy.next_batch(), [1]);
        assert!(heavy.next_batch().is_empty());
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let limits = Limits {
            items: 2,
            bytes: 1000,
        };
        let mut calls = 0;
        let err = for_each(
            0..50u64,
            limits,
            |_| 10,
            |n| n,
            |_| {
                calls += 1;
                if calls == 3 {
                    Err("closed")
                } else {
                    Ok(())
                }
            },
        )
        .unwrap_err();
        assert_eq!(err, "closed");
        assert_eq!(calls, 3);
    }
}
