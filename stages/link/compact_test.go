package link

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

// randomNotices are n incident notices drawn to meet every branch of
// linking: organizations that share a key under other names, and none;
// case ids shared by several organizations; dates unset or near each
// other; causes "", unknown and others; counts absent, zero or large;
// report numbers absent, zero or more; data types outside the vocabulary,
// repeated, nil or empty; reports to a regulator that name a 確報, with or
// without a date; contractors, sectors, sources.
func randomNotices(rng *rand.Rand, n int) []*schemas.Notice {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	day := func() schemas.Date {
		if rng.IntN(5) == 0 {
			return schemas.Date{}
		}
		return schemas.MustDate("2021-06-01").AddDays(rng.IntN(1400))
	}
	out := make([]*schemas.Notice, n)
	for i := range out {
		nt := &schemas.Notice{
			NoticeID: fmt.Sprintf("n%d", i), IsIncident: rng.IntN(12) > 0, SegmentIndex: int32(rng.IntN(3)),
			SourcePath:   pick("a.txt", "b/c.html", "", "feed.jsonl"),
			CaseID:       pick("", "", "", "2023-446", "2024-101", "2024-900", "x"),
			Organization: pick("", "株式会社架空印刷", "架空印刷", "架空市", "架空県", "(株)架空商事", "架空商事株式会社", "株式会社"),
			Contractor:   pick("", "", "株式会社架空印刷", "架空印刷", "架空クラウド"),
			Cause:        pick("", "unknown", "unknown", "ransomware", "misdelivery", "loss", "unauthorized_access"),
			Sector:       pick("", "S", "E"),
			VerisAction:  pick("", "Malware"), TSRCategory: pick("", "紛失"),
			FinalReport: rng.IntN(10) == 0, AffectedApprox: rng.IntN(3) == 0,
			PublishedDate: day(), DiscoveredDate: day(), OccurredDate: day(), ReportedDate: day(),
		}
		if rng.IntN(3) == 0 {
			nt.ReportSeq = i32(int32(rng.IntN(4)))
		}
		if rng.IntN(2) == 0 {
			nt.AffectedCount = i64([]int64{0, 1, 999, 1001, 1 << 40, -3}[rng.IntN(6)])
		}
		switch rng.IntN(4) {
		case 0:
			nt.DataTypes = []string{}
		case 1:
			nt.DataTypes = []string{"address", "not_a_type", "name", "address", "health"}
		case 2:
			nt.DataTypes = []string{schemas.DataTypes[rng.IntN(len(schemas.DataTypes))], "credit_card"}
		}
		for range rng.IntN(4) {
			e := schemas.Event{Kind: pick(schemas.EventReported, schemas.EventReported, schemas.EventPublished),
				Sentence: pick("個人情報保護委員会に確報を提出", "速報を報告", "確報"), Date: day()}
			nt.Events = append(nt.Events, e)
		}
		out[i] = nt
	}
	return out
}

// TestLinkerAsTheOldOne: on random notices, with and without analysts'
// corrections, the compact linker gives every notice the incident id the
// linker of commit 635249b gave it (oracle_test.go), and the same
// incidents; so does a rerun's linking of the notices' compact forms.
func TestLinkerAsTheOldOne(t *testing.T) {
	for seed := range uint64(40) {
		rng := rand.New(rand.NewPCG(seed, 7))
		notices := randomNotices(rng, 20+rng.IntN(400))
		var same, apart [][2]string
		if seed%2 == 1 {
			for range 5 {
				a, b := rng.IntN(len(notices)), rng.IntN(len(notices))
				same = append(same, [2]string{notices[a].NoticeID, notices[b].NoticeID})
				a, b = rng.IntN(len(notices)), rng.IntN(len(notices))
				apart = append(apart, [2]string{notices[a].NoticeID, notices[b].NoticeID})
			}
		}
		old, l, kept := newRefLinker(), NewLinker(), NewLinker()
		old.Override(same, apart)
		l.Override(same, apart)
		kept.Override(same, apart)
		for _, n := range notices {
			o := *n
			old.Add(&o)
			l.Add(n)
			if n.IncidentID != o.IncidentID {
				t.Fatalf("seed %d, notice %s: incident id %q, the old linker's %q", seed, n.NoticeID, n.IncidentID, o.IncidentID)
			}
			if !n.IsIncident {
				continue
			}
			k := Kept{Compact: AppendCompact(nil, n)}
			kept.AddKept(&k)
			if k.IncidentID != o.IncidentID {
				t.Fatalf("seed %d, notice %s kept: incident id %q, the old linker's %q", seed, n.NoticeID, k.IncidentID, o.IncidentID)
			}
		}
		want := old.Incidents()
		for name, got := range map[string][]schemas.Incident{"added": l.Incidents(), "kept": kept.Incidents()} {
			if len(got) != len(want) {
				t.Fatalf("seed %d, %s: %d incidents, the old linker's %d", seed, name, len(got), len(want))
			}
			for i := range want {
				if !reflect.DeepEqual(got[i], want[i]) {
					t.Fatalf("seed %d, %s: incident %d\n%+v\nthe old linker's\n%+v", seed, name, i, got[i], want[i])
				}
			}
		}
	}
}

// TestCompactRoundTrip: every field linking reads comes back from the
// compact form as it went in, absent optional values as absent (not
// zero), zero values as zero.
func TestCompactRoundTrip(t *testing.T) {
	full := &schemas.Notice{NoticeID: "n-1", SourcePath: "dir/a.txt", CaseID: "2024-900", Organization: "架空県",
		Contractor: "株式会社架空印刷", Cause: "ransomware", Sector: "S", FinalReport: true, AffectedApprox: true,
		ReportSeq: i32(-2), AffectedCount: i64(1 << 40),
		PublishedDate: schemas.MustDate("2024-06-06"), DiscoveredDate: schemas.MustDate("1969-12-31"),
		OccurredDate: schemas.MustDate("1970-01-01"), ReportedDate: schemas.MustDate("2024-06-01"),
		DataTypes: []string{"family", "name", "not_a_type"},
		Events: []schemas.Event{
			{Kind: schemas.EventReported, Date: schemas.MustDate("2024-06-20"), Sentence: "確報を提出"},
			{Kind: schemas.EventReported, Date: schemas.MustDate("2024-06-21"), Sentence: "速報を提出"},
			{Kind: schemas.EventPublished, Date: schemas.MustDate("2024-06-22"), Sentence: "確報を公表"},
		}}
	zero := &schemas.Notice{ReportSeq: i32(0), AffectedCount: i64(0), DataTypes: []string{},
		Events: []schemas.Event{{Kind: schemas.EventReported, Sentence: "確報"}}}
	tests := []struct {
		name   string
		n      *schemas.Notice
		id     string
		want   member
		strs   [6]string // source, case id, organization, contractor, cause, sector
		orgKey bool
	}{
		{"every field", full, "n-1", member{flags: finalReport | affectedApprox | hasReportSeq | hasCount | hasFinalEvent,
			reportSeq: -2, count: 1 << 40, dataTypes: 1<<0 | 1<<22,
			published: full.PublishedDate, discovered: full.DiscoveredDate, occurred: full.OccurredDate, reported: full.ReportedDate,
			finalEvent: schemas.MustDate("2024-06-20")},
			[6]string{"dir/a.txt", "2024-900", "架空県", "株式会社架空印刷", "ransomware", "S"}, true},
		{"zero values are set", zero, "", member{flags: hasReportSeq | hasCount | hasFinalEvent}, [6]string{}, false},
		{"absent values are absent", &schemas.Notice{}, "", member{}, [6]string{}, false},
	}
	for _, tt := range tests {
		table := newInternTable()
		m, id, err := decodeMember(AppendCompact(nil, tt.n), table.of)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if string(id) != tt.id {
			t.Errorf("%s: notice id %q, want %q", tt.name, id, tt.id)
		}
		var strs [6]string
		for i, h := range [...]handle{m.source, m.caseID, m.org, m.contractor, m.cause, m.sector} {
			strs[i] = string(table.bytes(h))
		}
		if strs != tt.strs {
			t.Errorf("%s: strings %q, want %q", tt.name, strs, tt.strs)
		}
		m.source, m.caseID, m.org, m.contractor, m.cause, m.sector = 0, 0, 0, 0, 0, 0
		tt.want.next = -1
		if m != tt.want {
			t.Errorf("%s: member\n%+v\nwant\n%+v", tt.name, m, tt.want)
		}
	}
}

// TestCheckCompact: a compact form cut short, with a byte more, or with
// unknown flags or data-type bits does not pass.
func TestCheckCompact(t *testing.T) {
	n := randomNotices(rand.New(rand.NewPCG(3, 3)), 1)[0]
	n.ReportSeq, n.AffectedCount = i32(2), i64(5)
	good := AppendCompact(nil, n)
	if err := CheckCompact(good); err != nil {
		t.Fatal(err)
	}
	for i := range good {
		if CheckCompact(good[:i]) == nil {
			t.Errorf("cut at %d of %d bytes: passes", i, len(good))
		}
	}
	if CheckCompact(append(good[:len(good):len(good)], 0)) == nil {
		t.Error("a byte more: passes")
	}
	flags := AppendCompact(nil, &schemas.Notice{})
	flags[7] = 1 << 7
	if CheckCompact(flags) == nil {
		t.Error("an unknown flag: passes")
	}
	types := AppendCompact(nil, &schemas.Notice{})
	types = append(types[:len(types)-1], 0x80, 0x80, 0x80, 0x80, 0x40) // bit 34
	if CheckCompact(types) == nil {
		t.Error("a data type outside the vocabulary: passes")
	}
}

// FuzzCheckCompact: no input panics CheckCompact, and one that passes
// links (AddKept panics on a form that does not decode).
func FuzzCheckCompact(f *testing.F) {
	for _, n := range randomNotices(rand.New(rand.NewPCG(9, 9)), 8) {
		f.Add(AppendCompact(nil, n))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if CheckCompact(b) != nil {
			return
		}
		l := NewLinker()
		k := Kept{Compact: b}
		l.AddKept(&k)
		if incs := l.Incidents(); len(incs) != 1 || incs[0].IncidentID != k.IncidentID {
			t.Fatalf("one kept notice: incidents %+v, id %q", incs, k.IncidentID)
		}
	})
}

// TestInternTable: each distinct string gets one handle, the same on
// every sight, through the table's growth; "" is handle 0.
func TestInternTable(t *testing.T) {
	table := newInternTable()
	if h := table.of(nil); h != 0 {
		t.Errorf("empty string: handle %d", h)
	}
	handles := map[string]handle{}
	for round := range 2 {
		for i := range 5000 {
			s := fmt.Sprintf("組織%d", i)
			h := table.of([]byte(s))
			if want, ok := handles[s]; ok && h != want {
				t.Fatalf("round %d: %q is handle %d, was %d", round, s, h, want)
			}
			handles[s] = h
			if got := string(table.bytes(h)); got != s {
				t.Fatalf("handle %d is %q, want %q", h, got, s)
			}
		}
	}
	if table.len() != 5001 {
		t.Errorf("%d handles for 5000 strings and the empty one", table.len())
	}
	strs := table.strings()
	for s, h := range handles {
		if strs[h] != s {
			t.Errorf("strings()[%d] = %q, want %q", h, strs[h], s)
		}
	}
}
