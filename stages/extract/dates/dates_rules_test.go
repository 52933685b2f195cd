package dates

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

func TestErasErrors(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "dates/e.tsv", Line: line, Fields: f} }
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(1, "令和", "kanji", "x")}, `e.tsv:1: base "x" is not a year`},
		{[]rules.Row{row(1, "令和", "kanji", "2018"), row(2, "令和", "kanji", "2018")}, `e.tsv:2: era "令和" is written twice`},
		{[]rules.Row{row(1, "r", "letter", "2018")}, `e.tsv:1: letter "r" is not one of A-Z`},
		{[]rules.Row{row(1, "令和", "kana", "2018")}, `e.tsv:1: form "kana" is not one of kanji, letter`},
		{[]rules.Row{row(1, "令和", "kanji", "2018")}, "want kanji and letter eras"},
	} {
		_, _, _, err := parseEras(c.rows)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
}

// TestErasFromFile: the scanners' quick checks follow the era file.
func TestErasFromFile(t *testing.T) {
	if eras["令和"] != 2018 || eras["H"] != 1988 {
		t.Errorf("eras = %v", eras)
	}
	for _, e := range kanjiEras {
		if eraPrefix(e+"5年") != e {
			t.Errorf("eraPrefix(%s5年) = %q", e, eraPrefix(e+"5年"))
		}
	}
	if !eraLetterByte['R'] || eraLetterByte['X'] {
		t.Error("era letters are not R, H, S")
	}
}
