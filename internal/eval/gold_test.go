package eval

import (
	"strings"
	"testing"
)

func TestReadGoldFixture(t *testing.T) {
	g := readGoldFile(t, fixture("gold.jsonl"))
	if len(g) != 5 {
		t.Fatalf("got %d records, want 5", len(g))
	}
	lines := []int{1, 2, 4, 5, 6} // line 3 is blank
	for i, want := range lines {
		if g[i].Line != want {
			t.Errorf("record %d: line %d, want %d", i, g[i].Line, want)
		}
	}
	r := g[0]
	if r.Source != "a.txt" || !r.IsIncident || *r.CaseID[0] != "2023-100" ||
		r.ReportSeq[0] != nil || *r.ReportSeq[1] != 1 || r.FinalReport[0] ||
		*r.AffectedCount[0] != 1200 || len(r.DataTypes) != 3 || r.Notes == "" {
		t.Errorf("record 0 decoded wrong: %+v", r)
	}
	if g[1].IsIncident || g[1].CaseID != nil {
		t.Errorf("non-incident record decoded wrong: %+v", g[1])
	}
	if !g[3].FinalReport[0] || g[3].DataTypes == nil || len(g[3].DataTypes) != 0 {
		t.Errorf("record 3 decoded wrong: %+v", g[3])
	}
}

func TestReadGoldErrors(t *testing.T) {
	const ok = `{"source": "a.txt", "snippet": "本文", "is_incident": false}`
	full := `"case_id": [null], "report_seq": [null], "final_report": [false], "organization": ["X"], ` +
		`"published_date": [null], "discovered_date": [null], "occurred_date": [null], "affected_count": [null], ` +
		`"cause": ["unknown"], "sector": [null], "data_types": []`
	inc := func(extra string) string {
		return `{"source": "a.txt", "snippet": "本文", "is_incident": true, ` + extra + `}`
	}
	tests := []struct {
		name, input, want string
	}{
		{"bad json", ok + "\n{", "gold line 2:"},
		{"unknown key", ok + "\n\n" + `{"source": "a.txt", "snippet": "x", "is_incident": false, "sectr": []}`, `gold line 3: unknown key "sectr"`},
		{"missing snippet", `{"source": "a.txt", "is_incident": true}`, "gold line 1: snippet: missing"},
		{"snippet without letters", `{"source": "a.txt", "snippet": "、。 ", "is_incident": false}`, "gold line 1: snippet: no letters or digits"},
		{"missing is_incident", `{"source": "a.txt", "snippet": "x"}`, "gold line 1: is_incident: missing"},
		{"incident missing field", inc(strings.Replace(full, `"cause": ["unknown"], `, "", 1)), "gold line 1: cause: missing"},
		{"incident missing data_types", inc(strings.Replace(full, `, "data_types": []`, "", 1)), "gold line 1: data_types: missing"},
		{"empty list", inc(strings.Replace(full, `"sector": [null]`, `"sector": []`, 1)), "gold line 1: sector: empty list"},
		{"not a list", inc(strings.Replace(full, `"sector": [null]`, `"sector": "G"`, 1)), "gold line 1: sector: want a list"},
		{"bad date", inc(strings.Replace(full, `"published_date": [null]`, `"published_date": ["2023/07/01"]`, 1)), `gold line 1: published_date: "2023/07/01" is not a date`},
		{"fraction", inc(strings.Replace(full, `"affected_count": [null]`, `"affected_count": [1.5]`, 1)), "gold line 1: affected_count: 1.5 is not an integer"},
		{"null final_report", inc(strings.Replace(full, `"final_report": [false]`, `"final_report": [null]`, 1)), "gold line 1: final_report: want a list of booleans"},
		{"null data type", inc(strings.Replace(full, `"data_types": []`, `"data_types": [null]`, 1)), "gold line 1: data_types: null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadGold(strings.NewReader(tt.input))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	// The same complete record is fine, and whole-number floats are integers.
	g, err := ReadGold(strings.NewReader(inc(strings.Replace(full, `"affected_count": [null]`, `"affected_count": [250000.0, null]`, 1)) + "\r\n"))
	if err != nil || len(g) != 1 || *g[0].AffectedCount[0] != 250000 || g[0].AffectedCount[1] != nil {
		t.Fatalf("complete record: %v %+v", err, g)
	}
}

// TestReadGoldLive reads the project's gold files, so a malformed label
// is caught here first.
func TestReadGoldLive(t *testing.T) {
	for name, g := range goldSets(t) {
		if len(g) == 0 {
			t.Errorf("%s: no records", name)
		}
	}
}
