package jatok

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/ikawaha/kagome-dict/dict"
	"github.com/ikawaha/kagome/v2/tokenizer"

	"github.com/breachtrend/breachtrend/internal/ipadict"
	"github.com/breachtrend/breachtrend/internal/testcorpus"
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
	// A byte that is not UTF-8 is a character of one byte: as the 256th
	// character it once made a cut two bytes past it, out of the text.
	for _, s := range []string{strings.Repeat("あ", MaxSentence-1) + "\xff", strings.Repeat("あ", MaxSentence-1) + "\xff!い"} {
		if got := strings.Join(Sentences(s), ""); got != s {
			t.Errorf("Sentences(%q) joined = %q", s, got)
		}
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
func sampleTexts(t testing.TB) []string {
	t.Helper()
	return append(testcorpus.SampleTexts(t), "ＡＢＣ　ｘｙｚ 123 ㈱ 🙂 ｶﾀｶﾅ \u00a0é\ufffd")
}

// devTexts are the files of ../shared/corpus/dev, whole (the test skips
// without ../shared).
func devTexts(t *testing.T) []string {
	t.Helper()
	dir := testcorpus.SharedOrSkip(t, "corpus", "dev")
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no files in %s: %v", dir, err)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	return texts
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

// dropEnv names the variable under which the test binary runs as a normal
// process would: with kagome's features dropped.
const dropEnv = "JATOK_TEST_DROPPED"

// cacheEnv names the compact file's folder in a process TestFeaturesDropped
// runs; wantSourceEnv where its dictionary must come from.
const (
	cacheEnv      = "JATOK_TEST_CACHE"
	wantSourceEnv = "JATOK_WANT_SOURCE"
)

func TestMain(m *testing.M) {
	// The oracles above read kagome's own features through the Token API.
	keepKagomeFeatures = os.Getenv(dropEnv) == ""
	if dir := os.Getenv(cacheEnv); dir != "" {
		testCache = &ipadict.Cache{Path: filepath.Join(dir, ipadict.FileName), Key: "jatok test"}
	}
	os.Exit(m.Run())
}

// TestTablesAsKagome compares jatok's tables with kagome's features for
// every word of the dictionary, not only the sample's.
func TestTablesAsKagome(t *testing.T) {
	if !keepKagomeFeatures {
		t.Skip("kagome's features are dropped")
	}
	f := dictFields()
	d := f.dict
	baseAt, ok := d.ContentsMeta[dict.BaseFormIndex]
	if !ok {
		t.Fatal("the dictionary has no base form index")
	}
	if KnownWords() != len(d.Morphs) || len(d.POSTable.POSs) != len(d.Morphs) {
		t.Fatalf("%d known words, %d POS vectors, %d morphs", KnownWords(), len(d.POSTable.POSs), len(d.Morphs))
	}
	withBase := 0
	for id, pos := range d.POSTable.POSs {
		if got := f.KnownPOS(id); !slices.Equal(got, pos) {
			t.Fatalf("word %d: POS ids %v, kagome %v", id, got, pos)
		}
		want, wantOK := "", false
		if i := int(baseAt) - len(pos); i >= 0 && i < len(d.Contents[id]) {
			want, wantOK = d.Contents[id][i], true
		}
		if got, ok := KnownBaseForm(id); got != want || ok != wantOK {
			t.Fatalf("word %d: base form %q %v, kagome %q %v", id, got, ok, want, wantOK)
		}
		if wantOK {
			withBase++
		}
	}
	if withBase < len(d.Morphs)*9/10 {
		t.Errorf("only %d of %d words have a base form", withBase, len(d.Morphs))
	}
}

// TestFeaturesDropped runs the package's tests again in processes where
// jatok drops kagome's features, as every other process does: without a
// compact file, then with an empty cache folder (the file is written),
// then with the same folder (it is read). The terms and fields come out
// the same every time.
func TestFeaturesDropped(t *testing.T) {
	if !keepKagomeFeatures {
		d := Dictionary()
		if d.Contents != nil || d.POSTable.POSs != nil {
			t.Fatal("kagome's features were kept")
		}
		if len(d.POSTable.NameList) == 0 {
			t.Fatal("the POS names were dropped")
		}
		s, _ := shared()
		if got, want := s.source.String(), os.Getenv(wantSourceEnv); got != want {
			t.Fatalf("the dictionary came from %s, want %s", got, want)
		}
		return
	}
	want := map[string][]string{}
	for _, text := range sampleTexts(t) {
		terms, err := NounTerms(text)
		if err != nil {
			t.Fatal(err)
		}
		want[text] = terms
	}
	wantFile, cache := termsFile(t, want), t.TempDir()
	for _, run := range []struct{ cache, source string }{{"", "slow"}, {cache, "written"}, {cache, "cached"}} {
		cmd := exec.Command(os.Args[0], "-test.run=^(TestFeaturesDropped|TestNounTerms|TestDroppedTerms)$", "-test.v")
		cmd.Env = append(os.Environ(), dropEnv+"=1", "JATOK_WANT_TERMS="+wantFile, cacheEnv+"="+run.cache, wantSourceEnv+"="+run.source)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("tests with kagome's features dropped, dictionary %s: %v\n%s", run.source, err, out)
		}
		if !strings.Contains(string(out), "--- PASS: TestDroppedTerms") {
			t.Fatalf("TestDroppedTerms did not run:\n%s", out)
		}
	}
}

// termsFile writes want to a JSON file for TestDroppedTerms.
func termsFile(t *testing.T, want map[string][]string) string {
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "terms.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestDroppedTerms is run by TestFeaturesDropped: each sample text's terms
// are the ones read with kagome's features kept.
func TestDroppedTerms(t *testing.T) {
	path := os.Getenv("JATOK_WANT_TERMS")
	if keepKagomeFeatures || path == "" {
		t.Skip("run by TestFeaturesDropped")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want map[string][]string
	if err := json.Unmarshal(b, &want); err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no texts")
	}
	for text, terms := range want {
		got, err := NounTerms(text)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, terms) {
			t.Errorf("NounTerms(%.40q…) = %q, want %q", text, got, terms)
		}
	}
}

// sentencesWhole is Sentences as one pass over the text that cuts where
// a piece ends: the oracle of cutSentence, which cuts one piece a call.
func sentencesWhole(text string) []string {
	var out []string
	start, n := 0, 0
	cut := func(end int) {
		if s := strings.TrimSpace(text[start:end]); s != "" {
			out = append(out, s)
		}
		start, n = end, 0
	}
	for i, r := range text {
		n++
		_, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '。' || r == '！' || r == '？' || r == '!' || r == '?' || r == '\n':
			cut(i + size)
		case n >= MaxSentence/2 && (r == '、' || r == ' ' || r == '　'):
			cut(i + size)
		case n >= MaxSentence:
			cut(i + size)
		}
	}
	cut(len(text))
	return out
}

func checkSentences(t *testing.T, text string) {
	t.Helper()
	if got, want := Sentences(text), sentencesWhole(text); !slices.Equal(got, want) {
		t.Fatalf("Sentences(%q) = %q, want %q", text, got, want)
	}
}

func TestSentencesAsWhole(t *testing.T) {
	for _, s := range []string{"", "\n", "一文目です。二文目!\n三行目", " あ 、い。 ", strings.Repeat("あ、", 300),
		strings.Repeat("あ", 600), strings.Repeat("あ", MaxSentence-1) + "\xff!い", "\xe3\x80\n\x82。"} {
		checkSentences(t, s)
	}
	for _, text := range sampleTexts(t) {
		checkSentences(t, text)
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("一文目です。二文目!\n三行目")
	f.Add(strings.Repeat("あ、", 100) + "\xff")
	f.Fuzz(checkSentences)
}
