#!/usr/bin/env bash
# check.sh BIN: what `make rules` runs after the rules' tests and cases: a
# run and eval of BIN on the seeds (the sample corpus) and, when the shared
# data sets are beside the repository (../shared, or $BREACHTREND_SHARED),
# on dev and dev-b, printing each hard score and score beside the figures
# in rules/baseline.txt. UPDATE=1 writes the new figures there (commit them
# with the rule change that moved them).
set -euo pipefail
bin=$1
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${BREACHTREND_SHARED:-$root/../shared}
baseline=$root/rules/baseline.txt
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sets=("seeds $root/testdata/corpus $root/testdata/gold/seeds.jsonl")
for s in dev dev-b; do
  if [ -d "$shared/corpus/$s" ] && [ -f "$shared/gold/$s.jsonl" ]; then
    sets+=("$s $shared/corpus/$s $shared/gold/$s.jsonl")
  else
    echo "$s: skipped ($shared/corpus/$s or $shared/gold/$s.jsonl is not there)"
  fi
done

: >"$tmp/new"
for line in "${sets[@]}"; do
  read -r name corpus gold <<<"$line"
  "$bin" run --in "$corpus" --out "$tmp/$name" --quiet
  "$bin" eval --gold "$gold" --out "$tmp/$name" >"$tmp/$name.eval"
  hard=$(awk '$1 == "hard:" {print $2}' "$tmp/$name.eval")
  score=$(awk '$1 == "score:" {print $2}' "$tmp/$name.eval")
  echo "$name	$hard	$score" >>"$tmp/new"
  old=$(awk -v n="$name" '$1 == n {print $2, $3}' "$baseline" 2>/dev/null || true)
  if [ -z "$old" ]; then
    printf '%-6s hard %s  score %s  (no baseline)\n' "$name" "$hard" "$score"
    continue
  fi
  read -r oldhard oldscore <<<"$old"
  awk -v n="$name" -v h="$hard" -v s="$score" -v oh="$oldhard" -v os="$oldscore" 'BEGIN {
    d = h - oh
    verdict = d > 0.0005 ? "better" : d < -0.0005 ? "WORSE" : "unchanged"
    printf "%-6s hard %s (baseline %s, %+.3f %s)  score %s (baseline %s)\n", n, h, oh, d, verdict, s, os
  }'
done
if [ "${UPDATE:-}" = 1 ]; then
  { echo "# set<TAB>hard<TAB>score: eval figures of the committed rules (rules/check.sh; UPDATE=1 make rules rewrites)"
    # keep the figures of sets not run this time
    grep -v '^#' "$baseline" 2>/dev/null | awk 'NR == FNR {seen[$1] = 1; next} !($1 in seen)' "$tmp/new" - || true
    cat "$tmp/new"; } >"$tmp/baseline"
  mv "$tmp/baseline" "$baseline"
  echo "wrote $baseline"
fi
