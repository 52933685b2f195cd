package organization

import (
	"strings"
	"testing"
)

// TestHiraganaPatternNames: names with a run of hiragana inside are read
// whole by their shape, and grammar before a suffix or after a legal
// form is not.
func TestHiraganaPatternNames(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"県立所沢おおぞら特別支援学校において、保護者に", "県立所沢おおぞら特別支援学校"},
		{"福島県・いわき市のひまわり信用金庫が、936件", "ひまわり信用金庫"},
		{"生活協同組合コープおきなわ(浦添市)の具志川センターで", "生活協同組合コープおきなわ"},
		{"経営する「有限会社なごみ」です。", "有限会社なごみ"},
		{"有限会社なごみが、12月1日に公表した。", "有限会社なごみ"},
		{"令和5年11月27日医療法人社団青葉会みなと病院患者さんの", "医療法人社団青葉会みなと病院"},
		{"県立のぞみ学校で", "県立のぞみ学校"},
		{"保育園事業などを手がける株式会社さくらさくみらいは2021年4月1日、", "株式会社さくらさくみらい"},
		{"「株式会社さくらさくみらい」より", "株式会社さくらさくみらい"},
		{"市立わかば保育園の園児", "市立わかば保育園"},
		{"発生していた特別支援学校", ""},              // a verb's end
		{"県内における特別支援学校の", ""},             // a particle
		{"用紙がなかったことから学校へ連絡した", ""},        // ends with から
		{"いつも弊社をご利用いただき", ""},             // a self word, no suffix of two runes
		{"いわき市立総合病院の", ""},                // the government's hiragana
		{"株式会社ABCのほかに", ""},               // grammar after the name
		{"有限会社なごみがある", ""},                // a verb after the particle
		{"代表連絡先福祉部子ども家庭局家庭支援課育成グループ", ""}, // 子ども: a common word's kana
		{"兵庫県立こども病院の", "兵庫県立こども病院"},
	} {
		var got []string
		for _, sp := range hiraganaPatternNames(c.text) {
			got = append(got, sp.name)
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("hiraganaPatternNames(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

// FuzzHiraganaPatternNames: every name is the text's own bytes at its
// span, holds hiragana, and the spans stand in order without overlap.
func FuzzHiraganaPatternNames(f *testing.F) {
	for _, s := range []string{"県立所沢おおぞら特別支援学校において", "生活協同組合コープおきなわ(浦添市)", "「有限会社なごみ」が、", "27日医療法人社団青葉会みなと病院", "", "の", "株式会社"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prev := 0
		for _, sp := range hiraganaPatternNames(s) {
			if sp.at < prev || sp.end > len(s) || sp.at >= sp.end || s[sp.at:sp.end] != sp.name {
				t.Fatalf("hiraganaPatternNames(%q): span %+v out of place (previous end %d)", s, sp, prev)
			}
			if !strings.ContainsFunc(sp.name, isHiragana) {
				t.Fatalf("hiraganaPatternNames(%q): %q holds no hiragana", s, sp.name)
			}
			prev = sp.end
		}
	})
}
