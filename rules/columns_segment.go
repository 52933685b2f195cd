package rules

import (
	"fmt"
	"strconv"
)

// Number is the value of name, a number of 0 or more: a weight or a
// threshold that need not be whole.
func (s Settings) Number(name string) float64 {
	r := s.row(name)
	v, err := strconv.ParseFloat(r.Fields[1], 64)
	if err != nil || v < 0 || v != v {
		panic(fmt.Errorf("rules: %s: %s %q is not a number of 0 or more", r.Pos(), name, r.Fields[1]))
	}
	return v
}
