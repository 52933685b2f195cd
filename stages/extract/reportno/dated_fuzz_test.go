package reportno

import (
	"strings"
	"testing"
)

// FuzzDatedCitations: any text is read without a panic, and no citation
// is counted without a quoted title of its own.
func FuzzDatedCitations(f *testing.F) {
	for _, s := range []string{
		"5月20日付「システム障害について」でご案内のとおり、",
		"2024年5月20日(月)付け「障害」にてご報告の通り",
		"厚生労働省の5月20日付「対策について」にてお知らせのとおり",
		"5月20日付「「」」にて公表いたしました", "付「", "5月",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n := datedCitations(s); n < 0 || n > strings.Count(s, "「") {
			t.Fatalf("datedCitations(%q) = %d, with %d quotes", s, n, strings.Count(s, "「"))
		}
	})
}
