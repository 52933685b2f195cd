package title

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/rules"
)

// TestChromeRules checks that the bundled file was read into every kind.
func TestChromeRules(t *testing.T) {
	if len(chrome.line) == 0 || len(chrome.prefix) == 0 || len(chrome.suffix) == 0 || len(chrome.contains) == 0 ||
		len(chrome.dateLabels) == 0 || len(chrome.site) == 0 || len(cues) == 0 {
		t.Errorf("a part of %s or %s is empty: %+v, %d cues", FileChrome, FileCues, chrome, len(cues))
	}
}

// TestParseChromeErrors: a bad match or kind is an error naming the file
// and the line.
func TestParseChromeErrors(t *testing.T) {
	for _, c := range []struct {
		fields []string
		want   string
	}{
		{[]string{"本文", "whole", "skip"}, `page_chrome.tsv:7: match "whole"`},
		{[]string{"本文", "line", "menu"}, `page_chrome.tsv:7: kind "menu"`},
		{[]string{"更新日", "prefix", "date"}, `page_chrome.tsv:7: a date label matches line or suffix`},
		{[]string{"ホームページ", "line", "site"}, `page_chrome.tsv:7: a site word matches suffix`},
	} {
		_, err := parseChrome([]rules.Row{{File: FileChrome, Line: 7, Fields: c.fields}})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want one holding %q", c.fields, err, c.want)
		}
	}
}
