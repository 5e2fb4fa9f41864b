//! Many documents in parallel, written in input order.
//!
//! A reader thread pulls items from ingest into a bounded channel; rayon
//! workers process them; the caller's thread puts results back in input order
//! and hands them to the sink. Memory is bounded by the channel capacity, not
//! by the size of the input.

use std::collections::BTreeMap;

use crossbeam_channel::bounded;
use rayon::iter::{ParallelBridge, ParallelIterator};

/// Runs `process` over `items` on the rayon pool and calls `sink` with the
/// results in input order. Returns the number of items processed.
pub fn run_ordered<I, T, O, P, S>(items: I, capacity: usize, process: P, mut sink: S) -> usize
where
    I: Iterator<Item = T> + Send,
    T: Send,
    O: Send,
    P: Fn(T) -> O + Sync + Send,
    S: FnMut(O),
{
    let capacity = capacity.max(1);
    let (tx_in, rx_in) = bounded::<(usize, T)>(capacity);
    let (tx_out, rx_out) = bounded::<(usize, O)>(capacity);
    let mut written = 0usize;
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for (seq, item) in items.enumerate() {
                if tx_in.send((seq, item)).is_err() {
                    break;
                }
            }
        });
        let process = &process;
        scope.spawn(move || {
            rx_in.into_iter().par_bridge().for_each_with(tx_out, |tx, (seq, item)| {
                let _ = tx.send((seq, process(item)));
            });
        });
        let mut pending: BTreeMap<usize, O> = BTreeMap::new();
        for (seq, out) in rx_out {
            pending.insert(seq, out);
            while let Some(out) = pending.remove(&written) {
                sink(out);
                written += 1;
            }
        }
    });
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_input_order_under_uneven_work() {
        let mut seen = Vec::new();
        let n = run_ordered(
            0..500u64,
            8,
            |i| {
                // uneven work so that results finish out of order
                let spins = (i * 7919) % 1000;
                let mut x = i;
                for _ in 0..spins * 100 {
                    x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
                }
                std::hint::black_box(x);
                i
            },
            |i| seen.push(i),
        );
        assert_eq!(n, 500);
        assert_eq!(seen, (0..500).collect::<Vec<_>>());
    }
}
