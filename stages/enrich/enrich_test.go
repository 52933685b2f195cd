package enrich

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

func TestEnrichNotice(t *testing.T) {
	e := New()
	n := &schemas.Notice{IsIncident: true, Organization: "北海道大学病院", Cause: "loss",
		PublishedDate: schemas.MustDate("2023-07-24"), DiscoveredDate: schemas.MustDate("2023-07-03")}
	e.Notice(n)
	if n.VerisAction != "error" || n.TSRCategory != "紛失・誤廃棄" || n.Sector != "P" || *n.DisclosureDelayDays != 21 {
		t.Errorf("enriched: %s %s %s %v", n.VerisAction, n.TSRCategory, n.Sector, n.DisclosureDelayDays)
	}
	empty := &schemas.Notice{IsIncident: true}
	e.Notice(empty)
	if empty.Cause != "unknown" || empty.VerisAction != "unknown" || empty.DisclosureDelayDays != nil {
		t.Errorf("a notice with no fields: cause %q veris %q", empty.Cause, empty.VerisAction)
	}
	post := &schemas.Notice{Organization: "北海道大学病院"}
	e.Notice(post)
	if post.Sector != "" || post.Cause != "" {
		t.Error("a non-notice post got enriched")
	}
}

func TestSectorRoute(t *testing.T) {
	s := NewSectors()
	for _, tt := range []struct{ org, text, letter, route string }{
		{"○○県", "", "S", RouteNameRule},
		{"", "市職員が誤って送信しました。本市として再発防止に努めます。", "S", RouteTextRule},
		{"株式会社架空", "", "", ""},
	} {
		if l, r := s.SectorRoute(tt.org, tt.text); l != tt.letter || r != tt.route {
			t.Errorf("SectorRoute(%q) = %q %q, want %q %q", tt.org, l, r, tt.letter, tt.route)
		}
	}
	if err := s.Load(strings.NewReader("株式会社架空,E\n"), "t.csv"); err != nil {
		t.Fatal(err)
	}
	if l, r := s.SectorRoute("株式会社架空", ""); l != "E" || r != RouteKnownTable {
		t.Errorf("known: %q %q", l, r)
	}
	n := &schemas.Notice{IsIncident: true, Organization: "○○県"}
	New().Notice(n)
	if n.FieldSources["sector"] != RouteNameRule || n.FieldSources["cause"] != "default:unknown" {
		t.Errorf("Enricher.Notice sources = %v", n.FieldSources)
	}
}

// TestEnrichNoticeBody: the sector is read in the notice's body, not in
// the page's menus around it: a city site's menu above a hospital's
// notice (市政情報, 市民の皆様へ) made the notice the city's.
func TestEnrichNoticeBody(t *testing.T) {
	body := "当院の医師が患者さんの個人情報を含むUSBメモリを紛失しました。患者さんにお詫び申し上げます。"
	page := "市政情報\n市民の皆様へ\n市民生活・手続き\n市職員採用\n" + body
	whole := &schemas.Notice{IsIncident: true, Text: page}
	New().Notice(whole)
	n := &schemas.Notice{IsIncident: true, Text: page}
	New().NoticeBody(n, body)
	if n.Sector != "P" || whole.Sector == "P" {
		t.Errorf("sector of the body %q, of the whole page %q: want P from the body alone, another from the page", n.Sector, whole.Sector)
	}
}
