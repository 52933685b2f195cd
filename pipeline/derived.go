package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/breachtrend/breachtrend/internal/duck"
)

// validDelay is the condition under which an incident's disclosure delay
// enters the delay statistics: known and not negative. A negative delay
// (published before discovered) is an extraction error, not a fast
// disclosure.
const validDelay = `disclosure_delay_days IS NOT NULL AND disclosure_delay_days >= 0`

// derivedSQL are the tables built with DuckDB from the written tables, in
// order; each query's rows are sorted on a unique key so a rerun writes the
// same file.
var derivedSQL = []struct{ table, query string }{
	// Incidents without a quarter (no published or discovered date) are
	// left out; people sums the known counts (0 when none is known).
	{"trends_quarterly", `
SELECT quarter, cause, sector,
       count(*)::BIGINT                                   AS incidents,
       coalesce(sum(affected_count), 0)::BIGINT           AS people,
       median(disclosure_delay_days) FILTER (WHERE ` + validDelay + `)::DOUBLE              AS median_delay_days,
       quantile_cont(disclosure_delay_days, 0.9) FILTER (WHERE ` + validDelay + `)::DOUBLE  AS p90_delay_days
FROM incidents
WHERE quarter IS NOT NULL
GROUP BY quarter, cause, sector
ORDER BY quarter, cause NULLS LAST, sector NULLS LAST`},

	// One row per cause and per sector (value NULL: not known), plus one
	// row dimension 'all'; over the incidents whose delay is known.
	{"delay_distribution", `
WITH d AS (
  SELECT cause, sector, disclosure_delay_days AS days FROM incidents WHERE ` + validDelay + `
), g AS (
  SELECT 'all' AS dimension, 'all' AS value, days FROM d
  UNION ALL SELECT 'cause', cause, days FROM d
  UNION ALL SELECT 'sector', sector, days FROM d
)
SELECT dimension, value,
       count(*)::BIGINT                              AS incidents,
       median(days)::DOUBLE                          AS median_days,
       quantile_cont(days, 0.75)::DOUBLE             AS p75_days,
       quantile_cont(days, 0.9)::DOUBLE              AS p90_days,
       avg(CASE WHEN days <= 5 THEN 1 ELSE 0 END)::DOUBLE  AS within_5d,
       avg(CASE WHEN days <= 30 THEN 1 ELSE 0 END)::DOUBLE AS within_30d,
       avg(CASE WHEN days <= 60 THEN 1 ELSE 0 END)::DOUBLE AS within_60d
FROM g
GROUP BY dimension, value
ORDER BY dimension, value NULLS LAST`},

	// The terms were read per notice (cached with it), so no tokenizing
	// happens here. Each incident is counted once per term it holds: the
	// occurrences are summed per incident first, which gives what
	// count(DISTINCT incident_id) over every occurrence gives (an incident
	// has one quarter) in half the time.
	{"terms_quarterly", `
WITH per_incident AS (
  SELECT n.incident_id, t.term, count(*) AS occurrences
  FROM notices n, unnest(n.terms) AS t(term)
  GROUP BY n.incident_id, t.term
)
SELECT i.quarter, p.term,
       count(*)::BIGINT           AS incidents,
       sum(p.occurrences)::BIGINT AS occurrences
FROM per_incident p JOIN incidents i ON p.incident_id = i.incident_id
WHERE i.quarter IS NOT NULL
GROUP BY i.quarter, p.term
ORDER BY i.quarter, p.term`},
}

// buildDerived writes the derived tables into dir.
func buildDerived(ctx context.Context, dir string) error {
	db, err := duck.OpenWritable(ctx, dir)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, d := range derivedSQL {
		if err := copyToTable(ctx, db, dir, d.table, d.query); err != nil {
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
