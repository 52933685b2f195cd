package text

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/breachtrend/breachtrend/rules"
)

// Weights reads a weights.tsv: name, value, meaning. Every one of names
// must be written once, as a whole number from 0, and no other; it panics
// naming the file and line otherwise (TestBundledWeights reads them all).
func Weights(path string, names ...string) map[string]int {
	w, err := parseWeights(rules.Table(path, 3), names)
	if err != nil {
		panic(err)
	}
	return w
}

func parseWeights(rows []rules.Row, names []string) (map[string]int, error) {
	out := map[string]int{}
	for _, r := range rows {
		name := r.Fields[0]
		if !IsOneOf(name, names) {
			return nil, fmt.Errorf("extract: %s: weight %q is not one of %s", r.Pos(), name, strings.Join(names, ", "))
		}
		if _, dup := out[name]; dup {
			return nil, fmt.Errorf("extract: %s: weight %q is written twice", r.Pos(), name)
		}
		v, err := strconv.Atoi(r.Fields[1])
		if err != nil || v < 0 {
			return nil, fmt.Errorf("extract: %s: %s value %q is not a whole number from 0", r.Pos(), name, r.Fields[1])
		}
		out[name] = v
	}
	for _, name := range names {
		if _, ok := out[name]; !ok {
			return nil, fmt.Errorf("extract: %s: no weight %s", rows[0].File, name)
		}
	}
	return out, nil
}
