package report

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"slices"

	"github.com/breachtrend/breachtrend/internal/atomicfile"
	"github.com/breachtrend/breachtrend/internal/duck"
)

// Formats are the report formats.
var Formats = []string{"html", "md"}

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"figure": figure, "delta": delta, "percent": percent, "days": days, "daysF": daysF,
	"people": people, "clock": clock, "clip": clip, "orDash": orDash, "thousands": thousands,
	"share": share, "nOf": nOf, "optPeople": optPeople, "lift2": lift2,
	"add64": func(a, b int64) int64 { return a + b },
	"inc":   func(i int) int { return i + 1 },
	"add": func(xs ...int) int {
		s := 0
		for _, x := range xs {
			s += x
		}
		return s
	},
}).Parse(htmlSource))

// WriteHTML writes r as one self-contained HTML page.
func WriteHTML(w io.Writer, r *Report) error {
	var b bytes.Buffer
	if err := htmlTemplate.Execute(&b, struct {
		R *Report
		C Charts
	}{r, r.charts()}); err != nil {
		return err
	}
	_, err := w.Write(b.Bytes())
	return err
}

// Options say which report to write where.
type Options struct {
	Out     string // output folder of a run
	Quarter string // YYYYQn; "" or "latest" for the latest quarter
	Format  string // html or md
	File    string // "" for <Out>/report-<quarter>.<format>
	Force   bool   // replace File even when breachtrend did not write it
}

// generatorTag marks a report as breachtrend's in its first bytes, so a
// later report may replace it and an analyst's file of the same name is
// kept (atomicfile.Guard).
const generatorTag = `<meta name="generator" content="breachtrend">`

// Signatures recognise a report breachtrend wrote, by format. The title
// covers reports written before the generator tag.
var Signatures = map[string]atomicfile.Signature{
	"html": atomicfile.Contains(generatorTag, "<title>breachtrend quarterly review "),
	"md":   atomicfile.Prefix("# Quarterly review of security incidents: "),
}

// CheckOptions reports a malformed quarter or format.
func CheckOptions(opts Options) error {
	if !slices.Contains(Formats, opts.Format) {
		return fmt.Errorf("format %q: want html or md", opts.Format)
	}
	if opts.Quarter != "" && opts.Quarter != "latest" {
		if _, _, err := ParseQuarter(opts.Quarter); err != nil {
			return err
		}
	}
	return nil
}

// Generate writes the report opts describe and returns the file written
// (opts.File "-": to stdout).
func Generate(ctx context.Context, opts Options, stdout io.Writer) (string, error) {
	q, data, err := Render(ctx, opts)
	if err != nil {
		return "", err
	}
	file := opts.File
	if file == "-" {
		_, err := stdout.Write(data)
		return file, err
	}
	if file == "" {
		file = filepath.Join(opts.Out, "report-"+q+"."+opts.Format)
	}
	if !opts.Force {
		if err := atomicfile.Guard(file, Signatures[opts.Format]); err != nil {
			return "", err
		}
	}
	return file, atomicfile.WriteBytes(file, data)
}

// Render builds the report opts describe and returns its quarter and bytes.
func Render(ctx context.Context, opts Options) (string, []byte, error) {
	if err := CheckOptions(opts); err != nil {
		return "", nil, err
	}
	db, err := duck.Open(ctx, opts.Out)
	if err != nil {
		return "", nil, err
	}
	defer db.Close()
	tables, err := duck.Tables(opts.Out)
	if err != nil {
		return "", nil, err
	}
	for _, t := range []string{"incidents", "notices"} {
		if !slices.Contains(tables, t) {
			return "", nil, fmt.Errorf("output folder %s has no %s table: run `breachtrend run` first", opts.Out, t)
		}
	}
	q := opts.Quarter
	if q == "" || q == "latest" {
		if q, err = LatestQuarter(ctx, db); err != nil {
			return "", nil, err
		}
	}
	r, err := Load(ctx, db, q, slices.Contains(tables, "terms_quarterly"))
	if err != nil {
		return "", nil, err
	}
	var b bytes.Buffer
	if opts.Format == "md" {
		err = WriteMarkdown(&b, r)
	} else {
		err = WriteHTML(&b, r)
	}
	if err != nil {
		return "", nil, err
	}
	return q, b.Bytes(), nil
}
