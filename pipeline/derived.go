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
// dir.
func buildDerived(ctx context.Context, dir string) error {
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
	for _, d := range schemas.DerivedTables {
		if err := copyToTable(ctx, db, dir, d.Name, d.SQL); err != nil {
			return err
		}
	}
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
		duck.QuoteString(filepath.Join(folder, "part-00000.parquet")))
	if _, err := db.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("derived table %s: %w", table, err)
	}
	return nil
}
