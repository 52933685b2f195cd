package rules

import "fmt"

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
