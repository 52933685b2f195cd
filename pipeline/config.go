package pipeline

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/load"
)

// Config is one run's settings, validated once by Validate.
type Config struct {
	Inputs  []string // files or folders
	Out     string   // output folder: absent, empty or a run's (see resolveOutput)
	Workers int      // files processed at once, and the cores the run uses (see Run)
	Sectors string   // optional CSV of organization,JSIC letter that extends the bundled one
	// Corrections is an analyst's corrections file (stages/correct),
	// applied after extraction on every run. "" means the default,
	// corrections.csv beside the first input root, when it exists;
	// NoCorrections means none.
	Corrections string
	Log         *slog.Logger

	Full bool // recompute every segment, ignoring the cache
	// Verify hashes every input to decide it is unchanged, instead of
	// trusting its stat data (size, mtime, ctime, inode).
	Verify       bool
	Wait         bool // wait for another run's lock instead of stopping
	MaxRejects   int  // with LimitRejects: fail the run when more inputs are rejected
	LimitRejects bool
	Progress     io.Writer // where the progress line goes (a terminal), or nil

	// FollowSymlinks follows symbolic links that lead out of an --in root
	// (by default they are rejected as symlink_outside_root).
	FollowSymlinks bool

	// MemoryLimit is the Go runtime's soft memory limit for the run, in
	// bytes (0: DefaultMemoryLimit; ignored when GOMEMLIMIT is set).
	MemoryLimit int64

	// fixes are the corrections Run applies (nil: none).
	fixes *corrections

	// exclude are the paths the walk skips: the run's own output folder,
	// its lock and its staging folders (a pattern), when they lie under an
	// input root.
	exclude []string
}

// walk walks the inputs (load.Walk), never into the run's own output, and
// out of the roots through symbolic links only with FollowSymlinks.
func (c *Config) walk(emit func(load.Input) error, reject func(schemas.Reject)) error {
	return load.WalkOptions{Exclude: c.exclude, FollowSymlinks: c.FollowSymlinks}.Walk(c.Inputs, emit, reject)
}

// DefaultMemoryLimit keeps a run's memory flat: the live heap is small
// (the tokenizer's dictionary, one bounded window of files, compact fields
// of the notices) but the extractors allocate fast, and without a limit
// the garbage between collections grows the process to several times it.
// It is a floor: followLiveHeap raises it for a live heap that outgrows it.
const DefaultMemoryLimit = 256 << 20

// maxMemoryLimit is as far as followLiveHeap raises the limit: with the
// runtime's and DuckDB's own memory beside the Go heap, a process of at
// most ~470 MB, within the 512 MB a run of hostile files may take.
const maxMemoryLimit = 384 << 20

// heapReserve is how much heap Run reserves for huge pages: the memory
// limit in force, as far as maxMemoryLimit, the most a default run's heap
// grows to. Address space only: a page of it costs memory once touched.
func heapReserve() int {
	return int(min(debug.SetMemoryLimit(-1), maxMemoryLimit))
}

// memoryLimitFor is the soft memory limit for a live heap of live bytes:
// a quarter more than the live heap, so each collection has room for
// garbage, but never below floor nor above ceiling. A run whose live heap
// grows past the default limit otherwise collects every few MB: when the
// linker kept ~1 KB of strings and pointers per notice, the 307k tiny
// JSON Lines notices of bench-hostile reached 316 MB live (313 GCs at the
// floor, a third of the run's CPU; 213 with this). The linker's members
// are pointer-free and ~0.1 KB now (stages/link): the live heap of the
// walk stays under the floor's three quarters — ~130 MB on the 10k bench
// corpus, ≤ 200 MB on the 100k one and on the JSON Lines file — so the
// limit stays at the floor for the walk, and is raised only while the
// JSON Lines file's 307k incident rows are built at its end (~270 MB live).
// A higher floor would cut collections further, but each MB of it is a MB
// of RSS, and the 100k corpus's run is at ~360 of its 400 MB.
func memoryLimitFor(live, floor, ceiling int64) int64 {
	return min(max(live+live/4, floor), max(ceiling, floor))
}

// liveHeapMetric is the heap the last collection found live.
const liveHeapMetric = "/gc/heap/live:bytes"

// followLiveHeap raises the soft memory limit as the live heap grows
// (memoryLimitFor), checking every interval until stop is called; the
// caller set the limit to floor and restores its own afterwards. The
// limit is never lowered: the memory of the largest heap stays mapped
// until the runtime scavenges it, and counts against the limit, so a
// limit lowered as the heap shrank (the walk's end on the 100k corpus:
// 340 MB live and garbage, then 175 MB live) left it ~180 MB for the heap
// and the GC collected every 0.3 s for 12 s.
func followLiveHeap(floor, ceiling int64, interval time.Duration) (stop func()) {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		sample := []metrics.Sample{{Name: liveHeapMetric}}
		tick := time.NewTicker(interval)
		defer tick.Stop()
		set := floor
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return // a runtime without the metric: the floor stays
			}
			live := int64(min(sample[0].Value.Uint64(), math.MaxInt64))
			// Raised in steps of 4 MiB or more: each SetMemoryLimit makes
			// the runtime recompute its pacing.
			if want := memoryLimitFor(live, floor, ceiling); want-set >= 4<<20 {
				debug.SetMemoryLimit(want)
				set = want
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
	}
}

// gcPercent is the GOGC of a run under the memory limit. Past the
// dictionary's load the limit sets the pace of collection anyway (twice the
// live heap is about the limit); before it, while the tokenizer's dictionary
// grows the heap from nothing to 100 MB on the run's critical path, GOGC=100
// collected seven times, marking the growing dictionary again each time, and
// 400 collects three times (10k bench: tokenizer ready ~0.2 s sooner).
const gcPercent = 400

// ErrUsage marks a configuration error: the command line is wrong, not the
// data. The command exits 2 on it.
var ErrUsage = errors.New("usage")

// Validate fills defaults and checks the settings: the inputs exist, and
// the output folder is one a run may write into (see resolveOutput and
// checkOutputContents; Run checks again under the lock).
func (c *Config) Validate() error {
	if len(c.Inputs) == 0 {
		c.Inputs = []string{"testdata/corpus"}
	}
	if c.Workers < 0 {
		return fmt.Errorf("%w: --workers %d: want 1 or more", ErrUsage, c.Workers)
	}
	if c.Workers == 0 {
		c.Workers = runtime.NumCPU()
	}
	if c.LimitRejects && c.MaxRejects < 0 {
		return fmt.Errorf("%w: --max-rejects %d: want 0 or more", ErrUsage, c.MaxRejects)
	}
	for _, in := range c.Inputs {
		if _, err := os.Stat(in); err != nil {
			return fmt.Errorf("%w: --in %s: %v", ErrUsage, in, err)
		}
	}
	o, err := resolveOutput(c.Out, c.Inputs)
	if err != nil {
		return err
	}
	if err := checkOutputContents(o); err != nil {
		return err
	}
	if c.Sectors != "" {
		if fi, err := os.Stat(c.Sectors); err != nil {
			return fmt.Errorf("%w: --sectors %s: %v", ErrUsage, c.Sectors, err)
		} else if fi.IsDir() {
			return fmt.Errorf("%w: --sectors %s is a folder; want a CSV file", ErrUsage, c.Sectors)
		}
	}
	if c.Corrections == "" {
		c.Corrections = DefaultCorrections(c.Inputs)
	} else if c.Corrections != NoCorrections {
		if _, err := os.Stat(c.Corrections); err != nil {
			return fmt.Errorf("%w: --corrections %s: %v", ErrUsage, c.Corrections, err)
		}
	}
	if c.Log == nil {
		c.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return nil
}
