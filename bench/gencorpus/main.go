// Command gencorpus writes a deterministic scale corpus for the throughput
// benchmark (bench/run.sh) from the sample notices in testdata/corpus.
//
//	go run ./bench/gencorpus -seeds testdata/corpus -n 10000 -out bench/work/corpus-10000
//
// The seed files are cut into units at the `【セキュリティ事件簿#` header
// lines (a seed file without such a line is one unit); each unit is cut into
// its segments with segment.Split once. Copy k of a segment then gets:
//
//   - its organization names (the blog header's organization field and every
//     name with a legal form or an institution suffix: 株式会社…, …大学, …県)
//     replaced by a synthetic katakana name unique to (k, name);
//   - every date (西暦, 令和, 2023/6/5 and year-less 7月5日) shifted by
//     7·w(k) days, so weekdays such as (火) stay right;
//   - every count (…件, …名, …人, …台, 万 included) scaled by f(k) in [0.5, 3);
//   - its blog case number renumbered uniquely per copy (follow-up reports of
//     one incident keep sharing theirs);
//   - a non-notice post (an article) a series number in its title.
//
// Header units are written into archive files of about -per segments
// (archive-NNNNN.txt); a unit without a header can only be a file of its own
// (appended to an archive it would become part of the previous notice), so
// it is written as single-NNNNN.txt, as in the seed corpus. The corpus has
// exactly -n segments; the command fails if two segments are identical or if
// re-splitting the first copies does not give the expected segments.
//
// With -from F it writes only what a corpus of -n F lacks: the units that
// start at segment F or later, all distinct from its segments.
package main

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/segment"
)

const headerPrefix = "【セキュリティ事件簿"

type unit struct {
	segs      []string // original texts of the unit's segments, in order
	article   []bool   // segment is a non-notice post
	header    bool     // the unit starts with a blog header
	caseID    string   // "2023-265" or ""
	headerOrg string   // organization field of the header, or ""
}

func main() {
	seeds := flag.String("seeds", "testdata/corpus", "folder of seed .txt files")
	n := flag.Int("n", 1000, "number of segments to write")
	out := flag.String("out", "", "output folder (replaced)")
	per := flag.Int("per", 50, "segments per archive file")
	from := flag.Int("from", 0, "write only the units that start at segment FROM or later: the files a corpus of -n FROM grows by (bench/run.sh's reruns)")
	prefix := flag.String("prefix", "", "prefix of the file names")
	flag.Parse()
	if *out == "" || *n <= 0 {
		fmt.Fprintln(os.Stderr, "usage: gencorpus -n N -out DIR [-seeds DIR] [-per 50]")
		os.Exit(2)
	}
	start := time.Now()
	units, err := readUnits(*seeds)
	if err != nil {
		fail(err)
	}
	caseIdx := map[string]int{}
	for _, u := range units {
		if u.caseID != "" {
			if _, ok := caseIdx[u.caseID]; !ok {
				caseIdx[u.caseID] = len(caseIdx)
			}
		}
	}
	if err := os.RemoveAll(*out); err != nil {
		fail(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}

	seen := map[[32]byte]bool{}
	var archive strings.Builder
	archiveSegs, archives, singles, written, bytes := 0, 0, 0, 0, 0
	flush := func() {
		if archive.Len() == 0 {
			return
		}
		name := filepath.Join(*out, fmt.Sprintf("%sarchive-%05d.txt", *prefix, archives))
		if err := os.WriteFile(name, []byte(archive.String()), 0o644); err != nil {
			fail(err)
		}
		bytes += archive.Len()
		archives++
		archive.Reset()
		archiveSegs = 0
	}
	for k := 0; written < *n; k++ {
		v := newVariant(k)
		for ui, u := range units {
			if written >= *n {
				break
			}
			segs := u.segs
			if left := *n - written; len(segs) > left {
				segs = segs[:left] // the last unit of the corpus may be cut short
			}
			names := orgNames(u)
			texts := make([]string, len(segs))
			for i, s := range segs {
				t := v.apply(s, names, ui)
				if u.caseID != "" && i == 0 {
					t = strings.Replace(t, "#"+u.caseID, "#"+v.caseID(u.caseID, caseIdx[u.caseID], len(caseIdx)), 1)
				}
				if u.article[i] {
					t = articleTitle(t, k)
				}
				h := sha256.Sum256([]byte(t))
				if seen[h] {
					fail(fmt.Errorf("copy %d unit %d segment %d is identical to an earlier segment", k, ui, i))
				}
				seen[h] = true
				texts[i] = t
			}
			text := strings.Join(texts, "\n\n") + "\n"
			if k < 3 { // the variations must not move segment boundaries
				got := segment.Split(text)
				if len(got) != len(texts) {
					fail(fmt.Errorf("copy %d unit %d: %d segments after variation, want %d", k, ui, len(got), len(texts)))
				}
			}
			written += len(texts)
			if written-len(texts) < *from {
				continue // in the corpus of -n FROM already
			}
			if !u.header {
				name := filepath.Join(*out, fmt.Sprintf("%ssingle-%05d.txt", *prefix, singles))
				if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
					fail(err)
				}
				bytes += len(text)
				singles++
				continue
			}
			if archive.Len() > 0 {
				archive.WriteString("\n")
			}
			archive.WriteString(text)
			archiveSegs += len(texts)
			if archiveSegs >= *per {
				flush()
			}
		}
	}
	flush()
	fmt.Printf("gencorpus: %s: %d segments, %d archive + %d single files, %.1f MB, %s\n",
		*out, written, archives, singles, float64(bytes)/1e6, time.Since(start).Round(time.Millisecond))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gencorpus:", err)
	os.Exit(1)
}

// readUnits cuts the seed files into units at header lines and each unit
// into its segments.
func readUnits(dir string) ([]unit, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	if len(files) == 0 {
		return nil, fmt.Errorf("no .txt files in %s", dir)
	}
	var units []unit
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
		var chunks [][]string
		start := 0
		for i, l := range lines {
			if i > start && strings.HasPrefix(strings.TrimSpace(l), headerPrefix) {
				chunks = append(chunks, lines[start:i])
				start = i
			}
		}
		chunks = append(chunks, lines[start:])
		for _, c := range chunks {
			text := strings.Join(c, "\n")
			segs := segment.Split(text)
			if len(segs) == 0 {
				continue
			}
			u := unit{}
			for _, s := range segs {
				u.segs = append(u.segs, s.Text)
				u.article = append(u.article, !segment.IsNotice(normalize.Text(s.Text), s.Header != nil))
			}
			if h := segs[0].Header; h != nil {
				u.header = true
				u.caseID = h.CaseID
				if f := strings.Fields(h.Rest); len(f) > 1 {
					u.headerOrg = f[0]
				}
			}
			if !u.header && strings.Contains(text, headerPrefix) {
				return nil, fmt.Errorf("%s: text before the first header", f)
			}
			units = append(units, u)
		}
	}
	return units, nil
}

// orgRE finds organization names: a legal form and the name after it, or a
// name and the legal form or institution suffix after it.
var orgRE = regexp.MustCompile(`(?:株式会社|有限会社|合同会社|学校法人|国立大学法人|一般社団法人|公益財団法人)[\p{Katakana}\p{Han}ー・A-Za-z]{1,20}|[\p{Katakana}\p{Han}ー・A-Za-z]{1,20}(?:株式会社|大学病院|大学|学園|機構|研究所|県)`)

var legalForms = []string{"株式会社", "有限会社", "合同会社", "学校法人", "国立大学法人", "一般社団法人", "公益財団法人"}
var suffixes = []string{"株式会社", "大学病院", "大学", "学園", "機構", "研究所", "県"}

// orgNames lists the unit's organization names, longest first, so a
// replacement never cuts a longer name.
func orgNames(u unit) []string {
	set := map[string]bool{}
	if u.headerOrg != "" && utf8.RuneCountInString(u.headerOrg) >= 2 {
		set[u.headerOrg] = true
	}
	for _, s := range u.segs {
		for _, m := range orgRE.FindAllString(s, -1) {
			set[m] = true
		}
	}
	names := make([]string, 0, len(set))
	for k := range set {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	return names
}

// variant is the set of changes made to copy k.
type variant struct {
	k     int
	weeks int     // date shift, in weeks
	scale float64 // count factor
}

func hash(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return h.Sum64()
}

func newVariant(k int) variant {
	h := hash("copy", strconv.Itoa(k))
	return variant{k: k, weeks: int(h%260) - 150, scale: 0.5 + float64((h>>20)%250)/100}
}

// morae are the syllables synthetic names are made of.
var morae = []rune("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ")

// synth returns a synthetic organization core, unique to (k, name index).
func synth(k, idx int) string {
	var b []rune
	b = append(b, morae[(idx*7+k)%len(morae)])
	x := k
	for i := 0; i < 3; i++ { // k in base len(morae), three digits
		b = append(b, morae[x%len(morae)])
		x /= len(morae)
	}
	if x > 0 {
		b = append(b, []rune(strconv.Itoa(x))...)
	}
	return string(b)
}

// rename maps an organization name to its synthetic counterpart, keeping the
// legal form or suffix.
func rename(name string, k, idx int) string {
	for _, l := range legalForms {
		if strings.HasPrefix(name, l) {
			return l + synth(k, idx)
		}
	}
	for _, s := range suffixes {
		if strings.HasSuffix(name, s) && name != s {
			return synth(k, idx) + s
		}
	}
	return synth(k, idx) + "ホールディングス"
}

func (v variant) caseID(id string, idx, distinct int) string {
	year, _, _ := strings.Cut(id, "-")
	return fmt.Sprintf("%s-%d", year, 1+(v.k*distinct+idx)%99999)
}

// apply makes copy k of one segment's text.
func (v variant) apply(s string, names []string, unitIdx int) string {
	if len(names) > 0 {
		pairs := make([]string, 0, 2*len(names))
		for i, nm := range names {
			pairs = append(pairs, nm, rename(nm, v.k, unitIdx*31+i))
		}
		s = strings.NewReplacer(pairs...).Replace(s)
	}
	s = v.shiftDates(s)
	return v.scaleCounts(s)
}

const dg = `[0-9０-９]`

var dateRE = regexp.MustCompile(
	`(令和|平成)\s*(` + dg + `{1,2}|元)(\s*年\s*)(` + dg + `{1,2})(\s*月\s*)(` + dg + `{1,2})(\s*日)` + // 1-7
		`|(` + dg + `{4})(\s*年\s*)(` + dg + `{1,2})(\s*月\s*)(` + dg + `{1,2})(\s*日)` + // 8-13
		`|(` + dg + `{4})([/.])(` + dg + `{1,2})([/.])(` + dg + `{1,2})` + // 14-18
		`|(` + dg + `{1,2})(\s*月\s*)(` + dg + `{1,2})(\s*日)`) // 19-22

// atoi reads ASCII or full-width digits.
func atoi(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '０' && r <= '９':
			n = n*10 + int(r-'０')
		default:
			return 0, false
		}
	}
	return n, true
}

// itoa writes n with width digits at least, full-width like the original.
func itoa(n int, like string, pad bool) string {
	s := strconv.Itoa(n)
	if pad && len(s) < utf8.RuneCountInString(like) {
		s = strings.Repeat("0", utf8.RuneCountInString(like)-len(s)) + s
	}
	if strings.ContainsAny(like, "０１２３４５６７８９") {
		var b strings.Builder
		for _, r := range s {
			b.WriteRune(r - '0' + '０')
		}
		return b.String()
	}
	return s
}

func (v variant) shiftDates(s string) string {
	year := 0 // year of the last full date, for year-less ones
	shift := func(y, m, d int) time.Time {
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*v.weeks)
	}
	return dateRE.ReplaceAllStringFunc(s, func(m string) string {
		g := dateRE.FindStringSubmatch(m)
		switch {
		case g[1] != "": // era
			ey := 1
			if g[2] != "元" {
				ey, _ = atoi(g[2])
			}
			base := 2018
			if g[1] == "平成" {
				base = 1988
			}
			mo, _ := atoi(g[4])
			d, _ := atoi(g[6])
			t := shift(base+ey, mo, d)
			year = t.Year()
			era, ny := "令和", t.Year()-2018
			if t.Before(time.Date(2019, 5, 1, 0, 0, 0, 0, time.UTC)) {
				era, ny = "平成", t.Year()-1988
			}
			return era + itoa(ny, g[2], false) + g[3] + itoa(int(t.Month()), g[4], false) + g[5] + itoa(t.Day(), g[6], false) + g[7]
		case g[8] != "":
			y, _ := atoi(g[8])
			mo, _ := atoi(g[10])
			d, _ := atoi(g[12])
			if mo < 1 || mo > 12 || d < 1 || d > 31 {
				return m
			}
			t := shift(y, mo, d)
			year = y
			return itoa(t.Year(), g[8], false) + g[9] + itoa(int(t.Month()), g[10], len(g[10]) > 1) + g[11] + itoa(t.Day(), g[12], len(g[12]) > 1) + g[13]
		case g[14] != "":
			y, _ := atoi(g[14])
			mo, _ := atoi(g[16])
			d, _ := atoi(g[18])
			if mo < 1 || mo > 12 || d < 1 || d > 31 {
				return m
			}
			t := shift(y, mo, d)
			year = y
			return itoa(t.Year(), g[14], false) + g[15] + itoa(int(t.Month()), g[16], len(g[16]) > 1) + g[17] + itoa(t.Day(), g[18], len(g[18]) > 1)
		default:
			mo, _ := atoi(g[19])
			d, _ := atoi(g[21])
			if mo < 1 || mo > 12 || d < 1 || d > 31 {
				return m
			}
			y := year
			if y == 0 {
				y = 2023
			}
			t := shift(y, mo, d)
			return itoa(int(t.Month()), g[19], len(g[19]) > 1) + g[20] + itoa(t.Day(), g[21], len(g[21]) > 1) + g[22]
		}
	})
}

// countRE finds counts: digits (with thousands commas), optional 万, and a
// counter.
var countRE = regexp.MustCompile(`(` + dg + `[0-9０-９,，]*)(\s*万?\s*)(件|名|人|台|通)`)

func (v variant) scaleCounts(s string) string {
	return countRE.ReplaceAllStringFunc(s, func(m string) string {
		g := countRE.FindStringSubmatch(m)
		digits := strings.NewReplacer(",", "", "，", "").Replace(g[1])
		n, ok := atoi(digits)
		if !ok {
			return m
		}
		n = int(float64(n)*v.scale + 0.5)
		if n < 1 {
			n = 1
		}
		out := itoa(n, g[1], false)
		if strings.ContainsAny(g[1], ",，") {
			out = commas(out, strings.Contains(g[1], "，"))
		}
		return out + g[2] + g[3]
	})
}

func commas(s string, wide bool) string {
	sep := ","
	if wide {
		sep = "，"
	}
	r := []rune(s)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && (len(r)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	return b.String()
}

// articleTitle gives a non-notice post's title line a series number.
func articleTitle(s string, k int) string {
	title, rest, _ := strings.Cut(s, "\n")
	return title + " Vol." + strconv.Itoa(k+1) + "\n" + rest
}
