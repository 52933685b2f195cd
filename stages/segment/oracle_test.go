package segment

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/breachtrend/breachtrend/internal/testcorpus"
	"github.com/breachtrend/breachtrend/stages/normalize"
	"github.com/breachtrend/breachtrend/stages/title"
)

// The oracle: classify and splitPosts as they were before the one-pass
// term search and the measured cuts. The package must agree with it.

func classifyOracle(text string, header bool) (bool, float64) {
	n, a := scoreOracle(text, noticeTerms), scoreOracle(text, articleTerms)
	if header {
		n += headerPrior
	}
	margin := n - 1.5*a
	return n >= noticeThreshold && margin > 0, margin
}

func scoreOracle(text string, terms []weighted) float64 {
	s := 0.0
	for _, t := range terms {
		if strings.Contains(text, t.term) {
			s += t.weight
		}
	}
	return s
}

func splitPostsOracle(lines []string) [][]string {
	var out [][]string
	start := 0
	for i := 1; i < len(lines); i++ {
		if !isBoundary(lines, i) {
			continue
		}
		before := strings.Join(lines[start:i], "\n")
		after := strings.Join(lines[i:nextBoundaryOracle(lines, i)], "\n")
		if bodyLen(before) < minSide || bodyLen(after) < minSide {
			continue
		}
		nb, _ := Classify(normalize.Text(before))
		na, ma := Classify(normalize.Text(after))
		if nb != na && (nb || ma > 2) {
			out = append(out, lines[start:i])
			start = i
		}
	}
	return append(out, lines[start:])
}

func nextBoundaryOracle(lines []string, i int) int {
	for j := i + 1; j < len(lines); j++ {
		if isBoundary(lines, j) {
			return j
		}
	}
	return len(lines)
}

// sampleTexts are the sample corpus files, their segments and their lines,
// normalized.
func sampleTexts(t testing.TB) []string {
	var out []string
	for _, text := range testcorpus.SampleTexts(t) {
		out = append(out, normalize.Text(text))
		for _, s := range Split(text) {
			out = append(out, normalize.Text(s.Text))
		}
		for _, l := range strings.Split(text, "\n") {
			out = append(out, normalize.Text(l))
		}
	}
	return out
}

func TestClassifyMatchesOracle(t *testing.T) {
	for _, s := range sampleTexts(t) {
		for _, header := range []bool{false, true} {
			gotOK, gotM := classify(s, header)
			wantOK, wantM := classifyOracle(s, header)
			if gotOK != wantOK || gotM != wantM {
				t.Errorf("classify(%.60q, %v) = %v, %v; oracle %v, %v", s, header, gotOK, gotM, wantOK, wantM)
			}
		}
	}
}

// FuzzClassifyOracle: classify and splitPosts agree with the oracle.
func FuzzClassifyOracle(f *testing.F) {
	for _, s := range sampleTexts(f) {
		if len(s) < 2000 {
			f.Add(s)
		}
	}
	f.Add("当社の個人情報が漏えい\xffツールとは")
	f.Fuzz(func(t *testing.T, s string) {
		gotOK, gotM := classify(s, false)
		wantOK, wantM := classifyOracle(s, false)
		if gotOK != wantOK || gotM != wantM {
			t.Fatalf("classify(%q) = %v, %v; oracle %v, %v", s, gotOK, gotM, wantOK, wantM)
		}
		lines := strings.Split(s, "\n")
		if got, want := fmt.Sprint(postsOf(s)), fmt.Sprint(splitPostsOracle(lines)); got != want {
			t.Fatalf("splitPosts(%q) = %s; oracle %s", s, got, want)
		}
	})
}

func TestSplitPostsMatchesOracle(t *testing.T) {
	files := testcorpus.SampleFiles(t)
	for i, b := range testcorpus.SampleTexts(t) {
		text := strings.ReplaceAll(b, "\r\n", "\n")
		if got, want := fmt.Sprint(postsOf(text)), fmt.Sprint(splitPostsOracle(strings.Split(text, "\n"))); got != want {
			t.Errorf("%s: splitPosts differs from the oracle", files[i])
		}
	}
}

// postsOf is splitPosts on all of text, as the lines of each post.
func postsOf(text string) [][]string {
	d := newLineText(text)
	cuts := append(splitPosts(d, 0, len(d.lines)), len(d.lines))
	var out [][]string
	for k := range len(cuts) - 1 {
		out = append(out, d.lines[cuts[k]:cuts[k+1]])
	}
	return out
}

func TestLineTextJoin(t *testing.T) {
	for _, text := range []string{"", "a", "a\n", "\nb\n\nc", "一行目\n二行目\n\n"} {
		d := newLineText(text)
		for from := 0; from <= len(d.lines); from++ {
			for to := from; to <= len(d.lines); to++ {
				if got, want := d.join(from, to), strings.Join(d.lines[from:to], "\n"); got != want {
					t.Errorf("%q: join(%d, %d) = %q, want %q", text, from, to, got, want)
				}
			}
		}
	}
}

// titleOfOracle is titleOf written plainly: a header line as it is, else
// title.Of over the lines as normalize.Text folds them (wrapped lines
// joined), from the first that is not blank to titleFoldLines on; a
// segment of one line, title.Of of that line.
func titleOfOracle(lines []string) string {
	for i, l := range lines {
		if t := normalize.Text(l); t != "" {
			if _, ok := ParseHeader(l); ok {
				return t
			}
			if len(lines)-i == 1 {
				return title.Of(lines)
			}
			var top []string
			for _, l := range lines[i:] {
				if len(top) > 0 && strings.TrimSpace(l) != "" && nonBlankLines(top) == titleFoldLines {
					break
				}
				top = append(top, l)
			}
			// OfNormalized, not Of: Text of a line alone may fold a space
			// that Text of the whole kept (a text that sets its Latin
			// words apart decides for all its lines).
			return title.OfNormalized(strings.Split(normalize.Text(strings.Join(top, "\n")), "\n"))
		}
	}
	return title.Of(lines)
}

// nonBlankLines counts the lines of ls that are not blank.
func nonBlankLines(ls []string) int {
	n := 0
	for _, l := range ls {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

// TestTitleOfMatchesOracle: every segment of the sample texts, and the
// same behind blank lines, gets the oracle's title.
func TestTitleOfMatchesOracle(t *testing.T) {
	texts := append(testcorpus.SampleTexts(t), "", "\n \n\u3000\n", "\n\n【セキュリティ事件簿#2023-101】株式会社サンプル 不正アクセス\n本文")
	for _, text := range texts {
		lines := strings.Split(text, "\n")
		for from := 0; from < len(lines); from += max(1, len(lines)/50) {
			for _, piece := range [][]string{lines[from:], append([]string{"", "  ", "\t"}, lines[from:]...)} {
				if got, _, _ := titleOf(piece); got != titleOfOracle(piece) {
					t.Fatalf("titleOf(%.80q) = %q, oracle %q", strings.Join(piece, "\n"), got, titleOfOracle(piece))
				}
			}
		}
	}
}

// TestNormalizedMatchesText: a segment's Normalized, when Split sets it,
// is normalize.Text of its text; a one-line segment has it.
func TestNormalizedMatchesText(t *testing.T) {
	texts := append(testcorpus.SampleTexts(t),
		"令和5年1月1日、当社において不正アクセスが発生し、お客様10名の個人情報が漏えいした可能性があります。",
		"\n\n　個人情報の漏えいについて　\n\n",
		" \n\u3000\n当社サーバーへの不正アクセスについて\n\u00a0\n",
		"【セキュリティ事件簿#2023-101】株式会社サンプル 不正アクセス\n本文",
		"ｱｲｳ①\r\n",
	)
	set := 0
	for _, text := range texts {
		for _, s := range Split(text) {
			if s.Normalized == "" {
				if !strings.Contains(s.Text, "\n") {
					t.Errorf("one-line segment %q has no Normalized", s.Text)
				}
				continue
			}
			set++
			if want := normalize.Text(s.Text); s.Normalized != want {
				t.Errorf("Split(%.80q): Normalized %q, normalize.Text %q", s.Text, s.Normalized, want)
			}
		}
	}
	if set == 0 {
		t.Fatal("no segment has Normalized")
	}
}

// oneLineTexts are texts of one line for splitLine's oracle tests.
var oneLineTexts = []string{
	"",
	" \u3000\t",
	"令和5年1月1日、当社において不正アクセスが発生し、お客様10名の個人情報が漏えいした可能性があります。",
	"　個人情報の漏えいについて　",
	"【セキュリティ事件簿#2023-101】株式会社サンプル 不正アクセス 2023年6月29日",
	"【お知らせ】",
	"ｱｲｳ① ２０２３年 \u00a0 か\u3099\r",
	"\x01\u200b",
	"トップ > お知らせ > 個人情報の漏えいについて",
}

// TestSplitLineMatchesLines: Split of a text of one line (splitLine) is
// what splitLines, its way for every text, makes of it.
func TestSplitLineMatchesLines(t *testing.T) {
	for _, text := range oneLineTexts {
		if got, want := Split(text), splitLines(text); !reflect.DeepEqual(got, want) {
			t.Errorf("Split(%q) = %+v, splitLines %+v", text, got, want)
		}
	}
}
