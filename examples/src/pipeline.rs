//! Parallel work over the stream of cables, in input order and bounded memory: the
//! inputs cut into batches ([`BATCH`]) and worked on by the current rayon pool, with
//! [`cable_core::parallel::for_each`], the engine the Python binding's archive reader
//! shares. While a batch is parsed, the previous one's results are written and the next
//! one is read, so at most three batches are alive at once, whatever the size of the
//! input.

use std::io;

use cable_core::parallel::{self, Limits};

use crate::input::{CableInput, Failure, Origin, Payload};

/// How the stream is cut: 256 cables, or 1 MiB of input, per batch.
pub const BATCH: Limits = Limits {
    items: 256,
    bytes: 1024 * 1024,
};

/// The result of one cable.
pub type Outcome<T> = Result<T, Failure>;

/// Runs `work` on every cable of `inputs` on the current rayon pool and hands the
/// outcomes to `sink` in input order; an input that could not be read goes to the sink as
/// its failure, without `work`. Stops at the first error of the sink (for instance a
/// closed output) and returns it.
///
/// Call it inside [`rayon::ThreadPool::install`] to choose the number of threads.
pub fn run<I, T, F, S>(inputs: I, limits: Limits, work: F, mut sink: S) -> io::Result<()>
where
    I: Iterator<Item = CableInput> + Send,
    T: Send,
    F: Fn(&CableInput) -> Outcome<T> + Sync,
    S: FnMut(&Origin, Outcome<T>) -> io::Result<()> + Send,
{
    let outcome = |item: CableInput| {
        let outcome = match &item.payload {
            Payload::Failed(failure) => Err(failure.clone()),
            _ => work(&item),
        };
        (item.origin, outcome)
    };
    let weight = |item: &CableInput| item.origin.bytes;
    parallel::for_each(inputs, limits, weight, outcome, |(origin, outcome)| {
        sink(&origin, outcome)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::FailureKind;

    fn item(n: usize) -> CableInput {
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
        CableInput { origin, payload }
    }

    #[test]
    fn failed_inputs_reach_the_sink_in_order_without_the_work() {
        let limits = Limits {
            items: 5,
            bytes: 1000,
        };
        let mut seen = Vec::new();
        run(
            (0..30).map(item),
            limits,
            |item| match &item.payload {
                Payload::File(t) => Ok(String::from_utf8_lossy(t).parse::<usize>().unwrap()),
                _ => unreachable!("failed inputs are not worked on"),
            },
            |origin, outcome| {
                seen.push((origin.row.unwrap(), outcome.ok()));
                Ok(())
            },
        )
        .unwrap();
        let expected: Vec<_> = (0..30).map(|n| (n, (n % 7 != 3).then_some(n))).collect();
        assert_eq!(seen, expected);
    }
}
