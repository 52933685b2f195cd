package rules

import (
	"strings"
	"testing"
)

func TestRowColumns(t *testing.T) {
	r := Row{File: "organization/x.tsv", Line: 7, Fields: []string{"yes", "no", "maybe", "12", "-3", "1.5", "home"}}
	if v, err := r.Flag(0, "header"); err != nil || !v {
		t.Errorf("Flag(yes) = %v, %v", v, err)
	}
	if v, err := r.Flag(1, "header"); err != nil || v {
		t.Errorf("Flag(no) = %v, %v", v, err)
	}
	if _, err := r.Flag(2, "header"); err == nil || !strings.Contains(err.Error(), `organization/x.tsv:7: header "maybe" is not yes or no`) {
		t.Errorf("Flag(maybe) error %v", err)
	}
	if n, err := r.IntField(3, "value"); err != nil || n != 12 {
		t.Errorf("IntField(12) = %v, %v", n, err)
	}
	if n, err := r.IntField(4, "value"); err != nil || n != -3 {
		t.Errorf("IntField(-3) = %v, %v", n, err)
	}
	if _, err := r.IntField(5, "value"); err == nil || !strings.Contains(err.Error(), `organization/x.tsv:7: value "1.5" is not a whole number`) {
		t.Errorf("IntField(1.5) error %v", err)
	}
	if k, err := r.Kind(6, "kind", "home", "site"); err != nil || k != "home" {
		t.Errorf("Kind(home) = %v, %v", k, err)
	}
	if _, err := r.Kind(6, "kind", "site"); err == nil || !strings.Contains(err.Error(), `organization/x.tsv:7: kind "home" is not one of site`) {
		t.Errorf("Kind error %v", err)
	}
}
