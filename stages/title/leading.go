package title

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/wordscan"
)

// LeadingChrome returns how many of the first lines of a notice's text
// are its page's chrome, copied with it: skip links, menus, tool bars,
// breadcrumbs, share buttons (page_chrome.tsv kinds skip, nav and top, and
// menus as of), up to the first line that is the notice's: its heading,
// a date, a letterhead, running text. lines are normalized. The notice
// starts after them: the extractor reads its top lines for the
// organization and the notice's own date, and a page's menu pushed them
// out of reach.
//
// A run of fewer than menuRunLines short cue-less lines is kept (a
// heading and its subtitle); so is the last line of a longer run that
// running text follows right away, which of takes for the heading.
func LeadingChrome(lines []string) int {
	cut := 0   // lines known to be chrome
	run := 0   // menu items in the current run
	start := 0 // the run's first line
	last := 0  // the run's last item
	prev := -1 // the item before it
	// bullets: the last line that was not blank is a bulleted line of a
	// menu (「• トップページ」): bulleted short lines after it are the menu's
	// too (「• 暮らし・手続き」, 「• 障害者」), though a notice's list items
	// are no menu items elsewhere.
	bullets := false
	for k, l := range lines {
		if k == maxChromeLines {
			break
		}
		l = strings.TrimSpace(l)
		switch {
		case l == "":
			if run == 0 {
				cut = k + 1
			}
			continue
		case isPageChrome(l) || isEnd(l): // a footer's line above the notice is chrome too
			if run == 0 {
				cut = k + 1
			}
			bullets = isListItem(l)
			continue
		case menuItem(l) && !dateRE.MatchString(l), // a date is the notice's
			bullets && bulletedMenuItem(l):
			if run == 0 {
				start, prev = k, -1
			} else {
				prev = last
			}
			run++
			last = k
			bullets = isListItem(l)
			continue
		}
		// The notice's first line, unless it opens a list of the site's
		// news (「2019年5月20日 市立小学校における…について」, one item a
		// line) copied above the notice: then the notice starts below.
		if start := newsListEnd(lines, k); start > k {
			return start
		}
		switch {
		case run == 0:
		case run < menuRunLines:
			cut = start
		case last == k-1 && isRunningText(l, strings.Contains(l, "。")):
			cut = last // the run's last item is the heading
		case letterhead(lines[last]) && blankBetween(lines, last, k):
			cut = last // 「名古屋市上下水道局」 above the notice's dateline: its letterhead
		case prev >= 0 && letterhead(lines[prev]):
			cut = prev // 「江戸川区社会福祉協議会 / インフォメーション」: the site's name, then its section
		default:
			cut = k
		}
		return cut
	}
	if run > 0 && run < menuRunLines {
		return start // nothing but a short run: keep it
	}
	return 0 // nothing but chrome: the notice is all there is
}

// bulletedMenuItem reports whether l, a line after a menu's bulleted
// line, is one more item of the menu: bulleted, short, no sentence and no
// date.
func bulletedMenuItem(l string) bool {
	return isListItem(l) && utf8.RuneCountInString(l) <= menuItemRunes+2 && !strings.Contains(l, "。") && !dateRE.MatchString(l)
}

// letterhead reports whether l is only a body's name, as a letterhead
// is: it ends in a suffix of a name or a legal form (letterheadEnds) and
// is no longer than a name.
func letterhead(l string) bool {
	l = strings.TrimSpace(l)
	if l == "" || lettersUpTo(l, letterheadMaxRunes+1) > letterheadMaxRunes {
		return false
	}
	for _, e := range letterheadEnds {
		if strings.HasSuffix(l, e) && len(l) > len(e) {
			return true
		}
	}
	return false
}

// maxChromeLines bounds the lines LeadingChrome reads: a site's global
// menu, one item a line, may run past scanLines (forty lines and more
// copied from a page), and LeadingChrome stops at the notice's first line
// whatever its bound.
const maxChromeLines = 200

// newsListEnd returns where the notice starts when lines[k] opens a run
// of a news list's items (newsItem), copied with a page above its notice:
// the first line after the run, when that line is a heading or a
// letterhead, no running text (「2026年1月9日 …(第2報)」 /
// 「2025年12月26日 …(第1報)」 above 「…のご報告とお詫び(第5報)」: all are
// the list's); or, when running text or a dateline follows, the run's
// last item, the notice's own dated title (「2025年10月1日 区立中学校で
// …紛失」 / 「2025年10月1日 区立小学校における…誤配信」 / 「更新日:…」). k
// when lines[k] is no item, or the only one before running text: a
// notice's own dated title over its body.
func newsListEnd(lines []string, k int) int {
	if !newsItem(strings.TrimSpace(lines[k])) {
		return k
	}
	last, j := k, k+1
	for ; j < len(lines) && j < scanLines; j++ {
		l := strings.TrimSpace(lines[j])
		if l == "" {
			continue
		}
		if !newsItem(l) {
			break
		}
		last = j
	}
	if j >= len(lines) || j >= scanLines {
		return k // the text ends in the list: no notice below it
	}
	next := strings.TrimSpace(lines[j])
	if isRunningText(next, strings.Contains(next, "。")) || isDateLine(next) || titleRepeatsBelow(lines, j, newsItemTitle(lines[last])) {
		return last
	}
	if last == k && (next == "記" || numberedSection(next) || firstLine(lines, k)) {
		// 「令和4年6月20日 サイバー攻撃による被害について(第1報) / 記」,
		// 「… / 1 はじめに」: a notice's own dated title over its letter's
		// 記 or its first numbered section; or, a single item, opening the
		// text (「… / 医療法人久仁会 鳴門山上病院」).
		return k
	}
	return j
}

// firstLine reports whether lines[k] is the first line with text: a
// dated title that opens the text is the notice's own, no side column's.
func firstLine(lines []string, k int) bool {
	for _, l := range lines[:k] {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// numberedSection reports whether l opens with a section's number
// (sectionNumber: 1 はじめに, 第1章, (1)).
func numberedSection(l string) bool {
	style, _ := sectionNumber(l)
	return style != ""
}

// newsItemTitle is the title of news item l, the text after its date.
func newsItemTitle(l string) string {
	l = strings.TrimSpace(l)
	if loc := newsItemRE.FindStringIndex(l); loc != nil {
		return strings.TrimSpace(l[loc[1]:])
	}
	return ""
}

// titleRepeatsBelow reports whether one of the titleRepeatLines lines with
// text from j on holds title, or title holds it (quotes aside): the item
// above is the notice's own dated title, its heading repeated under it
// (「2019年5月17日 水道使用開始の…誤送付等について」 / 「水道使用開始の…誤送付等
// について」).
func titleRepeatsBelow(lines []string, j int, title string) bool {
	if title == "" {
		return false
	}
	for n := 0; j < len(lines) && n < titleRepeatLines; j++ {
		l := strings.Trim(strings.TrimSpace(lines[j]), "「」『』")
		if l == "" {
			continue
		}
		n++
		if lettersUpTo(l, minTitleLetters) >= minTitleLetters && (strings.Contains(l, title) || strings.Contains(title, l)) {
			return true
		}
	}
	return false
}

// titleRepeatLines is how many lines below a news item are read for its
// title again.
const titleRepeatLines = 3

// withoutNewsList is s less the first run of a news list's items
// (newsListEnd) above its running text: a side column copied with a page,
// below the site's name and menus that LeadingChrome left as the
// notice's. ok is false when s holds no such run.
func withoutNewsList(s string) (string, bool) {
	// The list stands above the running text, within scanLines lines:
	// the rest of s is one piece.
	lines := strings.SplitN(s, "\n", scanLines+1)
	for k, l := range lines {
		if k == scanLines {
			break
		}
		l = strings.TrimSpace(l)
		if isRunningText(l, strings.Contains(l, "。")) {
			break
		}
		if e := newsListEnd(lines, k); e > k {
			return strings.Join(append(lines[:k:k], lines[e:]...), "\n"), true
		}
	}
	return s, false
}

// newsTitleLetters is the fewest letters of a news item's title.
const newsTitleLetters = 10

// newsItemRE matches a news list's item's date at the start of a line: a
// year, month and day (2019年5月20日, 令和元年5月20日, 2023.03.01,
// 2023/03/01), maybe a weekday in brackets.
var newsItemRE = regexp.MustCompile(`^(?:(?:(?:令和|平成|昭和)\s*(?:\d{1,2}|元)|\d{4})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*[./]\s*\d{1,2}\s*[./]\s*\d{1,2})(?:\s*\(\s*[月火水木金土日](?:曜日?)?\s*\))?`)

// newsItem reports whether l is an item of a site's news list: a date,
// then a title of newsTitleLetters letters or more that holds a title cue
// (title_cues.tsv: について, お知らせ, 紛失), no sentence. A dateline with
// its signer (「2024年5月10日 株式会社丸和商事 代表取締役 山田太郎」)
// holds no cue, and one with its category (「2020年5月6日 お知らせ
// お知らせ」) too few letters.
func newsItem(l string) bool {
	loc := newsItemRE.FindStringIndex(l)
	if loc == nil || strings.Contains(l, "。") {
		return false
	}
	rest := strings.TrimSpace(l[loc[1]:])
	if strings.HasPrefix(rest, "[") && strings.HasSuffix(rest, "]") || strings.HasPrefix(rest, "【") && strings.HasSuffix(rest, "】") {
		return false // 「2024.11.22[クラブからのお知らせ]」: a dateline and its category
	}
	return lettersUpTo(rest, newsTitleLetters) >= newsTitleLetters && hasCue(rest)
}

// blankBetween reports whether the lines strictly between i and k are
// blank.
func blankBetween(lines []string, i, k int) bool {
	for _, l := range lines[i+1 : k] {
		if strings.TrimSpace(l) != "" {
			return false
		}
	}
	return true
}

// isPageChrome reports whether a line is the page's chrome: a skip link,
// menu item or page tool of page_chrome.tsv (kinds skip, nav and top), or
// a breadcrumb trail; never a line with a date, nor one that names the
// site before a link to its top page (佐賀県総合トップへ, kind top).
func isPageChrome(l string) bool {
	if isBreadcrumb(l) {
		// A trail with a day in it may end in the notice's dated title; a
		// year's section (「> 令和7年度」) is only where the page is filed.
		return !dayDateRE.MatchString(l)
	}
	bare := bareLine(l)
	if pageOnly.line[bare] || anyPrefix(l, bare, pageOnly.prefix) {
		return true
	}
	for _, s := range pageOnly.top {
		// 「佐賀県総合トップへ」 names the site, often the organization:
		// it stays, and the notice starts there.
		if rest, ok := strings.CutSuffix(bare, s); ok {
			return lettersUpTo(rest, 1) == 0
		}
	}
	if anySuffix(l, bare, pageOnly.suffix) {
		return true
	}
	for _, c := range pageOnly.contains {
		if strings.Contains(l, c) {
			return true
		}
	}
	return false
}

// dayDateRE finds a date with its day: 6月3日, 2024/6/3, 2024-06-03, 6/3.
var dayDateRE = regexp.MustCompile(`\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{1,2}|\d{1,2}/\d{1,2}`)

// isEnd reports whether a line starts a page's footer (page_chrome.tsv
// kind end: 関連情報, このページに関するお問い合わせ).
func isEnd(l string) bool {
	bare := bareLine(l)
	return chrome.end.has(l, bare)
}

// isBreak reports whether a line is an end line that may stand between a
// notice's sections (page_chrome.tsv kind break: ページの先頭へ, the PDF
// viewer's notice).
func isBreak(l string) bool {
	return chrome.breaks.has(l, bareLine(l))
}

// isCredit reports whether a line is a page's credit (page_chrome.tsv
// kind credit: Copyright, ©).
func isCredit(l string) bool {
	bare := bareLine(l)
	return chrome.credit.has(l, bare)
}

// isFoot reports whether a line is a link of a page's footer
// (page_chrome.tsv kind foot: 個人情報の取り扱い, サイトポリシー, ©).
func isFoot(l string) bool {
	bare := bareLine(l)
	return chrome.foot.has(l, bare)
}

// NoticeBody returns text without the page it was copied from: the lines
// of page chrome above the notice (LeadingChrome), from the first line
// that starts the page's footer below it (isEnd) on, and a footer with no
// such line: the run of footer links and menu lines that ends the text
// (isFoot, isPageChrome). text is normalized. A text that would keep
// nothing is returned whole.
func NoticeBody(text string) string {
	if !strings.Contains(text, "\n") {
		return text // one line is the notice
	}
	start := 0
	if k := LeadingChrome(strings.SplitN(text, "\n", maxChromeLines+1)); k > 0 {
		for range k {
			start += strings.IndexByte(text[start:], '\n') + 1
		}
	}
	if rest, ok := withoutNewsList(text[start:]); ok {
		text = text[:start] + rest
	}
	end := len(text)
	// seen: a line of the notice's running text came before. Above it, an
	// end line is a side column's (「関連リンク」 before the body, in the
	// page's source order): the notice has not begun, so nothing ends.
	seen := false
	for at := start; at < len(text); {
		n := strings.IndexByte(text[at:], '\n')
		if n < 0 {
			n = len(text) - at
		}
		l := strings.TrimSpace(text[at : at+n])
		if l != "" {
			if seen && isEnd(l) && !(isBreak(l) && bodyFollows(text[min(at+n+1, len(text)):])) {
				end = at
				break
			}
			if isRunningText(l, strings.Contains(l, "。")) {
				seen = true
			}
		}
		at += n + 1
	}
	end, credits := trailingFooter(text, start, end)
	if seen {
		end = trailingNews(text, start, end)
	}
	if start == 0 && end == len(text) {
		return WithoutReferenceSections(text)
	}
	body := strings.TrimRight(WithoutReferenceSections(text[start:end]), " \t\n")
	if strings.TrimSpace(body) == "" {
		return text
	}
	if credits != "" {
		body += "\n" + credits // 「Copyright 青葉市」 names the site's owner
	}
	return body
}

// bodyFollows reports whether rest, the text below an end line, goes on
// with the notice before the next end line: a sentence or a numbered
// section heading that holds a word of the notice's own
// (text/body_words.tsv: 個人情報, 紛失, 判明). A page top link between a
// notice's sections (「ページの先頭へ戻る」) or the PDF viewer's note under a
// link in its middle ends nothing; a footer's or side column's lines,
// links and contact details, hold no such line.
func bodyFollows(rest string) bool {
	for l := range strings.Lines(rest) {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if isEnd(l) {
			return false
		}
		if (strings.Contains(l, "。") || sectionHeadingRE.MatchString(l)) && holdsAny(l, bodyWords) {
			return true
		}
	}
	return false
}

// sectionHeadingRE matches a numbered section heading of a notice: 「2.一時
// 紛失した…」, 「(2)経緯」, 「二、原因」, 「第2 対応」 (normalized text).
var sectionHeadingRE = regexp.MustCompile(`^(?:\d{1,2}[.)、]|\(\d{1,2}\)|[一二三四五六七八九十]{1,2}[.、)]|第[\d一二三四五六七八九十]{1,2}\s)`)

// WithoutReferenceSections is s, normalized text, less its reference sections
// (text/reference_sections.tsv): from a heading line of one (「6.参考」,
// 「第7章 参考:…」, 「【9】用語集」) to the next line numbered as it is
// (「7.今後の対応」), or, when it has no number, to the next line holding a
// resume word (お問い合わせ), or the end. A long report's other incidents,
// statistics and law, with their own dates and counts, are no part of the
// notice's incident.
func WithoutReferenceSections(s string) string {
	if referenceHeadingIndex.Present(s) == (wordscan.Set{}) {
		return s // most notices: no such heading (one scan of the text)
	}
	lines := strings.Split(s, "\n")
	out := lines[:0:0]
	skip, style := false, ""
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if skip {
			st, _ := sectionNumber(t)
			if style != "" && st == style && !referenceHeading(t) ||
				style == "" && headingLike(t, strings.Contains(t, "。")) && holdsAny(t, referenceSections["resume"]) {
				skip = false
			} else {
				continue
			}
		}
		if referenceHeading(t) {
			skip = true
			style, _ = sectionNumber(t)
			continue
		}
		out = append(out, l)
	}
	if len(out) == len(lines) {
		return s
	}
	return strings.Join(out, "\n")
}

// referenceHeading reports whether t is the heading of a reference
// section: a heading word, maybe after a section number, maybe with a
// colon and a subject after it, and nothing else.
func referenceHeading(t string) bool {
	_, rest := sectionNumber(t)
	rest = strings.Trim(rest, "【】[]()■□●◆・ 　")
	head, _, _ := strings.Cut(rest, ":")
	head = strings.TrimRight(strings.TrimSpace(head), ")】]")
	return slices.Contains(referenceSections["heading"], head) ||
		strings.HasSuffix(head, "(補足)") && slices.Contains(referenceSections["heading"], strings.TrimSuffix(head, "(補足)"))
}

// sectionNumberRE matches a section's number opening a line, by style:
// 「6.」, 「第7章」, 「第12」, 「【9】」, 「(3)」, 「Ⅷ」, 「XIV.」, 「■ 8」,
// 「別紙3」.
var sectionNumberRE = regexp.MustCompile(`^(?:(\d{1,2}(?:\s*[.、)]|\s|[^\d\s.,:/~\-%年月日時分件名人万千百億円歳]))|(第\s*\d{1,2}\s*章?)|(【\s*\d{1,2}\s*】)|(\(\s*\d{1,2}\s*\))|([ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+\.?)|([IVX]{1,6}(?:\.|\s))|([■□●◆]\s*\d{0,2})|(別紙\s*\d{0,2}))\s*`)

// sectionNumber is the style of the section number t opens with (the
// index of the alternative of sectionNumberRE that matched, "" for none)
// and the rest of t.
func sectionNumber(t string) (style, rest string) {
	m := sectionNumberRE.FindStringSubmatchIndex(t)
	if m == nil || m[1] == 0 {
		return "", t
	}
	for k := 2; k < len(m); k += 2 {
		if m[k] < 0 {
			continue
		}
		end := m[1]
		if k == 2 && m[3] > 0 {
			// 「6参考」 (a space dropped by normalization): the rune after
			// the digits is the heading's, not the number's.
			if r, size := utf8.DecodeLastRuneInString(t[:m[3]]); !strings.ContainsRune(".、) ", r) && !unicode.IsSpace(r) {
				end -= size
			}
		}
		return strconv.Itoa(k / 2), t[end:]
	}
	return "", t
}

// trailingNews is end, the end of the notice in text[start:end], less the
// run of a news list's items (newsItem, ending as a title does:
// text/news_title_ends.tsv) that closes it: the site's other
// news copied below the notice with no line that opens a footer
// (「2021年8月5日 お知らせ 他社の情報共有サービスへのランサムウェア攻撃に関する
// …について」), whose dates and causes are other notices'.
func trailingNews(text string, start, end int) int {
	for at := end; at > start; {
		lineStart := strings.LastIndexByte(text[start:at], '\n') + 1 + start
		l := strings.TrimSpace(text[lineStart:at])
		switch {
		case l == "":
		case newsItem(l) && slices.ContainsFunc(newsTitleEnds, func(e string) bool { return strings.HasSuffix(l, e) }):
			end = lineStart
		default:
			return end
		}
		at = max(lineStart-1, start)
	}
	return end
}

// trailingFooter is end, the end of the notice in text[start:end], less
// the run of lines that closes it and are all footer links or menu lines
// (「サイトマップ / 個人情報の取り扱い / リンク・著作権・免責事項」): a page
// whose footer no end line opens. At least one foot line must be in the
// run: menu words alone (サイトマップ) may close a notice's own list. The
// run's credit lines (「Copyright 青葉市 All rights reserved.」,
// page_chrome.tsv kind credit) name the site's owner, often the notice's
// body: they are returned, joined by line breaks, to be kept.
func trailingFooter(text string, start, end int) (int, string) {
	cut, foot := end, false
	var credits []string
run:
	for at := end; at > start; {
		lineStart := strings.LastIndexByte(text[start:at], '\n') + 1 + start
		if l := strings.TrimSpace(text[lineStart:at]); l != "" {
			switch {
			case isCredit(l):
				credits = append(credits, l)
			case isFoot(l):
				foot = true
			case !isPageChrome(l):
				break run // the notice's own line
			}
			cut = lineStart
		}
		at = lineStart - 1 // before its line break; below start when it was the first line
	}
	if !foot {
		return end, ""
	}
	slices.Reverse(credits)
	return cut, strings.Join(credits, "\n")
}
