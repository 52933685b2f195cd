package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/schemas"
)

// buildDerived writes the derived tables (schemas.DerivedTables: each
// one's query is schemas/derived/<table>.sql, beside its column docs) into
// dir, and their record into dir's caches (derivedrecord.go).
//
// prev is the previous output folder of an incremental run ("" for
// none): when its derived tables were built by the same queries
// (its record says so), only what changed is recomputed
// (deriveddelta.go): with no incidents or notices part changed, its
// derived files are linked and DuckDB is not opened at all; otherwise
// events and terms_quarterly are updated from the previous rows and the
// changed parts, and the two small tables computed whole, on two
// connections at once (derivedLanes). A full run over at most
// maxLanedIncidents incidents computes every table whole on the two
// connections too. open, when not nil, returns the DuckDB to use (opened
// beforehand by startDerivedDB); buildDerived closes it.
func buildDerived(ctx context.Context, dir, prev string, incidents int, open func() (*derivedDB, error)) error {
	var delta *derivedDelta
	if prev != "" {
		delta = planDerivedDelta(dir, prev)
	}
	if delta != nil && delta.unchanged() {
		if err := delta.keepAll(); err == nil {
			for _, d := range schemas.DerivedTables {
				derivedBuilt(d.Name, derivedKept)
			}
			return writeDerivedRecord(dir)
		}
		delta = nil // a file could not be linked: build them all
	}
	if open == nil {
		open = func() (*derivedDB, error) { return openDerivedDB(ctx) }
	}
	ddb, err := open()
	if err != nil {
		return err
	}
	defer ddb.close()
	db := ddb.db
	if err := duck.AddViews(ctx, db, dir); err != nil {
		return err
	}
	if delta != nil {
		if err := delta.prepareTouched(ctx, db); err != nil {
			if ctx.Err() != nil {
				return err
			}
			delta = nil // the previous tables do not read back: build them all
		}
	}
	if delta == nil && incidents <= maxLanedIncidents {
		// Every table whole, on two connections at once: over a corpus
		// this small every aggregate fits in DuckDB's memory beside the
		// others.
		if err := derivedLanes(ctx, db, dir, nil); err != nil {
			return err
		}
		return writeDerivedRecord(dir)
	}
	if delta == nil {
		// Every table whole, one after the other: each aggregate over
		// every row has the memory limit to itself.
		for _, d := range schemas.DerivedTables {
			if err := buildWhole(ctx, db, dir, d); err != nil {
				return err
			}
		}
		return writeDerivedRecord(dir)
	}
	if err := derivedLanes(ctx, db, dir, delta); err != nil {
		return err
	}
	return writeDerivedRecord(dir)
}

// derivedLanes writes the derived tables of an update on two connections
// at once: events (its touched events, then its update: reading and
// writing ~80k rows of lists at 100k notices, ~0.2 s) on one, and
// terms_quarterly (the touched incidents' terms, then its update),
// trends_quarterly and delay_distribution (~0.1 s over every incident)
// on the other. Each is mostly one DuckDB thread at a time, so on two
// cores the stage takes the longer lane instead of the sum. Neither lane
// holds more than a few MB: the aggregates over every row, which do, run
// one at a time (buildDerived).
func derivedLanes(ctx context.Context, db *sql.DB, dir string, delta *derivedDelta) error {
	lanes := derivedLaneTables()
	if delta == nil {
		lanes = wholeLaneTables()
	}
	db.SetMaxOpenConns(len(lanes))
	g, ctx := errgroup.WithContext(ctx)
	for _, lane := range lanes {
		g.Go(func() error {
			conn, err := db.Conn(ctx)
			if err != nil {
				return err
			}
			defer conn.Close()
			for _, name := range lane {
				build := func() error { return buildWhole(ctx, conn, dir, derivedTable(name)) }
				if delta != nil {
					build = func() error { return buildUpdated(ctx, conn, dir, delta, derivedTable(name)) }
				}
				if err := build(); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return g.Wait()
}

// maxLanedIncidents is the most incidents whose derived tables a full run
// builds on two connections at once. Over a small corpus each query is
// mostly DuckDB's fixed work on one thread: on the 10k bench corpus (9k
// incidents) the stage fell from 0.25–0.28 to 0.20–0.22 s. Over a large
// one the queries already keep both cores busy and share DuckDB's one
// memory limit: at 92k incidents (100k bench corpus) two lanes took
// 1.04–1.13 s against 0.93–1.10 one at a time, and the run's peak RSS,
// which this step sets, rose 9–24 MB; at 307k no faster either.
var maxLanedIncidents = 50_000

// wholeLaneTables are the lanes of a full run's derived tables, about
// even: terms_quarterly and delay_distribution (98 and 20 ms over the 10k
// bench corpus, EXPLAIN ANALYZE) and any other on the first, events and
// trends_quarterly (73 and 41 ms) on the second.
func wholeLaneTables() [][]string {
	lanes := [][]string{nil, nil}
	for _, d := range schemas.DerivedTables {
		lane := 0
		if d.Name == "events" || d.Name == "trends_quarterly" {
			lane = 1
		}
		lanes[lane] = append(lanes[lane], d.Name)
	}
	return lanes
}

// derivedLaneTables are the derived tables of each lane of an update, in
// the order they are written: events alone on the second, the others in
// schemas.DerivedTables's order on the first.
func derivedLaneTables() [][]string {
	lanes := [][]string{nil, {"events"}}
	for _, d := range schemas.DerivedTables {
		if d.Name != "events" {
			lanes[0] = append(lanes[0], d.Name)
		}
	}
	return lanes
}

// buildUpdated writes table d from its previous rows and what changed
// when it can, else whole.
func buildUpdated(ctx context.Context, conn *sql.Conn, dir string, delta *derivedDelta, d schemas.DerivedTable) error {
	if err := delta.prepareTable(ctx, conn, d.Name); err != nil {
		if ctx.Err() != nil {
			return err
		}
		// The previous rows do not read back: the table is built whole.
	}
	if q, ok := delta.query(d); ok {
		err := copyToTable(ctx, conn, dir, d.Name, q)
		if err == nil {
			derivedBuilt(d.Name, derivedUpdated)
			return nil
		}
		if ctx.Err() != nil {
			return err
		}
		// A previous file that does not read back as its record said:
		// the table is built whole below.
	}
	return buildWhole(ctx, conn, dir, d)
}

// buildWhole writes table d from its own query over every row.
func buildWhole(ctx context.Context, db execer, dir string, d schemas.DerivedTable) error {
	if err := copyToTable(ctx, db, dir, d.Name, d.SQL); err != nil {
		return err
	}
	derivedBuilt(d.Name, derivedWhole)
	return nil
}

// execer is what copyToTable needs of a database.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// copyToTable writes the rows of query as <dir>/<table>/part-00000.parquet.
func copyToTable(ctx context.Context, db execer, dir, table, query string) error {
	folder := filepath.Join(dir, table)
	if err := os.MkdirAll(folder, 0o755); err != nil {
		return err
	}
	q := fmt.Sprintf("COPY (%s) TO %s (FORMAT parquet, COMPRESSION zstd)", query,
		duck.QuoteString(filepath.Join(folder, derivedFile)))
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("derived table %s: %w", table, err)
	}
	return nil
}

// derivedDB is the DuckDB the derived tables are built in, and the folder
// it spills into.
type derivedDB struct {
	db    *sql.DB
	spill string
}

// openDerivedDB opens a DuckDB for the derived tables, with no views yet
// (duck.AddViews). It runs within a small memory limit and spills what
// does not fit into a folder of its own, removed with it: the aggregates
// over a few hundred thousand incidents (events' lists) outgrow the limit.
func openDerivedDB(ctx context.Context) (*derivedDB, error) {
	spill, err := os.MkdirTemp("", "breachtrend-derived-")
	if err != nil {
		return nil, err
	}
	db, err := duck.OpenScratch(ctx, spill)
	if err != nil {
		os.RemoveAll(spill)
		return nil, err
	}
	return &derivedDB{db: db, spill: spill}, nil
}

func (d *derivedDB) close() {
	d.db.Close()
	os.RemoveAll(d.spill)
}

// openingDB is a derivedDB being opened on a goroutine of its own.
type openingDB struct {
	done  chan struct{}
	db    *derivedDB
	err   error
	taken sync.Once
}

// startDerivedDB opens the derived tables' DuckDB beside the work that
// precedes them: a full run always builds them, and the tail of a run
// (linking, the incidents table, the link state) leaves a core free. The
// caller takes it (take) or, on every path, drops it (drop).
func startDerivedDB(ctx context.Context) *openingDB {
	o := &openingDB{done: make(chan struct{})}
	go func() {
		defer close(o.done)
		o.db, o.err = openDerivedDB(ctx)
	}()
	return o
}

// take waits for the database; the caller closes it.
func (o *openingDB) take() (*derivedDB, error) {
	<-o.done
	o.taken.Do(func() {})
	return o.db, o.err
}

// drop closes the database unless it was taken.
func (o *openingDB) drop() {
	<-o.done
	o.taken.Do(func() {
		if o.db != nil {
			o.db.close()
		}
	})
}

// derivedFile is the one file of each derived table.
const derivedFile = "part-00000.parquet"

// How a derived table was written.
const (
	derivedKept    = "kept"    // the previous file, linked
	derivedUpdated = "updated" // the previous rows updated with what changed
	derivedWhole   = "whole"   // its own query over every row
)

// derivedHook, when set (by tests), is told how each derived table was
// written.
var derivedHook func(table, how string)

// derivedHookMu serializes derivedHook's calls: the lanes write at once.
var derivedHookMu sync.Mutex

func derivedBuilt(table, how string) {
	derivedHookMu.Lock()
	defer derivedHookMu.Unlock()
	if derivedHook != nil {
		derivedHook(table, how)
	}
}
