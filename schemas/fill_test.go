package schemas

import (
	"fmt"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// sameRecords builds rows' record with Record (string columns filled
// straight) and with recordByBuilders (every column through its builder)
// and fails unless they are equal, column by column, and leak nothing.
func sameRecords[R any](t *testing.T, table *Table[R], rows []R) {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	fast := table.Record(mem, rows)
	defer fast.Release()
	simple := table.recordByBuilders(mem, rows)
	defer simple.Release()
	if !fast.Schema().Equal(simple.Schema()) || fast.NumRows() != simple.NumRows() {
		t.Fatalf("%s: schema or rows differ: %d vs %d rows", table.Name, fast.NumRows(), simple.NumRows())
	}
	for j := range table.Columns {
		a, b := fast.Column(j), simple.Column(j)
		if !array.Equal(a, b) || a.NullN() != b.NullN() {
			t.Errorf("%s.%s: filled %v, built %v", table.Name, table.Columns[j].Name, a, b)
		}
	}
}

// TestRecordFillsAsBuilders: every table's record is the same with its
// string, list and map columns filled as built a value at a time: nulls
// (str's empty strings, extracted_values's empty maps), empty strings
// kept (text), empty lists and maps, multibyte values, a single row, no
// rows, all nulls.
func TestRecordFillsAsBuilders(t *testing.T) {
	seq, count := int32(2), int64(5)
	var notices []Notice
	for i := range 70 {
		n := Notice{NoticeID: fmt.Sprint("n", i), SourcePath: "a.txt", Text: strings.Repeat("本文", i%9),
			Title: strings.Repeat("t", i%3), OriginalText: strings.Repeat("x", i)}
		if i%3 == 0 {
			n.CaseID, n.URL, n.ReportSeq, n.AffectedCount = "2023-001", "https://example.jp/"+fmt.Sprint(i), &seq, &count
		}
		if i%5 == 0 {
			n.Terms, n.DataTypes = []string{"", "漏えい"}, DataTypes[:2]
			n.FieldSources = map[string]string{"cause": "rule:cause"}
		}
		if i%7 == 0 {
			n.FieldSources = map[string]string{"organization": "header", "cause": "", "": "x", "sector": "gazetteer"}
			n.ExtractedValues = map[string]string{"organization": "", "sector": "IT"}
		}
		notices = append(notices, n)
	}
	for _, rows := range [][]Notice{notices, notices[:1], notices[1:2], nil, {{}}, {{}, {}, {}}} {
		sameRecords(t, NoticesTable, rows)
	}
	sameRecords(t, IncidentsTable, []Incident{{IncidentID: "i", NoticeIDs: []string{"a", "b"}}, {Organization: "組織"}, {}})
	sameRecords(t, TimelineTable, []TimelineRow{{NoticeID: "a", Event: Event{Kind: EventOther, Sentence: "文。"}}, {NoticeID: "b"}})
	sameRecords(t, RejectsTable, []Reject{{Stage: "load", Source: "bad.bin", Segment: -1, Reason: "binary_file"}, {}})
	sameRecords(t, CorrectionsTable, []Correction{{}, {}})
}

// TestFillStringsNulls: an empty string is null in a str column and a
// value in a text one, and a column of no nulls has no validity buffer.
func TestFillStringsNulls(t *testing.T) {
	get := func(s *string) string { return *s }
	rows := []string{"a", "", "本"}
	for _, emptyIsNull := range []bool{true, false} {
		a := fillStrings(get, emptyIsNull)(memory.DefaultAllocator, rows).(*array.String)
		if a.Len() != 3 || a.Value(0) != "a" || a.Value(2) != "本" || a.IsNull(1) != emptyIsNull {
			t.Errorf("emptyIsNull %v: %v (null 1: %v)", emptyIsNull, a, a.IsNull(1))
		}
		a.Release()
	}
	a := fillStrings(get, true)(memory.DefaultAllocator, []string{"a", "b"})
	if a.NullN() != 0 || a.Data().Buffers()[0] != nil {
		t.Errorf("no nulls, yet a validity buffer")
	}
	if a.DataType().ID() != arrow.STRING {
		t.Errorf("type %v", a.DataType())
	}
	a.Release()
}

// FuzzRecordFills: for arbitrary strings (invalid UTF-8, empty, long) in
// the notices' and rejects' string, list and map columns (keys in any
// order, empty maps null or not), the filled record is the built one.
func FuzzRecordFills(f *testing.F) {
	f.Add("本文", "", "https://example.jp", 3)
	f.Add("", "", "", 0)
	f.Add("\xff\xfe", "a\x00b", strings.Repeat("語", 300), 17)
	f.Fuzz(func(t *testing.T, a, b, c string, n int) {
		n = int(uint(n)%40) + 1
		notices := make([]Notice, n)
		rejects := make([]Reject, n)
		for i := range notices {
			pick := func(k int) string { return []string{a, b, c, ""}[(i+k)%4] }
			notices[i] = Notice{NoticeID: pick(0), Text: pick(1), Title: pick(2), CaseID: pick(3),
				OriginalText: pick(1) + pick(2), Terms: []string{pick(0), pick(3)}[:i%3%2+1],
				FieldSources: map[string]string{pick(0): pick(1), pick(2): pick(3)}}
			if i%3 == 1 {
				notices[i].ExtractedValues = map[string]string{pick(1): pick(2)}
			}
			rejects[i] = Reject{Stage: pick(0), Source: pick(1), Reason: pick(2), Detail: pick(3)}
		}
		sameRecords(t, NoticesTable, notices)
		sameRecords(t, RejectsTable, rejects)
	})
}
