package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/pipeline"
)

func queryCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("query", `query [--out DIR] [--format table|csv|json] "SQL"`, stderr)
	out := fs.String("out", "out", "output folder of a run")
	format := fs.String("format", "table", "table, csv or json")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("%w: want one SQL statement, got %d arguments", pipeline.ErrUsage, fs.NArg())
	}
	if !contains(duck.Formats, *format) {
		return fmt.Errorf("%w: --format %q: want one of %s", pipeline.ErrUsage, *format, strings.Join(duck.Formats, ", "))
	}
	db, err := duck.Open(ctx, *out)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, fs.Arg(0))
	if err != nil {
		return err
	}
	defer rows.Close()
	return duck.Print(stdout, rows, *format)
}
