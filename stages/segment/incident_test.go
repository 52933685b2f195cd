package segment

import (
	"strconv"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestIncidentRules: a malformed line of incident.tsv is an error naming
// the file and line, and the bundled file has every part.
func TestIncidentRules(t *testing.T) {
	row := func(line int, f ...string) rules.Row {
		return rules.Row{File: FileIncident, Line: line, Fields: f}
	}
	all := func(skip string) []rules.Row {
		var rows []rules.Row
		for i, p := range []string{"warning", "titled", "titled_line", "evidence", "own_evidence", "own", "conditional", "negated", "affirmed", "hypothetical", "loss", "cash", "media", "any_data", "personal", "whole", "no_data", "has_data", "outage", "keep", "security", "contact", "viewer", "astray", "disease", "unsent", "unsent_not_if", "misconduct", "content"} {
			if p != skip {
				rows = append(rows, row(i+1, p, "語"))
			}
		}
		return rows
	}
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{append(all(""), row(20, "warnings", "偽サイト")), `incident.tsv:20: part "warnings" is not one of`},
		{append(all(""), row(21, "warning", "偽サイト")), `incident.tsv:21: part "warning" is written twice`},
		{append(all("warning"), row(22, "warning", "偽サイト||詐欺")), `incident.tsv:22: an empty word`},
		{all("has_data"), `segment/incident.tsv: no has_data line`},
	} {
		_, err := parseIncidentRules(c.rows)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("parseIncidentRules = %v, want an error with %q", err, c.want)
		}
	}
	if _, err := parseIncidentRules(all("")); err != nil {
		t.Errorf("parseIncidentRules of every part: %v", err)
	}
}

// FuzzOwnIncident: any text gets a verdict without a panic, and the same
// one twice.
func FuzzOwnIncident(f *testing.F) {
	for _, s := range []string{
		"当行を装ったフィッシングメールにご注意ください。開くとウイルスに感染し、",
		"盗難被害が発生しました。\nなお、個人情報は含まれていません。",
		"流出した事実はございません、否定できません。",
		"、。\n", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		first, second := ownIncidentOf(s), ownIncidentOf(s)
		if first != second {
			t.Fatalf("ownIncident(%q) is not deterministic: %v then %v", s, first, second)
		}
	})
}

// BenchmarkOwnIncidentHostile feeds ownIncident one line of 10k, 100k and
// 1M characters that holds a warning word and an evidence word over and
// over, each denied, so that every match is read: the time per character
// must stay flat (issue 12: every scanner linear).
func BenchmarkOwnIncidentHostile(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		unit := "流出していない"
		line := "フィッシング" + strings.Repeat(unit, n/len([]rune(unit)))
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			b.SetBytes(int64(len(line)))
			for b.Loop() {
				if ownIncidentOf(line) {
					b.Fatal("a warning whose every leak is denied read as an incident")
				}
			}
		})
	}
}

// ownIncidentOf is ownIncident of text with its terms found, as IsNotice
// calls it.
func ownIncidentOf(text string) bool {
	found := classifierTerms.Present(text)
	return ownIncident(text, &found)
}
