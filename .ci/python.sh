#!/usr/bin/env bash
# The Python binding's check, from a bare machine with Python >= 3.9 and Rust (rustup).
# Everything is tested on the built artifacts, never on the source tree:
#   1. build, in a venv of build tools (maturin, and ziglang from PyPI as the linker):
#      the abi3 wheel for manylinux2014 (glibc 2.17: maturin --zig) and the sdist, into
#      target/artifacts/ (CABLE_ARTIFACTS); check the wheel's tag (file name and WHEEL), that it
#      holds the stubs and py.typed, its extras, its version, and print its size;
#   2. the install test: a fresh venv, run with no Rust toolchain on PATH, installs the
#      wheel with its [pandas] extra and the notebook's tools (binary wheels only),
#      imports cable, parses examples/09ASTANA1145.txt and runs the notebook
#      examples/notebooks/tour.ipynb against it;
#   3. the test suite against that installed wheel (cargo back on PATH: the tests compare
#      with the Rust library's JSON): stub freshness, `mypy --strict` on a sample script,
#      pytest, the parse_many timing;
#   4. the sdist: pip builds a wheel from it (maturin, Rust) in a fresh venv, which then
#      imports cable and parses the sample cable.
# The test venv (target/cable-py-venv, CABLE_PY_VENV) is left for .ci/data.sh.
# Exits non-zero on the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="${CABLE_PY_VENV:-$ROOT/target/cable-py-venv}"
BUILD_VENV="$ROOT/target/cable-py-build-venv"
DIST="${CABLE_ARTIFACTS:-$ROOT/target/artifacts}"
SAMPLE="$ROOT/examples/09ASTANA1145.txt"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
log() { printf '\n== %s\n' "$*"; }

command -v cargo >/dev/null || { echo "python.sh: cargo not found; install Rust with rustup" >&2; exit 1; }
command -v "$PYTHON" >/dev/null || { echo "python.sh: $PYTHON not found" >&2; exit 1; }
[ -n "$VERSION" ] || { echo "python.sh: no version in Cargo.toml" >&2; exit 1; }
pip_in() { # VENV ARGS...: pip of that venv, quiet
  local venv=$1
  shift
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --retries 10 --timeout 60 "$@"
}

log "build tools: maturin and ziglang ($BUILD_VENV)"
[ -x "$BUILD_VENV/bin/python" ] || "$PYTHON" -m venv "$BUILD_VENV"
pip_in "$BUILD_VENV" --upgrade pip
pip_in "$BUILD_VENV" "maturin>=1.5,<2" ziglang
"$BUILD_VENV/bin/maturin" --version

log "the wheel (abi3, manylinux2014, maturin --zig) and the sdist into $DIST"
mkdir -p "$DIST"
rm -f "$DIST"/cable_py-*.whl "$DIST"/cable_py-*.tar.gz
PATH="$BUILD_VENV/bin:$PATH" maturin build --profile artifact --zig --compatibility manylinux2014 \
  -m cable-py/Cargo.toml --out "$DIST"
PATH="$BUILD_VENV/bin:$PATH" maturin sdist -m cable-py/Cargo.toml --out "$DIST"
WHEEL=$(ls "$DIST"/cable_py-*.whl)
SDIST=$(ls "$DIST"/cable_py-*.tar.gz)
[ "$(echo "$WHEEL" | wc -l)" = 1 ] || { echo "python.sh: more than one wheel in $DIST" >&2; exit 1; }

log "what the wheel holds"
"$BUILD_VENV/bin/python" - "$WHEEL" "$SDIST" "$VERSION" <<'PY'
import sys, zipfile, tarfile, os
wheel, sdist, version = sys.argv[1:]
name = os.path.basename(wheel)
problems = []
prefix = f"cable_py-{version}-cp39-abi3-"
platforms = set(name[len(prefix):-len(".whl")].split(".")) if name.startswith(prefix) and name.endswith(".whl") else set()
if platforms != {"manylinux2014_x86_64", "manylinux_2_17_x86_64"}:
    problems.append(f"wheel name {name}: expected {prefix}manylinux2014_x86_64.manylinux_2_17_x86_64.whl (abi3, glibc 2.17)")
with zipfile.ZipFile(wheel) as z:
    files = z.namelist()
    info = f"cable_py-{version}.dist-info"
    tags = [l.split(": ", 1)[1] for l in z.read(f"{info}/WHEEL").decode().splitlines() if l.startswith("Tag: ")]
    meta = z.read(f"{info}/METADATA").decode().splitlines()
for tag in ["cp39-abi3-manylinux_2_17_x86_64", "cp39-abi3-manylinux2014_x86_64"]:
    if tag not in tags:
        problems.append(f"WHEEL has no Tag: {tag} ({tags})")
for need in ["cable/__init__.py", "cable/__init__.pyi", "cable/py.typed"]:
    if need not in files:
        problems.append(f"the wheel has no {need}")
if not any(f.startswith("cable/_cable") and f.endswith(".so") for f in files):
    problems.append("the wheel has no extension module cable/_cable*.so")
extras = {l.split(": ", 1)[1] for l in meta if l.startswith("Provides-Extra: ")}
if not {"pandas", "arrow"} <= extras:
    problems.append(f"extras {sorted(extras)}: pandas and arrow are needed")
if f"Version: {version}" not in meta:
    problems.append(f"METADATA does not say Version: {version}")
with tarfile.open(sdist) as t:
    members = t.getnames()
for need in ["pyproject.toml", "cable-core/grammar/body.pest", "cable-core/data/release-ids.bin", "python/cable/__init__.pyi"]:
    if not any(m.endswith("/" + need) for m in members):
        problems.append(f"the sdist has no {need}")
if problems:
    sys.exit("python.sh: " + "\n  ".join(problems))
print(f"{name}: {os.path.getsize(wheel):,} bytes; tags {', '.join(tags)}; extras {', '.join(sorted(extras))}")
print(f"{os.path.basename(sdist)}: {os.path.getsize(sdist):,} bytes, {len(members)} files")
PY

log "the extension asks for no glibc symbol newer than 2.17"
so_dir=$(mktemp -d)
"$BUILD_VENV/bin/python" -m zipfile -e "$WHEEL" "$so_dir"
newest=$(objdump -T "$so_dir"/cable/_cable*.so | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n1)
rm -rf "$so_dir"
echo "newest glibc symbol version: $newest"
[ "$(printf '%s\n2.17\n' "$newest" | sort -V | tail -n1)" = 2.17 ] ||
  { echo "python.sh: the extension needs glibc $newest, above manylinux2014's 2.17" >&2; exit 1; }

log "install test: the wheel in a fresh venv, no Rust on PATH ($VENV)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
pip_in "$VENV" --upgrade pip
# A clean environment: the venv, then the system's directories (no ~/.cargo/bin).
norust() {
  env -i HOME="$HOME" LANG=C.UTF-8 PATH="$VENV/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    ${PIP_INDEX_URL:+PIP_INDEX_URL=$PIP_INDEX_URL} "$@"
}
norust sh -c '! command -v cargo && ! command -v rustc && ! command -v rustup' >/dev/null ||
  { echo "python.sh: a Rust toolchain is on the install test's PATH" >&2; exit 1; }
# Binary wheels only: nothing may be built from source here.
norust python -m pip install --quiet --disable-pip-version-check --retries 10 --timeout 60 --only-binary :all: \
  "$WHEEL[pandas]" matplotlib duckdb nbclient nbformat ipykernel
(cd /tmp && norust python - "$SAMPLE" "$VERSION" "$VENV" <<'PY'
import sys
from pathlib import Path
import cable
sample, version, venv = sys.argv[1:]
assert Path(cable.__file__).resolve().is_relative_to(Path(venv).resolve()), f"cable from {cable.__file__}, not the venv"
assert cable.__version__ == version, (cable.__version__, version)
c = cable.parse_file(sample)
assert c.id == "09ASTANA1145", c.id
assert c.body.subject.text == "KAZAKHSTAN: RBK CUSTOMS UNION, WTO, AND THE WAY FORWARD", c.body.subject.text
assert [r.cited_id for r in c.body.references] == ["09ASTANA1018", "09ASTANA1005", "09ASTANA830"]
assert all(r.in_release for r in c.body.references)
print(f"cable {cable.__version__} from {cable.__file__}: {c.id}, {c.body.subject.text!r}")
PY
)
norust python examples/notebooks/run.py

log "test suite against the installed wheel"
pip_in "$VENV" --only-binary :all: pytest mypy pyarrow polars
# shellcheck disable=SC1091
. "$VENV/bin/activate"
python cable-py/scripts/gen_stubs.py --check
mypy --strict --cache-dir "$VENV/.mypy_cache" cable-py/tests/typing_sample.py
python cable-py/tests/typing_sample.py "$SAMPLE" >/dev/null
python -m pytest -q -p no:cacheprovider cable-py/tests
python cable-py/scripts/bench_parse_many.py
deactivate

log "the sdist builds with pip (maturin, Rust) and works"
SDIST_VENV=$(mktemp -d)
trap 'rm -rf "$SDIST_VENV"' EXIT
"$PYTHON" -m venv "$SDIST_VENV"
pip_in "$SDIST_VENV" --upgrade pip
CARGO_TARGET_DIR="$ROOT/target/sdist-build" pip_in "$SDIST_VENV" "$SDIST"
(cd /tmp && "$SDIST_VENV/bin/python" -c "
import sys, cable
c = cable.parse_file(sys.argv[1])
assert cable.__version__ == sys.argv[2] and c.id == '09ASTANA1145', (cable.__version__, c.id)
print('from the sdist: cable', cable.__version__, c.id)" "$SAMPLE" "$VERSION")
