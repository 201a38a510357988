#!/usr/bin/env bash
# Runs every fuzz target in turn (one job at a time), SECONDS each (default 300), and
# prints each one's executions and coverage. Logs go to logs/<target>.log, new inputs to
# corpus/<target>/, crashes and timeouts to artifacts/<target>/.
#   ./run-all.sh [SECONDS] [TARGET...]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
secs=${1:-300}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
[ -d corpus ] || ./seed.sh
mkdir -p logs
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/../../target/fuzz}
cargo fuzz build -s none
for t in "${targets[@]}"; do
  start=$(date +%s)
  status=0
  cargo fuzz run -s none "$t" -- -max_total_time="$secs" -max_len="${MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048 \
    -dict=cable.dict -print_final_stats=1 >"logs/$t.log" 2>&1 || status=$?
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "logs/$t.log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -E '^#[0-9]+' "logs/$t.log" | tail -n 1 | grep -o 'cov: [0-9]* ft: [0-9]*' || echo "?")
  # When the edge count last grew: a plateau long before the end means the run was long enough.
  plateau=$(grep -E '^#[0-9]+.*cov: ' "logs/$t.log" | awk '{for (i = 1; i <= NF; i++) if ($i == "cov:") c = $(i + 1); if (c != last) { last = c; at = $1 }} END {print at}')
  echo "$t: exit $status, $(( $(date +%s) - start ))s, $execs execs, $cov, edges last grew at ${plateau:--}"
done
