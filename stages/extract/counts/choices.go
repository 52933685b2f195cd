package counts

// Which count of several a sentence or a notice states, and the count of
// a notice that states none: the rules of filters.tsv that read more than
// the words right around a number.

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/runes"
	"github.com/breachtrend/breachtrend/stages/extract/text"
)

// dropPopulations drops a count that is the population a later count of
// the sentence is taken from: 「会員約3万人のうち、約1,200人のカード情報が
// 流出」 states 1,200 affected people. The count is followed by a
// population_after word (のうち), maybe after の and the noun of what it
// counts (約5万人分の顧客データのうち), and no leak_verbs word stands
// before it in its clause (since the last 、); after 「流出した1,234名のう
// ち、56名は…」 the 1,234 leaked, and the 56 are a part of them, but in
// 「誤送信された受験許可証は、上記送付先359件のうち162名分」 the verb tells
// of the 162. A count of a sentence of several whose clause after it names
// the data the leak was taken from (source_after: 患者約1万4500人分が記録
// された元データから抜き取られた), or the people who could see it
// (viewers), is dropped too.
//
// A population needs a later count in its sentence (lastStart, where the
// last count found begins), kept or not: 「寄付者10万6696人のうち、…メッセ
// ージを送った1万14人が対象」 is a population though the later count is
// read as recipients and dropped.
func dropPopulations(s string, cs []countMention, lastStart int) []countMention {
	kept := cs[:0]
	population := countFilters["population_after"]
	for k, c := range cs {
		later := k+1 < len(cs) || lastStart > c.Start
		clause := s[:c.Start]
		if i := strings.LastIndex(clause, "、"); i >= 0 {
			clause = clause[i:]
		}
		after := s[c.End:]
		if later {
			// an aside between the count and のうち: 「寄付者10万6696人(寄付額…)のうち」
			after = skipAside(after, countWindows.populationAside)
		}
		if later && (text.HasPrefixAny(after, population) || text.HasPrefixAny(afterPersonNoun(after), population)) &&
			!text.ContainsAny(clause, countFilters["leak_verbs"]) {
			continue
		}
		if wholeGroupCount(s, c) {
			continue
		}
		if len(cs) > 1 && namesSource(after) {
			continue
		}
		if later && contrasted(after) {
			continue
		}
		if len(cs) > 1 && countUnitKind[c.Unit] == unitPerson && viewers(after) {
			continue
		}
		kept = append(kept, c)
	}
	return kept
}

// wholeGroupCount reports whether c counts a whole group (whole_group)
// in a sentence that tells no leak (strong_leak): 「88万人の全会員のパス
// ワードを初期化」, 「全会員約2万人にご案内」 give the size of everyone a
// measure covers, not whose data leaked. 「全会員約2万人の個人情報が流出」
// tells the leak and keeps it.
func wholeGroupCount(s string, c countMention) bool {
	whole := countFilters["whole_group"]
	before := strings.TrimRight(s[:c.Start], " ") // (the count's own 約 is inside it: 全会員|約2万人)
	after := strings.TrimPrefix(s[c.End:], "の")
	if !text.HasSuffixAny(before, whole) && !text.HasPrefixAny(after, whole) {
		return false
	}
	return !text.ContainsAny(s, strongLeakWords)
}

// viewers reports whether the words after a person count (an aside in
// brackets of at most viewers_aside characters passed over) say the people
// could see something (viewers_after: 「登録ユーザーである9662人(5月10日現
// 在)が閲覧できる状態」): they are who could look, not whose data showed,
// when the sentence counts another.
func viewers(after string) bool {
	return text.HasPrefixAny(skipAside(after, countWindows.viewersAside), countFilters["viewers_after"])
}

// skipAside is after less the aside in brackets that opens it, when that
// holds at most runes characters; after itself otherwise.
func skipAside(after string, runes int) string {
	if strings.HasPrefix(after, "(") {
		if i := strings.Index(after, ")"); i >= 0 && text.RuneCountTo(after[:i], runes+1) <= runes {
			return after[i+len(")"):]
		}
	}
	return after
}

// namesSource reports whether the clause after a count (to the first 、 or
// 。) names the data a leak was taken from (source_after).
func namesSource(after string) bool {
	clause := after
	if i := strings.IndexAny(clause, "、。"); i >= 0 {
		clause = clause[:i]
	}
	return text.ContainsAny(clause, countFilters["source_after"])
}

// contrasted reports whether the clause after a count (to the first 、)
// ends in a contrast (contrast_after): 「327人にはBccで送ったものの、331人
// には誤って「To」欄に」 counts what went right before what went wrong.
func contrasted(after string) bool {
	clause, _, found := strings.Cut(after, "、")
	return found && !strings.Contains(clause, "。") && text.HasSuffixAny(clause, countFilters["contrast_after"])
}

// brokenInto reports whether a record or account count, with head the
// sentence before it, counts the accounts someone broke into: a
// broken_into word (不正ログイン) in the count's clause, within
// broken_into_before characters, and no attempts word (試行) after it.
// 「不正ログイン件数:34,161件」 counts accounts whose data could be seen;
// 「ログイン試行5,656,686件」 and 「ログイン3件」 count no one.
func brokenInto(kind, head string) bool {
	if kind != unitRecord && kind != unitAccount {
		return false
	}
	clause := text.LastRunes(head, countWindows.brokenIntoBefore)
	if i := text.ClauseEnds.LastIndex(clause); i >= 0 {
		clause = clause[i:]
	}
	at, size := -1, 0
	for _, w := range countFilters["broken_into"] {
		if i := strings.LastIndex(clause, w); i > at {
			at, size = i, len(w)
		}
	}
	return at >= 0 && !text.ContainsAny(clause[at+size:], countFilters["attempts"])
}

// documentsBefore reports whether a record count, with before the text
// before it in its clause, counts documents (書類, 封筒): a documents word
// with no data_before word (情報) after it. 「書類が計12件」 counts papers,
// whoever's data they held; 「書類に記載された個人情報300件」 counts records.
func documentsBefore(before string) bool {
	at := text.LastEndAny(before, countFilters["documents_before"])
	return at >= 0 && !text.ContainsAny(before[at:], countFilters["data_before"])
}

// lostRecords reports whether a documents count (documentsBefore) counts
// records after all: a data_before word qualifies the documents before
// their word in the count's clause (before, the text up to the count,
// read from its last comma), and the documents themselves were lost or thrown away
// (documents_lost right after the count): 「顧客情報が記載された書類349件を
// 紛失」, each document a customer's record. Not 「個人情報を含む書類が計12件
// 入っていました」, papers in one envelope.
func lostRecords(before, after string) bool {
	if i := text.Commas.LastIndex(before); i >= 0 {
		before = before[i:] // the count's clause
	}
	end := text.LastEndAny(before, countFilters["documents_before"])
	return end > 0 && text.ContainsAny(before[:end], countFilters["data_before"]) &&
		text.HasPrefixAny(strings.TrimLeft(after, " "), countFilters["documents_lost"])
}

// listsOfWholeGroups marks the items of each list that names a whole
// group with no number (whole_group: 全生徒, 全児童): what leaked holds
// everyone of an uncounted group, so the list's counts are parts of an
// unknown total. In 「・指導資料(生徒1名分)」 over 「・在籍生徒一覧
// (全生徒の氏名)」 no count of the affected is stated.
func listsOfWholeGroups(sents []text.Sentence) map[int]bool {
	var marked map[int]bool
	for start := 0; start < len(sents); {
		if !sents[start].Item {
			start++
			continue
		}
		end := start
		whole := false
		for ; end < len(sents) && sents[end].Item; end++ {
			if text.ContainsAny(sents[end].Text, countFilters["whole_group"]) && !countCue(sents[end].Text) {
				whole = true
			}
		}
		if whole {
			if marked == nil {
				marked = map[int]bool{}
			}
			for k := start; k < end; k++ {
				marked[k] = true
			}
		}
		start = end
	}
	return marked
}

// misdeliveredItems finds, in a notice that states no count, the largest
// record or letter count (件, 通) of the items sent in a sentence that
// says they went to the wrong place (filters.tsv misdelivery), or stands
// under a heading or in a notice whose title says so, and does not say
// they held no data (no_data): 「送付数 22件」 under 「申請書の誤送付に
// ついて」 counts the letters and 「誤送信が全227件発生」 the mails, each of
// which held one person's data or showed their address. A count in a
// sentence that itself says so wins over one that only stands under such a
// title or heading: 「誤送付件数 1通」 over 「郵送件数 12通」, the letters
// that went astray over all those sent.
func misdeliveredItems(sents []text.Sentence) (countMention, string, bool) {
	var best, bestOwn countMention
	var ev, evOwn string
	// The title says so: one of the lines before the body's first sentence
	// (a site's name may stand above the title).
	titled := false
	for k, s := range sents {
		if k == countWindows.titleSentences || strings.HasSuffix(s.Text, "。") {
			break
		}
		titled = titled || text.ContainsAny(s.Text, countFilters["misdelivery"])
	}
	for _, s := range sents {
		own := text.ContainsAny(s.Text, countFilters["misdelivery"])
		said := titled || own || text.ContainsAny(s.Heading, countFilters["misdelivery"])
		if !said || text.ContainsAny(s.Text, countFilters["no_data"]) {
			continue // 「誤送信したメール120件について、個人情報はありませんでした」
		}
		for _, c := range scanCounts(s.Text, true) {
			k := countUnitKind[c.Unit]
			if k != unitRecord && k != unitLetter {
				continue
			}
			if c.Value > best.Value {
				best, ev = c, s.Text
			}
			if own && c.Value > bestOwn.Value {
				bestOwn, evOwn = c, s.Text
			}
		}
	}
	if bestOwn.Value > 0 {
		return bestOwn, evOwn, true
	}
	return best, ev, best.Value > 0
}

// onePersonWords are filters.tsv's one_person words, with the masks that
// rule most of them out of a sentence at once: onePerson reads every
// sentence of a notice with no count.
var onePersonWords = text.NewWordList(countFilters["one_person"])

// onePerson finds, in a notice that states no count, a sentence about
// leaked data that names one person without a number: 「あるユーザー様の
// パスワードが漏洩」, 「知人女性の住所情報を不正に収集」, 「その方の氏名や
// 住所…を閲覧」 (filters.tsv one_person). A word that begins in hiragana
// (ある, その) must not be the end of another word: in 「対象であるお客様」
// ある is a verb and the customers are many.
func onePerson(sents []text.Sentence) (string, bool) {
	for _, s := range sents {
		if !onePersonWords.In(s.Text) ||
			!text.ContainsAny(s.Text, leakWords) && !text.ContainsAny(s.Heading, leakWords) && !s.Item {
			continue
		}
		for _, w := range countFilters["one_person"] {
			first, _ := utf8.DecodeRuneInString(w)
			for i := range text.Occurrences(s.Text, w) {
				prev, _ := utf8.DecodeLastRuneInString(s.Text[:i])
				if unicode.In(first, unicode.Hiragana) && i > 0 && unicode.IsLetter(prev) {
					continue
				}
				if text.HasPrefixAny(s.Text[i+len(w):], countFilters["one_person_target"]) {
					continue // 特定のお客様宛にDDoS攻撃: the attack's target
				}
				return s.Text, true
			}
		}
	}
	return "", false
}

// letteredPersons counts, in a notice with no count, the persons it hides
// behind a letter (Aさん, B氏, 被保険者C様: filters.tsv letter_title)
// whose data a sentence about leaked data (as leak says) names: the
// letter and its title, の (after a closing
// bracket too, 他のお客さま(B様)の), and a letter_data word within
// letter_data_reach characters of its clause, not followed by a
// letter_destination word (「B様の住所に送付」, 「C氏の書類送付先」 name
// where a letter went). Letters joined before
// the の share it (A様とB様の健診結果). 「A氏の保護決定通知書をB氏が受け
// 取った」 names one person's data, 「A様とB様の健診結果をそれぞれ逆に
// 封入」 two. A role noun may stand before the letter instead of a title
// after it (被保険者Aの納入通知書: letter_role_before). A person a
// sentence holding a letter_not_leaked word names (「Bの免許証が入った
// 郵便物は到達前に回収したため、漏えいには至っていない」) is taken out.
// The evidence is the first sentence that names one.
func letteredPersons(sents []text.Sentence) (int, string) {
	seen, safe := map[byte]bool{}, map[byte]bool{}
	ev := ""
	for _, s := range sents {
		if !text.ContainsAny(s.Text, countFilters["letter_title"]) && !text.ContainsAny(s.Text, countFilters["letter_role_before"]) ||
			!text.ContainsAny(s.Text, leakWords) && !text.ContainsAny(s.Heading, leakWords) && !s.Item {
			continue // 「Aさんの紹介状を交付した」: A's own letter, given to A
		}
		if text.ContainsAny(s.Text, countFilters["letter_response"]) {
			continue // 「…謝罪し、了承を得るとともに、Aさんの紹介状を交付した」: the remedy
		}
		t := s.Text
		notLeaked := text.ContainsAny(t, countFilters["letter_not_leaked"])
		for i := 0; i < len(t); i++ {
			chain, end := letterChain(t, i)
			if len(chain) == 0 {
				continue
			}
			i = end - 1
			rest, ok := strings.CutPrefix(t[end:], "の")
			if !ok {
				continue
			}
			data, alongside := letterData(rest)
			if !data {
				continue
			}
			for _, l := range chain {
				if notLeaked || alongside {
					safe[l] = true
				} else {
					seen[l] = true
				}
			}
			if ev == "" && !notLeaked && !alongside {
				ev = t
			}
		}
	}
	n := 0
	for l := range seen {
		if !safe[l] {
			n++
		}
	}
	return n, ev
}

// letterChain reads the lettered persons that start at t[i]
// (letterPerson), joined by letter_joiners words: their letters and the
// end of the chain. It reads each person once, so a chain of any length
// costs its length.
func letterChain(t string, i int) ([]byte, int) {
	var chain []byte
	for {
		n := letterPerson(t, i)
		if n == 0 {
			return chain, i
		}
		chain = append(chain, t[i])
		i += n
		end := i
		joined := false
		for _, j := range countFilters["letter_joiners"] {
			if strings.HasPrefix(t[i:], j) {
				i += len(j)
				joined = true
				break
			}
		}
		if !joined {
			return chain, end
		}
		i += roleNounBefore(t, i)
		if letterPerson(t, i) == 0 {
			return chain, end
		}
	}
}

// roleNounBefore is the length of a run of at most letter_role kanji at
// t[i] that a lettered person follows (受診者 of 「A様と受診者B様の」), 0
// when none: the role the persons share, written again before the next.
func roleNounBefore(t string, i int) int {
	n, k := 0, i
	for k < len(t) && n < countWindows.letterRole {
		r, size := utf8.DecodeRuneInString(t[k:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		k += size
		n++
	}
	if n == 0 || letterPerson(t, k) == 0 {
		return 0
	}
	return k - i
}

// letterPerson is the length of the lettered person at t[i] (a capital
// letter after no other letter or digit, then a letter_title word, or
// after a letter_role_before word and before no letter or digit; maybe a
// closing bracket), 0 when none stands there.
func letterPerson(t string, i int) int {
	if i >= len(t) || t[i] < 'A' || t[i] > 'Z' || i > 0 && isAlnumByte(t[i-1]) {
		return 0
	}
	n := 0
	for _, w := range countFilters["letter_title"] {
		if strings.HasPrefix(t[i+1:], w) {
			n = 1 + len(w)
			break
		}
	}
	if n == 0 {
		if i+1 < len(t) && isAlnumByte(t[i+1]) || !text.HasSuffixAny(t[:i], countFilters["letter_role_before"]) {
			return 0
		}
		n = 1
	}
	if strings.HasPrefix(t[i+n:], ")") {
		n++
	}
	return n
}

// letterData reports whether rest, the words after a lettered person's の,
// names data within letter_data_reach characters of its clause, before any
// letter_data_breaks word (…親族より受理した書類 is not the person's), that is no
// destination (letter_destination: …住所に, …通知書の送付先), was not only
// looked at (letter_checked: …登録情報を確認) and is not what should have
// been done instead (letter_unrealized in the data's clause: …住所を変更す
// べきところを). alongside reports that the data went along with another's
// (letter_alongside: 「Aの検査結果と一緒にBの検査結果も手渡した」): the
// person is the one it went to, whose own data did not leak.
func letterData(rest string) (data, alongside bool) {
	// A prefix of rest's own bytes: the offsets found in it index rest
	// (text.FirstRunes makes an invalid byte U+FFFD, three bytes long).
	window := runes.Prefix(rest, countWindows.letterDataReach)
	if k := strings.IndexAny(window, "、。,"); k >= 0 {
		window = window[:k]
	}
	for _, w := range countFilters["letter_data_breaks"] {
		if k := strings.Index(window, w); k >= 0 {
			window = window[:k] // 「Bの親族より受理した関係書類」: the data came from another
		}
	}
	for _, w := range countFilters["letter_data"] {
		for at := range text.Occurrences(window, w) {
			after := rest[at+len(w):]
			if text.HasPrefixAny(after, countFilters["letter_alongside"]) {
				return true, true
			}
			if text.HasPrefixAny(after, countFilters["letter_destination"]) || text.HasPrefixAny(after, countFilters["letter_checked"]) {
				continue
			}
			clause := after
			if k := strings.IndexAny(clause, "、。,"); k >= 0 {
				clause = clause[:k]
			}
			if !text.ContainsAny(clause, countFilters["letter_unrealized"]) {
				return true, false
			}
		}
	}
	return false, false
}

func isAlnumByte(b byte) bool {
	return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' || b >= '0' && b <= '9'
}
