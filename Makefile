# breachtrend — two commands for a fresh machine: `make run` and `make test`.
GO      ?= go
BIN     := bin/breachtrend
OUT     ?= out
CORPUS  ?= testdata/corpus
export CGO_ENABLED := 1

.PHONY: all build run test test-long vet fmt bench bench-hostile fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/breachtrend

# Builds, runs on the bundled sample corpus, prints the summary and a few
# query results, and writes the latest quarter's review to
# $(OUT)/report-<quarter>.html.
run: build
	./$(BIN) run --in $(CORPUS) --out $(OUT)
	./$(BIN) query --out $(OUT) "SELECT cause, count(*) AS notices FROM notices WHERE is_incident GROUP BY 1 ORDER BY 2 DESC, 1"
	./$(BIN) query --out $(OUT) "SELECT quarter, cause, sector, incidents, people FROM trends_quarterly ORDER BY 1, 2, 3"
	./$(BIN) eval --gold testdata/gold/seeds.jsonl --out $(OUT) | tail -n 3
	./$(BIN) report --out $(OUT) --quarter latest

# The test suite: vet, gofmt, and every package's tests in -short mode.
test: vet
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) test -short -count=1 ./...
	$(GO) test -short -count=1 -race ./pipeline/

vet:
	$(GO) vet ./...

fmt:
	gofmt -w .

# Throughput and memory: scale corpora of SIZES segments (default
# "1000 10000 50000") made from testdata/corpus under bench/work/, a --full
# run on each (notices/s, MB/s, wall, peak RSS, seconds per stage), --workers
# 1 vs 2 on 10k, mecab on the same bytes as a yardstick, and the Go
# benchmarks once. About 10 minutes; installs time and mecab with apt if missing.
bench: build
	SIZES="$(or $(SIZES),1000 10000 50000)" bash bench/run.sh

# The hostile corpora of issue 12 (a 300 KB kanji header line, a 900 KB
# line of digits, 60 MB of empty HTML tags, 60 MB of JSON Lines records,
# 12 × 60 MB text archives, 10k header-only segments), generated in a temp
# folder; prints wall seconds and peak RSS of a --full run on each against
# the targets (< 5 s a file, ≤ 512 MB). Some minutes; installs time if missing.
bench-hostile: build
	bash bench/hostile/run.sh

# Every Fuzz* target of every package, FUZZTIME (default 10s) each: the list
# comes from `go test -list`, so a new fuzz target needs no edit here. A run
# fails when a target finds a failing input (written under the package's
# testdata/fuzz/<target>/). Go 1.26's coordinator may also end a clean run
# with "context deadline exceeded" at the time limit (golang/go#75804, fixed
# in Go 1.27): with no new input written, that is reported and skipped.
FUZZTIME ?= 10s
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		dir=$$($(GO) list -f '{{.Dir}}' $$pkg); \
		for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep '^Fuzz' || true); do \
			echo "fuzz: $$pkg $$f ($(FUZZTIME))"; \
			before=$$(ls $$dir/testdata/fuzz/$$f 2>/dev/null | wc -l); \
			if ! $(GO) test $$pkg -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME); then \
				after=$$(ls $$dir/testdata/fuzz/$$f 2>/dev/null | wc -l); \
				if [ "$$after" -gt "$$before" ]; then echo "fuzz: $$f found a failing input in $$dir/testdata/fuzz/$$f"; exit 1; fi; \
				echo "fuzz: $$f: no failing input written: Go's fuzztime deadline race (golang/go#75804), not a finding"; \
			fi; \
		done; \
	done

clean:
	rm -rf bin $(OUT)
