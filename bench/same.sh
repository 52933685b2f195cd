#!/usr/bin/env bash
# same.sh BIN OUT_A OUT_B: every table of two runs, sorted, compared row by row
# through `BIN query` (DuckDB). Speed work must leave every table the same:
#   bin/breachtrend run --full --in bench/work/corpus-10000 --out /tmp/before   # old build
#   bin/breachtrend run --full --in bench/work/corpus-10000 --out /tmp/after    # new build
#   bench/same.sh bin/breachtrend /tmp/before /tmp/after
set -euo pipefail
bin=$1 a=$(realpath "$2") b=$(realpath "$3")
rc=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Every table folder of either run (a table only one run has differs).
tables=$( (cd "$a" && ls -d */ 2>/dev/null; cd "$b" && ls -d */ 2>/dev/null) | tr -d / | grep -v '^_' | sort -u)
for t in $tables; do
  if [ ! -d "$a/$t" ] || [ ! -d "$b/$t" ]; then echo "$t: in one run only"; rc=1; continue; fi
  q="SELECT * FROM $t ORDER BY ALL"
  "$bin" query --out "$a" --format csv "$q" >"$tmp/a-$t.csv"
  "$bin" query --out "$b" --format csv "$q" >"$tmp/b-$t.csv"
  if cmp -s "$tmp/a-$t.csv" "$tmp/b-$t.csv"; then echo "$t: same ($(wc -l <"$tmp/a-$t.csv") lines)"; else echo "$t: DIFFERENT"; diff "$tmp/a-$t.csv" "$tmp/b-$t.csv" | head -6 || true; rc=1; fi
done
exit $rc
