#!/usr/bin/env bash
# The Rust artifacts, as a user meets them:
#   1. cable-core as a crate: `cargo publish --dry-run` (packs it, then builds the packed
#      crate on its own, against crates.io), the grammar and the release index in it, the
#      test corpora not, and the .crate under 1 MB (its size is printed); copied to
#      target/artifacts/;
#   2. its documentation: `cargo doc -p cable-core --no-deps` with warnings as errors;
#   3. `cargo install --path examples` into a fresh root gives a `cable` command that says
#      the workspace's version and parses the sample cable.
# Exits non-zero on the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ARTIFACTS="${CABLE_ARTIFACTS:-$ROOT/target/artifacts}"
VERSION=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
log() { printf '\n== %s\n' "$*"; }
fail() { echo "crate.sh: $*" >&2; exit 1; }

log "cargo publish --dry-run -p cable-core"
cargo publish --dry-run -p cable-core --allow-dirty
# target/package/ (or, for a dry run of newer cargo, target/package/tmp-crate/).
CRATE=$(find "$TARGET/package" -name "cable-core-$VERSION.crate" -newer Cargo.toml -print -quit 2>/dev/null || true)
[ -n "$CRATE" ] && [ -f "$CRATE" ] || fail "no cable-core-$VERSION.crate under $TARGET/package"
files=$(tar tzf "$CRATE")
for need in grammar/body.pest grammar/header.pest data/release-ids.bin schema/cable.schema.json src/lib.rs; do
  grep -qx "cable-core-$VERSION/$need" <<<"$files" || fail "the crate has no $need"
done
if grep -E "^cable-core-$VERSION/tests/(snapshots|gold)/" <<<"$files" >/dev/null; then
  fail "the crate holds test snapshots or gold files"
fi
corpus=$(grep -c "^cable-core-$VERSION/tests/corpus/" <<<"$files" || true)
[ "$corpus" -le 2 ] || fail "the crate holds $corpus corpus files (only the doctests' two belong in it)"
size=$(wc -c <"$CRATE")
echo "$(basename "$CRATE"): $size bytes, $(wc -l <<<"$files") files"
[ "$size" -lt 1000000 ] || fail "the crate is $size bytes, not under 1 MB"
mkdir -p "$ARTIFACTS"
cp "$CRATE" "$ARTIFACTS/"

log "RUSTDOCFLAGS='-D warnings' cargo doc -p cable-core --no-deps"
RUSTDOCFLAGS="-D warnings" cargo doc -p cable-core --no-deps

log "cargo install --path examples (a fresh root)"
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
CARGO_TARGET_DIR="$TARGET" cargo install --path examples --root "$root" --locked
[ -x "$root/bin/cable" ] || fail "cargo install gave no cable command"
[ "$("$root/bin/cable" --version)" = "cable $VERSION" ] || fail "cable --version says $("$root/bin/cable" --version), not cable $VERSION"
id=$("$root/bin/cable" parse examples/09ASTANA1145.txt | python3 -c 'import json, sys; print(json.load(sys.stdin)["id"])')
[ "$id" = 09ASTANA1145 ] || fail "the installed cable parsed the sample as $id"
echo "$root/bin/cable: $("$root/bin/cable" --version), parses examples/09ASTANA1145.txt"
