package organization

import (
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The last routes as they were before the sentences' masks, the oracle
// of those that pass over a sentence by its mask: every sentence searched
// (serviceName's only where a quote or a parenthesis opens).

func quotedNameSimple(sents []text.Sentence) (string, string) {
	for _, s := range sents {
		if name := quotedNameIn(s.Text); name != "" {
			return name, s.Text
		}
	}
	return "", ""
}

func serviceNameSimple(sents []text.Sentence) (string, string) {
	for k, s := range sents {
		if !strings.ContainsAny(s.Text, "「(") {
			continue
		}
		if name := serviceNameIn(s.Text, k); name != "" {
			return name, s.Text
		}
	}
	return "", ""
}

func clientNameSimple(sents []text.Sentence) (string, string) {
	for _, s := range sents {
		if name := clientNameIn(s.Text); name != "" {
			return name, s.Text
		}
	}
	return "", ""
}

func unnamedBodySimple(header string, sents []text.Sentence) (string, string) {
	for _, s := range sents {
		if text.ContainsAny(s.Text, addressCues) || header != "" && strings.Contains(s.Text, header) {
			continue
		}
		if body := unnamedBodyIn(s.Text); body != "" {
			return body, s.Text
		}
	}
	return "", ""
}

func masksOf(sents []text.Sentence) []text.RuneMask {
	var out []text.RuneMask
	for _, s := range sents {
		out = append(out, text.MaskOf(s.Text))
	}
	return out
}

// routeCases name a body in each of the routes' ways, and in none.
var routeCases = []string{
	"「大戸まちづくり協議会」の会員名簿を紛失しました。", "「カミ商店」サイトにて不正アクセスが発生しました。",
	"弊社ウェブサイト(Kami Shop)において", "「ラフィネル」において個人情報が漏えいしました。",
	"当社が青葉区より受託している事業において", "県教育委員会は、", "〒100-0001 県教育委員会", "青葉県教育委員会は",
	"令和5年1月1日、当社において不正アクセスが発生し、お客様10名の個人情報が漏えいした可能性があります。", "", "「", "(「」)",
}

// TestRoutesAsSimple: the routes that read the sentences' masks give what
// they give searching every sentence, on the cases and the oracle texts.
func TestRoutesAsSimple(t *testing.T) {
	for _, s := range append(append([]string(nil), routeCases...), extracttest.OracleTexts(t)...) {
		checkRoutes(t, s)
	}
}

func FuzzRoutes(f *testing.F) {
	for _, s := range routeCases {
		f.Add(s)
	}
	f.Fuzz(checkRoutes)
}

func checkRoutes(t *testing.T, s string) {
	sents := text.SplitSentences(s)
	masks := masksOf(sents)
	header := ""
	if len(sents) > 0 {
		header = sents[0].Text // a header the text holds: its sentence is passed over
	}
	type result struct{ org, ev string }
	of := func(org, ev string) result { return result{org, ev} }
	for _, c := range []struct {
		name      string
		got, want result
	}{
		{"quotedName", of(quotedName(sents, masks)), of(quotedNameSimple(sents))},
		{"serviceName", of(serviceName(sents, masks)), of(serviceNameSimple(sents))},
		{"clientName", of(clientName(sents, masks)), of(clientNameSimple(sents))},
		{"unnamedBody", of(unnamedBody("", sents, masks)), of(unnamedBodySimple("", sents))},
		{"unnamedBody under a header", of(unnamedBody(header, sents, masks)), of(unnamedBodySimple(header, sents))},
	} {
		if c.got != c.want {
			t.Fatalf("%s of %q = %q; searching every sentence, %q", c.name, s, c.got, c.want)
		}
	}
}
