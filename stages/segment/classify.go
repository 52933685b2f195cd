package segment

import "github.com/breachtrend/breachtrend/internal/wordscan"

// weighted is a term and the evidence it gives.
type weighted struct {
	term   string
	weight float64
}

// noticeTerms are what an incident notice says: what happened, to whose
// data, and the apology. Each counts once however often it occurs, so a
// long text does not outvote a short excerpt.
var noticeTerms = []weighted{
	{"漏えい", 2}, {"漏洩", 2}, {"流出", 2}, {"個人情報", 1.5}, {"個人データ", 1.5},
	{"不正アクセス", 2}, {"お詫び", 2}, {"おわび", 2}, {"陳謝", 2}, {"ご迷惑", 1.5}, {"ご心配", 1.5},
	{"誤送信", 3}, {"誤送付", 3}, {"誤配布", 3}, {"誤交付", 3}, {"誤掲載", 3}, {"誤って", 1},
	{"紛失", 2}, {"盗難", 2}, {"所在不明", 2}, {"ランサムウェア", 1.5}, {"サイバー攻撃", 1.5},
	{"被害", 1}, {"判明", 1}, {"発覚", 1}, {"閲覧できる状態", 2}, {"閲覧可能", 2}, {"公開状態", 1.5},
	{"感染", 1}, {"迷惑メール", 1}, {"なりすまし", 1}, {"再発防止", 2}, {"事案", 1}, {"不正利用", 1},
	{"当社", 1}, {"弊社", 1}, {"本学", 1}, {"本院", 1}, {"当院", 1}, {"本市", 1}, {"当協会", 1},
	{"本機構", 1}, {"当機構", 1}, {"当金庫", 1}, {"本校", 1}, {"当法人", 1}, {"本県", 1}, {"本町", 1},
	{"個人情報保護委員会", 1.5}, {"障害", 0.5}, {"調査", 0.5},
	{"不正に", 1.5}, {"間違", 1.5}, {"入れ違", 2}, {"封入", 1}, {"懲戒", 1.5}, {"第三者", 1},
	// Notices of an account takeover or a follow-up report may carry no
	// apology and no leak word.
	{"不正ログイン", 2}, {"フィッシング", 1.5}, {"窃取", 1.5}, {"閲覧された", 1.5}, {"乗っ取", 1.5},
	// A loss or theft of papers or a device, told without an apology.
	{"置き忘れ", 2}, {"盗まれ", 2}, {"車上荒らし", 2}, {"記載されて", 1}, {"名分", 1}, {"人分", 1},
	// A scam that took over a device.
	{"詐欺", 1.5}, {"偽の", 1}, {"遠隔操作", 1.5}, {"保存されて", 1},
	// A system that showed one person's data to another.
	{"不具合", 1.5}, {"誤表示", 2}, {"別の会員", 1}, {"他の会員", 1}, {"他のお客様", 1},
	{"プライバシーマーク", 1}, {"本人とは異なる", 2}, {"誤り", 1}, {"取得され", 1},
}

// articleTerms are what a technical article or tutorial says.
var articleTerms = []weighted{
	{"とは", 1.5}, {"ツール", 1.5}, {"ペイロード", 2}, {"紹介", 1.5}, {"解説", 1.5}, {"手法", 1},
	{"技術", 1}, {"研究者", 1.5}, {"GitHub", 1.5}, {"記事", 1}, {"できます", 1}, {"しましょう", 1.5},
	{"興味", 1.5}, {"テスター", 1.5}, {"ベクトル", 1}, {"チュートリアル", 2}, {"使い方", 1.5},
	{"について学", 1}, {"おすすめ", 1.5}, {"ポリグロット", 1}, {"方法を提供", 1.5}, {"活用してみて", 2},
}

// Classify scores text (normalized) as an incident notice or not. It
// returns the verdict and the margin behind it (notice evidence minus
// article evidence); a margin near zero is a weak verdict.
func Classify(text string) (notice bool, margin float64) {
	return classify(text, false)
}

// noticeThreshold is the notice evidence a segment needs. The sample's
// articles score 0 and its notices 6.5 or more; terse real notices (a lost
// report card, a hijacked account) can carry little more than two or three
// event words, so the bar sits low and the margin against article
// vocabulary does the rest.
const noticeThreshold = 3

// headerPrior is the evidence a blog header gives: the archive that writes
// `#YYYY-NNN` headers collects incident notices.
const headerPrior = 4

func classify(text string, header bool) (notice bool, margin float64) {
	found := classifierTerms.Present(text)
	n, a := score(&found, noticeTerms, 0), score(&found, articleTerms, len(noticeTerms))
	if header {
		n += headerPrior
	}
	margin = n - 1.5*a
	return n >= noticeThreshold && margin > 0, margin
}

// classifierTerms indexes noticeTerms then articleTerms, so that one walk
// over a text finds both: most terms are absent from most segments, and a
// segment is thousands of bytes that strings.Contains would scan once for
// each absent term.
var classifierTerms = func() *wordscan.Index {
	var words []string
	for _, t := range append(append([]weighted(nil), noticeTerms...), articleTerms...) {
		words = append(words, t.term)
	}
	return wordscan.New(words)
}()

// score adds the weights of the terms found; terms[i] is word first+i of
// classifierTerms.
func score(found *wordscan.Set, terms []weighted, first int) float64 {
	s := 0.0
	for i, t := range terms {
		if found.Has(first + i) {
			s += t.weight
		}
	}
	return s
}

// hasBody reports whether any of lines has a rune outside white space.
func hasBody(lines []string) bool {
	for _, l := range lines {
		if hasBodyRune(l) {
			return true
		}
	}
	return false
}

// hasBodyRune reports whether bodyLen(s) > 0, stopping at the first rune
// it counts rather than counting a whole notice.
func hasBodyRune(s string) bool {
	for _, r := range s {
		if isBodyRune(r) {
			return true
		}
	}
	return false
}

// isBodyRune reports whether bodyLen counts r: it is no white space.
func isBodyRune(r rune) bool {
	return r != ' ' && r != '\n' && r != '\u00a0' && r != '\u3000' && r != '\t' && r != '\r'
}

// bodyLen counts the runes of text outside white space.
func bodyLen(s string) int {
	n := 0
	for _, r := range s {
		if isBodyRune(r) {
			n++
		}
	}
	return n
}
