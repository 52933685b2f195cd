package rules

import (
	"fmt"
	"strconv"
)

// Flag reads field i of the row, named column in errors, as yes or no.
func (r Row) Flag(i int, column string) (bool, error) {
	switch v := r.Fields[i]; v {
	case "yes":
		return true, nil
	case "no":
		return false, nil
	default:
		return false, fmt.Errorf("rules: %s: %s %q is not yes or no", r.Pos(), column, v)
	}
}

// IntField reads field i of the row, named column in errors, as a whole
// number.
func (r Row) IntField(i int, column string) (int, error) {
	n, err := strconv.Atoi(r.Fields[i])
	if err != nil {
		return 0, fmt.Errorf("rules: %s: %s %q is not a whole number", r.Pos(), column, r.Fields[i])
	}
	return n, nil
}

// Kind reads field i of the row, named column in errors, as one of
// allowed.
func (r Row) Kind(i int, column string, allowed ...string) (string, error) {
	v := r.Fields[i]
	return v, oneOf(r, column, v, allowed...)
}
