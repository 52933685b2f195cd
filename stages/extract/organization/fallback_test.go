package organization

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The last routes as they were before the sentences' masks, the oracle
// of those that pass over a sentence by its mask: every sentence searched.

func quotedNameSimple(sents []text.Sentence) (string, string) {
	for _, s := range sents {
		for at := 0; ; {
			i := text.IndexWord(s.Text[at:], "「")
			if i < 0 {
				break
			}
			at += i + len("「")
			j := text.IndexWord(s.Text[at:], "」")
			if j < 0 {
				break
			}
			name := s.Text[at : at+j]
			if name == "" || text.RuneCountTo(name, nameLineMaxRunes+1) > nameLineMaxRunes || strings.IndexFunc(name, notQuotedNameRune) >= 0 ||
				strings.ContainsAny(name, "0123456789") || !nameLike(name) || startsWithLegalForm(name) || endsInLegalForm(name) {
				continue
			}
			if suf := longestSuffix(name, lineSuffixes); suf != "" && text.SpansOf(name).SuffixOnBoundary(len(name), len(suf)) {
				return name, s.Text
			}
		}
	}
	return "", ""
}

func serviceNameSimple(sents []text.Sentence) (string, string) {
	for k, s := range sents {
		if !strings.ContainsAny(s.Text, "「(") {
			continue
		}
		for _, re := range []*regexp.Regexp{quotedServiceRE, ownServiceRE} {
			for _, m := range re.FindAllStringSubmatch(s.Text, -1) {
				if name := serviceNameOK(m[1]); name != "" {
					return name, s.Text
				}
			}
		}
		if k >= subjectSentences {
			continue
		}
		if m := quotedSubjectRE.FindStringSubmatch(dropOpeners(s.Text)); m != nil {
			if name := serviceNameOK(m[1]); name != "" {
				return name, s.Text
			}
		}
	}
	return "", ""
}

func clientNameSimple(sents []text.Sentence) (string, string) {
	for _, s := range sents {
		for _, cue := range clientCues {
			for at := 0; ; {
				i := text.IndexWord(s.Text[at:], cue)
				if i < 0 {
					break
				}
				i += at
				at = i + len(cue)
				run := trailingRun(s.Text[:i])
				if run == "" || isGeneric(run) || isOutside(run) {
					continue
				}
				if localGovernments()[run] {
					return run, s.Text
				}
				if org := wholeName(run); org == run {
					return org, s.Text
				}
			}
		}
	}
	return "", ""
}

func unnamedBodySimple(header string, sents []text.Sentence) (string, string) {
	for _, s := range sents {
		if text.ContainsAny(s.Text, addressCues) || header != "" && strings.Contains(s.Text, header) {
			continue
		}
		best, at := "", len(s.Text)
		for _, w := range unnamedBodies {
			for from := 0; from < at; {
				i := strings.Index(s.Text[from:], w)
				if i < 0 {
					break
				}
				i += from
				if prev, _ := utf8.DecodeLastRuneInString(s.Text[:i]); i == 0 || !isNameRune(prev) {
					if i < at {
						best, at = w, i
					}
					break
				}
				from = i + len(w)
			}
		}
		if best != "" {
			return best, s.Text
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
