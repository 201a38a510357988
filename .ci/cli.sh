#!/usr/bin/env bash
# CI step for the `cable` command and the benchmarks, beyond the root `cargo test`
# (which already runs examples/tests/cli.rs): the criterion benchmarks must compile.
# The large-archive timing (benches/make_archive.sh) is never run in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench -p cable-benches --no-run
cargo clippy -p cable-cli -p cable-benches --no-deps --all-targets -- -D warnings
