// Command breachtrend turns Japanese security-incident notices into
// analytic Parquet tables and queries them with embedded DuckDB.
//
//	breachtrend run    [--in PATH]... [--out DIR] [--workers N] [--sectors FILE] [--corrections FILE]
//	                   [--full] [--verify] [--wait] [--max-rejects N] [--follow-symlinks] [--log-format text|json] [--quiet]
//	breachtrend query  [--out DIR] [--format table|csv|json] "SQL"
//	breachtrend eval   --gold FILE [--out DIR] [-v]
//	breachtrend report [--out DIR] [--quarter YYYYQn|latest] [--format html|md] [-o FILE]
//	breachtrend fetch  blog --base URL | feeds FILE | urls FILE  [--to DIR] [--since DATE] [--delay D]
//	breachtrend review [--out DIR] [--limit N] [--format csv|md] [-o FILE]
//	breachtrend tables
//	breachtrend version
//
// Exit codes: 0 success, 1 failure, 2 usage.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/pflag"

	"github.com/breachtrend/breachtrend/pipeline"
)

const usage = `breachtrend turns Japanese security-incident notices into Parquet tables.

Usage:
  breachtrend run    [--in PATH]... [--out DIR] [--workers N] [--sectors FILE] [--corrections FILE]
                     [--full] [--verify] [--wait] [--max-rejects N] [--follow-symlinks] [--log-format text|json] [--quiet]
                                                               build the tables
  breachtrend query  [--out DIR] [--format table|csv|json] SQL  one read-only statement over them (DuckDB)
  breachtrend eval   --gold FILE [--out DIR] [-v]               score a run against gold labels
  breachtrend report [--out DIR] [--quarter YYYYQn|latest] [--format html|md] [-o FILE]
                                                               quarterly review report (HTML or Markdown)
  breachtrend fetch  blog --base URL | feeds FILE | urls FILE [--to DIR] [--since DATE]
                                                               get notices from the blog's feed,
                                                               press-release feeds or a list of URLs
  breachtrend review [--out DIR] [--limit N] [--format csv|md] [-o FILE]
                                                               the fields most likely wrong first, to correct
  breachtrend tables                                           print the table dictionary (Markdown)
  breachtrend version                                          versions of breachtrend, Go, DuckDB, rules

Run "breachtrend COMMAND --help" for a command's flags.
`

type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

var commands = map[string]command{
	"run":     runCommand,
	"query":   queryCommand,
	"eval":    evalCommand,
	"tables":  tablesCommand,
	"report":  reportCommand,
	"version": versionCommand,
	"fetch":   fetchCommand,
	"review":  reviewCommand,
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := dispatch(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// dispatch runs one command and returns the process exit code.
func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "breachtrend: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	var help *helpError
	switch {
	case errors.As(err, &help):
		fmt.Fprint(stdout, help.text)
		return 0
	case err == nil, errors.Is(err, pflag.ErrHelp):
		return 0
	case errors.Is(err, pipeline.ErrUsage):
		fmt.Fprintf(stderr, "breachtrend %s: %v\n", args[0], err)
		return 2
	default:
		fmt.Fprintf(stderr, "breachtrend %s: %v\n", args[0], err)
		return 1
	}
}

// newFlags returns a flag set for a command whose parse errors are usage
// errors. Its help (-h, --help) goes to stdout, as the top-level help does
// (see parse); after a usage error the flags are listed on stderr.
func newFlags(name, synopsis string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	out := &flagOutput{stderr: stderr}
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: breachtrend %s\n\nFlags:\n%s", synopsis, fs.FlagUsages())
	}
	return fs
}

// flagOutput holds what a flag set prints (its usage) until parse knows
// whether it answers --help (stdout) or follows an error (stderr).
type flagOutput struct {
	bytes.Buffer
	stderr io.Writer
}

// helpError is what parse returns for --help: the text to print on stdout,
// and exit 0. It is a pflag.ErrHelp.
type helpError struct{ text string }

func (e *helpError) Error() string        { return pflag.ErrHelp.Error() }
func (e *helpError) Is(target error) bool { return target == pflag.ErrHelp }

// parseNoArgs is parse for a command that takes flags only: a word left
// over is a usage error naming it.
func parseNoArgs(fs *pflag.FlagSet, args []string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", pipeline.ErrUsage, fs.Arg(0))
	}
	return nil
}

// parse parses args, turning a flag error into a usage error.
func parse(fs *pflag.FlagSet, args []string) error {
	err := fs.Parse(args)
	out, _ := fs.Output().(*flagOutput)
	if out == nil {
		out = &flagOutput{stderr: io.Discard}
	}
	if errors.Is(err, pflag.ErrHelp) {
		return &helpError{text: out.String()}
	}
	if err != nil {
		out.Reset()
		fs.Usage()
		io.Copy(out.stderr, &out.Buffer)
		return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
	}
	return nil
}
