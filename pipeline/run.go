package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"github.com/breachtrend/breachtrend/internal/hugeheap"
	"github.com/breachtrend/breachtrend/internal/jatok"
	"github.com/breachtrend/breachtrend/internal/parquetio"
	"github.com/breachtrend/breachtrend/internal/recent"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/link"
	"github.com/breachtrend/breachtrend/stages/load"
)

// Summary is what a run did.
type Summary struct {
	Files     int
	Segments  int
	Notices   int // segments that are incident notices
	Incidents int
	Rejects   int
	Elapsed   time.Duration
	CacheHits int // segments served from the cache, whether their file was read or not
	// FilesReused are the files served from the file index, unread or
	// only hashed; CacheDropped the cache entries (segments and files) no
	// input references any more, dropped by this run.
	FilesReused  int
	CacheDropped int
	// TablesKept: every input was unchanged and the previous tables were
	// kept (see keepTables).
	TablesKept bool
	Manifest   *Manifest
}

func (s Summary) String() string {
	kept := ""
	if s.TablesKept {
		kept = ", tables kept"
	}
	return fmt.Sprintf("files %d (unchanged %d), segments %d (notices %d), incidents %d, rejects %d, cached segments %d, cache entries dropped %d%s, time %s",
		s.Files, s.FilesReused, s.Segments, s.Notices, s.Incidents, s.Rejects, s.CacheHits, s.CacheDropped, kept, s.Elapsed.Round(time.Millisecond))
}

// Run runs the pipeline once over cfg.Inputs and replaces the tables in
// cfg.Out. cfg must have been validated. For its duration it bounds the
// process to cfg.Workers cores (GOMAXPROCS) and sets a soft memory limit,
// unless the environment sets them (GOMAXPROCS, GOMEMLIMIT).
func Run(ctx context.Context, cfg Config) (Summary, error) {
	start := time.Now()
	outDir, err := resolveOutput(cfg.Out, cfg.Inputs)
	if err != nil {
		return Summary{}, err
	}
	lock, err := lockDir(outDir, cfg.Wait)
	if err != nil {
		return Summary{}, err
	}
	defer lock.release()
	// Checked again under the lock: the folder may have changed since
	// Validate, and a run that held the lock may have left staging
	// folders, whose user files go back into it first.
	if err := checkOutputContents(outDir); err != nil {
		return Summary{}, err
	}
	sweepStaging(outDir, cfg.Log)
	if os.Getenv("GOMAXPROCS") == "" && cfg.Workers < runtime.GOMAXPROCS(0) {
		// --workers N is the run's share of the machine: N cores, not N
		// file workers plus every core for the GC, the Parquet writer
		// and the dictionary's load beside them. A scheduled run given
		// one worker beside other jobs takes one core, as it would in a
		// container of one CPU (which is where Go sets GOMAXPROCS
		// itself). It never raises the runtime's own figure.
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cfg.Workers))
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		limit := cfg.MemoryLimit
		if limit <= 0 {
			limit = DefaultMemoryLimit
		}
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(limit))
		if cfg.MemoryLimit <= 0 { // the default is a floor (followLiveHeap)
			defer followLiveHeap(limit, maxMemoryLimit, 100*time.Millisecond)()
		}
		if os.Getenv("GOGC") == "" {
			defer debug.SetGCPercent(debug.SetGCPercent(gcPercent))
		}
	}
	// Before the run allocates: huge pages for the heap it will grow into
	// (10k bench corpus: ~82k page faults without, ~24k with; see
	// hugeheap). An error costs only the speed.
	if _, err := hugeheap.Reserve(heapReserve()); err != nil {
		cfg.Log.Debug("heap not reserved for huge pages", "error", err)
	}
	man := &Manifest{RunID: fmt.Sprintf("%s-%d", start.UTC().Format("20060102T150405Z"), os.Getpid()),
		Start: start.UTC(), Version: Version, Commit: buildCommit(), Rules: rulesVersion(),
		Workers: cfg.Workers, Cores: runtime.GOMAXPROCS(0), Full: cfg.Full, Tables: map[string]int{}, Rejects: map[string]int{}}
	st := newStages()
	if stagesHook != nil {
		stagesHook(st)
	}
	if cfg.Sectors != "" {
		f, err := os.Open(cfg.Sectors)
		if err != nil {
			return Summary{}, err
		}
		err = st.enricher.Sectors.Load(f, cfg.Sectors)
		f.Close()
		if err != nil {
			return Summary{}, fmt.Errorf("%w: %v", ErrUsage, err)
		}
	}
	set, err := loadCorrections(cfg)
	if err != nil {
		return Summary{}, err
	}
	if set != nil {
		cfg.fixes = newCorrections(set)
	}
	stage, err := newStaging(outDir)
	if err != nil {
		return Summary{}, err
	}
	defer stage.cleanup(cfg.Log)
	// An output folder inside an input root is not read as input, nor its
	// lock or any staging folder (this run's, or one a killed run left).
	cfg.exclude = []string{outDir.real, outDir.lockPath(), outDir.stagingPattern()}
	version, err := cacheVersion(man.Rules, cfg.Sectors)
	if err != nil {
		return Summary{}, err
	}
	st.files = readFileIndex(outDir.real, version, start, cfg.Full, cfg.Verify)
	// The previous segment cache is indexed while the walk plans the run,
	// from the first sign of a change (keepTables); an unchanged rerun
	// never reads it.
	var prevCache atomic.Pointer[pendingCache] // nil until started
	readCache := sync.OnceFunc(func() {
		if !cfg.Full {
			prevCache.Store(startReadingCache(outDir.real, version))
		}
	})
	defer func() {
		if st.files.next == nil {
			st.files.close() // the previous index, when the tables were kept
		}
	}()
	// Build the tokenizer's dictionary (~0.6 s on one core) while the
	// workers prepare the first files as far as they go without it (see
	// fanOut) and serve the unchanged ones, instead of every worker waiting
	// for it at its first notice. Only a run with a file to read starts it,
	// as soon as the walk that plans the run meets one: one whose inputs
	// are only touched (hashed, served) or removed never builds it, nor one
	// whose files to read are all in the segment cache, after the first
	// segment that is not.
	startTokenizer := sync.OnceFunc(func() {
		if tokenizerStartHook != nil {
			tokenizerStartHook()
		}
		built := make(chan struct{})
		go func() {
			jatok.Tokenizer() // an error comes back again where the tokenizer is used
			close(built)
		}()
		st.tokenizerBuilt = built
	})
	plan, err := keepTables(ctx, cfg, outDir, stage, st.files, set, man, startTokenizer, readCache)
	if err != nil {
		prevCache.Load().discard()
		return Summary{}, stage.userError(err)
	}
	if plan.kept {
		prevCache.Load().discard()
		man.Stages = st.times.seconds()
		return publish(cfg, stage, man, start)
	}
	readCache() // when the walk saw no change, yet the tables are not kept
	if st.cache, err = startCache(prevCache.Load().wait(), outDir.real, stage.dir, version); err != nil {
		return Summary{}, stage.userError(err)
	}
	st.cache.log = cfg.Log
	cacheOpen := true
	defer func() {
		if cacheOpen {
			st.cache.close()
		}
	}()
	if err := st.files.startNext(stage.dir); err != nil {
		return Summary{}, stage.userError(err)
	}
	defer func() {
		if cacheOpen {
			st.files.close()
		}
	}()
	// The previous link state was being read while the caches opened.
	st.incremental = plan.incremental.wait()
	if st.incremental != nil && incrementalPlannedHook != nil {
		incrementalPlannedHook()
	}

	if plan.toRead {
		startTokenizer()
	}
	sum, err := runStages(ctx, cfg, st, stage.dir, man)
	if err != nil {
		return sum, stage.userError(err)
	}
	cacheOpen = false
	if err := errors.Join(st.cache.close(), st.files.close()); err != nil {
		return sum, stage.userError(err)
	}
	served := int(st.files.servedNotices.Load())
	man.CacheHits, man.CacheMiss = st.cache.hits+served, st.cache.misses
	man.Files = FileCounts{Unchanged: int(st.files.unchanged.Load()), Hashed: int(st.files.hashed.Load()),
		Read: int(st.files.read.Load())}
	man.CacheDropped = CacheDropped{Segments: st.cache.dropped(), Files: st.files.dropped()}
	man.Stages = st.times.seconds()
	man.Summary.Files, man.Summary.Segments, man.Summary.Notices = sum.Files, sum.Segments, sum.Notices
	man.Summary.Incidents, man.Summary.Rejects = sum.Incidents, sum.Rejects
	return publish(cfg, stage, man, start)
}

// publish writes the manifest into the staging folder, swaps it in and
// returns the run's summary, from the manifest.
func publish(cfg Config, stage *staging, man *Manifest, start time.Time) (Summary, error) {
	sum := Summary{Files: man.Summary.Files, Segments: man.Summary.Segments, Notices: man.Summary.Notices,
		Incidents: man.Summary.Incidents, Rejects: man.Summary.Rejects, TablesKept: man.TablesKept}
	if cfg.LimitRejects && sum.Rejects > cfg.MaxRejects {
		return sum, fmt.Errorf("%d inputs rejected, more than --max-rejects %d (%s); the previous tables are kept",
			sum.Rejects, cfg.MaxRejects, reasons(man.Rejects))
	}
	man.End = time.Now().UTC()
	if err := writeManifest(stage.dir, man); err != nil {
		return sum, stage.userError(err)
	}
	if err := stage.commit(); err != nil {
		return sum, err
	}
	sum.Elapsed = time.Since(start)
	sum.CacheHits = man.CacheHits
	sum.FilesReused = man.Files.Unchanged + man.Files.Hashed
	sum.CacheDropped = man.CacheDropped.Segments + man.CacheDropped.Files
	sum.Manifest = man
	cfg.Log.Info("run finished", "files", sum.Files, "files_unchanged", sum.FilesReused, "segments", sum.Segments,
		"incidents", sum.Incidents, "rejects", sum.Rejects, "cache_dropped", sum.CacheDropped,
		"tables_kept", sum.TablesKept, "elapsed", sum.Elapsed)
	return sum, nil
}

// runStages writes every table into dir.
func runStages(ctx context.Context, cfg Config, st *stages, dir string, man *Manifest) (Summary, error) {
	var sum Summary
	var prog *progress
	if cfg.Progress != nil {
		total := 0
		cfg.walk(func(load.Input) error { total++; return nil }, func(schemas.Reject) {})
		prog = newProgress(cfg.Progress, total)
		defer prog.done()
	}
	tp := newTableParts(dir, st.partRows)
	var rejects []schemas.Reject
	linker := link.NewLinker()
	cfg.fixes.link(linker)
	incr := st.incremental
	var entries []incrementalEntry // incremental: every input, for the second pass
	var states linkStateBuilder    // this run's link state, input by input
	var stateOut *linkStateWriter
	if st.files != nil {
		var err error
		if stateOut, err = createLinkState(dir, st.files.version); err != nil {
			return sum, err
		}
		defer func() {
			if stateOut != nil {
				stateOut.close()
			}
		}()
		if incr == nil {
			states.out = stateOut
		}
	}

	fileSegments := 0  // segments of the file being emitted, over its batches
	skipIndex := false // a batch of the file being emitted was not recorded
	var held [][]byte  // incremental: the batches of the file being emitted
	endFile := func(r *fileResult) {
		sum.Files++
		prog.file(fileSegments)
		fileSegments = 0
		man.Inputs = append(man.Inputs, InputFile{Path: r.input.Rel, Size: r.input.Size, SHA256: r.sha256})
	}
	// emitKept links an input served light again from its compact
	// notices; or, while it is the previous run's next input in order,
	// defers it (see settle in extend.go).
	deferring, deferred := incr != nil, 0
	settle := func() error {
		if !deferring {
			return nil
		}
		deferring = false
		t0 := time.Now()
		defer st.times.add(stageLink, t0)
		l, err := incr.settle(linker, entries, deferred)
		if err == nil {
			linker = l
		}
		return err
	}
	emitKept := func(r *fileResult) error {
		k := r.kept
		fileSegments = k.state.segments
		endFile(r)
		rejects = append(rejects, k.rec.rejects...)
		sum.Segments += k.state.segments
		sum.Notices += k.notices
		k.rec = inputRecord{}
		entries = append(entries, incrementalEntry{kept: k, state: *k.state})
		if deferring && k.index == deferred {
			deferred++
			return nil
		}
		if err := settle(); err != nil {
			return err
		}
		t0 := time.Now()
		defer st.times.add(stageLink, t0)
		return relinkKept(linker, &entries[len(entries)-1])
	}
	emit := func(r fileResult) error {
		t0 := time.Now()
		defer st.times.add(stageWrite, t0)
		if st.files != nil {
			if err := st.files.record(&r, &skipIndex); err != nil {
				return err
			}
		}
		if r.kept != nil { // served light: its index lines are copied above
			if r.last {
				return emitKept(&r)
			}
			return nil
		}
		if err := settle(); err != nil {
			return err
		}
		fileSegments += len(r.notices)
		rejects = append(rejects, r.rejects...)
		states.result(r.rejects, r.keys)
		for i := range r.notices {
			n := &r.notices[i]
			cfg.fixes.apply(n) // after extraction (and the cache), before linking
			sum.Segments++
			if n.IsIncident {
				sum.Notices++
			}
			t0 := time.Now()
			linker.Add(n) // it keeps a compact copy, not the notice
			st.times.add(stageLink, t0)
			states.add(n)
			if incr != nil {
				continue
			}
			if err := tp.append(n); err != nil {
				return err
			}
		}
		if incr != nil && len(r.notices) > 0 {
			held = append(held, encodeBatch(fileBatch{Notices: r.notices}))
		}
		if !r.last {
			return nil
		}
		endFile(&r)
		if incr != nil {
			entries = append(entries, incrementalEntry{batches: held, state: states.endInput(inputKey(r.input), r.sha256, -1)})
			held = nil
			return nil
		}
		part, err := tp.endInput()
		if err != nil {
			return err
		}
		states.endInput(inputKey(r.input), r.sha256, part)
		return nil
	}
	walkSum := newWalkRejectsSum()
	walkErr := fanOut(ctx, cfg, st, emit, func(r schemas.Reject) {
		walkSum.add(r)
		rejects = append(rejects, r)
	})
	man.WalkRejects = walkSum.String()
	if walkErr == nil {
		walkErr = settle()
	}
	// A run that writes every table builds every derived table: their
	// DuckDB opens now, beside the linking and the writing that precede
	// them, which leave a core free.
	var openDB func() (*derivedDB, error)
	if walkErr == nil && incr == nil {
		opening := startDerivedDB(ctx)
		defer opening.drop()
		openDB = opening.take
	}
	// What follows the walk runs on one core while the others idle, so
	// the writers' last row groups and footers, which do not depend on the
	// incidents, are written while they are linked.
	var closeErr error
	var closing sync.WaitGroup
	if walkErr == nil {
		closing.Go(func() {
			if incr != nil {
				t0 := time.Now()
				var inputs []inputState
				inputs, man.KeptInputs, closeErr = incr.writeParts(st.files, tp, entries)
				for _, in := range inputs {
					stateOut.input(in)
				}
				st.times.add(stageWrite, t0)
				entries = nil
			}
			if closeErr == nil {
				closeErr = tp.close()
			}
		})
	}
	var incidents []schemas.Incident
	if walkErr == nil {
		t0 := time.Now()
		incidents = linker.Incidents()
		st.times.add(stageLink, t0)
	}
	closing.Wait()
	if walkErr == nil {
		walkErr = closeErr
	}
	if walkErr == nil && incr != nil && partsWrittenHook != nil {
		partsWrittenHook()
	}
	if walkErr != nil {
		return sum, walkErr
	}
	// The link state's end (the linker's snapshot: ~20 MB compressed,
	// hashed and synced at 100k notices) is written while the tables
	// below are, none of which reads it; every return waits for it. A
	// run that writes every table waits for it before the derived tables:
	// their aggregates over every row would add DuckDB's memory to the
	// snapshot's (307k notices: +25–85 MB peak).
	stateDone := make(chan error, 1)
	if w := stateOut; w != nil {
		stateOut = nil
		go func() {
			err := w.finish(tp.parts, linker)
			if incr != nil {
				// What finishing allocated goes back to the system
				// before DuckDB's allocations add up with it (see below;
				// a full run releases the heap once, after waiting).
				debug.FreeOSMemory()
			}
			stateDone <- err
		}()
	} else {
		stateDone <- nil
	}
	waitState := sync.OnceValue(func() error { return <-stateDone })
	withState := func(err error) error { return errors.Join(err, waitState()) }

	fixed, badFixes := cfg.fixes.finish(man, cfg.Log)
	rejects = append(rejects, badFixes...)
	sortRejects(rejects)
	t0 := time.Now()
	if err := parquetio.WriteAll(dir, schemas.CorrectionsTable, fixed); err != nil {
		return sum, withState(err)
	}
	prevOut, version := "", ""
	if incr != nil {
		prevOut = incr.prev // its incidents parts whose rows are unchanged are kept
	}
	if st.files != nil {
		version = st.files.version
	}
	if _, err := writeIncidentParts(dir, prevOut, version, incidents, cfg.Workers); err != nil {
		return sum, withState(err)
	}
	if err := parquetio.WriteAll(dir, schemas.RejectsTable, rejects); err != nil {
		return sum, withState(err)
	}
	st.times.add(stageWrite, t0)
	t0 = time.Now()
	if incr == nil {
		if err := waitState(); err != nil {
			return sum, err
		}
	}
	// DuckDB allocates outside the Go heap: hand the memory the Go heap
	// has freed back to the system first, so the two do not add up.
	// It costs ~0.1 s of CPU on the serial tail after the 10k bench corpus
	// (getrusage around it, on a loaded machine). Released on a goroutine
	// of its own while DuckDB built its first tables instead, the 100k
	// bench corpus's peak RSS, which DuckDB's step sets, rose from 345–371
	// to 358–416 MB over five runs: past issue 18's 400.
	// The memos served the notices' extraction and the page encoders the
	// tables, which are over: their keys and values (texts, headers,
	// morphemes, fields) and the encoders' histories, 48 and 42 MB of the
	// 115 MB left live after the 10k bench corpus, go with the rest.
	recent.ClearAll()
	parquetio.DropIdleEncoders()
	debug.FreeOSMemory()
	if err := buildDerived(ctx, dir, prevOut, len(incidents), openDB); err != nil {
		return sum, withState(err)
	}
	st.times.add(stageDerived, t0)
	sum.Incidents, sum.Rejects = len(incidents), len(rejects)
	for _, r := range rejects {
		man.Rejects[r.Reason]++
	}
	notices, timeline := tp.rows()
	man.Tables["notices"], man.Tables["timeline"] = notices, timeline
	man.Tables["incidents"], man.Tables["rejects"] = len(incidents), len(rejects)
	man.Tables["corrections"] = len(fixed)
	return sum, withState(nil)
}

// fanOut walks the inputs and processes the files on at most cfg.Workers
// goroutines, calling emit with each file's results in walk order (a big
// file's batches in turn, the last one marked). At most 16×Workers files
// are in flight (the window): enough that one slow file does not leave a
// core idle while the collector waits for it (with 4× a 10k-notice run
// took 10% longer), and few enough that memory stays flat.
//
// Each file in flight has a stream, a channel of its results that holds
// one batch; the collector drains the streams in walk order. A big file's
// worker therefore waits, holding at most Workers batches, until the files
// before it are emitted, instead of piling its whole output up in memory;
// and the files in flight share a budget of bytes (inFlightBudget).
//
// While the tokenizer's dictionary loads (~0.6 s on one core) a worker
// prepares its file as far as it goes without the tokenizer and parks it
// outside the window (up to maxParkedBytes of input), then takes the next
// file: the other cores work instead of waiting for the dictionary. Once
// the tokenizer is built, the parked files are finished in walk order, on
// a free worker slot or else by the goroutine that hands them out (never
// waiting for a slot: the slots may all be held by later files waiting for
// their turn to be emitted). On the 10k bench corpus ~100 files are
// prepared that way.
func fanOut(ctx context.Context, cfg Config, st *stages, emit func(fileResult) error, reject func(schemas.Reject)) error {
	g, ctx := errgroup.WithContext(ctx)
	window := make(chan struct{}, 16*cfg.Workers)
	// Parked files have left the window but keep their place in the order.
	streams := make(chan *fileStream, 16*cfg.Workers+maxParkedFiles)
	walkRejects := make(chan schemas.Reject, 16)
	lot := &parkingLot{open: st.tokenizerBuilt != nil}
	unparked := make(chan struct{}) // closed once no file is parked or ever will be

	// The walker dispatches files to a bounded pool.
	work, wctx := errgroup.WithContext(ctx)
	work.SetLimit(cfg.Workers)
	send := func(s *fileStream, r fileResult) error {
		if st.files != nil {
			st.files.encode(&r)
		}
		select {
		case s.chunks <- r:
			return nil
		case <-wctx.Done():
			return wctx.Err()
		}
	}
	budget := semaphore.NewWeighted(inFlightBudget(st.loader.MaxFileBytes))
	// finish sends a prepared file's last result and ends its stream.
	finish := func(p *pendingFile) error {
		s := p.stream
		r := st.finishFile(wctx, p)
		r.last = true
		if err := send(s, r); err != nil {
			return err
		}
		close(s.chunks)
		return nil
	}
	g.Go(func() error {
		defer close(streams)
		defer close(walkRejects)
		seq := 0
		err := walkInputs(&cfg, st.files, func(in load.Input) error {
			select {
			case window <- struct{}{}:
			case <-wctx.Done():
				return wctx.Err()
			}
			s := &fileStream{chunks: make(chan fileResult, 1)}
			select {
			case streams <- s:
			case <-wctx.Done():
				return wctx.Err()
			}
			cost := fileCost(in, st.loader.MaxFileBytes)
			if err := budget.Acquire(wctx, cost); err != nil {
				return err
			}
			n := seq
			seq++
			work.Go(func() error {
				parked := false
				defer func() {
					if !parked {
						budget.Release(cost)
					}
				}()
				if workingHook != nil {
					workingHook(+1)
					defer workingHook(-1)
				}
				var stat fileStat
				var statOK bool
				if st.incremental != nil {
					served, err := st.serveLight(in, func(r fileResult) error { return send(s, r) })
					if err != nil {
						return err
					}
					if served {
						close(s.chunks)
						return nil
					}
				}
				if st.files != nil {
					served := false
					var err error
					stat, statOK, served, err = st.serveUnchanged(in, func(r fileResult) error { return send(s, r) })
					if err != nil {
						return err
					}
					if served {
						close(s.chunks)
						return nil
					}
				}
				// A big file's batches are prepared and finished on
				// goroutines of their own, up to Workers at once, and sent
				// in order: a file alone in flight (the budget lets one
				// 60 MB file in at a time) keeps every core busy.
				batches := make(chan struct{}, cfg.Workers)
				var sent chan struct{} // closed once the latest batch is sent
				var batchErr error
				var batchErrOnce sync.Once
				p, err := st.prepareFile(wctx, n, in, func(b *pendingFile) error {
					select {
					case batches <- struct{}{}:
					case <-wctx.Done():
						return wctx.Err()
					}
					prev, mine := sent, make(chan struct{})
					sent = mine
					go func() {
						defer func() { <-batches }()
						defer close(mine)
						r := st.finishFile(wctx, st.prepareSegments(wctx, b))
						if prev != nil {
							<-prev
						}
						if err := send(s, r); err != nil {
							batchErrOnce.Do(func() { batchErr = err })
						}
					}()
					return nil
				})
				if sent != nil {
					<-sent // every batch sent (each waits for the one before)
					if err == nil {
						err = batchErr
					}
				}
				if err != nil {
					return err
				}
				p.stream, p.cost = s, cost
				p.stat, p.statOK = stat, statOK
				if !p.partial && lot.park(p) {
					parked = true
					<-window // parked, the file is out of the window
					if parkedHook != nil {
						parkedHook()
					}
					return nil
				}
				return finish(p)
			})
			return nil
		}, func(r schemas.Reject) {
			select {
			case walkRejects <- r:
			case <-wctx.Done():
			}
		})
		// The parked files' last sends need the workers' context alive.
		<-unparked
		if werr := work.Wait(); err == nil {
			err = werr
		}
		return err
	})

	// Once the tokenizer is built, the parked files are finished.
	if built := st.tokenizerBuilt; built == nil {
		close(unparked)
	} else {
		g.Go(func() error {
			defer close(unparked)
			select {
			case <-built:
			case <-wctx.Done():
				lot.close()
				return nil
			}
			for _, p := range lot.close() {
				finishParked := func() error {
					defer budget.Release(p.cost)
					return finish(p)
				}
				if work.TryGo(finishParked) {
					continue
				}
				if err := finishParked(); err != nil {
					return err
				}
			}
			return nil
		})
	}

	// The collector drains the streams in walk order and hands results to
	// emit.
	g.Go(func() error {
		wr := walkRejects
		takeReject := func(r schemas.Reject, ok bool) {
			if !ok {
				wr = nil
				return
			}
			reject(r)
		}
		drain := func(s *fileStream) error {
			for {
				select {
				case r, ok := <-s.chunks:
					if !ok {
						return nil
					}
					if r.last && !r.parked { // a parked file left the window already
						<-window
					}
					if err := emit(r); err != nil {
						return err
					}
				case r, ok := <-wr:
					takeReject(r, ok)
				case <-ctx.Done():
					return ctx.Err()
				}
			}
		}
		ss := streams
		for ss != nil || wr != nil {
			select {
			case s, ok := <-ss:
				if !ok {
					ss = nil
					continue
				}
				if err := drain(s); err != nil {
					return err
				}
			case r, ok := <-wr:
				takeReject(r, ok)
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		return nil
	})
	return g.Wait()
}

// inFlightBudget bounds the memory of the files in flight, as the sum of
// their fileCost: three files of the largest size the loader reads (64 MiB
// by default). A worker holds a file's bytes, their decoded text and the
// index of its lines while it works through the file, about three times
// its size, so any mix of files stays within ~200 MB whatever --workers
// is: the largest files are read one at a time, small ones as many at once
// as there are workers. The walker takes each file's share in walk order
// before handing it out, so the earliest file in flight, which the
// collector waits for, always has its share.
func inFlightBudget(maxFileBytes int64) int64 {
	return 3 * maxFileBytes
}

// fileCost is a file's share of inFlightBudget: three times its size, or
// for gzip, three times what it may decompress to (ten times its size, at
// most the loader's limit).
func fileCost(in load.Input, maxFileBytes int64) int64 {
	size := max(in.Size, 1)
	if strings.HasSuffix(strings.ToLower(in.Rel), ".gz") {
		size *= 10
	}
	return 3 * min(size, maxFileBytes)
}

// fileStream carries one file's results from its worker to the collector:
// its batches in order, then closed.
type fileStream struct {
	chunks chan fileResult
}

// stagesHook, when set (by tests), may change a run's stages before it
// starts (the size of batches).
var stagesHook func(*stages)

// parkedHook, when set (by tests), is called after a file is parked.
// workingHook, when set (by tests), is called with +1 when a worker starts
// a file and -1 when it is done with it.
var workingHook func(delta int)

// parkedHook, when set (by tests), is called after a file is parked.
var parkedHook func()

// maxParkedFiles bounds the number of parked files, which keep their place
// in the collector's queue of streams.
const maxParkedFiles = 4096

// maxParkedBytes bounds the input bytes of the files parked while the
// tokenizer's dictionary loads, so memory stays flat whatever the corpus:
// on the bench corpus one core prepares ~6 MB of input in the load's time.
const maxParkedBytes = 16 << 20

// parkingLot holds the files prepared while the tokenizer's dictionary
// loads.
type parkingLot struct {
	mu    sync.Mutex
	open  bool // files may still be parked
	bytes int64
	files []*pendingFile
}

// park keeps p for later and reports whether it did: not once the lot is
// closed, nor past maxParkedBytes (the worker then waits for the tokenizer
// with its file).
func (l *parkingLot) park(p *pendingFile) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.open || l.bytes+p.input.Size > maxParkedBytes || len(l.files) >= maxParkedFiles {
		return false
	}
	l.bytes += p.input.Size
	p.parked = true
	l.files = append(l.files, p)
	return true
}

// close ends parking and returns the parked files in walk order.
func (l *parkingLot) close() []*pendingFile {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.open = false
	files := l.files
	l.files = nil
	slices.SortFunc(files, func(a, b *pendingFile) int { return a.seq - b.seq })
	return files
}

// sortRejects puts rejects in a fixed order: walk rejects arrive while
// files are processed, in an order that depends on timing.
func sortRejects(rs []schemas.Reject) {
	slices.SortStableFunc(rs, func(a, b schemas.Reject) int {
		return cmp.Or(cmp.Compare(a.Source, b.Source), cmp.Compare(a.Segment, b.Segment),
			cmp.Compare(a.Stage, b.Stage), cmp.Compare(a.Reason, b.Reason), cmp.Compare(a.Detail, b.Detail))
	})
}

// reasons lists reject counts by reason, most first.
func reasons(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int { return cmp.Or(cmp.Compare(m[b], m[a]), cmp.Compare(a, b)) })
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}
