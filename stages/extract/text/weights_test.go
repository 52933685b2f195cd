package text

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

func TestWeightsErrors(t *testing.T) {
	row := func(line int, f ...string) rules.Row { return rules.Row{File: "x/weights.tsv", Line: line, Fields: f} }
	names := []string{"a", "b"}
	for _, c := range []struct {
		rows []rules.Row
		want string
	}{
		{[]rules.Row{row(1, "c", "1", "m")}, `weights.tsv:1: weight "c" is not one of a, b`},
		{[]rules.Row{row(1, "a", "1", "m"), row(2, "a", "2", "m")}, `weights.tsv:2: weight "a" is written twice`},
		{[]rules.Row{row(1, "a", "-1", "m")}, `weights.tsv:1: a value "-1" is not a whole number`},
		{[]rules.Row{row(1, "a", "1.5", "m")}, `weights.tsv:1: a value "1.5" is not a whole number`},
		{[]rules.Row{row(1, "a", "1", "m")}, "x/weights.tsv: no weight b"},
	} {
		_, err := parseWeights(c.rows, names)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", err, c.want)
		}
	}
	w, err := parseWeights([]rules.Row{row(1, "b", "7", "m"), row(2, "a", "0", "m")}, names)
	if err != nil || w["a"] != 0 || w["b"] != 7 {
		t.Errorf("weights %v, %v", w, err)
	}
}
