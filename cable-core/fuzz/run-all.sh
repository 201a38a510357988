#!/usr/bin/env bash
# Runs fuzz targets one after the other until each stops finding new coverage, and prints
# each one's executions, minutes and edges. Logs go to logs/<target>.log, new inputs to
# corpus/<target>/, crashes and timeouts to artifacts/<target>/.
#   ./run-all.sh [MAX_SECONDS] [TARGET...]
# A target stops when its edge count (libFuzzer's `cov:`) has not grown for PLATEAU
# seconds (default 300), or after MAX_SECONDS (default 1200), whichever comes first; the
# summary line says which. PLATEAU=0 runs every target for MAX_SECONDS.
# A target also reads the corpus of its twin (`x_lenient` <-> `x_strict`), so the second of
# a pair starts from what the first found. Two lanes fit a 2-core machine:
#   ./run-all.sh 1200 text_export_lenient text_export_strict & ./run-all.sh 1200 html_pre_lenient ...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
max=${1:-1200}
shift || true
plateau=${PLATEAU:-300}
cpu_budget=${CPU:-0}
tick=$(getconf CLK_TCK)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo fuzz list)
[ -d corpus ] || ./seed.sh
mkdir -p logs
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/../../target/fuzz}
cargo fuzz build -s none >&2
bin=$CARGO_TARGET_DIR/x86_64-unknown-linux-gnu/release

# CPU seconds (user + system) a running process has used so far; 0 once it is gone.
cpu_of() { awk -v t="$tick" '{ print int(($14 + $15) / t) }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# The last `cov:` figure of a libFuzzer log (empty before the first status line).
edges() { grep -oE '^#[0-9]+.*cov: [0-9]+' "$1" | tail -n 1 | grep -oE '[0-9]+$' || true; }

for t in "${targets[@]}"; do
  case $t in
    *_lenient) twin=corpus/${t%_lenient}_strict ;;
    *_strict) twin=corpus/${t%_strict}_lenient ;;
    *) twin= ;;
  esac
  extra=()
  [ -n "$twin" ] && [ -d "$twin" ] && extra=("$twin")
  mkdir -p "corpus/$t" "artifacts/$t"
  log=logs/$t.log
  start=$(date +%s)
  "$bin/$t" -artifact_prefix="artifacts/$t/" -max_total_time="$max" -max_len="${MAX_LEN:-4096}" \
    -timeout=10 -rss_limit_mb=2048 -dict=cable.dict -print_final_stats=1 \
    "corpus/$t" "${extra[@]}" >"$log" 2>&1 &
  pid=$!
  last=
  grew=$start
  stop=cap
  cpu=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 5
    now=$(date +%s)
    c=$(cpu_of "$pid")
    [ "$c" -gt 0 ] && cpu=$c
    if [ "$cpu_budget" -gt 0 ] && [ "$cpu" -ge "$cpu_budget" ]; then
      stop=cpu
      kill -INT "$pid" 2>/dev/null || true
      break
    fi
    cov=$(edges "$log")
    if [ "$cov" != "$last" ]; then last=$cov; grew=$now; fi
    if [ "$plateau" -gt 0 ] && [ -n "$cov" ] && [ $((now - grew)) -ge "$plateau" ]; then
      stop=plateau
      kill -INT "$pid" 2>/dev/null || true # libFuzzer prints its final stats on SIGINT
      break
    fi
  done
  status=0
  wait "$pid" || status=$?
  # 72 is libFuzzer's exit code when interrupted, which is how a plateau ends a run; a
  # target that stops on its own before the cap with another code found something (77: a
  # crash or a failed check, 70: a timeout, 71: out of memory).
  if [ "$stop" != cap ] && [ "$status" = 72 ]; then status=0; fi
  if [ "$stop" = cap ] && [ "$status" != 0 ] && [ "$status" != 72 ]; then stop=finding; fi
  end=$(date +%s)
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  first=$(grep -oE '^#[0-9]+.*INITED.*cov: [0-9]+' "$log" | grep -oE '[0-9]+$' | head -n 1 || true)
  ft=$(grep -oE '^#[0-9]+.* ft: [0-9]+' "$log" | tail -n 1 | grep -oE '[0-9]+$' || true)
  echo "$t: exit $status, $(((end - start + 30) / 60)) min ($((end - start)) s) wall, $((cpu / 60)) CPU-min ($cpu s), $execs execs," \
    "edges ${first:-?} after seeds -> $(edges "$log") (ft ${ft:-?}), last new edge $((grew - start)) s in," \
    "stopped by $stop, $(ls "artifacts/$t" | wc -l) artifacts"
done
