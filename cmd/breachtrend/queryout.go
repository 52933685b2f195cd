package main

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/breachtrend/breachtrend/internal/atomicfile"
	"github.com/breachtrend/breachtrend/internal/duck"
)

// printQuery runs query on db and prints its rows to stdout, or to file
// when one is given: written beside it under a temporary name and renamed
// over it once complete, so a failed query leaves no file and never half of
// one.
func printQuery(ctx context.Context, db *sql.DB, query string, opts duck.PrintOptions, file string, stdout io.Writer) error {
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	if file == "" {
		return duck.Print(stdout, rows, opts)
	}
	err = atomicfile.Write(file, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		if err := duck.Print(bw, rows, opts); err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("-o %s: %w", file, err)
	}
	return nil
}

// queryOutputPath returns the path an -o file is written to (file with
// its symlinks resolved, so a link is written through, not replaced). It
// refuses a folder, and a path where breachtrend keeps its own files in the
// output folder out: a table folder, an entry of out whose name starts with
// . or _ (the marker, the cache, staging), or out/manifest.json. An existing file that
// breachtrend did not write (an analyst's CSV, a copy of an export) is
// refused unless force; a file an earlier query -o wrote is replaced.
func queryOutputPath(file, out string, force bool) (string, error) {
	if force {
		if info, err := os.Stat(file); err == nil && info.IsDir() {
			return "", fmt.Errorf("%s is a folder; want a file name", file)
		}
	} else if err := atomicfile.Guard(file, nil); err != nil {
		return "", err
	}
	target, err := resolve(file)
	if err != nil {
		return "", err
	}
	absOut, err := resolve(out)
	if err != nil {
		return "", err
	}
	rel, err := filepath.Rel(absOut, target)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return target, nil // outside out
	}
	parts := strings.Split(rel, string(filepath.Separator))
	if len(parts) == 1 {
		switch name := parts[0]; {
		case name == "manifest.json":
			return "", fmt.Errorf("%s is the run's manifest; write the result elsewhere", file)
		case strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_"):
			// The output folder's marker (.breachtrend-output), its
			// cache, staging: the names breachtrend keeps for itself.
			return "", fmt.Errorf("%s is a name breachtrend keeps for its own files in %s (it starts with %q); write the result elsewhere", file, out, name[:1])
		}
		return target, nil
	}
	tables, _ := duck.Tables(absOut)
	top := parts[0]
	if strings.HasPrefix(top, ".") || strings.HasPrefix(top, "_") || contains(tables, top) {
		return "", fmt.Errorf("%s is inside %s, which breachtrend writes; write the result elsewhere", file, filepath.Join(out, top))
	}
	return target, nil
}

// resolve returns the absolute path of the file that writing p writes:
// its symlinks resolved, a dangling link's target included
// (atomicfile.Resolve). A missing folder is left for os.CreateTemp to
// name.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	return filepath.Abs(atomicfile.Resolve(abs))
}
