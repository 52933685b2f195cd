package normalize

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"golang.org/x/text/unicode/norm"
)

// The oracle: Text and Chars as they were written before the one-pass
// canonicalChars and foldLines, step by step. Text must agree with it on
// every input.

func textOracle(s string) string {
	// A page's first line is read as a running header only where the
	// width source keeps the form feed: valid UTF-8 with no control
	// character but white space (widthSource).
	pageBreaks := utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
		return r < 0x20 && (r < '\t' || r > '\r') || r == 0x7f
	})
	raw := strings.Split(strings.ToValidUTF8(s, ""), "\n")
	s = strings.ToValidUTF8(s, "")
	s = mapRunesPlain(norm.NFKC.String(mapRunesPlain(s)))
	lines := furnitureOracle(strings.Split(s, "\n"), raw, pageBreaks)
	units := "(?:" + strings.Join(numberUnits, "|") + ")"
	spaced := len(regexp.MustCompile(`[0-9] +`+units).FindAllStringIndex(s, -1))
	together := len(regexp.MustCompile(`[0-9]`+units).FindAllStringIndex(s, -1))
	// A Latin word of two letters or more and the Japanese either side
	// of it, with spaces between or without.
	for _, m := range regexp.MustCompile(`[A-Za-z]{2,}`).FindAllStringIndex(s, -1) {
		if r, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[:m[0]], " ")); IsJapanese(r) {
			if strings.HasSuffix(s[:m[0]], " ") {
				spaced++
			} else {
				together++
			}
		}
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(s[m[1]:], " ")); IsJapanese(r) {
			if strings.HasPrefix(s[m[1]:], " ") {
				spaced++
			} else {
				together++
			}
		}
	}
	spacedLatin := spaced >= spacedNumbersMin && spaced > together
	for i, l := range lines {
		if t := strings.TrimSpace(l); strings.Contains(t, " ") && len(t) <= 48 && spacedDateOracleRE.MatchString(strings.ReplaceAll(t, " ", "")) {
			lines[i] = strings.ReplaceAll(t, " ", "") // a letter-spaced dateline
			continue
		}
		if t := strings.TrimSpace(l); letterSpacedOracle(t) {
			lines[i] = strings.ReplaceAll(t, " ", "") // a letter-spaced line
			continue
		}
		lines[i] = foldSpacesOracle(l, spacedLatin)
	}
	return strings.Join(joinBrokenLinesOracle(lines), "\n")
}

// The oracle's dateline rules, as patterns: a line of only digits, units
// and eras with a unit (spacedDate), a line that is only a date's start
// (dateSplit's prev) and one that opens with a date's next number.
var (
	spacedDateOracleRE = regexp.MustCompile(`^(?:明治|大正|昭和|平成|令和|[0-9年月日])*[年月日](?:明治|大正|昭和|平成|令和|[0-9年月日])*$`)
	dateStartOracleRE  = regexp.MustCompile(`^(?:(?:明治|大正|昭和|平成|令和)(?:[0-9]+年)?(?:[0-9]+月)?|[0-9]+年(?:[0-9]+月)?|[0-9]+月)$`)
	dateNextOracleRE   = regexp.MustCompile(`^[0-9]{1,4}[年月日]`)
	// A two-digit number of a date or a time split by a space: what was
	// written, a |, what follows the space (its spaces taken out).
	splitNumberOracleRE = regexp.MustCompile(`^[年月時][0-9]\|[0-9][日月時分]`)
)

// furnitureOracle is lines, the mapped lines of raw, less a PDF's page
// furniture: the lines that are only a page number N/M (N from 1 to M)
// when two or more such lines give different Ns of one M, and, with
// pageBreaks, a line whose raw form opens with a form feed and which reads
// (white space around it dropped) as a line before it does.
func furnitureOracle(lines, raw []string, pageBreaks bool) []string {
	re := regexp.MustCompile(`^([0-9]{1,3}) *(?:/) *([0-9]{1,3})$`)
	page := func(l string) (n, of int, ok bool) {
		m := re.FindStringSubmatch(strings.TrimSpace(l))
		if m == nil {
			return 0, 0, false
		}
		n, _ = strconv.Atoi(m[1])
		of, _ = strconv.Atoi(m[2])
		return n, of, n >= 1 && n <= of
	}
	pages := map[int]map[int]bool{}
	for _, l := range lines {
		if n, of, ok := page(l); ok {
			if pages[of] == nil {
				pages[of] = map[int]bool{}
			}
			pages[of][n] = true
		}
	}
	var out []string
	for i, l := range lines {
		if _, of, ok := page(l); ok && len(pages[of]) >= 2 {
			continue
		}
		t := strings.TrimSpace(l)
		if pageBreaks && len(raw) == len(lines) && strings.HasPrefix(strings.TrimLeft(raw[i], " \t"), "\f") && t != "" &&
			slices.ContainsFunc(lines[:i], func(p string) bool { return strings.TrimSpace(p) == t }) {
			continue
		}
		out = append(out, l)
	}
	return out
}

// letterSpacedOracle reports whether t is six pieces or more a single space
// apart, each but the last one rune, at least half opening with Japanese.
func letterSpacedOracle(t string) bool {
	if strings.Contains(t, "  ") {
		return false
	}
	ps := strings.Split(t, " ")
	if len(ps) < letterSpacedMin {
		return false
	}
	j := 0
	for k, p := range ps {
		if k < len(ps)-1 && len([]rune(p)) != 1 {
			return false
		}
		if r := []rune(p); len(r) > 0 && IsJapanese(r[0]) {
			j++
		}
	}
	return 2*j >= len(ps)
}

// numberBreakOracleRE matches the last runes of a line, a |, and the next
// line, where a number or a date was broken: a digit, then a unit (or
// more digits and a unit); or a digit and 年 or 月, then a day or month.
var numberBreakOracleRE = regexp.MustCompile(`(?:[0-9]\|[0-9]*(?:年|月|日|時|分|件|名|人|回|枚|通|台)|[0-9][年月]\|[0-9]{1,2}[月日])`)

// lastRunes is the last n runes of s.
func lastRunes(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// spacedYearOracle reports whether after, what follows a space that a digit
// precedes, is the rest of a letter-spaced year: up to 年, within six
// runes, one to three digits each a single space apart (a space before 年
// allowed).
func spacedYearOracle(after []rune) bool {
	k := -1
	for i := 0; i < len(after) && i < 7; i++ {
		if after[i] == '年' {
			k = i
			break
		}
	}
	if k < 1 {
		return false
	}
	part := strings.TrimSuffix(string(after[:k]), " ")
	ds := strings.Split(part, " ")
	if len(ds) > 3 {
		return false
	}
	for _, d := range ds {
		if len(d) != 1 || d[0] < '0' || d[0] > '9' {
			return false
		}
	}
	return true
}

func charsOracle(s string) string {
	s = mapRunesPlain(norm.NFKC.String(mapRunesPlain(strings.ToValidUTF8(s, ""))))
	return strings.Join(strings.Fields(s), " ")
}

func foldSpacesOracle(l string, spacedLatin bool) string {
	l = strings.TrimSpace(l)
	if !strings.ContainsRune(l, ' ') {
		return l
	}
	rs := []rune(l)
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r != ' ' {
			out = append(out, r)
			continue
		}
		j := i
		for j < len(rs) && rs[j] == ' ' {
			j++
		}
		if len(out) > 0 && j < len(rs) {
			prev, next := out[len(out)-1], rs[j]
			pj, nj := IsJapanese(prev), IsJapanese(next)
			latinAfter := j+1 < len(rs) && isLatinLetter(rs[j]) && (isLatinLetter(rs[j+1]) || rs[j+1] == ' ')
			latinBefore := len(out) > 1 && isLatinLetter(prev) && (isLatinLetter(out[len(out)-2]) || IsJapanese(out[len(out)-2]))
			if (pj && (nj || isDigit(next) || spacedLatin && latinAfter)) || (nj && (isDigit(prev) || spacedLatin && latinBefore)) || splitNumberOracleRE.MatchString(string(out[max(0, len(out)-2):])+"|"+strings.ReplaceAll(string(rs[j:]), " ", "")) ||
				isDigit(prev) && spacedYearOracle(rs[j:]) {
				i = j - 1
				continue
			}
		}
		out = append(out, ' ')
		i = j - 1
	}
	return string(out)
}

func joinBrokenLinesOracle(lines []string) []string {
	out := make([]string, 0, len(lines))
	blank := false
	for _, l := range lines {
		if l == "" {
			blank = true
			continue
		}
		if n := len(out); n > 0 && continuesOracle(out[n-1], l, blank) {
			out[n-1] += l
			blank = false
			continue
		}
		if blank && len(out) > 0 {
			out = append(out, "")
		}
		blank = false
		out = append(out, l)
	}
	return out
}

func continuesOracle(prev, next string, blank bool) bool {
	if p := strings.ReplaceAll(prev, " ", ""); len(prev) <= 48 && len(p) <= 24 && dateStartOracleRE.MatchString(p) &&
		dateNextOracleRE.MatchString(strings.ReplaceAll(next, " ", "")) {
		return true // a dateline broken over lines
	}
	last, _ := utf8.DecodeLastRuneInString(prev)
	first, _ := utf8.DecodeRuneInString(next)
	// A line that opens with the closer of a bracket the end of the line
	// before (its last bracketWindow bytes, from a rune's start) left open.
	if k := strings.IndexRune(")」』】", first); k >= 0 {
		opener := []rune("(「『【")[utf8.RuneCountInString(")」』】"[:k])]
		tail := prev
		if len(tail) > bracketWindow {
			tail = tail[len(tail)-bracketWindow:]
		}
		for len(tail) > 0 && !utf8.RuneStart(tail[0]) {
			tail = tail[1:]
		}
		// Forward, a closer with no opener before it in the tail closes
		// one the tail cut off.
		open := 0
		for _, r := range tail {
			switch {
			case r == opener:
				open++
			case r == first && open > 0:
				open--
			}
		}
		if open > 0 {
			return true
		}
	}
	// A line that ends on an opening bracket goes on.
	if !blank && strings.ContainsRune("(「『【", last) {
		return true
	}
	// A line that opens an aside (以下…) goes on the line before, unless
	// that one ends a sentence (a closing bracket is no end).
	if !blank && strings.HasPrefix(next, "(以下") && prev != "" && !strings.ContainsRune("。!?>:", last) {
		return true
	}
	// A sentence ended on a noun (…したもの, …したこと) is no broken phrase.
	nounEnd := strings.HasSuffix(prev, "もの") || strings.HasSuffix(prev, "こと")
	opener := false
	for _, o := range sentenceOpeners {
		opener = opener || strings.HasPrefix(next, o)
	}
	// A long line broken between a number and its unit, or inside a date
	// after its 年 or 月, goes on.
	if !blank && utf8.RuneCountInString(prev) >= 30 && numberBreakOracleRE.MatchString(lastRunes(prev, 3)+"|"+next) {
		return true
	}
	// A line broken by hand on a particle or a comma goes on.
	if !blank && strings.ContainsRune("をにがのへとやでっは、,", last) && utf8.RuneCountInString(prev) >= 30 &&
		(IsJapanese(first) || first >= '0' && first <= '9') && !strings.ContainsRune("・※●○■□◆◇▼▲★☆【「『(〈《<-~", first) && !opener && !nounEnd {
		return true
	}
	if !IsJapanese(first) || strings.ContainsRune("・※●○■□◆◇▼▲★☆【「『(〈《<-~", first) {
		return false
	}
	if !IsJapanese(last) || strings.ContainsRune("。!?」』)】>:", last) {
		return false
	}
	if blank {
		return utf8.RuneCountInString(prev) >= 20 && strings.ContainsRune("をにがのへとやでっは", last) &&
			unicode.Is(unicode.Hiragana, first) && !nounEnd
	}
	if utf8.RuneCountInString(prev) < 30 || strings.ContainsRune("すた", last) || !unicode.Is(unicode.Hiragana, first) {
		return false
	}
	for _, opener := range sentenceOpeners {
		if strings.HasPrefix(next, opener) {
			return false
		}
	}
	return true
}

// TestStableRunes checks isStable against the norm tables and the rune
// map: a stable rune must be one that canonicalChars may copy as it is.
func TestStableRunes(t *testing.T) {
	var buf [utf8.UTFMax]byte
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !isStable(r) {
			continue
		}
		b := utf8.AppendRune(buf[:0], r)
		switch {
		case !utf8.ValidRune(r) || r == utf8.RuneError:
			t.Errorf("%U is stable but not a valid rune", r)
		case hasMapping(r):
			t.Errorf("%U is stable but the rune map changes it", r)
		case !norm.NFKC.IsNormal(b):
			t.Errorf("%U is stable but not in NFKC", r)
		case !norm.NFKC.Properties(b).BoundaryBefore():
			t.Errorf("%U is stable but has no NFKC boundary before it", r)
		}
	}
}

// TestStableRunMatchesIsStable: stableRun, with its table of the
// three-byte runes, agrees with isStable on every rune, and on bytes that
// are not UTF-8 (a lone lead byte, a cut sequence, a surrogate's bytes).
func TestStableRunMatchesIsStable(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		c := string(r) // U+FFFD for a surrogate
		s := "ab" + c + "\x01"
		want := 2 // the run ends before c, or at the \x01
		if dec, _ := utf8.DecodeRuneInString(c); isStable(dec) {
			want += len(c)
		}
		if end, last := stableRun(s, 0); end != want || (want > 2 && last != 2) {
			t.Fatalf("%U: stableRun = %d, %d; want the run to end at %d", r, end, last, want)
		}
	}
	for _, s := range []string{"\xe3", "あ\xe3\x81", "\xed\xa0\x80", "\xe0\x80\x80", "\xff", "\xe9\xbf"} {
		end, _ := stableRun(s, 0)
		i := 0
		for i < len(s) {
			r, size := decodeRune(s, i)
			if !isStable(r) {
				break
			}
			i += size
		}
		if end != i {
			t.Errorf("stableRun(%q) ends at %d, the rune loop at %d", s, end, i)
		}
	}
}

// oracleInputs are the repository's sample texts: whole files and each of
// their lines.
func oracleInputs(t testing.TB) []string {
	files := testcorpus.SampleFiles(t)
	for _, g := range []string{"../../testdata/normalize/*.txt", "../../testdata/e2e/*/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	if len(files) == 0 {
		t.Fatal("no sample texts")
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
		out = append(out, strings.Split(string(b), "\n")...)
	}
	return out
}

func TestTextMatchesOracle(t *testing.T) {
	for _, s := range oracleInputs(t) {
		if got, want := Text(s), textOracle(s); got != want {
			t.Errorf("Text(%.60q) differs from the oracle:\n got %.200q\nwant %.200q", s, got, want)
		}
		if got, want := Chars(s), charsOracle(s); got != want {
			t.Errorf("Chars(%.60q) differs from the oracle:\n got %.200q\nwant %.200q", s, got, want)
		}
	}
}

// FuzzTextOracle: Text and Chars agree with the oracle. The seeds mix
// stable runs with what NFKC changes or composes across a piece boundary.
func FuzzTextOracle(f *testing.F) {
	for _, s := range []string{"か\u3099", "カ\u3099キ", "ｶﾞｷﾞ", "a\u0301b", "２０２３年７月２４日", "가\u11a8",
		"漢\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308\u0309\u030a\u030b\u030c\u030d\u030e\u030f\u0310\u0311\u0312\u0313\u0314\u0315\u0316\u0317\u0318\u0319\u031a\u031b\u031c\u031d\u031e\u031f\u0320\u0321字",
		"﹘〜～①", "⽇本⻑野", "ゟヿ", "a\xffか\u3099", "\ufffdか", "本件 に つ い て", "な お、", "お 客様", "ご 案内",
		"長い行がここで途中で切れていて次の行に続いていることがあるのでそれを\nな お書く", "一二三四五六七八九十ＡＢ１２",
		" \t\u3000x\u00a0y\r\n\n\n z "} {
		f.Add(s)
	}
	for _, s := range oracleInputs(f) {
		if len(s) < 400 {
			f.Add(s)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Chars(s), charsOracle(s); got != want {
			t.Fatalf("Chars(%q) = %q, oracle %q", s, got, want)
		}
		// The oracle models no fixed-width wrap (wrapWidth): a text read as
		// wrapped at a width joins its full lines, which the normalize cases
		// (rules/cases/normalize.tsv) and bench/wrapcheck cover instead.
		if c := canonicalChars(s); wrapWidth(widthSource(s, c)) > 0 {
			return
		}
		if got, want := Text(s), textOracle(s); got != want {
			t.Fatalf("Text(%q) = %q, oracle %q", s, got, want)
		}
	})
}

func hasMapping(r rune) bool {
	_, ok := mapRune(r)
	return ok
}

// TestSimpleRunesMatchOracle: each simple rune (simpleRunes), alone and
// before the neighbours that NFKC composes with or reorders (a combining
// mark, a Hangul jamo, a half-width voicing mark, another simple rune),
// is normalized as the oracle does it.
func TestSimpleRunesMatchOracle(t *testing.T) {
	simple := simpleRunes()
	if len(simple) < 1000 {
		t.Fatalf("%d simple runes", len(simple))
	}
	before := []string{"", "か", "Ａ", "\xff"}
	after := []string{"", "か", "\u3099", "\u0301", "\u0338", "\u1161", "\u11a8", "ﾞ", "Ａ", "\u00a0", "\xff"}
	for r := range simple {
		for _, before := range before {
			for _, after := range after {
				s := before + string(r) + after + "字"
				if got, want := Text(s), textOracle(s); got != want {
					t.Fatalf("Text(%q) = %q, oracle %q", s, got, want)
				}
				if got, want := Chars(s), charsOracle(s); got != want {
					t.Fatalf("Chars(%q) = %q, oracle %q", s, got, want)
				}
			}
		}
	}
}
