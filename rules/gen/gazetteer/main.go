// Command gazetteer derives the gazetteers under rules/gazetteer/ from the
// public reference lists (see ../shared/reference/README.md):
//
//	go run ./rules/gen/gazetteer -reference ../shared/reference -out rules/gazetteer
//
// It writes
//   - local_governments.tsv: every prefecture, city, ward, town and village
//     of Japan, from lgcode.csv (code4fukui/LGCode, MIT);
//   - companies.tsv: every domestic EDINET filer with a TSE industry and its
//     JSIC major group, from edinetcode.csv (出典：金融庁 EDINET) and the
//     hand-kept industry map tse_jsic.tsv beside the outputs; a filer whose
//     提出者名 adds its registered name in brackets (定款上の商号…) is two
//     rows, one for each name.
//
// Both outputs are sorted and deterministic, so a rerun over the same
// lists changes nothing and a diff shows what an update of the lists did.
package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

func main() {
	ref := flag.String("reference", "../shared/reference", "folder of lgcode.csv and edinetcode.csv")
	out := flag.String("out", "rules/gazetteer", "folder of the gazetteers (holds tse_jsic.tsv)")
	flag.Parse()
	if err := run(*ref, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazetteer:", err)
		os.Exit(1)
	}
}

func run(ref, out string) error {
	govs, err := localGovernments(filepath.Join(ref, "lgcode.csv"))
	if err != nil {
		return err
	}
	if err := writeTSV(filepath.Join(out, "local_governments.tsv"), localGovernmentsHeader, govs); err != nil {
		return err
	}
	industries, err := readIndustryMap(filepath.Join(out, "tse_jsic.tsv"))
	if err != nil {
		return err
	}
	companies, err := edinetCompanies(filepath.Join(ref, "edinetcode.csv"), industries)
	if err != nil {
		return err
	}
	return writeTSV(filepath.Join(out, "companies.tsv"), companiesHeader, companies)
}

const localGovernmentsHeader = `# Local governments of Japan, derived by rules/gen/gazetteer from lgcode.csv
# (code4fukui/LGCode, MIT; 統計LOD standard area codes). Do not edit: regenerate.
# name	kind	full_name	prefecture	lgcode
# kind: prefecture, city, special_ward (東京23区), ward (政令市の区), town, village.
# full_name: the name with what makes it unique in Japan (政令市 before its ward).`

const companiesHeader = `# Domestic EDINET filers with a TSE industry, derived by rules/gen/gazetteer from
# edinetcode.csv (出典：金融庁 EDINET, via code4fukui/EDINET, MIT) and tse_jsic.tsv.
# Do not edit: regenerate. Add organizations by hand in the known organizations table.
# name	jsic	industry	listed
# name: 提出者名 in NFKC without spaces, legal form kept; jsic: the major group of
# the industry (サービス業 maps to R, a weak default: see tse_jsic.tsv).`

// localGovernments reads lgcode.csv (lgcode,name_ja,parent) into rows of
// name, kind, full name, prefecture and code. Districts (郡) and Hokkaido's
// subprefectures (振興局) are areas, not governments, and are left out.
func localGovernments(path string) ([][]string, error) {
	recs, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	areas := map[string]area{}
	for _, r := range recs[1:] {
		if len(r) != 3 {
			return nil, fmt.Errorf("%s: want lgcode,name_ja,parent, got %q", path, r)
		}
		areas[r[0]] = area{strings.TrimSpace(r[1]), r[2]}
	}
	var rows [][]string
	for code, a := range areas {
		if code == "0" {
			continue
		}
		pref, parent := prefectureOf(code, areas)
		kind := ""
		full := a.name
		switch {
		case a.parent == "0":
			kind = "prefecture"
		case strings.HasSuffix(a.name, "市"):
			kind = "city"
		case strings.HasSuffix(a.name, "区") && (parent.name == pref || parent.name == "特別区部"):
			kind = "special_ward"
		case strings.HasSuffix(a.name, "区"):
			kind, full = "ward", parent.name+a.name
		case strings.HasSuffix(a.name, "町"):
			kind = "town"
		case strings.HasSuffix(a.name, "村"):
			kind = "village"
		default: // 郡, 振興局, 支庁, 特別区部
			continue
		}
		rows = append(rows, []string{a.name, kind, full, pref, code})
	}
	slices.SortFunc(rows, func(x, y []string) int {
		a, _ := strconv.Atoi(x[4])
		b, _ := strconv.Atoi(y[4])
		return a - b
	})
	return rows, nil
}

// area is a row of lgcode.csv: a name and the code of the area above it.
type area struct{ name, parent string }

// prefectureOf returns the name of the prefecture above code, and the area
// directly above it.
func prefectureOf(code string, areas map[string]area) (string, area) {
	self := areas[code]
	cur := self
	for i := 0; i < 5 && cur.parent != "0" && cur.parent != ""; i++ {
		cur = areas[cur.parent]
	}
	return cur.name, areas[self.parent]
}

// readIndustryMap reads "TSE industry<TAB>JSIC letter<TAB>strength" lines.
func readIndustryMap(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		t := sc.Text()
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		f := strings.Split(t, "\t")
		if len(f) != 3 || len(f[1]) != 1 || f[1][0] < 'A' || f[1][0] > 'T' {
			return nil, fmt.Errorf("%s:%d: want \"industry<TAB>JSIC letter<TAB>strength\", got %q", path, line, t)
		}
		m[f[0]] = f[1]
	}
	return m, sc.Err()
}

// edinetCompanies reads the EDINET code list into rows of name, JSIC
// letter, industry and listed (yes/no) for every domestic filer whose
// industry is one of the TSE's.
func edinetCompanies(path string, industries map[string]string) ([][]string, error) {
	recs, err := readCSV(path)
	if err != nil {
		return nil, err
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	for _, want := range []string{"提出者種別", "上場区分", "提出者名", "提出者業種"} {
		if _, ok := col[want]; !ok {
			return nil, fmt.Errorf("%s: no column %s", path, want)
		}
	}
	seen := map[string]bool{}
	var rows [][]string
	for _, r := range recs[1:] {
		if !strings.HasPrefix(r[col["提出者種別"]], "内国法人") {
			continue
		}
		industry := r[col["提出者業種"]]
		letter, ok := industries[industry]
		if !ok {
			continue // a filer's kind, not an industry
		}
		listed := "no"
		if r[col["上場区分"]] == "上場" {
			listed = "yes"
		}
		for _, name := range tradeNames(compact(r[col["提出者名"]])) {
			if name == "" || seen[name] {
				continue
			}
			seen[name] = true
			rows = append(rows, []string{name, letter, industry, listed})
		}
	}
	slices.SortFunc(rows, func(x, y []string) int { return strings.Compare(x[0], y[0]) })
	return rows, nil
}

// tradeNames are the names a filer's 提出者名 gives: itself, or, where it
// adds the name registered in its articles in brackets
// (「パーク二四株式会社(定款上の商号パーク24株式会社)」), the name before
// the brackets and the registered one, each a name that notices write.
func tradeNames(name string) []string {
	open := strings.LastIndex(name, "(")
	if open < 0 || !strings.HasSuffix(name, ")") {
		return []string{name}
	}
	inner := name[open+1 : len(name)-1]
	for _, label := range tradeNameLabels {
		if registered, ok := strings.CutPrefix(inner, label); ok && registered != "" {
			return []string{name[:open], registered}
		}
	}
	return []string{name}
}

// tradeNameLabels open the bracketed registered name of a 提出者名 (称号 is
// how one filer misspells 商号).
var tradeNameLabels = []string{"定款上の商号", "商号", "称号"}

// compact is NFKC without white space, as the extractor compares names.
func compact(s string) string {
	s = norm.NFKC.String(s)
	return strings.Join(strings.Fields(s), "")
}

func readCSV(path string) ([][]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	var recs [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		recs = append(recs, rec)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	return recs, nil
}

// writeTSV writes header and rows to path through a temporary file, so a
// failed run leaves the previous gazetteer.
func writeTSV(path, header string, rows [][]string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".gazetteer-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	fmt.Fprintln(w, header)
	for _, r := range rows {
		for _, f := range r {
			if strings.ContainsAny(f, "\t\n") {
				os.Remove(tmp.Name())
				return fmt.Errorf("%s: field %q holds a tab or newline", path, f)
			}
		}
		fmt.Fprintln(w, strings.Join(r, "\t"))
	}
	if err := w.Flush(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
