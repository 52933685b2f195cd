// Command breachtrend turns Japanese security-incident notices into
// analytic Parquet tables and queries them with embedded DuckDB.
//
//	breachtrend run   [--in PATH]... [--out DIR] [--workers N]
//	breachtrend query [--out DIR] [--format table|csv|json] "SQL"
//	breachtrend eval  --gold FILE [--out DIR] [-v]
//	breachtrend report [--out DIR] [--quarter YYYYQn|latest] [--format html|md] [-o FILE]
//
// Exit codes: 0 success, 1 failure, 2 usage.
package main

import (
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
  breachtrend run   [--in PATH]... [--out DIR] [--workers N]   build the tables
  breachtrend query [--out DIR] [--format table|csv|json] SQL   one read-only statement over them (DuckDB)
  breachtrend eval  --gold FILE [--out DIR] [-v]                score a run against gold labels
  breachtrend report [--out DIR] [--quarter YYYYQn|latest] [--format html|md] [-o FILE]
                                                                quarterly review report (HTML or Markdown)
  breachtrend tables                                            print the table dictionary (Markdown)

Run "breachtrend COMMAND --help" for a command's flags.
`

type command func(ctx context.Context, args []string, stdout, stderr io.Writer) error

var commands = map[string]command{
	"run":    runCommand,
	"query":  queryCommand,
	"eval":   evalCommand,
	"tables": tablesCommand,
	"report": reportCommand,
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
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "breachtrend: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	err := cmd(ctx, args[1:], stdout, stderr)
	switch {
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
// errors.
func newFlags(name, synopsis string, stderr io.Writer) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: breachtrend %s\n\nFlags:\n%s", synopsis, fs.FlagUsages())
	}
	return fs
}

// parse parses args, turning a flag error into a usage error.
func parse(fs *pflag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", pipeline.ErrUsage, err)
	}
	return nil
}
