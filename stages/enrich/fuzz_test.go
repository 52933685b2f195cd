package enrich

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzContractor: any text gives no panic, and a contractor found is a
// valid UTF-8 piece of the text (a branch office may be dropped from its
// end).
func FuzzContractor(f *testing.F) {
	for _, s := range []string{
		"印刷業務を委託している事業者(株式会社架空印刷広島支店)から報告がありました。",
		"再委託先である株式会社架空(以下「再委託先」)", "委託先 株式会社", "委託" + strings.Repeat("株式会社ア", 900), "委託\xff(株式会社\xfe)",
	} {
		f.Add(s)
	}
	f.Add("再委託先とある株式会社架空印刷の件")
	f.Add("委託先である当社、受託者である架空印刷株式会社が、委託業者とある")
	f.Fuzz(func(t *testing.T, text string) {
		checkContractor(t, text)
		c := Contractor(text)
		if c == "" {
			return
		}
		if !utf8.ValidString(c) && utf8.ValidString(text) || !strings.Contains(text, c) {
			t.Errorf("Contractor(%q) = %q: not a valid piece of the text", text, c)
		}
	})
}

// FuzzSupervisedBody: no panic; a body found is in the title or text and
// is never a regulator.
func FuzzSupervisedBody(f *testing.F) {
	f.Add("個人情報保護委員会", "架空株式会社による個人データの漏えい等事案に対する行政上の対応", "")
	f.Add("金融庁", "に対する業務改善命令", "\xff\xfe")
	f.Fuzz(func(t *testing.T, org, title, text string) {
		b := SupervisedBody(org, title, text)
		if b == "" {
			return
		}
		if !strings.Contains(title+"\n"+text, b) || isRegulator(OrgKey(b)) {
			t.Errorf("SupervisedBody(%q, %q, %q) = %q", org, title, text, b)
		}
	})
}
