package text

import (
	"regexp"
	"testing"
)

// TestClassRunes checks that the runes of a class match themselves and
// nothing between them: - is no range, ] ends no class, ^ negates none.
func TestClassRunes(t *testing.T) {
	marks := []string{"●", "-", "○", "]", "^", "\\", "["}
	re := regexp.MustCompile(`^[` + ClassRunes(marks) + `]$`)
	for _, m := range marks {
		if !re.MatchString(m) {
			t.Errorf("class of %q does not match %q", marks, m)
		}
	}
	// ◎ (U+25CE) lies between ○ (U+25CB) and ● (U+25CF): it would match
	// if - made a range of the runes beside it.
	for _, s := range []string{"◎", "◆", "a", ""} {
		if re.MatchString(s) {
			t.Errorf("class of %q matches %q", marks, s)
		}
	}
	if got := RuneClass([]string{"市", "町"}); got != "[市町]" {
		t.Errorf("RuneClass = %q", got)
	}
}
