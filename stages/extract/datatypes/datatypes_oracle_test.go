package datatypes

import (
	"iter"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
	"github.com/breachtrend/breachtrend/stages/extract/text"

	"github.com/breachtrend/breachtrend/rules"
	"github.com/breachtrend/breachtrend/schemas"
)

// The functions below are DataTypes and its helpers as they read with no
// index: every term and every list word is looked for with strings.Index
// and strings.Contains. They are the oracle for DataTypes' one-pass word
// indexes.

// typesIn returns the data types named in s, longest words first, each
// span of text used once.
func typesInOracle(s string) []string {
	used := make([]bool, len(s))
	seen := map[string]bool{}
	var out, usedAs []string
	for k := range dataTerms {
		t := dataTerms[k]
		for i := range indexAll(s, t.word) {
			j := i + len(t.word)
			if text.AnyUsed(used[i:j]) || (t.delimited && !delimitedAtOracle(s, i, j)) {
				continue
			}
			for k := i; k < j; k++ {
				used[k] = true
			}
			if text.HasPrefixAny(s[j:], usageAfter) || text.HasSuffixAny(s[:i], usageBefore) || contactValue(t.kind, s[j:]) {
				usedAs = append(usedAs, t.kind)
				continue
			}
			if anaphoricUse(s[:i], t.kind, usedAs) || usageBeforeList(s[:i]) {
				continue
			}
			kind := t.kind
			// 「お届け先の個人情報」 is the addressees' data, not an address.
			if addresseeOracle(t, s[j:]) {
				continue
			}
			if kind == "" {
				continue // a word that holds a type's word but names none: 住所録
			}
			if !needsOracle(t.word, s, i, j) {
				continue
			}
			// A bare ID of a patient or a student is their number.
			if k, ok := retypeOracle(t.word, s); ok {
				kind = k
			}
			for _, k := range []string{kind, t.also} {
				if k != "" && !seen[k] {
					seen[k] = true
					out = append(out, k)
				}
			}
		}
	}
	// The productive items read the spans the terms left: no index there.
	return productiveTypes(s, used, out)
}

// indexAll yields the starts of w's occurrences in s from the left, each
// search going on from the end of the one before, as strings.Index does.
func indexAll(s, w string) iter.Seq[int] {
	return func(yield func(int) bool) {
		for from := 0; ; {
			i := strings.Index(s[from:], w)
			if i < 0 || !yield(from+i) {
				return
			}
			from += i + len(w)
		}
	}
}

// termsInOracle is termsIn with strings.Index: each term in list order,
// its occurrences from the left, each span of text taken once.
func termsInOracle(s string) []typedTerm {
	used := make([]bool, len(s))
	var out []typedTerm
	for _, t := range dataTerms {
		for i := range indexAll(s, t.word) {
			j := i + len(t.word)
			if t.kind == "" || text.AnyUsed(used[i:j]) {
				continue
			}
			for k := i; k < j; k++ {
				used[k] = true
			}
			out = append(out, typedTerm{t.kind, t.word})
		}
	}
	return out
}

// dataTypesOracle collects the types named as leaked: in sentences or list items
// about leaked data, less the types a negated sentence (or the list under
// it) names.
func dataTypesOracle(sents []text.Sentence) ([]string, string) {
	found := map[string]bool{}
	negated := map[string]bool{}
	foundTerms, negatedTerms := map[string][]string{}, map[string][]string{}
	noteTerms := func(into map[string][]string, s string, kinds []string) {
		for _, t := range termsInOracle(s) {
			if slices.Contains(kinds, t.kind) && !slices.Contains(into[t.kind], t.word) {
				into[t.kind] = append(into[t.kind], t.word)
			}
		}
	}
	var evidence string
	negatedList := -1 // line under which list items are negated
	for i, s := range sents {
		// The clause a cut text stops in is read only when it, its
		// heading or an unfinished line above says the data leaked.
		if c := text.CutClause(s); c >= 0 && i == len(sents)-1 && !text.ContainsAny(s.Text[c:], leakContext) {
			head := s.Heading
			if i > 0 && !strings.HasSuffix(sents[i-1].Text, "。") {
				head += "\n" + sents[i-1].Text
			}
			if !text.ContainsAny(head, leakContext) {
				s.Text = s.Text[:c]
			}
		}
		// 「…からパスワードがわかるわけではありません」 denies a
		// consequence, not that the data leaked.
		s.Text = denialsOracle(s.Text)
		if spoofWarningOracle(s.Text) || spoofWarningOracle(s.Heading) && !text.ContainsAny(s.Text, leakWordsWith("spoof")) {
			continue
		}
		for _, p := range negatedParts(s.Text) {
			ts := typesInOracle(p)
			for _, t := range ts {
				negated[t] = true
			}
			noteTerms(negatedTerms, p, ts)
		}
		s.Text = withoutNegatedParts(s.Text)
		types := typesInOracle(s.Text)
		posText := s.Text
		neg := text.ContainsAny(s.Text, negations) && !heldNotButLeaked(s.Text)
		if neg && (text.ContainsAny(s.Text, negatedListCues.contains) || text.HasSuffixAny(s.Text, negatedListCues.ends)) {
			negatedList = i
		}
		if negatedList >= 0 && i > negatedList && !s.Item {
			negatedList = -1
		}
		if len(types) == 0 {
			continue
		}
		switch {
		case neg && !text.ContainsAny(s.Text, negatedListCues.contains):
			ts := typesBeforeNegationOracle(s.Text)
			for _, t := range ts {
				negated[t] = true
			}
			noteTerms(negatedTerms, partBeforeNegation(s.Text), ts)
			// What comes before the negated clause still counts:
			// 「診察券番号※医療機関名は含まれておりません」.
			head := s.Text[:negationScope(s.Text[:firstNegation(s.Text)])]
			types = nil
			posText = ""
			if text.ContainsAny(head, negationScopes.keepHead) {
				types = typesInOracle(head)
				posText = head
			}
			tail := contrastTail(s.Text)
			for _, t := range typesInOracle(tail) {
				if !slices.Contains(types, t) {
					types = append(types, t)
				}
			}
			posText += "\n" + tail
			if len(types) == 0 {
				continue
			}
		case negatedList >= 0 && i > negatedList && s.Item:
			continue
		}
		ctx := text.ContainsAny(s.Text, leakContext) || text.ContainsAny(s.Heading, leakContext) ||
			(s.Item && !text.ContainsAny(s.Heading, responseHeadings) && listContextOracle(sents, i)) || isTermListOracle(s.Text)
		if !ctx || isRequestOracle(s.Text) {
			continue
		}
		for _, t := range types {
			found[t] = true
		}
		noteTerms(foundTerms, posText, types)
		if evidence == "" {
			evidence = s.Text
		}
	}
	var out []string
	for _, t := range schemas.DataTypes {
		if found[t] && !(negated[t] && deniesAll(negatedTerms[t], foundTerms[t])) {
			out = append(out, t)
		}
	}
	return out, evidence
}

// delimitedAt reports whether s[i:j] stands alone between list separators.
// The joiners are read from the rule file's rows, each as a word.
func delimitedAtOracle(s string, i, j int) bool {
	before, after := i == 0, j == len(s)
	for _, w := range []string{" ", "\n"} {
		before = before || strings.HasSuffix(s[:i], w)
		after = after || strings.HasPrefix(s[j:], w)
	}
	for _, r := range rules.Table("datatypes/list_joiners.tsv", 2) {
		w, side := r.Fields[0], r.Fields[1]
		before = before || (side == "both" && strings.HasSuffix(s[:i], w))
		after = after || strings.HasPrefix(s[j:], w)
	}
	return before && after
}

func addresseeOracle(t dataTerm, after string) bool {
	for _, r := range rules.Table("datatypes/addressee_after.tsv", 2) {
		if t.kind == "address" && strings.HasSuffix(t.word, r.Fields[0]) && strings.HasPrefix(after, r.Fields[1]) {
			return true
		}
	}
	return false
}

func needsOracle(word, s string, i, j int) bool {
	needed := false
	before := []rune(s[:i])
	before = before[max(0, len(before)-dataTypeWeights.termNeedsWindow):]
	after := []rune(s[j:])
	after = after[:min(len(after), dataTypeWeights.termNeedsWindow)]
	for _, r := range rules.Table("datatypes/term_needs.tsv", 2) {
		if word == r.Fields[0] {
			if strings.Contains(string(before), r.Fields[1]) || strings.Contains(string(after), r.Fields[1]) {
				return true
			}
			needed = true
		}
	}
	return !needed
}

func retypeOracle(word, s string) (string, bool) {
	for _, r := range rules.Table("datatypes/retype.tsv", 3) {
		if word == r.Fields[0] && strings.Contains(s, r.Fields[1]) {
			return r.Fields[2], true
		}
	}
	return "", false
}

func denialsOracle(s string) string {
	var pairs []string
	for _, r := range rules.Table("datatypes/consequence_denials.tsv", 2) {
		pairs = append(pairs, r.Fields[0], r.Fields[1])
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// isTermList reports whether a line is itself a list of data items, such as
// "氏名、住所、電話番号" or "患者ID、氏名、生年月日".
func isTermListOracle(s string) bool {
	seps := 0
	for _, sep := range rules.Words("datatypes/term_list_separators.tsv") {
		seps += strings.Count(s, sep)
	}
	return len(typesInOracle(s)) >= dataTypeWeights.termListMinTypes && seps >= dataTypeWeights.termListMinSeparators
}

func typesBeforeNegationOracle(s string) []string {
	i := firstNegation(s)
	return typesInOracle(s[negationScope(s[:i]):i])
}

func listContextOracle(sents []text.Sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-dataTypeWeights.listContextLookback; j-- {
		t := sents[j].Text + sents[j].Heading
		if text.ContainsAny(t, leakContext) {
			return true
		}
		if !sents[j].Item && utf8.RuneCountInString(sents[j].Text) > dataTypeWeights.listContextMaxLine {
			return false
		}
	}
	return false
}

func isRequestOracle(s string) bool {
	return text.ContainsAny(s, requests) && !text.ContainsAny(s, leakWordsWith("request"))
}

func spoofWarningOracle(s string) bool {
	return text.ContainsAny(s, spoofMails) && !text.ContainsAny(s, leakWordsWith("spoof"))
}

// craftedDataTypes hold negations, brackets, lists, spoofed mail and
// requests, which change what counts.
var craftedDataTypes = []string{
	"漏えいした情報:\n・氏名、住所\n・電話番号\n・ID\n患者ID、カナ氏名(住所や電話番号はありません。)",
	"クレジットカード番号は含まれておりません。以下の情報は含まれていません:\n・口座番号\n・マイナンバー\n流出した項目は氏名です",
	"診察券番号※医療機関名は含まれておりません。パスワードがわかるわけではありません。",
	"なりすましメールにご注意ください。送信者の氏名とメールアドレスを装ったメール。パスワードの変更をお願いします。",
	"弊社ではクレジットカード情報を保有しておりませんでしたが、改ざんされ氏名、住所、電話番号が流出。TEL:089-000-0000、FAX",
	"ご家族の皆様、保護者の氏名、生徒ID、車載機 ID、組・姓・名、お届け先の個人情報、住所録",
	"\xe3\x81氏名\xff、ID\xe3、名",
	"不審なメールを装った攻撃で氏名、住所が流出した。",
	"確認されている不審メールの例\n・送信者の氏名とメールアドレスを記載\n・差出人:氏名\n・氏名が流出",
	// Sentences longer than typesOfHits' marks on the stack: terms, and
	// items of productive suffixes, past its end.
	strings.Repeat("お客様の氏名、住所、電話番号、", 12) + "整理番号、ショップIDが流出しました。",
	strings.Repeat("ご案内、", 60) + "会員番号、ショップIDが流出しました。",
}

func checkDataTypes(t *testing.T, txt string) {
	sents := text.SplitSentences(txt)
	got, gotEv := Find(nil, sents)
	want, wantEv := dataTypesOracle(sents)
	if !reflect.DeepEqual(got, want) || gotEv != wantEv {
		t.Fatalf("dataTypes(nil, %.60q…) = %q %q, oracle %q %q", txt, got, gotEv, want, wantEv)
	}
	for _, s := range sents {
		if got, want := typesIn(s.Text), typesInOracle(s.Text); !reflect.DeepEqual(got, want) {
			t.Fatalf("typesIn(%q) = %q, oracle %q", s.Text, got, want)
		}
	}
}

func TestDataTypesAsOracle(t *testing.T) {
	for _, txt := range append(extracttest.OracleTexts(t), craftedDataTypes...) {
		checkDataTypes(t, txt)
		for _, s := range text.SplitSentences(txt) {
			checkDataTypes(t, s.Text)
		}
	}
}

func FuzzDataTypesAsOracle(f *testing.F) {
	for _, s := range append(extracttest.FuzzSeeds, craftedDataTypes...) {
		f.Add(s)
	}
	f.Fuzz(checkDataTypes)
}
