package link

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/enrich"
)

func TestLinkByOrganizationKeyKeepsDisplayName(t *testing.T) {
	a := notice("a", "", "北海道大学病院", "2024-01-10", "loss", nil)
	b := notice("b", "", "北海道大病院", "2024-02-01", "loss", i32(2))
	incs := Link([]*schemas.Notice{a, b})
	if len(incs) != 1 {
		t.Fatalf("%d incidents, want one: the two names are one hospital", len(incs))
	}
	if incs[0].Organization != "北海道大学病院" || incs[0].OrganizationKey != enrich.OrgKey("北海道大病院") {
		t.Errorf("organization %q key %q: the display name is the notice's, the key the shared one", incs[0].Organization, incs[0].OrganizationKey)
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
	enrich.New().Notice(n)
	inc := Link([]*schemas.Notice{n})[0]
	if inc.PreliminaryMet == nil || !*inc.PreliminaryMet {
		t.Error("the APPI 速報 deadline met on day 3 is not seen")
	}
}
