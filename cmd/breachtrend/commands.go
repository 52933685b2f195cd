package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"

	"golang.org/x/term"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/internal/eval"
	"github.com/breachtrend/breachtrend/pipeline"
	"github.com/breachtrend/breachtrend/schemas"
)

// runSynopsis is run's command line, every flag.
const runSynopsis = "run [--in PATH]... [--out DIR] [--workers N] [--sectors FILE] [--corrections FILE]\n" +
	"                       [--full] [--verify] [--wait] [--max-rejects N] [--follow-symlinks] [--log-format text|json] [--quiet]"

func runCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("run", runSynopsis, stderr)
	cfg := pipeline.Config{}
	fs.StringArrayVar(&cfg.Inputs, "in", []string{"testdata/corpus"}, "corpus file or folder (repeatable)")
	fs.StringVar(&cfg.Out, "out", "out", "output folder: one subfolder of Parquet files per table; must be new, empty or a previous run's")
	fs.IntVar(&cfg.Workers, "workers", runtime.NumCPU(), "files processed at once, and the most CPU cores the run uses")
	fs.StringVar(&cfg.Sectors, "sectors", "", "CSV of organization,JSIC letter extending the bundled table")
	fs.StringVar(&cfg.Corrections, "corrections", "", "analysts' corrections (CSV, e.g. a filled review sheet) applied after extraction (default: corrections.csv beside the first --in, when it exists; - for none)")
	fs.BoolVar(&cfg.Full, "full", false, "recompute every segment instead of reusing the cache in --out")
	fs.BoolVar(&cfg.Verify, "verify", false, "hash every input to tell it is unchanged, instead of trusting its size, mtime, ctime and inode")
	fs.BoolVar(&cfg.Wait, "wait", false, "wait for another run on the same --out instead of stopping")
	fs.BoolVar(&cfg.FollowSymlinks, "follow-symlinks", false, "follow symbolic links that lead out of an --in folder (default: reject them)")
	fs.IntVar(&cfg.MaxRejects, "max-rejects", 0, "fail (exit 1, previous tables kept) when more than N inputs are rejected (default: no limit)")
	logFormat := fs.String("log-format", "text", "log format on stderr: text or json")
	quiet := fs.Bool("quiet", false, "print nothing but errors")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if cfg.Workers < 1 {
		return fmt.Errorf("%w: --workers %d: want 1 or more", pipeline.ErrUsage, cfg.Workers)
	}
	if cfg.Out == "" {
		return fmt.Errorf("%w: --out is empty: name the output folder (default out)", pipeline.ErrUsage)
	}
	if !fs.Changed("in") {
		// The default is the sample corpus of a checkout: elsewhere it is
		// not there, and a message about a flag never typed would puzzle.
		if _, err := os.Stat(cfg.Inputs[0]); err != nil {
			return fmt.Errorf("%w: no --in given, and the sample corpus it defaults to (%s) is not in this folder: name the corpus with --in PATH", pipeline.ErrUsage, cfg.Inputs[0])
		}
	}
	cfg.LimitRejects = fs.Changed("max-rejects")
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelError
	}
	opts := &slog.HandlerOptions{Level: level}
	switch *logFormat {
	case "text":
		cfg.Log = slog.New(slog.NewTextHandler(stderr, opts))
	case "json":
		cfg.Log = slog.New(slog.NewJSONHandler(stderr, opts))
	default:
		return fmt.Errorf("%w: --log-format %q: want text or json", pipeline.ErrUsage, *logFormat)
	}
	if f, ok := stderr.(*os.File); ok && !*quiet && term.IsTerminal(int(f.Fd())) {
		cfg.Progress = stderr
	}
	if err := cfg.Validate(); err != nil {
		return err
	}
	sum, err := pipeline.Run(ctx, cfg)
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(stdout, "breachtrend: %s\ntables written to %s\n", sum, cfg.Out)
	}
	return nil
}

func evalCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("eval", "eval --gold FILE [--out DIR] [-v]", stderr)
	gold := fs.String("gold", "", "gold labels (JSON Lines, see testdata/gold/GUIDE.md)")
	out := fs.String("out", "out", "output folder of a run")
	verbose := fs.BoolP("verbose", "v", false, "list every miss with the expected and extracted values")
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	if *gold == "" {
		return fmt.Errorf("%w: --gold is required", pipeline.ErrUsage)
	}
	f, err := os.Open(*gold)
	if err != nil {
		return fmt.Errorf("%w: --gold: %v", pipeline.ErrUsage, err)
	}
	defer f.Close()
	labels, err := eval.ReadGold(f)
	if err != nil {
		return fmt.Errorf("%s: %w", *gold, err)
	}
	if len(labels) == 0 {
		// A score over no labels would look like a result.
		return fmt.Errorf("%w: --gold %s holds no labels: nothing to score", pipeline.ErrUsage, *gold)
	}
	db, err := duck.Open(ctx, *out)
	if err != nil {
		return err
	}
	defer db.Close()
	segs, err := eval.LoadSegments(ctx, db)
	if err != nil {
		return err
	}
	r := eval.Score(labels, segs)
	if err := r.Write(stdout, *verbose); err != nil {
		return err
	}
	if r.Matched == 0 {
		// Every field 0.000 would read as an extractor broken, not as
		// the labels of another corpus.
		return fmt.Errorf("no gold record of %s matches a notice of --out %s (%d records, %d notices): is --out the run of the corpus these labels are of?",
			*gold, *out, r.Records, len(segs))
	}
	return nil
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func tablesCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("tables", "tables", stderr)
	if err := parseNoArgs(fs, args); err != nil {
		return err
	}
	return schemas.WriteMarkdown(stdout, schemas.Dictionary())
}
