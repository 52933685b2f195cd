// Package title finds the heading of a notice: the line that says what the
// notice is about (「個人情報の漏えいについて」), not the page chrome a web
// capture starts with (skip links, menus, breadcrumbs, 「本文」, a bare date),
// the letterhead of a letter (各位, greetings) or a section heading (概要).
//
// What is chrome and what reads as a title are data: rules/text/
// page_chrome.tsv and rules/text/title_cues.tsv. The shapes that no word
// list can hold (a date, a breadcrumb trail, a numbered item) are here.
package title

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
	"github.com/breachtrend/breachtrend/stages/normalize"
)

const (
	// scanLines bounds the lines read from the top of a notice: the
	// heading of a web capture comes after its menus, rarely after 40
	// lines.
	scanLines = 40
	// bodyLinesSeen ends the scan: after this many lines of running text
	// the notice has started and a heading below is a section's.
	bodyLinesSeen = 2
	// maxTitleRunes is the longest line that may be a heading.
	maxTitleRunes = 100
	// minTitleLetters is the fewest letters of a heading: 概要 or 受験生
	// is a label, not a title.
	minTitleLetters = 4
	// maxSiteRunes is the longest part of a 「title | site」 line that is
	// dropped as the site's name when it holds no title cue.
	maxSiteRunes = 30
)

// Of returns the title of a notice from the lines of its text, normalized:
// the first heading-like line near the top that holds a title cue, else
// the first heading-like line, else the first line of running text (the
// opening of a notice that has no heading). Chrome lines are skipped throughout. It returns "" only
// when every line is chrome.
func Of(lines []string) string { return of(lines, "", false) }

// OfFirstNormalized is Of(lines) for a caller that has normalized the
// first line already (a segmenter that looked at it to find a blog header):
// first is normalize.Text(lines[0]), which Of would work out once more.
func OfFirstNormalized(lines []string, first string) string { return of(lines, first, true) }

// OfNormalized is Of(lines) for lines that are normalized already (as
// normalize.Text folds a text: its wrapped lines joined).
func OfNormalized(lines []string) string { return ofLines(lines, "", false, true) }

// of is Of, with the first line's normalized text given when given.
func of(lines []string, first string, given bool) string { return ofLines(lines, first, given, false) }

// ofLines is Of; every line is normalized already when normalized, else
// the first is when given (as first).
func ofLines(lines []string, first string, given, normalized bool) string {
	var firstHeading, firstText string
	seen, body := 0, 0
	// A menu copied with the page (くらし・手続き / 子育て・教育 / 健康・福祉)
	// is a run of short lines that read as headings without a cue: the
	// lines of the current run, kept until it is known whether the run is
	// long enough to be a menu (menuRunLines); chrome lines (お知らせ一覧)
	// neither break a run nor count in it.
	// A menu's last item that running text follows right away, with no
	// chrome between, is the notice's heading after all (a menu, then
	// 「青葉市立第一中学校」, then the notice): no menu item is followed by
	// the notice's text.
	var run []string
	chromeAfter := false // a chrome line came after the run's last item
	endRun := func(byText bool) {
		candidates := run
		if len(run) >= menuRunLines {
			candidates = nil
			if byText && !chromeAfter {
				candidates = run[len(run)-1:]
			}
		}
		if firstHeading == "" {
			for _, l := range candidates {
				if h := StripSiteName(l); h != "" && !IsChrome(h) {
					firstHeading = h
					break
				}
			}
		}
		run = run[:0]
	}
	for k, raw := range lines {
		if seen == scanLines || body == bodyLinesSeen {
			break
		}
		var l string
		switch {
		case normalized:
			l = strings.TrimSpace(raw)
		case k == 0 && given:
			l = strings.TrimSpace(first)
		default:
			l = strings.TrimSpace(normalize.Text(raw))
		}
		if l == "" {
			continue
		}
		seen++
		if isEnd(l) && (firstHeading != "" || firstText != "" || len(run) > 0) {
			break // the page's footer: the notice ended above
		}
		if IsChrome(l) {
			chromeAfter = len(run) > 0
			continue
		}
		if menuItem(l) {
			run, chromeAfter = append(run, l), false
			continue
		}
		// Looked for once: a heading holds no 。 and running text does
		// (or is long), and the search is slow in Japanese text, whose
		// every kana shares 。's first byte.
		sentence := strings.Contains(l, "。")
		heading := headingLike(l, sentence)
		endRun(!heading && isRunningText(l, sentence))
		if heading {
			h := StripSiteName(l)
			if h == "" || IsChrome(h) {
				continue
			}
			if hasCue(h) {
				return h
			}
			if firstHeading == "" {
				firstHeading = h
			}
			continue
		}
		if !isRunningText(l, sentence) {
			continue // a label (受験生), a short list item
		}
		body++
		if firstText == "" {
			firstText = l
		}
	}
	endRun(false)
	if firstHeading != "" {
		return firstHeading
	}
	return firstText
}

// Menus: menuRunLines short cue-less headings in a row (menuItemRunes
// letters at most each) are a menu copied with the page, not a notice's
// heading and its subtitle (青葉市立第一中学校 / 校長 山田太郎 are two).
const (
	menuRunLines  = 3
	menuItemRunes = 12
)

// menuItem reports whether a line that is no chrome could be an item of a
// menu: a short heading-like line with no title cue.
func menuItem(l string) bool {
	return utf8.RuneCountInString(l) <= menuItemRunes && headingLike(l, strings.Contains(l, "。")) &&
		!hasCue(StripSiteName(l))
}

// isRunningText reports whether a line that is no heading is text of the
// notice: a sentence (it holds a 。, as sentence says), or a line too long
// to be a heading.
func isRunningText(l string, sentence bool) bool {
	return sentence || utf8.RuneCountInString(l) > maxTitleRunes
}

// Clean returns a title given by the source (an HTML <title>, a JSON Lines
// "title"), normalized and without a site name, or "" when it is chrome.
func Clean(t string) string {
	t = StripSiteName(strings.TrimSpace(normalize.Text(t)))
	if t == "" || IsChrome(t) || lettersUpTo(t, minTitleLetters) < minTitleLetters {
		return ""
	}
	return t
}

// headingLike reports whether a line could be a heading: not a sentence
// (no 。, as sentence says), not too long, enough letters, not a list item.
func headingLike(l string, sentence bool) bool {
	return !sentence && utf8.RuneCountInString(l) <= maxTitleRunes &&
		lettersUpTo(l, minTitleLetters) >= minTitleLetters && !isListItem(l)
}

// IsChrome reports whether a normalized line is no heading of a notice:
// a line of rules/text/page_chrome.tsv, a breadcrumb trail, a date (maybe
// labelled: 更新日:2024年6月21日), or a line without letters.
func IsChrome(l string) bool {
	l = strings.TrimSpace(l)
	holds := chromeWordsIn(l)
	if lettersUpTo(l, 1) == 0 || isBreadcrumb(l) || isDateLineHolding(l, holds.dateLabel) {
		return true
	}
	return chromeByLine(l) || holds.contains
}

// chromeByLine reports whether the trimmed line l, or l without its list
// number and marks (bareLine), is a whole chrome line or begins or ends
// with a chrome prefix or suffix.
func chromeByLine(l string) bool {
	bare := bareLine(l)
	return chrome.line[bare] || anyPrefix(l, bare, chrome.prefix) || anySuffix(l, bare, chrome.suffix)
}

// anyPrefix reports whether the line l, or bare (l without its list number
// and marks: bareLine), begins with one of ps.
func anyPrefix(l, bare string, ps []string) bool {
	for _, p := range ps {
		if strings.HasPrefix(l, p) || strings.HasPrefix(bare, p) {
			return true
		}
	}
	return false
}

// anySuffix reports whether the line l, or bare, ends with one of ss.
func anySuffix(l, bare string, ss []string) bool {
	for _, s := range ss {
		if strings.HasSuffix(l, s) || strings.HasSuffix(bare, s) {
			return true
		}
	}
	return false
}

// chromeWords indexes the words that IsChrome looks for anywhere in a
// line, the contains patterns of page_chrome.tsv then its date labels, so
// that one pass over the line finds them all: strings.Contains once per
// word (38 of them) read a long line 38 times.
var chromeWords = wordscan.New(append(slices.Clip(chrome.contains), chrome.dateLabels...))

// chromeHolds is what chromeWordsIn found in a line.
type chromeHolds struct {
	contains  bool // a contains pattern
	dateLabel bool // a date label
}

// chromeWordsIn finds the chromeWords of l.
func chromeWordsIn(l string) chromeHolds {
	var h chromeHolds
	chromeWords.Each(l, func(_, w int) {
		if w < len(chrome.contains) {
			h.contains = true
		} else {
			h.dateLabel = true
		}
	})
	return h
}

// HasCue reports whether l holds a word of rules/text/title_cues.tsv: it
// reads as the title of a notice.
func HasCue(l string) bool { return hasCue(l) }

func hasCue(l string) bool { return holdsAny(l, cues) }

// holdsAny reports whether s holds one of words.
func holdsAny(s string, words []string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// lettersUpTo is min(max, the count of the letters of s: kanji, kana,
// Latin): the rules ask whether a line has a
// letter, or enough for a title, and stop counting there instead of
// walking the whole line (a one-sentence notice's title is its sentence).
func lettersUpTo(s string, max int) int {
	n := 0
	for _, r := range s {
		if n >= max {
			break
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// marks are the characters that open or close a heading or an item, taken
// off a line before it is compared with a whole-line pattern.
const marks = "【】■□◆◇●○◦・•*-<>[]《》〈〉「」『』():.、| "

// bareLine is l without its list number and marks: "1. 概要" → 概要,
// 【重要なお知らせ】 → 重要なお知らせ, "最終更新日:" → 最終更新日.
func bareLine(l string) string {
	l = strings.Trim(l, marks)
	if n := numberPrefix(l); n > 0 {
		l = strings.Trim(l[n:], marks)
	}
	return l
}

// numberPrefix is the length in bytes of a list number opening l ("1.",
// "(2)", "3 ", "第4"), or 0.
func numberPrefix(l string) int {
	// Both numberRE and gluedNumber need a digit, "(" or 第 first: most
	// lines have none, and the regexp engine took longer to see that.
	if l == "" || !(l[0] >= '0' && l[0] <= '9' || l[0] == '(' || strings.HasPrefix(l, "第")) {
		return 0
	}
	if m := numberRE.FindString(l); m != "" {
		return len(m)
	}
	return gluedNumber(l)
}

// numberRE is a list number: one or two digits then a mark or a space (so
// that a year, 2025年度, is no number), a bracketed number, or 第N.
var numberRE = regexp.MustCompile(`^(?:\d{1,2}(?:[.)、]|\s)\s*|\(\d{1,2}\)\s*|第\d{1,2}(?:[.、]|\s)?\s*)`)

// numberUnits are what a number opening a line counts when it is no list
// number: 3月, 5名, 2件 (a single digit glued to a word, 1事案の概要, is one).
const numberUnits = "年月日時分秒件名人万千百億歳回個社校号通台枚部割倍次期"

// gluedNumber is the length of a single digit glued to the word it
// numbers (1事案の概要, as PDF text and normalizing write "1 事案の概要"),
// or 0.
func gluedNumber(l string) int {
	if len(l) < 2 || l[0] < '0' || l[0] > '9' {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(l[1:])
	if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) && !strings.ContainsRune(numberUnits, r) {
		return 1
	}
	return 0
}

// isListItem reports whether l is numbered or bulleted: a section or an
// item of a notice, or a trail of links, never its title.
func isListItem(l string) bool {
	if numberPrefix(l) > 0 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(l)
	return strings.ContainsRune("・•●○◦*-※", r)
}

// isBreadcrumb reports whether l is a trail of links, 「トップ > くらし > …」.
func isBreadcrumb(l string) bool {
	for _, sep := range []string{" > ", " » ", " › ", " < "} {
		if strings.Contains(l, sep) {
			return true
		}
	}
	n := strings.Count(l, ">") + strings.Count(l, "»") + strings.Count(l, "›")
	return n >= 2 && !strings.Contains(l, "<")
}

// dateRE finds the dates, times and weekdays of a line, as normalized text
// writes them: 令和6年12月5日(木曜日), 2019.05.29, 2025/04/08, 平成 27 年(2015
// 年)4 月 8 日, 2025年度, 10:30, 10Feb.
var dateRE = regexp.MustCompile(`(?:令和|平成|昭和)\s*(?:\d{1,2}|元)\s*年(?:\s*\(\s*\d{4}\s*年?\s*\))?` +
	`|\d{4}\s*年度?|\d{1,2}\s*月|\d{1,2}\s*日|\d{4}\s*[./-]\s*\d{1,2}(?:\s*[./-]\s*\d{1,2})?|\d{1,2}/\d{1,2}` +
	`|\d{1,2}:\d{2}|\(\s*[月火水木金土日](?:曜日?)?\s*\)` +
	`|\d{1,2}\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s*\d{4})?` +
	`|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*\d{1,2},?\s*\d{4}`)

// isDateLine reports whether l is a date and nothing else, or a dateline:
// a date after a label of page_chrome.tsv (更新日:…, …への報告日:…), or the
// label alone (最終更新日:).
func isDateLine(l string) bool { return isDateLineHolding(l, chromeWordsIn(l).dateLabel) }

// isDateLineHolding is isDateLine for a line that holds a date label, or
// not, as chromeWordsIn found.
func isDateLineHolding(l string, holdsLabel bool) bool {
	if hasLetterNoDateHolds(l) && !holdsLabel && dateLabelsSpaceFree {
		// A letter no date holds stays in the rest, so only a label
		// could make the line a dateline, and a label (no space in
		// it, see dateLabelsSpaceFree) in the rest is one in l: the
		// rest is l with dates made spaces. The regexp is the larger
		// part of reading a title; most lines are sentences.
		return false
	}
	rest := dateRE.ReplaceAllString(l, " ")
	dated := rest != l
	rest = strings.Trim(rest, marks+"/~,")
	if rest == "" || lettersUpTo(rest, 1) == 0 {
		return dated
	}
	for _, label := range chrome.dateLabels {
		if rest == label || (dated && strings.HasSuffix(rest, label)) {
			return true
		}
	}
	return false
}

// dateLetters are the letters outside ASCII that a match of dateRE may
// hold: an era, 元, 年, 度, 月, 日 and the weekdays.
const dateLetters = "令和平成昭元年度月日曜火水木金土"

// hasLetterNoDateHolds reports whether l holds a letter that no match of
// dateRE can hold: one outside ASCII (Latin letters make month names) and
// outside dateLetters.
func hasLetterNoDateHolds(l string) bool {
	for _, r := range l {
		if r >= utf8.RuneSelf && unicode.IsLetter(r) && !strings.ContainsRune(dateLetters, r) {
			return true
		}
	}
	return false
}

// dateLabelsSpaceFree is whether no date label holds a space, which the
// shortcut of isDateLine needs: a label with one could be met in the rest
// across a date made a space.
var dateLabelsSpaceFree = !slices.ContainsFunc(chrome.dateLabels, func(label string) bool {
	return strings.ContainsFunc(label, unicode.IsSpace)
})

// seps split a 「page | site」 title, widest first.
var seps = []string{" | ", "|", " - ", " : ", " / "}

// StripSiteName takes a site's name off a title: 「個人情報の漏えいについて |
// 青葉市」 → 「個人情報の漏えいについて」. Of the parts between separators,
// those without a title cue that are short or end with a site word
// (ホームページ, 公式サイト) go, when a part with a cue stays; when no part
// holds a cue, the parts that are site names or chrome go, and of two
// parts the first stays (the usual 「page | site」).
func StripSiteName(t string) string {
	t = strings.TrimSpace(t)
	for _, sep := range seps {
		if !strings.Contains(t, sep) {
			continue
		}
		parts := strings.Split(t, sep)
		var kept, cued []string
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			if hasCue(p) {
				cued = append(cued, p)
			}
			if !IsSiteName(p) && !IsChrome(p) {
				kept = append(kept, p)
			}
		}
		switch {
		case len(cued) > 0:
			var out []string
			for _, p := range parts {
				p = strings.TrimSpace(p)
				if hasCue(p) || (p != "" && utf8.RuneCountInString(p) > maxSiteRunes && !IsSiteName(p)) {
					out = append(out, p)
				}
			}
			return strings.Join(out, sep)
		case len(kept) == 0:
			return ""
		case len(kept) == len(parts) && len(parts) == 2:
			return kept[0]
		default:
			return strings.Join(kept, sep)
		}
	}
	return t
}

// IsSiteName reports whether a normalized title (or part of one) names a
// site rather than a page: it ends with a site word of page_chrome.tsv
// (○○市ホームページ, ○○公式サイト) and holds no title cue.
func IsSiteName(t string) bool {
	t = strings.TrimSpace(t)
	if hasCue(t) {
		return false
	}
	for _, s := range chrome.site {
		if strings.HasSuffix(t, s) {
			return true
		}
	}
	return false
}
