//! Tests for the metrics module. The shared vectors are read from
//! `$CARGO_MANIFEST_DIR/tests/data/metrics_vectors.json`.

mod properties;
mod reader;
mod unit;
mod vectors;

/// How many random cases a property test runs: `full` in an optimised
/// build, a tenth in a debug build (the default `cargo test`), or
/// `$COURSEGEN_TEST_CASES` when set.
pub(super) fn cases(full: usize) -> usize {
    std::env::var("COURSEGEN_TEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            full.div_ceil(10)
        } else {
            full
        })
}
