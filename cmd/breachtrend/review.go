package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/breachtrend/breachtrend/internal/atomicfile"
	"github.com/breachtrend/breachtrend/internal/review"
	"github.com/breachtrend/breachtrend/pipeline"
)

const reviewSynopsis = "review [--out DIR] [--limit N] [--format csv|md] [-o FILE]"

// reviewCommand writes the review sheet of a run: the fields most likely
// wrong first, ready to fill in as corrections.
func reviewCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("review", reviewSynopsis, stderr)
	opts := review.Options{}
	fs.StringVar(&opts.Out, "out", "out", "output folder of a run")
	fs.IntVar(&opts.Limit, "limit", 100, "most rows (0: every suspect field)")
	fs.StringVar(&opts.Format, "format", "csv", "csv (UTF-8 with BOM, for Excel; fill corrected_value and note) or md")
	fs.BoolVar(&opts.Force, "force", false, "replace the file even when breachtrend did not write it")
	fs.StringVarP(&opts.File, "output", "o", "", `file to write (default <out>/review.<format>; "-" for stdout)`)
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if opts.Limit < 0 {
		return fmt.Errorf("%w: --limit %d: want 0 or more", pipeline.ErrUsage, opts.Limit)
	}
	if opts.Format != "csv" && opts.Format != "md" {
		return fmt.Errorf("%w: --format %q: want csv or md", pipeline.ErrUsage, opts.Format)
	}
	file, n, err := review.Generate(ctx, opts, stdout)
	if errors.Is(err, atomicfile.ErrNotOurs) {
		return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
	}
	if errors.Is(err, review.ErrFilled) {
		return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
	}
	if err != nil {
		return err
	}
	if !*quiet && file != "-" {
		fmt.Fprintf(stdout, "%d fields to review written to %s\n", n, file)
	}
	return nil
}
