package rules

import (
	"strings"
	"testing"
)

func TestRowFlag(t *testing.T) {
	r := Row{File: "organization/x.tsv", Line: 7, Fields: []string{"yes", "no", "maybe"}}
	if v, err := r.Flag(0, "header"); err != nil || !v {
		t.Errorf("Flag(yes) = %v, %v", v, err)
	}
	if v, err := r.Flag(1, "header"); err != nil || v {
		t.Errorf("Flag(no) = %v, %v", v, err)
	}
	if _, err := r.Flag(2, "header"); err == nil || !strings.Contains(err.Error(), `organization/x.tsv:7: header "maybe" is not yes or no`) {
		t.Errorf("Flag(maybe) error %v", err)
	}
}
