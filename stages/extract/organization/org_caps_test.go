package organization

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// TestLongNameRunIsNoName: a header whose run of name characters is far
// longer than a name gives a name of at most MaxNameRunes runes, or none;
// a real header still gives its name.
func TestLongNameRunIsNoName(t *testing.T) {
	for _, k := range extracttest.HostileKinds {
		run := extracttest.HostileRun(k.Chars, 5000)
		if org := headerOrganization(run+" お知らせ", ""); utf8.RuneCountInString(org) > MaxNameRunes {
			t.Errorf("%s: a name of %d runes", k.Name, utf8.RuneCountInString(org))
		}
	}
	if org := headerOrganization("架空テック株式会社当社サーバへの不正アクセスについて", "架空テック"); org != "架空テック株式会社" {
		t.Errorf("headerOrganization = %q, want 架空テック株式会社", org)
	}
	if org := breadcrumbName(extracttest.HostileRun("漢字", 200) + "トップ"); org != "" {
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
	org, _ := Find(nil, "", text.SplitSentences(txt), strings.Split(txt, "\n"))
	if org != "株式会社架空000" {
		t.Errorf("organization = %q, want the first name, 株式会社架空000", org)
	}
	txt = top + "株式会社前方、株式会社後方、株式会社後方、" + strings.Repeat("以下同じ", 20) + "。"
	org, _ = Find(nil, "", text.SplitSentences(txt), strings.Split(txt, "\n"))
	if org != "株式会社後方" {
		t.Errorf("organization = %q, want 株式会社後方 (named twice)", org)
	}
}

// TestLatinWordsBounded shows that the Latin words added to a name before
// or after its spaces stop before the name grows past MaxNameRunes.
func TestLatinWordsBounded(t *testing.T) {
	long := "A" + strings.Repeat("b", 2*MaxNameRunes)
	if got := latinWordsAfter("株式会社Aoba", " "+long+" Digital"); got != "" {
		t.Errorf("latinWordsAfter added %q", got)
	}
	if got := latinWordsBefore("Digital株式会社", long+" "); got != "" {
		t.Errorf("latinWordsBefore added %q", got)
	}
	if got := latinWordsAfter("株式会社Aoba", " Digital Solutionsは"); got != " Digital Solutions" {
		t.Errorf("latinWordsAfter = %q, want %q", got, " Digital Solutions")
	}
}
