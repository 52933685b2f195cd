package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

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
// changed parts, and the two small tables computed whole.
func buildDerived(ctx context.Context, dir, prev string) error {
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
	// DuckDB runs within a small memory limit and spills what does not fit
	// into a folder of its own, removed with it: the aggregates over a few
	// hundred thousand incidents (events' lists) outgrow the limit.
	spill, err := os.MkdirTemp("", "breachtrend-derived-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(spill)
	db, err := duck.OpenWritable(ctx, dir, spill)
	if err != nil {
		return err
	}
	defer db.Close()
	if delta != nil {
		if err := delta.prepare(ctx, db); err != nil {
			if ctx.Err() != nil {
				return err
			}
			delta = nil // the previous tables do not read back: build them all
		}
	}
	for _, d := range schemas.DerivedTables {
		if q, ok := delta.query(d); ok {
			err := copyToTable(ctx, db, dir, d.Name, q)
			if err == nil {
				derivedBuilt(d.Name, derivedUpdated)
				continue
			}
			if ctx.Err() != nil {
				return err
			}
			// A previous file that does not read back as its record said:
			// the table is built whole below.
		}
		if err := copyToTable(ctx, db, dir, d.Name, d.SQL); err != nil {
			return err
		}
		derivedBuilt(d.Name, derivedWhole)
	}
	return writeDerivedRecord(dir)
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

func derivedBuilt(table, how string) {
	if derivedHook != nil {
		derivedHook(table, how)
	}
}
