//! Timing: each operation run a few times to warm up, then `runs` times;
//! the median and the 99th percentile (the slowest run below 100 runs).

use std::time::{Duration, Instant};

#[derive(Clone, Copy)]
pub struct Stats {
    pub p50: Duration,
    pub p99: Duration,
}

pub fn sample<T>(runs: usize, f: impl FnMut(usize) -> T) -> Stats {
    sample_after(runs, |_| (), f)
}

/// As [`sample`], with `before` run untimed ahead of each run of `f` (a
/// write by another connection that `f` is to pay the consequences of).
pub fn sample_after<B, T>(
    runs: usize,
    mut before: impl FnMut(usize) -> B,
    mut f: impl FnMut(usize) -> T,
) -> Stats {
    for i in 0..2 {
        std::hint::black_box(before(i));
        std::hint::black_box(f(i));
    }
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|i| {
            std::hint::black_box(before(i + 2));
            let start = Instant::now();
            std::hint::black_box(f(i + 2));
            start.elapsed()
        })
        .collect();
    times.sort();
    let at = |p: f64| {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "an index into a short list"
        )]
        let i = ((times.len() - 1) as f64 * p).ceil() as usize;
        times[i]
    };
    Stats {
        p50: at(0.5),
        p99: at(0.99),
    }
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One line of the table: what, how many rows it returns, the core's time,
/// the floor's (hand-written SQL for the same rows) and the goal.
pub struct Line {
    pub what: String,
    pub rows: String,
    pub core: Stats,
    pub floor: Stats,
    pub goal: &'static str,
}

pub fn print(lines: &[Line]) {
    println!(
        "| operation | rows | core p50 / p99 (ms) | floor p50 / p99 (ms) | core ÷ floor (p50) | goal (p99) |"
    );
    println!("|---|---|---|---|---|---|");
    for l in lines {
        println!(
            "| {} | {} | {:.2} / {:.2} | {:.2} / {:.2} | {:.1}× | {} |",
            l.what,
            l.rows,
            ms(l.core.p50),
            ms(l.core.p99),
            ms(l.floor.p50),
            ms(l.floor.p99),
            l.core.p50.as_secs_f64() / l.floor.p50.as_secs_f64().max(1e-9),
            l.goal
        );
    }
}
