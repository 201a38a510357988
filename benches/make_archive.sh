#!/usr/bin/env bash
# Builds a synthetic archive from the test corpus (the text exports repeated to
# SIZE_MB megabytes, as one cables.csv and, with TXT=1, as text files) and times
# `cable export` over it with /usr/bin/time -v, at 1 thread and at all cores.
#
#   benches/make_archive.sh [SIZE_MB] [DIR]       # default: 1024 MB in target/archive
#   TXT=1 benches/make_archive.sh 200             # also the text files, and time them
#   KEEP=1 benches/make_archive.sh 64             # keep the archive and outputs
#   FORMATS=csv benches/make_archive.sh           # time only the CSV export (default: "csv jsonl parquet")
#
# Not part of CI: at 1 GB it takes minutes and needs ~3 GB of disk.
set -euo pipefail

SIZE_MB=${1:-1024}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=${2:-$ROOT/target/archive}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
CORES=$(nproc)

cd "$ROOT"
cargo build --profile artifact -p cable-cli -p cable-benches --bins --features cable-cli/parquet
rm -rf "$DIR"
"$TARGET/artifact/make_archive" --size-mb "$SIZE_MB" --out "$DIR" ${TXT:+--txt}

echo
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB"
echo "cable: $("$TARGET/artifact/cable" --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# One timed export: prints input, format, threads, wall time, peak RSS and the summary line.
timed() {
    local input=$1 format=$2 threads=$3 log="$DIR/time.log"
    /usr/bin/time -v "$TARGET/artifact/cable" export "$input" --format "$format" --threads "$threads" \
        -o "$DIR/out.$format" 2> "$log" || true
    local wall cpu rss summary
    wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {printf "%.1fs", s}' "$log")
    # Cores actually used: CPU time over wall time (on a shared machine, less than asked).
    local secs used
    secs=$(echo "$wall" | awk -F: '{t = 0; for (i = 1; i <= NF; i++) t = t * 60 + $i; print t}')
    used=$(awk -v c="${cpu%s}" -v w="$secs" 'BEGIN {printf "%.2f", (w > 0 ? c / w : 0)}')
    rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
    # The last summary line (parquet and arrow print the files they wrote before it).
    summary=$(grep '^cable:' "$log" | tail -n1 | sed 's/^cable: //')
    local size
    size=$(du -sb "$DIR/out.$format" | awk '{printf "%.1f", $1 / 1e6}')
    printf '%-12s %-7s threads=%-2s wall=%-9s cpu=%-8s cores_used=%-5s peak_rss=%5d MB  output=%7s MB  %s\n' \
        "$(basename "$input")" "$format" "$threads" "$wall" "$cpu" "$used" $((rss / 1024)) "$size" "$summary"
}

for input in "$DIR/cables.csv" ${TXT:+"$DIR/txt"}; do
    for threads in 1 "$CORES"; do
        for format in ${FORMATS:-csv jsonl parquet}; do
            timed "$input" "$format" "$threads"
        done
    done
done

if [ -z "${KEEP:-}" ]; then
    rm -rf "$DIR"
fi
