#!/usr/bin/env bash
# The Python binding's check, from a bare machine with Python >= 3.9 and Rust (rustup):
# a fresh venv, `pip install ./cable-py[pandas]` (pandas and pyarrow; maturin builds it
# from source), polars and duckdb (which read its Arrow tables), the
# stub freshness check, `mypy --strict` on a sample script, then the pytest suite and
# the parse_many timing. Exits non-zero on the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${CABLE_PY_VENV:-$ROOT/target/cable-py-venv}"

command -v cargo >/dev/null || { echo "python.sh: cargo not found; install Rust with rustup" >&2; exit 1; }
command -v "$PYTHON" >/dev/null || { echo "python.sh: $PYTHON not found" >&2; exit 1; }

echo "== venv $VENV"
"$PYTHON" -m venv --clear "$VENV"
# shellcheck disable=SC1091
. "$VENV/bin/activate"
python -m pip install --quiet --upgrade pip
python -m pip install --quiet maturin pytest mypy pandas pyarrow polars duckdb

echo "== pip install ./cable-py[pandas] (maturin, release build)"
python -m pip install --quiet "./cable-py[pandas]"
python -c "import cable; print('cable', cable.__version__, 'from', cable.__file__)"

echo "== stub is fresh"
python cable-py/scripts/gen_stubs.py --check

echo "== mypy --strict on a sample script"
mypy --strict --cache-dir "$VENV/.mypy_cache" cable-py/tests/typing_sample.py
python cable-py/tests/typing_sample.py examples/09ASTANA1145.txt > /dev/null

echo "== pytest"
python -m pytest -q -p no:cacheprovider cable-py/tests

echo "== parse_many vs a loop of parse, whole corpus"
python cable-py/scripts/bench_parse_many.py
