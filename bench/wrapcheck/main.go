// Command wrapcheck measures how extraction holds when a notice comes the
// way real data brings it: the same notices, each run plain and in the
// forms below, and every field compared with the plain run's. A field that
// differs is a field some real input of that form loses.
//
//	go run ./bench/wrapcheck -in ../shared/corpus/dev -in ../shared/corpus/dev-b
//	go run ./bench/wrapcheck -in testdata/corpus -v     # each differing field
//
// The forms (blog archives, whose header says where each notice starts,
// are left out: the forms are of an organization's own page):
//
//   - copy: the page's chrome copied with the text (pageforms.Copy)
//   - cms: another municipal CMS's chrome, copied with the text: tool bar,
//     city menu, a year's breadcrumb, PDF viewer's notice, feedback form,
//     contact block, policy links (pageforms.CMS)
//   - html: the notice in a site's HTML page, menus and all (pageforms.Page)
//   - table: the notice in a page laid out in a table, a menu of links in
//     the cell beside it, <br> after each line (pageforms.TablePage)
//   - htmlbr: html, with each paragraph broken by <br> every 72 columns, as
//     old pages were set by hand (pageforms.PageBR)
//   - wrap72: every line but the title wrapped at 72 columns, as PDF text
//     is (pageforms.Wrap)
//   - wide72: its ASCII written full-width, as many offices' documents
//     are (「令和７年７月１５日（火曜日）」, pageforms.Wide), then wrapped as wrap72
//   - sjis: Shift_JIS (CP932) instead of UTF-8, for the notices it encodes
//   - blank: a blank line after every line, as some copies have
//   - pdf (with -pdf, which needs LibreOffice and a CJK font: apt-get install
//     libreoffice-writer-nogui fonts-noto-cjk): the text set as a PDF by
//     LibreOffice (proportional type, its own line breaks) and read back
//     by the loader through pdftotext, as a notice published as a PDF is;
//     and pdfwide, the same of its full-width form (wide72's)
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/text/encoding/japanese"

	"github.com/breachtrend/breachtrend/internal/duck"
	"github.com/breachtrend/breachtrend/internal/pageforms"
	"github.com/breachtrend/breachtrend/pipeline"
)

type inputs []string

func (i *inputs) String() string     { return strings.Join(*i, ",") }
func (i *inputs) Set(v string) error { *i = append(*i, v); return nil }

// fields are the compared columns of notices.
var fields = []string{"is_incident", "report_seq", "final_report", "organization", "published_date",
	"discovered_date", "occurred_date", "affected_count", "cause", "sector", "data_types", "title"}

func main() {
	var ins inputs
	flag.Var(&ins, "in", "folder of notices, one a .txt file (repeatable)")
	verbose := flag.Bool("v", false, "print each differing field")
	keep := flag.String("work", "", "folder for the variants and their tables (default: a temp folder, removed)")
	pdf := flag.Bool("pdf", false, "add the form pdf: each notice set as a PDF by LibreOffice (soffice) and read back")
	flag.Parse()
	if len(ins) == 0 {
		fail(fmt.Errorf("no -in folder"))
	}
	work := *keep
	if work == "" {
		d, err := os.MkdirTemp("", "breachtrend-wrapcheck-")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(d)
		work = d
	}
	notices := map[string]string{} // file name → text
	for _, in := range ins {
		paths, _ := filepath.Glob(filepath.Join(in, "*.txt"))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				fail(err)
			}
			s := strings.ReplaceAll(string(b), "\r\n", "\n")
			if strings.Contains(s, "【セキュリティ事件簿") {
				continue
			}
			notices[strings.TrimSuffix(filepath.Base(p), ".txt")] = s
		}
	}
	if len(notices) == 0 {
		fail(fmt.Errorf("no notice without a blog header in %v", ins))
	}
	type form struct {
		name string
		ext  string
		make func(string) ([]byte, bool)
		// convert, when set, turns the folder of the form's files into
		// the folder the pipeline reads.
		convert func(from, to string) error
	}
	forms := []form{
		{"plain", ".txt", func(s string) ([]byte, bool) { return []byte(s), true }, nil},
		{"copy", ".txt", func(s string) ([]byte, bool) { return []byte(pageforms.Copy(s)), true }, nil},
		{"cms", ".txt", func(s string) ([]byte, bool) { return []byte(pageforms.CMS(s)), true }, nil},
		{"html", ".html", func(s string) ([]byte, bool) { return []byte(pageforms.Page(s)), true }, nil},
		{"table", ".html", func(s string) ([]byte, bool) { return []byte(pageforms.TablePage(s)), true }, nil},
		{"htmlbr", ".html", func(s string) ([]byte, bool) { return []byte(pageforms.PageBR(s, 72)), true }, nil},
		{"wrap72", ".txt", func(s string) ([]byte, bool) { return []byte(pageforms.Wrap(s, 72)), true }, nil},
		{"wide72", ".txt", func(s string) ([]byte, bool) { return []byte(pageforms.Wrap(pageforms.Wide(s), 72)), true }, nil},
		{"sjis", ".txt", func(s string) ([]byte, bool) {
			b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
			return b, err == nil
		}, nil},
		{"blank", ".txt", func(s string) ([]byte, bool) { return []byte(strings.ReplaceAll(s, "\n", "\n\n")), true }, nil},
	}
	if *pdf {
		forms = append(forms, form{"pdf", ".txt", func(s string) ([]byte, bool) { return []byte(s), true }, toPDF},
			form{"pdfwide", ".txt", func(s string) ([]byte, bool) { return []byte(pageforms.Wide(s)), true }, toPDF})
	}
	rows := map[string]map[string]map[string]string{} // form → file → field → value
	for _, f := range forms {
		dir := filepath.Join(work, "in-"+f.name)
		written := dir
		if f.convert != nil {
			written += "-src"
		}
		if err := os.MkdirAll(written, 0o755); err != nil {
			fail(err)
		}
		for name, s := range notices {
			if b, ok := f.make(s); ok {
				if err := os.WriteFile(filepath.Join(written, name+f.ext), b, 0o644); err != nil {
					fail(err)
				}
			}
		}
		if f.convert != nil {
			if err := f.convert(written, dir); err != nil {
				fail(fmt.Errorf("%s: %w", f.name, err))
			}
		}
		out := filepath.Join(work, "out-"+f.name)
		cfg := pipeline.Config{Inputs: []string{dir}, Out: out, Workers: 2, Full: true}
		if err := cfg.Validate(); err != nil {
			fail(err)
		}
		if _, err := pipeline.Run(context.Background(), cfg); err != nil {
			fail(fmt.Errorf("%s: %w", f.name, err))
		}
		rows[f.name] = read(out)
	}
	fmt.Printf("%d notices; fields differing from the plain text's, by form:\n", len(notices))
	for _, f := range forms[1:] {
		byField := map[string]int{}
		total, files := 0, 0
		var lines []string
		for name, got := range rows[f.name] {
			want, ok := rows["plain"][name]
			if !ok {
				continue
			}
			files++
			for _, c := range fields {
				if got[c] != want[c] {
					byField[c]++
					total++
					lines = append(lines, fmt.Sprintf("  %s %s %s: %q, plain %q", f.name, name, c, clip(got[c]), clip(want[c])))
				}
			}
		}
		var parts []string
		for _, c := range fields {
			if byField[c] > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", c, byField[c]))
			}
		}
		fmt.Printf("%-7s %4d of %d notices: %4d fields (%s)\n", f.name, files, len(notices), total, strings.Join(parts, ", "))
		if *verbose {
			sort.Strings(lines)
			fmt.Println(strings.Join(lines, "\n"))
		}
	}
}

// read returns each notice's fields of the tables in out, by file name
// without its extension (first segment of each file).
func read(out string) map[string]map[string]string {
	db, err := duck.Open(context.Background(), out)
	if err != nil {
		fail(err)
	}
	defer db.Close()
	cols := make([]string, len(fields))
	for i, c := range fields {
		cols[i] = "CAST(" + c + " AS VARCHAR)"
	}
	q := "SELECT source_path, " + strings.Join(cols, ", ") + " FROM notices WHERE segment_index = 0"
	rs, err := db.Query(q)
	if err != nil {
		fail(err)
	}
	defer rs.Close()
	m := map[string]map[string]string{}
	for rs.Next() {
		vals := make([]*string, len(fields)+1)
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rs.Scan(ptrs...); err != nil {
			fail(err)
		}
		name := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(*vals[0], ".txt"), ".html"), ".pdf")
		r := map[string]string{}
		for i, c := range fields {
			if v := vals[i+1]; v != nil {
				r[c] = *v
			}
		}
		m[name] = r
	}
	if err := rs.Err(); err != nil {
		fail(err)
	}
	return m
}

func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "wrapcheck:", err)
	os.Exit(1)
}

// toPDF sets every .txt file of from as a PDF in to with LibreOffice
// (soffice --convert-to pdf), a few hundred files a call.
func toPDF(from, to string) error {
	if _, err := exec.LookPath("soffice"); err != nil {
		return fmt.Errorf("-pdf needs LibreOffice: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
	}
	if err := os.MkdirAll(to, 0o755); err != nil {
		return err
	}
	paths, err := filepath.Glob(filepath.Join(from, "*.txt"))
	if err != nil {
		return err
	}
	// A private profile: a LibreOffice the user has open cannot take the
	// conversion over, nor this one leave settings in the user's.
	profile, err := os.MkdirTemp("", "wrapcheck-soffice-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	for len(paths) > 0 {
		n := min(len(paths), 200)
		args := append([]string{"-env:UserInstallation=file://" + profile, "--headless", "--convert-to", "pdf", "--outdir", to}, paths[:n]...)
		if out, err := exec.Command("soffice", args...).CombinedOutput(); err != nil {
			return fmt.Errorf("soffice: %v: %s", err, out)
		}
		paths = paths[n:]
	}
	return nil
}
