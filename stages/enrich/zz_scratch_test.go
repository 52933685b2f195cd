package enrich

import (
	"os"
	"strings"
	"testing"
)

func TestZZScratch(t *testing.T) {
	for _, f := range strings.Fields(os.Getenv("ZZ_FILES")) {
		b, _ := os.ReadFile(f)
		var found textFound
		found.scan(string(b))
		words := textWords.Words()
		var hits []string
		for i := 0; i < nRuleWords; i++ {
			if found.count[i] > 0 {
				hits = append(hits, words[i]+"="+string(rune('0'+found.count[i])))
			}
		}
		l, r := NewSectors().SectorRoute("", string(b))
		t.Logf("%s: %s %s self=%d %v", f, l, r, found.self, hits)
	}
}
