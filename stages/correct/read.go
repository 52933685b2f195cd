package correct

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/japanese"

	"github.com/breachtrend/breachtrend/schemas"
)

// ErrFormat marks a corrections file that cannot be read as one at all (no
// field column, no column naming a notice, not CSV): the run stops with a
// usage error rather than ignore every row.
var ErrFormat = errors.New("corrections file")

// row is one valid correction.
type row struct {
	line         int32
	noticeID     string
	sourcePath   string
	segmentIndex int32 // -1: not given
	caseID       string
	field        string
	raw          string // the value as written
	value        value  // parsed
	note, author string
	date         string
	matched      int // notices it was applied to
}

// Set is the corrections of one file, validated, ready to apply.
type Set struct {
	File   string // as given, for messages and the corrections table
	SHA256 string // hex SHA-256 of the file's bytes

	rows    []*row
	invalid []schemas.Correction
	byID    map[string][]*row
	byPlace map[string][]*row // source_path + "#" + segment_index
	byCase  map[string][]*row
	rejects []schemas.Reject
	out     []schemas.Correction // applied rows, in the order applied
}

// ReadFile reads and validates the corrections file at path.
func ReadFile(path string) (*Set, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %v", ErrFormat, path, err)
	}
	return Read(bytes.NewReader(b), path)
}

// Read reads and validates corrections from r; name is the file's name in
// messages and tables.
func Read(r io.Reader, name string) (*Set, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%w %s: %v", ErrFormat, name, err)
	}
	sum := sha256.Sum256(b)
	s := &Set{File: name, SHA256: hex.EncodeToString(sum[:]), byID: map[string][]*row{},
		byPlace: map[string][]*row{}, byCase: map[string][]*row{}}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if !utf8.Valid(b) {
		// Excel's plain "CSV" on a Japanese Windows is Shift_JIS (CP932).
		sjis, err := japanese.ShiftJIS.NewDecoder().Bytes(b)
		if err != nil || bytes.ContainsRune(sjis, utf8.RuneError) {
			return nil, fmt.Errorf("%w %s: neither UTF-8 nor Shift_JIS: save it as CSV UTF-8", ErrFormat, name)
		}
		b = sjis
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1 // a short row is reported per row, not for the file
	header, err := cr.Read()
	if err == io.EOF {
		return s, nil // an empty file: no corrections
	}
	if err != nil {
		return nil, fmt.Errorf("%w %s: header: %v", ErrFormat, name, err)
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	if _, ok := col["field"]; !ok {
		return nil, fmt.Errorf("%w %s:1: no field column (header %q)", ErrFormat, name, strings.Join(header, ","))
	}
	valueCol, ok := col["corrected_value"]
	if !ok {
		if valueCol, ok = col["value"]; !ok {
			return nil, fmt.Errorf("%w %s:1: no value or corrected_value column", ErrFormat, name)
		}
	}
	_, hasID := col["notice_id"]
	_, hasCase := col["case_id"]
	_, hasPlace := col["source_path"]
	if !hasID && !hasCase && !hasPlace {
		return nil, fmt.Errorf("%w %s:1: no notice_id, source_path or case_id column", ErrFormat, name)
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			s.reject(schemas.Correction{Line: int32(line)}, "unreadable_correction", fmt.Sprintf("not a CSV row: %v", err))
			continue // the reader goes on after the broken row
		}
		line, _ := cr.FieldPos(0) // a row read without error has a field 0
		rv := ""
		if valueCol < len(rec) {
			rv = strings.TrimSpace(rec[valueCol])
		}
		if rv == "" {
			continue // an unfilled review sheet row
		}
		c := &row{line: int32(line), noticeID: get(rec, "notice_id"), sourcePath: get(rec, "source_path"),
			segmentIndex: -1, caseID: get(rec, "case_id"), field: strings.ToLower(get(rec, "field")), raw: rv,
			note: get(rec, "note"), author: get(rec, "author"), date: get(rec, "date")}
		s.add(c, get(rec, "segment_index"))
	}
	return s, nil
}

// add validates c and indexes it, or records it as invalid.
func (s *Set) add(c *row, segment string) {
	bad := func(why string) {
		s.reject(schemas.Correction{Line: c.line, NoticeID: c.noticeID, Field: c.field, Value: c.raw, Note: c.note, Author: c.author},
			"invalid_correction", why)
	}
	if segment != "" {
		n, err := strconv.ParseInt(segment, 10, 32)
		if err != nil || n < 0 {
			bad(fmt.Sprintf("segment_index %q: want a number from 0", segment))
			return
		}
		c.segmentIndex = int32(n)
	}
	v, err := parseValue(c.field, c.raw)
	if err != nil {
		bad(err.Error())
		return
	}
	c.value = v
	switch {
	case c.noticeID != "":
		s.byID[c.noticeID] = append(s.byID[c.noticeID], c)
	case isPair(c.field):
		bad(c.field + " needs the notice_id of the first notice (value holds the second's)")
		return
	case c.sourcePath != "" && c.segmentIndex >= 0:
		k := place(c.sourcePath, c.segmentIndex)
		s.byPlace[k] = append(s.byPlace[k], c)
	case c.sourcePath != "":
		bad("source_path " + c.sourcePath + " without segment_index")
		return
	case c.caseID != "":
		s.byCase[c.caseID] = append(s.byCase[c.caseID], c)
	default:
		bad("names no notice: give notice_id, source_path and segment_index, or case_id")
		return
	}
	s.rows = append(s.rows, c)
}

// reject records an invalid row: a corrections row and a rejects row.
func (s *Set) reject(c schemas.Correction, reason, why string) {
	c.File, c.Status, c.Detail = s.File, schemas.CorrectionInvalid, why
	s.invalid = append(s.invalid, c)
	field := c.Field
	if field == "" {
		field = "-"
	}
	s.rejects = append(s.rejects, schemas.Reject{Stage: "correct", Source: s.File, Segment: c.Line, Reason: reason,
		Detail: fmt.Sprintf("%s:%d: field %s: %s", s.File, c.Line, field, why)})
}

func place(source string, segment int32) string { return source + "#" + strconv.Itoa(int(segment)) }

func isPair(field string) bool { return field == FieldSameIncident || field == FieldNotSameIncident }
