package normalize

import (
	"regexp"
	"strconv"
	"strings"
)

// pageOfRE matches a page number of the form N/M alone on its line
// (「1/3」, 「2 / 3」), the footer of a PDF's page.
var pageOfRE = regexp.MustCompile(`^(\d{1,3})\s*/\s*(\d{1,3})$`)

// pageNumberLines counts the lines of s that are only a page number N/M,
// reading no line that holds no / (most texts: a date's 2024/6/5 is in
// running text, no line of its own).
func pageNumberLines(s string) int {
	n := 0
	for from := 0; ; {
		i := strings.IndexByte(s[from:], '/')
		if i < 0 {
			return n
		}
		i += from
		start := strings.LastIndexByte(s[:i], '\n') + 1
		end := strings.IndexByte(s[i:], '\n')
		if end < 0 {
			end = len(s)
		} else {
			end += i
		}
		if end-start <= 12 && pageOfRE.MatchString(strings.TrimSpace(s[start:end])) {
			n++
		}
		if end == len(s) {
			return n
		}
		from = end + 1
	}
}

// withoutPageFurniture drops from c, a canonical text, and widths, its
// width source (as many lines: widthSource), the lines of a PDF's page
// furniture, which cut a sentence or a dated entry of the notice in two
// wherever a page ends:
//   - page numbers N/M: every line that is only such a number, when two
//     or more lines number different pages of the same M (「1/3」 … 「2/3」;
//     one line 「1/3」 alone may be a date, January 3rd);
//   - running headers: a line that opens a page (after a form feed,
//     pdftotext's page break) and repeats a line above it (the title at
//     the head of every page).
func withoutPageFurniture(c, widths string) (string, string) {
	// The canonical text has no form feed (canonicalChars drops control
	// characters); the width source, the text as laid out, keeps it.
	if !strings.Contains(widths, "\f") && pageNumberLines(c) < 2 {
		return c, widths // most texts: nothing to look at, no copy made
	}
	lines := strings.Split(c, "\n")
	laidOut := lines
	if widths != c {
		laidOut = strings.Split(widths, "\n") // as many lines: widthSource
	}
	drop := make([]bool, len(lines))
	dropped := 0
	// Page numbers, by the pages' count M: the lines and the pages named.
	type numbered struct {
		lines []int
		pages map[int]bool
	}
	var byCount map[int]*numbered
	seen := map[string]bool{}
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if m := pageOfRE.FindStringSubmatch(t); m != nil {
			n, _ := strconv.Atoi(m[1])
			of, _ := strconv.Atoi(m[2])
			if n >= 1 && n <= of {
				if byCount == nil {
					byCount = map[int]*numbered{}
				}
				p := byCount[of]
				if p == nil {
					p = &numbered{pages: map[int]bool{}}
					byCount[of] = p
				}
				p.lines = append(p.lines, i)
				p.pages[n] = true
			}
		}
		if strings.HasPrefix(strings.TrimLeft(laidOut[i], " \t"), "\f") && t != "" && seen[t] {
			drop[i] = true // a running header: the page's first line, seen above
			dropped++
		}
		if t != "" {
			seen[t] = true
		}
	}
	for _, p := range byCount {
		if len(p.pages) < 2 {
			continue
		}
		for _, i := range p.lines {
			if !drop[i] {
				drop[i] = true
				dropped++
			}
		}
	}
	if dropped == 0 {
		return c, widths
	}
	// The lines are split already: keep those not dropped (laidOut is
	// lines itself when widths is c).
	keep := func(ls []string) string {
		out := make([]string, 0, len(ls)-dropped)
		for i, l := range ls {
			if !drop[i] {
				out = append(out, l)
			}
		}
		return strings.Join(out, "\n")
	}
	if widths == c {
		c = keep(lines)
		return c, c
	}
	return keep(lines), keep(laidOut)
}
