package timeline

import (
	"strings"
	"testing"
)

// TestLongQuoteWeight: a quotation as long as long_quote_runes is cut
// out before a clause's kind is read, a shorter one is not.
func TestLongQuoteWeight(t *testing.T) {
	n := timelineWeights["long_quote_runes"]
	long := "「" + strings.Repeat("漏", n) + "」"
	short := "「" + strings.Repeat("漏", n-1) + "」"
	if got := withoutLongQuotes(long); got != "「」" {
		t.Errorf("a quotation of %d runes is kept: %q", n, got)
	}
	if got := withoutLongQuotes(short); got != short {
		t.Errorf("a quotation of %d runes is cut: %q", n-1, got)
	}
}
