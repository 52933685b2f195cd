package duck

import (
	"bufio"
	"io"
)

// jsonPrinter writes one JSON array of objects by hand, so each object's
// keys keep the column order of the SELECT (a Go map would sort them), and
// rows stream out instead of being held.
type jsonPrinter struct {
	w    io.Writer
	bw   *bufio.Writer
	keys [][]byte
	rows int
}

func (p *jsonPrinter) header(cols []string) error {
	p.bw = bufio.NewWriter(p.w)
	for _, c := range cols {
		k, err := jsonText(c)
		if err != nil {
			return err
		}
		p.keys = append(p.keys, k)
	}
	_, err := p.bw.WriteString("[")
	return err
}

func (p *jsonPrinter) row(vals []any) error {
	if p.rows > 0 {
		p.bw.WriteString(",")
	}
	p.rows++
	p.bw.WriteString("\n  {")
	for i, v := range vals {
		b, err := jsonText(jsonValue(v))
		if err != nil {
			return err
		}
		if i > 0 {
			p.bw.WriteString(",")
		}
		p.bw.WriteString("\n    ")
		p.bw.Write(p.keys[i])
		p.bw.WriteString(": ")
		p.bw.Write(b)
	}
	if len(vals) > 0 {
		p.bw.WriteString("\n  ")
	}
	_, err := p.bw.WriteString("}")
	return err
}

func (p *jsonPrinter) end() error {
	if p.rows > 0 {
		p.bw.WriteString("\n")
	}
	p.bw.WriteString("]\n")
	return p.bw.Flush()
}
