package duck

import (
	"bufio"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// tableWidthRows is how many lines (the header and the first rows) set
// the column widths: later rows are written as they come, padded to those
// widths, so a long result does not pile up in memory.
const tableWidthRows = 1000

// tablePrinter aligns columns for a terminal: a column is as wide as its
// widest cell among the first lines, plus two spaces.
type tablePrinter struct {
	w      io.Writer
	bw     *bufio.Writer
	null   string
	limit  int // tableWidthRows; a field so tests can lower it
	lines  [][]string
	widths []int // set once the first lines are written
}

func (p *tablePrinter) header(cols []string) error {
	if p.limit == 0 {
		p.limit = tableWidthRows
	}
	p.bw = bufio.NewWriter(p.w)
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
	if p.widths != nil {
		return p.write(cells)
	}
	p.lines = append(p.lines, cells)
	if len(p.lines) >= p.limit {
		return p.flushLines()
	}
	return nil
}

func (p *tablePrinter) end() error {
	if p.widths == nil {
		if err := p.flushLines(); err != nil {
			return err
		}
	}
	return p.bw.Flush()
}

// flushLines sets the widths from the lines held and writes them.
func (p *tablePrinter) flushLines() error {
	p.widths = make([]int, len(p.lines[0]))
	for _, cells := range p.lines {
		for i, c := range cells {
			p.widths[i] = max(p.widths[i], displayWidth(c))
		}
	}
	for _, cells := range p.lines {
		if err := p.write(cells); err != nil {
			return err
		}
	}
	p.lines = nil
	return nil
}

// write writes one line, each cell but the last padded to its column.
func (p *tablePrinter) write(cells []string) error {
	for i, c := range cells {
		p.bw.WriteString(c)
		if i < len(cells)-1 {
			p.bw.WriteString(strings.Repeat(" ", max(p.widths[i]-displayWidth(c), 0)+2))
		}
	}
	return p.bw.WriteByte('\n')
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
