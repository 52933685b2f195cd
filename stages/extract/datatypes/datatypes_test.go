package datatypes

import (
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

func typesOf(txt string) []string {
	got, _ := Find(nil, text.SplitSentences(normalize.Text(txt)))
	if got == nil {
		got = []string{}
	}
	return got
}

// TestCasesDataTypes runs rules/cases/data_types.tsv through the
// extractor, and checks that every file of rules/datatypes/ has a case (a
// note starting with its name), so that a rule file without an example
// fails.
func TestCasesDataTypes(t *testing.T) {
	cases, err := rules.Cases("data_types")
	if err != nil {
		t.Fatal(err)
	}
	noted := map[string]bool{}
	for _, c := range cases {
		want := []string{}
		if c.Expected != "null" {
			want = strings.Split(c.Expected, ",")
		}
		for _, w := range want {
			if !slices.Contains(schemas.DataTypes, w) {
				t.Errorf("%s: expected %q is not a data type (schemas.DataTypes)", c.Pos, w)
			}
		}
		// As Prepare reads them.
		if got, _ := Find(nil, text.SplitSentences(normalize.Text(c.Text))); !sameSet(got, want) {
			t.Errorf("%s: data types %v, want %v (%s)", c.Pos, got, want, c.Note)
		}
		file, _, _ := strings.Cut(c.Note, ":")
		noted[file] = true
	}
	for _, f := range rules.Files() {
		if dir, name := path.Split(f); dir == dataTypesDir && !noted[strings.TrimSuffix(name, ".tsv")] {
			t.Errorf("rules/%s has no case in rules/cases/data_types.tsv (a note starting %q)", f, strings.TrimSuffix(name, ".tsv")+":")
		}
	}
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

func FuzzDataTypes(f *testing.F) {
	f.Add("漏えいした情報は、氏名、住所、電話番号です。")
	f.Add("(住所や電話番号はありません。)(")
	f.Add("※含まれておりません)(以下")
	f.Add("・氏名\n・ID\n組")
	f.Fuzz(func(t *testing.T, text string) {
		got := typesOf(text)
		known := map[string]bool{}
		for _, k := range schemas.DataTypes {
			known[k] = true
		}
		for _, g := range got {
			if !known[g] {
				t.Errorf("unknown type %q", g)
			}
		}
		if !reflect.DeepEqual(got, typesOf(text)) {
			t.Errorf("not deterministic: %v", got)
		}
		_ = strings.TrimSpace(text)
	})
}

// TestDataTypeRulesErrors: a bad value in a rule file is an error naming
// the file, the line and the column.
func TestDataTypeRulesErrors(t *testing.T) {
	row := func(file string, line int, fields ...string) rules.Row {
		return rules.Row{File: "datatypes/" + file, Line: line, Fields: fields}
	}
	terms := []rules.Row{row("data_terms.tsv", 1, "住所", "address", "anywhere", "-"), row("data_terms.tsv", 2, "ID", "account_id", "delimited", "-")}
	for _, c := range []struct {
		err  error
		want string
	}{
		{second(parseDataTerms([]rules.Row{row("data_terms.tsv", 3, "氏名", "nam", "anywhere", "-")}, nil, nil)), `datatypes/data_terms.tsv:3: type: "nam" is not a data type`},
		{second(parseDataTerms([]rules.Row{row("data_terms.tsv", 4, "氏名", "name", "somewhere", "-")}, nil, nil)), `data_terms.tsv:4: match: "somewhere" is not anywhere or delimited`},
		{second(parseDataTerms([]rules.Row{row("data_terms.tsv", 5, "氏名", "name", "anywhere", "")}, nil, nil)), `data_terms.tsv:5: also: "" is not a data type`},
		{second(parseDataTerms(append(terms, row("data_terms.tsv", 6, "住所", "address", "anywhere", "-")), nil, nil)), `data_terms.tsv:6: word: "住所" is already on datatypes/data_terms.tsv:1`},
		{second(parseDataTerms(terms, []rules.Row{row("addressee_after.tsv", 2, "先", "様")}, nil)), `addressee_after.tsv:2: term_ending: no address term of data_terms.tsv ends with "先"`},
		{second(parseDataTerms(terms, nil, []rules.Row{row("retype.tsv", 3, "番号", "患者", "customer_number")})), `retype.tsv:3: term: "番号" is not a word of data_terms.tsv`},
		{second(parseDataTerms(terms, nil, []rules.Row{row("retype.tsv", 4, "ID", "患者", "number")})), `retype.tsv:4: type: "number" is not a data type`},
		{second(parseDataTerms(terms, nil, []rules.Row{row("retype.tsv", 1, "ID", "患者", "customer_number"), row("retype.tsv", 2, "ID", "会員", "name")})), `retype.tsv:2: type: "ID" retypes`},
		{second(withSentenceNeeds(nil, []rules.Row{row("term_needs.tsv", 5, "写真", "児童")})), `term_needs.tsv:5: term: "写真" is not a word of data_terms.tsv`},
		{second(parseProductiveSuffixes([]rules.Row{row("productive_suffixes.tsv", 2, "番号", "number", "8", "any")})), `productive_suffixes.tsv:2: type: "number" is not a data type`},
		{second(parseProductiveSuffixes([]rules.Row{row("productive_suffixes.tsv", 3, "番号", "customer_number", "2", "any")})), `productive_suffixes.tsv:3: longest: "2" is not a whole number greater`},
		{second(parseProductiveSuffixes([]rules.Row{row("productive_suffixes.tsv", 4, "ID", "account_id", "10", "kanji")})), `productive_suffixes.tsv:4: stem: "kanji" is not any or katakana`},
		{second(parseContactLabels([]string{"phone", "telephone"})), `contact_labels.tsv: "telephone" is not a data type`},
		{second(parseLeakWords([]rules.Row{row("leak_words.tsv", 7, "漏えい", "context,leak")})), `leak_words.tsv:7: uses: "leak" is not one of context, request, spoof`},
		{second(parseLeakWords([]rules.Row{row("leak_words.tsv", 1, "漏えい", "context"), row("leak_words.tsv", 2, "漏えい", "spoof")})), `leak_words.tsv:2: word: "漏えい" is already on`},
		{second(joinLists(dataTypesDir, []string{"流出"}, "leak_context.tsv", []string{"項目", "流出"})), `datatypes/leak_context.tsv: "流出" is in leak_words.tsv too`},
		{second(parseListJoiners([]rules.Row{row("list_joiners.tsv", 8, "等", "before")})), `list_joiners.tsv:8: side: "before" is not both or after`},
		{second(parseNegatedListCues([]rules.Row{row("negated_list_cues.tsv", 2, "以下", "starts")})), `negated_list_cues.tsv:2: where: "starts" is not contains or ends`},
		{second(parseNegatedListCues([]rules.Row{row("negated_list_cues.tsv", 2, ":", "ends")})), `negated_list_cues.tsv: no cue where contains`},
		{second(parseNegationScope([]rules.Row{row("negation_scope.tsv", 3, "※", "maybe")})), `negation_scope.tsv:3: keeps_head: "maybe" is not yes, no or exclusion`},
		{second(parseDenials([]rules.Row{row("consequence_denials.tsv", 9, "わけではない", "ではない")})), `consequence_denials.tsv:9: cut_to: "ではない" does not start "わけではない"`},
		{second(parseDataTypeWeights([]rules.Row{row("weights.tsv", 2, "term_list_min_types", "two", "x")})), `weights.tsv:2: value: "two" is not a whole number`},
		{second(parseDataTypeWeights([]rules.Row{row("weights.tsv", 3, "list_lookback", "12", "x")})), `weights.tsv:3: name: "list_lookback" is not a threshold the code reads`},
		{second(parseDataTypeWeights([]rules.Row{row("weights.tsv", 3, "term_list_min_types", "2", "x")})), `weights.tsv: no line for`},
	} {
		if c.err == nil || !strings.Contains(c.err.Error(), c.want) {
			t.Errorf("error %v, want one containing %q", c.err, c.want)
		}
	}
}

// TestDataTypeRulesRead checks what the loaders make of the bundled files
// that the cases cannot show: the spaced ID words and the joiners' sides.
func TestDataTypeRulesRead(t *testing.T) {
	has := func(word string) *dataTerm {
		for i := range dataTerms {
			if dataTerms[i].word == word {
				return &dataTerms[i]
			}
		}
		return nil
	}
	if d := has("車載機 ID"); d == nil || d.kind != "device" {
		t.Errorf("車載機 ID = %+v, want the device term written with a space", d)
	}
	if d := has("管理者 ID"); d != nil {
		t.Errorf("管理者 ID = %+v, want none: only typed terms get a spaced ID", d)
	}
	if !strings.ContainsRune(joiners.runesAfter, '等') || strings.ContainsRune(joiners.runesBefore, '等') {
		t.Errorf("等 joins after a term only: %+v", joiners)
	}
	if !slices.Contains(joiners.wordsBefore, "及び") || !strings.ContainsRune(joiners.runesBefore, '\n') {
		t.Errorf("joiners %+v miss 及び or a line break", joiners)
	}
	for i := 1; i < len(dataTerms); i++ {
		if len(dataTerms[i].word) > len(dataTerms[i-1].word) {
			t.Fatalf("dataTerms not longest first: %q after %q", dataTerms[i].word, dataTerms[i-1].word)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// FuzzDataTermIndex checks that the data-term index finds every term of
// its words at every byte, as strings.HasPrefix does.
func FuzzDataTermIndex(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		extracttest.CheckHits(t, dataTermIndex, s)
	})
}

// checkScanSentence fails when the one scan of a sentence differs from the
// two it stands for: the data terms' hits and the lists' bits.
func checkScanSentence(t *testing.T, s string) {
	t.Helper()
	hits, has := scanSentence(nil, s)
	if want := dataTermIndex.AppendHits(nil, s); !slices.Equal(hits, want) {
		t.Fatalf("scanSentence(%q) hits = %v, want %v", s, hits, want)
	}
	if want := dataTypeLists.In(s); has != want {
		t.Fatalf("scanSentence(%q) lists = %b, want %b", s, has, want)
	}
}

// TestScanSentenceAsTwoScans: on every sentence of the sample corpus, the
// fuzz seeds and random strings of terms and list words.
func TestScanSentenceAsTwoScans(t *testing.T) {
	for _, s := range extracttest.Sentences(t, text.SplitSentences) {
		checkScanSentence(t, s.Text)
	}
	for _, s := range extracttest.FuzzSeeds {
		checkScanSentence(t, s)
	}
	pieces := []string{"、", "。", "の", "\xe3"}
	pieces = append(pieces, dataTermWords()[:min(60, len(dataTerms))]...)
	for _, l := range dataTypeListWords {
		pieces = append(pieces, l[:min(6, len(l))]...)
	}
	for s := range extracttest.RandomStrings(7, 8, pieces, 8) {
		checkScanSentence(t, s)
	}
}

// FuzzScanSentence: scanSentence finds what the two scans find, for any s.
func FuzzScanSentence(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(checkScanSentence)
}
