package datatypes

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/schemas"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// typesIn returns the data types named in s, longest words first, each
// span of text used once.
func typesIn(s string) []string {
	var buf [16]wordscan.Hit
	return typesOfHits(s, dataTermIndex.AppendHits(buf[:0], s))
}

// typedTerm is a data term found in a sentence and the type it names.
type typedTerm struct{ kind, word string }

// termsIn is the data terms of s and their types, each occurrence that no
// term earlier in the list took (as typesOfHits takes them), without the
// checks of how the term is used: what a negation names (「セキュリティコー
// ドは含まれておりません」), to tell whether it denies all that a type's
// positive terms named or a part of it.
func termsIn(s string) []typedTerm {
	var buf [16]wordscan.Hit
	hits := dataTermIndex.AppendHits(buf[:0], s)
	if len(hits) == 0 {
		return nil
	}
	text.ByWord(hits)
	var marks [512]bool
	used := marks[:min(len(s), len(marks))]
	if len(s) > len(marks) {
		used = make([]bool, len(s))
	}
	var out []typedTerm
	for _, h := range hits {
		t := dataTerms[h.Word]
		j := h.At + len(t.word)
		if t.kind == "" || text.AnyUsed(used[h.At:j]) {
			continue
		}
		for k := h.At; k < j; k++ {
			used[k] = true
		}
		out = append(out, typedTerm{t.kind, t.word})
	}
	return out
}

// typesOfHits is typesIn(s) for the hits of dataTermIndex in s (which it
// reorders).
func typesOfHits(s string, hits []wordscan.Hit) []string {
	// Of ~250 terms a sentence holds a handful, found in one pass; they
	// are taken in list order, each one's occurrences from the left, as a
	// scan of s for each term in turn would find them.
	if len(hits) == 0 && !hasProductiveSuffix(s) {
		return nil
	}
	// used marks the bytes a term took. A sentence's marks, made on the
	// heap for each one, were a tenth of what extraction allocated; most
	// sentences have fewer bytes than this array, which stays on the
	// stack.
	var marks [512]bool
	used := marks[:min(len(s), len(marks))]
	if len(s) > len(marks) {
		used = make([]bool, len(s))
	}
	if len(hits) == 0 {
		return productiveTypes(s, used, nil)
	}
	text.ByWord(hits)
	var out, usedAs []string // usedAs: the kinds of terms a usage word took
	for len(hits) > 0 {
		n := 1
		for n < len(hits) && hits[n].Word == hits[0].Word {
			n++
		}
		t := dataTerms[hits[0].Word]
		from := 0
		for _, h := range hits[:n] {
			i := h.At
			if i < from {
				continue // overlaps the occurrence before: strings.Index would skip it
			}
			j := i + len(t.word)
			from = j
			if text.AnyUsed(used[i:j]) || (t.delimited && !delimitedAt(s, i, j)) {
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
			if text.HasPrefixAny(s[j:], t.addressee) {
				continue
			}
			if kind == "" {
				continue // a word that holds a type's word but names none: 住所録
			}
			if len(t.needWords) > 0 && !needsMet(s, i, j, t.needWords) {
				continue // 「写真等のデータ容量」: no people in sight, no photo of them
			}
			// A bare ID of a patient or a student is their number.
			if text.ContainsAny(s, t.retypeWords) {
				kind = t.retypeKind
			}
			for _, k := range []string{kind, t.also} {
				if k != "" && !slices.Contains(out, k) {
					out = append(out, k)
				}
			}
		}
		hits = hits[n:]
	}
	return productiveTypes(s, used, out)
}

// anaphoricUse reports whether a term of kind, with head the sentence
// before it, points back (その, 同) to a term of its kind that a usage
// word already took in the sentence: in 「ファイルにはパスワード設定が
// なされていたが、そのパスワードを…記載」 both name the file's password.
func anaphoricUse(head, kind string, usedAs []string) bool {
	return kind != "" && slices.Contains(usedAs, kind) && text.HasSuffixAny(head, anaphora)
}

// usageBeforeList reports whether a usage word (usage_before.tsv) stands
// before the list items that come before a term, with head the sentence
// before it: in 「不正ログインに使用されたID・パスワード」 the usage takes
// both. It steps back over at most listUsageItems items, each a run of
// kanji, katakana or Latin letters and digits, and its joiner.
func usageBeforeList(head string) bool {
	for range listUsageItems {
		r, n := utf8.DecodeLastRuneInString(head)
		if n == 0 || !strings.ContainsRune(joiners.runesBefore, r) || unicode.In(r, unicode.Ps, unicode.Pe) {
			return false
		}
		head = head[:len(head)-n]
		item := len(head)
		for steps := 0; item > 0 && steps < listUsageItemRunes; steps++ {
			r, n := utf8.DecodeLastRuneInString(head[:item])
			if !unicode.In(r, unicode.Han, unicode.Katakana) && r != 'ー' && !unicode.IsLetter(r) && !unicode.IsDigit(r) || unicode.In(r, unicode.Hiragana) {
				break
			}
			item -= n
		}
		if item == len(head) {
			return false
		}
		head = head[:item]
		if text.HasSuffixAny(head, usageBefore) {
			return true
		}
	}
	return false
}

// listUsageItems and listUsageItemRunes bound how far usageBeforeList
// steps back: three items of at most 12 characters, as a list of
// credentials or addresses is.
const listUsageItems, listUsageItemRunes = 3, 12

// productiveTypes adds the types of list items that no term names but whose
// last word does (productive_suffixes.tsv): 整理番号 and ショップID between
// list joiners are a person's number and an account's ID. The item runs
// back from the suffix to a list joiner, over kanji, katakana and Latin
// letters only, so that 「お客様の番号」 or 「電話番号」 (a term, its
// span used) is no item.
func productiveTypes(s string, used []bool, out []string) []string {
	for _, p := range productiveSuffixes {
		for at := range text.Occurrences(s, p.suffix) {
			j := at + len(p.suffix)
			i, ok := itemStart(s, at, p.longest-utf8.RuneCountInString(p.suffix))
			if !ok || i == at || text.AnyUsed(used[i:j]) || !p.stemOK(s[i:at]) {
				continue
			}
			next, _ := utf8.DecodeRuneInString(s[j:])
			if j < len(s) && !strings.ContainsRune(joiners.runesAfter, next) && !text.HasPrefixAny(s[j:], joiners.wordsAfter) {
				continue
			}
			if text.HasPrefixAny(s[j:], usageAfter) || text.HasSuffixAny(s[:i], usageBefore) {
				continue
			}
			for k := i; k < j; k++ {
				used[k] = true
			}
			if !slices.Contains(out, p.kind) {
				out = append(out, p.kind)
			}
		}
	}
	return out
}

// stemOK reports whether stem, the item before the suffix, is written in
// the script the suffix needs: an ID after katakana or Latin letters names
// a service's account (ショップID); after kanji (今後ID, 生徒ID) it does
// not say so.
func (p productiveSuffix) stemOK(stem string) bool {
	if p.stem == stemAny {
		return true
	}
	for _, r := range stem {
		if !unicode.In(r, unicode.Katakana, unicode.Latin) && r != 'ー' {
			return false
		}
	}
	return true
}

// needsMet reports whether one of words stands within term_needs_window
// characters before s[i:j] or after it: 「児童の写真」, 「写真 38 名分」, but
// not 「参加者名簿が写り込んだ写真」, a photo of a list.
func needsMet(s string, i, j int, words []string) bool {
	n := dataTypeWeights.termNeedsWindow
	return text.ContainsAny(text.LastRunes(s[:i], n), words) || text.ContainsAny(text.FirstRunes(s[j:], n), words)
}

// hasProductiveSuffix reports whether s holds a suffix of
// productive_suffixes.tsv, so that a sentence with no term needs no more.
func hasProductiveSuffix(s string) bool {
	for _, p := range productiveSuffixes {
		if strings.Contains(s, p.suffix) {
			return true
		}
	}
	return false
}

// itemStart is where the list item that ends at end begins: after a list
// joiner, at most stem runes back, over no hiragana (a joiner word such as
// 及び aside). ok is false when no joiner starts it within that reach.
func itemStart(s string, end, stem int) (int, bool) {
	i := end
	for n := 0; i > 0; n++ {
		if text.HasSuffixAny(s[:i], joiners.wordsBefore) {
			return i, true
		}
		r, w := utf8.DecodeLastRuneInString(s[:i])
		if strings.ContainsRune(joiners.runesBefore, r) {
			return i, true
		}
		if n == stem || unicode.In(r, unicode.Hiragana) || r == utf8.RuneError {
			return i, false
		}
		i -= w
	}
	return 0, true
}

// delimitedAt reports whether s[i:j] stands alone between list separators.
func delimitedAt(s string, i, j int) bool {
	// The runes next to the word are decoded in place: converting all of
	// s[:i] or s[j:] to []rune to read one rune cost more than the rest of
	// typesIn.
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[j:])
	before := i == 0 || strings.ContainsRune(joiners.runesBefore, prev) || text.HasSuffixAny(s[:i], joiners.wordsBefore)
	after := j == len(s) || strings.ContainsRune(joiners.runesAfter, next) || text.HasPrefixAny(s[j:], joiners.wordsAfter)
	return before && after
}

// The word lists DataTypes checks a sentence against, as bits of
// dataTypeLists.in.
const (
	hasNegation = 1 << iota
	hasHeldNot  // heldNotButLeaked
	hasBelow    // negatedListCues.contains: 以下
	hasDeny     // denials.phrases: わけではない
	hasSpoofMail
	hasSpoofLeak // what makes a spoofed mail's sentence one about a leak
	hasLeakContext
	hasRequest
	hasRequestLeak // what makes a request one about a leak
	hasHeadingLeak // what makes a heading one over the data that leaked
)

var dataTypeLists = text.NewListSet(dataTypeListWords...)

var dataTypeListWords = [][]string{negations, heldNot, negatedListCues.contains, denials.phrases, spoofMails, spoofLeaks,
	leakContext, requests, requestLeaks, headingLeaks}

// sentenceIndex finds in one pass over a sentence the words of dataTerms
// (a hit's Word below len(dataTerms) is the term's index) and those of
// dataTypeLists' lists (sentenceListBits[Word-len(dataTerms)] are the
// lists of the word): Find reads both of every sentence, and two scans
// of it were a quarter of its time.
var sentenceIndex, sentenceListBits = text.NewListIndex(dataTermWords(), dataTypeListWords...)

// scanSentence appends to hits the hits of dataTermIndex in s, as
// dataTermIndex.AppendHits(hits, s) gives them, and returns the lists
// with a word in s, as dataTypeLists.In(s).
func scanSentence(hits []wordscan.Hit, s string) ([]wordscan.Hit, uint64) {
	var all [32]wordscan.Hit
	return readSentence(hits, sentenceIndex.AppendHits(all[:0], s))
}

// readSentence is scanSentence for all, the hits of sentenceIndex in the
// sentence.
func readSentence(hits, all []wordscan.Hit) ([]wordscan.Hit, uint64) {
	var has uint64
	for _, h := range all {
		if h.Word < len(dataTerms) {
			hits = append(hits, h)
			continue
		}
		has |= sentenceListBits[h.Word-len(dataTerms)]
	}
	return hits, has
}

// ScanWords are the words Find looks for in each sentence (the data terms
// and the words of its lists), in the order of the hits FindScanned
// reads: a caller that scans the sentences for other words too can find
// these in the same pass.
func ScanWords() []string { return sentenceIndex.Words() }

// Find collects the types named as leaked: in sentences or list items
// about leaked data, less the types a negated sentence (or the list under
// it) names.
func Find(w *text.Watch, sents []text.Sentence) ([]string, string) {
	return FindScanned(w, sents, nil)
}

// FindScanned is Find with the hits of ScanWords in each sentence given:
// hits[i] are those in sents[i].Text, in the order wordscan's AppendHits
// gives them (it reads them, and leaves them as they are). nil hits: Find
// scans the sentences itself.
func FindScanned(w *text.Watch, sents []text.Sentence, sentenceHits [][]wordscan.Hit) ([]string, string) {
	negated := map[string]bool{}
	// The texts that named each type as leaked (a type is found when it
	// has one), and the terms a negation named: a negation that names a
	// part of a type (セキュリティコード) leaves the type its other terms
	// named (クレジットカード番号) leaked.
	// The found texts' terms are read at the end, for the few types also
	// negated.
	foundTexts, negatedTerms := map[string][]string{}, map[string][]string{}
	noteTerms := func(into map[string][]string, s string, kinds func(string) bool) {
		for _, t := range termsIn(s) {
			if kinds(t.kind) && !slices.Contains(into[t.kind], t.word) {
				into[t.kind] = append(into[t.kind], t.word)
			}
		}
	}
	var evidence string
	negatedList := -1 // line under which list items are negated
	var heading string
	var headingLeak, headingNamesLeak, headingSpoof, headingResponse, headingProfile bool
	profileItems := false // the list items of a person's profile go on
	var buf [32]wordscan.Hit
	for i, s := range sents {
		w.Check()
		// has is the lists with a word in s.Text, read again when it
		// changes; hits are the data terms in it until then (scanned).
		var hits []wordscan.Hit
		var has uint64
		if sentenceHits != nil {
			hits, has = readSentence(buf[:0], sentenceHits[i])
		} else {
			hits, has = scanSentence(buf[:0], s.Text)
		}
		scanned := true
		// The text's last sentence, cut before its end, leaves its last
		// clause's role open (「…また、メールアドレスのご登録」 may go on
		// as a remedy or a contact): its data words are read only when
		// the clause itself, or what heads it (its heading, or a line
		// above with no 。 such as 「漏えいしたデータに含まれていた情報」),
		// says they leaked.
		if i == len(sents)-1 {
			head := s.Heading
			if i > 0 && !strings.HasSuffix(sents[i-1].Text, "。") {
				head += "\n" + sents[i-1].Text
			}
			if c := text.CutClause(s); c >= 0 && dataTypeLists.In(s.Text[c:])&hasLeakContext == 0 && dataTypeLists.In(head)&hasLeakContext == 0 {
				s.Text = s.Text[:c]
				has, scanned = dataTypeLists.In(s.Text), false
			}
		}
		if has&hasDeny != 0 {
			// 「…からパスワードがわかるわけではありません」 denies a
			// consequence, not that the data leaked.
			s.Text = denials.cut.Replace(s.Text)
			has, scanned = dataTypeLists.In(s.Text), false
		}
		if i == 0 || s.Heading != heading {
			// A short line right under a heading that says data leaked is
			// what leaked, though the splitter takes it for a heading of
			// its own: 「1 流出した個人情報」「団体Aの申込者の名前及び電話番号」.
			// The heading above must hold a leak word itself (uses
			// heading in leak_words.tsv; 情報 is not enough: a menu of
			// 「[資格情報のお知らせ…]」 links), and only its own words
			// carry over: the next heading (「2 事案の経過」) starts afresh.
			underLeak := i > 0 && s.Text == s.Heading && sents[i-1].Text == heading && headingNamesLeak
			heading = s.Heading
			headingHas := dataTypeLists.In(heading)
			headingLeak, headingSpoof = headingHas&hasLeakContext != 0 || underLeak, spoofWarning(headingHas)
			headingNamesLeak = headingHas&hasHeadingLeak != 0
			headingResponse = text.ContainsAny(heading, responseHeadings)
			headingProfile = text.ContainsAny(heading, profileHeadings)
		}
		// Under 「該当職員」 the items describe the person: 「(1)所属 水道課」,
		// 「(2)年齢 50歳代」 (an item may head the next, as a short line).
		switch {
		case headingProfile && s.Item, profileItems && s.Item:
			profileItems = true
			continue
		case !strings.HasSuffix(s.Text, "。") && text.ContainsAny(s.Text, profileHeadings):
			profileItems = true
			continue
		default:
			profileItems = false
		}
		// Under 「確認されている不審メールの例」 the lines describe the
		// spoofed mail: its sender's name and address are no leaked data.
		if spoofWarning(has) || headingSpoof && has&hasSpoofLeak == 0 {
			continue
		}
		// Only a sentence with a negation has bracketed parts that hold
		// one.
		if has&hasNegation != 0 {
			for _, p := range negatedParts(s.Text) {
				ts := typesIn(p)
				for _, t := range ts {
					negated[t] = true
				}
				noteTerms(negatedTerms, p, func(k string) bool { return slices.Contains(ts, k) })
			}
			if t := withoutNegatedParts(s.Text); t != s.Text {
				s.Text = t
				has, scanned = dataTypeLists.In(s.Text), false
			}
		}
		var types []string
		posText := s.Text // the text the types were read from, for foundTexts
		if scanned {
			types = typesOfHits(s.Text, hits)
		} else {
			types = typesIn(s.Text)
		}
		all := len(types) // typesIn(s.Text), for isTermList
		neg := has&hasNegation != 0 && has&hasHeldNot == 0
		if neg && (has&hasBelow != 0 || text.HasSuffixAny(s.Text, negatedListCues.ends)) {
			negatedList = i
		}
		if negatedList >= 0 && i > negatedList && !s.Item {
			negatedList = -1
		}
		if len(types) == 0 {
			continue
		}
		switch {
		case neg && has&hasBelow == 0 && aboutOtherPeople(s.Text):
			// 「他の会員様におかれましては…流出はございません」: the others'
			// data, which tells nothing of what leaked.
			continue
		case neg && has&hasBelow == 0:
			negatedPart := partBeforeNegation(s.Text)
			ts := typesIn(negatedPart)
			for _, t := range ts {
				negated[t] = true
			}
			noteTerms(negatedTerms, negatedPart, func(k string) bool { return slices.Contains(ts, k) })
			// What comes before the negated clause still counts:
			// 「診察券番号※医療機関名は含まれておりません」.
			head := s.Text[:negationScope(s.Text[:firstNegation(s.Text)])]
			types = nil
			posText = ""
			if text.ContainsAny(head, negationScopes.keepHead) {
				kept := exclusionKept(head)
				types = typesIn(kept)
				posText = kept
				if examples := head[:len(head)-len(kept)]; examples != "" {
					// 「氏名など電子メールアドレス以外の…は表示されておらず」:
					// the name is an example of what was not shown.
					for _, t := range typesIn(examples) {
						negated[t] = true
					}
				}
			}
			// What comes after a contrast that ends the negated clause
			// counts too: 「氏名は記録されていないものの、患者IDと病名が記録」.
			tail := contrastTail(s.Text)
			for _, t := range typesIn(tail) {
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
		// Under a heading about the response (対応, 再発防止), a list item
		// is a measure: 「ログインパスワード等をシステム側で変更」.
		ctx := has&hasLeakContext != 0 || headingLeak ||
			(s.Item && !headingResponse && listContext(sents, i)) || isTermList(s.Text, all)
		if !ctx || isRequest(has) {
			continue
		}
		for _, t := range types {
			foundTexts[t] = append(foundTexts[t], posText)
		}
		if evidence == "" {
			evidence = s.Text
		}
	}
	var out []string
	for _, t := range schemas.DataTypes {
		if len(foundTexts[t]) == 0 {
			continue
		}
		if negated[t] {
			foundTerms := map[string][]string{}
			for _, s := range foundTexts[t] {
				noteTerms(foundTerms, s, func(k string) bool { return k == t })
			}
			if deniesAll(negatedTerms[t], foundTerms[t]) {
				continue
			}
		}
		out = append(out, t)
	}
	return out, evidence
}

// deniesAll reports whether the terms a type's negations named deny every
// term that named it as leaked: each of those, or the type as a whole (a
// term that holds 情報: クレジットカード情報は含まれておりません). No term
// found (a type read from a list's context) is denied by any negation.
func deniesAll(negated, found []string) bool {
	for _, w := range negated {
		if strings.Contains(w, "情報") {
			return true
		}
	}
	for _, w := range found {
		if !slices.Contains(negated, w) {
			return false
		}
	}
	return true
}

// heldNotButLeaked reports a sentence that says a type was not held and
// then how it leaked anyway, as card-skimming notices do:
// 「弊社ではクレジットカード情報を保有しておりませんでしたが、…改ざんされ」.
func heldNotButLeaked(s string) bool { return text.ContainsAny(s, heldNot) }

// negatedParts are the bracketed parts of s that hold a negation.
func negatedParts(s string) []string {
	var out []string
	for from := 0; ; {
		i := strings.Index(s[from:], "(")
		if i < 0 {
			return out
		}
		i += from
		j := strings.Index(s[i:], ")")
		if j < 0 {
			return out
		}
		if p := s[i+1 : i+j]; text.ContainsAny(p, negations) {
			out = append(out, p[negationScope(p):])
		}
		from = i + j + 1
	}
}

// listContext reports whether the list that item i belongs to is
// introduced by a line about leaked data: it walks back over the items and
// short lines of the list.
func listContext(sents []text.Sentence, i int) bool {
	for j := i - 1; j >= 0 && j >= i-dataTypeWeights.listContextLookback; j-- {
		// Joined, since a word may span the two.
		t := sents[j].Text + sents[j].Heading
		if dataTypeLists.In(t)&hasLeakContext != 0 {
			return true
		}
		if !sents[j].Item && utf8.RuneCountInString(sents[j].Text) > dataTypeWeights.listContextMaxLine {
			return false
		}
	}
	return false
}

// aboutOtherPeople reports whether the clause that s's first negation
// ends names people other than those whose data leaked (other_people.tsv).
func aboutOtherPeople(s string) bool {
	i := firstNegation(s)
	return text.ContainsAny(s[negationScope(s[:i]):i], otherPeople)
}

// partBeforeNegation is the part of s its first negation negates: in
// 「住所や生年月日…は登録されておりません」 the types before the negation are
// the ones not leaked. A noun negation (noun_negations.tsv) negates only
// the phrase after the last particle before it: 「メールアドレスをBCC欄ではな
// く」 negates BCC欄.
func partBeforeNegation(s string) string {
	i := firstNegation(s)
	start := negationScope(s[:i])
	if text.HasPrefixAny(s[i:], nounNegations["negation"]) {
		for _, p := range nounNegations["particle"] {
			if k := strings.LastIndex(s[start:i], p); k >= 0 {
				start += k + len(p)
			}
		}
	}
	return s[start:i]
}

// contrastTail is the part of s after the contrast word (ものの, が、;
// negation_contrast.tsv) that ends the clause of its first negation, ""
// when none does or when the part holds a negation of its own.
func contrastTail(s string) string {
	i := firstNegation(s)
	end := -1
	for _, c := range negationContrasts {
		if k := strings.Index(s[i:], c); k >= 0 && (end < 0 || i+k+len(c) < end) {
			end = i + k + len(c)
		}
	}
	if end < 0 || text.ContainsAny(s[end:], negations) {
		return ""
	}
	return s[end:]
}

// firstNegation is where the first negation in s begins, len(s) if none.
func firstNegation(s string) int {
	i := len(s)
	for _, n := range negations {
		if j := strings.Index(s, n); j >= 0 && j < i {
			i = j
		}
	}
	return i
}

// exclusionKept is the part of head, the text before a negated clause,
// that its marks keep as leaked: all of it, unless it ends with an
// exclusion mark (以外) after an example mark (など), where only what
// follows the last example mark is kept.
func exclusionKept(head string) string {
	if !text.HasSuffixAny(head, negationScopes.exclusion) {
		return head
	}
	return head[max(0, text.LastEndAny(head, exampleMarks)):]
}

// negationScope is where the clause that a negation ends begins: after a
// note mark, an opening bracket that is still open, or a sentence start.
// In 「診察券番号(妻)※医療機関名は含まれておりません」 only 医療機関名 is
// negated.
func negationScope(s string) int {
	start := max(0, text.LastEndAny(s, negationScopes.all))
	if k := strings.LastIndex(s, "("); k >= 0 && k+1 > start && !strings.Contains(s[k:], ")") {
		start = k + 1
	}
	return start
}

// withoutNegatedParts removes the bracketed or noted parts of s that hold a
// negation: 「(1)患者ID及びカナ氏名(住所や電話番号はありません。)」 leaked
// the ID and the name, not the address.
func withoutNegatedParts(s string) string {
	for {
		i := strings.Index(s, "(")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], ")")
		if j < 0 {
			return s
		}
		if !text.ContainsAny(s[i:i+j], negations) {
			rest := withoutNegatedParts(s[i+j+1:])
			return s[:i+j+1] + rest
		}
		s = s[:i] + s[i+j+1:]
	}
}

// isTermList reports whether a line is itself a list of data items, such as
// "氏名、住所、電話番号" or "患者ID、氏名、生年月日".
// types is len(typesIn(s)).
func isTermList(s string, types int) bool {
	if types < dataTypeWeights.termListMinTypes {
		return false
	}
	seps := 0
	for _, sep := range termListSeparator {
		seps += strings.Count(s, sep)
	}
	return seps >= dataTypeWeights.termListMinSeparators
}

// isRequest reports whether a sentence asks the reader for something
// (password change, card statement check) rather than says what leaked.
// has is dataTypeLists.in(s).
func isRequest(has uint64) bool {
	return has&hasRequest != 0 && has&hasRequestLeak == 0
}

// contactValue reports whether a phone or fax word labels a number that
// follows it, 「TEL:089-000-0000」: a contact desk's number, not data that
// leaked.
func contactValue(kind, after string) bool {
	if !contactLabels[kind] {
		return false
	}
	after = strings.TrimLeft(after, ": ")
	if kind == "email" {
		return addressOpens(after)
	}
	digits := 0
	for _, r := range after {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case (r == '-' || r == '(' || r == ')') && digits >= dataTypeWeights.contactMinDigits:
			return true
		default:
			return false
		}
	}
	return false
}

// addressOpens reports whether s opens with a mail address: a local part
// of ASCII letters, digits and ._%+- then @ and a domain with a dot
// (「kyoiku-g05@sbox.pref.osaka.lg.jp」).
func addressOpens(s string) bool {
	at := 0
	for at < len(s) && at <= 64 && (s[at] >= 'a' && s[at] <= 'z' || s[at] >= 'A' && s[at] <= 'Z' || s[at] >= '0' && s[at] <= '9' || strings.IndexByte("._%+-", s[at]) >= 0) {
		at++
	}
	if at == 0 || at >= len(s) || s[at] != '@' {
		return false
	}
	domain := s[at+1:]
	end := 0
	for end < len(domain) && (domain[end] >= 'a' && domain[end] <= 'z' || domain[end] >= 'A' && domain[end] <= 'Z' || domain[end] >= '0' && domain[end] <= '9' || domain[end] == '.' || domain[end] == '-') {
		end++
	}
	return strings.Contains(strings.Trim(domain[:end], "."), ".")
}

// spoofWarning reports a sentence that describes spoofed mail, its sender's
// name and address or its password-protected attachment, as a warning to
// the reader, without saying that data leaked.
// has is dataTypeLists.in(s).
func spoofWarning(has uint64) bool {
	return has&hasSpoofMail != 0 && has&hasSpoofLeak == 0
}
