//! Linear growth, tested the way pathological inputs should be: by the ratio of the times
//! of two sizes, not by a fixed bound, so that a slow or busy machine neither hides
//! quadratic work nor fails linear work.

use std::sync::Mutex;
use std::time::Instant;

/// How much longer four times the input may take and still count as linear on a shared
/// machine; quadratic work takes sixteen times as long.
pub const MAX_RATIO: f64 = 8.0;

/// Held while timing, so that the tests of one binary, which run in parallel, do not
/// slow each other's measurements down.
static TIMING: Mutex<()> = Mutex::new(());

/// Runs `run` on `make(size)` and `make(4 * size)`, the best of three runs each, asserts the
/// time grew by at most [`MAX_RATIO`], and returns the larger input's result for the
/// caller's own checks. `size` should make the smaller run take a few hundred
/// milliseconds, so that timer noise is small beside it.
pub fn assert_linear<I, R>(
    what: &str,
    size: usize,
    make: impl Fn(usize) -> I,
    run: impl Fn(&I) -> R,
) -> R {
    let best = |size: usize| {
        let input = make(size);
        let mut best = f64::MAX;
        let mut result = None;
        let _alone = TIMING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        for _ in 0..3 {
            let started = Instant::now();
            let out = run(&input);
            best = best.min(started.elapsed().as_secs_f64());
            result = Some(out);
        }
        (best, result.expect("ran three times"))
    };
    let (small, _) = best(size);
    let (large, result) = best(4 * size);
    let ratio = large / small.max(1e-3);
    assert!(
        ratio <= MAX_RATIO,
        "{what}: four times the input took {ratio:.1} times as long ({small:.3} s, then {large:.3} s)"
    );
    result
}
