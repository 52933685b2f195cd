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

	"github.com/breachtrend/breachtrend/internal/duck"
)

// Options are what `breachtrend review` writes.
type Options struct {
	Out    string // output folder of a run
	Limit  int    // most rows (0: all)
	File   string // file to write; "" for <Out>/review.<Format>, "-" for stdout
	Format string // csv or md
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
	if opts.Format == "csv" {
		if f, err := os.Open(file); err == nil {
			filled, ferr := Filled(f)
			f.Close()
			if filled {
				why := ErrFilled
				if ferr != nil {
					why = fmt.Errorf("%w (%v)", ErrFilled, ferr)
				}
				return "", 0, fmt.Errorf("%s %w: it is kept; copy its rows into corrections.csv, or write the new sheet with -o FILE", file, why)
			}
		}
	}
	return file, len(items), writeFile(file, b.Bytes())
}

// writeFile writes data beside path under a temporary name and renames
// it over path, so a reader never sees half a sheet.
func writeFile(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Close()
	} else {
		f.Close()
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
