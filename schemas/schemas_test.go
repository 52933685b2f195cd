package schemas

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

func TestNewDate(t *testing.T) {
	tests := []struct {
		y, m, d int
		ok      bool
		iso     string
	}{
		{2023, 7, 24, true, "2023-07-24"},
		{2024, 2, 29, true, "2024-02-29"},
		{2023, 2, 29, false, ""},
		{2023, 13, 1, false, ""},
		{2023, 4, 31, false, ""},
		{1970, 1, 1, true, "1970-01-01"},
	}
	for _, tt := range tests {
		d, ok := NewDate(tt.y, tt.m, tt.d)
		if ok != tt.ok || d.String() != tt.iso {
			t.Errorf("NewDate(%d,%d,%d) = %q,%v want %q,%v", tt.y, tt.m, tt.d, d, ok, tt.iso, tt.ok)
		}
	}
	d := MustDate("2023-07-24")
	if d.Quarter() != "2023Q3" || d.Year() != 2023 || d.Month() != 7 {
		t.Errorf("Quarter/Year/Month of %s = %s %d %d", d, d.Quarter(), d.Year(), d.Month())
	}
	if got := MustDate("2023-07-24").Sub(MustDate("2023-06-24")); got != 30 {
		t.Errorf("Sub = %d", got)
	}
	var zero Date
	if !zero.IsZero() || zero.String() != "" || zero.Quarter() != "" {
		t.Error("zero Date is not empty")
	}
}

func TestDateJSON(t *testing.T) {
	type row struct {
		D Date `json:"d"`
		E Date `json:"e"`
	}
	b, _ := json.Marshal(row{D: MustDate("2020-06-04")})
	if string(b) != `{"d":"2020-06-04","e":null}` {
		t.Errorf("marshal = %s", b)
	}
	var r row
	if err := json.Unmarshal(b, &r); err != nil || r.D != MustDate("2020-06-04") || !r.E.IsZero() {
		t.Errorf("unmarshal = %+v, %v", r, err)
	}
}

// TestRecordReleasesEverything builds a record of every table with a checked
// allocator and checks nothing leaks once it is released.
func TestRecordReleasesEverything(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	seq := int32(3)
	count := int64(61942)
	notices := []Notice{
		{NoticeID: "a", SourcePath: "x.txt", Text: "本文", IsIncident: true, CaseID: "2023-265", ReportSeq: &seq,
			PublishedDate: MustDate("2023-06-29"), AffectedCount: &count, DataTypes: []string{"name", "email"}},
		{NoticeID: "b", SourcePath: "x.txt", SegmentIndex: 1},
	}
	rec := NoticesTable.Record(mem, notices)
	if rec.NumRows() != 2 || int(rec.NumCols()) != len(NoticesTable.Columns) {
		t.Fatalf("record %d×%d", rec.NumRows(), rec.NumCols())
	}
	col := rec.Column(NoticesTable.Schema().FieldIndices("case_id")[0]).(*array.String)
	if col.Value(0) != "2023-265" || !col.IsNull(1) {
		t.Errorf("case_id column = %v", col)
	}
	lists := rec.Column(NoticesTable.Schema().FieldIndices("data_types")[0]).(*array.List)
	if lists.Len() != 2 || lists.IsNull(1) {
		t.Errorf("data_types: an empty list must be an empty list, not null")
	}
	rec.Release()
	inc := IncidentsTable.Record(mem, []Incident{{IncidentID: "i", Reports: 2, NoticeIDs: []string{"a", "b"}}})
	inc.Release()
	tl := TimelineTable.Record(mem, []TimelineRow{{NoticeID: "a", Event: Event{Kind: EventDiscovered, Date: MustDate("2023-06-28")}}})
	tl.Release()
	rj := RejectsTable.Record(mem, []Reject{{Stage: "load", Source: "bad.bin", Segment: -1, Reason: "binary_file"}})
	rj.Release()
}

func TestDictionaryCoversCauses(t *testing.T) {
	if len(Causes) != 14 {
		t.Errorf("%d causes, the GUIDE lists 14", len(Causes))
	}
	for _, c := range Causes {
		if c.Veris == "" || c.TSR == "" {
			t.Errorf("cause %s lacks a VERIS action or TSR category", c.Name)
		}
	}
	if len(DataTypes) != 23 || len(Sectors) != 20 {
		t.Errorf("vocabularies: %d data types, %d sectors", len(DataTypes), len(Sectors))
	}
	names := map[string]bool{}
	for _, d := range Dictionary() {
		if names[d.Name] {
			t.Errorf("table %s twice", d.Name)
		}
		names[d.Name] = true
		if len(d.Columns) == 0 || d.Doc == "" {
			t.Errorf("table %s undocumented", d.Name)
		}
	}
}

// growing is table without its reserve and fill steps: the builders grow
// as they append, as Record did before reserving.
func growing[R any](table *Table[R]) *Table[R] {
	plain := *table
	plain.Columns = slices.Clone(table.Columns)
	for i := range plain.Columns {
		plain.Columns[i].reserve = nil
		plain.Columns[i].fill = nil
	}
	return &plain
}

// TestRecordReserveChangesNothing: reserving room first builds the same
// record as growing builders, with nulls, empty strings and empty lists.
func TestRecordReserveChangesNothing(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	var notices []Notice
	for i := range 300 {
		n := Notice{NoticeID: fmt.Sprint("n", i), Text: strings.Repeat("本文", i), Title: strings.Repeat("t", i%3)}
		if i%3 == 0 {
			n.CaseID, n.DataTypes = "2023-001", DataTypes[:i%5]
		}
		if i%7 == 0 {
			n.Terms = []string{"", "漏えい", strings.Repeat("語", i)}
		}
		notices = append(notices, n)
	}
	same := func(t *testing.T, a, b arrow.RecordBatch) {
		t.Helper()
		defer a.Release()
		defer b.Release()
		if !array.RecordEqual(a, b) {
			t.Error("records differ")
		}
	}
	same(t, NoticesTable.Record(mem, notices), growing(NoticesTable).Record(mem, notices))
	same(t, NoticesTable.Record(mem, nil), growing(NoticesTable).Record(mem, nil))
	incidents := []Incident{{IncidentID: "i", NoticeIDs: []string{"a", "b"}, Sources: []string{"x"}}, {IncidentID: "j", Organization: "組織"}}
	same(t, IncidentsTable.Record(mem, incidents), growing(IncidentsTable).Record(mem, incidents))
	timeline := []TimelineRow{{NoticeID: "a", Event: Event{Kind: EventOther, Sentence: "文。"}}, {NoticeID: "b"}}
	same(t, TimelineTable.Record(mem, timeline), growing(TimelineTable).Record(mem, timeline))
}

// TestFieldSourcesMap: field_sources is a MAP(VARCHAR, VARCHAR) with keys
// in sorted order whatever Go's map order; an empty one is an empty map,
// while extracted_values is null when nothing was corrected.
func TestFieldSourcesMap(t *testing.T) {
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	notices := []Notice{
		{NoticeID: "a", FieldSources: map[string]string{"sector": "name_rule", "cause": "rule:cause", "organization": "corrected"},
			ExtractedValues: map[string]string{"organization": "旧名"}},
		{NoticeID: "b"},
	}
	rec := NoticesTable.Record(mem, notices)
	defer rec.Release()
	src := rec.Column(NoticesTable.Schema().FieldIndices("field_sources")[0]).(*array.Map)
	keys := src.Keys().(*array.String)
	var got []string
	start, end := src.ValueOffsets(0)
	for i := start; i < end; i++ {
		got = append(got, keys.Value(int(i))+"="+src.Items().(*array.String).Value(int(i)))
	}
	if want := []string{"cause=rule:cause", "organization=corrected", "sector=name_rule"}; !slices.Equal(got, want) {
		t.Errorf("field_sources = %v, want %v", got, want)
	}
	if src.IsNull(1) {
		t.Error("field_sources of a notice with none: want an empty map, got null")
	}
	ext := rec.Column(NoticesTable.Schema().FieldIndices("extracted_values")[0]).(*array.Map)
	if ext.IsNull(0) || !ext.IsNull(1) {
		t.Errorf("extracted_values nulls = %v %v, want false true", ext.IsNull(0), ext.IsNull(1))
	}
	if d := NoticesTable.Describe(); d.Columns[len(d.Columns)-2].Type != "MAP(VARCHAR, VARCHAR)" {
		t.Errorf("field_sources type = %s", d.Columns[len(d.Columns)-2].Type)
	}
	cr := CorrectionsTable.Record(mem, []Correction{{File: "corrections.csv", Line: 2, Field: "cause", Value: "loss", Status: CorrectionApplied}})
	cr.Release()
}

// TestPerRowValuesAreUnique: the columns whose every row (or nearly) has a
// value of its own are marked Unique, so the Parquet writer keeps no
// min/max statistics of them.
func TestPerRowValuesAreUnique(t *testing.T) {
	cases := []struct {
		table  string
		unique []string
		want   []string
	}{
		{"notices", uniqueNames(NoticesTable), []string{"notice_id", "url", "title", "case_id", "incident_id", "text", "original_text"}},
		{"timeline", uniqueNames(TimelineTable), []string{"notice_id", "incident_id", "sentence"}},
		{"incidents", uniqueNames(IncidentsTable), []string{"incident_id", "case_id", "event_id", "notice_ids"}},
	}
	for _, c := range cases {
		for _, name := range c.want {
			if !slices.Contains(c.unique, name) {
				t.Errorf("%s.%s is not marked Unique", c.table, name)
			}
		}
	}
}

// uniqueNames lists t's columns marked Unique.
func uniqueNames[R any](t *Table[R]) (names []string) {
	for _, c := range t.Columns {
		if c.Unique {
			names = append(names, c.Name)
		}
	}
	return names
}

// TestMapColumnNoAllocationPerRow: a MAP column sorts each row's keys
// without allocating (field_sources is on every notice): twice the rows,
// no more allocations than the builders' own growth.
func TestMapColumnNoAllocationPerRow(t *testing.T) {
	rows := func(n int) []Notice {
		out := make([]Notice, n)
		for i := range out {
			out[i].FieldSources = map[string]string{"cause": "rule:cause", "organization": "header", "sector": "known_table",
				"published_date": "loader:jsonl", "affected_count": "rule:count", "is_incident": "rule:is_notice"}
		}
		return out
	}
	mem := memory.NewGoAllocator()
	allocs := func(rs []Notice) float64 {
		return testing.AllocsPerRun(3, func() { NoticesTable.Record(mem, rs).Release() })
	}
	small, large := allocs(rows(1000)), allocs(rows(2000))
	if large-small > 100 {
		t.Errorf("1000 rows more cost %.0f allocations more (%.0f for 1000 rows, %.0f for 2000)", large-small, small, large)
	}
}
