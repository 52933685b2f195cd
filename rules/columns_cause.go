package rules

import (
	"fmt"
	"strconv"
)

// Number checks that field col (from 0), named column in the error, is a
// number that is not negative, and returns it: a weight or a threshold.
func (r Row) Number(col int, column string) (float64, error) {
	v, err := strconv.ParseFloat(r.Fields[col], 64)
	if err != nil || v < 0 || v != v {
		return 0, fmt.Errorf("rules: %s: %s %q is not a number of 0 or more", r.Pos(), column, r.Fields[col])
	}
	return v, nil
}
