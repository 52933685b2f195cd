// Package duck opens the embedded DuckDB over a breachtrend output folder:
// one view per table folder, so `SELECT … FROM notices` just works.
package duck

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver
)

// Tables lists the table folders under out that hold Parquet files.
func Tables(out string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if err != nil {
		return nil, fmt.Errorf("output folder %s: %w", out, err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		if files, _ := filepath.Glob(filepath.Join(out, e.Name(), "*.parquet")); len(files) > 0 {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// Open returns an in-memory DuckDB with a view per table of out. The
// database can read the tables and nothing else: external access is limited
// to out and the configuration is locked, so a query cannot write files or
// reach outside the output folder.
func Open(ctx context.Context, out string) (*sql.DB, error) {
	return open(ctx, out, false)
}

// OpenWritable returns an in-memory DuckDB with views over the tables of
// out and full file access: the pipeline uses it to build derived tables.
func OpenWritable(ctx context.Context, out string) (*sql.DB, error) {
	return open(ctx, out, true)
}

func open(ctx context.Context, out string, writable bool) (*sql.DB, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	names, err := Tables(abs)
	if err != nil {
		return nil, err
	}
	var stmts []string
	if writable {
		// As many threads as the Go runtime has cores (the run's
		// --workers): a COPY to one file path writes one file whatever
		// the threads, and its rows in the query's ORDER BY order, so the
		// files are the same byte for byte (PARTITION_BY, not used here,
		// would write a file per thread). A memory limit: the derived
		// tables are small, and a batch run's memory must stay flat
		// (DuckDB's default is 80% of the machine).
		stmts = append(stmts, fmt.Sprintf("SET threads = %d", runtime.GOMAXPROCS(0)), "SET memory_limit = '128MB'")
	} else if len(names) == 0 {
		return nil, fmt.Errorf("output folder %s holds no tables: run `breachtrend run` first", out)
	}
	for _, n := range names {
		stmts = append(stmts, fmt.Sprintf("CREATE VIEW %s AS SELECT * FROM read_parquet(%s)",
			quoteIdent(n), quoteString(filepath.Join(abs, n, "*.parquet"))))
	}
	if !writable {
		stmts = append(stmts,
			fmt.Sprintf("SET allowed_directories = [%s]", quoteString(abs+string(filepath.Separator))),
			"SET enable_external_access = false",
			"SET lock_configuration = true")
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1) // one connection keeps the settings in force
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			db.Close()
			return nil, fmt.Errorf("open tables in %s: %s: %w", out, s, err)
		}
	}
	return db, nil
}

func quoteIdent(s string) string  { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteString(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// QuoteString quotes s as an SQL string literal.
func QuoteString(s string) string { return quoteString(s) }
