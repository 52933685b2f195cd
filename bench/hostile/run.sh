#!/usr/bin/env bash
# run.sh: the hostile corpora of issue 12 (see main.go), generated in a temp
# folder, each run once with `breachtrend run --full` on default flags; prints
# wall seconds and peak RSS per corpus against the targets (each hostile file
# in under 5 s, peak RSS ≤ 512 MB). Installs GNU time if missing.
#   BIN=bin/breachtrend bash bench/hostile/run.sh          # what `make bench-hostile` runs
#   ONLY=jsonl-records,header-only bash bench/hostile/run.sh
set -euo pipefail
BIN=${BIN:-bin/breachtrend}
GO=${GO:-go}
ONLY=${ONLY:-}
export CGO_ENABLED=1

if [ ! -x /usr/bin/time ]; then
	echo "bench-hostile: installing time"
	if [ "$(id -u)" = 0 ]; then
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
	else
		sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
	fi
fi
[ -x "$BIN" ] || { echo "bench-hostile: $BIN missing: run make build" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/breachtrend-hostile-XXXXXX")
trap 'rm -rf "$work"' EXIT
# A private copy: another `make build` may replace the binary meanwhile.
cp "$BIN" "$work/breachtrend"
echo "bench-hostile: generating the corpora in $work"
"$GO" run ./bench/hostile -seeds testdata/corpus -out "$work/in" ${ONLY:+-only "$ONLY"}

printf '%-16s %6s %10s %9s %10s %10s %9s  %s\n' corpus files input wall "per file" "peak RSS" notices verdict
fail=0
for dir in "$work"/in/*/; do
	name=$(basename "$dir")
	files=$(find "$dir" -type f | wc -l)
	bytes=$(du -sb "$dir" | cut -f1)
	out="$work/out-$name"
	tf="$work/time-$name"
	if ! /usr/bin/time -f '%e %M' -o "$tf" "$work/breachtrend" run --full --quiet --in "$dir" --out "$out" >"$work/log-$name" 2>&1; then
		echo "$name: run failed:"; tail -5 "$work/log-$name"; fail=1; continue
	fi
	read -r wall rss_kb <"$tf"
	segs=$("$work/breachtrend" query --out "$out" --format csv "SELECT count(*) FROM notices" | tail -n 1)
	per=$(awk -v w="$wall" -v f="$files" 'BEGIN { printf "%.2f", w / f }')
	rss_mb=$(( rss_kb / 1024 ))
	verdict=ok
	awk -v p="$per" 'BEGIN { exit !(p >= 5) }' && verdict="SLOW (target < 5 s a file)" && fail=1
	[ "$rss_mb" -gt 512 ] && verdict="${verdict/ok/}BIG (target ≤ 512 MB)" && fail=1
	mbytes=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')
	printf '%-16s %6d %7s MB %7s s %8s s %7d MB %9s  %s\n' "$name" "$files" "$mbytes" "$wall" "$per" "$rss_mb" "$segs" "$verdict"
done
exit $fail
