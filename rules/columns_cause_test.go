package rules

import (
	"strings"
	"testing"
)

func TestRowNumber(t *testing.T) {
	r := Row{File: "cause/cues.tsv", Line: 7, Fields: []string{"誤送信", "misdelivery", "4"}}
	if v, err := r.Number(2, "weight"); err != nil || v != 4 {
		t.Errorf("Number = %v, %v; want 4", v, err)
	}
	for _, bad := range []string{"four", "-1", "NaN", "1,5"} {
		r.Fields[2] = bad
		_, err := r.Number(2, "weight")
		if err == nil || !strings.Contains(err.Error(), "cause/cues.tsv:7: weight") {
			t.Errorf("Number(%q): error %v, want one naming cause/cues.tsv:7 and weight", bad, err)
		}
	}
}
