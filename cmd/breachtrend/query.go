package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	duckdb "github.com/duckdb/duckdb-go/v2"
	"github.com/spf13/pflag"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/pipeline"
)

// tempPerMemory is how many times --memory a query may spill to disk.
const tempPerMemory = 4

// queryCommand runs one read-only statement over the tables of a run. It
// cannot create or change a file but the -o file it is given: see
// duck.OpenReadOnly and duck.CheckRead.
func queryCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	const synopsis = `query [--out DIR] [--format table|csv|json] [-o FILE] [--memory SIZE] [--timeout D] "SQL"

Runs one read-only statement (` + duck.ReadKinds + `)
over the tables of a run. Nothing is written but -o FILE: to export a result,
use --format csv -o FILE.`
	fs := newFlags("query", synopsis, stderr)
	out := fs.String("out", "out", "output folder of a run")
	format := fs.String("format", "table", "table, csv or json")
	file := fs.StringP("output", "o", "", "write the result to FILE (replaced atomically) instead of stdout")
	force := fs.Bool("force", false, "with -o: replace FILE even when breachtrend did not write it")
	null := fs.String("null", "", "how csv and table write NULL (an empty string is written \"\" in csv)")
	csvRaw := fs.Bool("csv-raw", false, "write csv text cells as they are; by default a cell starting with = + - @, tab or CR gets a leading ' so spreadsheets do not run it as a formula")
	memory := fs.String("memory", duck.FormatSize(duck.DefaultMemory()), "DuckDB memory limit, e.g. 512MB or 2GiB (a quarter of RAM, at most 4 GiB, by default); a query may spill 4 times as much to a private temp folder, removed at the end")
	timeout := fs.Duration("timeout", 5*time.Minute, "stop the query after this long (0: no limit)")
	// Help asked for goes to stdout; after a mistake, to stderr.
	fs.Usage = func() {}
	if err := parse(fs, args); err != nil {
		w := stderr
		if errors.Is(err, pflag.ErrHelp) {
			w = stdout
		}
		fmt.Fprintf(w, "Usage: breachtrend %s\n\nFlags:\n%s", synopsis, fs.FlagUsages())
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one SQL statement, got %d arguments", pipeline.ErrUsage, fs.NArg())
	}
	if !contains(duck.Formats, *format) {
		return fmt.Errorf("%w: --format %q: want one of %s", pipeline.ErrUsage, *format, strings.Join(duck.Formats, ", "))
	}
	memLimit := duck.DefaultMemory()
	if fs.Changed("memory") {
		var err error
		if memLimit, err = duck.ParseSize(*memory); err != nil {
			return fmt.Errorf("%w: --memory: %v", pipeline.ErrUsage, err)
		}
	}
	if *timeout < 0 {
		return fmt.Errorf("%w: --timeout %s: want 0 (no limit) or more", pipeline.ErrUsage, *timeout)
	}
	target := ""
	if *file != "" {
		var err error
		if target, err = queryOutputPath(*file, *out, *force); err != nil {
			return fmt.Errorf("%w: -o: %v", pipeline.ErrUsage, err)
		}
	}

	// DuckDB's only writable folder: its own, removed at the end.
	tempDir, err := os.MkdirTemp("", "breachtrend-query-")
	if err != nil {
		return fmt.Errorf("query temp folder: %w", err)
	}
	defer os.RemoveAll(tempDir)
	// The timeout covers opening the tables too: reading their metadata.
	qctx := ctx
	if *timeout > 0 {
		var cancel context.CancelFunc
		qctx, cancel = context.WithTimeout(ctx, *timeout)
		defer cancel()
	}
	db, err := duck.OpenReadOnly(qctx, *out, duck.Limits{
		Memory:  memLimit,
		TempDir: filepath.Join(tempDir, "spill"),
		MaxTemp: tempPerMemory * memLimit,
	})
	if err != nil {
		return explainQueryError(err, qctx, *timeout, *memory)
	}
	defer db.Close()

	sql := fs.Arg(0)
	// Checking plans the query, which --memory and --timeout bound too.
	if err := duck.CheckRead(qctx, db, sql); err != nil {
		if errors.Is(err, duck.ErrNotRead) {
			return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
		}
		return explainQueryError(err, qctx, *timeout, *memory)
	}
	opts := duck.PrintOptions{Format: *format, Null: *null, CSVRaw: *csvRaw}
	err = printQuery(qctx, db, sql, opts, target, stdout)
	return explainQueryError(err, qctx, *timeout, *memory)
}

// explainQueryError says which limit stopped a query and how to raise it.
func explainQueryError(err error, qctx context.Context, timeout time.Duration, memory string) error {
	var dberr *duckdb.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(qctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("query stopped after --timeout %s; raise it, or 0 for no limit", timeout)
	case errors.As(err, &dberr) && strings.Contains(dberr.Msg, "offload"):
		return fmt.Errorf("query spills more than %d × --memory %s to disk (raise --memory): %s", tempPerMemory, memory, firstLine(dberr.Msg))
	case errors.As(err, &dberr) && dberr.Type == duckdb.ErrorTypeOutOfMemory:
		return fmt.Errorf("query needs more than --memory %s (raise it): %s", memory, firstLine(dberr.Msg))
	}
	return err
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
