package enrich

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

func TestOrgKeyVariants(t *testing.T) {
	same := [][]string{
		{"北海道大学病院", "北海道大病院", "国立大学法人北海道大学病院", "北海道 大学病院"},
		{"国立大学法人架空大学", "架空大学", "架空 大学"},
		{"架空大学医学部附属病院", "架空大学病院", "架空大病院", "架空大学附属病院"},
		{"株式会社架空商事", "架空商事株式会社", "(株)架空商事", "㈱架空商事", "架空商事"},
		{"NTT西日本", "西日本電信電話株式会社"},
		{"個人情報保護委員会", "PPC"},
	}
	for _, names := range same {
		want := OrgKey(names[0])
		for _, n := range names[1:] {
			if got := OrgKey(n); got != want {
				t.Errorf("OrgKey(%q) = %q, want %q (as %q)", n, got, want, names[0])
			}
		}
	}
	for _, pair := range [][2]string{{"架空大学", "架空大学病院"}, {"北海道", "北海道大学"}, {"大病院", "大学病院"}} {
		if OrgKey(pair[0]) == OrgKey(pair[1]) {
			t.Errorf("%q and %q share a key", pair[0], pair[1])
		}
	}
}

func TestReadAliasesRejectsBadLines(t *testing.T) {
	for _, bad := range [][]string{{"同じ", "同じ"}, {"株式会社", "空"}, {"架空商事", "架空商事株式会社"}} {
		row := rules.Row{File: "organization/aliases.tsv", Line: 7, Fields: bad}
		if _, err := readAliases([]rules.Row{row}); err == nil || !strings.Contains(err.Error(), "organization/aliases.tsv:7") {
			t.Errorf("readAliases(%q) = %v, want an error at organization/aliases.tsv:7", bad, err)
		}
	}
}

func TestLinkByOrganizationKeyKeepsDisplayName(t *testing.T) {
	a := notice("a", "", "北海道大学病院", "2024-01-10", "loss", nil)
	b := notice("b", "", "北海道大病院", "2024-02-01", "loss", i32(2))
	incs := Link([]*schemas.Notice{a, b})
	if len(incs) != 1 {
		t.Fatalf("%d incidents, want one: the two names are one hospital", len(incs))
	}
	if incs[0].Organization != "北海道大学病院" || incs[0].OrganizationKey != OrgKey("北海道大病院") {
		t.Errorf("organization %q key %q: the display name is the notice's, the key the shared one", incs[0].Organization, incs[0].OrganizationKey)
	}
}

func TestSupervisedBody(t *testing.T) {
	tests := []struct{ name, org, title, text, want string }{
		{"the Commission about a company's leak", "個人情報保護委員会",
			"個人情報保護委員会 架空自動車株式会社による個人データの漏えい等事案に対する個人情報の保護に関する法律に基づく行政上の対応について 2023年7月12日",
			"当委員会は、架空自動車株式会社に対し、指導を行った。", "架空自動車株式会社"},
		{"a financial regulator's order to a bank", "関東財務局", "架空銀行に対する業務改善命令について", "", "架空銀行"},
		{"a ministry's own breach", "厚生労働省", "厚生労働省 迷惑メールの送信事案の発生について",
			"厚生労働省のメール中継サーバを利用した海外からの電子メールの不正な中継が発生しました。", ""},
		{"not a regulator", "架空市", "架空商事株式会社による個人情報の漏えいについて", "", ""},
		{"a regulator naming no organization", "個人情報保護委員会", "職員による個人情報の漏えい事案について", "", ""},
	}
	for _, tt := range tests {
		if got := SupervisedBody(tt.org, tt.title, tt.text); got != tt.want {
			t.Errorf("%s: SupervisedBody = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRegulatorNoticeNamesTheBody(t *testing.T) {
	n := &schemas.Notice{IsIncident: true, Organization: "個人情報保護委員会", Cause: "misconfiguration",
		Title: "個人情報保護委員会 架空自動車株式会社による個人データの漏えい等事案に対する行政上の対応について",
		Text:  "架空自動車株式会社のクラウド環境の誤設定により、約230万人分の車両データが外部から閲覧可能な状態でした。"}
	New().Notice(n)
	if n.Organization != "架空自動車株式会社" || n.Sector != "E" || n.OrganizationKey != "架空自動車" {
		t.Errorf("organization %q key %q sector %q: want the company, not the regulator", n.Organization, n.OrganizationKey, n.Sector)
	}
}

func TestContractor(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"in parentheses after the contractor", "納税通知書の印刷業務を委託している事業者(株式会社架空印刷)から、ランサムウェアの被害を受けたとの報告がありました。", "株式会社架空印刷"},
		{"a branch office dropped", "印刷業務を委託している事業者(株式会社架空印刷広島支店)から報告がありました。", "株式会社架空印刷"},
		{"a subcontractor named as such", "運用業務を受託している事業者の再委託先である株式会社架空印刷(以下「再委託先」)において被害が発生", "株式会社架空印刷"},
		{"legal form after the name, with a space", "当社がネットワークの保守運用を委託している ABC コミュニケーションズ株式会社(以下「保守委託先」)が管理する装置", "ABC コミュニケーションズ株式会社"},
		{"under a heading", "2.業務委託先\n株式会社架空印刷(本社:京都市)", "株式会社架空印刷"},
		{"the work given to a company", "運営業務を株式会社架空コール(以下「委託事業者」という。)に委託していますが、従業者が情報を持ち出しました。", "株式会社架空コール"},
		{"a contractor unnamed", "本市が印刷業務を委託している事業者のサーバーがランサムウェアに感染しました。", ""},
		{"no contractor at all", "当社のサーバーが不正アクセスを受けました。", ""},
	}
	for _, tt := range tests {
		if got := Contractor(tt.text); got != tt.want {
			t.Errorf("%s: Contractor = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// client is an invented notice of a client of a breached contractor.
func client(id, caseID, org, published, cause, contractor string, count int64) *schemas.Notice {
	n := notice(id, caseID, org, published, cause, nil)
	n.Contractor = contractor
	n.AffectedCount = i64(count)
	return n
}

func TestOneEventManyReporters(t *testing.T) {
	notices := []*schemas.Notice{
		client("a", "2024-900", "架空県", "2024-06-06", "ransomware", "株式会社架空印刷", 96),
		client("b", "", "架空市", "2024-06-20", "ransomware", "株式会社架空印刷広島支店", 75),
		client("c", "2024-900", "架空都", "2024-06-17", "ransomware", "", 37), // one case number: same event
		client("d", "", "株式会社架空印刷", "2024-07-01", "ransomware", "", 0),     // the contractor's own notice
		client("e", "", "別の市", "2024-06-10", "ransomware", "株式会社別の印刷", 5),
		client("f", "", "遠い市", "2025-03-01", "ransomware", "株式会社架空印刷", 9),   // months later: another breach
		client("g", "", "誤送の市", "2024-06-12", "misdelivery", "株式会社架空印刷", 2), // another kind of breach
	}
	incs := Link(notices)
	if len(incs) != 7 {
		t.Fatalf("%d incidents, want 7: each client stays an incident", len(incs))
	}
	event := map[string]string{}
	for _, in := range incs {
		event[in.Organization] = in.EventID
		if !strings.HasPrefix(in.EventID, "evt-") {
			t.Errorf("%s: event id %q", in.Organization, in.EventID)
		}
	}
	for _, org := range []string{"架空市", "架空都", "株式会社架空印刷"} {
		if event[org] != event["架空県"] {
			t.Errorf("%s is not in the event of 架空県", org)
		}
	}
	for _, org := range []string{"別の市", "遠い市", "誤送の市"} {
		if event[org] == event["架空県"] {
			t.Errorf("%s joined the event of 架空県", org)
		}
	}
	for _, in := range incs {
		if in.Organization == "架空都" && *in.AffectedCount != 37 || in.Organization == "架空県" && *in.AffectedCount != 96 {
			t.Errorf("%s carries count %d: another client's count", in.Organization, *in.AffectedCount)
		}
	}
	if Link(notices)[0].EventID != incs[0].EventID {
		t.Error("event ids differ between two runs")
	}
}

func TestSameCaseIDFollowUpWithoutOrganization(t *testing.T) {
	incs := Link([]*schemas.Notice{
		notice("a", "2023-500", "架空大学", "2023-05-01", "unauthorized_access", i32(1)),
		notice("b", "2023-500", "", "2023-05-20", "unauthorized_access", i32(2)),
		notice("c", "2023-500", "国立大学法人架空大学", "2023-06-20", "unauthorized_access", i32(3)),
	})
	if len(incs) != 1 || incs[0].Reports != 3 {
		t.Errorf("%d incidents: one case id, one organization (or none named) is one incident", len(incs))
	}
}

func TestEveryIncidentPlacedInTime(t *testing.T) {
	d := func(s string) schemas.Date { return schemas.MustDate(s) }
	tests := []struct {
		name    string
		n       *schemas.Notice
		quarter string
		year    int32
		datedBy string
	}{
		{"first report", &schemas.Notice{PublishedDate: d("2023-08-01"), DiscoveredDate: d("2023-06-20")}, "2023Q3", 2023, schemas.DatedByPublished},
		{"discovery", &schemas.Notice{DiscoveredDate: d("2023-06-20"), OccurredDate: d("2022-12-01")}, "2023Q2", 2023, schemas.DatedByDiscovered},
		{"occurrence", &schemas.Notice{OccurredDate: d("2022-12-01"), CaseID: "2023-100"}, "2022Q4", 2022, schemas.DatedByOccurred},
		{"case number's year only", &schemas.Notice{CaseID: "2023-437"}, "", 2023, schemas.DatedByCaseYear},
		{"nothing", &schemas.Notice{}, "", 0, schemas.DatedByUndated},
	}
	for _, tt := range tests {
		tt.n.IsIncident, tt.n.NoticeID, tt.n.Cause = true, "n", "loss"
		inc := Link([]*schemas.Notice{tt.n})[0]
		year := int32(0)
		if inc.Year != nil {
			year = *inc.Year
		}
		if inc.Quarter != tt.quarter || year != tt.year || inc.DatedBy != tt.datedBy {
			t.Errorf("%s: quarter %q year %d dated by %s; want %q %d %s", tt.name, inc.Quarter, year, inc.DatedBy, tt.quarter, tt.year, tt.datedBy)
		}
	}
}

// TestReportToRegulatorStartsAPPIClock: the report to the Commission, as
// the extractor labels it (rules/cases/timeline.tsv has the sentence), is
// what the APPI 速報 deadline is checked against; the police report is not.
func TestReportToRegulatorStartsAPPIClock(t *testing.T) {
	ev := func(kind, date, s string) schemas.Event {
		return schemas.Event{Kind: kind, Date: schemas.MustDate(date), Sentence: s}
	}
	n := &schemas.Notice{IsIncident: true, Cause: "unauthorized_access", DiscoveredDate: schemas.MustDate("2023-03-17"), Events: []schemas.Event{
		ev(schemas.EventReported, "2023-03-20", "弊社は、監督官庁である個人情報保護委員会には2023年3月20日に報告済みであり、また、所轄警察署にも2023年3月30日被害申告しております。"),
		ev(schemas.EventPolice, "2023-03-30", "また、所轄警察署にも3月30日被害申告しております。"),
		ev(schemas.EventPolice, "2023-04-02", "4月2日 県警に相談し、個人情報保護委員会にも連絡"),
	}, ReportedDate: schemas.MustDate("2023-03-20")}
	New().Notice(n)
	inc := Link([]*schemas.Notice{n})[0]
	if inc.PreliminaryMet == nil || !*inc.PreliminaryMet {
		t.Error("the APPI 速報 deadline met on day 3 is not seen")
	}
}
