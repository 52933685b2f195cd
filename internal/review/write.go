package review

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Columns are the review sheet's columns. notice_id, source_path,
// segment_index, field and corrected_value are what a corrections file
// reads; the others say what to check.
var Columns = []string{"rank", "notice_id", "source_path", "segment_index", "field", "extracted_value",
	"field_source", "reason", "evidence", "locator", "corrected_value", "note"}

// WriteCSV writes the sheet as CSV in UTF-8 with a byte order mark, so
// Excel reads it as UTF-8, and CRLF line ends. A cell Excel would run as a
// formula (=, +, -, @ first) gets a leading apostrophe, except the values
// a correction reads back.
func WriteCSV(w io.Writer, items []Item) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(Columns)
	for _, it := range items {
		cw.Write([]string{strconv.Itoa(it.Rank), it.NoticeID, it.SourcePath, strconv.Itoa(it.SegmentIndex), it.Field,
			safeCell(it.ExtractedValue), it.FieldSource, it.Reason, safeCell(it.Evidence), it.Locator, "", ""})
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a spreadsheet from reading text from a notice as a
// formula.
func safeCell(s string) string {
	if s != "" && strings.ContainsAny(s[:1], "=+-@\t\r") {
		return "'" + s
	}
	return s
}

// WriteMarkdown writes the sheet as a Markdown table (for reading, not
// for filling in).
func WriteMarkdown(w io.Writer, items []Item) error {
	var b strings.Builder
	b.WriteString("| " + strings.Join(Columns, " | ") + " |\n|" + strings.Repeat(" --- |", len(Columns)) + "\n")
	for _, it := range items {
		cells := []string{strconv.Itoa(it.Rank), it.NoticeID, it.SourcePath, strconv.Itoa(it.SegmentIndex), it.Field,
			it.ExtractedValue, it.FieldSource, it.Reason, it.Evidence, it.Locator, "", ""}
		for i, c := range cells {
			cells[i] = mdCell(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell escapes what would break a table row.
func mdCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;")
	return r.Replace(s)
}

// Filled reports whether a sheet already holds an analyst's work: a
// corrected_value or note cell that is not empty. review refuses to write
// over such a file.
func Filled(r io.Reader) (bool, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	header, err := cr.Read()
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return true, fmt.Errorf("not a review sheet: %w", err) // not ours: never overwrite
	}
	cols := map[int]bool{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if h == "corrected_value" || h == "note" {
			cols[i] = true
		}
	}
	if len(cols) == 0 {
		return true, fmt.Errorf("not a review sheet (no corrected_value column)")
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return false, nil
		}
		if err != nil {
			return true, err
		}
		for i := range cols {
			if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
				return true, nil
			}
		}
	}
}
