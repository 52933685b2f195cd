package eval

import (
	"fmt"
	"testing"
)

// baseGold is one incident record; baseSeg extracts every field of it right.
func baseGold() Gold {
	return Gold{Line: 1, Source: "a.txt", Snippet: "本文", IsIncident: true,
		CaseID: []*string{ptr("2023-001")}, ReportSeq: []*int64{nil, ptr(int64(1))}, FinalReport: []bool{false},
		Organization: []*string{ptr("株式会社テスト")}, PublishedDate: []*string{ptr("2023-07-01")},
		DiscoveredDate: []*string{nil}, OccurredDate: []*string{nil, ptr("2023-06-01")},
		AffectedCount: []*int64{ptr(int64(100))}, Cause: []*string{ptr("loss")},
		Sector: []*string{ptr("O"), ptr("P")}, DataTypes: []string{"name"}}
}

func baseSeg() Segment {
	return Segment{SourcePath: "a.txt", Text: "本文", IsIncident: true,
		CaseID: ptr("2023-001"), ReportSeq: ptr(int64(1)), Organization: ptr("テスト"),
		PublishedDate: ptr("2023-07-01"), OccurredDate: ptr("2023-06-01"), AffectedCount: ptr(int64(100)),
		Cause: ptr("loss"), Sector: ptr("P"), DataTypes: []string{"name"}}
}

func TestBaseIsPerfect(t *testing.T) {
	r := Score([]Gold{baseGold()}, []Segment{baseSeg()})
	if r.Score != 1 || r.Hard != 1 || len(r.Misses) != 0 {
		t.Fatalf("score %v hard %v misses %+v", r.Score, r.Hard, r.Misses)
	}
}

func TestAccuracyRules(t *testing.T) {
	type counts struct{ correct, statedK, statedN, invK, invN int }
	tests := []struct {
		name  string
		field string
		gold  func(*Gold)
		seg   func(*Segment)
		want  counts
	}{
		{"stated value right", "case_id", nil, nil, counts{1, 1, 1, 0, 0}},
		{"stated value wrong", "case_id", nil, func(s *Segment) { s.CaseID = ptr("2023-002") }, counts{0, 0, 1, 0, 0}},
		{"null where a value is stated", "case_id", nil, func(s *Segment) { s.CaseID = nil }, counts{0, 0, 1, 0, 0}},
		{"NFKC and space trimmed", "case_id", nil, func(s *Segment) { s.CaseID = ptr(" ２０２３-００１ ") }, counts{1, 1, 1, 0, 0}},
		{"empty string is null", "case_id", func(g *Gold) { g.CaseID = []*string{nil} }, func(s *Segment) { s.CaseID = ptr("") }, counts{1, 0, 0, 0, 1}},
		{"null listed: null accepted, not stated", "report_seq", nil, func(s *Segment) { s.ReportSeq = nil }, counts{1, 0, 1, 0, 0}},
		{"null listed: value accepted and stated", "report_seq", nil, nil, counts{1, 1, 1, 0, 0}},
		{"null listed: other value wrong", "report_seq", nil, func(s *Segment) { s.ReportSeq = ptr(int64(2)) }, counts{0, 0, 1, 0, 0}},
		{"only null: null right", "discovered_date", nil, nil, counts{1, 0, 0, 0, 1}},
		{"only null: value invented", "discovered_date", nil, func(s *Segment) { s.DiscoveredDate = ptr("2023-06-02") }, counts{0, 0, 0, 1, 1}},
		{"null or date: date", "occurred_date", nil, nil, counts{1, 1, 1, 0, 0}},
		{"null or date: other date", "occurred_date", nil, func(s *Segment) { s.OccurredDate = ptr("2023-06-02") }, counts{0, 0, 1, 0, 0}},
		{"count right", "affected_count", nil, nil, counts{1, 1, 1, 0, 0}},
		{"count wrong", "affected_count", nil, func(s *Segment) { s.AffectedCount = ptr(int64(1000)) }, counts{0, 0, 1, 0, 0}},
		{"only null count: invented", "affected_count", func(g *Gold) { g.AffectedCount = []*int64{nil} }, nil, counts{0, 0, 0, 1, 1}},
		{"second alternative", "sector", nil, nil, counts{1, 1, 1, 0, 0}},
		{"not an alternative", "sector", nil, func(s *Segment) { s.Sector = ptr("G") }, counts{0, 0, 1, 0, 0}},
		{"cause", "cause", nil, func(s *Segment) { s.Cause = ptr("theft") }, counts{0, 0, 1, 0, 0}},
		{"final false, gold false: like null", "final_report", nil, nil, counts{1, 0, 0, 0, 1}},
		{"final true, gold false: invented", "final_report", nil, func(s *Segment) { s.FinalReport = true }, counts{0, 0, 0, 1, 1}},
		{"final true, gold true: stated", "final_report", func(g *Gold) { g.FinalReport = []bool{true} }, func(s *Segment) { s.FinalReport = true }, counts{1, 1, 1, 0, 0}},
		{"final false, gold true", "final_report", func(g *Gold) { g.FinalReport = []bool{true} }, nil, counts{0, 0, 1, 0, 0}},
		{"final false, gold either", "final_report", func(g *Gold) { g.FinalReport = []bool{false, true} }, nil, counts{1, 0, 1, 0, 0}},
		{"organization legal form", "organization", nil, func(s *Segment) { s.Organization = ptr("テスト株式会社") }, counts{1, 1, 1, 0, 0}},
		{"organization other", "organization", nil, func(s *Segment) { s.Organization = ptr("テスト大学") }, counts{0, 0, 1, 0, 0}},
		{"fields scored even if the run says not an incident", "cause", nil, func(s *Segment) { s.IsIncident = false }, counts{1, 1, 1, 0, 0}},
		{"unmatched: miss, not invented", "discovered_date", nil, func(s *Segment) { s.SourcePath = "b.txt" }, counts{0, 0, 0, 0, 1}},
		{"unmatched: stated miss", "cause", nil, func(s *Segment) { s.SourcePath = "b.txt" }, counts{0, 0, 1, 0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, s := baseGold(), baseSeg()
			if tt.gold != nil {
				tt.gold(&g)
			}
			if tt.seg != nil {
				tt.seg(&s)
			}
			r := Score([]Gold{g}, []Segment{s})
			f, _ := r.Field(tt.field)
			got := counts{f.Correct, f.StatedCorrect, f.StatedN, f.Invented, f.InventedN}
			if got != tt.want || f.N != 1 {
				t.Errorf("%s: got %+v (n %d), want %+v", tt.field, got, f.N, tt.want)
			}
			if want := float64(tt.want.correct); f.Accuracy != want {
				t.Errorf("accuracy %v, want %v", f.Accuracy, want)
			}
			missed, nullMissed := false, false
			for _, m := range r.Misses {
				if m.Field == tt.field {
					missed = missed || !m.NullAccepted
					nullMissed = nullMissed || m.NullAccepted
				}
			}
			if matched := len(r.Unmatched) == 0; matched && missed != (tt.want.correct == 0) {
				t.Errorf("listed as a miss: %v, correct: %d", missed, tt.want.correct)
			}
			// A null the gold accepts where the text states a value is listed
			// too, marked, because it counts against stated accuracy.
			wantNull := tt.want.correct == 1 && tt.want.statedN == 1 && tt.want.statedK == 0
			if matched := len(r.Unmatched) == 0; matched && nullMissed != wantNull {
				t.Errorf("listed as a null-accepted miss: %v, want %v", nullMissed, wantNull)
			}
		})
	}
}

func TestIsIncident(t *testing.T) {
	non := Gold{Line: 2, Source: "a.txt", Snippet: "解説記事", IsIncident: false}
	tests := []struct {
		name      string
		gold      []Gold
		segs      []Segment
		correct   int
		n         int
		incidents int
	}{
		{"both right", []Gold{baseGold(), non}, []Segment{baseSeg(), {SourcePath: "a.txt", Text: "解説記事"}}, 2, 2, 1},
		{"post called an incident", []Gold{non}, []Segment{{SourcePath: "a.txt", Text: "解説記事", IsIncident: true}}, 0, 1, 0},
		{"incident missed", []Gold{baseGold()}, []Segment{func() Segment { s := baseSeg(); s.IsIncident = false; return s }()}, 0, 1, 1},
		{"unmatched", []Gold{non}, nil, 0, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Score(tt.gold, tt.segs)
			f := r.Fields[0]
			if f.Field != "is_incident" || f.Correct != tt.correct || f.N != tt.n || r.Incidents != tt.incidents {
				t.Errorf("got %+v, incidents %d", f, r.Incidents)
			}
			// Fields other than is_incident only count incident records.
			if c, _ := r.Field("cause"); c.N != tt.incidents {
				t.Errorf("cause n = %d, want %d", c.N, tt.incidents)
			}
		})
	}
}

func TestCanonOrganization(t *testing.T) {
	tests := []struct {
		a, b string
		same bool
	}{
		{"株式会社テスト", "テスト", true},
		{"テスト株式会社", "テスト", true},
		{"（株）テスト", "テスト", true},
		{"㈱テスト", "テスト", true},
		{"テスト (株)", "テスト", true},
		{"株式 会社　テスト", "テスト", true},
		{"有限会社テスト", "テスト", true},
		{"合同会社テスト", "テスト", true},
		{"学校法人テスト学園", "テスト学園", true},
		{"国立大学法人東京大学", "東京大学", true},
		{"独立行政法人日本学生支援機構", "日本学生支援機構", true},
		{"地方独立行政法人テスト病院機構", "テスト病院機構", true},
		{"一般社団法人テスト協会", "テスト協会", true},
		{"一般財団法人テスト協会", "テスト協会", true},
		{"公益社団法人テスト協会", "テスト協会", true},
		{"公益財団法人鳥取県スポーツ協会", "鳥取県スポーツ協会", true},
		{"医療法人テスト会", "テスト会", true},
		{"社会福祉法人テスト会", "テスト会", true},
		{"特定非営利活動法人テスト", "テスト", true},
		{"ＯＬＴＡ　株式会社", "OLTA", true},
		{"アイ・オー・データ機器", "株式会社アイ・オー・データ機器", true},
		{"テスト大学", "テスト", false},
		{"(有)テスト", "テスト", false}, // not a listed legal form
		{"olta", "OLTA", false},  // no case folding
		{"テスト工業", "テスト興業", false},
	}
	for _, tt := range tests {
		if got := CanonOrganization(tt.a) == CanonOrganization(tt.b); got != tt.same {
			t.Errorf("%q vs %q: same = %v (%q, %q)", tt.a, tt.b, got, CanonOrganization(tt.a), CanonOrganization(tt.b))
		}
	}
}

func TestDataTypes(t *testing.T) {
	inc := func(snip string, types ...string) Gold {
		g := baseGold()
		g.Snippet, g.DataTypes = snip, append([]string{}, types...)
		return g
	}
	seg := func(snip string, types ...string) Segment {
		s := baseSeg()
		s.Text, s.DataTypes = snip, types
		return s
	}
	tests := []struct {
		name       string
		gold       []Gold
		segs       []Segment
		tp, fp, fn int
		p, r, f1   float64
	}{
		{
			// r1: tp 2 (name, email), fp 1 (address), fn 1 (phone)
			// r2: fn 1 (credit_card); r3: fp 1 (password); r4: tp 1 (duplicate ignored)
			// r5: not an incident, ignored; r6: unmatched, fn 1 (health)
			// TP 3, FP 2, FN 3: P 3/5, R 3/6, F1 6/11.
			name: "hand-computed",
			gold: []Gold{
				inc("一", "name", "email", "phone"), inc("二", "credit_card"), inc("三"), inc("四", "name"),
				{Source: "a.txt", Snippet: "五", IsIncident: false}, inc("六", "health"),
			},
			segs: []Segment{
				seg("一", "email", "name", "address"), seg("二"), seg("三", "password"), seg("四", "name", "name"),
				seg("五", "email"),
			},
			tp: 3, fp: 2, fn: 3, p: 0.6, r: 0.5, f1: 6.0 / 11,
		},
		{name: "nothing to find, nothing found", gold: []Gold{inc("一")}, segs: []Segment{seg("一")}, p: 1, r: 1, f1: 1},
		{name: "nothing found", gold: []Gold{inc("一", "name")}, segs: []Segment{seg("一")}, fn: 1},
		{name: "only inventions", gold: []Gold{inc("一")}, segs: []Segment{seg("一", "name")}, fp: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Score(tt.gold, tt.segs).DataTypes
			if d.TP != tt.tp || d.FP != tt.fp || d.FN != tt.fn || !near(d.Precision, tt.p) || !near(d.Recall, tt.r) || !near(d.F1, tt.f1) {
				t.Errorf("got %+v, want tp %d fp %d fn %d P %v R %v F1 %v", d, tt.tp, tt.fp, tt.fn, tt.p, tt.r, tt.f1)
			}
		})
	}
}

// TestFixture checks every number of the report fixture, computed by hand
// (see the notes in testdata/gold.jsonl).
func TestFixture(t *testing.T) {
	r := Score(readGoldFile(t, fixture("gold.jsonl")), readSegments(t, fixture("run.jsonl")))
	type row struct {
		correct, n, statedK, statedN, invK, invN int
	}
	want := map[string]row{
		"is_incident":     {3, 5, 0, 0, 0, 0},
		"case_id":         {3, 4, 2, 2, 0, 2},
		"report_seq":      {3, 4, 1, 2, 0, 2},
		"final_report":    {2, 4, 0, 1, 0, 3},
		"organization":    {3, 4, 3, 4, 0, 0},
		"published_date":  {3, 4, 3, 3, 0, 1},
		"discovered_date": {2, 4, 2, 3, 0, 1},
		"occurred_date":   {2, 4, 1, 2, 1, 2},
		"affected_count":  {2, 4, 1, 2, 0, 2},
		"cause":           {2, 4, 2, 4, 0, 0},
		"sector":          {3, 4, 3, 3, 0, 1},
	}
	if len(r.Fields) != len(want) {
		t.Fatalf("%d fields, want %d", len(r.Fields), len(want))
	}
	for _, f := range r.Fields {
		got := row{f.Correct, f.N, f.StatedCorrect, f.StatedN, f.Invented, f.InventedN}
		if got != want[f.Field] {
			t.Errorf("%s: got %+v, want %+v", f.Field, got, want[f.Field])
		}
	}
	if d := r.DataTypes; d.TP != 3 || d.FP != 1 || d.FN != 2 || !near(d.F1, 6.0/9) {
		t.Errorf("data types %+v", d)
	}
	if r.Records != 5 || r.Incidents != 4 || r.Matched != 4 || len(r.Unmatched) != 1 || r.Unmatched[0].Source != "c.txt" {
		t.Errorf("records %d incidents %d matched %d unmatched %+v", r.Records, r.Incidents, r.Matched, r.Unmatched)
	}
	score := (3.0/5 + 3.0/4 + 3.0/4 + 2.0/4 + 3.0/4 + 3.0/4 + 2.0/4 + 2.0/4 + 2.0/4 + 2.0/4 + 3.0/4 + 6.0/9) / 12
	// final_report (stated 0/1) is not in hard: it is not in the GUIDE's table.
	hard := (1 + 1.0/2 + 3.0/4 + 1 + 2.0/3 + 1.0/2 + 1.0/2 + 2.0/4 + 1 + 6.0/9) / 10
	if !near(r.Score, score) || !near(r.Hard, hard) {
		t.Errorf("score %v hard %v, want %v %v", r.Score, r.Hard, score, hard)
	}
	// The kinds partition the records: a blog header where the gold states a
	// case id, an own page elsewhere; each is scored as a report of its own.
	if len(r.Kinds) != 2 || r.Kinds[0].Kind != "blog header" || r.Kinds[1].Kind != "own page" {
		t.Fatalf("kinds %+v", r.Kinds)
	}
	header, own := r.Kinds[0].Report, r.Kinds[1].Report
	if header.Records+own.Records != r.Records || header.Incidents+own.Incidents != r.Incidents {
		t.Errorf("kinds hold %d+%d records, %d+%d incidents; want %d, %d",
			header.Records, own.Records, header.Incidents, own.Incidents, r.Records, r.Incidents)
	}
	if cid, _ := own.Field("case_id"); cid.StatedN != 0 {
		t.Errorf("own pages state %d case ids, want none", cid.StatedN)
	}
	if len(header.Kinds)+len(own.Kinds) != 0 {
		t.Error("a kind's report is split again")
	}
}

// perfectRun builds a run from the gold itself: one segment per record whose
// text is the snippet, with the first acceptable value of every field, or
// (stated) the first non-null one.
func perfectRun(gold []Gold, stated bool) []Segment {
	pickS := func(l []*string) *string {
		for _, v := range l {
			if v != nil || !stated {
				return v
			}
		}
		return nil
	}
	pickI := func(l []*int64) *int64 {
		for _, v := range l {
			if v != nil || !stated {
				return v
			}
		}
		return nil
	}
	segs := make([]Segment, len(gold))
	for i, g := range gold {
		s := Segment{SourcePath: "corpus/" + g.Source, SegmentIndex: i, Text: g.Snippet, IsIncident: g.IsIncident,
			CaseID: pickS(g.CaseID), ReportSeq: pickI(g.ReportSeq), Organization: pickS(g.Organization),
			PublishedDate: pickS(g.PublishedDate), DiscoveredDate: pickS(g.DiscoveredDate),
			OccurredDate: pickS(g.OccurredDate), AffectedCount: pickI(g.AffectedCount),
			Cause: pickS(g.Cause), Sector: pickS(g.Sector), DataTypes: g.DataTypes}
		for _, b := range g.FinalReport {
			if s.FinalReport = b; b || !stated {
				break
			}
		}
		segs[i] = s
	}
	return segs
}

func TestPerfectRun(t *testing.T) {
	for name, gold := range goldSets(t) {
		for _, stated := range []bool{false, true} {
			r := Score(gold, perfectRun(gold, stated))
			for _, f := range r.Fields {
				if f.Accuracy != 1 {
					t.Errorf("%s (stated %v): %s accuracy %.3f", name, stated, f.Field, f.Accuracy)
				}
				if stated && (f.StatedCorrect != f.StatedN || f.Invented != 0) {
					t.Errorf("%s: %s stated %d/%d invented %d", name, f.Field, f.StatedCorrect, f.StatedN, f.Invented)
				}
			}
			misses := 0
			for _, m := range r.Misses {
				if !m.NullAccepted || stated {
					misses++
				}
			}
			if r.DataTypes.F1 != 1 || r.Score != 1 || misses != 0 || len(r.Unmatched) != 0 {
				t.Errorf("%s (stated %v): F1 %v score %v misses %d unmatched %d", name, stated, r.DataTypes.F1, r.Score, misses, len(r.Unmatched))
			}
			if stated && r.Hard != 1 {
				t.Errorf("%s: hard %v", name, r.Hard)
			}
		}
	}
}

// emptyRun segments every record right but extracts nothing.
func emptyRun(gold []Gold) []Segment {
	segs := make([]Segment, len(gold))
	for i, g := range gold {
		segs[i] = Segment{SourcePath: g.Source, SegmentIndex: i, Text: g.Snippet}
	}
	return segs
}

func TestEmptyRun(t *testing.T) {
	// Frozen seeds (testdata/seeds.jsonl): 26 records, 24 incidents.
	// Accuracy of nulls = records listing null (final_report: false):
	// is_incident 2/26, case_id 2, report_seq 19, final_report 23,
	// organization 0, published 8, discovered 8, occurred 13, count 11,
	// cause 0, sector 1 (of 24); data-type F1 0.
	gold := readGoldFile(t, fixture("seeds.jsonl"))
	r := Score(gold, emptyRun(gold))
	want := (2.0/26 + (2+19+23+0+8+8+13+11+0+1)/24.0 + 0) / 12
	if !near(r.Score, want) || r.Hard != 0 {
		t.Errorf("snapshot: score %v hard %v, want %v 0", r.Score, r.Hard, want)
	}
	if got := fmt.Sprintf("%.3f", r.Score); got != "0.302" {
		t.Errorf("snapshot score prints %s", got)
	}
	for name, gold := range goldSets(t) {
		r := Score(gold, emptyRun(gold))
		t.Logf("%s: empty run score %.3f hard %.3f", name, r.Score, r.Hard)
		if r.Hard != 0 || r.Score < 0.25 || r.Score > 0.6 || len(r.Unmatched) != 0 {
			t.Errorf("%s: empty run score %.3f hard %.3f unmatched %d", name, r.Score, r.Hard, len(r.Unmatched))
		}
	}
	// No segments at all: every record unmatched, every field a miss.
	r = Score(gold, nil)
	if r.Score != 0 || r.Hard != 0 || len(r.Unmatched) != len(gold) || len(r.Misses) != 0 {
		t.Errorf("no segments: score %v hard %v unmatched %d misses %d", r.Score, r.Hard, len(r.Unmatched), len(r.Misses))
	}
}
