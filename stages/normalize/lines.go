package normalize

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// foldLines is the line half of Text. Each line is trimmed and its spaces
// folded (writeFolded); a line is joined to the one before when the line
// break falls inside a sentence (PDF text and fixed-width mail wrap lines
// anywhere), and runs of blank lines become one.
//
// The lines of widths, the text as it was laid out (see widthSource),
// give each line's width in columns for the fixed-width wrap.
func foldLines(s, widths string) string {
	var b strings.Builder
	b.Grow(len(s))
	last := -1  // where the last line written starts in b
	blanks := 0 // the blank lines since the last line written
	// A double-spaced text (a blank line after every line, as some PDF
	// converters and copies of pages write) breaks a sentence across a
	// single blank line: whether the next line continues is read as
	// without the blank, by every rule (a width reached, a comma or a
	// particle left open). A line that does not keeps its blank line, a
	// paragraph's break (a title before 「ここから本文です。」).
	wrap := wrapWidth(widths)
	spacedLatin := spacedText(s)
	double := doubleSpaced(s)
	// A line wider than runOn was never wrapped at wrap.
	runOn := wrap + wrap*runOnOverPercent/100
	full := false        // the line before reached the wrap width
	piece := 0           // the columns of the line before and the pieces a bracket joined it to
	var laidOutLast rune // the last rune of the line before, as laid out
	widthsRest := widths
	for rest, more := s, true; more; {
		var l, laidOut string
		l, rest, more = strings.Cut(rest, "\n")
		laidOut, widthsRest, _ = strings.Cut(widthsRest, "\n")
		l = strings.TrimSpace(l)
		if l == "" {
			blanks++
			continue
		}
		// continues sees l before its spaces are folded, which changes
		// neither its first rune nor, as it compares, its first words.
		apart := blanks > 0 && !(double && blanks == 1) // not a double-spaced text's single blank
		joined := last >= 0 && !(last == 0 && headlineAbove(b.String(), l)) && (continues(b.String()[last:], l, apart) ||
			!apart && full && (wrapped(b.String()[last:], l) || inFullWidthRun(laidOutLast, laidOut)))
		laidOutLast, _ = utf8.DecodeLastRuneInString(laidOutWidth(laidOut))
		if wrap > 0 {
			// A line a bracket or an aside joined is a piece of the
			// PDF's line before it, as wide as the pieces together.
			w := columnsUpTo(laidOutWidth(laidOut), runOn+1)
			if joined && bracketPiece(b.String()[last:], l) {
				piece += w
			} else {
				piece = w
			}
			// A line far wider than the width was never wrapped at it (a
			// headline or a page's lead paragraph above a body pasted
			// from a PDF): the line after it starts anew. And since
			// proportional type sets Latin and digits wider than half a
			// kanji, a full line of them measures short in columns.
			full = piece+halfWidthRunes(laidOut)*proportionalLatinPercent/100 >= wrap-fixedWidthSlack && w <= runOn && !layoutGap(laidOut)
		}
		if !joined {
			switch {
			case last >= 0 && blanks > 0:
				b.WriteString("\n\n")
			case last >= 0:
				b.WriteByte('\n')
			}
			last = b.Len()
		}
		blanks = 0
		if spacedDate(l) || letterSpaced(l) {
			l = strings.ReplaceAll(l, " ", "") // 「2 7 年 5 月」: a letter-spaced dateline; 「住 信 S B I ネ ッ ト 銀 行」
		}
		writeFolded(&b, l, spacedLatin)
	}
	return b.String()
}

// spacedDate reports whether l is only a date or a part of one written
// with spaces between its characters (「2 7 年 5 月」, 「平 成」 before
// it): digits, 年, 月, 日 and eras (line_wraps.tsv date_eras), with a unit
// and a space. Its spaces are no word breaks.
func spacedDate(l string) bool {
	if !strings.Contains(l, " ") || len(l) > 48 {
		return false
	}
	p := strings.ReplaceAll(l, " ", "")
	for _, e := range dateEras {
		p = strings.ReplaceAll(p, e, "")
	}
	unit := false
	for _, r := range p {
		switch {
		case r == '年' || r == '月' || r == '日':
			unit = true
		case r < '0' || r > '9':
			return false
		}
	}
	return unit
}

// letterSpaced reports whether l is set with a space between each of its
// characters (a PDF's letterhead or heading spread over the line's width:
// 「住 信 S B I ネ ッ ト 銀 行 株 式 会 社」): at least letter_spaced_min
// pieces a single space apart (line_wraps.tsv), all but the last one
// character, at least half of them Japanese. Its spaces are no word
// breaks, not even between Latin letters (S B I is SBI).
func letterSpaced(l string) bool {
	if strings.Count(l, " ") < letterSpacedMin-1 || strings.Contains(l, "  ") {
		return false
	}
	pieces, japanese := 0, 0
	last := ""
	for t := range strings.SplitSeq(l, " ") {
		if last != "" && utf8.RuneCountInString(last) != 1 {
			return false // a piece before the last that is no single character
		}
		pieces++
		if r, _ := utf8.DecodeRuneInString(t); IsJapanese(r) {
			japanese++
		}
		last = t
	}
	return pieces >= letterSpacedMin && japanese*2 >= pieces
}

// doubleSpaced reports whether s has a blank line after (nearly) every
// line: at least double_spaced_lines lines with text, of which at most
// double_spaced_adjacent_percent stand right before another.
func doubleSpaced(s string) bool {
	lines, adjacent := 0, 0
	// No more lines have text than there are lines: once the adjacent
	// ones pass that share, the text is single-spaced, as most are.
	mostAdjacent := (strings.Count(s, "\n") + 1) * doubleSpacedAdjacentPercent / 100
	prevText := false
	for rest, more := s, true; more; {
		var l string
		l, rest, more = strings.Cut(rest, "\n")
		if strings.TrimSpace(l) == "" {
			prevText = false
			continue
		}
		lines++
		if prevText {
			if adjacent++; adjacent > mostAdjacent {
				return false
			}
		}
		prevText = true
	}
	return lines >= doubleSpacedLines && adjacent*100 <= lines*doubleSpacedAdjacentPercent
}

// writeFolded writes a trimmed line with each run of spaces made one, or
// none where it stands between Japanese text and a digit or more Japanese
// ("約 25 万人", "2023 年7月 24 日"): PDF extraction and HTML put spaces
// there that mean nothing. Spaces next to Latin words stay, but in a text
// that sets its Latin words apart as pdftotext does (spacedLatin, see
// meaninglessSpace).
func writeFolded(b *strings.Builder, l string, spacedLatin bool) {
	start := b.Len() // what this line has written is b.String()[start:]
	for {
		i := strings.IndexByte(l, ' ')
		if i < 0 {
			b.WriteString(l)
			return
		}
		j := i + 1
		for j < len(l) && l[j] == ' ' {
			j++
		}
		// l is trimmed, so text stands on both sides of the run. What was
		// written before the run (b) holds the unit a split number
		// follows, which an earlier dropped space may have set apart from
		// l[:i] (「00年 0 0日」).
		b.WriteString(l[:i])
		if !meaninglessSpace(b.String()[start:], l[j:], spacedLatin) && !splitNumber(b.String(), l[j:]) && !spacedYear(b.String(), l[j:]) {
			b.WriteByte(' ')
		}
		l = l[j:]
	}
}

// splitNumber reports whether the space between before and after splits
// a date's or a time's two-digit number (PDF text: 「6月2 7日」, 「2時3 4分」):
// one digit after a split_number_before unit, and one digit before a
// split_number_after unit (line_wraps.tsv), spaces between that digit and
// its unit too (「年0 0 月」, whose second space goes as meaningless: the
// first must go in the same pass, or a second pass would find 「0 0月」).
func splitNumber(before, after string) bool {
	n := len(before)
	if n < 2 || !isDigit(rune(before[n-1])) || len(after) < 2 || !isDigit(rune(after[0])) {
		return false
	}
	unit := strings.TrimLeft(after[1:], " ")
	return slices.ContainsFunc(splitNumberBefore, func(u string) bool { return strings.HasSuffix(before[:n-1], u) }) &&
		slices.ContainsFunc(splitNumberAfter, func(u string) bool { return strings.HasPrefix(unit, u) })
}

// spacedYear reports whether the space between before and after is one of
// a letter-spaced year's (「2 0 1 3 年 7 月 2 日 夜、…」: a PDF's text set
// with a space between each character): a digit before it, and after it
// the year's other digits, a space apart, and 年. Its digits read as one
// year, not as 3年 of a year 201 dropped.
func spacedYear(before, after string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	return isDigit(r) && spacedYearRestRE.MatchString(after)
}

// spacedYearRestRE matches what follows a space inside a letter-spaced
// year: its last one to three digits, each a space apart, and 年.
var spacedYearRestRE = regexp.MustCompile(`^\d(?: \d){0,2} ?年`)

// meaninglessSpace reports whether a space between before (what its line
// has written so far) and after is dropped: between Japanese text and more of it, a
// digit or a Latin word (pdftotext sets Latin apart from the kana around
// it: 「USB メモリ」, 「株式会社 TableCheck」, 「GMO ペパボ」). A space between
// Latin words stays. A single letter is a word when spaces set it apart
// on both sides (「被保険者 B 氏」), not when it opens the word after it, as
// a list's marker does (「証券番号 E顧客ID」, Ⓔ made E).
func meaninglessSpace(before, after string, spacedLatin bool) bool {
	prev, _ := utf8.DecodeLastRuneInString(before)
	next, _ := utf8.DecodeRuneInString(after)
	pj, nj := IsJapanese(prev), IsJapanese(next)
	return (pj && (nj || isDigit(next) || spacedLatin && latinWordOpens(after))) || (nj && (isDigit(prev) || spacedLatin && latinWordEnds(before)))
}

// spacedText reports whether s sets its numbers apart from the units
// after them (「2022 年 2 月 28 日」) and its Latin words apart from the
// Japanese either side (「NTT 西日本」), as pdftotext writes a PDF set in
// proportional type: more often than it writes them together, and at
// least spaced_numbers_min times (line_wraps.tsv). There the spaces beside
// Latin words are no breaks between words; elsewhere such a space may end
// a name (「株式会社Bluefin Analytics 応募者様の…」, 「Copyright 架空市 All
// rights reserved.」).
func spacedText(s string) bool {
	// Most texts have hardly a space beside a number or a Latin word:
	// those are counted from the runs of spaces alone, and only a text
	// with enough of them is read whole for the ones written together.
	spaced := spacedBesideLatin(s)
	return spaced >= spacedNumbersMin && spaced > togetherBesideLatin(s)
}

// togetherBesideLatin counts the places spacedBesideLatin counts, written
// with no space: a number right before its unit (2022年), a Latin word of
// two letters or more right before or after Japanese (NTT西日本).
func togetherBesideLatin(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(rune(s[i])) && (i+1 == len(s) || !isDigit(rune(s[i+1]))) && hasNumberUnit(s[i+1:]) {
			n++
		}
	}
	for i := 0; i+1 < len(s); i++ {
		if !isLatinLetter(rune(s[i])) || !isLatinLetter(rune(s[i+1])) || i > 0 && isLatinLetter(rune(s[i-1])) {
			continue
		}
		j := i + 2
		for j < len(s) && isLatinLetter(rune(s[j])) {
			j++
		}
		if r, _ := utf8.DecodeLastRuneInString(s[:i]); IsJapanese(r) {
			n++
		}
		if r, _ := utf8.DecodeRuneInString(s[j:]); IsJapanese(r) {
			n++
		}
		i = j - 1
	}
	return n
}

// spacedBesideLatin counts the runs of spaces that spacedText counts:
// after a number and before its unit, or between Japanese and a Latin
// word of two letters or more.
func spacedBesideLatin(s string) int {
	n := 0
	for i := 0; ; {
		k := strings.IndexByte(s[i:], ' ')
		if k < 0 {
			return n
		}
		a := i + k // the run of spaces is s[a:b]
		b := a + 1
		for b < len(s) && s[b] == ' ' {
			b++
		}
		i = b
		if a == 0 || b == len(s) {
			continue
		}
		left, right := s[a-1], s[b:]
		switch {
		case isDigit(rune(left)):
			if hasNumberUnit(right) {
				n++
			}
		case isLatinLetter(rune(left)) && a >= 2 && isLatinLetter(rune(s[a-2])):
			if r, _ := utf8.DecodeRuneInString(right); IsJapanese(r) {
				n++
			}
		}
		if len(right) >= 2 && isLatinLetter(rune(right[0])) && isLatinLetter(rune(right[1])) {
			if r, _ := utf8.DecodeLastRuneInString(s[:a]); IsJapanese(r) {
				n++
			}
		}
	}
}

// hasNumberUnit reports whether s opens with the unit of a date or a count
// (line_wraps.tsv number_units).
func hasNumberUnit(s string) bool {
	return slices.ContainsFunc(numberUnits, func(u string) bool { return strings.HasPrefix(s, u) })
}

// latinWordOpens reports whether s opens with two Latin letters, or with
// one and a space.
func latinWordOpens(s string) bool {
	return len(s) >= 2 && isLatinLetter(rune(s[0])) && (isLatinLetter(rune(s[1])) || s[1] == ' ')
}

// latinWordEnds reports whether s ends with two Latin letters, or with
// one after Japanese text (a space between them already dropped).
func latinWordEnds(s string) bool {
	n := len(s)
	if n < 2 || !isLatinLetter(rune(s[n-1])) {
		return false
	}
	if isLatinLetter(rune(s[n-2])) {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s[:n-1])
	return IsJapanese(r)
}

// continues reports whether next continues the sentence that prev breaks
// off. Without a blank line between them, a long line that stops in the
// middle of a word and a next line that starts with a kana or kanji is a
// wrap; across a blank line only a dangling particle is.
func continues(prev, next string, blank bool) bool {
	if dateSplit(prev, next) {
		return true // across a blank line too: a double-spaced PDF's dateline
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if closesOpenBracket(prev, first) {
		return true
	}
	if !blank && isOpener[last] {
		return true // 「…確認したところ、12月22日(」 / 「金曜日)発送分の…」: no line ends on an opener
	}
	if !blank && opensAside(prev, next, last) {
		return true // 「…求職者情報一覧」」 / 「(以下「求職者一覧」という。)を配」
	}
	if !blank && phraseBreak(prev, next, last, first) {
		return true
	}
	if !blank && numberBreak(prev, next, last) {
		return true
	}
	if IsJapanese(last) && !strings.ContainsRune(sentenceEnds, last) && slices.ContainsFunc(clauseContinuations, func(c string) bool { return strings.HasPrefix(next, c) }) {
		// 「…電話番号を確認した」 / 「ところ、10月27日及び30日に…」: no
		// paragraph opens with ところ、, across a blank line neither.
		return true
	}
	if !IsJapanese(first) || strings.ContainsRune(lineOpeners, first) {
		return false
	}
	if !IsJapanese(last) || strings.ContainsRune(sentenceEnds, last) {
		return false
	}
	if blank {
		return hasRunes(prev, blankWrapMinRunes) && strings.ContainsRune(danglingParticles, last) &&
			unicode.Is(unicode.Hiragana, first) && !endsOnNoun(prev)
	}
	// A wrapped line is long and stops mid-word; the next starts with the
	// kana that end the word, not with a sentence opener.
	if !hasRunes(prev, wrapMinRunes) || strings.ContainsRune(sentenceEndKana, last) || !unicode.Is(unicode.Hiragana, first) {
		return false
	}
	return !opensSentence(next)
}

// opensAside reports whether next opens with an aside_openers word
// (「(以下」) after prev, which ends with last, no sentence end but a
// closing bracket: the aside defines the word prev ends with.
func opensAside(prev, next string, last rune) bool {
	if last == utf8.RuneError || strings.ContainsRune(sentenceEnds, last) && openerOf[last] == "" {
		return false
	}
	for _, a := range asideOpeners {
		if strings.HasPrefix(next, a) {
			return true
		}
	}
	return false
}

// bracketPiece reports whether next, joined to prev, is a piece of the
// same line of the page: it closes a bracket prev left open or opens an
// aside, or prev ends on an opener.
func bracketPiece(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	return isOpener[last] || closesOpenBracket(prev, first) || opensAside(prev, next, last)
}

// dateSplit reports whether prev, a line that is only the start of a date
// (an era of line_wraps.tsv date_eras, a year, a month: 「平成」,
// 「27年5月」), is continued by next, which opens with the date's next
// number and its unit (「22日」): PDF text breaks a letter-spaced dateline
// over lines (「平 成」 / 「2 7 年 5 月」 / 「2 2 日」).
func dateSplit(prev, next string) bool {
	if len(prev) > 48 { // most lines: no copy made
		return false
	}
	p := strings.ReplaceAll(prev, " ", "")
	if len(p) > 24 || p == "" {
		return false
	}
	p, era := cutEra(p)
	if !era && !strings.HasSuffix(p, "年") && !strings.HasSuffix(p, "月") {
		return false // neither an era nor a year or month: no date's start
	}
	for _, unit := range []string{"年", "月"} {
		d := digitsPrefix(p)
		if d == 0 || !strings.HasPrefix(p[d:], unit) {
			continue
		}
		p = p[d+len(unit):]
	}
	if p != "" {
		return false
	}
	n := strings.ReplaceAll(next, " ", "")
	d := digitsPrefix(n)
	return d > 0 && d <= 4 && (strings.HasPrefix(n[d:], "年") || strings.HasPrefix(n[d:], "月") || strings.HasPrefix(n[d:], "日"))
}

// numberBreak reports whether a long line (wrap_min_runes), prev, which
// ends with last, breaks a number from its unit or a date inside: it ends
// with a digit and next opens with a unit of number_units (「…生徒2,399」 /
// 「名分の氏名…」) or with more digits and one (「…2,39」 / 「9名分…」), or it
// ends with a date's 年 or 月 after a digit and next opens with the day
// (「…令和5年4月」 / 「12日、…」). PDF text wraps there; a page's line ends
// on no bare number before a unit.
func numberBreak(prev, next string, last rune) bool {
	if !hasRunes(prev, wrapMinRunes) {
		return false
	}
	d := digitsPrefix(next)
	switch {
	case isDigit(last):
		return hasNumberUnit(next[d:])
	case last == '年' || last == '月':
		r, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(strings.TrimSuffix(prev, "年"), "月"))
		return isDigit(r) && d > 0 && d <= 2 && (strings.HasPrefix(next[d:], "月") || strings.HasPrefix(next[d:], "日"))
	}
	return false
}

// digitsPrefix is the length of the ASCII digits s opens with.
func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && isDigit(rune(s[i])) {
		i++
	}
	return i
}

// closesOpenBracket reports whether first, the first rune of a line, is
// a closing bracket (line_wraps.tsv bracket_pairs) that prev, the line
// before, opened and left open: 「(以下「津山所」という。」 then 「)が…」.
//
// Only the last bracketWindow bytes of prev are read: the bracket a wrap
// leaves open stands near the line's end, and a line that joined many
// closers before would otherwise be counted again for each.
func closesOpenBracket(prev string, first rune) bool {
	opener, ok := openerOf[first]
	if !ok {
		return false
	}
	// Read back from the end: the opener that no later closer matched is
	// open, though the window cut off the start of a bracket closed
	// before it (「…という。)において、…(以下「X」という。」).
	closer := string(first)
	depth := 0
	for end, stop := len(prev), max(0, len(prev)-bracketWindow); end > stop; {
		_, size := utf8.DecodeLastRuneInString(prev[:end])
		if end-size < stop {
			break // a rune the window cuts
		}
		switch r := prev[end-size : end]; r {
		case closer:
			depth++
		case opener:
			if depth == 0 {
				return true
			}
			depth--
		}
		end -= size
	}
	return false
}

// bracketWindow is how many bytes at the end of a line closesOpenBracket
// reads (about 80 Japanese characters).
const bracketWindow = 240

// isOpener holds the opening brackets of bracket_pairs.
var isOpener = func() map[rune]bool {
	m := map[rune]bool{}
	for _, o := range openerOf {
		r, _ := utf8.DecodeRuneInString(o)
		m[r] = true
	}
	return m
}()

// openerOf maps each closing bracket of bracket_pairs to its opener.
var openerOf = func() map[rune]string {
	pairs := []rune(bracketPairs)
	if len(pairs)%2 != 0 {
		panic("rules: " + FileLineWraps + ": bracket_pairs holds an opener with no closer")
	}
	m := map[rune]string{}
	for i := 0; i < len(pairs); i += 2 {
		m[pairs[i+1]] = string(pairs[i])
	}
	return m
}()

// phraseBreak reports whether a line broken by hand at a phrase goes on
// on the next line: a page's paragraph written with a line break every
// forty or so characters (「…頭頸部外科で\n手術を実施…」, 「…疾患名,年齢,\n性別…」)
// stops on a dangling particle or a comma, which no sentence, heading or
// list item ends with, and goes on with whatever the sentence goes on
// with: a kanji, a katakana or a digit as well as a kana (not a sentence
// opener).
func phraseBreak(prev, next string, last, first rune) bool {
	if !strings.ContainsRune(danglingParticles, last) && !strings.ContainsRune(phraseBreakEnds, last) {
		return false
	}
	if !(IsJapanese(first) || isDigit(first)) || strings.ContainsRune(lineOpeners, first) || !hasRunes(prev, wrapMinRunes) {
		return false
	}
	if endsOnNoun(prev) {
		return false // 「…誤って送付してしまったもの」 ends its sentence on a noun
	}
	return !opensSentence(next)
}

// endsOnNoun reports whether line ends with a word of noun_endings: a
// sentence ended on a noun, not a dangling particle.
func endsOnNoun(line string) bool {
	for _, e := range nounEndings {
		if strings.HasSuffix(line, e) {
			return true
		}
	}
	return false
}

// opensSentence reports whether line starts with a sentence opener
// (sentence_openers.tsv: なお, また …), maybe spaced out by PDF text: it
// begins a sentence, not the tail of a wrapped line.
func opensSentence(line string) bool {
	for _, opener := range sentenceOpeners {
		if hasSpacedPrefix(line, opener) {
			return true
		}
	}
	return false
}

// wrapWidth is the width in columns at which the lines of s were wrapped
// (PDF text, fixed-width mail), or 0 when they were not: the width within
// fixedWidthSlack columns below which most lines of fixedWidthMin columns
// or more end, when hardly one is wider by more than the slack
// (line_wraps.tsv).
func wrapWidth(s string) int {
	var counts [maxWrapColumns]int32 // lines by width; on the stack, no map a text
	long := 0
	for rest, more := s, true; more; {
		var l string
		l, rest, more = strings.Cut(rest, "\n")
		if len(l) < fixedWidthMin { // a byte is a column at most
			continue
		}
		w := columnsUpTo(strings.TrimSpace(l), maxWrapColumns)
		if w < fixedWidthMin {
			continue
		}
		counts[min(w, maxWrapColumns-1)]++ // the last: too wide to be wrapped
		long++
	}
	if long < fixedWidthLines {
		return 0
	}
	best, bestN := 0, 0
	for w := fixedWidthMin; w < maxWrapColumns-1; w++ {
		if counts[w] == 0 {
			continue // the width is one some line has
		}
		n := 0
		for d := 0; d <= fixedWidthSlack && w-d >= 0; d++ {
			n += int(counts[w-d])
		}
		if n >= bestN && n > 0 { // the widest of equals
			best, bestN = w, n
		}
	}
	if bestN < fixedWidthLines || bestN*100 < fixedWidthPercent*long {
		return 0
	}
	// Text wrapped at a width has hardly a line wider: a page's paragraphs
	// run on, and its list items of about one length are no wrap. Wider
	// by more than the slack: PDF text in proportional type ends its full
	// lines a few columns either side of the width (68 to 76 at 72).
	wider := 0
	for w := best + fixedWidthSlack + 1; w < maxWrapColumns; w++ {
		wider += int(counts[w])
	}
	if wider*100 > fixedWidthOverPercent*long {
		return 0
	}
	return best
}

// maxWrapColumns bounds the width a wrapped text is looked for at: a line
// of 200 columns or more is a paragraph on one line, no wrap.
const maxWrapColumns = 200

// columnsUpTo is min(max, the width of s in columns): a wide or full-width
// rune counts two, any other one.
func columnsUpTo(s string, max int) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			n++
			i++
		case (c >= 0xE4 && c <= 0xE9 || c == 0xE3 && s[min(i+1, len(s)-1)] <= 0x83) &&
			i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// U+3000–U+30FF and U+4000–U+9FFF, the punctuation, kana and
			// kanji of Japanese text: wide, read without decoding (the
			// few unassigned code points among them too).
			n += 2
			i += 3
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			n++
			if wide(r) {
				n++
			}
			i += size
		}
		if n >= max {
			return max
		}
	}
	return n
}

// wide reports whether r takes two columns in Japanese text: East Asian
// Wide or Fullwidth, and Ambiguous from U+1100 on (①, ※, ■, →, “ are set
// full-width in Japanese type); the kana, kanji and full-width forms by
// their ranges, any other rune by its Unicode property.
func wide(r rune) bool {
	switch {
	case r < 0x1100:
		return false // Latin, Greek, Cyrillic: half-width in Japanese type too
	case r >= 0x3041 && r <= 0x3096, r >= 0x3099 && r <= 0x30FF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xFF01 && r <= 0xFF60:
		return true // kana, CJK unified ideographs, full-width forms
	}
	k := width.LookupRune(r).Kind()
	return k == width.EastAsianWide || k == width.EastAsianFullwidth || k == width.EastAsianAmbiguous && r != utf8.RuneError
}

// wrapped reports whether next continues prev, a line that reached the
// width the text is wrapped at: prev ends with no sentence end (a Latin
// letter too: 「(以下「A」 then 「金融機関」という。)」), and next starts with
// Japanese or a digit and opens no line of its own, or with a bracket that
// opens no enumerator (「(木曜日)に発送した」, not 「(1) 概要」); or prev
// ends with a closing bracket and next opens with hiragana.
func wrapped(prev, next string) bool {
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	if openerOf[last] != "" {
		// A closing bracket ends the full line, and the next opens with
		// hiragana, a particle (「…物流子会社である三和倉庫(横浜市緑区)」 /
		// 「が7月下旬に…」): no line of a page opens with one. Or the
		// bracket closes a list's number, whose item goes on (「…(2)性別
		// (3)」 / 「生年月日 (4)メールアドレス…」).
		if enumeratorEndRE.MatchString(prev) {
			return goesOnWith(first)
		}
		return unicode.Is(unicode.Hiragana, first) && !opensSentence(next)
	}
	if last == ':' {
		// 「(本社:東京都千代田区、代表取締役社長:」 / 「鬼頭秀彰、以下、当社)」,
		// 「1.クレジットカード情報(番号、…、氏名):」 / 「最大444件」: a full
		// line ends on a label's colon, and its value follows.
		return goesOnWith(first)
	}
	if !(IsJapanese(last) || isDigit(last) || isLatinLetter(last)) || strings.ContainsRune(sentenceEnds, last) {
		return false
	}
	if first == '(' {
		return !enumeratorRE.MatchString(next)
	}
	if (first == '「' || first == '『' || isLatinLetter(first)) && IsJapanese(last) {
		// 「…村づくりサービス」 / 「「ふるさと住民票」の登録ユーザー…」, 「…が入った」 /
		// 「USBメモリを紛失した」: a quote or a Latin word goes on a sentence
		// that a full line broke off in Japanese.
		return true
	}
	if isDigit(last) && (first == ',' || first == '.') && len(next) > 1 && isDigit(rune(next[1])) {
		return true // 「約1」 / 「,400件」: a number broken before its separator
	}
	return goesOnWith(first) && !datelineAlone(next) && !(datedRow(next) && datedRow(prev) && !endsInDate(prev))
}

// datedRow reports whether l opens as a row of a dated list does (a
// timeline, 経過): a date with a month and a day (「6月5日」, 「令和6年6月5日」,
// 「2024/6/5」, 「6/5」), then its weekday's bracket or a gap (「6月5日(水)
// 外部の…」, 「2024/6/5 委託…」). A line that does, under a line that did
// too, is the list's next row, however full the row above it: wrapped
// prose breaks before such a date seldom, twice running hardly ever, and
// it goes on after a date with a particle (「10月15日の期間中に」).
func datedRow(l string) bool {
	end := dateOpening(l)
	if end <= 0 || end == len(l) {
		return false
	}
	return strings.ContainsRune("( :|", rune(l[end]))
}

// endsInDate reports whether l ends where a date goes on into the next
// line (「…~2012年」 / 「2月16日までの間」): on a digit, 年, 月 or a slash.
func endsInDate(l string) bool {
	r, _ := utf8.DecodeLastRuneInString(l)
	return isDigit(r) || r == '年' || r == '月' || r == '/'
}

// dateOpening returns where the date l opens with ends, or -1 when l opens
// with none that has a month and a day. An era name may open it.
func dateOpening(l string) int {
	rest, _ := cutEra(l)
	skip := len(l) - len(rest)
	var numbers, separators, dots int
	for i, r := range l[skip:] {
		at := skip + i
		switch {
		case isDigit(r):
			if at == 0 || !isDigit(rune(l[at-1])) {
				numbers++
			}
		case r == '年' || r == '月' || r == '/' || r == '元':
			separators++
		case r == '.':
			separators++
			dots++
		case r == '日':
			if numbers >= 2 && strings.Contains(l[skip:at], "月") {
				return at + len("日")
			}
			return -1
		default:
			// 「6/5 …」, 「2024/6/5 …」, 「2024.6.5 …」; not 「1.5倍」.
			if numbers >= 2 && numbers <= 3 && separators == numbers-1 &&
				(dots == 0 || numbers == 3) && !strings.ContainsAny(l[skip:at], "年月") {
				return at
			}
			return -1
		}
		if numbers > 3 {
			return -1
		}
	}
	return -1
}

// goesOnWith reports whether a line that opens with first may go on a
// full line's sentence: Japanese or a digit, and no mark that opens a
// line of its own (line_wraps.tsv line_openers).
func goesOnWith(first rune) bool {
	return (IsJapanese(first) || isDigit(first)) && !strings.ContainsRune(lineOpeners, first)
}

// inFullWidthRun reports whether a full line that ended with last, as laid
// out, broke inside a run of full-width letters and digits that goes on
// in next (「教員のＧ」 / 「ｏｏｇｌｅアカウント」, 「約１」 / 「，４００件」):
// Japanese type breaks such a run anywhere, as it breaks kanji.
func inFullWidthRun(last rune, next string) bool {
	first, _ := utf8.DecodeRuneInString(strings.TrimLeftFunc(next, unicode.IsSpace))
	return fullWidthAlnum(last) && (fullWidthAlnum(first) || first == '，' || first == '．')
}

// fullWidthAlnum reports whether r is a full-width Latin letter or digit.
func fullWidthAlnum(r rune) bool {
	return r >= '０' && r <= '９' || r >= 'Ａ' && r <= 'Ｚ' || r >= 'ａ' && r <= 'ｚ'
}

// wholeHeadline reports whether first, the text's first line (and the
// lines joined to it), is a headline that has ended: no 。 and one of
// headline_ends (line_wraps.tsv) at its end. A headline as wide as the
// wrapped lines of the text under it does not go on into its body.
func wholeHeadline(first string) bool {
	return !strings.Contains(first, "。") && slices.ContainsFunc(headlineEnds, func(e string) bool { return strings.HasSuffix(first, e) })
}

// headlineAbove reports whether first, the text's first line as joined so
// far, is a whole headline (wholeHeadline) that ends above next, whatever
// next opens with: 「…お詫びとお知らせについて」 / 「いわき市では、…」 would
// read as a wrap before hiragana, as it would before any rune in a text of
// fixed width. Unless next opens with a particle, which opens no sentence
// (「…公表したシステム障害について」 / 「の続報を発表した。」, a lead's line
// cut), or closes a bracket first left open (「…「…お詫びとお知らせ」 /
// 「」において、…」).
func headlineAbove(first, next string) bool {
	r, _ := utf8.DecodeRuneInString(next)
	return wholeHeadline(first) && !strings.ContainsRune(danglingParticles, r) && !closesOpenBracket(first, r)
}

// cutEra is s less the era name (line_wraps.tsv date_eras) it opens with,
// and whether it opens with one.
func cutEra(s string) (string, bool) {
	for _, e := range dateEras {
		if rest, ok := strings.CutPrefix(s, e); ok {
			return rest, true
		}
	}
	return s, false
}

// datelineAlone reports whether l is a date and nothing more but its
// weekday and time (「2021年5月21日 18:26」, 「令和5年8月1日(火)」,
// 「2024.06.25」): a year and a day, 年 and 日 or three numbers between
// two / or . separators, and no rune but digits, eras (date_eras), spaces
// and dateline_runes (line_wraps.tsv). A headline as wide as a wrapped
// text's lines does not go on into the dateline under it.
func datelineAlone(l string) bool {
	if len(l) > 64 {
		return false
	}
	l, _ = cutEra(l)
	var units, separators, numbers int
	inNumber := false
	for _, r := range l {
		digit := isDigit(r)
		if digit && !inNumber {
			numbers++
		}
		inNumber = digit
		switch {
		case digit || r == ' ':
		case r == '年' || r == '日':
			units++
		case r == '/' || r == '.':
			separators++
		case !strings.ContainsRune(datelineRunes, r):
			return false
		}
	}
	return numbers >= 2 && (units >= 2 && strings.ContainsRune(l, '年') && strings.ContainsRune(l, '日') || separators >= 2 && numbers >= 3)
}

// isLatinLetter reports whether r is an ASCII letter.
func isLatinLetter(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }

// enumeratorRE opens a list item: (1), (12), (a).
var enumeratorRE = regexp.MustCompile(`^\((?:\d{1,2}|[a-zA-Z])\)`)

// enumeratorEndRE: a line that ends with such a number, after a space or
// Japanese text (「(2)性別 (3)」).
var enumeratorEndRE = regexp.MustCompile(`[^\x21-\x7e]\((?:\d{1,2}|[a-zA-Z])\)$`)

// hasRunes reports whether s has at least n runes, without counting a long
// joined paragraph to its end: 4n bytes hold n runes at least.
func hasRunes(s string, n int) bool {
	return len(s) >= 4*n || utf8.RuneCountInString(s) >= n
}

// hasSpacedPrefix reports whether s, once its spaces are folded, starts
// with word, which is Japanese: a run of spaces between two Japanese runes
// is dropped, so any run may stand between word's runes.
func hasSpacedPrefix(s, word string) bool {
	for i, r := range word {
		if i > 0 {
			s = strings.TrimLeft(s, " ")
		}
		c, size := utf8.DecodeRuneInString(s)
		if c != r {
			return false
		}
		s = s[size:]
	}
	return true
}

// layoutGap reports whether the laid-out line l has a run of
// layout_gap_spaces white-space characters or more inside its text (not
// its indent, not its end): a line set in columns (「各位      令和2年2月26日」),
// which reaches a wrap width by its gap, not by running text.
func layoutGap(l string) bool {
	l = strings.TrimSpace(l)
	run := 0
	for _, r := range l {
		if !unicode.IsSpace(r) {
			run = 0
			continue
		}
		if run++; run >= layoutGapSpaces {
			return true
		}
	}
	return false
}

// laidOutWidth is the part of a laid-out line that its width counts when
// it is read as full: all of it but the white space at its end. An indent
// takes columns of the width the text was wrapped at (a paragraph's first
// line, 「　令和7年…」, ends as far right as the lines under it). The
// width a text is wrapped at is read from its lines without their indents
// (wrapWidth): an indented list's items are no wrapped lines.
func laidOutWidth(l string) string {
	return strings.TrimRightFunc(l, unicode.IsSpace)
}

// halfWidthRunes counts the printable ASCII of l but spaces.
func halfWidthRunes(l string) int {
	n := 0
	for i := 0; i < len(l); i++ {
		if l[i] > ' ' && l[i] < utf8.RuneSelf {
			n++
		}
	}
	return n
}
