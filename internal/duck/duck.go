// Package duck opens the embedded DuckDB over a breachtrend output folder:
// one view per table folder, so `SELECT … FROM notices` just works, and the
// macros of schemas.DerivedMacros (valid_delay), so the derived tables, the
// report and a user's query share their definitions.
//
// Readers (query, report, eval) get a locked-down database: the views are
// created first, then file access is limited to the tables' own Parquet
// files, extensions cannot be installed or loaded, and the configuration is
// locked, so no SQL can write, create or read any other file. CheckRead
// refuses any statement but one read, and Print renders a result safely for
// a terminal, a spreadsheet or a JSON reader.
package duck

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2" // registers the "duckdb" driver

	"github.com/breachtrend/breachtrend/schemas"
)

// Tables lists the table folders under out that hold Parquet files.
func Tables(out string) ([]string, error) {
	entries, err := os.ReadDir(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("output folder %s does not exist: run `breachtrend run` first, or give --out the folder a run wrote", out)
	}
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

// Limits bound a read-only database. The zero value keeps DuckDB's memory
// default and never spills to disk.
type Limits struct {
	// Memory is DuckDB's memory_limit in bytes; 0 keeps DuckDB's default
	// (80% of RAM).
	Memory int64
	// TempDir is the only folder DuckDB may spill to; "" disables
	// spilling, so DuckDB never creates its default <cwd>/.tmp.
	TempDir string
	// MaxTemp is max_temp_directory_size in bytes (0: DuckDB's default);
	// used only with TempDir.
	MaxTemp int64
}

// Open returns an in-memory DuckDB with a view per table of out that can
// read the tables' Parquet files and nothing else, with no spilling to disk.
func Open(ctx context.Context, out string) (*sql.DB, error) {
	return OpenReadOnly(ctx, out, Limits{})
}

// OpenReadOnly is Open within lim. Once the views exist, file access is
// limited to the Parquet files they read (allowed_paths: not their folders,
// so no file can be added beside them, and CheckRead keeps COPY from
// overwriting them), extension autoloading is off and the configuration is
// locked, so no later SET or PRAGMA can undo it.
func OpenReadOnly(ctx context.Context, out string, lim Limits) (*sql.DB, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return nil, err
	}
	names, err := Tables(abs)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("output folder %s holds no tables: run `breachtrend run` first", out)
	}
	var stmts, allowed []string
	for _, n := range names {
		files, err := filepath.Glob(filepath.Join(abs, n, "*.parquet"))
		if err != nil {
			return nil, err
		}
		// The files as a list, not a glob: DuckDB cannot list a folder
		// once external access is off, and a file that appears later is
		// not read.
		quoted := make([]string, len(files))
		for i, f := range files {
			quoted[i] = quoteString(f)
			allowed = append(allowed, quoteString(f))
		}
		stmts = append(stmts, fmt.Sprintf("CREATE VIEW %s AS SELECT * FROM read_parquet([%s])",
			quoteIdent(n), strings.Join(quoted, ", ")))
	}
	stmts = append(stmts, schemas.DerivedMacros)
	if lim.Memory > 0 {
		stmts = append(stmts, fmt.Sprintf("SET memory_limit = '%dB'", lim.Memory))
	}
	// temp_directory = '' turns spilling off: DuckDB's default would
	// create .tmp in the working directory.
	stmts = append(stmts, "SET temp_directory = "+quoteString(lim.TempDir))
	if lim.TempDir != "" && lim.MaxTemp > 0 {
		stmts = append(stmts, fmt.Sprintf("SET max_temp_directory_size = '%dB'", lim.MaxTemp))
	}
	stmts = append(stmts,
		"SET autoinstall_known_extensions = false",
		"SET autoload_known_extensions = false",
		fmt.Sprintf("SET allowed_paths = [%s]", strings.Join(allowed, ", ")),
		"SET enable_external_access = false",
		"SET lock_configuration = true")
	return openWith(ctx, "open tables in "+out, stmts)
}

// OpenWritable returns an in-memory DuckDB with views over the tables of
// out and full file access: the pipeline uses it to build derived tables.
// What does not fit in its memory limit spills into the folder spill.
func OpenWritable(ctx context.Context, out, spill string) (*sql.DB, error) {
	db, err := OpenScratch(ctx, spill)
	if err != nil {
		return nil, err
	}
	if err := AddViews(ctx, db, out); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// OpenScratch returns an in-memory DuckDB with full file access and no
// views yet, so it can be opened (~30 ms of CPU: the instance and its
// built-in extensions) while the tables it will read are still being
// written; AddViews adds them. What does not fit in its memory limit
// spills into the folder spill.
func OpenScratch(ctx context.Context, spill string) (*sql.DB, error) {
	// As many threads as the Go runtime has cores (the run's --workers):
	// a COPY to one file path writes one file whatever the threads, and
	// its rows in the query's ORDER BY order, so the files are the same
	// byte for byte (PARTITION_BY, not used here, would write a file per
	// thread). A memory limit: the derived tables are small, and a batch
	// run's memory must stay flat (DuckDB's default is 80% of the machine).
	return openWith(ctx, "open DuckDB", []string{fmt.Sprintf("SET threads = %d", runtime.GOMAXPROCS(0)),
		"SET memory_limit = '128MB'", "SET temp_directory = " + quoteString(spill)})
}

// AddViews creates a view per table of out in db, and the macros of
// schemas.DerivedMacros.
func AddViews(ctx context.Context, db *sql.DB, out string) error {
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	names, err := Tables(abs)
	if err != nil {
		return err
	}
	var stmts []string
	for _, n := range names {
		stmts = append(stmts, fmt.Sprintf("CREATE VIEW %s AS SELECT * FROM read_parquet(%s)",
			quoteIdent(n), quoteString(filepath.Join(abs, n, "*.parquet"))))
	}
	stmts = append(stmts, schemas.DerivedMacros)
	return execAll(ctx, db, "open tables in "+out, stmts)
}

// openWith opens an in-memory database on one connection, so the settings
// of stmts stay in force, and runs stmts; an error is prefixed with what.
func openWith(ctx context.Context, what string, stmts []string) (*sql.DB, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := execAll(ctx, db, what, stmts); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// execAll runs stmts in db; an error is prefixed with what.
func execAll(ctx context.Context, db *sql.DB, what string, stmts []string) error {
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %s: %w", what, s, err)
		}
	}
	return nil
}

func quoteIdent(s string) string  { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteString(s string) string { return `'` + strings.ReplaceAll(s, `'`, `''`) + `'` }

// QuoteString quotes s as an SQL string literal.
func QuoteString(s string) string { return quoteString(s) }
