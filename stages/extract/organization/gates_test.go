package organization

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/runes"
	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// leadingRunSimple is leadingRun that tries every hiragana-named local
// government on every s, the oracle of the gate on its first rune.
func leadingRunSimple(s string) string {
	return nameRunFrom(s, hiraganaGovernmentOpening(s))
}

// hiraganaCompanyOpeningSimple scans the whole of s, the oracle of the
// gate on its first rune.
func hiraganaCompanyOpeningSimple(s string) string {
	if hs := hiraganaCompanies(s); len(hs) > 0 && hs[0].at == 0 {
		return hs[0].name
	}
	return ""
}

// isGenericSimple is isGeneric with the generic names searched as a list.
func isGenericSimple(s string) bool {
	if slices.Contains(genericNames, s) {
		return true
	}
	for _, p := range genericQualifiers {
		if r, ok := strings.CutPrefix(s, p); ok && (r == "" || slices.Contains(orgSuffixes, r) ||
			slices.Contains(genericFacilities, r)) {
			return true
		}
	}
	return text.HasPrefixAny(s, genericPrefixes)
}

// postcodeOpensSimple counts the runes of every line, the oracle of the
// search for 〒 before it.
func postcodeOpensSimple(l string) bool {
	return text.ContainsWord(runes.Prefix(l, postcodeWindowRunes), "〒")
}

// gateCases open with hiragana governments and companies, with what only
// begins like them, and with neither.
func gateCases() []string {
	out := []string{"", "いちき串木野市において", "かすみがうら市の職員", "いすゞ自動車株式会社は", "くら寿司株式会社", "株式会社しまむら 個人情報",
		"いちき", "くら", "青葉市において", "\xe3\x81", "ひかり市", "さいたま市立ひかり中学校において",
		"〒100-0001 東京都千代田区", "所在地 〒100-0001", strings.Repeat("あ", postcodeWindowRunes) + "〒", strings.Repeat("あ", postcodeWindowRunes-1) + "〒", "\xe3〒"}
	out = append(out, hiraganaGovernments()...)
	out = append(out, genericNames...)
	for _, name := range hiraganaCompanyIndex().Words() {
		out = append(out, name, name+"の", name[:len(name)-1])
	}
	return out
}

// TestGatesAsSimple: leadingRun, isGeneric, hiraganaCompanyOpening and postcodeOpens give what their
// simple versions give on the cases, every line and sentence of the oracle
// texts, and each of them less its first rune.
func TestGatesAsSimple(t *testing.T) {
	ts := gateCases()
	for _, s := range extracttest.OracleTexts(t) {
		ts = append(ts, strings.Split(s, "\n")...)
		for _, sn := range text.SplitSentences(s) {
			ts = append(ts, sn.Text)
			_, n := utf8.DecodeRuneInString(sn.Text)
			ts = append(ts, sn.Text[n:])
		}
	}
	for _, s := range ts {
		checkGates(t, s)
	}
}

func FuzzGates(f *testing.F) {
	for _, s := range gateCases() {
		f.Add(s)
	}
	f.Fuzz(checkGates)
}

func checkGates(t *testing.T, s string) {
	if got, want := leadingRun(s), leadingRunSimple(s); got != want {
		t.Fatalf("leadingRun(%q) = %q, want %q", s, got, want)
	}
	if got, want := isGeneric(s), isGenericSimple(s); got != want {
		t.Fatalf("isGeneric(%q) = %v, want %v", s, got, want)
	}
	if got, want := hiraganaCompanyOpening(s), hiraganaCompanyOpeningSimple(s); got != want {
		t.Fatalf("hiraganaCompanyOpening(%q) = %q, want %q", s, got, want)
	}
	if got, want := postcodeOpens(s), postcodeOpensSimple(s); got != want {
		t.Fatalf("postcodeOpens(%q) = %v, want %v", s, got, want)
	}
}
