package duck

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// tablePrinter aligns columns for a terminal. It holds the whole result,
// since a column's width is its widest cell's.
type tablePrinter struct {
	w     io.Writer
	null  string
	lines [][]string
}

func (p *tablePrinter) header(cols []string) error {
	cells := make([]string, len(cols))
	for i, c := range cols {
		cells[i] = terminalSafe(c)
	}
	p.lines = append(p.lines, cells)
	return nil
}

func (p *tablePrinter) row(vals []any) error {
	cells := make([]string, len(vals))
	for i, v := range vals {
		if v == nil {
			cells[i] = terminalSafe(p.null)
		} else {
			cells[i] = terminalSafe(text(v))
		}
	}
	p.lines = append(p.lines, cells)
	return nil
}

// end writes the lines, each column padded to its widest cell plus two
// spaces; the last column is not padded.
func (p *tablePrinter) end() error {
	if len(p.lines) == 0 {
		return nil
	}
	widths := make([]int, len(p.lines[0]))
	for _, cells := range p.lines {
		for i, c := range cells {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	bw := bufio.NewWriter(p.w)
	for _, cells := range p.lines {
		for i, c := range cells {
			bw.WriteString(c)
			if i < len(cells)-1 {
				bw.WriteString(strings.Repeat(" ", widths[i]-displayWidth(c)+2))
			}
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// terminalSafe replaces what could drive a terminal or break the layout:
// tab, newline and carriage return become a space; other C0 controls, ESC
// among them, and DEL become their visible Control Pictures (␛, ␡); C1
// controls, bidirectional overrides and isolates, and invalid UTF-8 become
// U+FFFD.
func terminalSafe(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r < 0x20:
			b.WriteRune(0x2400 + r)
		case r == 0x7f:
			b.WriteRune('\u2421')
		case unsafeRune(r):
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	return r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == utf8.RuneError ||
		(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// displayWidth is how many terminal columns s takes: East Asian wide and
// fullwidth characters take two, combining marks and zero-width
// characters none.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		default:
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				n += 2
			default:
				n++
			}
		}
	}
	return n
}
