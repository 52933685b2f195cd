# breachtrend — two commands for a fresh machine: `make run` and `make test`.
GO      ?= go
BIN     := bin/breachtrend
OUT     ?= out
CORPUS  ?= testdata/corpus
export CGO_ENABLED := 1

.PHONY: all build run test test-long vet fmt lint golden rules bench bench-hostile fuzz clean test-deps

all: build

# The commit goes into the binary for `breachtrend version` and the manifest.
COMMIT  := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
LDFLAGS := $(if $(COMMIT),-X github.com/breachtrend/breachtrend/pipeline.commit=$(COMMIT))

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/breachtrend

# Builds, runs on the bundled sample corpus, prints the summary and a few
# query results, and writes the latest quarter's review to
# $(OUT)/report-<quarter>.html.
run: build
	./$(BIN) run --in $(CORPUS) --out $(OUT)
	./$(BIN) query --out $(OUT) "SELECT cause, count(*) AS notices FROM notices WHERE is_incident GROUP BY 1 ORDER BY 2 DESC, 1"
	./$(BIN) query --out $(OUT) "SELECT quarter, cause, sector, incidents, events, incidents_with_count, people_stated FROM trends_quarterly ORDER BY 1, 2, 3"
	./$(BIN) eval --gold testdata/gold/seeds.jsonl --out $(OUT) | tail -n 3
	./$(BIN) report --out $(OUT) --quarter latest

# What the tests need from Debian: pdftotext (poppler-utils) reads PDF
# notices. Installed once, idempotently; where apt-get cannot run, the PDF
# tests skip and say why.
test-deps:
	@command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils >/dev/null) || echo "warning: could not install poppler-utils; PDF tests will skip"

# The test suite: vet, gofmt, staticcheck, and every package's tests in
# -short mode. staticcheck is installed on first use (the module proxy);
# where it cannot be, the suite says so and goes on without it.
test: test-deps vet
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	@if $(MAKE) -s $(TOOLS)/staticcheck; then echo "staticcheck ./..."; $(TOOLS)/staticcheck ./...; else echo "warning: could not install staticcheck; not run"; fi
	$(GO) test -short -count=1 ./...
	$(GO) test -short -count=1 -race ./pipeline/

# The long tests too: what -short skips: the kill -9 of a run
# (pipeline), the Chromium rendering of the report on ../shared/corpus/dev
# + dev-b + the sample corpus, the notebooks executed by jupyter, the
# gazetteers regenerated; then every package's short tests under the race
# detector (`make test` races pipeline's only: the whole takes ~4 minutes
# more). Installs chromium and the notebooks' jupyter, pandas and
# matplotlib with apt when they are missing and apt can.
NOTEBOOK_DEBS := jupyter-nbconvert python3-pandas python3-matplotlib python3-nbclient python3-ipykernel
test-long: test-deps vet
	@command -v chromium >/dev/null || { command -v apt-get >/dev/null && (apt-get update -qq && apt-get install -y -qq chromium) || echo "chromium not installed: its test will skip"; }
	@{ command -v jupyter >/dev/null && python3 -c 'import pandas, matplotlib' 2>/dev/null; } || { command -v apt-get >/dev/null && (apt-get update -qq && apt-get install -y -qq $(NOTEBOOK_DEBS) >/dev/null) || echo "jupyter, pandas or matplotlib not installed: the notebooks test will skip"; }
	$(GO) test -count=1 -timeout 20m ./...
	$(GO) test -short -count=1 -race ./...

vet:
	$(GO) vet ./...

# Tools the project builds for itself, into bin/tools (not on the PATH).
TOOLS               := $(CURDIR)/bin/tools
STATICCHECK_VERSION := v0.8.2

$(TOOLS)/staticcheck:
	GOBIN=$(TOOLS) $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)

# go vet, gofmt and staticcheck (installed on first use).
lint: vet $(TOOLS)/staticcheck
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(TOOLS)/staticcheck ./...

# Rewrites every golden file: the tests of each package that has the
# -update flag, run with it. Review the diff before committing it.
GOLDEN_PKGS = $(shell grep -rlE --include='*_test.go' 'flag[.]Bool."update",' . | xargs -n1 dirname | sort -u)
golden:
	$(GO) test -count=1 $(GOLDEN_PKGS) -update

# Checks a change of rules/: the rules' tests and every cases file, then
# eval on the seeds and, when ../shared is there, dev and dev-b, with the
# hard score's change against rules/baseline.txt (UPDATE=1 rewrites it).
rules: build
	$(GO) test -count=1 -run 'Cases|Rules' ./rules/... ./stages/...
	bash rules/check.sh ./$(BIN)

fmt:
	gofmt -w .

# Throughput and memory: scale corpora of SIZES segments (default
# "1000 10000 50000") made from testdata/corpus under bench/work/, a --full
# run on each (notices/s, MB/s, wall, peak RSS, seconds per stage), --workers
# 1 vs 2 on 10k, mecab on the same bytes as a yardstick, and the Go
# benchmarks once; then scheduled reruns on RERUN_SIZES (default "10000
# 100000"): full, unchanged, +10 and +1,000 files, each as a ratio to `cat`
# of the same corpus, the full run also to MeCab. About 20 minutes; installs
# time and mecab with apt if missing.
bench: build
	SIZES="$(or $(SIZES),1000 10000 50000)" RERUN_SIZES="$(or $(RERUN_SIZES),10000 100000)" bash bench/run.sh

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
	rm -rf bin $(OUT) $(OUT).lock
