package pipeline

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/breachtrend/breachtrend/internal/duck"
)

// derivedSQL are the tables built with DuckDB from the written tables, in
// order; each query's rows are sorted so a rerun writes the same file.
var derivedSQL = []struct{ table, query string }{
	{"trends_quarterly", `
SELECT quarter, cause, sector,
       count(*)::BIGINT                                   AS incidents,
       coalesce(sum(affected_count), 0)::BIGINT           AS people,
       median(disclosure_delay_days)::DOUBLE              AS median_delay_days,
       quantile_cont(disclosure_delay_days, 0.9)::DOUBLE  AS p90_delay_days
FROM incidents
WHERE quarter IS NOT NULL
GROUP BY quarter, cause, sector
ORDER BY quarter, cause, sector NULLS LAST`},
}

// buildDerived writes the derived tables into dir.
func buildDerived(ctx context.Context, dir string) error {
	db, err := duck.OpenWritable(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, d := range derivedSQL {
		folder := filepath.Join(dir, d.table)
		if err := os.MkdirAll(folder, 0o755); err != nil {
			return err
		}
		q := fmt.Sprintf("COPY (%s) TO %s (FORMAT parquet, COMPRESSION zstd)", d.query,
			duck.QuoteString(filepath.Join(folder, "part-00000.parquet")))
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("derived table %s: %w", d.table, err)
		}
	}
	return nil
}
