package timeline

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// TestKindRulesFile: the kinds file reads as the rules it writes, @police
// standing for the police words.
func TestKindRulesFile(t *testing.T) {
	if len(kindRules) < 8 || kindRules[0].kind != "reported" {
		t.Fatalf("kind rules: %d, the first %q", len(kindRules), kindRules[0].kind)
	}
	police := rules.Words("timeline/police.tsv")
	found := false
	for _, r := range kindRules {
		if r.kind == "police" {
			found = true
			if got := r.groups[0].Words; strings.Join(got, "|") != strings.Join(police, "|") {
				t.Errorf("police rule's first need = %q, want the words of police.tsv %q", got, police)
			}
		}
	}
	if !found {
		t.Error("no police rule")
	}
}

func TestKindRulesErrors(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "timeline/k.tsv", Line: line, Fields: f} }
	words := func(string) []string { return []string{"警察"} }
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(1, "x", "police", "need", "a")}, `k.tsv:1: rule "x" is not a number`},
		{[]rules.Row{row(1, "2", "police", "need", "a")}, "k.tsv:1: rule 2 after rule 0"},
		{[]rules.Row{row(1, "1", "polise", "need", "a")}, `k.tsv:1: kind "polise" is not one of`},
		{[]rules.Row{row(1, "1", "police", "need", "a"), row(2, "1", "reported", "need", "b")}, `k.tsv:2: kind "reported", but rule 1 gives "police"`},
		{[]rules.Row{row(1, "1", "police", "must", "a")}, `k.tsv:1: test "must" is not one of need, unless`},
		{[]rules.Row{row(1, "1", "police", "need", "a||b")}, "k.tsv:1: an empty word"},
		{[]rules.Row{row(1, "1", "police", "unless", "a")}, "rule 1 has no need line"},
		{[]rules.Row{row(1, "1", "police", "need", "a"), row(2, "1", "police", "unless", "b"), row(3, "1", "police", "unless", "c")}, "k.tsv:3: rule 1 has two unless lines"},
	} {
		_, err := parseKindRules(c.rows, words)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
	rs, err := parseKindRules([]rules.Row{row(1, "1", "police", "need", "@police"), row(2, "1", "police", "need", "に相談|捜査")}, words)
	if err != nil || len(rs) != 1 || rs[0].groups[0].Words[0] != "警察" || len(rs[0].groups[1].Words) != 2 {
		t.Errorf("rules %+v, %v", rs, err)
	}
	// @ and a path names a list of another folder, whole.
	read := ""
	byPath := func(p string) []string { read = p; return []string{"漏えい", "流出"} }
	rs, err = parseKindRules([]rules.Row{row(1, "1", "occurred", "need", "紛失|@text/leak_words.tsv")}, byPath)
	if err != nil || read != "text/leak_words.tsv" || len(rs) != 1 || strings.Join(rs[0].groups[0].Words, "|") != "紛失|漏えい|流出" {
		t.Errorf("@text/leak_words.tsv: read %q, rules %+v, %v", read, rs, err)
	}
}

func TestIncomingErrors(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "timeline/i.tsv", Line: line, Fields: f} }
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(1, "toll", "報告")}, `i.tsv:1: part "toll" is not one of`},
		{[]rules.Row{row(1, "told", "報告"), row(2, "told", "連絡")}, `i.tsv:2: part "told" is written twice`},
		{[]rules.Row{row(1, "told", "報告||連絡")}, "i.tsv:1: an empty word"},
		{[]rules.Row{row(1, "told", "報告")}, "i.tsv: no ending line"},
	} {
		_, _, err := parseIncoming(c.rows)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// TestDaysLater: 翌日 (days 1 in same_day.tsv) moves a dateless event a
// day on; 同日 keeps the day.
func TestDaysLater(t *testing.T) {
	if got := daysLater("翌日、異常を検知した。"); got != 1 {
		t.Errorf("daysLater(翌日) = %d, want 1", got)
	}
	if got := daysLater("同日、異常を検知した。"); got != 0 {
		t.Errorf("daysLater(同日) = %d, want 0", got)
	}
}

// matches reports whether the rule holds for clause, whose rune mask is
// m, reading its lists one at a time: the oracle of holds over the one
// scan of kindLists.
func (r kindRule) matches(clause string, m text.RuneMask) bool {
	for _, g := range r.groups {
		if !g.InMask(clause, m) {
			return false
		}
	}
	return !r.unlessWords.InMask(clause, m)
}

// kindOfByMasks is kindOf as the rules read a clause one list at a time
// (kindRule.matches): the oracle of the one scan of kindLists.
func kindOfByMasks(clause string) string {
	m := text.MaskOf(clause)
	for _, r := range kindRules {
		if r.matches(clause, m) {
			return r.kind
		}
	}
	return schemas.EventOther
}

// TestKindOfAsMasks: kindOf gives the kind the rules give read list by
// list, and each rule holds where it matches so, on every sentence of the sample corpus and on random strings of
// the rules' own words, where need and unless words meet.
func TestKindOfAsMasks(t *testing.T) {
	check := func(s string) {
		t.Helper()
		if got, want := kindOf(s), kindOfByMasks(s); got != want {
			t.Fatalf("kindOf(%q) = %s, want %s", s, got, want)
		}
		// Each rule alone too (classifyOccurred asks one).
		found, m := kindLists.In(s), text.MaskOf(s)
		for i, r := range kindRules {
			if got, want := r.holds(found), r.matches(s, m); got != want {
				t.Fatalf("rule %d (%s) on %q: holds %v, matches %v", i, r.kind, s, got, want)
			}
		}
	}
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		check(s.Text)
	}
	pieces := []string{"、", "。", "あ", "日", "\xe3"}
	for _, r := range kindRules {
		for _, g := range r.groups {
			pieces = append(pieces, g.Words...)
		}
		pieces = append(pieces, r.unlessWords.Words...)
	}
	for s := range extracttest.RandomStrings(5, 6, pieces, 5) {
		check(s)
	}
}
