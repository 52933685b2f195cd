package jatok

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome/v2/tokenizer"
)

func TestNounTerms(t *testing.T) {
	got, err := NounTerms("当社サーバーがランサムウェアに感染し、約3,000件の個人情報が流出したおそれがあることが判明しました。")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"当社", "サーバー", "ランサムウェア", "感染", "個人", "情報", "流出", "判明"} {
		if !slices.Contains(got, w) {
			t.Errorf("terms %q lack %s", got, w)
		}
	}
	for _, w := range []string{"3", "000", "件", "こと", "約", "おそれ"} {
		if slices.Contains(got, w) {
			t.Errorf("terms %q hold %s", got, w)
		}
	}
}

func TestSentences(t *testing.T) {
	got := Sentences("一文目です。二文目!\n三行目")
	if len(got) != 3 {
		t.Errorf("Sentences = %q", got)
	}
	long := strings.Repeat("あ", 1000)
	for _, s := range Sentences(long) {
		if n := len([]rune(s)); n > MaxSentence {
			t.Errorf("piece of %d characters, max %d", n, MaxSentence)
		}
	}
	if got := strings.Join(Sentences(long), ""); got != long {
		t.Error("splitting a long text lost characters")
	}
}

func TestOneTokenizer(t *testing.T) {
	a, err1 := Tokenizer()
	b, err2 := Tokenizer()
	if err1 != nil || err2 != nil || a != b {
		t.Error("Tokenizer is not one shared value")
	}
}

// sampleTexts are the sample corpus's files, whose tokens cover known and
// unknown words of every kind the pipeline meets.
func sampleTexts(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("../../testdata/corpus/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample files: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return append(out, "ＡＢＣ　ｘｙｚ 123 ㈱ 🙂 ｶﾀｶﾅ \u00a0é\ufffd")
}

// naiveNounTerm is NounTerm as kagome's Token API gives it: the oracle
// for the reads from the dictionary's tables.
func naiveNounTerm(t tokenizer.Token) (string, bool) {
	pos := t.POS()
	if len(pos) == 0 || pos[0] != "名詞" || len(pos) > 1 && excludedNouns[pos[1]] {
		return "", false
	}
	term, ok := t.BaseForm()
	if !ok || term == "" || term == "*" {
		term = t.Surface
	}
	term = strings.TrimSpace(term)
	if utf8.RuneCountInString(term) < 2 {
		return "", false
	}
	for _, r := range term {
		if unicode.IsLetter(r) {
			return term, true
		}
	}
	return "", false
}

func TestFieldsAsTokenAPI(t *testing.T) {
	tok, err := Tokenizer()
	if err != nil {
		t.Fatal(err)
	}
	classes := map[tokenizer.TokenClass]int{}
	for _, text := range sampleTexts(t) {
		for _, s := range Sentences(text) {
			for _, tk := range tok.Tokenize(s) {
				classes[tk.Class]++
				pos := tk.POS()
				for i := 0; i <= len(pos)+1; i++ {
					want := ""
					if i < len(pos) {
						want = pos[i]
					}
					if got := POSAt(tk, i); got != want {
						t.Fatalf("%q: POSAt(%d) = %q, POS() %q", tk.Surface, i, got, pos)
					}
				}
				b, ok := BaseForm(tk)
				wb, wok := tk.BaseForm()
				if b != wb || ok != wok {
					t.Fatalf("%q: BaseForm = %q %v, Token.BaseForm %q %v", tk.Surface, b, ok, wb, wok)
				}
				term, ok := NounTerm(tk)
				wterm, wok := naiveNounTerm(tk)
				if term != wterm || ok != wok {
					t.Fatalf("%q: NounTerm = %q %v, naive %q %v", tk.Surface, term, ok, wterm, wok)
				}
			}
		}
	}
	if classes[tokenizer.KNOWN] == 0 || classes[tokenizer.UNKNOWN] == 0 {
		t.Errorf("token classes %v: the sample lacks known or unknown words", classes)
	}
}

// naiveNounTerms tokenizes every piece, repeated or not.
func naiveNounTerms(tok *tokenizer.Tokenizer, text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		for _, t := range tok.Tokenize(s) {
			if term, ok := naiveNounTerm(t); ok {
				out = append(out, term)
			}
		}
	}
	return out
}

func TestNounTermsAsNaive(t *testing.T) {
	tok, err := Tokenizer()
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range sampleTexts(t) {
		// A title above its own text, as extract.Terms hands it over.
		title, _, _ := strings.Cut(text, "\n")
		for _, in := range []string{text, title + "\n" + text, "a。b。a。b\na"} {
			got, err := NounTerms(in)
			if err != nil {
				t.Fatal(err)
			}
			if want := naiveNounTerms(tok, in); !slices.Equal(got, want) {
				t.Fatalf("NounTerms(%.40q…) = %q, want %q", in, got, want)
			}
		}
	}
}
