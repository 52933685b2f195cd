package provenance

import (
	"testing"

	"github.com/breachtrend/breachtrend/schemas"
)

func TestRecord(t *testing.T) {
	day := schemas.MustDate("2023-07-07")
	count := int64(12)
	base := func() *schemas.Notice {
		return &schemas.Notice{IsIncident: true, Organization: "日本コンクリート工業株式会社", PublishedDate: day,
			DiscoveredDate: schemas.MustDate("2023-07-01"), OccurredDate: schemas.MustDate("2023-06-30"),
			AffectedCount: &count, Cause: "ransomware", DataTypes: []string{"name"},
			FieldSources: map[string]string{"sector": "name_rule"},
			Events: []schemas.Event{
				{Kind: schemas.EventOccurred, Date: schemas.MustDate("2023-06-30"), Sentence: "6月30日に感染しました。"},
				{Kind: schemas.EventPublished, Date: day, Sentence: "2023年7月7日"},
			}}
	}
	tests := []struct {
		name   string
		origin Origin
		want   map[string]string
	}{
		{"blog header", Origin{HeaderRest: "日本コンクリート工業株式会社 ランサムウェア被害の調査結果について 2023 年 7 月 7 日"},
			map[string]string{"organization": "header", "published_date": "header"}},
		{"header in the era", Origin{HeaderRest: "お知らせ 令和5年7月7日"},
			map[string]string{"organization": "rule:organization", "published_date": "header"}},
		{"json lines", Origin{Published: "2023-07-07"},
			map[string]string{"organization": "rule:organization", "published_date": "loader:jsonl"}},
		{"own page", Origin{},
			map[string]string{"organization": "rule:organization", "published_date": "rule:published_date"}},
	}
	for _, tt := range tests {
		n := base()
		if tt.name == "blog header" {
			n.OrganizationEvidence = tt.origin.HeaderRest
		}
		Record(n, tt.origin)
		for f, want := range tt.want {
			if got := n.FieldSources[f]; got != want {
				t.Errorf("%s: %s from %q, want %q", tt.name, f, got, want)
			}
		}
		common := map[string]string{"sector": "name_rule", "discovered_date": "rule:same_day_response",
			"occurred_date": "rule:timeline", "affected_count": "rule:count", "cause": "rule:cause",
			"data_types": "rule:data_types", "is_incident": "rule:is_notice"}
		for f, want := range common {
			if got := n.FieldSources[f]; got != want {
				t.Errorf("%s: %s from %q, want %q", tt.name, f, got, want)
			}
		}
		if _, ok := n.FieldSources["reported_date"]; ok {
			t.Errorf("%s: a source for a field with no value", tt.name)
		}
		if n.OccurredEvidence != "6月30日に感染しました。" {
			t.Errorf("%s: occurred evidence %q", tt.name, n.OccurredEvidence)
		}
		if own := tt.origin == (Origin{}); own != (n.PublishedEvidence != "") {
			t.Errorf("%s: published evidence %q", tt.name, n.PublishedEvidence)
		}
	}
}

func TestUnknownCauseWithoutSentenceIsADefault(t *testing.T) {
	n := &schemas.Notice{IsIncident: true, Cause: "unknown"}
	Record(n, Origin{})
	m := &schemas.Notice{IsIncident: true, Cause: "unknown", CauseEvidence: "原因は調査中です。"}
	Record(m, Origin{})
	if n.FieldSources["cause"] != "default:unknown" || m.FieldSources["cause"] != "rule:cause" {
		t.Errorf("sources %q %q", n.FieldSources["cause"], m.FieldSources["cause"])
	}
}

func TestStatesDay(t *testing.T) {
	d := schemas.MustDate("2023-07-10")
	for s, want := range map[string]bool{"2023年07月10日": true, "２０２３年７月１０日": true, "2023/7/1": false,
		"第2報 7月10日": false, "令和5年7月10日": true, "": false} {
		if got := statesDay(s, d); got != want {
			t.Errorf("statesDay(%q) = %v", s, got)
		}
	}
}
