#!/usr/bin/env bash
# Builds the WebAssembly binding of cable-core:
#
#   cable-wasm/pkg/        ES module for the web:  import init, { parse } from "./pkg/cable.js"
#   cable-wasm/pkg-node/   CommonJS for Node:      const { parse } = require("./pkg-node/cable.js")
#   examples/web/pkg/      a copy of pkg/, so that serving examples/web/ alone works
#
# Usage: cable-wasm/build.sh            (from anywhere; needs cargo, and npm for wasm-opt)
#
# The Rust-to-wasm route:
#   1. the ordinary one: a rustup toolchain with the wasm32-unknown-unknown target
#      (`rustup target add` is tried when it is missing);
#   2. otherwise the route of shared/docs/wasm-toolchain.md: Debian's rustc-web
#      (with its standard-library source) and lld, unpacked into a private folder
#      ($CABLE_WASM_TOOLCHAIN_DIR, default ~/.cache/cable-wasm-toolchain), building
#      std from source with -Zbuild-std. CABLE_WASM_ROUTE=debian forces this route,
#      CABLE_WASM_ROUTE=rustup forbids it.
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

# Speed for the .wasm, as for native code: opt-level 3 parses the corpus 20-30% faster
# than "s" for 9% more gzip (cable-wasm/README.md, "Speed"); the workspace's release
# profile is left alone. CARGO_PROFILE_RELEASE_OPT_LEVEL=s chooses size.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=${CARGO_PROFILE_RELEASE_OPT_LEVEL:-3}
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

log "cargo build -p cable-wasm --release --target $TARGET ${BUILD_STD[*]}"
cargo build -p cable-wasm --lib --release --target "$TARGET" "${BUILD_STD[@]}"
WASM=$CARGO_TARGET_DIR/$TARGET/release/cable_wasm.wasm
[ -f "$WASM" ] || die "no $WASM"

WASM_OPT=""
if [ -x "$HERE/node_modules/.bin/wasm-opt" ]; then
  WASM_OPT=$HERE/node_modules/.bin/wasm-opt
elif command -v npm >/dev/null 2>&1 && [ -f "$HERE/package-lock.json" ] && (cd "$HERE" && npm ci --no-audit --no-fund >&2); then
  WASM_OPT=$HERE/node_modules/.bin/wasm-opt
elif command -v wasm-opt >/dev/null 2>&1; then
  WASM_OPT=$(command -v wasm-opt)
fi

# The features rustc enables by default for wasm32-unknown-unknown.
WASM_FEATURES=(--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)

bindgen() { # target out-dir
  local out=$HERE/$2
  rm -rf "$out"
  wasm-bindgen --target "$1" --out-dir "$out" --out-name cable "$WASM"
  if [ -n "$WASM_OPT" ]; then
    "$WASM_OPT" -Oz "${WASM_FEATURES[@]}" "$out/cable_bg.wasm" -o "$out/cable_bg.wasm.opt"
    mv "$out/cable_bg.wasm.opt" "$out/cable_bg.wasm"
  fi
}

bindgen web pkg
bindgen nodejs pkg-node
[ -n "$WASM_OPT" ] || log "warning: no wasm-opt (npm ci in cable-wasm/ installs it): the .wasm is not optimised further"

VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' "$ROOT/Cargo.toml" | head -n1)
cat >"$HERE/pkg/package.json" <<EOF
{
  "name": "cable-wasm",
  "version": "$VERSION",
  "description": "Parse diplomatic cables (Cablegate) into a typed tree, in the browser (WebAssembly).",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "cable.js",
  "types": "cable.d.ts",
  "files": ["cable.js", "cable.d.ts", "cable_bg.wasm", "cable_bg.wasm.d.ts"],
  "sideEffects": ["./snippets/*"]
}
EOF
cat >"$HERE/pkg-node/package.json" <<EOF
{
  "name": "cable-wasm-node",
  "version": "$VERSION",
  "description": "Parse diplomatic cables (Cablegate) into a typed tree, in Node (WebAssembly).",
  "license": "MIT OR Apache-2.0",
  "type": "commonjs",
  "main": "cable.js",
  "types": "cable.d.ts",
  "files": ["cable.js", "cable.d.ts", "cable_bg.wasm", "cable_bg.wasm.d.ts"]
}
EOF

# The example page imports ./pkg/cable.js and loads samples/09ASTANA1145.txt: give it
# its own copies, so that serving examples/web/ alone works.
rm -rf "$ROOT/examples/web/pkg" "$ROOT/examples/web/samples"
cp -r "$HERE/pkg" "$ROOT/examples/web/pkg"
mkdir -p "$ROOT/examples/web/samples"
cp "$ROOT/examples/09ASTANA1145.txt" "$ROOT/examples/web/samples/"

raw=$(wc -c <"$HERE/pkg/cable_bg.wasm")
gz=$(gzip -9 -c "$HERE/pkg/cable_bg.wasm" | wc -c)
log "built cable-wasm/pkg, cable-wasm/pkg-node and examples/web/pkg"
log "cable_bg.wasm: $raw bytes raw, $gz bytes gzip -9"
