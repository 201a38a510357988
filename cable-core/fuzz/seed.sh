#!/usr/bin/env bash
# Seeds corpus/<target>/ for every fuzz target from the test corpus (tests/corpus).
# Idempotent; run it once before `cargo fuzz run` (see README.md).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src="$here/../tests/corpus"
seed() { mkdir -p "$here/corpus/$1"; }

for mode in lenient strict; do
  seed "text_export_$mode"; cp "$src"/cablegate-txt/*.txt "$here/corpus/text_export_$mode/"
  seed "html_pre_$mode";    cp "$src"/cablegate-html/*.html "$here/corpus/html_pre_$mode/"
  seed "html_page_$mode";   cp "$src"/cablegate-page/*.html "$here/corpus/html_page_$mode/"
  # A few <pre> blocks too: a page target must also meet fragments.
  pre=("$src"/cablegate-html/*.html)
  cp "${pre[@]:0:20}" "$here/corpus/html_page_$mode/"
  seed "bare_text_$mode"
  for f in "$src"/cablegate-txt/*.txt; do
    tail -n +6 "$f" > "$here/corpus/bare_text_$mode/$(basename "$f")"   # without the 5 metadata lines
  done
  seed "csv_row_$mode"
done

# cables.csv rows: row number, date, id, origin, classification, refs, header, body.
csv_row() {
  local n=$1 f=$2 id
  id=$(basename "$f" .txt)
  printf '%s,"12/28/1966 18:48","%s","Embassy X","UNCLASSIFIED","","","' "$n" "$id"
  tail -n +6 "$f" | sed 's/\\/\\\\/g; s/"/""/g'
  printf '"'
}
seed csv_records
n=0
for f in "$src"/cablegate-txt/*.txt; do
  n=$((n + 1))
  csv_row "$n" "$f" > "$here/corpus/csv_row_lenient/$(basename "$f" .txt).csv"
  cp "$here/corpus/csv_row_lenient/$(basename "$f" .txt).csv" "$here/corpus/csv_row_strict/"
  { csv_row "$n" "$f"; printf '\n'; csv_row "$((n + 1000))" "$f"; printf '\n'; } > "$here/corpus/csv_records/$(basename "$f" .txt).csv"
done

seed detect
cp "$here"/corpus/text_export_lenient/* "$here"/corpus/csv_row_lenient/* "$here/corpus/detect/"
# (Arrays, not `ls | head`: with pipefail, ls killed by SIGPIPE would stop the script.)
pre=("$src"/cablegate-html/*.html)
cp "${pre[@]:0:100}" "$here/corpus/detect/"
cp "$src"/cablegate-page/*.html "$here/corpus/detect/"
# The minimised corpora of the last campaign (corpora/<target>.tar.xz), on top of the
# seeds: a new campaign starts where the last one stopped.
for archive in "$here"/corpora/*.tar.xz; do
  [ -e "$archive" ] || continue
  tar -xJf "$archive" -C "$here"
done

echo "seeded $(ls "$here/corpus" | wc -l) corpora in $here/corpus"
