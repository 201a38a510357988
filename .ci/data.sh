#!/usr/bin/env bash
# The data stack's check, from a bare machine with Python >= 3.9 and Rust (rustup):
#   1. a Java runtime for Spark: Debian's default-jre-headless when `java` is missing or
#      older than 17;
#   2. into the Python suite's venv (.ci/python.sh made it, with the built wheel; made
#      here when missing, with the wheel of target/artifacts/): pyspark, pyarrow, pandas,
#      polars, duckdb;
#   3. the Spark job in local[2] against `cable export --format parquet` and
#      `cable.read_archive` (examples/spark/test_spark.py), and the README's DuckDB
#      queries (examples/duckdb/test_readme.py). The notebook runs in .ci/python.sh,
#      against the installed wheel.
# Exits non-zero on the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${CABLE_PY_VENV:-$ROOT/target/cable-py-venv}"
DIST="${CABLE_ARTIFACTS:-$ROOT/target/artifacts}"
log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "need root for: $*" >&2
    return 1
  fi
}

# The major version of `java` on PATH (8 for "1.8.0_..."), 0 when there is none.
java_major() {
  command -v java >/dev/null 2>&1 || { echo 0; return; }
  java -version 2>&1 | sed -n 's/.* version "\([0-9.]*\).*/\1/p' | head -n1 |
    awk -F. '{ print ($1 == 1 ? $2 : $1) + 0 }'
}

log "Java runtime (Spark needs 17 or later)"
if [ "$(java_major)" -lt 17 ]; then
  as_root apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends default-jre-headless
  if [ "$(java_major)" -lt 17 ] && [ -d /usr/lib/jvm/default-java ]; then
    export JAVA_HOME=/usr/lib/jvm/default-java
    export PATH="$JAVA_HOME/bin:$PATH"
  fi
fi
java -version 2>&1 | head -n1
[ "$(java_major)" -ge 17 ] || { echo "data.sh: Java 17 or later is needed for Spark" >&2; exit 1; }

log "venv $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV"
fi
# shellcheck disable=SC1091
. "$VENV/bin/activate"
pip_install() { python -m pip install --quiet --disable-pip-version-check --retries 10 --timeout 60 "$@"; }
pip_install --upgrade pip
pip_install pytest "pyspark>=3.5" "pyarrow>=14" pandas polars duckdb
if ! python -c "import cable, cable._cable; cable._cable._to_arrow" >/dev/null 2>&1; then
  wheel=$(ls "$DIST"/cable_py-*.whl 2>/dev/null | head -n1)
  [ -n "$wheel" ] || { echo "data.sh: no cable-py wheel in $DIST: run .ci/python.sh first" >&2; exit 1; }
  log "pip install $wheel[pandas]"
  pip_install "$wheel[pandas]"
fi
python -c "import cable, pyspark, pyarrow, duckdb; print('cable', cable.__version__, '| pyspark', pyspark.__version__, '| pyarrow', pyarrow.__version__, '| duckdb', duckdb.__version__)"

log "Spark job (local[2]) and the README's DuckDB queries"
python -m pytest -q -p no:cacheprovider examples/spark examples/duckdb
