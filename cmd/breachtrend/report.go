package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/breachtrend/breachtrend/internal/atomicfile"
	"github.com/breachtrend/breachtrend/internal/report"
	"github.com/breachtrend/breachtrend/pipeline"
)

// reportCommand writes the quarterly review report of a run.
func reportCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("report", "report [--out DIR] [--quarter YYYYQn|latest] [--format html|md] [-o FILE]", stderr)
	opts := report.Options{}
	fs.StringVar(&opts.Out, "out", "out", "output folder of a run")
	fs.StringVar(&opts.Quarter, "quarter", "latest", "quarter to review, e.g. 2023Q3; latest: the latest quarter in the data")
	fs.StringVar(&opts.Format, "format", "html", "html (one self-contained page) or md")
	fs.BoolVar(&opts.Force, "force", false, "replace the file even when breachtrend did not write it")
	fs.StringVarP(&opts.File, "output", "o", "", `file to write (default <out>/report-<quarter>.<format>; "-" for stdout)`)
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if err := report.CheckOptions(opts); err != nil {
		return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
	}
	file, err := report.Generate(ctx, opts, stdout)
	if errors.Is(err, atomicfile.ErrNotOurs) {
		return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
	}
	if errors.Is(err, report.ErrNoData) {
		return fmt.Errorf("%s: %w", opts.Out, err)
	}
	if err != nil {
		return err
	}
	if !*quiet && file != "-" {
		fmt.Fprintf(stdout, "report written to %s\n", file)
	}
	return nil
}
