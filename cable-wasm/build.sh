#!/usr/bin/env bash
# Builds the WebAssembly binding of cable-core:
#
#   cable-wasm/pkg/        the npm package `cable-wasm` (`npm pack` in it makes the tarball),
#                          with the release index; one package for browsers, bundlers and Node:
#       web/cable.js         ES module; `await init()` loads web/cable_bg.wasm by URL
#       node/cable.mjs       ES module for Node (web/cable.js, instantiated from the file)
#       node/cable.cjs       CommonJS for Node
#       web/cable.d.ts, node/cable.d.cts   the TypeScript declarations
#       package.json         the version of the workspace, and the `exports` map
#   examples/web/pkg/      the example page's ES module, built for size: without the release
#                          index (cargo feature `release-index` off: every `in_release` is null,
#                          `releaseIndex()` is false, and the page says so) and with cable-core
#                          at opt-level "z"
#
# Usage: cable-wasm/build.sh            (from anywhere; needs cargo, node, and npm for wasm-opt)
#
# The Rust-to-wasm route:
#   1. the ordinary one: a rustup toolchain with the wasm32-unknown-unknown target
#      (`rustup target add` is tried when it is missing);
#   2. otherwise the route of shared/docs/wasm-toolchain.md: Debian's rustc-web
#      (with its standard-library source) and lld, unpacked into a private folder
#      ($CABLE_WASM_TOOLCHAIN_DIR, default ~/.cache/cable-wasm-toolchain), building
#      std from source with -Zbuild-std. CABLE_WASM_ROUTE=debian forces this route,
#      CABLE_WASM_ROUTE=rustup forbids it. The .wasm uses 128-bit SIMD (simd128);
#      CABLE_WASM_SIMD=0 builds it without.
# The wasm-bindgen CLI is installed with `cargo install` at exactly the version that
# Cargo.toml pins, unless that version is already on PATH. wasm-opt comes from the
# npm package `binaryen` (cable-wasm/package.json); without it the step is skipped.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
cd "$ROOT"

log() { printf '[cable-wasm] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

TARGET=wasm32-unknown-unknown
ROUTE=${CABLE_WASM_ROUTE:-auto}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target/wasm}

# The npm package: speed, as for native code: opt-level 3 parses the corpus 20-30% faster
# than "s" for 9% more gzip (cable-wasm/README.md, "Speed"); the workspace's release
# profile is left alone. CARGO_PROFILE_RELEASE_OPT_LEVEL=s chooses size.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-3}
# The example page: size, for the first load (cable-wasm/README.md, "Size"). The parser
# (cable-core, most of the module) optimised for size; std and the rest as above.
PAGE_OPT_LEVEL=${CABLE_WASM_PAGE_OPT_LEVEL:-z}
export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_DEBUG=false

WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$HERE/Cargo.toml")
[ -n "$WASM_BINDGEN_VERSION" ] || die "cable-wasm/Cargo.toml must pin wasm-bindgen with \"=x.y.z\""

# --- the Rust toolchain ------------------------------------------------------------

BUILD_STD=()

rustup_route() {
  command -v rustup >/dev/null 2>&1 || return 1
  if ! rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
    log "trying: rustup target add $TARGET"
    timeout 120 rustup target add "$TARGET" >&2 || return 1
  fi
  # A sysroot with the target's std is the proof.
  [ -d "$(rustc --print sysroot)/lib/rustlib/$TARGET/lib" ] || return 1
  log "route: rustup toolchain with the $TARGET target ($(rustc --version))"
}

# Debian package names: those of the doc, or what apt says they are today.
debian_packages() {
  local std llvm n
  std=$(apt-cache depends libstd-rust-web-dev 2>/dev/null | sed -n 's/^ *Depends: \(libstd-rust-web-[0-9][0-9.]*\)$/\1/p' | head -n1)
  llvm=$(apt-cache depends "${std:-libstd-rust-web-1.96}" 2>/dev/null | sed -n 's/^ *Depends: \(libllvm[0-9][0-9]*\)$/\1/p' | head -n1)
  std=${std:-libstd-rust-web-1.96}
  llvm=${llvm:-libllvm22}
  n=${llvm#libllvm}
  echo "rustc-web rust-web-src libstd-rust-web-dev $std $llvm lld-$n liblld-$n"
}

debian_route() {
  local dir=${CABLE_WASM_TOOLCHAIN_DIR:-$HOME/.cache/cable-wasm-toolchain}
  local root=$dir/root
  if [ ! -x "$root/usr/bin/rustc" ] || ! compgen -G "$root/usr/lib/llvm-*/bin/wasm-ld" >/dev/null; then
    command -v apt-get >/dev/null 2>&1 || die "no rustup wasm32 target and no apt-get for the fallback route"
    local pkgs
    pkgs=$(debian_packages)
    log "fetching Debian packages into $dir: $pkgs"
    rm -rf "$dir/debs" "$root"
    mkdir -p "$dir/debs" "$root"
    # shellcheck disable=SC2086
    if ! (cd "$dir/debs" && apt-get download $pkgs >&2); then
      [ "$(id -u)" = 0 ] || die "apt-get download failed (run apt-get update as root first)"
      apt-get update >&2
      pkgs=$(debian_packages)
      # shellcheck disable=SC2086
      (cd "$dir/debs" && apt-get download $pkgs >&2) || die "apt-get download $pkgs failed"
    fi
    for deb in "$dir"/debs/*.deb; do dpkg -x "$deb" "$root"; done
  fi
  local wasm_ld
  wasm_ld=$(compgen -G "$root/usr/lib/llvm-*/bin/wasm-ld" | sort -V | tail -n1)
  export LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu:$(dirname "$(dirname "$wasm_ld")")/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  export RUSTC=$root/usr/bin/rustc
  export RUSTC_BOOTSTRAP=1
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$wasm_ld
  BUILD_STD=(-Zbuild-std=std,panic_abort)
  log "route: Debian $("$RUSTC" --version) with -Zbuild-std, linker $wasm_ld"
}

case "$ROUTE" in
  rustup) rustup_route || die "the rustup route is not available" ;;
  debian) debian_route ;;
  auto) rustup_route || { log "the rustup route is not available; falling back to Debian's rustc-web"; debian_route; } ;;
  *) die "CABLE_WASM_ROUTE must be auto, rustup or debian" ;;
esac

# --- wasm-bindgen CLI at exactly the pinned version ---------------------------------

export PATH="$HOME/.cargo/bin:$PATH"
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, a few minutes)"
  # The host toolchain builds the CLI, whichever route builds the .wasm.
  env -u RUSTC -u RUSTC_BOOTSTRAP -u LD_LIBRARY_PATH -u CARGO_TARGET_DIR \
    -u CARGO_PROFILE_RELEASE_OPT_LEVEL -u CARGO_PROFILE_RELEASE_LTO -u CARGO_PROFILE_RELEASE_CODEGEN_UNITS \
    -u CARGO_PROFILE_RELEASE_PANIC -u CARGO_PROFILE_RELEASE_DEBUG \
    cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --locked >&2 ||
    env -u RUSTC -u RUSTC_BOOTSTRAP -u LD_LIBRARY_PATH -u CARGO_TARGET_DIR \
      -u CARGO_PROFILE_RELEASE_OPT_LEVEL -u CARGO_PROFILE_RELEASE_LTO -u CARGO_PROFILE_RELEASE_CODEGEN_UNITS \
      -u CARGO_PROFILE_RELEASE_PANIC -u CARGO_PROFILE_RELEASE_DEBUG \
      cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION" --force >&2
fi
[ "$(wasm-bindgen --version)" = "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
  die "wasm-bindgen CLI is $(wasm-bindgen --version), Cargo.toml pins $WASM_BINDGEN_VERSION"

# --- build --------------------------------------------------------------------------

WASM_OPT=""
if [ -x "$HERE/node_modules/.bin/wasm-opt" ]; then
  WASM_OPT=$HERE/node_modules/.bin/wasm-opt
elif command -v npm >/dev/null 2>&1 && [ -f "$HERE/package-lock.json" ] && (cd "$HERE" && npm ci --no-audit --no-fund >&2); then
  WASM_OPT=$HERE/node_modules/.bin/wasm-opt
elif command -v wasm-opt >/dev/null 2>&1; then
  WASM_OPT=$(command -v wasm-opt)
fi
[ -n "$WASM_OPT" ] || log "warning: no wasm-opt (npm ci in cable-wasm/ installs it): the .wasm is not optimised further"

# The features rustc enables by default for wasm32-unknown-unknown.
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
# 128-bit SIMD, which every current browser and Node 16 and later run: memchr, which
# pest's skips and the HTML scanner call on every line, has its SIMD path on wasm32 only
# when compiled with it (std too, on the -Zbuild-std route). CABLE_WASM_SIMD=0 builds
# without it, to measure the difference.
if [ "${CABLE_WASM_SIMD:-1}" = 1 ]; then
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C target-feature=+simd128"
  WASM_FEATURES+=(--enable-simd)
fi

SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

# cargo_wasm NAME [cargo args...]: builds cable-wasm and keeps its .wasm as $SCRATCH/NAME.wasm.
cargo_wasm() {
  local name=$1
  shift
  log "cargo build -p cable-wasm --release --target $TARGET $* ${BUILD_STD[*]}"
  cargo build -p cable-wasm --lib --release --target "$TARGET" "$@" "${BUILD_STD[@]}"
  cp "$CARGO_TARGET_DIR/$TARGET/release/cable_wasm.wasm" "$SCRATCH/$name.wasm"
}

# bindgen WASM TARGET OUT-DIR: the JS glue, and the .wasm through wasm-opt.
bindgen() {
  local out=$3
  rm -rf "$out"
  wasm-bindgen --target "$2" --out-dir "$out" --out-name cable "$1"
  rm -f "$out/.gitignore" "$out/package.json" "$out/cable_bg.wasm.d.ts"
  if [ -n "$WASM_OPT" ]; then
    "$WASM_OPT" -Oz "${WASM_FEATURES[@]}" "$out/cable_bg.wasm" -o "$out/cable_bg.wasm.opt"
    mv "$out/cable_bg.wasm.opt" "$out/cable_bg.wasm"
  fi
}

sizes() { # FILE: "N bytes raw, M bytes gzip -9"
  echo "$(wc -c <"$1") bytes raw, $(gzip -9 -c "$1" | wc -c) bytes gzip -9"
}

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)
[ -n "$VERSION" ] || die "no version in the workspace's Cargo.toml"

cargo_wasm indexed
cargo_wasm unindexed --no-default-features --config "profile.release.package.cable-core.opt-level=\"$PAGE_OPT_LEVEL\""

# --- the npm package ---------------------------------------------------------------
#
# One .wasm (web/cable_bg.wasm) serves all three entry points:
#   browsers and bundlers  web/cable.js    wasm-bindgen --target web: `await init()` fetches
#                                          new URL("cable_bg.wasm", import.meta.url)
#   Node, import           node/cable.mjs  web/cable.js, instantiated from the file at once
#   Node, require          node/cable.cjs  wasm-bindgen --target nodejs, reading ../web/cable_bg.wasm

PKG=$HERE/pkg
rm -rf "$PKG" "$HERE/pkg-node"
bindgen "$SCRATCH/indexed.wasm" web "$PKG/web"

wasm-bindgen --target nodejs --out-dir "$SCRATCH/node" --out-name cable "$SCRATCH/indexed.wasm"
web_unopt=$SCRATCH/web-unopt
wasm-bindgen --target web --out-dir "$web_unopt" --out-name cable "$SCRATCH/indexed.wasm"
cmp -s "$SCRATCH/node/cable_bg.wasm" "$web_unopt/cable_bg.wasm" ||
  die "wasm-bindgen made different .wasm files for --target web and nodejs: the package cannot share one"
mkdir -p "$PKG/node"
grep -q '^const wasmPath = `${__dirname}/cable_bg.wasm`;$' "$SCRATCH/node/cable.js" ||
  die "the nodejs glue of wasm-bindgen $WASM_BINDGEN_VERSION does not read the .wasm as this script expects"
# In a package of "type": "module", CommonJS files end in .cjs.
sed -e 's|^const wasmPath = `${__dirname}/cable_bg.wasm`;$|const wasmPath = `${__dirname}/../web/cable_bg.wasm`;|' \
  -e '1s|^/\* @ts-self-types="./cable.d.ts" \*/$|/* @ts-self-types="./cable.d.cts" */|' \
  "$SCRATCH/node/cable.js" >"$PKG/node/cable.cjs"
cp "$SCRATCH/node/cable.d.ts" "$PKG/node/cable.d.cts"
cat >"$PKG/node/cable.mjs" <<'EOF'
// cable-wasm in Node, as an ES module: the browser's module (../web/cable.js), instantiated
// at once from the .wasm file, so that it is ready when imported. `await init()` (which
// then returns at once) still works, so code written for the browser runs unchanged.
// Written by cable-wasm/build.sh.
import { readFileSync } from "node:fs";
import { initSync } from "../web/cable.js";

initSync({ module: readFileSync(new URL("../web/cable_bg.wasm", import.meta.url)) });

export * from "../web/cable.js";
export { default } from "../web/cable.js";
EOF

cp "$HERE/npm/README.md" "$PKG/README.md"
cat >"$PKG/package.json" <<EOF
{
  "name": "cable-wasm",
  "version": "$VERSION",
  "description": "Parse diplomatic cables (Cablegate) into a typed syntax tree, in the browser and in Node (WebAssembly).",
  "keywords": ["cablegate", "diplomatic-cables", "parser", "wasm", "webassembly"],
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "exports": {
    ".": {
      "node": {
        "require": { "types": "./node/cable.d.cts", "default": "./node/cable.cjs" },
        "default": { "types": "./web/cable.d.ts", "default": "./node/cable.mjs" }
      },
      "types": "./web/cable.d.ts",
      "default": "./web/cable.js"
    },
    "./cable_bg.wasm": "./web/cable_bg.wasm",
    "./package.json": "./package.json"
  },
  "main": "./node/cable.cjs",
  "module": "./web/cable.js",
  "types": "./web/cable.d.ts",
  "files": ["README.md", "web/", "node/"],
  "sideEffects": ["./node/cable.mjs"],
  "engines": { "node": ">=18" }
}
EOF

# --- the example page: no release index ------------------------------------------------

rm -rf "$ROOT/examples/web/pkg" "$ROOT/examples/web/samples"
bindgen "$SCRATCH/unindexed.wasm" web "$ROOT/examples/web/pkg"
mkdir -p "$ROOT/examples/web/samples"
cp "$ROOT/examples/09ASTANA1145.txt" "$ROOT/examples/web/samples/"

log "built cable-wasm/pkg (the npm package cable-wasm $VERSION; npm pack makes its tarball) and examples/web/pkg"
log "cable_bg.wasm with the release index (pkg/web/): $(sizes "$PKG/web/cable_bg.wasm")"
log "cable_bg.wasm without it (examples/web/pkg/): $(sizes "$ROOT/examples/web/pkg/cable_bg.wasm")"
