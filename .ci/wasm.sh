#!/usr/bin/env bash
# CI for cable-wasm and the example page, from a bare machine:
#   1. installs what is missing: Node (Debian's nodejs/npm), Debian's chromium, the npm
#      dev tools of cable-wasm/ (npm ci, from package-lock.json);
#   2. builds the npm package cable-wasm/pkg/ and the example page's examples/web/pkg/ with
#      cable-wasm/build.sh (which installs the wasm route it needs, see there, and
#      wasm-bindgen-cli at the pinned version when it is not installed yet), then packs the
#      package: target/artifacts/cable-wasm-VERSION.tgz (`npm pack`);
#   3. builds the Rust CLI that gives the expected JSON;
#   4. runs the Node tests (API, corpus equality with the CLI), the TypeScript check of the
#      generated declarations (stale check + tsc --noEmit on a sample), the browser test of
#      the page in chromium (screenshots in cable-wasm/tests/output/), and the install test
#      of the tarball (tests/package.test.mjs: a fresh folder; Node ESM and CommonJS;
#      TypeScript; a page bundled by Vite and one without a bundler, in chromium).
# Exits non-zero on the first failure.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
log() { printf '\n== %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "need root for: $*" >&2
    return 1
  fi
}

APT_UPDATED=""
apt_install() {
  [ -n "$APT_UPDATED" ] || { as_root apt-get update -q; APT_UPDATED=1; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

log "tools"
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || apt_install nodejs npm
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { apt_install chromium; CHROMIUM=/usr/bin/chromium; }
export CHROMIUM
# build.sh's fallback route reads apt's package lists.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown &&
  [ -z "$(apt-cache policy rustc-web 2>/dev/null | sed -n 's/ *Candidate: //p' | grep -v none)" ]; then
  as_root apt-get update -q
  APT_UPDATED=1
fi
node --version
"$CHROMIUM" --version 2>/dev/null | tail -n1

log "npm ci (cable-wasm dev tools)"
(cd cable-wasm && npm ci --no-audit --no-fund)

log "build the npm package and the example page's module"
bash cable-wasm/build.sh
ARTIFACTS=${CABLE_ARTIFACTS:-$ROOT/target/artifacts}
mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/cable-wasm-*.tgz
(cd cable-wasm/pkg && npm pack --pack-destination "$ARTIFACTS")
export CABLE_NPM_TARBALL
CABLE_NPM_TARBALL=$(ls "$ARTIFACTS"/cable-wasm-*.tgz)

log "build the Rust CLI (expected JSON)"
cargo build --release --bin cable
export CABLE_CLI=${CARGO_TARGET_DIR:-$ROOT/target}/release/cable

cd cable-wasm
log "generated TypeScript declarations are up to date with the schema"
node types/generate.mjs --check

log "node tests: API and corpus"
node --test tests/api.test.mjs tests/corpus.test.mjs

log "tsc --noEmit on a sample"
npx --no-install tsc -p tests/tsconfig.json

log "browser test of the example page (chromium)"
node --test tests/browser.test.mjs
echo "screenshots: $ROOT/cable-wasm/tests/output/"
ls -1 tests/output/

log "install test of $CABLE_NPM_TARBALL (Node ESM and CommonJS, TypeScript, Vite, chromium)"
node --test tests/package.test.mjs

log "sizes"
for wasm in pkg/web/cable_bg.wasm ../examples/web/pkg/cable_bg.wasm; do
  echo "$wasm: $(wc -c <"$wasm") bytes raw, $(gzip -9 -c "$wasm" | wc -c) bytes gzip -9"
done
echo "$(basename "$CABLE_NPM_TARBALL"): $(wc -c <"$CABLE_NPM_TARBALL") bytes"
