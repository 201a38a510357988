#!/usr/bin/env bash
# Builds the libFuzzer targets of cable-core (cable-core/fuzz), installing cargo-fuzz when
# it is missing, then runs each target briefly (the real cables of the test corpus, then
# a few hundred mutations with a fixed seed) as a smoke test.
# Running the fuzzers for real is described in cable-core/fuzz/README.md.
#   FUZZ_SMOKE_RUNS=N  inputs per target in the smoke run (default 300; 0 skips it)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi
cargo fuzz --version

# Its own target dir: the instrumented build must not evict the workspace's artefacts.
export CARGO_TARGET_DIR="$root/target/fuzz"
cd cable-core/fuzz
# `-s none`: no sanitizer, so the stable toolchain builds it (the code under test is safe
# Rust; libFuzzer's coverage instrumentation works on stable).
cargo fuzz build -s none

runs=${FUZZ_SMOKE_RUNS:-300}
if [ "$runs" -gt 0 ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  seeds="$root/cable-core/tests/corpus"
  for target in $(cargo fuzz list); do
    mkdir -p "$scratch/$target"
    # Seeded with real cables (read only: new inputs go to the scratch folder).
    case $target in
      html_pre_*) seed=$seeds/cablegate-html ;;
      html_page_*) seed=$seeds/cablegate-page ;;
      *) seed=$seeds/cablegate-txt ;;
    esac
    cargo fuzz run -s none "$target" "$scratch/$target" "$seed" -- \
      -seed=1 -runs="$(($(ls "$seed" | wc -l) + runs))" -max_len=4096 -timeout=10 -dict=cable.dict >"$scratch/$target.log" 2>&1 || {
      cat "$scratch/$target.log" >&2
      echo "fuzz target $target failed its smoke run" >&2
      exit 1
    }
    echo "fuzz target $target: $(ls "$seed" | wc -l) cables and $runs mutations, no crash"
  done
fi
