package extract

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// The bounds that keep the scanners linear: each cuts only what no real
// notice holds.

// TestLongSentenceIsCut: a line of 2,500 runes with no 。 is three
// sentences of at most MaxSentenceRunes runes, which put back together
// are the line.
func TestLongSentenceIsCut(t *testing.T) {
	line := hostileRun("漢字ア1b", 2500)
	sents := text.SplitSentences("見出し\n" + line)
	var pieces []string
	for _, s := range sents[1:] {
		if n := utf8.RuneCountInString(s.Text); n > text.MaxSentenceRunes {
			t.Errorf("a sentence of %d runes", n)
		}
		if s.Line != 1 {
			t.Errorf("piece on line %d, want 1", s.Line)
		}
		pieces = append(pieces, s.Text)
	}
	if len(pieces) != 3 || strings.Join(pieces, "") != line {
		t.Errorf("%d pieces that do not make up the line", len(pieces))
	}
	short := "2023年6月5日、メールを誤送信しました。"
	if got := text.SplitSentences(short); len(got) != 1 || got[0].Text != short {
		t.Errorf("a short sentence was cut: %+v", got)
	}
}

// TestLongNameRunIsNoName: a header whose run of name characters is far
// longer than a name gives a name of at most maxNameRunes runes, or none;
// a real header still gives its name.
func TestLongNameRunIsNoName(t *testing.T) {
	for _, k := range hostileKinds {
		run := hostileRun(k.chars, 5000)
		if org := headerOrganization(run+" お知らせ", ""); utf8.RuneCountInString(org) > maxNameRunes {
			t.Errorf("%s: a name of %d runes", k.name, utf8.RuneCountInString(org))
		}
	}
	if org := headerOrganization("架空テック株式会社当社サーバへの不正アクセスについて", "架空テック"); org != "架空テック株式会社" {
		t.Errorf("headerOrganization = %q, want 架空テック株式会社", org)
	}
	if org := breadcrumbName(hostileRun("漢字", 200) + "トップ"); org != "" {
		t.Errorf("breadcrumbName(漢字…トップ) = %.20q…, want no name", org)
	}
	if org := breadcrumbName("1. 架空銀行トップ"); org != "架空銀行" {
		t.Errorf("breadcrumbName = %q, want 架空銀行", org)
	}
}

// TestNameCandidatesBounded: of a text naming more bodies than
// maxNameCandidates, the names past the bound are not counted, so the one
// named most often there does not win.
func TestNameCandidatesBounded(t *testing.T) {
	// The names stand in a long line under four others: no line is a
	// name alone, so the body named most often is the organization.
	top := "お知らせ\n本文です。\n記\n以上\n"
	var b strings.Builder
	b.WriteString(top)
	for i := range maxNameCandidates {
		fmt.Fprintf(&b, "株式会社架空%03d、", i)
	}
	b.WriteString("株式会社後方、株式会社後方、株式会社後方。")
	txt := b.String()
	org, _ := organization(nil, "", text.SplitSentences(txt), strings.Split(txt, "\n"))
	if org != "株式会社架空000" {
		t.Errorf("organization = %q, want the first name, 株式会社架空000", org)
	}
	txt = top + "株式会社前方、株式会社後方、株式会社後方、" + strings.Repeat("以下同じ", 20) + "。"
	org, _ = organization(nil, "", text.SplitSentences(txt), strings.Split(txt, "\n"))
	if org != "株式会社後方" {
		t.Errorf("organization = %q, want 株式会社後方 (named twice)", org)
	}
}
