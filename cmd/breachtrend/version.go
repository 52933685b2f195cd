package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"runtime"

	_ "github.com/duckdb/duckdb-go/v2" // the "duckdb" driver, for its version

	"github.com/breachtrend/breachtrend/pipeline"
)

// versionCommand prints what a bug report needs: breachtrend's version
// and commit, the Go toolchain, the embedded DuckDB and the rules version
// (a hash of the rule files and the build ID, which keys the segment cache).
func versionCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", "version  (or: breachtrend --version)", stderr)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	duckdb, err := duckdbVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "breachtrend %s (commit %s)\nGo      %s %s/%s\nDuckDB  %s\nrules   %s\n",
		pipeline.Version, pipeline.Commit(), runtime.Version(), runtime.GOOS, runtime.GOARCH, duckdb, pipeline.RulesVersion())
	return nil
}

// duckdbVersion asks the embedded DuckDB library its version.
func duckdbVersion(ctx context.Context) (string, error) {
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return "", fmt.Errorf("duckdb: %w", err)
	}
	defer db.Close()
	var v string
	if err := db.QueryRowContext(ctx, "SELECT version()").Scan(&v); err != nil {
		return "", fmt.Errorf("duckdb: %w", err)
	}
	return v, nil
}
