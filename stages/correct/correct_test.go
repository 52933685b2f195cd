package correct

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"

	"github.com/breachtrend/breachtrend/schemas"
)

func TestParseValue(t *testing.T) {
	tests := []struct {
		field, raw string
		want       string // the value's text form after setting it, or "error"
	}{
		{"organization", "株式会社例示", "株式会社例示"},
		{"organization", "null", ""},
		{"organization", "二行\n目", "error"},
		{"published_date", "2023-08-08", "2023-08-08"},
		{"published_date", "2023/8/8", "2023-08-08"},
		{"published_date", "2023-02-30", "error"},
		{"published_date", "令和5年8月8日", "error"},
		{"affected_count", "1,234", "1234"},
		{"affected_count", "-3", "error"},
		{"affected_count", "約100", "error"},
		{"affected_count", "NULL", ""},
		{"report_seq", "0", "error"},
		{"report_seq", "2", "2"},
		{"is_incident", "false", "false"},
		{"is_incident", "null", "error"},
		{"is_incident", "maybe", "error"},
		{"cause", "loss", "loss"},
		{"cause", "hacking", "error"},
		{"sector", "p", "P"},
		{"sector", "Z", "error"},
		{"data_types", "email; name;email", "name;email"},
		{"data_types", "name;ssn", "error"},
		{"case_id", "2023-444", "2023-444"},
		{"case_id", "#444", "error"},
		{"same_incident", "0123456789abcdef0123", ""},
		{"same_incident", "not-an-id", "error"},
		{"organisation", "x", "error"},
		{"", "x", "error"},
	}
	for _, tt := range tests {
		v, err := parseValue(tt.field, tt.raw)
		if tt.want == "error" {
			if err == nil {
				t.Errorf("parseValue(%s, %q) accepted, want an error", tt.field, tt.raw)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseValue(%s, %q): %v", tt.field, tt.raw, err)
			continue
		}
		if isPair(tt.field) {
			continue
		}
		var n schemas.Notice
		set(&n, &row{field: tt.field, value: v}, "c.csv")
		if got := fieldText(&n, tt.field); got != tt.want {
			t.Errorf("%s = %q: set gives %q, want %q", tt.field, tt.raw, got, tt.want)
		}
	}
}

// sheet is a filled review sheet as Excel saves it: a BOM, the review
// columns, corrected_value, most rows left empty.
const sheet = "\ufeffnotice_id,source_path,segment_index,field,extracted_value,reason,evidence,locator,corrected_value,note\r\n" +
	"aaaaaaaaaaaaaaaaaaaa,a.txt,0,cause,unknown,unknown cause,,a.txt#0:0,loss,紛失と書いてある\r\n" +
	"aaaaaaaaaaaaaaaaaaaa,a.txt,0,organization,,missing,,a.txt#0:0,,\r\n" +
	",b.txt,1,affected_count,,missing,,b.txt#1:0,\"1,200\",\r\n" +
	"bbbbbbbbbbbbbbbbbbbb,,,cause,unknown,,,,hacked,\r\n" +
	"cccccccccccccccccccc,,,cause,,,,,ransomware,\r\n" +
	",,,cause,,,,,loss,\r\n"

func notice(id, src string, seg int32) *schemas.Notice {
	return &schemas.Notice{NoticeID: id, SourcePath: src, SegmentIndex: seg, IsIncident: true, Cause: "unknown",
		FieldSources: map[string]string{"cause": "default:unknown"}}
}

func TestReadSheetApplyAndReport(t *testing.T) {
	s, err := Read(strings.NewReader(sheet), "corrections.csv")
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 3 {
		t.Errorf("%d valid corrections, want 3 (cause of a, count of b, cause of c)", s.Len())
	}
	a, b := notice("aaaaaaaaaaaaaaaaaaaa", "a.txt", 0), notice("dddddddddddddddddddd", "b.txt", 1)
	other := notice("eeeeeeeeeeeeeeeeeeee", "a.txt", 1)
	if !s.Apply(a) || !s.Apply(b) || s.Apply(other) {
		t.Fatal("Apply: want a and b changed, the other notice not")
	}
	if a.Cause != "loss" || a.VerisAction != "error" || a.FieldSources["cause"] != schemas.SourceCorrected ||
		a.ExtractedValues["cause"] != "unknown" || !strings.HasPrefix(a.CauseEvidence, "紛失と書いてある (corrected: corrections.csv:2") {
		t.Errorf("a after Apply: cause %q veris %q source %q extracted %q evidence %q", a.Cause, a.VerisAction,
			a.FieldSources["cause"], a.ExtractedValues["cause"], a.CauseEvidence)
	}
	if b.AffectedCount == nil || *b.AffectedCount != 1200 || b.ExtractedValues["affected_count"] != "" {
		t.Errorf("b after Apply: count %v extracted %v", b.AffectedCount, b.ExtractedValues)
	}
	if a.Organization != "" || a.FieldSources["organization"] != "" {
		t.Error("an unfilled sheet row changed the organization")
	}
	rows := s.Rows(nil)
	var got []string
	for _, r := range rows {
		got = append(got, r.Status+":"+r.Field)
	}
	want := []string{"applied:cause", "applied:affected_count", "invalid:cause", "orphaned:cause", "invalid:cause"}
	if !slices.Equal(got, want) {
		t.Errorf("rows = %v, want %v", got, want)
	}
	rj := s.Rejects()
	if len(rj) != 2 || rj[0].Stage != "correct" || rj[0].Source != "corrections.csv" || rj[0].Segment != 5 ||
		!strings.Contains(rj[0].Detail, "corrections.csv:5") || !strings.Contains(rj[0].Detail, `"hacked" is not a cause`) {
		t.Errorf("rejects = %+v", rj)
	}
	if rj[1].Segment != 7 || !strings.Contains(rj[1].Detail, "names no notice") {
		t.Errorf("second reject = %+v", rj[1])
	}
}

// TestApplyAgainKeepsExtractedValue: a notice corrected twice in one file
// keeps the extractor's value, not the first correction's, and the later
// row wins.
func TestApplyAgainKeepsExtractedValue(t *testing.T) {
	s, err := Read(strings.NewReader("notice_id,field,value\n"+
		"aaaaaaaaaaaaaaaaaaaa,published_date,2023-01-02\n"+
		"aaaaaaaaaaaaaaaaaaaa,published_date,2023-01-05\n"+
		"aaaaaaaaaaaaaaaaaaaa,discovered_date,2023-01-01\n"), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	n := notice("aaaaaaaaaaaaaaaaaaaa", "a.txt", 0)
	n.PublishedDate = schemas.MustDate("2022-12-31")
	s.Apply(n)
	if n.PublishedDate.String() != "2023-01-05" || n.ExtractedValues["published_date"] != "2022-12-31" {
		t.Errorf("published %s, extracted %q", n.PublishedDate, n.ExtractedValues["published_date"])
	}
	if n.DisclosureDelayDays == nil || *n.DisclosureDelayDays != 4 {
		t.Errorf("delay not recomputed: %v", n.DisclosureDelayDays)
	}
}

func TestCaseIDAppliesToEveryNoticeOfTheCase(t *testing.T) {
	s, err := Read(strings.NewReader("case_id,field,value,author\n2023-444,sector,E,yk\n"), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	a, b := notice("aaaaaaaaaaaaaaaaaaaa", "x.txt", 0), notice("bbbbbbbbbbbbbbbbbbbb", "x.txt", 1)
	a.CaseID, b.CaseID = "2023-444", "2023-444"
	s.Apply(a)
	s.Apply(b)
	rows := s.Rows(nil)
	if a.Sector != "E" || b.Sector != "E" || len(rows) != 2 || rows[1].NoticeID != b.NoticeID || rows[0].Author != "yk" {
		t.Errorf("sectors %q %q, rows %+v", a.Sector, b.Sector, rows)
	}
}

func TestPairs(t *testing.T) {
	s, err := Read(strings.NewReader("notice_id,source_path,segment_index,field,value\n"+
		"aaaaaaaaaaaaaaaaaaaa,,,same_incident,bbbbbbbbbbbbbbbbbbbb\n"+
		"aaaaaaaaaaaaaaaaaaaa,,,not_same_incident,cccccccccccccccccccc\n"+
		",a.txt,0,same_incident,bbbbbbbbbbbbbbbbbbbb\n"), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	same, apart := s.Pairs()
	if len(same) != 1 || same[0] != [2]string{"aaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbb"} || len(apart) != 1 {
		t.Errorf("pairs %v %v", same, apart)
	}
	a := notice("aaaaaaaaaaaaaaaaaaaa", "a.txt", 0)
	if s.Apply(a) {
		t.Error("a pair changed a notice's fields")
	}
	rows := s.Rows(func(id string) bool { return id == "bbbbbbbbbbbbbbbbbbbb" })
	var got []string
	for _, r := range rows {
		got = append(got, r.Status+":"+r.Field)
	}
	want := []string{"applied:same_incident", "orphaned:not_same_incident", "invalid:same_incident"}
	if !slices.Equal(got, want) {
		t.Errorf("rows = %v, want %v", got, want)
	}
}

func TestReadRefusesAFileThatIsNoCorrections(t *testing.T) {
	for _, in := range []string{"notice_id,value\nx,y\n", "field,value\ncause,loss\n", "notice_id,field,note\nx,cause,y\n"} {
		if _, err := Read(strings.NewReader(in), "c.csv"); err == nil {
			t.Errorf("Read(%q) accepted", in)
		}
	}
	s, err := Read(strings.NewReader(""), "c.csv")
	if err != nil || s.Len() != 0 {
		t.Errorf("empty file: %v, %d", err, s.Len())
	}
}

func TestBrokenCSVRowIsRejectedAndReadingGoesOn(t *testing.T) {
	s, err := Read(strings.NewReader("notice_id,field,value\naaaaaaaaaaaaaaaaaaaa,cause,lo\"ss\naaaaaaaaaaaaaaaaaaaa,cause,loss\n"), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	if s.Len() != 1 || len(s.Rejects()) != 1 || s.Rejects()[0].Reason != "unreadable_correction" || s.Rejects()[0].Segment != 2 {
		t.Errorf("len %d rejects %+v", s.Len(), s.Rejects())
	}
}

// TestShiftJISFile: a sheet Excel saved as plain CSV on a Japanese Windows
// (Shift_JIS) reads as the same corrections; bytes of no encoding are
// refused whole.
func TestShiftJISFile(t *testing.T) {
	src := "notice_id,field,value,note\naaaaaaaaaaaaaaaaaaaa,organization,株式会社例示,本文の署名\n"
	sjis, err := japanese.ShiftJIS.NewEncoder().String(src)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Read(strings.NewReader(sjis), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	n := notice("aaaaaaaaaaaaaaaaaaaa", "a.txt", 0)
	s.Apply(n)
	if n.Organization != "株式会社例示" || !strings.HasPrefix(n.OrganizationEvidence, "本文の署名") {
		t.Errorf("organization %q evidence %q", n.Organization, n.OrganizationEvidence)
	}
	if _, err := Read(strings.NewReader("notice_id,field,value\n\xff\xfe\xff,cause,loss\n"), "c.csv"); err == nil {
		t.Error("bytes of no encoding accepted")
	}
}
