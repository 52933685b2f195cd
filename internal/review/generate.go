package review

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/breachtrend/breachtrend/internal/atomicfile"
	"github.com/breachtrend/breachtrend/internal/duck"
)

// Options are what `breachtrend review` writes.
type Options struct {
	Out    string // output folder of a run
	Limit  int    // most rows (0: all)
	File   string // file to write; "" for <Out>/review.<Format>, "-" for stdout
	Format string // csv or md
	Force  bool   // replace File even when breachtrend did not write it
}

// ErrFilled marks a sheet that holds an analyst's corrections: review
// never writes over it.
var ErrFilled = errors.New("holds corrected values or notes")

// Generate writes the review sheet opts describe and returns the file
// written and its rows. The file is written under a temporary name and
// renamed over the old one when complete; a file that holds an analyst's
// work (a filled corrected_value or note) is never replaced.
func Generate(ctx context.Context, opts Options, stdout io.Writer) (string, int, error) {
	if opts.Format != "csv" && opts.Format != "md" {
		return "", 0, fmt.Errorf("format %q: want csv or md", opts.Format)
	}
	tables, err := duck.Tables(opts.Out)
	if err != nil {
		return "", 0, err
	}
	for _, t := range []string{"notices", "timeline"} {
		if !slices.Contains(tables, t) {
			return "", 0, fmt.Errorf("output folder %s has no %s table: run `breachtrend run` first", opts.Out, t)
		}
	}
	db, err := duck.Open(ctx, opts.Out)
	if err != nil {
		return "", 0, err
	}
	items, err := Build(ctx, db, opts.Limit)
	db.Close()
	if err != nil {
		return "", 0, err
	}
	var b bytes.Buffer
	if opts.Format == "md" {
		err = WriteMarkdown(&b, items)
	} else {
		err = WriteCSV(&b, items)
	}
	if err != nil {
		return "", 0, err
	}
	file := opts.File
	if file == "-" {
		_, err := stdout.Write(b.Bytes())
		return file, len(items), err
	}
	if file == "" {
		file = filepath.Join(opts.Out, "review."+opts.Format)
	}
	if opts.Format == "csv" && !opts.Force {
		if f, err := os.Open(file); err == nil {
			filled, ferr := Filled(f)
			f.Close()
			if filled {
				why := ErrFilled
				if ferr != nil {
					why = fmt.Errorf("%w (%v)", ErrFilled, ferr)
				}
				return "", 0, fmt.Errorf("%s %w: it is kept; copy its rows into corrections.csv, write the new sheet with -o FILE, or pass --force to replace it", file, why)
			}
		}
	}
	if !opts.Force {
		if err := atomicfile.Guard(file, signature(opts.Format)); err != nil {
			return "", 0, err
		}
	}
	return file, len(items), atomicfile.WriteBytes(file, b.Bytes())
}

// signature recognises a review sheet breachtrend wrote by its header row,
// the first bytes WriteCSV and WriteMarkdown write.
func signature(format string) atomicfile.Signature {
	var b bytes.Buffer
	if format == "md" {
		WriteMarkdown(&b, nil)
	} else {
		WriteCSV(&b, nil)
	}
	return atomicfile.Prefix(b.String())
}
