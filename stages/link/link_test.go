package link

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

func i32(v int32) *int32 { return &v }
func i64(v int64) *int64 { return &v }

func notice(id, caseID, org, published, cause string, seq *int32) *schemas.Notice {
	n := &schemas.Notice{NoticeID: id, SourcePath: id + ".txt", IsIncident: true, CaseID: caseID,
		Organization: org, Cause: cause, ReportSeq: seq}
	if published != "" {
		n.PublishedDate = schemas.MustDate(published)
	}
	return n
}

func TestLink(t *testing.T) {
	tests := []struct {
		name    string
		notices []*schemas.Notice
		groups  [][]string // notice ids of each incident, in report order
	}{
		{"same case id, reports in order of their number",
			[]*schemas.Notice{
				notice("b", "2023-446", "OLTA", "", "programming_error", i32(3)),
				notice("c", "2023-446", "OLTA", "", "programming_error", i32(2)),
				notice("a", "2023-446", "OLTA", "", "programming_error", i32(1)),
			},
			[][]string{{"a", "c", "b"}}},
		{"same organization and cause within 120 days",
			[]*schemas.Notice{
				notice("a", "", "株式会社エムケイシステム", "2023-06-06", "ransomware", nil),
				notice("b", "", "エムケイシステム", "2023-07-19", "ransomware", i32(3)),
			},
			[][]string{{"a", "b"}}},
		{"same organization, a numbered follow-up with another cause",
			[]*schemas.Notice{
				notice("a", "", "A市", "2024-01-10", "unknown", nil),
				notice("b", "", "A市", "2024-02-01", "unauthorized_access", i32(2)),
			},
			[][]string{{"a", "b"}}},
		{"same organization, too far apart",
			[]*schemas.Notice{
				notice("a", "", "B大学", "2022-01-10", "misdelivery", nil),
				notice("b", "", "B大学", "2023-06-01", "misdelivery", nil),
			},
			[][]string{{"a"}, {"b"}}},
		{"same organization, another subject",
			[]*schemas.Notice{
				notice("a", "", "C病院", "2024-03-01", "loss", nil),
				notice("b", "", "C病院", "2024-03-20", "misdelivery", nil),
			},
			[][]string{{"a"}, {"b"}}},
		{"different case ids never merge",
			[]*schemas.Notice{
				notice("a", "2023-1", "D社", "2023-03-01", "loss", nil),
				notice("b", "2023-2", "D社", "2023-03-02", "loss", nil),
			},
			[][]string{{"a"}, {"b"}}},
		{"a follow-up joins the group of its cause, not an earlier one of another",
			[]*schemas.Notice{
				notice("a1", "", "サンプル精機", "2024-03-28", "ransomware", i32(1)),
				notice("a2", "", "サンプル精機", "2024-04-15", "ransomware", i32(2)),
				notice("b1", "", "サンプル精機", "2024-06-05", "misdelivery", i32(1)),
				notice("b2", "", "サンプル精機", "2024-06-15", "misdelivery", i32(2)),
			},
			[][]string{{"a1", "a2"}, {"b1", "b2"}}},
		{"same organization and cause, discoveries apart: each its own",
			[]*schemas.Notice{
				discovered(notice("a", "", "青葉市", "2024-04-05", "misdelivery", nil), "2024-04-01"),
				discovered(notice("b", "", "青葉市", "2024-05-20", "misdelivery", nil), "2024-05-16"),
				discovered(notice("c", "", "青葉市", "2024-05-24", "misdelivery", nil), "2024-05-17"), // b's again
				notice("d", "", "青葉市", "2024-06-01", "misdelivery", nil),                           // dates none
			},
			[][]string{{"a"}, {"b", "c", "d"}}},
		{"an undated follow-up joins the latest group of its cause",
			[]*schemas.Notice{
				notice("a", "", "ひかり書房", "2023-01-10", "unauthorized_access", i32(1)),
				notice("b", "", "ひかり書房", "2024-03-01", "unauthorized_access", i32(1)),
				notice("c", "", "ひかり書房", "", "unauthorized_access", i32(2)),
				notice("d", "", "ひかり書房", "", "unknown", i32(2)), // no cause: nothing to tie it
			},
			[][]string{{"a"}, {"b", "c"}, {"d"}}},
		{"no organization: each alone",
			[]*schemas.Notice{
				notice("a", "", "", "2023-03-01", "loss", nil),
				notice("b", "", "", "2023-03-02", "loss", nil),
			},
			[][]string{{"a"}, {"b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			incs := Link(tt.notices)
			if len(incs) != len(tt.groups) {
				t.Fatalf("%d incidents, want %d", len(incs), len(tt.groups))
			}
			for i, g := range tt.groups {
				if got := incs[i].NoticeIDs; len(got) != len(g) || (len(g) > 0 && stringsJoin(got) != stringsJoin(g)) {
					t.Errorf("incident %d: %v, want %v", i, got, g)
				}
				if incs[i].Reports != int32(len(g)) {
					t.Errorf("incident %d: reports %d", i, incs[i].Reports)
				}
			}
			for _, n := range tt.notices {
				if n.IncidentID == "" {
					t.Errorf("notice %s has no incident id", n.NoticeID)
				}
			}
		})
	}
}

// discovered sets n's discovery date.
func discovered(n *schemas.Notice, date string) *schemas.Notice {
	n.DiscoveredDate = schemas.MustDate(date)
	return n
}

func stringsJoin(s []string) string {
	out := ""
	for _, x := range s {
		out += x + ","
	}
	return out
}

func TestIncidentFields(t *testing.T) {
	a := notice("a", "2023-257", "株式会社プロット", "2023-06-23", "unknown", i32(5))
	a.DiscoveredDate = schemas.MustDate("2023-06-01")
	a.OccurredDate = schemas.MustDate("2023-05-30")
	a.AffectedCount = i64(900)
	a.DataTypes = []string{"email"}
	b := notice("b", "2023-257", "株式会社プロット", "2023-07-06", "ransomware", i32(6))
	b.AffectedCount = i64(700)
	b.DataTypes = []string{"name", "email"}
	b.FinalReport = true
	inc := Link([]*schemas.Notice{b, a})[0]
	if inc.Cause != "ransomware" || inc.VerisAction != "malware" {
		t.Errorf("cause %s/%s: the report that states a cause wins", inc.Cause, inc.VerisAction)
	}
	if *inc.AffectedCount != 700 || *inc.AffectedMax != 900 {
		t.Errorf("affected %d (latest), max %d", *inc.AffectedCount, *inc.AffectedMax)
	}
	if inc.FirstPublished.String() != "2023-06-23" || inc.LastPublished.String() != "2023-07-06" {
		t.Errorf("published %s..%s", inc.FirstPublished, inc.LastPublished)
	}
	if *inc.DisclosureDelayDays != 22 || *inc.ExposureDays != 2 {
		t.Errorf("delay %d, exposure %d", *inc.DisclosureDelayDays, *inc.ExposureDays)
	}
	if inc.Quarter != "2023Q2" || !inc.FinalReport || len(inc.DataTypes) != 2 {
		t.Errorf("quarter %s, final %v, types %v", inc.Quarter, inc.FinalReport, inc.DataTypes)
	}
	// Stable ids: the case id decides.
	again := Link([]*schemas.Notice{notice("x", "2023-257", "", "", "unknown", nil)})[0]
	if again.IncidentID != inc.IncidentID {
		t.Error("incident id is not a function of the case id")
	}
}

func TestAPPIClock(t *testing.T) {
	ev := func(kind, date, sentence string) schemas.Event {
		return schemas.Event{Kind: kind, Date: schemas.MustDate(date), Sentence: sentence}
	}
	tests := []struct {
		name        string
		n           *schemas.Notice
		reportable  bool
		reason      string
		prelim, fin string // "true", "false" or "" (cannot tell)
	}{
		{"attack reported on day 3, 確報 on day 45: malicious gets 60 days",
			&schemas.Notice{Cause: "ransomware", DiscoveredDate: schemas.MustDate("2023-06-05"),
				ReportedDate: schemas.MustDate("2023-06-08"),
				Events:       []schemas.Event{ev(schemas.EventReported, "2023-07-20", "個人情報保護委員会へ確報を提出")}},
			true, "malicious", "true", "true"},
		{"card data, reported late",
			&schemas.Notice{Cause: "misconfiguration", DataTypes: []string{"credit_card"}, DiscoveredDate: schemas.MustDate("2023-03-01"),
				ReportedDate: schemas.MustDate("2023-03-20"),
				Events:       []schemas.Event{ev(schemas.EventReported, "2023-04-15", "確報を提出")}},
			true, "financial", "false", "false"},
		{"over 1,000 people, no report date stated",
			&schemas.Notice{Cause: "misdelivery", AffectedCount: i64(1793), DiscoveredDate: schemas.MustDate("2023-02-01")},
			true, "over_1000", "", ""},
		{"health data",
			&schemas.Notice{Cause: "loss", DataTypes: []string{"health"}, AffectedCount: i64(178), DiscoveredDate: schemas.MustDate("2023-07-03")},
			true, "sensitive", "", ""},
		{"eleven names mis-sent: not reportable",
			&schemas.Notice{Cause: "misdelivery", DataTypes: []string{"name"}, AffectedCount: i64(11), DiscoveredDate: schemas.MustDate("2023-06-28")},
			false, "", "", ""},
		{"a 確報 still to come names no 確報 made",
			&schemas.Notice{Cause: "ransomware", DiscoveredDate: schemas.MustDate("2024-06-03"),
				ReportedDate: schemas.MustDate("2024-06-05"),
				Events:       []schemas.Event{ev(schemas.EventReported, "2024-06-05", "2024年6月5日に個人情報保護委員会へ速報を提出し、確報は準備が整い次第提出いたします。")}},
			true, "malicious", "true", ""},
		{"the only report known is the 確報: the 速報 cannot be told",
			&schemas.Notice{Cause: "unauthorized_access", DiscoveredDate: schemas.MustDate("2024-01-08"),
				ReportedDate: schemas.MustDate("2024-02-20"),
				Events:       []schemas.Event{ev(schemas.EventReported, "2024-02-20", "同年2月20日に個人情報保護委員会へ確報を提出しました。")}},
			true, "malicious", "", "true"},
		{"a report dated before the discovery is a misread date",
			&schemas.Notice{Cause: "unauthorized_access", DiscoveredDate: schemas.MustDate("2022-06-29"),
				ReportedDate: schemas.MustDate("2020-07-05"),
				Events:       []schemas.Event{ev(schemas.EventReported, "2020-07-05", "個人情報保護委員会へ確報を提出")}},
			true, "malicious", "", ""},
		{"before the amended law: no clock",
			&schemas.Notice{Cause: "unauthorized_access", DiscoveredDate: schemas.MustDate("2020-05-07"), ReportedDate: schemas.MustDate("2020-05-13")},
			true, "malicious", "", ""},
	}
	str := func(b *bool) string {
		if b == nil {
			return ""
		}
		if *b {
			return "true"
		}
		return "false"
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.n.IsIncident, tt.n.NoticeID = true, "n"
			inc := Link([]*schemas.Notice{tt.n})[0]
			if inc.Reportable != tt.reportable || inc.ReportableReason != tt.reason {
				t.Errorf("reportable %v (%s), want %v (%s)", inc.Reportable, inc.ReportableReason, tt.reportable, tt.reason)
			}
			if str(inc.PreliminaryMet) != tt.prelim || str(inc.FinalMet) != tt.fin {
				t.Errorf("速報 met %s, 確報 met %s; want %q, %q", str(inc.PreliminaryMet), str(inc.FinalMet), tt.prelim, tt.fin)
			}
		})
	}
}

// TestLinkOverride: an analyst's same_incident pair merges two notices the
// rules keep apart, whichever comes first; a not_same_incident pair splits
// two the rules would merge.
func TestLinkOverride(t *testing.T) {
	groups := func(l *Linker) [][]string {
		var out [][]string
		for _, inc := range l.Incidents() {
			out = append(out, inc.NoticeIDs)
		}
		return out
	}
	run := func(same, apart [][2]string, ns ...*schemas.Notice) [][]string {
		l := NewLinker()
		l.Override(same, apart)
		for _, n := range ns {
			l.Add(n)
		}
		return groups(l)
	}
	far := func() []*schemas.Notice {
		return []*schemas.Notice{
			notice("a", "", "B大学", "2022-01-10", "misdelivery", nil),
			notice("x", "", "他社", "2022-05-10", "loss", nil),
			notice("b", "", "別名義", "2023-06-01", "unknown", nil),
		}
	}
	if got := run(nil, nil, far()...); len(got) != 3 {
		t.Fatalf("without corrections: %v, want 3 incidents", got)
	}
	for _, pair := range [][2]string{{"a", "b"}, {"b", "a"}} {
		got := run([][2]string{pair}, nil, far()...)
		if len(got) != 2 || len(got[0]) != 2 || got[0][0] != "a" || got[0][1] != "b" {
			t.Errorf("same_incident %v: %v, want [[a b] [x]]", pair, got)
		}
	}
	near := func() []*schemas.Notice {
		return []*schemas.Notice{
			notice("a", "2023-446", "OLTA", "", "programming_error", i32(1)),
			notice("b", "2023-446", "OLTA", "", "programming_error", i32(2)),
		}
	}
	if got := run(nil, nil, near()...); len(got) != 1 {
		t.Fatalf("without corrections: %v, want one incident", got)
	}
	got := run(nil, [][2]string{{"b", "a"}}, near()...)
	if len(got) != 2 {
		t.Errorf("not_same_incident: %v, want two incidents", got)
	}
}

// TestLinkRulesLoad: linking's rule files are bundled and read.
func TestLinkRulesLoad(t *testing.T) {
	if len(appiReasons) == 0 {
		t.Error("no APPI reasons read from rules/" + fileAPPIReasons)
	}
	if LinkWindowDays <= 0 || EventWindowDays <= 0 || preliminaryDays <= 0 || finalDays <= 0 || finalReportWord == "" || lawInForce.IsZero() {
		t.Errorf("rules/%s read badly: link %d event %d preliminary %d final %d word %q in force %v",
			fileLinkSettings, LinkWindowDays, EventWindowDays, preliminaryDays, finalDays, finalReportWord, lawInForce)
	}
}

// TestCompactLinksAsTheNotice: a rerun links kept notices from their
// compact forms (AppendCompact, AddKept): the incidents and incident ids
// must be those of the notices.
func TestCompactLinksAsTheNotice(t *testing.T) {
	full := func() []*schemas.Notice {
		a := client("a", "2024-900", "架空県", "2024-06-06", "ransomware", "株式会社架空印刷", 96)
		a.Text, a.OriginalText, a.Terms = "本文", "本文", []string{"個人情報"}
		a.DataTypes, a.Sector, a.VerisAction, a.TSRCategory = []string{"name", "address"}, "S", "Malware", "ウイルス感染"
		a.DiscoveredDate, a.OccurredDate = schemas.MustDate("2024-05-30"), schemas.MustDate("2024-05-28")
		a.Events = []schemas.Event{
			{Kind: schemas.EventPublished, Date: schemas.MustDate("2024-06-06"), Sentence: "公表"},
			{Kind: schemas.EventReported, Date: schemas.MustDate("2024-06-01"), Sentence: "個人情報保護委員会に確報を提出"},
		}
		b := client("b", "", "架空県", "2024-07-01", "ransomware", "", 120)
		b.FinalReport, b.AffectedApprox, b.ReportedDate = true, true, schemas.MustDate("2024-06-01")
		return []*schemas.Notice{a, b, client("c", "", "別の市", "2024-06-10", "ransomware", "株式会社架空印刷", 5)}
	}
	notices := full()
	want := Link(notices)
	l := NewLinker()
	for _, n := range full() {
		k := Kept{Compact: AppendCompact(nil, n), IncidentID: "inc-of-an-earlier-run"}
		if err := CheckCompact(k.Compact); err != nil {
			t.Fatal(err)
		}
		l.AddKept(&k)
		if i := slices.IndexFunc(notices, func(m *schemas.Notice) bool { return m.NoticeID == n.NoticeID }); k.IncidentID != notices[i].IncidentID {
			t.Errorf("kept notice %s: incident id %q, want %q", n.NoticeID, k.IncidentID, notices[i].IncidentID)
		}
	}
	if got := l.Incidents(); !reflect.DeepEqual(got, want) {
		t.Errorf("incidents of the compact notices:\n%+v\nwant\n%+v", got, want)
	}
}

// continuesRef is what continues decides, by a pass over every notice of
// the group (the linker's former way).
func continuesRef(l *Linker, g int32, n *member) bool {
	members := l.membersOf(nil, g)
	sameCause := false
	for _, mi := range members {
		if m := l.members.at(mi); m.cause == n.cause && n.cause != l.unknownCause {
			sameCause = true
		}
	}
	if n.published.IsZero() {
		return n.followUp() && sameCause
	}
	near := false
	for _, mi := range members {
		m := l.members.at(mi)
		if m.published.IsZero() {
			continue
		}
		d := n.published.Sub(m.published)
		if d < 0 {
			d = -d
		}
		if d <= LinkWindowDays {
			near = true
		}
	}
	if !near {
		return false
	}
	if n.followUp() {
		return true
	}
	if !sameCause {
		return false
	}
	// Its discovery near one of the group's, or one of them dates none.
	if n.discovered.IsZero() {
		return true
	}
	dated := false
	for _, mi := range members {
		m := l.members.at(mi)
		if m.discovered.IsZero() {
			continue
		}
		dated = true
		if d := n.discovered.Sub(m.discovered); d >= -LinkDiscoveryDays && d <= LinkDiscoveryDays {
			return true
		}
	}
	return !dated
}

// TestContinuesAsAPassOverTheGroup: the linker's sorted dates and causes
// of a group decide as a pass over its notices does, notice by notice, on
// random notices of a few organizations.
func TestContinuesAsAPassOverTheGroup(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	causes := []string{"loss", "misdelivery", "unknown"}
	l := NewLinker()
	for i := range 3000 {
		n := notice(fmt.Sprint(i), "", fmt.Sprintf("組織%d", rng.IntN(5)), "", causes[rng.IntN(3)], nil)
		if rng.IntN(10) > 0 {
			n.PublishedDate = schemas.MustDate("2023-01-01").AddDays(rng.IntN(1000))
		}
		if rng.IntN(2) == 0 {
			n.DiscoveredDate = schemas.MustDate("2023-01-01").AddDays(rng.IntN(1000))
		}
		if rng.IntN(8) == 0 {
			n.ReportSeq = i32(int32(rng.IntN(3)))
		}
		n.FinalReport = rng.IntN(20) == 0
		m, _, err := decodeMember(AppendCompact(nil, n), l.strings.of)
		if err != nil {
			t.Fatal(err)
		}
		for g := range int32(len(l.groups)) {
			if got, want := l.continues(g, &m), continuesRef(l, g, &m); got != want {
				t.Fatalf("notice %d, group %d: continues %v, a pass over the group says %v", i, g, got, want)
			}
		}
		l.Add(n)
	}
	if len(l.groups) < 20 {
		t.Errorf("%d groups: the test compares too few", len(l.groups))
	}
}
