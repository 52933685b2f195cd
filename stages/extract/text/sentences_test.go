package text

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/breachtrend/breachtrend/stages/extract/internal/extracttest"
)

// splitSentencesBefore and the functions after it are the sentence
// splitter as it was before its guards: the oracle of SplitSentences.
func splitSentencesBefore(text string) []Sentence {
	lines := strings.Split(text, "\n")
	var out []Sentence
	heading := ""
	for i, l := range lines {
		if l == "" {
			continue
		}
		if isHeadingBefore(l) {
			heading = l
		}
		item := isListItemBefore(l)
		for _, s := range splitAtPeriodsBefore(l) {
			for s := range cutLong(s, MaxSentenceRunes) { // the bound is not what this oracle checks
				out = append(out, Sentence{Text: s, Line: i, Heading: heading, Item: item})
			}
		}
	}
	return out
}

func splitAtPeriodsBefore(l string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range l {
		switch r {
		case '「', '(', '『', '【', '[':
			depth++
		case '」', ')', '』', '】', ']':
			if depth > 0 {
				depth--
			}
		case '。':
			if depth == 0 {
				end := i + utf8.RuneLen(r)
				if s := strings.TrimSpace(l[start:end]); s != "" {
					out = append(out, s)
				}
				start = end
			}
		}
	}
	if s := strings.TrimSpace(l[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func isHeadingBefore(l string) bool {
	n := utf8.RuneCountInString(l)
	if n > 40 || strings.Contains(l, "。") {
		return false
	}
	// The marks are rules/text/line_marks.tsv's (〇 heads a line since
	// 68e764d): the reference reads the same data, one prefix at a time.
	for _, m := range headingMarks {
		if strings.HasPrefix(l, m) {
			return true
		}
	}
	if headingNumber.MatchString(l) && n <= 30 && !strings.ContainsAny(l, "、,") {
		return true
	}
	return n <= 16 && !strings.ContainsAny(l, "、,:") && !isListItemBefore(l)
}

func isListItemBefore(l string) bool {
	for _, m := range BulletMarks {
		if strings.HasPrefix(l, m) {
			return true
		}
	}
	return itemNumber.MatchString(l)
}

func checkSentences(t *testing.T, text string) {
	t.Helper()
	got, want := SplitSentences(text), splitSentencesBefore(text)
	// Appended after what an earlier notice left, with its lines.
	before := []Sentence{{Text: "前の文。", Line: 3}}
	lines := []string{"前の行"}
	if got := AppendSentences(before, &lines, text); !slices.Equal(got[1:], want) || got[0] != before[0] {
		t.Fatalf("AppendSentences(%q) = %+v, want %+v after %+v", text, got, want, before[0])
	}
	if want := append([]string{"前の行"}, strings.Split(text, "\n")...); !reflect.DeepEqual(lines, want) {
		t.Fatalf("AppendSentences(%q)'s lines = %q, want %q", text, lines, want)
	}
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("SplitSentences(%q) = %+v, want %+v", text, got, want)
	}
	for l := range strings.SplitSeq(text, "\n") {
		if IsHeading(l) != isHeadingBefore(l) || isListItem(l) != isListItemBefore(l) {
			t.Fatalf("line %q: heading %v, item %v; want %v, %v", l, IsHeading(l), isListItem(l), isHeadingBefore(l), isListItemBefore(l))
		}
	}
}

func TestSentencesCorpus(t *testing.T) {
	for _, text := range extracttest.SeedTexts(t) {
		checkSentences(t, text)
	}
}

// TestSentencesRandom checks the splitter on random lines of headings,
// items and sentences.
func TestSentencesRandom(t *testing.T) {
	pieces := []string{"\n", "\n\n", " ", "。", "、", ",", ":", "「", "」", "(", ")", "【", "】", "[", "]", "■", "<", "・", "-", "*",
		"1.", "12)", "(3)", "a)", "一、", "十.", "第2", "IV.", "V", "あいうえお", "経緯", "2023年7月3日", "令和5年", "概要について",
		"\xe3", "\xff", "お知らせいたします。", "\xe3\x80", "\x80\x82", "\xe3\xe3\x80\x82", "\xf0\x9f"}
	for s := range extracttest.RandomStrings(7, 8, pieces, 20) {
		checkSentences(t, s)
	}
}

// FuzzSentences: SplitSentences cuts any text as the splitter before its
// guards and byte scans did.
func FuzzSentences(f *testing.F) {
	for _, s := range extracttest.FuzzSeeds {
		f.Add(s)
	}
	f.Add("「お知らせ。」です。\n(注。)\xe3\x80\x82。")
	f.Add("(\xe3\x80)。0") // a cut rune before a period
	f.Fuzz(checkSentences)
}
