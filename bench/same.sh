#!/usr/bin/env bash
# same.sh BIN OUT_A OUT_B: every table of two runs, sorted, compared row by row
# through `BIN query` (DuckDB). Speed work must leave every table the same:
#   bin/breachtrend run --full --in bench/work/corpus-10000 --out /tmp/before   # old build
#   bin/breachtrend run --full --in bench/work/corpus-10000 --out /tmp/after    # new build
#   bench/same.sh bin/breachtrend /tmp/before /tmp/after
set -euo pipefail
bin=$1 a=$2 b=$3
rc=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for t in notices incidents timeline rejects trends_quarterly delay_distribution terms_quarterly; do
  q="SELECT * FROM $t ORDER BY ALL"
  "$bin" query --out "$a" --format csv "$q" >"$tmp/a-$t.csv"
  "$bin" query --out "$b" --format csv "$q" >"$tmp/b-$t.csv"
  if cmp -s "$tmp/a-$t.csv" "$tmp/b-$t.csv"; then echo "$t: same ($(wc -l <"$tmp/a-$t.csv") lines)"; else echo "$t: DIFFERENT"; diff "$tmp/a-$t.csv" "$tmp/b-$t.csv" | head -6; rc=1; fi
done
exit $rc
