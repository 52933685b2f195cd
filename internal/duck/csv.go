package duck

import (
	"bufio"
	"io"
	"strings"
)

// csvPrinter writes RFC 4180 CSV by hand: encoding/csv cannot quote an
// empty field, which is how an empty string differs from a NULL here.
type csvPrinter struct {
	w    io.Writer
	bw   *bufio.Writer
	null string
	raw  bool
}

func (p *csvPrinter) header(cols []string) error {
	p.bw = bufio.NewWriter(p.w)
	for i, c := range cols {
		p.field(i, c, c == "")
	}
	return p.bw.WriteByte('\n')
}

func (p *csvPrinter) row(vals []any) error {
	for i, v := range vals {
		if v == nil {
			p.field(i, p.null, false)
			continue
		}
		s := text(v)
		if isText(v) && !p.raw {
			s = neutralise(s)
		}
		// A value that reads like NULL is quoted, so the two differ.
		p.field(i, s, s == "" || s == p.null)
	}
	return p.bw.WriteByte('\n')
}

func (p *csvPrinter) end() error { return p.bw.Flush() }

// field writes s as the i-th field, quoted when it must be or when quote.
func (p *csvPrinter) field(i int, s string, quote bool) {
	if i > 0 {
		p.bw.WriteByte(',')
	}
	if !quote && !strings.ContainsAny(s, ",\"\r\n") && !strings.HasPrefix(s, " ") {
		p.bw.WriteString(s)
		return
	}
	p.bw.WriteByte('"')
	p.bw.WriteString(strings.ReplaceAll(s, `"`, `""`))
	p.bw.WriteByte('"')
}

// neutralise prefixes a ' to a cell a spreadsheet would read as a formula
// (=, +, -, @) or trim into one (a leading tab or carriage return), as
// OWASP's CSV injection guidance recommends.
func neutralise(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
