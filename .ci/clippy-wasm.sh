#!/usr/bin/env bash
# Clippy, warnings as errors, on the WebAssembly binding built for wasm32: its code is
# behind cfg(target_arch = "wasm32"), so the host clippy of .ci/run sees an empty crate.
#
# The toolchain is cable-wasm/build.sh's (run it, or .ci/wasm.sh, first):
#   1. a rustup toolchain with the wasm32-unknown-unknown target: plain cargo clippy;
#   2. otherwise Debian's rustc-web, unpacked by build.sh into $CABLE_WASM_TOOLCHAIN_DIR,
#      with std built from source (-Zbuild-std). Its clippy is Debian's rust-web-clippy
#      of the same version, unpacked beside it on first use; clippy-driver then wraps
#      rustc for the workspace's crates, as `cargo clippy` does.
# CABLE_WASM_ROUTE=debian forces the second route, CABLE_WASM_ROUTE=rustup the first, as
# for build.sh.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TARGET=wasm32-unknown-unknown
log() { printf '[clippy-wasm] %s\n' "$*" >&2; }

ROUTE=${CABLE_WASM_ROUTE:-auto}
case "$ROUTE" in
  auto | rustup | debian) ;;
  *) log "CABLE_WASM_ROUTE must be auto, rustup or debian"; exit 1 ;;
esac
if [ "$ROUTE" != debian ] && rustup target list --installed 2>/dev/null | grep -qx "$TARGET"; then
  log "rustup toolchain with the $TARGET target"
  exec cargo clippy -p cable-wasm --lib --target "$TARGET" -- -D warnings
fi

[ "$ROUTE" != rustup ] || { log "no rustup toolchain with the $TARGET target"; exit 1; }
dir=${CABLE_WASM_TOOLCHAIN_DIR:-$HOME/.cache/cable-wasm-toolchain}
root=$dir/root
[ -x "$root/usr/bin/rustc" ] || { log "no wasm32 toolchain in $dir: run cable-wasm/build.sh first"; exit 1; }
clippy=$dir/clippy/usr/bin/clippy-driver
if [ ! -x "$clippy" ]; then
  log "fetching Debian's rust-web-clippy into $dir/clippy"
  rm -rf "$dir/clippy" "$dir/clippy-debs"
  mkdir -p "$dir/clippy-debs"
  (cd "$dir/clippy-debs" && apt-get download rust-web-clippy >&2)
  dpkg -x "$dir"/clippy-debs/rust-web-clippy_*.deb "$dir/clippy"
fi

llvm_lib=$(compgen -G "$root/usr/lib/llvm-*/lib" | sort -V | tail -n1)
export LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu:$llvm_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export RUSTC=$root/usr/bin/rustc
rustc_version=$("$RUSTC" --version | cut -d' ' -f2)
clippy_version=$("$clippy" --version | cut -d' ' -f2)
# Clippy 0.1.N goes with rustc 1.N.
[ "${clippy_version#0.1.}" = "$(echo "$rustc_version" | cut -d. -f2)" ] ||
  { log "clippy $clippy_version does not go with rustc $rustc_version: remove $dir/clippy"; exit 1; }
log "Debian rustc $rustc_version, clippy $clippy_version, -Zbuild-std"

export RUSTC_BOOTSTRAP=1
export SYSROOT
SYSROOT=$("$RUSTC" --print sysroot)
export RUSTC_WORKSPACE_WRAPPER=$clippy
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target/wasm-clippy}
cargo check -p cable-wasm --lib --target "$TARGET" -Zbuild-std=std,panic_abort
